/*
 * strmap.c - string-keyed open-addressing hash map (linear probing), keys in
 * an arena of 64 KiB blocks.
 */
#include "util/strmap.h"
#include "util/err.h"

#include <stdlib.h>
#include <string.h>

#define BLOCK_SIZE ((size_t)64 << 10)

struct strmap_block {
    struct strmap_block *next;
    size_t used, size;
    char data[];
};

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
    struct strmap_block *b = m->arena, *next;

    for (; b; b = next) {
        next = b->next;
        free(b);
    }
    free(m->keys);
    free(m->hashes);
    free(m->vals);
    strmap_init(m);
}

static const char *arena_copy(struct strmap *m, const char *key, size_t len)
{
    struct strmap_block *b = m->arena;
    char *p;

    if (!b || b->size - b->used < len + 1) {
        size_t size = len + 1 > BLOCK_SIZE ? len + 1 : BLOCK_SIZE;

        b = malloc(sizeof *b + size);
        if (!b)
            return NULL;
        b->next = m->arena;
        b->used = 0;
        b->size = size;
        m->arena = b;
    }
    p = b->data + b->used;
    memcpy(p, key, len + 1);
    b->used += len + 1;
    return p;
}

static size_t slot_of(const struct strmap *m, const char *key, uint64_t h)
{
    size_t mask = m->cap - 1;
    size_t i = (size_t)h & mask;

    while (m->keys[i] && (m->hashes[i] != h || strcmp(m->keys[i], key) != 0))
        i = (i + 1) & mask;
    return i;
}

static int grow(struct strmap *m)
{
    size_t ncap = m->cap ? m->cap * 2 : 64, mask = ncap - 1;
    const char **keys = calloc(ncap, sizeof *keys);
    uint64_t *hashes = malloc(ncap * sizeof *hashes);
    long *vals = malloc(ncap * sizeof *vals);

    if (!keys || !hashes || !vals) {
        free(keys);
        free(hashes);
        free(vals);
        return SY_ENOMEM;
    }
    for (size_t i = 0; i < m->cap; i++) {
        size_t j;

        if (!m->keys[i])
            continue;
        for (j = (size_t)m->hashes[i] & mask; keys[j]; j = (j + 1) & mask)
            ;
        keys[j] = m->keys[i];
        hashes[j] = m->hashes[i];
        vals[j] = m->vals[i];
    }
    free(m->keys);
    free(m->hashes);
    free(m->vals);
    m->keys = keys;
    m->hashes = hashes;
    m->vals = vals;
    m->cap = ncap;
    return SY_OK;
}

int strmap_put(struct strmap *m, const char *key, long val)
{
    size_t len = strlen(key), i;
    uint64_t h = strmap_hash(STRMAP_FNV_SEED, key, len);

    if ((m->n + 1) * 2 > m->cap && grow(m))
        return SY_ENOMEM;
    i = slot_of(m, key, h);
    if (!m->keys[i]) {
        m->keys[i] = arena_copy(m, key, len);
        if (!m->keys[i])
            return SY_ENOMEM;
        m->hashes[i] = h;
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
    i = slot_of(m, key, strmap_hash(STRMAP_FNV_SEED, key, strlen(key)));
    if (!m->keys[i])
        return 0;
    if (val)
        *val = m->vals[i];
    return 1;
}
