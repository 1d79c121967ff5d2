/*
 * table.h - list output for people (aligned table) and scripts (CSV, JSON).
 *
 * Every list command describes its columns once (io/record.h) and feeds
 * records or rows of strings;
 * the writer takes care of quoting, alignment (by UTF-8 code points, numbers
 * right-aligned) and JSON types (numeric columns become numbers, empty
 * values null). CSV and JSON stream; the table buffers to align.
 */
#ifndef SY_TABLE_H
#define SY_TABLE_H

#include <stddef.h>
#include <stdio.h>

#include "io/record.h"
#include "util/err.h"

struct buf;

/* OUT_XLSX: an Excel workbook (io/xlsx.h) written to a stream sink: typed
 * cells, a bold frozen header; binary, so the caller refuses a terminal. */
enum out_format { OUT_TABLE, OUT_CSV, OUT_JSON, OUT_GEOJSON, OUT_XLSX };

#define OUT_COL_JSON 2

struct out_col {
    const char *name; /* field name in CSV and JSON */
    int numeric;      /* JSON number, right-aligned in tables; OUT_COL_JSON: the
                       * value is JSON text, inserted as is in JSON output */
    int max_width;    /* tables truncate longer values with "…"; 0 = no limit */
};

struct out;

/* Parses "table", "csv", "json", "xlsx" (and "geojson" if allow_geojson). */
int out_format_parse(const char *s, enum out_format *f, int allow_geojson, struct err *e);
/* Where a writer writes: a stream, or an in-memory buffer (util/buf.h; its
 * limit applies: out_finish returns SY_ELIMIT past it). Exactly one is set. */
struct out_sink {
    FILE *f;
    struct buf *b;
};

/* A writer on f (borrowed). cols is borrowed and must outlive the writer. */
struct out *out_new(FILE *f, enum out_format fmt, const struct out_col *cols, size_t ncols);
struct out *out_new_sink(struct out_sink sink, enum out_format fmt, const struct out_col *cols,
                         size_t ncols);

/* A writer of records described by d (io/record.h): the columns whose flags
 * have any bit of need (REC_CSV, REC_LIST...), in the list's order. */
#define OUT_REC_COLS 32
struct out *out_new_rec(struct out_sink sink, enum out_format fmt, const struct rec_desc *d,
                        unsigned need);
/* The same with nextra columns after the record's, for values no record
 * holds (a candidate's checklist as JSON text); extra is borrowed. */
struct out *out_new_rec_extra(struct out_sink sink, enum out_format fmt, const struct rec_desc *d,
                              unsigned need, const struct out_col *extra, size_t nextra);
/* Adds rec as a row (a writer made by out_new_rec). */
int out_rec(struct out *o, const void *rec);
/* Adds rec and the values of the extra columns (NULL: all empty). */
int out_rec_extra(struct out *o, const void *rec, const char *const *extra);
/* Adds a row of ncols values (NULL or "" = empty). */
int out_row(struct out *o, const char *const *vals);
/* Ends the output (prints the table, closes the JSON array). */
int out_finish(struct out *o);
void out_free(struct out *o);
/* Enumerated values (an actor's kind, a flow's direction...) of out_rec rows
 * pass through word, which returns them as a person of another language
 * reads them (or unchanged). */
void out_set_words(struct out *o, const char *(*word)(const char *english));
/* The format of o. */
enum out_format out_get_format(const struct out *o);
/* Rows written so far. */
size_t out_count(const struct out *o);

/* How CSV is written: the separator, the decimal mark of numeric columns
 * and a UTF-8 byte order mark first (Excel needs it to read UTF-8). French
 * spreadsheets expect ';', ',' and the BOM (out_csv_french). Process-wide:
 * set once, before any output; the default is ',', '.' and no BOM. */
struct out_csv_style {
    char sep;
    char decimal;
    int bom;
};
void out_set_csv_style(const struct out_csv_style *st);
extern const struct out_csv_style out_csv_french;

/* Writes s as one CSV field (quoted when needed). */
void out_csv_field(FILE *f, const char *s);

#endif
