/*
 * sqlite_edit.c - record-at-a-time edits and read-backs in SQLite
 * (store_edit.h): deletions, dependants, one flow, contacts, stored plans.
 *
 * These run once per command or HTTP request, not per imported row, so each
 * statement is prepared, run and finalised on the spot.
 */
#include "store/sqlite_int.h"
#include "util/i18n.h"
#include "store/store_edit.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

/* The SQLite store behind s, or NULL (with e set) for another back-end. */
static struct sqlite_store *sq_of(struct store *s, struct err *e)
{
    if (strcmp(s->ops->name, "sqlite") != 0) {
        err_setf(e, SY_ESTORE, "editing records is not available on the %s back-end", s->ops->name);
        return NULL;
    }
    return (struct sqlite_store *)s;
}

static sqlite3_stmt *prep(struct sqlite_store *s, const char *sql, struct err *e)
{
    sqlite3_stmt *q = NULL;

    if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) != SQLITE_OK) {
        sq_fail(s, e, "preparing a statement");
        sqlite3_finalize(q);
        return NULL;
    }
    return q;
}

/* Runs q (bound to key) to completion; SY_ENOTFOUND when no row changed. */
static int run_change(struct sqlite_store *s, sqlite3_stmt *q, struct err *e, const char *what,
                      const char *missing)
{
    int rc = sqlite3_step(q);

    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return sq_fail(s, e, what);
    if (missing && sqlite3_changes(s->db) == 0)
        return err_set(e, SY_ENOTFOUND, "%s", missing);
    return SY_OK;
}

/* Runs a query returning one row of integer counts into out[0..n). */
static int run_counts(struct sqlite_store *s, sqlite3_stmt *q, long *out, int n, struct err *e)
{
    int rc = sqlite3_step(q);

    for (int i = 0; rc == SQLITE_ROW && i < n; i++)
        out[i] = (long)sqlite3_column_int64(q, i);
    sqlite3_finalize(q);
    return rc == SQLITE_ROW ? SY_OK : sq_fail(s, e, "counting dependent records");
}

int store_territory_deps(struct store *st, const char *code, struct store_deps *out, struct err *e)
{
    struct sqlite_store *s = sq_of(st, e);
    sqlite3_stmt *q;
    long v[3] = {0, 0, 0};
    int rc;

    if (!s || !(q = prep(s,
                         "SELECT (SELECT count(*) FROM actor WHERE territory = ?1), "
                         "(SELECT count(*) FROM flow f JOIN actor a ON a.id = f.actor_id "
                         "WHERE a.territory = ?1), "
                         "(SELECT count(*) FROM contact c JOIN actor a ON a.id = c.actor_id "
                         "WHERE a.territory = ?1)",
                         e)))
        return SY_ESTORE;
    sq_bind_text(q, 1, code, 0);
    rc = run_counts(s, q, v, 3, e);
    out->actors = v[0];
    out->flows = v[1];
    out->contacts = v[2];
    return rc;
}

int store_actor_deps(struct store *st, const char *id, struct store_deps *out, struct err *e)
{
    struct sqlite_store *s = sq_of(st, e);
    sqlite3_stmt *q;
    long v[2] = {0, 0};
    int rc;

    if (!s || !(q = prep(s,
                         "SELECT (SELECT count(*) FROM flow WHERE actor_id = ?1), "
                         "(SELECT count(*) FROM contact WHERE actor_id = ?1)",
                         e)))
        return SY_ESTORE;
    sq_bind_text(q, 1, id, 0);
    rc = run_counts(s, q, v, 2, e);
    out->actors = 0;
    out->flows = v[0];
    out->contacts = v[1];
    return rc;
}

/* Deletes with one statement bound to key. */
static int delete_by(struct store *st, const char *sql, const char *key, const char *what,
                     const char *missing, struct err *e)
{
    struct sqlite_store *s = sq_of(st, e);
    sqlite3_stmt *q;

    if (!s || !(q = prep(s, sql, e)))
        return SY_ESTORE;
    sq_bind_text(q, 1, key, 0);
    return run_change(s, q, e, what, missing);
}

int store_territory_delete(struct store *s, const char *code, struct err *e)
{
    char missing[SY_ID_MAX + 64];
    int rc;

    snprintf(missing, sizeof missing, "no territory '%s'", code);
    rc = delete_by(s,
                   "DELETE FROM flow WHERE actor_id IN (SELECT id FROM actor WHERE territory = ?1)",
                   code, "deleting flows", NULL, e);
    if (!rc)
        rc = delete_by(
            s, "DELETE FROM contact WHERE actor_id IN (SELECT id FROM actor WHERE territory = ?1)",
            code, "deleting contacts", NULL, e);
    if (!rc)
        rc = delete_by(s, "DELETE FROM actor WHERE territory = ?1", code, "deleting actors", NULL,
                       e);
    if (!rc)
        rc = delete_by(s, "DELETE FROM territory WHERE code = ?1", code, "deleting a territory",
                       missing, e);
    return rc;
}

int store_actor_delete(struct store *s, const char *id, struct err *e)
{
    char missing[SY_ID_MAX + 64];

    snprintf(missing, sizeof missing, "no actor '%s'", id);
    /* explicit, in case foreign keys are off in this connection */
    int rc = delete_by(s, "DELETE FROM flow WHERE actor_id = ?1", id, "deleting flows", NULL, e);

    if (!rc)
        rc = delete_by(s, "DELETE FROM contact WHERE actor_id = ?1", id, "deleting contacts", NULL,
                       e);
    if (!rc)
        rc = delete_by(s, "DELETE FROM actor WHERE id = ?1", id, "deleting an actor", missing, e);
    return rc;
}

int store_flow_delete(struct store *s, const char *id, struct err *e)
{
    char missing[SY_ID_MAX + 64];

    snprintf(missing, sizeof missing, "no flow '%s'", id);
    return delete_by(s, "DELETE FROM flow WHERE id = ?1", id, "deleting a flow", missing, e);
}

int store_flow_get(struct store *st, const char *id, struct flow *out, struct err *e)
{
    struct sqlite_store *s = sq_of(st, e);
    sqlite3_stmt *q;
    int rc;

    if (!s || !(q = prep(s, "SELECT " SQ_FLOW_COLS " FROM flow f WHERE f.id = ?1", e)))
        return SY_ESTORE;
    sq_bind_text(q, 1, id, 0);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        sq_flow_from_row(q, out);
    sqlite3_finalize(q);
    if (rc == SQLITE_ROW)
        return SY_OK;
    if (rc == SQLITE_DONE)
        return err_set(e, SY_ENOTFOUND, _("no flow '%s'; see 'symbiose flows list'"), id);
    return sq_fail(s, e, "reading a flow");
}

/* ---- contacts ----------------------------------------------------------- */

#define CONTACT_COLS "id, actor_id, name, role, email, phone"

static long contact_from_row(sqlite3_stmt *q, struct contact *c)
{
    memset(c, 0, sizeof *c);
    sq_col_text(q, 1, c->actor_id, sizeof c->actor_id);
    sq_col_text(q, 2, c->name, sizeof c->name);
    sq_col_text(q, 3, c->role, sizeof c->role);
    sq_col_text(q, 4, c->email, sizeof c->email);
    sq_col_text(q, 5, c->phone, sizeof c->phone);
    return (long)sqlite3_column_int64(q, 0);
}

int store_contact_list(struct store *st, const char *actor_id, store_contact_cb cb, void *ctx,
                       struct err *e)
{
    struct sqlite_store *s = sq_of(st, e);
    sqlite3_stmt *q;
    struct contact c;
    int rc, crc = 0;

    if (!s || !(q = prep(s,
                         "SELECT " CONTACT_COLS " FROM contact WHERE ?1 IS NULL OR actor_id = ?1 "
                         "ORDER BY actor_id, id",
                         e)))
        return SY_ESTORE;
    sq_bind_text(q, 1, actor_id, 1);
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        long id = contact_from_row(q, &c);

        crc = cb(ctx, id, &c);
        if (crc)
            break;
    }
    sqlite3_finalize(q);
    if (crc)
        return crc;
    return rc == SQLITE_DONE ? SY_OK : sq_fail(s, e, "listing contacts");
}

int store_contact_get(struct store *st, long id, struct contact *out, struct err *e)
{
    struct sqlite_store *s = sq_of(st, e);
    sqlite3_stmt *q;
    int rc;

    if (!s || !(q = prep(s, "SELECT " CONTACT_COLS " FROM contact WHERE id = ?1", e)))
        return SY_ESTORE;
    sqlite3_bind_int64(q, 1, id);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        contact_from_row(q, out);
    sqlite3_finalize(q);
    if (rc == SQLITE_ROW)
        return SY_OK;
    if (rc == SQLITE_DONE)
        return err_set(e, SY_ENOTFOUND, "no contact %ld", id);
    return sq_fail(s, e, "reading a contact");
}

static void contact_bind(sqlite3_stmt *q, const struct contact *c)
{
    sq_bind_text(q, 2, c->actor_id, 0);
    sq_bind_text(q, 3, c->name, 0);
    sq_bind_text(q, 4, c->role, 1);
    sq_bind_text(q, 5, c->email, 1);
    sq_bind_text(q, 6, c->phone, 1);
}

/* A contact write: the same actor cannot have two contacts of one name. */
static int contact_write(struct sqlite_store *s, sqlite3_stmt *q, const struct contact *c,
                         struct err *e)
{
    int rc = sqlite3_step(q);

    sqlite3_finalize(q);
    if (rc == SQLITE_DONE)
        return SY_OK;
    if (sqlite3_extended_errcode(s->db) == SQLITE_CONSTRAINT_UNIQUE)
        return err_set(e, SY_EINPUT, "actor '%s' already has a contact named '%s'", c->actor_id,
                       c->name);
    return sq_fail(s, e, "saving a contact");
}

int store_contact_add(struct store *st, const struct contact *c, long *id, struct err *e)
{
    struct sqlite_store *s = sq_of(st, e);
    sqlite3_stmt *q;
    int rc;

    if (!s || !(q = prep(s,
                         "INSERT INTO contact (id, actor_id, name, role, email, phone) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                         e)))
        return SY_ESTORE;
    contact_bind(q, c);
    rc = contact_write(s, q, c, e);
    if (!rc && id)
        *id = (long)sqlite3_last_insert_rowid(s->db);
    return rc;
}

int store_contact_update(struct store *st, long id, const struct contact *c, struct err *e)
{
    struct sqlite_store *s = sq_of(st, e);
    sqlite3_stmt *q;
    int rc;

    if (!s || !(q = prep(s,
                         "UPDATE contact SET actor_id = ?2, name = ?3, role = ?4, email = ?5, "
                         "phone = ?6 WHERE id = ?1",
                         e)))
        return SY_ESTORE;
    sqlite3_bind_int64(q, 1, id);
    contact_bind(q, c);
    rc = contact_write(s, q, c, e);
    if (!rc && sqlite3_changes(s->db) == 0)
        return err_set(e, SY_ENOTFOUND, "no contact %ld", id);
    return rc;
}

int store_contact_delete(struct store *st, long id, struct err *e)
{
    struct sqlite_store *s = sq_of(st, e);
    sqlite3_stmt *q;

    if (!s || !(q = prep(s, "DELETE FROM contact WHERE id = ?1", e)))
        return SY_ESTORE;
    sqlite3_bind_int64(q, 1, id);
    return run_change(s, q, e, "deleting a contact", "no such contact");
}

/* ---- plans -------------------------------------------------------------- */

void sq_plan_from_row(sqlite3_stmt *q, struct plan *p)
{
    memset(p, 0, sizeof *p);
    p->id = (long)sqlite3_column_int64(q, 0);
    sq_col_text(q, 1, p->territory, sizeof p->territory);
    sq_col_text(q, 2, p->objective, sizeof p->objective);
    sq_col_text(q, 3, p->created, sizeof p->created);
    p->tonnes = sqlite3_column_double(q, 4);
    p->co2e_kg = sqlite3_column_double(q, 5);
    p->euros = sqlite3_column_double(q, 6);
    p->untreated_qty = sqlite3_column_double(q, 7);
}

int store_plan_list(struct store *st, const char *territory, store_plan_cb cb, void *ctx,
                    struct err *e)
{
    struct sqlite_store *s = sq_of(st, e);
    sqlite3_stmt *q;
    struct plan p;
    int rc, crc = 0;

    if (!s || !(q = prep(s,
                         "SELECT " SQ_PLAN_COLS " FROM plan WHERE ?1 IS NULL OR territory = ?1 "
                         "ORDER BY id DESC",
                         e)))
        return SY_ESTORE;
    sq_bind_text(q, 1, territory, 1);
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        sq_plan_from_row(q, &p);
        crc = cb(ctx, &p);
        if (crc)
            break;
    }
    sqlite3_finalize(q);
    if (crc)
        return crc;
    return rc == SQLITE_DONE ? SY_OK : sq_fail(s, e, "listing plans");
}

static void line_from_row(sqlite3_stmt *q, struct plan_line *l)
{
    double *num[] = {&l->quantity,  &l->distance_km,   &l->tonnes,      &l->co2e_kg,
                     &l->euros,     &l->gross_co2e_kg, &l->gross_euros, &l->co2e_low,
                     &l->co2e_high, &l->euros_low,     &l->euros_high};
    char unit[16];
    double mult;

    memset(l, 0, sizeof *l);
    sq_col_text(q, 0, l->candidate_key, sizeof l->candidate_key);
    sq_col_text(q, 1, l->supplier_id, sizeof l->supplier_id);
    sq_col_text(q, 2, l->receiver_id, sizeof l->receiver_id);
    sq_col_text(q, 3, l->resource_code, sizeof l->resource_code);
    sq_col_text(q, 4, unit, sizeof unit);
    if (model_unit_parse(unit, &l->unit, &mult))
        l->unit = UNIT_T;
    sq_col_text(q, 5, l->sources, sizeof l->sources);
    sq_col_text(q, 6, l->quality, sizeof l->quality);
    sq_col_text(q, 7, l->status, sizeof l->status);
    sq_col_text(q, 8, l->flags, sizeof l->flags);
    for (int i = 0; i < (int)(sizeof num / sizeof num[0]); i++)
        *num[i] = sqlite3_column_double(q, 9 + i);
}

int sq_plan_lines(struct sqlite_store *s, struct plan *p, struct err *e)
{
    sqlite3_stmt *q = prep(s,
                           "SELECT candidate_key, supplier_id, receiver_id, resource_code, "
                           "unit, sources, quality, status, flags, quantity, distance_km, tonnes, "
                           "co2e_kg, euros, gross_co2e_kg, gross_euros, co2e_low, co2e_high, "
                           "euros_low, euros_high "
                           "FROM plan_line WHERE plan_id = ?1 ORDER BY rowid",
                           e);
    size_t cap = 0;
    int rc = SY_OK, st;

    if (!q)
        return SY_ESTORE;
    sqlite3_bind_int64(q, 1, p->id);
    while ((st = sqlite3_step(q)) == SQLITE_ROW) {
        if (p->n == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            struct plan_line *v = realloc(p->lines, ncap * sizeof *v);

            if (!v) {
                rc = err_set(e, SY_ENOMEM, "out of memory reading plan %ld", p->id);
                break;
            }
            p->lines = v;
            cap = ncap;
        }
        line_from_row(q, &p->lines[p->n++]);
    }
    if (!rc && st != SQLITE_DONE)
        rc = sq_fail(s, e, "reading plan lines");
    sqlite3_finalize(q);
    return rc;
}

int store_plan_get(struct store *st, long id, struct plan *out, struct err *e)
{
    struct sqlite_store *s = sq_of(st, e);
    sqlite3_stmt *q;
    int rc;

    memset(out, 0, sizeof *out);
    if (!s || !(q = prep(s, "SELECT " SQ_PLAN_COLS " FROM plan WHERE id = ?1", e)))
        return SY_ESTORE;
    sqlite3_bind_int64(q, 1, id);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        sq_plan_from_row(q, out);
    sqlite3_finalize(q);
    if (rc == SQLITE_DONE)
        return err_set(e, SY_ENOTFOUND, _("no plan %ld; see 'symbiose plan list'"), id);
    if (rc != SQLITE_ROW)
        return sq_fail(s, e, "reading a plan");
    rc = sq_plan_lines(s, out, e);
    if (rc)
        store_plan_release(out);
    return rc;
}

void store_plan_release(struct plan *p)
{
    free(p->lines);
    p->lines = NULL;
    p->n = 0;
}
