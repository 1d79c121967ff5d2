/*
 * test_engine.c - the matching engine on small hand-made territories: each
 * filter (quantity, temperature, state, hazardous permit, months, self pair,
 * distance), each kind (substitution, mutualisation, prospective by profile
 * and by receiver NACE), the score's monotonicity, explanations, fingerprints,
 * the per-supplier cap and determinism.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <math.h>
#include <string.h>
#include <cmocka.h>

#include "match_fixture.h"
#include "match/engine.h"

#define MAXS 256
#define MAXF 512

struct world {
    struct kb *kb;
    struct eng_site s[MAXS];
    struct eng_flow f[MAXF];
    char ids[MAXS][16];
    size_t ns, nf;
    struct eng_opts o;
    struct eng_result r;
};

static int setup(void **state)
{
    struct world *w = calloc(1, sizeof *w);
    struct err e = {0};
    w->kb = fixture_kb("tests/data/match", &e);
    if (!w->kb) {
        fprintf(stderr, "%s\n", e.msg);
        return -1;
    }
    eng_opts_default(&w->o);
    *state = w;
    return 0;
}

static int teardown(void **state)
{
    struct world *w = *state;
    eng_result_release(&w->r);
    kb_free(w->kb);
    free(w);
    return 0;
}

/* A site dx_km east of (48, 7). */
static uint32_t site(struct world *w, double dx_km, const char *nace, float workforce)
{
    struct eng_site *s = &w->s[w->ns];
    snprintf(w->ids[w->ns], sizeof w->ids[0], "A%zu", w->ns);
    s->id = w->ids[w->ns];
    s->name = s->id;
    s->lat = 48;
    s->lon = 7 + dx_km / (111.19493 * cos(48 * 3.14159265358979 / 180));
    s->nace = nace ? kb_nace_intern(w->kb, nace) : -1;
    s->workforce = workforce;
    return (uint32_t)w->ns++;
}

static struct eng_flow *flow(struct world *w, uint32_t s, int dir, const char *code, double qty,
                             int unit)
{
    struct eng_flow *f = &w->f[w->nf++];
    memset(f, 0, sizeof *f);
    f->site = s;
    f->dir = (uint8_t)dir;
    f->code = kb_intern(w->kb, code);
    f->qty_year = qty;
    f->unit = (uint8_t)unit;
    f->months = MONTHS_ALL;
    return f;
}

static size_t run(struct world *w)
{
    struct err e = {0};
    eng_result_release(&w->r);
    assert_int_equal(engine_run(w->kb, w->s, w->ns, w->f, w->nf, &w->o, NULL, NULL, &w->r, &e), 0);
    return w->r.ncands;
}

/* The i-th candidate in output order. */
static void cand(struct world *w, size_t i, struct candidate *c)
{
    eng_candidate(w->kb, w->s, &w->r, w->r.order[i], &w->o, "T", c);
}

#define CAND(w, i) (&(w)->r.cands[(w)->r.order[i]])

static void test_identity_substitution(void **state)
{
    struct world *w = *state;
    struct candidate c;
    uint32_t a = site(w, 0, NULL, -1), b = site(w, 2, NULL, -1);
    flow(w, a, FLOW_SUPPLY, "energy.heat.lt", 1000, UNIT_MWH)->has_temp = 0;
    flow(w, b, FLOW_DEMAND, "energy.heat.lt", 800, UNIT_MWH);
    assert_int_equal(run(w), 1);
    cand(w, 0, &c);
    assert_int_equal(c.kind, CAND_SUBSTITUTION);
    assert_string_equal(c.supplier_id, "A0");
    assert_string_equal(c.receiver_id, "A1");
    assert_string_equal(c.rule, "identity");
    assert_string_equal(c.basis, "declared");
    assert_string_equal(c.territory, "T");
    assert_true(fabs(c.distance_km - 2 * 1.3) < 0.01);
    assert_true(c.quantity == 800);
    assert_string_equal(c.key, "S|A0|A1|energy.heat.lt|identity");
    assert_true(c.score > 0 && c.score <= 1);
    assert_non_null(strstr(c.explanation, "Identity"));
    assert_non_null(strstr(c.explanation, "2.6 km by road (max 20 km)"));
    assert_non_null(strstr(c.explanation, "(covers 100%)"));
    assert_int_equal(strlen(c.fingerprint), 16);
}

static void test_self_pair_and_distance(void **state)
{
    struct world *w = *state;
    uint32_t a = site(w, 0, NULL, -1), b = site(w, 30, NULL, -1);
    flow(w, a, FLOW_SUPPLY, "energy.heat.lt", 1000, UNIT_MWH);
    flow(w, a, FLOW_DEMAND, "energy.heat.lt", 1000, UNIT_MWH); /* itself */
    flow(w, b, FLOW_DEMAND, "energy.heat.lt", 1000, UNIT_MWH); /* 39 km road > 20 km */
    w->o.kinds = ENG_SUBSTITUTION;
    assert_int_equal(run(w), 0);
    w->s[b].lon = w->s[a].lon + 0.1; /* about 7.4 km: 9.7 km by road */
    assert_int_equal(run(w), 1);
    assert_int_equal(CAND(w, 0)->rec_site, b);
    w->o.detour = 3; /* 22 km by road: too far */
    assert_int_equal(run(w), 0);
}

/* Runs and counts the candidates against a demand flow (not a receiver
 * matched by its activity alone). */
static size_t with_demand(struct world *w)
{
    size_t n = 0, all = run(w);

    for (size_t i = 0; i < all; i++)
        n += CAND(w, i)->other != ENG_NONE;
    return n;
}

static void test_quantity_filter(void **state)
{
    struct world *w = *state;
    uint32_t a = site(w, 0, NULL, -1), b = site(w, 1, NULL, -1);
    struct eng_flow *s = flow(w, a, FLOW_SUPPLY, "energy.heat.lt", 50, UNIT_MWH);
    flow(w, b, FLOW_DEMAND, "energy.heat.lt", 1000, UNIT_MWH);
    /* A declared supply meeting a declared demand is never hidden by coverage
     * (5% < 10%): several small suppliers may feed one large receiver. */
    assert_int_equal(run(w), 1);
    assert_int_equal(CAND(w, 0)->kind, CAND_SUBSTITUTION);
    /* Against a presumed demand the filter holds: the 23.62 profile at 50
     * employees wants 5000 t of gypsum; 100 t of FGD gypsum covers 2%. */
    w->nf = 0;
    site(w, 2, "23.62", 50);
    s = flow(w, a, FLOW_SUPPLY, "10 01 05", 100, UNIT_T);
    w->o.kinds = ENG_PROSPECTIVE;
    assert_int_equal(with_demand(w), 0);
    s->qty_year = 600; /* 12% */
    assert_int_equal(with_demand(w), 1);
    w->o.min_coverage = 0.2;
    assert_int_equal(with_demand(w), 0);
    s->qty_year = -1; /* unknown: kept, to confirm */
    assert_int_equal(with_demand(w), 1);
    assert_true(CAND(w, 0)->flags & ENG_F_QTY);
}

/* Coverage is judged on the receiver's cumulated supplies: three suppliers
 * of 200 t of FGD gypsum each cover 4% of the 5000 t the 23.62 profile
 * presumes at 50 employees, 12% together: all three are proposed. Two (8%)
 * are not; nor is any of the three when each must cover 10% alone. */
static void test_cumulated_coverage(void **state)
{
    struct world *w = *state;
    uint32_t b = site(w, 0, "23.62", 50);
    struct eng_flow *third;

    for (int i = 1; i <= 3; i++)
        flow(w, site(w, i, NULL, -1), FLOW_SUPPLY, "10 01 05", 200, UNIT_T);
    third = &w->f[w->nf - 1];
    w->o.kinds = ENG_PROSPECTIVE;
    assert_int_equal(with_demand(w), 3);
    for (size_t i = 0; i < w->r.ncands; i++)
        assert_int_equal(w->r.cands[i].rec_site, b);
    w->o.coverage_per_pair = 1;
    assert_int_equal(with_demand(w), 0);
    w->o.coverage_per_pair = 0;
    third->qty_year = -1; /* unknown: kept to confirm, but adds nothing to the sum */
    assert_int_equal(with_demand(w), 1);
    third->qty_year = 100; /* 500 t = 10%: enough */
    assert_int_equal(with_demand(w), 3);
    third->qty_year = 99;
    assert_int_equal(with_demand(w), 0);
}

static void test_temperature_filter(void **state)
{
    struct world *w = *state;
    uint32_t a = site(w, 0, NULL, -1), b = site(w, 1, NULL, -1);
    struct eng_flow *s = flow(w, a, FLOW_SUPPLY, "energy.heat.lt", 1000, UNIT_MWH);
    struct eng_flow *d = flow(w, b, FLOW_DEMAND, "energy.heat.lt", 1000, UNIT_MWH);
    s->has_temp = d->has_temp = 1;
    s->temp_c = 40;
    d->temp_c = 60;
    assert_int_equal(run(w), 0); /* heat does not flow uphill */
    s->temp_c = 70;
    assert_int_equal(run(w), 1);
    assert_false(CAND(w, 0)->flags & ENG_F_TEMP);
    s->has_temp = 0;
    assert_int_equal(run(w), 1);
    assert_true(CAND(w, 0)->flags & ENG_F_TEMP);
    /* Route R3 needs 60 C at a district heating network (NACE 35.30). */
    w->nf = 1;
    s->has_temp = 1;
    s->temp_c = 50;
    w->s[b].nace = kb_nace_intern(w->kb, "35.30");
    assert_int_equal(run(w), 0);
    s->temp_c = 65;
    assert_int_equal(run(w), 1);
    assert_int_equal(CAND(w, 0)->kind, CAND_PROSPECTIVE);
}

static void test_state_filter(void **state)
{
    struct world *w = *state;
    struct candidate c;
    uint32_t a = site(w, 0, NULL, -1), b = site(w, 1, "23.62", -1);
    struct eng_flow *s = flow(w, a, FLOW_SUPPLY, "10 01 05", 5000, UNIT_T);
    flow(w, b, FLOW_DEMAND, "material.mineral.gypsum", 4000, UNIT_T);
    w->o.kinds = ENG_SUBSTITUTION;
    s->state = STATE_LIQUID; /* route R1 wants solid */
    assert_int_equal(run(w), 0);
    s->state = STATE_SOLID;
    assert_int_equal(run(w), 1);
    cand(w, 0, &c);
    assert_string_equal(c.rule, "R1");
    assert_non_null(strstr(c.explanation, "Route R1 (FGD gypsum to plasterboard"));
    assert_non_null(strstr(c.explanation, "ref: Eurogypsum practice"));
    assert_non_null(strstr(c.explanation, "To confirm: purity (CaSO4 >= 95 %)"));
    s->state = STATE_NONE;
    assert_int_equal(run(w), 1);
    cand(w, 0, &c);
    assert_non_null(strstr(c.explanation, "physical state"));
}

static void test_hazardous_permit(void **state)
{
    struct world *w = *state;
    struct candidate c;
    uint32_t a = site(w, 0, NULL, -1), b = site(w, 1, NULL, -1);
    struct eng_flow *s = flow(w, a, FLOW_SUPPLY, "16 06 01", 10, UNIT_T);
    flow(w, b, FLOW_DEMAND, "16 06 01", 10, UNIT_T);
    s->hazardous = 1;
    w->o.kinds = ENG_SUBSTITUTION;
    assert_int_equal(run(w), 0);
    w->s[b].licensed_hazardous = 1;
    assert_int_equal(run(w), 1);
    cand(w, 0, &c);
    assert_non_null(strstr(c.explanation, "hazardous waste"));
    w->s[b].licensed_hazardous = 0;
    w->s[b].nace = kb_nace_intern(w->kb, "38.22"); /* hazardous waste treatment */
    assert_int_equal(run(w), 1);
}

static void test_months_filter(void **state)
{
    struct world *w = *state;
    uint32_t a = site(w, 0, NULL, -1), b = site(w, 1, NULL, -1);
    struct eng_flow *s = flow(w, a, FLOW_SUPPLY, "energy.heat.lt", 1000, UNIT_MWH);
    struct eng_flow *d = flow(w, b, FLOW_DEMAND, "energy.heat.lt", 1000, UNIT_MWH);
    s->months = 0x7;   /* Jan-Mar */
    d->months = 0x1C0; /* Jul-Sep */
    assert_int_equal(run(w), 0);
    d->months = 0xC; /* Mar-Apr: partial */
    assert_int_equal(run(w), 1);
    assert_true(CAND(w, 0)->flags & ENG_F_MONTHS);
}

static void test_prospective_nace_and_profile(void **state)
{
    struct world *w = *state;
    struct candidate c;
    uint32_t a = site(w, 0, "35.11", -1);
    uint32_t b = site(w, 10, "23.62", 50); /* profile: gypsum demand 100 t/employee */
    uint32_t z = site(w, 12, "23.51", -1); /* no profile: matched by route R2's NACE */
    (void)a;
    (void)b;
    (void)z;
    /* The power plant declares nothing: its profile says FGD gypsum is present. */
    w->o.kinds = ENG_PROSPECTIVE;
    assert_int_equal(run(w), 2);
    assert_int_equal(w->r.nflows, 2); /* inferred: 10 01 05 at A0, gypsum demand at A1 */
    cand(w, 0, &c);
    assert_int_equal(c.kind, CAND_PROSPECTIVE);
    assert_string_equal(c.receiver_id, "A1");
    assert_string_equal(c.basis, "inferred-both");
    assert_string_equal(c.rule, "R1");
    assert_non_null(strstr(c.explanation, "inferred supply of 10 01 05"));
    assert_non_null(
        strstr(c.explanation, "inferred demand for material.mineral.gypsum, 5000 t/yr"));
    assert_non_null(strstr(c.explanation, "sector profile of NACE 35.11"));
    cand(w, 1, &c);
    assert_string_equal(c.receiver_id, "A2");
    assert_string_equal(c.rule, "R2");
    assert_non_null(strstr(c.explanation, "NACE 23.51 matches route receiver 23.51"));
    assert_non_null(strstr(c.explanation, "presumed from its activity"));
    /* Substitution only: nothing is declared. */
    w->o.kinds = ENG_SUBSTITUTION;
    assert_int_equal(run(w), 0);
    /* A declared supply matched with a receiver by NACE is prospective too. */
    w->o.kinds = ENG_ALL;
    w->o.infer = 0;
    flow(w, a, FLOW_SUPPLY, "10 01 05", 5000, UNIT_T);
    assert_int_equal(run(w), 2);
    cand(w, 0, &c);
    assert_string_equal(c.basis, "inferred-receiver");
}

/* How many flows of code the engine inferred at site s. */
static size_t inferred_at(const struct world *w, uint32_t s, const char *code)
{
    size_t n = 0;
    for (size_t i = 0; i < w->r.nflows; i++)
        n += w->r.flows[i].inferred && w->r.flows[i].site == s &&
             w->r.flows[i].code == kb_code_find(w->kb, code);
    return n;
}

/* A declared heat flow suppresses the profile's other bands of that heat in
 * the same direction (a plant declaring its low-temperature heat is not
 * presumed to have medium-temperature heat besides); another direction, or
 * nothing declared, leaves the profile's band inferred. */
static void test_infer_heat_band_suppressed(void **state)
{
    struct world *w = *state;
    /* profile of 24.10: supplies energy.heat.mt ("present") */
    uint32_t quiet = site(w, 0, "24.10", -1);
    uint32_t lt = site(w, 30, "24.10", -1);
    uint32_t dem = site(w, 60, "24.10", -1);
    flow(w, lt, FLOW_SUPPLY, "energy.heat.lt", 1000, UNIT_MWH);
    flow(w, dem, FLOW_DEMAND, "energy.heat.lt", 1000, UNIT_MWH);
    w->o.kinds = ENG_PROSPECTIVE;
    run(w);
    assert_int_equal(inferred_at(w, quiet, "energy.heat.mt"), 1);
    assert_int_equal(inferred_at(w, lt, "energy.heat.mt"), 0);
    assert_int_equal(inferred_at(w, dem, "energy.heat.mt"), 1);
    assert_int_equal(w->r.nflows, 2 + 2);
    /* Without inference nothing is presumed at all. */
    w->o.infer = 0;
    run(w);
    assert_int_equal(w->r.nflows, 2);
}

static void test_mutualisation(void **state)
{
    struct world *w = *state;
    struct candidate c, c2;
    double d[5] = {0, 1, 2, 1.5, 40};
    for (int i = 0; i < 5; i++)
        flow(w, site(w, d[i], NULL, -1), FLOW_SUPPLY, "15 01 01", 8, UNIT_T);
    w->o.kinds = ENG_MUTUALISATION;
    assert_int_equal(run(w), 4); /* the fifth site is 40 km away */
    assert_int_equal(w->r.ngroups, 1);
    assert_true(fabs(w->r.groups[0].pooled - 32) < 1e-9);
    cand(w, 0, &c);
    cand(w, 1, &c2);
    assert_int_equal(c.kind, CAND_MUTUALISATION);
    assert_string_equal(c.group_id, c2.group_id);
    assert_true(c.group_id[0] == 'G');
    assert_string_equal(c.rule, "pool");
    assert_string_equal(c.receiver_id, "");
    assert_true(fabs(c.lat - 48) < 1e-3);
    assert_non_null(
        strstr(c.explanation, "Pooling: 4 sites within 5 km share a supply of 15 01 01"));
    assert_non_null(strstr(c.explanation, "minimum lot of 20 t (reached)"));
    /* Too small a lot: still a group, the lot not reached, a lower score. */
    for (size_t i = 0; i < w->nf; i++)
        w->f[i].qty_year = 2;
    assert_int_equal(run(w), 4);
    cand(w, 0, &c2);
    assert_non_null(strstr(c2.explanation, "(not reached)"));
    assert_true(c2.score < c.score);
    /* Two sites are not a group. */
    w->nf = 2;
    assert_int_equal(run(w), 0);
}

static void test_score_monotonic(void **state)
{
    (void)state;
    assert_true(eng_score(1, 1, 100, 1, 1) > eng_score(1, 10, 100, 1, 1));
    assert_true(eng_score(1, 10, 100, 1, 1) > eng_score(1, 90, 100, 1, 1));
    assert_true(eng_score(1, 90, 100, 1, 1) == eng_score(1, 200, 100, 1, 1) ||
                eng_score(1, 90, 100, 1, 1) > eng_score(1, 200, 100, 1, 1));
    assert_true(eng_score(1, 10, 100, 1, 1) > eng_score(0.8, 10, 100, 1, 1));
    assert_true(eng_score(1, 10, 100, 1, 1) > eng_score(1, 10, 100, 0.7, 1));
    assert_true(eng_score(1, 10, 100, 1, 1) > eng_score(1, 10, 100, 1, 0.6));
    assert_true(eng_score(1, 0, 100, 1, 1) == 1.0);
    assert_true(eng_qty_fit(100, 100) == 1.0);
    assert_true(eng_qty_fit(100, 50) > eng_qty_fit(100, 10));
    assert_true(eng_qty_fit(50, 100) > eng_qty_fit(20, 100));
    assert_true(eng_qty_fit(-1, 100) == 0.5);
}

static void test_rank_and_cap(void **state)
{
    struct world *w = *state;
    uint32_t a = site(w, 0, NULL, -1);
    flow(w, a, FLOW_SUPPLY, "energy.heat.lt", 1000, UNIT_MWH);
    for (int i = 0; i < 10; i++)
        flow(w, site(w, 10 - i, NULL, -1), FLOW_DEMAND, "energy.heat.lt", 1000, UNIT_MWH);
    w->o.kinds = ENG_SUBSTITUTION;
    assert_int_equal(run(w), 10);
    /* Nearer first: the last site added is the nearest. */
    for (size_t i = 1; i < w->r.ncands; i++) {
        assert_true(CAND(w, i - 1)->score >= CAND(w, i)->score);
        assert_true(CAND(w, i - 1)->dist_km <= CAND(w, i)->dist_km);
    }
    assert_int_equal(CAND(w, 0)->rec_site, 10);
    w->o.max_per_supplier = 3;
    assert_int_equal(run(w), 3);
    assert_int_equal(CAND(w, 0)->rec_site, 10);
    assert_int_equal(CAND(w, 2)->rec_site, 8);
}

/* The grid index (--index grid) finds the same candidates as the k-d trees
 * on a random world dense enough for the search budget to bind: same pairs
 * in the same order, scores equal but for the chord/haversine rounding. (Two
 * flows of one site with the same code tie, and the indexes may keep either.) */
static void test_index_grid_same(void **state)
{
    struct world *w = *state;
    static const char *codes[] = {"energy.heat.lt", "15 01 01", "10 01 05",
                                  "material.mineral.gypsum"};
    uint64_t x = 12345;
    struct eng_cand first[MAXS * 20];
    uint32_t order[MAXS * 20];
    size_t n;

    for (int i = 0; i < 200; i++) {
        double r1, r2;
        uint32_t a;
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        r1 = (double)(x >> 11) / 9007199254740992.0;
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        r2 = (double)(x >> 11) / 9007199254740992.0;
        a = site(w, 40 * r1 - 20, i % 7 == 0 ? "23.62" : NULL, -1);
        w->s[a].lat = 48 + 0.2 * (r2 - 0.5);
        for (int k = 0; k < 2; k++) {
            /* Two different codes: flows of one site with the same code
             * are at the same distance, and the indexes break that tie
             * differently (tree order, flow index). */
            int c = (int)(((x >> 20) + (uint64_t)k * (1 + (x >> 24) % 3)) % 4);
            int dir = (x >> (40 + k)) & 1 ? FLOW_SUPPLY : FLOW_DEMAND;
            flow(w, a, dir, codes[c], 10 + (double)((x >> (30 + 3 * k)) % 500),
                 c == 0 ? UNIT_MWH : UNIT_T);
        }
    }
    w->o.kinds = ENG_SUBSTITUTION | ENG_PROSPECTIVE;
    w->o.search_budget = 4;
    w->o.index = ENG_INDEX_KDTREE;
    n = run(w);
    assert_true(n > 300);
    memcpy(first, w->r.cands, n * sizeof *first);
    memcpy(order, w->r.order, n * sizeof *order);
    w->o.index = ENG_INDEX_GRID;
    assert_int_equal(run(w), n);
    for (size_t i = 0; i < n; i++) {
        const struct eng_cand *a = &first[order[i]], *b = CAND(w, i);
        assert_int_equal(a->sup_flow, b->sup_flow);
        assert_int_equal(a->rec_site, b->rec_site);
        assert_int_equal(a->other, b->other);
        assert_int_equal(a->route, b->route);
        assert_true(fabs(a->score - b->score) < 1e-5);
        assert_true(fabs(a->dist_km - b->dist_km) < 0.002);
    }
    w->o.index = 7;
    {
        struct err e = {0};
        eng_result_release(&w->r);
        assert_int_equal(engine_run(w->kb, w->s, w->ns, w->f, w->nf, &w->o, NULL, NULL, &w->r, &e),
                         SY_EUSAGE);
    }
}

static void test_determinism_and_fingerprint(void **state)
{
    struct world *w = *state;
    static struct candidate c1[64];
    struct candidate c2;
    size_t n;
    for (int i = 0; i < 6; i++) {
        uint32_t s = site(w, i * 0.7, i % 2 ? "23.62" : "35.11", 20);
        flow(w, s, i % 2 ? FLOW_DEMAND : FLOW_SUPPLY, "10 01 05", 3000 + i, UNIT_T);
        flow(w, s, FLOW_SUPPLY, "15 01 01", 10, UNIT_T);
    }
    n = run(w);
    assert_true(n > 3 && n <= 64);
    for (size_t i = 0; i < n; i++)
        cand(w, i, &c1[i]);
    assert_int_equal(run(w), n);
    for (size_t i = 0; i < n; i++) {
        cand(w, i, &c2);
        assert_string_equal(c1[i].key, c2.key);
        assert_string_equal(c1[i].fingerprint, c2.fingerprint);
        assert_string_equal(c1[i].explanation, c2.explanation);
    }
    /* No duplicate keys. */
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            assert_string_not_equal(c1[i].key, c1[j].key);
    /* Changing a quantity changes the fingerprints of the candidates built on it. */
    w->f[0].qty_year = 9999;
    assert_int_equal(run(w), n);
    for (size_t i = 0; i < n; i++) {
        cand(w, i, &c2);
        if (strcmp(c2.supplier_id, "A0") == 0 && c2.kind != CAND_MUTUALISATION)
            for (size_t j = 0; j < n; j++)
                if (strcmp(c1[j].key, c2.key) == 0)
                    assert_string_not_equal(c1[j].fingerprint, c2.fingerprint);
    }
}

static void cancel_on(void *ctx, const char *phase, double done)
{
    (void)done;
    if (strcmp(phase, "index") == 0)
        atomic_store((atomic_int *)ctx, 1);
}

/* One thread gives what many give; a cancel flag set during the run stops it
 * with SY_ECANCELLED; a run on a copy of the knowledge base (kb_clone) leaves
 * the original untouched. */
static void test_threads_cancel_clone(void **state)
{
    struct world *w = *state;
    static struct eng_cand first[MAXS * 20];
    static uint32_t order[MAXS * 20];
    struct err e = {0};
    struct kb *copy = NULL;
    atomic_int stop;
    size_t n, ncodes;

    for (int i = 0; i < 120; i++) {
        uint32_t a = site(w, (i % 40) * 0.5, i % 5 == 0 ? "23.62" : NULL, 10);
        w->s[a].lat = 48 + 0.01 * (i / 40);
        flow(w, a, i % 2 ? FLOW_DEMAND : FLOW_SUPPLY, i % 3 ? "10 01 05" : "15 01 01", 50 + i,
             UNIT_T);
    }
    n = run(w);
    assert_true(n > 100);
    memcpy(first, w->r.cands, n * sizeof *first);
    memcpy(order, w->r.order, n * sizeof *order);
    w->o.threads = 1;
    assert_int_equal(run(w), n);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(first[order[i]].sup_flow, CAND(w, i)->sup_flow);
        assert_int_equal(first[order[i]].other, CAND(w, i)->other);
    }
    atomic_init(&stop, 0);
    w->o.threads = 0;
    w->o.cancel = &stop;
    eng_result_release(&w->r);
    assert_int_equal(
        engine_run(w->kb, w->s, w->ns, w->f, w->nf, &w->o, cancel_on, &stop, &w->r, &e),
        SY_ECANCELLED);
    assert_int_equal(w->r.ncands, 0);
    assert_non_null(strstr(e.msg, "cancelled"));
    w->o.cancel = NULL;
    ncodes = kb_ncodes(w->kb);
    assert_int_equal(kb_clone(w->kb, &copy, &e), 0);
    assert_true(kb_intern(copy, "energy.cold.new") >= 0);
    assert_int_equal(kb_code_find(w->kb, "energy.cold.new"), -1);
    assert_int_equal(kb_ncodes(w->kb), ncodes);
    assert_true(kb_ncodes(copy) > ncodes);
    eng_result_release(&w->r);
    assert_int_equal(engine_run(copy, w->s, w->ns, w->f, w->nf, &w->o, NULL, NULL, &w->r, &e), 0);
    assert_int_equal(w->r.ncands, n);
    kb_free(copy);
}

static void test_bad_options(void **state)
{
    struct world *w = *state;
    struct err e = {0};
    w->o.detour = 0.5;
    assert_int_equal(engine_run(w->kb, w->s, 0, w->f, 0, &w->o, NULL, NULL, &w->r, &e), SY_EUSAGE);
    eng_opts_default(&w->o);
    flow(w, 5, FLOW_SUPPLY, "energy.heat", 1, UNIT_MWH); /* site 5 does not exist */
    assert_int_equal(engine_run(w->kb, w->s, 0, w->f, 1, &w->o, NULL, NULL, &w->r, &e), SY_EUSAGE);
    assert_non_null(strstr(e.msg, "flow 0"));
}

/* A translator for test_translated_explanations: a few templates in French,
 * the others unchanged; counts its calls. */
static int ntranslated;

static const char *fake_fr(const char *msgid)
{
    static const char *const fr[][2] = {
        {"Route %s (%s%s, strength %.2g; ref: %s): ", "Voie %s (%s%s, force %.2g ; réf. : %s) : "},
        {" To confirm: ", " À confirmer : "},
        {"purity (%s)", "pureté (%s)"},
        {"declared supply of %s (%s), %s", "offre déclarée de %s (%s), %s"},
        {"%.6g %s/yr", "%.6g %s/an"},
    };
    ntranslated++;
    for (size_t i = 0; i < sizeof fr / sizeof fr[0]; i++)
        if (strcmp(msgid, fr[i][0]) == 0)
            return fr[i][1];
    return msgid;
}

static void test_translated_explanations(void **state)
{
    struct world *w = *state;
    struct candidate c;
    struct eng_texts tx;
    uint32_t a = site(w, 0, NULL, -1), b = site(w, 1, "23.62", -1);
    flow(w, a, FLOW_SUPPLY, "10 01 05", 5000, UNIT_T)->state = STATE_SOLID;
    flow(w, b, FLOW_DEMAND, "material.mineral.gypsum", 4000, UNIT_T);
    w->o.kinds = ENG_SUBSTITUTION;
    for (int i = 0; i < ENG_TX_N; i++) /* every template has its English */
        assert_true(eng_text_en((enum eng_text)i) && eng_text_en((enum eng_text)i)[0]);
    ntranslated = 0;
    eng_texts_init(&tx, fake_fr, 1);
    assert_int_equal(ntranslated, ENG_TX_N);
    w->o.texts = &tx;
    assert_int_equal(run(w), 1);
    cand(w, 0, &c);
    assert_int_equal(ntranslated, ENG_TX_N); /* once per run, not per candidate */
    assert_non_null(strstr(c.explanation, "Voie R1 (Désulfogypse vers plaques, force 1 ; réf. :"));
    assert_non_null(strstr(c.explanation, "offre déclarée de 10 01 05"));
    assert_non_null(strstr(c.explanation, "5000 t/an"));
    assert_non_null(strstr(c.explanation, "À confirmer : pureté (CaSO4 >= 95 %)"));
    assert_null(strstr(c.explanation, "To confirm"));
    /* Without texts, English; texts without French labels keep the English label. */
    w->o.texts = NULL;
    cand(w, 0, &c);
    assert_non_null(strstr(c.explanation, "Route R1 (FGD gypsum to plasterboard, strength 1;"));
    eng_texts_init(&tx, NULL, 0);
    w->o.texts = &tx;
    cand(w, 0, &c);
    assert_non_null(strstr(c.explanation, "Route R1 (FGD gypsum to plasterboard, strength 1;"));
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_identity_substitution),
        T(test_self_pair_and_distance),
        T(test_quantity_filter),
        T(test_cumulated_coverage),
        T(test_temperature_filter),
        T(test_state_filter),
        T(test_hazardous_permit),
        T(test_months_filter),
        T(test_prospective_nace_and_profile),
        T(test_infer_heat_band_suppressed),
        T(test_mutualisation),
        T(test_score_monotonic),
        T(test_rank_and_cap),
        T(test_determinism_and_fingerprint),
        T(test_threads_cancel_clone),
        T(test_bad_options),
        T(test_index_grid_same),
        T(test_translated_explanations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
