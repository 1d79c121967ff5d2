/*
 * test_score.c - the score formula of docs/matching.md pinned to exact
 * numbers, computed by hand from the documented formula (not from the code):
 *   score    = strength x distance x quantity x confidence
 *   distance = 1 - 0.5 (d / dmax)^2
 *   quantity = 0.4 + 0.6 u^0.7 c^0.3 (one of u, c is 1); 0.5 when unknown
 * A changed weight or exponent fails here (the mutation check of issue 11
 * found two such changes that no test caught).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "match/engine.h"

#define EPS 1e-12

static void test_quantity_fit(void **state)
{
    (void)state;
    /* supply 50 for a demand of 100: all the supply used (u = 1), half the demand covered */
    assert_float_equal(eng_qty_fit(50, 100), 0.8873514378137414, EPS);
    /* supply 100 for a demand of 50: half the supply used, the demand covered */
    assert_float_equal(eng_qty_fit(100, 50), 0.7693433240034748, EPS);
    /* a third of the supply used */
    assert_float_equal(eng_qty_fit(300, 100), 0.6780778340631819, EPS);
    assert_float_equal(eng_qty_fit(100, 100), 1.0, EPS);
    assert_float_equal(eng_qty_fit(0, 100), 0.5, EPS);
    assert_float_equal(eng_qty_fit(100, 0), 0.5, EPS);
}

static void test_score(void **state)
{
    (void)state;
    /* 0.9 x (1 - 0.5 x 0.5^2) x 0.8 x 0.65 */
    assert_float_equal(eng_score(0.9, 30, 60, 0.8, 0.65), 0.4095, EPS);
    /* at the gate, at the maximum distance, beyond it (clamped) */
    assert_float_equal(eng_score(1, 0, 60, 1, 1), 1.0, EPS);
    assert_float_equal(eng_score(1, 60, 60, 1, 1), 0.5, EPS);
    assert_float_equal(eng_score(1, 90, 60, 1, 1), 0.5, EPS);
    /* 0.7 x (1 - 0.5 x 0.1^2) x 0.5 x 0.6 */
    assert_float_equal(eng_score(0.7, 10, 100, 0.5, 0.6), 0.20895, EPS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quantity_fit),
        cmocka_unit_test(test_score),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
