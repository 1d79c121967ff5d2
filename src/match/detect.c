/*
 * detect.c - substitution and prospective detection.
 *
 * For each supplying site, each of its supply flows lists its targets (demand
 * codes reached by identity or by a route; receiver NACE classes reached by a
 * route) and asks each target's k-d tree for its nearest receivers within the
 * resource's maximum distance, search_budget at a time, until search_budget of
 * them passed the filters (self, hazard permit, months, state, temperature,
 * quantity). Each is scored into a small per-site heap. Once the heap is full,
 * a target is searched only as far as a receiver could still enter it, and not
 * at all when even a receiver at the gate could not.
 */
#include "match/engine_int.h"
#include "geo/geo.h"

#include <assert.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TARGETS 128

struct target {
    int32_t route; /* -1 identity */
    uint32_t code; /* demand code (tree index), or receiver group for NACE targets */
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
    uint64_t seen; /* receivers offered for the current supply flow (seen_bit) */
    /* Scratch of search_flow: the nearest points of one target. */
    struct kdtree_near *near;
    size_t capnear;
    struct grid_hit *ghit; /* the same with ENG_INDEX_GRID (capnear too) */
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
    const struct eng_rec *rec; /* payload of the current target's tree (NULL: a grid) */
    double key_max;            /* the current target's quantity bound (INFINITY: none) */
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

/* Bit of a receiving site in heap.seen. */
static uint64_t seen_bit(uint32_t site)
{
    return (uint64_t)1 << ((site * 0x9e3779b1u) >> 26);
}

static void heap_offer(struct heap *h, const struct eng_cand *c)
{
    uint64_t bit = seen_bit(c->rec_site);

    /* A full heap takes nothing below its worst (nor does a duplicate of
     * one of its candidates, which is at least as good as the worst). */
    if (h->n == h->cap && !eng_better(c, &h->v[0]))
        return;
    /* One candidate per (supply flow, receiver): keep the better. The
     * receivers this flow offered (a Bloom filter) spare most scans. */
    if (h->seen & bit) {
        for (size_t i = 0; i < h->n; i++) {
            if (h->v[i].sup_flow == c->sup_flow && h->v[i].rec_site == c->rec_site) {
                if (eng_better(c, &h->v[i])) {
                    h->v[i] = *c;
                    heap_down(h, i);
                }
                return;
            }
        }
    }
    h->seen |= bit;
    if (h->n < h->cap) {
        h->v[h->n++] = *c;
        heap_up(h, h->n - 1);
    } else {
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
        lic = s->hazardous ? x->site_lic[rsite] : 0; /* read only when it matters */
    } else if (q->rec) {
        const struct eng_rec *rec = &q->rec[pos]; /* a tree's payload */
        d = &rec->f;
        rsite = d->site;
        rn = rec->nace;
        lic = rec->lic;
    } else {
        d = &x->res->flows[id]; /* a grid's id is the flow */
        rsite = d->site;
        rn = x->sites[rsite].nace;
        lic = x->site_lic[rsite];
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
    /* Quantity. A declared pair is never hidden by coverage. A pair with a
     * presumed side stands when the supplies reaching its demand cover
     * min_coverage of it together (several small suppliers may feed one large
     * receiver): cover_filter sums them once detection is done. With
     * coverage_per_pair, the pair's own supply must cover it. */
    c.qty = -1;
    qfit = 0.5;
    if (d && s->qty_year >= 0 && d->qty_year >= 0) {
        if (s->unit == d->unit) {
            if (x->o->coverage_per_pair && s->qty_year < x->o->min_coverage * d->qty_year &&
                (s->inferred || d->inferred))
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
        if (rt->receiver_nace >= 0 && want_nace && n < MAX_TARGETS) {
            int32_t g = x->rgroup[routes[i]];
            if (x->rsite_off[g + 1] > x->rsite_off[g])
                t[n++] = (struct target){routes[i], (uint32_t)g, 1, rt->strength, 0};
        }
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

/* The same with ENG_INDEX_GRID. */
static const struct grid *target_grid(const struct eng_ctx *x, const struct target *t, int haz)
{
    if (t->nace)
        return haz ? x->rgrid_lic[t->code] : x->rgrid[t->code];
    return haz ? x->dgrid_lic[t->code] : x->dgrid[t->code];
}

/* grid_nearest's filter with ENG_INDEX_GRID: what a keyed tree leaves out,
 * demands the supply cannot cover (ctx: the quantity bound). */
static int grid_key_ok(void *ctx, uint32_t id, double dist_km)
{
    const struct query *q = ctx;
    const struct eng_flow *d = &q->x->res->flows[id];
    (void)dist_km;
    return d->qty_year < 0 || d->qty_year <= q->key_max;
}

/* Searches one supply flow's targets into the site's heap, the most promising
 * first: a full heap then bounds the search of the others.
 *
 * A target's receivers are read nearest first from its tree, search_budget at
 * a time (a larger batch only when some of the first failed the filters),
 * until search_budget passed the filters or none is left within reach. The
 * reach is the resource's maximum distance, or less once the heap is full: the
 * distance beyond which even a perfect quantity fit (bound[k], the best
 * strength x confidence product of the target) scores below the heap's worst.
 * Whatever that leaves out could not have entered the heap, so the result
 * does not depend on the order of the targets or of the sites. */
static int search_flow(struct eng_ctx *x, struct heap *h, uint32_t fi)
{
    struct query q;
    struct kdtree_q ring;
    const struct eng_flow *s = &x->res->flows[fi];
    const struct target *t = h->tv + h->toff[s->code];
    size_t nt = h->toff[s->code + 1] - h->toff[s->code];
    double max_km, rmax, bound[MAX_TARGETS], key_max;
    uint8_t idx[MAX_TARGETS];
    unsigned budget = (unsigned)x->o->search_budget;
    int grid = x->o->index == ENG_INDEX_GRID;

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
    kdtree_q_centre(&ring, x->flat[fi], x->flon[fi]);
    h->seen = 0;
    /* With coverage_per_pair, demands this supply cannot cover alone are left out
     * by keyed trees; a declared supply keeps them all (a declared demand is
     * never hidden by coverage). Cumulated coverage must see them all. */
    key_max = INFINITY;
    if (x->o->coverage_per_pair && s->inferred && s->qty_year >= 0 && x->o->min_coverage > 0)
        key_max = s->qty_year / x->o->min_coverage * (1 + 1e-9);
    /* The best score each target could give (quantity fit <= 1, or exactly
     * 0.5 and NACE confidence for receivers by activity), before distance;
     * targets by decreasing bound (insertion sort: a few dozen at most). */
    for (size_t k = 0; k < nt; k++) {
        size_t j = k;
        bound[k] =
            t[k].strength * q.conf_sup * (t[k].nace ? 0.5 * ENG_CONF_NACE : x->dem_conf[t[k].code]);
        for (; j > 0 && bound[idx[j - 1]] < bound[k]; j--)
            idx[j] = idx[j - 1];
        idx[j] = (uint8_t)k;
    }
    for (size_t ki = 0; ki < nt; ki++) {
        size_t k = idx[ki], want = budget, done = 0, n, count;
        /* The target's index: a tree with its payload, or a grid (ids are flows). */
        const struct grid *gg = grid ? target_grid(x, &t[k], s->hazardous) : NULL;
        const struct kdtree *g = grid ? NULL : target_tree(x, &t[k], s->hazardous, &q.rec);
        const uint32_t *ids = g ? kdtree_ids(g) : NULL;
        double r = rmax;

        if (grid ? !gg : !g)
            continue;
        if (grid)
            q.rec = NULL;
        count = grid ? grid_count(gg) : kdtree_count(g);
        if (h->n == h->cap) {
            /* bound x (1 - 0.5 (road / max_km)^2) >= worst, with a margin
             * for the float rounding of scores. */
            double f = 2 * (1 - h->v[0].score / bound[k]) + 1e-6;
            if (f < 0)
                continue;
            if (f < 1 && max_km * sqrt(f) / x->o->detour < r)
                r = max_km * sqrt(f) / x->o->detour;
        }
        kdtree_q_ring(&ring, 0, r);
        q.key_max = !t[k].nace && x->dunit[t[k].code] == s->unit ? key_max : INFINITY;
        ring.key_max = q.key_max;
        q.t = &t[k];
        q.nhit = 0;
        for (;;) {
            if (want > h->capnear || !h->near || !h->ghit) {
                struct kdtree_near *v = realloc(h->near, want * sizeof *v);
                struct grid_hit *gv = v ? realloc(h->ghit, want * sizeof *gv) : NULL;
                if (v)
                    h->near = v;
                if (!v || !gv)
                    return SY_ENOMEM;
                h->ghit = gv;
                h->capnear = want;
            }
            /* Nearest first, ties in a fixed order: a larger batch begins
             * with the smaller one, whose points were already read. */
            n = grid ? grid_nearest(gg, ring.lat, ring.lon, 0, r, want, NULL,
                                    isfinite(q.key_max) ? grid_key_ok : NULL, &q, h->ghit)
                     : kdtree_knn(g, &ring, want, h->near);
            for (size_t i = done; i < n && q.nhit < budget; i++) {
                if (grid) {
                    on_hit(&q, 0, h->ghit[i].id, h->ghit[i].dist_km);
                } else {
                    uint32_t p = h->near[i].pos;
                    double d = kdtree_chord_km(h->near[i].c2);
                    if (d <= r)
                        on_hit(&q, p, ids[p], d);
                }
            }
            if (q.nhit >= budget || n < want || want >= count)
                break;
            done = n;
            want *= 2;
        }
    }
    return 0;
}

/* Detection is split in chunks of consecutive supplying sites, taken in turn
 * by up to ENG_THREADS threads (the kb, the trees and the flows are
 * read-only meanwhile); each chunk keeps its candidates apart and they are
 * appended in chunk order, so that the output does not depend on the number
 * of threads or on their timing. */
#define DETECT_CHUNK 2048

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
    uint32_t *soff, *sfl;  /* supply flows of order[i]: sfl[soff[i] .. soff[i+1]) */
    size_t norder;
    struct chunk *chunks;
    size_t nchunks;
    atomic_size_t next;
};

static int chunk_run(struct eng_ctx *x, struct chunk *c, struct heap *h, const struct detect_job *j,
                     size_t lo, size_t hi)
{
    int rc;

    for (size_t oi = lo; oi < hi; oi++) {
        uint32_t si = j->order[oi];
        h->n = 0;
        for (uint32_t k = j->soff[oi]; k < j->soff[oi + 1]; k++)
            if ((rc = search_flow(x, h, j->sfl[k])))
                return rc;
        /* By score: insertion sort, the heap holds max_per_supplier at most. */
        for (size_t i = 1; i < h->n; i++) {
            struct eng_cand t = h->v[i];
            size_t p = i;
            for (; p > 0 && eng_better(&t, &h->v[p - 1]); p--)
                h->v[p] = h->v[p - 1];
            h->v[p] = t;
        }
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
        x->run_off[si] = (uint32_t)c->n; /* within the chunk until eng_detect moves it */
        x->run_n[si] = (uint32_t)h->n;
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
    h.near = NULL;
    h.capnear = 0;
    h.ghit = NULL;
    h.toff = j->toff;
    h.tv = j->tv;
    for (;;) {
        size_t c = atomic_fetch_add(&j->next, 1), lo = c * DETECT_CHUNK;
        size_t hi = lo + DETECT_CHUNK < j->norder ? lo + DETECT_CHUNK : j->norder;
        if (c >= j->nchunks)
            break;
        if (!h.v || eng_cancelled(x)) {
            j->chunks[c].rc = h.v ? SY_ECANCELLED : SY_ENOMEM;
            continue;
        }
        if (main && x->progress)
            x->progress(x->pctx, "detect", (double)lo / (double)j->norder);
        j->chunks[c].rc = chunk_run(x, &j->chunks[c], &h, j, lo, hi);
    }
    free(h.v);
    free(h.near);
    free(h.ghit);
}

static void *detect_thread(void *arg)
{
    detect_work(arg, 0);
    return NULL;
}

static unsigned detect_nthreads(const struct eng_ctx *x, size_t nchunks)
{
    unsigned n = eng_nthreads(x->o);

    return n < nchunks ? n : (unsigned)nchunks;
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

/* Bits 0..15 of v spread to the even bits of the result. */
static uint32_t spread16(uint32_t v)
{
    v &= 0xffff;
    v = (v | (v << 8)) & 0x00ff00ffu;
    v = (v | (v << 4)) & 0x0f0f0f0fu;
    v = (v | (v << 2)) & 0x33333333u;
    v = (v | (v << 1)) & 0x55555555u;
    return v;
}

/* The supplying sites along a Z-order (Morton) curve of their positions, cells
 * of about 300 m by 600 m: consecutive sites are mostly neighbours and query
 * the same parts of the same trees, which stay in cache. Two radix passes over
 * (key << 32 | site). The output order is made by engine.c's final sort, so it
 * does not depend on this one. *out: the sites, *n their number. */
static int site_order(struct eng_ctx *x, uint32_t **out, size_t *n)
{
    const struct eng_flow *fl = x->res->flows;
    size_t ns = x->nsites, m = 0;
    uint64_t *a = malloc((ns ? ns : 1) * sizeof *a), *b = malloc((ns ? ns : 1) * sizeof *b);
    uint32_t *cnt = calloc(1u << 16, sizeof *cnt), *v = NULL;

    if (!a || !b || !cnt)
        goto out;
    for (size_t si = 0; si < ns; si++) {
        int sup = 0;
        for (uint32_t k = x->site_off[si]; k < x->site_off[si + 1] && !sup; k++)
            sup = fl[x->site_flows[k]].dir == FLOW_SUPPLY && isfinite(x->flat[x->site_flows[k]]);
        if (sup) {
            uint32_t la = (uint32_t)((x->sites[si].lat + 90) / 180 * 65535.0);
            uint32_t lo = (uint32_t)((x->sites[si].lon + 180) / 360 * 65535.0);
            a[m++] = (uint64_t)(spread16(la) << 1 | spread16(lo)) << 32 | si;
        }
    }
    for (int shift = 32; shift < 64; shift += 16) {
        uint32_t sum = 0;
        memset(cnt, 0, (1u << 16) * sizeof *cnt);
        for (size_t i = 0; i < m; i++)
            cnt[(a[i] >> shift) & 0xffff]++;
        for (size_t k = 0; k < (1u << 16); k++) {
            uint32_t c = cnt[k];
            cnt[k] = sum;
            sum += c;
        }
        for (size_t i = 0; i < m; i++)
            b[cnt[(a[i] >> shift) & 0xffff]++] = a[i];
        {
            uint64_t *t = a;
            a = b;
            b = t;
        }
    }
    if (!(v = malloc((m ? m : 1) * sizeof *v)))
        goto out;
    for (size_t i = 0; i < m; i++)
        v[i] = (uint32_t)a[i];
out:
    free(a);
    free(b);
    free(cnt);
    *out = v;
    *n = m;
    return v ? 0 : SY_ENOMEM;
}

/* The supply flows of each supplying site, in the order the sites are
 * taken: read once here in a tight loop rather than between searches. */
static int supply_lists(struct eng_ctx *x, struct detect_job *j)
{
    const struct eng_flow *fl = x->res->flows;
    size_t m = 0;

    j->soff = malloc((j->norder + 1) * sizeof *j->soff);
    j->sfl = NULL;
    if (!j->soff)
        return -1;
    for (int pass = 0; pass < 2; pass++) {
        m = 0;
        for (size_t oi = 0; oi < j->norder; oi++) {
            uint32_t si = j->order[oi];
            if (pass)
                j->soff[oi] = (uint32_t)m;
            for (uint32_t k = x->site_off[si]; k < x->site_off[si + 1]; k++) {
                uint32_t fi = x->site_flows[k];
                if (fl[fi].dir != FLOW_SUPPLY || !isfinite(x->flat[fi]))
                    continue;
                if (pass)
                    j->sfl[m] = fi;
                m++;
            }
        }
        if (!pass && !(j->sfl = malloc((m ? m : 1) * sizeof *j->sfl)))
            return -1; /* eng_detect frees soff */
    }
    j->soff[j->norder] = (uint32_t)m;
    return 0;
}

/* Cumulated coverage: a pair with a presumed side stands when the known
 * supplies proposed to its demand (the detected candidates, one per supply
 * flow and receiving site, same unit) cover min_coverage of it together.
 * Sums in candidate order, which does not depend on the threads. The sites'
 * runs lie in cands in the order of sorder: compacted in place. */
static int cover_filter(struct eng_ctx *x, const uint32_t *sorder, size_t norder)
{
    const struct eng_flow *fl = x->res->flows;
    double *cum = calloc(x->res->nflows ? x->res->nflows : 1, sizeof *cum);
    size_t w = 0;

    if (!cum)
        return SY_ENOMEM;
    for (size_t i = 0; i < x->ncands; i++) {
        const struct eng_cand *c = &x->cands[i];
        if (c->other != ENG_NONE && fl[c->sup_flow].qty_year >= 0 &&
            fl[c->sup_flow].unit == fl[c->other].unit)
            cum[c->other] += fl[c->sup_flow].qty_year;
    }
    for (size_t oi = 0; oi < norder; oi++) {
        uint32_t si = sorder[oi], r = x->run_off[si], n = x->run_n[si], kept = 0;
        for (uint32_t i = r; i < r + n; i++) {
            const struct eng_cand *c = &x->cands[i];
            if (c->other != ENG_NONE) {
                const struct eng_flow *s = &fl[c->sup_flow], *d = &fl[c->other];
                if ((s->inferred || d->inferred) && s->qty_year >= 0 && d->qty_year >= 0 &&
                    s->unit == d->unit && cum[c->other] < x->o->min_coverage * d->qty_year)
                    continue;
            }
            x->cands[w + kept++] = *c;
        }
        x->run_off[si] = (uint32_t)w;
        x->run_n[si] = kept;
        w += kept;
    }
    x->ncands = w;
    free(cum);
    return 0;
}

/* Detection comes first: x->cands is empty when it starts. */
int eng_detect(struct eng_ctx *x)
{
    struct detect_job j;
    pthread_t tid[ENG_THREADS];
    unsigned nt, started = 0;
    size_t total = 0, cap = (size_t)x->o->max_per_supplier;
    uint32_t *sorder = NULL;
    int slots = 0;
    int rc = 0;

    memset(&j, 0, sizeof j);
    j.x = x;
    if (targets_by_code(x, &j) || site_order(x, &sorder, &j.norder))
        goto nomem;
    j.order = sorder;
    if (supply_lists(x, &j))
        goto nomem;
    j.nchunks = (j.norder + DETECT_CHUNK - 1) / DETECT_CHUNK;
    atomic_init(&j.next, 0);
    j.chunks = calloc(j.nchunks ? j.nchunks : 1, sizeof *j.chunks);
    x->run_off = calloc(x->nsites ? x->nsites : 1, sizeof *x->run_off);
    x->run_n = calloc(x->nsites ? x->nsites : 1, sizeof *x->run_n);
    if (!j.chunks || !x->run_off || !x->run_n)
        goto nomem;
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
    nt = detect_nthreads(x, j.nchunks);
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
            size_t hi = (c + 1) * DETECT_CHUNK < j.norder ? (c + 1) * DETECT_CHUNK : j.norder;
            memmove(x->cands + x->ncands, j.chunks[c].v, j.chunks[c].n * sizeof *x->cands);
            for (size_t oi = c * DETECT_CHUNK; oi < hi; oi++)
                x->run_off[sorder[oi]] += (uint32_t)x->ncands;
            x->ncands += j.chunks[c].n;
        }
        if (j.chunks[c].own)
            free(j.chunks[c].v);
    }
    if (!rc && !x->o->coverage_per_pair)
        rc = cover_filter(x, sorder, j.norder);
    x->ndetect = x->ncands;
    if (!rc && slots && x->ncands < x->capcands) {
        struct eng_cand *v = realloc(x->cands, (x->ncands ? x->ncands : 1) * sizeof *v);
        if (v) {
            x->cands = v;
            x->capcands = x->ncands ? x->ncands : 1;
        }
    }
    goto out;
nomem:
    rc = SY_ENOMEM;
out:
    free(j.chunks);
    free(j.toff);
    free(j.tv);
    free(j.soff);
    free(j.sfl);
    free(sorder);
    if (rc == SY_ECANCELLED)
        return err_set(x->e, rc, "detection cancelled");
    if (rc)
        return err_set(x->e, SY_ENOMEM, "out of memory detecting candidates");
    return 0;
}
