/*
 * followup.c - the follow-up of a territory's actors (followup.h).
 */
#include "core/followup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/plan_run.h"
#include "util/i18n.h"
#include "util/strmap.h"
#include "util/vec.h"

const char *followup_section_name(enum followup_section s)
{
    static const char *const names[] = {"no_contact", "overdue", "visit_first"};

    return (unsigned)s < 3 ? names[s] : "?";
}

void followup_release(struct followup *f)
{
    free(f->v);
    memset(f, 0, sizeof *f);
}

struct rows {
    struct pipeline_row *v;
    size_t n, cap;
    struct strmap by_id; /* actor id -> index */
};

static int keep_row(void *ctx, const struct pipeline_row *p)
{
    struct rows *r = ctx;

    if (vec_reserve((void **)&r->v, &r->cap, r->n + 1, sizeof *r->v, 0))
        return SY_ENOMEM;
    r->v[r->n] = *p;
    return strmap_put(&r->by_id, p->actor_id, (long)r->n++) ? SY_ENOMEM : 0;
}

static int push(struct followup *f, const struct followup_item *it)
{
    if (vec_reserve((void **)&f->v, &f->cap, f->n + 1, sizeof *f->v, 0))
        return SY_ENOMEM;
    f->v[f->n++] = *it;
    return SY_OK;
}

/* Candidates of the territory, by key: names and labels for the reasons. */
struct cands {
    struct candidate *v;
    size_t n, cap;
    struct strmap by_key;
};

static int keep_cand(void *ctx, const struct candidate *c)
{
    struct cands *cs = ctx;

    if (c->status == CAND_REJECTED)
        return 0;
    if (vec_reserve((void **)&cs->v, &cs->cap, cs->n + 1, sizeof *cs->v, 0))
        return SY_ENOMEM;
    cs->v[cs->n] = *c;
    return strmap_put(&cs->by_key, c->key, (long)cs->n++) ? SY_ENOMEM : 0;
}

static int may_visit(const struct pipeline_row *p)
{
    return p->stage == STAGE_IDENTIFIED || p->stage == STAGE_CONTACTED;
}

static void visit_reason(struct followup_item *it, const struct candidate *c,
                         const struct plan_line *l, int supplier)
{
    const char *other = supplier ? c->receiver_name : c->supplier_name;
    const char *what = c->resource_label[0] ? c->resource_label : c->resource_code;
    char qty[64];

    it->supplies = supplier;
    snprintf(it->resource, sizeof it->resource, "%s", what);
    snprintf(it->partner, sizeof it->partner, "%s", other);
    it->distance_km = l->distance_km;
    snprintf(qty, sizeof qty, "%.0f %s", l->quantity, model_unit_name(l->unit));
    snprintf(it->reason, sizeof it->reason,
             supplier ? _("could supply %s a year of %s to %s (%.0f km): about %.0f t diverted, "
                          "%.1f t CO2e avoided and %.0f EUR saved a year%s; %s")
                      : _("could take %s a year of %s from %s (%.0f km): about %.0f t diverted, "
                          "%.1f t CO2e avoided and %.0f EUR saved a year%s; %s"),
             qty, what, other[0] ? other : _("a receiver of its sector"), l->distance_km, l->tonnes,
             l->co2e_kg / 1000.0, l->euros,
             it->estimated ? _(" (estimated from the sector profile and workforce)") : "",
             it->row.stage == STAGE_IDENTIFIED ? _("not contacted yet") : _("contacted, not met"));
}

/* The best line of each actor not met yet, by CO2e then euros. */
static int rank_visits(struct store *s, const struct followup_opts *o, struct rows *rows,
                       struct followup *f, struct err *e)
{
    struct plan_opts po = {o->territory, PLAN_CO2E, 1, NULL, 1, 0};
    struct cands cs = {0};
    struct plan plan;
    struct cand_filter cf = {o->territory, -1, 0, NULL};
    struct followup_item *best;
    size_t first = f->n;
    int rc;

    memset(&plan, 0, sizeof plan);
    strmap_init(&cs.by_key);
    best = calloc(rows->n ? rows->n : 1, sizeof *best);
    if (!best)
        return err_set(e, SY_ENOMEM, _("out of memory"));
    for (size_t i = 0; i < rows->n; i++)
        best[i].co2e_kg = -1e300;
    rc = store_cand_list(s, &cf, keep_cand, &cs, e);
    if (rc == SY_ENOMEM)
        rc = err_set(e, rc, _("out of memory"));
    if (!rc) {
        rc = plan_run(s, o->kb_dir, &po, &plan, e);
        if (rc == SY_ENOTFOUND) {
            f->no_candidates = 1;
            rc = SY_OK;
        }
    }
    for (size_t i = 0; !rc && i < plan.n; i++) {
        const struct plan_line *l = &plan.lines[i];
        long ci, ai;

        if (!strmap_get(&cs.by_key, l->candidate_key, &ci))
            continue;
        for (int side = 0; side < 2; side++) {
            const char *id = side == 0 ? l->supplier_id : l->receiver_id;
            struct followup_item *b;

            if (!id[0] || !strmap_get(&rows->by_id, id, &ai) || !may_visit(&rows->v[ai]))
                continue;
            b = &best[ai];
            if (l->co2e_kg < b->co2e_kg || (l->co2e_kg == b->co2e_kg && l->euros <= b->euros))
                continue;
            memset(b, 0, sizeof *b);
            b->section = FU_VISIT_FIRST;
            b->row = rows->v[ai];
            b->qty = l->quantity;
            snprintf(b->unit, sizeof b->unit, "%s", model_unit_name(l->unit));
            b->tonnes = l->tonnes;
            b->co2e_kg = l->co2e_kg;
            b->euros = l->euros;
            b->estimated = strcmp(l->quality, "declared") != 0;
            snprintf(b->candidate_key, sizeof b->candidate_key, "%s", l->candidate_key);
            visit_reason(b, &cs.v[ci], l, side == 0);
        }
    }
    for (size_t i = 0; !rc && i < rows->n; i++)
        if (best[i].section == FU_VISIT_FIRST && best[i].candidate_key[0])
            rc = push(f, &best[i]);
    free(best);
    plan_release(&plan);
    free(cs.v);
    strmap_release(&cs.by_key);
    if (rc == SY_ENOMEM)
        return err_set(e, rc, _("out of memory"));
    if (rc)
        return rc;
    /* by CO2e, then euros, then actor id; keep the first `limit` */
    for (size_t i = first + 1; i < f->n; i++) {
        struct followup_item t = f->v[i];
        size_t j = i;

        while (j > first && (f->v[j - 1].co2e_kg < t.co2e_kg ||
                             (f->v[j - 1].co2e_kg == t.co2e_kg && f->v[j - 1].euros < t.euros))) {
            f->v[j] = f->v[j - 1];
            j--;
        }
        f->v[j] = t;
    }
    if (f->n - first > o->limit)
        f->n = first + o->limit;
    return SY_OK;
}

static int by_days_desc(const void *a, const void *b)
{
    const struct followup_item *x = a, *y = b;

    if (x->days != y->days)
        return x->days < y->days ? 1 : -1;
    return strcmp(x->row.actor_id, y->row.actor_id);
}

int followup_run(struct store *s, const struct followup_opts *o, struct followup *f, struct err *e)
{
    struct rows rows = {0};
    struct territory t;
    long today = net_date_days(o->today);
    size_t mark;
    int rc;

    memset(f, 0, sizeof *f);
    strmap_init(&rows.by_id);
    rc = store_territory_get(s, o->territory, &t, e);
    if (!rc)
        rc = store_pipeline_list(s, o->territory, o->today, keep_row, &rows, e);
    if (rc == SY_ENOMEM)
        rc = err_set(e, rc, _("out of memory"));
    for (size_t i = 0; !rc && i < rows.n; i++) {
        const struct pipeline_row *p = &rows.v[i];
        struct followup_item it;

        if (p->stage == STAGE_IDENTIFIED || p->stage == STAGE_DECLINED || !p->last_contact[0])
            continue;
        memset(&it, 0, sizeof it);
        it.section = FU_NO_CONTACT;
        it.row = *p;
        it.days = today - net_date_days(p->last_contact);
        if (it.days <= o->days)
            continue;
        snprintf(it.reason, sizeof it.reason, _("no contact for %ld days (last on %s); stage %s"),
                 it.days, p->last_contact, net_stage_name(p->stage));
        rc = push(f, &it);
    }
    mark = f->n;
    if (!rc && f->n > 1) /* qsort wants a non-NULL array even when empty */
        qsort(f->v, f->n, sizeof *f->v, by_days_desc);
    for (size_t i = 0; !rc && i < rows.n; i++) {
        const struct pipeline_row *p = &rows.v[i];
        struct followup_item it;

        if (!p->next_due[0] || net_date_days(p->next_due) >= today)
            continue;
        memset(&it, 0, sizeof it);
        it.section = FU_OVERDUE;
        it.row = *p;
        it.days = today - net_date_days(p->next_due);
        snprintf(it.reason, sizeof it.reason, _("'%s' was due on %s (%ld days ago)"),
                 p->next_action, p->next_due, it.days);
        rc = push(f, &it);
    }
    if (!rc && f->n > mark)
        qsort(f->v + mark, f->n - mark, sizeof *f->v, by_days_desc);
    if (!rc)
        rc = rank_visits(s, o, &rows, f, e);
    free(rows.v);
    strmap_release(&rows.by_id);
    if (rc == SY_ENOMEM)
        rc = err_set(e, rc, _("out of memory"));
    if (rc)
        followup_release(f);
    return rc;
}
