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
 * quantity against the minimum economic lot of the resource. Cost: one capped
 * count per site (runs of cells well inside the radius counted whole) and
 * one nearest-first search per seed that stops as soon as the group is full;
 * no O(n^2), one grid reused for every key.
 */
#include "match/engine_int.h"
#include "geo/geo.h"
#include "geo/grid.h"

#include <math.h>
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

/* Grid cells of radius / GRID_DIV (a budget of GRID_CELLS cells per site):
 * fine enough that a dense town's nearest sites are a few cells away, and
 * that most of a count comes from runs of cells wholly inside the radius. */
#ifndef GRID_DIV
#define GRID_DIV 8
#endif
#define GRID_CELLS 16

int eng_mutual(struct eng_ctx *x)
{
    struct eng_result *r = x->res;
    const struct eng_opts *o = x->o;
    size_t nkeys = 2 * x->ncodes, capg = 0, capm = 0, nmax = 1, nsf = 0, nsort;
    size_t nf = r->nflows ? r->nflows : 1;
    size_t want = (size_t)o->mutual_max_group < 256 ? (size_t)o->mutual_max_group : 256;
    uint32_t cap = (uint32_t)o->mutual_max_group, bucket[258];
    uint32_t *off = calloc(nkeys + 1, sizeof *off), *idx = NULL, *sp = NULL, *pos = NULL;
    uint32_t *fent = malloc(nf * sizeof *fent);
    uint32_t *srank = malloc((x->nsites ? x->nsites : 1) * sizeof *srank);
    uint64_t *sa = NULL, *sb = NULL;
    unsigned rbits = 1;
    /* Per key: its sites (entries), each with its flows of the key. */
    uint32_t *eoff = NULL, *ecur = NULL, *ecnt = NULL, *efirst = NULL, *seeds = NULL;
    double *elat = NULL, *elon = NULL;
    uint8_t *taken = calloc(nf, 1);
    struct grid_hit *hits = malloc(want * sizeof *hits);
    struct grid *g = NULL;
    struct mctx m;
    int rc = 0;

    memset(&m, 0, sizeof m);
    m.buf = malloc(want * sizeof *m.buf);
    if (cap > 256)
        cap = 256;
    if (!off || !fent || !srank || !taken || !hits || !m.buf)
        goto nomem;
    /* Flows by key (code, direction): counting sort. idx: flow order within
     * a key (the order of seeds); sp: sites in a spatial order (order_cell) and
     * a site's flows together, so that the arrays of a key's sites are near in
     * memory as they are on the map. */
    for (size_t f = 0; f < r->nflows; f++)
        if (isfinite(x->flat[f]))
            off[2 * (size_t)r->flows[f].code + r->flows[f].dir + 1]++;
    for (size_t k = 0; k < nkeys; k++) {
        if (off[k + 1] > nmax)
            nmax = off[k + 1];
        off[k + 1] += off[k];
    }
    idx = malloc((off[nkeys] ? off[nkeys] : 1) * sizeof *idx);
    sp = malloc((off[nkeys] ? off[nkeys] : 1) * sizeof *sp);
    pos = malloc((nkeys + 1) * sizeof *pos);
    seeds = malloc(nmax * sizeof *seeds);
    eoff = malloc((nmax + 1) * sizeof *eoff);
    ecur = malloc(nmax * sizeof *ecur);
    ecnt = malloc(nmax * sizeof *ecnt);
    efirst = malloc(nmax * sizeof *efirst);
    elat = malloc(nmax * sizeof *elat);
    elon = malloc(nmax * sizeof *elon);
    if (!idx || !sp || !pos || !seeds || !eoff || !ecur || !ecnt || !efirst || !elat || !elon)
        goto nomem;
    if ((rc = grid_build(&g, NULL, NULL, NULL, 0, 1.0, x->e)))
        goto out;
    memcpy(pos, off, (nkeys + 1) * sizeof *pos);
    for (size_t f = 0; f < r->nflows; f++)
        if (isfinite(x->flat[f]))
            idx[pos[2 * (size_t)r->flows[f].code + r->flows[f].dir]++] = (uint32_t)f;
    nsort = x->nsites > nmax ? x->nsites : nmax;
    sa = malloc(nsort * sizeof *sa);
    sb = malloc(nsort * sizeof *sb);
    if (!sa || !sb)
        goto nomem;
    for (size_t s = 0; s < x->nsites; s++)
        if (geo_valid(x->sites[s].lat, x->sites[s].lon))
            sa[nsf++] = (uint64_t)order_cell(x->sites[s].lat, x->sites[s].lon) << 32 | s;
    {
        const uint64_t *v = radix_hi(sa, sb, nsf, 32);
        for (size_t i = 0; i < nsf; i++)
            srank[(uint32_t)v[i]] = (uint32_t)i;
    }
    while (rbits < 32 && (nsf >> rbits) != 0)
        rbits++;
    for (size_t k = 0; k < nkeys; k++) {
        const uint32_t *kf = idx + off[k];
        uint32_t *ks = sp + off[k], n = off[k + 1] - off[k], ne = 0, ns;
        if (n < (uint32_t)o->mutual_min_group)
            continue;
        /* The key's flows in the spatial order of their sites, then flow order. */
        {
            const uint64_t *v;
            for (uint32_t i = 0; i < n; i++)
                sa[i] = (uint64_t)srank[r->flows[kf[i]].site] << 32 | kf[i];
            v = radix_hi(sa, sb, n, rbits);
            for (uint32_t i = 0; i < n; i++)
                ks[i] = (uint32_t)v[i];
        }
        /* The key's sites: runs of flows of one site in ks (flow order). */
        for (uint32_t i = 0; i < n; i++) {
            if (i == 0 || r->flows[ks[i]].site != r->flows[ks[i - 1]].site) {
                eoff[ne] = ecur[ne] = i;
                efirst[ne] = ks[i];
                elat[ne] = x->flat[ks[i]];
                elon[ne] = x->flon[ks[i]];
                ne++;
            }
            fent[ks[i]] = ne - 1;
        }
        eoff[ne] = n;
        if (ne < (uint32_t)o->mutual_min_group)
            continue;
        if ((rc = grid_rebuild(g, elat, elon, NULL, ne, o->mutual_radius_km / GRID_DIV,
                               (size_t)GRID_CELLS * ne + 64, x->e)))
            goto out;
        /* Other sites within the radius of each site, capped. */
        memset(ecnt, 0, ne * sizeof *ecnt);
        grid_count_all(g, o->mutual_radius_km, cap + 1, ecnt);
        for (uint32_t e = 0; e < ne; e++)
            ecnt[e] = ecnt[e] > 0 ? ecnt[e] - 1 : 0;
        /* Seeds: flows by count, densest first, then by flow (a counting sort
         * of the flows in flow order); flows that cannot make a group left out. */
        memset(bucket, 0, sizeof bucket);
        for (uint32_t i = 0; i < n; i++) {
            uint32_t c = ecnt[fent[kf[i]]];
            if (c + 1 >= (uint32_t)o->mutual_min_group)
                bucket[cap - c + 1]++;
        }
        for (uint32_t c = 0; c <= cap; c++)
            bucket[c + 1] += bucket[c];
        ns = bucket[cap + 1];
        for (uint32_t i = 0; i < n; i++) {
            uint32_t c = ecnt[fent[kf[i]]];
            if (c + 1 >= (uint32_t)o->mutual_min_group)
                seeds[bucket[cap - c]++] = kf[i];
        }
        for (uint32_t i = 0; i < ns; i++) {
            uint32_t f = seeds[i], e = fent[f];
            size_t got, ng = r->ngroups;
            if (taken[f])
                continue;
            m.self = e;
            m.lat = elat[e];
            m.lon = elon[e];
            /* The nearest other sites with a free flow, ties by their first
             * flow; when fewer than wanted are within the radius, all of them
             * at once. */
            got = grid_nearest(g, elat[e], elon[e], ecnt[e] < want - 1 ? o->mutual_radius_km : 0,
                               o->mutual_radius_km, want - 1, efirst, not_self, &m, hits);
            if (got + 1 < (size_t)o->mutual_min_group)
                continue;
            for (size_t j = 0; j < got; j++) {
                uint32_t h = hits[j].id;
                m.buf[j] = (struct near){ks[ecur[h]], elat[h], elon[h]};
            }
            m.nbuf = got;
            if (add_group(x, &m, f, taken, &capg, &capm))
                goto nomem;
            if (r->ngroups == ng)
                continue;
            /* The group's flows leave the pool (each site's first free one;
             * the seed may be a later one); a site without free flows of the
             * key leaves the grid. */
            for (size_t j = 0; j <= got; j++) {
                uint32_t h = j < got ? hits[j].id : e;
                while (ecur[h] < eoff[h + 1] && taken[ks[ecur[h]]])
                    ecur[h]++;
                if (ecur[h] == eoff[h + 1])
                    grid_remove(g, h);
            }
        }
    }
    goto out;
nomem:
    rc = err_set(x->e, SY_ENOMEM, "out of memory grouping flows for mutualisation");
out:
    grid_free(g);
    free(off);
    free(idx);
    free(sp);
    free(pos);
    free(fent);
    free(srank);
    free(sa);
    free(sb);
    free(eoff);
    free(ecur);
    free(ecnt);
    free(efirst);
    free(elat);
    free(elon);
    free(seeds);
    free(taken);
    free(hits);
    free(m.buf);
    return rc;
}
