/*
 * mutual.c - mutualisation groups: three or more sites within a radius that
 * share the same need or the same output stream (same direction and code).
 *
 * Leader clustering per (direction, code): every flow counts its neighbours
 * (capped at the maximum group size); the densest flows become seeds first;
 * a seed takes its nearest unassigned neighbours (one flow per site) up to the
 * maximum size, and the group stands if it has the minimum size. Each group is
 * reported with its centroid and its pooled quantity against the minimum
 * economic lot of the resource. Cost: one capped query per flow plus one query
 * per seed, per-key k-d trees; no O(n^2). A seed asks the tree for its k
 * nearest free flows (k doubling until enough distinct sites are found)
 * instead of listing every flow within the radius, which in a dense town is
 * thousands per seed.
 */
#include "match/engine_int.h"
#include "geo/geo.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct near {
    uint32_t flow;
    uint32_t pos; /* in the current tree */
    double d;
};

struct mctx {
    struct eng_ctx *x;
    uint32_t self, self_site;
    const uint8_t *taken;
    const uint32_t *psite; /* site of each point of the current tree, tree order */
    uint32_t *live;        /* kdtree live counts: taken flows removed */
    struct near *buf;
    struct kdtree_hit *hits;
    size_t nbuf, capbuf;
};

/* kdtree_nearest's filter: a free flow of another site. */
static int free_cb(void *ctx, uint32_t pos, uint32_t id, double d)
{
    struct mctx *m = ctx;
    (void)d;
    return !m->taken[id] && m->psite[pos] != m->self_site;
}

/* The nearest free flows of other sites to seed f, nearest first (ties by
 * flow), into m->buf: enough of them for add_group to find its members, as if
 * every free flow within the radius had been listed. */
static int collect(struct mctx *m, const struct kdtree *t, const struct kdtree_q *q, size_t want)
{
    const struct eng_flow *fl = m->x->res->flows;
    size_t k = want < 32 ? 64 : 2 * want;

    for (;;) {
        size_t got, distinct = 0;
        if (k > m->capbuf) {
            struct near *v = realloc(m->buf, k * sizeof *v);
            struct kdtree_hit *h = realloc(m->hits, k * sizeof *h);
            if (v)
                m->buf = v;
            if (h)
                m->hits = h;
            if (!v || !h)
                return SY_ENOMEM;
            m->capbuf = k;
        }
        got = kdtree_nearest(t, q, k, m->live, free_cb, m, m->hits);
        for (size_t i = 0; i < got; i++)
            m->buf[i] = (struct near){m->hits[i].id, m->hits[i].pos, m->hits[i].dist_km};
        m->nbuf = got;
        /* Distinct sites in that order, as add_group counts them. */
        for (size_t i = 0; i < got && distinct + 1 < want; i++) {
            int dup = 0;
            for (size_t j = 0; j < i && !dup; j++)
                dup = fl[m->buf[j].flow].site == fl[m->buf[i].flow].site;
            distinct += !dup;
        }
        if (got < k || distinct + 1 >= want)
            return 0;
        k *= 2;
    }
}

struct seed {
    uint32_t flow, count;
};

static int seed_cmp(const void *a, const void *b)
{
    const struct seed *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return x->flow < y->flow ? -1 : x->flow > y->flow;
}

static int add_group(struct eng_ctx *x, struct mctx *m, uint32_t seed, uint8_t *taken, size_t *capg,
                     size_t *capm)
{
    struct eng_result *r = x->res;
    const struct eng_opts *o = x->o;
    struct eng_group *g;
    const struct kb_params *p;
    uint32_t n = 1;
    double la[256], lo[256];
    size_t want = (size_t)o->mutual_max_group;
    double conf = 0, spread = 0;

    if (want > 256)
        want = 256;
    /* One flow per site: the buffer is sorted by distance, keep the nearest. */
    for (size_t i = 0; i < m->nbuf && n < want; i++) {
        uint32_t s = r->flows[m->buf[i].flow].site;
        int dup = 0;
        for (uint32_t j = 0; j < n - 1 && !dup; j++)
            dup = r->flows[r->members[r->nmembers + 1 + j]].site == s;
        if (dup)
            continue;
        if (r->nmembers + n + 1 > *capm) {
            size_t nc = *capm ? 2 * *capm : 1024;
            uint32_t *v = realloc(r->members, nc * sizeof *v);
            if (!v)
                return SY_ENOMEM;
            r->members = v;
            *capm = nc;
        }
        r->members[r->nmembers + n] = m->buf[i].flow;
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
        la[k] = x->flat[f];
        lo[k] = x->flon[f];
        conf += eng_conf_flow(&r->flows[f]);
        if (r->flows[f].qty_year >= 0 && r->flows[f].unit == g->unit) {
            g->pooled += r->flows[f].qty_year;
            g->nknown++;
        }
    }
    geo_centroid(la, lo, n, &g->lat, &g->lon);
    for (uint32_t k = 0; k < n; k++)
        spread += geo_haversine_km(la[k], lo[k], g->lat, g->lon);
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
        c.dist_km = (float)(geo_haversine_km(x->flat[f], x->flon[f], g->lat, g->lon) * o->detour);
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

int eng_mutual(struct eng_ctx *x)
{
    struct eng_result *r = x->res;
    const struct eng_opts *o = x->o;
    size_t nkeys = 2 * x->ncodes, capg = 0, capm = 0;
    uint32_t *off = calloc(nkeys + 1, sizeof *off), *idx = NULL, *psite = NULL, *live = NULL;
    uint32_t *fpos = malloc((r->nflows ? r->nflows : 1) * sizeof *fpos);
    size_t capl = 0;
    uint8_t *taken = calloc(r->nflows ? r->nflows : 1, 1);
    uint8_t *samek = malloc(r->nflows ? r->nflows : 1);
    struct seed *seeds = NULL;
    struct mctx m;
    int rc = 0;

    memset(&m, 0, sizeof m);
    m.x = x;
    m.taken = taken;
    if (!off || !taken || !fpos || !samek)
        goto nomem;
    /* Flows by key (code, direction): counting sort. */
    for (size_t f = 0; f < r->nflows; f++)
        if (isfinite(x->flat[f]))
            off[2 * (size_t)r->flows[f].code + r->flows[f].dir + 1]++;
    for (size_t k = 0; k < nkeys; k++)
        off[k + 1] += off[k];
    idx = malloc((off[nkeys] ? off[nkeys] : 1) * sizeof *idx);
    seeds = malloc((off[nkeys] ? off[nkeys] : 1) * sizeof *seeds);
    psite = malloc((off[nkeys] ? off[nkeys] : 1) * sizeof *psite);
    if (!idx || !seeds || !psite)
        goto nomem;
    {
        uint32_t *pos = malloc((nkeys + 1) * sizeof *pos);
        if (!pos)
            goto nomem;
        memcpy(pos, off, (nkeys + 1) * sizeof *pos);
        for (size_t f = 0; f < r->nflows; f++)
            if (isfinite(x->flat[f]))
                idx[pos[2 * (size_t)r->flows[f].code + r->flows[f].dir]++] = (uint32_t)f;
        free(pos);
    }
    /* samek[f]: flows of f's site with f's key (f included). */
    for (size_t si = 0; si < x->nsites; si++)
        for (uint32_t a = x->site_off[si]; a < x->site_off[si + 1]; a++) {
            const struct eng_flow *fa = &r->flows[x->site_flows[a]];
            unsigned c = 0;
            for (uint32_t b = x->site_off[si]; b < x->site_off[si + 1]; b++)
                c += r->flows[x->site_flows[b]].code == fa->code &&
                     r->flows[x->site_flows[b]].dir == fa->dir;
            samek[x->site_flows[a]] = (uint8_t)(c < 255 ? c : 255);
        }
    for (size_t k = 0; k < nkeys; k++) {
        uint32_t n = off[k + 1] - off[k];
        struct kdtree *t = NULL, *shared;
        struct kdtree_q q;
        const uint32_t *ids;
        size_t want = (size_t)o->mutual_max_group < 256 ? (size_t)o->mutual_max_group : 256;
        if (n < (uint32_t)o->mutual_min_group)
            continue;
        /* Demands: detection's tree of the code holds the same flows. */
        shared = k % 2 == FLOW_DEMAND ? x->dtree[k / 2] : NULL;
        if (shared && kdtree_count(shared) == n)
            t = shared;
        else if ((rc = kdtree_build(&t, x->flat, x->flon, idx + off[k], n, x->e)))
            goto out;
        ids = kdtree_ids(t);
        for (size_t i = 0; i < kdtree_count(t); i++) {
            psite[i] = r->flows[ids[i]].site;
            fpos[ids[i]] = (uint32_t)i;
        }
        m.psite = psite;
        if (kdtree_nnodes(t) > capl) {
            uint32_t *v = realloc(live, kdtree_nnodes(t) * sizeof *v);
            if (!v) {
                if (t != shared)
                    kdtree_free(t);
                goto nomem;
            }
            live = v;
            capl = kdtree_nnodes(t);
        }
        kdtree_live_init(t, live);
        m.live = live;
        /* In tree order: neighbouring queries read the same nodes. */
        n = (uint32_t)kdtree_count(t); /* the same flows, unless some had no position */
        for (uint32_t i = 0; i < n; i++) {
            uint32_t f = ids[i];
            size_t cap = (size_t)o->mutual_max_group, within;
            kdtree_q_at(&q, t, i);
            kdtree_q_ring(&q, 0, o->mutual_radius_km);
            /* Neighbours of other sites, at most cap: the flows of its own
             * site (same key, same position) are within any radius. */
            within = kdtree_count_within(t, &q, cap + samek[f]);
            seeds[i] = (struct seed){f, (uint32_t)(within > samek[f] ? within - samek[f] : 0)};
        }
        qsort(seeds, n, sizeof *seeds, seed_cmp);
        for (uint32_t i = 0; i < n; i++) {
            uint32_t f = seeds[i].flow;
            if (taken[f] || seeds[i].count + 1 < (uint32_t)o->mutual_min_group)
                continue;
            m.self = f;
            m.self_site = r->flows[f].site;
            kdtree_q_centre(&q, x->flat[f], x->flon[f]);
            kdtree_q_ring(&q, 0, o->mutual_radius_km);
            size_t ng = r->ngroups;
            if (collect(&m, t, &q, want) || add_group(x, &m, f, taken, &capg, &capm)) {
                if (t != shared)
                    kdtree_free(t);
                goto nomem;
            }
            /* The new group's flows leave the tree for the next seeds. */
            if (r->ngroups > ng)
                for (uint32_t j = 0; j < r->groups[ng].n; j++)
                    kdtree_live_remove(t, live, fpos[r->members[r->groups[ng].first + j]]);
        }
        if (t != shared)
            kdtree_free(t);
    }
    goto out;
nomem:
    rc = err_set(x->e, SY_ENOMEM, "out of memory grouping flows for mutualisation");
out:
    free(off);
    free(idx);
    free(taken);
    free(samek);
    free(seeds);
    free(psite);
    free(fpos);
    free(live);
    free(m.buf);
    free(m.hits);
    return rc;
}
