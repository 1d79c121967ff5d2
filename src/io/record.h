/*
 * record.h - one column list per record type: the names, types and order
 * shared by the CSV, JSON and table outputs, the CSV importers and the JSON
 * API, so that a listing re-imports and an API field is named like its CSV
 * column.
 *
 * A column is data: its name, its JSON type, flags saying where it appears,
 * and where its value lives in the record (a member at an offset), or a
 * getter for a value that is computed (an enum's name, a code with its
 * hazard asterisk). A setter parses a text value into the record, checking
 * its form only (what needs the database, such as a nomenclature code that
 * must exist, is the importer's and core/edit's job).
 *
 * Contacts appear in two lists: rec_contact (the contact as such, with its
 * actor_id) and rec_actor_contact (the contact_* columns of an actor file).
 */
#ifndef SY_RECORD_H
#define SY_RECORD_H

#include <stddef.h>

enum rec_type {
    REC_TEXT,   /* a char[size] member at off, or a getter */
    REC_NUMBER, /* a double member at off; JSON number */
    REC_INT,    /* an int member at off; JSON integer */
    REC_BOOL    /* an int member at off, 0 or 1; JSON boolean, "1"/"0" in text */
};

enum rec_flags {
    REC_REQUIRED = 1 << 0, /* an import's header must name it */
    REC_IN = 1 << 1,       /* read by the CSV import of the record */
    REC_LIST = 1 << 2,     /* written by the CLI list outputs (table, JSON) */
    REC_CSV = 1 << 3,      /* written by the CLI CSV output */
    REC_API = 1 << 4,      /* in the API's JSON objects */
    REC_NUMERIC = 1 << 5,  /* text that is mostly a number (a headcount or a band such as
                            * "10-19"): right-aligned, a JSON number when it is one */
    REC_OUT = REC_LIST | REC_CSV | REC_API
};

#define REC_TEXT_MAX 1024 /* the longest value a column holds, NUL included */

struct rec_col {
    const char *name; /* CSV header, JSON field */
    enum rec_type type;
    unsigned flags; /* enum rec_flags */
    int width;      /* tables truncate longer values with "…"; 0 = no limit */
    size_t off;     /* member offset (REC_TEXT without getter, numbers, ints) */
    size_t size;    /* REC_TEXT member: its size */
    int fmt;        /* REC_NUMBER as text: precision * 2 + 1 for %f, precision * 2 for
                     * %g (REC_FMT in record.c); 0 = %.17g */
    /* A computed text value into buf (size n); returns buf or a static string. */
    const char *(*get)(const void *rec, char *buf, size_t n);
    /* 0 when the value is absent (empty in CSV, null in JSON); NULL = present. */
    int (*has)(const void *rec);
    /* Parses v into rec: 0, or SY_EINPUT with msg (what is wrong; what to do).
     * NULL for a member: copied (text, length checked) or parsed as a number. */
    int (*set)(void *rec, const char *v, char *msg, size_t n);
};

struct rec_desc {
    const char *name; /* "actor" */
    const char *list; /* "actors": the list's name, an xlsx sheet's (a msgid) */
    const struct rec_col *cols;
    size_t ncols;
};

extern const struct rec_desc rec_territory, rec_actor, rec_actor_contact, rec_contact, rec_flow,
    rec_candidate, rec_plan, rec_plan_line;

/* Index of the column named name, or -1. */
int rec_find(const struct rec_desc *d, const char *name);
/* 1 if column i of rec has a value (see has). */
int rec_has(const struct rec_desc *d, size_t i, const void *rec);
/* Column i of rec as text: borrowed from rec, or written into buf (size n, at
 * least 64); "" when absent. Never NULL. */
const char *rec_get(const struct rec_desc *d, size_t i, const void *rec, char *buf, size_t n);
/* The number in column i (REC_NUMBER, REC_INT, REC_BOOL), 0 when absent. */
double rec_num(const struct rec_desc *d, size_t i, const void *rec);
/* Sets column i of rec from text v ("" clears a text or an optional number).
 * 0, or SY_EINPUT with a message in msg; SY_EUSAGE for a derived column. */
int rec_set(const struct rec_desc *d, size_t i, void *rec, const char *v, char *msg, size_t n);

/* True if a header (or an edit's field name) names the column called name,
 * directly or by one of its documented aliases (French headers;
 * record_alias.c): "Identifiant" names id, "Quantité" quantity. */
int rec_header_matches(const char *header, const char *name);
/* Folds a header or name for comparison: ASCII lowercase, French accents
 * dropped, runs of spaces, '-', '_', '.', apostrophes and parentheses made
 * one '_'. */
void rec_fold(const char *s, char *out, size_t n);

#endif
