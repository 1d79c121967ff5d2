/*
 * plan_run.c - the plan and ledger runs: reads candidates and flows from the
 * store, routes and factor files from the knowledge base, groups candidates
 * into supply and demand nodes, calls alloc_solve and impact_compute, and
 * stores the plan. See plan_run.h and docs/impact.md.
 */
#include "core/plan_run.h"
#include "core/knowledge.h"

#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/plan_int.h"
#include "io/csv.h"
#include "optim/alloc.h"
#include "store/store_synergy.h"
#include "util/buf.h"
#include "util/strmap.h"
#include "util/i18n.h"

struct pflow {
    double qty; /* per year, summed over the flows with the same actor, direction and code */
    enum canon_unit unit;
    enum flow_dir dir;
    enum fate fate;
    double temp_c; /* NAN if not declared */
    char actor[SY_ID_MAX];
    char code[SY_CODE_MAX];
    double used; /* allocated by the plan */
    int offered; /* a candidate reaches it */
};

struct pcand {
    char key[256];
    char sup[SY_ID_MAX], rec[SY_ID_MAX];
    char code[SY_CODE_MAX];   /* the supplied resource */
    char demand[SY_CODE_MAX]; /* what the receiver would otherwise buy */
    enum cand_kind kind;
    enum canon_unit unit;
    double dist_km, qty;
    double route_temp_c; /* the route's minimum supply temperature, NAN if none */
    int qty_estimated;   /* the match was not between two declared quantities */
    int rec_by_nace;     /* the receiver was matched by its activity only */
    int accepted;        /* a facilitator accepted it: it may have a synergy */
    int running;         /* its synergy is at stage running: an existing exchange */
    int if_running;      /* of a kind the plan leaves out: kept only if its synergy runs */
    long snode, dnode;
};

struct pnode {
    double qty;
    enum canon_unit unit;
    int estimated; /* no stored flow: capacity from the profile or the candidates */
    long flow;     /* index in flows, or -1 */
};

struct run {
    struct store *s;
    const struct plan_opts *o;
    struct err *e;
    struct pflow *flows;
    size_t nflows, capflows;
    struct strmap flow_ix; /* "actor\x1f" dir "\x1f" code -> index in flows */
    struct pcand *cands;
    size_t ncands, capcands;
    struct strmap cand_ix; /* key -> 1 (dedupe across runs) */
    struct plan_data d;
};

int plan_objective_parse(const char *s, enum plan_objective *o, struct err *e)
{
    if (strcmp(s, "euros") == 0)
        *o = PLAN_EUROS;
    else if (strcmp(s, "co2e") == 0)
        *o = PLAN_CO2E;
    else if (strcmp(s, "tonnes") == 0)
        *o = PLAN_TONNES;
    else
        return err_set(e, SY_EUSAGE, _("unknown objective '%s'; use euros, co2e or tonnes"), s);
    return SY_OK;
}

const char *plan_objective_name(enum plan_objective o)
{
    return o == PLAN_CO2E ? "co2e" : o == PLAN_TONNES ? "tonnes" : "euros";
}

void plan_release(struct plan *p)
{
    if (!p)
        return;
    free(p->lines);
    free(p->idle);
    memset(p, 0, sizeof *p);
}

static void flow_key(char *out, size_t n, const char *actor, enum flow_dir dir, const char *code)
{
    snprintf(out, n, "%s\x1f%d\x1f%s", actor, (int)dir, code);
}

static int on_flow(void *ctx, const struct flow *f)
{
    struct run *r = ctx;
    char key[SY_ID_MAX + SY_CODE_MAX + 8];
    long ix;

    if (f->qty_year < 0 || !isfinite(f->qty_year))
        return 0;
    flow_key(key, sizeof key, f->actor_id, f->dir, f->code);
    if (strmap_get(&r->flow_ix, key, &ix)) {
        if (r->flows[ix].unit == f->canon)
            r->flows[ix].qty += f->qty_year;
        return 0;
    }
    if (r->nflows == r->capflows) {
        size_t cap = r->capflows ? r->capflows * 2 : 256;
        struct pflow *v = realloc(r->flows, cap * sizeof *v);

        if (!v)
            return err_set(r->e, SY_ENOMEM, _("out of memory reading flows"));
        r->flows = v;
        r->capflows = cap;
    }
    memset(&r->flows[r->nflows], 0, sizeof r->flows[r->nflows]);
    r->flows[r->nflows].qty = f->qty_year;
    r->flows[r->nflows].unit = f->canon;
    r->flows[r->nflows].dir = f->dir;
    r->flows[r->nflows].fate = f->fate;
    r->flows[r->nflows].temp_c = f->has_temp ? f->temp_c : NAN;
    snprintf(r->flows[r->nflows].actor, sizeof r->flows[r->nflows].actor, "%s", f->actor_id);
    snprintf(r->flows[r->nflows].code, sizeof r->flows[r->nflows].code, "%s", f->code);
    if (strmap_put(&r->flow_ix, key, (long)r->nflows))
        return err_set(r->e, SY_ENOMEM, _("out of memory reading flows"));
    r->nflows++;
    return 0;
}

static int on_cand(void *ctx, const struct candidate *c)
{
    struct run *r = ctx;
    struct pcand *p;
    long ix;

    int outside = !r->o->ledger && c->kind == CAND_PROSPECTIVE && !r->o->include_prospective;

    if (strmap_get(&r->cand_ix, c->key, NULL))
        return 0; /* the same candidate from another run */
    /* A prospective candidate left out may still be a synergy that runs. */
    if (!r->o->ledger && (c->kind == CAND_MUTUALISATION || (outside && c->status != CAND_ACCEPTED)))
        return 0;
    if (r->ncands == r->capcands) {
        size_t cap = r->capcands ? r->capcands * 2 : 256;
        struct pcand *v = realloc(r->cands, cap * sizeof *v);

        if (!v)
            return err_set(r->e, SY_ENOMEM, _("out of memory reading candidates"));
        r->cands = v;
        r->capcands = cap;
    }
    p = &r->cands[r->ncands];
    memset(p, 0, sizeof *p);
    snprintf(p->key, sizeof p->key, "%s", c->key);
    snprintf(p->sup, sizeof p->sup, "%s", c->supplier_id);
    snprintf(p->rec, sizeof p->rec, "%s", c->receiver_id);
    snprintf(p->code, sizeof p->code, "%s", c->resource_code);
    snprintf(p->demand, sizeof p->demand, "%s", c->resource_code);
    p->route_temp_c = NAN;
    if (strmap_get(&r->d.route_ix, c->rule, &ix)) {
        if (r->d.routes[ix].demand[0])
            snprintf(p->demand, sizeof p->demand, "%s", r->d.routes[ix].demand);
        p->route_temp_c = r->d.routes[ix].min_temp_c;
    }
    p->rec_by_nace = c->kind == CAND_PROSPECTIVE && (strcmp(c->basis, "inferred-receiver") == 0 ||
                                                     strcmp(c->basis, "inferred-both") == 0);
    p->kind = c->kind;
    p->accepted = c->status == CAND_ACCEPTED;
    p->if_running = outside;
    p->unit = c->unit;
    p->dist_km = c->distance_km > 0 && isfinite(c->distance_km) ? c->distance_km : 0;
    p->qty = c->quantity;
    p->qty_estimated = strcmp(c->basis, "declared") != 0 || !(c->quantity >= 0);
    p->snode = p->dnode = -1;
    if (strmap_put(&r->cand_ix, c->key, 1))
        return err_set(r->e, SY_ENOMEM, _("out of memory reading candidates"));
    r->ncands++;
    return 0;
}

/* Marks the accepted candidates whose synergy runs (exchanges that exist),
 * then drops those of a left-out kind that do not run. */
static int mark_running(struct run *r)
{
    size_t n = 0;

    for (size_t i = 0; i < r->ncands; i++) {
        struct pcand *c = &r->cands[i];
        enum synergy_stage st;
        long id = 0;
        int rc;

        if (!c->accepted)
            continue;
        rc = store_synergy_of_candidate(r->s, c->key, &id, &st, r->e);
        if (rc)
            return rc;
        c->running = id > 0 && st == STAGE_RUNNING;
    }
    for (size_t i = 0; i < r->ncands; i++)
        if (!r->cands[i].if_running || r->cands[i].running)
            r->cands[n++] = r->cands[i];
    r->ncands = n;
    return SY_OK;
}

/* Cuts the last segment of a code ("15 01 01" -> "15 01", "a.b" -> "a"); 0 at the root. */
static int code_parent(char *code)
{
    char *sp = strrchr(code, ' '), *dot = strrchr(code, '.');
    char *cut = sp > dot ? sp : dot;

    if (!cut)
        return 0;
    *cut = '\0';
    return 1;
}

/* The stored flow of actor in direction dir for code or its nearest ancestor, or -1. */
static long find_flow(const struct run *r, const char *actor, enum flow_dir dir, const char *code)
{
    char c[SY_CODE_MAX], key[SY_ID_MAX + SY_CODE_MAX + 8];
    long ix;

    snprintf(c, sizeof c, "%s", code);
    do {
        flow_key(key, sizeof key, actor, dir, c);
        if (strmap_get(&r->flow_ix, key, &ix))
            return ix;
    } while (code_parent(c));
    return -1;
}

/* The receiver's demand flow for code: the code or its nearest ancestor, else
 * the first declared demand of a descendant (a receiver asking for
 * energy.heat.mt is matched to energy.heat by a route). -1 if none. */
static long find_demand(const struct run *r, const char *actor, const char *code)
{
    long ix = find_flow(r, actor, FLOW_DEMAND, code);
    size_t n = strlen(code);

    for (size_t i = 0; ix < 0 && i < r->nflows; i++) {
        const struct pflow *fl = &r->flows[i];

        if (fl->dir == FLOW_DEMAND && strcmp(fl->actor, actor) == 0 &&
            strncmp(fl->code, code, n) == 0 && (fl->code[n] == '.' || fl->code[n] == ' '))
            ix = (long)i;
    }
    return ix;
}

/* Interns a node: key -> index in nodes, capacity from the stored flow fl
 * (index fi), or estimated later when there is none. */
static long node_get(struct strmap *ix, struct pnode **nodes, size_t *n, size_t *cap,
                     const char *key, const struct pflow *fl, long fi, struct err *e)
{
    long i;

    if (strmap_get(ix, key, &i))
        return i;
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 64;
        struct pnode *v = realloc(*nodes, nc * sizeof *v);

        if (!v)
            return err_set(e, SY_ENOMEM, _("out of memory building the network"));
        *nodes = v;
        *cap = nc;
    }
    (*nodes)[*n].qty = fl ? fl->qty : 0;
    (*nodes)[*n].unit = fl ? fl->unit : UNIT_T;
    (*nodes)[*n].estimated = fl ? 0 : 1;
    (*nodes)[*n].flow = fl ? fi : -1;
    if (strmap_put(ix, key, (long)*n))
        return err_set(e, SY_ENOMEM, _("out of memory building the network"));
    return (long)(*n)++;
}

static void fill_line(struct plan_line *l, const struct pcand *c, double qty,
                      const struct impact_line *im)
{
    memset(l, 0, sizeof *l);
    snprintf(l->candidate_key, sizeof l->candidate_key, "%s", c->key);
    snprintf(l->supplier_id, sizeof l->supplier_id, "%s", c->sup);
    snprintf(l->receiver_id, sizeof l->receiver_id, "%s", c->rec);
    snprintf(l->resource_code, sizeof l->resource_code, "%s", c->code);
    l->quantity = qty;
    l->unit = c->unit;
    l->distance_km = c->dist_km;
    l->tonnes = im->tonnes;
    l->co2e_kg = im->co2e_kg;
    l->euros = im->eur;
    l->gross_co2e_kg = im->gross_co2e_kg;
    l->gross_euros = im->gross_eur;
    l->co2e_low = im->co2e_low;
    l->co2e_high = im->co2e_high;
    l->euros_low = im->eur_low;
    l->euros_high = im->eur_high;
    /* running: the supply's declared fate is this exchange; existing: a synergy
     * of the network at stage running. Neither is a new saving. */
    snprintf(l->status, sizeof l->status, "%s",
             im->running  ? "running"
             : c->running ? "existing"
                          : "new");
    snprintf(l->flags, sizeof l->flags, "%s", im->flags);
    snprintf(l->sources, sizeof l->sources, "%s", im->sources);
    snprintf(l->quality, sizeof l->quality, "%s", im->estimated ? "estimated" : "declared");
}

static double objective_of(enum plan_objective o, const struct impact_line *u)
{
    return o == PLAN_CO2E ? u->co2e_kg : o == PLAN_TONNES ? u->tonnes : u->eur;
}

/* 1 if the supplier is a power plant: its steam or heat comes from a turbine. */
static int from_turbine(const struct run *r, const struct pcand *c)
{
    long a;

    if (strncmp(c->code, "energy.steam", 12) != 0 && strncmp(c->code, "energy.heat.mt", 14) != 0 &&
        strncmp(c->code, "energy.heat.ht", 14) != 0)
        return 0;
    if (!strmap_get(&r->d.actor_ix, c->sup, &a))
        return 0;
    /* Power plants, and waste incinerators (38.21) that make electricity, for steam. */
    return strncmp(r->d.actors[a].nace, "35.1", 4) == 0 ||
           (strncmp(r->d.actors[a].nace, "38.21", 5) == 0 &&
            strncmp(c->code, "energy.steam", 12) == 0);
}

/* What the ledger knows of candidate c: fate and temperature of the supply,
 * temperature of the need: the receiver's demand (declared, else its band),
 * at least the route's minimum. */
static void cand_opts(const struct run *r, const struct impact_factors *f, const struct pcand *c,
                      struct impact_opts *o)
{
    long fs = find_flow(r, c->sup, FLOW_SUPPLY, c->code);
    long fd = strncmp(c->code, "energy.", 7) == 0 ? find_demand(r, c->rec, c->demand) : -1;

    memset(o, 0, sizeof *o);
    o->supply_temp_c = NAN;
    o->need_temp_c = c->route_temp_c;
    if (fs >= 0) {
        o->fate = r->flows[fs].fate;
        o->supply_temp_c = r->flows[fs].temp_c;
        o->running = o->fate == FATE_RUNNING;
    }
    if (fd >= 0) {
        double t = isfinite(r->flows[fd].temp_c)
                       ? r->flows[fd].temp_c
                       : ledger_code_param(&f->lt, "temp.", r->flows[fd].code);

        if (isfinite(t) && !(o->need_temp_c > t))
            o->need_temp_c = t;
    }
    o->turbine = from_turbine(r, c);
}

static void impact_of(const struct run *r, const struct impact_factors *f, const struct pcand *c,
                      double q, int est, struct impact_line *im)
{
    struct impact_opts io;

    cand_opts(r, f, c, &io);
    impact_compute_ex(f, c->code, c->demand, c->unit, q, c->dist_km, est, &io, im);
}

/* Every candidate at its matched quantity: the ledger. */
static int run_ledger(struct run *r, const struct impact_factors *f, struct plan *out)
{
    struct impact_line im;

    out->lines = calloc(r->ncands ? r->ncands : 1, sizeof *out->lines);
    if (!out->lines)
        return err_set(r->e, SY_ENOMEM, _("out of memory building the ledger"));
    for (size_t i = 0; i < r->ncands; i++) {
        const struct pcand *c = &r->cands[i];
        double q = c->qty >= 0 ? c->qty : 0;

        if (c->kind == CAND_MUTUALISATION) {
            memset(&im, 0, sizeof im);
            im.estimated = 1;
            snprintf(im.sources, sizeof im.sources,
                     "mutualisation: a shared service, no substitution; not valued");
        } else {
            impact_of(r, f, c, q, c->qty_estimated, &im);
        }
        fill_line(&out->lines[out->n], c, q, &im);
        out->lines[out->n++].kind = PLAN_LINE_CANDIDATE;
    }
    return SY_OK;
}

/* Builds the supply and demand nodes of the candidates. A receiver matched
 * by its activity only gets the capacity of its sector profile and workforce
 * (0 when the profile has no quantity), never the supply's size. */
static int build_nodes(struct run *r, struct strmap *six, struct strmap *dix, struct pnode **sn,
                       size_t *nsn, struct pnode **dn, size_t *ndn)
{
    size_t csn = 0, cdn = 0;
    char key[2 * SY_ID_MAX + SY_CODE_MAX];

    for (size_t i = 0; i < r->ncands; i++) {
        struct pcand *c = &r->cands[i];
        long fs = find_flow(r, c->sup, FLOW_SUPPLY, c->code);
        long fd = find_demand(r, c->rec, c->demand);
        int fresh;

        if (fd < 0)
            fd = find_flow(r, c->rec, FLOW_DEMAND, c->code);
        if (fs >= 0)
            r->flows[fs].offered = 1;
        /* Supply: one node per supplier and resource; demand: per receiver and wanted code. */
        snprintf(key, sizeof key, "%s\x1f%s", c->sup, c->code);
        c->snode = node_get(six, sn, nsn, &csn, key, fs >= 0 ? &r->flows[fs] : NULL, fs, r->e);
        snprintf(key, sizeof key, "%s\x1f%s", c->rec, c->demand);
        fresh = !strmap_get(dix, key, NULL);
        c->dnode = node_get(dix, dn, ndn, &cdn, key, fd >= 0 ? &r->flows[fd] : NULL, fd, r->e);
        if (c->snode < 0 || c->dnode < 0)
            return SY_ENOMEM;
        /* node_get grows the arrays with their maps, so a node found in a map
         * is initialised; the analyser cannot see that. */
        assert(*sn && *dn);
        /* NOLINTNEXTLINE(clang-analyzer-core.uninitialized.Branch) */
        if ((*sn)[c->snode].estimated && c->qty > (*sn)[c->snode].qty) {
            (*sn)[c->snode].qty = c->qty;
            (*sn)[c->snode].unit = c->unit;
        }
        if ((*dn)[c->dnode].estimated && fresh && c->rec_by_nace) {
            long a = -1;
            double cap;

            strmap_get(&r->d.actor_ix, c->rec, &a);
            cap = plan_profile_capacity(&r->d, a, c->demand, c->unit);
            if (cap < 0 && strcmp(c->demand, c->code) != 0)
                cap = plan_profile_capacity(&r->d, a, c->code, c->unit);
            (*dn)[c->dnode].qty = cap > 0 ? cap : 0;
            (*dn)[c->dnode].unit = c->unit;
            (*dn)[c->dnode].estimated = 2; /* from the profile: fixed */
        } else if ((*dn)[c->dnode].estimated == 1 && c->qty > (*dn)[c->dnode].qty) {
            (*dn)[c->dnode].qty = c->qty;
            (*dn)[c->dnode].unit = c->unit;
        }
    }
    return SY_OK;
}

/* Solves the network in two phases: candidates between declared supplies and
 * declared demands first, then the others on what is left, so a declared
 * demand is served before a presumed one. flow[i] receives the sum. */
static int solve_phases(struct run *r, const struct impact_factors *f, const struct pnode *sn,
                        size_t nsn, const struct pnode *dn, size_t ndn, double *flow,
                        double *untreated)
{
    struct alloc_arc *arcs = calloc(r->ncands ? r->ncands : 1, sizeof *arcs);
    double *sq = calloc(nsn ? nsn : 1, sizeof *sq), *dq = calloc(ndn ? ndn : 1, sizeof *dq);
    struct alloc_problem p = {0};
    struct impact_line unit_im;
    int rc = SY_OK;

    if (!arcs || !sq || !dq) {
        rc = err_set(r->e, SY_ENOMEM, _("out of memory building the network"));
        goto out;
    }
    for (size_t i = 0; i < nsn; i++)
        sq[i] = sn[i].qty;
    for (size_t j = 0; j < ndn; j++)
        dq[j] = dn[j].qty;
    for (size_t i = 0; i < r->ncands; i++) {
        const struct pcand *c = &r->cands[i];

        arcs[i].sup = (uint32_t)c->snode;
        arcs[i].dem = (uint32_t)c->dnode;
        impact_of(r, f, c, 1.0, 0, &unit_im);
        arcs[i].benefit = objective_of(r->o->objective, &unit_im);
        flow[i] = 0;
        /* An exchange that runs takes its share first, whatever it is worth;
         * a receiver's presumed capacity does not bound it. */
        if (c->running && c->qty > 0 && sn[c->snode].unit == c->unit &&
            dn[c->dnode].unit == c->unit) {
            flow[i] = fmin(c->qty, sq[c->snode]);
            if (!dn[c->dnode].estimated)
                flow[i] = fmin(flow[i], dq[c->dnode]);
            sq[c->snode] -= flow[i];
            dq[c->dnode] = fmax(0, dq[c->dnode] - flow[i]);
        }
    }
    for (int phase = 0; phase < 2 && !rc; phase++) {
        struct alloc_result res = {0};

        for (size_t i = 0; i < r->ncands; i++) {
            const struct pcand *c = &r->cands[i];
            int in_phase = !c->running && (c->kind == CAND_SUBSTITUTION) == (phase == 0);

            /* Quantities in different units cannot share a node: such a pair is not allocated. */
            arcs[i].cap = in_phase && c->qty >= 0 && sn[c->snode].unit == c->unit &&
                                  dn[c->dnode].unit == c->unit
                              ? c->qty
                              : -1;
        }
        p.sup_qty = sq;
        p.nsup = nsn;
        p.dem_qty = dq;
        p.ndem = ndn;
        p.arcs = arcs;
        p.narcs = r->ncands;
        p.qty_scale = 1000;
        p.cost_scale = r->o->objective == PLAN_EUROS ? 100 : 1000;
        rc = alloc_solve(&p, &res, r->e);
        if (rc)
            break;
        for (size_t i = 0; i < r->ncands; i++) {
            const struct pcand *c = &r->cands[i];

            if (!(res.flow[i] > 0))
                continue;
            flow[i] += res.flow[i];
            sq[c->snode] = fmax(0, sq[c->snode] - res.flow[i]);
            dq[c->dnode] = fmax(0, dq[c->dnode] - res.flow[i]);
        }
        alloc_result_release(&res);
    }
    for (size_t i = 0; i < nsn; i++)
        untreated[i] = sq[i];
out:
    free(arcs);
    free(sq);
    free(dq);
    return rc;
}

/* Declared supplies that nothing takes: listed with the reason. */
static int list_idle(struct run *r, struct plan *out)
{
    size_t n = 0;

    for (size_t i = 0; i < r->nflows; i++)
        n += r->flows[i].dir == FLOW_SUPPLY && !(r->flows[i].used > 0);
    if (!n)
        return SY_OK;
    out->idle = calloc(n, sizeof *out->idle);
    if (!out->idle)
        return err_set(r->e, SY_ENOMEM, _("out of memory listing supplies with no outlet"));
    for (size_t i = 0; i < r->nflows; i++) {
        const struct pflow *fl = &r->flows[i];
        struct plan_line *l;

        if (fl->dir != FLOW_SUPPLY || fl->used > 0)
            continue;
        l = &out->idle[out->nidle++];
        l->kind = PLAN_LINE_NO_OUTLET;
        snprintf(l->supplier_id, sizeof l->supplier_id, "%s", fl->actor);
        snprintf(l->resource_code, sizeof l->resource_code, "%s", fl->code);
        l->quantity = fl->qty;
        l->unit = fl->unit;
        snprintf(l->status, sizeof l->status, "no-outlet");
        snprintf(l->quality, sizeof l->quality, "declared");
        snprintf(l->sources, sizeof l->sources, "%s",
                 fl->offered ? "candidates exist but none is worth it (benefit <= 0) or their "
                               "receivers are full"
                             : "no candidate: no receiver found within reach; see 'symbiose "
                               "match --kind prospective'");
    }
    return SY_OK;
}

int plan_line_runs(const struct plan_line *l)
{
    return strcmp(l->status, "running") == 0 || strcmp(l->status, "existing") == 0;
}

void plan_add_totals(struct plan *out)
{
    /* Totals are the sum of the new lines: each synergy counted once (docs/impact.md);
     * exchanges that already run are summed apart. */
    out->tonnes = out->co2e_kg = out->euros = 0;
    out->co2e_low = out->co2e_high = out->euros_low = out->euros_high = 0;
    out->running_tonnes = out->running_co2e_kg = out->running_euros = 0;
    for (size_t i = 0; i < out->n; i++) {
        const struct plan_line *l = &out->lines[i];

        if (plan_line_runs(l)) {
            out->running_tonnes += l->tonnes;
            out->running_co2e_kg += l->co2e_kg;
            out->running_euros += l->euros;
            continue;
        }
        out->tonnes += l->tonnes;
        out->co2e_kg += l->co2e_kg;
        out->euros += l->euros;
        out->co2e_low += l->co2e_low;
        out->co2e_high += l->co2e_high;
        out->euros_low += l->euros_low;
        out->euros_high += l->euros_high;
    }
}

static int run_alloc(struct run *r, const struct impact_factors *f, struct plan *out)
{
    struct strmap six, dix;
    struct pnode *sn = NULL, *dn = NULL;
    size_t nsn = 0, ndn = 0;
    double *flow = NULL, *untreated = NULL;
    struct impact_line im;
    int rc;

    strmap_init(&six);
    strmap_init(&dix);
    rc = build_nodes(r, &six, &dix, &sn, &nsn, &dn, &ndn);
    if (rc) {
        rc = err_set(r->e, SY_ENOMEM, _("out of memory building the network"));
        goto out;
    }
    flow = calloc(r->ncands ? r->ncands : 1, sizeof *flow);
    untreated = calloc(nsn ? nsn : 1, sizeof *untreated);
    out->lines = calloc(r->ncands ? r->ncands : 1, sizeof *out->lines);
    if (!flow || !untreated || !out->lines) {
        rc = err_set(r->e, SY_ENOMEM, _("out of memory building the plan"));
        goto out;
    }
    rc = solve_phases(r, f, sn, nsn, dn, ndn, flow, untreated);
    if (rc)
        goto out;
    for (size_t i = 0; i < r->ncands; i++) {
        const struct pcand *c = &r->cands[i];
        int est;

        if (!(flow[i] > 0))
            continue;
        est = c->qty_estimated || sn[c->snode].estimated || dn[c->dnode].estimated;
        impact_of(r, f, c, flow[i], est, &im);
        fill_line(&out->lines[out->n++], c, flow[i], &im);
        if (sn[c->snode].flow >= 0)
            r->flows[sn[c->snode].flow].used += flow[i];
    }
    plan_add_totals(out);
    for (size_t i = 0; i < nsn; i++)
        if (sn[i].unit == UNIT_T)
            out->untreated_qty += untreated[i];
    rc = list_idle(r, out);
out:
    strmap_release(&six);
    strmap_release(&dix);
    free(sn);
    free(dn);
    free(flow);
    free(untreated);
    return rc;
}

int plan_run(struct store *s, const char *kb_dir, const struct plan_opts *o, struct plan *out,
             struct err *e)
{
    struct impact_factors f;
    struct run r;
    struct flow_filter ff = {0};
    struct cand_filter cf = {0};
    int rc;

    memset(out, 0, sizeof *out);
    memset(&r, 0, sizeof r);
    r.s = s;
    r.o = o;
    r.e = e;
    strmap_init(&r.flow_ix);
    strmap_init(&r.cand_ix);
    impact_factors_init(&f);
    snprintf(out->territory, sizeof out->territory, "%s", o->territory ? o->territory : "");
    snprintf(out->objective, sizeof out->objective, "%s",
             o->ledger ? "ledger" : plan_objective_name(o->objective));
    rc = plan_load_factors(kb_dir, o->factors_dir, &f, e);
    if (!rc)
        rc = knowledge_apply_factors(s, o->territory, &f, e); /* the territory's own */
    if (!rc)
        rc = plan_data_load(&r.d, s, kb_dir, o->territory, e);
    if (rc)
        goto out;
    ff.territory = o->territory;
    rc = store_flow_list(s, &ff, on_flow, &r, e);
    if (rc)
        goto out;
    cf.territory = o->territory;
    cf.kind = -1;
    cf.include_rejected = 0;
    rc = store_cand_list(s, &cf, on_cand, &r, e);
    if (!rc)
        rc = mark_running(&r);
    if (rc)
        goto out;
    if (r.ncands == 0) {
        rc = err_set(e, SY_ENOTFOUND,
                     _("no %scandidates for territory '%s'; run 'symbiose match%s%s' first"),
                     o->ledger ? "" : "substitution ", o->territory ? o->territory : "(all)",
                     o->territory ? " --territory " : "", o->territory ? o->territory : "");
        goto out;
    }
    rc = o->ledger ? run_ledger(&r, &f, out) : run_alloc(&r, &f, out);
    if (rc)
        goto out;
    if (o->store && !o->ledger) {
        rc = store_begin(s, e);
        if (!rc)
            rc = store_plan_put(s, out, e);
        if (!rc)
            rc = store_commit(s, e);
        else
            store_rollback(s, NULL);
    }
out:
    if (rc)
        plan_release(out);
    impact_factors_release(&f);
    plan_data_release(&r.d);
    strmap_release(&r.flow_ix);
    strmap_release(&r.cand_ix);
    free(r.flows);
    free(r.cands);
    return rc;
}
