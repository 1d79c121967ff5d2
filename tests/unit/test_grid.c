/*
 * test_grid.c - the grid index against brute force on random points: same
 * result sets and distances, for many centres and radii, in a region, over the
 * whole globe (poles, 180 degrees), with rings, subsets, invalid points and
 * early stop.
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_region_vs_brute),
        cmocka_unit_test(test_globe_vs_brute),
        cmocka_unit_test(test_subset_and_invalid),
        cmocka_unit_test(test_stop_and_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
