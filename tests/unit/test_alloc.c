/*
 * test_alloc.c - unit tests of the allocation network (src/optim/alloc.c).
 *
 * Small networks whose optimum is computed by hand in each comment:
 * competition between receivers, the untreated and virgin arcs, splits, arc
 * capacities, the objective switch (with factors from optim/impact), the
 * overflow and input checks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <string.h>

#include <cmocka.h>

#include "optim/alloc.h"
#include "optim/impact.h"

#define EPS 1e-9

static int solve(const double *sq, size_t ns, const double *dq, size_t nd,
                 const struct alloc_arc *a, size_t na, struct alloc_result *r, struct err *e)
{
    struct alloc_problem p = {sq, ns, dq, nd, a, na, 0, 0};

    return alloc_solve(&p, r, e);
}

/* One supply of 100 t, two receivers wanting 100 t each: benefits 5 and 3 per t.
 * The cheaper receiver (larger benefit) takes everything: 100 x 5 = 500. */
static void test_competition_picks_cheaper(void **state)
{
    double sq[] = {100}, dq[] = {100, 100};
    struct alloc_arc a[] = {{0, 1, 100, 3}, {0, 0, 100, 5}};
    struct alloc_result r;
    struct err e = {0};

    (void)state;
    assert_int_equal(solve(sq, 1, dq, 2, a, 2, &r, &e), 0);
    assert_true(fabs(r.flow[1] - 100) < EPS);
    assert_true(fabs(r.flow[0]) < EPS);
    assert_true(fabs(r.untreated[0]) < EPS);
    assert_true(fabs(r.virgin[0]) < EPS);
    assert_true(fabs(r.virgin[1] - 100) < EPS);
    assert_true(fabs(r.benefit - 500) < EPS);
    assert_int_equal(r.cost, -500 * 1000 * 100);
    alloc_result_release(&r);
}

/* Transport costs more than the benefit (-2 per t): the supply stays untreated,
 * the demand is bought new, benefit 0. */
static void test_untreated_when_transport_costs_more(void **state)
{
    double sq[] = {40}, dq[] = {50};
    struct alloc_arc a[] = {{0, 0, 40, -2}};
    struct alloc_result r;
    struct err e = {0};

    (void)state;
    assert_int_equal(solve(sq, 1, dq, 1, a, 1, &r, &e), 0);
    assert_true(fabs(r.flow[0]) < EPS);
    assert_true(fabs(r.untreated[0] - 40) < EPS);
    assert_true(fabs(r.virgin[0] - 50) < EPS);
    assert_true(fabs(r.benefit) < EPS);
    alloc_result_release(&r);
}

/* Supply 100; A wants 60 at 5 per t, B wants 100 at 3 per t:
 * A gets 60, B the remaining 40; 60 x 5 + 40 x 3 = 420; B buys 60 new. */
static void test_split_between_receivers(void **state)
{
    double sq[] = {100}, dq[] = {60, 100};
    struct alloc_arc a[] = {{0, 0, 100, 5}, {0, 1, 100, 3}};
    struct alloc_result r;
    struct err e = {0};

    (void)state;
    assert_int_equal(solve(sq, 1, dq, 2, a, 2, &r, &e), 0);
    assert_true(fabs(r.flow[0] - 60) < EPS);
    assert_true(fabs(r.flow[1] - 40) < EPS);
    assert_true(fabs(r.virgin[1] - 60) < EPS);
    assert_true(fabs(r.untreated[0]) < EPS);
    assert_true(fabs(r.benefit - 420) < EPS);
    alloc_result_release(&r);
}

/* Two suppliers compete for one demand of 100: 80 at 2 per t and 80 at 4 per t.
 * The better one sends 80, the other 20: 320 + 40 = 360; 60 t left untreated. */
static void test_two_suppliers_one_demand(void **state)
{
    double sq[] = {80, 80}, dq[] = {100};
    struct alloc_arc a[] = {{0, 0, 80, 2}, {1, 0, 80, 4}};
    struct alloc_result r;
    struct err e = {0};

    (void)state;
    assert_int_equal(solve(sq, 2, dq, 1, a, 2, &r, &e), 0);
    assert_true(fabs(r.flow[1] - 80) < EPS);
    assert_true(fabs(r.flow[0] - 20) < EPS);
    assert_true(fabs(r.untreated[0] - 60) < EPS);
    assert_true(fabs(r.untreated[1]) < EPS);
    assert_true(fabs(r.virgin[0]) < EPS);
    assert_true(fabs(r.benefit - 360) < EPS);
    alloc_result_release(&r);
}

/* The arc capacity (the candidate's matched quantity) bounds the flow: 30 of 100. */
static void test_arc_capacity(void **state)
{
    double sq[] = {100}, dq[] = {100};
    struct alloc_arc a[] = {{0, 0, 30, 1}, {0, 0, -1, 9}};
    struct alloc_result r;
    struct err e = {0};

    (void)state;
    assert_int_equal(solve(sq, 1, dq, 1, a, 2, &r, &e), 0);
    assert_true(fabs(r.flow[0] - 30) < EPS);
    assert_true(fabs(r.flow[1]) < EPS); /* unknown capacity: never used */
    assert_true(fabs(r.untreated[0] - 70) < EPS);
    assert_true(fabs(r.benefit - 30) < EPS);
    alloc_result_release(&r);
}

/* Quantities are kept to 1e-3 (kg of a tonne): 0.0125 t at 2 per t -> 0.013 t
 * (llround of 12.5 is 13), benefit 0.026. */
static void test_scaling_resolution(void **state)
{
    double sq[] = {0.0125}, dq[] = {1};
    struct alloc_arc a[] = {{0, 0, 1, 2}};
    struct alloc_result r;
    struct err e = {0};

    (void)state;
    assert_int_equal(solve(sq, 1, dq, 1, a, 1, &r, &e), 0);
    assert_true(fabs(r.flow[0] - 0.013) < EPS);
    assert_true(fabs(r.benefit - 0.026) < EPS);
    alloc_result_release(&r);
}

static void test_empty(void **state)
{
    struct alloc_result r;
    struct err e = {0};

    (void)state;
    assert_int_equal(solve(NULL, 0, NULL, 0, NULL, 0, &r, &e), 0);
    assert_true(fabs(r.benefit) < EPS);
    alloc_result_release(&r);
}

/* A quantity whose scaled value leaves 53 bits, a benefit likewise, and a
 * problem whose |cost| x capacity sum leaves 64 bits (caught by mcf). */
static void test_overflow(void **state)
{
    double big[] = {1e16}, one[] = {1}, mid[] = {4e12};
    struct alloc_arc a[] = {{0, 0, 1, 1}};
    struct alloc_arc b[] = {{0, 0, 1, 1e15}};
    struct alloc_arc c[] = {{0, 0, 4e12, 1e6}};
    struct alloc_result r;
    struct err e = {0};

    (void)state;
    assert_int_equal(solve(big, 1, one, 1, a, 1, &r, &e), SY_EOVERFLOW);
    assert_non_null(strstr(e.msg, "overflow: supply 0"));
    assert_null(r.flow);
    assert_int_equal(solve(one, 1, big, 1, a, 1, &r, &e), SY_EOVERFLOW);
    assert_non_null(strstr(e.msg, "demand 0"));
    assert_int_equal(solve(one, 1, one, 1, b, 1, &r, &e), SY_EOVERFLOW);
    assert_non_null(strstr(e.msg, "arc benefit 0"));
    assert_int_equal(solve(mid, 1, mid, 1, c, 1, &r, &e), SY_EOVERFLOW);
    assert_non_null(strstr(e.msg, "overflow"));
}

static void test_bad_input(void **state)
{
    double neg[] = {-1}, nan1[] = {NAN}, one[] = {1};
    struct alloc_arc a[] = {{0, 0, 1, 1}};
    struct alloc_arc bad[] = {{0, 3, 1, 1}};
    struct alloc_result r;
    struct err e = {0};

    (void)state;
    assert_int_equal(solve(neg, 1, one, 1, a, 1, &r, &e), SY_EINPUT);
    assert_non_null(strstr(e.msg, "supply 0 has a negative or unknown quantity"));
    assert_int_equal(solve(one, 1, nan1, 1, a, 1, &r, &e), SY_EINPUT);
    assert_non_null(strstr(e.msg, "demand 0"));
    assert_int_equal(solve(one, 1, one, 1, bad, 1, &r, &e), SY_EINPUT);
    assert_non_null(strstr(e.msg, "do not exist"));
}

static const char transport_csv[] =
    "id,prefix,unit,co2e_kg,eur,co2e_quality,eur_quality,source,version\n"
    "road,,t,0.1,0.1,declared,estimated,test,1\n";
static const char disposal_csv[] =
    "id,prefix,unit,co2e_kg,eur,co2e_quality,eur_quality,source,version\n"
    "d,,t,0,10,declared,estimated,test,1\n";
static const char virgin_csv[] =
    "id,prefix,unit,co2e_kg,eur,co2e_quality,eur_quality,source,version\n"
    "cheap,a,t,100,50,declared,estimated,test,1\n"
    "dear,b,t,5,90,declared,estimated,test,1\n";

/* One supply "x" of 100 t; receiver A (10 km) would buy "a", receiver B
 * (200 km) would buy "b". Per tonne:
 *   A: euros 10 + 50 - 0.1 x 10 = 59;  co2e 0 + 100 - 0.1 x 10 = 99
 *   B: euros 10 + 90 - 0.1 x 200 = 80; co2e 0 + 5 - 0.1 x 200 = -15
 * euros sends the 100 t to B (8000), co2e to A (9900). */
static void test_objective_switch(void **state)
{
    struct impact_factors f;
    struct impact_line ua, ub;
    double sq[] = {100}, dq[] = {100, 100};
    struct alloc_arc a[2] = {{0, 0, 100, 0}, {0, 1, 100, 0}};
    struct alloc_result r;
    struct err e = {0};

    (void)state;
    impact_factors_init(&f);
    assert_int_equal(impact_factors_parse(&f, FACTOR_TRANSPORT, transport_csv,
                                          strlen(transport_csv), "t.csv", &e),
                     0);
    assert_int_equal(
        impact_factors_parse(&f, FACTOR_DISPOSAL, disposal_csv, strlen(disposal_csv), "d.csv", &e),
        0);
    assert_int_equal(
        impact_factors_parse(&f, FACTOR_VIRGIN, virgin_csv, strlen(virgin_csv), "v.csv", &e), 0);
    impact_compute(&f, "x", "a", UNIT_T, 1, 10, 0, &ua);
    impact_compute(&f, "x", "b", UNIT_T, 1, 200, 0, &ub);
    assert_true(fabs(ua.eur - 59) < EPS && fabs(ub.eur - 80) < EPS);
    assert_true(fabs(ua.co2e_kg - 99) < EPS && fabs(ub.co2e_kg + 15) < EPS);

    a[0].benefit = ua.eur;
    a[1].benefit = ub.eur;
    assert_int_equal(solve(sq, 1, dq, 2, a, 2, &r, &e), 0);
    assert_true(fabs(r.flow[1] - 100) < EPS && fabs(r.flow[0]) < EPS);
    assert_true(fabs(r.benefit - 8000) < EPS);
    alloc_result_release(&r);

    a[0].benefit = ua.co2e_kg;
    a[1].benefit = ub.co2e_kg;
    assert_int_equal(solve(sq, 1, dq, 2, a, 2, &r, &e), 0);
    assert_true(fabs(r.flow[0] - 100) < EPS && fabs(r.flow[1]) < EPS);
    assert_true(fabs(r.benefit - 9900) < EPS);
    alloc_result_release(&r);

    /* tonnes: both divert the same tonnes; either is optimal, never both beyond the supply. */
    a[0].benefit = ua.tonnes;
    a[1].benefit = ub.tonnes;
    assert_int_equal(solve(sq, 1, dq, 2, a, 2, &r, &e), 0);
    assert_true(fabs(r.flow[0] + r.flow[1] - 100) < EPS);
    assert_true(fabs(r.benefit - 100) < EPS);
    alloc_result_release(&r);
    impact_factors_release(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_competition_picks_cheaper),
        cmocka_unit_test(test_untreated_when_transport_costs_more),
        cmocka_unit_test(test_split_between_receivers),
        cmocka_unit_test(test_two_suppliers_one_demand),
        cmocka_unit_test(test_arc_capacity),
        cmocka_unit_test(test_scaling_resolution),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_overflow),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_objective_switch),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
