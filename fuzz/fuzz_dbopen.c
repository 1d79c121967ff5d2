/*
 * fuzz_dbopen.c - libFuzzer harness for opening a database file: the input
 * is written to a file, opened as a store (read-only, then read-write) and
 * listed. A database file is input like any other: opening it must succeed
 * or fail with SY_ESTORE and a message, never crash.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[256];

static int count_cb(void *ctx, const void *rec)
{
    (void)rec;
    ++*(long *)ctx;
    return 0;
}

static void list_all(struct store *s)
{
    struct err e;
    long n = 0;
    int v;

    store_schema_version(s, &v, &e);
    store_territory_list(s, (store_territory_cb)count_cb, &n, &e);
    store_actor_list(s, NULL, (store_actor_cb)count_cb, &n, &e);
    store_flow_list(s, NULL, (store_flow_cb)count_cb, &n, &e);
    store_cand_list(s, NULL, (store_cand_cb)count_cb, &n, &e);
}

static void try_open(int mode)
{
    struct store *s = NULL;
    struct err e;
    int rc;

    err_clear(&e);
    rc = store_open_mode(&s, path, mode, &e);
    if (rc) {
        if (s || (rc != SY_ESTORE && rc != SY_ENOMEM) || !e.msg[0])
            abort();
        return;
    }
    list_all(s);
    store_close(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *f;
    char side[300];

    if (!path[0])
        snprintf(path, sizeof path, "%s/symbiose-fuzz-%d.db",
                 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid());
    f = fopen(path, "wb");
    if (!f)
        abort();
    if (size && fwrite(data, 1, size, f) != size)
        abort();
    fclose(f);
    try_open(STORE_READ);
    try_open(STORE_WRITE);
    unlink(path);
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
    return 0;
}
