/*
 * sqlite_open.c - opening a database file as the input it is: the
 * connection for a mode, and the checks that the file is a symbiose database
 * this program can read or migrate. A crafted file (not SQLite, truncated, a
 * foreign schema, a negative, unknown or newer user_version) is refused with
 * SY_ESTORE before anything reads or writes our tables.
 */
#include "store/sqlite_int.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/i18n.h"

/* Tables every schema version has: their presence tells our file from a foreign one. */
static const char sq_signature[] =
    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
    "('territory', 'actor', 'flow')";

static int open_plain(struct sqlite_store *s, const char *path, int flags)
{
    if (s->db) {
        sqlite3_close(s->db);
        s->db = NULL;
    }
    return sqlite3_open_v2(path, &s->db, flags | SQLITE_OPEN_NOMUTEX, NULL);
}

/* Opens path read-only and immutable: for a file in a folder where no -shm
 * can be made (a read-only medium or mount), which nobody can write either. */
static int open_immutable(struct sqlite_store *s, const char *path)
{
    char uri[sizeof s->path * 3 + 32];
    size_t k;

    k = (size_t)snprintf(uri, sizeof uri, "file:");
    for (const unsigned char *p = (const unsigned char *)path; *p && k + 4 < sizeof uri; p++) {
        if (*p == '%' || *p == '?' || *p == '#' || *p < 0x21)
            k += (size_t)snprintf(uri + k, sizeof uri - k, "%%%02X", *p);
        else
            uri[k++] = (char)*p;
    }
    snprintf(uri + k, sizeof uri - k, "?immutable=1");
    return open_plain(s, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
}

int sq_connect(struct sqlite_store *s, const char *path, enum store_mode mode, struct err *e)
{
    struct stat st;
    int rc;

    if (stat(path, &st) != 0) {
        if (errno != ENOENT || mode != STORE_CREATE)
            return err_set(e, SY_ESTORE,
                           _("no database at %s (%s); check --db, or create one with "
                             "'symbiose init'"),
                           path, strerror(errno));
    } else if (S_ISDIR(st.st_mode)) {
        return err_set(e, SY_ESTORE, _("%s is a folder, not a database file; check --db"), path);
    }
    if (mode == STORE_READ) {
        rc = open_plain(s, path, SQLITE_OPEN_READONLY);
        /* A WAL file needs its -shm index; where none can be created (the
         * file is not ours to write), read it as immutable. */
        if (rc == SQLITE_OK &&
            sqlite3_exec(s->db, "SELECT 1 FROM sqlite_master LIMIT 1", NULL, NULL, NULL) !=
                SQLITE_OK &&
            access(path, W_OK) != 0)
            rc = open_immutable(s, path);
    } else {
        rc = open_plain(s, path,
                        SQLITE_OPEN_READWRITE | (mode == STORE_CREATE ? SQLITE_OPEN_CREATE : 0));
    }
    if (rc != SQLITE_OK)
        return err_set(e, SY_ESTORE,
                       _("cannot open database %s: %s; check the path and permissions"), path,
                       s->db ? sqlite3_errmsg(s->db) : "out of memory");
    return SY_OK;
}

static int query_int(struct sqlite_store *s, const char *sql, int *out)
{
    sqlite3_stmt *q;
    int rc;

    if (sqlite3_prepare_v2(s->db, sql, -1, &q, NULL) != SQLITE_OK)
        return SY_ESTORE;
    rc = sqlite3_step(q);
    *out = rc == SQLITE_ROW ? sqlite3_column_int(q, 0) : 0;
    sqlite3_finalize(q);
    return rc == SQLITE_ROW ? SY_OK : SY_ESTORE;
}

static int not_ours(struct sqlite_store *s, struct err *e)
{
    int xc = sqlite3_extended_errcode(s->db);

    if (xc == SQLITE_NOTADB)
        return err_set(
            e, SY_ESTORE,
            _("%s is not a database (not a SQLite file, or an encrypted one); check --db"),
            s->path);
    if ((xc & 0xff) == SQLITE_CORRUPT)
        return err_set(e, SY_ESTORE,
                       _("%s is damaged (%s); restore it from a backup ('symbiose restore')"),
                       s->path, sqlite3_errmsg(s->db));
    return sq_fail(s, e, "reading the database header");
}

int sq_check_schema(struct sqlite_store *s, enum store_mode mode, int *version, struct err *e)
{
    int v, ours, tables;

    if (query_int(s, "PRAGMA user_version", &v) ||
        query_int(s, "SELECT count(*) FROM sqlite_master", &tables) ||
        query_int(s, sq_signature, &ours))
        return not_ours(s, e);
    *version = v;
    if (v < 0 || (v == 0 && tables > 0) || (v > 0 && ours != 3))
        return err_set(
            e, SY_ESTORE,
            ngettext("%s is a SQLite database but not a symbiose one (schema version %d, "
                     "%d table); check --db: symbiose will not add its tables to it",
                     "%s is a SQLite database but not a symbiose one (schema version %d, "
                     "%d tables); check --db: symbiose will not add its tables to it",
                     (unsigned long)tables),
            s->path, v, tables);
    if (v > sq_nmigrations)
        return err_set(e, SY_ESTORE,
                       _("database %s has schema version %d, newer than this symbiose (%d); "
                         "upgrade symbiose"),
                       s->path, v, sq_nmigrations);
    if (mode == STORE_READ && v == 0)
        return err_set(e, SY_ESTORE,
                       _("%s is empty, not a symbiose database; check --db, or create one with "
                         "'symbiose init'"),
                       s->path);
    if (mode == STORE_READ && v < sq_nmigrations)
        return err_set(e, SY_ESTORE,
                       _("database %s has schema version %d, older than this symbiose (%d); "
                         "upgrade it with 'symbiose --db %s init'"),
                       s->path, v, sq_nmigrations, s->path);
    return SY_OK;
}
