/*
 * explain.c - materialises an engine candidate as a struct candidate: stable
 * key, labels, basis, the explanation a facilitator reads (rule, distance,
 * quantities, what must still be confirmed) and the fingerprint of the data
 * it was computed from (FNV-1a 64), which lets a rejected candidate come back
 * only when that data changed.
 */
#include "match/checklist.h"
#include "match/engine_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct sbuf {
    char *s;
    size_t n, len;
};

static void sadd(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void sadd(struct sbuf *b, const char *fmt, ...)
{
    va_list ap;
    int k;

    if (b->len + 1 >= b->n)
        return;
    va_start(ap, fmt);
    k = vsnprintf(b->s + b->len, b->n - b->len, fmt, ap);
    va_end(ap);
    if (k < 0)
        return;
    b->len += (size_t)k;
    if (b->len >= b->n) {
        b->len = b->n - 1;
        /* Mark the cut so a reader knows the text is longer. */
        if (b->n > 4)
            memcpy(b->s + b->n - 4, "...", 4);
    }
}

static uint64_t fnv64(uint64_t h, const char *s)
{
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ull;
    }
    return h ^ 0xff; /* field separator */
}

static void copy(char *dst, size_t n, const char *src)
{
    snprintf(dst, n, "%s", src ? src : "");
}

/* A quantity as people read it: "150000 t/yr", "unknown". */
static void qty_str(char *out, size_t n, double q, uint8_t unit)
{
    if (q < 0)
        snprintf(out, n, "unknown quantity");
    else
        snprintf(out, n, "%.6g %s/yr", q, model_unit_name((enum canon_unit)unit));
}

static const char *site_name(const struct eng_site *s)
{
    return s->name && s->name[0] ? s->name : s->id;
}

static uint64_t fp_flow(uint64_t h, const struct kb *kb, const struct eng_site *sites,
                        const struct eng_flow *f)
{
    char b[256];
    const struct eng_site *s = &sites[f->site];

    snprintf(b, sizeof b, "%s|%d|%s|%.6g|%d|%u|%d|%d|%.3f|%d|%d|%.5f|%.5f|%s|%.6g|%d", s->id,
             f->dir, kb_code_str(kb, f->code), f->qty_year, f->unit, f->months, f->state,
             f->has_temp, f->has_temp ? f->temp_c : 0.0, f->hazardous, f->inferred, s->lat, s->lon,
             kb_nace_str(kb, s->nace), s->workforce, s->licensed_hazardous);
    return fnv64(h, b);
}

/* " local" when the profile row that inferred flow f is the territory's own. */
static const char *profile_origin(const struct kb *kb, const struct eng_site *sites,
                                  const struct eng_flow *f)
{
    const struct kb_profile *p;
    size_t n = kb_profiles_for(kb, sites[f->site].nace, &p);

    for (size_t i = 0; i < n; i++)
        if (p[i].dir == (enum flow_dir)f->dir && p[i].code == f->code)
            return p[i].local ? " local" : "";
    return "";
}

static void confirm(struct sbuf *b, const struct kb *kb, const struct eng_site *sites,
                    const struct eng_result *r, const struct eng_cand *c, const struct kb_route *rt)
{
    const struct eng_flow *s = &r->flows[c->sup_flow];
    const struct eng_flow *d = c->other != ENG_NONE ? &r->flows[c->other] : NULL;
    int any = 0;

#define ITEM(...)                                                                                  \
    do {                                                                                           \
        sadd(b, any ? "; " : " To confirm: ");                                                     \
        sadd(b, __VA_ARGS__);                                                                      \
        any = 1;                                                                                   \
    } while (0)
    if ((c->flags & ENG_F_PURITY) && rt)
        ITEM("purity (%s)", rt->purity);
    if (c->flags & ENG_F_PERMIT) {
        if (rt && rt->permit[0])
            ITEM("permit (%s)", rt->permit);
        if (s->hazardous)
            ITEM("hazardous waste: the receiver's permit for this code");
    }
    if (c->flags & ENG_F_TEMP) {
        if (rt && rt->has_min_temp)
            ITEM("supply temperature >= %.0f C", rt->min_temp_c);
        else
            ITEM("temperatures of both sides");
    }
    if (c->flags & ENG_F_STATE)
        ITEM("physical state (route needs %s)", rt ? model_state_name(rt->state) : "?");
    if (c->flags & ENG_F_UNITS)
        ITEM("conversion between %s and %s", model_unit_name((enum canon_unit)s->unit),
             d ? model_unit_name((enum canon_unit)d->unit) : "?");
    if (c->flags & ENG_F_MONTHS)
        ITEM("timing (availability overlaps only part of the year)");
    if (c->flags & ENG_F_HIER)
        ITEM("the exact grade (codes match by class)");
    if (c->flags & ENG_F_QTY) {
        if (s->inferred)
            ITEM("supplier quantity (inferred from the%s sector profile of NACE %s)",
                 profile_origin(kb, sites, s), kb_nace_str(kb, sites[s->site].nace));
        else if (s->qty_year < 0)
            ITEM("supplier quantity (not declared)");
        if (!d && c->kind != CAND_MUTUALISATION)
            ITEM("the receiver's need (presumed from its activity)");
        else if (d && d->inferred)
            ITEM("receiver need (inferred from the%s sector profile of NACE %s)",
                 profile_origin(kb, sites, d), kb_nace_str(kb, sites[d->site].nace));
        else if (d && d->qty_year < 0)
            ITEM("receiver quantity (not declared)");
        else if (c->kind == CAND_MUTUALISATION)
            ITEM("quantities of the members that did not declare one");
    }
    if (any)
        sadd(b, ".");
#undef ITEM
}

static void explain_pair(struct sbuf *b, const struct kb *kb, const struct eng_site *sites,
                         const struct eng_result *r, const struct eng_cand *c,
                         const struct kb_route *rt, double max_km)
{
    const struct eng_flow *s = &r->flows[c->sup_flow];
    const struct eng_flow *d = c->other != ENG_NONE ? &r->flows[c->other] : NULL;
    const struct eng_site *rs = &sites[c->rec_site];
    char q1[64], q2[64];

    if (rt)
        sadd(b, "Route %s (%s%s, strength %.2g; ref: %s): ", rt->id,
             rt->local ? "local to this territory: " : "", rt->label_en, rt->base_strength,
             rt->reference[0] ? rt->reference : "none");
    else
        sadd(b, "Identity (same resource%s): ", (c->flags & ENG_F_HIER) ? " class" : "");
    qty_str(q1, sizeof q1, s->qty_year, s->unit);
    sadd(b, "%s supply of %s (%s), %s", s->inferred ? "inferred" : "declared",
         kb_code_str(kb, s->code), kb_label(kb, s->code), q1);
    if (d) {
        qty_str(q2, sizeof q2, d->qty_year, d->unit);
        sadd(b, " -> %s demand for %s, %s", d->inferred ? "inferred" : "declared",
             kb_code_str(kb, d->code), q2);
        if (s->qty_year > 0 && d->qty_year > 0 && s->unit == d->unit)
            sadd(b, " (covers %.0f%%)", fmin(100.0, 100.0 * s->qty_year / d->qty_year));
    } else {
        sadd(b, " -> receiver by activity: NACE %s matches route receiver %s",
             kb_nace_str(kb, rs->nace), rt ? kb_nace_str(kb, rt->receiver_nace) : "?");
    }
    sadd(b, "; %.1f km by road (max %.0f km).", c->dist_km, max_km);
    if (rt && rt->nrejected > 0)
        sadd(b,
             " Ranked lower: this route was rejected %d time%s in this territory for a technical "
             "reason (strength x%.3g).",
             rt->nrejected, rt->nrejected > 1 ? "s" : "", rt->strength / rt->base_strength);
}

/* The regulatory path in one sentence (the full checklist is checklist.h's). */
static void legal(struct sbuf *b, const struct kb *kb, const struct eng_site *rs,
                  const struct eng_flow *s, const char *rule, double dist_km)
{
    struct checklist cl;
    struct checklist_input in = {rule,
                                 kb_code_str(kb, s->code),
                                 kb_nace_str(kb, rs->nace),
                                 s->hazardous || kb_code_hazardous(kb, s->code),
                                 -1,
                                 dist_km};
    char text[320];

    if (!kb_nlegal(kb))
        return;
    checklist_build(kb, &in, &cl);
    checklist_summary(&cl, text, sizeof text);
    sadd(b, " %s", text);
}

void eng_candidate(const struct kb *kb, const struct eng_site *sites, const struct eng_result *r,
                   size_t i, const struct eng_opts *o, const char *territory, struct candidate *out)
{
    const struct eng_cand *c = &r->cands[i];
    const struct eng_flow *s = &r->flows[c->sup_flow];
    const struct eng_flow *d =
        c->other != ENG_NONE && c->kind != CAND_MUTUALISATION ? &r->flows[c->other] : NULL;
    const struct eng_site *ss = &sites[s->site];
    const struct kb_route *rt = c->route >= 0 ? kb_route(kb, (size_t)c->route) : NULL;
    const struct kb_params *p = kb_params_for(kb, s->code);
    struct eng_opts def;
    struct sbuf b;
    uint64_t h = 1469598103934665603ull;
    char tmp[128];

    if (!o) {
        eng_opts_default(&def);
        o = &def;
    }
    memset(out, 0, sizeof *out);
    out->kind = (enum cand_kind)c->kind;
    copy(out->territory, sizeof out->territory, territory);
    copy(out->supplier_id, sizeof out->supplier_id, ss->id);
    copy(out->supplier_name, sizeof out->supplier_name, site_name(ss));
    copy(out->resource_code, sizeof out->resource_code, kb_code_str(kb, s->code));
    copy(out->resource_label, sizeof out->resource_label, kb_label(kb, s->code));
    out->distance_km = c->dist_km;
    out->quantity = c->qty;
    out->unit = (enum canon_unit)s->unit;
    out->score = c->score;
    out->status = CAND_PROPOSED;
    b.s = out->explanation;
    b.n = sizeof out->explanation;
    b.len = 0;
    h = fnv64(h, candidate_kind_name(out->kind));
    h = fp_flow(h, kb, sites, s);
    if (c->kind == CAND_MUTUALISATION) {
        const struct eng_group *g = &r->groups[c->other];
        uint64_t gh = 1469598103934665603ull;
        char q[64];
        copy(out->rule, sizeof out->rule, "pool");
        out->lat = g->lat;
        out->lon = g->lon;
        snprintf(tmp, sizeof tmp, "%d|%s", g->dir, kb_code_str(kb, g->code));
        gh = fnv64(gh, tmp);
        for (uint32_t k = 0; k < g->n; k++) {
            const struct eng_flow *m = &r->flows[r->members[g->first + k]];
            gh = fnv64(gh, sites[m->site].id);
            h = fp_flow(h, kb, sites, m);
        }
        snprintf(out->group_id, sizeof out->group_id, "G%012llx",
                 (unsigned long long)(gh & 0xffffffffffffull));
        snprintf(out->key, sizeof out->key, "M|%s|%s|%s", ss->id, model_dir_name(s->dir),
                 out->resource_code);
        copy(out->basis, sizeof out->basis, s->inferred ? "inferred-supplier" : "declared");
        qty_str(q, sizeof q, g->nknown ? g->pooled : -1, g->unit);
        sadd(&b, "Pooling: %u sites within %.0f km share a %s of %s (%s); pooled %s", g->n,
             o->mutual_radius_km, g->dir == FLOW_SUPPLY ? "supply" : "need", out->resource_code,
             out->resource_label, q);
        if (g->nknown < g->n)
            sadd(&b, " from %u of %u members", g->nknown, g->n);
        if (g->min_lot > 0)
            sadd(&b, " against a minimum lot of %.6g %s (%s)", g->min_lot,
                 model_unit_name((enum canon_unit)g->unit),
                 g->nknown && g->pooled >= g->min_lot ? "reached" : "not reached");
        sadd(&b, "; this member is %.1f km by road from the centroid (%.5f, %.5f).", c->dist_km,
             g->lat, g->lon);
        confirm(&b, kb, sites, r, c, rt);
    } else {
        const struct eng_site *rs = &sites[c->rec_site];
        copy(out->receiver_id, sizeof out->receiver_id, rs->id);
        copy(out->receiver_name, sizeof out->receiver_name, site_name(rs));
        copy(out->rule, sizeof out->rule, rt ? rt->id : "identity");
        out->lat = rs->lat;
        out->lon = rs->lon;
        snprintf(out->key, sizeof out->key, "%c|%s|%s|%s|%s",
                 c->kind == CAND_SUBSTITUTION ? 'S' : 'P', ss->id, rs->id, out->resource_code,
                 out->rule);
        {
            int si = s->inferred != 0, ri = !d || d->inferred;
            copy(out->basis, sizeof out->basis,
                 si && ri ? "inferred-both"
                 : si     ? "inferred-supplier"
                 : ri     ? "inferred-receiver"
                          : "declared");
        }
        if (d) {
            h = fp_flow(h, kb, sites, d);
        } else {
            snprintf(tmp, sizeof tmp, "%s|%s|%.5f|%.5f", rs->id, kb_nace_str(kb, rs->nace), rs->lat,
                     rs->lon);
            h = fnv64(h, tmp);
        }
        if (rt) {
            /* The file's strength: a rejection penalty must not revive rejected candidates. */
            snprintf(tmp, sizeof tmp, "%s|%.4g|%.4g", rt->id, rt->base_strength, rt->min_temp_c);
            h = fnv64(h, tmp);
        }
        explain_pair(&b, kb, sites, r, c, rt, p ? p->max_distance_km : o->default_max_km);
        legal(&b, kb, rs, s, out->rule, c->dist_km);
        confirm(&b, kb, sites, r, c, rt);
    }
    snprintf(out->fingerprint, sizeof out->fingerprint, "%016llx", (unsigned long long)h);
}
