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
};

#define IMPORT_PROGRESS_EVERY 100000

struct import_result {
    long rows;     /* data rows read */
    long inserted; /* new ids */
    long updated;  /* existing ids updated */
    struct diags diags;
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
