/*
 * mcf.h - minimum-cost flow by the primal network simplex method.
 *
 * Pure computation, no I/O. Build a network with mcf_new, mcf_add_arc and
 * mcf_set_supply, call mcf_solve, then read mcf_cost and mcf_flow. See
 * docs/internals/mcf.md for the algorithm and the overflow policy.
 *
 * Invariants: nodes are numbered 0..n-1 and arcs 0..m-1 in the order they
 * were added; every quantity is an exact int64_t; MCF_INF as an upper bound
 * means "no capacity limit". A positive supply is a source, a negative one a
 * sink, and supplies must sum to 0 (otherwise mcf_solve reports infeasible).
 */
#ifndef SY_MCF_H
#define SY_MCF_H

#include <stdint.h>

#include "util/err.h"

#define MCF_INF INT64_MAX

/* The largest node count: nodes + arcs + 1 must fit in an int32_t. */
#define MCF_MAX_NODES (INT32_MAX - 1)

struct mcf;

struct mcf_stats {
    int64_t pivots;     /* simplex pivots, degenerate ones included */
    int64_t degenerate; /* pivots that moved no flow */
    int32_t block_size; /* arcs priced per block in the last solve */
};

/*
 * Returns a network with n_nodes nodes, no arcs and zero supplies, with room
 * for n_arcs_hint arcs before growing. Returns NULL when out of memory or when
 * n_nodes is outside 0..MCF_MAX_NODES. Free it with mcf_free.
 */
struct mcf *mcf_new(int32_t n_nodes, int32_t n_arcs_hint);

/* Frees m and everything it holds. NULL is allowed. */
void mcf_free(struct mcf *m);

/*
 * Adds an arc from -> to carrying between lower and upper units at cost per
 * unit. upper may be MCF_INF; lower must be finite (it may be negative) and
 * lower > upper is reported by mcf_solve as infeasible. Parallel arcs and
 * loops (from == to) are allowed. Returns the arc index (>= 0), SY_EUSAGE for
 * a node outside 0..n-1, SY_ELIMIT past MCF_MAX_NODES nodes + arcs, or
 * SY_ENOMEM.
 */
int32_t mcf_add_arc(struct mcf *m, int32_t from, int32_t to, int64_t lower, int64_t upper,
                    int64_t cost);

/* Sets the supply of node (positive: source, negative: sink). SY_EUSAGE for a bad node. */
int mcf_set_supply(struct mcf *m, int32_t node, int64_t supply);

int32_t mcf_node_count(const struct mcf *m);
int32_t mcf_arc_count(const struct mcf *m);
int64_t mcf_supply(const struct mcf *m, int32_t node);
/* The end points of an arc as given to mcf_add_arc. */
int32_t mcf_arc_from(const struct mcf *m, int32_t arc);
int32_t mcf_arc_to(const struct mcf *m, int32_t arc);

/* Arcs priced per block of the pivot search; 0 (the default) means about sqrt(arcs). */
void mcf_set_block_size(struct mcf *m, int32_t block_size);

/*
 * Finds a minimum-cost flow. Returns 0, or with a message in e:
 * SY_EINFEASIBLE (supplies do not sum to 0, a lower bound exceeds its upper
 * bound, or no flow meets the supplies within the bounds), SY_EUNBOUNDED (a
 * negative-cost cycle of unlimited capacity), SY_EOVERFLOW (the problem's
 * numbers are too large for exact 64-bit arithmetic; see mcf.md), SY_ENOMEM.
 * May be called again after changing supplies or adding arcs.
 */
int mcf_solve(struct mcf *m, struct err *e);

/* The optimal total cost; 0 unless the last mcf_solve succeeded. */
int64_t mcf_cost(const struct mcf *m);

/* The optimal flow on arc (lower bound included); 0 unless the last mcf_solve succeeded. */
int64_t mcf_flow(const struct mcf *m, int32_t arc);

/*
 * An optimal dual price of node: for every arc with 0 < flow - lower < upper - lower,
 * cost + potential(from) - potential(to) == 0, and it is >= 0 at the lower bound, <= 0 at
 * the upper bound. 0 unless the last mcf_solve succeeded.
 */
int64_t mcf_potential(const struct mcf *m, int32_t node);

/* Counters of the last mcf_solve. */
void mcf_stats(const struct mcf *m, struct mcf_stats *s);

#endif
