/*
 * plan_run.c - the plan and ledger runs: reads candidates and flows from the
 * store, routes and factor files from the knowledge base, groups candidates
 * into supply and demand nodes, calls alloc_solve and impact_compute, and
 * stores the plan. See plan_run.h and docs/impact.md.
 */
#include "core/plan_run.h"

#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv.h"
#include "optim/alloc.h"
#include "util/buf.h"
#include "util/strmap.h"
#include "util/i18n.h"

#define PLAN_FILE_MAX                                                                              \
    ((size_t)16 << 20) /* a factor or route file larger than this is a mistake                     \
                        */

struct pflow {
    double qty; /* per year, summed over the flows with the same actor, direction and code */
    enum canon_unit unit;
};

struct pcand {
    char key[256];
    char sup[SY_ID_MAX], rec[SY_ID_MAX];
    char code[SY_CODE_MAX];   /* the supplied resource */
    char demand[SY_CODE_MAX]; /* what the receiver would otherwise buy */
    enum cand_kind kind;
    enum canon_unit unit;
    double dist_km, qty;
    int qty_estimated; /* the match was not between two declared quantities */
    long snode, dnode;
};

struct pnode {
    double qty;
    enum canon_unit unit;
    int estimated; /* no stored flow: capacity from the candidates */
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
    char (*route_demand)[SY_CODE_MAX];
    size_t nroutes;
    struct strmap route_ix; /* route id -> index in route_demand */
    int oom;
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
    memset(p, 0, sizeof *p);
}

/* Reads a whole file into b. missing_ok: returns 1 when the file does not exist. */
static int read_all(const char *path, struct buf *b, int missing_ok, struct err *e)
{
    char chunk[65536];
    FILE *f = fopen(path, "rb");
    size_t n;
    int rc = SY_OK;

    if (!f) {
        if (missing_ok && errno == ENOENT)
            return 1;
        return err_set(e, SY_EIO, "%s: %s", path, strerror(errno));
    }
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        rc = buf_add(b, chunk, n);
        if (rc) {
            rc = err_set(e, rc, "%s: %s", path,
                         rc == SY_ELIMIT ? "larger than 16 MiB; is it the right file?"
                                         : "out of memory");
            break;
        }
    }
    if (!rc && ferror(f))
        rc = err_set(e, SY_EIO, _("%s: read error"), path);
    fclose(f);
    return rc;
}

int plan_load_factors(const char *kb_dir, const char *factors_dir, struct impact_factors *f,
                      struct err *e)
{
    struct buf b;
    char path[4096];
    int rc = SY_OK, found = 0;

    buf_init(&b, PLAN_FILE_MAX);
    for (int k = 0; k < FACTOR_NKINDS && !rc; k++) {
        snprintf(path, sizeof path, "%s/factors/%s.csv", kb_dir, impact_kind_name(k));
        buf_reset(&b);
        rc = read_all(path, &b, 0, e);
        if (rc) {
            err_prefix(e, _("reading the %s factors (set --kb or reinstall data/factors)"),
                       impact_kind_name(k));
            break;
        }
        rc = impact_factors_parse(f, k, b.str, b.len, path, e);
    }
    for (int k = 0; factors_dir && k < FACTOR_NKINDS && !rc; k++) {
        snprintf(path, sizeof path, "%s/%s.csv", factors_dir, impact_kind_name(k));
        buf_reset(&b);
        rc = read_all(path, &b, 1, e);
        if (rc == 1) {
            rc = SY_OK;
            continue;
        }
        if (!rc) {
            found++;
            rc = impact_factors_parse(f, k, b.str, b.len, path, e);
        }
    }
    if (!rc && factors_dir && !found)
        rc = err_set(e, SY_EIO,
                     _("%s: no transport.csv, disposal.csv or virgin.csv there; --factors (or "
                       "$SYMBIOSE_FACTORS) names a folder with some of these files"),
                     factors_dir);
    buf_release(&b);
    return rc;
}

/* Reads the route id -> demand code map from <kb_dir>/routes.csv (absent: none). */
static int load_routes(struct run *r, const char *kb_dir)
{
    struct buf b;
    struct csv *c = NULL;
    struct csv_record rec;
    char path[4096];
    int rc, got, id_col = -1, dem_col = -1;
    size_t cap = 0;

    buf_init(&b, PLAN_FILE_MAX);
    snprintf(path, sizeof path, "%s/routes.csv", kb_dir);
    rc = read_all(path, &b, 1, r->e);
    if (rc == 1) {
        rc = SY_OK;
        goto out;
    }
    if (rc)
        goto out;
    c = csv_new_mem(b.str, b.len, path, NULL);
    if (!c) {
        rc = err_set(r->e, SY_ENOMEM, _("out of memory reading %s"), path);
        goto out;
    }
    while ((got = csv_next(c, &rec, r->e)) == 1) {
        if (id_col < 0) {
            for (size_t i = 0; i < rec.n; i++) {
                if (strcmp(rec.fields[i], "id") == 0)
                    id_col = (int)i;
                else if (strcmp(rec.fields[i], "demand") == 0)
                    dem_col = (int)i;
            }
            if (id_col < 0 || dem_col < 0) {
                rc = err_set(r->e, SY_EINPUT, _("%s:1:1: no 'id' or 'demand' column"), path);
                goto out;
            }
            continue;
        }
        if ((size_t)id_col >= rec.n || (size_t)dem_col >= rec.n ||
            strlen(rec.fields[dem_col]) >= SY_CODE_MAX)
            continue;
        if (r->nroutes == cap) {
            size_t ncap = cap ? cap * 2 : 256;
            char(*v)[SY_CODE_MAX] = realloc(r->route_demand, ncap * sizeof *v);

            if (!v) {
                rc = err_set(r->e, SY_ENOMEM, _("out of memory reading %s"), path);
                goto out;
            }
            r->route_demand = v;
            cap = ncap;
        }
        memcpy(r->route_demand[r->nroutes], rec.fields[dem_col], rec.lens[dem_col] + 1);
        if (strmap_put(&r->route_ix, rec.fields[id_col], (long)r->nroutes)) {
            rc = err_set(r->e, SY_ENOMEM, _("out of memory reading %s"), path);
            goto out;
        }
        r->nroutes++;
    }
    if (got < 0)
        rc = got;
out:
    csv_free(c);
    buf_release(&b);
    return rc;
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
    r->flows[r->nflows].qty = f->qty_year;
    r->flows[r->nflows].unit = f->canon;
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

    if (strmap_get(&r->cand_ix, c->key, NULL))
        return 0; /* the same candidate from another run */
    if (!r->o->ledger && (c->kind == CAND_MUTUALISATION ||
                          (c->kind == CAND_PROSPECTIVE && !r->o->include_prospective)))
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
    if (strmap_get(&r->route_ix, c->rule, &ix))
        snprintf(p->demand, sizeof p->demand, "%s", r->route_demand[ix]);
    p->kind = c->kind;
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

/* Interns a node: key -> index in nodes, capacity from the stored flow (or -1 meaning
 * "from the candidates"). */
static long node_get(struct strmap *ix, struct pnode **nodes, size_t *n, size_t *cap,
                     const char *key, const struct pflow *fl, struct err *e)
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
    snprintf(l->sources, sizeof l->sources, "%s", im->sources);
    snprintf(l->quality, sizeof l->quality, "%s", im->estimated ? "estimated" : "declared");
}

static double objective_of(enum plan_objective o, const struct impact_line *u)
{
    return o == PLAN_CO2E ? u->co2e_kg : o == PLAN_TONNES ? u->tonnes : u->eur;
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
            impact_compute(f, c->code, c->demand, c->unit, q, c->dist_km, c->qty_estimated, &im);
        }
        fill_line(&out->lines[out->n++], c, q, &im);
    }
    return SY_OK;
}

static int run_alloc(struct run *r, const struct impact_factors *f, struct plan *out)
{
    struct strmap six, dix;
    struct pnode *sn = NULL, *dn = NULL;
    size_t nsn = 0, csn = 0, ndn = 0, cdn = 0;
    struct alloc_arc *arcs = NULL;
    double *sq = NULL, *dq = NULL;
    struct alloc_result res = {0};
    struct alloc_problem p = {0};
    struct impact_line unit_im, im;
    char key[2 * SY_ID_MAX + SY_CODE_MAX];
    int rc = SY_OK;

    strmap_init(&six);
    strmap_init(&dix);
    arcs = calloc(r->ncands ? r->ncands : 1, sizeof *arcs);
    if (!arcs) {
        rc = err_set(r->e, SY_ENOMEM, _("out of memory building the network"));
        goto out;
    }
    for (size_t i = 0; i < r->ncands; i++) {
        struct pcand *c = &r->cands[i];
        long fs = find_flow(r, c->sup, FLOW_SUPPLY, c->code);
        long fd = find_flow(r, c->rec, FLOW_DEMAND, c->demand);

        if (fd < 0)
            fd = find_flow(r, c->rec, FLOW_DEMAND, c->code);
        /* Supply: one node per supplier and resource; demand: per receiver and wanted code. */
        snprintf(key, sizeof key, "%s\x1f%s", c->sup, c->code);
        c->snode = node_get(&six, &sn, &nsn, &csn, key, fs >= 0 ? &r->flows[fs] : NULL, r->e);
        snprintf(key, sizeof key, "%s\x1f%s", c->rec, c->demand);
        c->dnode = node_get(&dix, &dn, &ndn, &cdn, key, fd >= 0 ? &r->flows[fd] : NULL, r->e);
        if (c->snode < 0 || c->dnode < 0) {
            rc = SY_ENOMEM;
            goto out;
        }
        /* node_get grows the arrays with their maps, so a node found in a map
         * is initialised; the analyser cannot see that. */
        assert(sn && dn);
        /* A node without a stored flow takes the largest quantity of its candidates. */
        /* NOLINTNEXTLINE(clang-analyzer-core.uninitialized.Branch) */
        if (sn[c->snode].estimated && c->qty > sn[c->snode].qty) {
            sn[c->snode].qty = c->qty;
            sn[c->snode].unit = c->unit;
        }
        if (dn[c->dnode].estimated && c->qty > dn[c->dnode].qty) {
            dn[c->dnode].qty = c->qty;
            dn[c->dnode].unit = c->unit;
        }
    }
    sq = calloc(nsn ? nsn : 1, sizeof *sq);
    dq = calloc(ndn ? ndn : 1, sizeof *dq);
    if (!sq || !dq) {
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
        /* Quantities in different units cannot share a node: such a pair is not allocated. */
        arcs[i].cap = c->qty >= 0 && sn[c->snode].unit == c->unit && dn[c->dnode].unit == c->unit
                          ? c->qty
                          : -1;
        impact_compute(f, c->code, c->demand, c->unit, 1.0, c->dist_km, 0, &unit_im);
        arcs[i].benefit = objective_of(r->o->objective, &unit_im);
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
        goto out;
    out->lines = calloc(r->ncands ? r->ncands : 1, sizeof *out->lines);
    if (!out->lines) {
        rc = err_set(r->e, SY_ENOMEM, _("out of memory building the plan"));
        goto out;
    }
    for (size_t i = 0; i < r->ncands; i++) {
        const struct pcand *c = &r->cands[i];
        int est;

        if (!(res.flow[i] > 0))
            continue;
        est = c->qty_estimated || sn[c->snode].estimated || dn[c->dnode].estimated;
        impact_compute(f, c->code, c->demand, c->unit, res.flow[i], c->dist_km, est, &im);
        fill_line(&out->lines[out->n++], c, res.flow[i], &im);
    }
    /* Totals are the sum of the lines: each synergy counted once (docs/impact.md). */
    for (size_t i = 0; i < out->n; i++) {
        out->tonnes += out->lines[i].tonnes;
        out->co2e_kg += out->lines[i].co2e_kg;
        out->euros += out->lines[i].euros;
    }
    for (size_t i = 0; i < nsn; i++)
        if (sn[i].unit == UNIT_T)
            out->untreated_qty += res.untreated[i];
out:
    alloc_result_release(&res);
    strmap_release(&six);
    strmap_release(&dix);
    free(sn);
    free(dn);
    free(sq);
    free(dq);
    free(arcs);
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
    strmap_init(&r.route_ix);
    impact_factors_init(&f);
    snprintf(out->territory, sizeof out->territory, "%s", o->territory ? o->territory : "");
    snprintf(out->objective, sizeof out->objective, "%s",
             o->ledger ? "ledger" : plan_objective_name(o->objective));
    rc = plan_load_factors(kb_dir, o->factors_dir, &f, e);
    if (!rc)
        rc = load_routes(&r, kb_dir);
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
    strmap_release(&r.flow_ix);
    strmap_release(&r.cand_ix);
    strmap_release(&r.route_ix);
    free(r.flows);
    free(r.cands);
    free(r.route_demand);
    return rc;
}
