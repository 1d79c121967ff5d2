/*
 * test_svg.c - the SVG writer and the report document: escaping, no NaN
 * or infinity ever written, charts with few or no data, numbers in full.
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

#include "io/report.h"
#include "io/svg.h"

static void escapes_text(void **state)
{
    struct buf b = BUF_INIT;

    (void)state;
    assert_int_equal(svg_text(&b, 1, 2, "start", NULL, "<a href=\"x\">&'\x1b"), 0);
    assert_non_null(strstr(b.str, "&lt;a href=&quot;x&quot;&gt;&amp;&#39; </text>"));
    assert_null(strchr(b.str, 0x1b));
    buf_release(&b);
}

static void never_nan(void **state)
{
    struct buf b = BUF_INIT;
    const char *labels[] = {"a", "b", "c"};
    double v[] = {NAN, INFINITY, 3};
    double s0[] = {NAN, 2, -1};
    const double *series[] = {s0};
    const char *names[] = {"2026"};
    struct svg_point p = {NAN, 7, "x", 0};

    (void)state;
    assert_int_equal(svg_bar_chart(&b, "t", labels, v, 3, "t"), 0);
    assert_int_equal(svg_radar(&b, "r", labels, 3, series, names, 1), 0);
    assert_int_equal(svg_map(&b, "m", 300, 200, &p, 1, NULL, 0, NULL, 0), 0);
    assert_int_equal(svg_map(&b, "empty", 300, 200, NULL, 0, NULL, 0, NULL, 0), 0);
    assert_int_equal(svg_radar(&b, "two axes", labels, 2, series, names, 1), 0);
    assert_null(strstr(b.str, "nan"));
    assert_null(strstr(b.str, "inf"));
    assert_int_equal((int)(strstr(b.str, "</svg>") != NULL), 1);
    buf_release(&b);
}

static void csv_numbers_in_full(void **state)
{
    struct report r;
    struct err e = {0};
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);

    (void)state;
    report_init(&r);
    assert_int_equal(report_figure(&r, "zp", "impact", "impact.euros", "euros, saved", 1234567.5,
                                   "EUR", "estimated", "plan 1"),
                     0);
    assert_int_equal(
        report_figure(&r, "zp", "impact", "impact.t", "t", 1.2e6, "t", "declared", "plan 1"), 0);
    assert_int_equal(report_write_csv(&r, f, &e), 0);
    fclose(f);
    assert_non_null(strstr(text, "zp,impact,impact.euros,\"euros, saved\",1234567.5,EUR,"));
    assert_non_null(strstr(text, ",1200000,t,declared,plan 1"));
    assert_null(strstr(text, "e+"));
    assert_non_null(report_find(&r, "zp", "impact.t"));
    assert_null(report_find(&r, "network", "impact.t"));
    free(text);
    report_release(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(escapes_text),
        cmocka_unit_test(never_nan),
        cmocka_unit_test(csv_numbers_in_full),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
