/*
 * sqlite_events.c - events and their participants, flows and candidates;
 * the barrier and lever library, what territories met and tried, and the
 * network query across territories (store_network.h), in SQLite.
 */
#include "store/sqlite_net_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strmap.h"

/* Slots 32..63 of the network range. */
enum {
    K_EV_INS = 32,
    K_EV_UPD,
    K_EV_GET,
    K_EV_LIST,
    K_PART_ADD,
    K_PART_LIST,
    K_EVFLOW_ADD,
    K_EVFLOW_LIST,
    K_BAR_PUT,
    K_BAR_GET,
    K_BAR_LIST,
    K_LEV_PUT,
    K_LEV_GET,
    K_LEV_LIST,
    K_LEVBAR_DEL,
    K_LEVBAR_ADD,
    K_BREC_PUT,
    K_BREC_LIST,
    K_TRIAL_ADD,
    K_TRIAL_LIST,
    K_OUTCOMES
};

/* ---- events ---- */

#define EVENT_COLS                                                                                 \
    "ev.id, coalesce(ev.territory, ''), ev.type, ev.title, ev.date, ev.place, ev.organiser, "      \
    "ev.notes, (SELECT count(*) FROM event_participant p WHERE p.event_id = ev.id)"

static void event_bind(sqlite3_stmt *q, const struct event *ev)
{
    sq_bind_text(q, 1, ev->territory, 1);
    sq_bind_text(q, 2, net_event_type_name(ev->type), 0);
    sq_bind_text(q, 3, ev->title, 0);
    sq_bind_text(q, 4, ev->date, 0);
    sq_bind_text(q, 5, ev->place, 1);
    sq_bind_text(q, 6, ev->organiser, 1);
    sq_bind_text(q, 7, ev->notes, 1);
}

int store_event_put(struct store *st, struct event *ev, struct err *e)
{
    struct sqlite_store *s = sqn(st);
    sqlite3_stmt *q;
    int rc;

    if (ev->id > 0) {
        q = sqn_stmt(s, K_EV_UPD,
                     "UPDATE event SET territory = ?1, type = ?2, title = ?3, date = ?4, "
                     "place = ?5, organiser = ?6, notes = ?7 WHERE id = ?8",
                     e);
        if (!q)
            return SY_ESTORE;
        event_bind(q, ev);
        sqlite3_bind_int64(q, 8, ev->id);
        rc = sq_exec_stmt(s, q, e, "saving an event");
        if (!rc && sqlite3_changes(s->db) == 0)
            return err_set(e, SY_ENOTFOUND, "no event %ld; see 'symbiose event list'", ev->id);
        return rc;
    }
    q = sqn_stmt(s, K_EV_INS,
                 "INSERT INTO event (territory, type, title, date, place, organiser, notes) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                 e);
    if (!q)
        return SY_ESTORE;
    event_bind(q, ev);
    rc = sq_exec_stmt(s, q, e, "saving an event");
    if (!rc)
        ev->id = (long)sqlite3_last_insert_rowid(s->db);
    return rc;
}

static void event_from_row(sqlite3_stmt *q, struct event *ev)
{
    char type[32];

    memset(ev, 0, sizeof *ev);
    ev->id = (long)sqlite3_column_int64(q, 0);
    sq_col_text(q, 1, ev->territory, sizeof ev->territory);
    sq_col_text(q, 2, type, sizeof type);
    net_event_type_parse(type, &ev->type);
    sq_col_text(q, 3, ev->title, sizeof ev->title);
    sq_col_text(q, 4, ev->date, sizeof ev->date);
    sq_col_text(q, 5, ev->place, sizeof ev->place);
    sq_col_text(q, 6, ev->organiser, sizeof ev->organiser);
    sq_col_text(q, 7, ev->notes, sizeof ev->notes);
    ev->participants = (long)sqlite3_column_int64(q, 8);
}

static int visit_event_get(sqlite3_stmt *q, void *arg)
{
    event_from_row(q, arg);
    return 1;
}

int store_event_get(struct store *st, long id, struct event *out, struct err *e)
{
    struct sqlite_store *s = sqn(st);
    sqlite3_stmt *q =
        sqn_stmt(s, K_EV_GET, "SELECT " EVENT_COLS " FROM event ev WHERE ev.id = ?1", e);
    int rc;

    if (!q)
        return SY_ESTORE;
    sqlite3_bind_int64(q, 1, id);
    rc = sqn_each(s, q, visit_event_get, out, "reading an event", e);
    if (rc == 1)
        return SY_OK;
    return rc ? rc : err_set(e, SY_ENOTFOUND, "no event %ld; see 'symbiose event list'", id);
}

static int visit_event(sqlite3_stmt *q, void *arg)
{
    struct visit *v = arg;
    struct event ev;

    event_from_row(q, &ev);
    return ((store_event_cb)v->cb)(v->ctx, &ev);
}

int store_event_list(struct store *st, const struct event_filter *f, store_event_cb cb, void *ctx,
                     struct err *e)
{
    struct sqlite_store *s = sqn(st);
    struct visit v = {(void (*)(void))cb, ctx};
    sqlite3_stmt *q = sqn_stmt(s, K_EV_LIST,
                               "SELECT " EVENT_COLS " FROM event ev WHERE (?1 IS NULL OR "
                               "ev.territory = ?1) AND ev.date BETWEEN ?2 AND ?3 "
                               "ORDER BY ev.date, ev.id",
                               e);

    if (!q)
        return SY_ESTORE;
    sq_bind_text(q, 1, f ? f->territory : NULL, 0);
    sqn_bind_year(q, 2, f ? f->year : 0);
    return sqn_each(s, q, visit_event, &v, "listing events", e);
}

int store_participant_add(struct store *st, const struct participant *p, struct err *e)
{
    struct sqlite_store *s = sqn(st);
    sqlite3_stmt *q = sqn_stmt(s, K_PART_ADD,
                               "INSERT INTO event_participant (event_id, actor_id, person, role) "
                               "VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO UPDATE SET "
                               "role = coalesce(excluded.role, role)",
                               e);

    if (!q)
        return SY_ESTORE;
    sqlite3_bind_int64(q, 1, p->event_id);
    sq_bind_text(q, 2, p->actor_id, 0);
    sq_bind_text(q, 3, p->person, 0);
    sq_bind_text(q, 4, p->role, 1);
    return sq_exec_stmt(s, q, e, "adding a participant");
}

static int visit_participant(sqlite3_stmt *q, void *arg)
{
    struct visit *v = arg;
    struct participant p;

    memset(&p, 0, sizeof p);
    p.event_id = (long)sqlite3_column_int64(q, 0);
    sq_col_text(q, 1, p.actor_id, sizeof p.actor_id);
    sq_col_text(q, 2, p.actor_name, sizeof p.actor_name);
    sq_col_text(q, 3, p.person, sizeof p.person);
    sq_col_text(q, 4, p.role, sizeof p.role);
    return ((store_participant_cb)v->cb)(v->ctx, &p);
}

int store_participant_list(struct store *st, long event_id, store_participant_cb cb, void *ctx,
                           struct err *e)
{
    struct sqlite_store *s = sqn(st);
    struct visit v = {(void (*)(void))cb, ctx};
    sqlite3_stmt *q = sqn_stmt(s, K_PART_LIST,
                               "SELECT p.event_id, p.actor_id, a.name, p.person, p.role "
                               "FROM event_participant p LEFT JOIN actor a ON a.id = p.actor_id "
                               "WHERE p.event_id = ?1 ORDER BY p.actor_id, p.person",
                               e);

    if (!q)
        return SY_ESTORE;
    sqlite3_bind_int64(q, 1, event_id);
    return sqn_each(s, q, visit_participant, &v, "listing participants", e);
}

int store_event_flow_add(struct store *st, long event_id, const char *flow_id, struct err *e)
{
    struct sqlite_store *s = sqn(st);
    sqlite3_stmt *q = sqn_stmt(
        s, K_EVFLOW_ADD, "INSERT OR IGNORE INTO event_flow (event_id, flow_id) VALUES (?1, ?2)", e);

    if (!q)
        return SY_ESTORE;
    sqlite3_bind_int64(q, 1, event_id);
    sq_bind_text(q, 2, flow_id, 0);
    return sq_exec_stmt(s, q, e, "linking a flow to an event");
}

/* The event's flows: their ids, and the actors that hold them. */
struct ev_flows {
    struct strmap ids, actors;
};

static int visit_evflow(sqlite3_stmt *q, void *arg)
{
    struct ev_flows *f = arg;
    const char *id = (const char *)sqlite3_column_text(q, 0);
    const char *actor = (const char *)sqlite3_column_text(q, 1);

    if (!id || !actor)
        return 0;
    return strmap_put(&f->ids, id, 0) || strmap_put(&f->actors, actor, 0) ? SY_ENOMEM : 0;
}

static int ev_flows_load(struct sqlite_store *s, long event_id, struct ev_flows *f, struct err *e)
{
    sqlite3_stmt *q = sqn_stmt(s, K_EVFLOW_LIST,
                               "SELECT f.id, f.actor_id FROM event_flow ef JOIN flow f "
                               "ON f.id = ef.flow_id WHERE ef.event_id = ?1 ORDER BY f.id",
                               e);
    int rc;

    strmap_init(&f->ids);
    strmap_init(&f->actors);
    if (!q)
        return SY_ESTORE;
    sqlite3_bind_int64(q, 1, event_id);
    rc = sqn_each(s, q, visit_evflow, f, "listing an event's flows", e);
    return rc == SY_ENOMEM ? err_set(e, rc, "out of memory") : rc;
}

static void ev_flows_release(struct ev_flows *f)
{
    strmap_release(&f->ids);
    strmap_release(&f->actors);
}

struct flow_pick {
    struct strmap *ids;
    store_flow_cb cb;
    void *ctx;
};

static int pick_flow(void *ctx, const struct flow *fl)
{
    struct flow_pick *p = ctx;

    return strmap_get(p->ids, fl->id, NULL) ? p->cb(p->ctx, fl) : 0;
}

int store_event_flow_list(struct store *st, long event_id, store_flow_cb cb, void *ctx,
                          struct err *e)
{
    struct sqlite_store *s = sqn(st);
    struct ev_flows f;
    struct flow_pick p;
    int rc = ev_flows_load(s, event_id, &f, e);

    p.ids = &f.ids;
    p.cb = cb;
    p.ctx = ctx;
    for (size_t i = 0; !rc && i < f.actors.cap; i++) {
        struct flow_filter ff = {f.actors.keys[i], NULL};

        if (f.actors.keys[i])
            rc = store_flow_list(st, &ff, pick_flow, &p, e);
    }
    ev_flows_release(&f);
    return rc;
}

/* Candidates fed by the event's cards: "S actor|code" for supplies, "D actor" for demands. */
struct cand_pick {
    struct strmap keys;
    store_cand_cb cb;
    void *ctx;
};

static int collect_card(void *ctx, const struct flow *fl)
{
    struct cand_pick *p = ctx;
    char key[SY_ID_MAX + SY_CODE_MAX + 4];

    if (fl->dir == FLOW_SUPPLY)
        snprintf(key, sizeof key, "S %s|%s", fl->actor_id, fl->code);
    else
        snprintf(key, sizeof key, "D %s", fl->actor_id);
    return strmap_put(&p->keys, key, 0) ? SY_ENOMEM : 0;
}

static int pick_cand(void *ctx, const struct candidate *c)
{
    struct cand_pick *p = ctx;
    char key[SY_ID_MAX + SY_CODE_MAX + 4];

    snprintf(key, sizeof key, "S %s|%s", c->supplier_id, c->resource_code);
    if (strmap_get(&p->keys, key, NULL))
        return p->cb(p->ctx, c);
    snprintf(key, sizeof key, "D %s", c->receiver_id);
    return c->receiver_id[0] && strmap_get(&p->keys, key, NULL) ? p->cb(p->ctx, c) : 0;
}

int store_event_cand_list(struct store *st, long event_id, store_cand_cb cb, void *ctx,
                          struct err *e)
{
    struct cand_pick p;
    struct event ev;
    struct cand_filter cf = {NULL, -1, 1, NULL};
    int rc;

    strmap_init(&p.keys);
    p.cb = cb;
    p.ctx = ctx;
    rc = store_event_get(st, event_id, &ev, e);
    if (!rc)
        rc = store_event_flow_list(st, event_id, collect_card, &p, e);
    if (rc == SY_ENOMEM)
        rc = err_set(e, rc, "out of memory");
    if (!rc && p.keys.n) {
        cf.territory = ev.territory[0] ? ev.territory : NULL;
        rc = store_cand_list(st, &cf, pick_cand, &p, e);
    }
    strmap_release(&p.keys);
    return rc;
}

/* ---- the library ---- */

int store_barrier_put(struct store *st, const struct barrier *b, struct err *e)
{
    struct sqlite_store *s = sqn(st);
    sqlite3_stmt *q = sqn_stmt(s, K_BAR_PUT,
                               "INSERT OR REPLACE INTO barrier (code, category, label_en, "
                               "label_fr, description, basis) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                               e);

    if (!q)
        return SY_ESTORE;
    sq_bind_text(q, 1, b->code, 0);
    sq_bind_text(q, 2, net_barrier_cat_name(b->category), 0);
    sq_bind_text(q, 3, b->label_en, 0);
    sq_bind_text(q, 4, b->label_fr, 0);
    sq_bind_text(q, 5, b->description, 1);
    sq_bind_text(q, 6, b->basis, 1);
    return sq_exec_stmt(s, q, e, "saving a barrier");
}

static int visit_barrier(sqlite3_stmt *q, void *arg)
{
    struct visit *v = arg;
    struct barrier b;
    char cat[32];

    memset(&b, 0, sizeof b);
    sq_col_text(q, 0, b.code, sizeof b.code);
    sq_col_text(q, 1, cat, sizeof cat);
    net_barrier_cat_parse(cat, &b.category);
    sq_col_text(q, 2, b.label_en, sizeof b.label_en);
    sq_col_text(q, 3, b.label_fr, sizeof b.label_fr);
    sq_col_text(q, 4, b.description, sizeof b.description);
    sq_col_text(q, 5, b.basis, sizeof b.basis);
    return ((store_barrier_cb)v->cb)(v->ctx, &b);
}

static int copy_barrier(void *ctx, const struct barrier *b)
{
    *(struct barrier *)ctx = *b;
    return 1;
}

#define BARRIER_SELECT "SELECT code, category, label_en, label_fr, description, basis FROM barrier "

int store_barrier_get(struct store *st, const char *code, struct barrier *out, struct err *e)
{
    struct sqlite_store *s = sqn(st);
    struct visit v = {(void (*)(void))copy_barrier, out};
    sqlite3_stmt *q = sqn_stmt(s, K_BAR_GET, BARRIER_SELECT "WHERE code = ?1", e);
    int rc;

    if (!q)
        return SY_ESTORE;
    sq_bind_text(q, 1, code, 0);
    rc = sqn_each(s, q, visit_barrier, &v, "reading a barrier", e);
    if (rc == 1)
        return SY_OK;
    return rc ? rc : err_set(e, SY_ENOTFOUND, "no barrier '%s'; see 'symbiose barrier list'", code);
}

int store_barrier_list(struct store *st, int category, store_barrier_cb cb, void *ctx,
                       struct err *e)
{
    struct sqlite_store *s = sqn(st);
    struct visit v = {(void (*)(void))cb, ctx};
    sqlite3_stmt *q = sqn_stmt(s, K_BAR_LIST,
                               BARRIER_SELECT "WHERE ?1 IS NULL OR category = ?1 ORDER BY code", e);

    if (!q)
        return SY_ESTORE;
    sq_bind_text(q, 1, category >= 0 ? net_barrier_cat_name((enum barrier_cat)category) : NULL, 0);
    return sqn_each(s, q, visit_barrier, &v, "listing barriers", e);
}

int store_lever_put(struct store *st, const struct lever *l, struct err *e)
{
    struct sqlite_store *s = sqn(st);
    sqlite3_stmt *q = sqn_stmt(s, K_LEV_PUT,
                               "INSERT OR REPLACE INTO lever (code, label_en, label_fr, "
                               "description, addresses, basis) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                               e);
    sqlite3_stmt *del = sqn_stmt(s, K_LEVBAR_DEL, "DELETE FROM lever_barrier WHERE lever = ?1", e);
    sqlite3_stmt *add = sqn_stmt(
        s, K_LEVBAR_ADD, "INSERT OR IGNORE INTO lever_barrier (lever, barrier) VALUES (?1, ?2)", e);
    char code[SY_ID_MAX];
    int rc;

    if (!q || !del || !add)
        return SY_ESTORE;
    sq_bind_text(q, 1, l->code, 0);
    sq_bind_text(q, 2, l->label_en, 0);
    sq_bind_text(q, 3, l->label_fr, 0);
    sq_bind_text(q, 4, l->description, 1);
    sq_bind_text(q, 5, l->addresses, 1);
    sq_bind_text(q, 6, l->basis, 1);
    rc = sq_exec_stmt(s, q, e, "saving a lever");
    if (!rc) {
        sq_bind_text(del, 1, l->code, 0);
        rc = sq_exec_stmt(s, del, e, "saving a lever");
    }
    for (const char *p = l->addresses; !rc && *p;) {
        size_t n = strcspn(p, " ,;");

        if (n > 0 && n < sizeof code) {
            memcpy(code, p, n);
            code[n] = '\0';
            sq_bind_text(add, 1, l->code, 0);
            sq_bind_text(add, 2, code, 0);
            rc = sq_exec_stmt(s, add, e, "linking a lever to a barrier");
        }
        p += n;
        p += strspn(p, " ,;");
    }
    return rc;
}

static int visit_lever(sqlite3_stmt *q, void *arg)
{
    struct visit *v = arg;
    struct lever l;

    memset(&l, 0, sizeof l);
    sq_col_text(q, 0, l.code, sizeof l.code);
    sq_col_text(q, 1, l.label_en, sizeof l.label_en);
    sq_col_text(q, 2, l.label_fr, sizeof l.label_fr);
    sq_col_text(q, 3, l.description, sizeof l.description);
    sq_col_text(q, 4, l.addresses, sizeof l.addresses);
    sq_col_text(q, 5, l.basis, sizeof l.basis);
    return ((store_lever_cb)v->cb)(v->ctx, &l);
}

static int copy_lever(void *ctx, const struct lever *l)
{
    *(struct lever *)ctx = *l;
    return 1;
}

#define LEVER_SELECT                                                                               \
    "SELECT l.code, l.label_en, l.label_fr, l.description, l.addresses, l.basis FROM lever l "

int store_lever_get(struct store *st, const char *code, struct lever *out, struct err *e)
{
    struct sqlite_store *s = sqn(st);
    struct visit v = {(void (*)(void))copy_lever, out};
    sqlite3_stmt *q = sqn_stmt(s, K_LEV_GET, LEVER_SELECT "WHERE l.code = ?1", e);
    int rc;

    if (!q)
        return SY_ESTORE;
    sq_bind_text(q, 1, code, 0);
    rc = sqn_each(s, q, visit_lever, &v, "reading a lever", e);
    if (rc == 1)
        return SY_OK;
    return rc ? rc : err_set(e, SY_ENOTFOUND, "no lever '%s'; see 'symbiose lever list'", code);
}

int store_lever_list(struct store *st, const char *barrier, store_lever_cb cb, void *ctx,
                     struct err *e)
{
    struct sqlite_store *s = sqn(st);
    struct visit v = {(void (*)(void))cb, ctx};
    sqlite3_stmt *q = sqn_stmt(s, K_LEV_LIST,
                               LEVER_SELECT "WHERE ?1 IS NULL OR EXISTS (SELECT 1 FROM "
                                            "lever_barrier lb WHERE lb.lever = l.code AND "
                                            "lb.barrier = ?1) ORDER BY l.code",
                               e);

    if (!q)
        return SY_ESTORE;
    sq_bind_text(q, 1, barrier, 0);
    return sqn_each(s, q, visit_lever, &v, "listing levers", e);
}

/* ---- what territories met and tried ---- */

int store_barrier_record_put(struct store *st, struct barrier_record *r, struct err *e)
{
    struct sqlite_store *s = sqn(st);
    sqlite3_stmt *q = sqn_stmt(
        s, K_BREC_PUT,
        "INSERT INTO barrier_record (territory, barrier, noted, by, notes) VALUES (?1, ?2, ?3, "
        "?4, ?5) ON CONFLICT (territory, barrier) DO UPDATE SET noted = ?3, by = ?4, "
        "notes = coalesce(?5, notes) RETURNING id",
        e);
    int rc;

    if (!q)
        return SY_ESTORE;
    sq_bind_text(q, 1, r->territory, 0);
    sq_bind_text(q, 2, r->barrier, 0);
    sq_bind_text(q, 3, r->noted, 0);
    sq_bind_text(q, 4, r->by, 1);
    sq_bind_text(q, 5, r->notes, 1);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        r->id = (long)sqlite3_column_int64(q, 0);
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    return rc == SQLITE_ROW ? SY_OK : sq_fail(s, e, "recording a barrier");
}

static int visit_brecord(sqlite3_stmt *q, void *arg)
{
    struct visit *v = arg;
    struct barrier_record r;

    memset(&r, 0, sizeof r);
    r.id = (long)sqlite3_column_int64(q, 0);
    sq_col_text(q, 1, r.territory, sizeof r.territory);
    sq_col_text(q, 2, r.barrier, sizeof r.barrier);
    sq_col_text(q, 3, r.barrier_label, sizeof r.barrier_label);
    sq_col_text(q, 4, r.noted, sizeof r.noted);
    sq_col_text(q, 5, r.by, sizeof r.by);
    sq_col_text(q, 6, r.notes, sizeof r.notes);
    return ((store_brecord_cb)v->cb)(v->ctx, &r);
}

int store_barrier_record_list(struct store *st, const struct record_filter *f, store_brecord_cb cb,
                              void *ctx, struct err *e)
{
    struct sqlite_store *s = sqn(st);
    struct visit v = {(void (*)(void))cb, ctx};
    sqlite3_stmt *q =
        sqn_stmt(s, K_BREC_LIST,
                 "SELECT r.id, r.territory, r.barrier, b.label_en, r.noted, r.by, r.notes FROM "
                 "barrier_record r LEFT JOIN barrier b ON b.code = r.barrier WHERE (?1 IS NULL OR "
                 "r.territory = ?1) AND r.noted BETWEEN ?2 AND ?3 ORDER BY r.territory, r.barrier",
                 e);

    if (!q)
        return SY_ESTORE;
    sq_bind_text(q, 1, f ? f->territory : NULL, 0);
    sqn_bind_year(q, 2, f ? f->year : 0);
    return sqn_each(s, q, visit_brecord, &v, "listing barriers met", e);
}

int store_lever_trial_add(struct store *st, struct lever_trial *t, struct err *e)
{
    struct sqlite_store *s = sqn(st);
    sqlite3_stmt *q = sqn_stmt(s, K_TRIAL_ADD,
                               "INSERT INTO lever_trial (territory, lever, barrier, date, result, "
                               "by, notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                               e);
    int rc;

    if (!q)
        return SY_ESTORE;
    sq_bind_text(q, 1, t->territory, 0);
    sq_bind_text(q, 2, t->lever, 0);
    sq_bind_text(q, 3, t->barrier, 1);
    sq_bind_text(q, 4, t->date, 0);
    sq_bind_text(q, 5, net_result_name(t->result), 0);
    sq_bind_text(q, 6, t->by, 1);
    sq_bind_text(q, 7, t->notes, 1);
    rc = sq_exec_stmt(s, q, e, "recording a lever tried");
    if (!rc)
        t->id = (long)sqlite3_last_insert_rowid(s->db);
    return rc;
}

static int visit_trial(sqlite3_stmt *q, void *arg)
{
    struct visit *v = arg;
    struct lever_trial t;
    char res[16];

    memset(&t, 0, sizeof t);
    t.id = (long)sqlite3_column_int64(q, 0);
    sq_col_text(q, 1, t.territory, sizeof t.territory);
    sq_col_text(q, 2, t.lever, sizeof t.lever);
    sq_col_text(q, 3, t.lever_label, sizeof t.lever_label);
    sq_col_text(q, 4, t.barrier, sizeof t.barrier);
    sq_col_text(q, 5, t.date, sizeof t.date);
    sq_col_text(q, 6, res, sizeof res);
    net_result_parse(res, &t.result);
    sq_col_text(q, 7, t.by, sizeof t.by);
    sq_col_text(q, 8, t.notes, sizeof t.notes);
    return ((store_trial_cb)v->cb)(v->ctx, &t);
}

int store_lever_trial_list(struct store *st, const struct record_filter *f, store_trial_cb cb,
                           void *ctx, struct err *e)
{
    struct sqlite_store *s = sqn(st);
    struct visit v = {(void (*)(void))cb, ctx};
    sqlite3_stmt *q = sqn_stmt(
        s, K_TRIAL_LIST,
        "SELECT t.id, t.territory, t.lever, l.label_en, t.barrier, t.date, t.result, t.by, "
        "t.notes FROM lever_trial t LEFT JOIN lever l ON l.code = t.lever WHERE (?1 IS NULL OR "
        "t.territory = ?1) AND t.date BETWEEN ?2 AND ?3 ORDER BY t.territory, t.date, t.id",
        e);

    if (!q)
        return SY_ESTORE;
    sq_bind_text(q, 1, f ? f->territory : NULL, 0);
    sqn_bind_year(q, 2, f ? f->year : 0);
    return sqn_each(s, q, visit_trial, &v, "listing levers tried", e);
}

static int visit_outcome(sqlite3_stmt *q, void *arg)
{
    struct visit *v = arg;
    struct lever_outcome o;

    memset(&o, 0, sizeof o);
    sq_col_text(q, 0, o.lever, sizeof o.lever);
    sq_col_text(q, 1, o.lever_label, sizeof o.lever_label);
    sq_col_text(q, 2, o.territory, sizeof o.territory);
    sq_col_text(q, 3, o.territory_name, sizeof o.territory_name);
    sq_col_text(q, 4, o.facilitator, sizeof o.facilitator);
    sq_col_text(q, 5, o.email, sizeof o.email);
    sq_col_text(q, 6, o.phone, sizeof o.phone);
    o.worked = (long)sqlite3_column_int64(q, 7);
    o.partly = (long)sqlite3_column_int64(q, 8);
    o.did_not = (long)sqlite3_column_int64(q, 9);
    sq_col_text(q, 10, o.last_date, sizeof o.last_date);
    o.score = sqlite3_column_double(q, 11);
    return ((store_outcome_cb)v->cb)(v->ctx, &o);
}

int store_lever_outcomes(struct store *st, const char *barrier, store_outcome_cb cb, void *ctx,
                         struct err *e)
{
    struct sqlite_store *s = sqn(st);
    struct visit v = {(void (*)(void))cb, ctx};
    sqlite3_stmt *q = sqn_stmt(
        s, K_OUTCOMES,
        "SELECT t.lever, l.label_en, t.territory, tr.name, f.name, f.email, f.phone, "
        "count(*) FILTER (WHERE t.result = 'worked') AS w, "
        "count(*) FILTER (WHERE t.result = 'partly') AS p, "
        "count(*) FILTER (WHERE t.result = 'did_not'), max(t.date) AS last, "
        "(2.0 * count(*) FILTER (WHERE t.result = 'worked') + count(*) FILTER (WHERE t.result = "
        "'partly')) / count(*) AS score FROM lever_trial t JOIN lever l ON l.code = t.lever "
        "JOIN territory tr ON tr.code = t.territory LEFT JOIN facilitator f ON f.territory = "
        "t.territory WHERE t.barrier = ?1 GROUP BY t.lever, t.territory "
        "ORDER BY score DESC, count(*) DESC, last DESC, t.lever, t.territory",
        e);

    if (!q)
        return SY_ESTORE;
    sq_bind_text(q, 1, barrier, 0);
    return sqn_each(s, q, visit_outcome, &v, "querying levers across the network", e);
}
