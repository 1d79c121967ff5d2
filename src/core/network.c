/*
 * network.c - the network view (network.h).
 */
#include "core/network.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/vec.h"
#include "util/i18n.h"

static void add_into(struct net_indicators *t, const struct net_indicators *n)
{
    t->actors += n->actors;
    for (int i = 0; i < STAGE_COUNT; i++)
        t->by_stage[i] += n->by_stage[i];
    t->events += n->events;
    t->participants += n->participants;
    t->cand_proposed += n->cand_proposed;
    t->cand_accepted += n->cand_accepted;
    t->cand_rejected += n->cand_rejected;
    t->synergies += n->synergies;
    t->tonnes += n->tonnes;
    t->co2e_kg += n->co2e_kg;
    t->euros += n->euros;
    t->barriers += n->barriers;
    t->levers_tried += n->levers_tried;
    t->levers_worked += n->levers_worked;
}

static int keep(void *ctx, const struct net_indicators *n)
{
    struct network_view *nv = ctx;

    if (vec_reserve((void **)&nv->v, &nv->cap, nv->n + 1, sizeof *nv->v, 0))
        return SY_ENOMEM;
    nv->v[nv->n++] = *n;
    add_into(&nv->all, n);
    return 0;
}

int network_view_build(struct store *s, int year, struct network_view *nv, struct err *e)
{
    int rc;

    memset(nv, 0, sizeof *nv);
    nv->year = year;
    nv->all.year = year;
    snprintf(nv->all.territory, sizeof nv->all.territory, "*");
    snprintf(nv->all.name, sizeof nv->all.name, "%s", "network");
    rc = store_network_indicators(s, year, keep, nv, e);
    if (rc == SY_ENOMEM)
        rc = err_set(e, rc, _("out of memory"));
    if (rc)
        network_view_release(nv);
    return rc;
}

void network_view_release(struct network_view *nv)
{
    free(nv->v);
    nv->v = NULL;
    nv->n = nv->cap = 0;
}
