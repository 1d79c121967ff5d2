/*
 * store.h - the storage interface. Every byte of SQL lives behind it.
 *
 * A store is opened from a location: a file path means SQLite (the default),
 * "postgresql://..." means PostgreSQL (step 6). Both back-ends implement the
 * operations table in store_int.h; callers only see these functions.
 *
 * Writes happen inside store_begin/store_commit; store_rollback undoes them,
 * so an import either lands whole or leaves the database as it was. Listing
 * functions call a callback per row with a record that is borrowed for the
 * duration of the call; a non-zero callback return stops the listing and is
 * returned. All functions return 0 or a negative SY_E* code with e set.
 */
#ifndef SY_STORE_H
#define SY_STORE_H

#include <stddef.h>

#include "model/candidate.h"
#include "model/model.h"
#include "model/plan.h"
#include "util/err.h"

struct store;

enum nomen_kind { NOMEN_LOW, NOMEN_NACE, NOMEN_NAF, NOMEN_TAXONOMY };

struct nomen_entry {
    enum nomen_kind kind;
    char code[SY_CODE_MAX];
    char level[32]; /* chapter, subchapter, entry; section, division, group, class, subclass */
    char parent[SY_CODE_MAX];
    char label_en[SY_TEXT_MAX];
    char label_fr[SY_TEXT_MAX];
    int hazardous; /* List of Waste asterisk entries */
};

struct actor_filter {
    const char *territory; /* NULL = all */
    const char *id;        /* NULL = all */
};

struct flow_filter {
    const char *actor_id;  /* NULL = all */
    const char *territory; /* NULL = all: flows of the actors of that territory */
};

struct cand_filter {
    const char *territory; /* the run's territory; NULL = all runs */
    int kind;              /* -1 = all, else enum cand_kind */
    int include_rejected;  /* 0: hide rejected candidates */
    const char *seen_by;   /* YYYY-MM-DD: only those first detected on or before (undated
                            * ones too); NULL = all */
};

/* Name of a nomenclature kind as stored ("low", "nace", "naf", "taxonomy"). */
const char *store_nomen_kind_name(enum nomen_kind k);

typedef int (*store_territory_cb)(void *ctx, const struct territory *t);
typedef int (*store_actor_cb)(void *ctx, const struct actor *a);
typedef int (*store_flow_cb)(void *ctx, const struct flow *f);
typedef int (*store_nomen_cb)(void *ctx, const struct nomen_entry *n);
typedef int (*store_cand_cb)(void *ctx, const struct candidate *c);

/* How a store is opened (docs/limits.md, "Database files"). */
enum store_mode {
    STORE_CREATE, /* create the file if missing, then migrate (init, imports, runs) */
    STORE_WRITE,  /* the file must exist; migrate it if older */
    STORE_READ    /* the file must exist and be current; read-only, nothing written */
};

/* Opens (creating if needed) and migrates the store at location. */
int store_open(struct store **out, const char *location, struct err *e);
/* Opens the store at location in a mode. A file that is not a symbiose
 * database (not SQLite, truncated, a foreign schema, a negative, unknown or
 * newer schema version) is refused with SY_ESTORE and nothing is written. */
int store_open_mode(struct store **out, const char *location, enum store_mode mode, struct err *e);
void store_close(struct store *s);
/* Caps the page cache this connection keeps, in KiB (64 MiB when opened:
 * right for one command working alone; a server's pool of connections in
 * one process wants less each). SY_EUSAGE if kib < 64. */
int store_cache_limit(struct store *s, int kib, struct err *e);
/* The schema version (PRAGMA user_version for SQLite). */
int store_schema_version(struct store *s, int *version, struct err *e);

int store_begin(struct store *s, struct err *e);
/* Begins a bulk transaction whose writes the caller has already checked
 * against the data read inside it (an importer that loaded the known ids
 * after this call): the back-end may skip its own reference checks until
 * store_commit or store_rollback. */
int store_begin_bulk(struct store *s, struct err *e);
int store_commit(struct store *s, struct err *e);
int store_rollback(struct store *s, struct err *e);
/* Ends the transaction of store_begin: commits when rc is 0, else (or when
 * the commit fails) rolls back. Returns rc, or the commit's error. */
int store_end(struct store *s, int rc, struct err *e);

int store_territory_put(struct store *s, const struct territory *t, struct err *e);
/* SY_ENOTFOUND if there is no such territory. */
int store_territory_get(struct store *s, const char *code, struct territory *out, struct err *e);
int store_territory_list(struct store *s, store_territory_cb cb, void *ctx, struct err *e);

/* Inserts or updates by id. */
int store_actor_put(struct store *s, const struct actor *a, struct err *e);
int store_actor_get(struct store *s, const char *id, struct actor *out, struct err *e);
int store_actor_list(struct store *s, const struct actor_filter *f, store_actor_cb cb, void *ctx,
                     struct err *e);
int store_contact_put(struct store *s, const struct contact *c, struct err *e);

/* Inserts or updates by id. */
int store_flow_put(struct store *s, const struct flow *f, struct err *e);
int store_flow_list(struct store *s, const struct flow_filter *f, store_flow_cb cb, void *ctx,
                    struct err *e);

int store_nomen_put(struct store *s, const struct nomen_entry *n, struct err *e);
int store_nomen_get(struct store *s, enum nomen_kind kind, const char *code,
                    struct nomen_entry *out, struct err *e);
/* Lists every entry of a kind in code order (used to build validation sets). */
int store_nomen_list(struct store *s, enum nomen_kind kind, store_nomen_cb cb, void *ctx,
                     struct err *e);
/* Full-text search on French and English labels, accent-insensitive, ranked. */
int store_nomen_search(struct store *s, const char *text, int limit, store_nomen_cb cb, void *ctx,
                       struct err *e);
int store_nomen_count(struct store *s, enum nomen_kind kind, long *n, struct err *e);
/* Rebuilds the full-text index after a bulk load. */
int store_nomen_reindex(struct store *s, struct err *e);

/* Replaces the candidates of a run (territory, "" = all) with v[0..n). Keeps the
 * decisions already taken: an accepted candidate stays accepted; a rejected one
 * stays rejected while its fingerprint is unchanged, and comes back as proposed
 * when it changed. Fills each v[i].status and reason from what was kept. */
int store_cand_replace(struct store *s, const char *territory, struct candidate *v, size_t n,
                       struct err *e);
int store_cand_list(struct store *s, const struct cand_filter *f, store_cand_cb cb, void *ctx,
                    struct err *e);
/* Records a decision on a candidate by key; SY_ENOTFOUND if no such key. */
int store_cand_decide(struct store *s, const char *key, enum cand_status st, const char *reason,
                      struct err *e);

/* Stores a plan and its lines; sets p->id. */
int store_plan_put(struct store *s, struct plan *p, struct err *e);

#endif
