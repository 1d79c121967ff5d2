/*
 * edit.h - the add|set|delete subcommands shared by territory, actors and
 * flows (src/cli/edit.c), on core/edit.h.
 */
#ifndef SY_CLI_EDIT_H
#define SY_CLI_EDIT_H

#include "cli/util.h"
#include "core/edit.h"

/* Runs argv[1] (add, set or delete) on a record of kind k; cmd names the
 * command in messages ("actors"). */
int cli_edit(struct cli *c, const char *cmd, enum edit_kind k, int argc, char **argv);
/* True if op is add, set or delete. */
int cli_is_edit(const char *op);

#endif
