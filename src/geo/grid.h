/*
 * grid.h - a uniform grid spatial index over lat/lon points, for radius queries.
 *
 * Invariants: cells are cell_km tall; each row of cells has its own longitude
 * width so that cells stay about cell_km wide at the row's latitude (rows nearer
 * a pole have fewer, wider cells). Points live in flat arrays sorted by cell
 * (a counting sort at build: O(n), three allocations, no per-point malloc), so
 * a query reads contiguous memory. The grid is immutable once built and may be
 * queried from several threads. Sized for millions of points: the cell count is
 * kept at most about 2n + 64 by growing the cell size when needed.
 */
#ifndef SY_GRID_H
#define SY_GRID_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

struct grid;

/* Called for each point found; id is the caller's id of the point, dist_km its
 * great-circle distance to the query centre. A non-zero return stops the query
 * and is returned by grid_query. */
typedef int (*grid_cb)(void *ctx, uint32_t id, double dist_km);

/* Builds a grid over points. With ids == NULL the points are lat[i], lon[i] for
 * i in [0, n) and id i; otherwise they are lat[ids[k]], lon[ids[k]] for k in
 * [0, n) and id ids[k]. Points with invalid coordinates (see geo_valid) are
 * left out. cell_km > 0 is a hint (a larger cell may be chosen). The arrays
 * are borrowed only during the call. SY_ENOMEM or SY_EUSAGE. */
int grid_build(struct grid **out, const double *lat, const double *lon, const uint32_t *ids,
               size_t n, double cell_km, struct err *e);
void grid_free(struct grid *g);

/* Number of points indexed (invalid ones excluded). */
size_t grid_count(const struct grid *g);
/* The cell size actually used, in km. */
double grid_cell_km(const struct grid *g);

/* Calls cb for every indexed point whose distance d to (lat, lon) satisfies
 * d <= r_max_km and, when r_min_km > 0, d > r_min_km: a caller may grow a
 * search ring by ring ([0,r1], (r1,r2], ...) and see each point once. Order:
 * by cell, deterministic for a given grid. Returns 0, or the callback's
 * non-zero value. */
int grid_query(const struct grid *g, double lat, double lon, double r_min_km, double r_max_km,
               grid_cb cb, void *ctx);

#endif
