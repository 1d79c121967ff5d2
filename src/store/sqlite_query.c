/*
 * sqlite_query.c - SQLite side of store_query.h: one SELECT per list with
 * optional bound filters ("?k IS NULL OR ..."), an ORDER BY chosen from the
 * list's whitelist, LIMIT and OFFSET, and a COUNT(*) over the same filters.
 */
#include "store/sqlite_int.h"
#include "store/store_query.h"

#include <stdio.h>
#include <string.h>

static struct sqlite_store *sqs(struct store *s);
static int emit_rows(struct sqlite_store *s, sqlite3_stmt *q, store_row_cb cb, void *ctx,
                     long *nrows, struct err *e);

struct list_def {
    const char *select; /* "SELECT cols FROM table [alias]" */
    const char *from;   /* "table [alias]": the page's keys are chosen on it alone */
    const char *rid;    /* the row's identity in from: "rowid", "f.id" */
    const char *base;   /* a condition always applied, or NULL */
    const char *const *filters;
    const char *const *conds; /* per filter, on ?N for filter N-1 (NULL: in base) */
    const char *const *sorts; /* NULL-terminated, the first is the default */
    const char *const *exprs; /* per sort, its expression in from; NULL: the name */
    const char *sort_names;
    const char *key; /* the column store_query_one matches, and the tie-break */
    int default_desc;
};

static const char *const f_none[] = {NULL};
static const char *const f_actors[] = {"territory", "q", "naf", NULL};
static const char *const c_actors[] = {
    "territory = ?1", "(name LIKE '%' || ?2 || '%' OR id LIKE ?2 || '%' OR siret LIKE ?2 || '%')",
    "naf LIKE ?3 || '%'"};
static const char *const f_flows[] = {"territory", "actor", "direction", NULL};
/* "+": no index for these terms (flows have none on actor_id, see
 * sqlite_schema.c), so that a page walks flow_quantity or the key in order
 * and stops, instead of a skip-scan of flow_quantity per actor. */
static const char *const c_flows[] = {"+f.actor_id IN (SELECT id FROM actor WHERE territory = ?1)",
                                      "+f.actor_id = ?2", "f.direction = ?3"};
static const char *const f_contacts[] = {"actor", NULL};
static const char *const c_contacts[] = {"actor_id = ?1"};
static const char *const f_cands[] = {"territory", "kind",   "family", "status",
                                      "min_score", "max_km", "actor",  NULL};
static const char *const c_cands[] = {
    "territory = ?1", "kind = ?2",         "resource_code LIKE ?3 || '%'",          "status = ?4",
    "score >= ?5",    "distance_km <= ?6", "(supplier_id = ?7 OR receiver_id = ?7)"};
static const char *const f_syn[] = {"territory", "stage", "actor", NULL};
static const char *const c_syn[] = {"territory = ?1", "stage = ?2",
                                    "(supplier_id = ?3 OR receiver_id = ?3)"};
static const char *const f_plans[] = {"territory", NULL};
static const char *const c_territory[] = {"territory = ?1"};
static const char *const f_lines[] = {"plan", NULL};
static const char *const c_lines[] = {NULL};
static const char *const s_lines[] = {"line", "euros", "co2e_kg", "tonnes", NULL};
static const char *const e_lines[] = {"rowid", NULL, NULL, NULL};

static const char *const s_terr[] = {"code", "name", "region", NULL};
static const char *const s_actors[] = {"id", "name", "naf", "kind", "commune", "siret", NULL};
static const char *const s_flows[] = {"id",       "actor_id", "direction", "code",
                                      "quantity", "qty_year", NULL};
static const char *const e_flows[] = {"f.id",   "f.actor_id", "f.direction",
                                      "f.code", "f.quantity", "f.qty_year"};
static const char *const s_contacts[] = {"id", "name", NULL};
static const char *const s_cands[] = {"score",         "distance_km", "quantity", "kind",
                                      "supplier_name", "status",      "key",      NULL};
static const char *const e_cands[] = {NULL, NULL, "candidate.quantity", NULL, NULL, NULL, NULL};
static const char *const s_syn[] = {"id", "updated", "stage", "created", NULL};
static const char *const s_plans[] = {"id", "created", NULL};

#define ACTOR_SEL                                                                                  \
    "SELECT id, name, siret, naf, kind, territory, address, commune, lat, lon, workforce, "        \
    "licensed_hazardous FROM actor"
#define FLOW_SEL                                                                                   \
    "SELECT f.id, f.actor_id, f.direction, f.code || CASE WHEN f.hazardous = 1 AND f.code_kind "   \
    "= 'low' THEN '*' ELSE '' END AS code, f.description, f.quantity, f.unit, f.period, f.state, " \
    "f.confidentiality, f.months, f.temperature_c, f.hazardous, f.qty_year, f.canon_unit, "        \
    "NULLIF(f.fate, '') AS fate FROM flow f"
#define CAND_SEL                                                                                   \
    "SELECT kind, supplier_id, supplier_name, receiver_id, receiver_name, resource_code, "         \
    "resource_label, distance_km, CASE WHEN quantity >= 0 THEN quantity END AS quantity, "         \
    "CASE WHEN quantity >= 0 THEN unit END AS unit, score, basis, explanation, group_id, "         \
    "status, reason, rule, key, territory, lat, lon, (SELECT lat FROM actor WHERE id = "           \
    "supplier_id) AS supplier_lat, (SELECT lon FROM actor WHERE id = supplier_id) AS "             \
    "supplier_lon, (SELECT id FROM synergy s WHERE s.candidate_key = candidate.key) AS "           \
    "synergy_id FROM candidate"
#define SYN_SEL                                                                                    \
    "SELECT id, territory, candidate_key, kind, supplier_id, receiver_id, resource_code, "         \
    "quantity, unit, stage, reason, created, updated FROM synergy"

static const struct list_def lists[SL_NLISTS] = {
    [SL_TERRITORIES] = {"SELECT code, name, region, structure, programme FROM territory",
                        "territory", "code", NULL, f_none, NULL, s_terr, NULL, "code, name, region",
                        "code", 0},
    [SL_ACTORS] = {ACTOR_SEL, "actor", "rowid", NULL, f_actors, c_actors, s_actors, NULL,
                   "id, name, naf, kind, commune, siret", "id", 0},
    [SL_FLOWS] = {FLOW_SEL, "flow f", "f.id", NULL, f_flows, c_flows, s_flows, e_flows,
                  "id, actor_id, direction, code, quantity, qty_year", "f.id", 0},
    [SL_CONTACTS] = {"SELECT id, actor_id, name, role, email, phone FROM contact", "contact", "id",
                     NULL, f_contacts, c_contacts, s_contacts, NULL, "id, name", "id", 0},
    [SL_CANDIDATES] = {CAND_SEL, "candidate", "rowid", "active = 1", f_cands, c_cands, s_cands,
                       e_cands, "score, distance_km, quantity, kind, supplier_name, status, key",
                       "key", 1},
    [SL_SYNERGIES] = {SYN_SEL, "synergy", "id", NULL, f_syn, c_syn, s_syn, NULL,
                      "id, updated, stage, created", "id", 0},
    [SL_PLANS] = {"SELECT id, territory, objective, created, tonnes, co2e_kg, euros, "
                  "untreated_qty FROM plan",
                  "plan", "id", NULL, f_plans, c_territory, s_plans, NULL, "id, created", "id", 1},
    /* the columns of rec_plan_line; a stored line is a synergy (sort "line": their order) */
    [SL_PLAN_LINES] =
        {"SELECT 'synergy' AS line, supplier_id AS supplier, receiver_id AS receiver, "
         "resource_code AS resource, quantity, unit, distance_km, tonnes, co2e_kg, "
         "euros, quality, sources, candidate_key AS candidate, status, "
         "gross_co2e_kg, gross_euros, co2e_low, co2e_high, euros_low, euros_high, "
         "NULLIF(flags, '') AS flags FROM plan_line",
         "plan_line", "rowid", "plan_id = ?1", f_lines, c_lines, s_lines, e_lines,
         "line, euros, co2e_kg, tonnes", "rowid", 0},
};

int store_sankey(struct store *st, const char *territory, const char *unit, store_row_cb cb,
                 void *ctx, struct err *e)
{
    struct sqlite_store *s = sqs(st);
    sqlite3_stmt *q = NULL;
    long rows = 0;
    int rc;

    if (!(q = sq_cached(
              s,
              "SELECT substr(sa.naf, 1, 2) AS source, substr(ra.naf, 1, 2) AS target, "
              "SUM(c.quantity) AS value, (SELECT label_fr FROM nomenclature WHERE kind = 'nace' "
              "AND "
              "code = substr(sa.naf, 1, 2)) AS source_label, (SELECT label_fr FROM nomenclature "
              "WHERE kind = 'nace' AND code = substr(ra.naf, 1, 2)) AS target_label FROM candidate "
              "c JOIN actor sa ON sa.id = c.supplier_id JOIN actor ra ON ra.id = c.receiver_id "
              "WHERE c.active = 1 AND (?1 IS NULL OR c.territory = ?1) AND c.status <> 'rejected' "
              "AND c.unit = ?2 AND c.quantity > 0 AND length(sa.naf) >= 2 AND length(ra.naf) >= 2 "
              "AND substr(sa.naf, 1, 2) <> substr(ra.naf, 1, 2) GROUP BY 1, 2 ORDER BY 3 DESC",
              e)))
        return SY_ESTORE;
    if (territory)
        sqlite3_bind_text(q, 1, territory, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, unit, -1, SQLITE_STATIC);
    rc = emit_rows(s, q, cb, ctx, &rows, e);
    sq_release(q);
    return rc;
}

const char *const *store_list_filters(enum store_list w)
{
    return (unsigned)w < SL_NLISTS ? lists[w].filters : f_none;
}

int store_list_sortable(enum store_list w, const char *col)
{
    if ((unsigned)w >= SL_NLISTS || !col)
        return 0;
    for (const char *const *s = lists[w].sorts; *s; s++)
        if (strcmp(*s, col) == 0)
            return 1;
    return 0;
}

const char *store_list_sort_names(enum store_list w)
{
    return (unsigned)w < SL_NLISTS ? lists[w].sort_names : "";
}

static struct sqlite_store *sqs(struct store *s)
{
    return (struct sqlite_store *)s; /* the only back-end (store.c) */
}

static int emit_rows(struct sqlite_store *s, sqlite3_stmt *q, store_row_cb cb, void *ctx,
                     long *nrows, struct err *e)
{
    const char *names[32];
    struct store_cell cells[32];
    int n = 0, st, rc = 0, first = 1;

    /* the names after the first step: a kept statement that SQLite prepares
     * again (the schema or its statistics changed) frees the earlier ones */
    while ((st = sqlite3_step(q)) == SQLITE_ROW) {
        if (first) {
            n = sqlite3_column_count(q) < 32 ? sqlite3_column_count(q) : 32;
            for (int i = 0; i < n; i++)
                names[i] = sqlite3_column_name(q, i);
            first = 0;
        }
        for (int i = 0; i < n; i++) {
            struct store_cell *c = &cells[i];
            memset(c, 0, sizeof *c);
            switch (sqlite3_column_type(q, i)) {
            case SQLITE_INTEGER:
                c->type = CELL_INT;
                c->i = sqlite3_column_int64(q, i);
                break;
            case SQLITE_FLOAT:
                c->type = CELL_REAL;
                c->d = sqlite3_column_double(q, i);
                break;
            case SQLITE_NULL:
                c->type = CELL_NULL;
                break;
            default:
                c->type = CELL_TEXT;
                c->s = (const char *)sqlite3_column_text(q, i);
                if (!c->s)
                    c->s = "";
            }
        }
        (*nrows)++;
        if ((rc = cb(ctx, (size_t)n, names, cells)) != 0)
            break;
    }
    if (!rc && st != SQLITE_DONE)
        rc = sq_fail(s, e, "listing");
    return rc;
}

/* The filters present, bound to ?1..?k. */
static void bind_filters(sqlite3_stmt *q, const struct list_def *d, const struct store_query *sq)
{
    int n = 0;

    for (const char *const *f = d->filters; *f; f++, n++)
        if (sq->filter[n] && *sq->filter[n])
            sqlite3_bind_text(q, n + 1, sq->filter[n], -1, SQLITE_STATIC);
}

/* The WHERE clause of the filters present: only their conditions, so that
 * SQLite picks the indexes they allow (an "?1 IS NULL OR" form forbids it). */
static int build_where(const struct list_def *d, const struct store_query *sq, char *w, size_t n)
{
    size_t len = 0;
    int k;

    w[0] = 0;
    if (d->base)
        len = (size_t)snprintf(w, n, "%s", d->base);
    for (int i = 0; d->filters[i] && len < n; i++) {
        if (!sq->filter[i] || !*sq->filter[i] || !d->conds || !d->conds[i])
            continue;
        k = snprintf(w + len, n - len, "%s%s", len ? " AND " : "", d->conds[i]);
        len += (size_t)(k > 0 ? k : 0);
    }
    if (len >= n)
        return -1;
    if (!len)
        snprintf(w, n, "1");
    return 0;
}

/* The key of a total in the cache: the list and its filters' values. */
static int total_key(const struct store_query *sq, char *k, size_t n)
{
    size_t len = (size_t)snprintf(k, n, "%d", (int)sq->what);

    for (int i = 0; i < STORE_QUERY_FILTERS && len < n; i++) {
        int m = snprintf(k + len, n - len, "\x1f%s", sq->filter[i] ? sq->filter[i] : "\x1e");
        len += (size_t)(m > 0 ? m : 0);
    }
    return len < n ? 0 : -1;
}

static int count_rows(struct sqlite_store *s, const struct list_def *d,
                      const struct store_query *sq, const char *where, long *total, struct err *e)
{
    char sql[2048], key[1024];
    sqlite3_stmt *q;
    int keyed = total_key(sq, key, sizeof key) == 0;

    if (keyed && sq_total_get(s, key, total) == 0)
        return 0;
    snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s WHERE %s", d->from, where);
    if (!(q = sq_cached(s, sql, e)))
        return SY_ESTORE;
    bind_filters(q, d, sq);
    if (sqlite3_step(q) != SQLITE_ROW) {
        sq_release(q);
        return sq_fail(s, e, "counting");
    }
    *total = (long)sqlite3_column_int64(q, 0);
    sq_release(q);
    if (keyed)
        sq_total_put(s, key, *total);
    return 0;
}

int store_query(struct store *st, const struct store_query *sq, long *total, store_row_cb cb,
                void *ctx, struct err *e)
{
    struct sqlite_store *s = sqs(st);
    const struct list_def *d;
    char sql[4096], where[1024];
    const char *sort, *expr, *dir;
    sqlite3_stmt *q = NULL;
    long rows = 0;
    int rc, si = 0;

    if (!s || (unsigned)sq->what >= SL_NLISTS)
        return err_set(e, SY_EUSAGE, "no such list");
    d = &lists[sq->what];
    sort = sq->sort ? sq->sort : d->sorts[0];
    if (!store_list_sortable(sq->what, sort))
        return err_set(e, SY_EUSAGE, "cannot sort on '%s'; use one of %s", sort, d->sort_names);
    while (strcmp(d->sorts[si], sort) != 0)
        si++;
    expr = d->exprs && d->exprs[si] ? d->exprs[si] : sort;
    dir = (sq->sort ? sq->desc : d->default_desc) ? "DESC" : "ASC";
    if (build_where(d, sq, where, sizeof where))
        return err_set(e, SY_EUSAGE, "too many filters");
    if (total && (rc = count_rows(s, d, sq, where, total, e)))
        return rc;
    /* sort is one of the whitelisted names: no data in the SQL text. The key
     * breaks ties (in the same direction, so that one index serves both) and
     * pages never overlap. A page chooses its rows' identities first, on the
     * table alone and its indexes, then reads the columns of those rows only. */
    if (sq->limit > 0)
        snprintf(sql, sizeof sql,
                 "%s WHERE %s IN (SELECT %s FROM %s WHERE %s ORDER BY %s %s, %s %s LIMIT ?%d "
                 "OFFSET ?%d) ORDER BY %s %s, %s %s",
                 d->select, d->rid, d->rid, d->from, where, expr, dir, d->key, dir,
                 STORE_QUERY_FILTERS + 1, STORE_QUERY_FILTERS + 2, expr, dir, d->key, dir);
    else
        snprintf(sql, sizeof sql, "%s WHERE %s ORDER BY %s %s, %s %s", d->select, where, expr, dir,
                 d->key, dir);
    if (!(q = sq_cached(s, sql, e)))
        return SY_ESTORE;
    bind_filters(q, d, sq);
    if (sq->limit > 0) {
        sqlite3_bind_int64(q, STORE_QUERY_FILTERS + 1, sq->limit);
        sqlite3_bind_int64(q, STORE_QUERY_FILTERS + 2, sq->offset > 0 ? sq->offset : 0);
    }
    rc = emit_rows(s, q, cb, ctx, &rows, e);
    sq_release(q);
    return rc;
}

int store_query_one(struct store *st, enum store_list w, const char *key, store_row_cb cb,
                    void *ctx, struct err *e)
{
    struct sqlite_store *s = sqs(st);
    const struct list_def *d;
    char sql[2048];
    sqlite3_stmt *q = NULL;
    long rows = 0;
    int rc;

    if (!s || (unsigned)w >= SL_NLISTS)
        return err_set(e, SY_EUSAGE, "no such list");
    d = &lists[w];
    snprintf(sql, sizeof sql, "%s WHERE %s = ?1%s LIMIT 1", d->select, d->key,
             w == SL_CANDIDATES ? " AND active = 1" : "");
    if (!(q = sq_cached(s, sql, e)))
        return SY_ESTORE;
    sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
    rc = emit_rows(s, q, cb, ctx, &rows, e);
    sq_release(q);
    if (!rc && rows == 0)
        return err_set(e, SY_ENOTFOUND, "not found");
    return rc;
}

int store_query_optimize(struct store *st, struct err *e)
{
    struct sqlite_store *s = sqs(st);

    if (sqlite3_exec(s->db, "PRAGMA analysis_limit = 1000; ANALYZE", NULL, NULL, NULL) != SQLITE_OK)
        return sq_fail(s, e, "refreshing the planner's statistics");
    return SY_OK;
}

int store_summary_counts(struct store *st, const char *territory, store_row_cb cb, void *ctx,
                         struct err *e)
{
    struct sqlite_store *s = sqs(st);
    sqlite3_stmt *q = NULL;
    long rows = 0;
    int rc;

    if (!(q = sq_cached(
              s,
              "SELECT 'candidates.kind' AS grp, kind AS name, COUNT(*) AS n FROM candidate WHERE "
              "active = 1 AND territory = ?1 GROUP BY kind "
              "UNION ALL SELECT 'candidates.status', status, COUNT(*) FROM candidate WHERE active "
              "= "
              "1 AND territory = ?1 GROUP BY status "
              "UNION ALL SELECT 'synergies.stage', stage, COUNT(*) FROM synergy WHERE territory = "
              "?1 GROUP BY stage "
              "UNION ALL SELECT 'actors', '', COUNT(*) FROM actor WHERE territory = ?1 "
              "UNION ALL SELECT 'flows', '', COUNT(*) FROM flow f JOIN actor a ON a.id = "
              "f.actor_id WHERE a.territory = ?1",
              e)))
        return SY_ESTORE;
    sqlite3_bind_text(q, 1, territory, -1, SQLITE_STATIC);
    rc = emit_rows(s, q, cb, ctx, &rows, e);
    sq_release(q);
    return rc;
}
