/*
 * commands.c - the table of subcommands and the helpers they share.
 */
#include "cli/cli.h"
#include "cli/network.h"

#include <string.h>

#include "util/i18n.h"

static const struct cli_command commands[] = {
    {"init", cmd_init, N_("create the database and load the nomenclatures found")},
    {"territory", cmd_territory, N_("add or list territories")},
    {"actors", cmd_actors, N_("list actors")},
    {"flows", cmd_flows, N_("list resource flows")},
    {"import", cmd_import, N_("import actors, flows or the IREP register (all or nothing)")},
    {"nomenclature", cmd_nomenclature, N_("load, search and show LoW, NACE and NAF codes")},
    {"match", cmd_match, N_("detect synergy candidates, with their explanation")},
    {"gen", cmd_gen, N_("generate a synthetic national territory (benchmarks)")},
    {"mcf", cmd_mcf, N_("solve a DIMACS min-cost-flow problem")},
    {"synergy", cmd_synergy,
     N_("the synergies followed: list, show and move them through their stages")},
    {"plan", cmd_plan, N_("allocate supplies to demands and account for the impact")},
    {"pipeline", cmd_pipeline, N_("the engagement of each actor: set, show and list stages")},
    {"followup", cmd_followup, N_("whom to call and visit first in a territory")},
    {"event", cmd_event, N_("workshops, seminars and site visits, with what came out of them")},
    {"barrier", cmd_barrier, N_("barriers met by territories, and the network's levers for them")},
    {"lever", cmd_lever, N_("levers tried by territories, with their results")},
    {"network", cmd_network, N_("indicators of every territory of the network, by year")},
    {"backup", cmd_backup, N_("write a checked copy of the database (online backup)")},
    {"restore", cmd_restore, N_("replace the database by a checked backup")},
    {"knowledge", cmd_knowledge, N_("a territory's local routes, profiles and factors")},
    {"report", cmd_report, N_("a yearly report for funders (html, xlsx, json, geojson, csv)")},
    {"elipse", cmd_elipse, N_("the ELIPSE self-evaluation: enter and show the indicators")},
    {"serve", cmd_serve, N_("serve the web application and its JSON API")},
    {NULL, NULL, NULL},
};

const struct cli_command *cli_commands(void)
{
    return commands;
}

int cli_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            return 0;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return 1;
    }
    return 0;
}
