/*
 * test_num.c - numbers written in full: no exponent, no digit lost, and
 * every value reads back exactly (what a CSV listing needs to re-import).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv.h"
#include "util/num.h"

static void issue_examples(void **state)
{
    char b[NUM_STR_MAX];

    (void)state;
    assert_string_equal(num_format(1200000, b, sizeof b), "1200000");
    assert_string_equal(num_format(1234567, b, sizeof b), "1234567");
    assert_string_equal(num_format(123456.7, b, sizeof b), "123456.7");
    assert_string_equal(num_format(0.1, b, sizeof b), "0.1");
    assert_string_equal(num_format(-2.5, b, sizeof b), "-2.5");
    assert_string_equal(num_format(0, b, sizeof b), "0");
    assert_string_equal(num_format(-0.0, b, sizeof b), "0");
    assert_string_equal(num_format(1e21, b, sizeof b), "1000000000000000000000");
    assert_string_equal(num_format(NAN, b, sizeof b), "");
    assert_string_equal(num_format(INFINITY, b, sizeof b), "");
}

/* Random doubles of every magnitude a flow can have: written, then read
 * back by the importer's number parser, give the same double. */
static void round_trip(void **state)
{
    char b[NUM_STR_MAX];
    double back;

    (void)state;
    srand(12345);
    for (int i = 0; i < 20000; i++) {
        double m = (double)rand() / RAND_MAX, v = ldexp(m, rand() % 80 - 30);

        if (i % 3 == 0)
            v = round(v * 1000) / 1000; /* typed with 3 decimals */
        num_format(v, b, sizeof b);
        assert_null(strpbrk(b, "eE"));
        assert_int_equal(csv_parse_number(b, &back), 0);
        assert_true(back == v);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(issue_examples),
        cmocka_unit_test(round_trip),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
