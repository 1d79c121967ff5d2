/*
 * network.h - the subcommands of the regional network (step 5): the SIRENE
 * and workshop-card imports, territories as places, the engagement
 * pipeline and follow-up, events, barriers and levers, and the network view.
 * Same contract as cli.h.
 */
#ifndef SY_CLI_NETWORK_H
#define SY_CLI_NETWORK_H

#include "cli/util.h"
#include "store/store_network.h"

/* import sirene|cards (argv[1] is the kind), called by cmd_import. */
int cli_import_network(struct cli *c, int argc, char **argv);
/* territory add CODE ... --epci SIREN... --commune INSEE...: stores the
 * communes of the territory from the reference files and places its actors,
 * inside the caller's transaction. epcis and communes are borrowed. */
int cli_territory_places(struct cli *c, struct store *s, const char *code, const char *const *epcis,
                         size_t nepcis, const char *const *communes, size_t ncommunes);
/* After an import of actors: places the actors without territory by commune. */
int cli_place_actors(struct cli *c, struct store *s);

int cmd_pipeline(struct cli *c, int argc, char **argv);
int cmd_followup(struct cli *c, int argc, char **argv);
int cmd_event(struct cli *c, int argc, char **argv);
int cmd_barrier(struct cli *c, int argc, char **argv);
int cmd_lever(struct cli *c, int argc, char **argv);
int cmd_network(struct cli *c, int argc, char **argv);

/* Who made a change: --by, else $USER, else "unknown". */
const char *cli_net_by(const char *by);
/* Today's date (UTC) as YYYY-MM-DD, or $SYMBIOSE_TODAY when set (tests). */
void cli_net_today(char out[16]);
/* Checks an optional --date value; "" becomes today. */
int cli_net_date(struct cli *c, const char *opt, const char *v, char out[16]);

#endif
