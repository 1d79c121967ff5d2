/*
 * test_util.c - buf, err, diag and strmap.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/diag.h"
#include "util/err.h"
#include "util/strmap.h"

static void buf_never_null(void **state)
{
    struct buf b = BUF_INIT;

    (void)state;
    assert_non_null(b.str);
    assert_string_equal(b.str, "");
    assert_int_equal(buf_adds(&b, "abc"), 0);
    assert_int_equal(buf_addf(&b, "-%d-", 42), 0);
    assert_int_equal(buf_addch(&b, 'z'), 0);
    assert_string_equal(b.str, "abc-42-z");
    assert_int_equal(b.len, 8);
    buf_truncate(&b, 3);
    assert_string_equal(b.str, "abc");
    buf_release(&b);
    assert_string_equal(b.str, "");
}

static void buf_limit(void **state)
{
    struct buf b;

    (void)state;
    buf_init(&b, 8);
    assert_int_equal(buf_adds(&b, "12345678"), 0);
    assert_int_equal(buf_addch(&b, '9'), SY_ELIMIT);
    assert_string_equal(b.str, "12345678"); /* unchanged on failure */
    buf_release(&b);
}

static void buf_detach_owns(void **state)
{
    struct buf b = BUF_INIT;
    size_t len;
    char *s;

    (void)state;
    s = buf_detach(&b, &len);
    assert_non_null(s);
    assert_int_equal(len, 0);
    free(s);
    buf_adds(&b, "hello");
    s = buf_detach(&b, &len);
    assert_string_equal(s, "hello");
    assert_int_equal(len, 5);
    assert_string_equal(b.str, "");
    free(s);
}

static void err_messages(void **state)
{
    struct err e;

    (void)state;
    assert_int_equal(err_set(&e, SY_EINPUT, "bad %s", "thing"), SY_EINPUT);
    err_prefix(&e, "file %d", 3);
    assert_string_equal(e.msg, "file 3: bad thing");
    assert_int_equal(err_exit_status(SY_OK), 0);
    assert_int_equal(err_exit_status(SY_EUSAGE), 1);
    assert_int_equal(err_exit_status(SY_EINPUT), 2);
    assert_int_equal(err_exit_status(SY_ESTORE), 3);
    assert_int_equal(err_set(NULL, SY_EIO, "ignored"), SY_EIO);
}

static void diag_bounded(void **state)
{
    struct diags d;
    char line[512];

    (void)state;
    diags_init(&d, "f.csv");
    for (int i = 0; i < 150; i++)
        diags_error(&d, i + 2, 3, "error %d", i);
    diags_warning(&d, 1, 7, "a warning");
    assert_int_equal(d.nerrors, 150);
    assert_int_equal(d.nwarnings, 1);
    assert_int_equal(d.n, DIAG_MAX + 1);
    assert_true(diags_full(&d));
    diags_format(&d, 0, line, sizeof line);
    assert_string_equal(line, "f.csv:2:3: error: error 0");
    diags_format(&d, DIAG_MAX, line, sizeof line);
    assert_string_equal(line, "f.csv:1:7: warning: a warning");
    diags_release(&d);
}

static void strmap_basic(void **state)
{
    struct strmap m;
    long v = 0;
    char key[32];

    (void)state;
    strmap_init(&m);
    assert_false(strmap_get(&m, "x", &v));
    for (int i = 0; i < 10000; i++) {
        snprintf(key, sizeof key, "k%d", i);
        assert_int_equal(strmap_put(&m, key, i), 0);
    }
    assert_int_equal(m.n, 10000);
    assert_true(strmap_get(&m, "k1234", &v));
    assert_int_equal(v, 1234);
    assert_int_equal(strmap_put(&m, "k1234", -1), 0);
    assert_true(strmap_get(&m, "k1234", &v));
    assert_int_equal(v, -1);
    assert_int_equal(m.n, 10000);
    assert_false(strmap_get(&m, "k10000", NULL));
    strmap_release(&m);
    assert_int_equal(strmap_hash(STRMAP_FNV_SEED, "", 0), STRMAP_FNV_SEED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(buf_never_null),  cmocka_unit_test(buf_limit),
        cmocka_unit_test(buf_detach_owns), cmocka_unit_test(err_messages),
        cmocka_unit_test(diag_bounded),    cmocka_unit_test(strmap_basic),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
