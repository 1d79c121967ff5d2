/*
 * test_kb.c - the knowledge base: parsing of the four files, interning and
 * hierarchy, longest-prefix parameters, routes by supply prefix, receiver
 * NACE prefixes, sector profiles, labels and states; every located error
 * message; and the project's own data/ files load cleanly.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

#include "match_fixture.h"

static void test_fixture_lookups(void **state)
{
    struct err e = {0};
    struct kb *kb = fixture_kb("tests/data/match", &e);
    const struct kb_params *p;
    const int32_t *routes;
    const struct kb_profile *prof;
    int32_t c, n;
    (void)state;
    assert_non_null(kb);
    /* Interning a code interns its ancestors, and keeps ids stable. */
    c = kb_intern(kb, "10 01 05");
    assert_true(c >= 0);
    assert_int_equal(kb_intern(kb, "10 01 05"), c);
    assert_string_equal(kb_code_str(kb, kb_code_parent(kb, c)), "10 01");
    assert_string_equal(kb_code_str(kb, kb_code_parent(kb, kb_code_parent(kb, c))), "10");
    assert_true(kb_code_under(kb, kb_code_find(kb, "10"), c));
    assert_false(kb_code_under(kb, c, kb_code_find(kb, "10")));
    /* Longest prefix: the exact code beats its chapter; a new code inherits. */
    p = kb_params_for(kb, c);
    assert_non_null(p);
    assert_true(p->max_distance_km == 150 && p->min_lot == 1000);
    p = kb_params_for(kb, kb_intern(kb, "10 02 01"));
    assert_non_null(p);
    assert_true(p->max_distance_km == 100);
    assert_null(kb_params_for(kb, kb_intern(kb, "11 01 01")));
    assert_true(kb_params_for(kb, kb_intern(kb, "energy.heat.lt"))->max_distance_km == 20);
    /* Routes by supply prefix: both gypsum routes apply to FGD gypsum. */
    assert_int_equal(kb_routes_for(kb, c, &routes), 2);
    assert_string_equal(kb_route(kb, (size_t)routes[0])->id, "R1");
    assert_string_equal(kb_route(kb, (size_t)routes[0])->purity, "CaSO4 >= 95 %");
    assert_string_equal(kb_route(kb, (size_t)routes[1])->permit, "");
    assert_int_equal(kb_routes_for(kb, kb_intern(kb, "16 06 01"), &routes), 1);
    assert_string_equal(kb_route(kb, (size_t)routes[0])->permit, "required");
    /* Receiver NACE by prefix: 38.32 is under the route's 38.3. */
    n = kb_nace_intern(kb, "38.32");
    assert_int_equal(kb_nace_routes(kb, n, &routes), 1);
    assert_string_equal(kb_route(kb, (size_t)routes[0])->id, "R4");
    assert_int_equal(kb_nace_routes(kb, kb_nace_intern(kb, "38.21"), &routes), 0);
    assert_true(kb_nace_under(kb, kb_nace_find(kb, "38.3"), n));
    /* Profiles: exact class, then a division-level profile for 20.14. */
    assert_int_equal(kb_profiles_for(kb, kb_nace_intern(kb, "23.62"), &prof), 1);
    assert_int_equal(prof[0].dir, FLOW_DEMAND);
    assert_true(prof[0].intensity == 100 && prof[0].unit == UNIT_T);
    assert_int_equal(kb_profiles_for(kb, kb_nace_intern(kb, "20.14"), &prof), 1);
    assert_true(prof[0].unit == UNIT_M3);
    assert_int_equal(kb_profiles_for(kb, kb_nace_intern(kb, "35.11"), &prof), 1);
    assert_true(prof[0].intensity < 0); /* "present" */
    assert_int_equal(kb_profiles_for(kb, kb_nace_intern(kb, "45.20"), &prof), 1);
    assert_true(prof[0].hazardous && kb_code_hazardous(kb, prof[0].code));
    assert_string_equal(kb_code_str(kb, prof[0].code), "16 06 01");
    /* Labels and states. */
    assert_string_equal(kb_label(kb, kb_code_find(kb, "material.mineral.gypsum")), "Gypsum");
    assert_string_equal(kb_label(kb, c), "FGD gypsum");
    assert_int_equal(kb_code_state(kb, kb_intern(kb, "energy.heat.lt")), STATE_LIQUID);
    assert_int_equal(kb_code_state(kb, kb_intern(kb, "material.mineral.gypsum")), STATE_SOLID);
    assert_int_equal(kb_code_find(kb, "nope"), -1);
    kb_free(kb);
}

/* Loads text as one file and expects an error whose message contains want. */
static void expect_error(enum kb_file f, const char *text, const char *want)
{
    struct err e = {0};
    struct kb *kb = NULL;
    assert_int_equal(kb_new(&kb, &e), 0);
    assert_int_equal(kb_load(kb, f, "kb.csv", text, strlen(text), &e), SY_EINPUT);
    if (!strstr(e.msg, want))
        fail_msg("message '%s' lacks '%s'", e.msg, want);
    kb_free(kb);
}

static void test_errors(void **state)
{
    (void)state;
    expect_error(KB_TAXONOMY, "", "kb.csv:1:1: empty file");
    expect_error(KB_TAXONOMY, "label_en\nx\n", "kb.csv:1:1: missing column 'code'");
    expect_error(KB_TAXONOMY, "code,state\nEnergy,none\n", "kb.csv:2:1: invalid taxonomy code");
    expect_error(KB_TAXONOMY, "code,state\nenergy,plasma\n", "kb.csv:2:8: unknown state");
    expect_error(KB_TAXONOMY, "code\nenergy\nenergy\n", "kb.csv:3:1: duplicate taxonomy code");
    expect_error(KB_PARAMS, "prefix,max_distance_km\n10,abc\n", "kb.csv:2:4: not a number");
    expect_error(KB_PARAMS, "prefix,max_distance_km\n10,0\n", "kb.csv:2:4: max_distance_km");
    expect_error(KB_PARAMS, "prefix,max_distance_km\n10,5\n10,6\n", "kb.csv:3:1: duplicate");
    expect_error(KB_PARAMS, "prefix,max_distance_km,min_lot\n10,5,3\n", "min_lot has no unit");
    expect_error(KB_PARAMS, "prefix,max_distance_km,min_lot,min_lot_unit\n10,5,3,parsec\n",
                 "kb.csv:2:8: unknown unit");
    expect_error(KB_PARAMS, "prefix,max_distance_km\n,5\n", "kb.csv:2:1: empty code");
    expect_error(KB_ROUTES, "id,supply,demand,receiver_nace,strength\nR1,10,x,,1.5\n",
                 "kb.csv:2:10: strength must be");
    expect_error(KB_ROUTES, "id,supply,demand,receiver_nace,strength\nR1,10,,,1\n",
                 "a route needs a demand code or a receiver_nace");
    expect_error(KB_ROUTES, "id,supply,demand,receiver_nace,strength\nR1,10,x,,1\nR1,10,y,,1\n",
                 "kb.csv:3:1: duplicate route id");
    expect_error(KB_ROUTES, "id,supply,demand,receiver_nace\nR1,10,x,\n",
                 "missing column 'strength'");
    expect_error(KB_ROUTES, "id,supply,demand,receiver_nace,strength\n,10,x,,1\n",
                 "empty route id");
    expect_error(KB_ROUTES, "id,supply,demand,receiver_nace,strength,state\nR1,10,x,,1,plasma\n",
                 "unknown state");
    expect_error(KB_PROFILES, "nace,direction,code\n20.14,sideways,x\n",
                 "kb.csv:2:7: unknown direction");
    expect_error(KB_PROFILES, "nace,direction,code,intensity,unit\n20.14,supply,x,-1,t\n",
                 "intensity must be >= 0");
    expect_error(KB_PROFILES, "nace,direction,code,intensity,unit\n20.14,supply,x,1,\n",
                 "an intensity needs a unit");
    /* Errors from the CSV reader are located too. */
    expect_error(KB_TAXONOMY, "code\n\"energy\n", "kb.csv:2:");
}

static void test_usage(void **state)
{
    struct err e = {0};
    struct kb *kb = NULL;
    (void)state;
    assert_int_equal(kb_new(&kb, &e), 0);
    assert_int_equal(kb_finish(kb, &e), 0);
    assert_int_equal(kb_load(kb, KB_TAXONOMY, "t", "code\n", 5, &e), SY_EUSAGE);
    /* Codes interned after kb_finish still get their lookups. */
    assert_true(kb_intern(kb, "a.b.c") >= 0);
    assert_string_equal(kb_code_str(kb, kb_code_parent(kb, kb_code_find(kb, "a.b.c"))), "a.b");
    assert_int_equal(kb_intern(kb, ""), -1);
    assert_string_equal(kb_file_name(KB_ROUTES), "routes.csv");
    kb_free(kb);
}

static void test_project_data(void **state)
{
    struct err e = {0};
    struct kb *kb;
    const int32_t *routes;
    FILE *f = fopen("data/routes.csv", "r");
    (void)state;
    if (!f) {
        skip();
        return;
    }
    fclose(f);
    kb = fixture_kb("data", &e);
    if (!kb)
        fail_msg("%s", e.msg);
    assert_true(kb_nroutes(kb) > 100);
    assert_true(kb_routes_for(kb, kb_intern(kb, "10 01 05"), &routes) >= 1);
    kb_free(kb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixture_lookups),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_usage),
        cmocka_unit_test(test_project_data),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
