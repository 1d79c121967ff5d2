/*
 * flows.c - symbiose flows list [--actor A] [--territory T] [--format F].
 */
#include "cli/util.h"

#include <stdio.h>
#include <string.h>

static const char flows_usage[] =
    "usage: symbiose flows list [--actor A] [--territory T] [--format table|csv|json]\n"
    "\n"
    "Lists resource flows: what each actor supplies and demands. Quantities are\n"
    "shown as given; qty_year is the normalised yearly quantity in canon_unit.\n";

static int print_flow(void *ctx, const struct flow *f)
{
    return out_rec(ctx, f);
}

static int list_flows(struct store *s, struct out *o, const void *filter, struct err *e)
{
    return store_flow_list(s, filter, print_flow, o, e);
}

int cmd_flows(struct cli *c, int argc, char **argv)
{
    struct flow_filter ff = {0};
    enum out_format fmt = OUT_TABLE;
    const char *v;
    int got;

    if (cli_wants_help(argc, argv) || argc < 2 || strcmp(argv[1], "list") != 0) {
        int help = cli_wants_help(argc, argv);

        fputs(flows_usage, help ? c->out : c->errf);
        return help ? SY_OK : err_set(&c->err, SY_EUSAGE, "flows needs 'list'");
    }
    for (int i = 2; i < argc; i++) {
        if ((got = cli_opt(c, argc, argv, &i, "--format", &v)) != 0) {
            if (got < 0 || cli_format(c, v, &fmt, 0))
                return SY_EUSAGE;
        } else if ((got = cli_opt(c, argc, argv, &i, "--actor", &v)) != 0) {
            if (got < 0)
                return SY_EUSAGE;
            ff.actor_id = v;
        } else if ((got = cli_opt(c, argc, argv, &i, "--territory", &v)) != 0) {
            if (got < 0)
                return SY_EUSAGE;
            ff.territory = v;
        } else {
            return cli_bad_arg(c, "flows", argv[i]);
        }
    }
    return cli_print_records(c, fmt, &rec_flow, list_flows, &ff);
}
