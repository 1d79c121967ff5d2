/*
 * report.h - a funder's report as a document: figures with their origin,
 * tables, places and links, and the ELIPSE self-evaluation; and its
 * writers (html, xlsx, json, geojson, csv).
 *
 * The document knows nothing of the store: src/core/report_build.c fills
 * it, the writers here only format it. Every figure carries its basis
 * (counted, declared, estimated, entered, computed) and its source (which
 * table, plan, factor and publication), and every format prints both.
 * Strings are copied in; the document owns everything (report_release).
 */
#ifndef SY_REPORT_H
#define SY_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "io/table.h"
#include "util/err.h"

#define REP_NAME_MAX 256
#define REP_TEXT_MAX 1024

enum rep_format { REP_HTML, REP_XLSX, REP_JSON, REP_GEOJSON, REP_CSV };

struct rep_figure {
    char scope[64];   /* territory code, or "network" for the consolidation */
    char section[32]; /* identity, actors, events, candidates, synergies, impact... */
    char key[64];     /* machine name, e.g. "impact.co2e_kg" */
    char label[REP_NAME_MAX];
    double value;
    char unit[24];  /* count, t, kg CO2e, EUR, % ... */
    char basis[16]; /* counted | declared | estimated | entered | computed */
    char source[REP_TEXT_MAX];
};

struct rep_table {
    char name[32]; /* sheet name and JSON key */
    char title[REP_NAME_MAX];
    struct out_col *cols; /* owned copies (names owned too) */
    size_t ncols;
    char **cells; /* nrows * ncols owned strings */
    size_t nrows, cap;
};

struct rep_place {
    char id[64];
    char name[REP_NAME_MAX];
    char territory[64];
    char kind[32];  /* company, public, association */
    char stage[32]; /* engagement stage, or "" */
    char naf[16];
    double lat, lon;
};

struct rep_link {
    char supplier[64], receiver[64];
    char resource[64];
    char territory[64];
    char status[32]; /* synergy stage or candidate status */
    double lat1, lon1, lat2, lon2;
    double quantity;
    char unit[16];
    double tonnes, co2e_kg, euros;
    char basis[16];
    char source[REP_TEXT_MAX];
};

/* One ELIPSE indicator for one scope: its definition and values by year. */
struct rep_elipse {
    char scope[64];
    char code[16];
    char axis[32];
    char label[REP_NAME_MAX];
    int required;
    double scale_max; /* full mark on the radar */
    int nyears;
    int years[16];      /* ascending */
    double values[16];  /* NAN = none that year */
    char basis[16][16]; /* computed | entered */
};

struct report {
    char title[REP_NAME_MAX];
    char scope[16]; /* "territory" or "network" */
    int year;
    char generated[32]; /* ISO 8601 UTC */
    char generator[64];
    struct rep_figure *figs;
    size_t nfigs, figcap;
    struct rep_table *tables;
    size_t ntables, tabcap;
    struct rep_place *places;
    size_t nplaces, placecap;
    struct rep_link *links;
    size_t nlinks, linkcap;
    struct rep_elipse *elipse;
    size_t nelipse, elipsecap;
    char notes[8][REP_TEXT_MAX]; /* caveats printed with the report */
    size_t nnotes;
};

/* Parses html, xlsx, json, geojson, csv. SY_EUSAGE with the list. */
int report_format_parse(const char *s, enum rep_format *f, struct err *e);
const char *report_format_name(enum rep_format f);

void report_init(struct report *r);
void report_release(struct report *r);

/* Adds a figure (strings copied, truncated to their fields). */
int report_figure(struct report *r, const char *scope, const char *section, const char *key,
                  const char *label, double value, const char *unit, const char *basis,
                  const char *source);
/* The figure of scope and key, or NULL (borrowed). */
const struct rep_figure *report_find(const struct report *r, const char *scope, const char *key);
/* Adds an empty table with copies of cols; returns it (borrowed) or NULL. */
struct rep_table *report_table(struct report *r, const char *name, const char *title,
                               const struct out_col *cols, size_t ncols);
int report_row(struct rep_table *t, const char *const *vals);
int report_place(struct report *r, const struct rep_place *p);
int report_link(struct report *r, const struct rep_link *l);
int report_elipse(struct report *r, const struct rep_elipse *x);
int report_note(struct report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Writes the report in fmt on f (binary for xlsx). */
int report_write(const struct report *r, enum rep_format fmt, FILE *f, struct err *e);

/* The writers, one file each. */
int report_write_html(const struct report *r, FILE *f, struct err *e);
int report_write_xlsx(const struct report *r, FILE *f, struct err *e);
int report_write_json(const struct report *r, FILE *f, struct err *e);
int report_write_geojson(const struct report *r, FILE *f, struct err *e);
int report_write_csv(const struct report *r, FILE *f, struct err *e);

/* The figure columns shared by csv and xlsx. */
extern const struct out_col report_figure_cols[];
extern const size_t report_figure_ncols;

#endif
