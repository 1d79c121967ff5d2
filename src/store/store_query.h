/*
 * store_query.h - paginated, filtered and sorted lists for the JSON API.
 *
 * Each list (actors, flows, candidates, synergies, plans, territories,
 * contacts) has a fixed set of filters and sortable columns; rows come back
 * as typed cells named like the API's fields (the record lists of
 * io/record.h), so the server writes them without a record in between. The
 * sort column is chosen from the list's whitelist: no SQL is built from data,
 * every value is bound. Total is the number of rows the filters select.
 */
#ifndef SY_STORE_QUERY_H
#define SY_STORE_QUERY_H

#include "store/store.h"

enum store_list {
    SL_TERRITORIES,
    SL_ACTORS,
    SL_FLOWS,
    SL_CONTACTS,
    SL_CANDIDATES,
    SL_SYNERGIES,
    SL_PLANS,
    SL_PLAN_LINES,
    SL_NLISTS
};

#define STORE_QUERY_FILTERS 8

struct store_query {
    enum store_list what;
    const char *filter[STORE_QUERY_FILTERS]; /* by store_list_filters order; NULL = none */
    const char *sort;                        /* a sortable column; NULL = the list's default */
    int desc;
    long limit, offset;
};

enum store_cell_type { CELL_NULL, CELL_INT, CELL_REAL, CELL_TEXT };

struct store_cell {
    enum store_cell_type type;
    long long i;
    double d;
    const char *s; /* borrowed for the callback */
};

typedef int (*store_row_cb)(void *ctx, size_t n, const char *const *names,
                            const struct store_cell *cells);

/* The filter names of a list, NULL-terminated (static). */
const char *const *store_list_filters(enum store_list w);
/* 1 if col may be sorted on in list w. */
int store_list_sortable(enum store_list w, const char *col);
/* The sortable columns of w, comma-separated (static), for error messages. */
const char *store_list_sort_names(enum store_list w);

int store_query(struct store *s, const struct store_query *q, long *total, store_row_cb cb,
                void *ctx, struct err *e);

/* One row of a list by its key (id, code or candidate key) through cb.
 * SY_ENOTFOUND if there is none. */
int store_query_one(struct store *s, enum store_list w, const char *key, store_row_cb cb, void *ctx,
                    struct err *e);

/* Refreshes the query planner's statistics (ANALYZE, sampling at most 1,000
 * rows per index: milliseconds): the server runs it at start and after each
 * detection run, so that a page of one actor's candidates is read from the
 * actor's index and not by walking the territory's. SY_ESTORE. */
int store_query_optimize(struct store *s, struct err *e);

/* Counts for a territory's summary: cb gets (group, name, count) rows where
 * group is "candidates.kind", "candidates.status" or "synergies.stage". */
int store_summary_counts(struct store *s, const char *territory, store_row_cb cb, void *ctx,
                         struct err *e);

/* Sums of candidate quantities in unit between NACE divisions (suppliers'
 * to receivers', rejected candidates and a division's links to itself left
 * out): rows (source, target, value, source_label, target_label). */
int store_sankey(struct store *s, const char *territory, const char *unit, store_row_cb cb,
                 void *ctx, struct err *e);

#endif
