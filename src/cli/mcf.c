/*
 * mcf.c - symbiose mcf: solve a DIMACS minimum-cost flow file with the network simplex.
 *
 * Prints the optimal cost on one line and, with --flows, one "f TAIL HEAD
 * FLOW" line per arc with nonzero flow. Errors name FILE:LINE:COLUMN.
 */
#include "cli/cli.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "io/dimacs.h"
#include "optim/mcf.h"
#include "util/infile.h"
#include "util/i18n.h"

static const char mcf_usage[] =
    N_("usage: symbiose mcf [--flows] FILE.min\n"
       "\n"
       "Solves the minimum-cost flow problem in FILE.min (DIMACS format: p min, n\n"
       "and a lines; '-' reads standard input) and prints the optimal cost. With\n"
       "--flows, then prints 'f TAIL HEAD FLOW' for every arc with nonzero flow.\n"
       "Exit status 2 when the file is invalid, the problem is infeasible or\n"
       "unbounded, or its numbers overflow 64-bit arithmetic.\n");

int cmd_mcf(struct cli *c, int argc, char **argv)
{
    const char *path = NULL;
    struct mcf *m = NULL;
    int flows = 0, rc, i;
    FILE *f = NULL;

    if (cli_wants_help(argc, argv)) {
        fputs(_(mcf_usage), c->out);
        return SY_OK;
    }
    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--flows") == 0)
            flows = 1;
        else if (strcmp(argv[i], "--") == 0 && i + 1 < argc && !path)
            path = argv[++i];
        else if ((argv[i][0] == '-' && argv[i][1] != '\0') || path)
            return err_set(&c->err, SY_EUSAGE,
                           _("unexpected argument '%s'; see 'symbiose mcf --help'"), argv[i]);
        else
            path = argv[i];
    }
    if (!path)
        return err_set(&c->err, SY_EUSAGE, _("missing FILE.min; see 'symbiose mcf --help'"));
    if (strcmp(path, "-") == 0) {
        rc = dimacs_read(stdin, "<stdin>", &m, &c->err);
    } else {
        f = fopen_input(path, &c->err);
        if (!f)
            return c->err.code;
        rc = dimacs_read(f, path, &m, &c->err);
        fclose(f);
    }
    if (rc)
        goto out;
    rc = mcf_solve(m, &c->err);
    if (rc)
        goto out;
    fprintf(c->out, "%lld\n", (long long)mcf_cost(m));
    if (flows)
        rc = dimacs_write_flows(c->out, m, &c->err);
out:
    mcf_free(m);
    return rc;
}
