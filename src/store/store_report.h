/*
 * store_report.h - what reports read and keep beyond store.h: the latest
 * stored plan of a territory for a year, and the ELIPSE values entered by
 * facilitators (one per territory, year and indicator).
 *
 * Same conventions as store.h: 0 or a negative SY_E* code with e set;
 * listing callbacks get a borrowed record. SQL in sqlite_report.c.
 */
#ifndef SY_STORE_REPORT_H
#define SY_STORE_REPORT_H

#include "store/store.h"

/* The latest plan of territory created in or before year (0 = any year),
 * with its lines (owned by out: free with plan_release of core/plan_run.h,
 * or free(out->lines)). SY_ENOTFOUND if there is none. */
int store_plan_latest(struct store *s, const char *territory, int year, struct plan *out,
                      struct err *e);

struct elipse_value {
    char territory[SY_ID_MAX];
    int year;
    char indicator[16];
    double value;
    char by[SY_NAME_MAX];   /* who entered it */
    char at[32];            /* when (ISO 8601 UTC), set by store_elipse_put if empty */
    char note[SY_TEXT_MAX]; /* the facilitator's justification */
};

typedef int (*store_elipse_cb)(void *ctx, const struct elipse_value *v);

/* Inserts or replaces the value of (territory, year, indicator).
 * SY_ENOTFOUND if the territory does not exist. */
int store_elipse_put(struct store *s, const struct elipse_value *v, struct err *e);
/* Values of a territory, of one year (0 = every year), by year then indicator. */
int store_elipse_list(struct store *s, const char *territory, int year, store_elipse_cb cb,
                      void *ctx, struct err *e);

#endif
