/*
 * api_events.c - events (with their participants, outcome notes, workshop
 * cards and what came out of them), the library of barriers and levers, a
 * territory's barriers and the levers it tried, and the network query "for
 * this barrier, which levers worked where" of docs/api.md ("Network").
 */
#include "server/api_network.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/cards.h"

static json_t *text_or_null(const char *s)
{
    return s && s[0] ? json_string(s) : json_null();
}

/* ---- events ---- */

static json_t *event_json(const struct event *ev)
{
    return json_pack("{s:I, s:o, s:s, s:s, s:s, s:s, s:s, s:s, s:I}", "id", (json_int_t)ev->id,
                     "territory", text_or_null(ev->territory), "type",
                     net_event_type_name(ev->type), "title", ev->title, "date", ev->date, "place",
                     ev->place, "organiser", ev->organiser, "notes", ev->notes, "participants",
                     (json_int_t)ev->participants);
}

static int on_event(void *ctx, const struct event *ev)
{
    return json_array_append_new(ctx, event_json(ev)) ? SY_ENOMEM : 0;
}

int api_events_list(struct req *r)
{
    struct event_filter f = {req_query(r, "territory"), net_query_year(r, "year")};
    json_t *items;
    struct err e;
    int rc;

    if (f.year < 0)
        return 1;
    if (f.territory && !f.territory[0])
        f.territory = NULL;
    items = json_array();
    err_clear(&e);
    rc = store_event_list(r->store, &f, on_event, items, &e);
    if (rc) {
        json_decref(items);
        return req_fail(r, rc, e.msg);
    }
    return req_ok(
        r, 200,
        json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)json_array_size(items)));
}

static int on_part(void *ctx, const struct participant *p)
{
    return json_array_append_new(
               ctx, json_pack("{s:o, s:o, s:o, s:o}", "actor_id", text_or_null(p->actor_id), "name",
                              text_or_null(p->actor_name), "person", text_or_null(p->person),
                              "role", text_or_null(p->role)))
               ? SY_ENOMEM
               : 0;
}

static int on_flow(void *ctx, const struct flow *f)
{
    return json_array_append_new(ctx, json_pack("{s:s, s:s, s:s, s:s, s:s, s:f, s:s}", "id", f->id,
                                                "actor_id", f->actor_id, "card",
                                                f->dir == FLOW_SUPPLY ? "have" : "want", "code",
                                                f->code, "description", f->description, "quantity",
                                                f->qty, "unit", f->unit))
               ? SY_ENOMEM
               : 0;
}

static int on_cand(void *ctx, const struct candidate *cd)
{
    return json_array_append_new(
               ctx, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:f, s:f, s:s}", "key", cd->key,
                              "kind", candidate_kind_name(cd->kind), "supplier_id", cd->supplier_id,
                              "supplier", cd->supplier_name, "receiver", cd->receiver_name,
                              "resource_code", cd->resource_code, "resource", cd->resource_label,
                              "score", cd->score, "distance_km", cd->distance_km, "status",
                              candidate_status_name(cd->status)))
               ? SY_ENOMEM
               : 0;
}

/* The event id of the path: 0 and *id, or an answer (400, 404). */
static int path_event(struct req *r, long *id, struct event *ev)
{
    char *end;
    struct err e;
    int rc;

    *id = strtol(r->param, &end, 10);
    if (*end || *id <= 0)
        return req_error(r, 404, NULL, "no event '%s' (events are numbered)", r->param);
    err_clear(&e);
    rc = store_event_get(r->store, *id, ev, &e);
    if (rc == SY_ENOTFOUND)
        return req_error(r, 404, NULL, "no event %ld", *id);
    return rc ? req_fail(r, rc, e.msg) : 0;
}

/* The event with its participants, flows and candidates. */
static int event_detail(struct req *r, long id, int status)
{
    json_t *o, *parts = json_array(), *flows = json_array(), *cands = json_array(), *x;
    struct event ev;
    size_t i, nsyn = 0;
    struct err e;
    int rc;

    err_clear(&e);
    rc = store_event_get(r->store, id, &ev, &e);
    if (!rc)
        rc = store_participant_list(r->store, id, on_part, parts, &e);
    if (!rc)
        rc = store_event_flow_list(r->store, id, on_flow, flows, &e);
    if (!rc)
        rc = store_event_cand_list(r->store, id, on_cand, cands, &e);
    if (rc) {
        json_decref(parts);
        json_decref(flows);
        json_decref(cands);
        return req_fail(r, rc, e.msg);
    }
    json_array_foreach(cands, i, x) nsyn +=
        strcmp(json_string_value(json_object_get(x, "status")), "accepted") == 0;
    o = event_json(&ev);
    json_object_set_new(o, "participants", json_integer((json_int_t)json_array_size(parts)));
    json_object_set_new(o, "participant_list", parts);
    json_object_set_new(o, "flows", flows);
    json_object_set_new(o, "candidates", cands);
    json_object_set_new(o, "synergies", json_integer((json_int_t)nsyn));
    return req_ok(r, status, o);
}

int api_event_get(struct req *r)
{
    struct event ev;
    long id;

    return path_event(r, &id, &ev) || event_detail(r, id, 200);
}

/* Reads the event fields of body into ev (partial: only those present). */
static void event_fields(struct req *r, json_t *b, struct event *ev, int create,
                         struct net_fields *f)
{
    char type[32] = "";
    struct territory t;
    struct err e;

    if (net_text(b, "type", type, sizeof type, f) && net_event_type_parse(type, &ev->type))
        net_field(f, "type", "use workshop, seminar, site_visit or meeting");
    else if (create && !type[0] && !json_object_get(f->fields, "type"))
        net_field(f, "type", "use workshop, seminar, site_visit or meeting");
    if (!net_text(b, "title", ev->title, sizeof ev->title, f) && create &&
        !json_object_get(f->fields, "title"))
        net_field(f, "title", "give the event a title");
    else if (!ev->title[0])
        net_field(f, "title", "give the event a title");
    if (net_text(b, "date", ev->date, sizeof ev->date, f) && !net_date_valid(ev->date))
        net_field(f, "date", "a date YYYY-MM-DD");
    else if (create && !ev->date[0] && !json_object_get(f->fields, "date"))
        net_field(f, "date", "a date YYYY-MM-DD");
    err_clear(&e);
    if (net_text(b, "territory", ev->territory, sizeof ev->territory, f) && ev->territory[0] &&
        store_territory_get(r->store, ev->territory, &t, &e))
        net_field(f, "territory", "no territory '%s'", ev->territory);
    net_text(b, "place", ev->place, sizeof ev->place, f);
    net_text(b, "organiser", ev->organiser, sizeof ev->organiser, f);
    net_text(b, "notes", ev->notes, sizeof ev->notes, f);
}

/* Reads one participant object into p, checking its actor. */
static void participant_fields(struct req *r, json_t *x, const char *at, struct participant *p,
                               struct net_fields *f)
{
    char name[64];
    struct actor a;
    struct err e;

    if (!json_is_object(x)) {
        net_field(f, at, "an object {\"actor_id\", \"person\", \"role\"}");
        return;
    }
    snprintf(name, sizeof name, "%s.actor_id", at);
    net_text(x, "actor_id", p->actor_id, sizeof p->actor_id, f);
    snprintf(name, sizeof name, "%s.person", at);
    net_text(x, "person", p->person, sizeof p->person, f);
    net_text(x, "role", p->role, sizeof p->role, f);
    if (!p->actor_id[0] && !p->person[0]) {
        net_field(f, at, "give an actor_id, a person, or both");
        return;
    }
    err_clear(&e);
    if (p->actor_id[0] && store_actor_get(r->store, p->actor_id, &a, &e)) {
        snprintf(name, sizeof name, "%s.actor_id", at);
        net_field(f, name, "no actor '%s'", p->actor_id);
    }
}

int api_event_post(struct req *r)
{
    struct net_fields f = {0};
    struct participant *ps = NULL;
    struct event ev;
    json_t *b, *list, *x;
    size_t i, np = 0;
    struct err e;
    int rc;

    if (req_json_body(r, &b))
        return 1;
    memset(&ev, 0, sizeof ev);
    event_fields(r, b, &ev, 1, &f);
    list = json_object_get(b, "participants");
    if (list && !json_is_array(list))
        net_field(&f, "participants", "a list of {\"actor_id\", \"person\", \"role\"}");
    else if (json_array_size(list) > 1000)
        net_field(&f, "participants", "at most 1000 at once");
    else if (json_array_size(list))
        ps = calloc(json_array_size(list), sizeof *ps);
    json_array_foreach(list, i, x)
    {
        char at[48];
        if (!ps)
            break;
        snprintf(at, sizeof at, "participants[%zu]", i);
        participant_fields(r, x, at, &ps[np++], &f);
    }
    json_decref(b);
    if (net_fields_answer(r, &f)) {
        free(ps);
        return 1;
    }
    err_clear(&e);
    rc = store_begin(r->store, &e);
    if (!rc)
        rc = store_event_put(r->store, &ev, &e);
    for (i = 0; !rc && i < np; i++) {
        ps[i].event_id = ev.id;
        rc = store_participant_add(r->store, &ps[i], &e);
    }
    free(ps);
    if (!rc)
        rc = store_commit(r->store, &e);
    else
        store_rollback(r->store, NULL);
    return rc ? req_fail(r, rc, e.msg) : event_detail(r, ev.id, 201);
}

int api_event_patch(struct req *r)
{
    struct net_fields f = {0};
    struct event ev;
    json_t *b;
    long id;
    struct err e;
    int rc;

    if (path_event(r, &id, &ev))
        return 1;
    if (req_json_body(r, &b))
        return 1;
    event_fields(r, b, &ev, 0, &f);
    json_decref(b);
    if (net_fields_answer(r, &f))
        return 1;
    err_clear(&e);
    rc = store_event_put(r->store, &ev, &e);
    return rc ? req_fail(r, rc, e.msg) : event_detail(r, id, 200);
}

int api_event_participants_post(struct req *r)
{
    struct net_fields f = {0};
    struct participant p;
    struct event ev;
    json_t *b;
    long id;
    struct err e;
    int rc;

    if (path_event(r, &id, &ev))
        return 1;
    if (req_json_body(r, &b))
        return 1;
    memset(&p, 0, sizeof p);
    participant_fields(r, b, "participant", &p, &f);
    json_decref(b);
    if (net_fields_answer(r, &f))
        return 1;
    p.event_id = id;
    err_clear(&e);
    rc = store_participant_add(r->store, &p, &e);
    return rc ? req_fail(r, rc, e.msg) : event_detail(r, id, 201);
}

int api_event_cards_post(struct req *r)
{
    struct import_opts o;
    struct import_result res;
    struct event ev;
    long id;
    struct err e;
    int rc;

    if (path_event(r, &id, &ev))
        return 1;
    if (strncmp(r->ctype, "text/csv", 8) != 0)
        return req_error(r, 415, NULL, "send the cards as Content-Type: text/csv");
    memset(&o, 0, sizeof o);
    o.data = r->body;
    o.len = r->len;
    import_result_init(&res, "cards.csv");
    err_clear(&e);
    rc = import_cards(r->store, "cards.csv", id, &o, &res, &e);
    if (rc == SY_EINPUT && res.diags.nerrors) {
        api_import_failed(r, &res.diags, e.msg);
        import_result_release(&res);
        return 1;
    }
    import_result_release(&res);
    return rc ? req_fail(r, rc, e.msg) : event_detail(r, id, 200);
}

/* ---- the library of barriers and levers ---- */

static json_t *barrier_json(const struct barrier *b)
{
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "code", b->code, "category",
                     net_barrier_cat_name(b->category), "label_en", b->label_en, "label_fr",
                     b->label_fr, "description", b->description, "basis", b->basis);
}

static int on_barrier(void *ctx, const struct barrier *b)
{
    return json_array_append_new(ctx, barrier_json(b)) ? SY_ENOMEM : 0;
}

static int on_lever(void *ctx, const struct lever *l)
{
    return json_array_append_new(ctx, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "code", l->code,
                                                "label_en", l->label_en, "label_fr", l->label_fr,
                                                "description", l->description, "addresses",
                                                l->addresses, "basis", l->basis))
               ? SY_ENOMEM
               : 0;
}

static int items_answer(struct req *r, int rc, json_t *items, const struct err *e)
{
    if (rc) {
        json_decref(items);
        return req_fail(r, rc, e->msg);
    }
    return req_ok(
        r, 200,
        json_pack("{s:o, s:I}", "items", items, "total", (json_int_t)json_array_size(items)));
}

int api_barriers_list(struct req *r)
{
    const char *c = req_query(r, "category");
    enum barrier_cat cat;
    json_t *items;
    struct err e;

    if (c && c[0] && net_barrier_cat_parse(c, &cat))
        return req_field_error(r, "category",
                               "use time, trust, data, regulation, economics, "
                               "logistics, governance or technical");
    items = json_array();
    err_clear(&e);
    return items_answer(
        r, store_barrier_list(r->store, c && c[0] ? (int)cat : -1, on_barrier, items, &e), items,
        &e);
}

int api_levers_list(struct req *r)
{
    const char *b = req_query(r, "barrier");
    json_t *items = json_array();
    struct err e;

    err_clear(&e);
    return items_answer(r, store_lever_list(r->store, b && b[0] ? b : NULL, on_lever, items, &e),
                        items, &e);
}

static int on_outcome(void *ctx, const struct lever_outcome *oc)
{
    return json_array_append_new(
               ctx, json_pack("{s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:f, s:o, s:{s:o, s:o, s:o}}",
                              "lever", oc->lever, "lever_label", oc->lever_label, "territory",
                              oc->territory, "territory_name", oc->territory_name, "worked",
                              (json_int_t)oc->worked, "partly", (json_int_t)oc->partly, "did_not",
                              (json_int_t)oc->did_not, "score", oc->score, "last_date",
                              text_or_null(oc->last_date), "facilitator", "name",
                              text_or_null(oc->facilitator), "email", text_or_null(oc->email),
                              "phone", text_or_null(oc->phone)))
               ? SY_ENOMEM
               : 0;
}

int api_barrier_get(struct req *r)
{
    struct barrier b;
    json_t *o, *levers = json_array(), *outcomes = json_array(), *untried = json_array(), *x, *y;
    size_t i, j;
    struct err e;
    int rc;

    memset(&b, 0, sizeof b);
    err_clear(&e);
    rc = store_barrier_get(r->store, r->param, &b, &e);
    if (rc == SY_ENOTFOUND)
        rc = req_error(r, 404, NULL, "no barrier '%s'; GET /api/barriers lists them", r->param);
    else if (!rc && (rc = store_lever_list(r->store, b.code, on_lever, levers, &e)) == 0)
        rc = store_lever_outcomes(r->store, b.code, on_outcome, outcomes, &e);
    if (rc) {
        json_decref(levers);
        json_decref(outcomes);
        json_decref(untried);
        return r->status ? 1 : req_fail(r, rc, e.msg);
    }
    json_array_foreach(levers, i, x)
    {
        int tried = 0;
        json_array_foreach(outcomes, j, y) tried |=
            strcmp(json_string_value(json_object_get(x, "code")),
                   json_string_value(json_object_get(y, "lever"))) == 0;
        if (!tried)
            json_array_append(untried, x);
    }
    o = barrier_json(&b);
    json_object_set_new(o, "levers", levers);
    json_object_set_new(o, "outcomes", outcomes);
    json_object_set_new(o, "untried", untried);
    return req_ok(r, 200, o);
}

/* ---- a territory's barriers and the levers it tried ---- */

static json_t *brecord_json(const struct barrier_record *b)
{
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)b->id, "territory",
                     b->territory, "barrier", b->barrier, "barrier_label", b->barrier_label, "date",
                     b->noted, "by", b->by, "notes", b->notes);
}

static json_t *trial_json(const struct lever_trial *t)
{
    return json_pack("{s:I, s:s, s:s, s:s, s:o, s:s, s:s, s:s, s:s}", "id", (json_int_t)t->id,
                     "territory", t->territory, "lever", t->lever, "lever_label", t->lever_label,
                     "barrier", text_or_null(t->barrier), "date", t->date, "result",
                     net_result_name(t->result), "by", t->by, "notes", t->notes);
}

static int on_brecord(void *ctx, const struct barrier_record *b)
{
    return json_array_append_new(ctx, brecord_json(b)) ? SY_ENOMEM : 0;
}

static int on_trial(void *ctx, const struct lever_trial *t)
{
    return json_array_append_new(ctx, trial_json(t)) ? SY_ENOMEM : 0;
}

static int record_filter(struct req *r, struct record_filter *f)
{
    f->territory = req_query(r, "territory");
    if (f->territory && !f->territory[0])
        f->territory = NULL;
    f->year = net_query_year(r, "year");
    return f->year < 0;
}

/* GET /api/barriers/met (lever 0) and /api/levers/tried (lever 1). */
static int records_list(struct req *r, int lever)
{
    struct record_filter f;
    json_t *items;
    struct err e;
    int rc;

    if (record_filter(r, &f))
        return 1;
    items = json_array();
    err_clear(&e);
    rc = lever ? store_lever_trial_list(r->store, &f, on_trial, items, &e)
               : store_barrier_record_list(r->store, &f, on_brecord, items, &e);
    return items_answer(r, rc, items, &e);
}

int api_barriers_met_list(struct req *r)
{
    return records_list(r, 0);
}

int api_levers_tried_list(struct req *r)
{
    return records_list(r, 1);
}

/* The territory, date and "by" shared by a barrier record and a lever trial. */
static void record_common(struct req *r, json_t *b, char *terr, char *date, char *by, size_t nby,
                          struct net_fields *f)
{
    const char *who = net_by(r, b);
    struct territory t;
    struct err e;

    if (!net_text(b, "territory", terr, SY_ID_MAX, f) && !json_object_get(f->fields, "territory"))
        net_field(f, "territory", "give the territory's code");
    else if (terr[0] && (err_clear(&e), store_territory_get(r->store, terr, &t, &e)))
        net_field(f, "territory", "no territory '%s'", terr);
    if (net_text(b, "date", date, 16, f) && !net_date_valid(date))
        net_field(f, "date", "a date YYYY-MM-DD");
    if (!date[0])
        net_today(date);
    if (!who[0])
        net_field(f, "by", "say who records it (\"by\" or an X-Symbiose-By header)");
    else if (strlen(who) >= nby)
        net_field(f, "by", "too long (at most %zu bytes)", nby - 1);
    else
        snprintf(by, nby, "%s", who);
}

/* POST /api/barriers/met (lever 0: a barrier met, its code required) and
 * /api/levers/tried (lever 1: a lever tried, with its result and the barrier
 * it answered if any): the same checks of territory, date, by, barrier and
 * notes, one answer per field. */
static int record_post(struct req *r, int lever)
{
    struct net_fields f = {0};
    struct barrier_record rec;
    struct lever_trial t;
    struct lever lev;
    struct barrier bar;
    char result[32] = "", *code = lever ? t.barrier : rec.barrier;
    size_t ncode = lever ? sizeof t.barrier : sizeof rec.barrier;
    json_t *b;
    struct err e;
    int rc;

    if (req_json_body(r, &b))
        return 1;
    memset(&rec, 0, sizeof rec);
    memset(&t, 0, sizeof t);
    memset(&lev, 0, sizeof lev);
    memset(&bar, 0, sizeof bar);
    if (lever)
        record_common(r, b, t.territory, t.date, t.by, sizeof t.by, &f);
    else
        record_common(r, b, rec.territory, rec.noted, rec.by, sizeof rec.by, &f);
    err_clear(&e);
    if (lever && (!net_text(b, "lever", t.lever, sizeof t.lever, &f) || !t.lever[0]))
        net_field(&f, "lever", "give the lever's code (GET /api/levers)");
    else if (lever && store_lever_get(r->store, t.lever, &lev, &e))
        net_field(&f, "lever", "no lever '%s' in the library", t.lever);
    if (!net_text(b, "barrier", code, ncode, &f) || !code[0]) {
        if (!lever) /* a lever may answer no barrier in particular */
            net_field(&f, "barrier", "give the barrier's code (GET /api/barriers)");
    } else if (store_barrier_get(r->store, code, &bar, &e)) {
        net_field(&f, "barrier", "no barrier '%s' in the library", code);
    }
    if (lever &&
        (!net_text(b, "result", result, sizeof result, &f) || net_result_parse(result, &t.result)))
        net_field(&f, "result", "use worked, partly or did_not");
    net_text(b, "notes", lever ? t.notes : rec.notes, lever ? sizeof t.notes : sizeof rec.notes,
             &f);
    json_decref(b);
    if (net_fields_answer(r, &f))
        return 1;
    rc = lever ? store_lever_trial_add(r->store, &t, &e)
               : store_barrier_record_put(r->store, &rec, &e);
    if (rc)
        return req_fail(r, rc, e.msg);
    if (lever) {
        snprintf(t.lever_label, sizeof t.lever_label, "%s", lev.label_fr);
        return req_ok(r, 201, trial_json(&t));
    }
    snprintf(rec.barrier_label, sizeof rec.barrier_label, "%s", bar.label_fr);
    return req_ok(r, 201, brecord_json(&rec));
}

int api_barrier_met_post(struct req *r)
{
    return record_post(r, 0);
}

int api_lever_tried_post(struct req *r)
{
    return record_post(r, 1);
}
