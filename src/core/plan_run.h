/*
 * plan_run.h - `symbiose plan`: loads the candidates and flows of a territory
 * from the store and the factor tables from the knowledge base, allocates
 * supplies to demands (optim/alloc), values every line (optim/impact) and
 * stores the plan. Also the impact ledger of every candidate, unallocated.
 * Method, scaling and allocation rules: docs/impact.md.
 */
#ifndef SY_PLAN_RUN_H
#define SY_PLAN_RUN_H

#include "optim/impact.h"
#include "store/store.h"
#include "util/err.h"

enum plan_objective { PLAN_EUROS, PLAN_CO2E, PLAN_TONNES };

struct plan_opts {
    const char *territory;         /* NULL = candidates of every run */
    enum plan_objective objective; /* what the allocation maximises */
    int include_prospective;       /* also allocate prospective candidates (receiver by sector) */
    const char *factors_dir;       /* overrides: NULL, or a folder with some of the factor files */
    int ledger;                    /* 1: every candidate at its matched quantity, no allocation */
    int store;                     /* 1: save the plan (never the ledger) */
};

/* Parses "euros", "co2e", "tonnes". 0 or SY_EUSAGE with a message. */
int plan_objective_parse(const char *s, enum plan_objective *o, struct err *e);
const char *plan_objective_name(enum plan_objective o);

/*
 * Reads <kb_dir>/factors/{transport,disposal,virgin}.csv, then the files of
 * factors_dir (if any) over them. SY_EIO when a base file or factors_dir
 * cannot be read, SY_EINPUT with file:line:column for a bad row.
 */
int plan_load_factors(const char *kb_dir, const char *factors_dir, struct impact_factors *f,
                      struct err *e);

/*
 * Runs the allocation (or, with o->ledger, the ledger) and fills out: lines
 * owned by out (free with plan_release), totals the exact sum of the lines
 * (0 for a ledger, whose lines are alternatives and must not be added up).
 * With o->store the plan is saved in one transaction and out->id set.
 * SY_ENOTFOUND when the territory has no candidates (run `symbiose match`),
 * plus the errors of the store, of plan_load_factors and of alloc_solve.
 */
int plan_run(struct store *s, const char *kb_dir, const struct plan_opts *o, struct plan *out,
             struct err *e);

/* Sets the totals of p (tonnes, co2e_kg, euros, their ranges, and the
 * running_* sums of exchanges that already run) to the sums of its lines:
 * plan_run does, and so does a stored plan read back (the store keeps the
 * lines' ranges, not the totals'). */
void plan_add_totals(struct plan *p);
/* 1 if line l is an exchange that already runs (status running: its supply's
 * fate; existing: a synergy at stage running): shown, summed apart. */
int plan_line_runs(const struct plan_line *l);
/* Frees the lines of p and zeroes it. */
void plan_release(struct plan *p);

#endif
