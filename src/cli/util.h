/*
 * util.h - helpers shared by the subcommands: option parsing, opening the
 * store, printing import diagnostics and progress.
 */
#ifndef SY_CLI_UTIL_H
#define SY_CLI_UTIL_H

#include "cli/cli.h"
#include "core/import.h"
#include "io/table.h"
#include "store/store.h"

/* If argv[*i] is "--name VALUE" or "--name=VALUE", sets *val, advances *i,
 * and returns 1; returns -1 (with c->err set) if the value is missing. */
int cli_opt(struct cli *c, int argc, char **argv, int *i, const char *name, const char **val);
/* Reports an unexpected argument as a usage error. */
int cli_bad_arg(struct cli *c, const char *cmd, const char *arg);
/* Opens the store at c->db_path. */
int cli_open_store(struct cli *c, struct store **s);
/* Opens it in a mode: STORE_READ for commands that only read (nothing is
 * created or migrated), STORE_WRITE for commands that need existing data. */
int cli_open_store_mode(struct cli *c, struct store **s, enum store_mode mode);
/* Prints the diagnostics of an import (errors and warnings) on c->errf. */
void cli_print_diags(struct cli *c, const struct diags *d, int warnings);
/* A progress callback for imports: prints "N rows" on stderr when it is a terminal. */
void cli_progress(void *ctx, long rows, int done);
/* Lists rows through list(store, out, filter): opens the store, writes the
 * columns in fmt, finishes the output and closes the store. */
typedef int (*cli_list_fn)(struct store *s, struct out *o, const void *filter, struct err *e);
int cli_print_list(struct cli *c, enum out_format fmt, const struct out_col *cols, size_t ncols,
                   cli_list_fn list, const void *filter);
/* The same for records of a column list (io/record.h): CSV gets its REC_CSV
 * columns, JSON its REC_API ones (the API's fields: a script reads the same
 * keys from both), tables their REC_LIST ones; cli_rec_need says which. */
unsigned cli_rec_need(enum out_format fmt);
/* A writer of records of d on c->out, with those columns and the French
 * words of a French user (see cli_word); NULL when out of memory. */
struct out *cli_out_records(struct cli *c, enum out_format fmt, const struct rec_desc *d);
int cli_print_records(struct cli *c, enum out_format fmt, const struct rec_desc *d,
                      cli_list_fn list, const void *filter);
/* An enumerated value (company, supply, year, solid, network...) as a
 * person reads it: in French for a French user in tables and CSV (the
 * importers accept both), always English in JSON. */
const char *cli_word(const struct out *o, const char *english);
/* Reads --format, default table. */
int cli_format(struct cli *c, const char *v, enum out_format *f, int allow_geojson);

#endif
