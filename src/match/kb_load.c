/*
 * kb_load.c - parsing of the knowledge base's CSV files from memory (columns
 * found by header name, located messages), and of a territory's local rows
 * laid over the shipped ones. See kb.h.
 */
#include "match/kb_int.h"
#include "io/csv.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"

/* ---- parsing ---- */

enum { MAXCOLS = 12 };

struct reader {
    const char *name;
    struct csv *csv;
    struct csv_record r;
    int idx[MAXCOLS];
    struct kb *kb;
    struct err *e;
    int local; /* kb_load_local: rows replace or add to the shipped ones */
};

void kb_set_messages(struct kb *kb, const char *(*tr)(const char *msgid))
{
    kb->tr = tr;
}

/* A message in the caller's language (kb_set_messages), else the English id. */
static const char *kmsg(const struct kb *kb, const char *msgid) __attribute__((format_arg(2)));

static const char *kmsg(const struct kb *kb, const char *msgid)
{
    return kb && kb->tr ? kb->tr(msgid) : msgid;
}

/* Copies field k trimmed of spaces into out (size n); "" if absent. */
static const char *field(struct reader *rd, int k, char *out, size_t n)
{
    const char *s;
    size_t len;

    out[0] = 0;
    if (rd->idx[k] < 0 || (size_t)rd->idx[k] >= rd->r.n)
        return out;
    s = rd->r.fields[rd->idx[k]];
    len = rd->r.lens[rd->idx[k]];
    while (len && isspace((unsigned char)*s)) {
        s++;
        len--;
    }
    while (len && isspace((unsigned char)s[len - 1]))
        len--;
    if (len >= n)
        len = n - 1;
    memcpy(out, s, len);
    out[len] = 0;
    return out;
}

static long col_of(struct reader *rd, int k)
{
    if (rd->idx[k] < 0 || (size_t)rd->idx[k] >= rd->r.n)
        return 1;
    return rd->r.cols[rd->idx[k]];
}

static int bad(struct reader *rd, int k, const char *what)
{
    return err_set(rd->e, SY_EINPUT, "%s:%ld:%ld: %s", rd->name, rd->r.line, col_of(rd, k), what);
}

/* Reads the header and maps the wanted column names; the first nreq are required. */
static int reader_open(struct reader *rd, struct kb *kb, const char *name, const char *data,
                       size_t len, const char *const *cols, int ncols, int nreq, struct err *e)
{
    int rc;

    memset(rd, 0, sizeof *rd);
    rd->name = name;
    rd->kb = kb;
    rd->e = e;
    rd->csv = csv_new_mem(data, len, name, NULL);
    if (!rd->csv)
        return err_set(e, SY_ENOMEM, kmsg(kb, N_("%s: out of memory")), name);
    rc = csv_next(rd->csv, &rd->r, e);
    if (rc < 0)
        return rc;
    if (rc == 0)
        return err_set(e, SY_EINPUT, kmsg(kb, N_("%s:1:1: empty file; expected a header line")),
                       name);
    for (int k = 0; k < ncols; k++) {
        rd->idx[k] = -1;
        for (size_t i = 0; i < rd->r.n; i++)
            if (strcmp(rd->r.fields[i], cols[k]) == 0)
                rd->idx[k] = (int)i;
        if (k < nreq && rd->idx[k] < 0)
            return err_set(e, SY_EINPUT,
                           kmsg(kb, N_("%s:%ld:1: missing column '%s'; the header must name it")),
                           name, rd->r.line, cols[k]);
    }
    return 0;
}

static int parse_num(struct reader *rd, int k, double *out, int *has)
{
    char buf[64];

    *has = 0;
    field(rd, k, buf, sizeof buf);
    if (!buf[0])
        return 0;
    if (csv_parse_number(buf, out))
        return bad(rd, k, kmsg(rd->kb, N_("not a number; write a decimal like 12.5")));
    *has = 1;
    return 0;
}

/* Strips a trailing List of Waste asterisk; returns 1 if there was one. */
static int strip_star(char *s)
{
    size_t n = strlen(s);
    if (n && s[n - 1] == '*') {
        s[--n] = 0;
        while (n && s[n - 1] == ' ')
            s[--n] = 0;
        return 1;
    }
    return 0;
}

static int parse_state(const char *s, enum flow_state *st)
{
    if (!s[0] || strcmp(s, "none") == 0 || strcmp(s, "any") == 0) {
        *st = STATE_NONE;
        return 0;
    }
    return model_state_parse(s, st);
}

/* Interns the code in column k (required when req); sets *star for a LoW asterisk. */
static int code_field(struct reader *rd, int k, int req, int nace, int32_t *id, int *star)
{
    char code[SY_CODE_MAX + 8];

    field(rd, k, code, sizeof code);
    if (star)
        *star = strip_star(code);
    *id = -1;
    if (!code[0])
        return req ? bad(rd, k, kmsg(rd->kb, N_("empty code; fill it in"))) : 0;
    if (strlen(code) >= SY_CODE_MAX)
        return bad(rd, k, kmsg(rd->kb, N_("code too long; codes have at most 63 bytes")));
    *id = nace ? kb_nace_intern(rd->kb, code) : kb_intern(rd->kb, code);
    if (*id < 0)
        return err_set(rd->e, SY_ENOMEM, kmsg(rd->kb, N_("%s: out of memory")), rd->name);
    return 0;
}

static int load_taxonomy(struct reader *rd)
{
    struct kb *kb = rd->kb;
    char state[32];
    int32_t id;
    int rc;

    while ((rc = csv_next(rd->csv, &rd->r, rd->e)) == 1) {
        struct kb_taxon *t;
        if ((rc = code_field(rd, 0, 1, 0, &id, NULL)))
            return rc;
        if (!model_taxonomy_valid(kb_code_str(kb, id)))
            return bad(rd, 0,
                       kmsg(rd->kb,
                            N_("invalid taxonomy code; use dotted lowercase like energy.heat.lt")));
        if (kb->codes.v[id].tax >= 0)
            return bad(rd, 0, kmsg(rd->kb, N_("duplicate taxonomy code; keep one line per code")));
        if (kb_vgrow((void **)&kb->tax, &kb->captax, kb->ntax, sizeof *kb->tax))
            return err_set(rd->e, SY_ENOMEM, kmsg(rd->kb, N_("%s: out of memory")), rd->name);
        t = &kb->tax[kb->ntax];
        t->code = id;
        field(rd, 2, t->label_en, sizeof t->label_en);
        field(rd, 3, t->label_fr, sizeof t->label_fr);
        field(rd, 4, t->unit, sizeof t->unit);
        if (parse_state(field(rd, 5, state, sizeof state), &t->state))
            return bad(rd, 5,
                       kmsg(rd->kb, N_("unknown state; use none, solid, liquid, gas or sludge")));
        field(rd, 6, t->reference, sizeof t->reference);
        kb->codes.v[id].tax = (int32_t)kb->ntax++;
    }
    return rc;
}

static int load_params(struct reader *rd)
{
    struct kb *kb = rd->kb;
    char unit[32];
    int32_t id;
    int rc, has;

    while ((rc = csv_next(rd->csv, &rd->r, rd->e)) == 1) {
        struct kb_params *p;
        if ((rc = code_field(rd, 0, 1, 0, &id, NULL)))
            return rc;
        if (kb->codes.v[id].own_params >= 0)
            return bad(rd, 0, kmsg(rd->kb, N_("duplicate prefix; keep one line per prefix")));
        if (kb_vgrow((void **)&kb->params, &kb->capparams, kb->nparams, sizeof *kb->params))
            return err_set(rd->e, SY_ENOMEM, kmsg(rd->kb, N_("%s: out of memory")), rd->name);
        p = &kb->params[kb->nparams];
        p->prefix = id;
        if ((rc = parse_num(rd, 1, &p->max_distance_km, &has)))
            return rc;
        if (!has || !(p->max_distance_km > 0))
            return bad(rd, 1, kmsg(rd->kb, N_("max_distance_km must be a number > 0")));
        if ((rc = parse_num(rd, 2, &p->min_lot, &has)))
            return rc;
        if (has && p->min_lot < 0)
            return bad(rd, 2, kmsg(rd->kb, N_("min_lot must be >= 0")));
        if (!has)
            p->min_lot = 0;
        p->min_lot_mult = 1;
        p->min_lot_unit = UNIT_T;
        if (field(rd, 3, unit, sizeof unit)[0] &&
            model_unit_parse(unit, &p->min_lot_unit, &p->min_lot_mult))
            return bad(rd, 3, kmsg(rd->kb, N_("unknown unit; use t, kg, MWh, m3 or count")));
        if (p->min_lot > 0 && !unit[0])
            return bad(rd, 3, kmsg(rd->kb, N_("min_lot has no unit; add min_lot_unit")));
        p->min_lot *= p->min_lot_mult;
        field(rd, 4, p->label, sizeof p->label);
        field(rd, 5, p->reference, sizeof p->reference);
        kb->codes.v[id].own_params = (int32_t)kb->nparams++;
    }
    return rc;
}

static int load_routes(struct reader *rd)
{
    struct kb *kb = rd->kb;
    char state[32];
    int rc, has;

    while ((rc = csv_next(rd->csv, &rd->r, rd->e)) == 1) {
        struct kb_route *r;
        if (kb_vgrow((void **)&kb->routes, &kb->caproutes, kb->nroutes, sizeof *kb->routes))
            return err_set(rd->e, SY_ENOMEM, kmsg(rd->kb, N_("%s: out of memory")), rd->name);
        size_t at = kb->nroutes;
        r = &kb->routes[kb->nroutes];
        memset(r, 0, sizeof *r);
        if (!field(rd, 0, r->id, sizeof r->id)[0])
            return bad(rd, 0, kmsg(rd->kb, N_("empty route id; give each route a unique id")));
        for (size_t i = 0; i < kb->nroutes; i++)
            if (strcmp(kb->routes[i].id, r->id) == 0) {
                if (!rd->local)
                    return bad(rd, 0,
                               kmsg(rd->kb, N_("duplicate route id; route ids must be unique")));
                at = i; /* a local row overrides the shipped route */
            }
        if ((rc = code_field(rd, 1, 1, 0, &r->supply, NULL)) ||
            (rc = code_field(rd, 2, 0, 0, &r->demand, NULL)) ||
            (rc = code_field(rd, 3, 0, 1, &r->receiver_nace, NULL)))
            return rc;
        if (r->demand < 0 && r->receiver_nace < 0)
            return bad(rd, 2, kmsg(rd->kb, N_("a route needs a demand code or a receiver_nace")));
        if ((rc = parse_num(rd, 4, &r->strength, &has)))
            return rc;
        if (!has || !(r->strength > 0 && r->strength <= 1))
            return bad(rd, 4, kmsg(rd->kb, N_("strength must be a number in (0, 1]")));
        if ((rc = parse_num(rd, 5, &r->min_temp_c, &r->has_min_temp)))
            return rc;
        if (parse_state(field(rd, 6, state, sizeof state), &r->state))
            return bad(rd, 6,
                       kmsg(rd->kb, N_("unknown state; use none, solid, liquid, gas or sludge")));
        field(rd, 7, r->purity, sizeof r->purity);
        /* permit is 0/1 in data/routes.csv, or a text naming the permit. */
        field(rd, 8, r->permit, sizeof r->permit);
        if (strcmp(r->permit, "0") == 0)
            r->permit[0] = 0;
        else if (strcmp(r->permit, "1") == 0)
            snprintf(r->permit, sizeof r->permit, "required");
        field(rd, 9, r->label_en, sizeof r->label_en);
        field(rd, 10, r->label_fr, sizeof r->label_fr);
        field(rd, 11, r->reference, sizeof r->reference);
        r->base_strength = r->strength;
        r->local = (uint8_t)rd->local;
        if (at < kb->nroutes)
            kb->routes[at] = *r;
        else
            kb->nroutes++;
    }
    return rc;
}

static int load_profiles(struct reader *rd)
{
    struct kb *kb = rd->kb;
    char buf[64];
    int rc, has;

    while ((rc = csv_next(rd->csv, &rd->r, rd->e)) == 1) {
        struct kb_profile *p;
        double mult = 1;
        char *slash;
        if (kb_vgrow((void **)&kb->profiles, &kb->capprofiles, kb->nprofiles, sizeof *kb->profiles))
            return err_set(rd->e, SY_ENOMEM, kmsg(rd->kb, N_("%s: out of memory")), rd->name);
        p = &kb->profiles[kb->nprofiles];
        memset(p, 0, sizeof *p);
        if ((rc = code_field(rd, 0, 1, 1, &p->nace, NULL)))
            return rc;
        if (model_dir_parse(field(rd, 1, buf, sizeof buf), &p->dir))
            return bad(rd, 1, kmsg(rd->kb, N_("unknown direction; use supply or demand")));
        if ((rc = code_field(rd, 2, 1, 0, &p->code, &p->hazardous)))
            return rc;
        if (p->hazardous)
            kb_set_hazardous(kb, p->code, 1);
        if ((rc = parse_num(rd, 3, &p->intensity, &has)))
            return rc;
        if (has && p->intensity < 0)
            return bad(rd, 3, kmsg(rd->kb, N_("intensity must be >= 0, or empty for 'present'")));
        p->unit = UNIT_T;
        field(rd, 4, buf, sizeof buf);
        /* "t/employee/yr": the quantity unit is what precedes the first '/'. */
        if ((slash = strchr(buf, '/')))
            *slash = 0;
        if (buf[0] && model_unit_parse(buf, &p->unit, &mult))
            return bad(
                rd, 4,
                kmsg(rd->kb, N_("unknown unit; use t, kg, MWh or m3 (per employee per year)")));
        if (has && !buf[0])
            return bad(rd, 4, kmsg(rd->kb, N_("an intensity needs a unit")));
        p->intensity = has ? p->intensity * mult : -1;
        field(rd, 6, p->reference, sizeof p->reference);
        p->local = (uint8_t)rd->local;
        if (rd->local) {
            size_t i;
            for (i = 0; i < kb->nprofiles; i++)
                if (kb->profiles[i].nace == p->nace && kb->profiles[i].dir == p->dir &&
                    kb->profiles[i].code == p->code)
                    break;
            if (i < kb->nprofiles) {
                kb->profiles[i] = *p;
                continue;
            }
        }
        kb->nprofiles++;
    }
    return rc;
}

static int load_legal(struct reader *rd)
{
    static const char *const scopes[] = {"route",     "supply",   "receiver", "waste",
                                         "hazardous", "nonwaste", "abroad",   "demand"};
    struct kb *kb = rd->kb;
    char scope[32];
    int rc;

    while ((rc = csv_next(rd->csv, &rd->r, rd->e)) == 1) {
        struct kb_legal *l;
        size_t k;
        if (kb_vgrow((void **)&kb->legal, &kb->caplegal, kb->nlegal, sizeof *kb->legal))
            return err_set(rd->e, SY_ENOMEM, kmsg(rd->kb, N_("%s: out of memory")), rd->name);
        l = &kb->legal[kb->nlegal];
        memset(l, 0, sizeof *l);
        field(rd, 0, scope, sizeof scope);
        for (k = 0; k < sizeof scopes / sizeof *scopes; k++)
            if (strcmp(scope, scopes[k]) == 0)
                break;
        if (k == sizeof scopes / sizeof *scopes)
            return bad(rd, 0,
                       kmsg(rd->kb, N_("unknown scope; use route, supply, demand, receiver, "
                                       "waste, hazardous, nonwaste or abroad")));
        l->scope = (enum kb_legal_scope)k;
        field(rd, 1, l->key, sizeof l->key);
        if (!l->key[0] && (k <= KB_LEGAL_RECEIVER || k == KB_LEGAL_DEMAND))
            return bad(
                rd, 1,
                kmsg(rd->kb, N_("this scope needs a key (a route id, a code or a NACE prefix)")));
        strip_star(l->key);
        field(rd, 2, l->party, sizeof l->party);
        if (strcmp(l->party, "supplier") != 0 && strcmp(l->party, "receiver") != 0 &&
            strcmp(l->party, "both") != 0)
            return bad(rd, 2, kmsg(rd->kb, N_("unknown party; use supplier, receiver or both")));
        if (!field(rd, 3, l->topic, sizeof l->topic)[0])
            return bad(rd, 3, kmsg(rd->kb, N_("empty topic; fill it in")));
        if (!field(rd, 4, l->check_en, sizeof l->check_en)[0])
            return bad(rd, 4,
                       kmsg(rd->kb, N_("empty check; say what the party must verify or file")));
        field(rd, 5, l->check_fr, sizeof l->check_fr);
        if (!field(rd, 6, l->act, sizeof l->act)[0])
            return bad(rd, 6, kmsg(rd->kb, N_("empty act; cite the act and article")));
        kb->nlegal++;
    }
    return rc;
}

static int load_archetypes(struct reader *rd)
{
    struct kb *kb = rd->kb;
    int rc;

    while ((rc = csv_next(rd->csv, &rd->r, rd->e)) == 1) {
        struct kb_archetype *a;
        if (kb_vgrow((void **)&kb->arch, &kb->caparch, kb->narch, sizeof *kb->arch))
            return err_set(rd->e, SY_ENOMEM, kmsg(rd->kb, N_("%s: out of memory")), rd->name);
        a = &kb->arch[kb->narch];
        memset(a, 0, sizeof *a);
        if (!field(rd, 0, a->nace, sizeof a->nace)[0] || strchr(a->nace, ':'))
            return bad(rd, 0, kmsg(rd->kb, N_("a NACE class like 35.11 is expected")));
        if (!field(rd, 1, a->archetype, sizeof a->archetype)[0] ||
            !model_taxonomy_valid(a->archetype) || strchr(a->archetype, '.'))
            return bad(
                rd, 1,
                kmsg(rd->kb, N_("an archetype is one lowercase word like coal or re_refining")));
        field(rd, 2, a->field, sizeof a->field);
        if (strcmp(a->field, "name") != 0 && strcmp(a->field, "activity") != 0 &&
            strcmp(a->field, "eprtr") != 0 && strcmp(a->field, "any") != 0 &&
            strcmp(a->field, "choice") != 0)
            return bad(rd, 2,
                       kmsg(rd->kb, N_("unknown field; use name, activity, eprtr, any or choice")));
        field(rd, 3, a->pattern, sizeof a->pattern);
        if (!a->pattern[0] && strcmp(a->field, "choice") != 0)
            return bad(rd, 3, kmsg(rd->kb, N_("empty pattern; give words separated by |")));
        for (char *c = a->pattern; *c; c++)
            *c = (char)tolower((unsigned char)*c);
        field(rd, 4, a->label_en, sizeof a->label_en);
        if (!field(rd, 5, a->reference, sizeof a->reference)[0])
            return bad(rd, 5,
                       kmsg(rd->kb, N_("empty reference; cite where the distinction comes from")));
        {
            char code[64];
            snprintf(code, sizeof code, "%s:%s", a->nace, a->archetype);
            if (kb_nace_intern(kb, code) < 0)
                return err_set(rd->e, SY_ENOMEM, kmsg(rd->kb, N_("%s: out of memory")), rd->name);
        }
        kb->narch++;
    }
    return rc;
}

static const char *const tax_cols[] = {"code", "parent", "label_en", "label_fr",
                                       "unit", "state",  "reference"};
static const char *const par_cols[] = {"prefix",       "max_distance_km", "min_lot",
                                       "min_lot_unit", "label",           "reference"};
static const char *const rte_cols[] = {"id",       "supply",     "demand",   "receiver_nace",
                                       "strength", "min_temp_c", "state",    "purity",
                                       "permit",   "label_en",   "label_fr", "reference"};
static const char *const pro_cols[] = {"nace", "direction", "code",     "intensity",
                                       "unit", "status",    "reference"};
static const char *const leg_cols[] = {"scope",    "key",      "party", "topic",
                                       "check_en", "check_fr", "act"};
static const char *const arc_cols[] = {"nace",    "archetype", "field",
                                       "pattern", "label_en",  "reference"};

/* Per file kind: its columns (the first nreq required) and its row loader. */
static const struct {
    const char *const *cols;
    int ncols, nreq;
    int (*load)(struct reader *rd);
} kinds[KB_NFILES] = {
    {tax_cols, 7, 1, load_taxonomy}, {par_cols, 6, 2, load_params},
    {rte_cols, 12, 5, load_routes},  {pro_cols, 7, 3, load_profiles},
    {leg_cols, 7, 7, load_legal},    {arc_cols, 6, 6, load_archetypes},
};

static int load_any(struct kb *kb, enum kb_file which, const char *name, const char *data,
                    size_t len, int local, struct err *e)
{
    struct reader rd;
    int rc;

    if (kb->finished)
        return err_set(e, SY_EUSAGE, kmsg(kb, N_("kb_load after kb_finish")));
    if ((unsigned)which >= KB_NFILES)
        return err_set(e, SY_EUSAGE, kmsg(kb, N_("kb_load: unknown file kind %d")), (int)which);
    if (local && which != KB_ROUTES && which != KB_PROFILES)
        return err_set(e, SY_EUSAGE,
                       kmsg(kb, N_("local knowledge holds routes and profiles only")));
    rc = reader_open(&rd, kb, name, data, len, kinds[which].cols, kinds[which].ncols,
                     kinds[which].nreq, e);
    rd.local = local;
    if (!rc)
        rc = kinds[which].load(&rd);
    csv_free(rd.csv);
    return rc < 0 ? rc : SY_OK;
}

int kb_load(struct kb *kb, enum kb_file which, const char *name, const char *data, size_t len,
            struct err *e)
{
    return load_any(kb, which, name, data, len, 0, e);
}

int kb_load_local(struct kb *kb, enum kb_file which, const char *name, const char *data, size_t len,
                  struct err *e)
{
    return load_any(kb, which, name, data, len, 1, e);
}