/*
 * test_kdtree.c - kdtree_knn (nearest by chord, one traversal) against brute
 * force on random points: the same points in the same order as a sort by
 * haversine distance (up to ties within float rounding), honouring the radius
 * and the quantity keys, a larger k extending a smaller one, and
 * kdtree_chord_km within a metre of the haversine distance, near and far.
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
#include "geo/kdtree.h"

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static double rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (double)(rng_state >> 11) / 9007199254740992.0;
}

enum { N = 4000 };

struct pt {
    double d;
    uint32_t id;
};

static int pt_cmp(const void *a, const void *b)
{
    const struct pt *x = a, *y = b;
    if (x->d != y->d)
        return x->d < y->d ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

static double lat[N], lon[N], key[N];
static struct pt all[N];
static struct kdtree_near out[512];

/* The brute-force list for a query: points within r (and key <= key_max),
 * sorted by distance; returns their number. */
static size_t brute(double ql, double qo, double r, double key_max)
{
    size_t n = 0;
    for (uint32_t i = 0; i < N; i++) {
        double d = geo_haversine_km(ql, qo, lat[i], lon[i]);
        if (d <= r && key[i] <= key_max)
            all[n++] = (struct pt){d, i};
    }
    qsort(all, n, sizeof all[0], pt_cmp);
    return n;
}

static void check(const struct kdtree *t, double ql, double qo, double r, double key_max, size_t k)
{
    struct kdtree_q q;
    const uint32_t *ids = kdtree_ids(t);
    size_t n = brute(ql, qo, r, key_max), got;

    kdtree_q_centre(&q, ql, qo);
    kdtree_q_ring(&q, 0, r);
    q.key_max = key_max;
    got = kdtree_knn(t, &q, k, out);
    /* Points within 2 m beyond r may come too (the chord margin): only at
     * the end, and only that close. */
    while (got > 0 && kdtree_chord_km(out[got - 1].c2) > r) {
        assert_true(kdtree_chord_km(out[got - 1].c2) <= r + 0.002);
        got--;
    }
    assert_int_equal(got, n < k ? n : k);
    for (size_t i = 0; i < got; i++) {
        double d = kdtree_chord_km(out[i].c2);
        /* Same distance as brute force at each rank; the same point unless
         * two lie within float rounding (a metre) of each other. */
        assert_true(fabs(d - all[i].d) < 1e-3);
        if (ids[out[i].pos] != all[i].id)
            assert_true(fabs(geo_haversine_km(ql, qo, lat[all[i].id], lon[all[i].id]) - d) < 1e-3);
        if (i > 0)
            assert_true(out[i].c2 >= out[i - 1].c2);
        assert_true(key[ids[out[i].pos]] <= key_max);
    }
}

static void test_knn_brute(void **state)
{
    struct kdtree *t = NULL;

    (void)state;
    for (size_t i = 0; i < N; i++) {
        /* A dense town and a sparse countryside around it. */
        double s = i % 4 ? 0.05 : 1.0;
        lat[i] = 48.5 + s * (rnd() - 0.5);
        lon[i] = 7.7 + s * (rnd() - 0.5);
        key[i] = (double)(i % 100);
    }
    assert_int_equal(kdtree_build(&t, lat, lon, NULL, N, NULL), 0);
    for (int it = 0; it < 200; it++) {
        double ql = 48.5 + 1.2 * (rnd() - 0.5), qo = 7.7 + 1.2 * (rnd() - 0.5);
        size_t k = 1 + (size_t)(rnd() * 300);
        check(t, ql, qo, 0.5 + 60 * rnd(), INFINITY, k);
    }
    /* Keys (given in tree order): subtrees above key_max are left out. */
    {
        double *k2 = malloc(N * sizeof *k2);
        const uint32_t *ids = kdtree_ids(t);
        for (size_t p = 0; p < N; p++)
            k2[p] = key[ids[p]];
        assert_int_equal(kdtree_set_keys(t, k2, NULL), 0);
        free(k2);
    }
    for (int it = 0; it < 100; it++) {
        double ql = 48.5 + 0.2 * (rnd() - 0.5), qo = 7.7 + 0.2 * (rnd() - 0.5);
        check(t, ql, qo, 30, (double)(int)(rnd() * 100), 1 + (size_t)(rnd() * 64));
    }
    kdtree_free(t);
}

/* A larger k begins with the smaller k's answer, in the same order (what
 * detection relies on when it asks again for more). */
static void test_knn_prefix(void **state)
{
    struct kdtree *t = NULL;
    struct kdtree_near small[64];
    struct kdtree_q q;

    (void)state;
    for (size_t i = 0; i < N; i++) {
        /* Many exact duplicates: ties are broken by position. */
        lat[i] = 45 + 0.01 * (double)(int)(20 * rnd());
        lon[i] = 5 + 0.01 * (double)(int)(20 * rnd());
    }
    assert_int_equal(kdtree_build(&t, lat, lon, NULL, N, NULL), 0);
    for (int it = 0; it < 50; it++) {
        size_t k = 1 + (size_t)(rnd() * 63), a, b;
        kdtree_q_centre(&q, 45 + 0.2 * rnd(), 5 + 0.2 * rnd());
        kdtree_q_ring(&q, 0, 50);
        a = kdtree_knn(t, &q, k, small);
        b = kdtree_knn(t, &q, 2 * k + 5, out);
        assert_int_equal(a, k);
        assert_true(b >= a);
        for (size_t i = 0; i < a; i++) {
            assert_int_equal(small[i].pos, out[i].pos);
            assert_true(small[i].c2 == out[i].c2);
        }
    }
    /* Nothing within the radius, empty tree, k = 0. */
    kdtree_q_centre(&q, -30, 100);
    kdtree_q_ring(&q, 0, 10);
    assert_int_equal(kdtree_knn(t, &q, 8, out), 0);
    assert_int_equal(kdtree_knn(t, &q, 0, out), 0);
    kdtree_free(t);
    assert_int_equal(kdtree_build(&t, lat, lon, NULL, 0, NULL), 0);
    assert_int_equal(kdtree_knn(t, &q, 8, out), 0);
    kdtree_free(t);
}

/* kdtree_chord_km is within a metre of the haversine distance, from a few
 * metres to across the globe. */
static void test_chord_km(void **state)
{
    static struct kdtree_near all_near[N];
    struct kdtree *t = NULL;
    struct kdtree_q q;
    const uint32_t *ids;

    (void)state;
    for (size_t i = 0; i < N; i++) {
        double s = i % 2 ? 0.001 : 80;
        lat[i] = 45 + s * (rnd() - 0.5);
        lon[i] = 5 + 2 * s * (rnd() - 0.5);
    }
    assert_int_equal(kdtree_build(&t, lat, lon, NULL, N, NULL), 0);
    ids = kdtree_ids(t);
    for (int it = 0; it < 10; it++) {
        double ql = lat[it], qo = lon[it];
        size_t n;
        kdtree_q_centre(&q, ql, qo);
        kdtree_q_ring(&q, 0, 20000);
        n = kdtree_knn(t, &q, N, all_near);
        assert_int_equal(n, N);
        for (size_t i = 0; i < n; i++) {
            uint32_t id = ids[all_near[i].pos];
            double h = geo_haversine_km(ql, qo, lat[id], lon[id]);
            assert_true(fabs(kdtree_chord_km(all_near[i].c2) - h) < 1e-3);
        }
    }
    assert_true(kdtree_chord_km(0) == 0);
    assert_true(fabs(kdtree_chord_km(4) - 3.14159265358979 * GEO_EARTH_RADIUS_KM) < 1e-6);
    kdtree_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_knn_brute),
        cmocka_unit_test(test_knn_prefix),
        cmocka_unit_test(test_chord_km),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
