/*
 * test_dimacs.c - unit tests of the DIMACS min-cost flow reader and writer (src/io/dimacs.c).
 *
 * Every error message is checked verbatim, with its line and column.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "io/dimacs.h"
#include "optim/mcf.h"

static int parse(const char *text, struct mcf **m, struct err *e)
{
    err_clear(e);
    return dimacs_parse(text, strlen(text), "t.min", m, e);
}

static void test_valid(void **state)
{
    const char *text = "c a comment\r\n"
                       "\n"
                       "p min 4 5\r\n"
                       "n 1 7\n"
                       "n 4 -7\n"
                       "c arcs follow\n"
                       "a 1 2 0 4 2\n"
                       "a 1 3 0 8 2\n"
                       "a 2 4 0 5 1\n"
                       "a 3 4 1 5 3\n"
                       "\ta  2 3   0 +3 -1  \n";
    struct mcf *m = NULL;
    struct err e = {0};

    (void)state;
    assert_int_equal(parse(text, &m, &e), 0);
    assert_non_null(m);
    assert_int_equal(mcf_node_count(m), 4);
    assert_int_equal(mcf_arc_count(m), 5);
    assert_int_equal(mcf_supply(m, 0), 7);
    assert_int_equal(mcf_supply(m, 1), 0);
    assert_int_equal(mcf_supply(m, 3), -7);
    assert_int_equal(mcf_arc_from(m, 4), 1);
    assert_int_equal(mcf_arc_to(m, 4), 2);
    assert_int_equal(mcf_solve(m, &e), 0);
    /* 4 via 1-2-4 (cost 3 each), 3 via 1-3-4 (cost 5 each) or through 2-3 */
    assert_int_equal(mcf_cost(m), 4 * 3 + 3 * 5);
    mcf_free(m);

    /* No trailing newline, no arcs, no node lines. */
    assert_int_equal(parse("p min 3 0", &m, &e), 0);
    assert_int_equal(mcf_node_count(m), 3);
    assert_int_equal(mcf_arc_count(m), 0);
    mcf_free(m);
}

struct bad {
    const char *text;
    int code;
    const char *msg;
};

static const struct bad bad_cases[] = {
    {"", SY_EINPUT, "t.min:1:1: no problem line ('p min NODES ARCS')"},
    {"c only a comment\n", SY_EINPUT, "t.min:1:1: no problem line ('p min NODES ARCS')"},
    {"p min 2 0\nx 1 2\n", SY_EINPUT, "t.min:2:1: unknown line type 'x' (expected c, p, n or a)"},
    {"p min 2 0\n  arc 1 2\n", SY_EINPUT,
     "t.min:2:3: unknown line type 'arc' (expected c, p, n or a)"},
    {"p min 2 0\np min 2 0\n", SY_EINPUT,
     "t.min:2:1: duplicate problem line (the first is line 1)"},
    {"a 1 2 0 1 1\np min 2 1\n", SY_EINPUT, "t.min:1:1: arc line before the problem line"},
    {"c\n n 1 2\n", SY_EINPUT, "t.min:2:2: node line before the problem line"},
    {"p max 2 0\n", SY_EINPUT, "t.min:1:3: problem type 'max' is not 'min'"},
    {"p\n", SY_EINPUT, "t.min:1:2: missing problem type (expected 'min')"},
    {"p min\n", SY_EINPUT, "t.min:1:6: missing node count"},
    {"p min 2\n", SY_EINPUT, "t.min:1:8: missing arc count"},
    {"p min -1 0\n", SY_EINPUT, "t.min:1:7: node count -1 out of range 0..2147483647"},
    {"p min 2 2147483648\n", SY_EINPUT,
     "t.min:1:9: arc count 2147483648 out of range 0..2147483647"},
    {"p min 2x 0\n", SY_EINPUT, "t.min:1:7: malformed node count '2x': expected an integer"},
    {"p min 2 0 9\n", SY_EINPUT, "t.min:1:11: unexpected '9' after the last field"},
    {"p min 10000001 1\n", SY_ELIMIT,
     "t.min:1:7: 10000001 nodes exceed the limit of 10000000 (about 1000 MB of memory); see "
     "docs/limits.md"},
    {"p min 10000000 100000001\n", SY_ELIMIT,
     "t.min:1:16: 100000001 arcs exceed the limit of 100000000; see docs/limits.md"},
    {"p min 2 1\na 1 2 -9223372036854775808 1 1\n", SY_EINPUT,
     "t.min:2:7: lower bound -9223372036854775808 out of range "
     "-9223372036854775807..9223372036854775806"},
    {"p min 2 1\na 1 2 0 1x 3\n", SY_EINPUT,
     "t.min:2:9: malformed capacity '1x': expected an integer"},
    {"p min 2 1\na 1 2 0 - 3\n", SY_EINPUT,
     "t.min:2:9: malformed capacity '-': expected an integer"},
    {"p min 2 1\na 1 2 0 1 1.5\n", SY_EINPUT,
     "t.min:2:11: malformed cost '1.5': expected an integer"},
    {"p min 2 0\nn 1 99999999999999999999\n", SY_EINPUT,
     "t.min:2:5: supply '99999999999999999999' does not fit in 64 bits"},
    {"p min 2 0\nn 1 -9223372036854775809\n", SY_EINPUT,
     "t.min:2:5: supply '-9223372036854775809' does not fit in 64 bits"},
    {"p min 3 1\na 1 5 0 1 1\n", SY_EINPUT, "t.min:2:5: head node id 5 out of range 1..3"},
    {"p min 3 1\na 0 1 0 1 1\n", SY_EINPUT, "t.min:2:3: tail node id 0 out of range 1..3"},
    {"p min 3 0\nn 4 1\n", SY_EINPUT, "t.min:2:3: node id 4 out of range 1..3"},
    {"p min 2 1\na 1 2 0 1\n", SY_EINPUT, "t.min:2:10: missing cost"},
    {"p min 2 1\na 1 2 0 1 5 6\n", SY_EINPUT, "t.min:2:13: unexpected '6' after the last field"},
    {"p min 2 0\nn 1 5 7\n", SY_EINPUT, "t.min:2:7: unexpected '7' after the last field"},
    {"p min 2 0\nn 1\n", SY_EINPUT, "t.min:2:4: missing supply"},
    {"p min 2 0\nn 1 5\nn 2 -5\nn 1 5\n", SY_EINPUT, "t.min:4:3: duplicate node line for node 1"},
    {"p min 2 1\na 1 2 0 1 1\na 1 2 0 1 1\n", SY_EINPUT,
     "t.min:3:1: more arc lines than the 1 announced on line 1"},
    {"c\np min 2 3\na 1 2 0 1 1\n", SY_EINPUT,
     "t.min:2:9: the problem line announces 3 arcs but the file has 1 arc lines"},
    {"p min 2 1\na 1 2 5 4 1\n", SY_EINPUT, "t.min:2:9: capacity 4 is below the lower bound 5"},
};

static void test_errors(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        struct mcf *m = (struct mcf *)&m; /* must be reset to NULL */
        struct err e = {0};
        int rc = parse(bad_cases[i].text, &m, &e);

        if (rc != bad_cases[i].code || strcmp(e.msg, bad_cases[i].msg) != 0)
            fail_msg("case %zu: got %d '%s', want %d '%s'", i, rc, e.msg, bad_cases[i].code,
                     bad_cases[i].msg);
        assert_null(m);
    }
}

static void test_long_token(void **state)
{
    char text[200];
    struct mcf *m = NULL;
    struct err e = {0};

    (void)state;
    snprintf(text, sizeof text, "p min 2 0\nn 1 %s\n", "123456789012345678901234567890123456789x");
    assert_int_equal(parse(text, &m, &e), SY_EINPUT);
    assert_string_equal(e.msg,
                        "t.min:2:5: malformed supply '123456789012345678901234567890123456...': "
                        "expected an integer");
    /* A NUL byte inside a line is reported, not treated as the end of the text. */
    assert_int_equal(dimacs_parse("p min 2 0\nn 1 5\0\n", 17, "t.min", &m, &e), SY_EINPUT);
    assert_string_equal(e.msg, "t.min:2:5: malformed supply '5?': expected an integer");
}

static void test_read_write(void **state)
{
    const char *text = "p min 3 3\nn 1 4\nn 3 -4\na 1 2 0 3 1\na 2 3 0 9 1\na 1 3 0 9 5\n";
    char out[256] = {0};
    struct mcf *m = NULL;
    struct err e = {0};
    FILE *f = fmemopen((void *)text, strlen(text), "r");

    (void)state;
    assert_non_null(f);
    assert_int_equal(dimacs_read(f, "mem.min", &m, &e), 0);
    fclose(f);
    assert_int_equal(mcf_solve(m, &e), 0);
    f = fmemopen(out, sizeof out, "w");
    assert_non_null(f);
    assert_int_equal(dimacs_write_solution(f, m, &e), 0);
    fclose(f);
    assert_string_equal(out, "s 11\nf 1 2 3\nf 2 3 3\nf 1 3 1\n");
    mcf_free(m);

    /* Errors from a FILE carry its name. */
    f = fmemopen((void *)"p min 1 0\nq\n", 12, "r");
    assert_int_equal(dimacs_read(f, "mem.min", &m, &e), SY_EINPUT);
    fclose(f);
    assert_string_equal(e.msg, "mem.min:2:1: unknown line type 'q' (expected c, p, n or a)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_long_token),
        cmocka_unit_test(test_read_write),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
