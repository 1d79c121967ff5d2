/*
 * sqlite_backup.c - online backup and checked restore (store_backup.h),
 * through sqlite3_backup_*.
 */
#include "store/sqlite_int.h"
#include "store/store_backup.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Runs PRAGMA integrity_check on db; SY_ESTORE with its first line unless "ok". */
static int integrity(sqlite3 *db, const char *path, struct err *e)
{
    sqlite3_stmt *q;
    int rc;

    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check(1)", -1, &q, NULL) != SQLITE_OK)
        return err_set(e, SY_ESTORE, "%s: cannot check integrity: %s", path, sqlite3_errmsg(db));
    rc = sqlite3_step(q);
    if (rc != SQLITE_ROW) {
        rc = err_set(e, SY_ESTORE, "%s: cannot check integrity: %s", path, sqlite3_errmsg(db));
    } else {
        const char *r = (const char *)sqlite3_column_text(q, 0);

        rc = r && strcmp(r, "ok") == 0
                 ? SY_OK
                 : err_set(e, SY_ESTORE, "%s fails its integrity check: %s", path, r ? r : "?");
    }
    sqlite3_finalize(q);
    return rc;
}

/* Copies every page of from into to, in one step. */
static int copy(sqlite3 *to, sqlite3 *from, const char *what, struct err *e)
{
    sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
    int rc;

    if (!b)
        return err_set(e, SY_ESTORE, "%s: %s", what, sqlite3_errmsg(to));
    rc = sqlite3_backup_step(b, -1);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE)
        return err_set(e, SY_ESTORE, "%s: %s", what,
                       rc == SQLITE_BUSY || rc == SQLITE_LOCKED
                           ? "the database is locked by another process; retry"
                           : sqlite3_errstr(rc));
    return SY_OK;
}

static int exists(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0;
}

int store_backup(struct store *st, const char *dest, int force, struct err *e)
{
    struct sqlite_store *s = (struct sqlite_store *)st;
    char tmp[sizeof s->path + 32];
    sqlite3 *to = NULL;
    int rc;

    if (strcmp(st->ops->name, "sqlite") != 0)
        return err_set(e, SY_EUSAGE, "backup works on SQLite databases only");
    if (!force && exists(dest))
        return err_set(e, SY_EUSAGE, "%s exists; give another name, or --force to replace it",
                       dest);
    snprintf(tmp, sizeof tmp, "%s.tmp-%ld", dest, (long)getpid());
    unlink(tmp);
    if (sqlite3_open_v2(tmp, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        rc = err_set(e, SY_EIO, "cannot create %s: %s", tmp, to ? sqlite3_errmsg(to) : "no memory");
        goto out;
    }
    /* One read transaction: the snapshot is consistent while writers go on (WAL). */
    if (sqlite3_exec(s->db, "BEGIN; SELECT count(*) FROM sqlite_master", NULL, NULL, NULL) !=
        SQLITE_OK) {
        rc = sq_fail(s, e, "starting the backup");
        goto out;
    }
    rc = copy(to, s->db, "backing up", e);
    sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
    if (!rc && sqlite3_exec(to, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK)
        rc = err_set(e, SY_ESTORE, "%s: %s", tmp, sqlite3_errmsg(to));
    if (!rc)
        rc = integrity(to, tmp, e);
    sqlite3_close(to);
    to = NULL;
    if (!rc && rename(tmp, dest) != 0)
        rc = err_set(e, SY_EIO, "cannot rename %s to %s: %s", tmp, dest, strerror(errno));
out:
    if (to)
        sqlite3_close(to);
    if (rc)
        unlink(tmp);
    return rc;
}

int store_restore(const char *target, const char *src, int force, struct err *e)
{
    struct sqlite_store from = {0}, to = {0};
    int rc, v = 0;

    if (!force && exists(target))
        return err_set(e, SY_EUSAGE,
                       "%s exists; restoring would replace it: give --force to do so (back it "
                       "up first with 'symbiose --db %s backup FILE')",
                       target, target);
    snprintf(from.path, sizeof from.path, "%s", src);
    snprintf(to.path, sizeof to.path, "%s", target);
    rc = sq_connect(&from, src, STORE_READ, e);
    if (!rc)
        rc = sq_check_schema(&from, STORE_WRITE, &v, e);
    if (!rc && v == 0)
        rc = err_set(e, SY_ESTORE, "%s is an empty database, not a symbiose backup", src);
    if (!rc)
        rc = integrity(from.db, src, e);
    if (!rc)
        rc = sq_connect(&to, target, STORE_CREATE, e);
    if (!rc) {
        sqlite3_busy_timeout(to.db, 5000);
        rc = copy(to.db, from.db, "restoring", e);
    }
    if (!rc)
        rc = integrity(to.db, target, e);
    sqlite3_close(from.db);
    sqlite3_close(to.db);
    if (rc)
        err_prefix(e, "restore of %s not done", target);
    return rc;
}
