/*
 * test_mcf.c - unit tests of the network simplex (src/optim/mcf.c).
 *
 * Small hand-checked networks for every feature and failure, random networks
 * whose optimality is certified by the potentials (flow conservation, bounds
 * and reduced-cost signs), and the netgen-2 reference instance.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "io/dimacs.h"
#include "optim/mcf.h"

static struct mcf *net(int32_t n)
{
    struct mcf *m = mcf_new(n, 4);

    assert_non_null(m);
    return m;
}

static void test_path(void **state)
{
    struct mcf *m = net(3);
    struct err e = {0};
    struct mcf_stats st;

    (void)state;
    assert_int_equal(mcf_add_arc(m, 0, 1, 0, 10, 2), 0);
    assert_int_equal(mcf_add_arc(m, 1, 2, 0, 10, 3), 1);
    assert_int_equal(mcf_set_supply(m, 0, 5), 0);
    assert_int_equal(mcf_set_supply(m, 2, -5), 0);
    assert_int_equal(mcf_solve(m, &e), 0);
    assert_int_equal(mcf_cost(m), 25);
    assert_int_equal(mcf_flow(m, 0), 5);
    assert_int_equal(mcf_flow(m, 1), 5);
    mcf_stats(m, &st);
    assert_true(st.pivots >= 2);
    mcf_free(m);
}

static void test_parallel(void **state)
{
    struct mcf *m = net(2);
    struct err e = {0};

    (void)state;
    mcf_add_arc(m, 0, 1, 0, 3, 1);
    mcf_add_arc(m, 0, 1, 0, 10, 4);
    mcf_add_arc(m, 0, 1, 0, 2, 2);
    mcf_set_supply(m, 0, 6);
    mcf_set_supply(m, 1, -6);
    assert_int_equal(mcf_solve(m, &e), 0);
    assert_int_equal(mcf_cost(m), 3 * 1 + 2 * 2 + 1 * 4);
    assert_int_equal(mcf_flow(m, 0), 3);
    assert_int_equal(mcf_flow(m, 1), 1);
    assert_int_equal(mcf_flow(m, 2), 2);
    mcf_free(m);
}

static void test_lower_bounds(void **state)
{
    struct mcf *m = net(2);
    struct err e = {0};

    (void)state;
    mcf_add_arc(m, 0, 1, 4, 10, 1); /* forced to carry 4 */
    mcf_add_arc(m, 0, 1, 0, 10, 0);
    mcf_set_supply(m, 0, 5);
    mcf_set_supply(m, 1, -5);
    assert_int_equal(mcf_solve(m, &e), 0);
    assert_int_equal(mcf_cost(m), 4);
    assert_int_equal(mcf_flow(m, 0), 4);
    assert_int_equal(mcf_flow(m, 1), 1);
    mcf_free(m);

    /* A circulation forced by a lower bound, with no supplies at all. */
    m = net(2);
    mcf_add_arc(m, 0, 1, 2, 7, 5);
    mcf_add_arc(m, 1, 0, 0, MCF_INF, 1);
    assert_int_equal(mcf_solve(m, &e), 0);
    assert_int_equal(mcf_cost(m), 12);
    assert_int_equal(mcf_flow(m, 1), 2);
    mcf_free(m);

    /* A negative lower bound lets the arc run backwards. */
    m = net(2);
    mcf_add_arc(m, 0, 1, -3, 3, 2);
    mcf_set_supply(m, 0, -3);
    mcf_set_supply(m, 1, 3);
    assert_int_equal(mcf_solve(m, &e), 0);
    assert_int_equal(mcf_flow(m, 0), -3);
    assert_int_equal(mcf_cost(m), -6);
    mcf_free(m);
}

static void test_negative_costs(void **state)
{
    struct mcf *m = net(3);
    struct err e = {0};

    (void)state;
    /* A negative cycle of finite capacity is saturated. */
    mcf_add_arc(m, 0, 1, 0, 4, -3);
    mcf_add_arc(m, 1, 0, 0, 10, 1);
    /* A negative arc on the only path. */
    mcf_add_arc(m, 1, 2, 0, MCF_INF, -7);
    mcf_set_supply(m, 1, 2);
    mcf_set_supply(m, 2, -2);
    assert_int_equal(mcf_solve(m, &e), 0);
    assert_int_equal(mcf_cost(m), 4 * -3 + 4 * 1 + 2 * -7);
    assert_int_equal(mcf_flow(m, 0), 4);
    assert_int_equal(mcf_flow(m, 1), 4);
    mcf_free(m);

    /* A negative loop of finite capacity. */
    m = net(1);
    mcf_add_arc(m, 0, 0, 0, 9, -2);
    assert_int_equal(mcf_solve(m, &e), 0);
    assert_int_equal(mcf_cost(m), -18);
    mcf_free(m);
}

static void test_zero_capacity(void **state)
{
    struct mcf *m = net(2);
    struct err e = {0};

    (void)state;
    mcf_add_arc(m, 0, 1, 0, 0, -100);
    mcf_add_arc(m, 0, 1, 0, 5, 1);
    mcf_add_arc(m, 1, 0, 0, 0, -100);
    mcf_set_supply(m, 0, 5);
    mcf_set_supply(m, 1, -5);
    assert_int_equal(mcf_solve(m, &e), 0);
    assert_int_equal(mcf_cost(m), 5);
    assert_int_equal(mcf_flow(m, 0), 0);
    assert_int_equal(mcf_flow(m, 1), 5);
    assert_int_equal(mcf_flow(m, 2), 0);
    mcf_free(m);
}

static void test_infeasible(void **state)
{
    struct mcf *m = net(3);
    struct err e = {0};

    (void)state;
    mcf_add_arc(m, 0, 1, 0, 3, 1);
    mcf_add_arc(m, 1, 2, 0, 10, 1);
    mcf_set_supply(m, 0, 5);
    mcf_set_supply(m, 2, -5);
    assert_int_equal(mcf_solve(m, &e), SY_EINFEASIBLE);
    assert_string_equal(e.msg, "infeasible: 2 units of supply cannot reach the demands within "
                               "the arc capacities");
    assert_int_equal(mcf_cost(m), 0);
    /* Fixing the supplies makes the same network feasible again. */
    mcf_set_supply(m, 0, 3);
    mcf_set_supply(m, 2, -3);
    assert_int_equal(mcf_solve(m, &e), 0);
    assert_int_equal(mcf_cost(m), 6);
    /* Unbalanced supplies. */
    mcf_set_supply(m, 2, -2);
    assert_int_equal(mcf_solve(m, &e), SY_EINFEASIBLE);
    assert_string_equal(e.msg, "infeasible: the supplies sum to 1 instead of 0 (total supply "
                               "must equal total demand)");
    mcf_free(m);

    /* No arc at all between a source and a sink. */
    m = net(2);
    mcf_set_supply(m, 0, 1);
    mcf_set_supply(m, 1, -1);
    assert_int_equal(mcf_solve(m, &e), SY_EINFEASIBLE);
    mcf_free(m);

    /* A lower bound above the upper bound. */
    m = net(2);
    mcf_add_arc(m, 0, 1, 4, 3, 1);
    assert_int_equal(mcf_solve(m, &e), SY_EINFEASIBLE);
    assert_string_equal(e.msg,
                        "infeasible: arc 0 (0->1) has lower bound 4 above its upper bound 3");
    mcf_free(m);

    /* A lower bound that nothing can absorb. */
    m = net(2);
    mcf_add_arc(m, 0, 1, 1, 3, 1);
    assert_int_equal(mcf_solve(m, &e), SY_EINFEASIBLE);
    mcf_free(m);
}

static void test_unbounded(void **state)
{
    struct mcf *m = net(3);
    struct err e = {0};

    (void)state;
    mcf_add_arc(m, 0, 1, 0, MCF_INF, -1);
    mcf_add_arc(m, 1, 2, 0, MCF_INF, 0);
    mcf_add_arc(m, 2, 0, 0, MCF_INF, 0);
    assert_int_equal(mcf_solve(m, &e), SY_EUNBOUNDED);
    assert_string_equal(e.msg, "unbounded: a cycle of negative cost has no capacity limit");
    mcf_free(m);

    m = net(1);
    mcf_add_arc(m, 0, 0, 0, MCF_INF, -1);
    assert_int_equal(mcf_solve(m, &e), SY_EUNBOUNDED);
    mcf_free(m);

    /* Infinite capacity with a positive-cost cycle is fine. */
    m = net(2);
    mcf_add_arc(m, 0, 1, 0, MCF_INF, -1);
    mcf_add_arc(m, 1, 0, 0, MCF_INF, 2);
    mcf_set_supply(m, 0, 7);
    mcf_set_supply(m, 1, -7);
    assert_int_equal(mcf_solve(m, &e), 0);
    assert_int_equal(mcf_cost(m), -7);
    mcf_free(m);
}

static void test_overflow(void **state)
{
    struct mcf *m = net(2);
    struct err e = {0};

    (void)state;
    mcf_add_arc(m, 0, 1, 0, INT64_MAX / 2, 4);
    assert_int_equal(mcf_solve(m, &e), SY_EOVERFLOW);
    assert_string_equal(e.msg, "overflow: the sum of |cost| times capacity over the arcs does "
                               "not fit in 64-bit integers; scale costs or capacities down");
    mcf_free(m);

    m = net(2);
    mcf_set_supply(m, 0, INT64_MAX);
    mcf_set_supply(m, 1, 1);
    assert_int_equal(mcf_solve(m, &e), SY_EOVERFLOW);
    assert_string_equal(e.msg, "overflow: the sum of the supplies does not fit in 64-bit "
                               "integers; scale costs or capacities down");
    mcf_free(m);

    m = net(2);
    mcf_add_arc(m, 0, 1, 0, 1, INT64_MAX / 3);
    assert_int_equal(mcf_solve(m, &e), SY_EOVERFLOW);
    mcf_free(m);

    m = net(2);
    mcf_add_arc(m, 0, 1, INT64_MIN + 1, 0, 0);
    mcf_add_arc(m, 0, 1, 0, INT64_MAX - 1, 0);
    assert_int_equal(mcf_solve(m, &e), SY_EOVERFLOW);
    mcf_free(m);

    /* Large but representable numbers solve exactly. */
    m = net(2);
    mcf_add_arc(m, 0, 1, 0, (int64_t)1 << 40, (int64_t)1 << 20);
    mcf_set_supply(m, 0, (int64_t)1 << 40);
    mcf_set_supply(m, 1, -((int64_t)1 << 40));
    assert_int_equal(mcf_solve(m, &e), 0);
    assert_int_equal(mcf_cost(m), (int64_t)1 << 60);
    mcf_free(m);
}

static void test_misuse(void **state)
{
    struct mcf *m = net(2);

    (void)state;
    assert_int_equal(mcf_add_arc(m, 0, 2, 0, 1, 1), SY_EUSAGE);
    assert_int_equal(mcf_add_arc(m, -1, 0, 0, 1, 1), SY_EUSAGE);
    assert_int_equal(mcf_set_supply(m, 5, 1), SY_EUSAGE);
    assert_int_equal(mcf_flow(m, 0), 0);
    assert_int_equal(mcf_arc_from(m, 3), -1);
    assert_null(mcf_new(-1, 0));
    mcf_free(NULL);
    mcf_free(m);

    /* An empty network is trivially optimal. */
    m = net(0);
    assert_int_equal(mcf_solve(m, NULL), 0);
    assert_int_equal(mcf_cost(m), 0);
    mcf_free(m);
}

/* A tiny deterministic generator (xorshift64*) so failures can be replayed. */
static uint64_t rng_next(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717ULL;
}

static int64_t rng_range(uint64_t *s, int64_t lo, int64_t hi)
{
    return lo + (int64_t)(rng_next(s) % (uint64_t)(hi - lo + 1));
}

/* Checks conservation, bounds and complementary slackness: together they prove optimality. */
static void certify(const struct mcf *m, const int64_t *lo, const int64_t *up, const int64_t *c)
{
    int32_t n = mcf_node_count(m), na = mcf_arc_count(m), a, i;
    int64_t *net_out = calloc((size_t)n + 1, sizeof *net_out), total = 0;

    assert_non_null(net_out);
    for (a = 0; a < na; a++) {
        int64_t f = mcf_flow(m, a), rc;
        int32_t u = mcf_arc_from(m, a), v = mcf_arc_to(m, a);

        assert_true(f >= lo[a] && f <= up[a]);
        net_out[u] += f;
        net_out[v] -= f;
        total += f * c[a];
        rc = c[a] + mcf_potential(m, u) - mcf_potential(m, v);
        if (f > lo[a])
            assert_true(rc <= 0);
        if (f < up[a])
            assert_true(rc >= 0);
    }
    for (i = 0; i < n; i++)
        assert_int_equal(net_out[i], mcf_supply(m, i));
    assert_int_equal(total, mcf_cost(m));
    free(net_out);
}

struct tally {
    int solved, infeasible, unbounded;
};

/*
 * Solves one random network of up to max_n nodes and max_m arcs, with one
 * arc in inf_every unlimited, and certifies the result when it is optimal.
 */
static void random_round(uint64_t seed, int32_t max_n, int32_t max_m, int inf_every,
                         struct tally *t)
{
    uint64_t s = seed * 0x9E3779B97F4A7C15ULL;
    int32_t n = (int32_t)rng_range(&s, 1, max_n), na = (int32_t)rng_range(&s, 0, max_m), a, i;
    int64_t *lo = malloc(((size_t)na + 1) * 3 * sizeof *lo), *up = lo + na + 1, *c = up + na + 1;
    int64_t sum = 0;
    struct mcf *m = mcf_new(n, 8);
    struct err e = {0};
    int rc;

    assert_non_null(m);
    assert_non_null(lo);
    if (seed % 7 == 0)
        mcf_set_block_size(m, (int32_t)rng_range(&s, 1, 5));
    for (a = 0; a < na; a++) {
        int32_t u = (int32_t)rng_range(&s, 0, n - 1), v = (int32_t)rng_range(&s, 0, n - 1);

        if (a > 0 && rng_range(&s, 0, 9) == 0) { /* a parallel arc */
            u = mcf_arc_from(m, a - 1);
            v = mcf_arc_to(m, a - 1);
        }
        lo[a] = rng_range(&s, 0, 5) == 0 ? rng_range(&s, -3, 4) : 0;
        up[a] = lo[a] + (rng_range(&s, 0, 6) == 0 ? 0 : rng_range(&s, 0, 30));
        if (rng_range(&s, 0, inf_every - 1) == 0)
            up[a] = MCF_INF;
        c[a] = rng_range(&s, -5, 40);
        assert_int_equal(mcf_add_arc(m, u, v, lo[a], up[a], c[a]), a);
    }
    for (i = 0; i + 1 < n; i++) {
        int64_t b = rng_range(&s, 0, 3) == 0 ? rng_range(&s, -10, 10) : 0;
        mcf_set_supply(m, i, b);
        sum += b;
    }
    mcf_set_supply(m, n - 1, -sum);
    rc = mcf_solve(m, &e);
    if (rc == 0) {
        certify(m, lo, up, c);
        t->solved++;
    } else if (rc == SY_EINFEASIBLE) {
        t->infeasible++;
    } else {
        assert_int_equal(rc, SY_EUNBOUNDED);
        t->unbounded++;
    }
    mcf_free(m);
    free(lo);
}

static void test_random_certified(void **state)
{
    struct tally t = {0};
    uint64_t seed;

    (void)state;
    for (seed = 1; seed <= 3000; seed++)
        random_round(seed, 25, 150, 10, &t);
    print_message("small random: %d solved, %d infeasible, %d unbounded\n", t.solved, t.infeasible,
                  t.unbounded);
    assert_true(t.solved > 1000);
    assert_true(t.infeasible > 100);
    assert_true(t.unbounded > 10);
}

/* Deeper trees and longer pivot cycles than the small networks give. */
static void test_random_large(void **state)
{
    struct tally t = {0};
    uint64_t seed;

    (void)state;
    for (seed = 1; seed <= 60; seed++)
        random_round(1000000 + seed, 500, 6000, 2000, &t);
    print_message("large random: %d solved, %d infeasible, %d unbounded\n", t.solved, t.infeasible,
                  t.unbounded);
    assert_true(t.solved >= 20);
}

/*
 * Opens ../shared/data/mcf/NAME: under $SYMBIOSE_DATA, else next to the
 * repository found from the working folder or from this binary
 * (BUILD/tests/test_mcf). NULL when absent.
 */
static FILE *open_shared(const char *name, char *path, size_t n)
{
    const char *data = getenv("SYMBIOSE_DATA");
    char exe[4096];
    ssize_t len;
    FILE *f;

    if (data && *data) {
        snprintf(path, n, "%s/mcf/%s", data, name);
        f = fopen(path, "rb");
        if (f)
            return f;
    }
    snprintf(path, n, "../shared/data/mcf/%s", name);
    f = fopen(path, "rb");
    if (f)
        return f;
    len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len <= 0)
        return NULL;
    exe[len] = '\0';
    if (strrchr(exe, '/'))
        *strrchr(exe, '/') = '\0';
    snprintf(path, n, "%s/../../../shared/data/mcf/%s", exe, name);
    return fopen(path, "rb");
}

static void test_netgen(void **state)
{
    char path[8192];
    struct mcf *m = NULL;
    struct err e = {0};
    FILE *f;

    (void)state;
    f = open_shared("netgen-2.min", path, sizeof path);
    if (!f)
        skip();
    assert_int_equal(dimacs_read(f, path, &m, &e), 0);
    fclose(f);
    assert_int_equal(mcf_solve(m, &e), 0);
    assert_int_equal(mcf_cost(m), 6749969302LL);
    /* Any block size reaches the same optimum. */
    mcf_set_block_size(m, 1);
    assert_int_equal(mcf_solve(m, &e), 0);
    assert_int_equal(mcf_cost(m), 6749969302LL);
    mcf_set_block_size(m, 100000);
    assert_int_equal(mcf_solve(m, &e), 0);
    assert_int_equal(mcf_cost(m), 6749969302LL);
    mcf_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_path),          cmocka_unit_test(test_parallel),
        cmocka_unit_test(test_lower_bounds),  cmocka_unit_test(test_negative_costs),
        cmocka_unit_test(test_zero_capacity), cmocka_unit_test(test_infeasible),
        cmocka_unit_test(test_unbounded),     cmocka_unit_test(test_overflow),
        cmocka_unit_test(test_misuse),        cmocka_unit_test(test_random_certified),
        cmocka_unit_test(test_random_large),  cmocka_unit_test(test_netgen),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
