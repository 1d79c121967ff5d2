/*
 * test_edit.c - core/edit.h on a real SQLite file: add, set (only the fields
 * given), delete with and without cascade, errors located on the field.
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

#include "core/edit.h"
#include "store/store_edit.h"

static char dir[64];

static int setup(void **state)
{
    struct store *s;
    struct err e;
    char p[128];

    snprintf(dir, sizeof dir, "/tmp/sy-test-edit-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(p, sizeof p, "%s/t.db", dir);
    if (store_open(&s, p, &e))
        return -1;
    *state = s;
    return 0;
}

static int teardown(void **state)
{
    char cmd[128];

    store_close(*state);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

#define NF(a) (sizeof(a) / sizeof(a)[0])

static int add(struct store *s, enum edit_kind k, const struct edit_field *f, size_t n)
{
    struct edit_result r;
    struct err e;
    int rc;

    edit_result_init(&r);
    rc = edit_add(s, k, f, n, &r, &e);
    edit_result_release(&r);
    return rc;
}

static void base(struct store *s)
{
    const struct edit_field t[] = {{"code", "zp"}, {"name", "Zone portuaire"}};
    const struct edit_field a[] = {
        {"id", "a1"},        {"name", "Papeterie"}, {"siret", "81661318609139"},
        {"territory", "zp"}, {"workforce", "120"},  {"lat", "48.5"},
        {"lon", "7.7"}};
    const struct edit_field f[] = {
        {"id", "f1"},         {"actor_id", "a1"},   {"direction", "supply"},
        {"code", "03 03 11"}, {"quantity", "4500"}, {"unit", "t"}};

    assert_int_equal(add(s, EDIT_TERRITORY, t, NF(t)), SY_OK);
    assert_int_equal(add(s, EDIT_ACTOR, a, NF(a)), SY_OK);
    assert_int_equal(add(s, EDIT_FLOW, f, NF(f)), SY_OK);
}

static void test_set_only_given(void **state)
{
    struct store *s = *state;
    const struct edit_field f[] = {{"name", "Papeterie du Rhin"}};
    struct edit_result r;
    struct actor a;
    struct err e;

    base(s);
    edit_result_init(&r);
    assert_int_equal(edit_set(s, EDIT_ACTOR, "a1", f, 1, &r, &e), SY_OK);
    assert_string_equal(r.id, "a1");
    assert_int_equal(r.created, 0);
    edit_result_release(&r);
    assert_int_equal(store_actor_get(s, "a1", &a, &e), SY_OK);
    assert_string_equal(a.name, "Papeterie du Rhin");
    assert_string_equal(a.workforce, "120");
    assert_string_equal(a.siret, "81661318609139");
    assert_true(a.has_coord);
}

static void test_error_on_field(void **state)
{
    struct store *s = *state;
    const struct edit_field f[] = {{"workforce", "10"}, {"siret", "12345"}, {"kind", "banque"}};
    struct edit_result r;
    struct actor a;
    struct err e;

    base(s);
    edit_result_init(&r);
    assert_int_equal(edit_set(s, EDIT_ACTOR, "a1", f, 3, &r, &e), SY_EINPUT);
    assert_int_equal(r.diags.nerrors, 2);
    assert_int_equal(r.diags.v[0].field, 1); /* siret: the second field */
    assert_string_equal(r.diags.v[0].column, "siret");
    assert_int_equal(r.diags.v[1].field, 2);
    assert_string_equal(r.diags.v[1].column, "kind");
    assert_non_null(strstr(r.diags.v[1].msg, "company"));
    assert_int_equal(r.conflict, 0);
    edit_result_release(&r);
    assert_int_equal(store_actor_get(s, "a1", &a, &e), SY_OK);
    assert_string_equal(a.workforce, "120"); /* nothing changed */
}

static void test_conflicts(void **state)
{
    struct store *s = *state;
    const struct edit_field dup[] = {{"id", "a1"}, {"name", "Bis"}};
    struct edit_result r;
    struct flow fl;
    struct err e;

    base(s);
    edit_result_init(&r);
    assert_int_equal(edit_add(s, EDIT_ACTOR, dup, 2, &r, &e), SY_EINPUT);
    assert_int_equal(r.conflict, 1);
    edit_result_release(&r);

    edit_result_init(&r);
    assert_int_equal(edit_delete(s, EDIT_TERRITORY, "zp", 0, &r, &e), SY_EINPUT);
    assert_int_equal(r.conflict, 1);
    assert_int_equal(r.deleted_actors, 1);
    assert_int_equal(r.deleted_flows, 1);
    edit_result_release(&r);

    edit_result_init(&r);
    assert_int_equal(edit_delete(s, EDIT_ACTOR, "a1", 0, &r, &e), SY_EINPUT);
    assert_int_equal(r.conflict, 1);
    edit_result_release(&r);
    assert_int_equal(store_flow_get(s, "f1", &fl, &e), SY_OK);

    edit_result_init(&r);
    assert_int_equal(edit_delete(s, EDIT_ACTOR, "a1", 1, &r, &e), SY_OK);
    assert_int_equal(r.deleted_flows, 1);
    edit_result_release(&r);
    assert_int_equal(store_flow_get(s, "f1", &fl, &e), SY_ENOTFOUND);

    edit_result_init(&r);
    assert_int_equal(edit_delete(s, EDIT_ACTOR, "a1", 1, &r, &e), SY_ENOTFOUND);
    assert_int_equal(edit_set(s, EDIT_FLOW, "nope", dup, 1, &r, &e), SY_ENOTFOUND);
    edit_result_release(&r);
}

static void test_flow_code_corrected(void **state)
{
    struct store *s = *state;
    const struct edit_field f[] = {{"code", "03 03 10"}};
    struct edit_result r;
    struct flow fl;
    struct err e;

    base(s);
    edit_result_init(&r);
    assert_int_equal(edit_set(s, EDIT_FLOW, "f1", f, 1, &r, &e), SY_OK);
    edit_result_release(&r);
    assert_int_equal(store_flow_get(s, "f1", &fl, &e), SY_OK);
    assert_string_equal(fl.code, "03 03 10");
    assert_true(fl.qty == 4500);
    assert_true(fl.qty_year == 4500);
}

static void test_contacts(void **state)
{
    struct store *s = *state;
    const struct edit_field c[] = {{"actor_id", "a1"}, {"name", "Marie"}, {"email", "m@x.fr"}};
    const struct edit_field bad[] = {{"email", "nowhere"}};
    const struct edit_field ph[] = {{"phone", "03 88 00 00 00"}};
    struct edit_result r;
    struct contact ct;
    struct err e;
    char id[SY_ID_MAX];

    base(s);
    edit_result_init(&r);
    assert_int_equal(edit_add(s, EDIT_CONTACT, c, 3, &r, &e), SY_OK);
    snprintf(id, sizeof id, "%s", r.id);
    assert_int_equal(edit_set(s, EDIT_CONTACT, id, bad, 1, &r, &e), SY_EINPUT);
    edit_result_release(&r);
    edit_result_init(&r);
    assert_int_equal(edit_set(s, EDIT_CONTACT, id, ph, 1, &r, &e), SY_OK);
    assert_int_equal(store_contact_get(s, atol(id), &ct, &e), SY_OK);
    assert_string_equal(ct.email, "m@x.fr");
    assert_string_equal(ct.phone, "03 88 00 00 00");
    assert_int_equal(edit_delete(s, EDIT_CONTACT, id, 0, &r, &e), SY_OK);
    assert_int_equal(store_contact_get(s, atol(id), &ct, &e), SY_ENOTFOUND);
    edit_result_release(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_set_only_given, setup, teardown),
        cmocka_unit_test_setup_teardown(test_error_on_field, setup, teardown),
        cmocka_unit_test_setup_teardown(test_conflicts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_flow_code_corrected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_contacts, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
