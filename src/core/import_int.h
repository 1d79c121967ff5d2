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
#include "io/sheet.h"
#include "util/strmap.h"

struct refcommunes;

#define IMPORT_MAX_COLS 64 /* SIRENE's StockEtablissement has 54 */

struct colspec {
    const char *name;
    int required;
    const struct rec_col *col; /* the record column it reads (io/record.h), or NULL */
};

/* Appends the columns of d read by imports (REC_IN) to specs[n..max): returns
 * the new count. The importers' column enums follow the lists' order. */
int colspecs_add(struct colspec *specs, int n, int max, const struct rec_desc *d);

/* The columns of each import, in the order of io/record.c's REC_IN columns
 * (then the columns no record list holds: an actor's archetype). */
enum { T_CODE, T_NAME, T_REGION, T_STRUCTURE, T_PROGRAMME, T_NCOLS };
enum {
    A_ID,
    A_NAME,
    A_SIRET,
    A_NAF,
    A_KIND,
    A_TERRITORY,
    A_ADDRESS,
    A_COMMUNE,
    A_LAT,
    A_LON,
    A_WORKFORCE,
    A_LICENSED,
    A_CNAME,
    A_CROLE,
    A_CEMAIL,
    A_CPHONE,
    A_ARCHETYPE,
    A_NCOLS
};
enum {
    F_ID,
    F_ACTOR,
    F_DIR,
    F_CODE,
    F_DESC,
    F_QTY,
    F_UNIT,
    F_PERIOD,
    F_STATE,
    F_CONF,
    F_MONTHS,
    F_TEMP,
    F_FATE,
    F_NCOLS
};
/* Fills the column specs of each import from the record lists: SY_OK, or
 * SY_EUSAGE when a list and the enums above are out of step. crs: actors'
 * lat,lon are read as x,y. */
int import_terr_specs(struct colspec cols[T_NCOLS], struct err *e);
int import_actor_specs(struct colspec cols[A_NCOLS], int crs, struct err *e);
int import_flow_specs(struct colspec cols[F_NCOLS], struct err *e);

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
    unsigned loaded; /* VALID_ flags */
    /* VALID_ flags never loaded: the input is small (under VALID_LAZY_BYTES),
     * so reading every actor and flow of the database would cost more than
     * looking each reference up in the store (an API write is one row). */
    unsigned lazy;
    struct refcommunes *communes; /* the shipped communes, NULL if not loaded */
};

struct reader {
    FILE *f;
    struct csv *csv;
    struct sheet *sheet; /* an .xlsx or .ods input, read instead of csv */
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
    int partial; /* some columns of the spec are absent: they keep stored values */
    int mute;    /* report nothing (a row read a second time), but still mark row_bad */
    char sync_terr[SY_ID_MAX]; /* sync: the territory the rows name; "" none yet */
    int sync_mixed;            /* sync: rows of several territories */
    int in_tx;
    long overlong;                              /* records over the record limit so far */
    char hdr[IMPORT_MAX_COLS][DIAG_COLUMN_MAX]; /* spec -> the header as typed */
    /* reader_open_fields: the one in-memory record */
    const char *mem_names[IMPORT_MAX_COLS];
    long mem_cols[IMPORT_MAX_COLS];
    size_t mem_lens[IMPORT_MAX_COLS];
};

/* Reading stops after this many errors, or this many records over the record
 * limit (docs/limits.md): endless or binary input (/dev/zero, a FIFO) ends. */
#define IMPORT_MAX_ERRORS 1000
#define IMPORT_MAX_OVERLONG 8

/* Opens path, reads and maps the header, starts the transaction. On a bad
 * header the errors are in r->diags and SY_EINPUT is returned. */
int reader_open(struct reader *rd, struct store *s, const char *path, const struct colspec *specs,
                int nspecs, const struct import_opts *o, struct import_result *r, struct err *e);
/* Opens a reader over one in-memory record of n named fields (an edit):
 * names are mapped like a header, without requiring any column; no file and
 * no transaction. Field i is located at line 0, column i + 1. At most
 * IMPORT_MAX_COLS fields; an unknown or repeated name is an error in r. */
int reader_open_fields(struct reader *rd, struct store *s, const struct colspec *specs, int nspecs,
                       const char *const *names, const char *const *values, size_t n,
                       struct import_result *r, struct err *e);
/* The column of spec col as the header names it (or its canonical name). */
const char *reader_colname(const struct reader *rd, int col);
/* True if the input has the column of spec col. */
int reader_has(const struct reader *rd, int col);
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

/* sync: notes the territory of the current row (import_sync.c). */
void sync_note(struct reader *rd, const char *territory);
/* sync: once every row is stored, deletes the rows of the territory the file
 * did not hold (ids not in rd->seen), after opts->confirm. flows: 1 for a
 * flows import, 0 for actors. */
int sync_finish(struct reader *rd, int flows, struct err *e);

/* Loads the sets named into v. A reference set not loaded (VALID_TERRS,
 * VALID_ACTORS, VALID_FLOWS) is checked in the store row by row. */
int valid_load(struct valid *v, struct store *s, unsigned sets, struct err *e);
#define VALID_LAZY_BYTES 65536
/* True if id is a known territory, actor or flow (set = one VALID_ flag). */
int valid_known(struct reader *rd, unsigned set, const char *id);
/* Notes that id of set now exists (it was just written), when the set is
 * loaded; a set looked up in the store sees the write anyway. */
int valid_note(struct reader *rd, unsigned set, const char *id);
/* Validates a NAF/NACE code into out ("" allowed); errors go to the reader. */
void valid_activity(struct reader *rd, int col, char *out, size_t n);
/* Validates the resource code of a flow and sets code, code_kind, hazardous. */
void valid_resource(struct reader *rd, int col, struct flow *f);
/* The commune column into out: an INSEE code as given, or the code of the
 * one shipped commune whose name or postal code was typed (with a warning),
 * or an error listing the candidates (import_place.c). */
void place_commune(struct reader *rd, int col, char *out, size_t n);
/* Warns when a's coordinates are far from its commune, outside France, or
 * look swapped (reported on column col). */
void place_check(struct reader *rd, int col, const struct actor *a);

/* One record of each kind from the current row, over *out: only the columns
 * the input has are read (import.c). */
void row_territory(struct reader *rd, struct territory *t);
void row_actor(struct reader *rd, struct actor *a);
/* The contact named by an actor row's contact_ columns: 1 if there is one. */
int row_contact(struct reader *rd, const char *actor_id, struct contact *c);
void row_flow(struct reader *rd, struct flow *f);
/* A new flow's defaults (confidentiality territory, every month). */
void flow_defaults(struct flow *f);
/* id = actor_id/direction/code; SY_EINPUT if too long. */
int flow_derive_id(struct flow *f);

#endif
