/*
 * alloc.h - allocation of supplies to demands as a minimum-cost flow.
 *
 * Pure computation over in-memory arrays: the caller (core/plan_run.c) groups
 * candidates into supply and demand nodes and gives each candidate arc its
 * benefit per unit in the objective's currency (euros, kg CO2e or tonnes).
 * alloc_solve builds the network of docs/impact.md (supply -> demand arcs, an
 * "untreated" arc from each supply to the sink, a "virgin purchase" arc into
 * each demand), solves it with mcf, and returns the flow that maximises the
 * total benefit.
 *
 * Scaling: quantities become integers at qty_scale steps per unit (default
 * 1000: kg for t, kWh for MWh, L for m3); benefits become integers at
 * cost_scale steps per objective unit and per quantity unit (default 100:
 * cents per t when the objective is euros). Every conversion is checked, and
 * mcf checks its own sums: a problem too large for 64-bit integers fails with
 * SY_EOVERFLOW instead of returning a wrong plan.
 */
#ifndef SY_ALLOC_H
#define SY_ALLOC_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

struct alloc_arc {
    uint32_t sup;   /* index of the supply node */
    uint32_t dem;   /* index of the demand node */
    double cap;     /* upper bound, quantity units; < 0 or NAN = arc unusable */
    double benefit; /* per quantity unit, objective units (may be negative) */
};

struct alloc_problem {
    const double *sup_qty; /* available per supply node, quantity units, >= 0 */
    size_t nsup;
    const double *dem_qty; /* wanted per demand node, quantity units, >= 0 */
    size_t ndem;
    const struct alloc_arc *arcs;
    size_t narcs;
    double qty_scale;  /* integer steps per quantity unit; 0 = 1000 */
    double cost_scale; /* integer steps per objective unit per quantity unit; 0 = 100 */
};

struct alloc_result {
    double *flow;      /* per arc, quantity units (narcs) */
    double *untreated; /* per supply node: left to its current disposal (nsup) */
    double *virgin;    /* per demand node: still bought new (ndem) */
    double benefit;    /* total, objective units, from the scaled integer costs */
    int64_t cost;      /* the integer optimum (-benefit scaled) */
};

/*
 * Solves p into r (arrays allocated here; free with alloc_result_release).
 * Arcs with a non-positive scaled benefit are never worth using and carry no
 * flow. SY_EINPUT (a negative or non-finite quantity, an arc to a node that
 * does not exist), SY_EOVERFLOW, SY_ENOMEM, SY_ELIMIT (too many nodes).
 */
int alloc_solve(const struct alloc_problem *p, struct alloc_result *r, struct err *e);
void alloc_result_release(struct alloc_result *r);

#endif
