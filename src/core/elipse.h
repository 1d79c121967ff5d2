/*
 * elipse.h - the yearly self-evaluation in the frame of ELIPSE, the national
 * referential for EIT approaches (Orée with ADEME): the indicator list from
 * the knowledge base (data/elipse/indicators.csv), the validation of values
 * a facilitator enters, and the table of one territory's values for a year,
 * computed from the database where the list says how (computed_from, a key
 * of the report figures), entered otherwise. See docs/elipse.md.
 */
#ifndef SY_ELIPSE_H
#define SY_ELIPSE_H

#include <stddef.h>

#include "store/store.h"
#include "util/err.h"

struct elipse_ind {
    char code[16];
    char axis[32];
    char label_fr[256];
    char label_en[256];
    int required;
    char unit[32];
    double scale_max;
    char computed_from[64]; /* "" = entered */
    char definition[1024];
    char published[32]; /* "found" or "not found" */
    char source[128];
};

struct elipse_list {
    struct elipse_ind *v;
    size_t n;
    char path[4096];
};

/* Reads <kb_dir>/elipse/indicators.csv. SY_EIO if missing, SY_EINPUT with
 * FILE:LINE:COLUMN for a bad row (unknown axis, required not 0/1, bad
 * scale_max, duplicate code). */
int elipse_load(const char *kb_dir, struct elipse_list *out, struct err *e);
void elipse_release(struct elipse_list *l);
/* The indicator of code (ASCII case ignored), or NULL. Borrowed. */
const struct elipse_ind *elipse_find(const struct elipse_list *l, const char *code);

/* Parses a value as the indicator's unit wants it: yes/no (also oui/non,
 * 1/0), a score 0-4 (whole), a percentage 0-100, otherwise a number >= 0
 * (French decimal comma accepted). SY_EINPUT saying what is expected. */
int elipse_parse_value(const struct elipse_ind *ind, const char *text, double *out, struct err *e);

/* Records a facilitator's value for (territory, year, code). SY_EINPUT for
 * an unknown code, a computed indicator or a bad value; SY_ENOTFOUND for an
 * unknown territory; year must be 1990-2100 (SY_EUSAGE). */
int elipse_set(struct store *s, const struct elipse_list *l, const char *territory, int year,
               const char *code, const char *value, const char *by, const char *note,
               struct err *e);

/* One row of a territory's evaluation for a year. */
struct elipse_row {
    const struct elipse_ind *ind; /* borrowed from the list */
    double value;                 /* NAN = none */
    char basis[16];               /* computed | entered | missing */
    char source[1024];
};

#endif
