/*
 * test_model.c - unit tests for the domain checks and conversions
 * (src/model/model.c): SIRET, NAF/NACE, List of Waste, taxonomy, units,
 * periods, months, states, confidentiality, kinds, directions, normalisation.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model/model.h"
#include "util/err.h"

static void test_siret(void **state)
{
    (void)state;
    assert_true(model_siret_valid("30345780800010"));  /* Cristal Union */
    assert_true(model_siret_valid("73282932000074"));  /* Luhn */
    assert_false(model_siret_valid("73282932000075")); /* one digit changed */
    assert_false(model_siret_valid("73282932000174"));
    /* digit sum a multiple of 5 is no excuse outside La Poste */
    assert_false(model_siret_valid("30345780800011"));
    /* La Poste: head office by Luhn, establishments by digit sum mod 5 */
    assert_true(model_siret_valid("35600000000048"));
    assert_true(model_siret_valid("35600000049837"));
    assert_true(model_siret_valid("35600000000047"));
    assert_false(model_siret_valid("35600000000049"));
    assert_false(model_siret_valid("35600000049838"));
    assert_false(model_siret_valid("35600000012345"));
    assert_false(model_siret_valid("35600000000040"));
    /* shape */
    assert_false(model_siret_valid("3034578080001"));   /* 13 digits */
    assert_false(model_siret_valid("303457808000100")); /* 15 digits */
    assert_false(model_siret_valid("3034578080001A"));
    assert_false(model_siret_valid("303 457 808 00010"));
    assert_false(model_siret_valid("-3034578080001"));
    assert_false(model_siret_valid(""));
    assert_false(model_siret_valid(NULL));
}

static void naf_ok(const char *in, const char *want)
{
    char out[16];

    if (model_naf_normalise(in, out, sizeof out) != 0)
        fail_msg("rejected \"%s\"", in);
    assert_string_equal(out, want);
}

static void naf_bad(const char *in)
{
    char out[16];

    if (model_naf_normalise(in, out, sizeof out) != SY_EINPUT)
        fail_msg("accepted \"%s\"", in);
}

static void test_naf(void **state)
{
    char out[16];

    (void)state;
    naf_ok("2014Z", "20.14Z");
    naf_ok("20.14z", "20.14Z");
    naf_ok("20 14Z", "20.14Z");
    naf_ok(" 20.14 Z ", "20.14Z");
    naf_ok("20.14", "20.14");
    naf_ok("2014", "20.14");
    naf_ok("01.11Z", "01.11Z");
    naf_bad("");
    naf_bad("20.1");
    naf_bad("201");
    naf_bad("20145");
    naf_bad("20.14ZZ");
    naf_bad("Z2014");
    naf_bad("20-14Z");
    naf_bad("20.14\xC3\xA9");
    assert_int_equal(model_naf_normalise("2014Z", out, 7), SY_EINPUT); /* room */
    model_naf_to_nace("20.14Z", out, sizeof out);
    assert_string_equal(out, "20.14");
    model_naf_to_nace("2014", out, sizeof out);
    assert_string_equal(out, "20.14");
    model_naf_to_nace("junk", out, sizeof out);
    assert_string_equal(out, "");
}

static void low_ok(const char *in, const char *want, int want_star)
{
    char out[16];
    int star = -1;

    if (model_low_normalise(in, out, sizeof out, &star) != 0)
        fail_msg("rejected \"%s\"", in);
    assert_string_equal(out, want);
    assert_int_equal(star, want_star);
}

static void low_bad(const char *in)
{
    char out[16];
    int star;

    if (model_low_normalise(in, out, sizeof out, &star) != SY_EINPUT)
        fail_msg("accepted \"%s\"", in);
}

static void test_low(void **state)
{
    char out[16];

    (void)state;
    low_ok("160601*", "16 06 01", 1);
    low_ok("16 06 01*", "16 06 01", 1);
    low_ok("16 06 01 *", "16 06 01", 1);
    low_ok("16.06.01", "16 06 01", 0);
    low_ok("16-06-01", "16 06 01", 0);
    low_ok(" 150101 ", "15 01 01", 0);
    low_ok("20 03 01", "20 03 01", 0);
    low_ok("01 01 01", "01 01 01", 0);
    low_bad("");
    low_bad("16060");
    low_bad("1606011");
    low_bad("1 60601");
    low_bad("16  06 01");
    low_bad("*160601");
    low_bad("160601**");
    low_bad("16 06 01* x");
    low_bad("00 01 01"); /* no chapter 00 */
    low_bad("21 01 01"); /* chapters stop at 20 */
    low_bad("16 00 01");
    low_bad("16 06 00");
    low_bad("16a601");
    assert_int_equal(model_low_normalise("160601", out, 8, NULL), SY_EINPUT);
    assert_int_equal(model_low_normalise("160601", out, 9, NULL), 0);
}

static void test_taxonomy(void **state)
{
    (void)state;
    assert_true(model_taxonomy_valid("energy.heat.lt"));
    assert_true(model_taxonomy_valid("wood"));
    assert_true(model_taxonomy_valid("materials.plastic_pe.hd2"));
    assert_false(model_taxonomy_valid(""));
    assert_false(model_taxonomy_valid(NULL));
    assert_false(model_taxonomy_valid("Energy.heat"));
    assert_false(model_taxonomy_valid("energy..heat"));
    assert_false(model_taxonomy_valid(".energy"));
    assert_false(model_taxonomy_valid("energy."));
    assert_false(model_taxonomy_valid("energy heat"));
    assert_false(model_taxonomy_valid("energy-heat"));
    assert_false(model_taxonomy_valid("\xC3\xA9nergie"));
    assert_false(model_taxonomy_valid(
        "a.very.long.code.that.goes.past.the.sixty.four.byte.limit.of.codes.x"));
}

static void unit_ok(const char *s, enum canon_unit want, double mult)
{
    enum canon_unit u;
    double m = -1;

    if (model_unit_parse(s, &u, &m) != 0)
        fail_msg("rejected \"%s\"", s);
    assert_int_equal(u, want);
    if (fabs(m - mult) > 1e-12 * mult)
        fail_msg("%s: multiplier %g, want %g", s, m, mult);
}

static void test_unit(void **state)
{
    enum canon_unit u;
    double m;

    (void)state;
    unit_ok("t", UNIT_T, 1);
    unit_ok("T", UNIT_T, 1);
    unit_ok("tonne", UNIT_T, 1);
    unit_ok("Tonnes", UNIT_T, 1);
    unit_ok("kg", UNIT_T, 1e-3);
    unit_ok("KG", UNIT_T, 1e-3);
    unit_ok("g", UNIT_T, 1e-6);
    unit_ok("MWh", UNIT_MWH, 1);
    unit_ok("mwh", UNIT_MWH, 1);
    unit_ok("kWh", UNIT_MWH, 1e-3);
    unit_ok("GWh", UNIT_MWH, 1e3);
    unit_ok("GJ", UNIT_MWH, 1 / 3.6);
    unit_ok("th", UNIT_MWH, 1.163e-3);
    unit_ok("thermie", UNIT_MWH, 1.163e-3);
    unit_ok("m3", UNIT_M3, 1);
    unit_ok("m\xC2\xB3", UNIT_M3, 1);
    unit_ok("L", UNIT_M3, 1e-3);
    unit_ok("l", UNIT_M3, 1e-3);
    unit_ok("hL", UNIT_M3, 0.1);
    unit_ok("count", UNIT_COUNT, 1);
    unit_ok("u", UNIT_COUNT, 1);
    unit_ok("unit", UNIT_COUNT, 1);
    unit_ok("units", UNIT_COUNT, 1);
    unit_ok("pcs", UNIT_COUNT, 1);
    unit_ok("etp", UNIT_COUNT, 1);
    unit_ok(" kg ", UNIT_T, 1e-3);
    assert_true(fabs(1 / 3.6 - 0.2777778) < 1e-7);
    assert_int_equal(model_unit_parse("t/an", &u, &m), SY_EINPUT);
    assert_int_equal(model_unit_parse("kg/j", &u, &m), SY_EINPUT);
    assert_int_equal(model_unit_parse("", &u, &m), SY_EINPUT);
    assert_int_equal(model_unit_parse("kgs", &u, &m), SY_EINPUT);
    assert_int_equal(model_unit_parse("m2", &u, &m), SY_EINPUT);
    assert_int_equal(model_unit_parse(NULL, &u, &m), SY_EINPUT);
    assert_string_equal(model_unit_name(UNIT_T), "t");
    assert_string_equal(model_unit_name(UNIT_MWH), "MWh");
    assert_string_equal(model_unit_name(UNIT_M3), "m3");
    assert_string_equal(model_unit_name(UNIT_COUNT), "count");
}

static void test_period(void **state)
{
    static const struct {
        const char *s;
        enum flow_period p;
    } ok[] = {
        {"year", PERIOD_YEAR},
        {"an", PERIOD_YEAR},
        {"Ann\xC3\xA9"
         "e",
         PERIOD_YEAR},
        {"month", PERIOD_MONTH},
        {"mois", PERIOD_MONTH},
        {"week", PERIOD_WEEK},
        {"semaine", PERIOD_WEEK},
        {"day", PERIOD_DAY},
        {"jour", PERIOD_DAY},
        {"once", PERIOD_ONCE},
        {"Ponctuel", PERIOD_ONCE},
        {" YEAR ", PERIOD_YEAR},
    };
    enum flow_period p;

    (void)state;
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        p = (enum flow_period)99;
        assert_int_equal(model_period_parse(ok[i].s, &p), 0);
        assert_int_equal(p, ok[i].p);
    }
    assert_int_equal(model_period_parse("", &p), SY_EINPUT);
    assert_int_equal(model_period_parse("yearly", &p), SY_EINPUT);
    assert_int_equal(model_period_parse("t/an", &p), SY_EINPUT);
    assert_string_equal(model_period_name(PERIOD_YEAR), "year");
    assert_string_equal(model_period_name(PERIOD_MONTH), "month");
    assert_string_equal(model_period_name(PERIOD_WEEK), "week");
    assert_string_equal(model_period_name(PERIOD_DAY), "day");
    assert_string_equal(model_period_name(PERIOD_ONCE), "once");
}

static unsigned months(const char *s)
{
    unsigned m = 0xdead;

    if (model_months_parse(s, &m) != 0)
        fail_msg("rejected \"%s\"", s);
    return m;
}

static void months_bad(const char *s)
{
    unsigned m = 0xdead;

    if (model_months_parse(s, &m) != SY_EINPUT)
        fail_msg("accepted \"%s\"", s);
    assert_int_equal(m, 0xdead);
}

static void test_months_parse(void **state)
{
    (void)state;
    assert_int_equal(months(""), MONTHS_ALL);
    assert_int_equal(months("  "), MONTHS_ALL);
    assert_int_equal(months("1-12"), MONTHS_ALL);
    assert_int_equal(months("4-10"), 0x3F8u);
    assert_int_equal(months("11-2"), 0xC03u);
    assert_int_equal(months("1,2,12"), 0x803u);
    assert_int_equal(months("1, 3 ,5-7"), 0x75u);
    assert_int_equal(months("12-12"), 0x800u);
    assert_int_equal(months("7"), 0x40u);
    assert_int_equal(months("6-4"), MONTHS_ALL & ~0x10u); /* wraps: all but May */
    assert_int_equal(months("3,3"), 0x4u);
    months_bad("0");
    months_bad("13");
    months_bad("0-3");
    months_bad("4-13");
    months_bad("1,,2");
    months_bad("1,");
    months_bad(",1");
    months_bad("-3");
    months_bad("4-");
    months_bad("1-2-3");
    months_bad("jan");
    months_bad("4 10");
    months_bad("001");
    months_bad(NULL);
}

static void fmt(unsigned mask, const char *want)
{
    char out[64];
    unsigned back;

    model_months_format(mask, out, sizeof out);
    assert_string_equal(out, want);
    if (mask) {
        assert_int_equal(model_months_parse(out, &back), 0);
        assert_int_equal(back, mask);
    }
}

static void test_months_format(void **state)
{
    char small[4];

    (void)state;
    fmt(MONTHS_ALL, "1-12");
    fmt(0x3F8u, "4-10");
    fmt(0xC03u, "11-2");
    fmt(0x75u, "1,3,5-7");
    fmt(0x803u, "12-2");
    fmt(0x40u, "7");
    fmt(0x0C05u, "3,11-1");
    fmt(0x0C04u, "3,11-12");
    fmt(0x555u, "1,3,5,7,9,11");
    fmt(MONTHS_ALL & ~0x10u, "6-4");
    fmt(0, "");
    /* every mask round-trips */
    for (unsigned m = 1; m <= MONTHS_ALL; m++) {
        char out[64];
        unsigned back;

        model_months_format(m, out, sizeof out);
        assert_int_equal(model_months_parse(out, &back), 0);
        assert_int_equal(back, m);
    }
    model_months_format(0x555u, small, sizeof small);
    assert_true(strlen(small) < sizeof small);
}

static void test_state(void **state)
{
    static const struct {
        const char *s;
        enum flow_state st;
    } ok[] = {
        {"", STATE_NONE},        {"none", STATE_NONE},     {"solid", STATE_SOLID},
        {"Solide", STATE_SOLID}, {"liquid", STATE_LIQUID}, {"liquide", STATE_LIQUID},
        {"gas", STATE_GAS},      {"gaz", STATE_GAS},       {"sludge", STATE_SLUDGE},
        {"boue", STATE_SLUDGE},  {"boues", STATE_SLUDGE},  {" ", STATE_NONE},
    };
    enum flow_state st;

    (void)state;
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        st = (enum flow_state)99;
        assert_int_equal(model_state_parse(ok[i].s, &st), 0);
        assert_int_equal(st, ok[i].st);
    }
    assert_int_equal(model_state_parse("plasma", &st), SY_EINPUT);
    assert_int_equal(model_state_parse("solids", &st), SY_EINPUT);
    assert_string_equal(model_state_name(STATE_NONE), "none");
    assert_string_equal(model_state_name(STATE_SOLID), "solid");
    assert_string_equal(model_state_name(STATE_LIQUID), "liquid");
    assert_string_equal(model_state_name(STATE_GAS), "gas");
    assert_string_equal(model_state_name(STATE_SLUDGE), "sludge");
}

static void test_conf_kind_dir(void **state)
{
    enum confidentiality c;
    enum actor_kind k;
    enum flow_dir d;

    (void)state;
    assert_int_equal(model_conf_parse("public", &c), 0);
    assert_int_equal(c, CONF_PUBLIC);
    assert_int_equal(model_conf_parse("network", &c), 0);
    assert_int_equal(c, CONF_NETWORK);
    assert_int_equal(model_conf_parse("reseau", &c), 0);
    assert_int_equal(c, CONF_NETWORK);
    assert_int_equal(model_conf_parse("R\xC3\xA9seau", &c), 0);
    assert_int_equal(c, CONF_NETWORK);
    assert_int_equal(model_conf_parse("territory", &c), 0);
    assert_int_equal(c, CONF_TERRITORY);
    assert_int_equal(model_conf_parse("territoire", &c), 0);
    assert_int_equal(c, CONF_TERRITORY);
    assert_int_equal(model_conf_parse("private", &c), 0);
    assert_int_equal(c, CONF_PRIVATE);
    assert_int_equal(model_conf_parse("prive", &c), 0);
    assert_int_equal(c, CONF_PRIVATE);
    assert_int_equal(model_conf_parse("priv\xC3\xA9", &c), 0);
    assert_int_equal(c, CONF_PRIVATE);
    assert_int_equal(model_conf_parse("", &c), SY_EINPUT);
    assert_int_equal(model_conf_parse("secret", &c), SY_EINPUT);
    assert_string_equal(model_conf_name(CONF_PUBLIC), "public");
    assert_string_equal(model_conf_name(CONF_NETWORK), "network");
    assert_string_equal(model_conf_name(CONF_TERRITORY), "territory");
    assert_string_equal(model_conf_name(CONF_PRIVATE), "private");

    assert_int_equal(model_kind_parse("company", &k), 0);
    assert_int_equal(k, ACTOR_COMPANY);
    assert_int_equal(model_kind_parse("Entreprise", &k), 0);
    assert_int_equal(k, ACTOR_COMPANY);
    assert_int_equal(model_kind_parse("public", &k), 0);
    assert_int_equal(k, ACTOR_PUBLIC);
    assert_int_equal(model_kind_parse("association", &k), 0);
    assert_int_equal(k, ACTOR_ASSOCIATION);
    assert_int_equal(model_kind_parse("", &k), SY_EINPUT);
    assert_int_equal(model_kind_parse("sarl", &k), SY_EINPUT);
    assert_string_equal(model_kind_name(ACTOR_COMPANY), "company");
    assert_string_equal(model_kind_name(ACTOR_PUBLIC), "public");
    assert_string_equal(model_kind_name(ACTOR_ASSOCIATION), "association");

    assert_int_equal(model_dir_parse("supply", &d), 0);
    assert_int_equal(d, FLOW_SUPPLY);
    assert_int_equal(model_dir_parse("Offre", &d), 0);
    assert_int_equal(d, FLOW_SUPPLY);
    assert_int_equal(model_dir_parse("demand", &d), 0);
    assert_int_equal(d, FLOW_DEMAND);
    assert_int_equal(model_dir_parse("besoin", &d), 0);
    assert_int_equal(d, FLOW_DEMAND);
    assert_int_equal(model_dir_parse("", &d), SY_EINPUT);
    assert_int_equal(model_dir_parse("both", &d), SY_EINPUT);
    assert_string_equal(model_dir_name(FLOW_SUPPLY), "supply");
    assert_string_equal(model_dir_name(FLOW_DEMAND), "demand");
}

static void flow_set(struct flow *f, double qty, const char *unit, enum flow_period p, unsigned m)
{
    memset(f, 0, sizeof *f);
    f->qty = qty;
    snprintf(f->unit, sizeof f->unit, "%s", unit);
    f->period = p;
    f->months = m;
}

static void near(double got, double want)
{
    if (fabs(got - want) > 1e-9 * (fabs(want) + 1))
        fail_msg("got %.12g, want %.12g", got, want);
}

static void test_flow_normalise(void **state)
{
    struct flow f;

    (void)state;
    flow_set(&f, 120, "t", PERIOD_YEAR, MONTHS_ALL);
    assert_int_equal(model_flow_normalise(&f), 0);
    assert_int_equal(f.canon, UNIT_T);
    near(f.qty_canon, 120);
    near(f.qty_year, 120);

    flow_set(&f, 120, "t", PERIOD_YEAR, 0x3F8u); /* a yearly total: months do not scale */
    assert_int_equal(model_flow_normalise(&f), 0);
    near(f.qty_year, 120);

    flow_set(&f, 500, "kg", PERIOD_MONTH, MONTHS_ALL);
    assert_int_equal(model_flow_normalise(&f), 0);
    near(f.qty_canon, 0.5);
    near(f.qty_year, 6);

    flow_set(&f, 10, "MWh", PERIOD_MONTH, 0x3F8u); /* April to October: 7 months */
    assert_int_equal(model_flow_normalise(&f), 0);
    assert_int_equal(f.canon, UNIT_MWH);
    near(f.qty_year, 70);

    flow_set(&f, 2, "m3", PERIOD_WEEK, MONTHS_ALL);
    assert_int_equal(model_flow_normalise(&f), 0);
    near(f.qty_year, 104);

    flow_set(&f, 2, "m3", PERIOD_WEEK, 0xC03u); /* 4 months */
    assert_int_equal(model_flow_normalise(&f), 0);
    near(f.qty_year, 2 * 52.0 * 4 / 12);

    flow_set(&f, 1000, "kWh", PERIOD_DAY, MONTHS_ALL);
    assert_int_equal(model_flow_normalise(&f), 0);
    near(f.qty_canon, 1);
    near(f.qty_year, 365);

    flow_set(&f, 1000, "kWh", PERIOD_DAY, 0x3Fu); /* January to June */
    assert_int_equal(model_flow_normalise(&f), 0);
    near(f.qty_year, 182.5);

    flow_set(&f, 36, "GJ", PERIOD_ONCE, 0x1u);
    assert_int_equal(model_flow_normalise(&f), 0);
    near(f.qty_canon, 10);
    near(f.qty_year, 10);

    flow_set(&f, 3, "pcs", PERIOD_MONTH, 0); /* 0 reads as all months */
    assert_int_equal(model_flow_normalise(&f), 0);
    assert_int_equal(f.canon, UNIT_COUNT);
    near(f.qty_year, 36);

    flow_set(&f, 1000, "th", PERIOD_YEAR, MONTHS_ALL);
    assert_int_equal(model_flow_normalise(&f), 0);
    near(f.qty_year, 1.163);

    flow_set(&f, 1, "t/an", PERIOD_YEAR, MONTHS_ALL);
    assert_int_equal(model_flow_normalise(&f), SY_EINPUT);
    flow_set(&f, -1, "t", PERIOD_YEAR, MONTHS_ALL);
    assert_int_equal(model_flow_normalise(&f), SY_EINPUT);
    flow_set(&f, NAN, "t", PERIOD_YEAR, MONTHS_ALL);
    assert_int_equal(model_flow_normalise(&f), SY_EINPUT);
    flow_set(&f, 1, "t", PERIOD_YEAR, 0x1000u);
    assert_int_equal(model_flow_normalise(&f), SY_EINPUT);
    flow_set(&f, 1, "t", (enum flow_period)9, MONTHS_ALL);
    assert_int_equal(model_flow_normalise(&f), SY_EINPUT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_siret),
        cmocka_unit_test(test_naf),
        cmocka_unit_test(test_low),
        cmocka_unit_test(test_taxonomy),
        cmocka_unit_test(test_unit),
        cmocka_unit_test(test_period),
        cmocka_unit_test(test_months_parse),
        cmocka_unit_test(test_months_format),
        cmocka_unit_test(test_state),
        cmocka_unit_test(test_conf_kind_dir),
        cmocka_unit_test(test_flow_normalise),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
