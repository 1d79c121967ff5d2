/*
 * mutual.c - mutualisation groups: three or more sites within a radius that
 * share the same need or the same output stream (same direction and code).
 *
 * Leader clustering per key (code, direction) on a uniform grid (geo/grid.h)
 * of the key's sites: every site counts the other sites within the radius
 * (capped at the maximum group size); the densest flows become seeds first
 * (ties by flow index); a seed takes the nearest free flow of each of the
 * nearest other sites (distance, ties by the site's first flow of the key) up
 * to the maximum size, and the group stands if it has the minimum size; its
 * flows leave the pool, and a site leaves the grid when it has no free flow
 * of the key left. Each group is reported with its centroid and its pooled
 * quantity against the minimum economic lot of the resource.
 *
 * Cost: per key, a sort of its flows by a fixed spatial order of the sites
 * (arrays read together are near in memory), one grid build, capped counts
 * (runs of cells well inside the radius counted whole, a dense run of cells
 * settled by one query) and one nearest-first search per seed that stops as
 * soon as the group is full; no O(n^2). Keys are shared out among threads,
 * each with its own grid and buffers, and their results are placed in key
 * order: the same groups and candidates whatever the number of threads.
 */
#include "match/engine_int.h"
#include "geo/geo.h"
#include "geo/grid.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

/* A member of the group being formed: a flow and its site's position. */
struct near {
    uint32_t flow;
    double lat, lon;
};

struct mctx {
    uint32_t self;   /* the seed's site, as a grid point: never its own neighbour */
    double lat, lon; /* the seed's position */
    struct near *buf;
    size_t nbuf;
};

static int not_self(void *ctx, uint32_t id, double d)
{
    const struct mctx *m = ctx;
    (void)d;
    return id != m->self;
}

static int add_group(struct eng_ctx *x, struct mctx *m, uint32_t seed, uint8_t *taken, size_t *capg,
                     size_t *capm)
{
    struct eng_result *r = x->res;
    const struct eng_opts *o = x->o;
    struct eng_group *g;
    const struct kb_params *p;
    uint32_t n = 1;
    double la[256], lo[256], dc[256]; /* positions, distances to the centroid */
    size_t want = (size_t)o->mutual_max_group;
    double conf = 0, spread = 0;

    if (want > 256)
        want = 256;
    /* The buffer holds one flow per site, nearest first. */
    la[0] = m->lat;
    lo[0] = m->lon;
    for (size_t i = 0; i < m->nbuf && n < want; i++) {
        if (r->nmembers + n + 1 > *capm) {
            size_t nc = *capm ? 2 * *capm : 1024;
            uint32_t *v = realloc(r->members, nc * sizeof *v);
            if (!v)
                return SY_ENOMEM;
            r->members = v;
            *capm = nc;
        }
        r->members[r->nmembers + n] = m->buf[i].flow;
        la[n] = m->buf[i].lat;
        lo[n] = m->buf[i].lon;
        n++;
    }
    if (n < (uint32_t)o->mutual_min_group)
        return 0;
    if (r->nmembers + 1 > *capm) {
        size_t nc = *capm ? 2 * *capm : 1024;
        uint32_t *v = realloc(r->members, nc * sizeof *v);
        if (!v)
            return SY_ENOMEM;
        r->members = v;
        *capm = nc;
    }
    r->members[r->nmembers] = seed;
    if (r->ngroups == *capg) {
        size_t nc = *capg ? 2 * *capg : 256;
        struct eng_group *v = realloc(r->groups, nc * sizeof *v);
        if (!v)
            return SY_ENOMEM;
        r->groups = v;
        *capg = nc;
    }
    g = &r->groups[r->ngroups];
    memset(g, 0, sizeof *g);
    g->code = r->flows[seed].code;
    g->dir = r->flows[seed].dir;
    g->unit = r->flows[seed].unit;
    g->first = (uint32_t)r->nmembers;
    g->n = n;
    for (uint32_t k = 0; k < n; k++) {
        uint32_t f = r->members[g->first + k];
        taken[f] = 1;
        conf += eng_conf_flow(&r->flows[f]);
        if (r->flows[f].qty_year >= 0 && r->flows[f].unit == g->unit) {
            g->pooled += r->flows[f].qty_year;
            g->nknown++;
        }
    }
    geo_centroid(la, lo, n, &g->lat, &g->lon);
    for (uint32_t k = 0; k < n; k++) {
        dc[k] = geo_haversine_km(la[k], lo[k], g->lat, g->lon);
        spread += dc[k];
    }
    spread /= n;
    p = kb_params_for(x->kb, g->code);
    g->min_lot = p && p->min_lot_unit == g->unit ? p->min_lot : 0;
    {
        double lot = 0.6, compact = 1 - 0.5 * fmin(1.0, spread / o->mutual_radius_km);
        if (g->min_lot > 0 && g->nknown > 0)
            lot = 0.4 + 0.6 * fmin(1.0, g->pooled / g->min_lot);
        else if (g->nknown > 0)
            lot = 0.8;
        g->score = lot * compact * (conf / n);
    }
    r->nmembers += n;
    r->ngroups++;
    for (uint32_t k = 0; k < n; k++) {
        uint32_t f = r->members[g->first + k];
        struct eng_cand c;
        memset(&c, 0, sizeof c);
        c.score = (float)g->score;
        c.dist_km = (float)(dc[k] * o->detour);
        c.qty = g->nknown ? (float)g->pooled : -1.0f;
        c.sup_flow = f;
        c.other = (uint32_t)(r->ngroups - 1);
        c.rec_site = ENG_NONE;
        c.route = -2;
        c.kind = CAND_MUTUALISATION;
        c.flags = g->nknown < n ? ENG_F_QTY : 0;
        if (eng_push(x, &c))
            return SY_ENOMEM;
    }
    return 0;
}

/* Sorts a[0 .. n) by bits [32, 32 + bits) of each value, stably (LSD radix,
 * 11 bits a pass); tmp has room for n. Returns where the result is. */
static uint64_t *radix_hi(uint64_t *a, uint64_t *tmp, size_t n, unsigned bits)
{
    size_t cnt[2048];

    for (unsigned sh = 32; sh < 32 + bits; sh += 11) {
        uint64_t *t;
        memset(cnt, 0, sizeof cnt);
        for (size_t i = 0; i < n; i++)
            cnt[(a[i] >> sh) & 2047]++;
        for (size_t b = 0, sum = 0; b < 2048; b++) {
            size_t c = cnt[b];
            cnt[b] = sum;
            sum += c;
        }
        for (size_t i = 0; i < n; i++)
            tmp[cnt[(a[i] >> sh) & 2047]++] = a[i];
        t = a;
        a = tmp;
        tmp = t;
    }
    return a;
}

/* The spatial order of sites: cells of ORDER_DEG degrees, row-major (south to
 * north, west to east), then site index. A key's sites are laid out in this
 * order, so that what neighbouring queries read is near in memory. */
#define ORDER_DEG 0.05

static uint32_t order_cell(double lat, double lon)
{
    uint32_t row = (uint32_t)floor((lat + 90) / ORDER_DEG);
    uint32_t col = (uint32_t)floor((lon + 180) / ORDER_DEG);

    return row * 8192 + col;
}

/* Grid cells of radius / GRID_DIV, within a budget of GRID_CELLS cells per
 * site (sparse keys get larger cells): a dense town's nearest sites are a
 * cell or two away, most of a count comes from runs of cells wholly inside
 * the radius, and the cell arrays stay small (measured at 1M sites: finer
 * cells or larger budgets were slower). */
#define GRID_DIV 3
#define GRID_CELLS 4

/* What the workers share: keys, their flows, and the order of sites. */
struct mshared {
    struct eng_ctx *x;
    const uint32_t *off, *idx; /* flows by key, flow order */
    uint32_t *sp;              /* flows by key, spatial order (each worker sorts its keys) */
    uint32_t *fent;            /* [nflows] a flow's site among its key's sites */
    uint8_t *taken;            /* [nflows] */
    const uint32_t *srank;     /* [nsites] spatial rank of each site */
    double (*rpos)[2];         /* [nsites] lat, lon of the site of each rank */
    unsigned rbits;            /* bits of a rank */
    size_t nmax;               /* flows of the largest key */
    const uint32_t *korder;    /* keys, largest first: the order they are handed out */
    size_t nkeys, nwork;
    atomic_size_t next; /* next entry of korder to take */
    /* Per key: the worker that did it and its groups and candidates there. */
    uint32_t *kw;
    size_t *kg0, *kg1, *kc0, *kc1, *km0, *km1;
    /* Where each key's groups, members and candidates go in the results. */
    size_t *og, *om, *oc;
};

/* One worker: its own grid, buffers and results (groups, members and
 * candidates, merged in key order at the end). */
struct mworker {
    struct mshared *sh;
    struct eng_ctx x;
    struct eng_result res;
    struct err e;
    unsigned id;
    int rc;
    struct grid *g;
    uint64_t *sa, *sb;
    uint32_t *eoff, *ecur, *ecnt, *efirst, *seeds, *eslot, *fslot;
    uint8_t *stk;
    double *elat, *elon;
    struct grid_hit *hits;
    struct mctx m;
    size_t capg, capm;
};

static void worker_release(struct mworker *w)
{
    grid_free(w->g);
    free(w->sa);
    free(w->sb);
    free(w->eoff);
    free(w->ecur);
    free(w->ecnt);
    free(w->efirst);
    free(w->seeds);
    free(w->eslot);
    free(w->fslot);
    free(w->stk);
    free(w->elat);
    free(w->elon);
    free(w->hits);
    free(w->m.buf);
    free(w->res.groups);
    free(w->res.members);
    free(w->x.cands);
}

/* Groups of key k into w's results. */
static int mutual_key(struct mworker *w, size_t k)
{
    struct mshared *sh = w->sh;
    struct eng_ctx *x = &w->x;
    struct eng_result *r = &w->res;
    const struct eng_opts *o = x->o;
    const uint32_t *kf = sh->idx + sh->off[k];
    uint32_t *ks = sh->sp + sh->off[k], n = sh->off[k + 1] - sh->off[k], ne = 0, ns;
    uint32_t cap = (uint32_t)o->mutual_max_group < 256 ? (uint32_t)o->mutual_max_group : 256;
    size_t want = cap, bucket[258];
    uint32_t *eoff = w->eoff, *ecur = w->ecur, *ecnt = w->ecnt, *eslot = w->eslot;
    double *elat = w->elat, *elon = w->elon;
    struct grid *g = w->g;
    int rc;

    /* The key's flows in the spatial order of their sites, then flow order;
     * its sites are the runs of one rank (eslot: the site of each slot of
     * ks; stk: slots taken). */
    {
        const uint64_t *v;
        uint32_t prev = UINT32_MAX;
        for (uint32_t i = 0; i < n; i++)
            w->sa[i] = (uint64_t)sh->srank[r->flows[kf[i]].site] << 32 | kf[i];
        v = radix_hi(w->sa, w->sb, n, sh->rbits);
        for (uint32_t i = 0; i < n; i++) {
            uint32_t rk = (uint32_t)(v[i] >> 32);
            ks[i] = (uint32_t)v[i];
            if (rk != prev) {
                eoff[ne] = ecur[ne] = i;
                w->efirst[ne] = ks[i];
                elat[ne] = sh->rpos[rk][0];
                elon[ne] = sh->rpos[rk][1];
                ne++;
                prev = rk;
            }
            eslot[i] = ne - 1;
            sh->fent[ks[i]] = i; /* the slot, read back in flow order below */
            w->stk[i] = 0;
        }
    }
    eoff[ne] = n;
    if (ne < (uint32_t)o->mutual_min_group)
        return 0;
    for (uint32_t i = 0; i < n; i++)
        w->fslot[i] = sh->fent[kf[i]];
    if ((rc = grid_rebuild(g, elat, elon, NULL, ne, o->mutual_radius_km / GRID_DIV,
                           (size_t)GRID_CELLS * ne + 64, &w->e)))
        return rc;
    /* Other sites within the radius of each site, capped. */
    memset(ecnt, 0, ne * sizeof *ecnt);
    grid_count_all(g, o->mutual_radius_km, cap + 1, ecnt);
    for (uint32_t e = 0; e < ne; e++)
        ecnt[e] = ecnt[e] > 0 ? ecnt[e] - 1 : 0;
    /* Seeds: flows by count, densest first, then by flow (a counting sort of
     * the flows in flow order, as slots); flows that cannot make a group left out. */
    memset(bucket, 0, sizeof bucket);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t c = ecnt[eslot[w->fslot[i]]];
        if (c + 1 >= (uint32_t)o->mutual_min_group)
            bucket[cap - c + 1]++;
    }
    for (uint32_t c = 0; c <= cap; c++)
        bucket[c + 1] += bucket[c];
    ns = (uint32_t)bucket[cap + 1];
    for (uint32_t i = 0; i < n; i++) {
        uint32_t c = ecnt[eslot[w->fslot[i]]];
        if (c + 1 >= (uint32_t)o->mutual_min_group)
            w->seeds[bucket[cap - c]++] = w->fslot[i];
    }
    for (uint32_t i = 0; i < ns; i++) {
        uint32_t slot = w->seeds[i], e = eslot[slot];
        size_t got, ng = r->ngroups;
        if (w->stk[slot])
            continue;
        w->m.self = e;
        w->m.lat = elat[e];
        w->m.lon = elon[e];
        /* The nearest other sites with a free flow, ties by their first flow;
         * when fewer than wanted are within the radius, all of them at once. */
        got = grid_nearest(g, elat[e], elon[e], ecnt[e] < want - 1 ? o->mutual_radius_km : 0,
                           o->mutual_radius_km, want - 1, w->efirst, not_self, &w->m, w->hits);
        if (got + 1 < (size_t)o->mutual_min_group)
            continue;
        for (size_t j = 0; j < got; j++) {
            uint32_t h = w->hits[j].id;
            w->m.buf[j] = (struct near){ks[ecur[h]], elat[h], elon[h]};
        }
        w->m.nbuf = got;
        if (add_group(x, &w->m, ks[slot], sh->taken, &w->capg, &w->capm))
            return err_set(&w->e, SY_ENOMEM, "out of memory grouping flows for mutualisation");
        if (r->ngroups == ng)
            continue;
        /* The group's flows leave the pool (each site's first free one; the
         * seed may be a later one); a site without free flows of the key
         * leaves the grid. */
        w->stk[slot] = 1;
        for (size_t j = 0; j <= got; j++) {
            uint32_t h = j < got ? w->hits[j].id : e;
            if (j < got)
                w->stk[ecur[h]] = 1;
            while (ecur[h] < eoff[h + 1] && w->stk[ecur[h]])
                ecur[h]++;
            if (ecur[h] == eoff[h + 1])
                grid_remove(g, h);
        }
    }
    return 0;
}

static void *mutual_work(void *arg)
{
    struct mworker *w = arg;
    struct mshared *sh = w->sh;

    for (;;) {
        size_t i = atomic_fetch_add(&sh->next, 1), k;
        if (i >= sh->nwork || w->rc)
            break;
        if (eng_cancelled(&w->x)) {
            w->rc = err_set(&w->e, SY_ECANCELLED, "mutualisation cancelled");
            break;
        }
        k = sh->korder[i];
        sh->kw[k] = w->id;
        sh->kg0[k] = w->res.ngroups;
        sh->kc0[k] = w->x.ncands;
        sh->km0[k] = w->res.nmembers;
        w->rc = mutual_key(w, k);
        sh->kg1[k] = w->res.ngroups;
        sh->kc1[k] = w->x.ncands;
        sh->km1[k] = w->res.nmembers;
    }
    return NULL;
}

static int worker_init(struct mworker *w, struct mshared *sh, unsigned id)
{
    size_t nmax = sh->nmax, want;

    memset(w, 0, sizeof *w);
    w->sh = sh;
    w->id = id;
    w->x = *sh->x;
    w->x.e = &w->e;
    w->x.res = &w->res;
    w->x.cands = NULL;
    w->x.ncands = w->x.capcands = 0;
    w->x.progress = NULL;
    w->res.flows = sh->x->res->flows;
    w->res.nflows = sh->x->res->nflows;
    want = (size_t)sh->x->o->mutual_max_group < 256 ? (size_t)sh->x->o->mutual_max_group : 256;
    w->sa = malloc(nmax * sizeof *w->sa);
    w->sb = malloc(nmax * sizeof *w->sb);
    w->eoff = malloc((nmax + 1) * sizeof *w->eoff);
    w->ecur = malloc(nmax * sizeof *w->ecur);
    w->ecnt = malloc(nmax * sizeof *w->ecnt);
    w->efirst = malloc(nmax * sizeof *w->efirst);
    w->seeds = malloc(nmax * sizeof *w->seeds);
    w->eslot = malloc(nmax * sizeof *w->eslot);
    w->fslot = malloc(nmax * sizeof *w->fslot);
    w->stk = malloc(nmax);
    w->elat = malloc(nmax * sizeof *w->elat);
    w->elon = malloc(nmax * sizeof *w->elon);
    w->hits = malloc(want * sizeof *w->hits);
    w->m.buf = malloc(want * sizeof *w->m.buf);
    if (!w->sa || !w->sb || !w->eoff || !w->ecur || !w->ecnt || !w->efirst || !w->seeds ||
        !w->eslot || !w->fslot || !w->stk || !w->elat || !w->elon || !w->hits || !w->m.buf)
        return -1;
    return grid_build(&w->g, NULL, NULL, NULL, 0, 1.0, &w->e) ? -1 : 0;
}

/* Copies worker w's groups, members and candidates of each key it did to
 * their place in the run's results (sh->og, om, oc), in a thread of its own. */
static void *merge_work(void *arg)
{
    struct mworker *w = arg;
    struct mshared *sh = w->sh;
    struct eng_result *r = sh->x->res;

    for (size_t k = 0; k < sh->nkeys; k++) {
        if (sh->kw[k] != w->id)
            continue;
        if (sh->km1[k] > sh->km0[k]) /* members may be NULL when there are none */
            memcpy(r->members + sh->om[k], w->res.members + sh->km0[k],
                   (sh->km1[k] - sh->km0[k]) * sizeof *r->members);
        for (size_t i = sh->kg0[k]; i < sh->kg1[k]; i++) {
            struct eng_group gr = w->res.groups[i];
            gr.first = (uint32_t)(sh->om[k] + (gr.first - sh->km0[k]));
            r->groups[sh->og[k] + (i - sh->kg0[k])] = gr;
        }
        for (size_t i = sh->kc0[k]; i < sh->kc1[k]; i++) {
            struct eng_cand c = w->x.cands[i];
            c.other = (uint32_t)(sh->og[k] + (c.other - sh->kg0[k]));
            sh->x->cands[sh->oc[k] + (i - sh->kc0[k])] = c;
        }
    }
    return NULL;
}

int eng_mutual(struct eng_ctx *x)
{
    struct eng_result *r = x->res;
    const struct eng_opts *o = x->o;
    size_t nkeys = 2 * x->ncodes, nmax = 1, nsf = 0;
    size_t nf = r->nflows ? r->nflows : 1;
    struct mshared sh;
    struct mworker *ws = NULL;
    pthread_t tid[ENG_THREADS];
    unsigned nt = 0, started = 0;
    uint32_t *off = calloc(nkeys + 1, sizeof *off), *pos = NULL, *korder = NULL;
    uint64_t *sa = NULL, *sb = NULL;
    int rc = 0;

    memset(&sh, 0, sizeof sh);
    sh.x = x;
    sh.nkeys = nkeys;
    sh.fent = malloc(nf * sizeof *sh.fent);
    sh.taken = calloc(nf, 1);
    sh.srank = NULL;
    if (!off || !sh.fent || !sh.taken)
        goto nomem;
    /* Flows by key (code, direction): counting sort. idx: flow order within a
     * key (the order of seeds); sp: then sorted by each worker in the spatial
     * order of the sites (order_cell), a site's flows together, so that the
     * arrays of a key's sites are near in memory as they are on the map. */
    for (size_t f = 0; f < r->nflows; f++)
        if (isfinite(x->flat[f]))
            off[2 * (size_t)r->flows[f].code + r->flows[f].dir + 1]++;
    for (size_t k = 0; k < nkeys; k++) {
        if (off[k + 1] > nmax)
            nmax = off[k + 1];
        off[k + 1] += off[k];
    }
    {
        uint32_t *idx = malloc((off[nkeys] ? off[nkeys] : 1) * sizeof *idx);
        sh.sp = malloc((off[nkeys] ? off[nkeys] : 1) * sizeof *sh.sp);
        pos = malloc((nkeys + 1) * sizeof *pos);
        sh.idx = idx;
        if (!idx || !sh.sp || !pos)
            goto nomem;
        memcpy(pos, off, (nkeys + 1) * sizeof *pos);
        for (size_t f = 0; f < r->nflows; f++)
            if (isfinite(x->flat[f]))
                idx[pos[2 * (size_t)r->flows[f].code + r->flows[f].dir]++] = (uint32_t)f;
    }
    sh.off = off;
    sh.nmax = nmax;
    /* The spatial rank of each site. */
    {
        uint32_t *srank = malloc((x->nsites ? x->nsites : 1) * sizeof *srank);
        size_t nsort = x->nsites ? x->nsites : 1;
        const uint64_t *v;
        sh.srank = srank;
        sa = malloc(nsort * sizeof *sa);
        sb = malloc(nsort * sizeof *sb);
        if (!srank || !sa || !sb)
            goto nomem;
        for (size_t s = 0; s < x->nsites; s++)
            if (geo_valid(x->sites[s].lat, x->sites[s].lon))
                sa[nsf++] = (uint64_t)order_cell(x->sites[s].lat, x->sites[s].lon) << 32 | s;
        v = radix_hi(sa, sb, nsf, 32);
        sh.rpos = malloc(nsort * sizeof *sh.rpos);
        if (!sh.rpos)
            goto nomem;
        for (size_t i = 0; i < nsf; i++) {
            uint32_t s = (uint32_t)v[i];
            srank[s] = (uint32_t)i;
            sh.rpos[i][0] = x->sites[s].lat;
            sh.rpos[i][1] = x->sites[s].lon;
        }
        sh.rbits = 1;
        while (sh.rbits < 32 && (nsf >> sh.rbits) != 0)
            sh.rbits++;
    }
    /* Keys that may hold a group, largest first (the workers balance better). */
    korder = malloc((nkeys ? nkeys : 1) * sizeof *korder);
    sh.kw = malloc((nkeys ? nkeys : 1) * sizeof *sh.kw);
    sh.kg0 = calloc(nkeys ? nkeys : 1, sizeof *sh.kg0);
    sh.kg1 = calloc(nkeys ? nkeys : 1, sizeof *sh.kg1);
    sh.kc0 = calloc(nkeys ? nkeys : 1, sizeof *sh.kc0);
    sh.kc1 = calloc(nkeys ? nkeys : 1, sizeof *sh.kc1);
    sh.km0 = calloc(nkeys ? nkeys : 1, sizeof *sh.km0);
    sh.km1 = calloc(nkeys ? nkeys : 1, sizeof *sh.km1);
    sh.og = calloc(nkeys ? nkeys : 1, sizeof *sh.og);
    sh.om = calloc(nkeys ? nkeys : 1, sizeof *sh.om);
    sh.oc = calloc(nkeys ? nkeys : 1, sizeof *sh.oc);
    if (!korder || !sh.kw || !sh.kg0 || !sh.kg1 || !sh.kc0 || !sh.kc1 || !sh.km0 || !sh.km1 ||
        !sh.og || !sh.om || !sh.oc)
        goto nomem;
    for (size_t k = 0; k < nkeys; k++) {
        sh.kw[k] = UINT32_MAX;
        if (off[k + 1] - off[k] >= (uint32_t)o->mutual_min_group)
            korder[sh.nwork++] = (uint32_t)k;
    }
    {
        /* Insertion sort by size, then key: a few hundred keys. */
        for (size_t i = 1; i < sh.nwork; i++) {
            uint32_t k = korder[i], nk = off[k + 1] - off[k];
            size_t j = i;
            while (j > 0 && off[korder[j - 1] + 1] - off[korder[j - 1]] < nk) {
                korder[j] = korder[j - 1];
                j--;
            }
            korder[j] = k;
        }
    }
    sh.korder = korder;
    atomic_init(&sh.next, 0);
    nt = eng_nthreads(o);
    if (nt > sh.nwork)
        nt = sh.nwork ? (unsigned)sh.nwork : 1;
    if (nt < 1)
        nt = 1;
    ws = calloc(nt, sizeof *ws);
    if (!ws)
        goto nomem;
    for (unsigned t = 0; t < nt; t++)
        if (worker_init(&ws[t], &sh, t)) {
            nt = t + 1;
            goto nomem;
        }
    /* Worker 0 runs here; the others in threads (fewer if a thread fails). */
    for (started = 1; started < nt; started++)
        if (pthread_create(&tid[started], NULL, mutual_work, &ws[started]) != 0)
            break;
    mutual_work(&ws[0]);
    for (unsigned t = 1; t < started; t++)
        pthread_join(tid[t], NULL);
    for (unsigned t = 0; t < nt; t++)
        if (ws[t].rc) {
            rc = err_set(x->e, ws[t].rc, "%s", ws[t].e.msg);
            goto out;
        }
    /* The results in key order, whatever worker did which key: each key's
     * place, then every worker copies its keys there. */
    {
        size_t ng = r->ngroups, nm = r->nmembers, nc = x->ncands;
        struct eng_group *vg;
        uint32_t *vm;
        struct eng_cand *vc;
        for (size_t k = 0; k < nkeys; k++) {
            sh.og[k] = ng;
            sh.om[k] = nm;
            sh.oc[k] = nc;
            if (sh.kw[k] == UINT32_MAX)
                continue;
            ng += sh.kg1[k] - sh.kg0[k];
            nm += sh.km1[k] - sh.km0[k];
            nc += sh.kc1[k] - sh.kc0[k];
        }
        vg = realloc(r->groups, (ng ? ng : 1) * sizeof *vg);
        if (vg)
            r->groups = vg;
        vm = realloc(r->members, (nm ? nm : 1) * sizeof *vm);
        if (vm)
            r->members = vm;
        if (!vg || !vm)
            goto nomem;
        if (nc > x->capcands) {
            if (!(vc = realloc(x->cands, nc * sizeof *vc)))
                goto nomem;
            x->cands = vc;
            x->capcands = nc;
        }
        for (started = 1; started < nt; started++)
            if (pthread_create(&tid[started], NULL, merge_work, &ws[started]) != 0)
                break;
        merge_work(&ws[0]);
        for (unsigned t = started; t < nt; t++) /* threads that could not start */
            merge_work(&ws[t]);
        for (unsigned t = 1; t < started; t++)
            pthread_join(tid[t], NULL);
        r->ngroups = ng;
        r->nmembers = nm;
        x->ncands = nc;
    }
    goto out;
nomem:
    rc = err_set(x->e, SY_ENOMEM, "out of memory grouping flows for mutualisation");
out:
    for (unsigned t = 0; ws && t < nt; t++)
        worker_release(&ws[t]);
    free(ws);
    free(off);
    free(pos);
    free(korder);
    free(sa);
    free(sb);
    free((void *)sh.idx);
    free(sh.sp);
    free(sh.fent);
    free(sh.taken);
    free((void *)sh.srank);
    free(sh.rpos);
    free(sh.kw);
    free(sh.kg0);
    free(sh.kg1);
    free(sh.kc0);
    free(sh.kc1);
    free(sh.km0);
    free(sh.km1);
    free(sh.og);
    free(sh.om);
    free(sh.oc);
    return rc;
}
