/*
 * alloc.c - builds the allocation network from supply, demand and candidate
 * arrays, scales it to exact integers and solves it with the network simplex.
 *
 * Nodes: supplies 0..nsup-1, demands nsup..nsup+ndem-1, then V (the virgin
 * market, supplying every demand's full quantity) and T (the sink: disposal).
 * Arcs: one per usable candidate (cost -benefit), supply -> T (untreated, 0),
 * V -> demand (virgin purchase, 0), V -> T (virgin not needed, 0). Every
 * capacity is finite, so mcf can check its overflow bounds exactly.
 */
#include "optim/alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "optim/mcf.h"

/* Largest magnitude converted to an integer: well inside int64_t and exact in a double. */
#define ALLOC_INT_MAX 9007199254740992.0 /* 2^53 */

static int to_int(double v, double scale, int64_t *out, const char *what, size_t i, struct err *e)
{
    double x = v * scale;

    if (!isfinite(v))
        return err_set(e, SY_EINPUT, "%s %zu is not a finite number", what, i);
    if (fabs(x) >= ALLOC_INT_MAX)
        return err_set(e, SY_EOVERFLOW,
                       "overflow: %s %zu (%g) times the scale %g does not fit in 53 bits; "
                       "use smaller units or a smaller scale",
                       what, i, v, scale);
    *out = (int64_t)llround(x);
    return SY_OK;
}

void alloc_result_release(struct alloc_result *r)
{
    if (!r)
        return;
    free(r->flow);
    free(r->untreated);
    free(r->virgin);
    memset(r, 0, sizeof *r);
}

int alloc_solve(const struct alloc_problem *p, struct alloc_result *r, struct err *e)
{
    double qs = p->qty_scale > 0 ? p->qty_scale : 1000.0;
    double cs = p->cost_scale > 0 ? p->cost_scale : 100.0;
    int64_t *sup = NULL, *dem = NULL, sum_sup = 0, sum_dem = 0, v;
    int32_t *arc_id = NULL, *untreated_id = NULL, *virgin_id = NULL;
    struct mcf *m = NULL;
    size_t nnodes;
    int32_t V, T, a;
    int rc = SY_OK;

    memset(r, 0, sizeof *r);
    nnodes = p->nsup + p->ndem + 2;
    if (nnodes > (size_t)MCF_MAX_NODES / 2 || p->narcs > (size_t)MCF_MAX_NODES / 2)
        return err_set(e, SY_ELIMIT, "allocation too large: %zu supplies, %zu demands, %zu arcs",
                       p->nsup, p->ndem, p->narcs);
    r->flow = calloc(p->narcs ? p->narcs : 1, sizeof *r->flow);
    r->untreated = calloc(p->nsup ? p->nsup : 1, sizeof *r->untreated);
    r->virgin = calloc(p->ndem ? p->ndem : 1, sizeof *r->virgin);
    sup = calloc(p->nsup ? p->nsup : 1, sizeof *sup);
    dem = calloc(p->ndem ? p->ndem : 1, sizeof *dem);
    arc_id = malloc((p->narcs ? p->narcs : 1) * sizeof *arc_id);
    untreated_id = malloc((p->nsup ? p->nsup : 1) * sizeof *untreated_id);
    virgin_id = malloc((p->ndem ? p->ndem : 1) * sizeof *virgin_id);
    m = mcf_new((int32_t)nnodes, (int32_t)(p->narcs + p->nsup + p->ndem + 1));
    if (!r->flow || !r->untreated || !r->virgin || !sup || !dem || !arc_id || !untreated_id ||
        !virgin_id || !m) {
        rc = err_set(e, SY_ENOMEM, "out of memory building the allocation network");
        goto out;
    }
    V = (int32_t)(p->nsup + p->ndem);
    T = V + 1;
    for (size_t i = 0; i < p->nsup; i++) {
        if (!(p->sup_qty[i] >= 0)) {
            rc = err_set(e, SY_EINPUT, "supply %zu has a negative or unknown quantity (%g)", i,
                         p->sup_qty[i]);
            goto out;
        }
        if ((rc = to_int(p->sup_qty[i], qs, &sup[i], "supply", i, e)) != 0)
            goto out;
        if (__builtin_add_overflow(sum_sup, sup[i], &sum_sup)) {
            rc = err_set(e, SY_EOVERFLOW, "overflow: the sum of the supplies");
            goto out;
        }
    }
    for (size_t j = 0; j < p->ndem; j++) {
        if (!(p->dem_qty[j] >= 0)) {
            rc = err_set(e, SY_EINPUT, "demand %zu has a negative or unknown quantity (%g)", j,
                         p->dem_qty[j]);
            goto out;
        }
        if ((rc = to_int(p->dem_qty[j], qs, &dem[j], "demand", j, e)) != 0)
            goto out;
        if (__builtin_add_overflow(sum_dem, dem[j], &sum_dem)) {
            rc = err_set(e, SY_EOVERFLOW, "overflow: the sum of the demands");
            goto out;
        }
    }
    for (size_t k = 0; k < p->narcs; k++) {
        const struct alloc_arc *x = &p->arcs[k];
        int64_t cap, cost;

        arc_id[k] = -1;
        if (x->sup >= p->nsup || x->dem >= p->ndem) {
            rc = err_set(e, SY_EINPUT, "arc %zu joins supply %u and demand %u, which do not exist",
                         k, x->sup, x->dem);
            goto out;
        }
        if (!(x->cap > 0))
            continue; /* unknown or zero capacity: not allocatable */
        if ((rc = to_int(x->cap, qs, &cap, "arc capacity", k, e)) != 0 ||
            (rc = to_int(-x->benefit, cs, &cost, "arc benefit", k, e)) != 0)
            goto out;
        if (cap > sup[x->sup])
            cap = sup[x->sup];
        if (cap > dem[x->dem])
            cap = dem[x->dem];
        if (cost >= 0 || cap <= 0)
            continue; /* never better than leaving both sides as they are */
        a = mcf_add_arc(m, (int32_t)x->sup, (int32_t)(p->nsup + x->dem), 0, cap, cost);
        if (a < 0) {
            rc = err_set(e, a, "cannot add allocation arc %zu", k);
            goto out;
        }
        arc_id[k] = a;
    }
    for (size_t i = 0; i < p->nsup; i++) {
        untreated_id[i] = mcf_add_arc(m, (int32_t)i, T, 0, sup[i], 0);
        if (untreated_id[i] < 0) {
            rc = err_set(e, untreated_id[i], "cannot add an untreated arc");
            goto out;
        }
        mcf_set_supply(m, (int32_t)i, sup[i]);
    }
    for (size_t j = 0; j < p->ndem; j++) {
        virgin_id[j] = mcf_add_arc(m, V, (int32_t)(p->nsup + j), 0, dem[j], 0);
        if (virgin_id[j] < 0) {
            rc = err_set(e, virgin_id[j], "cannot add a virgin purchase arc");
            goto out;
        }
        mcf_set_supply(m, (int32_t)(p->nsup + j), -dem[j]);
    }
    /* V supplies every demand in full; what the symbiosis replaces flows on to T. */
    a = mcf_add_arc(m, V, T, 0, sum_dem, 0);
    if (a < 0) {
        rc = err_set(e, a, "cannot add the virgin surplus arc");
        goto out;
    }
    if (__builtin_add_overflow(sum_sup, sum_dem, &v)) {
        rc = err_set(e, SY_EOVERFLOW, "overflow: supplies plus demands");
        goto out;
    }
    mcf_set_supply(m, V, sum_dem);
    mcf_set_supply(m, T, -sum_sup);
    rc = mcf_solve(m, e);
    if (rc) {
        err_prefix(e, "allocation");
        goto out;
    }
    for (size_t k = 0; k < p->narcs; k++)
        r->flow[k] = arc_id[k] >= 0 ? (double)mcf_flow(m, arc_id[k]) / qs : 0.0;
    for (size_t i = 0; i < p->nsup; i++)
        r->untreated[i] = (double)mcf_flow(m, untreated_id[i]) / qs;
    for (size_t j = 0; j < p->ndem; j++)
        r->virgin[j] = (double)mcf_flow(m, virgin_id[j]) / qs;
    r->cost = mcf_cost(m);
    r->benefit = -(double)r->cost / (qs * cs);
out:
    mcf_free(m);
    free(sup);
    free(dem);
    free(arc_id);
    free(untreated_id);
    free(virgin_id);
    if (rc)
        alloc_result_release(r);
    return rc;
}
