/*
 * pending.c - commands whose step has not landed yet. Each one is replaced by
 * its own src/cli/<command>.c when its step lands; this file then goes away.
 */
#include "cli/cli.h"

int cmd_gen(struct cli *c, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return err_set(&c->err, SY_EUSAGE, "'gen' arrives with step 2 (scale benchmark)");
}
