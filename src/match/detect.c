/*
 * detect.c - substitution and prospective detection, and flow inference.
 *
 * For each supplying site, each of its supply flows lists its targets (demand
 * codes reached by identity or by a route; receiver NACE classes reached by a
 * route), then searches the targets' k-d trees in growing rings up to the
 * resource's maximum distance. Every hit passes the filters (self, hazard
 * permit, months, state, temperature, quantity) and is scored into a small
 * per-site heap; the search stops early once the heap is full and no farther
 * hit could enter it.
 */
#include "match/engine_int.h"
#include "geo/geo.h"

#include <assert.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_TARGETS 128

struct target {
    int32_t route; /* -1 identity */
    uint32_t code; /* demand code (tree index), or route for NACE targets */
    int nace;      /* 1: tree of sites by receiver NACE */
    double strength;
    int hier; /* codes related by hierarchy, not equal */
};

struct heap {
    struct eng_cand *v;
    size_t n, cap;
    /* The targets of each supply code (CSR, shared, read-only). */
    const uint32_t *toff;
    const struct target *tv;
    /* Scratch of search_flow: the hits fetched ahead, per target. */
    struct kdtree_hit *buf;
    size_t nbuf, capbuf;
};

struct query {
    struct eng_ctx *x;
    struct heap *h;
    const struct eng_flow *s;
    uint32_t sflow;
    const struct target *t;
    double max_km;
    double conf_sup;
    enum flow_state sstate;
    uint32_t nhit;             /* receivers that passed the filters for the current target */
    const struct eng_rec *rec; /* payload of the current target's tree */
    int err;
};

int eng_better(const struct eng_cand *a, const struct eng_cand *b)
{
    if (a->score != b->score)
        return a->score > b->score;
    if (a->rec_site != b->rec_site)
        return a->rec_site < b->rec_site;
    if (a->sup_flow != b->sup_flow)
        return a->sup_flow < b->sup_flow;
    if (a->other != b->other)
        return a->other < b->other;
    return a->route < b->route;
}

double eng_conf_flow(const struct eng_flow *f)
{
    if (f->inferred == 1)
        return ENG_CONF_INFERRED_QTY;
    if (f->inferred >= 2)
        return ENG_CONF_INFERRED_PRESENT;
    return ENG_CONF_DECLARED;
}

double eng_max_km(const struct eng_ctx *x, int32_t code)
{
    const struct kb_params *p = kb_params_for(x->kb, code);
    return p ? p->max_distance_km : x->o->default_max_km;
}

/* ---- the heap: a min-heap on eng_better, the worst kept candidate on top ---- */

static void heap_down(struct heap *h, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < h->n && eng_better(&h->v[m], &h->v[l]))
            m = l;
        if (r < h->n && eng_better(&h->v[m], &h->v[r]))
            m = r;
        if (m == i)
            return;
        struct eng_cand t = h->v[i];
        h->v[i] = h->v[m];
        h->v[m] = t;
        i = m;
    }
}

static void heap_up(struct heap *h, size_t i)
{
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (!eng_better(&h->v[p], &h->v[i]))
            return;
        struct eng_cand t = h->v[i];
        h->v[i] = h->v[p];
        h->v[p] = t;
        i = p;
    }
}

static void heap_offer(struct heap *h, const struct eng_cand *c)
{
    /* One candidate per (supply flow, receiver): keep the better. */
    for (size_t i = 0; i < h->n; i++) {
        if (h->v[i].sup_flow == c->sup_flow && h->v[i].rec_site == c->rec_site) {
            if (eng_better(c, &h->v[i])) {
                h->v[i] = *c;
                heap_down(h, i);
            }
            return;
        }
    }
    if (h->n < h->cap) {
        h->v[h->n++] = *c;
        heap_up(h, h->n - 1);
    } else if (eng_better(c, &h->v[0])) {
        h->v[0] = *c;
        heap_down(h, 0);
    }
}

/* ---- filters and scoring of one (supply, receiver) pair ---- */

static int temp_ok(const struct eng_ctx *x, int32_t code, const struct eng_flow *s,
                   const struct eng_flow *d, const struct kb_route *rt, uint8_t *flags)
{
    uint8_t th = x->thermal[code];

    if (rt && rt->has_min_temp) {
        if (!s->has_temp)
            *flags |= ENG_F_TEMP;
        else if (s->temp_c < rt->min_temp_c)
            return 0;
    }
    if (th && d) {
        if (!s->has_temp || !d->has_temp) {
            if (d->has_temp || s->has_temp)
                *flags |= ENG_F_TEMP;
        } else if (th == ENG_THERMAL_HOT && s->temp_c < d->temp_c) {
            return 0; /* heat does not flow uphill */
        } else if (th == ENG_THERMAL_COLD && s->temp_c > d->temp_c) {
            return 0;
        }
    }
    return 1;
}

static int on_hit(void *ctx, uint32_t pos, uint32_t id, double dist)
{
    struct query *q = ctx;
    struct eng_ctx *x = q->x;
    const struct eng_flow *s = q->s, *d = NULL;
    const struct kb_route *rt = q->t->route >= 0 ? kb_route(x->kb, (size_t)q->t->route) : NULL;
    struct eng_cand c;
    uint32_t rsite;
    unsigned sm, dm;
    double road = dist * x->o->detour, conf, qfit;
    uint8_t flags = q->t->hier ? ENG_F_HIER : 0;
    double strength = q->t->strength;
    int kind, lic, fit = 0;
    int32_t rn = -1;

    if (q->t->nace) {
        rsite = id;
        lic = x->site_lic[rsite];
    } else {
        const struct eng_rec *rec;
        assert(q->rec); /* set for every demand target */
        rec = &q->rec[pos];
        d = &rec->f;
        rsite = d->site;
        rn = rec->nace;
        lic = rec->lic;
    }
    if (rsite == s->site || road > q->max_km)
        return 0;
    /* A route naming a receiver activity fits best a receiver of that activity. */
    if (d && rt && rt->receiver_nace >= 0) {
        if (rn < 0)
            strength *= 0.9;
        else if (!kb_nace_under(x->kb, rt->receiver_nace, rn))
            strength *= 0.75;
    }
    if (s->hazardous && !lic)
        return 0;
    if (s->hazardous || (rt && rt->permit[0]))
        flags |= ENG_F_PERMIT;
    if (rt && rt->purity[0])
        flags |= ENG_F_PURITY;
    sm = s->months ? s->months : MONTHS_ALL;
    dm = d && d->months ? d->months : MONTHS_ALL;
    if ((sm & dm) == 0)
        return 0;
    if ((sm & dm) != dm)
        flags |= ENG_F_MONTHS;
    /* Physical state: the route's requirement, or equality for identity. */
    if (rt && rt->state != STATE_NONE) {
        if (q->sstate == STATE_NONE)
            flags |= ENG_F_STATE;
        else if (q->sstate != rt->state)
            return 0;
    } else if (!rt && d) {
        enum flow_state ds =
            d->state != STATE_NONE ? (enum flow_state)d->state : kb_code_state(x->kb, d->code);
        if (q->sstate != STATE_NONE && ds != STATE_NONE && q->sstate != ds)
            return 0;
    }
    if (!temp_ok(x, s->code, s, d, rt, &flags))
        return 0;
    /* Quantity: the supply must cover at least min_coverage of the demand. */
    c.qty = -1;
    qfit = 0.5;
    if (d && s->qty_year >= 0 && d->qty_year >= 0) {
        if (s->unit == d->unit) {
            if (s->qty_year < x->o->min_coverage * d->qty_year)
                return 0;
            fit = 1;
            c.qty = (float)(s->qty_year < d->qty_year ? s->qty_year : d->qty_year);
        } else {
            flags |= ENG_F_UNITS;
            c.qty = (float)s->qty_year;
        }
    } else {
        c.qty = s->qty_year >= 0 ? (float)s->qty_year : -1.0f;
    }
    if (s->inferred || !d || d->inferred || s->qty_year < 0 || (d && d->qty_year < 0))
        flags |= ENG_F_QTY;
    conf = q->conf_sup * (d ? eng_conf_flow(d) : ENG_CONF_NACE);
    q->nhit++; /* a valid receiver, of whichever kind: counts for the search budget */
    kind = (!s->inferred && d && !d->inferred) ? CAND_SUBSTITUTION : CAND_PROSPECTIVE;
    if (!(x->o->kinds & (1u << kind)))
        return 0;
    /* A full heap takes nothing below its worst: the score with a perfect
     * quantity fit bounds this one (the product rounds monotonically), so
     * most hits of a busy site stop here without the fit's two pow(). */
    if (q->h->n == q->h->cap &&
        (float)eng_score(strength, road, q->max_km, 1.0, conf) < q->h->v[0].score)
        return 0;
    if (fit)
        qfit = eng_qty_fit(s->qty_year, d->qty_year);
    c.score = (float)eng_score(strength, road, q->max_km, qfit, conf);
    c.dist_km = (float)road;
    c.sup_flow = q->sflow;
    c.other = d ? id : ENG_NONE;
    c.rec_site = rsite;
    c.route = (int16_t)q->t->route;
    c.kind = (uint8_t)kind;
    c.flags = flags;
    heap_offer(q->h, &c);
    return 0;
}

/* Lists the targets of a supply flow: demand codes by identity and routes,
 * receiver NACE classes by routes. */
static size_t targets_of(struct eng_ctx *x, const struct eng_flow *s, struct target *t)
{
    const struct kb *kb = x->kb;
    const int32_t *routes;
    size_t n = 0, nr = kb_routes_for(kb, s->code, &routes);
    int want_nace = (x->o->kinds & ENG_PROSPECTIVE) != 0;

    /* Identity: the same code, a descendant (receiver is specific) or an
     * ancestor (receiver asks for the general class). */
    for (uint32_t k = x->desc_off[s->code]; k < x->desc_off[s->code + 1] && n < MAX_TARGETS; k++)
        t[n++] = (struct target){-1, x->desc[k], 0, x->desc[k] == (uint32_t)s->code ? 1.0 : 0.8,
                                 x->desc[k] != (uint32_t)s->code};
    for (int32_t a = kb_code_parent(kb, s->code); a >= 0 && n < MAX_TARGETS;
         a = kb_code_parent(kb, a))
        if (x->dem_off[a + 1] > x->dem_off[a])
            t[n++] = (struct target){-1, (uint32_t)a, 0, 0.9, 1};
    for (size_t i = 0; i < nr; i++) {
        const struct kb_route *rt = kb_route(kb, (size_t)routes[i]);
        if (rt->demand >= 0) {
            int32_t dc = rt->demand;
            for (uint32_t k = x->desc_off[dc]; k < x->desc_off[dc + 1] && n < MAX_TARGETS; k++)
                t[n++] = (struct target){routes[i], x->desc[k], 0,
                                         rt->strength * (x->desc[k] == (uint32_t)dc ? 1.0 : 0.9),
                                         x->desc[k] != (uint32_t)dc};
            for (int32_t a = kb_code_parent(kb, dc); a >= 0 && n < MAX_TARGETS;
                 a = kb_code_parent(kb, a))
                if (x->dem_off[a + 1] > x->dem_off[a])
                    t[n++] = (struct target){routes[i], (uint32_t)a, 0, rt->strength * 0.8, 1};
        }
        if (rt->receiver_nace >= 0 && want_nace && n < MAX_TARGETS &&
            x->rsite_off[routes[i] + 1] > x->rsite_off[routes[i]])
            t[n++] = (struct target){routes[i], (uint32_t)routes[i], 1, rt->strength, 0};
    }
    return n;
}

/* The tree a target is searched in: a hazardous supply only goes to licensed
 * sites (on_hit would refuse the others), so it searches their own tree. */
static const struct kdtree *target_tree(const struct eng_ctx *x, const struct target *t, int haz,
                                        const struct eng_rec **rec)
{
    if (rec)
        *rec = t->nace ? NULL : haz ? x->drec_lic[t->code] : x->drec[t->code];
    if (t->nace)
        return haz ? x->rtree_lic[t->code] : x->rtree[t->code];
    return haz ? x->dtree_lic[t->code] : x->dtree[t->code];
}

/* Appends a hit to the scratch (kdtree_search callback). */
static int fetch_cb(void *ctx, uint32_t pos, uint32_t id, double d)
{
    struct heap *h = ctx;

    if (h->nbuf == h->capbuf) {
        size_t nc = h->capbuf ? 2 * h->capbuf : 1024;
        struct kdtree_hit *v = realloc(h->buf, nc * sizeof *v);
        if (!v)
            return SY_ENOMEM;
        h->buf = v;
        h->capbuf = nc;
    }
    h->buf[h->nbuf++] = (struct kdtree_hit){pos, id, d};
    return 0;
}

/* Searches one supply flow's targets ring by ring into the site's heap.
 *
 * Rings: 2, 4, 8 ... km up to the straight-line maximum; after each ring a
 * target stops once search_budget receivers passed the filters, or once its
 * best possible score cannot enter the full heap. A target dense enough to
 * have search_budget points within 1 km starts at a smaller ring, 2 km / 2^j
 * (j <= RING_HALVINGS), the smallest that still holds that many points: the
 * ring boundaries stay the same and sparse targets are searched as before,
 * while a target in a dense town stops after a few dozen receivers instead of
 * the thousands within 2 km.
 *
 * How the rings are read does not change what they hold: a density probe
 * (the distance to the search_budget-th nearest point) tells the first ring
 * the budget could be reached at, and everything up to that ring is fetched
 * by one tree query and replayed ring by ring, so each
 * ring sees the same receivers as its own query would; later rings are
 * queried one by one. */
#define RING_FIRST_KM 2.0
#define RING_HALVINGS 8 /* the finest first ring: 2 km / 256 = 7.8 m */

static int search_flow(struct eng_ctx *x, struct heap *h, uint32_t fi)
{
    struct query q;
    struct kdtree_q ring, probe;
    const struct eng_flow *s = &x->res->flows[fi];
    const struct target *t = h->tv + h->toff[s->code];
    size_t nt = h->toff[s->code + 1] - h->toff[s->code];
    double max_km, rmax, r, r0, prev = 0, bound[MAX_TARGETS], start[MAX_TARGETS];
    double ahead[MAX_TARGETS]; /* fetched up to this ring */
    double key_max[MAX_TARGETS];
    size_t cur[MAX_TARGETS], end[MAX_TARGETS];
    unsigned char active[MAX_TARGETS];
    uint32_t hits[MAX_TARGETS];
    unsigned budget = (unsigned)x->o->search_budget;

    if (nt == 0)
        return 0;
    max_km = eng_max_km(x, s->code);
    rmax = max_km / x->o->detour;
    memset(&q, 0, sizeof q);
    q.x = x;
    q.h = h;
    q.s = s;
    q.sflow = fi;
    q.max_km = max_km;
    q.conf_sup = eng_conf_flow(s);
    q.sstate = s->state != STATE_NONE ? (enum flow_state)s->state : kb_code_state(x->kb, s->code);
    r0 = rmax < RING_FIRST_KM ? rmax : RING_FIRST_KM;
    r = r0;
    kdtree_q_centre(&ring, x->flat[fi], x->flon[fi]);
    probe = ring;
    kdtree_q_ring(&probe, 0, rmax);
    h->nbuf = 0;
    /* The best score each target could still give (quantity fit <= 1, or
     * exactly 0.5 and NACE confidence for receivers by activity), before the
     * distance term: a target is dropped once even that cannot enter the heap. */
    for (size_t k = 0; k < nt; k++) {
        const struct kdtree *g = target_tree(x, &t[k], s->hazardous, NULL);
        double dk = INFINITY;
        bound[k] =
            t[k].strength * q.conf_sup * (t[k].nace ? 0.5 * ENG_CONF_NACE : x->dem_conf[t[k].code]);
        active[k] = 1;
        hits[k] = 0;
        start[k] = r0;
        ahead[k] = 0;
        cur[k] = end[k] = 0;
        /* Demands this supply cannot cover are left out by the tree. */
        key_max[k] = INFINITY;
        if (!t[k].nace && s->qty_year >= 0 && x->o->min_coverage > 0 &&
            x->dunit[t[k].code] == s->unit)
            key_max[k] = s->qty_year / x->o->min_coverage * (1 + 1e-9);
        probe.key_max = key_max[k];
        if (budget <= 64 && kdtree_count(g) >= budget) {
            dk = kdtree_kth_km(g, &probe, budget);
            for (int j = 0; j < RING_HALVINGS && start[k] / 2 >= dk; j++)
                start[k] /= 2;
        }
        /* The ring the budget could first be reached at (rmax if never). */
        ahead[k] = start[k];
        while (ahead[k] < dk && ahead[k] < rmax)
            ahead[k] = 2 * ahead[k] < rmax ? 2 * ahead[k] : rmax;
        if (start[k] < r)
            r = start[k];
    }
    for (;;) {
        size_t nact = 0;
        kdtree_q_ring(&ring, prev, r);
        for (size_t k = 0; k < nt; k++) {
            const struct kdtree *g = target_tree(x, &t[k], s->hazardous, &q.rec);
            if (!active[k] || start[k] > r)
                continue;
            q.t = &t[k];
            q.nhit = 0;
            ring.key_max = key_max[k];
            if (start[k] == r) {
                /* First ring of this target: fetch up to ahead[k]. */
                struct kdtree_q f = ring;
                size_t from = h->nbuf;
                kdtree_q_ring(&f, 0, ahead[k]);
                if (kdtree_search(g, &f, fetch_cb, h))
                    return SY_ENOMEM;
                cur[k] = from;
                end[k] = h->nbuf;
            }
            if (r <= ahead[k]) {
                /* This ring's hits to the front of what is left, then read. */
                for (size_t i = cur[k]; i < end[k]; i++) {
                    struct kdtree_hit b = h->buf[i];
                    if (b.dist_km > r)
                        continue;
                    h->buf[i] = h->buf[cur[k]];
                    h->buf[cur[k]++] = b;
                    on_hit(&q, b.pos, b.id, b.dist_km);
                }
            } else {
                kdtree_search(g, &ring, on_hit, &q);
            }
            /* The search budget: enough nearby receivers seen for this target. */
            hits[k] += q.nhit;
            if (hits[k] >= budget)
                active[k] = 0;
        }
        if (r >= rmax)
            break;
        /* Anything beyond r scores below bound x distance(r). */
        if (h->n == h->cap) {
            double dr = eng_score(1.0, r * x->o->detour, max_km, 1.0, 1.0);
            for (size_t k = 0; k < nt; k++)
                if (active[k] && start[k] <= r && bound[k] * dr <= h->v[0].score)
                    active[k] = 0;
        }
        for (size_t k = 0; k < nt; k++)
            nact += active[k];
        if (nact == 0)
            break;
        prev = r;
        r = 2 * r < rmax ? 2 * r : rmax;
    }
    return 0;
}

static int cand_cmp(const void *a, const void *b)
{
    const struct eng_cand *x = a, *y = b;
    if (eng_better(x, y))
        return -1;
    return eng_better(y, x) ? 1 : 0;
}

/* Detection is split in chunks of consecutive supplying sites, taken in turn
 * by up to DETECT_THREADS threads (the kb, the trees and the flows are
 * read-only meanwhile); each chunk keeps its candidates apart and they are
 * appended in chunk order, so that the output does not depend on the number
 * of threads or on their timing. */
#define DETECT_CHUNK 2048
#define DETECT_THREADS 8

struct chunk {
    struct eng_cand *v; /* its place in the shared output, or its own buffer */
    size_t n, cap;
    int own; /* v is its own buffer (growable) */
    int rc;
};

struct detect_job {
    struct eng_ctx *x;
    uint32_t *toff; /* [ncodes + 1] targets of each supply code */
    struct target *tv;
    const uint32_t *order; /* supplying sites, nearby sites together */
    size_t norder;
    struct chunk *chunks;
    size_t nchunks;
    atomic_size_t next;
};

static int chunk_run(struct eng_ctx *x, struct chunk *c, struct heap *h, const uint32_t *order,
                     size_t lo, size_t hi)
{
    const struct eng_flow *fl = x->res->flows;
    int rc;

    for (size_t oi = lo; oi < hi; oi++) {
        uint32_t si = order[oi];
        h->n = 0;
        for (uint32_t k = x->site_off[si]; k < x->site_off[si + 1]; k++) {
            uint32_t fi = x->site_flows[k];
            if (fl[fi].dir != FLOW_SUPPLY || !isfinite(x->flat[fi]))
                continue;
            if ((rc = search_flow(x, h, fi)))
                return rc;
        }
        qsort(h->v, h->n, sizeof *h->v, cand_cmp);
        if (c->own && c->n + h->n > c->cap) {
            size_t nc = c->cap ? 2 * c->cap : 4 * h->cap + 64;
            struct eng_cand *v;
            while (nc < c->n + h->n)
                nc *= 2;
            if (!(v = realloc(c->v, nc * sizeof *v)))
                return SY_ENOMEM;
            c->v = v;
            c->cap = nc;
        }
        memcpy(c->v + c->n, h->v, h->n * sizeof *h->v);
        c->n += h->n;
    }
    return 0;
}

/* A worker: takes the next chunk until none is left. The calling thread
 * (main = 1) reports progress; the others never call back. */
static void detect_work(struct detect_job *j, int main)
{
    struct eng_ctx *x = j->x;
    struct heap h;

    h.cap = (size_t)x->o->max_per_supplier;
    h.n = 0;
    h.v = malloc(h.cap * sizeof *h.v);
    h.buf = NULL;
    h.nbuf = h.capbuf = 0;
    h.toff = j->toff;
    h.tv = j->tv;
    for (;;) {
        size_t c = atomic_fetch_add(&j->next, 1), lo = c * DETECT_CHUNK;
        size_t hi = lo + DETECT_CHUNK < j->norder ? lo + DETECT_CHUNK : j->norder;
        if (c >= j->nchunks)
            break;
        if (!h.v) {
            j->chunks[c].rc = SY_ENOMEM;
            continue;
        }
        if (main && x->progress)
            x->progress(x->pctx, "detect", (double)lo / (double)j->norder);
        j->chunks[c].rc = chunk_run(x, &j->chunks[c], &h, j->order, lo, hi);
    }
    free(h.v);
    free(h.buf);
}

static void *detect_thread(void *arg)
{
    detect_work(arg, 0);
    return NULL;
}

static unsigned detect_nthreads(size_t nchunks)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);

    if (n < 1)
        n = 1;
    if (n > DETECT_THREADS)
        n = DETECT_THREADS;
    return (size_t)n < nchunks ? (unsigned)n : (unsigned)nchunks;
}

/* The targets of every code some flow supplies, computed once (they depend
 * on the code only). */
static int targets_by_code(struct eng_ctx *x, struct detect_job *j)
{
    const struct eng_result *r = x->res;
    size_t nc = x->ncodes, total = 0;
    uint8_t *sup = calloc(nc ? nc : 1, 1);
    struct eng_flow probe;
    int rc = SY_ENOMEM;

    j->toff = calloc(nc + 1, sizeof *j->toff);
    j->tv = NULL;
    if (!sup || !j->toff)
        goto out;
    for (size_t f = 0; f < r->nflows; f++)
        if (r->flows[f].dir == FLOW_SUPPLY)
            sup[r->flows[f].code] = 1;
    memset(&probe, 0, sizeof probe);
    for (size_t c = 0; c < nc; c++) {
        struct target t[MAX_TARGETS];
        j->toff[c] = (uint32_t)total;
        if (sup[c]) {
            probe.code = (int32_t)c;
            total += targets_of(x, &probe, t);
        }
    }
    j->toff[nc] = (uint32_t)total;
    if (!(j->tv = malloc((total ? total : 1) * sizeof *j->tv)))
        goto out;
    for (size_t c = 0; c < nc; c++)
        if (sup[c]) {
            probe.code = (int32_t)c;
            targets_of(x, &probe, j->tv + j->toff[c]);
        }
    rc = 0;
out:
    free(sup);
    if (rc) {
        free(j->toff);
        j->toff = NULL;
    }
    return rc;
}

/* The supplying sites in the order of a k-d tree over their positions
 * (kdtree_ids of *out): consecutive sites are neighbours and query the same
 * parts of the same trees, which stay in cache. The output order is made by
 * engine.c's final sort, so it does not depend on this one. */
static int site_order(struct eng_ctx *x, struct kdtree **out)
{
    const struct eng_flow *fl = x->res->flows;
    size_t ns = x->nsites, n = 0;
    double *la = malloc((ns ? ns : 1) * sizeof *la), *lo = malloc((ns ? ns : 1) * sizeof *lo);
    uint32_t *ids = malloc((ns ? ns : 1) * sizeof *ids);
    int rc = SY_ENOMEM;

    if (!la || !lo || !ids)
        goto out;
    for (size_t si = 0; si < ns; si++) {
        int sup = 0;
        la[si] = x->sites[si].lat;
        lo[si] = x->sites[si].lon;
        for (uint32_t k = x->site_off[si]; k < x->site_off[si + 1] && !sup; k++)
            sup = fl[x->site_flows[k]].dir == FLOW_SUPPLY && isfinite(x->flat[x->site_flows[k]]);
        if (sup)
            ids[n++] = (uint32_t)si;
    }
    rc = kdtree_build(out, la, lo, ids, n, NULL);
out:
    free(la);
    free(lo);
    free(ids);
    return rc;
}

int eng_detect(struct eng_ctx *x)
{
    struct detect_job j;
    pthread_t tid[DETECT_THREADS];
    unsigned nt, started = 0;
    size_t total = 0, cap = (size_t)x->o->max_per_supplier;
    struct kdtree *tree = NULL;
    int slots = 0;
    int rc = 0;

    j.x = x;
    if (targets_by_code(x, &j))
        return err_set(x->e, SY_ENOMEM, "out of memory detecting candidates");
    if ((rc = site_order(x, &tree))) {
        free(j.toff);
        free(j.tv);
        return err_set(x->e, SY_ENOMEM, "out of memory detecting candidates");
    }
    j.order = kdtree_ids(tree);
    j.norder = kdtree_count(tree);
    j.nchunks = (j.norder + DETECT_CHUNK - 1) / DETECT_CHUNK;
    atomic_init(&j.next, 0);
    j.chunks = calloc(j.nchunks ? j.nchunks : 1, sizeof *j.chunks);
    if (!j.chunks) {
        free(j.toff);
        free(j.tv);
        kdtree_free(tree);
        return err_set(x->e, SY_ENOMEM, "out of memory detecting candidates");
    }
    /* Each site has at most cap candidates: give each chunk its slots in one
     * output array. Pages never written are never resident, so this costs
     * the candidates found, once, instead of per-chunk copies (at a million
     * sites, half a gigabyte less at the peak). */
    if (j.norder && j.norder <= (SIZE_MAX / sizeof *x->cands - x->ncands) / cap) {
        struct eng_cand *v = realloc(x->cands, (x->ncands + j.norder * cap) * sizeof *v);
        if (v) {
            x->cands = v;
            x->capcands = x->ncands + j.norder * cap;
            slots = 1;
        }
    }
    for (size_t c = 0; c < j.nchunks; c++) {
        j.chunks[c].own = !slots;
        if (slots) {
            j.chunks[c].v = x->cands + x->ncands + c * DETECT_CHUNK * cap;
            j.chunks[c].cap = DETECT_CHUNK * cap;
        }
    }
    nt = detect_nthreads(j.nchunks);
    /* A thread that cannot start is no error: the others do its share. */
    for (unsigned t = 1; t < nt; t++)
        if (pthread_create(&tid[started], NULL, detect_thread, &j) == 0)
            started++;
    detect_work(&j, 1);
    for (unsigned t = 0; t < started; t++)
        pthread_join(tid[t], NULL);
    for (size_t c = 0; c < j.nchunks && !rc; c++) {
        rc = j.chunks[c].rc;
        total += j.chunks[c].n;
    }
    if (!rc && !slots && total > x->capcands - x->ncands) {
        struct eng_cand *v = realloc(x->cands, (x->ncands + total) * sizeof *v);
        if (v) {
            x->cands = v;
            x->capcands = x->ncands + total;
        } else {
            rc = SY_ENOMEM;
        }
    }
    /* Chunk by chunk, in order, down to their final places. */
    for (size_t c = 0; c < j.nchunks; c++) {
        if (!rc && j.chunks[c].n) {
            memmove(x->cands + x->ncands, j.chunks[c].v, j.chunks[c].n * sizeof *x->cands);
            x->ncands += j.chunks[c].n;
        }
        if (j.chunks[c].own)
            free(j.chunks[c].v);
    }
    if (!rc && slots && x->ncands < x->capcands) {
        struct eng_cand *v = realloc(x->cands, (x->ncands ? x->ncands : 1) * sizeof *v);
        if (v) {
            x->cands = v;
            x->capcands = x->ncands ? x->ncands : 1;
        }
    }
    free(j.chunks);
    free(j.toff);
    free(j.tv);
    kdtree_free(tree);
    if (rc)
        return err_set(x->e, SY_ENOMEM, "out of memory detecting candidates");
    return 0;
}

/* Adds the flows a site's sector profile suggests and it has not declared. */
int eng_infer(struct eng_ctx *x)
{
    struct eng_result *r = x->res;
    size_t cap = r->nflows;

    for (size_t si = 0; si < x->nsites; si++) {
        const struct eng_site *st = &x->sites[si];
        const struct kb_profile *p;
        size_t np = kb_profiles_for(x->kb, st->nace, &p);

        if (np == 0 || !geo_valid(st->lat, st->lon))
            continue;
        for (size_t k = 0; k < np; k++) {
            struct eng_flow *f;
            int dup = 0;
            for (uint32_t j = x->site_off[si]; j < x->site_off[si + 1] && !dup; j++) {
                const struct eng_flow *g = &r->flows[x->site_flows[j]];
                dup = g->dir == p[k].dir && g->code == p[k].code;
            }
            if (dup)
                continue;
            if (r->nflows == cap) {
                size_t nc = cap ? 2 * cap : 1024;
                struct eng_flow *v = realloc(r->flows, nc * sizeof *v);
                if (!v)
                    return err_set(x->e, SY_ENOMEM, "out of memory inferring flows");
                r->flows = v;
                cap = nc;
            }
            f = &r->flows[r->nflows++];
            memset(f, 0, sizeof *f);
            f->site = (uint32_t)si;
            f->code = p[k].code;
            f->dir = (uint8_t)p[k].dir;
            f->unit = (uint8_t)p[k].unit;
            f->months = MONTHS_ALL;
            f->hazardous = (uint8_t)(p[k].hazardous || kb_code_hazardous(x->kb, p[k].code));
            if (p[k].intensity >= 0 && st->workforce > 0) {
                f->qty_year = p[k].intensity * st->workforce;
                f->inferred = 1;
            } else {
                f->qty_year = -1;
                f->inferred = 2;
            }
        }
    }
    return 0;
}
