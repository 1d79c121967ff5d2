/*
 * test_mutual.c - mutualisation groups on a few hundred random flows against
 * a brute-force implementation of the documented leader clustering (the same
 * groups, members in the same order), one flow per site, the minimum and
 * maximum group sizes, the radius, and determinism.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <math.h>
#include <string.h>
#include <cmocka.h>

#include "match_fixture.h"
#include "match/engine.h"
#include "geo/geo.h"

#define NS 260
#define NF 420

struct world {
    struct kb *kb;
    struct eng_site s[NS];
    struct eng_flow f[NF];
    char ids[NS][16];
    size_t ns, nf;
    struct eng_opts o;
    struct eng_result r;
};

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static double rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (double)(rng >> 11) / 9007199254740992.0;
}

static int setup(void **state)
{
    struct world *w = calloc(1, sizeof *w);
    struct err e = {0};
    w->kb = fixture_kb("tests/data/match", &e);
    if (!w->kb) {
        fprintf(stderr, "%s\n", e.msg);
        free(w);
        return -1;
    }
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

/* ns sites around a few towns near (48, 7), nf flows of two codes in both
 * directions; some sites have two flows of the same code and direction, some
 * share a position. */
static void make_world(struct world *w, size_t ns, size_t nf)
{
    int32_t codes[2] = {kb_intern(w->kb, "15 01 01"), kb_intern(w->kb, "energy.heat.lt")};
    w->ns = ns;
    w->nf = nf;
    for (size_t i = 0; i < ns; i++) {
        struct eng_site *s = &w->s[i];
        double t = (double)(i % 3);
        snprintf(w->ids[i], sizeof w->ids[0], "S%zu", i);
        s->id = s->name = w->ids[i];
        s->lat = 48 + 0.05 * t + 0.06 * (rnd() - 0.5) * (i % 4 == 0 ? 4 : 1);
        s->lon = 7 + 0.08 * t + 0.08 * (rnd() - 0.5) * (i % 4 == 0 ? 4 : 1);
        if (i % 41 == 7) {
            s->lat = w->s[i - 1].lat;
            s->lon = w->s[i - 1].lon;
        }
        s->nace = -1;
        s->workforce = -1;
    }
    for (size_t i = 0; i < nf; i++) {
        struct eng_flow *f = &w->f[i];
        memset(f, 0, sizeof *f);
        f->site = (uint32_t)(rnd() * (double)ns);
        f->code = codes[rnd() < 0.7 ? 0 : 1];
        f->dir = rnd() < 0.6 ? FLOW_SUPPLY : FLOW_DEMAND;
        if (i % 9 == 4 && i > 0) { /* a second flow of the same key at a site */
            f->site = w->f[i - 1].site;
            f->code = w->f[i - 1].code;
            f->dir = w->f[i - 1].dir;
        }
        f->qty_year = rnd() < 0.5 ? 10 * rnd() : -1;
        f->unit = f->code == codes[0] ? UNIT_T : UNIT_MWH;
        f->months = MONTHS_ALL;
    }
}

static void run(struct world *w)
{
    struct err e = {0};
    eng_result_release(&w->r);
    assert_int_equal(engine_run(w->kb, w->s, w->ns, w->f, w->nf, &w->o, NULL, NULL, &w->r, &e), 0);
}

/* The brute-force clustering: the groups' members, seed first, -1 between
 * groups, into out; returns the length. */
static size_t brute(const struct world *w, int32_t *out)
{
    const struct eng_opts *o = &w->o;
    size_t len = 0;
    uint8_t taken[NF] = {0};
    size_t ncodes = kb_ncodes(w->kb);

    for (size_t key = 0; key < 2 * ncodes; key++) {
        /* The key's sites: their first flow; counts of other sites in range. */
        uint32_t first[NS], cnt[NS], order[NF], no = 0;
        for (size_t s = 0; s < w->ns; s++)
            first[s] = UINT32_MAX;
        for (size_t f = 0; f < w->nf; f++)
            if (2 * (size_t)w->f[f].code + w->f[f].dir == key && first[w->f[f].site] == UINT32_MAX)
                first[w->f[f].site] = (uint32_t)f;
        for (size_t s = 0; s < w->ns; s++) {
            cnt[s] = 0;
            for (size_t t = 0; t < w->ns && first[s] != UINT32_MAX; t++)
                if (t != s && first[t] != UINT32_MAX &&
                    geo_haversine_km(w->s[s].lat, w->s[s].lon, w->s[t].lat, w->s[t].lon) <=
                        o->mutual_radius_km)
                    cnt[s] += cnt[s] < (uint32_t)o->mutual_max_group;
        }
        /* Seeds: by count, then flow. */
        for (size_t c = (size_t)o->mutual_max_group + 1; c-- > 0;)
            for (size_t f = 0; f < w->nf; f++)
                if (2 * (size_t)w->f[f].code + w->f[f].dir == key && cnt[w->f[f].site] == c)
                    order[no++] = (uint32_t)f;
        for (uint32_t i = 0; i < no; i++) {
            uint32_t f = order[i], s = w->f[f].site, n = 0, best[NS];
            double bd[NS];
            if (taken[f] || cnt[s] + 1 < (uint32_t)o->mutual_min_group)
                continue;
            /* Nearest other sites with a free flow: distance, then first flow. */
            for (size_t t = 0; t < w->ns; t++) {
                double d;
                int free_flow = 0;
                if (t == s || first[t] == UINT32_MAX)
                    continue;
                for (size_t g = 0; g < w->nf; g++)
                    free_flow |= w->f[g].site == t &&
                                 2 * (size_t)w->f[g].code + w->f[g].dir == key && !taken[g];
                d = geo_haversine_km(w->s[s].lat, w->s[s].lon, w->s[t].lat, w->s[t].lon);
                if (!free_flow || d > o->mutual_radius_km)
                    continue;
                /* Insertion by (d, first flow). */
                {
                    uint32_t j = n++;
                    while (j > 0 &&
                           (bd[j - 1] > d || (bd[j - 1] == d && first[best[j - 1]] > first[t]))) {
                        bd[j] = bd[j - 1];
                        best[j] = best[j - 1];
                        j--;
                    }
                    bd[j] = d;
                    best[j] = (uint32_t)t;
                }
            }
            if (n > (uint32_t)o->mutual_max_group - 1)
                n = (uint32_t)o->mutual_max_group - 1;
            if (n + 1 < (uint32_t)o->mutual_min_group)
                continue;
            taken[f] = 1;
            out[len++] = (int32_t)f;
            for (uint32_t j = 0; j < n; j++)
                for (size_t g = 0; g < w->nf; g++)
                    if (w->f[g].site == best[j] && 2 * (size_t)w->f[g].code + w->f[g].dir == key &&
                        !taken[g]) {
                        taken[g] = 1;
                        out[len++] = (int32_t)g;
                        break;
                    }
            out[len++] = -1;
        }
    }
    return len;
}

static void check_groups(const struct world *w)
{
    const struct eng_result *r = &w->r;
    size_t ncand = 0;
    for (size_t gi = 0; gi < r->ngroups; gi++) {
        const struct eng_group *g = &r->groups[gi];
        const uint32_t *m = r->members + g->first;
        assert_true(g->n >= (uint32_t)w->o.mutual_min_group);
        assert_true(g->n <= (uint32_t)w->o.mutual_max_group);
        for (uint32_t a = 0; a < g->n; a++) {
            const struct eng_flow *fa = &r->flows[m[a]];
            assert_int_equal(fa->code, g->code);
            assert_int_equal(fa->dir, g->dir);
            assert_true(geo_haversine_km(w->s[fa->site].lat, w->s[fa->site].lon,
                                         w->s[r->flows[m[0]].site].lat,
                                         w->s[r->flows[m[0]].site].lon) <= w->o.mutual_radius_km);
            for (uint32_t b = 0; b < a; b++)
                assert_int_not_equal(fa->site, r->flows[m[b]].site); /* one flow per site */
        }
        ncand += g->n;
    }
    for (size_t i = 0; i < r->ncands; i++)
        assert_int_equal(r->cands[i].kind, CAND_MUTUALISATION);
    assert_int_equal(r->ncands, ncand);
}

static void test_vs_brute(void **state)
{
    struct world *w = *state;
    static int32_t want[4 * NF];
    struct {
        double radius;
        int min, max;
    } p[4] = {{3, 3, 6}, {2, 2, 4}, {5, 3, 30}, {1.5, 3, 5}};
    size_t total = 0;

    for (int t = 0; t < 8; t++) {
        size_t len, k = 0;
        make_world(w, NS - 40 * (size_t)(t % 3), NF - 60 * (size_t)(t % 2));
        eng_opts_default(&w->o);
        w->o.kinds = ENG_MUTUALISATION;
        w->o.infer = 0;
        w->o.mutual_radius_km = p[t % 4].radius;
        w->o.mutual_min_group = p[t % 4].min;
        w->o.mutual_max_group = p[t % 4].max;
        run(w);
        check_groups(w);
        len = brute(w, want);
        for (size_t gi = 0; gi < w->r.ngroups; gi++) {
            const struct eng_group *g = &w->r.groups[gi];
            for (uint32_t j = 0; j < g->n; j++) {
                assert_true(k < len);
                assert_int_equal(w->r.members[g->first + j], want[k]);
                k++;
            }
            assert_true(k < len);
            assert_int_equal(want[k], -1);
            k++;
        }
        assert_int_equal(k, len);
        total += w->r.ngroups;
    }
    assert_true(total > 40); /* the worlds do make groups */
}

static void test_sizes_and_determinism(void **state)
{
    struct world *w = *state;
    struct eng_result first;
    int big = 0;

    make_world(w, NS, NF);
    eng_opts_default(&w->o);
    w->o.kinds = ENG_MUTUALISATION;
    w->o.infer = 0;
    w->o.mutual_radius_km = 8;
    w->o.mutual_min_group = 4;
    w->o.mutual_max_group = 7;
    run(w);
    check_groups(w);
    for (size_t gi = 0; gi < w->r.ngroups; gi++)
        big += w->r.groups[gi].n == 7;
    assert_true(big > 0); /* the maximum is reached, and kept */
    first = w->r;
    memset(&w->r, 0, sizeof w->r);
    run(w);
    assert_int_equal(w->r.ngroups, first.ngroups);
    assert_int_equal(w->r.nmembers, first.nmembers);
    assert_int_equal(w->r.ncands, first.ncands);
    assert_memory_equal(w->r.members, first.members, first.nmembers * sizeof *first.members);
    assert_memory_equal(w->r.cands, first.cands, first.ncands * sizeof *first.cands);
    for (size_t gi = 0; gi < first.ngroups; gi++) {
        assert_true(w->r.groups[gi].lat == first.groups[gi].lat);
        assert_true(w->r.groups[gi].score == first.groups[gi].score);
    }
    eng_result_release(&first);
    /* A minimum above what any place holds: no group. */
    w->o.mutual_radius_km = 0.01;
    w->o.mutual_min_group = 3;
    w->o.mutual_max_group = 3;
    run(w);
    for (size_t gi = 0; gi < w->r.ngroups; gi++) /* only co-located sites remain */
        assert_true(w->r.groups[gi].n == 3);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_vs_brute),
        T(test_sizes_and_determinism),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
