/*
 * sqlite_net_int.h - helpers shared by sqlite_network.c and sqlite_events.c
 * (private to src/store/). Their statements use the slots SQ_NET_FIRST +
 * 0..31 (sqlite_network.c) and + 32..63 (sqlite_events.c).
 */
#ifndef SY_SQLITE_NET_INT_H
#define SY_SQLITE_NET_INT_H

#include "store/sqlite_int.h"
#include "store/store_network.h"

/* The SQLite store behind s: the network tables exist only there for now. */
struct sqlite_store *sqn(struct store *s);
/* The cached statement of network slot k (0..63). */
sqlite3_stmt *sqn_stmt(struct sqlite_store *s, int k, const char *sql, struct err *e);
/* Steps q, calling visit(q, arg) per row until it returns non-zero; resets q.
 * Returns the visit's value, SY_OK at the end, or SY_ESTORE saying what failed. */
int sqn_each(struct sqlite_store *s, sqlite3_stmt *q, int (*visit)(sqlite3_stmt *q, void *arg),
             void *arg, const char *what, struct err *e);
/* Binds the [start, end] dates of a year (0 = every date) at i and i + 1. */
void sqn_bind_year(sqlite3_stmt *q, int i, int year);

/* Callback and context of a listing, for the visit functions (a function
 * pointer converts to another function pointer type and back, not to void *). */
struct visit {
    void (*cb)(void);
    void *ctx;
};

#endif
