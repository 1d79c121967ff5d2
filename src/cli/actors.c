/*
 * actors.c - symbiose actors list|add|set|delete.
 */
#include "cli/edit.h"

#include <stdio.h>
#include <string.h>

#include "util/i18n.h"
#include "util/num.h"

static const char actors_usage[] =
    N_("usage: symbiose actors list [--territory T] [--format table|csv|json|xlsx -o F]\n"
       "       symbiose actors add --id ID --name NAME [--COLUMN VALUE]...\n"
       "       symbiose actors set ID --COLUMN VALUE...\n"
       "       symbiose actors delete ID [--cascade]\n"
       "\n"
       "Lists the actors (companies, public bodies, associations), by id. CSV and\n"
       "JSON use the import column names, so a CSV listing can be re-imported; xlsx\n"
       "writes an Excel workbook to the file of -o.\n"
       "\n"
       "add, set and delete change one actor. COLUMN is any column of the actors\n"
       "import (siret, naf, kind, territory, address, commune, lat, lon, workforce,\n"
       "licensed_hazardous, contact_name...), checked as the import checks it;\n"
       "COLUMN=VALUE works too. set changes only the columns given (an empty value\n"
       "clears one). delete refuses an actor that has flows unless --cascade, which\n"
       "deletes its flows too; its contacts always go with it.\n");

static int print_actor(void *ctx, const struct actor *a)
{
    return out_rec(ctx, a);
}

static int list_actors(struct store *s, struct out *o, const void *filter, struct err *e)
{
    const struct actor_filter *f = filter;
    struct territory t;
    int rc;

    /* An unknown territory is an error (exit 2), as for match and plan. */
    if (f->territory && (rc = store_territory_get(s, f->territory, &t, e)))
        return rc;
    return store_actor_list(s, filter, print_actor, o, e);
}

int cmd_actors(struct cli *c, int argc, char **argv)
{
    struct actor_filter f = {0};
    enum out_format fmt = OUT_TABLE;
    const char *v;
    int got;

    if (cli_wants_help(argc, argv) || argc < 2 ||
        (strcmp(argv[1], "list") != 0 && !cli_is_edit(argv[1]))) {
        int help = cli_wants_help(argc, argv);

        fputs(_(actors_usage), help ? c->out : c->errf);
        return help ? SY_OK
                    : err_set(&c->err, SY_EUSAGE, _("actors needs list, add, set or delete"));
    }
    if (cli_is_edit(argv[1]))
        return cli_edit(c, "actors", EDIT_ACTOR, argc, argv);
    for (int i = 2; i < argc; i++) {
        if ((got = cli_opt(c, argc, argv, &i, "--format", &v)) != 0) {
            if (got < 0 || cli_format(c, v, &fmt, 0))
                return SY_EUSAGE;
        } else if ((got = cli_opt(c, argc, argv, &i, "--territory", &v)) != 0) {
            if (got < 0)
                return SY_EUSAGE;
            f.territory = v;
        } else {
            return cli_bad_arg(c, "actors", argv[i]);
        }
    }
    return cli_print_records(c, fmt, &rec_actor, list_actors, &f);
}
