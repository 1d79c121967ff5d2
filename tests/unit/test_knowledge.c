/*
 * test_knowledge.c - local knowledge (src/core/knowledge.c, src/store/
 * sqlite_knowledge.c) on a real SQLite file: the penalty rule's exact values,
 * which rejection reasons count as technical, local rows laid over a
 * knowledge base, and row checks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/knowledge.h"
#include "store/store.h"

static void test_penalty_values(void **state)
{
    static const double want[] = {1.0, 0.8, 0.64, 0.512, 0.5, 0.5, 0.5};

    (void)state;
    for (int n = 0; n < 7; n++)
        assert_true(knowledge_penalty(n) > want[n] - 1e-12 &&
                    knowledge_penalty(n) < want[n] + 1e-12);
    assert_true(knowledge_penalty(-1) == 1.0);
}

struct count {
    char rule[8][16];
    int n[8], k;
};

static int count_cb(void *ctx, const char *rule, int n)
{
    struct count *c = ctx;

    snprintf(c->rule[c->k], sizeof c->rule[c->k], "%s", rule);
    c->n[c->k++] = n;
    return 0;
}

static void test_technical_reasons_and_local_rows(void **state)
{
    char path[] = "/tmp/symbiose-knowledge-XXXXXX";
    int fd = mkstemp(path);
    struct store *s = NULL;
    struct err e = {0};
    struct territory t = {"t1", "T1", "", "", ""};
    struct candidate c[6];
    static const char *const reasons[6] = {
        "technical: too wet", "Technique : pression", "technically impossible", "economic: price",
        "technical",          "TECHNICAL purity"};
    struct count cnt = {0};
    struct local_row r = {0};
    struct kb *kb = NULL;

    (void)state;
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(store_open(&s, path, &e), 0);
    assert_int_equal(store_territory_put(s, &t, &e), 0);
    memset(c, 0, sizeof c);
    for (int i = 0; i < 6; i++) {
        snprintf(c[i].key, sizeof c[i].key, "P|a|b%d|x|%s", i, i < 5 ? "R001" : "R002");
        snprintf(c[i].rule, sizeof c[i].rule, "%s", i < 5 ? "R001" : "R002");
        snprintf(c[i].fingerprint, sizeof c[i].fingerprint, "f%d", i);
        c[i].kind = CAND_PROSPECTIVE;
    }
    assert_int_equal(store_cand_replace(s, "t1", c, 6, &e), 0);
    for (int i = 0; i < 6; i++)
        assert_int_equal(store_cand_decide(s, c[i].key, CAND_REJECTED, reasons[i], &e), 0);
    assert_int_equal(store_technical_rejections(s, "t1", count_cb, &cnt, &e), 0);
    /* "technically impossible" and "economic" do not count; R001 has 3, R002 1. */
    assert_int_equal(cnt.k, 2);
    assert_string_equal(cnt.rule[0], "R001");
    assert_int_equal(cnt.n[0], 3);
    assert_string_equal(cnt.rule[1], "R002");
    assert_int_equal(cnt.n[1], 1);
    /* A local route overriding R001 and a new one; the penalty applies on load. */
    snprintf(r.territory, sizeof r.territory, "t1");
    r.kind = LOCAL_ROUTE;
    snprintf(r.key, sizeof r.key, "R001");
    snprintf(r.row, sizeof r.row, "R001,10 01 05,material.mineral.gypsum,23.62,0.5,,,,0,x,x,local");
    assert_int_equal(knowledge_check(LOCAL_ROUTE, r.key, r.row, &e), 0);
    assert_int_equal(knowledge_check(LOCAL_ROUTE, "R009", r.row, &e), SY_EINPUT);
    assert_int_equal(store_local_put(s, &r, &e), 0);
    assert_int_equal(knowledge_load(s, "data", "t1", &kb, &e), 0);
    {
        long i = kb_route_find(kb, "R001");
        const struct kb_route *rt = kb_route(kb, (size_t)i);
        assert_true(i >= 0);
        assert_int_equal(rt->local, 1);
        assert_true(rt->base_strength == 0.5);
        assert_int_equal(rt->nrejected, 3);
        assert_true(rt->strength > 0.5 * 0.512 - 1e-9 && rt->strength < 0.5 * 0.512 + 1e-9);
        i = kb_route_find(kb, "R002");
        assert_int_equal(kb_route(kb, (size_t)i)->local, 0);
        assert_int_equal(kb_route(kb, (size_t)i)->nrejected, 1);
    }
    kb_free(kb);
    /* Without the territory: the shipped route, no penalty from t1. */
    assert_int_equal(knowledge_load(s, "data", NULL, &kb, &e), 0);
    assert_int_equal(kb_route(kb, (size_t)kb_route_find(kb, "R001"))->local, 0);
    assert_int_equal(kb_route(kb, (size_t)kb_route_find(kb, "R001"))->nrejected, 0);
    kb_free(kb);
    assert_int_equal(store_local_delete(s, "t1", LOCAL_ROUTE, "R001", &e), 0);
    assert_int_equal(store_local_delete(s, "t1", LOCAL_ROUTE, "R001", &e), SY_ENOTFOUND);
    store_close(s);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_penalty_values),
        cmocka_unit_test(test_technical_reasons_and_local_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
