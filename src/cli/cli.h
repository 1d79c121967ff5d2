/*
 * cli.h - the subcommands of symbiose(1), one file each in src/cli/.
 *
 * main.c parses the global options, fills a struct cli, and calls the command.
 * A command returns 0 or a negative SY_E* code with cli->err set; it prints its
 * results on cli->out and its diagnostics on cli->errf, and never exits.
 */
#ifndef SY_CLI_H
#define SY_CLI_H

#include <stdio.h>

#include "util/err.h"

struct cli {
    const char *db_path; /* --db, default ./symbiose.db */
    const char *ref_dir; /* reference data: --data, $SYMBIOSE_DATA, else the shipped data/ref */
    const char *kb_dir;  /* the project's own knowledge base (data/ of the repository) */
    const char *argv0;
    int quiet; /* --quiet: no progress on stderr */
    FILE *out;
    FILE *errf;
    struct err err;
};

typedef int (*cli_fn)(struct cli *c, int argc, char **argv);

struct cli_command {
    const char *name;
    cli_fn fn;
    const char *summary; /* one line for `symbiose --help` */
};

/* The table of commands, NULL-terminated. Borrowed, static. */
const struct cli_command *cli_commands(void);

/* True if argv has -h or --help before any "--". */
int cli_wants_help(int argc, char **argv);

int cmd_init(struct cli *c, int argc, char **argv);
int cmd_territory(struct cli *c, int argc, char **argv);
int cmd_actors(struct cli *c, int argc, char **argv);
int cmd_flows(struct cli *c, int argc, char **argv);
int cmd_import(struct cli *c, int argc, char **argv);
int cmd_nomenclature(struct cli *c, int argc, char **argv);
int cmd_match(struct cli *c, int argc, char **argv);
int cmd_gen(struct cli *c, int argc, char **argv);
int cmd_mcf(struct cli *c, int argc, char **argv);
int cmd_plan(struct cli *c, int argc, char **argv);
int cmd_serve(struct cli *c, int argc, char **argv);
int cmd_backup(struct cli *c, int argc, char **argv);
int cmd_restore(struct cli *c, int argc, char **argv);
int cmd_knowledge(struct cli *c, int argc, char **argv);
int cmd_report(struct cli *c, int argc, char **argv);
int cmd_elipse(struct cli *c, int argc, char **argv);
int cmd_synergy(struct cli *c, int argc, char **argv);

#endif
