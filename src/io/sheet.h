/*
 * sheet.h - the first sheet of an Office Open XML workbook (.xlsx) or an
 * OpenDocument spreadsheet (.ods), read row by row like a CSV file.
 *
 * The workbook is a zip archive (libzip); its XML parts are parsed with
 * expat while they are inflated, so a sheet is never held whole in memory.
 * Rows come out as csv_record (io/csv.h): fields in column order (the gaps of
 * a sparse row filled with empty fields, trailing empty cells dropped), line
 * = the sheet's row number, cols[i] = i + 1 (column A = 1). Numbers come out
 * written in full (util/num.h: 1200000, never 1.2E6), booleans as 1 or 0, a
 * date as the number the sheet stores. Empty rows are skipped.
 *
 * Limits (docs/limits.md), each an error that names itself: SHEET_PART_MAX
 * bytes inflated per XML part (whatever the archive declares: a zip bomb
 * stops there), SHEET_CELLS_MAX cells, SHEET_STRINGS_MAX shared strings
 * holding at most SHEET_STRINGS_BYTES bytes, CSV_FIELDS_MAX columns and
 * CSV_RECORD_MAX bytes per row. A document type declaration is refused (no
 * entity expansion).
 */
#ifndef SY_SHEET_H
#define SY_SHEET_H

#include <stddef.h>

#include "io/csv.h"
#include "util/err.h"

#define SHEET_PART_MAX ((long long)256 << 20)
#define SHEET_CELLS_MAX 20000000L
#define SHEET_STRINGS_MAX 2000000L
#define SHEET_STRINGS_BYTES ((size_t)64 << 20)

struct sheet;

/* 1 if name ends with .xlsx or .ods (any case), or data (may be NULL) starts
 * with the zip signature: such an input is read with sheet_open. */
int sheet_is_workbook(const char *name, const char *data, size_t len);

/* Opens the workbook at path, or in data[0..len) when data is not NULL (then
 * path only names it in messages). SY_EINPUT with e set when it is not a
 * workbook this reader knows, SY_EIO when it cannot be read. */
int sheet_open(struct sheet **out, const char *path, const char *data, size_t len, struct err *e);
/* The name of the sheet read (borrowed). */
const char *sheet_name(const struct sheet *sh);
/* Rows shorter than n fields are handed out padded with empty fields (a row
 * ends at its last value; a header says how wide the rows are). */
void sheet_pad(struct sheet *sh, size_t n);
/* Next non-empty row: 1 with r (borrowed until the next call), 0 at the end,
 * or a negative SY_E* with e set (after which every call returns 0). */
int sheet_next(struct sheet *sh, struct csv_record *r, struct err *e);
void sheet_free(struct sheet *sh);

#endif
