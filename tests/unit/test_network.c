/*
 * test_network.c - the network vocabulary (model/network.h): stage, type,
 * category and result words in English and French, calendar dates and the
 * day arithmetic the follow-up relies on, and the masked identifiers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "model/network.h"
#include "util/err.h"

static void words_both_languages(void **state)
{
    enum eng_stage st;
    enum event_type t;
    enum barrier_cat c;
    enum lever_result r;

    (void)state;
    assert_int_equal(net_stage_parse(" Rencontré ", &st), 0);
    assert_int_equal(st, STAGE_MET);
    assert_int_equal(net_stage_parse("data shared", &st), 0);
    assert_string_equal(net_stage_name(st), "data_shared");
    assert_int_equal(net_stage_parse("DECLINED", &st), 0);
    assert_int_equal(st, STAGE_DECLINED);
    assert_int_equal(net_stage_parse("maybe", &st), SY_EINPUT);
    assert_int_equal(st, STAGE_DECLINED); /* untouched on error */
    assert_int_equal(net_event_type_parse("atelier", &t), 0);
    assert_int_equal(t, EVENT_WORKSHOP);
    assert_string_equal(net_event_type_name(EVENT_SITE_VISIT), "site_visit");
    assert_int_equal(net_barrier_cat_parse("réglementation", &c), 0);
    assert_int_equal(c, BCAT_REGULATION);
    assert_int_equal(net_barrier_cat_parse("weather", &c), SY_EINPUT);
    assert_int_equal(net_result_parse("en partie", &r), 0);
    assert_int_equal(r, RESULT_PARTLY);
    assert_int_equal(net_result_weight(RESULT_WORKED), 2);
    assert_int_equal(net_result_weight(RESULT_DID_NOT), 0);
    assert_string_equal(net_stage_name(STAGE_COUNT), "?");
}

static void dates(void **state)
{
    char out[16];

    (void)state;
    assert_true(net_date_valid("2024-02-29"));
    assert_false(net_date_valid("2025-02-29"));
    assert_false(net_date_valid("1900-02-29"));
    assert_true(net_date_valid("2000-02-29"));
    assert_false(net_date_valid("2025-13-01"));
    assert_false(net_date_valid("2025-1-01"));
    assert_false(net_date_valid("2025-01-01x"));
    assert_false(net_date_valid(""));
    assert_int_equal(net_date_days("1970-01-01"), 0);
    assert_int_equal(net_date_days("2000-03-01") - net_date_days("2000-02-28"), 2);
    assert_int_equal(net_date_days("2026-01-01") - net_date_days("2025-01-01"), 365);
    assert_int_equal(net_date_days("bad"), -1);
    for (long d = -1000; d < 80000; d += 37) {
        net_date_format(d, out, sizeof out);
        assert_true(net_date_valid(out));
        assert_int_equal(net_date_days(out), d);
    }
}

static void masked_ids(void **state)
{
    char a[20], b[20], c[20];

    (void)state;
    net_mask_id("12345678901234", a, sizeof a);
    net_mask_id("12345678901234", b, sizeof b);
    net_mask_id("12345678901242", c, sizeof c);
    assert_string_equal(a, b);
    assert_string_not_equal(a, c);
    assert_int_equal(strlen(a), 16);
    assert_null(strstr(a, "1234567"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(words_both_languages),
        cmocka_unit_test(dates),
        cmocka_unit_test(masked_ids),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
