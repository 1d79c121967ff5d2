/*
 * test_store.c - the SQLite store on a real database file: schema version,
 * upserts, filters, transactions, accent-insensitive search, candidates
 * keeping decisions, plans.
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

#include "store/store.h"

static char dbpath[64];

static int setup(void **state)
{
    struct store *s;
    struct err e;
    int fd;

    snprintf(dbpath, sizeof dbpath, "/tmp/sy-test-store-XXXXXX");
    fd = mkstemp(dbpath);
    if (fd < 0)
        return -1;
    close(fd);
    unlink(dbpath);
    if (store_open(&s, dbpath, &e))
        return -1;
    *state = s;
    return 0;
}

static int teardown(void **state)
{
    char p[96];

    store_close(*state);
    unlink(dbpath);
    snprintf(p, sizeof p, "%s-wal", dbpath);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", dbpath);
    unlink(p);
    return 0;
}

static int count_actor(void *ctx, const struct actor *a)
{
    (void)a;
    ++*(int *)ctx;
    return 0;
}

static void put_actor(struct store *s, const char *id, const char *terr, double lat)
{
    struct actor a;
    struct err e;

    memset(&a, 0, sizeof a);
    snprintf(a.id, sizeof a.id, "%s", id);
    snprintf(a.name, sizeof a.name, "Actor %s", id);
    snprintf(a.territory, sizeof a.territory, "%s", terr);
    a.lat = lat;
    a.lon = 7.0;
    a.has_coord = 1;
    assert_int_equal(store_actor_put(s, &a, &e), 0);
}

static void schema_and_territory(void **state)
{
    struct store *s = *state;
    struct territory t, got;
    struct err e;
    int v = -1;

    assert_int_equal(store_schema_version(s, &v, &e), 0);
    assert_true(v >= 1);
    memset(&t, 0, sizeof t);
    strcpy(t.code, "zp");
    strcpy(t.name, "Zone portuaire");
    assert_int_equal(store_territory_put(s, &t, &e), 0);
    strcpy(t.name, "Zone portuaire (renamed)");
    assert_int_equal(store_territory_put(s, &t, &e), 0);
    assert_int_equal(store_territory_get(s, "zp", &got, &e), 0);
    assert_string_equal(got.name, "Zone portuaire (renamed)");
    assert_int_equal(store_territory_get(s, "nope", &got, &e), SY_ENOTFOUND);
    assert_non_null(strstr(e.msg, "symbiose territory add nope"));
}

static void actors_upsert_and_filter(void **state)
{
    struct store *s = *state;
    struct actor_filter f = {0};
    struct territory t;
    struct actor a;
    struct err e;
    int n = 0;

    memset(&t, 0, sizeof t);
    strcpy(t.code, "t1");
    strcpy(t.name, "T1");
    store_territory_put(s, &t, &e);
    put_actor(s, "a", "t1", 48.0);
    put_actor(s, "b", "t1", 48.1);
    put_actor(s, "c", "", 48.2);
    put_actor(s, "a", "t1", 49.5); /* update, not a duplicate */
    assert_int_equal(store_actor_list(s, NULL, count_actor, &n, &e), 0);
    assert_int_equal(n, 3);
    n = 0;
    f.territory = "t1";
    assert_int_equal(store_actor_list(s, &f, count_actor, &n, &e), 0);
    assert_int_equal(n, 2);
    assert_int_equal(store_actor_get(s, "a", &a, &e), 0);
    assert_true(a.has_coord);
    assert_true(a.lat > 49.4 && a.lat < 49.6);
    /* a territory that does not exist violates the foreign key */
    memset(&a, 0, sizeof a);
    strcpy(a.id, "z");
    strcpy(a.name, "Z");
    strcpy(a.territory, "missing");
    assert_int_equal(store_actor_put(s, &a, &e), SY_ESTORE);
}

static void rollback_leaves_nothing(void **state)
{
    struct store *s = *state;
    struct err e;
    int n = 0;

    assert_int_equal(store_begin(s, &e), 0);
    put_actor(s, "tx1", "", 45.0);
    put_actor(s, "tx2", "", 45.0);
    assert_int_equal(store_rollback(s, &e), 0);
    assert_int_equal(store_actor_list(s, NULL, count_actor, &n, &e), 0);
    assert_int_equal(n, 0);
}

/* A pooled connection's page cache is capped; below 64 KiB is a usage error
 * and leaves the store working. */
static void cache_limit(void **state)
{
    struct store *s = *state;
    struct err e;
    int n = 0;

    assert_int_equal(store_cache_limit(s, 8192, &e), 0);
    assert_int_equal(store_cache_limit(s, 32, &e), SY_EUSAGE);
    assert_non_null(strstr(e.msg, "32 KiB"));
    put_actor(s, "c1", "", 45.0);
    assert_int_equal(store_actor_list(s, NULL, count_actor, &n, &e), 0);
    assert_int_equal(n, 1);
}

static int flow_seen(void *ctx, const struct flow *f)
{
    *(struct flow *)ctx = *f;
    return 0;
}

static void flows_roundtrip(void **state)
{
    struct store *s = *state;
    struct flow_filter ff = {0};
    struct flow f, got;
    struct err e;

    put_actor(s, "a", "", 48.0);
    memset(&f, 0, sizeof f);
    strcpy(f.id, "a/supply/energy.heat.lt");
    strcpy(f.actor_id, "a");
    f.dir = FLOW_SUPPLY;
    f.code_kind = CODE_TAXONOMY;
    strcpy(f.code, "energy.heat.lt");
    f.qty = 1200;
    strcpy(f.unit, "MWh");
    f.canon = UNIT_MWH;
    f.qty_canon = 1200;
    f.qty_year = 1200;
    f.months = 0x3F0;
    f.has_temp = 1;
    f.temp_c = 45;
    f.conf = CONF_PRIVATE;
    assert_int_equal(store_flow_put(s, &f, &e), 0);
    ff.actor_id = "a";
    memset(&got, 0, sizeof got);
    assert_int_equal(store_flow_list(s, &ff, flow_seen, &got, &e), 0);
    assert_string_equal(got.code, "energy.heat.lt");
    assert_int_equal(got.months, 0x3F0);
    assert_true(got.has_temp);
    assert_int_equal(got.conf, CONF_PRIVATE);
    assert_int_equal(got.canon, UNIT_MWH);
    /* a flow of an unknown actor violates the foreign key */
    strcpy(f.id, "ghost/supply/x");
    strcpy(f.actor_id, "ghost");
    assert_int_equal(store_flow_put(s, &f, &e), SY_ESTORE);
}

static int first_code(void *ctx, const struct nomen_entry *n)
{
    if (!*(char *)ctx)
        strcpy(ctx, n->code);
    return 0;
}

static void search_ignores_accents(void **state)
{
    struct store *s = *state;
    struct nomen_entry n;
    struct err e;
    char code[64] = "";

    memset(&n, 0, sizeof n);
    n.kind = NOMEN_NACE;
    strcpy(n.code, "10.81");
    strcpy(n.label_fr, "Fabrication de sucre");
    strcpy(n.label_en, "Manufacture of sugar");
    assert_int_equal(store_nomen_put(s, &n, &e), 0);
    strcpy(n.code, "35.30");
    strcpy(n.label_fr, "Production et distribution de vapeur et d'air conditionné");
    strcpy(n.label_en, "Steam and air conditioning supply");
    assert_int_equal(store_nomen_put(s, &n, &e), 0);
    assert_int_equal(store_nomen_reindex(s, &e), 0);
    assert_int_equal(store_nomen_search(s, "CONDITIONNE", 5, first_code, code, &e), 0);
    assert_string_equal(code, "35.30");
    code[0] = '\0';
    assert_int_equal(store_nomen_search(s, "suc", 5, first_code, code, &e), 0);
    assert_string_equal(code, "10.81");
    code[0] = '\0';
    /* FTS syntax in user text is neutralised */
    assert_int_equal(store_nomen_search(s, "sugar\" (", 5, first_code, code, &e), 0);
    assert_string_equal(code, "10.81");
    assert_int_equal(store_nomen_search(s, "!!!", 5, first_code, code, &e), SY_EUSAGE);
}

static int cand_status(void *ctx, const struct candidate *c)
{
    struct candidate *out = ctx;

    *out = *c;
    return 0;
}

static void candidates_keep_decisions(void **state)
{
    struct store *s = *state;
    struct cand_filter f = {NULL, -1, 1, NULL};
    struct candidate c, got;
    struct err e;

    memset(&c, 0, sizeof c);
    strcpy(c.key, "S|a|b|15 01 01|R001");
    strcpy(c.supplier_id, "a");
    strcpy(c.receiver_id, "b");
    strcpy(c.fingerprint, "f1");
    c.score = 0.8;
    assert_int_equal(store_cand_replace(s, "t", &c, 1, &e), 0);
    assert_int_equal(store_cand_decide(s, c.key, CAND_REJECTED, "too far", &e), 0);
    assert_int_equal(store_cand_decide(s, "nope", CAND_ACCEPTED, NULL, &e), SY_ENOTFOUND);
    /* same data: the rejection holds */
    assert_int_equal(store_cand_replace(s, "t", &c, 1, &e), 0);
    assert_int_equal(c.status, CAND_REJECTED);
    assert_string_equal(c.reason, "too far");
    /* hidden from the default listing */
    f.include_rejected = 0;
    memset(&got, 0, sizeof got);
    assert_int_equal(store_cand_list(s, &f, cand_status, &got, &e), 0);
    assert_string_equal(got.key, "");
    /* data changed: it comes back as proposed */
    strcpy(c.fingerprint, "f2");
    assert_int_equal(store_cand_replace(s, "t", &c, 1, &e), 0);
    assert_int_equal(c.status, CAND_PROPOSED);
    assert_int_equal(store_cand_list(s, &f, cand_status, &got, &e), 0);
    assert_string_equal(got.key, c.key);
    /* accepted stays accepted even when the data changes */
    assert_int_equal(store_cand_decide(s, c.key, CAND_ACCEPTED, NULL, &e), 0);
    strcpy(c.fingerprint, "f3");
    assert_int_equal(store_cand_replace(s, "t", &c, 1, &e), 0);
    assert_int_equal(c.status, CAND_ACCEPTED);
    /* a candidate absent from a re-run is no longer listed */
    assert_int_equal(store_cand_replace(s, "t", NULL, 0, &e), 0);
    memset(&got, 0, sizeof got);
    assert_int_equal(store_cand_list(s, &f, cand_status, &got, &e), 0);
    assert_string_equal(got.key, "");
}

static void plan_stored(void **state)
{
    struct store *s = *state;
    struct plan_line line;
    struct plan p;
    struct err e;

    memset(&p, 0, sizeof p);
    memset(&line, 0, sizeof line);
    strcpy(p.territory, "t");
    strcpy(p.objective, "euros");
    strcpy(line.supplier_id, "a");
    line.quantity = 10;
    p.lines = &line;
    p.n = 1;
    assert_int_equal(store_plan_put(s, &p, &e), 0);
    assert_true(p.id > 0);
    assert_int_equal(strlen(p.created), 20);
}

static void open_errors(void **state)
{
    struct store *s;
    struct err e;

    (void)state;
    assert_int_equal(store_open(&s, "/nonexistent-dir/x.db", &e), SY_ESTORE);
    assert_non_null(strstr(e.msg, "/nonexistent-dir/x.db"));
    assert_int_equal(store_open(&s, "postgresql://x", &e), SY_EUSAGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(schema_and_territory, setup, teardown),
        cmocka_unit_test_setup_teardown(actors_upsert_and_filter, setup, teardown),
        cmocka_unit_test_setup_teardown(rollback_leaves_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(cache_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(flows_roundtrip, setup, teardown),
        cmocka_unit_test_setup_teardown(search_ignores_accents, setup, teardown),
        cmocka_unit_test_setup_teardown(candidates_keep_decisions, setup, teardown),
        cmocka_unit_test_setup_teardown(plan_stored, setup, teardown),
        cmocka_unit_test(open_errors),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
