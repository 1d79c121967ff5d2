/*
 * kb_copy.c - kb_clone: a deep copy of a knowledge base, so that a process
 * loads data/ once and every matching run interns its flows' codes into a
 * copy of its own (see kb.h).
 */
#include "match/kb_int.h"

#include <stdlib.h>
#include <string.h>

static int ktab_copy(struct ktab *d, const struct ktab *s)
{
    *d = *s;
    d->v = malloc((s->cap ? s->cap : 1) * sizeof *d->v);
    d->slots = malloc((s->nslots ? s->nslots : 1) * sizeof *d->slots);
    if (!d->v || !d->slots) {
        free(d->v);
        free(d->slots);
        memset(d, 0, sizeof *d);
        return -1;
    }
    memcpy(d->slots, s->slots, s->nslots * sizeof *d->slots);
    memcpy(d->v, s->v, s->n * sizeof *d->v);
    for (size_t i = 0; i < s->n; i++) {
        struct kentry *en = &d->v[i];
        size_t len = strlen(s->v[i].str) + 1;
        en->str = malloc(len);
        en->routes = s->v[i].nroutes ? malloc(s->v[i].nroutes * sizeof *en->routes) : NULL;
        if (en->str)
            memcpy(en->str, s->v[i].str, len);
        if (en->routes)
            memcpy(en->routes, s->v[i].routes, s->v[i].nroutes * sizeof *en->routes);
        if (!en->str || (s->v[i].nroutes && !en->routes)) {
            d->n = i + 1;
            return -1;
        }
    }
    return 0;
}

static void *dup_array(const void *src, size_t n, size_t sz, int *fail)
{
    void *p = malloc((n ? n : 1) * sz);

    if (!p)
        *fail = 1;
    else if (src && n)
        memcpy(p, src, n * sz);
    return p;
}

int kb_clone(const struct kb *src, struct kb **out, struct err *e)
{
    struct kb *kb = calloc(1, sizeof *kb);
    int fail = !kb;

    *out = NULL;
    if (kb) {
        *kb = *src;
        memset(&kb->codes, 0, sizeof kb->codes);
        memset(&kb->naces, 0, sizeof kb->naces);
        kb->tax = dup_array(src->tax, src->ntax, sizeof *src->tax, &fail);
        kb->params = dup_array(src->params, src->nparams, sizeof *src->params, &fail);
        kb->routes = dup_array(src->routes, src->nroutes, sizeof *src->routes, &fail);
        kb->profiles = dup_array(src->profiles, src->nprofiles, sizeof *src->profiles, &fail);
        kb->legal = dup_array(src->legal, src->nlegal, sizeof *src->legal, &fail);
        kb->arch = dup_array(src->arch, src->narch, sizeof *src->arch, &fail);
        kb->caplegal = src->nlegal ? src->nlegal : 1;
        kb->caparch = src->narch ? src->narch : 1;
        kb->route_next = src->route_next ? dup_array(src->route_next, src->nroutes + 1,
                                                     sizeof *src->route_next, &fail)
                                         : NULL;
        kb->rroute_next = src->rroute_next ? dup_array(src->rroute_next, src->nroutes + 1,
                                                       sizeof *src->rroute_next, &fail)
                                           : NULL;
        kb->captax = src->ntax ? src->ntax : 1;
        kb->capparams = src->nparams ? src->nparams : 1;
        kb->caproutes = src->nroutes ? src->nroutes : 1;
        kb->capprofiles = src->nprofiles ? src->nprofiles : 1;
        if (ktab_copy(&kb->codes, &src->codes) || ktab_copy(&kb->naces, &src->naces))
            fail = 1;
    }
    if (fail) {
        kb_free(kb);
        return err_set(e, SY_ENOMEM, "out of memory copying the knowledge base");
    }
    *out = kb;
    return SY_OK;
}
