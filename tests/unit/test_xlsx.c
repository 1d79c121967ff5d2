/*
 * test_xlsx.c - the workbook writer, read back by an independent reader
 * (tests/tools/xlsx_read.py: Python's zipfile and ElementTree).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/xlsx.h"

static const struct out_col cols[] = {
    {"id", 0, 0}, {"tonnes", 1, 0}, {"since", 0, 0}, {"note", 0, 0}};

/* Runs the reader on path and returns its JSON output (owned). */
static char *read_back(const char *path)
{
    char cmd[1024], *out = calloc(1, 1 << 16);
    const char *top = getenv("SYMBIOSE_TOP");
    size_t n;
    FILE *p;

    snprintf(cmd, sizeof cmd, "python3 %s/tests/tools/xlsx_read.py %s", top ? top : ".", path);
    p = popen(cmd, "r");
    assert_non_null(p);
    n = fread(out, 1, (1 << 16) - 1, p);
    out[n] = 0;
    assert_int_equal(pclose(p), 0);
    return out;
}

static void dates_parse(void **state)
{
    int y, mo, d, h, mi;
    double s;

    (void)state;
    assert_true(xlsx_parse_date("2026-03-14", &y, &mo, &d, &h, &mi, &s));
    assert_int_equal(y, 2026);
    assert_int_equal(mo, 3);
    assert_int_equal(d, 14);
    assert_true(xlsx_parse_date("2024-02-29T09:30:05Z", &y, &mo, &d, &h, &mi, &s));
    assert_int_equal(h, 9);
    assert_int_equal(mi, 30);
    assert_true(s > 4.9 && s < 5.1);
    assert_false(xlsx_parse_date("2025-02-29", &y, &mo, &d, &h, &mi, &s)); /* not a leap year */
    assert_false(xlsx_parse_date("2026-13-01", &y, &mo, &d, &h, &mi, &s));
    assert_false(xlsx_parse_date("2026-04-31", &y, &mo, &d, &h, &mi, &s));
    assert_false(xlsx_parse_date("1899-12-31", &y, &mo, &d, &h, &mi, &s));
    assert_false(xlsx_parse_date("2026-03-14x", &y, &mo, &d, &h, &mi, &s));
    assert_false(xlsx_parse_date("20.14Z", &y, &mo, &d, &h, &mi, &s));
    assert_false(xlsx_parse_date("2026-03-14T25:00", &y, &mo, &d, &h, &mi, &s));
}

static void typed_cells_read_back(void **state)
{
    char path[] = "/tmp/test_xlsx_XXXXXX";
    const char *r1[] = {"a-1", "1234567.5", "2026-03-14", "bon, \"très\""};
    const char *r2[] = {"a-2", "n/a", "2026-03-14T09:30:00Z", NULL};
    struct err e = {0};
    struct xlsx *x;
    char *json;
    int fd = mkstemp(path);

    (void)state;
    assert_true(fd >= 0);
    close(fd);
    x = xlsx_open_path(path, &e);
    assert_non_null(x);
    assert_int_equal(xlsx_sheet(x, "flows", cols, 4, &e), 0);
    assert_int_equal(xlsx_row(x, r1, &e), 0);
    assert_int_equal(xlsx_row(x, r2, &e), 0);
    assert_int_equal(xlsx_count(x), 2);
    assert_int_equal(xlsx_sheet(x, "a/b:c", cols, 2, &e), 0);
    assert_int_equal(xlsx_sheet(x, "flows", cols, 1, &e), 0);
    assert_int_equal(xlsx_close(x, &e), 0);
    json = read_back(path);
    /* the number stays a number, the text after it text, the dates dates */
    assert_non_null(strstr(json, "\"name\": \"flows\", \"frozen_rows\": 1"));
    assert_non_null(strstr(json, "{\"t\": \"n\", \"v\": 1234567.5}"));
    assert_non_null(strstr(json, "{\"t\": \"s\", \"v\": \"n/a\"}"));
    assert_non_null(strstr(json, "{\"t\": \"d\", \"v\": \"2026-03-14\"}"));
    assert_non_null(strstr(json, "{\"t\": \"d\", \"v\": \"2026-03-14T09:30:00\"}"));
    assert_non_null(strstr(json, "{\"t\": \"s\", \"v\": \"bon, \\\"très\\\"\"}"));
    assert_non_null(strstr(json, "\"name\": \"a_b_c\""));
    assert_non_null(strstr(json, "\"name\": \"flows 2\""));
    assert_non_null(strstr(json, "{\"t\": \"s\", \"v\": \"tonnes\"}"));
    free(json);
    unlink(path);
}

static void to_file_copies(void **state)
{
    char path[] = "/tmp/test_xlsx_XXXXXX";
    const char *r1[] = {"x", "2", "", ""};
    struct err e = {0};
    struct xlsx *x;
    char magic[4] = {0};
    FILE *f;
    int fd = mkstemp(path);

    (void)state;
    assert_true(fd >= 0);
    f = fdopen(fd, "w+b");
    assert_non_null(f);
    x = xlsx_open_file(f, &e);
    assert_non_null(x);
    assert_int_equal(xlsx_row(x, r1, &e), SY_EUSAGE); /* no sheet yet */
    assert_int_equal(xlsx_sheet(x, "t", cols, 4, &e), 0);
    assert_int_equal(xlsx_row(x, r1, &e), 0);
    assert_int_equal(xlsx_close(x, &e), 0);
    rewind(f);
    assert_int_equal(fread(magic, 1, 4, f), 4);
    assert_memory_equal(magic, "PK\3\4", 4);
    fclose(f);
    unlink(path);
}

static void bad_path_fails(void **state)
{
    struct err e = {0};
    struct xlsx *x;

    (void)state;
    x = xlsx_open_path("/nonexistent-dir/x.xlsx", &e);
    assert_null(x);
    assert_int_equal(e.code, SY_EIO);
    assert_non_null(strstr(e.msg, "x.xlsx"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(dates_parse),
        cmocka_unit_test(typed_cells_read_back),
        cmocka_unit_test(to_file_copies),
        cmocka_unit_test(bad_path_fails),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
