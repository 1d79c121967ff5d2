/*
 * kb.c - the knowledge base: code interning (open addressing over an array of
 * entries) and the per-code lookups resolved once (longest-prefix parameters,
 * applicable routes, inherited state; per NACE: profiles and receiver routes).
 * Parsing is in kb_load.c. See kb.h.
 */
#include "match/kb_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const file_names[KB_NFILES] = {"taxonomy.csv", "resource_params.csv",
                                                  "routes.csv",   "sector_profiles.csv",
                                                  "legal.csv",    "archetypes.csv"};

const char *kb_file_name(enum kb_file f)
{
    return (unsigned)f < KB_NFILES ? file_names[f] : "?";
}

int kb_file_optional(enum kb_file f)
{
    return f == KB_LEGAL || f == KB_ARCHETYPES;
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
        /* An archetype "35.11:coal" has its class "35.11" as parent. */
        const char *colon = memchr(s, ':', len);
        if (colon)
            return (size_t)(colon - s);
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
    free(kb->legal);
    free(kb->arch);
    free(kb);
}

int kb_vgrow(void **v, size_t *cap, size_t n, size_t sz)
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

int kb_finished(const struct kb *kb)
{
    return kb->finished;
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

long kb_route_find(const struct kb *kb, const char *id)
{
    for (size_t i = 0; i < kb->nroutes; i++)
        if (strcmp(kb->routes[i].id, id) == 0)
            return (long)i;
    return -1;
}

void kb_route_penalise(struct kb *kb, size_t i, int n, double factor)
{
    if (i >= kb->nroutes)
        return;
    kb->routes[i].nrejected = n;
    kb->routes[i].strength = kb->routes[i].base_strength * factor;
}

size_t kb_nlegal(const struct kb *kb)
{
    return kb->nlegal;
}

const struct kb_legal *kb_legal(const struct kb *kb, size_t i)
{
    return i < kb->nlegal ? &kb->legal[i] : NULL;
}

size_t kb_narchetypes(const struct kb *kb)
{
    return kb->narch;
}

const struct kb_archetype *kb_archetype(const struct kb *kb, size_t i)
{
    return i < kb->narch ? &kb->arch[i] : NULL;
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
