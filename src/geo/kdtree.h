/*
 * kdtree.h - a static 3-d tree over lat/lon points (unit vectors), for nearest
 * neighbour and radius queries whose cost does not depend on the density of the
 * points (what matching asks: the nearest receivers, from a town centre to the
 * countryside, up to hundreds of km).
 *
 * Invariants: the tree is balanced and implicit (node i has children 2i+1 and
 * 2i+2, each splitting its range of points at the middle), leaves hold at most
 * KDTREE_LEAF points, points are stored in tree order. Pruning is done on
 * chord lengths between unit vectors (an exact monotonic function of the
 * great-circle distance, no approximation near poles or across 180 degrees).
 * Radius queries test each point that may be in range with the same haversine
 * formula as grid.h, so both indexes report the same points with the same
 * distances, bit for bit; nearest queries rank by chord and give distances
 * from it (within a metre). Immutable once built: may be queried from several
 * threads at once.
 */
#ifndef SY_KDTREE_H
#define SY_KDTREE_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

#define KDTREE_LEAF 16

struct kdtree;

/* Called for each point found: pos is the point's rank in tree order (see
 * kdtree_ids), id the caller's id, dist_km the haversine distance to the query
 * centre. A non-zero return stops the query and is returned by kdtree_query. */
typedef int (*kdtree_cb)(void *ctx, uint32_t pos, uint32_t id, double dist_km);

/* Builds a tree over points, as grid_build does: with ids == NULL the points
 * are lat[i], lon[i] and id i; otherwise lat[ids[k]], lon[ids[k]] and id
 * ids[k]. Invalid coordinates (geo_valid) are left out. The arrays are
 * borrowed for the call. O(n log n). SY_ENOMEM or SY_EUSAGE. */
int kdtree_build(struct kdtree **out, const double *lat, const double *lon, const uint32_t *ids,
                 size_t n, struct err *e);
void kdtree_free(struct kdtree *t);

/* Number of points indexed. */
size_t kdtree_count(const struct kdtree *t);
/* The id of each point in tree order, [kdtree_count]; borrowed. A caller may
 * lay out its own data in this order and index it with the pos of a hit. */
const uint32_t *kdtree_ids(const struct kdtree *t);

/* Gives each point a key, key[pos] in tree order (copied), so that queries
 * can leave out points above a q->key_max without looking at them: subtrees
 * whose smallest key exceeds it are skipped whole. SY_ENOMEM. */
int kdtree_set_keys(struct kdtree *t, const double *key, struct err *e);

/* A query centre and ring, prepared once and reused over several trees. */
struct kdtree_q {
    double q[3];     /* unit vector */
    double lat, lon; /* degrees */
    double cq;       /* cos(lat) */
    double lo2, hi2; /* chord^2 bounds of the ring, with a margin */
    double r_min, r_max;
    double key_max; /* points whose key (kdtree_set_keys) exceeds it are left out;
                     * INFINITY (what kdtree_q_centre sets) keeps them all */
};

/* Sets the centre of q (its ring is then [0, 0]). */
void kdtree_q_centre(struct kdtree_q *q, double lat, double lon);
/* Sets the ring of q: r_min_km < d <= r_max_km (r_min_km = 0: d <= r_max_km). */
void kdtree_q_ring(struct kdtree_q *q, double r_min_km, double r_max_km);
/* kdtree_query with a prepared centre and ring; the centre must be valid. */
int kdtree_search(const struct kdtree *t, const struct kdtree_q *q, kdtree_cb cb, void *ctx);

/* Calls cb for every point whose distance d to (lat, lon) satisfies
 * d <= r_max_km and, when r_min_km > 0, d > r_min_km (rings, as grid_query).
 * Order: tree order, deterministic. Returns 0 or the callback's value. */
int kdtree_query(const struct kdtree *t, double lat, double lon, double r_min_km, double r_max_km,
                 kdtree_cb cb, void *ctx);

/* One point found by kdtree_knn: its rank in tree order and its squared
 * chord to the query centre (unit sphere). */
struct kdtree_near {
    double c2;
    uint32_t pos;
};

/* The k nearest points to q's centre within q's r_max (r_min ignored, key_max
 * honoured), by chord length - the order of great-circle distance, up to the
 * float rounding of the stored unit vectors (well under a metre) - then by
 * pos, into out[0 .. return value), nearest first. One traversal, no
 * trigonometry: kdtree_chord_km gives the distances, and a caller checks
 * them against r_max (points within CHORD_EPS, about 2 m, beyond it may be
 * reported). k >= 1. */
size_t kdtree_knn(const struct kdtree *t, const struct kdtree_q *q, size_t k,
                  struct kdtree_near *out);
/* The great-circle distance in km of a squared chord (kdtree_near.c2): within
 * a metre of the haversine distance (the stored unit vectors are floats). */
double kdtree_chord_km(double c2);

#endif
