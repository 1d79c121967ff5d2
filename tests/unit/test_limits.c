/*
 * test_limits.c - every limit of docs/limits.md that a unit can reach, at its
 * edge: at the limit passes, one past fails cleanly with its message.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv.h"
#include "io/dimacs.h"

/* Reads one record of text with opts; returns csv_next's code, e filled. */
static int one_record(const char *text, size_t len, const struct csv_opts *o, struct csv_record *r,
                      struct err *e, struct csv **keep)
{
    struct csv *c = csv_new_mem(text, len, "t.csv", o);

    assert_non_null(c);
    err_clear(e);
    *keep = c;
    return csv_next(c, r, e);
}

static void test_record_bytes(void **state)
{
    size_t max = CSV_RECORD_MAX;
    char *s = malloc(max + 2);
    struct csv_record r;
    struct csv *c;
    struct err e;

    (void)state;
    assert_non_null(s);
    memset(s, 'a', max + 1);
    s[max] = '\n'; /* exactly CSV_RECORD_MAX bytes, then the line break */
    assert_int_equal(one_record(s, max + 1, NULL, &r, &e, &c), 1);
    assert_int_equal(r.lens[0], max);
    csv_free(c);
    s[max] = 'a';
    s[max + 1] = '\n'; /* one byte more */
    assert_int_equal(one_record(s, max + 2, NULL, &r, &e, &c), SY_ELIMIT);
    assert_string_equal(e.msg, "t.csv:1:1: record longer than 1048576 bytes; shorten it, or look "
                               "for a quote that is never closed");
    csv_free(c);
    free(s);
}

static void test_fields(void **state)
{
    char *s = malloc(2 * (CSV_FIELDS_MAX + 1) + 2);
    struct csv_record r;
    struct csv *c;
    struct err e;
    size_t k = 0;

    (void)state;
    assert_non_null(s);
    for (int i = 0; i < CSV_FIELDS_MAX; i++) {
        s[k++] = 'x';
        s[k++] = ',';
    }
    s[k - 1] = '\n'; /* CSV_FIELDS_MAX fields */
    assert_int_equal(one_record(s, k, NULL, &r, &e, &c), 1);
    assert_int_equal(r.n, CSV_FIELDS_MAX);
    csv_free(c);
    s[k - 1] = ',';
    s[k++] = 'x';
    s[k++] = '\n'; /* one more */
    assert_int_equal(one_record(s, k, NULL, &r, &e, &c), SY_ELIMIT);
    assert_non_null(strstr(e.msg, "more than 1024 fields in a record"));
    csv_free(c);
    free(s);
}

static void test_input_bytes(void **state)
{
    struct csv_opts o = {',', 0, 600 * 1024};
    size_t n = 600 * 1024;
    char *s = malloc(n + 1);
    struct csv_record r;
    struct csv *c;
    struct err e;
    int rc, records = 0;

    (void)state;
    assert_non_null(s);
    for (size_t i = 0; i < n; i++)
        s[i] = i % 64 == 63 ? '\n' : 'b';
    c = csv_new_mem(s, n, "t.csv", &o); /* exactly input_max bytes: all read */
    while ((rc = csv_next(c, &r, &e)) == 1)
        records++;
    assert_int_equal(rc, 0);
    assert_int_equal(records, (int)(n / 64));
    csv_free(c);
    c = csv_new_mem(s, n + 1, "t.csv", &o); /* one byte more: stops, says so */
    s[n] = 'b';
    while ((rc = csv_next(c, &r, &e)) == 1)
        ;
    assert_int_equal(rc, SY_ELIMIT);
    assert_non_null(strstr(e.msg, "larger than 614400 bytes: stopped reading"));
    assert_int_equal(csv_next(c, &r, &e), 0);
    csv_free(c);
    free(s);
}

static void test_endless_record(void **state)
{
    /* An over-long record is skipped up to 16 times the record limit, then the
     * reader stops: with a 1 KiB limit, 16 KiB of 'z' are skipped and the
     * next line read; past that it stops. */
    struct csv_opts o = {',', 1024, 0};
    size_t n = 16 * 1024;
    char *s = malloc(n + 64);
    struct csv_record r;
    struct csv *c;
    struct err e;

    (void)state;
    assert_non_null(s);
    memset(s, 'z', n);
    memcpy(s + n, "\nok\n", 4);
    c = csv_new_mem(s, n + 4, "t.csv", &o);
    assert_int_equal(csv_next(c, &r, &e), SY_ELIMIT);
    assert_non_null(strstr(e.msg, "record longer than 1024 bytes"));
    assert_int_equal(csv_next(c, &r, &e), 1);
    assert_string_equal(r.fields[0], "ok");
    csv_free(c);
    free(s);

    n = 2 * CSV_RECORD_MAX * 16 + 4096;
    s = malloc(n);
    assert_non_null(s);
    memset(s, 'z', n);
    o.record_max = 0;
    c = csv_new_mem(s, n, "t.csv", &o);
    assert_int_equal(csv_next(c, &r, &e), SY_ELIMIT);
    assert_non_null(strstr(e.msg, "with no end after"));
    assert_int_equal(csv_next(c, &r, &e), 0);
    csv_free(c);
    free(s);
}

static void test_dimacs_nodes_arcs(void **state)
{
    struct mcf *m = NULL;
    struct err e;
    char t[64];

    (void)state;
    snprintf(t, sizeof t, "p min %d 0\n", DIMACS_MAX_NODES);
    assert_int_equal(dimacs_parse(t, strlen(t), "t.min", &m, &e), 0);
    assert_int_equal(mcf_node_count(m), DIMACS_MAX_NODES);
    mcf_free(m);
    snprintf(t, sizeof t, "p min %d 0\n", DIMACS_MAX_NODES + 1);
    assert_int_equal(dimacs_parse(t, strlen(t), "t.min", &m, &e), SY_ELIMIT);
    assert_null(m);
    /* At the arc limit the count is accepted (then the missing arc lines are
     * the error); one past is the limit's error. */
    snprintf(t, sizeof t, "p min 2 %d\n", DIMACS_MAX_ARCS);
    assert_int_equal(dimacs_parse(t, strlen(t), "t.min", &m, &e), SY_EINPUT);
    assert_non_null(strstr(e.msg, "announces 100000000 arcs but the file has 0"));
    snprintf(t, sizeof t, "p min 2 %d\n", DIMACS_MAX_ARCS + 1);
    assert_int_equal(dimacs_parse(t, strlen(t), "t.min", &m, &e), SY_ELIMIT);
    assert_non_null(strstr(e.msg, "arcs exceed the limit of 100000000"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_record_bytes),      cmocka_unit_test(test_fields),
        cmocka_unit_test(test_input_bytes),       cmocka_unit_test(test_endless_record),
        cmocka_unit_test(test_dimacs_nodes_arcs),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
