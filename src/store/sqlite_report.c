/*
 * sqlite_report.c - SQLite side of store_report.h: the latest plan of a
 * territory and the ELIPSE values. Reports run rarely, so statements are
 * prepared per call rather than cached in the store's slots.
 */
#include "store/sqlite_int.h"
#include "store/store_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static struct sqlite_store *sqr(struct store *s)
{
    return (struct sqlite_store *)s; /* the only back-end (store.c) */
}

static sqlite3_stmt *prep(struct sqlite_store *s, const char *sql, struct err *e)
{
    sqlite3_stmt *q = NULL;

    if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) != SQLITE_OK) {
        sq_fail(s, e, "preparing a report query");
        return NULL;
    }
    return q;
}

int store_plan_latest(struct store *st, const char *territory, int year, struct plan *out,
                      struct err *e)
{
    struct sqlite_store *s = sqr(st);
    sqlite3_stmt *q = prep(s,
                           "SELECT " SQ_PLAN_COLS " FROM plan WHERE territory = ?1 "
                           "AND (?2 IS NULL OR created < ?2) ORDER BY created DESC, id DESC "
                           "LIMIT 1",
                           e);
    char end[32];
    int rc = SY_OK, stp;

    memset(out, 0, sizeof *out);
    if (!q)
        return SY_ESTORE;
    sq_bind_text(q, 1, territory ? territory : "", 0);
    if (year > 0) {
        snprintf(end, sizeof end, "%04d-01-01", year + 1);
        sqlite3_bind_text(q, 2, end, -1, SQLITE_TRANSIENT);
    }
    stp = sqlite3_step(q);
    if (stp == SQLITE_ROW) {
        sq_plan_from_row(q, out);
    } else if (stp == SQLITE_DONE) {
        rc = err_set(e, SY_ENOTFOUND, "no plan stored for territory '%s'%s; run 'symbiose plan'",
                     territory ? territory : "", year > 0 ? " up to that year" : "");
    } else {
        rc = sq_fail(s, e, "reading the latest plan");
    }
    sqlite3_finalize(q);
    if (!rc)
        rc = sq_plan_lines(s, out, e);
    if (rc) {
        free(out->lines);
        out->lines = NULL;
        out->n = 0;
    }
    return rc;
}

int store_elipse_put(struct store *st, const struct elipse_value *v, struct err *e)
{
    struct sqlite_store *s = sqr(st);
    sqlite3_stmt *q;
    char at[32];
    int rc;

    q = prep(s, "SELECT 1 FROM territory WHERE code = ?1", e);
    if (!q)
        return SY_ESTORE;
    sq_bind_text(q, 1, v->territory, 0);
    rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc == SQLITE_DONE)
        return err_set(e, SY_ENOTFOUND, "no territory '%s'; 'symbiose territory list' shows them",
                       v->territory);
    if (rc != SQLITE_ROW)
        return sq_fail(s, e, "looking up a territory");
    snprintf(at, sizeof at, "%s", v->at);
    if (!at[0]) {
        time_t now = time(NULL);
        struct tm tm;

        gmtime_r(&now, &tm);
        strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
    }
    q = prep(s,
             "INSERT OR REPLACE INTO elipse_value (territory, year, indicator, value, by, at, "
             "note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
             e);
    if (!q)
        return SY_ESTORE;
    sq_bind_text(q, 1, v->territory, 0);
    sqlite3_bind_int(q, 2, v->year);
    sq_bind_text(q, 3, v->indicator, 0);
    sqlite3_bind_double(q, 4, v->value);
    sq_bind_text(q, 5, v->by, 1);
    sq_bind_text(q, 6, at, 0);
    sq_bind_text(q, 7, v->note, 1);
    rc = sqlite3_step(q) == SQLITE_DONE ? SY_OK : sq_fail(s, e, "saving an ELIPSE value");
    sqlite3_finalize(q);
    return rc;
}

int store_elipse_list(struct store *st, const char *territory, int year, store_elipse_cb cb,
                      void *ctx, struct err *e)
{
    struct sqlite_store *s = sqr(st);
    sqlite3_stmt *q = prep(s,
                           "SELECT territory, year, indicator, value, by, at, note FROM "
                           "elipse_value WHERE territory = ?1 AND (?2 = 0 OR year = ?2) "
                           "ORDER BY year, indicator",
                           e);
    int rc = SY_OK, stp;

    if (!q)
        return SY_ESTORE;
    sq_bind_text(q, 1, territory, 0);
    sqlite3_bind_int(q, 2, year);
    while ((stp = sqlite3_step(q)) == SQLITE_ROW) {
        struct elipse_value v;

        memset(&v, 0, sizeof v);
        sq_col_text(q, 0, v.territory, sizeof v.territory);
        v.year = sqlite3_column_int(q, 1);
        sq_col_text(q, 2, v.indicator, sizeof v.indicator);
        v.value = sqlite3_column_double(q, 3);
        sq_col_text(q, 4, v.by, sizeof v.by);
        sq_col_text(q, 5, v.at, sizeof v.at);
        sq_col_text(q, 6, v.note, sizeof v.note);
        rc = cb(ctx, &v);
        if (rc)
            break;
    }
    if (!rc && stp != SQLITE_DONE && stp != SQLITE_ROW)
        rc = sq_fail(s, e, "listing ELIPSE values");
    sqlite3_finalize(q);
    return rc;
}

int store_synergy_stages(struct store *st, const char *territory, int year, long counts[5],
                         int *available, struct err *e)
{
    static const char *const names[] = {"idea", "study", "implementation", "running", "abandoned"};
    struct sqlite_store *s = sqr(st);
    sqlite3_stmt *q = NULL;
    char end[32];
    int rc = SY_OK, stp;

    memset(counts, 0, 5 * sizeof *counts);
    *available = 0;
    /* the synergy tables come with step 4's migration: absent before it */
    if (sqlite3_prepare_v2(s->db,
                           "SELECT h.stage, count(*) FROM synergy y JOIN synergy_history h "
                           "ON h.synergy_id = y.id WHERE y.territory = ?1 AND h.rowid = "
                           "(SELECT h2.rowid FROM synergy_history h2 WHERE h2.synergy_id = y.id "
                           "AND h2.at < ?2 ORDER BY h2.at DESC, h2.rowid DESC LIMIT 1) "
                           "GROUP BY h.stage",
                           -1, &q, NULL) != SQLITE_OK) {
        sqlite3_finalize(q);
        return SY_OK;
    }
    *available = 1;
    snprintf(end, sizeof end, "%04d-01-01", year + 1);
    sq_bind_text(q, 1, territory, 0);
    sqlite3_bind_text(q, 2, end, -1, SQLITE_TRANSIENT);
    while ((stp = sqlite3_step(q)) == SQLITE_ROW) {
        const char *stage = (const char *)sqlite3_column_text(q, 0);

        for (int i = 0; stage && i < 5; i++)
            if (strcmp(stage, names[i]) == 0)
                counts[i] = (long)sqlite3_column_int64(q, 1);
    }
    if (stp != SQLITE_DONE)
        rc = sq_fail(s, e, "counting synergies by stage");
    sqlite3_finalize(q);
    return rc;
}
