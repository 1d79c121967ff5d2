/*
 * test_import.c - the importers on real files and a real SQLite database:
 * all or nothing, located errors, re-import updates, coordinates through PROJ.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/import.h"

static char dir[64];

static const char *path_of(const char *name)
{
    static char p[128];

    snprintf(p, sizeof p, "%s/%s", dir, name);
    return p;
}

static const char *write_file(const char *name, const char *text)
{
    const char *p = path_of(name);
    FILE *f = fopen(p, "wb");

    fputs(text, f);
    fclose(f);
    return p;
}

static int setup(void **state)
{
    struct store *s;
    struct err e;
    struct territory t;

    snprintf(dir, sizeof dir, "/tmp/sy-test-import-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    if (store_open(&s, path_of("t.db"), &e))
        return -1;
    memset(&t, 0, sizeof t);
    strcpy(t.code, "zp");
    strcpy(t.name, "Zone");
    store_territory_put(s, &t, &e);
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

/* True if some diagnostic line contains text. */
static int has_diag(const struct diags *d, const char *text)
{
    char line[512];

    for (size_t i = 0; i < d->n; i++) {
        diags_format(d, i, line, sizeof line);
        if (strstr(line, text))
            return 1;
    }
    return 0;
}

static int count(void *ctx, const struct actor *a)
{
    (void)a;
    ++*(int *)ctx;
    return 0;
}

static int n_actors(struct store *s)
{
    struct err e;
    int n = 0;

    store_actor_list(s, NULL, count, &n, &e);
    return n;
}

static const char header[] = "id,name,siret,naf,kind,territory,address,commune,lat,lon\n";

static void actors_then_reimport(void **state)
{
    struct store *s = *state;
    struct import_result r;
    struct actor a;
    struct err e;
    char text[1024];
    const char *p;

    snprintf(text, sizeof text,
             "%sa1,Papeterie,30345780800010,17.12Z,company,zp,,67482,\"48,5\",7.8\n"
             "a2,Mairie,,,public,zp,,,,\n",
             header);
    p = write_file("a.csv", text);
    import_result_init(&r, p);
    assert_int_equal(import_actors(s, p, NULL, &r, &e), 0);
    assert_int_equal(r.rows, 2);
    assert_int_equal(r.inserted, 2);
    import_result_release(&r);
    snprintf(text, sizeof text, "%sa1,Papeterie du Rhin,,,company,zp,,,48.6,7.9\n", header);
    p = write_file("a2.csv", text);
    import_result_init(&r, p);
    assert_int_equal(import_actors(s, p, NULL, &r, &e), 0);
    assert_int_equal(r.updated, 1);
    assert_int_equal(r.inserted, 0);
    import_result_release(&r);
    assert_int_equal(n_actors(s), 2);
    assert_int_equal(store_actor_get(s, "a1", &a, &e), 0);
    assert_string_equal(a.name, "Papeterie du Rhin");
}

static void errors_roll_back(void **state)
{
    struct store *s = *state;
    struct import_result r;
    struct err e;
    char text[1024], line[512];
    const char *p;

    snprintf(text, sizeof text,
             "%sok,Fine,,,company,zp,,,48,7\n"
             "b1,Bad,30345780800011,,company,zp,,,48,7\n"
             "ok,Dup,,,company,zp,,,48,7\n",
             header);
    p = write_file("bad.csv", text);
    import_result_init(&r, p);
    assert_int_equal(import_actors(s, p, NULL, &r, &e), SY_EINPUT);
    assert_int_equal(r.diags.nerrors, 2);
    diags_format(&r.diags, 0, line, sizeof line);
    assert_non_null(strstr(line, "bad.csv:3:8: error: SIRET '30345780800011' is invalid"));
    diags_format(&r.diags, 1, line, sizeof line);
    assert_non_null(strstr(line, "bad.csv:4:1: error: duplicate id 'ok' (first at line 2)"));
    assert_non_null(strstr(e.msg, "nothing was imported"));
    import_result_release(&r);
    assert_int_equal(n_actors(s), 0);
}

/* An upload: the same import from a memory buffer, no file; every diagnostic
 * is a record with its field index and column name as well as FILE:LINE:COL. */
static void from_memory_structured(void **state)
{
    struct store *s = *state;
    struct import_opts o = {0};
    struct import_result r;
    struct err e;
    char text[1024], line[512];

    snprintf(text, sizeof text,
             "%sm1,Ok,,,company,zp,,,48,7\n"
             "m2,Bad,30345780800011,,company,zp,,,48,7\n",
             header);
    o.data = text;
    o.len = strlen(text);
    import_result_init(&r, "upload.csv");
    assert_int_equal(import_actors(s, "upload.csv", &o, &r, &e), SY_EINPUT);
    assert_int_equal(r.diags.nerrors, 1);
    assert_int_equal(r.diags.v[0].line, 3);
    assert_int_equal(r.diags.v[0].col, 8);
    assert_int_equal(r.diags.v[0].field, 2);
    assert_string_equal(r.diags.v[0].column, "siret");
    assert_int_equal(r.diags.v[0].level, DIAG_ERROR);
    diags_format(&r.diags, 0, line, sizeof line);
    assert_non_null(strstr(line, "upload.csv:3:8: error: SIRET '30345780800011' is invalid"));
    import_result_release(&r);
    assert_int_equal(n_actors(s), 0);
    /* the same text without the bad row lands */
    *strstr(text, "m2,") = '\0';
    o.len = strlen(text);
    import_result_init(&r, "upload.csv");
    assert_int_equal(import_actors(s, "upload.csv", &o, &r, &e), 0);
    assert_int_equal(r.inserted, 1);
    import_result_release(&r);
    assert_int_equal(n_actors(s), 1);
    /* a header problem names the column it is about */
    snprintf(text, sizeof text, "id,name,extra\nx,y,z\n");
    o.len = strlen(text);
    import_result_init(&r, "h.csv");
    assert_int_equal(import_actors(s, "h.csv", &o, &r, &e), SY_EINPUT);
    assert_int_equal(r.diags.v[0].level, DIAG_WARNING);
    assert_int_equal(r.diags.v[0].field, 2);
    assert_string_equal(r.diags.v[0].column, "extra");
    assert_int_equal(r.diags.v[1].field, -1);
    assert_string_equal(r.diags.v[1].column, "siret");
    import_result_release(&r);
}

static void header_problems(void **state)
{
    struct store *s = *state;
    struct import_result r;
    struct err e;
    char line[512];
    const char *p;

    p = write_file("h.csv", "id,name,extra\nx,y,z\n");
    import_result_init(&r, p);
    assert_int_equal(import_actors(s, p, NULL, &r, &e), SY_EINPUT);
    diags_format(&r.diags, 0, line, sizeof line);
    assert_non_null(strstr(line, "h.csv:1:9: warning: unknown column 'extra' is ignored"));
    diags_format(&r.diags, 1, line, sizeof line);
    assert_non_null(strstr(line, "missing required column 'siret'"));
    import_result_release(&r);
    p = write_file("empty.csv", "");
    import_result_init(&r, p);
    assert_int_equal(import_actors(s, p, NULL, &r, &e), SY_EINPUT);
    diags_format(&r.diags, 0, line, sizeof line);
    assert_non_null(strstr(line, "empty.csv:1:1: error: the file is empty"));
    import_result_release(&r);
}

static void lambert93_converted(void **state)
{
    struct store *s = *state;
    struct import_opts o = {0};
    struct import_result r;
    struct actor a;
    struct err e;
    const char *p;

    /* Strasbourg cathedral, Lambert-93: about x 1050500, y 6840900 */
    p = write_file("l93.csv", "id,name,siret,naf,kind,territory,address,commune,x,y\n"
                              "c,Cathedrale,,,public,zp,,,1050500,6840900\n");
    o.crs = "EPSG:2154";
    import_result_init(&r, p);
    assert_int_equal(import_actors(s, p, &o, &r, &e), 0);
    import_result_release(&r);
    assert_int_equal(store_actor_get(s, "c", &a, &e), 0);
    assert_true(fabs(a.lat - 48.58) < 0.02);
    assert_true(fabs(a.lon - 7.75) < 0.02);
    o.crs = "EPSG:999999";
    import_result_init(&r, p);
    /* the CRS is an option: a usage error (exit 1), not bad data */
    assert_int_equal(import_actors(s, p, &o, &r, &e), SY_EUSAGE);
    assert_non_null(strstr(e.msg, "unknown coordinate reference system 'EPSG:999999'"));
    import_result_release(&r);
}

static void flows_need_actor(void **state)
{
    struct store *s = *state;
    struct import_result r;
    struct err e;
    const char *p;

    p = write_file("f.csv", "actor_id,direction,code,description,quantity,unit,period,state,"
                            "confidentiality\n"
                            "ghost,supply,energy.heat.lt,heat,-5,MWh,year,none,public\n");
    import_result_init(&r, p);
    assert_int_equal(import_flows(s, p, NULL, &r, &e), SY_EINPUT);
    assert_int_equal(r.diags.nerrors, 2);
    assert_true(has_diag(&r.diags, "f.csv:2:1: error: unknown actor 'ghost'"));
    assert_true(has_diag(&r.diags, "f.csv:2:34: error: quantity -5 is negative"));
    import_result_release(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(actors_then_reimport, setup, teardown),
        cmocka_unit_test_setup_teardown(errors_roll_back, setup, teardown),
        cmocka_unit_test_setup_teardown(header_problems, setup, teardown),
        cmocka_unit_test_setup_teardown(from_memory_structured, setup, teardown),
        cmocka_unit_test_setup_teardown(lambert93_converted, setup, teardown),
        cmocka_unit_test_setup_teardown(flows_need_actor, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
