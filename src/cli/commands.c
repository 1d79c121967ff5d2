/*
 * commands.c - the table of subcommands and the helpers they share.
 */
#include "cli/cli.h"
#include "cli/network.h"

#include <string.h>

static const struct cli_command commands[] = {
    {"init", cmd_init, "create the database and load the nomenclatures found"},
    {"territory", cmd_territory, "add or list territories"},
    {"actors", cmd_actors, "list actors"},
    {"flows", cmd_flows, "list resource flows"},
    {"import", cmd_import, "import actors, flows or the IREP register (all or nothing)"},
    {"nomenclature", cmd_nomenclature, "load, search and show LoW, NACE and NAF codes"},
    {"match", cmd_match, "detect synergy candidates, with their explanation"},
    {"gen", cmd_gen, "generate a synthetic national territory (benchmarks)"},
    {"mcf", cmd_mcf, "solve a DIMACS min-cost-flow problem"},
    {"synergy", cmd_synergy,
     "the synergies followed: list, show and move them through their stages"},
    {"plan", cmd_plan, "allocate supplies to demands and account for the impact"},
    {"pipeline", cmd_pipeline, "the engagement of each actor: set, show and list stages"},
    {"followup", cmd_followup, "whom to call and visit first in a territory"},
    {"event", cmd_event, "workshops, seminars and site visits, with what came out of them"},
    {"barrier", cmd_barrier, "barriers met by territories, and the network's levers for them"},
    {"lever", cmd_lever, "levers tried by territories, with their results"},
    {"network", cmd_network, "indicators of every territory of the network, by year"},
    {"backup", cmd_backup, "write a checked copy of the database (online backup)"},
    {"restore", cmd_restore, "replace the database by a checked backup"},
    {"knowledge", cmd_knowledge, "a territory's local routes, profiles and factors"},
    {"report", cmd_report, "a yearly report for funders (html, xlsx, json, geojson, csv)"},
    {"elipse", cmd_elipse, "the ELIPSE self-evaluation: enter and show the indicators"},
    {"serve", cmd_serve, "serve the web application and its JSON API"},
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
