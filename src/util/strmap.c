/*
 * strmap.c - string-keyed open-addressing hash map (linear probing).
 */
#include "util/strmap.h"
#include "util/err.h"

#include <stdlib.h>
#include <string.h>

uint64_t strmap_hash(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;

    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    return h;
}

void strmap_init(struct strmap *m)
{
    memset(m, 0, sizeof *m);
}

void strmap_release(struct strmap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->keys[i]);
    free(m->keys);
    free(m->vals);
    strmap_init(m);
}

static size_t slot_of(const struct strmap *m, const char *key)
{
    size_t mask = m->cap - 1;
    size_t i = (size_t)strmap_hash(STRMAP_FNV_SEED, key, strlen(key)) & mask;

    while (m->keys[i] && strcmp(m->keys[i], key) != 0)
        i = (i + 1) & mask;
    return i;
}

static int grow(struct strmap *m)
{
    struct strmap nm;

    nm.cap = m->cap ? m->cap * 2 : 64;
    nm.n = m->n;
    nm.keys = calloc(nm.cap, sizeof *nm.keys);
    nm.vals = calloc(nm.cap, sizeof *nm.vals);
    if (!nm.keys || !nm.vals) {
        free(nm.keys);
        free(nm.vals);
        return SY_ENOMEM;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (m->keys[i]) {
            size_t j = slot_of(&nm, m->keys[i]);

            nm.keys[j] = m->keys[i];
            nm.vals[j] = m->vals[i];
        }
    }
    free(m->keys);
    free(m->vals);
    *m = nm;
    return SY_OK;
}

int strmap_put(struct strmap *m, const char *key, long val)
{
    size_t i;

    if ((m->n + 1) * 2 > m->cap && grow(m))
        return SY_ENOMEM;
    i = slot_of(m, key);
    if (!m->keys[i]) {
        m->keys[i] = strdup(key);
        if (!m->keys[i])
            return SY_ENOMEM;
        m->n++;
    }
    m->vals[i] = val;
    return SY_OK;
}

int strmap_get(const struct strmap *m, const char *key, long *val)
{
    size_t i;

    if (!m->cap)
        return 0;
    i = slot_of(m, key);
    if (!m->keys[i])
        return 0;
    if (val)
        *val = m->vals[i];
    return 1;
}
