/*
 * flows.c - symbiose flows list|add|set|delete.
 */
#include "cli/edit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"

static const char flows_usage[] =
    N_("usage: symbiose flows list [--actor A] [--territory T] [--format F]\n"
       "       symbiose flows add --actor_id A --direction D --code C --quantity Q --unit U\n"
       "                          [--id ID] [--COLUMN VALUE]...\n"
       "       symbiose flows set ID --COLUMN VALUE...\n"
       "       symbiose flows delete ID\n"
       "\n"
       "Lists resource flows: what each actor supplies and demands. Quantities are\n"
       "shown as given; qty_year is the normalised yearly quantity in canon_unit.\n"
       "F is table, csv, json or xlsx (an Excel workbook: add -o FILE.xlsx).\n"
       "\n"
       "add, set and delete change one flow. COLUMN is any column of the flows\n"
       "import (description, period, state, confidentiality, months,\n"
       "temperature_c...), checked as the import checks it. Without --id, add\n"
       "names the flow ACTOR/DIRECTION/CODE. set keeps the flow's id when its code\n"
       "changes, so the flow is corrected, not duplicated.\n");

static int print_flow(void *ctx, const struct flow *f)
{
    return out_rec(ctx, f);
}

static int list_flows(struct store *s, struct out *o, const void *filter, struct err *e)
{
    const struct flow_filter *f = filter;
    struct territory t;
    struct actor *a;
    int rc = SY_OK;

    /* An unknown territory or actor is an error (exit 2), as for match and plan. */
    if (f->territory && (rc = store_territory_get(s, f->territory, &t, e)))
        return rc;
    if (f->actor_id) {
        a = malloc(sizeof *a);
        if (!a)
            return err_set(e, SY_ENOMEM, _("out of memory"));
        rc = store_actor_get(s, f->actor_id, a, e);
        free(a);
        if (rc)
            return rc;
    }
    return store_flow_list(s, filter, print_flow, o, e);
}

int cmd_flows(struct cli *c, int argc, char **argv)
{
    struct flow_filter ff = {0};
    enum out_format fmt = OUT_TABLE;
    const char *v;
    int got;

    if (cli_wants_help(argc, argv) || argc < 2 ||
        (strcmp(argv[1], "list") != 0 && !cli_is_edit(argv[1]))) {
        int help = cli_wants_help(argc, argv);

        fputs(_(flows_usage), help ? c->out : c->errf);
        return help ? SY_OK
                    : err_set(&c->err, SY_EUSAGE, _("flows needs list, add, set or delete"));
    }
    if (cli_is_edit(argv[1]))
        return cli_edit(c, "flows", EDIT_FLOW, argc, argv);
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
