/*
 * api_network.c - the engagement pipeline, the follow-up, the network
 * indicators and the ELIPSE self-evaluation of docs/api.md ("Network").
 * Events, barriers and levers are in api_events.c.
 */
#include "server/api_network.h"

#include <math.h>
#include <microhttpd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/elipse.h"
#include "core/followup.h"
#include "core/network.h"
#include "core/report_build.h"

void net_field(struct net_fields *f, const char *field, const char *fmt, ...)
{
    char msg[400];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (!f->fields) {
        f->fields = json_object();
        snprintf(f->first, sizeof f->first, "%s: %s", field, msg);
    }
    if (!json_object_get(f->fields, field))
        json_object_set_new(f->fields, field, json_string(msg));
}

int net_fields_answer(struct req *r, struct net_fields *f)
{
    json_t *fl = f->fields;

    if (!fl)
        return 0;
    f->fields = NULL;
    return req_error(r, 400, fl, "%s", f->first) || 1;
}

void net_today(char out[16])
{
    const char *t = getenv("SYMBIOSE_TODAY");
    time_t now = time(NULL);
    struct tm tm;

    if (t && net_date_valid(t)) {
        snprintf(out, 16, "%.10s", t);
        return;
    }
    gmtime_r(&now, &tm);
    strftime(out, 16, "%Y-%m-%d", &tm);
}

const char *net_by(struct req *r, json_t *body)
{
    const char *b = json_string_value(json_object_get(body, "by"));

    if (b && b[0])
        return b;
    b = r->conn ? MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-Symbiose-By") : NULL;
    return b ? b : "";
}

int net_text(json_t *body, const char *name, char *dst, size_t n, struct net_fields *f)
{
    json_t *v = json_object_get(body, name);

    if (!v || json_is_null(v))
        return 0;
    if (!json_is_string(v)) {
        net_field(f, name, "a text");
        return 0;
    }
    if (json_string_length(v) >= n) {
        net_field(f, name, "too long (at most %zu bytes)", n - 1);
        return 0;
    }
    snprintf(dst, n, "%s", json_string_value(v));
    return 1;
}

int net_query_year(struct req *r, const char *name)
{
    const char *v = req_query(r, name);
    char *end;
    long y;

    if (!v || !v[0])
        return 0;
    y = strtol(v, &end, 10);
    if (*end || y < 1990 || y > 2100) {
        req_field_error(r, name, "a year from 1990 to 2100, such as 2025");
        return -1;
    }
    return (int)y;
}

/* The territory of the query (required): 0, or non-zero when answered (400, 404). */
static int query_territory(struct req *r, const char **code)
{
    json_t *t;

    *code = req_query(r, "territory");
    if (!*code || !(*code)[0])
        return req_field_error(r, "territory", "give the territory's code");
    if (api_one(r, SL_TERRITORIES, *code, &t))
        return 1;
    json_decref(t);
    return 0;
}

static json_t *str_or_null(const char *s)
{
    return s && s[0] ? json_string(s) : json_null();
}

/* ---- the pipeline ---- */

static json_t *pipe_json(const struct pipeline_row *p)
{
    json_t *o = json_object();

    json_object_set_new(o, "actor_id", json_string(p->actor_id));
    json_object_set_new(o, "name", json_string(p->actor_name));
    json_object_set_new(o, "territory", str_or_null(p->territory));
    json_object_set_new(o, "stage", json_string(net_stage_name(p->stage)));
    json_object_set_new(o, "stage_at", str_or_null(p->stage_at));
    json_object_set_new(o, "stage_by", str_or_null(p->stage_by));
    json_object_set_new(o, "reason", str_or_null(p->reason));
    json_object_set_new(o, "last_contact", str_or_null(p->last_contact));
    json_object_set_new(o, "next_action", str_or_null(p->next_action));
    json_object_set_new(o, "next_due", str_or_null(p->next_due));
    json_object_set_new(o, "naf", str_or_null(p->naf));
    json_object_set_new(o, "workforce", str_or_null(p->workforce));
    json_object_set_new(o, "diffusible", json_boolean(p->diffusible));
    return o;
}

struct pipe_ctx {
    json_t *items;
    int stage;         /* -1 all */
    const char *actor; /* only this actor, or NULL */
    struct pipeline_row one;
    int found;
};

static int on_pipe(void *ctx, const struct pipeline_row *p)
{
    struct pipe_ctx *c = ctx;

    if (c->actor) {
        if (strcmp(c->actor, p->actor_id) == 0) {
            c->one = *p;
            c->found = 1;
        }
        return 0;
    }
    if (c->stage >= 0 && (int)p->stage != c->stage)
        return 0;
    return json_array_append_new(c->items, pipe_json(p)) ? SY_ENOMEM : 0;
}

int api_pipeline_list(struct req *r)
{
    const char *terr, *st = req_query(r, "stage");
    struct pipe_ctx c;
    enum eng_stage s;
    json_t *stages;
    struct err e;
    int rc;

    memset(&c, 0, sizeof c);
    c.stage = -1;
    if (st && st[0]) {
        if (net_stage_parse(st, &s))
            return req_field_error(r, "stage",
                                   "use identified, contacted, met, committed, "
                                   "data_shared, in_synergy or declined");
        c.stage = (int)s;
    }
    if (query_territory(r, &terr))
        return 1;
    c.items = json_array();
    err_clear(&e);
    rc = store_pipeline_list(r->store, terr, NULL, on_pipe, &c, &e);
    if (rc) {
        json_decref(c.items);
        return req_fail(r, rc, e.msg);
    }
    stages = json_array();
    for (int i = 0; i < STAGE_COUNT; i++)
        json_array_append_new(stages, json_string(net_stage_name((enum eng_stage)i)));
    return req_ok(r, 200,
                  json_pack("{s:s, s:o, s:o, s:I}", "territory", terr, "stages", stages, "items",
                            c.items, "total", (json_int_t)json_array_size(c.items)));
}

static int on_hist(void *ctx, const struct engagement *g)
{
    return json_array_append_new(
               ctx, json_pack("{s:I, s:s, s:s, s:s, s:o, s:o}", "id", (json_int_t)g->id, "date",
                              g->at, "stage", net_stage_name(g->stage), "by", g->by, "reason",
                              str_or_null(g->reason), "note", str_or_null(g->note)))
               ? SY_ENOMEM
               : 0;
}

/* The actor's current row and history into *out, or an answer (non-zero). */
static int pipeline_json(struct req *r, const char *actor, json_t **out, struct pipeline_row *cur)
{
    struct pipe_ctx c;
    json_t *a, *h;
    struct err e;
    int rc;

    memset(&c, 0, sizeof c);
    c.stage = -1;
    c.actor = actor;
    *out = NULL;
    if (api_one(r, SL_ACTORS, actor, &a))
        return 1;
    err_clear(&e);
    rc = store_pipeline_list(r->store, json_string_value(json_object_get(a, "territory")), NULL,
                             on_pipe, &c, &e);
    json_decref(a);
    h = json_array();
    if (!rc)
        rc = store_engagement_list(r->store, actor, on_hist, h, &e);
    if (rc) {
        json_decref(h);
        return req_fail(r, rc, e.msg);
    }
    if (!c.found) { /* an actor with no territory is in no territory's pipeline */
        memset(&c.one, 0, sizeof c.one);
        snprintf(c.one.actor_id, sizeof c.one.actor_id, "%s", actor);
        c.one.diffusible = 1;
    }
    if (cur)
        *cur = c.one;
    *out = pipe_json(&c.one);
    json_object_set_new(*out, "history", h);
    return 0;
}

int api_pipeline_get(struct req *r)
{
    json_t *o;

    return pipeline_json(r, r->param, &o, NULL) || req_ok(r, 200, o);
}

int api_pipeline_patch(struct req *r)
{
    struct net_fields f = {0};
    struct engagement g;
    struct next_action na;
    struct pipeline_row cur;
    json_t *b, *o, *v;
    const char *by;
    char date[16] = "", due[16] = "";
    int has_stage = 0, has_next = 0;
    struct err e;
    int rc;

    if (req_json_body(r, &b))
        return 1;
    memset(&g, 0, sizeof g);
    memset(&na, 0, sizeof na);
    v = json_object_get(b, "stage");
    if (v && !json_is_null(v)) {
        if (!json_is_string(v) || net_stage_parse(json_string_value(v), &g.stage))
            net_field(&f, "stage",
                      "use identified, contacted, met, committed, data_shared, "
                      "in_synergy or declined");
        else
            has_stage = 1;
    }
    net_text(b, "reason", g.reason, sizeof g.reason, &f);
    net_text(b, "note", g.note, sizeof g.note, &f);
    if (net_text(b, "date", date, sizeof date, &f) && !net_date_valid(date))
        net_field(&f, "date", "a date YYYY-MM-DD");
    has_next = net_text(b, "next_action", na.action, sizeof na.action, &f);
    if (net_text(b, "due", due, sizeof due, &f) && !net_date_valid(due))
        net_field(&f, "due", "a date YYYY-MM-DD");
    if (has_next && na.action[0] && !due[0])
        net_field(&f, "due", "a next action needs its due date (YYYY-MM-DD)");
    if (has_stage && g.stage == STAGE_DECLINED && !g.reason[0])
        net_field(&f, "reason", "say why the actor declined");
    if (!has_stage && !has_next && !json_object_get(f.fields, "stage"))
        net_field(&f, "stage", "give a stage, or a next_action with its due date");
    by = net_by(r, b);
    if (!by[0])
        net_field(&f, "by",
                  "say who makes the change (\"by\" in the body or an X-Symbiose-By "
                  "header)");
    else if (strlen(by) >= sizeof g.by)
        net_field(&f, "by", "too long (at most %zu bytes)", sizeof g.by - 1);
    else
        snprintf(g.by, sizeof g.by, "%s", by);
    json_decref(b);
    if (net_fields_answer(r, &f))
        return 1;
    if (pipeline_json(r, r->param, &o, &cur))
        return 1;
    json_decref(o);
    if (!date[0])
        net_today(date);
    if (has_stage && cur.stage_at[0] && strcmp(date, cur.stage_at) < 0) {
        json_t *fl = json_pack("{s:s}", "date", "after the latest change");
        return req_error(r, 409, fl,
                         "the actor's latest change is dated %s; a move dated %s would not be "
                         "its current stage",
                         cur.stage_at, date);
    }
    snprintf(g.actor_id, sizeof g.actor_id, "%s", r->param);
    snprintf(g.at, sizeof g.at, "%s", date);
    err_clear(&e);
    rc = store_begin(r->store, &e);
    if (!rc && has_stage)
        rc = store_engagement_add(r->store, &g, &e);
    if (!rc && has_next) {
        snprintf(na.actor_id, sizeof na.actor_id, "%s", r->param);
        snprintf(na.due, sizeof na.due, "%s", na.action[0] ? due : "");
        snprintf(na.by, sizeof na.by, "%s", g.by);
        net_today(na.set_at);
        rc = store_next_action_put(r->store, &na, &e);
    }
    if (!rc)
        rc = store_commit(r->store, &e);
    else
        store_rollback(r->store, NULL);
    if (rc)
        return req_fail(r, rc, e.msg);
    return pipeline_json(r, r->param, &o, NULL) || req_ok(r, 200, o);
}

/* ---- the follow-up ---- */

static json_t *num_or_null(double x, int known)
{
    return known && isfinite(x) ? json_real(x) : json_null();
}

static json_t *followup_item_json(const struct followup_item *it)
{
    int visit = it->section == FU_VISIT_FIRST;
    json_t *o = json_object();

    json_object_set_new(o, "actor_id", json_string(it->row.actor_id));
    json_object_set_new(o, "name", json_string(it->row.actor_name));
    json_object_set_new(o, "stage", json_string(net_stage_name(it->row.stage)));
    json_object_set_new(o, "last_contact", str_or_null(it->row.last_contact));
    json_object_set_new(o, "next_action", str_or_null(it->row.next_action));
    json_object_set_new(o, "due", str_or_null(it->row.next_due));
    json_object_set_new(o, "days", visit ? json_null() : json_integer(it->days));
    json_object_set_new(o, "quantity", num_or_null(it->qty, visit));
    json_object_set_new(o, "unit", visit ? str_or_null(it->unit) : json_null());
    json_object_set_new(o, "tonnes", num_or_null(it->tonnes, visit));
    json_object_set_new(o, "co2e_kg", num_or_null(it->co2e_kg, visit));
    json_object_set_new(o, "euros", num_or_null(it->euros, visit));
    json_object_set_new(o, "estimated", visit ? json_boolean(it->estimated) : json_null());
    json_object_set_new(o, "candidate_key", str_or_null(it->candidate_key));
    json_object_set_new(o, "reason", json_string(it->reason));
    /* the reason's parts, for a page that words it in its own language */
    json_object_set_new(o, "reason_code",
                        json_string(visit ? (it->supplies ? "supply" : "take")
                                          : followup_section_name(it->section)));
    json_object_set_new(o, "resource", visit ? str_or_null(it->resource) : json_null());
    json_object_set_new(o, "partner", visit ? str_or_null(it->partner) : json_null());
    json_object_set_new(o, "distance_km", num_or_null(it->distance_km, visit));
    return o;
}

static int query_long(struct req *r, const char *name, long lo, long hi, long *out)
{
    const char *v = req_query(r, name);
    char *end;
    long x;

    if (!v || !v[0])
        return 0;
    x = strtol(v, &end, 10);
    if (*end || x < lo || x > hi)
        return req_field_error(r, name, "an integer from %ld to %ld", lo, hi);
    *out = x;
    return 0;
}

int api_followup(struct req *r)
{
    struct followup_opts o;
    struct followup fu = {0};
    const char *terr;
    long days = 90, limit = 10;
    char today[16];
    json_t *sec[3];
    struct err e;
    int rc;

    if (query_long(r, "days", 0, 3650, &days) || query_long(r, "limit", 1, 100, &limit) ||
        query_territory(r, &terr))
        return 1;
    net_today(today);
    memset(&o, 0, sizeof o);
    o.territory = terr;
    o.today = today;
    o.days = (int)days;
    o.limit = (size_t)limit;
    o.kb_dir = r->srv->o->kb_dir;
    err_clear(&e);
    rc = followup_run(r->store, &o, &fu, &e);
    if (rc)
        return req_fail(r, rc, e.msg);
    for (int i = 0; i < 3; i++)
        sec[i] = json_array();
    for (size_t i = 0; i < fu.n; i++)
        json_array_append_new(sec[fu.v[i].section], followup_item_json(&fu.v[i]));
    rc = req_ok(r, 200,
                json_pack("{s:s, s:s, s:I, s:b, s:o, s:o, s:o}", "territory", terr, "today", today,
                          "days", (json_int_t)days, "no_candidates", fu.no_candidates, "no_contact",
                          sec[FU_NO_CONTACT], "overdue", sec[FU_OVERDUE], "visit_first",
                          sec[FU_VISIT_FIRST]));
    followup_release(&fu);
    return rc;
}

/* ---- the network indicators ---- */

static json_t *indicators_json(const struct net_indicators *n)
{
    json_t *st = json_object();

    for (int i = 0; i < STAGE_COUNT; i++)
        json_object_set_new(st, net_stage_name((enum eng_stage)i), json_integer(n->by_stage[i]));
    return json_pack("{s:s, s:s, s:o, s:I, s:o, s:I, s:I, s:{s:I, s:I, s:I}, s:I, s:f, s:f, s:f, "
                     "s:I, s:I, s:I}",
                     "territory", n->territory, "name", n->name, "year",
                     n->year ? json_integer(n->year) : json_null(), "actors", (json_int_t)n->actors,
                     "by_stage", st, "events", (json_int_t)n->events, "participants",
                     (json_int_t)n->participants, "candidates", "proposed",
                     (json_int_t)n->cand_proposed, "accepted", (json_int_t)n->cand_accepted,
                     "rejected", (json_int_t)n->cand_rejected, "synergies",
                     (json_int_t)n->synergies, "tonnes", n->tonnes, "co2e_kg", n->co2e_kg, "euros",
                     n->euros, "barriers", (json_int_t)n->barriers, "levers_tried",
                     (json_int_t)n->levers_tried, "levers_worked", (json_int_t)n->levers_worked);
}

int api_network(struct req *r)
{
    struct network_view nv;
    json_t *items;
    int year = net_query_year(r, "year");
    struct err e;
    int rc;

    if (year < 0)
        return 1;
    err_clear(&e);
    rc = network_view_build(r->store, year, &nv, &e);
    if (rc)
        return req_fail(r, rc, e.msg);
    items = json_array();
    for (size_t i = 0; i < nv.n; i++)
        json_array_append_new(items, indicators_json(&nv.v[i]));
    rc = req_ok(r, 200,
                json_pack("{s:o, s:o, s:o}", "year", year ? json_integer(year) : json_null(),
                          "territories", items, "all", indicators_json(&nv.all)));
    network_view_release(&nv);
    return rc;
}

/* ---- ELIPSE ---- */

static int elipse_json(struct req *r, const struct elipse_list *el, const char *terr, int year,
                       json_t **out)
{
    struct elipse_row *rows = calloc(el->n ? el->n : 1, sizeof *rows);
    struct territory t;
    struct report rep;
    size_t req = 0, filled = 0;
    json_t *items;
    struct err e;
    int rc;

    *out = NULL;
    if (!rows)
        return req_fail(r, SY_ENOMEM, "out of memory");
    report_init(&rep);
    err_clear(&e);
    rc = store_territory_get(r->store, terr, &t, &e);
    if (!rc)
        rc = report_territory_figures(r->store, &t, year, &rep, &e);
    if (!rc)
        rc = report_elipse_rows(r->store, el, &rep, terr, year, rows, &e);
    if (rc) {
        report_release(&rep);
        free(rows);
        return req_fail(r, rc, e.msg);
    }
    items = json_array();
    for (size_t i = 0; i < el->n; i++) {
        const struct elipse_ind *d = rows[i].ind;
        int has = isfinite(rows[i].value);

        if (d->required) {
            req++;
            filled += has != 0;
        }
        json_array_append_new(
            items, json_pack("{s:s, s:s, s:s, s:s, s:b, s:s, s:f, s:b, s:o, s:s, s:o, s:s, s:s}",
                             "code", d->code, "axis", d->axis, "label_fr", d->label_fr, "label_en",
                             d->label_en, "required", d->required, "unit", d->unit, "scale_max",
                             d->scale_max, "computed", d->computed_from[0] != 0, "value",
                             has ? json_real(rows[i].value) : json_null(), "basis", rows[i].basis,
                             "source", str_or_null(rows[i].source), "definition", d->definition,
                             "published", d->published));
    }
    report_release(&rep);
    free(rows);
    *out = json_pack("{s:s, s:i, s:I, s:I, s:o}", "territory", terr, "year", year, "required",
                     (json_int_t)req, "required_filled", (json_int_t)filled, "indicators", items);
    return 0;
}

static int elipse_year(struct req *r, json_t *v, int *year)
{
    char today[16];

    if (!v || json_is_null(v)) {
        net_today(today);
        *year = atoi(today);
        return 0;
    }
    if (!json_is_integer(v) || json_integer_value(v) < 1990 || json_integer_value(v) > 2100)
        return req_field_error(r, "year", "a year from 1990 to 2100, such as 2025");
    *year = (int)json_integer_value(v);
    return 0;
}

int api_elipse_get(struct req *r)
{
    struct elipse_list el = {0};
    const char *terr;
    int year = net_query_year(r, "year");
    json_t *o;
    struct err e;
    int rc;

    if (year < 0 || query_territory(r, &terr))
        return 1;
    if (!year && elipse_year(r, NULL, &year))
        return 1;
    err_clear(&e);
    rc = elipse_load(r->srv->o->kb_dir, &el, &e);
    if (rc)
        return req_fail(r, SY_EIO, e.msg);
    rc = elipse_json(r, &el, terr, year, &o) || req_ok(r, 200, o);
    elipse_release(&el);
    return rc;
}

/* A value as text for elipse_parse_value: strings as they are, numbers, true/false as yes/no. */
static int value_text(json_t *v, char *buf, size_t n)
{
    if (json_is_string(v))
        snprintf(buf, n, "%s", json_string_value(v));
    else if (json_is_integer(v))
        snprintf(buf, n, "%lld", (long long)json_integer_value(v));
    else if (json_is_real(v))
        snprintf(buf, n, "%.15g", json_real_value(v));
    else if (json_is_boolean(v))
        snprintf(buf, n, "%s", json_is_true(v) ? "yes" : "no");
    else
        return -1;
    return 0;
}

int api_elipse_put(struct req *r)
{
    struct elipse_list el = {0};
    struct net_fields f = {0};
    char terr[SY_ID_MAX] = "", note[SY_TEXT_MAX] = "", field[64], text[128];
    const char *by, *code, *conflict = NULL;
    json_t *b, *vals, *v, *t, *o;
    int year = 0, rc;
    struct err e;

    if (req_json_body(r, &b))
        return 1;
    if (elipse_year(r, json_object_get(b, "year"), &year)) {
        json_decref(b);
        return 1;
    }
    if (!net_text(b, "territory", terr, sizeof terr, &f) && !f.fields)
        net_field(&f, "territory", "give the territory's code");
    net_text(b, "note", note, sizeof note, &f);
    by = net_by(r, b);
    if (!by[0])
        net_field(&f, "by", "say who enters the values (\"by\" or an X-Symbiose-By header)");
    vals = json_object_get(b, "values");
    if (!json_is_object(vals) || json_object_size(vals) == 0)
        net_field(&f, "values", "an object of indicator codes and values, e.g. {\"G01\":\"yes\"}");
    err_clear(&e);
    rc = elipse_load(r->srv->o->kb_dir, &el, &e);
    if (rc) {
        json_decref(b);
        net_fields_answer(r, &f);
        return req_fail(r, SY_EIO, e.msg);
    }
    json_object_foreach(vals, code, v)
    {
        const struct elipse_ind *ind = elipse_find(&el, code);
        double x;

        snprintf(field, sizeof field, "values.%s", code);
        if (!ind)
            net_field(&f, field, "no ELIPSE indicator '%s' (G01..., E01..., A01...)", code);
        else if (ind->computed_from[0])
            conflict = ind->code;
        else if (value_text(v, text, sizeof text))
            net_field(&f, field, "a text, a number or true/false");
        else if (elipse_parse_value(ind, text, &x, &e))
            net_field(&f, field, "%s", e.msg);
    }
    if (!f.fields && !conflict && api_one(r, SL_TERRITORIES, terr, &t) == 0)
        json_decref(t);
    else if (!f.fields && !conflict)
        goto out; /* answered: 404 */
    if (net_fields_answer(r, &f))
        goto out;
    if (conflict) {
        const struct elipse_ind *ind = elipse_find(&el, conflict);
        snprintf(field, sizeof field, "values.%s", ind->code);
        req_error(r, 409, json_pack("{s:s}", field, "computed from the database"),
                  "%s (%s) is computed from the database (%s), not entered; record the data it "
                  "counts instead",
                  ind->code, ind->label_en, ind->computed_from);
        goto out;
    }
    rc = store_begin(r->store, &e);
    json_object_foreach(vals, code, v)
    {
        if (rc)
            break;
        value_text(v, text, sizeof text);
        rc = elipse_set(r->store, &el, terr, year, code, text, by, note, &e);
    }
    if (!rc)
        rc = store_commit(r->store, &e);
    else
        store_rollback(r->store, NULL);
    if (rc)
        req_fail(r, rc, e.msg);
    else if (!elipse_json(r, &el, terr, year, &o))
        req_ok(r, 200, o);
out:
    json_decref(b);
    elipse_release(&el);
    return r->status >= 400;
}
