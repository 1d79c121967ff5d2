/*
 * sqlite_int.h - the SQLite back-end's private state, shared by its files.
 *
 * Statements are prepared once, on first use, and cached by slot; every
 * value goes through sqlite3_bind_*: there is no SQL built from data.
 */
#ifndef SY_SQLITE_INT_H
#define SY_SQLITE_INT_H

#include <sqlite3.h>

#include "store/store_int.h"

enum sq_stmt {
    SQ_TERR_PUT,
    SQ_TERR_GET,
    SQ_TERR_LIST,
    SQ_ACTOR_PUT,
    SQ_ACTOR_GET,
    SQ_ACTOR_LIST,
    SQ_ACTOR_LIST_TERR,
    SQ_CONTACT_PUT,
    SQ_FLOW_PUT,
    SQ_FLOW_UPDATE,
    SQ_FLOW_LIST,
    SQ_FLOW_LIST_ACTOR,
    SQ_FLOW_LIST_TERR,
    SQ_NOMEN_PUT,
    SQ_NOMEN_GET,
    SQ_NOMEN_LIST,
    SQ_NOMEN_SEARCH,
    SQ_NOMEN_COUNT,
    SQ_CAND_DEACTIVATE,
    SQ_CAND_PUT,
    SQ_CAND_LIST,
    SQ_CAND_DECIDE,
    SQ_PLAN_PUT,
    SQ_PLAN_LINE_PUT,
    SQ_NET_FIRST, /* the slots of sqlite_network.c and sqlite_events.c */
    SQ_NET_LAST = SQ_NET_FIRST + 63,
    SQ_COUNT
};

struct sqlite_store {
    struct store base;
    sqlite3 *db;
    sqlite3_stmt *stmt[SQ_COUNT];
    char path[4096];
    int bulk;                 /* foreign keys are off until the transaction ends */
    struct sq_qcache *qcache; /* the lists' statements and totals (sqlite_qcache.c) */
};

/* Opens the connection for a mode (sqlite_open.c): read-only for STORE_READ,
 * falling back to an immutable open when the folder lets no -shm be made. */
int sq_connect(struct sqlite_store *s, const char *path, enum store_mode mode, struct err *e);
/* Checks that the open file is a symbiose database this program can use in
 * mode; *version is its schema version. SY_ESTORE with a message otherwise. */
int sq_check_schema(struct sqlite_store *s, enum store_mode mode, int *version, struct err *e);

/* The schema, one string per migration; migration i brings user_version to i+1. */
extern const char *const sq_migrations[];
extern const int sq_nmigrations;

/* Returns the cached statement for slot, preparing sql on first use; NULL with e set. */
sqlite3_stmt *sq_stmt(struct sqlite_store *s, enum sq_stmt slot, const char *sql, struct err *e);
/* The lists' statement cache (sqlite_qcache.c): the statement for sql,
 * prepared on first use and kept; sq_release resets it after use. NULL with
 * e set. */
sqlite3_stmt *sq_cached(struct sqlite_store *s, const char *sql, struct err *e);
void sq_release(sqlite3_stmt *st);
/* A list's total by key while the database is unchanged: 0 and *total, or -1. */
int sq_total_get(struct sqlite_store *s, const char *key, long *total);
void sq_total_put(struct sqlite_store *s, const char *key, long total);
void sq_qcache_free(struct sqlite_store *s);
/* Sets e from the connection's last error; returns SY_ESTORE. */
int sq_fail(struct sqlite_store *s, struct err *e, const char *what);
/* Binds a text, NULL when empty if null_empty. The text is not copied: it
 * must stay valid until the statement has been stepped and reset. A
 * connection is used by one thread at a time (opened NOMUTEX). */
int sq_bind_text(sqlite3_stmt *st, int i, const char *v, int null_empty);
/* Copies column i as text into out (size n), "" for NULL. */
void sq_col_text(sqlite3_stmt *st, int i, char *out, size_t n);
/* Runs a prepared statement that returns no rows, then resets it. */
int sq_exec_stmt(struct sqlite_store *s, sqlite3_stmt *st, struct err *e, const char *what);

/* The columns of a flow row (table alias f), read by sq_flow_from_row. */
#define SQ_FLOW_COLS                                                                               \
    "f.id, f.actor_id, f.direction, f.code, f.code_kind, f.description, f.quantity, f.unit, "      \
    "f.qty_canon, f.canon_unit, f.qty_year, f.period, f.months, f.state, f.temperature_c, "        \
    "f.hazardous, f.confidentiality, f.fate"
void sq_flow_from_row(sqlite3_stmt *q, struct flow *f);
/* The columns of a plan row (without its lines), read by sq_plan_from_row. */
#define SQ_PLAN_COLS "id, territory, objective, created, tonnes, co2e_kg, euros, untreated_qty"
void sq_plan_from_row(sqlite3_stmt *q, struct plan *p);
/* Appends the stored lines of plan p->id to p->lines (all their columns,
 * in the order computed). SY_ENOMEM, SY_ESTORE. */
int sq_plan_lines(struct sqlite_store *s, struct plan *p, struct err *e);

int sq_nomen_put(struct store *s, const struct nomen_entry *n, struct err *e);
int sq_nomen_get(struct store *s, enum nomen_kind kind, const char *code, struct nomen_entry *out,
                 struct err *e);
int sq_nomen_list(struct store *s, enum nomen_kind kind, store_nomen_cb cb, void *ctx,
                  struct err *e);
int sq_nomen_search(struct store *s, const char *text, int limit, store_nomen_cb cb, void *ctx,
                    struct err *e);
int sq_nomen_count(struct store *s, enum nomen_kind kind, long *n, struct err *e);
int sq_nomen_reindex(struct store *s, struct err *e);
int sq_cand_replace(struct store *s, const char *territory, struct candidate *v, size_t n,
                    struct err *e);
int sq_cand_list(struct store *s, const struct cand_filter *f, store_cand_cb cb, void *ctx,
                 struct err *e);
int sq_cand_decide(struct store *st, const char *key, enum cand_status status, const char *reason,
                   struct err *e);
int sq_plan_put(struct store *s, struct plan *p, struct err *e);

#endif
