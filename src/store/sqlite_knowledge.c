/*
 * sqlite_knowledge.c - a territory's local knowledge rows and its technical
 * rejections, in SQLite. See store_knowledge.h.
 */
#include "store/sqlite_int.h"
#include "store/store_knowledge.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define S(st) ((struct sqlite_store *)(st))

static const char *const kind_names[] = {"route", "profile", "factor"};

const char *local_kind_name(enum local_kind k)
{
    return (unsigned)k < 3 ? kind_names[k] : "?";
}

int local_kind_parse(const char *s, enum local_kind *k)
{
    for (int i = 0; i < 3; i++)
        if (strcmp(s, kind_names[i]) == 0) {
            *k = (enum local_kind)i;
            return 0;
        }
    return SY_EINPUT;
}

/* Prepares sql on the store's connection; NULL with e set. */
static sqlite3_stmt *prep(struct sqlite_store *s, const char *sql, struct err *e)
{
    sqlite3_stmt *q = NULL;

    if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) != SQLITE_OK) {
        sq_fail(s, e, "preparing a local-knowledge statement");
        sqlite3_finalize(q);
        return NULL;
    }
    return q;
}

int store_local_put(struct store *st, const struct local_row *r, struct err *e)
{
    struct sqlite_store *s = S(st);
    sqlite3_stmt *q;
    char now[32];
    time_t t = time(NULL);
    struct tm tm;
    int rc;

    if ((rc = store_territory_get(st, r->territory, &(struct territory){0}, e)))
        return rc;
    gmtime_r(&t, &tm);
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
    q = prep(s,
             "INSERT INTO local_knowledge (territory, kind, key, row, updated) "
             "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (territory, kind, key) "
             "DO UPDATE SET row = ?4, updated = ?5",
             e);
    if (!q)
        return SY_ESTORE;
    sq_bind_text(q, 1, r->territory, 0);
    sq_bind_text(q, 2, local_kind_name(r->kind), 0);
    sq_bind_text(q, 3, r->key, 0);
    sq_bind_text(q, 4, r->row, 0);
    sq_bind_text(q, 5, now, 0);
    rc = sq_exec_stmt(s, q, e, "saving a local knowledge row");
    sqlite3_finalize(q);
    return rc;
}

/* Prepares sql with ?1 territory, ?2 kind, ?3 key bound; NULL with e set. */
static sqlite3_stmt *prep_key(struct sqlite_store *s, const char *sql, const char *territory,
                              enum local_kind kind, const char *key, struct err *e)
{
    sqlite3_stmt *q = prep(s, sql, e);

    if (q) {
        sq_bind_text(q, 1, territory, 0);
        sq_bind_text(q, 2, local_kind_name(kind), 0);
        sq_bind_text(q, 3, key, 0);
    }
    return q;
}

int store_local_delete(struct store *st, const char *territory, enum local_kind kind,
                       const char *key, struct err *e)
{
    struct sqlite_store *s = S(st);
    sqlite3_stmt *q =
        prep_key(s, "DELETE FROM local_knowledge WHERE territory = ?1 AND kind = ?2 AND key = ?3",
                 territory, kind, key, e);
    int rc;

    if (!q)
        return SY_ESTORE;
    rc = sq_exec_stmt(s, q, e, "deleting a local knowledge row");
    if (!rc && sqlite3_changes(s->db) == 0)
        rc = err_set(e, SY_ENOTFOUND,
                     "no local %s '%s' in territory '%s'; see 'symbiose knowledge list'",
                     local_kind_name(kind), key, territory);
    sqlite3_finalize(q);
    return rc;
}

int store_local_exists(struct store *st, const char *territory, enum local_kind kind,
                       const char *key, struct err *e)
{
    struct sqlite_store *s = S(st);
    sqlite3_stmt *q =
        prep_key(s, "SELECT 1 FROM local_knowledge WHERE territory = ?1 AND kind = ?2 AND key = ?3",
                 territory, kind, key, e);
    int rc;

    if (!q)
        return SY_ESTORE;
    rc = sqlite3_step(q);
    rc = rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : sq_fail(s, e, "reading local knowledge");
    sqlite3_finalize(q);
    return rc;
}

int store_local_list(struct store *st, const char *territory, int kind, store_local_cb cb,
                     void *ctx, struct err *e)
{
    struct sqlite_store *s = S(st);
    sqlite3_stmt *q = prep(s,
                           "SELECT territory, kind, key, row, updated FROM local_knowledge "
                           "WHERE territory = ?1 AND (?2 IS NULL OR kind = ?2) "
                           "ORDER BY CASE kind WHEN 'route' THEN 0 WHEN 'profile' THEN 1 "
                           "ELSE 2 END, key",
                           e);
    struct local_row r;
    char kname[16];
    int rc, crc = 0;

    if (!q)
        return SY_ESTORE;
    sq_bind_text(q, 1, territory, 0);
    if (kind >= 0)
        sq_bind_text(q, 2, local_kind_name((enum local_kind)kind), 0);
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        memset(&r, 0, sizeof r);
        sq_col_text(q, 0, r.territory, sizeof r.territory);
        sq_col_text(q, 1, kname, sizeof kname);
        local_kind_parse(kname, &r.kind);
        sq_col_text(q, 2, r.key, sizeof r.key);
        sq_col_text(q, 3, r.row, sizeof r.row);
        sq_col_text(q, 4, r.updated, sizeof r.updated);
        if ((crc = cb(ctx, &r)))
            break;
    }
    if (!crc && rc != SQLITE_DONE)
        crc = sq_fail(s, e, "listing local knowledge");
    sqlite3_finalize(q);
    return crc;
}

int store_technical_rejections(struct store *st, const char *territory, store_reject_cb cb,
                               void *ctx, struct err *e)
{
    struct sqlite_store *s = S(st);
    sqlite3_stmt *q = prep(s,
                           "SELECT rule, COUNT(*) FROM candidate WHERE territory = ?1 AND "
                           "status = 'rejected' AND rule IS NOT NULL AND "
                           "(lower(reason) GLOB 'technical[: ]*' OR lower(reason) = 'technical' "
                           "OR lower(reason) GLOB 'technique[: ]*' OR lower(reason) = 'technique') "
                           "GROUP BY rule ORDER BY rule",
                           e);
    char rule[SY_ID_MAX];
    int rc, crc = 0;

    if (!q)
        return SY_ESTORE;
    sq_bind_text(q, 1, territory ? territory : "", 0);
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        sq_col_text(q, 0, rule, sizeof rule);
        if ((crc = cb(ctx, rule, sqlite3_column_int(q, 1))))
            break;
    }
    if (!crc && rc != SQLITE_DONE)
        crc = sq_fail(s, e, "counting technical rejections");
    sqlite3_finalize(q);
    return crc;
}
