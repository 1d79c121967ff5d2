/*
 * report_build.h - fills a report document (io/report.h) from the store:
 * for one territory or for the whole network, for a year. Every figure
 * names its basis and its source. The ELIPSE indicators come with their
 * values year by year (computed from the same figures, or entered).
 */
#ifndef SY_REPORT_BUILD_H
#define SY_REPORT_BUILD_H

#include "core/elipse.h"
#include "io/report.h"
#include "store/store.h"

struct report_opts {
    const char *territory; /* one territory, or NULL with network = 1 */
    int network;           /* every territory and the consolidation */
    int year;
    const char *generator; /* "symbiose 0.1.0" */
};

/* Builds r (initialised by the caller with report_init). SY_ENOTFOUND for
 * an unknown territory or an empty network, SY_EUSAGE for a bad year. */
int report_build(struct store *s, const struct elipse_list *el, const struct report_opts *o,
                 struct report *r, struct err *e);

/* The figures of one territory for a year, into r under the territory's
 * code (used by the report and by 'elipse show'). */
int report_territory_figures(struct store *s, const struct territory *t, int year, struct report *r,
                             struct err *e);

/* The ELIPSE rows of one territory for a year from figures already in r
 * (scope = territory) and the values entered. rows has room for el->n. */
int report_elipse_rows(struct store *s, const struct elipse_list *el, const struct report *r,
                       const char *territory, int year, struct elipse_row *rows, struct err *e);

#endif
