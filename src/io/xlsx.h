/*
 * xlsx.h - tables to an Excel workbook (libxlsxwriter), one sheet per table.
 *
 * Same column lists as the CSV and JSON writers (struct out_col): a numeric
 * column's values become number cells, an ISO 8601 date ("2026-03-14") or
 * date-time ("2026-03-14T09:30:00Z") in any other column becomes a date
 * cell shown as such; everything else is text. Each sheet gets a bold,
 * frozen header row, an autofilter and column widths from its content.
 * Rows stream (constant memory): write each sheet's rows in order.
 *
 * A workbook is written to a path, or to a FILE * (stdout): then it is built
 * in a temporary file and copied at xlsx_close, since a zip archive cannot
 * be streamed. Errors: SY_EIO (file), SY_ELIMIT (more than 1,048,575 rows
 * or a cell past 32,767 bytes), SY_EUSAGE (API misuse), SY_ENOMEM.
 */
#ifndef SY_XLSX_H
#define SY_XLSX_H

#include <stddef.h>
#include <stdio.h>

#include "io/table.h"
#include "util/err.h"

struct xlsx;

/* A workbook written to path at xlsx_close. NULL with e set. */
struct xlsx *xlsx_open_path(const char *path, struct err *e);
/* A workbook copied to f (borrowed, binary) at xlsx_close. NULL with e set. */
struct xlsx *xlsx_open_file(FILE *f, struct err *e);

/* Starts a sheet named name (up to 31 characters; []:*?/\ become '_'; a
 * name already used gets " 2", " 3"...) and writes its header row. cols is
 * borrowed and must outlive the sheet (until the next xlsx_sheet or close). */
int xlsx_sheet(struct xlsx *x, const char *name, const struct out_col *cols, size_t ncols,
               struct err *e);
/* Adds a row of ncols values (NULL or "" = empty cell) to the current sheet. */
int xlsx_row(struct xlsx *x, const char *const *vals, struct err *e);
/* Rows written to the current sheet, header excluded. */
size_t xlsx_count(const struct xlsx *x);

/* Writes the workbook and frees x (always, even on error). */
int xlsx_close(struct xlsx *x, struct err *e);
/* Abandons the workbook: nothing is left behind (the file, temporary or at
 * the path given, is removed). NULL is a no-op. */
void xlsx_free(struct xlsx *x);

/* 1 if s is "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM[:SS[.fff]][Z]" (year 1900-9999)
 * and fills the parts; 0 otherwise. */
int xlsx_parse_date(const char *s, int *y, int *mo, int *d, int *h, int *mi, double *sec);

#endif
