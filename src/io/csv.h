/*
 * csv.h - a streaming RFC 4180 reader for French spreadsheet exports.
 *
 * Accepts UTF-8 with or without BOM, CRLF or LF, a ',' or ';' separator
 * (detected on the header line: the one of the two that occurs more often
 * outside quotes, ',' on a tie), quoted fields with "" escapes and embedded
 * newlines. Every field is checked to be valid UTF-8. Every record and field
 * has a size limit. Lines and columns count from 1; a column is the 1-based
 * byte offset of the field's first character within its physical line.
 *
 * Errors are located: err->msg is "NAME:LINE:COL: what is wrong; what to do".
 * After SY_EINPUT for invalid UTF-8 or SY_ELIMIT for an over-long record the
 * reader has skipped to the start of the next record, so the caller may go on
 * collecting errors; after an unterminated quote it is at end of input (every
 * later call returns 0).
 *
 * Details (docs/internals/csv.md): a quoted field's column is that of its
 * opening quote; columns after a BOM count from the byte after it; a lone CR
 * ends a line like LF and CRLF; the record limit counts the raw bytes of the
 * record without its line break; a stray quote in an unquoted field, text
 * after a closing quote, a NUL byte or more than CSV_FIELDS_MAX fields are
 * errors after which the reader has also moved to the next record; after an
 * I/O error every later call returns 0. Separator detection looks at the
 * first 256 KiB only.
 */
#ifndef SY_CSV_H
#define SY_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "util/err.h"

#define CSV_RECORD_MAX ((size_t)1 << 20) /* default limit: 1 MiB per record */
#define CSV_FIELDS_MAX 1024

/* The default limit on a whole input: past it the reader stops with SY_ELIMIT. */
#define CSV_INPUT_MAX ((long long)4 << 30)

struct csv_opts {
    int sep;             /* ',' or ';', or 0 to detect */
    size_t record_max;   /* 0 = CSV_RECORD_MAX */
    long long input_max; /* 0 = CSV_INPUT_MAX bytes */
};

struct csv_record {
    size_t n;                   /* number of fields */
    const char **fields;        /* NUL-terminated, borrowed until the next csv_next */
    const size_t *lens;         /* byte length of each field */
    const long *cols;           /* column of each field */
    long line;                  /* line where the record starts */
    const unsigned char *flags; /* CSV_QUOTED if the field was quoted (keep its spaces) */
};

#define CSV_QUOTED 1

struct csv;

/* Opens a reader over a stream (borrowed; not closed by csv_free). name is
 * used in messages. Returns NULL only when out of memory. */
struct csv *csv_new_file(FILE *f, const char *name, const struct csv_opts *opts);
/* Opens a reader over a memory buffer (borrowed, must outlive the reader). */
struct csv *csv_new_mem(const char *data, size_t len, const char *name,
                        const struct csv_opts *opts);
void csv_free(struct csv *c);

/* Reads the next record into r. Returns 1 with a record, 0 at end of input,
 * or a negative SY_E* code with e set. Empty lines are skipped. */
int csv_next(struct csv *c, struct csv_record *r, struct err *e);

/* The separator in use (after detection on the first record), or 0 before. */
int csv_sep(const struct csv *c);
/* True if the input began with a UTF-8 BOM. */
int csv_had_bom(const struct csv *c);
/* The current line number (1-based) of the reader. */
long csv_line(const struct csv *c);

/* Parses a decimal number as found in French exports: optional sign, digits
 * with optional thin/normal/no-break space thousands separators, and a '.' or
 * ',' decimal mark ("1 234,5", "-0.25", "12"). No exponent, no trailing text.
 * Returns 0 and *out, or SY_EINPUT. */
int csv_parse_number(const char *s, double *out);

#endif
