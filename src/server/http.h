/*
 * http.h - what a route handler sees of a request and gives back: the
 * method, path parameter, query, body and a pooled store in; a status and a
 * JSON document (or a static asset) out. Nothing here is specific to
 * libmicrohttpd but the connection pointer, used for the query string.
 */
#ifndef SY_HTTP_H
#define SY_HTTP_H

#include <jansson.h>
#include <stddef.h>

#include "server/assets.h"
#include "store/store.h"
#include "store/store_query.h"

#define HTTP_JSON_MAX ((size_t)1 << 20) /* a JSON body: 1 MiB */
#define HTTP_CSV_MAX ((size_t)16 << 20) /* a CSV upload: 16 MiB */
#define HTTP_PER_PAGE_MAX 500
#define HTTP_QUERY_VALUE_MAX 1024 /* bytes of one query parameter, decoded */

struct server;

struct req {
    struct server *srv;
    void *conn;              /* struct MHD_Connection; NULL: the query is in args */
    const char *const *args; /* without conn: name, value, ..., NULL (fuzz/) */
    const char *method;
    const char *path;
    const char *param; /* the route's {} part, decoded; "" if none */
    const char *ctype; /* Content-Type, "" if none */
    const char *body;  /* NUL-terminated copy of the body */
    size_t len;
    struct store *store; /* borrowed from the pool for this request */
    /* out */
    int status;
    json_t *json;
    const struct asset *asset;
};

/* A query parameter, or NULL. */
const char *req_query(const struct req *r, const char *name);
/* An integer query parameter in [lo, hi]: 0 with *out (def when absent), or
 * -1 when it is not one (a 400 with the field's message is the caller's). */
int req_query_long(const struct req *r, const char *name, long lo, long hi, long def, long *out);
/* A number query parameter: 0 with *out (unchanged when absent), -1 if not a number. */
int req_query_number(const struct req *r, const char *name, double *out);

/* A 400 answer (non-zero) if a query parameter is longer than
 * HTTP_QUERY_VALUE_MAX bytes (SQLite refuses LIKE patterns past 50,000). */
int req_query_check(struct req *r);

/* Sets a JSON error: {"error":{"status":S,"message":M[,"fields":F]}} (F stolen, may be NULL). */
int req_error(struct req *r, int status, json_t *fields, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* A 400 with one field's message. */
int req_field_error(struct req *r, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Maps a library error code to a status (ENOTFOUND 404, EINPUT/EUSAGE 400,
 * ELIMIT 413, else 500) with e's message. */
int req_fail(struct req *r, int code, const char *msg);
/* Sets r->json (stolen) and status. */
int req_ok(struct req *r, int status, json_t *json);

/* Parses the JSON body into *out (an object). 415 unless Content-Type is
 * application/json, 400 on bad JSON; returns non-zero when r is answered. */
int req_json_body(struct req *r, json_t **out);

/* A JSON value from a row cell. */
json_t *cell_json(const struct store_cell *c);
/* The row as an object (names as keys); flows' months become their text form. */
json_t *row_object(size_t n, const char *const *names, const struct store_cell *cells);

/* Lists list w with page, per_page, sort and the list's filters from the
 * query (filters NULL-terminated pairs of query name -> filter index are the
 * list's own names). Answers {"items","total","page","per_page"} or a 400. */
int req_list(struct req *r, enum store_list w);
/* The same page as an object in *out (owned by the caller), per_page being
 * def_per by default and at most max_per: 0, or non-zero when r is answered
 * (a 400 on a bad parameter, a store error). */
int req_page(struct req *r, enum store_list w, long def_per, long max_per, json_t **out);

#endif
