/*
 * import.h - all-or-nothing imports of territories, actors, flows, the IREP
 * register and nomenclatures into a store.
 *
 * Each import runs in one transaction. Every problem found (up to DIAG_MAX
 * errors) is collected in result->diags as a structured record (line, byte
 * column, field index, column name, level, message: util/diag.h); if there
 * is any error the transaction is rolled back and SY_EINPUT is returned, so
 * the database is exactly as it was. Re-importing updates rows by id.
 * The core layer reads files; the CLI and the HTTP server both call it.
 */
#ifndef SY_IMPORT_H
#define SY_IMPORT_H

#include "store/store.h"
#include "util/diag.h"

struct import_sync;

struct import_opts {
    const char *crs;       /* actors: x,y columns in this CRS (EPSG:2154...); NULL = lat,lon */
    const char *territory; /* IREP: the territory given to every facility; NULL = none */
    int dry_run;           /* validate only, then roll back */
    /* When data is set, the file is read from data[0..len) (borrowed) and the
     * path argument is only its name in diagnostics: an upload needs no
     * temporary file. */
    const char *data;
    size_t len;
    const char *kb_dir; /* IREP: archetypes.csv picks each facility's archetype from its
                         * name and E-PRTR activity; NULL = none */
    /* actors: the communes file (data/ref/communes_grand_est.csv) that turns a
     * commune name or postal code into its INSEE code; NULL = none */
    const char *communes;
    /* Called every IMPORT_PROGRESS_EVERY rows and at the end; may be NULL. */
    void (*progress)(void *ctx, long rows, int done);
    void *progress_ctx;
    /* actors, flows: sync = 1 also deletes the rows of the territory that the
     * file no longer holds (an actor with its flows and contacts). The
     * territory is `territory` above, else the one every row names (actors)
     * or whose actors every row names (flows). Before deleting, confirm is
     * called with what would go: 1 deletes, 0 refuses (the import is rolled
     * back: SY_EUSAGE). Without confirm, a sync that would delete
     * something is refused. In a dry run nothing is asked nor deleted; the
     * counts are in the result. */
    int sync;
    int (*confirm)(void *ctx, const struct import_sync *plan);
    void *confirm_ctx;
};

#define IMPORT_SYNC_LIST 20 /* ids named in a sync summary */

/* What a sync would delete. */
struct import_sync {
    const char *file;
    const char *what; /* "actors" or "flows" */
    char territory[SY_ID_MAX];
    long n;                                /* rows to delete */
    long flows, contacts;                  /* actors: what goes with them */
    char ids[IMPORT_SYNC_LIST][SY_ID_MAX]; /* the first min(n, IMPORT_SYNC_LIST) */
};

#define IMPORT_PROGRESS_EVERY 100000

struct import_result {
    long rows;     /* data rows read */
    long inserted; /* new ids */
    long updated;  /* existing ids updated */
    long deleted;  /* sync: rows deleted (in a dry run: that would be) */
    struct diags diags;
    char sheet[128]; /* the sheet read from a workbook (diags.sheet points here) */
};

void import_result_init(struct import_result *r, const char *file);
void import_result_release(struct import_result *r);

int import_territories(struct store *s, const char *path, const struct import_opts *o,
                       struct import_result *r, struct err *e);
int import_actors(struct store *s, const char *path, const struct import_opts *o,
                  struct import_result *r, struct err *e);
int import_flows(struct store *s, const char *path, const struct import_opts *o,
                 struct import_result *r, struct err *e);
/* The French register of polluting facilities (IREP "etablissements" file),
 * coordinates in Lambert II etendu (EPSG:27572). */
int import_irep(struct store *s, const char *path, const struct import_opts *o,
                struct import_result *r, struct err *e);

/* Loads a nomenclature file: kind LOW (list_of_waste.csv), NACE (nace_rev2.csv),
 * NAF (naf_rev2_subclasses.csv) or TAXONOMY (data/taxonomy.csv). */
int import_nomenclature(struct store *s, enum nomen_kind kind, const char *path,
                        const struct import_opts *o, struct import_result *r, struct err *e);

#endif
