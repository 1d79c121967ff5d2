/*
 * sqlite_cand.c - synergy candidates (with the facilitators' decisions) and
 * allocation plans in SQLite.
 */
#include "store/sqlite_int.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define S(st) ((struct sqlite_store *)(st))
#define CAND_COLS                                                                                  \
    "territory, key, kind, group_id, supplier_id, supplier_name, receiver_id, receiver_name, "     \
    "resource_code, resource_label, distance_km, quantity, unit, score, basis, rule, lat, lon, "   \
    "explanation, fingerprint, status, reason"

/* One statement per candidate: an upsert that keeps the decision when it
 * still holds (accepted; or rejected on the same fingerprint) and returns the
 * status and reason it ended with. */
#define CAND_KEPT                                                                                  \
    "(candidate.status = 'accepted' OR (candidate.status = 'rejected' AND "                        \
    "candidate.decided_fingerprint IS excluded.fingerprint))"

int sq_cand_replace(struct store *st, const char *terr, struct candidate *v, size_t n,
                    struct err *e)
{
    struct sqlite_store *s = S(st);
    sqlite3_stmt *deact, *put;
    char status[16];
    int rc;

    deact =
        sq_stmt(s, SQ_CAND_DEACTIVATE, "UPDATE candidate SET active = 0 WHERE territory = ?1", e);
    put = sq_stmt(
        s, SQ_CAND_PUT,
        "INSERT INTO candidate (" CAND_COLS ", active, first_seen) VALUES (?1, ?2, ?3, ?4, ?5, "
        "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, 'proposed', NULL, "
        "1, date('now')) "
        "ON CONFLICT (territory, key) DO UPDATE SET kind = excluded.kind, "
        "group_id = excluded.group_id, supplier_id = excluded.supplier_id, "
        "supplier_name = excluded.supplier_name, receiver_id = excluded.receiver_id, "
        "receiver_name = excluded.receiver_name, resource_code = excluded.resource_code, "
        "resource_label = excluded.resource_label, distance_km = excluded.distance_km, "
        "quantity = excluded.quantity, unit = excluded.unit, score = excluded.score, "
        "basis = excluded.basis, rule = excluded.rule, lat = excluded.lat, lon = excluded.lon, "
        "explanation = excluded.explanation, fingerprint = excluded.fingerprint, "
        "status = CASE WHEN " CAND_KEPT " THEN candidate.status ELSE 'proposed' END, "
        "reason = CASE WHEN " CAND_KEPT " THEN candidate.reason END, "
        "decided_fingerprint = CASE WHEN " CAND_KEPT " THEN candidate.decided_fingerprint END, "
        "active = 1 RETURNING status, reason",
        e);
    if (!deact || !put)
        return SY_ESTORE;
    sq_bind_text(deact, 1, terr, 0);
    rc = sq_exec_stmt(s, deact, e, "retiring old candidates");
    for (size_t i = 0; !rc && i < n; i++) {
        struct candidate *c = &v[i];
        int step;

        snprintf(c->territory, sizeof c->territory, "%s", terr);
        sq_bind_text(put, 1, terr, 0);
        sq_bind_text(put, 2, c->key, 0);
        sqlite3_bind_text(put, 3, candidate_kind_name(c->kind), -1, SQLITE_STATIC);
        sq_bind_text(put, 4, c->group_id, 1);
        sq_bind_text(put, 5, c->supplier_id, 1);
        sq_bind_text(put, 6, c->supplier_name, 1);
        sq_bind_text(put, 7, c->receiver_id, 1);
        sq_bind_text(put, 8, c->receiver_name, 1);
        sq_bind_text(put, 9, c->resource_code, 1);
        sq_bind_text(put, 10, c->resource_label, 1);
        sqlite3_bind_double(put, 11, c->distance_km);
        sqlite3_bind_double(put, 12, c->quantity);
        sqlite3_bind_text(put, 13, model_unit_name(c->unit), -1, SQLITE_STATIC);
        sqlite3_bind_double(put, 14, c->score);
        sq_bind_text(put, 15, c->basis, 1);
        sq_bind_text(put, 16, c->rule, 1);
        sqlite3_bind_double(put, 17, c->lat);
        sqlite3_bind_double(put, 18, c->lon);
        sq_bind_text(put, 19, c->explanation, 1);
        sq_bind_text(put, 20, c->fingerprint, 1);
        step = sqlite3_step(put);
        if (step == SQLITE_ROW) {
            sq_col_text(put, 0, status, sizeof status);
            candidate_status_parse(status, &c->status);
            sq_col_text(put, 1, c->reason, sizeof c->reason);
            step = sqlite3_step(put);
        }
        sqlite3_reset(put);
        sqlite3_clear_bindings(put);
        if (step != SQLITE_DONE)
            rc = sq_fail(s, e, "saving a candidate");
    }
    return rc;
}

static void cand_from_row(sqlite3_stmt *q, struct candidate *c)
{
    char tmp[32];
    enum canon_unit cu;
    double mult;

    memset(c, 0, sizeof *c);
    sq_col_text(q, 0, c->territory, sizeof c->territory);
    sq_col_text(q, 1, c->key, sizeof c->key);
    sq_col_text(q, 2, tmp, sizeof tmp);
    candidate_kind_parse(tmp, &c->kind);
    sq_col_text(q, 3, c->group_id, sizeof c->group_id);
    sq_col_text(q, 4, c->supplier_id, sizeof c->supplier_id);
    sq_col_text(q, 5, c->supplier_name, sizeof c->supplier_name);
    sq_col_text(q, 6, c->receiver_id, sizeof c->receiver_id);
    sq_col_text(q, 7, c->receiver_name, sizeof c->receiver_name);
    sq_col_text(q, 8, c->resource_code, sizeof c->resource_code);
    sq_col_text(q, 9, c->resource_label, sizeof c->resource_label);
    c->distance_km = sqlite3_column_double(q, 10);
    c->quantity = sqlite3_column_double(q, 11);
    sq_col_text(q, 12, tmp, sizeof tmp);
    if (model_unit_parse(tmp, &cu, &mult) == SY_OK)
        c->unit = cu;
    c->score = sqlite3_column_double(q, 13);
    sq_col_text(q, 14, c->basis, sizeof c->basis);
    sq_col_text(q, 15, c->rule, sizeof c->rule);
    c->lat = sqlite3_column_double(q, 16);
    c->lon = sqlite3_column_double(q, 17);
    sq_col_text(q, 18, c->explanation, sizeof c->explanation);
    sq_col_text(q, 19, c->fingerprint, sizeof c->fingerprint);
    sq_col_text(q, 20, tmp, sizeof tmp);
    candidate_status_parse(tmp, &c->status);
    sq_col_text(q, 21, c->reason, sizeof c->reason);
    if (sqlite3_column_count(q) > 22)
        sq_col_text(q, 22, c->first_seen, sizeof c->first_seen);
}

int sq_cand_list(struct store *st, const struct cand_filter *f, store_cand_cb cb, void *ctx,
                 struct err *e)
{
    struct sqlite_store *s = S(st);
    sqlite3_stmt *q = sq_stmt(s, SQ_CAND_LIST,
                              "SELECT " CAND_COLS ", first_seen FROM candidate WHERE active = 1 "
                              "AND (?1 IS NULL OR territory = ?1) AND (?2 < 0 OR kind = ?3) "
                              "AND (?4 OR status <> 'rejected') "
                              "AND (?5 IS NULL OR first_seen IS NULL OR first_seen <= ?5) "
                              "ORDER BY supplier_id, score DESC, key",
                              e);
    struct candidate *c;
    int rc, crc = 0;

    if (!q)
        return SY_ESTORE;
    sq_bind_text(q, 1, f ? f->territory : NULL, 0);
    sqlite3_bind_int(q, 2, f ? f->kind : -1);
    if (f && f->kind >= 0)
        sqlite3_bind_text(q, 3, candidate_kind_name((enum cand_kind)f->kind), -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 4, f ? f->include_rejected : 1);
    sq_bind_text(q, 5, f ? f->seen_by : NULL, 0);
    c = malloc(sizeof *c);
    if (!c) {
        sqlite3_reset(q);
        return err_set(e, SY_ENOMEM, "out of memory listing candidates");
    }
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        cand_from_row(q, c);
        crc = cb(ctx, c);
        if (crc)
            break;
    }
    free(c);
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    if (crc)
        return crc;
    return rc == SQLITE_DONE ? SY_OK : sq_fail(s, e, "listing candidates");
}

int sq_cand_decide(struct store *st, const char *key, enum cand_status status, const char *reason,
                   struct err *e)
{
    struct sqlite_store *s = S(st);
    sqlite3_stmt *q = sq_stmt(s, SQ_CAND_DECIDE,
                              "UPDATE candidate SET status = ?2, reason = ?3, "
                              "decided_fingerprint = fingerprint WHERE key = ?1",
                              e);
    int rc;

    if (!q)
        return SY_ESTORE;
    sq_bind_text(q, 1, key, 0);
    sqlite3_bind_text(q, 2, candidate_status_name(status), -1, SQLITE_STATIC);
    sq_bind_text(q, 3, reason, 1);
    rc = sq_exec_stmt(s, q, e, "recording a decision");
    if (!rc && sqlite3_changes(s->db) == 0)
        return err_set(e, SY_ENOTFOUND, "no candidate with key '%s'; see 'symbiose match'", key);
    return rc;
}

int sq_plan_put(struct store *st, struct plan *p, struct err *e)
{
    struct sqlite_store *s = S(st);
    sqlite3_stmt *q, *l;
    time_t now = time(NULL);
    struct tm tm;
    int rc;

    q = sq_stmt(s, SQ_PLAN_PUT,
                "INSERT INTO plan (territory, objective, created, tonnes, co2e_kg, euros, "
                "untreated_qty) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                e);
    l = sq_stmt(s, SQ_PLAN_LINE_PUT,
                "INSERT INTO plan_line (plan_id, candidate_key, supplier_id, receiver_id, "
                "resource_code, quantity, unit, distance_km, tonnes, co2e_kg, euros, sources, "
                "quality, gross_co2e_kg, gross_euros, co2e_low, co2e_high, euros_low, euros_high, "
                "status, flags) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
                "?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
                e);
    if (!q || !l)
        return SY_ESTORE;
    if (!p->created[0]) {
        gmtime_r(&now, &tm);
        strftime(p->created, sizeof p->created, "%Y-%m-%dT%H:%M:%SZ", &tm);
    }
    sq_bind_text(q, 1, p->territory, 0);
    sq_bind_text(q, 2, p->objective, 0);
    sq_bind_text(q, 3, p->created, 0);
    sqlite3_bind_double(q, 4, p->tonnes);
    sqlite3_bind_double(q, 5, p->co2e_kg);
    sqlite3_bind_double(q, 6, p->euros);
    sqlite3_bind_double(q, 7, p->untreated_qty);
    rc = sq_exec_stmt(s, q, e, "saving a plan");
    if (rc)
        return rc;
    p->id = (long)sqlite3_last_insert_rowid(s->db);
    for (size_t i = 0; !rc && i < p->n; i++) {
        const struct plan_line *pl = &p->lines[i];

        sqlite3_bind_int64(l, 1, p->id);
        sq_bind_text(l, 2, pl->candidate_key, 1);
        sq_bind_text(l, 3, pl->supplier_id, 0);
        sq_bind_text(l, 4, pl->receiver_id, 1);
        sq_bind_text(l, 5, pl->resource_code, 1);
        sqlite3_bind_double(l, 6, pl->quantity);
        sqlite3_bind_text(l, 7, model_unit_name(pl->unit), -1, SQLITE_STATIC);
        sqlite3_bind_double(l, 8, pl->distance_km);
        sqlite3_bind_double(l, 9, pl->tonnes);
        sqlite3_bind_double(l, 10, pl->co2e_kg);
        sqlite3_bind_double(l, 11, pl->euros);
        sq_bind_text(l, 12, pl->sources, 1);
        sq_bind_text(l, 13, pl->quality, 1);
        sqlite3_bind_double(l, 14, pl->gross_co2e_kg);
        sqlite3_bind_double(l, 15, pl->gross_euros);
        sqlite3_bind_double(l, 16, pl->co2e_low);
        sqlite3_bind_double(l, 17, pl->co2e_high);
        sqlite3_bind_double(l, 18, pl->euros_low);
        sqlite3_bind_double(l, 19, pl->euros_high);
        sq_bind_text(l, 20, pl->status, 1);
        sq_bind_text(l, 21, pl->flags, 1);
        rc = sq_exec_stmt(s, l, e, "saving a plan line");
    }
    return rc;
}
