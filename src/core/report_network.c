/*
 * report_network.c - the figures and tables of the regional network in a
 * report (see report_build.h): actors by engagement stage as of the end of
 * the year, events and participants, barriers met and levers tried in the
 * year, from the store of step 5 (store/store_network.h).
 *
 * Until that store is in the build, the two functions add nothing: the
 * report then has no network figures, and says so in a note.
 */
#include "core/report_build.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if !defined(__has_include) || !__has_include("store/store_network.h")

int report_network_figures(struct store *s, const struct territory *t, int year, struct report *r,
                           struct rep_tables_net *tabs, struct err *e)
{
    (void)s, (void)t, (void)year, (void)tabs, (void)e;
    return r->nnotes && strstr(r->notes[r->nnotes - 1], "pipeline")
               ? SY_OK
               : report_note(r, "This build has no engagement pipeline, events or barriers "
                                "(step 5): their figures are left out.");
}

int report_network_events(struct store *s, int year, struct report *r, struct rep_tables_net *tabs,
                          struct err *e)
{
    (void)s, (void)year, (void)r, (void)tabs, (void)e;
    return SY_OK;
}

#else

#include "store/store_network.h"
#include "util/i18n.h"
#include "util/strmap.h"

struct net_ctx {
    struct store *s;
    struct report *r;
    const struct territory *t;
    struct rep_tables_net *tabs; /* NULL: figures only */
    struct strmap *stage_of;     /* actor id -> stage, when tabs */
    long by_stage[STAGE_COUNT];
    long kinds[3];
    long events, participants, barriers, tried, worked, partly;
    struct facilitator fac; /* the territory's, whom to call about its levers */
    struct err *e;
};

static int on_pipe(void *vc, const struct pipeline_row *p)
{
    struct net_ctx *c = vc;
    struct actor a;

    if ((unsigned)p->stage < STAGE_COUNT)
        c->by_stage[p->stage]++;
    if (p->stage >= STAGE_MET && p->stage <= STAGE_IN_SYNERGY &&
        store_actor_get(c->s, p->actor_id, &a, NULL) == SY_OK && (unsigned)a.kind < 3)
        c->kinds[a.kind]++;
    if (!c->tabs)
        return SY_OK;
    if (strmap_put(c->stage_of, p->actor_id, (long)p->stage))
        return SY_ENOMEM;
    if (p->stage == STAGE_IDENTIFIED && !p->stage_at[0])
        return SY_OK; /* never moved: the actors table has them */
    {
        const char *v[9] = {c->t->code,
                            p->actor_id,
                            p->diffusible ? p->actor_name : _("(non-diffusible establishment)"),
                            net_stage_name(p->stage),
                            p->stage_at,
                            p->stage_by,
                            p->reason,
                            p->last_contact,
                            p->next_due};

        return report_row(c->tabs->pipeline, v);
    }
}

static int on_event(void *vc, const struct event *ev)
{
    struct net_ctx *c = vc;
    char n[32];
    const char *v[8];

    c->events++;
    c->participants += ev->participants;
    if (!c->tabs)
        return SY_OK;
    snprintf(n, sizeof n, "%ld", ev->participants);
    v[0] = ev->territory[0] ? ev->territory : "network", v[1] = ev->date;
    v[2] = net_event_type_name(ev->type), v[3] = ev->title, v[4] = ev->place;
    v[5] = ev->organiser, v[6] = n, v[7] = ev->notes;
    return report_row(c->tabs->events, v);
}

static int on_barrier(void *vc, const struct barrier_record *b)
{
    struct net_ctx *c = vc;
    const char *v[6];

    c->barriers++;
    if (!c->tabs)
        return SY_OK;
    v[0] = b->territory, v[1] = b->barrier, v[2] = b->barrier_label, v[3] = b->noted;
    v[4] = b->by, v[5] = b->notes;
    return report_row(c->tabs->barriers, v);
}

static int on_trial(void *vc, const struct lever_trial *t)
{
    struct net_ctx *c = vc;
    const char *v[11];

    c->tried++;
    c->worked += t->result == RESULT_WORKED;
    c->partly += t->result == RESULT_PARTLY;
    if (!c->tabs)
        return SY_OK;
    v[0] = t->territory, v[1] = t->lever, v[2] = t->lever_label, v[3] = t->barrier;
    v[4] = t->date, v[5] = net_result_name(t->result), v[6] = t->by, v[7] = t->notes;
    v[8] = c->fac.name, v[9] = c->fac.email, v[10] = c->fac.phone;
    return report_row(c->tabs->levers, v);
}

#define FIG(sec, key, label, val, src)                                                             \
    do {                                                                                           \
        if (!rc)                                                                                   \
            rc = report_figure(r, t->code, sec, key, label, (double)(val), "count", "counted",     \
                               src);                                                               \
    } while (0)

int report_network_figures(struct store *s, const struct territory *t, int year, struct report *r,
                           struct rep_tables_net *tabs, struct err *e)
{
    struct net_ctx c;
    struct event_filter ef = {t->code, year};
    struct record_filter rf = {t->code, year};
    struct strmap stage_of;
    char as_of[16], src[REP_TEXT_MAX];
    int rc;

    memset(&c, 0, sizeof c);
    c.s = s, c.r = r, c.t = t, c.tabs = tabs, c.e = e, c.stage_of = &stage_of;
    strmap_init(&stage_of);
    snprintf(as_of, sizeof as_of, "%04d-12-31", year);
    rc = store_pipeline_list(s, t->code, as_of, on_pipe, &c, e);
    if (!rc)
        rc = store_event_list(s, &ef, on_event, &c, e);
    if (!rc)
        rc = store_barrier_record_list(s, &rf, on_barrier, &c, e);
    /* The facilitator to call about the territory's levers (none recorded: blank). */
    if (!rc && tabs && store_facilitator_get(s, t->code, &c.fac, NULL) != SY_OK)
        memset(&c.fac, 0, sizeof c.fac);
    if (!rc)
        rc = store_lever_trial_list(s, &rf, on_trial, &c, e);
    snprintf(src, sizeof src,
             "engagement pipeline of %s as of %s: each actor's latest dated stage "
             "('symbiose pipeline')",
             t->code, as_of);
    for (int k = 0; k < STAGE_COUNT; k++) {
        char key[64];

        snprintf(key, sizeof key, "actors.stage.%s", net_stage_name((enum eng_stage)k));
        FIG("actors", key, net_stage_name((enum eng_stage)k), c.by_stage[k], src);
    }
    FIG("actors", "actors.engaged", _("committed or further"),
        c.by_stage[STAGE_COMMITTED] + c.by_stage[STAGE_DATA_SHARED] + c.by_stage[STAGE_IN_SYNERGY],
        src);
    FIG("actors", "actors.data_shared", _("data shared or in a synergy"),
        c.by_stage[STAGE_DATA_SHARED] + c.by_stage[STAGE_IN_SYNERGY], src);
    FIG("actors", "actors.kinds_engaged", _("kinds of actors met or further"),
        (c.kinds[0] > 0) + (c.kinds[1] > 0) + (c.kinds[2] > 0), src);
    snprintf(src, sizeof src, "events of %s dated in %d, and their participants ('symbiose event')",
             t->code, year);
    FIG("events", "events.count", _("events"), c.events, src);
    FIG("events", "events.participants", _("participations"), c.participants, src);
    snprintf(src, sizeof src,
             "barriers %s recorded and levers it tried in %d, with their results ('symbiose "
             "barrier', 'symbiose lever')",
             t->code, year);
    FIG("barriers", "barriers.met", _("barriers met"), c.barriers, src);
    FIG("barriers", "barriers.levers_tried", _("levers tried"), c.tried, src);
    FIG("barriers", "barriers.levers_worked", _("levers that worked"), c.worked, src);
    FIG("barriers", "barriers.levers_partly", _("levers that partly worked"), c.partly, src);
    if (!rc && tabs) {
        for (size_t i = 0; i < r->nplaces; i++) {
            long st;

            if (strcmp(r->places[i].territory, t->code) == 0 &&
                strmap_get(&stage_of, r->places[i].id, &st))
                snprintf(r->places[i].stage, sizeof r->places[i].stage, "%s",
                         net_stage_name((enum eng_stage)st));
        }
    }
    strmap_release(&stage_of);
    return rc;
}
#undef FIG

static int on_net_event(void *vc, const struct event *ev)
{
    if (ev->territory[0])
        return SY_OK;
    return on_event(vc, ev);
}

int report_network_events(struct store *s, int year, struct report *r, struct rep_tables_net *tabs,
                          struct err *e)
{
    struct net_ctx c;
    struct event_filter ef = {NULL, year};
    char src[REP_TEXT_MAX];
    int rc;

    memset(&c, 0, sizeof c);
    c.s = s, c.r = r, c.tabs = tabs, c.e = e;
    rc = store_event_list(s, &ef, on_net_event, &c, e);
    snprintf(src, sizeof src,
             "events of the whole network (no territory) dated in %d, e.g. network seminars", year);
    if (!rc)
        rc = report_figure(r, "network", "events", "events.network", _("network events"),
                           (double)c.events, "count", "counted", src);
    if (!rc)
        rc = report_figure(r, "network", "events", "events.network_participants",
                           _("participations in network events"), (double)c.participants, "count",
                           "counted", src);
    return rc;
}

#endif
