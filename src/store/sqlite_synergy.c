/*
 * sqlite_synergy.c - SQLite side of store_synergy.h. Writes run in their own
 * transaction (the synergy and its history together), or join the caller's.
 */
#include "store/sqlite_int.h"
#include "store/store_synergy.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static struct sqlite_store *sqs(struct store *s)
{
    return (struct sqlite_store *)s; /* the only back-end (store.c) */
}

static void now_iso(char *out, size_t n)
{
    time_t t = time(NULL);
    struct tm tm;

    gmtime_r(&t, &tm);
    strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int run(struct sqlite_store *s, const char *sql, const char *const *text, int ntext, long id,
               struct err *e)
{
    sqlite3_stmt *q = NULL;
    int st;

    if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) != SQLITE_OK)
        return sq_fail(s, e, "saving a synergy");
    for (int i = 0; i < ntext; i++)
        sqlite3_bind_text(q, i + 1, text[i], -1, SQLITE_STATIC);
    if (id >= 0)
        sqlite3_bind_int64(q, ntext + 1, id);
    st = sqlite3_step(q);
    sqlite3_finalize(q);
    return st == SQLITE_DONE || st == SQLITE_ROW ? 0 : sq_fail(s, e, "saving a synergy");
}

static int find(struct sqlite_store *s, const char *sql, const char *text, long id, long *out,
                char *str, size_t n, struct err *e)
{
    sqlite3_stmt *q = NULL;
    int st;

    if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) != SQLITE_OK)
        return sq_fail(s, e, "reading a synergy");
    if (text)
        sqlite3_bind_text(q, 1, text, -1, SQLITE_STATIC);
    else
        sqlite3_bind_int64(q, 1, id);
    st = sqlite3_step(q);
    if (st == SQLITE_ROW) {
        if (out)
            *out = (long)sqlite3_column_int64(q, 0);
        if (str)
            sq_col_text(q, 1, str, n);
    }
    sqlite3_finalize(q);
    if (st == SQLITE_ROW)
        return 0;
    return st == SQLITE_DONE ? SY_ENOTFOUND : sq_fail(s, e, "reading a synergy");
}

/* Opens a transaction unless the caller holds one; *own says which. */
static int tx_begin(struct store *st, int *own, struct err *e)
{
    *own = sqlite3_get_autocommit(sqs(st)->db) != 0;
    return *own ? store_begin(st, e) : 0;
}

static int tx_end(struct store *st, int own, struct err *e, int rc)
{
    return own ? store_end(st, rc, e) : rc;
}

int store_synergy_from_candidate(struct store *st, const char *key, long *id, int *created,
                                 struct err *e)
{
    return store_synergy_from_candidate_at(st, key, NULL, id, created, e);
}

int store_synergy_from_candidate_at(struct store *st, const char *key, const char *at, long *id,
                                    int *created, struct err *e)
{
    struct sqlite_store *s = sqs(st);
    char now[32];
    const char *t[2];
    int rc;

    int own;

    *created = 0;
    if (at && *at)
        snprintf(now, sizeof now, "%s", at);
    else
        now_iso(now, sizeof now);
    if ((rc = tx_begin(st, &own, e)))
        return rc;
    rc = find(s, "SELECT id FROM synergy WHERE candidate_key = ?1", key, 0, id, NULL, 0, e);
    if (rc != SY_ENOTFOUND)
        return tx_end(st, own, e, rc);
    t[0] = key;
    t[1] = now;
    rc = run(s,
             "INSERT INTO synergy (territory, candidate_key, kind, supplier_id, receiver_id, "
             "resource_code, quantity, unit, stage, reason, created, updated) SELECT territory, "
             "key, kind, supplier_id, receiver_id, resource_code, quantity, unit, 'idea', '', ?2, "
             "?2 FROM candidate WHERE key = ?1 AND active = 1 LIMIT 1",
             t, 2, -1, e);
    if (!rc && sqlite3_changes(s->db) == 0)
        rc = err_set(e, SY_ENOTFOUND, "no candidate with key '%s'", key);
    if (!rc) {
        *id = (long)sqlite3_last_insert_rowid(s->db);
        *created = 1;
        t[0] = now;
        rc = run(s,
                 "INSERT INTO synergy_history (synergy_id, at, stage, reason) VALUES (?2, ?1, "
                 "'idea', 'accepted candidate')",
                 t, 1, *id, e);
    }
    return tx_end(st, own, e, rc);
}

int store_synergy_stage(struct store *st, long id, enum synergy_stage *stage, struct err *e)
{
    char name[32];
    int rc = find(sqs(st), "SELECT id, stage FROM synergy WHERE id = ?1", NULL, id, NULL, name,
                  sizeof name, e);

    if (rc == SY_ENOTFOUND)
        return err_set(e, rc, "no synergy %ld", id);
    if (!rc && synergy_stage_parse(name, stage))
        return err_set(e, SY_ESTORE, "synergy %ld has an unknown stage '%s'", id, name);
    return rc;
}

int store_synergy_move(struct store *st, long id, enum synergy_stage stage, const char *reason,
                       struct err *e)
{
    return store_synergy_move_at(st, id, stage, reason, NULL, e);
}

int store_synergy_move_at(struct store *st, long id, enum synergy_stage stage, const char *reason,
                          const char *at, struct err *e)
{
    struct sqlite_store *s = sqs(st);
    const char *t[3];
    char now[32];
    int rc, own;

    now_iso(now, sizeof now);
    t[0] = synergy_stage_name(stage);
    t[1] = reason ? reason : "";
    t[2] = at && *at ? at : now;
    if ((rc = tx_begin(st, &own, e)))
        return rc;
    rc = run(s, "UPDATE synergy SET stage = ?1, reason = ?2, updated = ?3 WHERE id = ?4", t, 3, id,
             e);
    if (!rc && sqlite3_changes(s->db) == 0)
        rc = err_set(e, SY_ENOTFOUND, "no synergy %ld", id);
    if (!rc)
        rc = run(s,
                 "INSERT INTO synergy_history (synergy_id, at, stage, reason) VALUES (?4, ?3, ?1, "
                 "?2)",
                 t, 3, id, e);
    return tx_end(st, own, e, rc);
}

int store_synergy_of_candidate(struct store *st, const char *key, long *id,
                               enum synergy_stage *stage, struct err *e)
{
    char name[32];
    int rc = find(sqs(st), "SELECT id, stage FROM synergy WHERE candidate_key = ?1", key, 0, id,
                  name, sizeof name, e);

    if (rc == SY_ENOTFOUND) {
        *id = 0;
        return 0;
    }
    if (!rc && synergy_stage_parse(name, stage))
        return err_set(e, SY_ESTORE, "synergy %ld has an unknown stage '%s'", *id, name);
    return rc;
}

int store_synergy_delete(struct store *st, long id, struct err *e)
{
    struct sqlite_store *s = sqs(st);
    int rc, own;

    if ((rc = tx_begin(st, &own, e)))
        return rc;
    rc = run(s, "DELETE FROM synergy_history WHERE synergy_id = ?1", NULL, 0, id, e);
    if (!rc)
        rc = run(s, "DELETE FROM synergy WHERE id = ?1", NULL, 0, id, e);
    if (!rc && sqlite3_changes(s->db) == 0)
        rc = err_set(e, SY_ENOTFOUND, "no synergy %ld", id);
    return tx_end(st, own, e, rc);
}

int store_synergy_last_move(struct store *st, long id, char *at, size_t n, struct err *e)
{
    long got;
    int rc = find(sqs(st),
                  "SELECT synergy_id, max(at) FROM synergy_history WHERE synergy_id = ?1 "
                  "GROUP BY synergy_id",
                  NULL, id, &got, at, n, e);

    if (rc == SY_ENOTFOUND)
        return err_set(e, rc, "no synergy %ld", id);
    return rc;
}

int store_synergy_history(struct store *st, long id, store_row_cb cb, void *ctx, struct err *e)
{
    struct sqlite_store *s = sqs(st);
    sqlite3_stmt *q = NULL;
    int rc = 0, sr;

    if (sqlite3_prepare_v2(s->db,
                           "SELECT at, stage, reason FROM synergy_history WHERE synergy_id = ?1 "
                           "ORDER BY rowid",
                           -1, &q, NULL) != SQLITE_OK)
        return sq_fail(s, e, "reading a synergy's history");
    sqlite3_bind_int64(q, 1, id);
    while ((sr = sqlite3_step(q)) == SQLITE_ROW) {
        static const char *const names[] = {"at", "stage", "reason"};
        struct store_cell c[3];
        for (int i = 0; i < 3; i++) {
            const char *v = (const char *)sqlite3_column_text(q, i);
            memset(&c[i], 0, sizeof c[i]);
            c[i].type = v ? CELL_TEXT : CELL_NULL;
            c[i].s = v ? v : "";
        }
        if ((rc = cb(ctx, 3, names, c)) != 0)
            break;
    }
    if (!rc && sr != SQLITE_DONE)
        rc = sq_fail(s, e, "reading a synergy's history");
    sqlite3_finalize(q);
    return rc;
}
