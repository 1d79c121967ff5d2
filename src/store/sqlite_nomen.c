/*
 * sqlite_nomen.c - nomenclatures (List of Waste, NACE, NAF, taxonomy) in
 * SQLite, with an FTS5 index over French and English labels that ignores
 * accents (unicode61 remove_diacritics 2).
 */
#include "store/sqlite_int.h"

#include <stdlib.h>
#include <string.h>

#define S(st) ((struct sqlite_store *)(st))
#define NOMEN_COLS "n.kind, n.code, n.level, n.parent, n.label_en, n.label_fr, n.hazardous"

static int kind_from_name(const char *s, enum nomen_kind *k)
{
    for (int i = 0; i < 4; i++) {
        if (strcmp(s, store_nomen_kind_name((enum nomen_kind)i)) == 0) {
            *k = (enum nomen_kind)i;
            return SY_OK;
        }
    }
    return SY_EINPUT;
}

static void nomen_from_row(sqlite3_stmt *q, struct nomen_entry *n)
{
    char kind[16];

    sq_col_text(q, 0, kind, sizeof kind);
    kind_from_name(kind, &n->kind);
    sq_col_text(q, 1, n->code, sizeof n->code);
    sq_col_text(q, 2, n->level, sizeof n->level);
    sq_col_text(q, 3, n->parent, sizeof n->parent);
    sq_col_text(q, 4, n->label_en, sizeof n->label_en);
    sq_col_text(q, 5, n->label_fr, sizeof n->label_fr);
    n->hazardous = sqlite3_column_int(q, 6);
}

int sq_nomen_put(struct store *st, const struct nomen_entry *n, struct err *e)
{
    struct sqlite_store *s = S(st);
    sqlite3_stmt *q = sq_stmt(s, SQ_NOMEN_PUT,
                              "INSERT INTO nomenclature (kind, code, level, parent, label_en, "
                              "label_fr, hazardous) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                              "ON CONFLICT (kind, code) DO UPDATE SET level = ?3, parent = ?4, "
                              "label_en = ?5, label_fr = ?6, hazardous = ?7",
                              e);

    if (!q)
        return SY_ESTORE;
    sqlite3_bind_text(q, 1, store_nomen_kind_name(n->kind), -1, SQLITE_STATIC);
    sq_bind_text(q, 2, n->code, 0);
    sq_bind_text(q, 3, n->level, 1);
    sq_bind_text(q, 4, n->parent, 1);
    sq_bind_text(q, 5, n->label_en, 1);
    sq_bind_text(q, 6, n->label_fr, 1);
    sqlite3_bind_int(q, 7, n->hazardous);
    return sq_exec_stmt(s, q, e, "saving a nomenclature entry");
}

int sq_nomen_get(struct store *st, enum nomen_kind kind, const char *code, struct nomen_entry *out,
                 struct err *e)
{
    struct sqlite_store *s = S(st);
    sqlite3_stmt *q = sq_stmt(s, SQ_NOMEN_GET,
                              "SELECT " NOMEN_COLS " FROM nomenclature n "
                              "WHERE n.kind = ?1 AND n.code = ?2",
                              e);
    int rc;

    if (!q)
        return SY_ESTORE;
    sqlite3_bind_text(q, 1, store_nomen_kind_name(kind), -1, SQLITE_STATIC);
    sq_bind_text(q, 2, code, 0);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        nomen_from_row(q, out);
    sqlite3_reset(q);
    if (rc == SQLITE_ROW)
        return SY_OK;
    if (rc == SQLITE_DONE)
        return err_set(e, SY_ENOTFOUND, "no %s code '%s'", store_nomen_kind_name(kind), code);
    return sq_fail(s, e, "reading a nomenclature entry");
}

static int run_list(struct sqlite_store *s, sqlite3_stmt *q, store_nomen_cb cb, void *ctx,
                    struct err *e, const char *what)
{
    struct nomen_entry *n = malloc(sizeof *n);
    int rc, crc = 0;

    if (!n) {
        sqlite3_reset(q);
        return err_set(e, SY_ENOMEM, "out of memory %s", what);
    }
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        nomen_from_row(q, n);
        crc = cb(ctx, n);
        if (crc)
            break;
    }
    free(n);
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    if (crc)
        return crc;
    return rc == SQLITE_DONE ? SY_OK : sq_fail(s, e, what);
}

int sq_nomen_list(struct store *st, enum nomen_kind kind, store_nomen_cb cb, void *ctx,
                  struct err *e)
{
    struct sqlite_store *s = S(st);
    sqlite3_stmt *q =
        sq_stmt(s, SQ_NOMEN_LIST,
                "SELECT " NOMEN_COLS " FROM nomenclature n WHERE n.kind = ?1 ORDER BY n.code", e);

    if (!q)
        return SY_ESTORE;
    sqlite3_bind_text(q, 1, store_nomen_kind_name(kind), -1, SQLITE_STATIC);
    return run_list(s, q, cb, ctx, e, "listing a nomenclature");
}

/* Turns free text into an FTS5 query: each word becomes a quoted prefix term,
 * so that user punctuation is never FTS syntax. */
static int fts_query(const char *text, char *out, size_t n)
{
    size_t o = 0;
    int words = 0;
    const unsigned char *p = (const unsigned char *)text;

    while (*p) {
        while (*p && !(*p >= 0x80 || (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
                       (*p >= 'A' && *p <= 'Z')))
            p++;
        if (!*p)
            break;
        if (o + 4 >= n)
            return SY_ELIMIT;
        if (words++)
            out[o++] = ' ';
        out[o++] = '"';
        while (*p && (*p >= 0x80 || (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
                      (*p >= 'A' && *p <= 'Z'))) {
            if (o + 4 >= n)
                return SY_ELIMIT;
            out[o++] = (char)*p++;
        }
        out[o++] = '"';
        out[o++] = '*';
    }
    out[o] = '\0';
    return words ? SY_OK : SY_EINPUT;
}

int sq_nomen_search(struct store *st, const char *text, int limit, store_nomen_cb cb, void *ctx,
                    struct err *e)
{
    struct sqlite_store *s = S(st);
    char query[1024];
    sqlite3_stmt *q;

    if (fts_query(text, query, sizeof query))
        return err_set(e, SY_EUSAGE, "search text must contain a word (at most 1000 bytes)");
    q = sq_stmt(s, SQ_NOMEN_SEARCH,
                "SELECT " NOMEN_COLS " FROM nomenclature_fts f "
                "JOIN nomenclature n ON n.rowid = f.rowid "
                "WHERE nomenclature_fts MATCH ?1 ORDER BY bm25(nomenclature_fts, 10.0, 1.0, 1.0), "
                "n.kind, n.code LIMIT ?2",
                e);
    if (!q)
        return SY_ESTORE;
    sq_bind_text(q, 1, query, 0);
    sqlite3_bind_int(q, 2, limit > 0 ? limit : 20);
    return run_list(s, q, cb, ctx, e, "searching the nomenclatures");
}

int sq_nomen_count(struct store *st, enum nomen_kind kind, long *n, struct err *e)
{
    struct sqlite_store *s = S(st);
    sqlite3_stmt *q =
        sq_stmt(s, SQ_NOMEN_COUNT, "SELECT count(*) FROM nomenclature WHERE kind = ?1", e);
    int rc;

    if (!q)
        return SY_ESTORE;
    sqlite3_bind_text(q, 1, store_nomen_kind_name(kind), -1, SQLITE_STATIC);
    rc = sqlite3_step(q);
    *n = rc == SQLITE_ROW ? sqlite3_column_int64(q, 0) : 0;
    sqlite3_reset(q);
    return rc == SQLITE_ROW ? SY_OK : sq_fail(s, e, "counting a nomenclature");
}

int sq_nomen_reindex(struct store *st, struct err *e)
{
    struct sqlite_store *s = S(st);

    if (sqlite3_exec(s->db, "INSERT INTO nomenclature_fts(nomenclature_fts) VALUES ('rebuild')",
                     NULL, NULL, NULL) != SQLITE_OK)
        return sq_fail(s, e, "rebuilding the nomenclature search index");
    return SY_OK;
}
