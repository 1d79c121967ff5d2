/*
 * engine.c - a matching run: options, indexes (flows by site, demands by code,
 * sites by receiver NACE, one k-d tree each), inference, the detections, and the
 * final deterministic order (suppliers by best score, then by score).
 */
#include "match/engine_int.h"
#include "geo/geo.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

unsigned eng_nthreads(const struct eng_opts *o)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);

    if (n < 1)
        n = 1;
    if (o && o->threads > 0 && n > o->threads)
        n = o->threads;
    return n > ENG_THREADS ? ENG_THREADS : (unsigned)n;
}

int eng_cancelled(const struct eng_ctx *x)
{
    return x->o->cancel && atomic_load(x->o->cancel) != 0;
}

void eng_opts_default(struct eng_opts *o)
{
    memset(o, 0, sizeof *o);
    o->detour = GEO_DETOUR_DEFAULT;
    o->min_coverage = 0.1;
    o->default_max_km = 50;
    o->mutual_radius_km = 5;
    o->mutual_min_group = 3;
    o->mutual_max_group = 30;
    o->max_per_supplier = 20;
    o->search_budget = 16;
    o->kinds = ENG_ALL;
    o->infer = 1;
}

double eng_qty_fit(double s, double d)
{
    if (!(s > 0) || !(d > 0))
        return 0.5;
    /* Weighted geometric mean of the share of the supply that finds a use
     * (weight 0.7: the supplier's point of view, a demand may have several
     * suppliers) and of the share of the demand covered (0.3). One of the
     * two shares is 1. */
    if (s <= d)
        return 0.4 + 0.6 * pow(s / d, 0.3);
    return 0.4 + 0.6 * pow(d / s, 0.7);
}

double eng_score(double strength, double dist_km, double max_km, double qty_fit, double conf)
{
    double r = max_km > 0 ? dist_km / max_km : 1;

    if (r > 1)
        r = 1;
    if (r < 0)
        r = 0;
    /* Within a resource's economic range distance matters little at first and
     * more near the limit: 1 at the gate, 0.5 at the maximum distance. */
    return strength * (1 - 0.5 * r * r) * qty_fit * conf;
}

int eng_push(struct eng_ctx *x, const struct eng_cand *c)
{
    if (x->ncands == x->capcands) {
        size_t nc = x->capcands ? 2 * x->capcands : 4096;
        struct eng_cand *v = realloc(x->cands, nc * sizeof *v);
        if (!v)
            return err_set(x->e, SY_ENOMEM, "out of memory storing candidates");
        x->cands = v;
        x->capcands = nc;
    }
    x->cands[x->ncands++] = *c;
    return 0;
}

void eng_result_release(struct eng_result *r)
{
    free(r->flows);
    free(r->cands);
    free(r->order);
    free(r->groups);
    free(r->members);
    memset(r, 0, sizeof *r);
}

/* Each of the n indexes of an array, then the array (either may be NULL). */
static void free_trees(struct kdtree **v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        kdtree_free(v[i]);
    free(v);
}

static void free_grids(struct grid **v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        grid_free(v[i]);
    free(v);
}

static void free_recs(struct eng_rec **v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        free(v[i]);
    free(v);
}

static void ctx_release(struct eng_ctx *x)
{
    free_trees(x->dtree, x->ncodes);
    free_trees(x->dtree_lic, x->ncodes);
    free_recs(x->drec, x->ncodes);
    free_recs(x->drec_lic, x->ncodes);
    free_grids(x->dgrid, x->ncodes);
    free_grids(x->dgrid_lic, x->ncodes);
    free_trees(x->rtree, x->nrgroups);
    free_trees(x->rtree_lic, x->nrgroups);
    free_grids(x->rgrid, x->nrgroups);
    free_grids(x->rgrid_lic, x->nrgroups);
    free(x->dunit);
    free(x->flat);
    free(x->flon);
    free(x->slat);
    free(x->slon);
    free(x->site_off);
    free(x->site_flows);
    free(x->site_lic);
    free(x->thermal);
    free(x->dem_off);
    free(x->dem);
    free(x->dem_conf);
    free(x->desc_off);
    free(x->desc);
    free(x->rsite_off);
    free(x->rsite);
    free(x->rgroup);
    free(x->cands);
    free(x->order);
    free(x->run_off);
    free(x->run_n);
}

/* Flows by site (CSR) and each flow's position. */
static int index_sites(struct eng_ctx *x)
{
    const struct eng_result *r = x->res;

    free(x->site_off);
    free(x->site_flows);
    free(x->flat);
    free(x->flon);
    x->site_off = calloc(x->nsites + 2, sizeof *x->site_off);
    x->site_flows = malloc((r->nflows ? r->nflows : 1) * sizeof *x->site_flows);
    x->flat = malloc((r->nflows ? r->nflows : 1) * sizeof *x->flat);
    x->flon = malloc((r->nflows ? r->nflows : 1) * sizeof *x->flon);
    if (!x->site_off || !x->site_flows || !x->flat || !x->flon)
        return -1;
    for (size_t f = 0; f < r->nflows; f++) {
        const struct eng_site *s = &x->sites[r->flows[f].site];
        int ok = geo_valid(s->lat, s->lon);
        x->flat[f] = ok ? s->lat : NAN;
        x->flon[f] = ok ? s->lon : NAN;
        x->site_off[r->flows[f].site + 2]++;
    }
    for (size_t s = 0; s < x->nsites; s++)
        x->site_off[s + 2] += x->site_off[s + 1];
    for (size_t f = 0; f < r->nflows; f++)
        x->site_flows[x->site_off[r->flows[f].site + 1]++] = (uint32_t)f;
    return 0;
}

/* A tree over demand flows ids[0 .. n) with their payload, keyed by quantity
 * when keyed (a supply then skips the demands it cannot cover). */
static int dtree_build(struct eng_ctx *x, const uint32_t *ids, uint32_t n, int keyed,
                       struct kdtree **t, struct eng_rec **rec)
{
    const struct eng_flow *fl = x->res->flows;
    const uint32_t *tid;
    double *key = NULL;
    size_t m;
    int rc = -1;

    if (kdtree_build(t, x->flat, x->flon, ids, n, NULL))
        return -1;
    tid = kdtree_ids(*t);
    m = kdtree_count(*t);
    *rec = malloc((m ? m : 1) * sizeof **rec);
    key = keyed ? malloc((m ? m : 1) * sizeof *key) : NULL;
    if (!*rec || (keyed && !key))
        goto out;
    for (size_t k = 0; k < m; k++) {
        const struct eng_flow *f = &fl[tid[k]];
        (*rec)[k].f = *f;
        (*rec)[k].nace = x->sites[f->site].nace;
        (*rec)[k].lic = x->site_lic[f->site];
        if (key)
            key[k] = f->qty_year >= 0 ? f->qty_year : -1;
    }
    rc = key ? kdtree_set_keys(*t, key, NULL) : 0;
out:
    free(key);
    return rc;
}

/* Demand flows by code, the unit of each code's quantities, and present
 * codes under each code. The trees are built by index_trees. */
static int index_demands(struct eng_ctx *x)
{
    const struct eng_result *r = x->res;
    size_t nc = x->ncodes;

    x->dem_off = calloc(nc + 2, sizeof *x->dem_off);
    x->dtree = calloc(nc ? nc : 1, sizeof(struct kdtree *));
    x->drec = calloc(nc ? nc : 1, sizeof(struct eng_rec *));
    x->dtree_lic = calloc(nc ? nc : 1, sizeof(struct kdtree *));
    x->drec_lic = calloc(nc ? nc : 1, sizeof(struct eng_rec *));
    x->dgrid = calloc(nc ? nc : 1, sizeof(struct grid *));
    x->dgrid_lic = calloc(nc ? nc : 1, sizeof(struct grid *));
    x->dunit = malloc(nc ? nc : 1);
    x->desc_off = calloc(nc + 2, sizeof *x->desc_off);
    x->dem = malloc((r->nflows ? r->nflows : 1) * sizeof *x->dem);
    x->dem_conf = calloc(nc ? nc : 1, sizeof *x->dem_conf);
    if (!x->dem_off || !x->dtree || !x->drec || !x->dtree_lic || !x->drec_lic || !x->dgrid ||
        !x->dgrid_lic || !x->dunit || !x->desc_off || !x->dem || !x->dem_conf)
        return -1;
    for (size_t f = 0; f < r->nflows; f++)
        if (r->flows[f].dir == FLOW_DEMAND && isfinite(x->flat[f]))
            x->dem_off[r->flows[f].code + 2]++;
    for (size_t c = 0; c < nc; c++)
        x->dem_off[c + 2] += x->dem_off[c + 1];
    for (size_t f = 0; f < r->nflows; f++) {
        if (r->flows[f].dir == FLOW_DEMAND && isfinite(x->flat[f])) {
            float cf = (float)eng_conf_flow(&r->flows[f]);
            x->dem[x->dem_off[r->flows[f].code + 1]++] = (uint32_t)f;
            if (cf > x->dem_conf[r->flows[f].code])
                x->dem_conf[r->flows[f].code] = cf;
        }
    }
    for (size_t c = 0; c < nc; c++) {
        uint32_t n = x->dem_off[c + 1] - x->dem_off[c];
        const uint32_t *d = x->dem + x->dem_off[c];
        int seen = 0, mixed = 0;
        uint8_t unit = 0;
        for (uint32_t k = 0; k < n; k++) {
            const struct eng_flow *f = &r->flows[d[k]];
            if (f->qty_year >= 0) {
                if (!seen)
                    unit = f->unit;
                mixed |= seen && f->unit != unit;
                seen = 1;
            }
        }
        x->dunit[c] = seen && !mixed ? unit : ENG_UNIT_MIXED;
    }
    /* desc: for each code a, the present demand codes d with a an ancestor-or-self of d. */
    for (size_t c = 0; c < nc; c++)
        if (x->dem_off[c + 1] > x->dem_off[c])
            for (int32_t a = (int32_t)c; a >= 0; a = kb_code_parent(x->kb, a))
                x->desc_off[a + 2]++;
    for (size_t c = 0; c < nc; c++)
        x->desc_off[c + 2] += x->desc_off[c + 1];
    x->desc = malloc((x->desc_off[nc + 1] ? x->desc_off[nc + 1] : 1) * sizeof *x->desc);
    if (!x->desc)
        return -1;
    for (size_t c = 0; c < nc; c++)
        if (x->dem_off[c + 1] > x->dem_off[c])
            for (int32_t a = (int32_t)c; a >= 0; a = kb_code_parent(x->kb, a))
                x->desc[x->desc_off[a + 1]++] = (uint32_t)c;
    return 0;
}

/* The trees of code c's demands: all of them, and those of licensed sites
 * (what a hazardous supply searches). pos: scratch of the code's size. */
static int demand_trees(struct eng_ctx *x, size_t c, uint32_t *pos)
{
    uint32_t n = x->dem_off[c + 1] - x->dem_off[c], nlic = 0;
    const uint32_t *d = x->dem + x->dem_off[c];
    int keyed = x->dunit[c] != ENG_UNIT_MIXED;

    if (!n)
        return 0;
    for (uint32_t k = 0; k < n; k++)
        if (x->site_lic[x->res->flows[d[k]].site])
            pos[nlic++] = d[k];
    if (x->o->index == ENG_INDEX_GRID)
        return grid_build(&x->dgrid[c], x->flat, x->flon, d, n, ENG_GRID_CELL_KM, NULL) ||
               (nlic &&
                grid_build(&x->dgrid_lic[c], x->flat, x->flon, pos, nlic, ENG_GRID_CELL_KM, NULL));
    if (dtree_build(x, d, n, keyed, &x->dtree[c], &x->drec[c]))
        return -1;
    return nlic ? dtree_build(x, pos, nlic, keyed, &x->dtree_lic[c], &x->drec_lic[c]) : 0;
}

/* Sites of each receiver NACE class or prefix some route names (routes to
 * the same receivers share them: rgroup), and the site positions their trees
 * (index_trees) are built on. */
static int index_receivers(struct eng_ctx *x)
{
    size_t nr = kb_nroutes(x->kb), nn = kb_nnaces(x->kb), ng = 0;
    int32_t *gof = malloc((nn ? nn : 1) * sizeof *gof);
    uint32_t *last;

    x->rgroup = malloc((nr ? nr : 1) * sizeof *x->rgroup);
    if (!gof || !x->rgroup) {
        free(gof);
        return -1;
    }
    for (size_t i = 0; i < nn; i++)
        gof[i] = -1;
    for (size_t i = 0; i < nr; i++) {
        int32_t rn = kb_route(x->kb, i)->receiver_nace;
        if (rn >= 0 && gof[rn] < 0)
            gof[rn] = (int32_t)ng++;
        x->rgroup[i] = rn >= 0 ? gof[rn] : -1;
    }
    free(gof);
    x->nrgroups = ng;
    x->rsite_off = calloc(ng + 2, sizeof *x->rsite_off);
    x->rtree = calloc(ng ? ng : 1, sizeof(struct kdtree *));
    x->rtree_lic = calloc(ng ? ng : 1, sizeof(struct kdtree *));
    x->rgrid = calloc(ng ? ng : 1, sizeof(struct grid *));
    x->rgrid_lic = calloc(ng ? ng : 1, sizeof(struct grid *));
    if (!x->rsite_off || !x->rtree || !x->rtree_lic || !x->rgrid || !x->rgrid_lic)
        return -1;
    last = malloc((ng ? ng : 1) * sizeof *last);
    if (!last)
        return -1;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t g = 0; g < ng; g++)
            last[g] = UINT32_MAX;
        for (size_t s = 0; s < x->nsites; s++) {
            const int32_t *routes;
            size_t n = kb_nace_routes(x->kb, x->sites[s].nace, &routes);
            if (!geo_valid(x->sites[s].lat, x->sites[s].lon))
                continue;
            for (size_t k = 0; k < n; k++) {
                int32_t g = x->rgroup[routes[k]];
                if (g < 0 || last[g] == (uint32_t)s)
                    continue; /* once per site and group */
                last[g] = (uint32_t)s;
                if (pass == 0)
                    x->rsite_off[g + 2]++;
                else
                    x->rsite[x->rsite_off[g + 1]++] = (uint32_t)s;
            }
        }
        if (pass == 0) {
            for (size_t i = 0; i < ng; i++)
                x->rsite_off[i + 2] += x->rsite_off[i + 1];
            x->rsite = malloc((x->rsite_off[ng + 1] ? x->rsite_off[ng + 1] : 1) * sizeof *x->rsite);
            if (!x->rsite) {
                free(last);
                return -1;
            }
        }
    }
    free(last);
    x->slat = malloc((x->nsites ? x->nsites : 1) * sizeof *x->slat);
    x->slon = malloc((x->nsites ? x->nsites : 1) * sizeof *x->slon);
    if (!x->slat || !x->slon)
        return -1;
    for (size_t s = 0; s < x->nsites; s++) {
        x->slat[s] = x->sites[s].lat;
        x->slon[s] = x->sites[s].lon;
    }
    return 0;
}

/* The trees of receiver group i's sites: all of them, and the licensed ones
 * (moved first in rsite, in site order). */
static int receiver_trees(struct eng_ctx *x, size_t i)
{
    uint32_t n = x->rsite_off[i + 1] - x->rsite_off[i], nlic = 0;
    uint32_t *v = x->rsite + x->rsite_off[i];

    int grid = x->o->index == ENG_INDEX_GRID;

    if (!n)
        return 0;
    if (grid ? grid_build(&x->rgrid[i], x->slat, x->slon, v, n, ENG_GRID_CELL_KM, NULL)
             : kdtree_build(&x->rtree[i], x->slat, x->slon, v, n, NULL))
        return -1;
    for (uint32_t k = 0; k < n; k++)
        if (x->site_lic[v[k]]) {
            uint32_t t = v[k];
            memmove(v + nlic + 1, v + nlic, (k - nlic) * sizeof *v);
            v[nlic++] = t;
        }
    if (!nlic)
        return 0;
    return grid ? grid_build(&x->rgrid_lic[i], x->slat, x->slon, v, nlic, ENG_GRID_CELL_KM, NULL)
                : kdtree_build(&x->rtree_lic[i], x->slat, x->slon, v, nlic, NULL);
}

/* Builds every tree (demand codes, then receiver groups) on up to ENG_THREADS threads:
 * each tree is its own task, written to its own slot. */
struct tree_job {
    struct eng_ctx *x;
    size_t ntasks;
    atomic_size_t next;
    atomic_int failed;
};

static void *tree_work(void *arg)
{
    struct tree_job *j = arg;
    struct eng_ctx *x = j->x;
    uint32_t *pos = malloc((x->res->nflows ? x->res->nflows : 1) * sizeof *pos);

    if (!pos)
        atomic_store(&j->failed, 1);
    while (pos && !atomic_load(&j->failed)) {
        size_t i = atomic_fetch_add(&j->next, 1);
        int rc;
        if (i >= j->ntasks)
            break;
        rc = i < x->ncodes ? demand_trees(x, i, pos) : receiver_trees(x, i - x->ncodes);
        if (rc)
            atomic_store(&j->failed, 1);
    }
    free(pos);
    return NULL;
}

static int index_trees(struct eng_ctx *x)
{
    struct tree_job j;
    pthread_t tid[ENG_THREADS];
    unsigned nt = eng_nthreads(x->o), started = 0;

    j.x = x;
    j.ntasks = x->ncodes + x->nrgroups;
    atomic_init(&j.next, 0);
    atomic_init(&j.failed, 0);
    for (unsigned t = 1; t < nt; t++)
        if (pthread_create(&tid[started], NULL, tree_work, &j) == 0)
            started++;
    tree_work(&j);
    for (unsigned t = 0; t < started; t++)
        pthread_join(tid[t], NULL);
    free(x->slat);
    free(x->slon);
    x->slat = x->slon = NULL;
    return atomic_load(&j.failed) ? -1 : 0;
}

static int prepare(struct eng_ctx *x)
{
    const struct kb *kb = x->kb;

    x->ncodes = kb_ncodes(kb);
    x->site_lic = malloc(x->nsites ? x->nsites : 1);
    x->thermal = calloc(x->ncodes ? x->ncodes : 1, 1);
    if (!x->site_lic || !x->thermal)
        return -1;
    for (size_t s = 0; s < x->nsites; s++)
        x->site_lic[s] = x->sites[s].licensed_hazardous ||
                         strncmp(kb_nace_str(kb, x->sites[s].nace), "38.2", 4) == 0;
    for (size_t c = 0; c < x->ncodes; c++) {
        const char *s = kb_code_str(kb, (int32_t)c);
        if (strncmp(s, "energy.heat", 11) == 0 || strncmp(s, "energy.steam", 12) == 0)
            x->thermal[c] = ENG_THERMAL_HOT;
        else if (strncmp(s, "energy.cold", 11) == 0 || strncmp(s, "water.cooling", 13) == 0)
            x->thermal[c] = ENG_THERMAL_COLD;
    }
    return 0;
}

/* Mutualisation in a thread of its own, beside detection: it reads what
 * detection reads, writes only the groups and members, and keeps its
 * candidates apart until both are done (the final sort makes the order). */
struct mutual_job {
    struct eng_ctx x;
    struct err e;
    int rc;
};

static void *mutual_thread(void *arg)
{
    struct mutual_job *m = arg;
    m->rc = eng_mutual(&m->x);
    return NULL;
}

static int detect_and_group(struct eng_ctx *x)
{
    const struct eng_opts *o = x->o;
    int detect = (o->kinds & (ENG_SUBSTITUTION | ENG_PROSPECTIVE)) != 0, rc = 0;
    struct mutual_job m;
    pthread_t tid;

    if (!(o->kinds & ENG_MUTUALISATION))
        return detect ? eng_detect(x) : 0;
    m.x = *x;
    m.x.cands = NULL;
    m.x.ncands = m.x.capcands = 0;
    m.x.progress = NULL;
    m.x.e = &m.e;
    m.e.code = 0;
    m.e.msg[0] = 0;
    m.rc = 0;
    if (!detect || eng_nthreads(o) < 2 || pthread_create(&tid, NULL, mutual_thread, &m) != 0) {
        /* Without a thread: one after the other. */
        if (detect && (rc = eng_detect(x)))
            return rc;
        if (x->progress)
            x->progress(x->pctx, "mutualisation", 0);
        return eng_mutual(x);
    }
    rc = eng_detect(x);
    pthread_join(tid, NULL);
    if (!rc && m.rc)
        rc = err_set(x->e, m.rc, "%s", m.e.msg);
    for (size_t i = 0; i < m.x.ncands && !rc; i++)
        rc = eng_push(x, &m.x.cands[i]);
    free(m.x.cands);
    return rc;
}

/* Final order: suppliers by their best score, then candidates by score.
 *
 * Nothing moves: detection left each site's candidates together and sorted
 * (run_off, run_n), so the order is a list of indices made site by site, in
 * rank order, merging the run with the site's other candidates (its
 * mutualisation members, sorted here). Tens of millions of candidates cost
 * one sort of the sites and one pass. */
struct site_rank {
    uint32_t site;
    float best;
    uint32_t d, de; /* its detection run, cands[d .. de) */
    uint32_t p, pe; /* its other candidates, eidx[p .. pe) */
};

static int rank_cmp(const void *a, const void *b)
{
    const struct site_rank *x = a, *y = b;
    if (x->best != y->best)
        return x->best > y->best ? -1 : 1;
    return x->site < y->site ? -1 : x->site > y->site;
}

static int order(struct eng_ctx *x)
{
    const struct eng_flow *fl = x->res->flows;
    const struct eng_cand *v = x->cands;
    size_t n = x->ncands, ns = x->nsites, nr = 0, k = 0, first = x->ndetect;
    uint32_t *ord = malloc((n ? n : 1) * sizeof *ord);
    uint32_t *eoff = calloc(ns + 2, sizeof *eoff);
    uint32_t *eidx = malloc((n - first ? n - first : 1) * sizeof *eidx);
    struct site_rank *rk = malloc((ns ? ns : 1) * sizeof *rk);
    int rc = -1;

    if (!ord || !eoff || !eidx || !rk)
        goto out;
    /* The candidates after detection's, by site (CSR), each list sorted. */
    for (size_t i = first; i < n; i++)
        eoff[fl[v[i].sup_flow].site + 2]++;
    for (size_t s = 0; s < ns; s++)
        eoff[s + 2] += eoff[s + 1];
    for (size_t i = first; i < n; i++)
        eidx[eoff[fl[v[i].sup_flow].site + 1]++] = (uint32_t)i;
    for (size_t s = 0; s < ns; s++) {
        uint32_t a = eoff[s], b = eoff[s + 1];
        for (uint32_t p = a + 1; p < b; p++) {
            uint32_t t = eidx[p], q = p;
            for (; q > a && eng_better(&v[t], &v[eidx[q - 1]]); q--)
                eidx[q] = eidx[q - 1];
            eidx[q] = t;
        }
        {
            uint32_t d = x->run_n ? x->run_off[s] : 0, de = x->run_n ? d + x->run_n[s] : 0;
            float best = -1;
            if (de > d)
                best = v[d].score;
            if (b > a && v[eidx[a]].score > best)
                best = v[eidx[a]].score;
            if (de > d || b > a)
                rk[nr++] = (struct site_rank){(uint32_t)s, best, d, de, a, b};
        }
    }
    qsort(rk, nr, sizeof *rk, rank_cmp);
    /* rk is read in order: no random access but to merge two lists. */
    for (size_t r = 0; r < nr; r++) {
        uint32_t d = rk[r].d, de = rk[r].de, p = rk[r].p, pe = rk[r].pe;
        if (p == pe) {
            while (d < de)
                ord[k++] = d++;
            continue;
        }
        while (d < de || p < pe) {
            if (p == pe || (d < de && eng_better(&v[d], &v[eidx[p]])))
                ord[k++] = d++;
            else
                ord[k++] = eidx[p++];
        }
    }
    x->order = ord;
    ord = NULL;
    rc = 0;
out:
    free(ord);
    free(eoff);
    free(eidx);
    free(rk);
    return rc;
}

int engine_run(const struct kb *kb, const struct eng_site *sites, size_t nsites,
               const struct eng_flow *flows, size_t nflows, const struct eng_opts *o,
               eng_progress_fn progress, void *pctx, struct eng_result *out, struct err *e)
{
    struct eng_ctx x;
    struct eng_opts def;
    int rc = SY_OK;

    memset(out, 0, sizeof *out);
    memset(&x, 0, sizeof x);
    if (!o) {
        eng_opts_default(&def);
        o = &def;
    }
    if (!(o->detour >= 1) || o->min_coverage < 0 || !(o->default_max_km > 0) ||
        !(o->mutual_radius_km > 0) || o->mutual_min_group < 2 ||
        o->mutual_max_group < o->mutual_min_group || o->max_per_supplier < 1 ||
        o->search_budget < 1 || (o->index != ENG_INDEX_KDTREE && o->index != ENG_INDEX_GRID) ||
        nsites >= ENG_NONE || nflows >= ENG_NONE / 4 || kb_nroutes(kb) > INT16_MAX)
        return err_set(e, SY_EUSAGE,
                       "matching options out of range: detour >= 1, coverage >= 0, distances "
                       "> 0, 2 <= min group <= max group, max per supplier >= 1");
    for (size_t f = 0; f < nflows; f++)
        if (flows[f].site >= nsites || flows[f].code < 0 ||
            (size_t)flows[f].code >= kb_ncodes(kb) || flows[f].dir > FLOW_DEMAND)
            return err_set(e, SY_EUSAGE, "flow %zu: site index, code or direction out of range", f);
    x.kb = kb;
    x.sites = sites;
    x.nsites = nsites;
    x.o = o;
    x.res = out;
    x.progress = progress;
    x.pctx = pctx;
    x.e = e;
    out->flows = malloc((nflows ? nflows : 1) * sizeof *out->flows);
    if (!out->flows)
        goto nomem;
    if (nflows) /* flows may be NULL when there are none */
        memcpy(out->flows, flows, nflows * sizeof *flows);
    out->nflows = out->ninput = nflows;
    for (size_t f = 0; f < nflows; f++)
        out->flows[f].inferred = 0;
    if (prepare(&x) || index_sites(&x))
        goto nomem;
    if (o->infer && (o->kinds & (ENG_PROSPECTIVE | ENG_MUTUALISATION))) {
        if (progress)
            progress(pctx, "infer", 0);
        if ((rc = eng_infer(&x)))
            goto out;
        if (index_sites(&x))
            goto nomem;
    }
    if (eng_cancelled(&x))
        goto cancelled;
    if (progress)
        progress(pctx, "index", 0);
    if (index_demands(&x) || index_receivers(&x) || index_trees(&x))
        goto nomem;
    if (eng_cancelled(&x))
        goto cancelled;
    if ((rc = detect_and_group(&x)))
        goto out;
    if (eng_cancelled(&x))
        goto cancelled;
    if (progress)
        progress(pctx, "order", 0);
    if (order(&x))
        goto nomem;
    out->cands = x.cands;
    out->ncands = x.ncands;
    out->order = x.order;
    x.cands = NULL;
    x.order = NULL;
    if (progress)
        progress(pctx, "done", 1);
    goto out;
cancelled:
    rc = err_set(e, SY_ECANCELLED, "matching cancelled");
    goto out;
nomem:
    rc = err_set(e, SY_ENOMEM, "out of memory matching %zu sites and %zu flows", nsites, nflows);
out:
    ctx_release(&x);
    if (rc)
        eng_result_release(out);
    return rc;
}
