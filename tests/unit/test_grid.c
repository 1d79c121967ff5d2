/*
 * test_grid.c - the grid index against brute force on random points: same
 * result sets and distances, for many centres and radii, in a region, over the
 * whole globe (poles, 180 degrees), with rings, subsets, invalid points and
 * early stop; the k-d tree against the grid (the same points, the same
 * distances bit for bit) and its quantity keys; capped counts and nearest-first
 * search with removals against brute force.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <cmocka.h>

#include "geo/geo.h"
#include "geo/grid.h"
#include "geo/kdtree.h"

static uint64_t rng_state = 88172645463325252ull;

static double rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (double)(rng_state >> 11) / 9007199254740992.0;
}

struct hits {
    unsigned char *seen;
    size_t n;
    const double *lat, *lon;
    double qlat, qlon;
    int bad;
};

static int collect(void *ctx, uint32_t id, double d)
{
    struct hits *h = ctx;
    if (h->seen[id])
        h->bad = 1; /* reported twice */
    h->seen[id] = 1;
    h->n++;
    if (fabs(d - geo_haversine_km(h->qlat, h->qlon, h->lat[id], h->lon[id])) > 1e-6)
        h->bad = 1;
    return 0;
}

/* Compares grid and brute force for q queries; returns mismatches. */
static int compare(const struct grid *g, const double *lat, const double *lon, const uint32_t *ids,
                   size_t n, size_t npts, double lat0, double lat1, double lon0, double lon1,
                   double rmin, double rmax, int q)
{
    int bad = 0;
    unsigned char *in = calloc(npts, 1);
    struct hits h = {calloc(npts, 1), 0, lat, lon, 0, 0, 0};

    for (size_t k = 0; k < n; k++)
        in[ids ? ids[k] : k] = 1;
    for (int t = 0; t < q; t++) {
        double ql = lat0 + (lat1 - lat0) * rnd(), qo = lon0 + (lon1 - lon0) * rnd();
        double r = rmin + (rmax - rmin) * rnd(), r_in = (t % 3 == 0) ? r / 2 : 0;
        memset(h.seen, 0, npts);
        h.n = 0;
        h.qlat = ql;
        h.qlon = qo;
        grid_query(g, ql, qo, r_in, r, collect, &h);
        for (size_t i = 0; i < npts; i++) {
            double d;
            int want;
            if (!in[i] || !geo_valid(lat[i], lon[i])) {
                bad += h.seen[i];
                continue;
            }
            d = geo_haversine_km(ql, qo, lat[i], lon[i]);
            if (fabs(d - r) < 1e-6 || fabs(d - r_in) < 1e-6)
                continue; /* on the boundary: either answer is right */
            want = d <= r && (r_in <= 0 || d > r_in);
            bad += want != h.seen[i];
        }
        bad += h.bad;
    }
    free(in);
    free(h.seen);
    return bad;
}

static void test_region_vs_brute(void **state)
{
    enum { N = 20000 };
    double *lat = malloc(N * sizeof *lat), *lon = malloc(N * sizeof *lon);
    struct grid *g;
    (void)state;
    for (int i = 0; i < N; i++) {
        lat[i] = 47.4 + 3 * rnd(); /* about Grand Est */
        lon[i] = 3.4 + 5 * rnd();
    }
    assert_int_equal(grid_build(&g, lat, lon, NULL, N, 5, NULL), 0);
    assert_int_equal(grid_count(g), N);
    assert_int_equal(compare(g, lat, lon, NULL, N, N, 47, 51, 3, 9, 0.5, 60, 200), 0);
    grid_free(g);
    /* A tiny cell hint is grown to keep the cell count near the point count. */
    assert_int_equal(grid_build(&g, lat, lon, NULL, N, 0.001, NULL), 0);
    assert_true(grid_cell_km(g) > 0.001);
    assert_int_equal(compare(g, lat, lon, NULL, N, N, 47, 51, 3, 9, 0.5, 30, 50), 0);
    grid_free(g);
    free(lat);
    free(lon);
}

static void test_globe_vs_brute(void **state)
{
    enum { N = 5000 };
    double *lat = malloc(N * sizeof *lat), *lon = malloc(N * sizeof *lon);
    struct grid *g;
    (void)state;
    for (int i = 0; i < N; i++) {
        lat[i] = asin(2 * rnd() - 1) * 180 / 3.14159265358979;
        lon[i] = -180 + 360 * rnd();
    }
    /* Clusters at the poles and on both sides of 180 degrees. */
    for (int i = 0; i < 200; i++) {
        lat[i] = 89 + rnd();
        lat[200 + i] = -89.5 - 0.5 * rnd();
        lat[400 + i] = -10 + 20 * rnd();
        lon[400 + i] = (i % 2 ? 179.5 + 0.5 * rnd() : -180 + 0.5 * rnd());
    }
    assert_int_equal(grid_build(&g, lat, lon, NULL, N, 200, NULL), 0);
    assert_int_equal(compare(g, lat, lon, NULL, N, N, -90, 90, -180, 180, 10, 3000, 300), 0);
    assert_int_equal(compare(g, lat, lon, NULL, N, N, 88, 90, -180, 180, 10, 500, 50), 0);
    assert_int_equal(compare(g, lat, lon, NULL, N, N, -10, 10, 179, 180, 10, 300, 50), 0);
    assert_int_equal(compare(g, lat, lon, NULL, N, N, -10, 10, -180, -179, 10, 300, 50), 0);
    grid_free(g);
    free(lat);
    free(lon);
}

static void test_subset_and_invalid(void **state)
{
    enum { N = 3000 };
    double lat[N], lon[N];
    uint32_t ids[N / 2];
    struct grid *g;
    (void)state;
    for (int i = 0; i < N; i++) {
        lat[i] = 45 + rnd();
        lon[i] = 5 + rnd();
    }
    lat[4] = NAN;
    lon[10] = 500;
    for (int k = 0; k < N / 2; k++)
        ids[k] = (uint32_t)(2 * k);
    assert_int_equal(grid_build(&g, lat, lon, ids, N / 2, 2, NULL), 0);
    assert_int_equal(grid_count(g), N / 2 - 2);
    assert_int_equal(compare(g, lat, lon, ids, N / 2, N, 44.5, 46.5, 4.5, 6.5, 1, 40, 100), 0);
    grid_free(g);
}

static int stop_at_three(void *ctx, uint32_t id, double d)
{
    int *n = ctx;
    (void)id;
    (void)d;
    return ++*n == 3 ? 42 : 0;
}

static void test_stop_and_empty(void **state)
{
    double lat[5] = {48, 48.001, 48.002, 48.003, 48.004}, lon[5] = {7, 7, 7, 7, 7};
    struct grid *g;
    int n = 0;
    (void)state;
    assert_int_equal(grid_build(&g, lat, lon, NULL, 5, 1, NULL), 0);
    assert_int_equal(grid_query(g, 48, 7, 0, 10, stop_at_three, &n), 42);
    assert_int_equal(n, 3);
    n = 0;
    assert_int_equal(grid_query(g, 10, 7, 0, 10, stop_at_three, &n), 0);
    assert_int_equal(n, 0);
    grid_free(g);
    assert_int_equal(grid_build(&g, lat, lon, NULL, 0, 1, NULL), 0);
    assert_int_equal(grid_count(g), 0);
    assert_int_equal(grid_query(g, 48, 7, 0, 10, stop_at_three, &n), 0);
    grid_free(g);
    assert_int_equal(grid_build(&g, lat, lon, NULL, 5, 0, NULL), SY_EUSAGE);
    assert_null(g);
}

/* ---- the k-d tree reports exactly what the grid reports ---- */

struct pair {
    uint32_t id;
    double d;
};

struct plist {
    struct pair v[200000];
    size_t n;
    int bad;
};

static int grid_put(void *ctx, uint32_t id, double d)
{
    struct plist *l = ctx;
    l->v[l->n++] = (struct pair){id, d};
    return 0;
}

static const uint32_t *kd_ids;

static int kd_put(void *ctx, uint32_t pos, uint32_t id, double d)
{
    struct plist *l = ctx;
    if (kd_ids[pos] != id)
        l->bad = 1;
    l->v[l->n++] = (struct pair){id, d};
    return 0;
}

static int pair_cmp(const void *a, const void *b)
{
    const struct pair *x = a, *y = b;
    return x->id < y->id ? -1 : x->id > y->id;
}

/* Same sets, same distances (==, not approximately). Returns mismatches. */
static int kd_vs_grid(const double *lat, const double *lon, const uint32_t *ids, size_t n,
                      double lat0, double lat1, double lon0, double lon1, double rmin, double rmax,
                      int q)
{
    static struct plist a, b;
    struct grid *g = NULL;
    struct kdtree *t = NULL;
    int bad = 0;

    assert_int_equal(grid_build(&g, lat, lon, ids, n, 5, NULL), 0);
    assert_int_equal(kdtree_build(&t, lat, lon, ids, n, NULL), 0);
    assert_int_equal(kdtree_count(t), grid_count(g));
    kd_ids = kdtree_ids(t);
    for (int k = 0; k < q; k++) {
        double ql = lat0 + (lat1 - lat0) * rnd(), qo = lon0 + (lon1 - lon0) * rnd();
        double r = rmin + (rmax - rmin) * rnd(), r_in = (k % 3 == 0) ? r / 2 : 0;
        a.n = b.n = 0;
        b.bad = 0;
        grid_query(g, ql, qo, r_in, r, grid_put, &a);
        kdtree_query(t, ql, qo, r_in, r, kd_put, &b);
        qsort(a.v, a.n, sizeof a.v[0], pair_cmp);
        qsort(b.v, b.n, sizeof b.v[0], pair_cmp);
        bad += a.n != b.n || b.bad;
        for (size_t i = 0; i < a.n && i < b.n; i++)
            bad += a.v[i].id != b.v[i].id || a.v[i].d != b.v[i].d;
    }
    grid_free(g);
    kdtree_free(t);
    return bad;
}

static void test_kdtree_vs_grid(void **state)
{
    enum { N = 30000 };
    double *lat = malloc(N * sizeof *lat), *lon = malloc(N * sizeof *lon);
    uint32_t *ids = malloc(N * sizeof *ids);

    (void)state;
    /* A dense town (many points on the same spot) in a sparse region. */
    for (size_t i = 0; i < N; i++) {
        if (i % 4 == 0) {
            lat[i] = 48.85 + 0.02 * (rnd() - 0.5);
            lon[i] = 2.35 + 0.03 * (rnd() - 0.5);
        } else if (i % 4 == 1) {
            lat[i] = 48.8566;
            lon[i] = 2.3522;
        } else {
            lat[i] = 42 + 9 * rnd();
            lon[i] = -5 + 13 * rnd();
        }
    }
    assert_int_equal(kd_vs_grid(lat, lon, NULL, N, 48.8, 48.9, 2.3, 2.4, 0.005, 3, 300), 0);
    assert_int_equal(kd_vs_grid(lat, lon, NULL, N, 42, 51, -5, 8, 1, 80, 200), 0);
    /* The globe: poles, 180 degrees, subsets and invalid points. */
    for (size_t i = 0; i < N; i++) {
        lat[i] = -90 + 180 * rnd();
        lon[i] = -180 + 360 * rnd();
        ids[i] = (uint32_t)(N - 1 - i);
    }
    lat[7] = NAN;
    lon[9] = 200;
    lat[11] = 90;
    lon[13] = 180;
    assert_int_equal(kd_vs_grid(lat, lon, NULL, N, -90, 90, -180, 180, 10, 3000, 100), 0);
    assert_int_equal(kd_vs_grid(lat, lon, ids, N / 3, 85, 90, -180, 180, 10, 800, 50), 0);
    assert_int_equal(kd_vs_grid(lat, lon, ids, N / 2, -10, 10, 179, 180, 10, 500, 50), 0);
    assert_int_equal(kd_vs_grid(lat, lon, NULL, 1, -10, 10, 179, 180, 10, 30000, 5), 0);
    free(lat);
    free(lon);
    free(ids);
}

/* Keys: a query with key_max reports what it reports without, minus the
 * points whose key is above; the k-th nearest counts only the others. */
static void test_kdtree_keys(void **state)
{
    enum { N = 8000 };
    static struct plist all, some;
    double lat[N], lon[N], key[N];
    struct kdtree *t = NULL;
    struct kdtree_q q;

    (void)state;
    for (size_t i = 0; i < N; i++) {
        lat[i] = 45 + 0.4 * rnd();
        lon[i] = 4 + 0.4 * rnd();
    }
    assert_int_equal(kdtree_build(&t, lat, lon, NULL, N, NULL), 0);
    kd_ids = kdtree_ids(t);
    for (size_t i = 0; i < N; i++)
        key[i] = kd_ids[i] % 10 < 3 ? (double)(kd_ids[i] % 10) : -1 - (double)(kd_ids[i] % 10);
    assert_int_equal(kdtree_set_keys(t, key, NULL), 0);
    for (int k = 0; k < 50; k++) {
        double ql = 45 + 0.4 * rnd(), qo = 4 + 0.4 * rnd(), r = 0.2 + 8 * rnd();
        double km = (double)(k % 4) - 0.5; /* -0.5, 0.5, 1.5, 2.5 */
        size_t m = 0;
        all.n = some.n = 0;
        kdtree_q_centre(&q, ql, qo);
        kdtree_q_ring(&q, k % 3 ? 0 : r / 3, r);
        kdtree_search(t, &q, kd_put, &all);
        q.key_max = km;
        kdtree_search(t, &q, kd_put, &some);
        for (size_t i = 0; i < all.n; i++) {
            uint32_t id = all.v[i].id;
            double kk = id % 10 < 3 ? (double)(id % 10) : -1 - (double)(id % 10);
            if (kk <= km)
                all.v[m++] = all.v[i];
        }
        qsort(all.v, m, sizeof all.v[0], pair_cmp);
        qsort(some.v, some.n, sizeof some.v[0], pair_cmp);
        assert_int_equal(some.n, m);
        for (size_t i = 0; i < m; i++)
            assert_int_equal(some.v[i].id, all.v[i].id);
    }
    kdtree_free(t);
}

/* Random points around a few dense centres and scattered ones. */
static void clustered(double *lat, double *lon, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i % 3 == 0) {
            lat[i] = 47.8 + 0.4 * rnd();
            lon[i] = 6.7 + 0.6 * rnd();
        } else {
            double cl = 47.9 + 0.1 * (double)(i % 4), co = 6.9 + 0.1 * (double)(i % 5);
            lat[i] = cl + 0.03 * (rnd() - 0.5);
            lon[i] = co + 0.04 * (rnd() - 0.5);
        }
        if (i % 97 == 5 && i > 0) { /* co-located points */
            lat[i] = lat[i - 1];
            lon[i] = lon[i - 1];
        }
    }
}

static size_t brute_count(const double *lat, const double *lon, const unsigned char *dead, size_t n,
                          double ql, double qo, double r, size_t cap, int *boundary)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++) {
        double d;
        if (dead && dead[i])
            continue;
        d = geo_haversine_km(ql, qo, lat[i], lon[i]);
        if (fabs(d - r) < 1e-6)
            *boundary = 1;
        c += d <= r;
    }
    return c < cap ? c : cap;
}

/* Capped counts, one point at a time and for all points, against brute force,
 * over several cell sizes (inner runs of cells counted whole or not). */
static void test_count_within(void **state)
{
    enum { N = 3000 };
    double *lat = malloc(N * sizeof *lat), *lon = malloc(N * sizeof *lon);
    uint32_t *all = malloc(N * sizeof *all);
    double cells[3] = {0.25, 1.0, 6.0};
    struct err e = {0};
    int bad = 0, checked = 0;
    (void)state;
    clustered(lat, lon, N);
    for (int c = 0; c < 3; c++) {
        struct grid *g;
        assert_int_equal(grid_build(&g, lat, lon, NULL, N, cells[c], &e), 0);
        for (int t = 0; t < 300; t++) {
            size_t i = (size_t)(rnd() * N), cap = t % 2 ? 31 : N;
            double r = 0.2 + 6 * rnd(), ql = lat[i], qo = lon[i];
            int boundary = 0;
            size_t want;
            if (t % 3 == 0) { /* a centre that is not a point */
                ql += 0.01 * (rnd() - 0.5);
                qo += 0.01 * (rnd() - 0.5);
            }
            want = brute_count(lat, lon, NULL, N, ql, qo, r, cap, &boundary);
            if (!boundary) {
                bad += grid_count_within(g, ql, qo, r, cap) != want;
                checked++;
            }
        }
        memset(all, 0xff, N * sizeof *all);
        grid_count_all(g, 2.5, 31, all);
        for (size_t i = 0; i < N; i++) {
            int boundary = 0;
            size_t want = brute_count(lat, lon, NULL, N, lat[i], lon[i], 2.5, 31, &boundary);
            if (!boundary)
                bad += all[i] != want;
        }
        grid_free(g);
    }
    assert_true(checked > 800);
    assert_int_equal(bad, 0);
    free(lat);
    free(lon);
    free(all);
}

struct near_ref {
    uint32_t id, tie;
    double d;
};

static int near_cmp(const void *a, const void *b)
{
    const struct near_ref *x = a, *y = b;
    if (x->d != y->d)
        return x->d < y->d ? -1 : 1;
    if (x->tie != y->tie)
        return x->tie < y->tie ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

static int not_odd(void *ctx, uint32_t id, double d)
{
    (void)ctx;
    (void)d;
    return id % 7 != 3;
}

/* Nearest-first search with removals, ties and a filter, against brute force;
 * counts and radius queries see removed points no more; a rebuild reuses the
 * grid and brings every point back. */
static void test_nearest_remove(void **state)
{
    enum { N = 2500 };
    double *lat = malloc(N * sizeof *lat), *lon = malloc(N * sizeof *lon);
    unsigned char *dead = calloc(N, 1);
    uint32_t *tie = malloc(N * sizeof *tie);
    struct near_ref *ref = malloc(N * sizeof *ref);
    struct grid_hit hits[40];
    struct grid *g;
    struct err e = {0};
    int bad = 0;
    (void)state;
    clustered(lat, lon, N);
    for (size_t i = 0; i < N; i++)
        tie[i] = (uint32_t)(N - i) / 3; /* not the id order, with equal values */
    assert_int_equal(grid_build(&g, lat, lon, NULL, N, 0.7, &e), 0);
    for (int round = 0; round < 2; round++) {
        for (int t = 0; t < 400; t++) {
            size_t q = (size_t)(rnd() * N), k = 1 + (size_t)(rnd() * 39), nref = 0, got;
            double r = 0.3 + 5 * rnd(), first = t % 4 == 0 ? r : 0;
            int filt = t % 5 == 0, boundary = 0;
            for (size_t i = 0; i < N; i++) {
                double d = geo_haversine_km(lat[q], lon[q], lat[i], lon[i]);
                if (fabs(d - r) < 1e-6)
                    boundary = 1;
                if (!dead[i] && d <= r && (!filt || i % 7 != 3))
                    ref[nref++] = (struct near_ref){(uint32_t)i, tie[i], d};
            }
            qsort(ref, nref, sizeof *ref, near_cmp);
            got = grid_nearest(g, lat[q], lon[q], first, r, k, tie, filt ? not_odd : NULL, NULL,
                               hits);
            if (boundary)
                continue;
            bad += got != (nref < k ? nref : k);
            for (size_t j = 0; j < got && j < nref; j++)
                bad += hits[j].id != ref[j].id || fabs(hits[j].dist_km - ref[j].d) > 1e-9;
            /* Remove a few of what was found. */
            for (size_t j = 0; j < got; j += 2) {
                assert_int_equal(grid_remove(g, hits[j].id), 1);
                assert_int_equal(grid_remove(g, hits[j].id), 0);
                dead[hits[j].id] = 1;
            }
            if (t % 10 == 0) {
                size_t want = brute_count(lat, lon, dead, N, lat[q], lon[q], r, N, &boundary);
                if (!boundary)
                    bad += grid_count_within(g, lat[q], lon[q], r, N) != want;
            }
        }
        {
            size_t live = 0;
            for (size_t i = 0; i < N; i++)
                live += !dead[i];
            assert_int_equal(grid_live(g), live);
            assert_int_equal(grid_count(g), N);
        }
        /* Rebuilt over a subset in place: all live again. */
        for (size_t i = 0; i < N; i++)
            dead[i] = 0;
        assert_int_equal(grid_rebuild(g, lat, lon, NULL, N, 0.4, 4 * N, &e), 0);
        assert_int_equal(grid_live(g), N);
    }
    assert_int_equal(grid_remove(g, N + 5), 0);
    assert_int_equal(bad, 0);
    grid_free(g);
    free(lat);
    free(lon);
    free(dead);
    free(tie);
    free(ref);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_region_vs_brute),    cmocka_unit_test(test_globe_vs_brute),
        cmocka_unit_test(test_subset_and_invalid), cmocka_unit_test(test_stop_and_empty),
        cmocka_unit_test(test_kdtree_vs_grid),     cmocka_unit_test(test_kdtree_keys),
        cmocka_unit_test(test_count_within),       cmocka_unit_test(test_nearest_remove),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
