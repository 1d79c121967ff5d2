/*
 * record.c - the column lists of territories, actors, contacts, flows,
 * candidates and plan lines (see record.h), with their getters and setters.
 */
#include "io/record.h"

#include "util/i18n.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/csv.h"
#include "model/candidate.h"
#include "model/fate.h"
#include "model/plan.h"
#include "util/err.h"
#include "util/num.h"

#define TEXT(type, member, flags, width)                                                           \
    {                                                                                              \
#member, REC_TEXT, flags, width, offsetof(type, member), sizeof(((type *)0)->member), 0,   \
            NULL, NULL, NULL                                                                       \
    }
#define NAMED(name, type, member, flags, width)                                                    \
    {                                                                                              \
        name, REC_TEXT, flags, width, offsetof(type, member), sizeof(((type *)0)->member), 0,      \
            NULL, NULL, NULL                                                                       \
    }
#define NUM(name, type, member, flags, fmt, has)                                                   \
    {                                                                                              \
        name, REC_NUMBER, flags, 0, offsetof(type, member), 0, fmt, NULL, has, NULL                \
    }
#define COMPUTED(name, flags, width, get, set)                                                     \
    {                                                                                              \
        name, REC_TEXT, flags, width, 0, 0, 0, get, NULL, set                                      \
    }

#define REC_FMT(conv, prec) ((prec)*2 + ((conv) == 'f'))

#define IN_OUT (REC_IN | REC_OUT)
#define REQ (REC_REQUIRED | REC_IN | REC_OUT)

__attribute__((format(printf, 3, 4))) static int bad(char *msg, size_t n, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, n, fmt, ap);
    va_end(ap);
    return SY_EINPUT;
}

/* ---- territories ---- */

static const struct rec_col terr_cols[] = {
    TEXT(struct territory, code, REQ, 0),          TEXT(struct territory, name, REQ, 40),
    TEXT(struct territory, region, IN_OUT, 24),    TEXT(struct territory, structure, IN_OUT, 32),
    TEXT(struct territory, programme, IN_OUT, 24),
};

/* ---- actors ---- */

static int set_siret(void *rec, const char *v, char *msg, size_t n)
{
    struct actor *a = rec;

    if (*v && (strlen(v) != 14 || !model_siret_valid(v)))
        return bad(msg, n,
                   _("SIRET '%s' is invalid (14 digits with a valid Luhn check digit expected); "
                     "check it on annuaire-entreprises.data.gouv.fr or leave it empty"),
                   v);
    snprintf(a->siret, sizeof a->siret, "%s", v);
    return 0;
}

static int set_naf(void *rec, const char *v, char *msg, size_t n)
{
    struct actor *a = rec;
    char out[sizeof a->naf];

    if (!*v) {
        a->naf[0] = 0;
        return 0;
    }
    if (model_naf_normalise(v, out, sizeof out))
        return bad(msg, n, _("activity code '%s' is not a NAF (e.g. 20.14Z) or NACE (20.14) code"),
                   v);
    memcpy(a->naf, out, sizeof out);
    return 0;
}

static const char *get_kind(const void *rec, char *buf, size_t n)
{
    (void)buf, (void)n;
    return model_kind_name(((const struct actor *)rec)->kind);
}

static int set_kind(void *rec, const char *v, char *msg, size_t n)
{
    struct actor *a = rec;

    if (!*v) {
        a->kind = ACTOR_COMPANY;
        return 0;
    }
    if (model_kind_parse(v, &a->kind))
        return bad(msg, n, _("kind '%s' is not one of company, public, association"), v);
    return 0;
}

static int set_commune(void *rec, const char *v, char *msg, size_t n)
{
    struct actor *a = rec;

    if (*v && !model_commune_valid(v))
        return bad(msg, n,
                   _("commune '%s' is not an INSEE code (5 characters: digits, or 2A/2B for "
                     "Corsica)"),
                   v);
    snprintf(a->commune, sizeof a->commune, "%s", v);
    return 0;
}

static int has_coord(const void *rec)
{
    return ((const struct actor *)rec)->has_coord;
}

static int set_coord(struct actor *a, double *dst, const char *v, double lim, char *msg, size_t n)
{
    double d;

    if (!*v) {
        a->has_coord = 0;
        return 0;
    }
    if (csv_parse_number(v, &d) || !isfinite(d))
        return bad(msg, n,
                   _("'%s' is not a number; write digits with '.' or ',' as the decimal mark"), v);
    if (d < -lim || d > lim) {
        snprintf(msg, n, _("%s is out of range [%g, %g]"), v, -lim, lim);
        return SY_EINPUT;
    }
    *dst = d;
    a->has_coord = 1;
    return 0;
}

static int set_lat(void *rec, const char *v, char *msg, size_t n)
{
    return set_coord(rec, &((struct actor *)rec)->lat, v, 90, msg, n);
}

static int set_lon(void *rec, const char *v, char *msg, size_t n)
{
    return set_coord(rec, &((struct actor *)rec)->lon, v, 180, msg, n);
}

static const struct rec_col actor_cols[] = {
    TEXT(struct actor, id, REQ, 0),
    TEXT(struct actor, name, REQ, 36),
    {"siret", REC_TEXT, REQ, 0, offsetof(struct actor, siret), sizeof(((struct actor *)0)->siret),
     0, NULL, NULL, set_siret},
    {"naf", REC_TEXT, REQ, 0, offsetof(struct actor, naf), sizeof(((struct actor *)0)->naf), 0,
     NULL, NULL, set_naf},
    COMPUTED("kind", REQ, 0, get_kind, set_kind),
    TEXT(struct actor, territory, REQ, 0),
    TEXT(struct actor, address, REQ, 32),
    {"commune", REC_TEXT, REQ, 0, offsetof(struct actor, commune),
     sizeof(((struct actor *)0)->commune), 0, NULL, NULL, set_commune},
    {"lat", REC_NUMBER, REQ, 0, offsetof(struct actor, lat), 0, 0 /* in full */, NULL, has_coord,
     set_lat},
    {"lon", REC_NUMBER, REQ, 0, offsetof(struct actor, lon), 0, 0 /* in full */, NULL, has_coord,
     set_lon},
    {"workforce", REC_TEXT, IN_OUT | REC_NUMERIC, 0, offsetof(struct actor, workforce),
     sizeof(((struct actor *)0)->workforce), 0, NULL, NULL, NULL},
    {"licensed_hazardous", REC_BOOL, IN_OUT, 0, offsetof(struct actor, licensed_hazardous), 0, 0,
     NULL, NULL, NULL},
};

/* ---- contacts ---- */

static const struct rec_col contact_cols[] = {
    TEXT(struct contact, actor_id, REQ, 0), TEXT(struct contact, name, REQ, 0),
    TEXT(struct contact, role, IN_OUT, 0),  TEXT(struct contact, email, IN_OUT, 0),
    TEXT(struct contact, phone, IN_OUT, 0),
};

static const struct rec_col actor_contact_cols[] = {
    NAMED("contact_name", struct contact, name, REC_IN, 0),
    NAMED("contact_role", struct contact, role, REC_IN, 0),
    NAMED("contact_email", struct contact, email, REC_IN, 0),
    NAMED("contact_phone", struct contact, phone, REC_IN, 0),
};

/* ---- flows ---- */

static const char *get_dir(const void *rec, char *buf, size_t n)
{
    (void)buf, (void)n;
    return model_dir_name(((const struct flow *)rec)->dir);
}

static int set_dir(void *rec, const char *v, char *msg, size_t n)
{
    if (model_dir_parse(v, &((struct flow *)rec)->dir))
        return bad(msg, n, _("direction '%s' is not supply or demand"), v);
    return 0;
}

static const char *get_code(const void *rec, char *buf, size_t n)
{
    const struct flow *f = rec;

    snprintf(buf, n, "%s%s", f->code, f->code_kind == CODE_LOW && f->hazardous ? "*" : "");
    return buf;
}

/* The form of the code only: whether it exists is the nomenclature's. */
static int set_code(void *rec, const char *v, char *msg, size_t n)
{
    struct flow *f = rec;
    int star = 0;

    if (*v >= '0' && *v <= '9') {
        if (model_low_normalise(v, f->code, sizeof f->code, &star))
            return bad(msg, n, _("'%s' is not a List of Waste code such as 02 07 04 or 16 06 01*"),
                       v);
        f->code_kind = CODE_LOW;
        f->hazardous = star;
        return 0;
    }
    if (!*v || strlen(v) >= sizeof f->code || !model_taxonomy_valid(v))
        return bad(msg, n,
                   _("'%s' is neither a List of Waste code nor a taxonomy code such as "
                     "energy.heat.lt"),
                   v);
    snprintf(f->code, sizeof f->code, "%s", v);
    f->code_kind = CODE_TAXONOMY;
    f->hazardous = 0;
    return 0;
}

static int set_qty(void *rec, const char *v, char *msg, size_t n)
{
    struct flow *f = rec;
    double d;

    if (csv_parse_number(v, &d) || !isfinite(d))
        return bad(msg, n,
                   _("quantity '%s' is not a number; write digits with '.' or ',' as the "
                     "decimal mark"),
                   v);
    if (d < 0)
        return bad(msg, n,
                   _("quantity %s is negative; a flow quantity is 0 or more, and the direction "
                     "(supply or demand) says which way it goes"),
                   v);
    f->qty = d;
    return 0;
}

static int set_unit(void *rec, const char *v, char *msg, size_t n)
{
    struct flow *f = rec;
    double mult;

    if (strlen(v) >= sizeof f->unit || model_unit_parse(v, &f->canon, &mult))
        return bad(msg, n,
                   _("unknown unit '%s'; use t, kg, MWh, kWh, GJ, m3, L or count (the period "
                     "goes in the period column)"),
                   v);
    snprintf(f->unit, sizeof f->unit, "%s", v);
    return 0;
}

static const char *get_period(const void *rec, char *buf, size_t n)
{
    (void)buf, (void)n;
    return model_period_name(((const struct flow *)rec)->period);
}

static int set_period(void *rec, const char *v, char *msg, size_t n)
{
    struct flow *f = rec;

    if (!*v) {
        f->period = PERIOD_YEAR;
        return 0;
    }
    if (model_period_parse(v, &f->period))
        return bad(msg, n, _("period '%s' is not one of year, month, week, day, once"), v);
    return 0;
}

static const char *get_state(const void *rec, char *buf, size_t n)
{
    (void)buf, (void)n;
    return model_state_name(((const struct flow *)rec)->state);
}

static int set_state(void *rec, const char *v, char *msg, size_t n)
{
    if (model_state_parse(v, &((struct flow *)rec)->state))
        return bad(msg, n, _("state '%s' is not one of solid, liquid, gas, sludge, none"), v);
    return 0;
}

static const char *get_conf(const void *rec, char *buf, size_t n)
{
    (void)buf, (void)n;
    return model_conf_name(((const struct flow *)rec)->conf);
}

static int set_conf(void *rec, const char *v, char *msg, size_t n)
{
    struct flow *f = rec;

    if (!*v) {
        f->conf = CONF_TERRITORY;
        return 0;
    }
    if (model_conf_parse(v, &f->conf))
        return bad(msg, n,
                   _("confidentiality '%s' is not one of public, network, territory, private"), v);
    return 0;
}

static const char *get_months(const void *rec, char *buf, size_t n)
{
    model_months_format(((const struct flow *)rec)->months, buf, n);
    return buf;
}

static int set_months(void *rec, const char *v, char *msg, size_t n)
{
    struct flow *f = rec;

    if (!*v) {
        f->months = MONTHS_ALL;
        return 0;
    }
    if (model_months_parse(v, &f->months))
        return bad(msg, n, _("months '%s' is not a list of months 1-12 such as 4-10 or 1,2,12"), v);
    return 0;
}

static int has_temp(const void *rec)
{
    return ((const struct flow *)rec)->has_temp;
}

static int set_temp(void *rec, const char *v, char *msg, size_t n)
{
    struct flow *f = rec;
    double d;

    if (!*v) {
        f->has_temp = 0;
        return 0;
    }
    if (csv_parse_number(v, &d) || !isfinite(d))
        return bad(msg, n,
                   _("temperature_c '%s' is not a number; write digits with '.' or ',' as the "
                     "decimal mark"),
                   v);
    if (d < -273.15 || d > 2000)
        return bad(msg, n, _("temperature %s °C is out of range [-273.15, 2000]"), v);
    f->temp_c = d;
    f->has_temp = 1;
    return 0;
}

static const char *get_canon(const void *rec, char *buf, size_t n)
{
    (void)buf, (void)n;
    return model_unit_name(((const struct flow *)rec)->canon);
}

static const char *get_fate(const void *rec, char *buf, size_t n)
{
    (void)buf, (void)n;
    return fate_name(((const struct flow *)rec)->fate);
}

static int set_fate(void *rec, const char *v, char *msg, size_t n)
{
    if (fate_parse(v, &((struct flow *)rec)->fate))
        return bad(msg, n,
                   _("fate '%s' is not one of landfill, incineration, incineration_energy, "
                     "spreading, recovered, sewer, unknown, running"),
                   v);
    return 0;
}

static const struct rec_col flow_cols[] = {
    TEXT(struct flow, id, IN_OUT, 40),
    TEXT(struct flow, actor_id, REQ, 0),
    COMPUTED("direction", REQ, 0, get_dir, set_dir),
    COMPUTED("code", REQ, 0, get_code, set_code),
    TEXT(struct flow, description, REQ, 32),
    {"quantity", REC_NUMBER, REQ, 0, offsetof(struct flow, qty), 0, 0 /* in full */, NULL, NULL,
     set_qty},
    {"unit", REC_TEXT, REQ, 0, offsetof(struct flow, unit), sizeof(((struct flow *)0)->unit), 0,
     NULL, NULL, set_unit},
    COMPUTED("period", REQ, 0, get_period, set_period),
    COMPUTED("state", REQ, 0, get_state, set_state),
    COMPUTED("confidentiality", REQ, 0, get_conf, set_conf),
    COMPUTED("months", IN_OUT, 0, get_months, set_months),
    {"temperature_c", REC_NUMBER, IN_OUT, 0, offsetof(struct flow, temp_c), 0, 0 /* in full */,
     NULL, has_temp, set_temp},
    {"hazardous", REC_INT, REC_OUT, 0, offsetof(struct flow, hazardous), 0, 0, NULL, NULL, NULL},
    NUM("qty_year", struct flow, qty_year, REC_OUT, REC_FMT('g', 6), NULL),
    COMPUTED("canon_unit", REC_OUT, 0, get_canon, NULL),
    COMPUTED("fate", REC_IN | REC_OUT, 0, get_fate, set_fate), /* not REC_REQUIRED */
};

/* ---- candidates ---- */

static const char *get_ckind(const void *rec, char *buf, size_t n)
{
    (void)buf, (void)n;
    return candidate_kind_name(((const struct candidate *)rec)->kind);
}

static int has_cqty(const void *rec)
{
    return ((const struct candidate *)rec)->quantity >= 0;
}

static const char *get_cunit(const void *rec, char *buf, size_t n)
{
    const struct candidate *c = rec;

    (void)buf, (void)n;
    return c->quantity >= 0 ? model_unit_name(c->unit) : "";
}

static const char *get_cstatus(const void *rec, char *buf, size_t n)
{
    (void)buf, (void)n;
    return candidate_status_name(((const struct candidate *)rec)->status);
}

static const char *get_short_key(const void *rec, char *buf, size_t n)
{
    if (n < CAND_SHORT_LEN + 1)
        return "";
    cand_short_key(((const struct candidate *)rec)->key, buf);
    return buf;
}

/* The command line's lists (table, CSV, JSON) are symbiose match's; the API
 * adds where the receiver is, and GET /api/candidates/{key} the checklist. */
#define CL (REC_LIST | REC_CSV)
static const struct rec_col cand_cols[] = {
    COMPUTED("kind", REC_OUT, 0, get_ckind, NULL),
    TEXT(struct candidate, supplier_id, REC_OUT, 0),
    TEXT(struct candidate, supplier_name, REC_OUT, 28),
    TEXT(struct candidate, receiver_id, REC_OUT, 0),
    TEXT(struct candidate, receiver_name, REC_OUT, 28),
    TEXT(struct candidate, resource_code, REC_OUT, 0),
    TEXT(struct candidate, resource_label, REC_OUT, 28),
    NUM("distance_km", struct candidate, distance_km, REC_OUT, REC_FMT('f', 1), NULL),
    NUM("quantity", struct candidate, quantity, REC_OUT, 0 /* in full */, has_cqty),
    COMPUTED("unit", REC_OUT, 0, get_cunit, NULL),
    NUM("score", struct candidate, score, REC_OUT, REC_FMT('f', 3), NULL),
    TEXT(struct candidate, basis, REC_OUT, 0),
    TEXT(struct candidate, explanation, REC_OUT, 60),
    TEXT(struct candidate, group_id, REC_OUT, 0),
    COMPUTED("status", REC_OUT, 0, get_cstatus, NULL),
    TEXT(struct candidate, reason, REC_OUT, 24),
    TEXT(struct candidate, rule, REC_OUT, 0),
    TEXT(struct candidate, key, REC_OUT, 0),
    COMPUTED("short_key", CL, 0, get_short_key, NULL),
    TEXT(struct candidate, territory, REC_API, 0),
    NUM("lat", struct candidate, lat, REC_API, REC_FMT('f', 6), NULL),
    NUM("lon", struct candidate, lon, REC_API, REC_FMT('f', 6), NULL),
};

/* ---- plans and plan lines ---- */

static const char *get_plan_id(const void *rec, char *buf, size_t n)
{
    snprintf(buf, n, "%ld", ((const struct plan *)rec)->id);
    return buf;
}

static const struct rec_col plan_cols[] = {
    COMPUTED("id", REC_OUT | REC_NUMERIC, 0, get_plan_id, NULL),
    TEXT(struct plan, territory, REC_OUT, 0),
    TEXT(struct plan, objective, REC_OUT, 0),
    TEXT(struct plan, created, REC_OUT, 0),
    NUM("tonnes", struct plan, tonnes, REC_OUT, REC_FMT('f', 3), NULL),
    NUM("co2e_kg", struct plan, co2e_kg, REC_OUT, REC_FMT('f', 1), NULL),
    NUM("euros", struct plan, euros, REC_OUT, REC_FMT('f', 2), NULL),
    NUM("untreated_qty", struct plan, untreated_qty, REC_OUT, REC_FMT('f', 3), NULL),
};

static const char *const line_kinds[] = {"synergy", "candidate", "no-outlet", "total"};

static const char *get_line(const void *rec, char *buf, size_t n)
{
    (void)buf, (void)n;
    return line_kinds[((const struct plan_line *)rec)->kind];
}

/* Which figures a line has: a supply with no outlet goes nowhere (no
 * receiver, distance, benefit); the total has sums, no quantity of its own. */
static int line_kind(const void *rec)
{
    return (int)((const struct plan_line *)rec)->kind;
}

static int has_dest(const void *rec)
{
    return line_kind(rec) == PLAN_LINE_SYNERGY || line_kind(rec) == PLAN_LINE_CANDIDATE;
}

static int has_benefit(const void *rec)
{
    return line_kind(rec) != PLAN_LINE_NO_OUTLET;
}

static int has_own_qty(const void *rec)
{
    return line_kind(rec) != PLAN_LINE_TOTAL;
}

static const char *get_punit(const void *rec, char *buf, size_t n)
{
    (void)buf, (void)n;
    return has_own_qty(rec) ? model_unit_name(((const struct plan_line *)rec)->unit) : "";
}

#define PTEXT(name, member, width, has)                                                            \
    {                                                                                              \
        name, REC_TEXT, REC_OUT, width, offsetof(struct plan_line, member),                        \
            sizeof(((struct plan_line *)0)->member), 0, NULL, has, NULL                            \
    }
#define PNUM(name, member, prec, has)                                                              \
    NUM(name, struct plan_line, member, REC_OUT, REC_FMT('f', prec), has)
static const struct rec_col line_cols[] = {
    COMPUTED("line", REC_OUT, 0, get_line, NULL),
    PTEXT("supplier", supplier_id, 0, NULL),
    PTEXT("receiver", receiver_id, 0, has_dest),
    PTEXT("resource", resource_code, 0, NULL),
    PNUM("quantity", quantity, 3, has_own_qty),
    COMPUTED("unit", REC_OUT, 0, get_punit, NULL),
    PNUM("distance_km", distance_km, 1, has_dest),
    PNUM("tonnes", tonnes, 3, has_benefit),
    PNUM("co2e_kg", co2e_kg, 1, has_benefit),
    PNUM("euros", euros, 2, has_benefit),
    PTEXT("quality", quality, 0, NULL),
    PTEXT("sources", sources, 48, NULL),
    PTEXT("candidate", candidate_key, 40, has_dest),
    PTEXT("status", status, 0, NULL),
    PNUM("gross_co2e_kg", gross_co2e_kg, 1, has_dest),
    PNUM("gross_euros", gross_euros, 2, has_dest),
    PNUM("co2e_low", co2e_low, 1, has_benefit),
    PNUM("co2e_high", co2e_high, 1, has_benefit),
    PNUM("euros_low", euros_low, 2, has_benefit),
    PNUM("euros_high", euros_high, 2, has_benefit),
    PTEXT("flags", flags, 48, NULL),
};

#define DESC(name, list, cols)                                                                     \
    {                                                                                              \
        name, list, (cols), sizeof(cols) / sizeof((cols)[0])                                       \
    }
const struct rec_desc rec_territory = DESC("territory", N_("territories"), terr_cols);
const struct rec_desc rec_actor = DESC("actor", N_("actors"), actor_cols);
const struct rec_desc rec_actor_contact = DESC("actor contact", N_("contacts"), actor_contact_cols);
const struct rec_desc rec_contact = DESC("contact", N_("contacts"), contact_cols);
const struct rec_desc rec_flow = DESC("flow", N_("flows"), flow_cols);
const struct rec_desc rec_candidate = DESC("candidate", N_("candidates"), cand_cols);
const struct rec_desc rec_plan = DESC("plan", N_("plans"), plan_cols);
const struct rec_desc rec_plan_line = DESC("plan line", N_("plan"), line_cols);

/* ---- access ---- */

int rec_find(const struct rec_desc *d, const char *name)
{
    for (size_t i = 0; i < d->ncols; i++)
        if (strcmp(d->cols[i].name, name) == 0)
            return (int)i;
    return -1;
}

int rec_has(const struct rec_desc *d, size_t i, const void *rec)
{
    const struct rec_col *c = &d->cols[i];

    return !c->has || c->has(rec);
}

double rec_num(const struct rec_desc *d, size_t i, const void *rec)
{
    const struct rec_col *c = &d->cols[i];
    const char *p = (const char *)rec + c->off;

    if (!rec_has(d, i, rec))
        return 0;
    if (c->type == REC_NUMBER)
        return *(const double *)(const void *)p;
    if (c->type == REC_INT || c->type == REC_BOOL)
        return *(const int *)(const void *)p;
    return 0;
}

/* v rounded to prec significant digits, as text (possibly with an exponent). */
static const char *num_sig(double v, int prec, char *buf, size_t n)
{
    snprintf(buf, n, "%.*g", prec, v);
    return buf;
}

const char *rec_get(const struct rec_desc *d, size_t i, const void *rec, char *buf, size_t n)
{
    const struct rec_col *c = &d->cols[i];
    const char *p = (const char *)rec + c->off;

    buf[0] = 0;
    if (!rec_has(d, i, rec))
        return buf;
    if (c->get)
        return c->get(rec, buf, n);
    switch (c->type) {
    case REC_NUMBER:
        if (c->fmt % 2)
            snprintf(buf, n, "%.*f", c->fmt / 2, *(const double *)(const void *)p);
        else if (!c->fmt)
            num_format(*(const double *)(const void *)p, buf, n);
        else /* so many significant digits, written in full (no exponent) */
            num_format(strtod(num_sig(*(const double *)(const void *)p, c->fmt / 2, buf, n), NULL),
                       buf, n);
        return buf;
    case REC_INT:
    case REC_BOOL:
        snprintf(buf, n, "%d", *(const int *)(const void *)p);
        return buf;
    default:
        return p;
    }
}

int rec_set(const struct rec_desc *d, size_t i, void *rec, const char *v, char *msg, size_t n)
{
    const struct rec_col *c = &d->cols[i];
    char *p = (char *)rec + c->off;
    char tmp[REC_TEXT_MAX];
    size_t len;
    double num;

    while (*v == ' ' || *v == '\t')
        v++;
    len = strlen(v);
    while (len && (v[len - 1] == ' ' || v[len - 1] == '\t'))
        len--;
    if (len >= sizeof tmp || (c->type == REC_TEXT && c->size && len >= c->size)) {
        snprintf(msg, n, _("%s is too long (%zu bytes, at most %zu)"), c->name, len,
                 (c->size && c->size <= sizeof tmp ? c->size : sizeof tmp) - 1);
        return SY_EINPUT;
    }
    memcpy(tmp, v, len);
    tmp[len] = 0;
    if (!len && (c->flags & REC_REQUIRED) && c->type == REC_TEXT && !c->set && !c->get) {
        snprintf(msg, n, _("%s is empty; it is required"), c->name);
        return SY_EINPUT;
    }
    if (c->set)
        return c->set(rec, tmp, msg, n);
    if (c->get || !(c->flags & REC_IN)) {
        snprintf(msg, n, _("%s is computed; it cannot be set"), c->name);
        return SY_EUSAGE;
    }
    switch (c->type) {
    case REC_TEXT:
        memcpy(p, tmp, len + 1);
        return 0;
    case REC_BOOL:
        if (!strcmp(tmp, "1") || !strcasecmp(tmp, "yes") || !strcasecmp(tmp, "oui") ||
            !strcasecmp(tmp, "true"))
            *(int *)(void *)p = 1;
        else if (!*tmp || !strcmp(tmp, "0") || !strcasecmp(tmp, "no") || !strcasecmp(tmp, "non") ||
                 !strcasecmp(tmp, "false"))
            *(int *)(void *)p = 0;
        else
            return bad(msg, n, _("'%s' is not 1/0, yes/no or oui/non"), tmp);
        return 0;
    default:
        if (csv_parse_number(tmp, &num) || !isfinite(num))
            return bad(msg, n,
                       _("'%s' is not a number; write digits with '.' or ',' as the decimal mark"),
                       tmp);
        if (c->type == REC_INT)
            *(int *)(void *)p = (int)num;
        else
            *(double *)(void *)p = num;
        return 0;
    }
}
