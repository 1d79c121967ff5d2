/*
 * diag.h - a bounded list of located diagnostics ("FILE:LINE:COLUMN: message").
 *
 * Imports collect every problem they find, up to DIAG_MAX errors, so that a
 * person can fix a spreadsheet in one pass. Warnings are kept apart and do not
 * make an import fail. Lines and columns count from 1; 0 means "not known".
 * Each entry is a structured record (line, byte column, field index, column
 * name, level, message) that a caller may render as it likes: the CLI as
 * FILE:LINE:COL, the API as JSON, a French message as "ligne 2, colonne C".
 */
#ifndef SY_DIAG_H
#define SY_DIAG_H

#include <stddef.h>

#define DIAG_MAX 100
#define DIAG_MSG_MAX 256

enum diag_level { DIAG_ERROR, DIAG_WARNING };

#define DIAG_COLUMN_MAX 64

/* One problem, located: the file is the list's (struct diags.file). */
struct diag {
    enum diag_level level;
    long line;                    /* 1-based, 0 unknown */
    long col;                     /* byte column in the line, 1-based, 0 unknown */
    int field;                    /* 0-based field index in the record, -1 unknown */
    char column[DIAG_COLUMN_MAX]; /* the column's header name, "" unknown */
    char msg[DIAG_MSG_MAX];
};

struct diags {
    const char *file;  /* borrowed: the name printed before each entry */
    const char *sheet; /* borrowed: a workbook's sheet name, NULL for a CSV file */
    struct diag *v;
    size_t n;
    size_t cap;
    size_t nerrors; /* all errors seen, including those dropped past DIAG_MAX */
    size_t nwarnings;
};

void diags_init(struct diags *d, const char *file);
void diags_release(struct diags *d);
/* Records an error; past DIAG_MAX errors only the count grows. */
void diags_error(struct diags *d, long line, long col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void diags_warning(struct diags *d, long line, long col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Records an error or a warning with the field (0-based, -1 unknown) and the
 * column's name (NULL unknown) as well. */
void diags_add(struct diags *d, enum diag_level level, long line, long col, int field,
               const char *column, const char *fmt, ...) __attribute__((format(printf, 7, 8)));
/* The spreadsheet letters of a 1-based field: 1 "A", 26 "Z", 27 "AA". */
void diag_col_letters(long field, char *out, size_t n);
/* True once DIAG_MAX errors are stored: callers may stop scanning. */
int diags_full(const struct diags *d);
/* Formats entry i as "FILE:LINE:COLUMN: error: message" into out (size n);
 * when its field is known, the location a spreadsheet user reads ends it:
 * "FILE:2:39: error: message [line 2, column C (siret)]" (on a sheet,
 * "[sheet NAME, row 2, column C (siret)]"), translated. */
void diags_format(const struct diags *d, size_t i, char *out, size_t n);

#endif
