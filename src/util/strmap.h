/*
 * strmap.h - an open-addressing hash map from strings to a long value.
 *
 * Keys are copied into the map's own arena (freed all at once). Used for
 * validation sets (nomenclature codes, known actor ids) and duplicate
 * detection in imports, a million keys at a time: each slot keeps the key's
 * hash so that a probe compares strings only when the hashes agree, and the
 * table doubles at 50 % load.
 */
#ifndef SY_STRMAP_H
#define SY_STRMAP_H

#include <stddef.h>
#include <stdint.h>

struct strmap_block;

struct strmap {
    const char **keys; /* NULL = empty slot; point into the arena */
    uint64_t *hashes;
    long *vals;
    size_t cap; /* a power of two, or 0 */
    size_t n;
    struct strmap_block *arena;
};

void strmap_init(struct strmap *m);
void strmap_release(struct strmap *m);
/* Sets key to val (inserting or overwriting). 0 or SY_ENOMEM. */
int strmap_put(struct strmap *m, const char *key, long val);
/* Returns 1 and *val if key is present, else 0. val may be NULL. */
int strmap_get(const struct strmap *m, const char *key, long *val);

/* FNV-1a 64-bit hash of len bytes, continuing from h (start with STRMAP_FNV_SEED). */
#define STRMAP_FNV_SEED 1469598103934665603ULL
uint64_t strmap_hash(uint64_t h, const void *data, size_t len);

#endif
