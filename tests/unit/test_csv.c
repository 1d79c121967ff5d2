/*
 * test_csv.c - unit tests for the streaming CSV reader (src/io/csv.c): every
 * rule of csv.h, every error message, resync after errors, limits, buffer
 * boundaries, a 10 MB line, and csv_parse_number.
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
#include "util/buf.h"

/*
 * Reads everything and renders it as text: one line per record,
 * "LINE:field|field|..." and "!message" per error. Stops after 50 calls.
 */
static char *dump_csv(struct csv *c)
{
    struct buf out = BUF_INIT;
    struct csv_record r;
    struct err e;
    int rc, i = 0;

    while (i++ < 50 && (rc = csv_next(c, &r, &e)) != 0) {
        if (rc < 0) {
            buf_addf(&out, "!%s\n", e.msg);
            continue;
        }
        buf_addf(&out, "%ld:", r.line);
        for (size_t k = 0; k < r.n; k++) {
            assert_int_equal(strlen(r.fields[k]), r.lens[k]);
            buf_addf(&out, "%s%s", k ? "|" : "", r.fields[k]);
        }
        buf_adds(&out, "\n");
    }
    return buf_detach(&out, NULL);
}

static char *dump_mem(const char *data, size_t len, const struct csv_opts *o)
{
    struct csv *c = csv_new_mem(data, len, "t.csv", o);
    char *s;

    assert_non_null(c);
    s = dump_csv(c);
    csv_free(c);
    return s;
}

static void check(const char *data, const char *want)
{
    char *got = dump_mem(data, strlen(data), NULL);

    assert_string_equal(got, want);
    free(got);
}

static void check_sep(const char *data, int sep, const char *want)
{
    struct csv_opts o = {sep, 0, 0};
    char *got = dump_mem(data, strlen(data), &o);

    assert_string_equal(got, want);
    free(got);
}

static void test_simple(void **state)
{
    (void)state;
    check("a,b,c\n1,2,3\n", "1:a|b|c\n2:1|2|3\n");
    check("a,b,c\r\n1,2,3\r\n", "1:a|b|c\n2:1|2|3\n");
    check("a,b\n1,2", "1:a|b\n2:1|2\n"); /* no final line break */
    check("a\rb\r", "1:a\n2:b\n");       /* old Mac line breaks */
    check("", "");
    check("x", "1:x\n");
}

static void test_empty_fields(void **state)
{
    (void)state;
    check("a,,b\n,\n", "1:a||b\n2:|\n");
    check("a,", "1:a|\n");
    check("\"\",\"\"\n", "1:|\n");
    check("\"\"\n", "1:\n"); /* one empty quoted field is a record, not an empty line */
    check(" \n", "1: \n");   /* spaces are data */
}

static void test_empty_lines(void **state)
{
    (void)state;
    check("\n\na,b\n\n1,2\n\n", "3:a|b\n5:1|2\n");
    check("\r\n\r\na\r\n\r\nb\r\n", "3:a\n5:b\n");
}

static void test_quotes(void **state)
{
    (void)state;
    check("\"a,b\",\"say \"\"hi\"\"\"\n", "1:a,b|say \"hi\"\n");
    check("\"\"\"\"\n", "1:\"\n");
    check("\"multi\nline\",x\ny\n", "1:multi\nline|x\n3:y\n");
    check("\"multi\r\nline\r\n\",x\r\ny\r\n", "1:multi\r\nline\r\n|x\n4:y\n");
    check("\"q\"", "1:q\n");
    check("\"q\",", "1:q|\n");
}

static void test_cols(void **state)
{
    struct csv_record r;
    struct err e;
    const char *d = "ab,\"c\nd\",e\n\"x\",,yy";
    struct csv *c = csv_new_mem(d, strlen(d), "t.csv", NULL);

    (void)state;
    assert_int_equal(csv_sep(c), 0);
    assert_int_equal(csv_line(c), 1);
    assert_int_equal(csv_next(c, &r, &e), 1);
    assert_int_equal(r.n, 3);
    assert_int_equal(r.line, 1);
    assert_int_equal(r.cols[0], 1);
    assert_int_equal(r.cols[1], 4); /* the opening quote */
    assert_int_equal(r.cols[2], 4); /* "e" is on line 2, after 'd",' */
    assert_int_equal(csv_line(c), 3);
    assert_int_equal(csv_next(c, &r, &e), 1);
    assert_int_equal(r.line, 3);
    assert_int_equal(r.n, 3);
    assert_int_equal(r.cols[0], 1);
    assert_int_equal(r.cols[1], 5);
    assert_int_equal(r.cols[2], 6);
    assert_int_equal(r.lens[2], 2);
    assert_int_equal(csv_next(c, &r, &e), 0);
    assert_int_equal(csv_next(c, &r, &e), 0);
    assert_int_equal(csv_sep(c), ',');
    csv_free(c);
}

static void test_bom(void **state)
{
    struct csv_record r;
    struct err e;
    const char *d = "\xEF\xBB\xBF"
                    "id;nom\n1;\xC3\xA9t\xC3\xA9\n";
    struct csv *c = csv_new_mem(d, strlen(d), "t.csv", NULL);

    (void)state;
    assert_int_equal(csv_had_bom(c), 0);
    assert_int_equal(csv_next(c, &r, &e), 1);
    assert_int_equal(csv_had_bom(c), 1);
    assert_int_equal(csv_sep(c), ';');
    assert_string_equal(r.fields[0], "id");
    assert_int_equal(r.cols[0], 1); /* columns count after the BOM */
    assert_int_equal(r.cols[1], 4);
    assert_int_equal(csv_next(c, &r, &e), 1);
    assert_string_equal(r.fields[1], "\xC3\xA9t\xC3\xA9");
    csv_free(c);
    check("\xEF\xBB\xBF", "");
}

static void test_sep_detect(void **state)
{
    (void)state;
    check("a;b;c\n1,5;2;3\n", "1:a|b|c\n2:1,5|2|3\n");
    check("a;b,c\n1;2,3\n", "1:a;b|c\n2:1;2|3\n"); /* tie: ',' */
    check("\"x;y;z\",b\n", "1:x;y;z|b\n");         /* quoted separators do not count */
    check("\n\na;b\n", "3:a|b\n");                 /* first non-empty line */
    check_sep("a;b,c\n", ';', "1:a|b,c\n");
    check_sep("a\tb,c\n", '\t', "1:a|b,c\n");
}

static void test_err_stray_quote(void **state)
{
    (void)state;
    check("a,b\nx,a\"b,c\n1,2\n",
          "1:a|b\n"
          "!t.csv:2:4: quote inside an unquoted field; quote the whole field and double the "
          "quote\n"
          "3:1|2\n");
}

static void test_err_after_quote(void **state)
{
    (void)state;
    check("a,b\n\"a\"b,c\n1,2\n",
          "1:a|b\n"
          "!t.csv:2:4: text after a closing quote; put the separator right after the quote, or "
          "quote the whole field and double the quotes inside it\n"
          "3:1|2\n");
    /* the record still ends at its real end: a later quoted newline is skipped over */
    check("\"a\" ,\"x\ny\"\nok\n",
          "!t.csv:1:4: text after a closing quote; put the separator right after the quote, or "
          "quote the whole field and double the quotes inside it\n"
          "3:ok\n");
}

static void test_err_unterminated(void **state)
{
    struct csv_record r;
    struct err e;
    const char *d = "a,b\n1,\"never\nclosed,2\n3,4\n";
    struct csv *c = csv_new_mem(d, strlen(d), "t.csv", NULL);

    (void)state;
    assert_int_equal(csv_next(c, &r, &e), 1);
    assert_int_equal(csv_next(c, &r, &e), SY_EINPUT);
    assert_string_equal(e.msg, "t.csv:2:3: quoted field never closed; add the closing quote (and "
                               "double any quote inside the field)");
    assert_int_equal(csv_next(c, &r, &e), 0);
    assert_int_equal(csv_next(c, &r, &e), 0);
    csv_free(c);
}

static void test_err_utf8(void **state)
{
    (void)state;
    check("a,b\n1,caf\xE9\n2,ok\n",
          "1:a|b\n"
          "!t.csv:2:6: invalid UTF-8 (byte 0xE9); the file is probably in Latin-1 or "
          "Windows-1252: save it as \"CSV UTF-8\" or convert it with iconv -f WINDOWS-1252 -t "
          "UTF-8\n"
          "3:2|ok\n");
    /* located inside a multi-line quoted field */
    check("\"x\ny\xFF\"\nz\n", "!t.csv:2:2: invalid UTF-8 (byte 0xFF); the file is probably in "
                               "Latin-1 or Windows-1252: save it as \"CSV UTF-8\" or convert it "
                               "with iconv -f WINDOWS-1252 -t UTF-8\n"
                               "3:z\n");
    /* overlong, surrogate, above U+10FFFF, lone continuation, truncated at the end */
    check("\xC0\xAF\n", "!t.csv:1:1: invalid UTF-8 (byte 0xC0); the file is probably in Latin-1 "
                        "or Windows-1252: save it as \"CSV UTF-8\" or convert it with iconv -f "
                        "WINDOWS-1252 -t UTF-8\n");
    check("ab\xED\xA0\x80\n", "!t.csv:1:3: invalid UTF-8 (byte 0xED); the file is probably in "
                              "Latin-1 or Windows-1252: save it as \"CSV UTF-8\" or convert it "
                              "with iconv -f WINDOWS-1252 -t UTF-8\n");
    check("\xF4\x90\x80\x80", "!t.csv:1:1: invalid UTF-8 (byte 0xF4); the file is probably in "
                              "Latin-1 or Windows-1252: save it as \"CSV UTF-8\" or convert it "
                              "with iconv -f WINDOWS-1252 -t UTF-8\n");
    check("a\x80", "!t.csv:1:2: invalid UTF-8 (byte 0x80); the file is probably in Latin-1 or "
                   "Windows-1252: save it as \"CSV UTF-8\" or convert it with iconv -f "
                   "WINDOWS-1252 -t UTF-8\n");
    check("a,\xC3", "!t.csv:1:3: invalid UTF-8 (byte 0xC3); the file is probably in Latin-1 or "
                    "Windows-1252: save it as \"CSV UTF-8\" or convert it with iconv -f "
                    "WINDOWS-1252 -t UTF-8\n");
    /* valid: 2, 3 and 4 bytes, U+00A0, U+202F, U+10FFFF */
    check("\xC3\xA9,\xE2\x82\xAC,\xF0\x9F\x98\x80,\xC2\xA0\xE2\x80\xAF,\xF4\x8F\xBF\xBF\n",
          "1:\xC3\xA9|\xE2\x82\xAC|\xF0\x9F\x98\x80|\xC2\xA0\xE2\x80\xAF|\xF4\x8F\xBF\xBF\n");
}

static void test_err_nul(void **state)
{
    char *got;

    (void)state;
    got = dump_mem("a\0b\nc\n", 6, NULL);
    assert_string_equal(got, "!t.csv:1:2: NUL byte; the file is binary or UTF-16, not text: save "
                             "it as \"CSV UTF-8\"\n"
                             "2:c\n");
    free(got);
}

static void test_err_record_limit(void **state)
{
    struct csv_opts o = {0, 10, 0};
    char *got;
    const char *d = "a,b\n0123456789\n01234567890\n\"x\n1234567890\",1\nok\n";

    (void)state;
    got = dump_mem(d, strlen(d), &o);
    assert_string_equal(got, "1:a|b\n"
                             "2:0123456789\n"
                             "!t.csv:3:1: record longer than 10 bytes; shorten it, or look for a "
                             "quote that is never closed\n"
                             "!t.csv:4:1: record longer than 10 bytes; shorten it, or look for a "
                             "quote that is never closed\n"
                             "6:ok\n");
    free(got);
}

static void test_err_fields_limit(void **state)
{
    struct buf b = BUF_INIT;
    char *got;

    (void)state;
    for (int i = 0; i < CSV_FIELDS_MAX; i++)
        buf_adds(&b, i ? ",x" : "x");
    buf_adds(&b, "\n");
    got = dump_mem(b.str, b.len, NULL);
    assert_int_equal(strlen(got), 2 + 2 * CSV_FIELDS_MAX); /* "1:" x|x|...\n: fits */
    free(got);
    buf_truncate(&b, b.len - 1);
    buf_adds(&b, ",over\nnext\n");
    got = dump_mem(b.str, b.len, NULL);
    assert_string_equal(got, "!t.csv:1:2049: more than 1024 fields in a record; remove the extra "
                             "columns\n"
                             "2:next\n");
    free(got);
    buf_release(&b);
}

/* Writes data to a temporary file and opens a reader over it. */
static struct csv *open_tmp(FILE **fp, const char *data, size_t len, const struct csv_opts *o)
{
    FILE *f = tmpfile();

    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    rewind(f);
    *fp = f;
    return csv_new_file(f, "t.csv", o);
}

static void test_file_boundaries(void **state)
{
    struct buf b = BUF_INIT;
    const size_t chunk = (size_t)256 << 10;
    FILE *f;
    struct csv *c;
    char *want, *got;

    (void)state;
    /* Records of varied shapes until past three chunks; a CRLF, a "" and a quoted
     * newline fall across each boundary somewhere along the way. */
    for (int i = 0; b.len < 3 * chunk + 1000; i++)
        buf_addf(&b, "%d,\"q\"\"%d\r\nx\",%*s,\"\"\r\n", i, i, i % 17, "");
    want = dump_mem(b.str, b.len, NULL);
    c = open_tmp(&f, b.str, b.len, NULL);
    got = dump_csv(c);
    assert_string_equal(got, want);
    free(got);
    free(want);
    csv_free(c);
    fclose(f);

    /* A CR as the very last byte of the first chunk, its LF in the second. */
    buf_reset(&b);
    while (b.len < chunk - 1)
        buf_adds(&b, "x");
    b.str[chunk - 10] = '\n';
    buf_adds(&b, "\r\nnext\r\n");
    c = open_tmp(&f, b.str, b.len, NULL);
    got = dump_csv(c);
    assert_int_equal(strlen(got), 2 + 9 + 1 + 2 + (chunk - 11) + 1 + 7);
    assert_string_equal(got + strlen(got) - 7, "3:next\n");
    free(got);
    csv_free(c);
    fclose(f);
    buf_release(&b);
}

static void test_big_line(void **state)
{
    const size_t big = (size_t)10 << 20;
    struct csv_opts o = {0, (size_t)16 << 20, 0};
    struct csv_record r;
    struct err e;
    char *d = malloc(big + 32);
    struct csv *c;
    FILE *f;

    (void)state;
    assert_non_null(d);
    memset(d, 'x', big);
    d[0] = '"';
    d[100] = '\n'; /* a quoted newline inside */
    d[big - 1] = '"';
    memcpy(d + big, ",end\nok\n", 9);

    c = open_tmp(&f, d, big + 8, &o);
    assert_int_equal(csv_next(c, &r, &e), 1);
    assert_int_equal(r.n, 2);
    assert_int_equal(r.lens[0], big - 2);
    assert_string_equal(r.fields[1], "end");
    assert_int_equal(r.cols[1], (long)(big + 1 - 101) + 1);
    assert_int_equal(csv_next(c, &r, &e), 1);
    assert_int_equal(r.line, 3);
    assert_string_equal(r.fields[0], "ok");
    assert_int_equal(csv_next(c, &r, &e), 0);
    csv_free(c);
    fclose(f);

    /* The default 1 MiB limit: an error, then the next record. */
    c = open_tmp(&f, d, big + 8, NULL);
    assert_int_equal(csv_next(c, &r, &e), SY_ELIMIT);
    assert_string_equal(e.msg, "t.csv:1:1: record longer than 1048576 bytes; shorten it, or look "
                               "for a quote that is never closed");
    assert_int_equal(csv_next(c, &r, &e), 1);
    assert_int_equal(r.line, 3);
    assert_string_equal(r.fields[0], "ok");
    csv_free(c);
    fclose(f);

    /* Unclosed: the limit is passed first, but the cause is reported. */
    d[big - 1] = 'x';
    c = open_tmp(&f, d, big + 8, NULL);
    assert_int_equal(csv_next(c, &r, &e), SY_EINPUT);
    assert_string_equal(e.msg, "t.csv:1:1: quoted field never closed; add the closing quote (and "
                               "double any quote inside the field)");
    assert_int_equal(csv_next(c, &r, &e), 0);
    csv_free(c);
    fclose(f);
    free(d);
}

static void test_err_io(void **state)
{
    struct csv_record r;
    struct err e;
    FILE *f = fopen("/dev/null", "w");
    struct csv *c;

    (void)state;
    assert_non_null(f);
    c = csv_new_file(f, "w.csv", NULL);
    assert_int_equal(csv_next(c, &r, &e), SY_EIO);
    assert_non_null(strstr(e.msg, "w.csv:1:1: read error: "));
    assert_non_null(strstr(e.msg, "; check that the file is readable"));
    csv_free(c);
    fclose(f);
}

static void num_ok(const char *s, double want)
{
    double v = -12345;

    if (csv_parse_number(s, &v) != 0)
        fail_msg("rejected \"%s\"", s);
    assert_true(v == want);
}

static void num_bad(const char *s)
{
    double v = 42;

    if (csv_parse_number(s, &v) != SY_EINPUT)
        fail_msg("accepted \"%s\"", s);
    assert_true(v == 42);
}

static void test_number(void **state)
{
    (void)state;
    num_ok("12", 12);
    num_ok("-0.25", -0.25);
    num_ok("+3", 3);
    num_ok("0,5", 0.5);
    num_ok("1 234,5", 1234.5);
    num_ok("1 234.5", 1234.5);
    num_ok("12 345 678", 12345678);
    num_ok("1\xC2\xA0"
           "234,75",
           1234.75);
    num_ok("-1\xE2\x80\xAF"
           "000\xE2\x80\xAF"
           "000",
           -1000000);
    num_ok(" 7 ", 7);
    num_ok("1234567", 1234567);
    num_ok("1,234", 1.234); /* one mark: a decimal comma */
    num_bad("");
    num_bad(" ");
    num_bad("-");
    num_bad("1,234.5");
    num_bad("1.234,5");
    num_bad("1,2,3");
    num_bad("1e5");
    num_bad("1E-3");
    num_bad("12abc");
    num_bad("12 kg");
    num_bad("12,");
    num_bad(",5");
    num_bad("1 23");
    num_bad("1234 567");
    num_bad("1  234");
    num_bad("--1");
    num_bad("0x10");
    num_bad("inf");
    num_bad("nan");
    num_bad("1\xC2"); /* a cut U+00A0 */
    num_bad("1111111111111111111111111111111111111111111111111111111111111111111111111111111111"
            "111111111111111111111111111111111111111111111111");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simple),
        cmocka_unit_test(test_empty_fields),
        cmocka_unit_test(test_empty_lines),
        cmocka_unit_test(test_quotes),
        cmocka_unit_test(test_cols),
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_sep_detect),
        cmocka_unit_test(test_err_stray_quote),
        cmocka_unit_test(test_err_after_quote),
        cmocka_unit_test(test_err_unterminated),
        cmocka_unit_test(test_err_utf8),
        cmocka_unit_test(test_err_nul),
        cmocka_unit_test(test_err_record_limit),
        cmocka_unit_test(test_err_fields_limit),
        cmocka_unit_test(test_file_boundaries),
        cmocka_unit_test(test_big_line),
        cmocka_unit_test(test_err_io),
        cmocka_unit_test(test_number),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
