/*
 * test_gen.c - the synthetic territory generator (core/gen.h): the PRNG, the
 * mainland polygon, the NACE mix file and its located errors, determinism for
 * a seed, counts, the bounding box, NACE shares against the mix, town
 * clustering, flow codes against the knowledge base, and the CSV writers.
 * Runs from the repository top (data/ is the knowledge base).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <math.h>
#include <string.h>
#include <cmocka.h>

#include "match_fixture.h"
#include "core/gen.h"

struct fix {
    struct kb *kb;
    struct gen_mix mix;
};

static int setup(void **state)
{
    struct fix *f = calloc(1, sizeof *f);
    struct err e = {0, ""};
    size_t len;
    char *data;

    f->kb = fixture_kb("data", &e);
    if (!f->kb) {
        fprintf(stderr, "%s\n", e.msg);
        return -1;
    }
    data = fixture_read("data/gen/nace_mix.csv", &len);
    if (!data || gen_mix_parse(&f->mix, "nace_mix.csv", data, len, &e)) {
        fprintf(stderr, "nace_mix.csv: %s\n", e.msg);
        free(data);
        return -1;
    }
    free(data);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fix *f = *state;
    gen_mix_release(&f->mix);
    kb_free(f->kb);
    free(f);
    return 0;
}

static void test_rng(void **state)
{
    struct gen_rng a, b, c;
    double sum = 0, sq = 0;
    (void)state;

    gen_rng_seed(&a, 42);
    gen_rng_seed(&b, 42);
    gen_rng_seed(&c, 43);
    for (int i = 0; i < 100; i++) {
        uint64_t x = gen_rng_next(&a);
        assert_int_equal(x, gen_rng_next(&b));
        assert_true(x != gen_rng_next(&c));
    }
    for (int i = 0; i < 100000; i++) {
        double u = gen_rng_unif(&a), z = gen_rng_normal(&b);
        assert_true(u >= 0 && u < 1);
        assert_true(isfinite(z));
        sum += z;
        sq += z * z;
    }
    /* Mean 0 and variance 1 within a wide margin (100000 draws, fixed seed). */
    assert_true(fabs(sum / 100000) < 0.02);
    assert_true(fabs(sq / 100000 - 1) < 0.03);
}

static void test_in_france(void **state)
{
    (void)state;
    assert_true(gen_in_france(48.853, 2.349));  /* Paris */
    assert_true(gen_in_france(45.764, 4.836));  /* Lyon */
    assert_true(gen_in_france(48.390, -4.486)); /* Brest */
    assert_true(gen_in_france(43.296, 5.370));  /* Marseille */
    assert_true(gen_in_france(48.573, 7.752));  /* Strasbourg */
    assert_true(gen_in_france(43.605, 1.444));  /* Toulouse */
    assert_false(gen_in_france(45.5, -3.0));    /* Bay of Biscay */
    assert_false(gen_in_france(42.8, 5.0));     /* Gulf of Lion */
    assert_false(gen_in_france(50.0, -1.0));    /* English Channel */
    assert_false(gen_in_france(46.95, 7.45));   /* Bern */
    assert_false(gen_in_france(40.4, -3.7));    /* Madrid: out of the box */
    assert_false(gen_in_france(NAN, 2.0));
}

static void test_mix_file(void **state)
{
    struct fix *f = *state;
    double sum = 0;

    assert_true(f->mix.n >= 60);
    for (size_t i = 0; i < f->mix.n; i++) {
        assert_true(f->mix.v[i].share >= 0);
        assert_memory_equal(f->mix.v[i].default_class, f->mix.v[i].division, 2);
        sum += f->mix.v[i].share;
    }
    assert_true(fabs(sum - 1) < 1e-9);
}

static void expect_mix_error(const char *text, const char *msg)
{
    struct gen_mix m;
    struct err e = {0, ""};

    assert_int_equal(gen_mix_parse(&m, "mix.csv", text, strlen(text), &e), SY_EINPUT);
    if (!strstr(e.msg, msg))
        fail_msg("message '%s' does not contain '%s'", e.msg, msg);
    assert_null(m.v);
}

static void test_mix_errors(void **state)
{
    struct gen_mix m;
    struct err e = {0, ""};
    const char *ok = "share,nace_division,default_class,reference\n2,20,20.59,x\n6,47,47.11,y\n";
    (void)state;

    assert_int_equal(gen_mix_parse(&m, "mix.csv", ok, strlen(ok), &e), 0);
    assert_int_equal(m.n, 2);
    assert_string_equal(m.v[1].division, "47");
    assert_true(fabs(m.v[1].share - 0.75) < 1e-12);
    gen_mix_release(&m);

    expect_mix_error("", "mix.csv:1:1: empty file");
    expect_mix_error("nace_division,share\n20,1\n", "mix.csv:1:1: missing column default_class");
    expect_mix_error("nace_division,share,default_class\n2,1,02.10\n",
                     "mix.csv:2:1: division '2' is not two digits");
    expect_mix_error("nace_division,share,default_class\n20,-1,20.59\n",
                     "mix.csv:2:4: share '-1' is not a number >= 0");
    expect_mix_error("nace_division,share,default_class\n20,1,21.10\n",
                     "mix.csv:2:6: default class '21.10' is not a NACE class of division 20");
    expect_mix_error("nace_division,share,default_class\n20,0,20.59\n", "the shares sum to 0");
}

static void gen(struct fix *f, size_t n, uint64_t seed, struct gen_world *w)
{
    struct gen_opts o;
    struct err e = {0, ""};

    gen_opts_default(&o);
    o.nsites = n;
    o.seed = seed;
    if (gen_world(f->kb, &f->mix, &o, NULL, NULL, w, &e))
        fail_msg("gen_world: %s", e.msg);
}

static void test_determinism(void **state)
{
    struct fix *f = *state;
    struct gen_world a, b, c;

    gen(f, 5000, 7, &a);
    gen(f, 5000, 7, &b);
    gen(f, 5000, 8, &c);
    assert_int_equal(a.nsites, b.nsites);
    assert_int_equal(a.nflows, b.nflows);
    for (size_t s = 0; s < a.nsites; s++) {
        assert_true(a.sites[s].lat == b.sites[s].lat && a.sites[s].lon == b.sites[s].lon);
        assert_int_equal(a.sites[s].nace, b.sites[s].nace);
        assert_true(a.sites[s].workforce == b.sites[s].workforce);
        assert_string_equal(a.sites[s].id, b.sites[s].id);
    }
    assert_memory_equal(a.flows, b.flows, a.nflows * sizeof *a.flows);
    /* Another seed moves the first establishment. */
    assert_true(a.sites[0].lat != c.sites[0].lat || a.sites[0].lon != c.sites[0].lon);
    gen_world_release(&a);
    gen_world_release(&b);
    gen_world_release(&c);
}

static void test_counts_and_box(void **state)
{
    struct fix *f = *state;
    struct gen_world w;

    gen(f, 20000, 1, &w);
    assert_int_equal(w.nsites, 20000);
    assert_int_equal(w.ntowns, 35000);
    assert_string_equal(w.sites[0].id, "E00000001");
    assert_string_equal(w.sites[19999].id, "E00020000");
    /* About 3 flows wanted; the profiles cap it (see docs/scale.md). */
    assert_true(w.nflows > w.nsites && w.nflows < 4 * w.nsites);
    for (size_t s = 0; s < w.nsites; s++) {
        const struct eng_site *st = &w.sites[s];
        assert_true(st->lat >= GEN_LAT_MIN && st->lat <= GEN_LAT_MAX);
        assert_true(st->lon >= GEN_LON_MIN && st->lon <= GEN_LON_MAX);
        assert_true(gen_in_france(st->lat, st->lon));
        assert_true(st->workforce >= 1 && st->workforce <= 5000);
        assert_true(st->nace >= 0);
        assert_true(w.site_town[s] < w.ntowns);
    }
    for (size_t i = 1; i < w.nflows; i++)
        assert_true(w.flows[i].site >= w.flows[i - 1].site);
    gen_world_release(&w);
}

static void test_nace_shares(void **state)
{
    struct fix *f = *state;
    struct gen_world w;
    size_t n = 50000;

    gen(f, n, 3, &w);
    for (size_t i = 0; i < f->mix.n; i++) {
        double p = f->mix.v[i].share, sd = sqrt(p * (1 - p) / (double)n), got;
        size_t k = 0;
        for (size_t s = 0; s < w.nsites; s++)
            k += memcmp(kb_nace_str(f->kb, w.sites[s].nace), f->mix.v[i].division, 2) == 0;
        got = (double)k / (double)n;
        if (fabs(got - p) > 5 * sd + 1e-4)
            fail_msg("division %s: %.4f of establishments, mix says %.4f", f->mix.v[i].division,
                     got, p);
    }
    gen_world_release(&w);
}

static void test_towns(void **state)
{
    struct fix *f = *state;
    struct gen_world w;
    double total = 0, got;
    size_t k = 0;

    gen(f, 50000, 4, &w);
    for (size_t t = 0; t < w.ntowns; t++) {
        total += w.towns[t].pop;
        assert_true(w.towns[t].sigma_km >= 2 && w.towns[t].sigma_km <= 5);
        assert_true(gen_in_france(w.towns[t].lat, w.towns[t].lon));
    }
    assert_true(w.towns[0].pop > w.towns[1].pop && w.towns[1].pop > w.towns[100].pop);
    /* The largest town gets its population's share of establishments. */
    for (size_t s = 0; s < w.nsites; s++)
        k += w.site_town[s] == 0;
    got = (double)k / (double)w.nsites;
    assert_true(fabs(got - w.towns[0].pop / total) < 0.01);
    gen_world_release(&w);
}

static void test_flow_codes(void **state)
{
    struct fix *f = *state;
    struct gen_world w;
    size_t present = 0;

    gen(f, 20000, 5, &w);
    for (size_t i = 0; i < w.nflows; i++) {
        const struct eng_flow *fl = &w.flows[i];
        const struct kb_profile *p;
        size_t np = kb_profiles_for(f->kb, w.sites[fl->site].nace, &p), k;
        assert_true(fl->code >= 0 && (size_t)fl->code < kb_ncodes(f->kb));
        assert_int_equal(kb_code_find(f->kb, kb_code_str(f->kb, fl->code)), fl->code);
        for (k = 0; k < np; k++)
            if (p[k].code == fl->code && (uint8_t)p[k].dir == fl->dir)
                break;
        assert_true(k < np); /* every flow comes from its site's profile */
        if (p[k].intensity >= 0)
            assert_true(fabs(fl->qty_year - p[k].intensity * w.sites[fl->site].workforce) < 1e-6);
        else
            present++, assert_true(fl->qty_year < 0);
        assert_int_equal(fl->inferred, 0);
    }
    assert_true(present > 0);
    gen_world_release(&w);
}

static size_t count_lines(FILE *f)
{
    size_t n = 0;
    int ch;
    rewind(f);
    while ((ch = fgetc(f)) != EOF)
        n += ch == '\n';
    return n;
}

static void test_writers(void **state)
{
    struct fix *f = *state;
    struct gen_world w;
    struct err e = {0, ""};
    FILE *a = tmpfile(), *fl = tmpfile();
    char line[1024];

    gen(f, 300, 9, &w);
    assert_non_null(a);
    assert_non_null(fl);
    assert_int_equal(gen_write_actors(&w, f->kb, a, &e), 0);
    assert_int_equal(gen_write_flows(&w, f->kb, fl, &e), 0);
    assert_int_equal(count_lines(a), w.nsites + 1);
    assert_int_equal(count_lines(fl), w.nflows + 1);
    rewind(a);
    assert_non_null(fgets(line, sizeof line, a));
    assert_string_equal(line, "id,name,siret,naf,kind,territory,address,commune,lat,lon,"
                              "workforce\n");
    assert_non_null(fgets(line, sizeof line, a));
    assert_memory_equal(line, "E00000001,Synthetic establishment 1 (", 37);
    rewind(fl);
    assert_non_null(fgets(line, sizeof line, fl));
    assert_string_equal(line, "id,actor_id,direction,code,description,quantity,unit,period,"
                              "state,confidentiality\n");
    assert_non_null(fgets(line, sizeof line, fl));
    assert_memory_equal(line, "F00000001,E", 11);
    fclose(a);
    fclose(fl);
    gen_world_release(&w);
}

static void test_bad_options(void **state)
{
    struct fix *f = *state;
    struct gen_opts o;
    struct gen_world w;
    struct err e = {0, ""};
    struct gen_mix empty = {NULL, 0};

    gen_opts_default(&o);
    o.nsites = 0;
    assert_int_equal(gen_world(f->kb, &f->mix, &o, NULL, NULL, &w, &e), SY_EUSAGE);
    assert_non_null(strstr(e.msg, "generator options out of range"));
    gen_opts_default(&o);
    assert_int_equal(gen_world(f->kb, &empty, &o, NULL, NULL, &w, &e), SY_EUSAGE);
    assert_null(w.sites);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rng), cmocka_unit_test(test_in_france),
        T(test_mix_file),           cmocka_unit_test(test_mix_errors),
        T(test_determinism),        T(test_counts_and_box),
        T(test_nace_shares),        T(test_towns),
        T(test_flow_codes),         T(test_writers),
        T(test_bad_options),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
