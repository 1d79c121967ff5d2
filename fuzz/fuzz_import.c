/*
 * fuzz_import.c - libFuzzer harness for one importer (src/core/import*.c),
 * chosen at build time: -DFUZZ_IMPORT=import_territories, import_actors,
 * import_flows or import_irep. The input is written to a memory file and
 * imported into an in-memory database that holds two territories and two
 * actors, so that references can resolve. Every other import is a dry run
 * (rolled back); the others commit, then the import is undone by a fresh
 * database every FUZZ_REOPEN inputs so the database stays small.
 * An import must succeed, or fail with located diagnostics and SY_EINPUT,
 * SY_ELIMIT or SY_EUSAGE (never a storage error: that is invalid input let
 * through to SQLite).
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/import.h"

#ifndef FUZZ_IMPORT
#define FUZZ_IMPORT import_actors
#endif
#define FUZZ_REOPEN 500

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct store *db;
static int fd = -1;
static char path[64];
static unsigned long count;

static const char seed_terr[] = "code,name,region,structure,programme\n"
                                "T1,Zone portuaire,Grand Est,ADEME,EIT 2024\n"
                                "zp,Zone,Normandie,,\n";
static const char seed_actors[] =
    "id,name,siret,naf,kind,territory,address,commune,lat,lon\n"
    "A1,Sucrerie,30345780800010,10.81Z,company,T1,,51038,49.3665,4.1703\n"
    "A2,Chaufferie,,35.30Z,public,zp,,67482,48.5734,7.7521\n";

static void put(const char *d, size_t n)
{
    if (ftruncate(fd, 0) != 0 || pwrite(fd, d, n, 0) != (ssize_t)n)
        abort();
}

static void setup(void)
{
    struct import_result r;
    struct err e;

    if (fd < 0) {
        fd = memfd_create("fuzz-import", 0);
        if (fd < 0)
            abort();
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    }
    store_close(db);
    if (store_open(&db, ":memory:", &e))
        abort();
    put(seed_terr, sizeof seed_terr - 1);
    import_result_init(&r, path);
    if (import_territories(db, path, NULL, &r, &e))
        abort();
    import_result_release(&r);
    put(seed_actors, sizeof seed_actors - 1);
    import_result_init(&r, path);
    if (import_actors(db, path, NULL, &r, &e)) {
        for (size_t i = 0; i < r.diags.n; i++)
            fprintf(stderr, "seed: line %ld: %s\n", r.diags.v[i].line, r.diags.v[i].msg);
        abort();
    }
    import_result_release(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct import_opts o = {0};
    struct import_result r;
    struct err e;
    int rc;

    if (!db || count % FUZZ_REOPEN == 0)
        setup();
    count++;
    o.dry_run = count % 2;
    if (memmem(data, size, ",x,y", 4))
        o.crs = "EPSG:2154"; /* the x,y path of the actors importer */
    o.territory = "T1";
    put((const char *)data, size);
    err_clear(&e);
    import_result_init(&r, path);
    rc = FUZZ_IMPORT(db, path, &o, &r, &e);
    if (rc != SY_OK && rc != SY_EINPUT && rc != SY_ELIMIT && rc != SY_EUSAGE) {
        fprintf(stderr, "unexpected %s: %s\n", err_name(rc), e.msg);
        abort();
    }
    if (rc == SY_EINPUT && r.diags.n == 0 && !e.msg[0])
        abort(); /* invalid input must say where */
    import_result_release(&r);
    return 0;
}
