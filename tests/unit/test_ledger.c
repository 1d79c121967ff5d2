/*
 * test_ledger.c - unit tests of the defensible ledger (src/optim/ledger.c and
 * impact_compute_ex in src/optim/impact.c): fate names in English and French,
 * default fates, no disposal credit for a recovered stream, a running exchange,
 * the heat pump and the turbine, net of price/investment/opex, the low-high
 * range and the plausibility flags. Every expected number is worked out by
 * hand in the comment above its assertion.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <string.h>

#include <cmocka.h>

#include "optim/impact.h"
#include "optim/ledger.h"

#define EPS 1e-6
#define HDR "id,prefix,unit,co2e_kg,eur,co2e_quality,eur_quality,basis,source,version,fate\n"

static const char disposal_csv[] =
    HDR "dland,,t,500,135,declared,estimated,,S,2025,landfill\n"
        "dinc,,t,5,105,declared,estimated,,S,2025,incineration_energy\n"
        "dspread,,t,0,8,estimated,estimated,,S,2025,spreading\n"
        "dheat,energy,MWh,0,0,declared,declared,,S,2025,\n";
static const char virgin_csv[] =
    HDR "v0,,t,0,0,estimated,estimated,,V,2025,\n"
        "vpaper,material.paper,t,219.72883,600,declared,estimated,,DEFRA,2025,\n"
        "vclinker,material.mineral.cement_addition,t,766,90,estimated,estimated,,EU,2011,\n"
        "vheat,energy.heat,MWh,236.79,50,estimated,estimated,,gas,2025,\n";
static const char transport_csv[] = HDR "road,,t,0.1,0.1,declared,estimated,,T,2025,\n"
                                        "pipe,energy,MWh,0,1,estimated,estimated,,P,2025,\n";
static const char fates_csv[] = "id,prefix,fate,basis\n"
                                "f0,,landfill,x\n"
                                "fpaper,15 01 01,valorise,x\n"
                                "fmanure,02 01 06,epandage,x\n";
static const char families_csv[] =
    "id,prefix,unit,price_eur,invest_eur,opex_eur,eur_min,eur_max,co2e_min,co2e_max,low,high\n"
    "fam.paper,material.paper,t,100,2,0,-150,600,-50,400,0.7,1.2\n"
    "fam.cement,material.mineral.cement_addition,t,15,2,3,-60,150,-60,700,0.7,1.05\n"
    "fam.heat,energy.heat,MWh,10,5,1,-40,60,-60,260,0.6,1.1\n";
static const char params_csv[] = "key,value\n"
                                 "grid.co2e_kg_mwh,53\n"
                                 "grid.eur_mwh,110\n"
                                 "heat_pump.carnot_efficiency,0.5\n"
                                 "heat_pump.cop_max,6\n"
                                 "heat_pump.lift_max_k,80\n"
                                 "temp.energy.heat.lt,40\n"
                                 "temp.energy.heat.mt,90\n"
                                 "turbine.energy.steam,0.2\n";

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
    assert_int_equal(
        ledger_parse(&f->lt, LEDGER_FATES, fates_csv, strlen(fates_csv), "fates.csv", &e), 0);
    assert_int_equal(ledger_parse(&f->lt, LEDGER_FAMILIES, families_csv, strlen(families_csv),
                                  "families.csv", &e),
                     0);
    assert_int_equal(
        ledger_parse(&f->lt, LEDGER_PARAMS, params_csv, strlen(params_csv), "params.csv", &e), 0);
}

static struct impact_opts opts(enum fate fate)
{
    struct impact_opts o;

    memset(&o, 0, sizeof o);
    o.fate = fate;
    o.supply_temp_c = NAN;
    o.need_temp_c = NAN;
    return o;
}

static void test_fate_names(void **state)
{
    enum fate f;

    (void)state;
    assert_int_equal(fate_parse("landfill", &f), 0);
    assert_int_equal(f, FATE_LANDFILL);
    assert_int_equal(fate_parse("Enfouissement", &f), 0);
    assert_int_equal(f, FATE_LANDFILL);
    assert_int_equal(fate_parse("valorisation énergétique", &f), 0);
    assert_int_equal(f, FATE_INCINERATION_ENERGY);
    assert_int_equal(fate_parse("épandage", &f), 0);
    assert_int_equal(f, FATE_SPREADING);
    assert_int_equal(fate_parse("valorisé", &f), 0);
    assert_int_equal(f, FATE_RECOVERED);
    assert_int_equal(fate_parse("égout", &f), 0);
    assert_int_equal(f, FATE_SEWER);
    assert_int_equal(fate_parse("inconnu", &f), 0);
    assert_int_equal(f, FATE_UNKNOWN);
    assert_int_equal(fate_parse("", &f), 0);
    assert_int_equal(f, FATE_NONE);
    assert_int_equal(fate_parse("compost heap", &f), -1);
    assert_string_equal(fate_name(FATE_INCINERATION_ENERGY), "incineration_energy");
}

/* 100 t of 15 01 01 (default fate: recovered) to a paper mill 10 km away.
 * No disposal credit. Virgin 100 x 219.72883 = 21972.883 kg; transport
 * 100 x 10 x 0.1 = 100 kg; CO2e 21872.883 kg. Euros gross 100 x 600 - 100 x 10
 * x 0.1 = 59900; costs 100 x (100 + 2 + 0) = 10200; net 49700. Range: CO2e
 * 21872.883 x 0.7 = 15311.0181 to x 1.2 = 26247.4596; euros 59900 x 0.7 - 10200
 * = 31730 to 59900 x 1.2 - 10200 = 61680. 218.7 kg/t and 497 EUR/t: in bounds. */
static void test_recovered_paper(void **state)
{
    struct impact_factors f;
    struct impact_line l;

    (void)state;
    load(&f);
    impact_compute_ex(&f, "15 01 01", "material.paper", UNIT_T, 100, 10, 0, NULL, &l);
    assert_int_equal(l.fate, FATE_RECOVERED);
    assert_null(l.disposal);
    assert_true(fabs((l.disposal_co2e_kg) - (0)) <= EPS);
    assert_true(fabs((l.co2e_kg) - (21872.883)) <= 1e-3);
    assert_true(fabs((l.gross_eur) - (59900)) <= 1e-6);
    assert_true(fabs((l.eur) - (49700)) <= 1e-6);
    assert_true(fabs((l.co2e_low) - (15311.0181)) <= 1e-3);
    assert_true(fabs((l.co2e_high) - (26247.4596)) <= 1e-3);
    assert_true(fabs((l.eur_low) - (31730)) <= 1e-6);
    assert_true(fabs((l.eur_high) - (61680)) <= 1e-6);
    assert_string_equal(l.flags, "");
    assert_non_null(strstr(l.sources, "already recovered"));
    /* Declared landfill instead: + 100 x 500 kg and + 100 x 135 EUR. */
    {
        struct impact_opts o = opts(FATE_LANDFILL);

        impact_compute_ex(&f, "15 01 01", "material.paper", UNIT_T, 100, 10, 0, &o, &l);
        assert_true(fabs((l.co2e_kg) - (21872.883 + 50000)) <= 1e-3);
        assert_true(fabs((l.eur) - (49700 + 13500)) <= 1e-6);
        /* 718.7 kg/t is above the paper bound of 400: flagged with the reason. */
        assert_non_null(strstr(l.flags, "kg CO2e/t is outside"));
    }
    impact_factors_release(&f);
}

/* A declared fate picks its disposal row; the default fate of manure is
 * spreading (French word in fates.csv). 10 t of 02 01 06 declared
 * incineration_energy: disposal 10 x 5 = 50 kg, 10 x 105 = 1050 EUR. */
static void test_fate_rows(void **state)
{
    struct impact_factors f;
    struct impact_line l;
    struct impact_opts o = opts(FATE_INCINERATION_ENERGY);

    (void)state;
    load(&f);
    impact_compute_ex(&f, "02 01 06", NULL, UNIT_T, 10, 0, 0, &o, &l);
    assert_string_equal(l.disposal->id, "dinc");
    assert_true(fabs((l.disposal_co2e_kg) - (50)) <= EPS);
    assert_true(fabs((l.disposal_eur) - (1050)) <= EPS);
    impact_compute_ex(&f, "02 01 06", NULL, UNIT_T, 10, 0, 0, NULL, &l);
    assert_int_equal(l.fate, FATE_SPREADING);
    assert_string_equal(l.disposal->id, "dspread");
    assert_true(fabs((l.disposal_eur) - (80)) <= EPS);
    /* Unknown: the default again. */
    o = opts(FATE_UNKNOWN);
    impact_compute_ex(&f, "02 01 06", NULL, UNIT_T, 10, 0, 0, &o, &l);
    assert_string_equal(l.disposal->id, "dspread");
    impact_factors_release(&f);
}

/* Fly ash to cement, 1000 t over 100 km, default fate landfill (f0):
 * disposal 1000 x 500 = 500000 kg, 135000 EUR; clinker 766000 kg, 90000 EUR;
 * transport 1000 x 100 x 0.1 = 10000 kg and 10000 EUR. CO2e 1256000 kg; gross
 * euros 215000; costs 1000 x (15 + 2 + 3) = 20000; net 195000. */
static void test_clinker(void **state)
{
    struct impact_factors f;
    struct impact_line l;

    (void)state;
    load(&f);
    impact_compute_ex(&f, "10 01 02", "material.mineral.cement_addition", UNIT_T, 1000, 100, 0,
                      NULL, &l);
    assert_true(fabs((l.co2e_kg) - (1256000)) <= 1e-6);
    assert_true(fabs((l.eur) - (195000)) <= 1e-6);
    assert_true(fabs((l.costs_eur) - (20000)) <= 1e-6);
    /* 1256 kg/t > 700 and 195 EUR/t > 150: both flagged. */
    assert_non_null(strstr(l.flags, "kg CO2e/t"));
    assert_non_null(strstr(l.flags, "EUR/t"));
    impact_factors_release(&f);
}

/* 1000 MWh of 40 °C heat (lt band) for a 90 °C need (mt band), 1 km of pipe.
 * COP = 0.5 x (90 + 273.15) / (90 - 40) = 3.6315; electricity 1000 / 3.6315
 * = 275.3683 MWh: 275.3683 x 53 = 14594.52 kg and x 110 = 30290.52 EUR.
 * Virgin 236790 kg, 50000 EUR; pipe 1000 x 1 x 1 = 1000 EUR.
 * CO2e 236790 - 14594.52 = 222195.48 kg; gross euros 50000 - 1000 - 30290.52
 * = 18709.48; costs 1000 x 16 = 16000; net 2709.48. */
static void test_heat_pump(void **state)
{
    struct impact_factors f;
    struct impact_line l;

    (void)state;
    load(&f);
    impact_compute_ex(&f, "energy.heat.lt", "energy.heat.mt", UNIT_MWH, 1000, 1, 0, NULL, &l);
    assert_true(fabs((l.cop) - (3.6315)) <= 1e-4);
    assert_true(fabs((l.heat_pump_mwh) - (275.3683)) <= 1e-3);
    assert_true(fabs((l.co2e_kg) - (222195.48)) <= 0.1);
    assert_true(fabs((l.eur) - (2709.48)) <= 0.1);
    assert_non_null(strstr(l.sources, "heat pump"));
    /* A declared supply at 95 °C needs no heat pump. */
    {
        struct impact_opts o = opts(FATE_NONE);

        o.supply_temp_c = 95;
        impact_compute_ex(&f, "energy.heat.lt", "energy.heat.mt", UNIT_MWH, 1000, 1, 0, &o, &l);
        assert_true(fabs((l.heat_pump_mwh) - (0)) <= EPS);
        assert_true(fabs((l.co2e_kg) - (236790)) <= 1e-6);
    }
    impact_factors_release(&f);
}

/* 1000 MWh of steam extracted from a turbine: 0.2 x 1000 = 200 MWh of
 * electricity lost: 10600 kg and 22000 EUR. Virgin heat row 236.79 applies to
 * energy.heat only: energy.steam here has no virgin row (0), so CO2e = -10600. */
static void test_turbine(void **state)
{
    struct impact_factors f;
    struct impact_line l;
    struct impact_opts o = opts(FATE_NONE);

    (void)state;
    load(&f);
    o.turbine = 1;
    impact_compute_ex(&f, "energy.steam.mp", NULL, UNIT_MWH, 1000, 0, 0, &o, &l);
    assert_true(fabs((l.turbine_mwh) - (200)) <= EPS);
    assert_true(fabs((l.energy_co2e_kg) - (10600)) <= EPS);
    assert_true(fabs((l.co2e_kg) - (-10600)) <= EPS);
    assert_true(fabs((l.gross_eur) - (-22000)) <= EPS);
    impact_factors_release(&f);
}

/* A running exchange is valued and marked, so the plan can keep it apart. */
static void test_running(void **state)
{
    struct impact_factors f;
    struct impact_line l;
    struct impact_opts o = opts(FATE_RUNNING);

    (void)state;
    load(&f);
    impact_compute_ex(&f, "15 01 01", "material.paper", UNIT_T, 100, 10, 0, &o, &l);
    assert_int_equal(l.running, 1);
    assert_int_equal(l.fate, FATE_RECOVERED); /* the default fate of the code */
    assert_true(fabs((l.co2e_kg) - (21872.883)) <= 1e-3);
    impact_factors_release(&f);
}

static void test_parse_errors(void **state)
{
    struct ledger_tables t = {0};
    struct err e = {0};
    const char bad_fate[] = "id,prefix,fate\nx,01,compost heap\n";
    const char bad_range[] = "id,prefix,unit,price_eur,invest_eur,opex_eur,eur_min,eur_max,"
                             "co2e_min,co2e_max,low,high\nx,,t,0,0,0,1,0,0,1,1,1\n";

    (void)state;
    assert_int_equal(ledger_parse(&t, LEDGER_FATES, bad_fate, strlen(bad_fate), "f.csv", &e),
                     SY_EINPUT);
    assert_non_null(strstr(e.msg, "f.csv:2:"));
    assert_int_equal(ledger_parse(&t, LEDGER_FAMILIES, bad_range, strlen(bad_range), "g.csv", &e),
                     SY_EINPUT);
    assert_non_null(strstr(e.msg, "out of order"));
    assert_int_equal(t.nfates + t.nfams, 0);
    ledger_release(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fate_names), cmocka_unit_test(test_recovered_paper),
        cmocka_unit_test(test_fate_rows),  cmocka_unit_test(test_clinker),
        cmocka_unit_test(test_heat_pump),  cmocka_unit_test(test_turbine),
        cmocka_unit_test(test_running),    cmocka_unit_test(test_parse_errors),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
