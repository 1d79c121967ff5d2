/*
 * fuzz_api_route.c - libFuzzer harness for the request path: the router
 * (api_dispatch), the route parameters and the query parameters of every
 * read route (pagination, sort, filters, map boxes), without a socket. The
 * input's first line is "METHOD PATH[?QUERY]"; the rest is a JSON body. The
 * path and the query are decoded as libmicrohttpd decodes them (its
 * MHD_http_unescape, '+' as a space) and handed to the handlers as the
 * server does. /api/runs is left out (each POST starts a thread). Every
 * answer must be a known status with a JSON body or a static asset, never a
 * 500.
 */
#include <microhttpd.h>
#include <stdint.h>

#include "api_fixture.h"

#define ARGS_MAX 32

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void unescape(char *s)
{
    for (char *p = s; *p; p++)
        if (*p == '+')
            *p = ' ';
    MHD_http_unescape(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *args[2 * ARGS_MAX + 2];
    char *text, *line, *body, *method, *path, *query, *sp;
    size_t nargs = 0;
    struct req r;

    if (size > 65536)
        return 0;
    text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = 0;
    line = text;
    body = strchr(text, '\n');
    if (body)
        *body++ = 0;
    else
        body = text + size;
    method = line;
    sp = strchr(line, ' ');
    if (!sp) {
        free(text);
        return 0;
    }
    *sp = 0;
    path = sp + 1;
    query = strchr(path, '?');
    if (query)
        *query++ = 0;
    unescape(path);
    if (strncmp(path, "/api/runs", 9) == 0) {
        free(text);
        return 0;
    }
    for (char *q = query, *next; q && *q && nargs < ARGS_MAX; q = next) {
        char *eq;
        next = strchr(q, '&');
        if (next)
            *next++ = 0;
        eq = strchr(q, '=');
        if (eq)
            *eq++ = 0;
        unescape(q);
        if (eq)
            unescape(eq);
        args[2 * nargs] = q;
        args[2 * nargs + 1] = eq ? eq : "";
        nargs++;
    }
    args[2 * nargs] = args[2 * nargs + 1] = NULL;
    fx_next();
    memset(&r, 0, sizeof r);
    r.srv = &fx_srv;
    r.args = args;
    r.method = method;
    r.path = path;
    r.param = "";
    r.ctype = "application/json";
    r.body = body;
    r.len = strlen(body);
    api_dispatch(&r);
    fx_check(&r, path);
    json_decref(r.json);
    free(text);
    return 0;
}
