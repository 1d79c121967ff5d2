/*
 * explain.c - materialises an engine candidate as a struct candidate: stable
 * key, labels, basis, the explanation a facilitator reads (rule, distance,
 * quantities, what must still be confirmed) and the fingerprint of the data
 * it was computed from (FNV-1a 64), which lets a rejected candidate come back
 * only when that data changed.
 *
 * Language. The engine does no I/O and no translation: every sentence is a
 * template below, marked N_() so that xgettext puts it in po/symbiose.pot,
 * and written through tx(), which takes the caller's translation from
 * eng_opts.texts (translated once per run by eng_texts_init, so no catalogue
 * lookup per candidate) or else the English. tx() has format_arg, so the
 * compiler checks every call's arguments against the English template and
 * msgfmt -c checks the translations against it. Codes, NACE classes and
 * numbers are written as they are; labels are French when texts->label_fr and
 * the knowledge base has a French label. The explanation is stored in the
 * language of the run.
 */
#include "match/checklist.h"
#include "match/engine_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/i18n.h"

#define EN_QTY N_("%.6g %s/yr")
#define EN_QTY_UNKNOWN N_("unknown quantity")
#define EN_CONFIRM N_(" To confirm: ")
#define EN_CONFIRM_SEP N_("; ")
#define EN_CONFIRM_END N_(".")
#define EN_PURITY N_("purity (%s)")
#define EN_PERMIT N_("permit (%s)")
#define EN_HAZARDOUS N_("hazardous waste: the receiver's permit for this code")
#define EN_MIN_TEMP N_("supply temperature >= %.0f C")
#define EN_TEMPS N_("temperatures of both sides")
#define EN_STATE N_("physical state (route needs %s)")
#define EN_UNITS N_("conversion between %s and %s")
#define EN_MONTHS N_("timing (availability overlaps only part of the year)")
#define EN_GRADE N_("the exact grade (codes match by class)")
#define EN_SUP_INFERRED N_("supplier quantity (inferred from the%s sector profile of NACE %s)")
#define EN_SUP_UNDECLARED N_("supplier quantity (not declared)")
#define EN_REC_PRESUMED N_("the receiver's need (presumed from its activity)")
#define EN_REC_INFERRED N_("receiver need (inferred from the%s sector profile of NACE %s)")
#define EN_REC_UNDECLARED N_("receiver quantity (not declared)")
#define EN_MEMBERS_UNDECLARED N_("quantities of the members that did not declare one")
#define EN_LOCAL_PROFILE N_(" local")
#define EN_ROUTE N_("Route %s (%s%s, strength %.2g; ref: %s): ")
#define EN_ROUTE_LOCAL N_("local to this territory: ")
#define EN_ROUTE_NO_REF N_("none")
#define EN_IDENTITY N_("Identity (same resource%s): ")
#define EN_IDENTITY_CLASS N_(" class")
#define EN_DECLARED_SUPPLY N_("declared supply of %s (%s), %s")
#define EN_INFERRED_SUPPLY N_("inferred supply of %s (%s), %s")
#define EN_DECLARED_DEMAND N_(" -> declared demand for %s, %s")
#define EN_INFERRED_DEMAND N_(" -> inferred demand for %s, %s")
#define EN_COVERS N_(" (covers %.0f%%)")
#define EN_BY_ACTIVITY N_(" -> receiver by activity: NACE %s matches route receiver %s")
#define EN_DISTANCE N_("; %.1f km by road (max %.0f km).")
#define EN_RANKED_ONCE                                                                             \
    N_(" Ranked lower: this route was rejected %d time in this territory for a technical reason "  \
       "(strength x%.3g).")
#define EN_RANKED_TIMES                                                                            \
    N_(" Ranked lower: this route was rejected %d times in this territory for a technical "        \
       "reason (strength x%.3g).")
#define EN_POOL_SUPPLY N_("Pooling: %u sites within %.0f km share a supply of %s (%s); pooled %s")
#define EN_POOL_NEED N_("Pooling: %u sites within %.0f km share a need of %s (%s); pooled %s")
#define EN_POOL_KNOWN N_(" from %u of %u members")
#define EN_LOT_REACHED N_(" against a minimum lot of %.6g %s (reached)")
#define EN_LOT_NOT_REACHED N_(" against a minimum lot of %.6g %s (not reached)")
#define EN_CENTROID N_("; this member is %.1f km by road from the centroid (%.5f, %.5f).")
#define EN_LEGAL N_("Legal path: %s; %zu checks (%s).")
#define EN_LEGAL_UNKNOWN N_("to establish")

static const char *const text_en[ENG_TX_N] = {
    [ENG_TX_QTY] = EN_QTY,
    [ENG_TX_QTY_UNKNOWN] = EN_QTY_UNKNOWN,
    [ENG_TX_CONFIRM] = EN_CONFIRM,
    [ENG_TX_CONFIRM_SEP] = EN_CONFIRM_SEP,
    [ENG_TX_CONFIRM_END] = EN_CONFIRM_END,
    [ENG_TX_PURITY] = EN_PURITY,
    [ENG_TX_PERMIT] = EN_PERMIT,
    [ENG_TX_HAZARDOUS] = EN_HAZARDOUS,
    [ENG_TX_MIN_TEMP] = EN_MIN_TEMP,
    [ENG_TX_TEMPS] = EN_TEMPS,
    [ENG_TX_STATE] = EN_STATE,
    [ENG_TX_UNITS] = EN_UNITS,
    [ENG_TX_MONTHS] = EN_MONTHS,
    [ENG_TX_GRADE] = EN_GRADE,
    [ENG_TX_SUP_INFERRED] = EN_SUP_INFERRED,
    [ENG_TX_SUP_UNDECLARED] = EN_SUP_UNDECLARED,
    [ENG_TX_REC_PRESUMED] = EN_REC_PRESUMED,
    [ENG_TX_REC_INFERRED] = EN_REC_INFERRED,
    [ENG_TX_REC_UNDECLARED] = EN_REC_UNDECLARED,
    [ENG_TX_MEMBERS_UNDECLARED] = EN_MEMBERS_UNDECLARED,
    [ENG_TX_LOCAL_PROFILE] = EN_LOCAL_PROFILE,
    [ENG_TX_ROUTE] = EN_ROUTE,
    [ENG_TX_ROUTE_LOCAL] = EN_ROUTE_LOCAL,
    [ENG_TX_ROUTE_NO_REF] = EN_ROUTE_NO_REF,
    [ENG_TX_IDENTITY] = EN_IDENTITY,
    [ENG_TX_IDENTITY_CLASS] = EN_IDENTITY_CLASS,
    [ENG_TX_DECLARED_SUPPLY] = EN_DECLARED_SUPPLY,
    [ENG_TX_INFERRED_SUPPLY] = EN_INFERRED_SUPPLY,
    [ENG_TX_DECLARED_DEMAND] = EN_DECLARED_DEMAND,
    [ENG_TX_INFERRED_DEMAND] = EN_INFERRED_DEMAND,
    [ENG_TX_COVERS] = EN_COVERS,
    [ENG_TX_BY_ACTIVITY] = EN_BY_ACTIVITY,
    [ENG_TX_DISTANCE] = EN_DISTANCE,
    /* one literal each, split over two lines (not a missing comma) */
    /* NOLINTNEXTLINE(bugprone-suspicious-missing-comma) */
    [ENG_TX_RANKED_ONCE] = EN_RANKED_ONCE,
    [ENG_TX_RANKED_TIMES] = EN_RANKED_TIMES,
    [ENG_TX_POOL_SUPPLY] = EN_POOL_SUPPLY,
    [ENG_TX_POOL_NEED] = EN_POOL_NEED,
    [ENG_TX_POOL_KNOWN] = EN_POOL_KNOWN,
    [ENG_TX_LOT_REACHED] = EN_LOT_REACHED,
    [ENG_TX_LOT_NOT_REACHED] = EN_LOT_NOT_REACHED,
    [ENG_TX_CENTROID] = EN_CENTROID,
    [ENG_TX_LEGAL] = EN_LEGAL,
    [ENG_TX_LEGAL_UNKNOWN] = EN_LEGAL_UNKNOWN,
};

const char *eng_text_en(enum eng_text i)
{
    return (unsigned)i < ENG_TX_N ? text_en[i] : "";
}

void eng_texts_init(struct eng_texts *t, const char *(*tr)(const char *msgid), int label_fr)
{
    for (int i = 0; i < ENG_TX_N; i++)
        t->t[i] = tr ? tr(text_en[i]) : text_en[i];
    t->label_fr = label_fr;
}

/* Text id of the run's language, else en (the same template, so that the
 * compiler checks the arguments of every call against it). */
static const char *tx(const struct eng_texts *t, enum eng_text id, const char *en)
    __attribute__((format_arg(3)));

static const char *tx(const struct eng_texts *t, enum eng_text id, const char *en)
{
    return t && t->t[id] ? t->t[id] : en;
}

#define TX(t, id) tx((t), ENG_TX_##id, EN_##id)

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

/* A quantity as people read it: "150000 t/yr", "unknown quantity". */
static void qty_str(const struct eng_texts *t, char *out, size_t n, double q, uint8_t unit)
{
    if (q < 0)
        snprintf(out, n, "%s", TX(t, QTY_UNKNOWN));
    else
        snprintf(out, n, TX(t, QTY), q, model_unit_name((enum canon_unit)unit));
}

/* The label of a code in the run's language (kb_label in English). */
static const char *code_label(const struct eng_texts *t, const struct kb *kb, int32_t code)
{
    const struct kb_taxon *x = t && t->label_fr ? kb_taxon(kb, code) : NULL;

    return x && x->label_fr[0] ? x->label_fr : kb_label(kb, code);
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
static const char *profile_origin(const struct eng_texts *t, const struct kb *kb,
                                  const struct eng_site *sites, const struct eng_flow *f)
{
    const struct kb_profile *p;
    size_t n = kb_profiles_for(kb, sites[f->site].nace, &p);

    for (size_t i = 0; i < n; i++)
        if (p[i].dir == (enum flow_dir)f->dir && p[i].code == f->code)
            return p[i].local ? TX(t, LOCAL_PROFILE) : "";
    return "";
}

static void confirm(struct sbuf *b, const struct eng_texts *t, const struct kb *kb,
                    const struct eng_site *sites, const struct eng_result *r,
                    const struct eng_cand *c, const struct kb_route *rt)
{
    const struct eng_flow *s = &r->flows[c->sup_flow];
    const struct eng_flow *d = c->other != ENG_NONE ? &r->flows[c->other] : NULL;
    int any = 0;

#define ITEM(...)                                                                                  \
    do {                                                                                           \
        sadd(b, "%s", any ? TX(t, CONFIRM_SEP) : TX(t, CONFIRM));                                  \
        sadd(b, __VA_ARGS__);                                                                      \
        any = 1;                                                                                   \
    } while (0)
    if ((c->flags & ENG_F_PURITY) && rt)
        ITEM(TX(t, PURITY), rt->purity);
    if (c->flags & ENG_F_PERMIT) {
        if (rt && rt->permit[0])
            ITEM(TX(t, PERMIT), rt->permit);
        if (s->hazardous)
            ITEM("%s", TX(t, HAZARDOUS));
    }
    if (c->flags & ENG_F_TEMP) {
        if (rt && rt->has_min_temp)
            ITEM(TX(t, MIN_TEMP), rt->min_temp_c);
        else
            ITEM("%s", TX(t, TEMPS));
    }
    if (c->flags & ENG_F_STATE)
        ITEM(TX(t, STATE), rt ? model_state_name(rt->state) : "?");
    if (c->flags & ENG_F_UNITS)
        ITEM(TX(t, UNITS), model_unit_name((enum canon_unit)s->unit),
             d ? model_unit_name((enum canon_unit)d->unit) : "?");
    if (c->flags & ENG_F_MONTHS)
        ITEM("%s", TX(t, MONTHS));
    if (c->flags & ENG_F_HIER)
        ITEM("%s", TX(t, GRADE));
    if (c->flags & ENG_F_QTY) {
        if (s->inferred)
            ITEM(TX(t, SUP_INFERRED), profile_origin(t, kb, sites, s),
                 kb_nace_str(kb, sites[s->site].nace));
        else if (s->qty_year < 0)
            ITEM("%s", TX(t, SUP_UNDECLARED));
        if (!d && c->kind != CAND_MUTUALISATION)
            ITEM("%s", TX(t, REC_PRESUMED));
        else if (d && d->inferred)
            ITEM(TX(t, REC_INFERRED), profile_origin(t, kb, sites, d),
                 kb_nace_str(kb, sites[d->site].nace));
        else if (d && d->qty_year < 0)
            ITEM("%s", TX(t, REC_UNDECLARED));
        else if (c->kind == CAND_MUTUALISATION)
            ITEM("%s", TX(t, MEMBERS_UNDECLARED));
    }
    if (any)
        sadd(b, "%s", TX(t, CONFIRM_END));
#undef ITEM
}

static void explain_pair(struct sbuf *b, const struct eng_texts *t, const struct kb *kb,
                         const struct eng_site *sites, const struct eng_result *r,
                         const struct eng_cand *c, const struct kb_route *rt, double max_km)
{
    const struct eng_flow *s = &r->flows[c->sup_flow];
    const struct eng_flow *d = c->other != ENG_NONE ? &r->flows[c->other] : NULL;
    const struct eng_site *rs = &sites[c->rec_site];
    const char *code = kb_code_str(kb, s->code), *label = code_label(t, kb, s->code);
    char q1[64], q2[64];

    if (rt)
        sadd(b, TX(t, ROUTE), rt->id, rt->local ? TX(t, ROUTE_LOCAL) : "",
             t && t->label_fr && rt->label_fr[0] ? rt->label_fr : rt->label_en, rt->base_strength,
             rt->reference[0] ? rt->reference : TX(t, ROUTE_NO_REF));
    else
        sadd(b, TX(t, IDENTITY), (c->flags & ENG_F_HIER) ? TX(t, IDENTITY_CLASS) : "");
    qty_str(t, q1, sizeof q1, s->qty_year, s->unit);
    if (s->inferred)
        sadd(b, TX(t, INFERRED_SUPPLY), code, label, q1);
    else
        sadd(b, TX(t, DECLARED_SUPPLY), code, label, q1);
    if (d) {
        qty_str(t, q2, sizeof q2, d->qty_year, d->unit);
        if (d->inferred)
            sadd(b, TX(t, INFERRED_DEMAND), kb_code_str(kb, d->code), q2);
        else
            sadd(b, TX(t, DECLARED_DEMAND), kb_code_str(kb, d->code), q2);
        if (s->qty_year > 0 && d->qty_year > 0 && s->unit == d->unit)
            sadd(b, TX(t, COVERS), fmin(100.0, 100.0 * s->qty_year / d->qty_year));
    } else {
        sadd(b, TX(t, BY_ACTIVITY), kb_nace_str(kb, rs->nace),
             rt ? kb_nace_str(kb, rt->receiver_nace) : "?");
    }
    sadd(b, TX(t, DISTANCE), c->dist_km, max_km);
    if (rt && rt->nrejected == 1)
        sadd(b, TX(t, RANKED_ONCE), rt->nrejected, rt->strength / rt->base_strength);
    else if (rt && rt->nrejected > 1)
        sadd(b, TX(t, RANKED_TIMES), rt->nrejected, rt->strength / rt->base_strength);
}

/* The regulatory path in one sentence (the full checklist is checklist.h's). */
static void legal(struct sbuf *b, const struct eng_texts *t, const struct kb *kb,
                  const struct eng_site *rs, const struct eng_flow *s, const char *rule,
                  double dist_km)
{
    struct checklist cl;
    struct checklist_input in = {rule,
                                 kb_code_str(kb, s->code),
                                 kb_nace_str(kb, rs->nace),
                                 s->hazardous || kb_code_hazardous(kb, s->code),
                                 -1,
                                 dist_km};
    const char *act;
    char topics[256];

    if (!kb_nlegal(kb))
        return;
    checklist_build(kb, &in, &cl);
    act = checklist_status_act(&cl);
    checklist_topics(&cl, topics, sizeof topics);
    sadd(b, " ");
    sadd(b, TX(t, LEGAL), act ? act : TX(t, LEGAL_UNKNOWN), cl.n, topics);
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
    const struct eng_texts *t;
    struct eng_opts def;
    struct sbuf b;
    uint64_t h = 1469598103934665603ull;
    char tmp[128];

    if (!o) {
        eng_opts_default(&def);
        o = &def;
    }
    t = o->texts;
    memset(out, 0, sizeof *out);
    out->kind = (enum cand_kind)c->kind;
    copy(out->territory, sizeof out->territory, territory);
    copy(out->supplier_id, sizeof out->supplier_id, ss->id);
    copy(out->supplier_name, sizeof out->supplier_name, site_name(ss));
    copy(out->resource_code, sizeof out->resource_code, kb_code_str(kb, s->code));
    copy(out->resource_label, sizeof out->resource_label, code_label(t, kb, s->code));
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
        qty_str(t, q, sizeof q, g->nknown ? g->pooled : -1, g->unit);
        if (g->dir == FLOW_SUPPLY)
            sadd(&b, TX(t, POOL_SUPPLY), g->n, o->mutual_radius_km, out->resource_code,
                 code_label(t, kb, s->code), q);
        else
            sadd(&b, TX(t, POOL_NEED), g->n, o->mutual_radius_km, out->resource_code,
                 code_label(t, kb, s->code), q);
        if (g->nknown < g->n)
            sadd(&b, TX(t, POOL_KNOWN), g->nknown, g->n);
        if (g->min_lot > 0 && g->nknown && g->pooled >= g->min_lot)
            sadd(&b, TX(t, LOT_REACHED), g->min_lot, model_unit_name((enum canon_unit)g->unit));
        else if (g->min_lot > 0)
            sadd(&b, TX(t, LOT_NOT_REACHED), g->min_lot, model_unit_name((enum canon_unit)g->unit));
        sadd(&b, TX(t, CENTROID), c->dist_km, g->lat, g->lon);
        confirm(&b, t, kb, sites, r, c, rt);
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
        explain_pair(&b, t, kb, sites, r, c, rt, p ? p->max_distance_km : o->default_max_km);
        legal(&b, t, kb, rs, s, out->rule, c->dist_km);
        confirm(&b, t, kb, sites, r, c, rt);
    }
    snprintf(out->fingerprint, sizeof out->fingerprint, "%016llx", (unsigned long long)h);
}
