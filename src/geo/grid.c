/*
 * grid.c - uniform lat/lon grid with per-row longitude widths (see grid.h).
 * Build: compute each point's cell, count, prefix-sum, scatter (counting sort).
 * Query: rows covering the latitude band, columns covering the bounding box,
 * then a chord test on float unit vectors and the exact haversine test on
 * each point the chord does not rule out. Removal swaps a point with the last
 * live point of its cell: cell c holds live points [start[c], cend[c]).
 */
#include "geo/grid.h"
#include "geo/geo.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DEG2RAD (3.14159265358979323846 / 180.0)

/* A point as a query reads it: one record, most often one cache line. */
struct gpt {
    float xyz[3]; /* unit vector: a cheap chord test first */
    uint32_t id;
    double lat, lon, cos; /* degrees, cos(lat) */
};

struct grid {
    double cell_km;
    double lat0, dlat; /* row r covers [lat0 + r*dlat, lat0 + (r+1)*dlat) */
    double lon0, lon1; /* longitude extent of the points */
    uint32_t nrows;
    double *row_dlon;    /* [nrows] column width in degrees */
    double *row_ceq;     /* [nrows] cos(lat) at the row's edge nearer the equator */
    uint32_t *row_ncols; /* [nrows] */
    uint32_t *row_off;   /* [nrows] index of the row's first cell */
    uint32_t ncells;
    uint32_t *start; /* [ncells + 1] first point of each cell */
    uint32_t *cend;  /* [ncells] end of the live points of each cell */
    size_t n, nlive, nin;
    struct gpt *pt;  /* [n] sorted by cell */
    uint32_t *pid;   /* [n] */
    uint32_t *prank; /* [n] rank k of each point in the build input */
    uint32_t *ppos;  /* [nin] position of the point of rank k, UINT32_MAX if none */
    uint32_t *cell;  /* [nin] build scratch */
    size_t cap_rows, cap_cells, cap_pts, cap_in;
};

void grid_free(struct grid *g)
{
    if (!g)
        return;
    free(g->row_dlon);
    free(g->row_ceq);
    free(g->row_ncols);
    free(g->row_off);
    free(g->start);
    free(g->cend);
    free(g->pt);
    free(g->pid);
    free(g->prank);
    free(g->ppos);
    free(g->cell);
    free(g);
}

size_t grid_count(const struct grid *g)
{
    return g ? g->n : 0;
}

size_t grid_live(const struct grid *g)
{
    return g ? g->nlive : 0;
}

const uint32_t *grid_ids(const struct grid *g)
{
    return g->pid;
}

double grid_cell_km(const struct grid *g)
{
    return g->cell_km;
}

/* Grows *p to hold need items of size bytes; 0 or -1. */
static int grid_grow(void **p, size_t need, size_t size)
{
    void *v = realloc(*p, (need ? need : 1) * size);

    if (!v)
        return -1;
    *p = v;
    return 0;
}

#define GRID_GROW(g, field, capf, need, mult)                                                      \
    ((need) * (mult) > (g)->capf &&                                                                \
     grid_grow((void **)&(g)->field, (need) * (mult), sizeof *(g)->field))

/* Lays out rows for the current cell_km; returns the number of cells, or 0 if
 * it would exceed limit (the caller then grows the cell). -1 on no memory. */
static long grid_layout(struct grid *g, double lat_min, double lat_max, uint64_t limit)
{
    uint64_t total = 0;
    double span = g->lon1 - g->lon0, nr;

    g->dlat = g->cell_km / GEO_KM_PER_DEG_LAT;
    g->lat0 = lat_min;
    nr = floor((lat_max - lat_min) / g->dlat) + 1;
    if (nr > (double)limit)
        return 0;
    g->nrows = (uint32_t)nr;
    if (g->nrows > g->cap_rows) {
        if (grid_grow((void **)&g->row_dlon, g->nrows, sizeof *g->row_dlon) ||
            grid_grow((void **)&g->row_ceq, g->nrows, sizeof *g->row_ceq) ||
            grid_grow((void **)&g->row_ncols, g->nrows, sizeof *g->row_ncols) ||
            grid_grow((void **)&g->row_off, g->nrows, sizeof *g->row_off))
            return -1;
        g->cap_rows = g->nrows;
    }
    for (uint32_t r = 0; r < g->nrows; r++) {
        double a = g->lat0 + r * g->dlat, b = g->lat0 + (r + 1) * g->dlat;
        double lo = fabs(a), hi = fabs(b);
        double worst = lo > hi ? lo : hi, c;

        if (worst > 89.0)
            worst = 89.0;
        c = cos(worst * DEG2RAD);
        g->row_dlon[r] = g->dlat / c;
        g->row_ceq[r] = a <= 0 && b >= 0 ? 1.0 : cos((lo < hi ? lo : hi) * DEG2RAD);
        g->row_ncols[r] = (uint32_t)floor(span / g->row_dlon[r]) + 1;
        g->row_off[r] = (uint32_t)total;
        total += g->row_ncols[r];
        if (total > limit)
            return 0;
    }
    return (long)total;
}

static uint32_t grid_row(const struct grid *g, double lat)
{
    double r = floor((lat - g->lat0) / g->dlat);

    if (r < 0)
        return 0;
    if (r >= g->nrows)
        return g->nrows - 1;
    return (uint32_t)r;
}

/* The cell of lon in row (an index into all cells), clamped to the row. */
static uint32_t grid_cell(const struct grid *g, uint32_t row, double lon)
{
    double c = floor((lon - g->lon0) / g->row_dlon[row]);

    if (c < 0)
        return g->row_off[row];
    if (c >= g->row_ncols[row])
        return g->row_off[row] + g->row_ncols[row] - 1;
    return g->row_off[row] + (uint32_t)c;
}

int grid_rebuild(struct grid *g, const double *lat, const double *lon, const uint32_t *ids,
                 size_t n, double cell_km, size_t max_cells, struct err *e)
{
    double lat_min = 90, lat_max = -90;
    size_t m = 0;
    long ncells;
    uint64_t limit;

    g->n = g->nlive = g->nin = 0;
    g->nrows = g->ncells = 0;
    if (!(cell_km > 0) || n > UINT32_MAX - 1)
        return err_set(e, SY_EUSAGE, "grid_build: cell size must be > 0 and n < 2^32");
    if (GRID_GROW(g, cell, cap_in, n, 1) || GRID_GROW(g, ppos, cap_in, n, 1))
        goto nomem;
    g->cap_in = n > g->cap_in ? n : g->cap_in;
    g->lon0 = 180;
    g->lon1 = -180;
    for (size_t k = 0; k < n; k++) {
        size_t i = ids ? ids[k] : k;
        if (!geo_valid(lat[i], lon[i]))
            continue;
        m++;
        if (lat[i] < lat_min)
            lat_min = lat[i];
        if (lat[i] > lat_max)
            lat_max = lat[i];
        if (lon[i] < g->lon0)
            g->lon0 = lon[i];
        if (lon[i] > g->lon1)
            g->lon1 = lon[i];
    }
    if (m == 0) {
        lat_min = lat_max = 0;
        g->lon0 = g->lon1 = 0;
    }
    limit = max_cells ? (uint64_t)max_cells : 2 * (uint64_t)m + 64;
    if (limit > UINT32_MAX / 2)
        limit = UINT32_MAX / 2;
    g->cell_km = cell_km;
    for (;;) {
        ncells = grid_layout(g, lat_min, lat_max, limit);
        if (ncells < 0)
            goto nomem;
        if (ncells > 0)
            break;
        g->cell_km *= 2;
    }
    if ((size_t)ncells + 1 > g->cap_cells) {
        if (grid_grow((void **)&g->start, (size_t)ncells + 1, sizeof *g->start) ||
            grid_grow((void **)&g->cend, (size_t)ncells + 1, sizeof *g->cend))
            goto nomem;
        g->cap_cells = (size_t)ncells + 1;
    }
    if (m > g->cap_pts) {
        if (grid_grow((void **)&g->pt, m, sizeof *g->pt) ||
            grid_grow((void **)&g->pid, m, sizeof *g->pid) ||
            grid_grow((void **)&g->prank, m, sizeof *g->prank))
            goto nomem;
        g->cap_pts = m;
    }
    g->ncells = (uint32_t)ncells;
    memset(g->start, 0, (g->ncells + 1) * sizeof *g->start);
    /* Counting sort by cell: count, exclusive prefix sum, scatter. */
    for (size_t k = 0; k < n; k++) {
        size_t i = ids ? ids[k] : k;
        uint32_t r;
        g->ppos[k] = UINT32_MAX;
        if (!geo_valid(lat[i], lon[i])) {
            g->cell[k] = UINT32_MAX;
            continue;
        }
        r = grid_row(g, lat[i]);
        g->cell[k] = grid_cell(g, r, lon[i]);
        g->start[g->cell[k] + 1]++;
    }
    for (uint32_t c = 0; c < g->ncells; c++)
        g->start[c + 1] += g->start[c];
    for (size_t k = 0; k < n; k++) {
        size_t i = ids ? ids[k] : k;
        struct gpt *pt;
        uint32_t pos;
        if (g->cell[k] == UINT32_MAX)
            continue;
        pos = g->start[g->cell[k]]++;
        pt = &g->pt[pos];
        pt->lat = lat[i];
        pt->lon = lon[i];
        pt->cos = cos(lat[i] * DEG2RAD);
        pt->id = (uint32_t)i;
        pt->xyz[0] = (float)(pt->cos * cos(lon[i] * DEG2RAD));
        pt->xyz[1] = (float)(pt->cos * sin(lon[i] * DEG2RAD));
        pt->xyz[2] = (float)sin(lat[i] * DEG2RAD);
        g->pid[pos] = (uint32_t)i;
        g->prank[pos] = (uint32_t)k;
        g->ppos[k] = pos;
    }
    /* The scatter advanced each start to the next cell's start: shift back. */
    memmove(g->start + 1, g->start, g->ncells * sizeof *g->start);
    g->start[0] = 0;
    memcpy(g->cend, g->start + 1, g->ncells * sizeof *g->cend);
    g->n = g->nlive = m;
    g->nin = n;
    return SY_OK;
nomem:
    g->n = g->nlive = g->nin = 0;
    g->nrows = g->ncells = 0;
    return err_set(e, SY_ENOMEM, "out of memory building a grid of %zu points", n);
}

int grid_build(struct grid **out, const double *lat, const double *lon, const uint32_t *ids,
               size_t n, double cell_km, struct err *e)
{
    struct grid *g = calloc(1, sizeof *g);
    int rc;

    *out = NULL;
    if (!g)
        return err_set(e, SY_ENOMEM, "out of memory building a grid of %zu points", n);
    rc = grid_rebuild(g, lat, lon, ids, n, cell_km, 0, e);
    if (rc) {
        grid_free(g);
        return rc;
    }
    *out = g;
    return SY_OK;
}

int grid_remove(struct grid *g, size_t k)
{
    uint32_t pos, last, c, r;

    if (k >= g->nin || (pos = g->ppos[k]) == UINT32_MAX)
        return 0;
    r = grid_row(g, g->pt[pos].lat);
    c = grid_cell(g, r, g->pt[pos].lon);
    last = --g->cend[c];
    if (last != pos) {
        g->pt[pos] = g->pt[last];
        g->pid[pos] = g->pid[last];
        g->prank[pos] = g->prank[last];
        g->ppos[g->prank[pos]] = pos;
    }
    g->ppos[k] = UINT32_MAX;
    g->nlive--;
    return 1;
}

/* The query centre: degrees, cos(lat), unit vector, the chord^2 band outside
 * which a point cannot be reported (with a margin for the float vectors:
 * about 2 m), and the limits on the haversine term and the distance. */
struct gq {
    double lat, lon, cq;
    double q[3];
    double lo2, hi2;
    double in2; /* chord^2 below which a point is surely within r_max (r_min <= 0) */
    double a_min, a_max, r_min, r_max;
};

#define GRID_CHORD_EPS 3e-7

/* The haversine term a for a distance d (monotonic in d up to half the globe). */
static double grid_a_of(double d_km)
{
    double h = d_km / (2.0 * GEO_EARTH_RADIUS_KM), s;

    if (h >= 3.14159265358979323846 / 2)
        return 2.0; /* beyond any point: accept all */
    s = sin(h);
    return s * s;
}

/* The chord between unit vectors d_km apart (2 beyond half the globe). */
static double grid_chord_of(double d_km)
{
    double h = d_km / (2.0 * GEO_EARTH_RADIUS_KM);

    if (h >= 3.14159265358979323846 / 2)
        return 2.0;
    return 2.0 * sin(h);
}

static void gq_centre(struct gq *p, double lat, double lon)
{
    double cq = cos(lat * DEG2RAD);

    p->lat = lat;
    p->lon = lon;
    p->cq = cq;
    p->q[0] = cq * cos(lon * DEG2RAD);
    p->q[1] = cq * sin(lon * DEG2RAD);
    p->q[2] = sin(lat * DEG2RAD);
}

/* Sets the ring r_min < d <= r_max (r_min <= 0: d <= r_max). Prefilters on the
 * chord and the haversine term have a little slack; the distance itself is
 * then tested, so that what is reported matches what is tested. */
static void gq_ring(struct gq *p, double r_min_km, double r_max_km)
{
    double ch = grid_chord_of(r_max_km) + GRID_CHORD_EPS;

    p->hi2 = ch * ch;
    p->lo2 = -1;
    if (r_min_km > 0 && (ch = grid_chord_of(r_min_km) - GRID_CHORD_EPS) > 0)
        p->lo2 = ch * ch;
    ch = grid_chord_of(r_max_km) - 2 * GRID_CHORD_EPS;
    p->in2 = r_min_km <= 0 && ch > 0 && r_max_km < 1000 ? ch * ch : -1;
    p->a_min = r_min_km > 0 ? grid_a_of(r_min_km * (1 - 1e-9)) : -1.0;
    p->a_max = grid_a_of(r_max_km * (1 + 1e-9) + 1e-9);
    p->r_min = r_min_km;
    p->r_max = r_max_km;
}

/* The one distance test of every query: 1 and *d if point k is in the ring. */
static inline int grid_test(const struct grid *g, uint32_t k, const struct gq *p, double *d)
{
    const struct gpt *pt = &g->pt[k];
    const float *v = pt->xyz;
    double dx = v[0] - p->q[0], dy = v[1] - p->q[1], dz = v[2] - p->q[2];
    double c2 = dx * dx + dy * dy + dz * dz, s1, s2, a;

    if (c2 > p->hi2 || c2 < p->lo2)
        return 0;
    s1 = sin((pt->lat - p->lat) * (DEG2RAD * 0.5));
    s2 = sin((pt->lon - p->lon) * (DEG2RAD * 0.5));
    a = s1 * s1 + p->cq * pt->cos * s2 * s2;
    if (a > p->a_max || a < p->a_min)
        return 0;
    if (a > 1.0)
        a = 1.0;
    *d = 2.0 * GEO_EARTH_RADIUS_KM * asin(sqrt(a));
    return !((p->r_min > 0 && *d <= p->r_min) || *d > p->r_max);
}

/* As grid_test, for counting: a point whose float chord is below the ring
 * by twice the margin of the float vectors is within it, no trigonometry. */
static inline int grid_in(const struct grid *g, uint32_t k, const struct gq *p)
{
    const float *v = g->pt[k].xyz;
    double dx = v[0] - p->q[0], dy = v[1] - p->q[1], dz = v[2] - p->q[2], d;
    double c2 = dx * dx + dy * dy + dz * dz;

    if (c2 > p->hi2)
        return 0;
    if (c2 < p->in2)
        return 1;
    return grid_test(g, k, p, &d);
}

/* Rows and longitude intervals covering the box around (lat, lon) of r_km. */
struct gspan {
    uint32_t r0, r1;
    int nivl;
    double ivl[2][2];
};

/* 0 if nothing of the grid can be within r_km. */
static int grid_span(const struct grid *g, double lat, double lon, double r_km, struct gspan *s)
{
    struct geo_bbox b;

    geo_bbox_around(lat, lon, r_km, &b);
    if (b.lat_max < g->lat0 || b.lat_min > g->lat0 + g->nrows * g->dlat)
        return 0;
    s->r0 = grid_row(g, b.lat_min);
    s->r1 = grid_row(g, b.lat_max);
    if (b.lon_min <= b.lon_max) {
        s->ivl[0][0] = b.lon_min;
        s->ivl[0][1] = b.lon_max;
        s->nivl = 1;
    } else {
        s->ivl[0][0] = b.lon_min;
        s->ivl[0][1] = 180.0;
        s->ivl[1][0] = -180.0;
        s->ivl[1][1] = b.lon_max;
        s->nivl = 2;
    }
    return 1;
}

/* Cells [*c0, *c1] (indices in the grid, row offset included) of row r for
 * interval v; 0 if the interval misses. */
static int grid_cols(const struct grid *g, const struct gspan *s, uint32_t r, int v, uint32_t *c0,
                     uint32_t *c1)
{
    if (s->ivl[v][1] < g->lon0 || s->ivl[v][0] > g->lon1)
        return 0;
    *c0 = grid_cell(g, r, s->ivl[v][0]);
    *c1 = grid_cell(g, r, s->ivl[v][1]);
    return 1;
}

int grid_query(const struct grid *g, double lat, double lon, double r_min_km, double r_max_km,
               grid_cb cb, void *ctx)
{
    struct gspan s;
    struct gq p;
    int rc;

    if (!g || g->nlive == 0 || !geo_valid(lat, lon) || !(r_max_km >= 0) || r_max_km < r_min_km ||
        !grid_span(g, lat, lon, r_max_km, &s))
        return 0;
    gq_centre(&p, lat, lon);
    gq_ring(&p, r_min_km, r_max_km);
    for (uint32_t r = s.r0; r <= s.r1; r++) {
        for (int v = 0; v < s.nivl; v++) {
            uint32_t c0, c1;
            if (!grid_cols(g, &s, r, v, &c0, &c1))
                continue;
            for (uint32_t c = c0; c <= c1; c++) {
                /* Without removals a row's cells are one run of points. */
                uint32_t to = g->nlive == g->n ? g->start[c1 + 1] : g->cend[c];
                for (uint32_t k = g->start[c]; k < to; k++) {
                    double d;
                    if (grid_test(g, k, &p, &d) && (rc = cb(ctx, g->pt[k].id, d)))
                        return rc;
                }
                if (g->nlive == g->n)
                    break;
            }
        }
    }
    return 0;
}

/* The columns of row r whose cells lie wholly within 0.99 r_km of the centre,
 * [*c0, *c1], from a planar bound: with dphi and dlambda the largest offsets
 * in a cell and cmax the largest cos(lat) between the centre and the row,
 * sin^2 x <= x^2 gives a <= (dphi/2)^2 + cmax^2 (dlambda/2)^2, so the distance
 * is at most 2R asin(D/2R) with D the planar distance, within 1% of D for D
 * up to thousands of km. 0 when there is no such column. */
static int grid_inner(const struct grid *g, const struct gq *p, uint32_t r, double r_km,
                      uint32_t *c0, uint32_t *c1)
{
    double a = g->lat0 + r * g->dlat, b = a + g->dlat, rin = 0.99 * r_km;
    double dy = fmax(fabs(a - p->lat), fabs(b - p->lat)) + 1e-9, dy_km, cmax, dlon, lo, hi;

    dy_km = dy * GEO_KM_PER_DEG_LAT;
    if (dy_km >= rin)
        return 0;
    if ((a <= 0 && p->lat >= 0) || (b >= 0 && p->lat <= 0))
        cmax = 1.0;
    else
        cmax = fmax(p->cq, g->row_ceq[r]);
    dlon = sqrt(rin * rin - dy_km * dy_km) / (GEO_KM_PER_DEG_LAT * cmax) - 1e-9;
    lo = ceil((p->lon - dlon - g->lon0) / g->row_dlon[r]);
    hi = floor((p->lon + dlon - g->lon0) / g->row_dlon[r]) - 1;
    if (lo < 0)
        lo = 0;
    if (hi > (double)g->row_ncols[r] - 1)
        hi = (double)g->row_ncols[r] - 1;
    if (lo > hi)
        return 0;
    *c0 = (uint32_t)lo;
    *c1 = (uint32_t)hi;
    return 1;
}

#define GRID_ROWS_KEPT 64

/* grid_count_within cell by cell: live points only, every point tested. */
static size_t grid_count_cells(const struct grid *g, const struct gspan *s, const struct gq *p,
                               size_t cap)
{
    size_t cnt = 0;

    for (uint32_t r = s->r0; r <= s->r1; r++)
        for (int v = 0; v < s->nivl; v++) {
            uint32_t c0, c1;
            if (!grid_cols(g, s, r, v, &c0, &c1))
                continue;
            for (uint32_t c = c0; c <= c1; c++)
                for (uint32_t k = g->start[c]; k < g->cend[c]; k++)
                    if (grid_in(g, k, p) && ++cnt >= cap)
                        return cap;
        }
    return cnt;
}

/* Counts points [from, to) within the ring of p, up to cap. */
static size_t grid_count_run(const struct grid *g, uint32_t from, uint32_t to, const struct gq *p,
                             size_t cnt, size_t cap)
{
    for (uint32_t k = from; k < to; k++)
        if (grid_in(g, k, p) && ++cnt >= cap)
            return cap;
    return cnt;
}

size_t grid_count_within(const struct grid *g, double lat, double lon, double r_km, size_t cap)
{
    struct gspan s;
    struct gq p;
    size_t cnt = 0;
    uint32_t nrow, mid, far;
    size_t total = 0;
    /* Per row of the span: its cells in the box [b0, b1] (b0 > b1: no point
     * there) and the run wholly inside [i0, i1], as cell indices. */
    uint32_t b0[GRID_ROWS_KEPT], b1[GRID_ROWS_KEPT], i0[GRID_ROWS_KEPT], i1[GRID_ROWS_KEPT];

    if (!g || g->nlive == 0 || cap == 0 || !geo_valid(lat, lon) || !(r_km >= 0) ||
        !grid_span(g, lat, lon, r_km, &s))
        return 0;
    gq_centre(&p, lat, lon);
    gq_ring(&p, 0, r_km);
    nrow = s.r1 - s.r0 + 1;
    /* Runs of cells wholly inside are counted from the cell offsets when
     * nothing was removed, the box does not wrap, and the radius is well
     * under the planar bound's limit. */
    if (nrow > GRID_ROWS_KEPT || s.nivl != 1 || g->nlive != g->n || r_km > 2000)
        return grid_count_cells(g, &s, &p, cap);
    for (uint32_t i = 0; i < nrow; i++) {
        uint32_t r = s.r0 + i, c0, c1;
        b0[i] = i0[i] = 1;
        b1[i] = i1[i] = 0;
        if (!grid_cols(g, &s, r, 0, &c0, &c1) || g->start[c0] == g->start[c1 + 1])
            continue;
        b0[i] = c0;
        b1[i] = c1;
        total += g->start[b1[i] + 1] - g->start[b0[i]];
    }
    /* Fewer points in the box than cap: testing them all is cheaper. */
    if (total < cap) {
        for (uint32_t i = 0; i < nrow; i++)
            if (b0[i] <= b1[i])
                cnt = grid_count_run(g, g->start[b0[i]], g->start[b1[i] + 1], &p, cnt, cap);
        return cnt;
    }
    /* The centre's row, then outwards: a dense place stops at once. */
    mid = grid_row(g, lat) - s.r0;
    far = mid > nrow - 1 - mid ? mid : nrow - 1 - mid;
    for (uint32_t dr = 0; dr <= far; dr++)
        for (int side = 0; side < 2; side++) {
            uint32_t i = side ? mid + dr : mid - dr, c0, c1;
            if ((side && (dr == 0 || dr > nrow - 1 - mid)) || (!side && dr > mid))
                continue;
            if (b0[i] > b1[i] || !grid_inner(g, &p, s.r0 + i, r_km, &c0, &c1))
                continue;
            c0 += g->row_off[s.r0 + i];
            c1 += g->row_off[s.r0 + i];
            if (c0 < b0[i])
                c0 = b0[i];
            if (c1 > b1[i])
                c1 = b1[i];
            if (c0 > c1)
                continue;
            i0[i] = c0;
            i1[i] = c1;
            cnt += g->start[c1 + 1] - g->start[c0];
            if (cnt >= cap)
                return cap;
        }
    /* Then the cells of the box left and right of the inner runs. */
    for (uint32_t i = 0; i < nrow && cnt < cap; i++) {
        if (b0[i] > b1[i])
            continue;
        if (i0[i] > i1[i]) {
            cnt = grid_count_run(g, g->start[b0[i]], g->start[b1[i] + 1], &p, cnt, cap);
            continue;
        }
        cnt = grid_count_run(g, g->start[b0[i]], g->start[i0[i]], &p, cnt, cap);
        cnt = grid_count_run(g, g->start[i1[i] + 1], g->start[b1[i] + 1], &p, cnt, cap);
    }
    return cnt;
}

void grid_count_all(const struct grid *g, double r_km, size_t cap, uint32_t *out)
{
    if (!g || cap > UINT32_MAX)
        return;
    for (uint32_t r = 0; r < g->nrows; r++) {
        double la = g->lat0 + (r + 0.5) * g->dlat;
        /* Runs of cells about r_km / 2 wide; the planar bound of grid_inner,
         * from a run's centre to its corners, with 1% to spare. */
        double hy = 0.5 * g->dlat * GEO_KM_PER_DEG_LAT;
        double wc = g->row_dlon[r] * GEO_KM_PER_DEG_LAT * g->row_ceq[r];
        uint32_t b = wc > 0 && 0.5 * r_km > wc ? (uint32_t)(0.5 * r_km / wc) : 1;
        double hx = 0.5 * b * wc, h = 1.01 * sqrt(hx * hx + hy * hy);
        uint32_t end = g->row_off[r] + g->row_ncols[r];
        for (uint32_t c = g->row_off[r]; c < end; c += b) {
            uint32_t c1 = c + b < end ? c + b : end, from = g->start[c], to = g->start[c1];
            if (from == to)
                continue;
            /* Everything within r - h of the centre is within r of each point
             * of the run: enough of them settle the whole run. */
            if (g->nlive == g->n && to - from >= 4 && r_km > 2 * h && geo_valid(la, 0)) {
                double lo = g->lon0 + (c - g->row_off[r] + 0.5 * b) * g->row_dlon[r];
                if (lo <= 180.0 && grid_count_within(g, la, lo, r_km - h, cap) >= cap) {
                    for (uint32_t k = from; k < to; k++)
                        out[g->prank[k]] = (uint32_t)cap;
                    continue;
                }
            }
            for (uint32_t cc = c; cc < c1; cc++)
                for (uint32_t k = g->start[cc]; k < g->cend[cc]; k++)
                    out[g->prank[k]] =
                        (uint32_t)grid_count_within(g, g->pt[k].lat, g->pt[k].lon, r_km, cap);
        }
    }
}

/* 1 if (d, t, id) comes before hit h. */
static inline int grid_before(double d, uint32_t t, uint32_t id, const struct grid_hit *h)
{
    if (d != h->dist_km)
        return d < h->dist_km;
    if (t != h->tie)
        return t < h->tie;
    return id < h->id;
}

/* Inserts (id, t, d) into the sorted best list out[0 .. *n) of at most k. */
static void grid_keep(struct grid_hit *out, size_t *n, size_t k, uint32_t id, uint32_t t, double d)
{
    size_t i = *n < k ? (*n)++ : k - 1;

    while (i > 0 && grid_before(d, t, id, &out[i - 1])) {
        out[i] = out[i - 1];
        i--;
    }
    out[i].id = id;
    out[i].tie = t;
    out[i].dist_km = d;
}

/* Once k points are kept, a point is of use only if not farther than the
 * k-th: its chord must be under that distance's, with the margin of the
 * float vectors (the exact test decides near the bound). Saves the
 * trigonometry of most points that cannot enter. */
static void grid_tighten(struct gq *p, double worst_km)
{
    double ch = grid_chord_of(worst_km) + 2 * GRID_CHORD_EPS;

    if (ch * ch < p->hi2)
        p->hi2 = ch * ch;
}

size_t grid_nearest(const struct grid *g, double lat, double lon, double r_first_km,
                    double r_max_km, size_t k, const uint32_t *tie, grid_accept accept, void *ctx,
                    struct grid_hit *out)
{
    struct gq p;
    size_t n = 0;
    double rho, prev = 0;

    if (!g || g->nlive == 0 || k == 0 || !geo_valid(lat, lon) || !(r_max_km >= 0))
        return 0;
    gq_centre(&p, lat, lon);
    rho = r_first_km > 0 ? r_first_km : g->cell_km;
    if (!(r_first_km > 0)) {
        /* From the density of the centre's cell: the radius that should hold
         * k points, with a margin (a guess: the rings below make it right). */
        uint32_t r = grid_row(g, lat), c = grid_cell(g, r, lon);
        double live = g->cend[c] - g->start[c];
        double area = g->cell_km * g->row_dlon[r] * GEO_KM_PER_DEG_LAT * p.cq;
        if (live >= k && area > 0) {
            double est = 1.3 * sqrt((double)k * area / (3.14159265358979323846 * live));
            if (est < rho)
                rho = est;
        }
    }
    if (!(rho < r_max_km))
        rho = r_max_km;
    for (;;) {
        struct gspan s;
        /* The ring (prev, rho]: every point nearer was seen by earlier rings. */
        gq_ring(&p, prev, rho);
        if (n == k)
            grid_tighten(&p, out[k - 1].dist_km);
        if (grid_span(g, lat, lon, rho, &s)) {
            /* The centre's row first, then outwards: the k-th distance
             * shrinks sooner. */
            uint32_t mid = grid_row(g, lat);
            uint32_t far = mid - s.r0 > s.r1 - mid ? mid - s.r0 : s.r1 - mid;
            for (uint32_t i = 0; i < 2 * far + 1; i++) {
                uint32_t dr = (i + 1) / 2, r;
                if (i % 2 == 1) {
                    if (dr > mid - s.r0)
                        continue;
                    r = mid - dr;
                } else {
                    if (dr > s.r1 - mid)
                        continue;
                    r = mid + dr;
                }
                for (int v = 0; v < s.nivl; v++) {
                    uint32_t c0, c1;
                    if (!grid_cols(g, &s, r, v, &c0, &c1))
                        continue;
                    if (g->start[c0] == g->start[c1 + 1])
                        continue;
                    for (uint32_t c = c0; c <= c1; c++)
                        for (uint32_t q = g->start[c]; q < g->cend[c]; q++) {
                            double d;
                            uint32_t id = g->pt[q].id, t;
                            if (!grid_test(g, q, &p, &d) || (n == k && d > out[k - 1].dist_km))
                                continue;
                            t = tie ? tie[id] : id;
                            if (n == k && !grid_before(d, t, id, &out[k - 1]))
                                continue;
                            if (accept && !accept(ctx, id, d))
                                continue;
                            grid_keep(out, &n, k, id, t, d);
                            if (n == k)
                                grid_tighten(&p, out[k - 1].dist_km);
                        }
                }
            }
        }
        if (n == k || rho >= r_max_km)
            return n;
        prev = rho;
        rho = 2 * rho < r_max_km ? 2 * rho : r_max_km;
    }
}
