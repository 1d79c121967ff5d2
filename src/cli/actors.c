/*
 * actors.c - symbiose actors list|add|set|delete.
 */
#include "cli/edit.h"

#include <stdio.h>
#include <string.h>

#include "util/i18n.h"
#include "util/num.h"

static const char actors_usage[] =
    N_("usage: symbiose actors list [--territory T] [--format table|csv|json]\n"
       "       symbiose actors add --id ID --name NAME [--COLUMN VALUE]...\n"
       "       symbiose actors set ID --COLUMN VALUE...\n"
       "       symbiose actors delete ID [--cascade]\n"
       "\n"
       "Lists the actors (companies, public bodies, associations), by id. CSV and\n"
       "JSON use the import column names, so a CSV listing can be re-imported.\n"
       "\n"
       "add, set and delete change one actor. COLUMN is any column of the actors\n"
       "import (siret, naf, kind, territory, address, commune, lat, lon, workforce,\n"
       "licensed_hazardous, contact_name...), checked as the import checks it;\n"
       "COLUMN=VALUE works too. set changes only the columns given (an empty value\n"
       "clears one). delete refuses an actor that has flows unless --cascade, which\n"
       "deletes its flows too; its contacts always go with it.\n");

static const struct out_col actor_cols[] = {
    {"id", 0, 0},   {"name", 0, 36},     {"siret", 0, 0},     {"naf", 0, 0},
    {"kind", 0, 0}, {"territory", 0, 0}, {"address", 0, 32},  {"commune", 0, 0},
    {"lat", 1, 0},  {"lon", 1, 0},       {"workforce", 1, 0},
};

static int print_actor(void *ctx, const struct actor *a)
{
    char lat[NUM_STR_MAX] = "", lon[NUM_STR_MAX] = "";
    const char *v[11];

    if (a->has_coord) {
        num_format(a->lat, lat, sizeof lat);
        num_format(a->lon, lon, sizeof lon);
    }
    v[0] = a->id;
    v[1] = a->name;
    v[2] = a->siret;
    v[3] = a->naf;
    v[4] = cli_word(ctx, model_kind_name(a->kind));
    v[5] = a->territory;
    v[6] = a->address;
    v[7] = a->commune;
    v[8] = lat;
    v[9] = lon;
    v[10] = a->workforce;
    return out_row(ctx, v);
}

static int list_actors(struct store *s, struct out *o, const void *filter, struct err *e)
{
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
    return cli_print_list(c, fmt, actor_cols, sizeof actor_cols / sizeof actor_cols[0], list_actors,
                          &f);
}
