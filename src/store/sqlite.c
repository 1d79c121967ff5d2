/*
 * sqlite.c - the SQLite back-end: connection, migrations, transactions,
 * territories, actors, contacts and flows. Nomenclatures are in
 * sqlite_nomen.c, candidates and plans in sqlite_cand.c.
 */
#include "store/sqlite_int.h"
#include "util/i18n.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#define S(st) ((struct sqlite_store *)(st))

sqlite3_stmt *sq_stmt(struct sqlite_store *s, enum sq_stmt slot, const char *sql, struct err *e)
{
    if (!s->stmt[slot] && sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
                                             &s->stmt[slot], NULL) != SQLITE_OK) {
        sq_fail(s, e, "preparing a statement");
        return NULL;
    }
    return s->stmt[slot];
}

int sq_fail(struct sqlite_store *s, struct err *e, const char *what)
{
    int xc = sqlite3_extended_errcode(s->db);

    if (xc == SQLITE_BUSY || xc == SQLITE_LOCKED)
        return err_set(e, SY_ESTORE,
                       "%s: the database %s is locked by another process; retry when it is done",
                       what, s->path);
    return err_set(e, SY_ESTORE, "%s: %s (database %s)", what, sqlite3_errmsg(s->db), s->path);
}

int sq_bind_text(sqlite3_stmt *st, int i, const char *v, int null_empty)
{
    if (!v || (null_empty && !*v))
        return sqlite3_bind_null(st, i);
    /* SQLITE_STATIC: every caller steps and resets the statement before its
     * arguments go away, and copying each value cost 10 % of a bulk import. */
    return sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

void sq_col_text(sqlite3_stmt *st, int i, char *out, size_t n)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    size_t len;

    if (!t) {
        out[0] = '\0';
        return;
    }
    len = strlen((const char *)t);
    if (len >= n)
        len = n - 1;
    memcpy(out, t, len);
    out[len] = '\0';
}

int sq_exec_stmt(struct sqlite_store *s, sqlite3_stmt *st, struct err *e, const char *what)
{
    int rc = sqlite3_step(st);

    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return sq_fail(s, e, what);
    return SY_OK;
}

static int sq_exec(struct sqlite_store *s, const char *sql, struct err *e, const char *what)
{
    /* Only for constant SQL text (pragmas, schema, transactions). */
    if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return sq_fail(s, e, what);
    return SY_OK;
}

static int sq_schema_version(struct store *st, int *v, struct err *e)
{
    struct sqlite_store *s = S(st);
    sqlite3_stmt *q;
    int rc;

    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &q, NULL) != SQLITE_OK)
        return sq_fail(s, e, "reading the schema version");
    rc = sqlite3_step(q);
    *v = rc == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
    sqlite3_finalize(q);
    return rc == SQLITE_ROW ? SY_OK : sq_fail(s, e, "reading the schema version");
}

static int sq_migrate(struct sqlite_store *s, int v, struct err *e)
{
    int rc;
    char pragma[64];

    for (; v < sq_nmigrations; v++) {
        rc = sq_exec(s, "BEGIN IMMEDIATE", e, "starting a migration");
        if (rc)
            return rc;
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
        if (sqlite3_exec(s->db, sq_migrations[v], NULL, NULL, NULL) != SQLITE_OK ||
            sqlite3_exec(s->db, pragma, NULL, NULL, NULL) != SQLITE_OK) {
            rc = sq_fail(s, e, "migrating the schema");
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
            return err_prefix(e, "migration %d", v + 1), rc;
        }
        rc = sq_exec(s, "COMMIT", e, "committing a migration");
        if (rc)
            return rc;
    }
    return SY_OK;
}

static void sq_close(struct store *st)
{
    struct sqlite_store *s = S(st);

    for (int i = 0; i < SQ_COUNT; i++)
        sqlite3_finalize(s->stmt[i]);
    sq_qcache_free(s);
    sqlite3_close(s->db);
    free(s);
}

static int sq_begin(struct store *st, struct err *e)
{
    return sq_exec(S(st), "BEGIN IMMEDIATE", e, "starting a transaction");
}

/* Foreign keys are checked row by row with a statement journal each; a bulk
 * import has already checked its references, so they are off until the end
 * of its transaction (PRAGMA foreign_keys is a no-op inside one). */
static int sq_begin_bulk(struct store *st, struct err *e)
{
    struct sqlite_store *s = S(st);
    int rc = sq_exec(s, "PRAGMA foreign_keys = OFF", e, "starting a bulk transaction");

    if (!rc)
        rc = sq_exec(s, "BEGIN IMMEDIATE", e, "starting a transaction");
    if (rc)
        sq_exec(s, "PRAGMA foreign_keys = ON", NULL, "");
    else
        s->bulk = 1;
    return rc;
}

static void sq_end_bulk(struct sqlite_store *s)
{
    if (s->bulk && sqlite3_get_autocommit(s->db)) {
        sq_exec(s, "PRAGMA foreign_keys = ON", NULL, "");
        s->bulk = 0;
    }
}

static int sq_commit(struct store *st, struct err *e)
{
    int rc = sq_exec(S(st), "COMMIT", e, "committing");

    sq_end_bulk(S(st));
    return rc;
}

static int sq_rollback(struct store *st, struct err *e)
{
    struct sqlite_store *s = S(st);
    int rc = SY_OK;

    if (!sqlite3_get_autocommit(s->db))
        rc = sq_exec(s, "ROLLBACK", e, "rolling back");
    sq_end_bulk(s);
    return rc;
}

static int sq_territory_put(struct store *st, const struct territory *t, struct err *e)
{
    struct sqlite_store *s = S(st);
    sqlite3_stmt *q = sq_stmt(s, SQ_TERR_PUT,
                              "INSERT INTO territory (code, name, region, structure, programme) "
                              "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (code) DO UPDATE SET "
                              "name = ?2, region = ?3, structure = ?4, programme = ?5",
                              e);

    if (!q)
        return SY_ESTORE;
    sq_bind_text(q, 1, t->code, 0);
    sq_bind_text(q, 2, t->name, 0);
    sq_bind_text(q, 3, t->region, 0);
    sq_bind_text(q, 4, t->structure, 0);
    sq_bind_text(q, 5, t->programme, 0);
    return sq_exec_stmt(s, q, e, "saving a territory");
}

static void territory_from_row(sqlite3_stmt *q, struct territory *t)
{
    sq_col_text(q, 0, t->code, sizeof t->code);
    sq_col_text(q, 1, t->name, sizeof t->name);
    sq_col_text(q, 2, t->region, sizeof t->region);
    sq_col_text(q, 3, t->structure, sizeof t->structure);
    sq_col_text(q, 4, t->programme, sizeof t->programme);
}

#define TERR_COLS "code, name, region, structure, programme"

static int sq_territory_get(struct store *st, const char *code, struct territory *out,
                            struct err *e)
{
    struct sqlite_store *s = S(st);
    sqlite3_stmt *q =
        sq_stmt(s, SQ_TERR_GET, "SELECT " TERR_COLS " FROM territory WHERE code = ?1", e);
    int rc;

    if (!q)
        return SY_ESTORE;
    sq_bind_text(q, 1, code, 0);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        territory_from_row(q, out);
    sqlite3_reset(q);
    if (rc == SQLITE_ROW)
        return SY_OK;
    if (rc == SQLITE_DONE)
        return err_set(e, SY_ENOTFOUND,
                       "no territory '%s'; add it with 'symbiose territory add %s NAME'", code,
                       code);
    return sq_fail(s, e, "reading a territory");
}

static int sq_territory_list(struct store *st, store_territory_cb cb, void *ctx, struct err *e)
{
    struct sqlite_store *s = S(st);
    sqlite3_stmt *q =
        sq_stmt(s, SQ_TERR_LIST, "SELECT " TERR_COLS " FROM territory ORDER BY code", e);
    struct territory t;
    int rc, crc = 0;

    if (!q)
        return SY_ESTORE;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        territory_from_row(q, &t);
        crc = cb(ctx, &t);
        if (crc)
            break;
    }
    sqlite3_reset(q);
    if (crc)
        return crc;
    return rc == SQLITE_DONE ? SY_OK : sq_fail(s, e, "listing territories");
}

#define ACTOR_COLS                                                                                 \
    "id, name, siret, naf, kind, workforce, address, commune, lat, lon, territory, "               \
    "licensed_hazardous, archetype"

static int sq_actor_put(struct store *st, const struct actor *a, struct err *e)
{
    struct sqlite_store *s = S(st);
    sqlite3_stmt *q = sq_stmt(
        s, SQ_ACTOR_PUT,
        "INSERT INTO actor (" ACTOR_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
        "?12, ?13) ON CONFLICT (id) DO UPDATE SET name = ?2, siret = ?3, naf = ?4, kind = ?5, "
        "workforce = ?6, address = ?7, commune = ?8, lat = ?9, lon = ?10, territory = ?11, "
        "licensed_hazardous = ?12, archetype = ?13",
        e);

    if (!q)
        return SY_ESTORE;
    sq_bind_text(q, 1, a->id, 0);
    sq_bind_text(q, 2, a->name, 0);
    sq_bind_text(q, 3, a->siret, 1);
    sq_bind_text(q, 4, a->naf, 1);
    sq_bind_text(q, 5, model_kind_name(a->kind), 0);
    sq_bind_text(q, 6, a->workforce, 1);
    sq_bind_text(q, 7, a->address, 1);
    sq_bind_text(q, 8, a->commune, 1);
    if (a->has_coord) {
        sqlite3_bind_double(q, 9, a->lat);
        sqlite3_bind_double(q, 10, a->lon);
    }
    sq_bind_text(q, 11, a->territory, 1);
    sqlite3_bind_int(q, 12, a->licensed_hazardous);
    sq_bind_text(q, 13, a->archetype, 1);
    return sq_exec_stmt(s, q, e, "saving an actor");
}

static void actor_from_row(sqlite3_stmt *q, struct actor *a)
{
    char kind[32];

    memset(a, 0, sizeof *a);
    sq_col_text(q, 0, a->id, sizeof a->id);
    sq_col_text(q, 1, a->name, sizeof a->name);
    sq_col_text(q, 2, a->siret, sizeof a->siret);
    sq_col_text(q, 3, a->naf, sizeof a->naf);
    sq_col_text(q, 4, kind, sizeof kind);
    model_kind_parse(kind, &a->kind);
    sq_col_text(q, 5, a->workforce, sizeof a->workforce);
    sq_col_text(q, 6, a->address, sizeof a->address);
    sq_col_text(q, 7, a->commune, sizeof a->commune);
    a->has_coord = sqlite3_column_type(q, 8) != SQLITE_NULL;
    a->lat = sqlite3_column_double(q, 8);
    a->lon = sqlite3_column_double(q, 9);
    sq_col_text(q, 10, a->territory, sizeof a->territory);
    a->licensed_hazardous = sqlite3_column_int(q, 11);
    sq_col_text(q, 12, a->archetype, sizeof a->archetype);
}

static int sq_actor_get(struct store *st, const char *id, struct actor *out, struct err *e)
{
    struct sqlite_store *s = S(st);
    sqlite3_stmt *q = sq_stmt(s, SQ_ACTOR_GET, "SELECT " ACTOR_COLS " FROM actor WHERE id = ?1", e);
    int rc;

    if (!q)
        return SY_ESTORE;
    sq_bind_text(q, 1, id, 0);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        actor_from_row(q, out);
    sqlite3_reset(q);
    if (rc == SQLITE_ROW)
        return SY_OK;
    if (rc == SQLITE_DONE)
        return err_set(e, SY_ENOTFOUND, _("no actor '%s'; see 'symbiose actors list'"), id);
    return sq_fail(s, e, "reading an actor");
}

static int sq_actor_list(struct store *st, const struct actor_filter *f, store_actor_cb cb,
                         void *ctx, struct err *e)
{
    struct sqlite_store *s = S(st);
    sqlite3_stmt *q;
    struct actor a;
    int rc, crc = 0;

    if (f && f->id)
        return sq_actor_get(st, f->id, &a, e) ? e->code : cb(ctx, &a);
    if (f && f->territory) {
        q = sq_stmt(s, SQ_ACTOR_LIST_TERR,
                    "SELECT " ACTOR_COLS " FROM actor WHERE territory = ?1 ORDER BY id", e);
        if (q)
            sq_bind_text(q, 1, f->territory, 0);
    } else {
        q = sq_stmt(s, SQ_ACTOR_LIST, "SELECT " ACTOR_COLS " FROM actor ORDER BY id", e);
    }
    if (!q)
        return SY_ESTORE;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        actor_from_row(q, &a);
        crc = cb(ctx, &a);
        if (crc)
            break;
    }
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    if (crc)
        return crc;
    return rc == SQLITE_DONE ? SY_OK : sq_fail(s, e, "listing actors");
}

static int sq_contact_put(struct store *st, const struct contact *c, struct err *e)
{
    struct sqlite_store *s = S(st);
    sqlite3_stmt *q = sq_stmt(s, SQ_CONTACT_PUT,
                              "INSERT INTO contact (actor_id, name, role, email, phone) "
                              "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (actor_id, name) DO UPDATE "
                              "SET role = ?3, email = ?4, phone = ?5",
                              e);

    if (!q)
        return SY_ESTORE;
    sq_bind_text(q, 1, c->actor_id, 0);
    sq_bind_text(q, 2, c->name, 0);
    sq_bind_text(q, 3, c->role, 1);
    sq_bind_text(q, 4, c->email, 1);
    sq_bind_text(q, 5, c->phone, 1);
    return sq_exec_stmt(s, q, e, "saving a contact");
}

#define FLOW_COLS SQ_FLOW_COLS

static void flow_bind(sqlite3_stmt *q, const struct flow *f)
{
    sq_bind_text(q, 1, f->id, 0);
    sq_bind_text(q, 2, f->actor_id, 0);
    sqlite3_bind_text(q, 3, model_dir_name(f->dir), -1, SQLITE_STATIC);
    sq_bind_text(q, 4, f->code, 0);
    sqlite3_bind_text(q, 5, f->code_kind == CODE_LOW ? "low" : "taxonomy", -1, SQLITE_STATIC);
    sq_bind_text(q, 6, f->description, 1);
    sqlite3_bind_double(q, 7, f->qty);
    sq_bind_text(q, 8, f->unit, 1);
    sqlite3_bind_double(q, 9, f->qty_canon);
    sqlite3_bind_text(q, 10, model_unit_name(f->canon), -1, SQLITE_STATIC);
    sqlite3_bind_double(q, 11, f->qty_year);
    sqlite3_bind_text(q, 12, model_period_name(f->period), -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 13, (int)f->months);
    if (f->state != STATE_NONE)
        sqlite3_bind_text(q, 14, model_state_name(f->state), -1, SQLITE_STATIC);
    if (f->has_temp)
        sqlite3_bind_double(q, 15, f->temp_c);
    sqlite3_bind_int(q, 16, f->hazardous);
    sqlite3_bind_text(q, 17, model_conf_name(f->conf), -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 18, fate_name(f->fate), -1, SQLITE_STATIC);
}

/* A plain INSERT, and an UPDATE only when the id exists: an UPSERT statement
 * opens a statement journal on every row, which made bulk imports of new
 * rows a third slower (bench/import). */
static int sq_flow_put(struct store *st, const struct flow *f, struct err *e)
{
    struct sqlite_store *s = S(st);
    sqlite3_stmt *ins, *upd;
    int rc;

    ins = sq_stmt(s, SQ_FLOW_PUT,
                  "INSERT INTO flow (id, actor_id, direction, code, code_kind, description, "
                  "quantity, unit, qty_canon, canon_unit, qty_year, period, months, state, "
                  "temperature_c, hazardous, confidentiality, fate) VALUES (?1, ?2, ?3, ?4, ?5, "
                  "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
                  e);
    if (!ins)
        return SY_ESTORE;
    flow_bind(ins, f);
    rc = sqlite3_step(ins);
    sqlite3_reset(ins);
    sqlite3_clear_bindings(ins);
    if (rc == SQLITE_DONE)
        return SY_OK;
    if (sqlite3_extended_errcode(s->db) != SQLITE_CONSTRAINT_PRIMARYKEY)
        return sq_fail(s, e, "saving a flow");
    upd = sq_stmt(s, SQ_FLOW_UPDATE,
                  "UPDATE flow SET actor_id = ?2, direction = ?3, code = ?4, code_kind = ?5, "
                  "description = ?6, quantity = ?7, unit = ?8, qty_canon = ?9, canon_unit = ?10, "
                  "qty_year = ?11, period = ?12, months = ?13, state = ?14, temperature_c = ?15, "
                  "hazardous = ?16, confidentiality = ?17, fate = ?18 WHERE id = ?1",
                  e);
    if (!upd)
        return SY_ESTORE;
    flow_bind(upd, f);
    return sq_exec_stmt(s, upd, e, "updating a flow");
}

void sq_flow_from_row(sqlite3_stmt *q, struct flow *f)
{
    char tmp[32];
    enum canon_unit cu;
    double mult;

    memset(f, 0, sizeof *f);
    sq_col_text(q, 0, f->id, sizeof f->id);
    sq_col_text(q, 1, f->actor_id, sizeof f->actor_id);
    sq_col_text(q, 2, tmp, sizeof tmp);
    model_dir_parse(tmp, &f->dir);
    sq_col_text(q, 3, f->code, sizeof f->code);
    sq_col_text(q, 4, tmp, sizeof tmp);
    f->code_kind = strcmp(tmp, "low") == 0 ? CODE_LOW : CODE_TAXONOMY;
    sq_col_text(q, 5, f->description, sizeof f->description);
    f->qty = sqlite3_column_double(q, 6);
    sq_col_text(q, 7, f->unit, sizeof f->unit);
    f->qty_canon = sqlite3_column_double(q, 8);
    sq_col_text(q, 9, tmp, sizeof tmp);
    if (model_unit_parse(tmp, &cu, &mult) == SY_OK)
        f->canon = cu;
    f->qty_year = sqlite3_column_double(q, 10);
    sq_col_text(q, 11, tmp, sizeof tmp);
    model_period_parse(tmp, &f->period);
    f->months = (unsigned)sqlite3_column_int(q, 12);
    sq_col_text(q, 13, tmp, sizeof tmp);
    model_state_parse(tmp, &f->state);
    f->has_temp = sqlite3_column_type(q, 14) != SQLITE_NULL;
    f->temp_c = sqlite3_column_double(q, 14);
    f->hazardous = sqlite3_column_int(q, 15);
    sq_col_text(q, 16, tmp, sizeof tmp);
    model_conf_parse(tmp, &f->conf);
    sq_col_text(q, 17, tmp, sizeof tmp);
    if (fate_parse(tmp, &f->fate))
        f->fate = FATE_NONE;
}

static int sq_flow_list(struct store *st, const struct flow_filter *ff, store_flow_cb cb, void *ctx,
                        struct err *e)
{
    struct sqlite_store *s = S(st);
    sqlite3_stmt *q;
    struct flow *f;
    int rc, crc = 0;

    if (ff && ff->actor_id) {
        q = sq_stmt(s, SQ_FLOW_LIST_ACTOR,
                    "SELECT " FLOW_COLS " FROM flow f WHERE f.actor_id = ?1 ORDER BY f.id", e);
        if (q)
            sq_bind_text(q, 1, ff->actor_id, 0);
    } else if (ff && ff->territory) {
        q = sq_stmt(s, SQ_FLOW_LIST_TERR,
                    "SELECT " FLOW_COLS " FROM flow f JOIN actor a ON a.id = f.actor_id "
                    "WHERE a.territory = ?1 ORDER BY f.actor_id, f.id",
                    e);
        if (q)
            sq_bind_text(q, 1, ff->territory, 0);
    } else {
        q = sq_stmt(s, SQ_FLOW_LIST, "SELECT " FLOW_COLS " FROM flow f ORDER BY f.actor_id, f.id",
                    e);
    }
    if (!q)
        return SY_ESTORE;
    f = malloc(sizeof *f);
    if (!f) {
        sqlite3_reset(q);
        return err_set(e, SY_ENOMEM, "out of memory listing flows");
    }
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        sq_flow_from_row(q, f);
        crc = cb(ctx, f);
        if (crc)
            break;
    }
    free(f);
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    if (crc)
        return crc;
    return rc == SQLITE_DONE ? SY_OK : sq_fail(s, e, "listing flows");
}

static const struct store_ops sqlite_ops = {
    .name = "sqlite",
    .close = sq_close,
    .schema_version = sq_schema_version,
    .begin = sq_begin,
    .begin_bulk = sq_begin_bulk,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .territory_put = sq_territory_put,
    .territory_get = sq_territory_get,
    .territory_list = sq_territory_list,
    .actor_put = sq_actor_put,
    .actor_get = sq_actor_get,
    .actor_list = sq_actor_list,
    .contact_put = sq_contact_put,
    .flow_put = sq_flow_put,
    .flow_list = sq_flow_list,
    .nomen_put = sq_nomen_put,
    .nomen_get = sq_nomen_get,
    .nomen_list = sq_nomen_list,
    .nomen_search = sq_nomen_search,
    .nomen_count = sq_nomen_count,
    .nomen_reindex = sq_nomen_reindex,
    .cand_replace = sq_cand_replace,
    .cand_list = sq_cand_list,
    .cand_decide = sq_cand_decide,
    .plan_put = sq_plan_put,
};

int store_cache_limit(struct store *st, int kib, struct err *e)
{
    char pragma[64];

    if (kib < 64)
        return err_setf(e, SY_EUSAGE, "a page cache of %d KiB is too small (64 at least)", kib);
    /* an int, not data: PRAGMA takes no bound parameter */
    snprintf(pragma, sizeof pragma, "PRAGMA cache_size = -%d", kib);
    return sq_exec(S(st), pragma, e, "limiting the page cache");
}

int store_sqlite_open(struct store **out, const char *path, enum store_mode mode, struct err *e)
{
    struct sqlite_store *s;
    int rc, v = 0;

    *out = NULL;
    s = calloc(1, sizeof *s);
    if (!s)
        return err_set(e, SY_ENOMEM, "out of memory opening %s", path);
    s->base.ops = &sqlite_ops;
    snprintf(s->path, sizeof s->path, "%s", path);
    rc = sq_connect(s, path, mode, e);
    if (!rc) {
        sqlite3_busy_timeout(s->db, 5000);
        rc = sq_check_schema(s, mode, &v, e);
    }
    if (!rc)
        rc = sq_exec(s,
                     "PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536; "
                     "PRAGMA temp_store = MEMORY",
                     e, "configuring the database");
    if (!rc && mode != STORE_READ)
        rc = sq_exec(s, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL", e,
                     "configuring the database");
    if (!rc && mode != STORE_READ)
        rc = sq_migrate(s, v, e);
    if (rc) {
        sq_close(&s->base);
        return rc;
    }
    *out = &s->base;
    return SY_OK;
}
