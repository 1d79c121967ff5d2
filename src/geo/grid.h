/*
 * grid.h - a uniform grid spatial index over lat/lon points, for radius
 * queries, capped counts and nearest-first searches with removal.
 *
 * Invariants: cells are cell_km tall; each row of cells has its own longitude
 * width so that cells stay at most cell_km wide at the row's latitude (rows
 * nearer a pole have fewer, wider cells). Points live in flat arrays sorted by
 * cell (a counting sort at build: O(n), no per-point malloc; grid_rebuild
 * reuses the memory of an earlier build), so a query reads contiguous memory.
 * Every query reports the same points with the same distances, bit for bit
 * (one haversine test). Sized for millions of points: the cell count is kept
 * under a budget (2n + 64 unless told otherwise) by growing the cell size.
 * A grid may be queried from several threads while nothing removes points;
 * grid_remove and grid_rebuild need exclusive access.
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
 * [0, n) and id ids[k]. k is the point's rank (see grid_remove). Points with
 * invalid coordinates (see geo_valid) are left out. cell_km > 0 is a hint (a
 * larger cell may be chosen). The arrays are borrowed only during the call.
 * SY_ENOMEM or SY_EUSAGE. */
int grid_build(struct grid **out, const double *lat, const double *lon, const uint32_t *ids,
               size_t n, double cell_km, struct err *e);
/* As grid_build, into an existing grid whose memory is reused (grown when
 * needed), with a budget of cells: max_cells = 0 means 2n + 64. Every point
 * is live again. On error g is left empty (grid_count 0) and may be rebuilt. */
int grid_rebuild(struct grid *g, const double *lat, const double *lon, const uint32_t *ids,
                 size_t n, double cell_km, size_t max_cells, struct err *e);
void grid_free(struct grid *g);

/* Number of points indexed (invalid ones excluded), removed ones included. */
size_t grid_count(const struct grid *g);
/* Number of points not removed. */
size_t grid_live(const struct grid *g);
/* The ids of the live points in grid order (by cell), [grid_live]; borrowed,
 * valid until the next grid_remove or grid_rebuild. Visiting points in this
 * order keeps neighbouring queries in the same memory. Without removals, the
 * points are [0, grid_count). */
const uint32_t *grid_ids(const struct grid *g);
/* The cell size actually used, in km. */
double grid_cell_km(const struct grid *g);

/* Calls cb for every live point whose distance d to (lat, lon) satisfies
 * d <= r_max_km and, when r_min_km > 0, d > r_min_km: a caller may grow a
 * search ring by ring ([0,r1], (r1,r2], ...) and see each point once. Order:
 * by cell, deterministic for a given grid. Returns 0, or the callback's
 * non-zero value. */
int grid_query(const struct grid *g, double lat, double lon, double r_min_km, double r_max_km,
               grid_cb cb, void *ctx);

/* The number of live points with d <= r_km (those grid_query would report),
 * or cap if there are at least cap. Without removals, whole runs of cells
 * that lie well inside the circle are counted from the cell offsets, with no
 * distance computed, and only points near the circle are tested. */
size_t grid_count_within(const struct grid *g, double lat, double lon, double r_km, size_t cap);

/* grid_count_within(g, lat, lon, r_km, cap) for every live point, its own
 * position as centre (so the point itself is counted), into out[k] for the
 * point of rank k (see grid_remove); out[k] of other ranks is not written.
 * A cell with many points costs one query when the points within r_km minus
 * the cell's half diagonal of its centre are already cap. */
void grid_count_all(const struct grid *g, double r_km, size_t cap, uint32_t *out);

/* One point found by grid_nearest. */
struct grid_hit {
    uint32_t id;
    uint32_t tie; /* tie[id], or id: what orders equal distances */
    double dist_km;
};

/* Called by grid_nearest for a point that would enter the k best; non-zero
 * keeps it. */
typedef int (*grid_accept)(void *ctx, uint32_t id, double dist_km);

/* The k nearest live points to (lat, lon) with d <= r_max_km that accept
 * (may be NULL) keeps, by distance, then tie[id] (by id when tie is NULL),
 * then id: the first k of what grid_query reports, sorted that way. Writes them to out[0 .. return
 * value), nearest first. The search grows a ring at a time, doubling, from r_first_km (one cell
 * when 0) to r_max_km and stops as soon as k points are found, so its cost follows the local
 * density; a caller who knows that fewer than k points are within r_max_km passes r_first_km =
 * r_max_km. */
size_t grid_nearest(const struct grid *g, double lat, double lon, double r_first_km,
                    double r_max_km, size_t k, const uint32_t *tie, grid_accept accept, void *ctx,
                    struct grid_hit *out);

/* Takes the point of rank k (ids[k], or point k when ids == NULL) out of all
 * later queries, in O(1) (it is swapped with the last live point of its cell).
 * Returns 1 if it was removed, 0 if it was not live (already removed, invalid
 * coordinates or k out of range). */
int grid_remove(struct grid *g, size_t k);

#endif
