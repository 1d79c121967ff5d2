/*
 * test_archetype.c - archetypes within a NACE class (kb_archetype_pick,
 * data/archetypes.csv): the facilitator's choice, words in the name or the
 * register's activity (case and accents ignored), archetype profiles
 * replacing the class's, and routes to the class still applying.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "match_fixture.h"

static void test_pick(void **state)
{
    struct err e = {0};
    struct kb *kb = fixture_kb("data", &e);
    char out[64];

    (void)state;
    assert_non_null(kb);
    assert_int_equal(kb_archetype_pick(kb, "35.11", NULL, "Centrale thermique de Blénod (charbon)",
                                       NULL, NULL, out, sizeof out),
                     1);
    assert_string_equal(out, "35.11:coal");
    assert_int_equal(
        kb_archetype_pick(kb, "35.11", NULL, "DK6", "Cycle combiné gaz", NULL, out, sizeof out), 1);
    assert_string_equal(out, "35.11:gas");
    assert_int_equal(
        kb_archetype_pick(kb, "35.11", NULL, "CNPE de CATTENOM", NULL, NULL, out, sizeof out), 1);
    assert_string_equal(out, "35.11:nuclear");
    /* The facilitator's choice wins over the name; a choice of another class is ignored. */
    assert_int_equal(
        kb_archetype_pick(kb, "35.11", "biomass", "Centrale charbon", NULL, NULL, out, sizeof out),
        1);
    assert_string_equal(out, "35.11:biomass");
    assert_int_equal(
        kb_archetype_pick(kb, "35.11", "23.51:grinding", "x", NULL, NULL, out, sizeof out), 0);
    assert_string_equal(out, "35.11");
    assert_int_equal(kb_archetype_pick(kb, "19.20", NULL, "OSILUB régénération des huiles", NULL,
                                       NULL, out, sizeof out),
                     1);
    assert_string_equal(out, "19.20:re_refining");
    assert_int_equal(kb_archetype_pick(kb, "19.20", NULL, "Raffinerie de Grandpuits", NULL, NULL,
                                       out, sizeof out),
                     0);
    assert_string_equal(out, "19.20");
    kb_free(kb);
}

static void test_profiles_and_routes(void **state)
{
    struct err e = {0};
    struct kb *kb = fixture_kb("data", &e);
    const struct kb_profile *p;
    const int32_t *routes;
    int32_t coal, gas, cls, rr, crude, ash = -1, used_oil;
    size_t n, nr;
    int has_ash = 0, re_refining_route = 0;

    (void)state;
    assert_non_null(kb);
    coal = kb_nace_intern(kb, "35.11:coal");
    gas = kb_nace_intern(kb, "35.11:gas");
    cls = kb_nace_intern(kb, "35.11");
    assert_int_equal(kb_nace_under(kb, cls, coal), 1);
    ash = kb_code_find(kb, "10 01 02");
    n = kb_profiles_for(kb, coal, &p);
    for (size_t i = 0; i < n; i++)
        has_ash |= p[i].code == ash && p[i].dir == FLOW_SUPPLY;
    assert_int_equal(has_ash, 1);
    has_ash = 0;
    n = kb_profiles_for(kb, gas, &p);
    assert_true(n > 0);
    for (size_t i = 0; i < n; i++)
        has_ash |= p[i].code == ash;
    assert_int_equal(has_ash, 0); /* a gas plant has no fly ash */
    /* Used oil goes to re-refiners, not to crude refineries. */
    rr = kb_nace_intern(kb, "19.20:re_refining");
    crude = kb_nace_intern(kb, "19.20");
    used_oil = kb_nace_find(kb, "19.20:re_refining");
    assert_int_equal(used_oil, rr);
    nr = kb_nace_routes(kb, rr, &routes);
    for (size_t i = 0; i < nr; i++)
        re_refining_route |= strcmp(kb_route(kb, (size_t)routes[i])->id, "R265") == 0;
    assert_int_equal(re_refining_route, 1);
    re_refining_route = 0;
    nr = kb_nace_routes(kb, crude, &routes);
    for (size_t i = 0; i < nr; i++)
        re_refining_route |= strcmp(kb_route(kb, (size_t)routes[i])->id, "R265") == 0;
    assert_int_equal(re_refining_route, 0);
    kb_free(kb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pick),
        cmocka_unit_test(test_profiles_and_routes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
