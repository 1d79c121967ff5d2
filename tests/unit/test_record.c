/*
 * test_record.c - the column lists of io/record.h (getters, setters, the
 * flags the outputs and importers select on) and the table writer's
 * in-memory sink.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "io/record.h"
#include "io/table.h"
#include "model/candidate.h"
#include "model/model.h"
#include "util/buf.h"
#include "util/err.h"

static void set_all(const struct rec_desc *d, void *rec, const char *const *names,
                    const char *const *vals, size_t n)
{
    char msg[256];

    for (size_t i = 0; i < n; i++) {
        int c = rec_find(d, names[i]);
        assert_true(c >= 0);
        assert_int_equal(rec_set(d, (size_t)c, rec, vals[i], msg, sizeof msg), 0);
    }
}

static void test_flow_round_trip(void **state)
{
    static const char *const names[] = {
        "id",     "actor_id", "direction",       "code",   "quantity",     "unit",
        "period", "state",    "confidentiality", "months", "temperature_c"};
    static const char *const vals[] = {"f1",   "a1",     "offre", "16 06 01*", "1 234,5", "kg",
                                       "mois", "solide", "",      "4-10",      " 65 "};
    struct flow f;
    char buf[64], msg[256];

    (void)state;
    memset(&f, 0, sizeof f);
    set_all(&rec_flow, &f, names, vals, sizeof names / sizeof names[0]);
    assert_int_equal(f.dir, FLOW_SUPPLY);
    assert_string_equal(f.code, "16 06 01");
    assert_int_equal(f.hazardous, 1);
    assert_true(f.qty == 1234.5);
    assert_int_equal(f.period, PERIOD_MONTH);
    assert_int_equal(f.conf, CONF_TERRITORY);
    assert_int_equal(f.has_temp, 1);
    assert_int_equal(model_flow_normalise(&f), 0);
    assert_string_equal(
        rec_get(&rec_flow, (size_t)rec_find(&rec_flow, "code"), &f, buf, sizeof buf), "16 06 01*");
    assert_string_equal(
        rec_get(&rec_flow, (size_t)rec_find(&rec_flow, "months"), &f, buf, sizeof buf), "4-10");
    assert_string_equal(
        rec_get(&rec_flow, (size_t)rec_find(&rec_flow, "canon_unit"), &f, buf, sizeof buf), "t");
    /* 1234.5 kg a month over 7 months = 8.6415 t a year */
    assert_string_equal(
        rec_get(&rec_flow, (size_t)rec_find(&rec_flow, "qty_year"), &f, buf, sizeof buf), "8.6415");
    /* errors say what is wrong; derived columns cannot be set */
    assert_int_equal(
        rec_set(&rec_flow, (size_t)rec_find(&rec_flow, "quantity"), &f, "-2", msg, sizeof msg),
        SY_EINPUT);
    assert_non_null(strstr(msg, "negative"));
    assert_int_equal(
        rec_set(&rec_flow, (size_t)rec_find(&rec_flow, "unit"), &f, "t/an", msg, sizeof msg),
        SY_EINPUT);
    assert_int_equal(
        rec_set(&rec_flow, (size_t)rec_find(&rec_flow, "qty_year"), &f, "3", msg, sizeof msg),
        SY_EUSAGE);
    f.has_temp = 0;
    assert_false(rec_has(&rec_flow, (size_t)rec_find(&rec_flow, "temperature_c"), &f));
}

static void test_actor_checks(void **state)
{
    struct actor a;
    char msg[256], big[400];

    (void)state;
    memset(&a, 0, sizeof a);
    assert_int_equal(rec_set(&rec_actor, 2, &a, "30345780800011", msg, sizeof msg), SY_EINPUT);
    assert_non_null(strstr(msg, "SIRET '30345780800011' is invalid"));
    assert_int_equal(rec_set(&rec_actor, 2, &a, "30345780800010", msg, sizeof msg), 0);
    assert_int_equal(rec_set(&rec_actor, 3, &a, "2014z", msg, sizeof msg), 0);
    assert_string_equal(a.naf, "20.14Z");
    assert_int_equal(
        rec_set(&rec_actor, (size_t)rec_find(&rec_actor, "lat"), &a, "95", msg, sizeof msg),
        SY_EINPUT);
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = 0;
    assert_int_equal(rec_set(&rec_actor, 1, &a, big, msg, sizeof msg), SY_EINPUT);
    assert_non_null(strstr(msg, "name is too long"));
    assert_int_equal(rec_set(&rec_actor, 1, &a, "", msg, sizeof msg), SY_EINPUT);
    assert_non_null(strstr(msg, "required"));
    /* the importer's columns: the REC_IN ones, required as the CSV format says */
    assert_true(rec_actor.cols[rec_find(&rec_actor, "licensed_hazardous")].flags & REC_IN);
    /* ... and written by every output, so that a CSV listing re-imports it */
    assert_true(rec_actor.cols[rec_find(&rec_actor, "licensed_hazardous")].flags & REC_CSV);
    assert_true(rec_flow.cols[rec_find(&rec_flow, "fate")].flags & REC_IN);
    assert_true(rec_actor.cols[rec_find(&rec_actor, "lat")].flags & REC_REQUIRED);
    assert_false(rec_flow.cols[rec_find(&rec_flow, "id")].flags & REC_REQUIRED);
}

static void test_out_to_buffer(void **state)
{
    struct territory t = {"zp", "Zone \"portuaire\"", "Grand Est", "", ""};
    struct buf b;
    struct out_sink sink;
    struct out *o;

    (void)state;
    buf_init(&b, 0);
    sink.f = NULL;
    sink.b = &b;
    o = out_new_rec(sink, OUT_CSV, &rec_territory, REC_CSV);
    assert_non_null(o);
    assert_int_equal(out_rec(o, &t), 0);
    assert_int_equal(out_finish(o), 0);
    out_free(o);
    assert_string_equal(b.str, "code,name,region,structure,programme\n"
                               "zp,\"Zone \"\"portuaire\"\"\",Grand Est,,\n");
    buf_reset(&b);
    o = out_new_rec(sink, OUT_JSON, &rec_territory, REC_LIST);
    assert_int_equal(out_rec(o, &t), 0);
    assert_int_equal(out_finish(o), 0);
    out_free(o);
    assert_non_null(strstr(b.str, "\"name\":\"Zone \\\"portuaire\\\"\",\"region\":\"Grand Est\","
                                  "\"structure\":null"));
    /* the buffer's limit is an error, not a truncated listing */
    buf_release(&b);
    buf_init(&b, 16);
    o = out_new_rec(sink, OUT_CSV, &rec_territory, REC_CSV);
    out_rec(o, &t);
    assert_int_equal(out_finish(o), SY_ELIMIT);
    out_free(o);
    buf_release(&b);
}

/* A candidate with its short key, and a column no record holds after the
 * record's (match's checklist): JSON text in JSON, nothing in CSV. */
static void test_out_extra(void **state)
{
    static struct candidate c;
    static const struct out_col extra = {"checklist", OUT_COL_JSON, 0};
    const char *v[1] = {"[{\"item\":1}]"};
    char sk[CAND_SHORT_LEN + 1];
    struct buf b;
    struct out_sink sink = {NULL, &b};
    struct out *o;

    (void)state;
    memset(&c, 0, sizeof c);
    snprintf(c.key, sizeof c.key, "S|a|b|16 06 01|R1");
    c.quantity = -1;
    cand_short_key(c.key, sk);
    buf_init(&b, 0);
    o = out_new_rec_extra(sink, OUT_JSON, &rec_candidate, REC_LIST, &extra, 1);
    assert_non_null(o);
    assert_int_equal(out_rec_extra(o, &c, v), 0);
    assert_int_equal(out_rec(o, &c), 0);
    assert_int_equal(out_finish(o), 0);
    out_free(o);
    assert_non_null(strstr(b.str, "\"short_key\":\""));
    assert_non_null(strstr(b.str, sk));
    assert_non_null(strstr(b.str, "\"quantity\":null"));
    assert_non_null(strstr(b.str, "\"checklist\":[{\"item\":1}]}"));
    assert_non_null(strstr(b.str, "\"checklist\":null}"));
    assert_null(strstr(b.str, "\"territory\"")); /* the API's, not the command line's */
    buf_reset(&b);
    o = out_new_rec_extra(sink, OUT_CSV, &rec_candidate, REC_CSV, &extra, 0);
    assert_int_equal(out_rec_extra(o, &c, v), 0);
    assert_int_equal(out_finish(o), 0);
    out_free(o);
    assert_non_null(strstr(b.str, ",key,short_key\n"));
    assert_null(strstr(b.str, "item"));
    buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_flow_round_trip),
        cmocka_unit_test(test_actor_checks),
        cmocka_unit_test(test_out_to_buffer),
        cmocka_unit_test(test_out_extra),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
