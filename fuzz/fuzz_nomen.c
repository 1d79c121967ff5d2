/*
 * fuzz_nomen.c - libFuzzer harness for nomenclature search
 * (store_nomen_search: accent folding, FTS5 query building) over a small
 * in-memory nomenclature, and for store_nomen_get with the same text.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct store *db;

static int count_cb(void *ctx, const struct nomen_entry *n)
{
    (void)n;
    ++*(int *)ctx;
    return 0;
}

static void add(enum nomen_kind k, const char *code, const char *level, const char *parent,
                const char *en, const char *fr, int hz)
{
    struct nomen_entry n = {0};
    struct err e;

    n.kind = k;
    snprintf(n.code, sizeof n.code, "%s", code);
    snprintf(n.level, sizeof n.level, "%s", level);
    snprintf(n.parent, sizeof n.parent, "%s", parent);
    snprintf(n.label_en, sizeof n.label_en, "%s", en);
    snprintf(n.label_fr, sizeof n.label_fr, "%s", fr);
    n.hazardous = hz;
    if (store_nomen_put(db, &n, &e))
        abort();
}

static void setup(void)
{
    struct err e;

    if (store_open(&db, ":memory:", &e) || store_begin(db, &e))
        abort();
    add(NOMEN_LOW, "16", "chapter", "", "Wastes not otherwise specified",
        "Déchets non décrits ailleurs", 0);
    add(NOMEN_LOW, "16 06 01*", "entry", "16 06", "lead batteries", "accumulateurs au plomb", 1);
    add(NOMEN_NAF, "20.14Z", "subclass", "20.14", "Other organic basic chemicals",
        "Fabrication d'autres produits chimiques organiques de base", 0);
    add(NOMEN_TAXONOMY, "energy.heat.lt", "entry", "energy.heat", "Low-temperature waste heat",
        "Chaleur fatale basse température", 0);
    if (store_commit(db, &e) || store_nomen_reindex(db, &e))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char text[512];
    struct nomen_entry n;
    struct err e;
    int count = 0, rc;

    if (!db)
        setup();
    if (size >= sizeof text)
        size = sizeof text - 1;
    memcpy(text, data, size);
    text[size] = '\0';
    rc = store_nomen_search(db, text, 20, count_cb, &count, &e);
    if (rc != SY_OK && rc != SY_EINPUT && rc != SY_EUSAGE && rc != SY_ELIMIT)
        abort(); /* a search text is input, never a storage error */
    if (count > 20)
        abort();
    rc = store_nomen_get(db, NOMEN_LOW, text, &n, &e);
    if (rc != SY_OK && rc != SY_ENOTFOUND)
        abort();
    return 0;
}
