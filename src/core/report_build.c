/*
 * report_build.c - a report document from the store (see report_build.h).
 *
 * Figures are counted from the records (actors, flows, candidates and
 * their decisions), taken from the latest plan of the year (tonnes, CO2e,
 * euros, with each line's factors and whether its quantity was declared or
 * estimated), or entered (ELIPSE). A network report repeats every figure
 * per territory and adds their sum under the scope "network".
 */
#include "core/report_build.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/store_report.h"
#include "util/i18n.h"
#include "util/strmap.h"

#define ACTOR_ROWS_MAX 2000 /* per territory, in the actors table */
#define CAND_ROWS_MAX 300   /* per territory, in the candidates table */

struct pos {
    double lat, lon;
    int has;
};

struct ctx {
    struct store *s;
    struct report *r;
    const char *terr;
    /* counts */
    long actors, kinds[3], flows, supply, demand, cand_kind[3], cand_status[3];
    /* the full report only: tables and positions */
    struct rep_table *actors_t, *cands_t;
    struct strmap *ids; /* actor id -> index in pos */
    struct pos *pos;
    size_t npos, poscap;
    long actor_rows, cand_rows;
    int year;         /* the report's */
    long new_in_year; /* candidates first detected in that year */
};

static const char *const kind_key[] = {"company", "public", "association"};

static int on_actor(void *vc, const struct actor *a)
{
    struct ctx *c = vc;

    c->actors++;
    if ((unsigned)a->kind < 3)
        c->kinds[a->kind]++;
    if (!c->actors_t)
        return SY_OK;
    if (c->npos == c->poscap) {
        size_t ncap = c->poscap ? c->poscap * 2 : 256;
        struct pos *np = realloc(c->pos, ncap * sizeof *np);

        if (!np)
            return SY_ENOMEM;
        c->pos = np;
        c->poscap = ncap;
    }
    c->pos[c->npos].lat = a->lat;
    c->pos[c->npos].lon = a->lon;
    c->pos[c->npos].has = a->has_coord;
    if (strmap_put(c->ids, a->id, (long)c->npos++))
        return SY_ENOMEM;
    if (a->has_coord) {
        struct rep_place p;

        memset(&p, 0, sizeof p);
        snprintf(p.id, sizeof p.id, "%s", a->id);
        snprintf(p.name, sizeof p.name, "%s", a->name);
        snprintf(p.territory, sizeof p.territory, "%s", c->terr);
        snprintf(p.kind, sizeof p.kind, "%s", model_kind_name(a->kind));
        snprintf(p.naf, sizeof p.naf, "%s", a->naf);
        p.lat = a->lat, p.lon = a->lon;
        if (report_place(c->r, &p))
            return SY_ENOMEM;
    }
    if (c->actor_rows++ < ACTOR_ROWS_MAX) {
        char lat[32] = "", lon[32] = "";
        const char *v[9];

        if (a->has_coord) {
            snprintf(lat, sizeof lat, "%.6f", a->lat);
            snprintf(lon, sizeof lon, "%.6f", a->lon);
        }
        v[0] = c->terr, v[1] = a->id, v[2] = a->name, v[3] = model_kind_name(a->kind);
        v[4] = a->naf, v[5] = a->siret, v[6] = a->commune, v[7] = lat, v[8] = lon;
        return report_row(c->actors_t, v);
    }
    return SY_OK;
}

static int on_flow(void *vc, const struct flow *f)
{
    struct ctx *c = vc;

    c->flows++;
    if (f->dir == FLOW_SUPPLY)
        c->supply++;
    else
        c->demand++;
    return SY_OK;
}

static int on_cand(void *vc, const struct candidate *k)
{
    struct ctx *c = vc;

    if ((unsigned)k->kind < 3)
        c->cand_kind[k->kind]++;
    if ((unsigned)k->status < 3)
        c->cand_status[k->status]++;
    if (k->first_seen[0] && atoi(k->first_seen) == c->year)
        c->new_in_year++;
    if (c->cands_t && k->status != CAND_REJECTED && c->cand_rows++ < CAND_ROWS_MAX) {
        char q[32], sc[32], km[32];
        const char *v[12];

        snprintf(q, sizeof q, "%.3f", k->quantity);
        snprintf(sc, sizeof sc, "%.3f", k->score);
        snprintf(km, sizeof km, "%.1f", k->distance_km);
        v[0] = c->terr, v[1] = candidate_kind_name(k->kind), v[2] = k->supplier_name;
        v[3] = k->receiver_name[0] ? k->receiver_name : k->group_id, v[4] = k->resource_code;
        v[5] = q, v[6] = model_unit_name(k->unit), v[7] = km, v[8] = sc;
        v[9] = candidate_status_name(k->status), v[10] = k->basis;
        v[11] = k->first_seen;
        return report_row(c->cands_t, v);
    }
    return SY_OK;
}

#define FIG(sec, key, label, val, unit, basis, src)                                                \
    do {                                                                                           \
        if (!rc)                                                                                   \
            rc = report_figure(r, t->code, sec, key, label, val, unit, basis, src);                \
    } while (0)

/* The impact figures of the latest plan of the year. */
static int plan_figures(struct store *s, const struct territory *t, int year, struct report *r,
                        struct plan *p, struct err *e)
{
    double tonnes[2] = {0}, co2[2] = {0}, eur[2] = {0}, mwh = 0, m3 = 0;
    char src[REP_TEXT_MAX], factors[700] = "";
    int rc = store_plan_latest(s, t->code, year, p, e), est = 0;
    size_t flen = 0, nsrc = 0, shown = 0;

    if (rc == SY_ENOTFOUND) {
        snprintf(src, sizeof src,
                 "no plan stored for %s up to %d: run 'symbiose plan "
                 "--territory %s'",
                 t->code, year, t->code);
        rc = SY_OK;
        FIG("impact", "impact.synergies", _("synergies in the plan"), 0, "count", "counted", src);
        FIG("impact", "impact.tonnes", _("tonnes diverted from disposal"), 0, "t/year", "none",
            src);
        FIG("impact", "impact.co2e_kg", _("CO2e avoided"), 0, "kg CO2e/year", "none", src);
        FIG("impact", "impact.co2e_t", _("CO2e avoided (tonnes)"), 0, "t CO2e/year", "none", src);
        FIG("impact", "impact.euros", _("euros saved"), 0, "EUR/year", "none", src);
        return rc;
    }
    if (rc)
        return rc;
    for (size_t i = 0; i < p->n; i++) {
        const struct plan_line *l = &p->lines[i];
        int k = strcmp(l->quality, "declared") != 0;

        est |= k;
        tonnes[k] += l->tonnes, co2[k] += l->co2e_kg, eur[k] += l->euros;
        if (l->unit == UNIT_MWH)
            mwh += l->quantity;
        else if (l->unit == UNIT_M3)
            m3 += l->quantity;
        if (strstr(factors, l->sources))
            continue;
        nsrc++;
        if (flen + strlen(l->sources) + 3 < sizeof factors) {
            flen += (size_t)snprintf(factors + flen, sizeof factors - flen, "%s%s",
                                     flen ? "; " : "", l->sources);
            shown++;
        }
    }
    snprintf(src, sizeof src,
             "plan %ld of %.10s (objective %s), %zu lines; factors: %.700s%s (%zu of %zu "
             "factor sets shown; each line's in the synergies table)",
             p->id, p->created, p->objective, p->n, factors[0] ? factors : "none",
             shown < nsrc ? " ..." : "", shown, nsrc);
    {
        const char *b = est ? "estimated" : "declared";
        char s2[REP_TEXT_MAX];

        FIG("impact", "impact.synergies", _("synergies in the plan"), (double)p->n, "count",
            "counted", src);
        FIG("impact", "impact.tonnes", _("tonnes diverted from disposal"), tonnes[0] + tonnes[1],
            "t/year", b, src);
        FIG("impact", "impact.co2e_kg", _("CO2e avoided"), co2[0] + co2[1], "kg CO2e/year", b, src);
        FIG("impact", "impact.co2e_t", _("CO2e avoided (tonnes)"), (co2[0] + co2[1]) / 1000,
            "t CO2e/year", b, src);
        FIG("impact", "impact.euros", _("euros saved"), eur[0] + eur[1], "EUR/year", b, src);
        snprintf(s2, sizeof s2, "lines of plan %ld whose quantities and factors are declared",
                 p->id);
        FIG("impact", "impact.tonnes.declared", _("tonnes, declared lines"), tonnes[0], "t/year",
            "declared", s2);
        FIG("impact", "impact.co2e_kg.declared", _("CO2e, declared lines"), co2[0], "kg CO2e/year",
            "declared", s2);
        FIG("impact", "impact.euros.declared", _("euros, declared lines"), eur[0], "EUR/year",
            "declared", s2);
        snprintf(s2, sizeof s2,
                 "lines of plan %ld with an estimated quantity or factor (see each line's "
                 "sources)",
                 p->id);
        FIG("impact", "impact.tonnes.estimated", _("tonnes, estimated lines"), tonnes[1], "t/year",
            "estimated", s2);
        FIG("impact", "impact.co2e_kg.estimated", _("CO2e, estimated lines"), co2[1],
            "kg CO2e/year", "estimated", s2);
        FIG("impact", "impact.euros.estimated", _("euros, estimated lines"), eur[1], "EUR/year",
            "estimated", s2);
        FIG("impact", "impact.mwh", _("energy exchanged"), mwh, "MWh/year", b, src);
        FIG("impact", "impact.m3", _("water exchanged"), m3, "m3/year", b, src);
    }
    return rc;
}

static int figures(struct ctx *c, const struct territory *t, int year, struct plan *p,
                   struct err *e)
{
    struct report *r = c->r;
    struct actor_filter af = {t->code, NULL};
    struct flow_filter ff = {NULL, t->code};
    struct cand_filter cf = {t->code, -1, 1, NULL};
    char src[REP_TEXT_MAX], seen_by[16];
    int rc;

    /* Candidates count in year Y when a run first detected them by the end of Y. */
    snprintf(seen_by, sizeof seen_by, "%04d-12-31", year);
    cf.seen_by = seen_by;
    c->new_in_year = 0;
    c->year = year;
    c->terr = t->code;
    rc = store_actor_list(c->s, &af, on_actor, c, e);
    if (!rc)
        rc = store_flow_list(c->s, &ff, on_flow, c, e);
    if (!rc)
        rc = store_cand_list(c->s, &cf, on_cand, c, e);
    if (rc)
        return rc;
    snprintf(src, sizeof src, "territory record %s: facilitating structure '%s', programme '%s'",
             t->code, t->structure, t->programme);
    FIG("identity", "identity.structure", _("facilitating structure named"),
        t->structure[0] ? 1 : 0, "yes/no", "counted", src);
    snprintf(src, sizeof src, "actor records of %s in the database when the report was made",
             t->code);
    FIG("actors", "actors.count", _("actors"), (double)c->actors, "count", "counted", src);
    for (int k = 0; k < 3; k++) {
        char key[64], lab[64];

        snprintf(key, sizeof key, "actors.%s", kind_key[k]);
        snprintf(lab, sizeof lab, "%s", model_kind_name((enum actor_kind)k));
        FIG("actors", key, lab, (double)c->kinds[k], "count", "counted", src);
    }
    snprintf(src, sizeof src, "flow records of the actors of %s (declared by actors or entered)",
             t->code);
    FIG("flows", "flows.count", _("flows recorded"), (double)c->flows, "count", "counted", src);
    FIG("flows", "flows.supply", _("supplies"), (double)c->supply, "count", "counted", src);
    FIG("flows", "flows.demand", _("demands"), (double)c->demand, "count", "counted", src);
    snprintf(src, sizeof src,
             "candidates of the latest detection run for %s ('symbiose match') first detected "
             "by the end of %d (undated ones too), with the facilitator's decisions",
             t->code, year);
    FIG("candidates", "candidates.detected_in_year", _("candidates first detected in the year"),
        (double)c->new_in_year, "count", "counted", src);
    for (int k = 0; k < 3; k++) {
        char key[64];

        snprintf(key, sizeof key, "candidates.%s", candidate_kind_name((enum cand_kind)k));
        FIG("candidates", key, candidate_kind_name((enum cand_kind)k), (double)c->cand_kind[k],
            "count", "counted", src);
    }
    for (int k = 0; k < 3; k++) {
        char key[64];

        snprintf(key, sizeof key, "candidates.%s", candidate_status_name((enum cand_status)k));
        FIG("candidates", key, candidate_status_name((enum cand_status)k),
            (double)c->cand_status[k], "count", "counted", src);
    }
    {
        long st[5];
        int avail = 0;

        rc = store_synergy_stages(c->s, t->code, year, st, &avail, e);
        if (!rc && avail && st[0] + st[1] + st[2] + st[3] + st[4] > 0) {
            snprintf(src, sizeof src,
                     "synergies of %s by stage at the end of %d (each one's latest dated move)",
                     t->code, year);
            FIG("synergies", "synergies.study", _("idea or study"), (double)(st[0] + st[1]),
                "count", "counted", src);
            FIG("synergies", "synergies.implementation", _("implementation"), (double)st[2],
                "count", "counted", src);
            FIG("synergies", "synergies.running", _("running"), (double)st[3], "count", "counted",
                src);
            FIG("synergies", "synergies.abandoned", _("abandoned"), (double)st[4], "count",
                "counted", src);
        } else if (!rc) {
            snprintf(src, sizeof src,
                     "no synergy of %s followed by stage yet: accepted candidates stand for "
                     "running synergies and proposed ones for synergies under study",
                     t->code);
            FIG("synergies", "synergies.running", _("running (accepted)"),
                (double)c->cand_status[CAND_ACCEPTED], "count", "counted", src);
            FIG("synergies", "synergies.study", _("under study (proposed)"),
                (double)c->cand_status[CAND_PROPOSED], "count", "counted", src);
        }
    }
    if (!rc)
        rc = plan_figures(c->s, t, year, r, p, e);
    return rc;
}
#undef FIG

int report_territory_figures(struct store *s, const struct territory *t, int year, struct report *r,
                             struct err *e)
{
    struct ctx c;
    struct plan p;
    int rc;

    memset(&c, 0, sizeof c);
    memset(&p, 0, sizeof p);
    c.s = s;
    c.r = r;
    rc = figures(&c, t, year, &p, e);
    free(p.lines);
    if (!rc)
        rc = report_network_figures(s, t, year, r, NULL, e);
    return rc;
}

struct entered {
    const struct elipse_list *el;
    struct elipse_row *rows;
};

static int on_entered(void *vc, const struct elipse_value *v)
{
    struct entered *x = vc;

    for (size_t i = 0; i < x->el->n; i++)
        if (strcmp(x->el->v[i].code, v->indicator) == 0 && !x->el->v[i].computed_from[0]) {
            x->rows[i].value = v->value;
            snprintf(x->rows[i].basis, sizeof x->rows[i].basis, "entered");
            snprintf(x->rows[i].source, sizeof x->rows[i].source, "entered %.10s%s%.200s%s%.500s",
                     v->at, v->by[0] ? " by " : "", v->by, v->note[0] ? ": " : "", v->note);
        }
    return SY_OK;
}

int report_elipse_rows(struct store *s, const struct elipse_list *el, const struct report *r,
                       const char *territory, int year, struct elipse_row *rows, struct err *e)
{
    struct entered x = {el, rows};

    for (size_t i = 0; i < el->n; i++) {
        const struct elipse_ind *ind = &el->v[i];
        const struct rep_figure *f =
            ind->computed_from[0] ? report_find(r, territory, ind->computed_from) : NULL;

        rows[i].ind = ind;
        rows[i].value = NAN;
        snprintf(rows[i].basis, sizeof rows[i].basis, "missing");
        snprintf(rows[i].source, sizeof rows[i].source, "%s",
                 ind->computed_from[0] ? "not in the database yet"
                                       : "to be entered: symbiose elipse set");
        if (f) {
            rows[i].value = f->value;
            snprintf(rows[i].basis, sizeof rows[i].basis, "computed");
            snprintf(rows[i].source, sizeof rows[i].source, "computed from %s (%.800s)",
                     ind->computed_from, f->source);
        }
    }
    return store_elipse_list(s, territory, year, on_entered, &x, e);
}

static const struct out_col terr_cols[] = {
    {"code", 0, 0}, {"name", 0, 0}, {"region", 0, 0}, {"structure", 0, 0}, {"programme", 0, 0}};
static const struct out_col actor_cols[] = {{"territory", 0, 0}, {"id", 0, 0},  {"name", 0, 0},
                                            {"kind", 0, 0},      {"naf", 0, 0}, {"siret", 0, 0},
                                            {"commune", 0, 0},   {"lat", 1, 0}, {"lon", 1, 0}};
static const struct out_col syn_cols[] = {
    {"territory", 0, 0},   {"plan", 1, 0},     {"plan_date", 0, 0}, {"supplier", 0, 0},
    {"receiver", 0, 0},    {"resource", 0, 0}, {"quantity", 1, 0},  {"unit", 0, 0},
    {"distance_km", 1, 0}, {"tonnes", 1, 0},   {"co2e_kg", 1, 0},   {"euros", 1, 0},
    {"basis", 0, 0},       {"sources", 0, 0}};
static const struct out_col pipe_cols[] = {
    {"territory", 0, 0}, {"actor", 0, 0},        {"name", 0, 0},
    {"stage", 0, 0},     {"since", 0, 0},        {"by", 0, 0},
    {"reason", 0, 0},    {"last_contact", 0, 0}, {"next_due", 0, 0}};
static const struct out_col event_cols[] = {
    {"territory", 0, 0}, {"date", 0, 0},      {"type", 0, 0},         {"title", 0, 0},
    {"place", 0, 0},     {"organiser", 0, 0}, {"participants", 1, 0}, {"notes", 0, 0}};
static const struct out_col barrier_cols[] = {{"territory", 0, 0}, {"barrier", 0, 0},
                                              {"label", 0, 0},     {"noted", 0, 0},
                                              {"by", 0, 0},        {"notes", 0, 0}};
static const struct out_col lever_cols[] = {
    {"territory", 0, 0},   {"lever", 0, 0},  {"label", 0, 0}, {"barrier", 0, 0},
    {"date", 0, 0},        {"result", 0, 0}, {"by", 0, 0},    {"notes", 0, 0},
    {"facilitator", 0, 0}, {"email", 0, 0},  {"phone", 0, 0}};
static const struct out_col cand_cols[] = {
    {"territory", 0, 0}, {"kind", 0, 0},     {"supplier", 0, 0}, {"receiver", 0, 0},
    {"resource", 0, 0},  {"quantity", 1, 0}, {"unit", 0, 0},     {"distance_km", 1, 0},
    {"score", 1, 0},     {"status", 0, 0},   {"basis", 0, 0},    {"first_seen", 0, 0}};

static int plan_rows(struct ctx *c, struct rep_table *syn, const struct plan *p)
{
    int rc = SY_OK;

    for (size_t i = 0; !rc && i < p->n; i++) {
        const struct plan_line *l = &p->lines[i];
        char id[32], date[16], q[32], km[32], t[32], co2[32], eur[32];
        const char *v[14];
        long a = -1, b = -1;

        snprintf(id, sizeof id, "%ld", p->id);
        snprintf(date, sizeof date, "%.10s", p->created);
        snprintf(q, sizeof q, "%.3f", l->quantity);
        snprintf(km, sizeof km, "%.1f", l->distance_km);
        snprintf(t, sizeof t, "%.3f", l->tonnes);
        snprintf(co2, sizeof co2, "%.1f", l->co2e_kg);
        snprintf(eur, sizeof eur, "%.2f", l->euros);
        v[0] = c->terr, v[1] = id, v[2] = date, v[3] = l->supplier_id, v[4] = l->receiver_id;
        v[5] = l->resource_code, v[6] = q, v[7] = model_unit_name(l->unit), v[8] = km;
        v[9] = t, v[10] = co2, v[11] = eur, v[12] = l->quality, v[13] = l->sources;
        rc = report_row(syn, v);
        if (!rc && strmap_get(c->ids, l->supplier_id, &a) &&
            strmap_get(c->ids, l->receiver_id, &b) && c->pos[a].has && c->pos[b].has) {
            struct rep_link k;

            memset(&k, 0, sizeof k);
            snprintf(k.supplier, sizeof k.supplier, "%s", l->supplier_id);
            snprintf(k.receiver, sizeof k.receiver, "%s", l->receiver_id);
            snprintf(k.resource, sizeof k.resource, "%s", l->resource_code);
            snprintf(k.territory, sizeof k.territory, "%s", c->terr);
            snprintf(k.status, sizeof k.status, "planned");
            k.lat1 = c->pos[a].lat, k.lon1 = c->pos[a].lon;
            k.lat2 = c->pos[b].lat, k.lon2 = c->pos[b].lon;
            k.quantity = l->quantity;
            snprintf(k.unit, sizeof k.unit, "%s", model_unit_name(l->unit));
            k.tonnes = l->tonnes, k.co2e_kg = l->co2e_kg, k.euros = l->euros;
            snprintf(k.basis, sizeof k.basis, "%s", l->quality);
            snprintf(k.source, sizeof k.source, "plan %ld: %.990s", p->id, l->sources);
            rc = report_link(c->r, &k);
        }
    }
    return rc;
}

/* The sum over territories of every additive figure, under scope "network". */
static int consolidate(struct report *r, size_t nterr)
{
    size_t n = r->nfigs;
    int rc = SY_OK;

    for (size_t i = 0; !rc && i < n; i++) {
        const struct rep_figure *f = &r->figs[i];
        double sum = 0;
        int est = 0, decl = 0, none = 0, first = 1;
        char src[REP_TEXT_MAX], key[64], sec[32], lab[REP_NAME_MAX], unit[24];

        for (size_t k = 0; k < i; k++)
            if (strcmp(r->figs[k].key, f->key) == 0)
                first = 0;
        if (!first || strcmp(f->key, "actors.kinds_engaged") == 0) /* not additive */
            continue;
        for (size_t k = 0; k < n; k++) {
            if (strcmp(r->figs[k].key, f->key) != 0)
                continue;
            sum += r->figs[k].value;
            est |= strcmp(r->figs[k].basis, "estimated") == 0;
            decl |= strcmp(r->figs[k].basis, "declared") == 0;
            none |= strcmp(r->figs[k].basis, "none") == 0;
        }
        snprintf(src, sizeof src, "sum of the %zu territories' figures (see each territory)",
                 nterr);
        snprintf(key, sizeof key, "%s", f->key);
        snprintf(sec, sizeof sec, "%s", f->section);
        snprintf(lab, sizeof lab, "%s", f->label);
        snprintf(unit, sizeof unit, "%s", f->unit);
        rc = report_figure(r, "network", sec, key, lab, sum, unit,
                           est                ? "estimated"
                           : decl             ? "declared"
                           : none && sum == 0 ? "none"
                                              : "counted",
                           src);
    }
    return rc;
}

struct terr_list {
    struct territory *v;
    size_t n, cap;
};

static int on_terr(void *vc, const struct territory *t)
{
    struct terr_list *l = vc;

    if (l->n == l->cap) {
        size_t ncap = l->cap ? l->cap * 2 : 8;
        struct territory *nv = realloc(l->v, ncap * sizeof *nv);

        if (!nv)
            return SY_ENOMEM;
        l->v = nv;
        l->cap = ncap;
    }
    l->v[l->n++] = *t;
    return SY_OK;
}

/* ELIPSE of one territory: the report year, the year before, and every year
 * with an entered value up to the report year. */
static int elipse_history(struct store *s, const struct elipse_list *el, const struct territory *t,
                          struct report *r, int year, struct err *e)
{
    struct elipse_row *rows = calloc(el->n ? el->n : 1, sizeof *rows);
    struct rep_elipse *hist = calloc(el->n ? el->n : 1, sizeof *hist);
    int years[16], ny = 0, rc = SY_OK;

    if (!rows || !hist) {
        rc = SY_ENOMEM;
        goto out;
    }
    years[ny++] = year - 1;
    years[ny++] = year;
    for (int y = year - 10; y < year - 1; y++) {
        int found = 0;

        for (size_t i = 0; i < el->n; i++)
            rows[i].basis[0] = 0;
        rc = report_elipse_rows(s, el, r, t->code, y, rows, e);
        for (size_t i = 0; !rc && i < el->n; i++)
            found |= strcmp(rows[i].basis, "entered") == 0;
        if (rc)
            goto out;
        if (found && ny < 16) {
            memmove(years + 1, years, (size_t)ny * sizeof *years);
            years[0] = y;
            ny++;
        }
    }
    for (int k = 1; k < ny; k++) /* ascending */
        for (int j = k; j > 0 && years[j - 1] > years[j]; j--) {
            int tmp = years[j];

            years[j] = years[j - 1], years[j - 1] = tmp;
        }
    for (size_t i = 0; i < el->n; i++) {
        snprintf(hist[i].scope, sizeof hist[i].scope, "%s", t->code);
        snprintf(hist[i].code, sizeof hist[i].code, "%s", el->v[i].code);
        snprintf(hist[i].axis, sizeof hist[i].axis, "%s", el->v[i].axis);
        snprintf(hist[i].label, sizeof hist[i].label, "%s", el->v[i].label_en);
        hist[i].required = el->v[i].required;
        hist[i].scale_max = el->v[i].scale_max;
    }
    for (int y = 0; !rc && y < ny; y++) {
        struct report tmp;

        report_init(&tmp);
        rc = years[y] == year ? SY_OK : report_territory_figures(s, t, years[y], &tmp, e);
        if (!rc)
            rc = report_elipse_rows(s, el, years[y] == year ? r : &tmp, t->code, years[y], rows, e);
        report_release(&tmp);
        for (size_t i = 0; !rc && i < el->n; i++) {
            struct rep_elipse *h = &hist[i];

            h->years[h->nyears] = years[y];
            h->values[h->nyears] = rows[i].value;
            snprintf(h->basis[h->nyears], sizeof h->basis[0], "%s", rows[i].basis);
            h->nyears++;
            if (years[y] == year) {
                char key[32];

                snprintf(key, sizeof key, "elipse.%s", el->v[i].code);
                if (isfinite(rows[i].value))
                    rc = report_figure(r, t->code, "elipse", key, el->v[i].label_en, rows[i].value,
                                       el->v[i].unit, rows[i].basis, rows[i].source);
            }
        }
    }
    for (size_t i = 0; !rc && i < el->n; i++)
        rc = report_elipse(r, &hist[i]);
out:
    free(rows);
    free(hist);
    return rc;
}

int report_build(struct store *s, const struct elipse_list *el, const struct report_opts *o,
                 struct report *r, struct err *e)
{
    struct terr_list tl = {0};
    struct rep_table *terr_t, *syn_t;
    struct rep_tables_net nt;
    struct strmap ids;
    struct ctx c;
    time_t now = time(NULL);
    struct tm tm;
    int rc = SY_OK;

    if (o->year < 1990 || o->year > 2100)
        return err_set(e, SY_EUSAGE, "year %d is out of range (1990-2100)", o->year);
    strmap_init(&ids);
    memset(&c, 0, sizeof c);
    if (o->network) {
        rc = store_territory_list(s, on_terr, &tl, e);
        if (!rc && tl.n == 0)
            rc = err_set(e, SY_ENOTFOUND,
                         "no territory in the database; add them with 'symbiose territory add' "
                         "or 'symbiose import territories'");
    } else {
        struct territory t;

        rc = store_territory_get(s, o->territory, &t, e);
        if (rc == SY_ENOTFOUND)
            rc = err_set(e, SY_ENOTFOUND, "no territory '%s'; 'symbiose territory list' shows them",
                         o->territory);
        if (!rc)
            rc = on_terr(&tl, &t);
    }
    if (rc)
        goto out;
    gmtime_r(&now, &tm);
    strftime(r->generated, sizeof r->generated, "%Y-%m-%dT%H:%M:%SZ", &tm);
    snprintf(r->generator, sizeof r->generator, "%s", o->generator ? o->generator : "symbiose");
    r->year = o->year;
    snprintf(r->scope, sizeof r->scope, "%s", o->network ? "network" : "territory");
    if (o->network)
        snprintf(r->title, sizeof r->title, "EIT network report, %zu territories, %d", tl.n,
                 o->year);
    else
        snprintf(r->title, sizeof r->title, "EIT report: %.180s (%.40s), %d", tl.v[0].name,
                 tl.v[0].code, o->year);
    report_note(r,
                "Actors, flows and candidates are counted as the database holds them when the "
                "report is made; tonnes, CO2e and euros come from the latest plan stored up to "
                "the end of %d.",
                o->year);
    terr_t = report_table(r, "territories", "Territories", terr_cols, 5);
    c.actors_t = report_table(r, "actors", "Actors", actor_cols, 9);
    syn_t = report_table(r, "synergies", "Synergies of the latest plan, with their impact",
                         syn_cols, sizeof syn_cols / sizeof syn_cols[0]);
    c.cands_t = report_table(r, "candidates", "Candidates kept (proposed and accepted)", cand_cols,
                             sizeof cand_cols / sizeof cand_cols[0]);
    nt.pipeline = report_table(r, "pipeline", "Engagement pipeline (actors that moved)", pipe_cols,
                               sizeof pipe_cols / sizeof pipe_cols[0]);
    nt.events = report_table(r, "events", "Events of the year", event_cols,
                             sizeof event_cols / sizeof event_cols[0]);
    nt.barriers = report_table(r, "barriers", "Barriers met in the year", barrier_cols,
                               sizeof barrier_cols / sizeof barrier_cols[0]);
    nt.levers = report_table(r, "levers", "Levers tried in the year, and whom to call", lever_cols,
                             sizeof lever_cols / sizeof lever_cols[0]);
    if (!terr_t || !c.actors_t || !syn_t || !c.cands_t || !nt.pipeline || !nt.events ||
        !nt.barriers || !nt.levers) {
        rc = err_set(e, SY_ENOMEM, "out of memory building the report");
        goto out;
    }
    c.s = s;
    c.r = r;
    c.ids = &ids;
    for (size_t i = 0; !rc && i < tl.n; i++) {
        const struct territory *t = &tl.v[i];
        const char *v[5] = {t->code, t->name, t->region, t->structure, t->programme};
        struct plan p;

        memset(&p, 0, sizeof p);
        memset(c.kinds, 0, sizeof c.kinds);
        memset(c.cand_kind, 0, sizeof c.cand_kind);
        memset(c.cand_status, 0, sizeof c.cand_status);
        c.actors = c.flows = c.supply = c.demand = 0;
        c.actor_rows = c.cand_rows = 0;
        rc = report_row(terr_t, v);
        if (!rc)
            rc = figures(&c, t, o->year, &p, e);
        c.terr = t->code;
        if (!rc)
            rc = plan_rows(&c, syn_t, &p);
        if (!rc)
            rc = report_network_figures(s, t, o->year, r, &nt, e);
        free(p.lines);
        if (!rc && c.actor_rows > ACTOR_ROWS_MAX)
            rc = report_note(r, "%s: %ld actors, the first %d in the actors table", t->code,
                             c.actor_rows, ACTOR_ROWS_MAX);
    }
    if (!rc && o->network)
        rc = consolidate(r, tl.n);
    if (!rc && o->network)
        rc = report_network_events(s, o->year, r, &nt, e);
    for (size_t i = 0; !rc && el && i < tl.n; i++)
        rc = elipse_history(s, el, &tl.v[i], r, o->year, e);
    if (rc && e && !e->msg[0])
        err_set(e, rc, "building the report: %s", err_name(rc));
out:
    strmap_release(&ids);
    free(c.pos);
    free(tl.v);
    return rc;
}
