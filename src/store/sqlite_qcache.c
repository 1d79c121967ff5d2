/*
 * sqlite_qcache.c - per-connection caches of the lists (sqlite_query.c): the
 * statements they build from whitelisted fragments, prepared once and kept
 * (a list page is then a reset, binds and steps), and the totals of their
 * filters, kept while the database is unchanged: PRAGMA data_version moves
 * when another connection commits, sqlite3_total_changes when this one
 * writes, and either empties the totals. A connection is used by one thread
 * at a time (sqlite_int.h), so are its caches.
 */
#include "store/sqlite_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define QC_STMTS 48
#define QC_TOTALS 64

struct sq_qcache {
    struct {
        char *sql;
        uint64_t hash;
        sqlite3_stmt *st;
    } stmt[QC_STMTS];
    unsigned next_stmt; /* the slot replaced next when all are taken */
    struct {
        char *key;
        long total;
    } tot[QC_TOTALS];
    unsigned next_tot;
    sqlite3_stmt *version; /* PRAGMA data_version */
    long long stamp_version;
    long long stamp_changes;
};

static uint64_t fnv(const char *s)
{
    uint64_t h = 1469598103934665603u;

    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static struct sq_qcache *cache(struct sqlite_store *s)
{
    if (!s->qcache)
        s->qcache = calloc(1, sizeof *s->qcache);
    return s->qcache;
}

sqlite3_stmt *sq_cached(struct sqlite_store *s, const char *sql, struct err *e)
{
    struct sq_qcache *c = cache(s);
    uint64_t h = fnv(sql);
    sqlite3_stmt *st = NULL;
    unsigned i, slot = QC_STMTS;
    char *copy;

    if (!c) {
        err_set(e, SY_ENOMEM, "out of memory");
        return NULL;
    }
    for (i = 0; i < QC_STMTS; i++) {
        if (c->stmt[i].sql && c->stmt[i].hash == h && strcmp(c->stmt[i].sql, sql) == 0)
            return c->stmt[i].st;
        if (!c->stmt[i].sql && slot == QC_STMTS)
            slot = i;
    }
    if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        sq_fail(s, e, "preparing a list");
        return NULL;
    }
    if (!(copy = strdup(sql))) {
        sqlite3_finalize(st);
        err_set(e, SY_ENOMEM, "out of memory");
        return NULL;
    }
    if (slot == QC_STMTS) {
        slot = c->next_stmt;
        c->next_stmt = (c->next_stmt + 1) % QC_STMTS;
        sqlite3_finalize(c->stmt[slot].st);
        free(c->stmt[slot].sql);
    }
    c->stmt[slot].sql = copy;
    c->stmt[slot].hash = h;
    c->stmt[slot].st = st;
    return st;
}

void sq_release(sqlite3_stmt *st)
{
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
}

static void totals_clear(struct sq_qcache *c)
{
    for (unsigned i = 0; i < QC_TOTALS; i++) {
        free(c->tot[i].key);
        c->tot[i].key = NULL;
    }
    c->next_tot = 0;
}

/* Empties the totals if the database changed since they were counted. */
static void check_stamp(struct sqlite_store *s, struct sq_qcache *c)
{
    long long v = -1, n = (long long)sqlite3_total_changes(s->db);

    if (!c->version &&
        sqlite3_prepare_v3(s->db, "PRAGMA data_version", -1, SQLITE_PREPARE_PERSISTENT, &c->version,
                           NULL) != SQLITE_OK)
        c->version = NULL;
    if (c->version && sqlite3_step(c->version) == SQLITE_ROW)
        v = sqlite3_column_int64(c->version, 0);
    if (c->version)
        sqlite3_reset(c->version);
    if (v < 0 || v != c->stamp_version || n != c->stamp_changes) {
        totals_clear(c);
        c->stamp_version = v;
        c->stamp_changes = n;
    }
}

int sq_total_get(struct sqlite_store *s, const char *key, long *total)
{
    struct sq_qcache *c = cache(s);

    if (!c)
        return -1;
    check_stamp(s, c);
    if (c->stamp_version < 0)
        return -1;
    for (unsigned i = 0; i < QC_TOTALS; i++)
        if (c->tot[i].key && strcmp(c->tot[i].key, key) == 0) {
            *total = c->tot[i].total;
            return 0;
        }
    return -1;
}

void sq_total_put(struct sqlite_store *s, const char *key, long total)
{
    struct sq_qcache *c = cache(s);
    char *copy;

    if (!c || c->stamp_version < 0 || !(copy = strdup(key)))
        return;
    free(c->tot[c->next_tot].key);
    c->tot[c->next_tot].key = copy;
    c->tot[c->next_tot].total = total;
    c->next_tot = (c->next_tot + 1) % QC_TOTALS;
}

void sq_qcache_free(struct sqlite_store *s)
{
    struct sq_qcache *c = s->qcache;

    if (!c)
        return;
    for (unsigned i = 0; i < QC_STMTS; i++) {
        sqlite3_finalize(c->stmt[i].st);
        free(c->stmt[i].sql);
    }
    sqlite3_finalize(c->version);
    totals_clear(c);
    free(c);
    s->qcache = NULL;
}
