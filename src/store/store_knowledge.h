/*
 * store_knowledge.h - a territory's local knowledge: routes, sector-profile
 * rows and impact factors that override or add to the shipped data/ files,
 * and the facilitators' technical rejections that make a route rank lower.
 *
 * A local row is kept as one CSV record in the column order of its shipped
 * file (routes.csv, sector_profiles.csv, the factor files of data/factors), under a key:
 * the route id, "NACE|direction|code" for a profile row, the factor id.
 * core/knowledge.c validates rows before they are stored and lays them over
 * the shipped files at load time.
 */
#ifndef SY_STORE_KNOWLEDGE_H
#define SY_STORE_KNOWLEDGE_H

#include "store/store.h"

enum local_kind { LOCAL_ROUTE, LOCAL_PROFILE, LOCAL_FACTOR };

struct local_row {
    char territory[SY_ID_MAX];
    enum local_kind kind;
    char key[SY_NAME_MAX];
    char row[SY_TEXT_MAX]; /* one CSV record, no header */
    char updated[32];      /* UTC, ISO 8601 */
};

typedef int (*store_local_cb)(void *ctx, const struct local_row *r);

const char *local_kind_name(enum local_kind k); /* "route", "profile", "factor" */
int local_kind_parse(const char *s, enum local_kind *k);

/* Adds or replaces a row (updated is set to now). SY_ENOTFOUND for an unknown
 * territory; SY_ESTORE. */
int store_local_put(struct store *s, const struct local_row *r, struct err *e);
/* Deletes a row; SY_ENOTFOUND when there is none. */
int store_local_delete(struct store *s, const char *territory, enum local_kind kind,
                       const char *key, struct err *e);
/* 1 when the row exists, 0 when not, or SY_ESTORE. */
int store_local_exists(struct store *s, const char *territory, enum local_kind kind,
                       const char *key, struct err *e);
/* Lists a territory's rows of a kind (all kinds when kind < 0) by kind, then key. */
int store_local_list(struct store *s, const char *territory, int kind, store_local_cb cb, void *ctx,
                     struct err *e);

/* Technical rejections per rule in a territory: candidates rejected with a
 * reason that starts with "technical" or "technique" (any case, then ':' or a
 * blank). Calls cb(ctx, rule, count) once per rule with at least one. */
typedef int (*store_reject_cb)(void *ctx, const char *rule, int count);
int store_technical_rejections(struct store *s, const char *territory, store_reject_cb cb,
                               void *ctx, struct err *e);

#endif
