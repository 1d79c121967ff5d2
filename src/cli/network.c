/*
 * network.c - symbiose network: the indicators of every territory of the
 * network for a year, and their total.
 */
#include "cli/network.h"

#include <stdlib.h>
#include <string.h>

#include "core/network.h"
#include "util/i18n.h"

static const char network_usage[] =
    N_("usage: symbiose network [--year Y] [--format table|csv|json]\n"
       "\n"
       "One row per territory and a last row '*' for the whole network:\n"
       "actors and actors by stage (as of the end of the year), events and\n"
       "participants (in the year), candidates by status and synergies (accepted)\n"
       "of the latest detection, tonnes, kg CO2e and euros of the latest plan made\n"
       "in or before the year, barriers met, levers tried and levers that worked\n"
       "(in the year). Without --year, every year.\n");

static const struct out_col net_cols[] = {
    {"territory", 0, 0},     {"name", 0, 28},         {"year", 1, 0},
    {"actors", 1, 0},        {"identified", 1, 0},    {"contacted", 1, 0},
    {"met", 1, 0},           {"committed", 1, 0},     {"data_shared", 1, 0},
    {"in_synergy", 1, 0},    {"declined", 1, 0},      {"events", 1, 0},
    {"participants", 1, 0},  {"cand_proposed", 1, 0}, {"cand_accepted", 1, 0},
    {"cand_rejected", 1, 0}, {"synergies", 1, 0},     {"tonnes", 1, 0},
    {"co2e_kg", 1, 0},       {"euros", 1, 0},         {"barriers", 1, 0},
    {"levers_tried", 1, 0},  {"levers_worked", 1, 0},
};

#define NET_NCOLS (sizeof net_cols / sizeof net_cols[0])

static int print_row(struct out *o, const struct net_indicators *n)
{
    char num[NET_NCOLS][32];
    const char *v[NET_NCOLS];
    long ints[] = {n->actors,
                   n->by_stage[STAGE_IDENTIFIED],
                   n->by_stage[STAGE_CONTACTED],
                   n->by_stage[STAGE_MET],
                   n->by_stage[STAGE_COMMITTED],
                   n->by_stage[STAGE_DATA_SHARED],
                   n->by_stage[STAGE_IN_SYNERGY],
                   n->by_stage[STAGE_DECLINED],
                   n->events,
                   n->participants,
                   n->cand_proposed,
                   n->cand_accepted,
                   n->cand_rejected,
                   n->synergies};
    size_t k = 0;

    v[k++] = n->territory;
    v[k++] = n->name;
    snprintf(num[k], sizeof num[k], "%d", n->year);
    v[k] = n->year ? num[k] : "";
    k++;
    for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++, k++) {
        snprintf(num[k], sizeof num[k], "%ld", ints[i]);
        v[k] = num[k];
    }
    snprintf(num[k], sizeof num[k], "%.1f", n->tonnes);
    v[k] = num[k];
    k++;
    snprintf(num[k], sizeof num[k], "%.0f", n->co2e_kg);
    v[k] = num[k];
    k++;
    snprintf(num[k], sizeof num[k], "%.0f", n->euros);
    v[k] = num[k];
    k++;
    snprintf(num[k], sizeof num[k], "%ld", n->barriers);
    v[k] = num[k];
    k++;
    snprintf(num[k], sizeof num[k], "%ld", n->levers_tried);
    v[k] = num[k];
    k++;
    snprintf(num[k], sizeof num[k], "%ld", n->levers_worked);
    v[k] = num[k];
    return out_row(o, v);
}

int cmd_network(struct cli *c, int argc, char **argv)
{
    enum out_format fmt = OUT_TABLE;
    struct network_view nv;
    struct store *s = NULL;
    struct out *o;
    const char *v;
    char *end;
    int year = 0, rc, got;

    if (cli_wants_help(argc, argv)) {
        fputs(_(network_usage), c->out);
        return SY_OK;
    }
    for (int i = 1; i < argc; i++) {
        if ((got = cli_opt(c, argc, argv, &i, "--format", &v)) != 0) {
            if (got < 0 || cli_format(c, v, &fmt, 0))
                return SY_EUSAGE;
        } else if ((got = cli_opt(c, argc, argv, &i, "--year", &v)) != 0) {
            if (got < 0)
                return SY_EUSAGE;
            year = (int)strtol(v, &end, 10);
            if (*end || year < 1900 || year > 2199)
                return err_set(&c->err, SY_EUSAGE, _("--year needs a year such as 2025, not '%s'"),
                               v);
        } else {
            return cli_bad_arg(c, "network", argv[i]);
        }
    }
    rc = cli_open_store(c, &s);
    if (rc)
        return rc;
    rc = network_view_build(s, year, &nv, &c->err);
    store_close(s);
    if (rc)
        return rc;
    o = out_new(c->out, fmt, net_cols, NET_NCOLS);
    if (!o) {
        network_view_release(&nv);
        return err_set(&c->err, SY_ENOMEM, _("out of memory"));
    }
    for (size_t i = 0; !rc && i < nv.n; i++)
        rc = print_row(o, &nv.v[i]);
    if (!rc)
        rc = print_row(o, &nv.all);
    if (rc || out_finish(o))
        rc = err_set(&c->err, SY_EIO, _("cannot write the output"));
    out_free(o);
    network_view_release(&nv);
    return rc;
}
