/*
 * test_network_store.c - the network tables on a real SQLite file: communes
 * and placement by commune, the pipeline as of a date, events with their
 * participants, flows and candidates, the barrier and lever library, the
 * network query across territories, and the indicators by year.
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

#include "store/store_network.h"

static char dbpath[64];

static int setup(void **state)
{
    struct store *s;
    struct err e;
    int fd;

    snprintf(dbpath, sizeof dbpath, "/tmp/sy-test-net-XXXXXX");
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

static void put_terr(struct store *s, const char *code, const char *name)
{
    struct territory t;
    struct err e;

    memset(&t, 0, sizeof t);
    snprintf(t.code, sizeof t.code, "%s", code);
    snprintf(t.name, sizeof t.name, "%s", name);
    assert_int_equal(store_territory_put(s, &t, &e), 0);
}

static void put_actor(struct store *s, const char *id, const char *commune, const char *terr)
{
    struct actor a;
    struct err e;

    memset(&a, 0, sizeof a);
    snprintf(a.id, sizeof a.id, "%s", id);
    snprintf(a.name, sizeof a.name, "Actor %s", id);
    snprintf(a.commune, sizeof a.commune, "%s", commune);
    snprintf(a.territory, sizeof a.territory, "%s", terr);
    assert_int_equal(store_actor_put(s, &a, &e), 0);
}

static int stage_of(void *ctx, const struct pipeline_row *p)
{
    struct pipeline_row *want = ctx;

    if (strcmp(p->actor_id, want->actor_id) == 0)
        *want = *p;
    return 0;
}

static struct pipeline_row row_of(struct store *s, const char *id, const char *as_of)
{
    struct pipeline_row p;
    struct err e;

    memset(&p, 0, sizeof p);
    snprintf(p.actor_id, sizeof p.actor_id, "%s", id);
    p.stage = STAGE_COUNT;
    assert_int_equal(store_pipeline_list(s, NULL, as_of, stage_of, &p, &e), 0);
    return p;
}

static void places_actors_by_commune(void **state)
{
    struct store *s = *state;
    struct territory_commune c[2] = {{"a", "67482", "246700488"}, {"a", "67218", ""}};
    struct territory_commune d[1] = {{"b", "67218", ""}};
    struct actor got;
    struct err e;
    long placed = -1;

    put_terr(s, "a", "A");
    put_terr(s, "b", "B");
    assert_int_equal(store_territory_communes_set(s, "a", c, 2, &e), 0);
    put_actor(s, "in-a", "67482", "");
    put_actor(s, "shared", "67218", "");
    put_actor(s, "elsewhere", "57463", "");
    put_actor(s, "kept", "67482", "b");
    assert_int_equal(store_place_actors(s, NULL, &placed, &e), 0);
    assert_int_equal(placed, 2); /* in-a and shared (only a holds 67218 yet) */
    assert_int_equal(store_actor_get(s, "kept", &got, &e), 0);
    assert_string_equal(got.territory, "b");
    /* A commune in two territories places nobody. */
    put_actor(s, "shared2", "67218", "");
    assert_int_equal(store_territory_communes_set(s, "b", d, 1, &e), 0);
    assert_int_equal(store_place_actors(s, NULL, &placed, &e), 0);
    assert_int_equal(placed, 0);
    assert_int_equal(store_actor_get(s, "shared2", &got, &e), 0);
    assert_string_equal(got.territory, "");
}

static void pipeline_as_of(void **state)
{
    struct store *s = *state;
    struct engagement g;
    struct next_action na;
    struct pipeline_row p;
    struct err e;

    put_terr(s, "a", "A");
    put_actor(s, "x", "67482", "a");
    p = row_of(s, "x", NULL);
    assert_int_equal(p.stage, STAGE_IDENTIFIED);
    assert_string_equal(p.stage_at, "");
    memset(&g, 0, sizeof g);
    snprintf(g.actor_id, sizeof g.actor_id, "x");
    snprintf(g.by, sizeof g.by, "claire");
    g.stage = STAGE_CONTACTED;
    snprintf(g.at, sizeof g.at, "2025-03-01");
    assert_int_equal(store_engagement_add(s, &g, &e), 0);
    assert_true(g.id > 0);
    g.stage = STAGE_MET;
    snprintf(g.at, sizeof g.at, "2025-06-10");
    assert_int_equal(store_engagement_add(s, &g, &e), 0);
    p = row_of(s, "x", NULL);
    assert_int_equal(p.stage, STAGE_MET);
    assert_string_equal(p.last_contact, "2025-06-10");
    assert_string_equal(p.stage_by, "claire");
    p = row_of(s, "x", "2025-04-01");
    assert_int_equal(p.stage, STAGE_CONTACTED);
    memset(&na, 0, sizeof na);
    snprintf(na.actor_id, sizeof na.actor_id, "x");
    snprintf(na.action, sizeof na.action, "send the data sheet");
    snprintf(na.due, sizeof na.due, "2025-07-01");
    assert_int_equal(store_next_action_put(s, &na, &e), 0);
    p = row_of(s, "x", NULL);
    assert_string_equal(p.next_due, "2025-07-01");
    snprintf(g.actor_id, sizeof g.actor_id, "nobody");
    assert_int_equal(store_engagement_add(s, &g, &e), SY_ENOTFOUND);
}

static int add_flow_id(void *ctx, const struct flow *f)
{
    strcat(ctx, f->id);
    strcat(ctx, " ");
    return 0;
}

static int add_cand_key(void *ctx, const struct candidate *c)
{
    strcat(ctx, c->key);
    strcat(ctx, " ");
    return 0;
}

static void events_and_outcomes(void **state)
{
    struct store *s = *state;
    struct event ev, got;
    struct participant p;
    struct flow f;
    struct candidate cand[2];
    struct err e;
    char ids[256] = "", keys[512] = "";

    put_terr(s, "a", "A");
    put_actor(s, "x", "", "a");
    put_actor(s, "y", "", "a");
    memset(&ev, 0, sizeof ev);
    snprintf(ev.territory, sizeof ev.territory, "a");
    ev.type = EVENT_WORKSHOP;
    snprintf(ev.title, sizeof ev.title, "Atelier ressources");
    snprintf(ev.date, sizeof ev.date, "2025-05-20");
    assert_int_equal(store_event_put(s, &ev, &e), 0);
    assert_true(ev.id > 0);
    memset(&p, 0, sizeof p);
    p.event_id = ev.id;
    snprintf(p.actor_id, sizeof p.actor_id, "x");
    snprintf(p.person, sizeof p.person, "Jeanne");
    assert_int_equal(store_participant_add(s, &p, &e), 0);
    assert_int_equal(store_participant_add(s, &p, &e), 0); /* a repeat is ignored */
    assert_int_equal(store_event_get(s, ev.id, &got, &e), 0);
    assert_int_equal(got.participants, 1);
    assert_int_equal(got.type, EVENT_WORKSHOP);
    assert_int_equal(store_event_get(s, ev.id + 5, &got, &e), SY_ENOTFOUND);

    memset(&f, 0, sizeof f);
    snprintf(f.id, sizeof f.id, "card-1");
    snprintf(f.actor_id, sizeof f.actor_id, "x");
    snprintf(f.code, sizeof f.code, "03 01 05");
    snprintf(f.unit, sizeof f.unit, "t");
    f.dir = FLOW_SUPPLY;
    f.months = MONTHS_ALL;
    assert_int_equal(store_flow_put(s, &f, &e), 0);
    assert_int_equal(store_event_flow_add(s, ev.id, "card-1", &e), 0);
    assert_int_equal(store_event_flow_list(s, ev.id, add_flow_id, ids, &e), 0);
    assert_string_equal(ids, "card-1 ");
    memset(cand, 0, sizeof cand);
    snprintf(cand[0].key, sizeof cand[0].key, "S|x|y|03 01 05|r");
    snprintf(cand[0].supplier_id, sizeof cand[0].supplier_id, "x");
    snprintf(cand[0].receiver_id, sizeof cand[0].receiver_id, "y");
    snprintf(cand[0].resource_code, sizeof cand[0].resource_code, "03 01 05");
    snprintf(cand[1].key, sizeof cand[1].key, "S|y|x|02 01 04|r");
    snprintf(cand[1].supplier_id, sizeof cand[1].supplier_id, "y");
    snprintf(cand[1].receiver_id, sizeof cand[1].receiver_id, "x");
    snprintf(cand[1].resource_code, sizeof cand[1].resource_code, "02 01 04");
    assert_int_equal(store_cand_replace(s, "a", cand, 2, &e), 0);
    assert_int_equal(store_event_cand_list(s, ev.id, add_cand_key, keys, &e), 0);
    assert_string_equal(keys, "S|x|y|03 01 05|r ");
}

static int outcome_line(void *ctx, const struct lever_outcome *o)
{
    char line[512];

    snprintf(line, sizeof line, "%s@%s:%.2f:%s;", o->lever, o->territory, o->score, o->email);
    strcat(ctx, line);
    return 0;
}

static void trial(struct store *s, const char *terr, const char *lever, const char *date,
                  enum lever_result r)
{
    struct lever_trial t;
    struct err e;

    memset(&t, 0, sizeof t);
    snprintf(t.territory, sizeof t.territory, "%s", terr);
    snprintf(t.lever, sizeof t.lever, "%s", lever);
    snprintf(t.barrier, sizeof t.barrier, "B1");
    snprintf(t.date, sizeof t.date, "%s", date);
    t.result = r;
    assert_int_equal(store_lever_trial_add(s, &t, &e), 0);
}

static int count_lever(void *ctx, const struct lever *l)
{
    (void)l;
    ++*(int *)ctx;
    return 0;
}

static int keep_ind(void *ctx, const struct net_indicators *n)
{
    struct net_indicators *v = ctx;

    v[n->territory[0] == 'a' ? 0 : 1] = *n;
    return 0;
}

static void library_and_network(void **state)
{
    struct store *s = *state;
    struct barrier b = {"B1", BCAT_TRUST, "Fear of disclosure", "Peur de divulguer", "", "test"};
    struct lever l = {"L1", "Neutral third party", "Tiers de confiance", "", "B1", "test"};
    struct lever l2 = {"L2", "Site visit", "Visite", "", "B1", "test"};
    struct facilitator fa = {"a", "Claire", "claire@example.org", ""};
    struct barrier_record r;
    struct net_indicators ind[2];
    struct barrier got;
    struct err e;
    char out[512] = "";
    int n = 0;

    put_terr(s, "a", "A");
    put_terr(s, "b", "B");
    assert_int_equal(store_barrier_put(s, &b, &e), 0);
    assert_int_equal(store_barrier_get(s, "B1", &got, &e), 0);
    assert_int_equal(got.category, BCAT_TRUST);
    assert_int_equal(store_lever_put(s, &l, &e), 0);
    assert_int_equal(store_lever_put(s, &l2, &e), 0);
    assert_int_equal(store_lever_list(s, "B1", count_lever, &n, &e), 0);
    assert_int_equal(n, 2);
    assert_int_equal(store_facilitator_put(s, &fa, &e), 0);
    trial(s, "a", "L1", "2024-03-01", RESULT_WORKED);
    trial(s, "a", "L1", "2025-03-01", RESULT_PARTLY);
    trial(s, "b", "L2", "2025-04-01", RESULT_WORKED);
    trial(s, "b", "L1", "2025-04-02", RESULT_DID_NOT);
    assert_int_equal(store_lever_outcomes(s, "B1", outcome_line, out, &e), 0);
    assert_string_equal(out, "L2@b:2.00:;L1@a:1.50:claire@example.org;L1@b:0.00:;");
    memset(&r, 0, sizeof r);
    snprintf(r.territory, sizeof r.territory, "a");
    snprintf(r.barrier, sizeof r.barrier, "B1");
    snprintf(r.noted, sizeof r.noted, "2025-01-15");
    assert_int_equal(store_barrier_record_put(s, &r, &e), 0);
    memset(ind, 0, sizeof ind);
    assert_int_equal(store_network_indicators(s, 2025, keep_ind, ind, &e), 0);
    assert_int_equal(ind[0].barriers, 1);
    assert_int_equal(ind[0].levers_tried, 1);
    assert_int_equal(ind[0].levers_worked, 0);
    assert_int_equal(ind[1].levers_tried, 2);
    assert_int_equal(ind[1].levers_worked, 1);
    assert_int_equal(store_network_indicators(s, 2024, keep_ind, ind, &e), 0);
    assert_int_equal(ind[0].levers_worked, 1);
    assert_int_equal(ind[0].barriers, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(places_actors_by_commune, setup, teardown),
        cmocka_unit_test_setup_teardown(pipeline_as_of, setup, teardown),
        cmocka_unit_test_setup_teardown(events_and_outcomes, setup, teardown),
        cmocka_unit_test_setup_teardown(library_and_network, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
