/*
 * api_write.c - the routes that change data. Actors, flows and contacts go
 * through the CLI's importers (core/import.h) on a one-row CSV made in
 * memory from the JSON fields, so that a form, an upload and the command
 * line check a value with the same rules and the same messages. Decisions
 * and synergies use the store directly.
 */
#include "server/api.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/edit.h"
#include "core/import.h"
#include "core/synergy.h"
#include "io/record.h"
#include "util/buf.h"

/* The diagnostics as {"line","col","field","column","message"} entries. */
static json_t *diags_json(const struct diags *d, int level)
{
    json_t *a = json_array();

    for (size_t i = 0; i < d->n; i++) {
        const struct diag *x = &d->v[i];
        if ((int)x->level != level)
            continue;
        json_array_append_new(a, json_pack("{s:I, s:I, s:I, s:s?, s:s}", "line",
                                           (json_int_t)x->line, "col", (json_int_t)x->col, "field",
                                           (json_int_t)x->field + 1, "column",
                                           x->column[0] ? x->column : NULL, "message", x->msg));
    }
    return a;
}

int api_import_failed(struct req *r, const struct diags *d, const char *msg)
{
    return req_ok(r, 422,
                  json_pack("{s:{s:i, s:s, s:o, s:I}}", "error", "status", 422, "message", msg,
                            "errors", diags_json(d, DIAG_ERROR), "count",
                            (json_int_t)d->nerrors)) ||
           1;
}

static int import_body(struct req *r, int flows)
{
    struct import_opts o;
    struct import_result res;
    struct err e;
    const char *name = flows ? "flows.csv" : "actors.csv";
    int rc;

    if (strncmp(r->ctype, "text/csv", 8) != 0)
        return req_error(r, 415, NULL, "send the file as Content-Type: text/csv");
    memset(&o, 0, sizeof o);
    o.data = r->body;
    o.len = r->len;
    import_result_init(&res, name);
    err_clear(&e);
    rc = flows ? import_flows(r->store, name, &o, &res, &e)
               : import_actors(r->store, name, &o, &res, &e);
    if (rc == SY_EINPUT && res.diags.nerrors) {
        api_import_failed(r, &res.diags, e.msg);
        import_result_release(&res);
        return 1;
    }
    if (rc) {
        import_result_release(&res);
        return req_fail(r, rc, e.msg);
    }
    rc = req_ok(r, 200,
                json_pack("{s:I, s:I, s:I, s:o}", "imported", (json_int_t)res.rows, "inserted",
                          (json_int_t)res.inserted, "updated", (json_int_t)res.updated, "warnings",
                          diags_json(&res.diags, DIAG_WARNING)));
    import_result_release(&res);
    return rc;
}

int api_import_actors(struct req *r)
{
    return import_body(r, 0);
}

int api_import_flows(struct req *r)
{
    return import_body(r, 1);
}

/* Appends v as a CSV field of the value j (string, number, boolean, null). */
static int csv_value(struct buf *b, json_t *j)
{
    char num[64];
    const char *s = "";

    if (json_is_string(j))
        s = json_string_value(j);
    else if (json_is_integer(j))
        snprintf(num, sizeof num, "%lld", (long long)json_integer_value(j)), s = num;
    else if (json_is_real(j))
        snprintf(num, sizeof num, "%.17g", json_real_value(j)), s = num;
    else if (json_is_boolean(j))
        s = json_is_true(j) ? "1" : "0";
    else if (!json_is_null(j) && j)
        return -1;
    buf_addch(b, '"');
    for (; *s; s++) {
        if (*s == '"')
            buf_addch(b, '"');
        buf_addch(b, *s);
    }
    return buf_addch(b, '"');
}

/* Imports one record whose fields are obj's (the record's REC_IN columns,
 * and extra's): a 400 with the errors by field, or 0. */
static int import_one(struct req *r, const struct rec_desc *d, const struct rec_desc *extra,
                      json_t *obj, int flows)
{
    const struct rec_desc *ds[2] = {d, extra};
    struct buf b = BUF_INIT;
    struct import_opts o;
    struct import_result res;
    json_t *fields;
    const char *key;
    json_t *v;
    struct err e;
    int rc, n = 0;

    json_object_foreach(obj, key, v)
    {
        int known = 0;
        for (int k = 0; k < 2 && ds[k]; k++)
            known |= rec_find(ds[k], key) >= 0;
        if (!known)
            return req_field_error(r, key, "unknown field; see docs/api.md");
    }
    buf_init(&b, HTTP_JSON_MAX * 2);
    for (int k = 0; k < 2 && ds[k]; k++)
        for (size_t i = 0; i < ds[k]->ncols; i++)
            if (ds[k]->cols[i].flags & REC_IN) {
                buf_adds(&b, n++ ? "," : "");
                buf_adds(&b, ds[k]->cols[i].name);
            }
    buf_addch(&b, '\n');
    n = 0;
    for (int k = 0; k < 2 && ds[k]; k++)
        for (size_t i = 0; i < ds[k]->ncols; i++)
            if (ds[k]->cols[i].flags & REC_IN) {
                buf_adds(&b, n++ ? "," : "");
                if (csv_value(&b, json_object_get(obj, ds[k]->cols[i].name))) {
                    buf_release(&b);
                    return req_field_error(r, ds[k]->cols[i].name,
                                           "a string, a number, true/false or null");
                }
            }
    buf_addch(&b, '\n');
    memset(&o, 0, sizeof o);
    o.data = b.str;
    o.len = b.len;
    import_result_init(&res, "request");
    err_clear(&e);
    rc = flows ? import_flows(r->store, "request", &o, &res, &e)
               : import_actors(r->store, "request", &o, &res, &e);
    buf_release(&b);
    if (rc == SY_EINPUT && res.diags.nerrors) {
        fields = json_object();
        for (size_t i = 0; i < res.diags.n; i++)
            if (res.diags.v[i].level == DIAG_ERROR && res.diags.v[i].column[0] &&
                !json_object_get(fields, res.diags.v[i].column))
                json_object_set_new(fields, res.diags.v[i].column, json_string(res.diags.v[i].msg));
        import_result_release(&res);
        return req_error(r, 400, fields, "invalid %s", d->name);
    }
    import_result_release(&res);
    return rc ? req_fail(r, rc, e.msg) : 0;
}

static int found(void *ctx, size_t n, const char *const *names, const struct store_cell *c)
{
    (void)n, (void)names, (void)c;
    *(int *)ctx = 1;
    return 0;
}

static int exists(struct req *r, enum store_list w, const char *key)
{
    int yes = 0;

    store_query_one(r->store, w, key, found, &yes, NULL);
    return yes;
}

/* Creates an actor or a flow; the flow id, when not given, is derived as
 * the importer does (actor_id/direction/code). */
static int post_record(struct req *r, enum store_list w, const struct rec_desc *d, int flows)
{
    json_t *b, *cur = NULL, *id;
    char fid[SY_ID_MAX * 3 + 8];

    if (req_json_body(r, &b))
        return 1;
    id = json_object_get(b, "id");
    if (!flows && !json_is_string(id)) {
        json_decref(b);
        return req_field_error(r, "id", "an id is required");
    }
    if (flows && !json_is_string(id)) {
        snprintf(fid, sizeof fid, "%s/%s/%s",
                 json_string_value(json_object_get(b, "actor_id"))
                     ? json_string_value(json_object_get(b, "actor_id"))
                     : "",
                 json_string_value(json_object_get(b, "direction"))
                     ? json_string_value(json_object_get(b, "direction"))
                     : "",
                 json_string_value(json_object_get(b, "code"))
                     ? json_string_value(json_object_get(b, "code"))
                     : "");
    } else {
        snprintf(fid, sizeof fid, "%s", json_string_value(id));
    }
    if (exists(r, w, fid)) {
        json_decref(b);
        return req_error(r, 409, json_pack("{s:s}", "id", "already used"),
                         "%s '%s' exists; change it with PATCH", d->name, fid);
    }
    if (import_one(r, d, flows ? NULL : &rec_actor_contact, b, flows)) {
        json_decref(b);
        return 1;
    }
    json_decref(b);
    if (api_one(r, w, fid, &cur))
        return 1;
    return req_ok(r, 201, cur);
}

static int patch_record(struct req *r, enum store_list w, const struct rec_desc *d, int flows)
{
    json_t *b, *cur;
    const char *key;
    json_t *v;

    if (req_json_body(r, &b))
        return 1;
    if (api_one(r, w, r->param, &cur)) {
        json_decref(b);
        return 1;
    }
    v = json_object_get(b, "id");
    if (v && !(json_is_string(v) && strcmp(json_string_value(v), r->param) == 0)) {
        json_decref(b);
        json_decref(cur);
        return req_field_error(r, "id", "the id cannot change; create a new record instead");
    }
    json_object_foreach(b, key, v)
    {
        int c = rec_find(d, key);
        if (c < 0 || !(d->cols[c].flags & REC_IN)) {
            /* key belongs to b: answer before releasing it */
            req_field_error(r, key, "unknown or read-only field; see docs/api.md");
            json_decref(b);
            json_decref(cur);
            return 1;
        }
        json_object_set(cur, key, v);
    }
    json_decref(b);
    if (import_one(r, d, NULL, cur, flows)) {
        json_decref(cur);
        return 1;
    }
    json_decref(cur);
    return api_one(r, w, r->param, &cur) || req_ok(r, 200, cur);
}

int api_actor_post(struct req *r)
{
    return post_record(r, SL_ACTORS, &rec_actor, 0);
}

int api_actor_patch(struct req *r)
{
    return patch_record(r, SL_ACTORS, &rec_actor, 0);
}

int api_flow_post(struct req *r)
{
    return post_record(r, SL_FLOWS, &rec_flow, 1);
}

int api_flow_patch(struct req *r)
{
    return patch_record(r, SL_FLOWS, &rec_flow, 1);
}

int api_contact_post(struct req *r)
{
    json_t *b, *cur, *v, *list;
    const char *f[2] = {r->param, NULL};

    if (req_json_body(r, &b))
        return 1;
    if (api_one(r, SL_ACTORS, r->param, &cur)) {
        json_decref(b);
        return 1;
    }
    if (!json_is_string(json_object_get(b, "name")) ||
        !*json_string_value(json_object_get(b, "name"))) {
        json_decref(b);
        json_decref(cur);
        return req_field_error(r, "name", "a contact needs a name");
    }
    for (size_t i = 1; i < rec_contact.ncols; i++) {
        char col[64];
        v = json_object_get(b, rec_contact.cols[i].name);
        snprintf(col, sizeof col, "contact_%s", rec_contact.cols[i].name);
        if (v)
            json_object_set(cur, col, v);
    }
    json_decref(b);
    if (import_one(r, &rec_actor, &rec_actor_contact, cur, 0)) {
        json_decref(cur);
        return 1;
    }
    json_decref(cur);
    return api_all(r, SL_CONTACTS, f, sizeof f / sizeof *f, &list) ||
           req_ok(r, 201, json_pack("{s:o}", "items", list));
}

/* DELETE of an actor, a flow or a contact through core/edit.h (the command
 * line's rules): 404 if there is none; 409 with what depends on it (an
 * actor's flows) unless ?cascade=1; 200 with what went with it. */
static int api_delete(struct req *r, enum edit_kind k)
{
    struct edit_result er;
    const char *c = req_query(r, "cascade");
    int cascade = c && (strcmp(c, "1") == 0 || strcmp(c, "true") == 0);
    struct err e;
    int rc, out;

    if (c && !cascade && strcmp(c, "0") != 0 && strcmp(c, "false") != 0)
        return req_field_error(r, "cascade", "use 1 or 0");
    edit_result_init(&er);
    err_clear(&e);
    rc = edit_delete(r->store, k, r->param, cascade, &er, &e);
    if (rc == SY_EINPUT && er.conflict)
        out = req_error(r, 409,
                        json_pack("{s:I, s:I}", "flows", (json_int_t)er.deleted_flows, "actors",
                                  (json_int_t)er.deleted_actors),
                        "%s; add ?cascade=1 to delete them too", e.msg);
    else if (rc)
        out = req_fail(r, rc, e.msg);
    else
        out = req_ok(r, 200,
                     json_pack("{s:s, s:s, s:I, s:I}", "deleted", edit_kind_name(k), "id", er.id,
                               "flows", (json_int_t)er.deleted_flows, "contacts",
                               (json_int_t)er.deleted_contacts));
    edit_result_release(&er);
    return out;
}

int api_actor_delete(struct req *r)
{
    return api_delete(r, EDIT_ACTOR);
}

int api_flow_delete(struct req *r)
{
    return api_delete(r, EDIT_FLOW);
}

int api_contact_delete(struct req *r)
{
    return api_delete(r, EDIT_CONTACT);
}

int api_decision(struct req *r)
{
    json_t *b, *c, *out;
    const char *st, *reason, *day, *field = NULL;
    enum cand_status s;
    struct err e;
    long id = 0;
    int rc;

    if (req_json_body(r, &b))
        return 1;
    st = json_string_value(json_object_get(b, "status"));
    reason = json_string_value(json_object_get(b, "reason"));
    day = json_string_value(json_object_get(b, "date"));
    if (!st || candidate_status_parse(st, &s)) {
        json_decref(b);
        return req_field_error(r, "status", "use accepted, rejected or proposed");
    }
    if (json_object_get(b, "reason") && !reason) {
        json_decref(b);
        return req_field_error(r, "reason", "a text");
    }
    if (api_one(r, SL_CANDIDATES, r->param, &c)) {
        json_decref(b);
        return 1;
    }
    json_decref(c);
    err_clear(&e);
    rc = synergy_decide(r->store, r->param, s, reason, day, &id, &field, &e);
    json_decref(b);
    if (rc == SY_EINPUT && field)
        return req_field_error(r, field, "%s", e.msg);
    if (rc)
        return req_fail(r, rc, e.msg);
    if (api_one(r, SL_CANDIDATES, r->param, &out))
        return 1;
    return req_ok(r, 200, out);
}

int api_synergy_patch(struct req *r)
{
    json_t *b, *out;
    const char *st, *reason, *day, *field = NULL;
    enum synergy_stage to;
    struct err e;
    char *end;
    long id = strtol(r->param, &end, 10);
    int rc;

    if (*end || id < 1)
        return req_error(r, 404, NULL, "no synergy '%s'", r->param);
    if (req_json_body(r, &b))
        return 1;
    st = json_string_value(json_object_get(b, "stage"));
    reason = json_string_value(json_object_get(b, "reason"));
    day = json_string_value(json_object_get(b, "date"));
    if (!st || synergy_stage_parse(st, &to)) {
        json_decref(b);
        return req_field_error(r, "stage", "use idea, study, implementation, running or abandoned");
    }
    err_clear(&e);
    rc = synergy_move(r->store, id, to, reason ? reason : "", day, &field, &e);
    json_decref(b);
    /* a move the stages do not allow is a conflict with the synergy's state;
     * a missing reason or a bad date is a field to fix */
    if (rc == SY_EINPUT && field && strcmp(field, "stage") == 0)
        return req_error(r, 409, json_pack("{s:s}", "stage", e.msg), "%s", e.msg);
    if (rc == SY_EINPUT && field)
        return req_field_error(r, field, "%s", e.msg);
    if (rc)
        return req_fail(r, rc, e.msg);
    return api_synergy_json(r, r->param, &out) || req_ok(r, 200, out);
}
