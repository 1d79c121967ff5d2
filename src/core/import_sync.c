/*
 * import_sync.c - import --sync: the rows of a territory that the file no
 * longer holds are deleted, once the caller has confirmed what will go.
 */
#include "core/import_int.h"
#include "store/store_edit.h"

#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"

void sync_note(struct reader *rd, const char *territory)
{
    if (!rd->opts->sync || rd->opts->territory || rd->sync_mixed)
        return;
    if (!territory || !*territory || (rd->sync_terr[0] && strcmp(rd->sync_terr, territory) != 0))
        rd->sync_mixed = 1;
    else
        snprintf(rd->sync_terr, sizeof rd->sync_terr, "%s", territory);
}

struct gone {
    struct reader *rd;
    struct import_sync *plan;
    char (*ids)[SY_ID_MAX]; /* every id to delete */
    size_t n, cap;
    int failed;
};

static int add_gone(struct gone *g, const char *id)
{
    if (strmap_get(&g->rd->seen, id, NULL))
        return 0; /* in the file */
    if (g->n == g->cap) {
        size_t ncap = g->cap ? g->cap * 2 : 64;
        char(*v)[SY_ID_MAX] = realloc(g->ids, ncap * sizeof *v);

        if (!v) {
            g->failed = 1;
            return SY_ENOMEM;
        }
        g->ids = v;
        g->cap = ncap;
    }
    snprintf(g->ids[g->n], SY_ID_MAX, "%s", id);
    if (g->n < IMPORT_SYNC_LIST)
        memcpy(g->plan->ids[g->n], g->ids[g->n], SY_ID_MAX);
    g->n++;
    return 0;
}

static int gone_actor(void *ctx, const struct actor *a)
{
    return add_gone(ctx, a->id);
}

static int gone_flow(void *ctx, const struct flow *f)
{
    return add_gone(ctx, f->id);
}

int sync_finish(struct reader *rd, int flows, struct err *e)
{
    const struct import_opts *o = rd->opts;
    struct import_sync *plan;
    struct gone g;
    int rc = SY_OK;

    if (!o->sync || rd->r->diags.nerrors)
        return SY_OK;
    if (!o->territory && (rd->sync_mixed || !rd->sync_terr[0]))
        return err_set(e, SY_EUSAGE,
                       _("--sync needs one territory: the rows of %s name several (or none); "
                         "give --territory T"),
                       rd->path);
    if (!(plan = calloc(1, sizeof *plan)))
        return err_set(e, SY_ENOMEM, _("out of memory"));
    memset(&g, 0, sizeof g);
    g.rd = rd;
    g.plan = plan;
    plan->file = rd->path;
    plan->what = flows ? "flows" : "actors";
    snprintf(plan->territory, sizeof plan->territory, "%s",
             o->territory ? o->territory : rd->sync_terr);
    if (flows) {
        struct flow_filter ff = {NULL, plan->territory};

        rc = store_flow_list(rd->store, &ff, gone_flow, &g, e);
    } else {
        struct actor_filter af = {plan->territory, NULL};

        rc = store_actor_list(rd->store, &af, gone_actor, &g, e);
    }
    if (g.failed)
        rc = err_set(e, SY_ENOMEM, _("out of memory"));
    plan->n = (long)g.n;
    for (size_t i = 0; !rc && !flows && i < g.n; i++) {
        struct store_deps d;

        rc = store_actor_deps(rd->store, g.ids[i], &d, e);
        plan->flows += d.flows;
        plan->contacts += d.contacts;
    }
    rd->r->deleted = plan->n;
    if (!rc && g.n && !o->dry_run) {
        if (!o->confirm)
            rc = err_set(e, SY_EUSAGE,
                         _("--sync would delete %ld %s of territory %s; nothing was imported"),
                         plan->n, _(plan->what), plan->territory);
        else if (!o->confirm(o->confirm_ctx, plan))
            rc = err_set(e, SY_EUSAGE, _("not confirmed: nothing was imported or deleted"));
    }
    for (size_t i = 0; !rc && !o->dry_run && i < g.n; i++)
        rc = flows ? store_flow_delete(rd->store, g.ids[i], e)
                   : store_actor_delete(rd->store, g.ids[i], e);
    free(g.ids);
    free(plan);
    return rc;
}
