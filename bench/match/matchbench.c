/*
 * matchbench.c - the scale benchmark: generates a synthetic territory in memory
 * (core/gen.h), then times (1) a plain radius join of supplies to compatible
 * demands on per-code uniform grids, with exactly the semantics of the PostGIS
 * query in bench/match/run, and (2) a full engine_run with default options.
 *
 * usage: matchbench --kb DIR [--low FILE] -n N [--seed S] [--dump DIR]
 *                   [--no-join] [--no-engine] [--kinds MASK]
 *                   [--knn CELL_KM [--knn-every M]] [--index kdtree|grid]
 * Prints "key value" lines on stdout (read by bench/match/run). --dump writes
 * sites.csv, supplies.csv, demands.csv and compat.csv for PostgreSQL's COPY.
 * --kinds limits engine_run to some kinds (enum eng_kinds: 1 substitution,
 * 2 mutualisation, 4 prospective). Engine phase start times go to stderr.
 * --knn compares the two spatial indexes on detection's question (see
 * knn_compare; with --no-join --no-engine it runs alone).
 *
 * The join: for every supply flow s and demand flow d of another site, count
 * the pair when (code(s), code(d)) is compatible - the same code, or a route
 * of data/routes.csv whose supply is code(s) or an ancestor and whose demand
 * is code(d) or an ancestor - and the great-circle distance (sphere, R =
 * 6371.0088 km) is at most the resource's maximum road distance divided by
 * the detour factor (what the engine uses as straight-line radius).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "core/gen.h"
#include "core/match_run.h"
#include "geo/geo.h"
#include "geo/grid.h"
#include "geo/kdtree.h"
#include "match/engine.h"
#include "match/kb.h"

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static long peak_rss_kb(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

/* Phase timings on stderr: when each engine phase starts. */
static void phase_cb(void *ctx, const char *phase, double done)
{
    static const char *last;
    double *t0 = ctx;
    if (phase != last)
        fprintf(stderr, "  %8.1f ms  %s\n", now_ms() - *t0, phase);
    last = phase;
    (void)done;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *s;
    long n;

    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    s = malloc((size_t)n + 1);
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
        free(s);
        s = NULL;
    }
    fclose(f);
    if (s)
        s[n] = 0;
    *len = (size_t)n;
    return s;
}

/* Compatible demand codes of each supply code (CSR over codes), with radius. */
struct compat {
    uint32_t *off; /* [ncodes + 1] */
    int32_t *dcode;
    double *radius_km; /* straight-line radius of each supply code */
    size_t n;
};

static int compat_build(const struct kb *kb, const struct gen_world *w, double detour,
                        double default_max_km, struct compat *c)
{
    size_t nc = kb_ncodes(kb), cap = 1024;
    uint8_t *sup = calloc(nc, 1), *dem = calloc(nc, 1);

    c->off = calloc(nc + 1, sizeof *c->off);
    c->radius_km = calloc(nc, sizeof *c->radius_km);
    c->dcode = malloc(cap * sizeof *c->dcode);
    c->n = 0;
    if (!sup || !dem || !c->off || !c->radius_km || !c->dcode)
        return -1;
    for (size_t i = 0; i < w->nflows; i++)
        (w->flows[i].dir == FLOW_SUPPLY ? sup : dem)[w->flows[i].code] = 1;
    for (size_t a = 0; a < nc; a++) {
        c->off[a] = (uint32_t)c->n;
        if (!sup[a])
            continue;
        {
            const struct kb_params *p = kb_params_for(kb, (int32_t)a);
            c->radius_km[a] = (p ? p->max_distance_km : default_max_km) / detour;
        }
        for (size_t b = 0; b < nc; b++) {
            int ok = 0;
            if (!dem[b])
                continue;
            ok = a == b;
            for (size_t r = 0; r < kb_nroutes(kb) && !ok; r++) {
                const struct kb_route *rt = kb_route(kb, r);
                ok = rt->demand >= 0 && kb_code_under(kb, rt->supply, (int32_t)a) &&
                     kb_code_under(kb, rt->demand, (int32_t)b);
            }
            if (!ok)
                continue;
            if (c->n == cap) {
                cap *= 2;
                c->dcode = realloc(c->dcode, cap * sizeof *c->dcode);
                if (!c->dcode)
                    return -1;
            }
            c->dcode[c->n++] = (int32_t)b;
        }
    }
    c->off[nc] = (uint32_t)c->n;
    free(sup);
    free(dem);
    return 0;
}

struct hitctx {
    uint32_t site;
    uint64_t n;
};

/* The grids' ids are site indices: a hit costs no lookup. */
static int on_hit(void *ctx, uint32_t site, double d)
{
    struct hitctx *h = ctx;
    (void)d;
    h->n += site != h->site;
    return 0;
}

/* Site positions, and the sites of the demand flows by code (CSR: off has
 * nc + 2 zeroed entries, code k's sites are dem[off[k] .. off[k + 1])). */
static void demand_sites(const struct gen_world *w, size_t nc, double *lat, double *lon,
                         uint32_t *off, uint32_t *dem)
{
    for (size_t s = 0; s < w->nsites; s++) {
        lat[s] = w->sites[s].lat;
        lon[s] = w->sites[s].lon;
    }
    for (size_t i = 0; i < w->nflows; i++)
        if (w->flows[i].dir == FLOW_DEMAND)
            off[w->flows[i].code + 2]++;
    for (size_t k = 0; k < nc; k++)
        off[k + 2] += off[k + 1];
    for (size_t i = 0; i < w->nflows; i++)
        if (w->flows[i].dir == FLOW_DEMAND)
            dem[off[w->flows[i].code + 1]++] = w->flows[i].site;
}

/* The radius join; returns the pair count, or UINT64_MAX when out of memory. */
static uint64_t join(const struct kb *kb, const struct gen_world *w, const struct compat *c,
                     double *build_ms, struct err *e)
{
    size_t nc = kb_ncodes(kb), nf = w->nflows, ns = w->nsites;
    uint32_t *off = calloc(nc + 2, sizeof *off), *dem = malloc((nf ? nf : 1) * sizeof *dem);
    double *lat = malloc((ns ? ns : 1) * sizeof *lat), *lon = malloc((ns ? ns : 1) * sizeof *lon);
    struct grid **g = calloc(nc, sizeof *g);
    struct hitctx h = {0, 0};
    uint64_t total = UINT64_MAX;
    double t0 = now_ms();

    if (!off || !dem || !lat || !lon || !g)
        goto out;
    demand_sites(w, nc, lat, lon, off, dem);
    for (size_t k = 0; k < nc; k++)
        if (off[k + 1] > off[k] &&
            grid_build(&g[k], lat, lon, dem + off[k], off[k + 1] - off[k], 10.0, e))
            goto out;
    *build_ms = now_ms() - t0;
    for (size_t i = 0; i < nf; i++) {
        const struct eng_flow *s = &w->flows[i];
        if (s->dir != FLOW_SUPPLY)
            continue;
        h.site = s->site;
        for (uint32_t k = c->off[s->code]; k < c->off[s->code + 1]; k++)
            grid_query(g[c->dcode[k]], lat[s->site], lon[s->site], 0, c->radius_km[s->code], on_hit,
                       &h);
    }
    total = h.n;
out:
    if (g)
        for (size_t k = 0; k < nc; k++)
            grid_free(g[k]);
    free(g);
    free(off);
    free(dem);
    free(lat);
    free(lon);
    return total;
}

/* The index comparison (--knn CELL_KM): the question detection asks, "the
 * KNN_K nearest demands of a compatible code within the resource's radius",
 * for every --knn-every'th supply flow and each compatible code, answered by
 * a k-d tree per code (kdtree_knn, what the engine uses) and by a uniform
 * grid per code (grid_nearest, cell_km as hint). Prints the query count, both
 * times (builds apart) and the number of queries whose k-th distance differs
 * by more than 1 m (0 expected). */
#define KNN_K 16

static int knn_compare(const struct kb *kb, const struct gen_world *w, const struct compat *c,
                       double cell_km, size_t every, struct err *e)
{
    size_t nc = kb_ncodes(kb), nf = w->nflows, ns = w->nsites, nq = 0, bad = 0, ki = 0;
    uint32_t *off = calloc(nc + 2, sizeof *off), *dem = malloc((nf ? nf : 1) * sizeof *dem);
    double *lat = malloc((ns ? ns : 1) * sizeof *lat), *lon = malloc((ns ? ns : 1) * sizeof *lon);
    struct grid **g = calloc(nc, sizeof *g);
    struct kdtree **t = calloc(nc, sizeof *t);
    double *kth = NULL, t0, kd_ms, grid_ms, kd_build, grid_build_ms;
    struct kdtree_near near[KNN_K];
    struct grid_hit hit[KNN_K];
    int rc = -1;

    if (!off || !dem || !lat || !lon || !g || !t)
        goto out;
    demand_sites(w, nc, lat, lon, off, dem);
    t0 = now_ms();
    for (size_t k = 0; k < nc; k++)
        if (off[k + 1] > off[k] &&
            kdtree_build(&t[k], lat, lon, dem + off[k], off[k + 1] - off[k], e))
            goto out;
    kd_build = now_ms() - t0;
    t0 = now_ms();
    for (size_t k = 0; k < nc; k++)
        if (off[k + 1] > off[k] &&
            grid_build(&g[k], lat, lon, dem + off[k], off[k + 1] - off[k], cell_km, e))
            goto out;
    grid_build_ms = now_ms() - t0;
    for (size_t i = 0; i < nf; i += every)
        if (w->flows[i].dir == FLOW_SUPPLY)
            nq += c->off[w->flows[i].code + 1] - c->off[w->flows[i].code];
    if (!(kth = malloc((nq ? nq : 1) * sizeof *kth)))
        goto out;
    t0 = now_ms();
    for (size_t i = 0; i < nf; i += every) {
        const struct eng_flow *s = &w->flows[i];
        struct kdtree_q q;
        if (s->dir != FLOW_SUPPLY)
            continue;
        kdtree_q_centre(&q, lat[s->site], lon[s->site]);
        kdtree_q_ring(&q, 0, c->radius_km[s->code]);
        for (uint32_t k = c->off[s->code]; k < c->off[s->code + 1]; k++) {
            size_t n = kdtree_knn(t[c->dcode[k]], &q, KNN_K, near);
            /* As detection does: points a chord margin beyond the radius out. */
            while (n > 0 && kdtree_chord_km(near[n - 1].c2) > c->radius_km[s->code])
                n--;
            kth[ki++] = n ? kdtree_chord_km(near[n - 1].c2) : -1;
        }
    }
    kd_ms = now_ms() - t0;
    ki = 0;
    t0 = now_ms();
    for (size_t i = 0; i < nf; i += every) {
        const struct eng_flow *s = &w->flows[i];
        if (s->dir != FLOW_SUPPLY)
            continue;
        for (uint32_t k = c->off[s->code]; k < c->off[s->code + 1]; k++) {
            size_t n = grid_nearest(g[c->dcode[k]], lat[s->site], lon[s->site], 0,
                                    c->radius_km[s->code], KNN_K, NULL, NULL, NULL, hit);
            double d = n ? hit[n - 1].dist_km : -1;
            bad += fabs(d - kth[ki++]) > 0.001;
        }
    }
    grid_ms = now_ms() - t0;
    printf("knn_queries %zu\nknn_k %d\nknn_cell_km %.3g\nknn_kdtree_build_ms %.1f\n"
           "knn_grid_build_ms %.1f\nknn_kdtree_ms %.1f\nknn_grid_ms %.1f\nknn_ratio %.2f\n"
           "knn_mismatch %zu\n",
           nq, KNN_K, cell_km, kd_build, grid_build_ms, kd_ms, grid_ms, grid_ms / kd_ms, bad);
    rc = 0;
out:
    for (size_t k = 0; g && t && k < nc; k++) {
        grid_free(g[k]);
        kdtree_free(t[k]);
    }
    free(g);
    free(t);
    free(off);
    free(dem);
    free(lat);
    free(lon);
    free(kth);
    return rc;
}

static int dump(const char *dir, const struct kb *kb, const struct gen_world *w,
                const struct compat *c)
{
    char path[4096];
    FILE *f[4];
    const char *names[4] = {"sites.csv", "supplies.csv", "demands.csv", "compat.csv"};

    for (int k = 0; k < 4; k++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[k]);
        if (!(f[k] = fopen(path, "w"))) {
            fprintf(stderr, "matchbench: cannot create %s: %s\n", path, strerror(errno));
            return -1;
        }
    }
    for (size_t s = 0; s < w->nsites; s++)
        fprintf(f[0], "%zu,%.17g,%.17g\n", s, w->sites[s].lat, w->sites[s].lon);
    for (size_t i = 0; i < w->nflows; i++)
        fprintf(f[w->flows[i].dir == FLOW_SUPPLY ? 1 : 2], "%zu,%u,%d\n", i, w->flows[i].site,
                w->flows[i].code);
    for (size_t a = 0; a < kb_ncodes(kb); a++)
        for (uint32_t k = c->off[a]; k < c->off[a + 1]; k++)
            /* Metres, exact (%.17g), as the coordinates: both sides see the same numbers. */
            fprintf(f[3], "%zu,%d,%.17g\n", a, c->dcode[k], c->radius_km[a] * 1000.0);
    for (int k = 0; k < 4; k++)
        if (fclose(f[k]))
            return -1;
    return 0;
}

static void usage(void)
{
    fputs("usage: matchbench --kb DIR [--low FILE] -n N [--seed S] [--dump DIR] [--no-join] "
          "[--no-engine] [--kinds MASK] [--knn CELL_KM [--knn-every M]] [--index kdtree|grid]\n",
          stderr);
    exit(1);
}

int main(int argc, char **argv)
{
    const char *kb_dir = NULL, *low = NULL, *dump_dir = NULL;
    struct gen_opts go;
    struct gen_mix mix;
    struct gen_world w;
    struct kb *kb = NULL;
    struct err e = {0, ""};
    struct eng_opts eo;
    struct compat c = {NULL, NULL, NULL, 0};
    char path[4096], *data;
    size_t len;
    int do_join = 1, do_engine = 1;
    unsigned kinds = ENG_ALL;
    int grid_index = 0;
    double knn_cell = 0;
    size_t knn_every = 1;
    double t0;

    gen_opts_default(&go);
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--kb") == 0 && i + 1 < argc)
            kb_dir = argv[++i];
        else if (strcmp(argv[i], "--low") == 0 && i + 1 < argc)
            low = argv[++i];
        else if (strcmp(argv[i], "-n") == 0 && i + 1 < argc)
            go.nsites = strtoull(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
            go.seed = strtoull(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--dump") == 0 && i + 1 < argc)
            dump_dir = argv[++i];
        else if (strcmp(argv[i], "--no-join") == 0)
            do_join = 0;
        else if (strcmp(argv[i], "--knn") == 0 && i + 1 < argc)
            knn_cell = strtod(argv[++i], NULL);
        else if (strcmp(argv[i], "--knn-every") == 0 && i + 1 < argc)
            knn_every = strtoull(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--index") == 0 && i + 1 < argc)
            grid_index = strcmp(argv[++i], "grid") == 0;
        else if (strcmp(argv[i], "--kinds") == 0 && i + 1 < argc)
            kinds = (unsigned)strtoul(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--no-engine") == 0)
            do_engine = 0;
        else
            usage();
    }
    if (!kb_dir)
        usage();
    eng_opts_default(&eo);
    eo.kinds = kinds;
    eo.index = grid_index ? ENG_INDEX_GRID : ENG_INDEX_KDTREE;
    if (match_kb_load(kb_dir, &kb, &e))
        goto fail;
    snprintf(path, sizeof path, "%s/gen/nace_mix.csv", kb_dir);
    if (!(data = slurp(path, &len))) {
        fprintf(stderr, "matchbench: cannot read %s\n", path);
        return 1;
    }
    if (gen_mix_parse(&mix, path, data, len, &e))
        goto fail;
    free(data);
    if (low) {
        if (!(data = slurp(low, &len))) {
            fprintf(stderr, "matchbench: cannot read %s\n", low);
            return 1;
        }
        if (gen_kb_hazards(kb, low, data, len, &e))
            goto fail;
        free(data);
    }

    t0 = now_ms();
    if (gen_world(kb, &mix, &go, NULL, NULL, &w, &e))
        goto fail;
    printf("establishments %zu\nflows %zu\ngen_ms %.1f\n", w.nsites, w.nflows, now_ms() - t0);
    fflush(stdout);

    if (do_join || dump_dir || knn_cell > 0) {
        t0 = now_ms();
        if (compat_build(kb, &w, eo.detour, eo.default_max_km, &c)) {
            fprintf(stderr, "matchbench: out of memory\n");
            return 1;
        }
        printf("compat_pairs %zu\ncompat_ms %.1f\n", c.n, now_ms() - t0);
    }
    if (dump_dir && dump(dump_dir, kb, &w, &c))
        return 1;
    if (knn_cell > 0 && knn_compare(kb, &w, &c, knn_cell, knn_every ? knn_every : 1, &e))
        goto fail;
    if (do_join) {
        double build_ms = 0;
        uint64_t n;
        t0 = now_ms();
        n = join(kb, &w, &c, &build_ms, &e);
        if (n == UINT64_MAX)
            goto fail;
        printf("join_pairs %llu\njoin_ms %.1f\njoin_build_ms %.1f\n", (unsigned long long)n,
               now_ms() - t0, build_ms);
        fflush(stdout);
    }
    if (do_engine) {
        struct eng_result r;
        t0 = now_ms();
        if (engine_run(kb, w.sites, w.nsites, w.flows, w.nflows, &eo, phase_cb, &t0, &r, &e))
            goto fail;
        printf("engine_ms %.1f\nengine_flows %zu\ncandidates %zu\ngroups %zu\n", now_ms() - t0,
               r.nflows, r.ncands, r.ngroups);
        eng_result_release(&r);
    }
    printf("peak_rss_mb %.1f\n", (double)peak_rss_kb() / 1024.0);
    if (do_join || dump_dir || knn_cell > 0) {
        free(c.off);
        free(c.dcode);
        free(c.radius_km);
    }
    gen_world_release(&w);
    gen_mix_release(&mix);
    kb_free(kb);
    return 0;
fail:
    fprintf(stderr, "matchbench: %s\n", e.msg);
    return 1;
}
