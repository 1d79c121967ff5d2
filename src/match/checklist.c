/*
 * checklist.c - the regulatory checklist of a candidate from the rows of
 * legal.csv: rows that apply, the most specific per party and topic. See
 * checklist.h.
 */
#include "match/checklist.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static const char *const scope_names[] = {"route",     "supply",   "receiver", "waste",
                                          "hazardous", "nonwaste", "abroad",   "demand"};

/* 1 if key is code or a prefix of it ending on a segment boundary. */
static int code_prefix(const char *key, const char *code)
{
    size_t k = strlen(key);

    if (strncmp(key, code, k) != 0)
        return 0;
    return code[k] == 0 || code[k] == ' ' || code[k] == '.' || code[k] == '*';
}

/* Specificity of a row for the input, or 0 when it does not apply. Levels:
 * route 4000, supply 3000 + prefix length, demand 2500 + prefix length,
 * receiver 2000 + prefix length, general 1000. */
static int applies(const struct kb_legal *l, const struct checklist_input *in, const char *demand,
                   int waste, int hazardous)
{
    switch (l->scope) {
    case KB_LEGAL_ROUTE:
        return in->rule && strcmp(l->key, in->rule) == 0 ? 4000 : 0;
    case KB_LEGAL_SUPPLY:
        return in->code && code_prefix(l->key, in->code) ? 3000 + (int)strlen(l->key) : 0;
    case KB_LEGAL_DEMAND:
        return demand && code_prefix(l->key, demand) ? 2500 + (int)strlen(l->key) : 0;
    case KB_LEGAL_RECEIVER:
        return waste && in->receiver_nace && in->receiver_nace[0] &&
                       strncmp(l->key, in->receiver_nace, strlen(l->key)) == 0
                   ? 2000 + (int)strlen(l->key)
                   : 0;
    case KB_LEGAL_WASTE:
        return waste ? 1000 : 0;
    case KB_LEGAL_HAZARDOUS:
        return hazardous ? 1000 : 0;
    case KB_LEGAL_NONWASTE:
        return waste ? 0 : 1000;
    case KB_LEGAL_ABROAD:
        return waste && (in->abroad > 0 || (in->abroad < 0 && in->distance_km > 50)) ? 1000 : 0;
    }
    return 0;
}

size_t checklist_build(const struct kb *kb, const struct checklist_input *in, struct checklist *out)
{
    size_t nl = kb_nlegal(kb), n = 0;
    int spec[256] = {0};
    size_t idx[256] = {0};
    const char *code = in->code ? in->code : "";
    const char *demand = NULL;
    int32_t id;
    long r;

    memset(out, 0, sizeof *out);
    if (in->rule && (r = kb_route_find(kb, in->rule)) >= 0) {
        const struct kb_route *rt = kb_route(kb, (size_t)r);
        demand = rt->demand >= 0 ? kb_code_str(kb, rt->demand) : NULL;
    }
    out->waste = isdigit((unsigned char)code[0]) != 0;
    out->hazardous = in->hazardous;
    if (out->hazardous < 0) {
        id = kb_code_find(kb, code);
        out->hazardous = strchr(code, '*') != NULL || (id >= 0 && kb_code_hazardous(kb, id));
    }
    out->hazardous = out->waste && out->hazardous;
    for (size_t i = 0; i < nl && n < sizeof spec / sizeof *spec; i++) {
        int s = applies(kb_legal(kb, i), in, demand, out->waste, out->hazardous);
        if (s) {
            spec[n] = s;
            idx[n++] = i;
        }
    }
    /* Keep a row unless a row of the same party and topic is more specific;
     * the status first, then the operation, then the rest in file order. */
    for (int pass = 0; pass < 3; pass++)
        for (size_t a = 0; a < n; a++) {
            const struct kb_legal *la = kb_legal(kb, idx[a]);
            int rank = strcmp(la->topic, "status") == 0      ? 0
                       : strcmp(la->topic, "operation") == 0 ? 1
                                                             : 2;
            int keep = rank == pass;
            for (size_t b = 0; b < n && keep; b++) {
                const struct kb_legal *lb = kb_legal(kb, idx[b]);
                if (spec[b] > spec[a] && strcmp(la->party, lb->party) == 0 &&
                    strcmp(la->topic, lb->topic) == 0)
                    keep = 0;
            }
            if (keep && out->n < CHECKLIST_MAX) {
                struct checklist_item *it = &out->v[out->n++];
                it->party = la->party;
                it->topic = la->topic;
                it->text_en = la->check_en;
                it->text_fr = la->check_fr;
                it->act = la->act;
                it->scope = scope_names[la->scope];
            }
        }
    return out->n;
}

const char *checklist_status_act(const struct checklist *c)
{
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->v[i].topic, "status") == 0)
            return c->v[i].act;
    return NULL;
}

int checklist_topics(const struct checklist *c, char *out, size_t n)
{
    size_t len = 0;
    int k;

    if (n)
        out[0] = 0;
    for (size_t i = 0, m = 0; i < c->n; i++) {
        int dup = 0;
        for (size_t j = 0; j < i; j++)
            dup |= strcmp(c->v[j].topic, c->v[i].topic) == 0;
        if (dup)
            continue;
        k = snprintf(len < n ? out + len : NULL, len < n ? n - len : 0, "%s%s", m++ ? ", " : "",
                     c->v[i].topic);
        if (k < 0)
            return k;
        len += (size_t)k;
    }
    return (int)len;
}
