/*
 * api.c - the router and the read routes of docs/api.md. Writes (edits,
 * decisions, synergies, runs, imports) are in api_write.c, maps in api_geo.c.
 */
#include "server/api.h"
#include "server/api_network.h"

#include "core/checklist_run.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int config(struct req *r)
{
    const struct server_opts *o = r->srv->o;

    return req_ok(r, 200,
                  json_pack("{s:s, s:s?, s:s}", "version", SY_VERSION, "tile_url", o->tile_url,
                            "default_lang", "fr"));
}

static int first_row(void *ctx, size_t n, const char *const *names, const struct store_cell *c)
{
    json_t **out = ctx;

    *out = row_object(n, names, c);
    return *out ? 0 : SY_ENOMEM;
}

int api_one(struct req *r, enum store_list w, const char *key, json_t **out)
{
    struct err e;
    int rc;

    *out = NULL;
    err_clear(&e);
    rc = store_query_one(r->store, w, key, first_row, out, &e);
    if (rc == SY_ENOTFOUND)
        return req_error(r, 404, NULL, "no %s '%s'",
                         w == SL_ACTORS       ? "actor"
                         : w == SL_FLOWS      ? "flow"
                         : w == SL_CANDIDATES ? "candidate"
                         : w == SL_SYNERGIES  ? "synergy"
                         : w == SL_PLANS      ? "plan"
                         : w == SL_CONTACTS   ? "contact"
                                              : "territory",
                         key);
    if (rc)
        return req_fail(r, rc, e.msg);
    return 0;
}

/* 0 if the query's territory and actor filters, when given, name records that
 * exist; else answers 404, as the CLI's lists exit 2 (an unknown territory is
 * a mistake to report, not an empty list). */
int api_known_filters(struct req *r)
{
    static const struct {
        const char *param;
        enum store_list w;
    } refs[] = {{"territory", SL_TERRITORIES}, {"actor", SL_ACTORS}};
    json_t *j;

    for (size_t k = 0; k < sizeof refs / sizeof refs[0]; k++) {
        const char *v = req_query(r, refs[k].param);

        if (!v)
            continue;
        if (api_one(r, refs[k].w, v, &j))
            return 1;
        json_decref(j);
    }
    return 0;
}

/* A list whose territory and actor filters must exist. */
static int known_list(struct req *r, enum store_list w)
{
    return api_known_filters(r) || req_list(r, w);
}

static int add_row(void *ctx, size_t n, const char *const *names, const struct store_cell *c)
{
    json_t *o = row_object(n, names, c);

    return o && !json_array_append_new(ctx, o) ? 0 : SY_ENOMEM;
}

int api_all(struct req *r, enum store_list w, const char *const *filters, json_t **out)
{
    struct store_query q;
    struct err e;
    int rc;

    memset(&q, 0, sizeof q);
    q.what = w;
    /* every filter of the list: a NULL one is absent, not the end */
    for (int i = 0; filters && i < STORE_QUERY_FILTERS && store_list_filters(w)[i]; i++)
        /* filters holds an entry per filter of w (api.h); the analyzer cannot
         * see the lists' tables, so it reads past a caller's shorter array. */
        /* NOLINTNEXTLINE(clang-analyzer-core.uninitialized.Assign) */
        q.filter[i] = filters[i];
    q.limit = -1;
    *out = json_array();
    err_clear(&e);
    rc = store_query(r->store, &q, NULL, add_row, *out, &e);
    if (rc) {
        json_decref(*out);
        *out = NULL;
        return req_fail(r, rc, e.msg);
    }
    return 0;
}

static int list_territories(struct req *r)
{
    return req_list(r, SL_TERRITORIES);
}

static int get_territory(struct req *r)
{
    json_t *t;

    return api_one(r, SL_TERRITORIES, r->param, &t) || req_ok(r, 200, t);
}

struct summary {
    json_t *kind, *status, *stage;
    long actors, flows;
};

static int on_count(void *ctx, size_t n, const char *const *names, const struct store_cell *c)
{
    struct summary *s = ctx;
    json_t *dst = NULL;

    (void)names;
    if (n < 3)
        return 0;
    if (strcmp(c[0].s, "candidates.kind") == 0)
        dst = s->kind;
    else if (strcmp(c[0].s, "candidates.status") == 0)
        dst = s->status;
    else if (strcmp(c[0].s, "synergies.stage") == 0)
        dst = s->stage;
    else if (strcmp(c[0].s, "actors") == 0)
        s->actors = (long)c[2].i;
    else if (strcmp(c[0].s, "flows") == 0)
        s->flows = (long)c[2].i;
    if (dst)
        json_object_set_new(dst, c[1].s, json_integer(c[2].i));
    return 0;
}

static int summary(struct req *r)
{
    struct summary s = {NULL, NULL, NULL, 0, 0};
    static const char *const kinds[] = {"substitution", "mutualisation", "prospective"};
    static const char *const stats[] = {"proposed", "accepted", "rejected"};
    json_t *t, *plans = NULL, *impact, *p;
    const char *f[2] = {r->param, NULL};
    struct err e;
    int rc;

    if (api_one(r, SL_TERRITORIES, r->param, &t))
        return 1;
    json_decref(t);
    s.kind = json_object();
    s.status = json_object();
    s.stage = json_object();
    for (int i = 0; i < 3; i++) {
        json_object_set_new(s.kind, kinds[i], json_integer(0));
        json_object_set_new(s.status, stats[i], json_integer(0));
    }
    for (int i = 0; i < SYNERGY_NSTAGES; i++)
        json_object_set_new(s.stage, synergy_stage_name((enum synergy_stage)i), json_integer(0));
    err_clear(&e);
    rc = store_summary_counts(r->store, r->param, on_count, &s, &e);
    if (rc || api_all(r, SL_PLANS, f, &plans)) {
        json_decref(s.kind);
        json_decref(s.status);
        json_decref(s.stage);
        return rc ? req_fail(r, rc, e.msg) : 1; /* api_all has answered */
    }
    p = json_array_get(plans, 0); /* the latest plan first */
    impact = json_pack("{s:O?, s:O?, s:O?, s:O?}", "tonnes", json_object_get(p, "tonnes"),
                       "co2e_kg", json_object_get(p, "co2e_kg"), "euros",
                       json_object_get(p, "euros"), "plan_id", json_object_get(p, "id"));
    json_decref(plans);
    return req_ok(r, 200,
                  json_pack("{s:I, s:I, s:{s:o, s:o}, s:{s:o}, s:o}", "actors",
                            (json_int_t)s.actors, "flows", (json_int_t)s.flows, "candidates",
                            "by_kind", s.kind, "by_status", s.status, "synergies", "by_stage",
                            s.stage, "impact", impact));
}

static int list_actors(struct req *r)
{
    return known_list(r, SL_ACTORS);
}

static int get_actor(struct req *r)
{
    const char *f[8] = {0};
    json_t *a, *v;
    struct nomen_entry ne;
    struct err e;

    if (api_one(r, SL_ACTORS, r->param, &a))
        return 1;
    err_clear(&e);
    v = json_object_get(a, "naf");
    if (json_is_string(v) &&
        (store_nomen_get(r->store, NOMEN_NAF, json_string_value(v), &ne, &e) == 0 ||
         store_nomen_get(r->store, NOMEN_NACE, json_string_value(v), &ne, &e) == 0))
        json_object_set_new(a, "naf_label",
                            json_string(ne.label_fr[0] ? ne.label_fr : ne.label_en));
    else
        json_object_set_new(a, "naf_label", json_null());
    f[0] = NULL;
    f[1] = r->param; /* flows: actor */
    if (api_all(r, SL_FLOWS, f, &v))
        goto fail;
    json_object_set_new(a, "flows", v);
    f[0] = r->param; /* contacts: actor */
    f[1] = NULL;
    if (api_all(r, SL_CONTACTS, f, &v))
        goto fail;
    json_object_set_new(a, "contacts", v);
    /* candidates and synergies: the lists' "actor" filter (supplier or receiver) */
    f[0] = NULL;
    f[6] = r->param;
    if (api_all(r, SL_CANDIDATES, f, &v))
        goto fail;
    json_object_set_new(a, "candidates", v);
    f[6] = NULL;
    f[2] = r->param;
    if (api_all(r, SL_SYNERGIES, f, &v))
        goto fail;
    json_object_set_new(a, "synergies", v);
    return req_ok(r, 200, a);
fail:
    json_decref(a);
    return 1;
}

static int list_flows(struct req *r)
{
    const char *d = req_query(r, "direction");

    if (d && strcmp(d, "supply") != 0 && strcmp(d, "demand") != 0)
        return req_field_error(r, "direction", "use supply or demand");
    return known_list(r, SL_FLOWS);
}

static int get_flow(struct req *r)
{
    json_t *f;

    return api_one(r, SL_FLOWS, r->param, &f) || req_ok(r, 200, f);
}

static int list_contacts(struct req *r)
{
    const char *f[2] = {r->param, NULL};
    json_t *a, *v;

    if (api_one(r, SL_ACTORS, r->param, &a))
        return 1;
    json_decref(a);
    return api_all(r, SL_CONTACTS, f, &v) ||
           req_ok(r, 200,
                  json_pack("{s:o, s:I, s:i, s:i}", "items", v, "total",
                            (json_int_t)json_array_size(v), "page", 1, "per_page",
                            (int)json_array_size(v)));
}

struct nomen_out {
    json_t *items;
    int kind; /* -1 all */
};

static int on_nomen(void *ctx, const struct nomen_entry *n)
{
    struct nomen_out *o = ctx;

    if (o->kind >= 0 && (int)n->kind != o->kind)
        return 0;
    return json_array_append_new(o->items,
                                 json_pack("{s:s, s:s, s:s, s:s, s:s, s:b}", "kind",
                                           store_nomen_kind_name(n->kind), "code", n->code, "level",
                                           n->level, "label_fr", n->label_fr, "label_en",
                                           n->label_en, "hazardous", n->hazardous));
}

static int nomenclature(struct req *r)
{
    const char *q = req_query(r, "q"), *k = req_query(r, "kind");
    static const char *const kinds[] = {"low", "nace", "naf", "taxonomy"};
    struct nomen_out o = {NULL, -1};
    struct err e;
    long limit = 20;
    int rc;

    if (!q)
        return req_field_error(r, "q", "give the text to search (a code or words)");
    if (k) {
        for (int i = 0; i < 4; i++)
            if (strcmp(k, kinds[i]) == 0)
                o.kind = i;
        if (o.kind < 0)
            return req_field_error(r, "kind", "use low, nace, naf or taxonomy");
    }
    if (req_query_long(r, "limit", 1, 100, 20, &limit))
        return req_field_error(r, "limit", "an integer from 1 to 100");
    o.items = json_array();
    err_clear(&e);
    /* more than the limit when filtering by kind: the search ranks every kind */
    rc = store_nomen_search(r->store, q, o.kind >= 0 ? (int)limit * 8 : (int)limit, on_nomen, &o,
                            &e);
    if (rc) {
        json_decref(o.items);
        return req_fail(r, rc, e.msg);
    }
    while (json_array_size(o.items) > (size_t)limit)
        json_array_remove(o.items, json_array_size(o.items) - 1);
    return req_ok(r, 200, json_pack("{s:o}", "items", o.items));
}

static int list_candidates(struct req *r)
{
    const char *k = req_query(r, "kind"), *st = req_query(r, "status");
    enum cand_kind ck;
    enum cand_status cs;
    double x;

    if (k && candidate_kind_parse(k, &ck))
        return req_field_error(r, "kind", "use substitution, mutualisation or prospective");
    if (st && candidate_status_parse(st, &cs))
        return req_field_error(r, "status", "use proposed, accepted or rejected");
    if (req_query_number(r, "min_score", &x))
        return req_field_error(r, "min_score", "a number from 0 to 1");
    if (req_query_number(r, "max_km", &x))
        return req_field_error(r, "max_km", "a number of kilometres");
    return known_list(r, SL_CANDIDATES);
}

static const char *jstr(const json_t *o, const char *name)
{
    const char *v = json_string_value(json_object_get(o, name));

    return v ? v : "";
}

/* The regulatory checklist of candidate j (core/checklist_run.h) with the
 * knowledge base read at start; an empty array without one. */
static int add_checklist(struct req *r, json_t *j)
{
    struct candidate c;
    struct checklist cl;
    struct err e;
    json_t *v;

    memset(&c, 0, sizeof c);
    memset(&cl, 0, sizeof cl);
    if (r->srv->kb_ro) {
        candidate_kind_parse(jstr(j, "kind"), &c.kind);
        snprintf(c.rule, sizeof c.rule, "%s", jstr(j, "rule"));
        snprintf(c.resource_code, sizeof c.resource_code, "%s", jstr(j, "resource_code"));
        snprintf(c.receiver_id, sizeof c.receiver_id, "%s", jstr(j, "receiver_id"));
        c.distance_km = json_number_value(json_object_get(j, "distance_km"));
        err_clear(&e);
        if (checklist_for_candidate(r->store, r->srv->kb_ro, &c, &cl, &e))
            return req_fail(r, e.code, e.msg);
    }
    v = checklist_json(&cl);
    if (!v)
        return req_fail(r, SY_ENOMEM, "out of memory");
    json_object_set_new(j, "checklist", v);
    return 0;
}

static int get_candidate(struct req *r)
{
    json_t *c;

    if (api_one(r, SL_CANDIDATES, r->param, &c))
        return 1;
    if (add_checklist(r, c)) {
        json_decref(c);
        return 1;
    }
    return req_ok(r, 200, c);
}

static int list_synergies(struct req *r)
{
    const char *st = req_query(r, "stage");
    enum synergy_stage s;

    if (st && synergy_stage_parse(st, &s))
        return req_field_error(r, "stage", "use idea, study, implementation, running or abandoned");
    return known_list(r, SL_SYNERGIES);
}

static int on_history(void *ctx, size_t n, const char *const *names, const struct store_cell *c)
{
    return add_row(ctx, n, names, c);
}

int api_synergy_json(struct req *r, const char *id, json_t **out)
{
    json_t *h = json_array();
    struct err e;
    int rc;

    if (api_one(r, SL_SYNERGIES, id, out)) {
        json_decref(h);
        return 1;
    }
    err_clear(&e);
    rc = store_synergy_history(r->store, atol(id), on_history, h, &e);
    if (rc) {
        json_decref(h);
        json_decref(*out);
        return req_fail(r, rc, e.msg);
    }
    json_object_set_new(*out, "history", h);
    return 0;
}

static int get_synergy(struct req *r)
{
    json_t *s;

    return api_synergy_json(r, r->param, &s) || req_ok(r, 200, s);
}

static int list_plans(struct req *r)
{
    return known_list(r, SL_PLANS);
}

static int get_plan(struct req *r)
{
    const char *f[2] = {r->param, NULL};
    json_t *p, *lines;

    if (api_one(r, SL_PLANS, r->param, &p))
        return 1;
    if (api_all(r, SL_PLAN_LINES, f, &lines)) {
        json_decref(p);
        return 1;
    }
    json_object_set_new(p, "lines", lines);
    return req_ok(r, 200, p);
}

static int sankey_row(void *ctx, size_t n, const char *const *names, const struct store_cell *c)
{
    json_t *o = ctx, *nodes = json_object_get(o, "nodes"), *seen = json_object_get(o, "seen");

    (void)names;
    if (n < 5)
        return 0;
    for (int side = 0; side < 2; side++) {
        const char *id = c[side].s;
        if (!json_object_get(seen, id)) {
            json_object_set_new(seen, id, json_true());
            json_array_append_new(nodes,
                                  json_pack("{s:s, s:s}", "id", id, "label",
                                            c[3 + side].type == CELL_TEXT ? c[3 + side].s : id));
        }
    }
    return json_array_append_new(json_object_get(o, "links"),
                                 json_pack("{s:s, s:s, s:f}", "source", c[0].s, "target", c[1].s,
                                           "value",
                                           c[2].type == CELL_REAL ? c[2].d : (double)c[2].i));
}

static int sankey(struct req *r)
{
    const char *u = req_query(r, "unit");
    json_t *o = json_pack("{s:[], s:[], s:{}}", "nodes", "links", "seen");
    struct err e;
    int rc;

    if (!u)
        u = "t";
    if (strcmp(u, "t") != 0 && strcmp(u, "MWh") != 0) {
        json_decref(o);
        return req_field_error(r, "unit", "use t or MWh");
    }
    err_clear(&e);
    rc = store_sankey(r->store, req_query(r, "territory"), u, sankey_row, o, &e);
    if (rc) {
        json_decref(o);
        return req_fail(r, rc, e.msg);
    }
    json_object_del(o, "seen");
    json_object_set_new(o, "unit", json_string(u));
    return req_ok(r, 200, o);
}

static int runs_post(struct req *r)
{
    json_t *b, *v;
    struct run_request q;
    const char *type, *obj;
    char id[32];
    struct err e;

    if (req_json_body(r, &b))
        return 1;
    memset(&q, 0, sizeof q);
    type = json_string_value(json_object_get(b, "type"));
    if (!type || (strcmp(type, "match") != 0 && strcmp(type, "plan") != 0)) {
        json_decref(b);
        return req_field_error(r, "type", "use match or plan");
    }
    q.plan = type[0] == 'p';
    v = json_object_get(b, "territory");
    if (v && !json_is_string(v)) {
        json_decref(b);
        return req_field_error(r, "territory", "a territory code");
    }
    snprintf(q.territory, sizeof q.territory, "%s", v ? json_string_value(v) : "");
    obj = json_string_value(json_object_get(b, "objective"));
    if (obj && strcmp(obj, "euros") != 0 && strcmp(obj, "co2e") != 0 &&
        strcmp(obj, "tonnes") != 0) {
        json_decref(b);
        return req_field_error(r, "objective", "use euros, co2e or tonnes");
    }
    snprintf(q.objective, sizeof q.objective, "%s", obj ? obj : "euros");
    v = json_object_get(b, "lang");
    if (v && (!json_is_string(v) || (strcmp(json_string_value(v), "fr") != 0 &&
                                     strcmp(json_string_value(v), "en") != 0))) {
        json_decref(b);
        return req_field_error(r, "lang", "use fr or en");
    }
    snprintf(q.lang, sizeof q.lang, "%s", v ? json_string_value(v) : "");
    v = json_object_get(b, "threads");
    q.threads = json_is_integer(v) && json_integer_value(v) > 0 && json_integer_value(v) <= 8
                    ? (int)json_integer_value(v)
                    : 1;
    json_decref(b);
    if (q.territory[0]) {
        json_t *t;
        if (api_one(r, SL_TERRITORIES, q.territory, &t))
            return 1;
        json_decref(t);
    }
    err_clear(&e);
    if (runs_start(r->srv->runs, &q, id, sizeof id, &e))
        return req_error(r, e.code == SY_ELIMIT ? 409 : 500, NULL, "%s", e.msg);
    return req_ok(r, 202, runs_get(r->srv->runs, id));
}

static int runs_show(struct req *r)
{
    json_t *j = runs_get(r->srv->runs, r->param);

    return j ? req_ok(r, 200, j) : req_error(r, 404, NULL, "no run '%s'", r->param);
}

static int runs_delete(struct req *r)
{
    json_t *j = runs_cancel(r->srv->runs, r->param);

    return j ? req_ok(r, 202, j) : req_error(r, 404, NULL, "no run '%s'", r->param);
}

struct route {
    const char *method;
    const char *prefix; /* the path, or what comes before {} */
    const char *suffix; /* NULL: no parameter; else what follows {} ("" = nothing) */
    int (*fn)(struct req *r);
};

static const struct route routes[] = {
    {"GET", "/api/config", NULL, config},
    {"GET", "/api/territories", NULL, list_territories},
    {"GET", "/api/territories/", "/summary", summary},
    {"GET", "/api/territories/", "", get_territory},
    {"GET", "/api/actors", NULL, list_actors},
    {"POST", "/api/actors", NULL, api_actor_post},
    {"GET", "/api/actors/", "/contacts", list_contacts},
    {"POST", "/api/actors/", "/contacts", api_contact_post},
    {"GET", "/api/actors/", "", get_actor},
    {"PATCH", "/api/actors/", "", api_actor_patch},
    {"DELETE", "/api/actors/", "", api_actor_delete},
    {"GET", "/api/flows", NULL, list_flows},
    {"POST", "/api/flows", NULL, api_flow_post},
    {"GET", "/api/flows/", "", get_flow},
    {"PATCH", "/api/flows/", "", api_flow_patch},
    {"DELETE", "/api/flows/", "", api_flow_delete},
    {"DELETE", "/api/contacts/", "", api_contact_delete},
    {"GET", "/api/nomenclature", NULL, nomenclature},
    {"POST", "/api/runs", NULL, runs_post},
    {"GET", "/api/runs/", "", runs_show},
    {"DELETE", "/api/runs/", "", runs_delete},
    {"GET", "/api/candidates", NULL, list_candidates},
    {"POST", "/api/candidates/", "/decision", api_decision},
    {"GET", "/api/candidates/", "", get_candidate},
    {"GET", "/api/synergies", NULL, list_synergies},
    {"GET", "/api/synergies/", "", get_synergy},
    {"PATCH", "/api/synergies/", "", api_synergy_patch},
    {"GET", "/api/plans", NULL, list_plans},
    {"GET", "/api/plans/", "", get_plan},
    {"GET", "/api/geo/actors", NULL, api_geo_actors},
    {"GET", "/api/geo/links", NULL, api_geo_links},
    {"GET", "/api/geo/communes", NULL, api_geo_communes},
    {"GET", "/api/sankey", NULL, sankey},
    {"POST", "/api/import/actors", NULL, api_import_actors},
    {"POST", "/api/import/flows", NULL, api_import_flows},
    /* the regional network (api_network.c, api_events.c) */
    {"GET", "/api/pipeline", NULL, api_pipeline_list},
    {"GET", "/api/pipeline/", "", api_pipeline_get},
    {"PATCH", "/api/pipeline/", "", api_pipeline_patch},
    {"GET", "/api/followup", NULL, api_followup},
    {"GET", "/api/events", NULL, api_events_list},
    {"POST", "/api/events", NULL, api_event_post},
    {"POST", "/api/events/", "/participants", api_event_participants_post},
    {"POST", "/api/events/", "/cards", api_event_cards_post},
    {"GET", "/api/events/", "", api_event_get},
    {"PATCH", "/api/events/", "", api_event_patch},
    {"GET", "/api/barriers", NULL, api_barriers_list},
    {"GET", "/api/barriers/met", NULL, api_barriers_met_list},
    {"POST", "/api/barriers/met", NULL, api_barrier_met_post},
    {"GET", "/api/barriers/", "", api_barrier_get},
    {"GET", "/api/levers", NULL, api_levers_list},
    {"GET", "/api/levers/tried", NULL, api_levers_tried_list},
    {"POST", "/api/levers/tried", NULL, api_lever_tried_post},
    {"GET", "/api/network", NULL, api_network},
    {"GET", "/api/elipse", NULL, api_elipse_get},
    {"PUT", "/api/elipse", NULL, api_elipse_put},
};

/* 1 and the parameter in param (size n) if path matches route t. */
static int match(const struct route *t, const char *path, char *param, size_t n)
{
    size_t lp = strlen(t->prefix), ls, len = strlen(path);

    if (!t->suffix)
        return strcmp(path, t->prefix) == 0;
    ls = strlen(t->suffix);
    if (len <= lp + ls || strncmp(path, t->prefix, lp) != 0 ||
        strcmp(path + len - ls, t->suffix) != 0 || len - lp - ls >= n)
        return 0;
    memcpy(param, path + lp, len - lp - ls);
    param[len - lp - ls] = 0;
    return 1;
}

void api_dispatch(struct req *r)
{
    char param[1024], allow[128] = "";
    const struct route *hit = NULL;

    for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        if (!match(&routes[i], r->path, param, sizeof param))
            continue;
        /* a parameter never spans the literal parts of a more specific route */
        if (strstr(allow, routes[i].method) == NULL)
            snprintf(allow + strlen(allow), sizeof allow - strlen(allow), "%s%s",
                     allow[0] ? ", " : "", routes[i].method);
        if (!hit && strcmp(routes[i].method, r->method) == 0) {
            hit = &routes[i];
            r->param = param;
            break;
        }
    }
    if (!hit && strncmp(r->path, "/api/", 5) != 0 && strcmp(r->path, "/api") != 0) {
        if (strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0)
            r->asset = asset_find(r->path);
        if (!r->asset)
            req_error(r, strcmp(r->method, "GET") == 0 ? 404 : 405, NULL, "no page %s", r->path);
        return;
    }
    if (!hit && allow[0]) {
        req_error(r, 405, NULL, "%s is not allowed on %s; use %s", r->method, r->path, allow);
        json_object_set_new(json_object_get(r->json, "error"), "allow", json_string(allow));
        return;
    }
    if (!hit) {
        req_error(r, 404, NULL, "no route %s; see docs/api.md", r->path);
        return;
    }
    if (req_query_check(r))
        return;
    r->store = server_store_get(r->srv);
    if (!r->store) {
        req_error(r, 503, NULL, "no database connection");
        return;
    }
    hit->fn(r);
    server_store_put(r->srv, r->store);
    r->store = NULL;
}
