/*
 * test_impact.c - unit tests of the impact ledger (src/optim/impact.c) and of
 * the plan run over a real SQLite store (src/core/plan_run.c).
 *
 * Factor parsing, every error message, overrides by id and by prefix, the
 * longest-prefix lookup at segment boundaries, hand-computed ledger lines,
 * quality flags and sources; then a plan whose single supply is wanted by two
 * receivers, to check that it is counted once and that totals are the sum of
 * the lines.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/plan_run.h"
#include "optim/impact.h"

#define EPS 1e-6
#define HDR "id,prefix,unit,co2e_kg,eur,co2e_quality,eur_quality,basis,source,version\n"

static const char disposal_csv[] = HDR "d0,,t,1,15,estimated,estimated,default,S0,2025\n"
                                       "d15,15,t,2,20,declared,estimated,,S1,2025\n"
                                       "d1501,15 01,t,3,30,declared,estimated,,S2,2025\n"
                                       "d150101,15 01 01,t,4,40,declared,declared,,S3,2025\n"
                                       "dheat,energy.heat,MWh,0,0,declared,declared,,S4,2025\n"
                                       "dgyp,10 01 05,t,1.26338,85,declared,declared,,DEFRA,2025\n";
static const char virgin_csv[] =
    HDR "v0,,t,0,0,estimated,estimated,,V0,2025\n"
        "vgyp,material.mineral.gypsum,t,7.79306,20,declared,declared,,DEFRA,2025\n"
        "vheat,energy.heat,MWh,236.79,50,declared,declared,,gas,2025\n";
static const char transport_csv[] =
    HDR "road,,t,0.12522,0.10,declared,declared,,DEFRA 2025 HGV+WTT,2025\n"
        "pipe,energy,MWh,0,1,declared,declared,,pipe,2025\n";

static void load(struct impact_factors *f)
{
    struct err e = {0};

    impact_factors_init(f);
    assert_int_equal(impact_factors_parse(f, FACTOR_DISPOSAL, disposal_csv, strlen(disposal_csv),
                                          "disposal.csv", &e),
                     0);
    assert_int_equal(
        impact_factors_parse(f, FACTOR_VIRGIN, virgin_csv, strlen(virgin_csv), "virgin.csv", &e),
        0);
    assert_int_equal(impact_factors_parse(f, FACTOR_TRANSPORT, transport_csv, strlen(transport_csv),
                                          "transport.csv", &e),
                     0);
}

static const char *find_id(const struct impact_factors *f, enum factor_kind k, const char *code,
                           const char *unit)
{
    const struct factor *r = impact_factor_find(f, k, code, unit);

    return r ? r->id : "(none)";
}

static void test_longest_prefix(void **state)
{
    struct impact_factors f;

    (void)state;
    load(&f);
    assert_string_equal(find_id(&f, FACTOR_DISPOSAL, "15 01 01", "t"), "d150101");
    assert_string_equal(find_id(&f, FACTOR_DISPOSAL, "15 01 02", "t"), "d1501");
    assert_string_equal(find_id(&f, FACTOR_DISPOSAL, "15 02 02", "t"), "d15");
    assert_string_equal(find_id(&f, FACTOR_DISPOSAL, "16 01 01", "t"), "d0");
    /* a prefix matches whole segments only */
    assert_string_equal(find_id(&f, FACTOR_DISPOSAL, "150", "t"), "d0");
    assert_string_equal(find_id(&f, FACTOR_DISPOSAL, "energy.heat.lt", "MWh"), "dheat");
    assert_string_equal(find_id(&f, FACTOR_DISPOSAL, "energy.heater", "MWh"), "(none)");
    /* the unit must agree */
    assert_string_equal(find_id(&f, FACTOR_DISPOSAL, "energy.heat", "t"), "d0");
    assert_string_equal(find_id(&f, FACTOR_VIRGIN, "water.cooling", "m3"), "(none)");
    impact_factors_release(&f);
}

static void test_override(void **state)
{
    static const char over[] =
        HDR "d1501,15 01,t,33,300,declared,declared,,mine,2026\n" /* same id */
            "other,15,t,22,200,declared,declared,,mine,2026\n"    /* same prefix and unit */
            "new,15 01 02,t,5,50,declared,declared,,mine,2026\n"  /* added */
            "# a comment line\n";
    struct impact_factors f;
    const struct factor *r;
    struct err e = {0};

    (void)state;
    load(&f);
    assert_int_equal(f.t[FACTOR_DISPOSAL].n, 6);
    assert_int_equal(impact_factors_parse(&f, FACTOR_DISPOSAL, over, strlen(over), "o.csv", &e), 0);
    assert_int_equal(f.t[FACTOR_DISPOSAL].n, 7);
    r = impact_factor_find(&f, FACTOR_DISPOSAL, "15 01 03", "t");
    assert_string_equal(r->id, "d1501");
    assert_true(fabs(r->co2e_kg - 33) < EPS);
    assert_string_equal(r->version, "2026");
    assert_string_equal(find_id(&f, FACTOR_DISPOSAL, "15 02", "t"), "other");
    assert_string_equal(find_id(&f, FACTOR_DISPOSAL, "15 01 02", "t"), "new");
    impact_factors_release(&f);
}

static void expect_error(const char *data, const char *msg)
{
    struct impact_factors f;
    struct err e = {0};

    load(&f);
    assert_int_equal(impact_factors_parse(&f, FACTOR_VIRGIN, data, strlen(data), "x.csv", &e),
                     SY_EINPUT);
    if (!strstr(e.msg, msg))
        fail_msg("message '%s' lacks '%s'", e.msg, msg);
    /* the table is left as it was */
    assert_int_equal(f.t[FACTOR_VIRGIN].n, 3);
    assert_string_equal(find_id(&f, FACTOR_VIRGIN, "energy.heat", "MWh"), "vheat");
    impact_factors_release(&f);
}

static void test_errors(void **state)
{
    (void)state;
    expect_error(HDR "vheat,energy.heat,MWh,1,1,declared,declared,,s,1\n"
                     "a,,t,abc,1,declared,declared,,s,1\n",
                 "x.csv:3:6: co2e_kg 'abc' is not a number");
    expect_error(HDR "a,,t,1,1,sure,declared,,s,1\n",
                 "x.csv:2:10: co2e_quality 'sure' is not declared or estimated");
    expect_error(HDR "a,,t,1,1,declared,maybe,,s,1\n",
                 "eur_quality 'maybe' is not declared or estimated");
    expect_error(HDR "a,,kg,1,1,declared,declared,,s,1\n", "x.csv:2:4: unit 'kg' is not t");
    expect_error(HDR ",,t,1,1,declared,declared,,s,1\n", "x.csv:2:1: empty id");
    expect_error("id,prefix,unit,co2e_kg,eur,source,version\n", "x.csv:1:1: no 'co2e_quality'");
    expect_error(HDR "a,,t\n", "x.csv:2:1: 3 fields, fewer than the header's");
    expect_error("", "x.csv: empty file");
}

/* 10 t of FGD gypsum (10 01 05) to a plasterboard maker buying natural gypsum, 50 km:
 *   disposal 10 x 1.26338 = 12.6338 kg, 10 x 85 = 850 EUR
 *   virgin   10 x 7.79306 = 77.9306 kg, 10 x 20 = 200 EUR
 *   road     10 x 50 x 0.12522 = 62.61 kg, 10 x 50 x 0.10 = 50 EUR
 *   net      27.9544 kg CO2e, 1000 EUR, 10 t diverted. */
static void test_line_by_hand(void **state)
{
    struct impact_factors f;
    struct impact_line l;

    (void)state;
    load(&f);
    impact_compute(&f, "10 01 05", "material.mineral.gypsum", UNIT_T, 10, 50, 0, &l);
    assert_true(fabs(l.tonnes - 10) < EPS);
    assert_true(fabs(l.disposal_co2e_kg - 12.6338) < EPS);
    assert_true(fabs(l.virgin_co2e_kg - 77.9306) < EPS);
    assert_true(fabs(l.transport_co2e_kg - 62.61) < EPS);
    assert_true(fabs(l.co2e_kg - 27.9544) < EPS);
    assert_true(fabs(l.eur - 1000) < EPS);
    assert_int_equal(l.estimated, 0);
    assert_int_equal(l.eur_estimated, 0);
    assert_string_equal(l.disposal->id, "dgyp");
    assert_string_equal(l.virgin->id, "vgyp");
    assert_string_equal(l.transport->id, "road");
    assert_non_null(strstr(l.sources, "disposal: dgyp 1.26338 kg CO2e/t [declared], 85 EUR/t "
                                      "[declared] (DEFRA, 2025)"));
    assert_non_null(strstr(l.sources, "transport: road 0.12522 kg CO2e/t.km"));
    /* an estimated quantity makes the line estimated */
    impact_compute(&f, "10 01 05", "material.mineral.gypsum", UNIT_T, 10, 50, 1, &l);
    assert_int_equal(l.estimated, 1);
    assert_int_equal(l.eur_estimated, 1);
    impact_factors_release(&f);
}

/* 100 MWh of heat over 2 km by pipe: disposal 0, virgin 23679 kg and 5000 EUR,
 * pipe 0 kg and 100 x 2 x 1 = 200 EUR; no tonnes. The demand code is absent:
 * the virgin factor is looked up on the supply code. */
static void test_energy_and_fallbacks(void **state)
{
    struct impact_factors f;
    struct impact_line l;

    (void)state;
    load(&f);
    impact_compute(&f, "energy.heat.lt", NULL, UNIT_MWH, 100, 2, 0, &l);
    assert_true(fabs(l.tonnes) < EPS);
    assert_true(fabs(l.co2e_kg - 23679) < EPS);
    assert_true(fabs(l.eur - 4800) < EPS);
    assert_int_equal(l.estimated, 0);
    /* an unknown demand code falls back to the supply code for the virgin factor */
    impact_compute(&f, "energy.heat", "energy.cold", UNIT_MWH, 1, 0, 0, &l);
    assert_string_equal(l.virgin->id, "vheat");
    /* an estimated factor (the default disposal row) flags the line */
    impact_compute(&f, "16 01 01", "material.mineral.gypsum", UNIT_T, 1, 0, 0, &l);
    assert_string_equal(l.disposal->id, "d0");
    assert_int_equal(l.estimated, 1);
    /* m3 without an m3 transport row is carried by road at 1 t per m3 */
    impact_compute(&f, "water.cooling", NULL, UNIT_M3, 10, 10, 0, &l);
    assert_string_equal(l.transport->id, "road");
    assert_true(fabs(l.transport_co2e_kg - 12.522) < EPS);
    assert_null(l.disposal);
    assert_int_equal(l.estimated, 1);
    assert_non_null(strstr(l.sources, "disposal: none"));
    /* counts are not valued */
    impact_compute(&f, "equipment.forklift", NULL, UNIT_COUNT, 3, 10, 0, &l);
    assert_true(fabs(l.co2e_kg) < EPS && fabs(l.eur) < EPS);
    assert_int_equal(l.estimated, 1);
    assert_non_null(strstr(l.sources, "not valued"));
    impact_factors_release(&f);
}

/* ---- plan_run over a real store ---- */

static char dir[64];

static void path_of(char *out, size_t n, const char *name)
{
    snprintf(out, n, "%s/%s", dir, name);
}

static void write_file(const char *name, const char *data)
{
    char p[256];
    FILE *f;

    path_of(p, sizeof p, name);
    f = fopen(p, "w");
    assert_non_null(f);
    fputs(data, f);
    fclose(f);
}

static void put_flow(struct store *s, const char *actor, enum flow_dir d, const char *code,
                     double qty)
{
    struct flow f;
    struct err e = {0};

    memset(&f, 0, sizeof f);
    snprintf(f.id, sizeof f.id, "%s/%s/%s", actor, d == FLOW_SUPPLY ? "s" : "d", code);
    snprintf(f.actor_id, sizeof f.actor_id, "%s", actor);
    f.dir = d;
    f.code_kind = strchr(code, ' ') ? CODE_LOW : CODE_TAXONOMY;
    snprintf(f.code, sizeof f.code, "%s", code);
    f.qty = qty;
    snprintf(f.unit, sizeof f.unit, "t");
    f.period = PERIOD_YEAR;
    f.months = MONTHS_ALL;
    assert_int_equal(model_flow_normalise(&f), 0);
    assert_int_equal(store_flow_put(s, &f, &e), 0);
}

static void make_cand(struct candidate *c, const char *sup, const char *rec, double km, double qty)
{
    memset(c, 0, sizeof *c);
    snprintf(c->key, sizeof c->key, "S|%s|%s|10 01 05|R1", sup, rec);
    c->kind = CAND_SUBSTITUTION;
    snprintf(c->territory, sizeof c->territory, "t");
    snprintf(c->supplier_id, sizeof c->supplier_id, "%s", sup);
    snprintf(c->receiver_id, sizeof c->receiver_id, "%s", rec);
    snprintf(c->resource_code, sizeof c->resource_code, "10 01 05");
    c->distance_km = km;
    c->quantity = qty;
    c->unit = UNIT_T;
    c->score = 0.9;
    snprintf(c->basis, sizeof c->basis, "declared");
    snprintf(c->rule, sizeof c->rule, "R1");
}

static struct store *make_store(void)
{
    struct store *s;
    struct territory t = {0};
    struct actor a;
    struct candidate c[2];
    struct err e = {0};
    const char *ids[] = {"plant", "near", "far"};
    char p[256];

    snprintf(dir, sizeof dir, "/tmp/sy-test-impact-XXXXXX");
    assert_non_null(mkdtemp(dir));
    path_of(p, sizeof p, "factors");
    assert_int_equal(mkdir(p, 0755), 0);
    write_file("factors/disposal.csv", disposal_csv);
    write_file("factors/virgin.csv", virgin_csv);
    write_file("factors/transport.csv", transport_csv);
    write_file("routes.csv", "id,supply,demand\nR1,10 01 05,material.mineral.gypsum\n");
    path_of(p, sizeof p, "t.db");
    assert_int_equal(store_open(&s, p, &e), 0);
    snprintf(t.code, sizeof t.code, "t");
    assert_int_equal(store_territory_put(s, &t, &e), 0);
    for (int i = 0; i < 3; i++) {
        memset(&a, 0, sizeof a);
        snprintf(a.id, sizeof a.id, "%s", ids[i]);
        snprintf(a.name, sizeof a.name, "%s", ids[i]);
        snprintf(a.territory, sizeof a.territory, "t");
        assert_int_equal(store_actor_put(s, &a, &e), 0);
    }
    /* 100 t of FGD gypsum; two plasterboard makers want 80 t each. */
    put_flow(s, "plant", FLOW_SUPPLY, "10 01 05", 100);
    put_flow(s, "near", FLOW_DEMAND, "material.mineral.gypsum", 80);
    put_flow(s, "far", FLOW_DEMAND, "material.mineral.gypsum", 80);
    make_cand(&c[0], "plant", "near", 10, 80);
    make_cand(&c[1], "plant", "far", 100, 80);
    assert_int_equal(store_cand_replace(s, "t", c, 2, &e), 0);
    return s;
}

static void remove_store(struct store *s)
{
    const char *names[] = {"factors/disposal.csv",
                           "factors/virgin.csv",
                           "factors/transport.csv",
                           "over/virgin.csv",
                           "routes.csv",
                           "t.db",
                           "t.db-wal",
                           "t.db-shm"};
    char p[256];

    store_close(s);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        path_of(p, sizeof p, names[i]);
        unlink(p);
    }
    path_of(p, sizeof p, "factors");
    rmdir(p);
    path_of(p, sizeof p, "over");
    rmdir(p);
    rmdir(dir);
}

/* Per tonne: near = 1.26338 + 7.79306 - 1.2522 = 7.80424 kg, 85 + 20 - 1 = 104 EUR;
 * far = 1.26338 + 7.79306 - 12.522 = -3.46556 kg, 85 + 20 - 10 = 95 EUR.
 * euros: near 80 t (8320), far the other 20 t (1900): 100 t, 10220 EUR, counted once. */
static void test_plan_counts_once(void **state)
{
    struct store *s = make_store();
    struct plan_opts o = {0};
    struct plan p;
    struct err e = {0};
    double t = 0, co2 = 0, eur = 0;

    (void)state;
    o.territory = "t";
    o.objective = PLAN_EUROS;
    o.store = 1;
    assert_int_equal(plan_run(s, dir, &o, &p, &e), 0);
    assert_int_equal(p.n, 2);
    assert_true(p.id > 0);
    for (size_t i = 0; i < p.n; i++) {
        t += p.lines[i].tonnes;
        co2 += p.lines[i].co2e_kg;
        eur += p.lines[i].euros;
        assert_true(p.lines[i].sources[0] != '\0');
        assert_string_equal(p.lines[i].quality, "declared");
    }
    assert_true(fabs(p.tonnes - 100) < EPS); /* not 160: the supply is counted once */
    assert_true(fabs(p.tonnes - t) < EPS && fabs(p.co2e_kg - co2) < EPS &&
                fabs(p.euros - eur) < EPS);
    assert_true(fabs(p.euros - 10220) < 1e-3);
    assert_true(fabs(p.untreated_qty) < EPS);
    plan_release(&p);

    /* co2e: only the near receiver is worth it; 20 t stay untreated. */
    o.objective = PLAN_CO2E;
    assert_int_equal(plan_run(s, dir, &o, &p, &e), 0);
    assert_int_equal(p.n, 1);
    assert_string_equal(p.lines[0].receiver_id, "near");
    assert_true(fabs(p.co2e_kg - 80 * 7.80424) < 1e-3);
    assert_true(fabs(p.untreated_qty - 20) < EPS);
    plan_release(&p);

    /* the ledger lists both candidates at their full quantities and has no total */
    o.ledger = 1;
    assert_int_equal(plan_run(s, dir, &o, &p, &e), 0);
    assert_int_equal(p.n, 2);
    assert_true(fabs(p.tonnes) < EPS);
    assert_true(fabs(p.lines[0].tonnes + p.lines[1].tonnes - 160) < EPS);
    plan_release(&p);

    /* an unknown territory has no candidates */
    o.ledger = 0;
    o.territory = "nowhere";
    assert_int_equal(plan_run(s, dir, &o, &p, &e), SY_ENOTFOUND);
    assert_non_null(strstr(e.msg, "run 'symbiose match --territory nowhere' first"));
    remove_store(s);
}

/* --factors DIR replaces rows: a dearer natural gypsum (200 EUR/t) changes the euros. */
static void test_factor_override_dir(void **state)
{
    struct store *s = make_store();
    struct plan_opts o = {0};
    struct plan p;
    struct err e = {0};
    char over[256];

    (void)state;
    path_of(over, sizeof over, "over");
    assert_int_equal(mkdir(over, 0755), 0);
    write_file("over/virgin.csv", HDR "vgyp,material.mineral.gypsum,t,7.79306,200,declared,"
                                      "estimated,,mine,2026\n");
    o.territory = "t";
    o.objective = PLAN_EUROS;
    o.factors_dir = over;
    assert_int_equal(plan_run(s, dir, &o, &p, &e), 0);
    /* +180 EUR/t on 100 t */
    assert_true(fabs(p.euros - (10220 + 18000)) < 1e-3);
    assert_non_null(strstr(p.lines[0].sources, "(mine, 2026)"));
    plan_release(&p);
    /* a folder without factor files is an error */
    o.factors_dir = dir;
    assert_int_equal(plan_run(s, dir, &o, &p, &e), SY_EIO);
    assert_non_null(strstr(e.msg, "no transport.csv, disposal.csv or virgin.csv there"));
    /* a missing knowledge base too */
    o.factors_dir = NULL;
    assert_int_equal(plan_run(s, "/nonexistent", &o, &p, &e), SY_EIO);
    assert_non_null(strstr(e.msg, "reading the transport factors"));
    remove_store(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_longest_prefix),
        cmocka_unit_test(test_override),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_line_by_hand),
        cmocka_unit_test(test_energy_and_fallbacks),
        cmocka_unit_test(test_plan_counts_once),
        cmocka_unit_test(test_factor_override_dir),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
