/*
 * test_checklist.c - the regulatory checklist (src/match/checklist.c) on the
 * shipped data/legal.csv and on small hand-made rule sets: which rows apply,
 * the most specific level winning per party and topic, every shipped route
 * having a legal path, and located errors in a bad rules file.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "match/checklist.h"
#include "match_fixture.h"

static const struct checklist_item *find_act(const struct checklist *c, const char *act)
{
    for (size_t i = 0; i < c->n; i++)
        if (strstr(c->v[i].act, act))
            return &c->v[i];
    return NULL;
}

static const struct checklist_item *find(const struct checklist *c, const char *topic)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->v[i].topic, topic) == 0)
            return &c->v[i];
    return NULL;
}

static size_t build(const struct kb *kb, const char *rule, const char *code, const char *nace,
                    int haz, double km, struct checklist *cl)
{
    struct checklist_input in = {rule, code, nace, haz, -1, km};
    return checklist_build(kb, &in, cl);
}

/* Every shipped route has a status, and every route taking a waste names its
 * recovery operation from its own rows, its use or its receiver, not only
 * from the general waste row. */
static void test_every_route_has_a_legal_path(void **state)
{
    struct err e = {0};
    struct kb *kb = fixture_kb("data", &e);
    struct checklist cl;
    size_t nwaste = 0, nbad = 0;

    (void)state;
    assert_non_null(kb);
    assert_true(kb_nlegal(kb) >= 80);
    for (size_t i = 0; i < kb_nroutes(kb); i++) {
        const struct kb_route *rt = kb_route(kb, i);
        const char *code = kb_code_str(kb, rt->supply);
        const struct checklist_item *op;
        char nace[24];
        snprintf(nace, sizeof nace, "%s",
                 rt->receiver_nace >= 0 ? kb_nace_str(kb, rt->receiver_nace) : "");
        build(kb, rt->id, code, nace, -1, 10, &cl);
        if (!find(&cl, "status"))
            fail_msg("route %s (%s) has no legal status", rt->id, code);
        if (!cl.waste)
            continue;
        nwaste++;
        op = find(&cl, "operation");
        if (!op || strcmp(op->scope, "waste") == 0) {
            print_message("route %s (%s -> %s %s) names no recovery operation of its own\n", rt->id,
                          code, rt->demand >= 0 ? kb_code_str(kb, rt->demand) : "-", nace);
            nbad++;
        }
    }
    assert_true(nwaste >= 300);
    assert_int_equal(nbad, 0);
    kb_free(kb);
}

static void test_shipped_examples(void **state)
{
    struct err e = {0};
    struct kb *kb = fixture_kb("data", &e);
    struct checklist cl;
    const struct checklist_item *it;

    (void)state;
    assert_non_null(kb);
    /* FGD gypsum to a plasterboard maker: by-product, R5, no hazardous tracking. */
    build(kb, "R223", "10 01 05", "23.62", 0, 10, &cl);
    assert_non_null(it = find(&cl, "status"));
    assert_string_equal(it->scope, "supply");
    assert_non_null(strstr(it->act, "art. 5"));
    assert_non_null(it = find(&cl, "operation"));
    assert_non_null(strstr(it->act, "R5"));
    assert_null(find(&cl, "shipment")); /* 10 km: no border question */
    assert_null(find_act(&cl, "R541-45"));
    /* Used oil (hazardous) to re-refining: Trackdéchets, R9, the oil rules. */
    build(kb, "R265", "13 02 05*", "19.20", -1, 120, &cl);
    assert_int_equal(cl.hazardous, 1);
    assert_non_null(it = find_act(&cl, "R541-45"));
    assert_string_equal(it->topic, "tracking");
    assert_non_null(it = find(&cl, "operation"));
    assert_string_equal(it->scope, "route");
    assert_non_null(strstr(it->act, "R9"));
    assert_non_null(find(&cl, "shipment")); /* 120 km, country unknown */
    /* Whey to pigs: animal by-products and feed law. */
    build(kb, "R139", "02 05 01", "01.46", 0, 20, &cl);
    assert_non_null(it = find(&cl, "abp"));
    assert_string_equal(it->scope, "route");
    assert_non_null(it = find(&cl, "feed"));
    assert_non_null(strstr(it->act, "183/2005"));
    /* Heat is not waste: a contract, no waste register. */
    build(kb, "R001", "energy.steam.lp", "35.30", 0, 2, &cl);
    assert_int_equal(cl.waste, 0);
    assert_null(find(&cl, "tracking"));
    assert_non_null(it = find(&cl, "status"));
    assert_non_null(strstr(it->act, "Code civil"));
    kb_free(kb);
}

static const char rules[] = "scope,key,party,topic,check_en,check_fr,act\n"
                            "waste,,both,status,general,,ACT-W\n"
                            "supply,02,both,status,chapter,,ACT-S2\n"
                            "supply,02 02,both,status,subchapter,,ACT-S4\n"
                            "route,R9,both,status,route,,ACT-R\n"
                            "receiver,35.2,receiver,icpe,digester,,ACT-N\n"
                            "receiver,35,receiver,icpe,energy,,ACT-N2\n"
                            "demand,material.organic,receiver,operation,organic use,,ACT-D\n"
                            "hazardous,,both,tracking,bsd,,ACT-H\n"
                            "nonwaste,,both,status,contract,,ACT-C\n"
                            "abroad,,both,shipment,abroad,,ACT-A\n";

static const char routes[] = "id,supply,demand,receiver_nace,strength\n"
                             "R9,02 02 02,material.organic.ad_input,35.21,1\n"
                             "R8,02 01 01,material.organic.feed,01.4,1\n";

static struct kb *small_kb(void)
{
    struct err e = {0};
    struct kb *kb = NULL;

    assert_int_equal(kb_new(&kb, &e), 0);
    assert_int_equal(kb_load(kb, KB_ROUTES, "r.csv", routes, strlen(routes), &e), 0);
    assert_int_equal(kb_load(kb, KB_LEGAL, "l.csv", rules, strlen(rules), &e), 0);
    assert_int_equal(kb_finish(kb, &e), 0);
    return kb;
}

static void test_most_specific_wins(void **state)
{
    struct kb *kb = small_kb();
    struct checklist cl;
    struct checklist_input in = {"R9", "02 02 02*", "35.21", -1, 1, 5};

    (void)state;
    checklist_build(kb, &in, &cl);
    assert_int_equal(cl.waste, 1);
    assert_int_equal(cl.hazardous, 1); /* the asterisk */
    assert_string_equal(find(&cl, "status")->act, "ACT-R");
    assert_string_equal(find(&cl, "icpe")->act, "ACT-N"); /* 35.2 beats 35 */
    assert_string_equal(find(&cl, "operation")->act, "ACT-D");
    assert_string_equal(find(&cl, "tracking")->act, "ACT-H");
    assert_string_equal(find(&cl, "shipment")->act, "ACT-A"); /* abroad = 1 */
    assert_int_equal(cl.n, 5);
    /* Another route of the same chapter: the longest supply prefix. */
    in.rule = "R8";
    in.code = "02 02 01";
    in.abroad = 0;
    in.hazardous = 0;
    checklist_build(kb, &in, &cl);
    assert_string_equal(find(&cl, "status")->act, "ACT-S4");
    assert_null(find(&cl, "tracking"));
    assert_null(find(&cl, "shipment"));
    in.code = "02 01 01";
    checklist_build(kb, &in, &cl);
    assert_string_equal(find(&cl, "status")->act, "ACT-S2");
    /* Unknown country: only beyond 50 km. */
    in.abroad = -1;
    in.distance_km = 49;
    checklist_build(kb, &in, &cl);
    assert_null(find(&cl, "shipment"));
    in.distance_km = 51;
    checklist_build(kb, &in, &cl);
    assert_non_null(find(&cl, "shipment"));
    /* Not waste: the contract; receiver rows are for waste only. */
    in.rule = "identity";
    in.code = "energy.heat.lt";
    checklist_build(kb, &in, &cl);
    assert_int_equal(cl.n, 1);
    assert_string_equal(cl.v[0].act, "ACT-C");
    kb_free(kb);
}

static void test_summary(void **state)
{
    struct kb *kb = small_kb();
    struct checklist cl;
    struct checklist_input in = {"R9", "02 02 02", "35.21", 0, 0, 5};
    char s[256];

    (void)state;
    int len;

    checklist_build(kb, &in, &cl);
    len = checklist_topics(&cl, s, sizeof s);
    assert_int_equal(len, (int)strlen(s));
    assert_string_equal(s, "status, operation, icpe");
    assert_string_equal(checklist_status_act(&cl), "ACT-R");
    assert_int_equal(checklist_topics(&cl, s, 8), len); /* cut, the length still whole */
    assert_string_equal(s, "status,");
    kb_free(kb);
}

static void test_bad_rules_are_located(void **state)
{
    struct err e = {0};
    struct kb *kb = NULL;
    const char *bad1 = "scope,key,party,topic,check_en,check_fr,act\nsupply,02,both,status,x,,A\n"
                       "country,,both,status,x,,A\n";
    const char *bad2 =
        "scope,key,party,topic,check_en,check_fr,act\nsupply,02,everyone,status,x,,A\n";
    const char *bad3 = "scope,key,party,topic,check_en,check_fr,act\nroute,,both,status,x,,A\n";

    (void)state;
    assert_int_equal(kb_new(&kb, &e), 0);
    assert_int_equal(kb_load(kb, KB_LEGAL, "l.csv", bad1, strlen(bad1), &e), SY_EINPUT);
    assert_non_null(strstr(e.msg, "l.csv:3:1: unknown scope"));
    assert_int_equal(kb_load(kb, KB_LEGAL, "l.csv", bad2, strlen(bad2), &e), SY_EINPUT);
    assert_non_null(strstr(e.msg, "l.csv:2:11: unknown party"));
    assert_int_equal(kb_load(kb, KB_LEGAL, "l.csv", bad3, strlen(bad3), &e), SY_EINPUT);
    assert_non_null(strstr(e.msg, "needs a key"));
    kb_free(kb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_route_has_a_legal_path),
        cmocka_unit_test(test_shipped_examples),
        cmocka_unit_test(test_most_specific_wins),
        cmocka_unit_test(test_summary),
        cmocka_unit_test(test_bad_rules_are_located),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
