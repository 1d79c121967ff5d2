/*
 * plan.c - symbiose plan: allocate supplies to demands with the network
 * simplex and print the plan with its impact (tonnes, CO2e, euros) and the
 * factors behind every figure; --ledger prints the impact of every candidate.
 */
#include "cli/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/plan_run.h"

static const char plan_usage[] =
    "usage: symbiose plan [--territory T] [--objective euros|co2e|tonnes]\n"
    "                     [--include-prospective] [--factors DIR] [--ledger]\n"
    "                     [--no-store] [--format table|csv|json]\n"
    "\n"
    "Allocates each supply to the receivers of its substitution candidates so\n"
    "that the chosen benefit is largest (default euros saved), the rest going to\n"
    "its current disposal and unmet demand to virgin purchases. Prints one line\n"
    "per synergy kept, then a 'total' line that is the sum of the lines, and\n"
    "stores the plan (unless --no-store). Every line names the factors used,\n"
    "their source and version; quality is 'estimated' when a quantity or a\n"
    "CO2e factor is estimated (euro values carry their own flag in sources).\n"
    "\n"
    "  --ledger      the impact of every candidate at its matched quantity, not\n"
    "                allocated: lines are alternatives, so there is no total\n"
    "  --factors DIR transport.csv, disposal.csv or virgin.csv whose rows replace\n"
    "                those of data/factors by id or prefix ($SYMBIOSE_FACTORS)\n"
    "\n"
    "Method and factors: docs/impact.md, data/factors/README.md.\n";

/* "line" (synergy, candidate or total), then the plan line's columns. */
#define PLAN_NCOLS 13

static void plan_cols(struct out_col *cols)
{
    cols[0].name = "line";
    cols[0].numeric = 0;
    cols[0].max_width = 0;
    for (size_t i = 0; i < rec_plan_line.ncols && i + 1 < PLAN_NCOLS; i++) {
        cols[i + 1].name = rec_plan_line.cols[i].name;
        cols[i + 1].numeric = rec_plan_line.cols[i].type != REC_TEXT;
        cols[i + 1].max_width = rec_plan_line.cols[i].width;
    }
}

static int print_line(struct out *o, const char *kind, const struct plan_line *l)
{
    char bufs[PLAN_NCOLS][64];
    const char *v[PLAN_NCOLS];

    v[0] = kind;
    for (size_t i = 0; i + 1 < PLAN_NCOLS; i++)
        v[i + 1] = rec_get(&rec_plan_line, i, l, bufs[i], sizeof bufs[i]);
    return out_row(o, v);
}

static int print_total(struct out *o, const struct plan *p)
{
    char t[32], co2[32], eur[32], note[160];
    const char *v[PLAN_NCOLS] = {0};
    int est = 0;

    for (size_t i = 0; i < p->n; i++)
        est |= strcmp(p->lines[i].quality, "declared") != 0;
    snprintf(t, sizeof t, "%.3f", p->tonnes);
    snprintf(co2, sizeof co2, "%.1f", p->co2e_kg);
    snprintf(eur, sizeof eur, "%.2f", p->euros);
    if (p->id > 0)
        snprintf(note, sizeof note, "sum of the %zu lines; plan %ld, objective %s", p->n, p->id,
                 p->objective);
    else
        snprintf(note, sizeof note, "sum of the %zu lines; not stored, objective %s", p->n,
                 p->objective);
    v[0] = "total";
    v[1] = p->territory;
    v[7] = t;
    v[8] = co2;
    v[9] = eur;
    v[10] = est ? "estimated" : "declared";
    v[11] = note;
    return out_row(o, v);
}

int cmd_plan(struct cli *c, int argc, char **argv)
{
    struct plan_opts po = {0};
    struct knowledge *k = NULL;
    const char *factors_dir;
    enum out_format fmt = OUT_TABLE;
    struct plan p = {0};
    struct store *s = NULL;
    struct out *o = NULL;
    struct out_col cols[PLAN_NCOLS];
    const char *v;
    int rc, got;

    if (cli_wants_help(argc, argv)) {
        fputs(plan_usage, c->out);
        return SY_OK;
    }
    po.objective = PLAN_EUROS;
    po.store = 1;
    factors_dir = getenv("SYMBIOSE_FACTORS");
    if (factors_dir && !factors_dir[0])
        factors_dir = NULL;
    for (int i = 1; i < argc; i++) {
        if ((got = cli_opt(c, argc, argv, &i, "--format", &v)) != 0) {
            if (got < 0 || cli_format(c, v, &fmt, 0))
                return SY_EUSAGE;
        } else if ((got = cli_opt(c, argc, argv, &i, "--territory", &v)) != 0) {
            if (got < 0)
                return SY_EUSAGE;
            po.territory = v;
        } else if ((got = cli_opt(c, argc, argv, &i, "--objective", &v)) != 0) {
            if (got < 0 || plan_objective_parse(v, &po.objective, &c->err))
                return SY_EUSAGE;
        } else if ((got = cli_opt(c, argc, argv, &i, "--factors", &v)) != 0) {
            if (got < 0)
                return SY_EUSAGE;
            factors_dir = v;
        } else if (strcmp(argv[i], "--include-prospective") == 0) {
            po.include_prospective = 1;
        } else if (strcmp(argv[i], "--ledger") == 0) {
            po.ledger = 1;
        } else if (strcmp(argv[i], "--no-store") == 0) {
            po.store = 0;
        } else {
            return cli_bad_arg(c, "plan", argv[i]);
        }
    }
    if (!c->kb_dir)
        return err_set(&c->err, SY_EUSAGE,
                       "no knowledge base folder: pass --kb DIR or set $SYMBIOSE_KB to the "
                       "data/ folder of the repository");
    rc = knowledge_load(c->kb_dir, factors_dir, KNOW_PLAN, &k, &c->err);
    if (rc)
        return rc;
    rc = cli_open_store(c, &s);
    if (!rc)
        rc = plan_run(s, k, &po, &p, &c->err);
    if (rc)
        goto out;
    plan_cols(cols);
    o = out_new(c->out, fmt, cols, PLAN_NCOLS);
    if (!o) {
        rc = err_set(&c->err, SY_ENOMEM, "out of memory printing the plan");
        goto out;
    }
    for (size_t i = 0; !rc && i < p.n; i++)
        rc = print_line(o, po.ledger ? "candidate" : "synergy", &p.lines[i]);
    if (!rc && !po.ledger)
        rc = print_total(o, &p);
    if (!rc)
        rc = out_finish(o);
    if (!rc && !c->quiet && !po.ledger) {
        char id[32] = "(not stored)";

        if (p.id > 0)
            snprintf(id, sizeof id, "%ld stored", p.id);
        fprintf(c->errf,
                "plan %s, objective %s: %zu synergies, %.1f t diverted, %.1f kg CO2e avoided, "
                "%.2f EUR saved; %.1f t of supply left to its current disposal\n",
                id, p.objective, p.n, p.tonnes, p.co2e_kg, p.euros, p.untreated_qty);
    }
out:
    out_free(o);
    plan_release(&p);
    store_close(s);
    knowledge_free(k);
    return rc;
}
