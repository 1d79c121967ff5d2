/*
 * year.h - the --year option of report and elipse (defined in report.c).
 */
#ifndef SY_CLI_YEAR_H
#define SY_CLI_YEAR_H

#include "cli/cli.h"

/* Parses a year 1990-2100 into *year; SY_EUSAGE with c->err set. */
int cli_year(struct cli *c, const char *v, int *year);
/* The current year (UTC). */
int cli_this_year(void);

#endif
