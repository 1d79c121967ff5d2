/*
 * import_int.h - the machinery shared by the importers (private to src/core/).
 *
 * A reader maps a CSV header onto a column spec, then hands out one record
 * at a time with located error helpers. Validation sets (nomenclature codes,
 * known actors and territories) are loaded once per import from the store.
 */
#ifndef SY_IMPORT_INT_H
#define SY_IMPORT_INT_H

#include <stdio.h>

#include "core/import.h"
#include "geo/proj.h"
#include "io/csv.h"
#include "io/record.h"
#include "util/strmap.h"

#define IMPORT_MAX_COLS 64 /* SIRENE's StockEtablissement has 54 */

struct colspec {
    const char *name;
    int required;
    const struct rec_col *col; /* the record column it reads (io/record.h), or NULL */
};

/* Appends the columns of d read by imports (REC_IN) to specs[n..max): returns
 * the new count. The importers' column enums follow the lists' order. */
int colspecs_add(struct colspec *specs, int n, int max, const struct rec_desc *d);

enum valid_sets {
    VALID_TERRS = 1 << 0,
    VALID_ACTORS = 1 << 1,
    VALID_FLOWS = 1 << 2,
    VALID_LOW = 1 << 3,
    VALID_NAF = 1 << 4, /* NAF subclasses and NACE classes */
    VALID_TAXONOMY = 1 << 5
};

struct valid {
    struct strmap terrs, actors, flows;
    struct strmap low; /* value: 1 if hazardous */
    struct strmap naf; /* NAF subclasses and NACE classes */
    struct strmap tax;
    int have_low, have_naf, have_tax;
    int warned_low, warned_naf, warned_tax;
};

struct reader {
    FILE *f;
    struct csv *csv;
    struct store *store;
    const char *path;
    const struct colspec *specs;
    int nspecs;
    int idx[IMPORT_MAX_COLS]; /* spec -> field index, -1 if absent */
    size_t nheader;
    struct csv_record rec;
    const struct import_opts *opts;
    struct import_result *r;
    struct valid *v;
    struct strmap seen; /* ids in this file -> line */
    struct geo_proj *proj;
    int row_bad; /* the current row has an error */
    int in_tx;
    long overlong; /* records over the record limit so far */
};

/* Reading stops after this many errors, or this many records over the record
 * limit (docs/limits.md): endless or binary input (/dev/zero, a FIFO) ends. */
#define IMPORT_MAX_ERRORS 1000
#define IMPORT_MAX_OVERLONG 8

/* Opens path, reads and maps the header, starts the transaction. On a bad
 * header the errors are in r->diags and SY_EINPUT is returned. */
int reader_open(struct reader *rd, struct store *s, const char *path, const struct colspec *specs,
                int nspecs, const struct import_opts *o, struct import_result *r, struct err *e);
/* Next record: 1 with rd->rec, 0 at end, negative on a fatal error. Records
 * with the wrong number of fields are reported and skipped. */
int reader_next(struct reader *rd);
/* Commits if rc == 0 and no error was found, else rolls back; frees all. */
int reader_close(struct reader *rd, int rc, struct err *e);

/* The field of spec col in the current record, "" when absent. Borrowed. */
const char *reader_field(const struct reader *rd, int col);
/* Copies the trimmed field; reports an error if required and empty or too
 * long. Returns 1 when something valid was copied (possibly empty), else 0. */
int reader_copy(struct reader *rd, int col, char *out, size_t n, int required);
/* Parses a number: 1 parsed, 0 empty (error if required), -1 invalid (error given). */
int reader_number(struct reader *rd, int col, double *out, int required);
int reader_bool(struct reader *rd, int col);
void reader_error(struct reader *rd, int col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void reader_warning(struct reader *rd, int col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Reports a duplicate id within the file; returns 1 if the id is new here. */
int reader_check_id(struct reader *rd, int col, const char *id);
/* Counts the row as updated (existed) or inserted; reports progress. */
void reader_count(struct reader *rd, int existed);

int valid_load(struct valid *v, struct store *s, unsigned sets, struct err *e);
/* Validates a NAF/NACE code into out ("" allowed); errors go to the reader. */
void valid_activity(struct reader *rd, int col, char *out, size_t n);
/* Validates the resource code of a flow and sets code, code_kind, hazardous. */
void valid_resource(struct reader *rd, int col, struct flow *f);

#endif
