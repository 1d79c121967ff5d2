/*
 * store_backup.h - online backup and checked restore of a store.
 *
 * A backup is a consistent snapshot taken with SQLite's online backup API
 * while other processes keep writing (the database is in WAL mode: the
 * snapshot is one read transaction). It is written beside the destination,
 * checked (PRAGMA integrity_check), then renamed into place, so a
 * destination file is either the whole backup or absent.
 */
#ifndef SY_STORE_BACKUP_H
#define SY_STORE_BACKUP_H

#include "store/store.h"

/* Copies the open store s into the file dest. An existing dest is kept
 * (SY_EUSAGE) unless force. */
int store_backup(struct store *s, const char *dest, int force, struct err *e);

/* Replaces the database at target by the backup file src, after checking that
 * src is a symbiose database of a version this program knows and that
 * PRAGMA integrity_check says ok (else SY_ESTORE, target untouched). An
 * existing target is kept (SY_EUSAGE) unless force. The copy is one
 * transaction on target: readers see the old or the new database. */
int store_restore(const char *target, const char *src, int force, struct err *e);

#endif
