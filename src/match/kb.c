/*
 * kb.c - the knowledge base: CSV parsing of data/ files from memory, code
 * interning (open addressing over an array of entries), and the per-code
 * lookups resolved once (longest-prefix parameters, applicable routes,
 * inherited state; per NACE: profiles and receiver routes). See kb.h.
 */
#include "match/kb_int.h"
#include "io/csv.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const file_names[KB_NFILES] = {"taxonomy.csv", "resource_params.csv",
                                                  "routes.csv", "sector_profiles.csv"};

const char *kb_file_name(enum kb_file f)
{
    return (unsigned)f < KB_NFILES ? file_names[f] : "?";
}

static uint32_t fnv32(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

static void ktab_release(struct ktab *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->v[i].str);
        free(t->v[i].routes);
    }
    free(t->v);
    free(t->slots);
}

static int32_t ktab_find(const struct ktab *t, const char *s, size_t len)
{
    uint32_t h;
    size_t mask, i;

    if (!t->nslots)
        return -1;
    h = fnv32(s, len);
    mask = t->nslots - 1;
    for (i = h & mask;; i = (i + 1) & mask) {
        int32_t id = t->slots[i];
        if (id < 0)
            return -1;
        if (t->v[id].hash == h && strncmp(t->v[id].str, s, len) == 0 && t->v[id].str[len] == 0)
            return id;
    }
}

static int ktab_rehash(struct ktab *t, size_t nslots)
{
    int32_t *slots = malloc(nslots * sizeof *slots);

    if (!slots)
        return -1;
    for (size_t i = 0; i < nslots; i++)
        slots[i] = -1;
    for (size_t k = 0; k < t->n; k++) {
        size_t i = t->v[k].hash & (nslots - 1);
        while (slots[i] >= 0)
            i = (i + 1) & (nslots - 1);
        slots[i] = (int32_t)k;
    }
    free(t->slots);
    t->slots = slots;
    t->nslots = nslots;
    return 0;
}

/* Length of the parent prefix of s[0..len), or 0 at the top. */
static size_t ktab_parent_len(const struct ktab *t, const char *s, size_t len)
{
    if (t->nace) {
        if (len <= 2)
            return 0;
        len--;
        if (s[len - 1] == '.')
            len--;
        return len;
    }
    while (len > 0 && s[len - 1] != ' ' && s[len - 1] != '.')
        len--;
    return len > 0 ? len - 1 : 0;
}

static int32_t ktab_intern(struct ktab *t, const char *s, size_t len)
{
    int32_t id = ktab_find(t, s, len), parent = -1;
    size_t plen;
    struct kentry *en;

    if (id >= 0)
        return id;
    if (len == 0 || len >= SY_CODE_MAX)
        return -1;
    plen = ktab_parent_len(t, s, len);
    if (plen > 0 && (parent = ktab_intern(t, s, plen)) < 0)
        return -1;
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 256;
        struct kentry *v = realloc(t->v, cap * sizeof *v);
        if (!v)
            return -1;
        t->v = v;
        t->cap = cap;
    }
    if (2 * (t->n + 1) > t->nslots && ktab_rehash(t, t->nslots ? 2 * t->nslots : 512))
        return -1;
    en = &t->v[t->n];
    memset(en, 0, sizeof *en);
    if (!(en->str = malloc(len + 1)))
        return -1;
    memcpy(en->str, s, len);
    en->str[len] = 0;
    en->hash = fnv32(s, len);
    en->parent = parent;
    en->tax = en->own_params = en->first_route = en->first_rroute = en->params = -1;
    en->prof_off = en->rprof_off = -1;
    id = (int32_t)t->n++;
    {
        size_t i = en->hash & (t->nslots - 1);
        while (t->slots[i] >= 0)
            i = (i + 1) & (t->nslots - 1);
        t->slots[i] = id;
    }
    return id;
}

int kb_new(struct kb **out, struct err *e)
{
    *out = calloc(1, sizeof **out);
    if (!*out)
        return err_set(e, SY_ENOMEM, "out of memory creating the knowledge base");
    (*out)->naces.nace = 1;
    return SY_OK;
}

void kb_free(struct kb *kb)
{
    if (!kb)
        return;
    ktab_release(&kb->codes);
    ktab_release(&kb->naces);
    free(kb->tax);
    free(kb->params);
    free(kb->routes);
    free(kb->route_next);
    free(kb->rroute_next);
    free(kb->profiles);
    free(kb);
}

/* Grows a vector of elements of size sz. */
static int vgrow(void **v, size_t *cap, size_t n, size_t sz)
{
    void *p;
    size_t c;

    if (n < *cap)
        return 0;
    c = *cap ? 2 * *cap : 64;
    p = realloc(*v, c * sz);
    if (!p)
        return -1;
    memset((char *)p + *cap * sz, 0, (c - *cap) * sz);
    *v = p;
    *cap = c;
    return 0;
}

/* ---- parsing ---- */

enum { MAXCOLS = 12 };

struct reader {
    const char *name;
    struct csv *csv;
    struct csv_record r;
    int idx[MAXCOLS];
    struct kb *kb;
    struct err *e;
};

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
static int reader_open(struct reader *rd, const char *name, const char *data, size_t len,
                       const char *const *cols, int ncols, int nreq, struct err *e)
{
    int rc;

    memset(rd, 0, sizeof *rd);
    rd->name = name;
    rd->e = e;
    rd->csv = csv_new_mem(data, len, name, NULL);
    if (!rd->csv)
        return err_set(e, SY_ENOMEM, "%s: out of memory", name);
    rc = csv_next(rd->csv, &rd->r, e);
    if (rc < 0)
        return rc;
    if (rc == 0)
        return err_set(e, SY_EINPUT, "%s:1:1: empty file; expected a header line", name);
    for (int k = 0; k < ncols; k++) {
        rd->idx[k] = -1;
        for (size_t i = 0; i < rd->r.n; i++)
            if (strcmp(rd->r.fields[i], cols[k]) == 0)
                rd->idx[k] = (int)i;
        if (k < nreq && rd->idx[k] < 0)
            return err_set(e, SY_EINPUT, "%s:%ld:1: missing column '%s'; the header must name it",
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
        return bad(rd, k, "not a number; write a decimal like 12.5");
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
        return req ? bad(rd, k, "empty code; fill it in") : 0;
    if (strlen(code) >= SY_CODE_MAX)
        return bad(rd, k, "code too long; codes have at most 63 bytes");
    *id = nace ? kb_nace_intern(rd->kb, code) : kb_intern(rd->kb, code);
    if (*id < 0)
        return err_set(rd->e, SY_ENOMEM, "%s: out of memory", rd->name);
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
            return bad(rd, 0, "invalid taxonomy code; use dotted lowercase like energy.heat.lt");
        if (kb->codes.v[id].tax >= 0)
            return bad(rd, 0, "duplicate taxonomy code; keep one line per code");
        if (vgrow((void **)&kb->tax, &kb->captax, kb->ntax, sizeof *kb->tax))
            return err_set(rd->e, SY_ENOMEM, "%s: out of memory", rd->name);
        t = &kb->tax[kb->ntax];
        t->code = id;
        field(rd, 2, t->label_en, sizeof t->label_en);
        field(rd, 3, t->label_fr, sizeof t->label_fr);
        field(rd, 4, t->unit, sizeof t->unit);
        if (parse_state(field(rd, 5, state, sizeof state), &t->state))
            return bad(rd, 5, "unknown state; use none, solid, liquid, gas or sludge");
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
            return bad(rd, 0, "duplicate prefix; keep one line per prefix");
        if (vgrow((void **)&kb->params, &kb->capparams, kb->nparams, sizeof *kb->params))
            return err_set(rd->e, SY_ENOMEM, "%s: out of memory", rd->name);
        p = &kb->params[kb->nparams];
        p->prefix = id;
        if ((rc = parse_num(rd, 1, &p->max_distance_km, &has)))
            return rc;
        if (!has || !(p->max_distance_km > 0))
            return bad(rd, 1, "max_distance_km must be a number > 0");
        if ((rc = parse_num(rd, 2, &p->min_lot, &has)))
            return rc;
        if (has && p->min_lot < 0)
            return bad(rd, 2, "min_lot must be >= 0");
        if (!has)
            p->min_lot = 0;
        p->min_lot_mult = 1;
        p->min_lot_unit = UNIT_T;
        if (field(rd, 3, unit, sizeof unit)[0] &&
            model_unit_parse(unit, &p->min_lot_unit, &p->min_lot_mult))
            return bad(rd, 3, "unknown unit; use t, kg, MWh, m3 or count");
        if (p->min_lot > 0 && !unit[0])
            return bad(rd, 3, "min_lot has no unit; add min_lot_unit");
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
        if (vgrow((void **)&kb->routes, &kb->caproutes, kb->nroutes, sizeof *kb->routes))
            return err_set(rd->e, SY_ENOMEM, "%s: out of memory", rd->name);
        r = &kb->routes[kb->nroutes];
        memset(r, 0, sizeof *r);
        if (!field(rd, 0, r->id, sizeof r->id)[0])
            return bad(rd, 0, "empty route id; give each route a unique id");
        for (size_t i = 0; i < kb->nroutes; i++)
            if (strcmp(kb->routes[i].id, r->id) == 0)
                return bad(rd, 0, "duplicate route id; route ids must be unique");
        if ((rc = code_field(rd, 1, 1, 0, &r->supply, NULL)) ||
            (rc = code_field(rd, 2, 0, 0, &r->demand, NULL)) ||
            (rc = code_field(rd, 3, 0, 1, &r->receiver_nace, NULL)))
            return rc;
        if (r->demand < 0 && r->receiver_nace < 0)
            return bad(rd, 2, "a route needs a demand code or a receiver_nace");
        if ((rc = parse_num(rd, 4, &r->strength, &has)))
            return rc;
        if (!has || !(r->strength > 0 && r->strength <= 1))
            return bad(rd, 4, "strength must be a number in (0, 1]");
        if ((rc = parse_num(rd, 5, &r->min_temp_c, &r->has_min_temp)))
            return rc;
        if (parse_state(field(rd, 6, state, sizeof state), &r->state))
            return bad(rd, 6, "unknown state; use none, solid, liquid, gas or sludge");
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
        if (vgrow((void **)&kb->profiles, &kb->capprofiles, kb->nprofiles, sizeof *kb->profiles))
            return err_set(rd->e, SY_ENOMEM, "%s: out of memory", rd->name);
        p = &kb->profiles[kb->nprofiles];
        memset(p, 0, sizeof *p);
        if ((rc = code_field(rd, 0, 1, 1, &p->nace, NULL)))
            return rc;
        if (model_dir_parse(field(rd, 1, buf, sizeof buf), &p->dir))
            return bad(rd, 1, "unknown direction; use supply or demand");
        if ((rc = code_field(rd, 2, 1, 0, &p->code, &p->hazardous)))
            return rc;
        if (p->hazardous)
            kb_set_hazardous(kb, p->code, 1);
        if ((rc = parse_num(rd, 3, &p->intensity, &has)))
            return rc;
        if (has && p->intensity < 0)
            return bad(rd, 3, "intensity must be >= 0, or empty for 'present'");
        p->unit = UNIT_T;
        field(rd, 4, buf, sizeof buf);
        /* "t/employee/yr": the quantity unit is what precedes the first '/'. */
        if ((slash = strchr(buf, '/')))
            *slash = 0;
        if (buf[0] && model_unit_parse(buf, &p->unit, &mult))
            return bad(rd, 4, "unknown unit; use t, kg, MWh or m3 (per employee per year)");
        if (has && !buf[0])
            return bad(rd, 4, "an intensity needs a unit");
        p->intensity = has ? p->intensity * mult : -1;
        field(rd, 6, p->reference, sizeof p->reference);
        kb->nprofiles++;
    }
    return rc;
}

int kb_load(struct kb *kb, enum kb_file which, const char *name, const char *data, size_t len,
            struct err *e)
{
    static const char *const tax_cols[] = {"code", "parent", "label_en", "label_fr",
                                           "unit", "state",  "reference"};
    static const char *const par_cols[] = {"prefix",       "max_distance_km", "min_lot",
                                           "min_lot_unit", "label",           "reference"};
    static const char *const rte_cols[] = {"id",       "supply",     "demand",   "receiver_nace",
                                           "strength", "min_temp_c", "state",    "purity",
                                           "permit",   "label_en",   "label_fr", "reference"};
    static const char *const pro_cols[] = {"nace", "direction", "code",     "intensity",
                                           "unit", "status",    "reference"};
    struct reader rd;
    int rc;

    if (kb->finished)
        return err_set(e, SY_EUSAGE, "kb_load after kb_finish");
    switch (which) {
    case KB_TAXONOMY:
        rc = reader_open(&rd, name, data, len, tax_cols, 7, 1, e);
        break;
    case KB_PARAMS:
        rc = reader_open(&rd, name, data, len, par_cols, 6, 2, e);
        break;
    case KB_ROUTES:
        rc = reader_open(&rd, name, data, len, rte_cols, 12, 5, e);
        break;
    case KB_PROFILES:
        rc = reader_open(&rd, name, data, len, pro_cols, 7, 3, e);
        break;
    default:
        return err_set(e, SY_EUSAGE, "kb_load: unknown file kind %d", (int)which);
    }
    rd.kb = kb;
    if (rc)
        goto out;
    switch (which) {
    case KB_TAXONOMY:
        rc = load_taxonomy(&rd);
        break;
    case KB_PARAMS:
        rc = load_params(&rd);
        break;
    case KB_ROUTES:
        rc = load_routes(&rd);
        break;
    default:
        rc = load_profiles(&rd);
        break;
    }
out:
    csv_free(rd.csv);
    return rc < 0 ? rc : SY_OK;
}

/* ---- resolution ---- */

static int resolve_code(struct kb *kb, int32_t id)
{
    struct kentry *en = &kb->codes.v[id];
    int32_t list[256];
    uint32_t n = 0;

    if (en->done)
        return 0;
    en->params = -1;
    en->state = STATE_NONE;
    for (int32_t a = id; a >= 0; a = kb->codes.v[a].parent) {
        const struct kentry *an = &kb->codes.v[a];
        if (en->params < 0 && an->own_params >= 0)
            en->params = an->own_params;
        if (en->state == STATE_NONE && an->tax >= 0)
            en->state = kb->tax[an->tax].state;
        for (int32_t r = an->first_route; r >= 0; r = kb->route_next[r]) {
            const struct kb_route *rt = &kb->routes[r];
            uint32_t k;
            for (k = 0; k < n; k++)
                if (kb->routes[list[k]].demand == rt->demand &&
                    kb->routes[list[k]].receiver_nace == rt->receiver_nace)
                    break;
            if (k == n && n < 256)
                list[n++] = r;
        }
    }
    if (n) {
        en->routes = malloc(n * sizeof *en->routes);
        if (!en->routes)
            return -1;
        memcpy(en->routes, list, n * sizeof *list);
    }
    en->nroutes = n;
    en->done = 1;
    return 0;
}

static int resolve_nace(struct kb *kb, int32_t id)
{
    struct kentry *en = &kb->naces.v[id];
    int32_t list[256];
    uint32_t n = 0;

    if (en->done)
        return 0;
    en->rprof_off = -1;
    en->rprof_n = 0;
    for (int32_t a = id; a >= 0; a = kb->naces.v[a].parent) {
        const struct kentry *an = &kb->naces.v[a];
        if (en->rprof_n == 0 && an->prof_n > 0) {
            en->rprof_off = an->prof_off;
            en->rprof_n = an->prof_n;
        }
        for (int32_t r = an->first_rroute; r >= 0 && n < 256; r = kb->rroute_next[r])
            list[n++] = r;
    }
    if (n) {
        en->routes = malloc(n * sizeof *en->routes);
        if (!en->routes)
            return -1;
        memcpy(en->routes, list, n * sizeof *list);
    }
    en->nroutes = n;
    en->done = 1;
    return 0;
}

/* Orders profile rows by NACE code, keeping file order within one (counting sort). */
static int sort_profiles(struct kb *kb)
{
    size_t nn = kb->naces.n;
    size_t *pos = calloc(nn + 1, sizeof *pos);
    struct kb_profile *v = malloc((kb->nprofiles ? kb->nprofiles : 1) * sizeof *v);

    if (!pos || !v) {
        free(pos);
        free(v);
        return -1;
    }
    for (size_t i = 0; i < kb->nprofiles; i++)
        pos[kb->profiles[i].nace + 1]++;
    for (size_t k = 0; k < nn; k++)
        pos[k + 1] += pos[k];
    for (size_t i = 0; i < kb->nprofiles; i++)
        v[pos[kb->profiles[i].nace]++] = kb->profiles[i];
    free(pos);
    free(kb->profiles);
    kb->profiles = v;
    kb->capprofiles = kb->nprofiles ? kb->nprofiles : 1;
    return 0;
}

int kb_finish(struct kb *kb, struct err *e)
{
    if (kb->finished)
        return SY_OK;
    kb->route_next = malloc((kb->nroutes + 1) * sizeof *kb->route_next);
    kb->rroute_next = malloc((kb->nroutes + 1) * sizeof *kb->rroute_next);
    if (!kb->route_next || !kb->rroute_next)
        return err_set(e, SY_ENOMEM, "out of memory finishing the knowledge base");
    /* Chain routes per supply code and per receiver NACE, in file order. */
    for (size_t i = kb->nroutes; i-- > 0;) {
        struct kb_route *r = &kb->routes[i];
        kb->route_next[i] = kb->codes.v[r->supply].first_route;
        kb->codes.v[r->supply].first_route = (int32_t)i;
        kb->rroute_next[i] = -1;
        if (r->receiver_nace >= 0) {
            kb->rroute_next[i] = kb->naces.v[r->receiver_nace].first_rroute;
            kb->naces.v[r->receiver_nace].first_rroute = (int32_t)i;
        }
    }
    if (sort_profiles(kb))
        return err_set(e, SY_ENOMEM, "out of memory finishing the knowledge base");
    for (size_t i = 0; i < kb->nprofiles; i++) {
        /* sort_profiles permutes loaded rows; the analyser loses track of them. */
        /* NOLINTNEXTLINE(clang-analyzer-core.uninitialized.ArraySubscript) */
        struct kentry *en = &kb->naces.v[kb->profiles[i].nace];
        if (en->prof_n == 0)
            en->prof_off = (int32_t)i;
        en->prof_n++;
    }
    kb->finished = 1;
    for (size_t i = 0; i < kb->codes.n; i++)
        if (resolve_code(kb, (int32_t)i))
            return err_set(e, SY_ENOMEM, "out of memory finishing the knowledge base");
    for (size_t i = 0; i < kb->naces.n; i++)
        if (resolve_nace(kb, (int32_t)i))
            return err_set(e, SY_ENOMEM, "out of memory finishing the knowledge base");
    return SY_OK;
}

/* ---- lookups ---- */

int32_t kb_intern(struct kb *kb, const char *code)
{
    size_t n = kb->codes.n;
    int32_t id = ktab_intern(&kb->codes, code, strlen(code));

    if (id >= 0 && kb->finished)
        for (size_t i = n; i < kb->codes.n; i++)
            if (resolve_code(kb, (int32_t)i))
                return -1;
    return id;
}

int32_t kb_code_find(const struct kb *kb, const char *code)
{
    return ktab_find(&kb->codes, code, strlen(code));
}

size_t kb_ncodes(const struct kb *kb)
{
    return kb->codes.n;
}

const char *kb_code_str(const struct kb *kb, int32_t code)
{
    return code >= 0 && (size_t)code < kb->codes.n ? kb->codes.v[code].str : "";
}

int32_t kb_code_parent(const struct kb *kb, int32_t code)
{
    return code >= 0 && (size_t)code < kb->codes.n ? kb->codes.v[code].parent : -1;
}

int kb_code_under(const struct kb *kb, int32_t anc, int32_t code)
{
    if (anc < 0)
        return 0;
    for (int32_t a = code; a >= 0; a = kb->codes.v[a].parent)
        if (a == anc)
            return 1;
    return 0;
}

const struct kb_params *kb_params_for(const struct kb *kb, int32_t code)
{
    int32_t p;

    if (code < 0 || (size_t)code >= kb->codes.n)
        return NULL;
    p = kb->codes.v[code].params;
    return p >= 0 ? &kb->params[p] : NULL;
}

const struct kb_taxon *kb_taxon(const struct kb *kb, int32_t code)
{
    if (code < 0 || (size_t)code >= kb->codes.n || kb->codes.v[code].tax < 0)
        return NULL;
    return &kb->tax[kb->codes.v[code].tax];
}

const char *kb_label(const struct kb *kb, int32_t code)
{
    const struct kb_taxon *t = kb_taxon(kb, code);
    const struct kb_params *p;

    if (t && t->label_en[0])
        return t->label_en;
    p = kb_params_for(kb, code);
    return p ? p->label : "";
}

enum flow_state kb_code_state(const struct kb *kb, int32_t code)
{
    if (code < 0 || (size_t)code >= kb->codes.n)
        return STATE_NONE;
    return kb->codes.v[code].state;
}

int kb_code_hazardous(const struct kb *kb, int32_t code)
{
    return code >= 0 && (size_t)code < kb->codes.n && kb->codes.v[code].hazardous;
}

void kb_set_hazardous(struct kb *kb, int32_t code, int hazardous)
{
    if (code >= 0 && (size_t)code < kb->codes.n)
        kb->codes.v[code].hazardous = hazardous != 0;
}

size_t kb_nroutes(const struct kb *kb)
{
    return kb->nroutes;
}

const struct kb_route *kb_route(const struct kb *kb, size_t i)
{
    return i < kb->nroutes ? &kb->routes[i] : NULL;
}

size_t kb_routes_for(const struct kb *kb, int32_t code, const int32_t **out)
{
    *out = NULL;
    if (code < 0 || (size_t)code >= kb->codes.n)
        return 0;
    *out = kb->codes.v[code].routes;
    return kb->codes.v[code].nroutes;
}

int32_t kb_nace_intern(struct kb *kb, const char *nace)
{
    size_t n = kb->naces.n;
    int32_t id = ktab_intern(&kb->naces, nace, strlen(nace));

    if (id >= 0 && kb->finished)
        for (size_t i = n; i < kb->naces.n; i++)
            if (resolve_nace(kb, (int32_t)i))
                return -1;
    return id;
}

int32_t kb_nace_find(const struct kb *kb, const char *nace)
{
    return ktab_find(&kb->naces, nace, strlen(nace));
}

const char *kb_nace_str(const struct kb *kb, int32_t nace)
{
    return nace >= 0 && (size_t)nace < kb->naces.n ? kb->naces.v[nace].str : "";
}

size_t kb_nnaces(const struct kb *kb)
{
    return kb->naces.n;
}

int kb_nace_under(const struct kb *kb, int32_t prefix, int32_t nace)
{
    if (prefix < 0 || nace < 0)
        return 0;
    for (int32_t a = nace; a >= 0; a = kb->naces.v[a].parent)
        if (a == prefix)
            return 1;
    return 0;
}

size_t kb_profiles_for(const struct kb *kb, int32_t nace, const struct kb_profile **out)
{
    const struct kentry *en;

    *out = NULL;
    if (nace < 0 || (size_t)nace >= kb->naces.n)
        return 0;
    en = &kb->naces.v[nace];
    if (en->rprof_n <= 0)
        return 0;
    *out = &kb->profiles[en->rprof_off];
    return (size_t)en->rprof_n;
}

size_t kb_nace_routes(const struct kb *kb, int32_t nace, const int32_t **out)
{
    *out = NULL;
    if (nace < 0 || (size_t)nace >= kb->naces.n)
        return 0;
    *out = kb->naces.v[nace].routes;
    return kb->naces.v[nace].nroutes;
}
