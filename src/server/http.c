/*
 * http.c - request helpers: query parameters, JSON bodies, errors, and the
 * paginated lists of store_query.h as JSON (see http.h).
 */
#include "server/http.h"

#include <microhttpd.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"

const char *req_query(const struct req *r, const char *name)
{
    const char *v = NULL;

    if (r->conn)
        v = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
    for (const char *const *a = r->conn ? NULL : r->args; a && a[0] && a[1] && !v; a += 2)
        if (strcmp(a[0], name) == 0)
            v = a[1];
    return v && *v ? v : NULL;
}

static enum MHD_Result long_value(void *cls, enum MHD_ValueKind kind, const char *key,
                                  const char *value)
{
    const char **bad = cls;

    (void)kind;
    if (value && strlen(value) > HTTP_QUERY_VALUE_MAX) {
        *bad = key;
        return MHD_NO;
    }
    return MHD_YES;
}

int req_query_check(struct req *r)
{
    const char *bad = NULL;

    if (r->conn)
        MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, long_value, &bad);
    for (const char *const *a = r->conn ? NULL : r->args; a && a[0] && a[1] && !bad; a += 2)
        if (strlen(a[1]) > HTTP_QUERY_VALUE_MAX)
            bad = a[0];
    if (!bad)
        return 0;
    return req_error(r, 400, json_pack("{s:s}", bad, "too long"),
                     "the query parameter '%.64s' is longer than %d bytes", bad,
                     HTTP_QUERY_VALUE_MAX);
}

int req_ok(struct req *r, int status, json_t *json)
{
    json_decref(r->json);
    r->status = status;
    r->json = json;
    return 0;
}

static int verror(struct req *r, int status, json_t *fields, const char *fmt, va_list ap)
{
    char msg[1024];
    json_t *err;

    vsnprintf(msg, sizeof msg, fmt, ap);
    err = json_pack("{s:i, s:s}", "status", status, "message", msg);
    if (!err) { /* not UTF-8: a path or value echoed as sent, or cut inside a character */
        for (char *p = msg; *p; p++)
            if ((unsigned char)*p >= 0x80)
                *p = '?';
        err = json_pack("{s:i, s:s}", "status", status, "message", msg);
    }
    if (err && fields)
        json_object_set_new(err, "fields", fields);
    else
        json_decref(fields);
    return req_ok(r, status, json_pack("{s:o}", "error", err)) || 1;
}

int req_error(struct req *r, int status, json_t *fields, const char *fmt, ...)
{
    va_list ap;
    int rc;

    va_start(ap, fmt);
    rc = verror(r, status, fields, fmt, ap);
    va_end(ap);
    return rc;
}

int req_field_error(struct req *r, const char *field, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return req_error(r, 400, json_pack("{s:s}", field, msg), "%s: %s", field, msg);
}

int req_fail(struct req *r, int code, const char *msg)
{
    int status = code == SY_ENOTFOUND                     ? 404
                 : code == SY_EINPUT || code == SY_EUSAGE ? 400
                 : code == SY_ELIMIT                      ? 413
                                                          : 500;

    return req_error(r, status, NULL, "%s", msg && *msg ? msg : err_name(code));
}

int req_json_body(struct req *r, json_t **out)
{
    json_error_t je;

    *out = NULL;
    if (strncmp(r->ctype, "application/json", 16) != 0)
        return req_error(r, 415, NULL, "send the body as Content-Type: application/json");
    *out = json_loadb(r->body, r->len, 0, &je);
    if (!*out)
        return req_error(r, 400, NULL, "the body is not JSON: %s (line %d, column %d)", je.text,
                         je.line, je.column);
    if (!json_is_object(*out)) {
        json_decref(*out);
        *out = NULL;
        return req_error(r, 400, NULL, "the body must be a JSON object");
    }
    return 0;
}

json_t *cell_json(const struct store_cell *c)
{
    switch (c->type) {
    case CELL_INT:
        return json_integer((json_int_t)c->i);
    case CELL_REAL:
        return json_real(c->d);
    case CELL_TEXT: {
        json_t *j = json_string(c->s);
        return j ? j : json_string("\xef\xbf\xbd"); /* not UTF-8: stored by another tool */
    }
    default:
        return json_null();
    }
}

json_t *row_object(size_t n, const char *const *names, const struct store_cell *cells)
{
    json_t *o = json_object();

    for (size_t i = 0; o && i < n; i++) {
        json_t *v;
        if (strcmp(names[i], "months") == 0 && cells[i].type == CELL_INT) {
            char m[48];
            model_months_format((unsigned)cells[i].i, m, sizeof m);
            v = json_string(m);
        } else if ((strcmp(names[i], "licensed_hazardous") == 0 ||
                    strcmp(names[i], "hazardous") == 0) &&
                   cells[i].type == CELL_INT) {
            v = json_boolean(cells[i].i != 0);
        } else {
            v = cell_json(&cells[i]);
        }
        json_object_set_new(o, names[i], v);
    }
    return o;
}

static int add_row(void *ctx, size_t n, const char *const *names, const struct store_cell *cells)
{
    json_t *o = row_object(n, names, cells);

    return o && !json_array_append_new(ctx, o) ? 0 : SY_ENOMEM;
}

int req_query_long(const struct req *r, const char *name, long lo, long hi, long def, long *out)
{
    const char *v = req_query(r, name);
    char *end;
    long n;

    *out = def;
    if (!v)
        return 0;
    errno = 0;
    n = strtol(v, &end, 10);
    if (*end || errno || n < lo || n > hi)
        return -1;
    *out = n;
    return 0;
}

int req_query_number(const struct req *r, const char *name, double *out)
{
    const char *v = req_query(r, name);
    char *end;
    double x;

    if (!v)
        return 0;
    x = strtod(v, &end);
    if (*end || x != x)
        return -1;
    *out = x;
    return 0;
}

/* A positive integer parameter in [1, max]; 0 and the field's message in
 * fields if invalid. */
static long int_param(struct req *r, const char *name, long def, long max, json_t *fields)
{
    long n;

    if (req_query_long(r, name, 1, max, def, &n) == 0)
        return n;
    json_object_set_new(fields, name, json_sprintf("an integer from 1 to %ld", max));
    return 0;
}

int req_page(struct req *r, enum store_list w, long def_per, long max_per, json_t **out)
{
    struct store_query q;
    const char *const *filters = store_list_filters(w);
    json_t *fields = json_object(), *items;
    const char *sort = req_query(r, "sort");
    long page, per, total = 0;
    struct err e;
    int rc;

    memset(&q, 0, sizeof q);
    q.what = w;
    *out = NULL;
    page = int_param(r, "page", 1, 1000000, fields);
    per = int_param(r, "per_page", def_per, max_per, fields);
    if (sort) {
        q.desc = sort[0] == '-';
        q.sort = sort + (sort[0] == '-' || sort[0] == '+');
        if (!store_list_sortable(w, q.sort))
            json_object_set_new(
                fields, "sort",
                json_sprintf("cannot sort on '%s'; use one of %s, with - for descending", q.sort,
                             store_list_sort_names(w)));
    }
    for (int i = 0; i < STORE_QUERY_FILTERS && filters[i]; i++)
        q.filter[i] = req_query(r, filters[i]);
    if (json_object_size(fields))
        return req_error(r, 400, fields, "invalid list parameters");
    json_decref(fields);
    q.limit = per;
    q.offset = (page - 1) * per;
    items = json_array();
    err_clear(&e);
    rc = store_query(r->store, &q, &total, add_row, items, &e);
    if (rc) {
        json_decref(items);
        return req_fail(r, rc, e.msg);
    }
    *out = json_pack("{s:o, s:I, s:I, s:I}", "items", items, "total", (json_int_t)total, "page",
                     (json_int_t)page, "per_page", (json_int_t)per);
    return *out ? 0 : req_fail(r, SY_ENOMEM, "out of memory");
}

int req_list(struct req *r, enum store_list w)
{
    json_t *o;

    return req_page(r, w, 50, HTTP_PER_PAGE_MAX, &o) || req_ok(r, 200, o);
}
