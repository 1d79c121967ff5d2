/*
 * grid.c - uniform lat/lon grid with per-row longitude widths (see grid.h).
 * Build: compute each point's cell, count, prefix-sum, scatter (counting sort).
 * Query: rows covering the latitude band, columns covering the bounding box,
 * then a chord test on float unit vectors and the exact haversine test on
 * each point the chord does not rule out.
 */
#include "geo/grid.h"
#include "geo/geo.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DEG2RAD (3.14159265358979323846 / 180.0)

struct grid {
    double cell_km;
    double lat0, dlat; /* row r covers [lat0 + r*dlat, lat0 + (r+1)*dlat) */
    double lon0, lon1; /* longitude extent of the points */
    uint32_t nrows;
    double *row_dlon;    /* [nrows] column width in degrees */
    uint32_t *row_ncols; /* [nrows] */
    uint32_t *row_off;   /* [nrows] index of the row's first cell */
    uint32_t ncells;
    uint32_t *start; /* [ncells + 1] first point of each cell */
    size_t n;
    double *plat, *plon, *pcos; /* [n] sorted by cell; pcos = cos(lat) */
    float *pxyz;                /* [n][3] unit vectors: a cheap chord test first */
    uint32_t *pid;              /* [n] */
};

static void grid_release_rows(struct grid *g)
{
    free(g->row_dlon);
    free(g->row_ncols);
    free(g->row_off);
    g->row_dlon = NULL;
    g->row_ncols = NULL;
    g->row_off = NULL;
}

void grid_free(struct grid *g)
{
    if (!g)
        return;
    grid_release_rows(g);
    free(g->start);
    free(g->plat);
    free(g->plon);
    free(g->pcos);
    free(g->pxyz);
    free(g->pid);
    free(g);
}

size_t grid_count(const struct grid *g)
{
    return g ? g->n : 0;
}

double grid_cell_km(const struct grid *g)
{
    return g->cell_km;
}

/* Lays out rows for the current cell_km; returns the number of cells, or 0 if
 * it would exceed limit (the caller then grows the cell). -1 on no memory. */
static long grid_layout(struct grid *g, double lat_min, double lat_max, uint64_t limit)
{
    uint64_t total = 0;
    double span = g->lon1 - g->lon0;

    grid_release_rows(g);
    g->dlat = g->cell_km / GEO_KM_PER_DEG_LAT;
    g->lat0 = lat_min;
    g->nrows = (uint32_t)floor((lat_max - lat_min) / g->dlat) + 1;
    if (g->nrows > limit)
        return 0;
    g->row_dlon = malloc(g->nrows * sizeof *g->row_dlon);
    g->row_ncols = malloc(g->nrows * sizeof *g->row_ncols);
    g->row_off = malloc(g->nrows * sizeof *g->row_off);
    if (!g->row_dlon || !g->row_ncols || !g->row_off)
        return -1;
    for (uint32_t r = 0; r < g->nrows; r++) {
        double lo = fabs(g->lat0 + r * g->dlat), hi = fabs(g->lat0 + (r + 1) * g->dlat);
        double worst = lo > hi ? lo : hi, c;

        if (worst > 89.0)
            worst = 89.0;
        c = cos(worst * DEG2RAD);
        g->row_dlon[r] = g->dlat / c;
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

static uint32_t grid_col(const struct grid *g, uint32_t row, double lon)
{
    double c = floor((lon - g->lon0) / g->row_dlon[row]);

    if (c < 0)
        return 0;
    if (c >= g->row_ncols[row])
        return g->row_ncols[row] - 1;
    return (uint32_t)c;
}

int grid_build(struct grid **out, const double *lat, const double *lon, const uint32_t *ids,
               size_t n, double cell_km, struct err *e)
{
    struct grid *g = NULL;
    uint32_t *cell = NULL;
    double lat_min = 90, lat_max = -90;
    size_t m = 0;
    long ncells;
    int rc = SY_OK;

    *out = NULL;
    if (!(cell_km > 0) || n > UINT32_MAX - 1) {
        rc = err_set(e, SY_EUSAGE, "grid_build: cell size must be > 0 and n < 2^32");
        goto out;
    }
    g = calloc(1, sizeof *g);
    cell = malloc((n ? n : 1) * sizeof *cell);
    if (!g || !cell)
        goto nomem;
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
    g->cell_km = cell_km;
    for (;;) {
        ncells = grid_layout(g, lat_min, lat_max, 2 * (uint64_t)m + 64);
        if (ncells < 0)
            goto nomem;
        if (ncells > 0)
            break;
        g->cell_km *= 2;
    }
    g->ncells = (uint32_t)ncells;
    g->start = calloc(g->ncells + 1, sizeof *g->start);
    g->plat = malloc((m ? m : 1) * sizeof *g->plat);
    g->plon = malloc((m ? m : 1) * sizeof *g->plon);
    g->pcos = malloc((m ? m : 1) * sizeof *g->pcos);
    g->pid = malloc((m ? m : 1) * sizeof *g->pid);
    g->pxyz = malloc((m ? m : 1) * 3 * sizeof *g->pxyz);
    if (!g->start || !g->plat || !g->plon || !g->pcos || !g->pid || !g->pxyz)
        goto nomem;
    g->n = m;
    /* Counting sort by cell: count, exclusive prefix sum, scatter. */
    for (size_t k = 0; k < n; k++) {
        size_t i = ids ? ids[k] : k;
        uint32_t r;
        if (!geo_valid(lat[i], lon[i])) {
            cell[k] = UINT32_MAX;
            continue;
        }
        r = grid_row(g, lat[i]);
        cell[k] = g->row_off[r] + grid_col(g, r, lon[i]);
        g->start[cell[k] + 1]++;
    }
    for (uint32_t c = 0; c < g->ncells; c++)
        g->start[c + 1] += g->start[c];
    for (size_t k = 0; k < n; k++) {
        size_t i = ids ? ids[k] : k;
        uint32_t pos;
        if (cell[k] == UINT32_MAX)
            continue;
        pos = g->start[cell[k]]++;
        g->plat[pos] = lat[i];
        g->plon[pos] = lon[i];
        g->pcos[pos] = cos(lat[i] * DEG2RAD);
        g->pid[pos] = (uint32_t)i;
        g->pxyz[3 * pos] = (float)(g->pcos[pos] * cos(lon[i] * DEG2RAD));
        g->pxyz[3 * pos + 1] = (float)(g->pcos[pos] * sin(lon[i] * DEG2RAD));
        g->pxyz[3 * pos + 2] = (float)sin(lat[i] * DEG2RAD);
    }
    /* The scatter advanced each start to the next cell's start: shift back. */
    memmove(g->start + 1, g->start, g->ncells * sizeof *g->start);
    g->start[0] = 0;
    *out = g;
    g = NULL;
    goto out;
nomem:
    rc = err_set(e, SY_ENOMEM, "out of memory building a grid of %zu points", n);
out:
    free(cell);
    grid_free(g);
    return rc;
}

/* The query centre: degrees, cos(lat), unit vector, and the chord^2 band
 * outside which a point cannot be reported (with a margin for the float
 * vectors: about 2 m). */
struct gq {
    double lat, lon, cq;
    double q[3];
    double lo2, hi2;
};

#define GRID_CHORD_EPS 3e-7

/* Scans columns [c0, c1] of row r. */
static int grid_scan(const struct grid *g, uint32_t r, uint32_t c0, uint32_t c1, const struct gq *p,
                     const double lim[4], grid_cb cb, void *ctx)
{
    double a_min = lim[0], a_max = lim[1], lat = p->lat, lon = p->lon, cq = p->cq;

    uint32_t from = g->start[g->row_off[r] + c0], to = g->start[g->row_off[r] + c1 + 1];

    for (uint32_t k = from; k < to; k++) {
        const float *v = g->pxyz + 3 * k;
        double dx = v[0] - p->q[0], dy = v[1] - p->q[1], dz = v[2] - p->q[2];
        double c2 = dx * dx + dy * dy + dz * dz, s1, s2, a, d;
        int rc;

        if (c2 > p->hi2 || c2 < p->lo2)
            continue;
        s1 = sin((g->plat[k] - lat) * (DEG2RAD * 0.5));
        s2 = sin((g->plon[k] - lon) * (DEG2RAD * 0.5));
        a = s1 * s1 + cq * g->pcos[k] * s2 * s2;

        if (a > a_max || a < a_min)
            continue;
        if (a > 1.0)
            a = 1.0;
        d = 2.0 * GEO_EARTH_RADIUS_KM * asin(sqrt(a));
        if ((lim[2] > 0 && d <= lim[2]) || d > lim[3])
            continue;
        rc = cb(ctx, g->pid[k], d);
        if (rc)
            return rc;
    }
    return 0;
}

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

int grid_query(const struct grid *g, double lat, double lon, double r_min_km, double r_max_km,
               grid_cb cb, void *ctx)
{
    struct geo_bbox b;
    struct gq p;
    double cq, ch, lim[4], ivl[2][2];
    uint32_t r0, r1;
    int nivl, rc;

    if (!g || g->n == 0 || !geo_valid(lat, lon) || !(r_max_km >= 0) || r_max_km < r_min_km)
        return 0;
    geo_bbox_around(lat, lon, r_max_km, &b);
    if (b.lat_max < g->lat0 || b.lat_min > g->lat0 + g->nrows * g->dlat)
        return 0;
    r0 = grid_row(g, b.lat_min);
    r1 = grid_row(g, b.lat_max);
    if (b.lon_min <= b.lon_max) {
        ivl[0][0] = b.lon_min;
        ivl[0][1] = b.lon_max;
        nivl = 1;
    } else {
        ivl[0][0] = b.lon_min;
        ivl[0][1] = 180.0;
        ivl[1][0] = -180.0;
        ivl[1][1] = b.lon_max;
        nivl = 2;
    }
    cq = cos(lat * DEG2RAD);
    p.lat = lat;
    p.lon = lon;
    p.cq = cq;
    p.q[0] = cq * cos(lon * DEG2RAD);
    p.q[1] = cq * sin(lon * DEG2RAD);
    p.q[2] = sin(lat * DEG2RAD);
    ch = grid_chord_of(r_max_km) + GRID_CHORD_EPS;
    p.hi2 = ch * ch;
    p.lo2 = -1;
    if (r_min_km > 0 && (ch = grid_chord_of(r_min_km) - GRID_CHORD_EPS) > 0)
        p.lo2 = ch * ch;
    /* Prefilter on the haversine term with a little slack, then test the
     * distance itself so that what is reported matches what is tested. */
    lim[0] = r_min_km > 0 ? grid_a_of(r_min_km * (1 - 1e-9)) : -1.0;
    lim[1] = grid_a_of(r_max_km * (1 + 1e-9) + 1e-9);
    lim[2] = r_min_km;
    lim[3] = r_max_km;
    for (uint32_t r = r0; r <= r1; r++) {
        for (int v = 0; v < nivl; v++) {
            if (ivl[v][1] < g->lon0 || ivl[v][0] > g->lon1)
                continue;
            rc = grid_scan(g, r, grid_col(g, r, ivl[v][0]), grid_col(g, r, ivl[v][1]), &p, lim, cb,
                           ctx);
            if (rc)
                return rc;
        }
    }
    return 0;
}
