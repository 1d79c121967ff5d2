/*
 * api_fixture.h - shared by fuzz_api_json.c and fuzz_api_route.c: a server
 * without sockets (struct server with one pooled store, no runs, no
 * communes) over a database holding the Zone portuaire example with its
 * matching candidates, one accepted candidate and its synergy. The database is
 * built once in $TMPDIR, then copied afresh every FIXTURE_REOPEN inputs so
 * that the writes of the fuzzer do not make it grow without end.
 * The example and the knowledge base are found beside the binary
 * (TOP/build-fuzz/fuzz/fuzz_x) or in $SYMBIOSE_TOP.
 */
#ifndef FUZZ_API_FIXTURE_H
#define FUZZ_API_FIXTURE_H

#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/import.h"
#include "core/match_run.h"
#include "server/http.h"
#include "server/server_int.h"
#include "store/store_synergy.h"

#define FIXTURE_REOPEN 2000

static struct server fx_srv;
static struct server_opts fx_opts;
static char fx_template[PATH_MAX], fx_db[PATH_MAX + 8];
static unsigned long fx_count;
static char fx_cand[256]; /* the accepted candidate's key */

static void fx_die(const char *what, const struct err *e)
{
    fprintf(stderr, "fixture: %s: %s\n", what, e ? e->msg : "");
    abort();
}

static void fx_copy(const char *from, const char *to)
{
    char buf[65536];
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    size_t n;

    if (!in || !out)
        fx_die("copy the template database", NULL);
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, out) != n)
            fx_die("copy the template database", NULL);
    fclose(in);
    if (fclose(out))
        fx_die("copy the template database", NULL);
}

static void fx_build(const char *top)
{
    static const char *const files[][2] = {
        {"territories", "territory.csv"}, {"actors", "actors.csv"}, {"flows", "flows.csv"}};
    char path[PATH_MAX + 64], kb[PATH_MAX + 8];
    struct match_opts mo;
    struct match_result res;
    struct store *s;
    struct err e;
    long id = 0;
    int created = 0;

    snprintf(fx_template, sizeof fx_template, "%s/fuzz-api-%ld.db",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid());
    unlink(fx_template);
    if (store_open(&s, fx_template, &e))
        fx_die("open the template", &e);
    for (size_t i = 0; i < 3; i++) {
        struct import_result r;
        int rc;
        snprintf(path, sizeof path, "%s/examples/zone-portuaire/%s", top, files[i][1]);
        import_result_init(&r, path);
        rc = i == 0   ? import_territories(s, path, NULL, &r, &e)
             : i == 1 ? import_actors(s, path, NULL, &r, &e)
                      : import_flows(s, path, NULL, &r, &e);
        import_result_release(&r);
        if (rc)
            fx_die(path, &e);
    }
    snprintf(kb, sizeof kb, "%s/data", top);
    match_opts_default(&mo);
    if (match_run(s, kb, &mo, &res, &e))
        fx_die("match", &e);
    if (res.n)
        snprintf(fx_cand, sizeof fx_cand, "%s", res.v[0].key);
    match_result_release(&res);
    if (!fx_cand[0] || store_cand_decide(s, fx_cand, CAND_ACCEPTED, "fuzz", &e) ||
        store_synergy_from_candidate(s, fx_cand, &id, &created, &e))
        fx_die("accept a candidate", &e);
    store_close(s);
}

/* Opens a fresh copy of the template as the server's one pooled store. */
static void fx_reopen(void)
{
    struct err e;

    if (fx_srv.npool)
        store_close(fx_srv.pool[0]);
    fx_srv.npool = 0;
    snprintf(fx_db, sizeof fx_db, "%s.run", fx_template);
    unlink(fx_db);
    fx_copy(fx_template, fx_db);
    if (store_open(&fx_srv.pool[0], fx_db, &e))
        fx_die("open the copy", &e);
    fx_srv.busy[0] = 0;
    fx_srv.npool = 1;
}

static void fx_cleanup(void)
{
    char p[PATH_MAX + 16];

    if (fx_srv.npool)
        store_close(fx_srv.pool[0]);
    fx_srv.npool = 0;
    unlink(fx_template);
    unlink(fx_db);
    snprintf(p, sizeof p, "%s-wal", fx_db);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", fx_db);
    unlink(p);
}

/* Called before each input: builds the fixture once, reopens it now and then. */
static void fx_next(void)
{
    if (!fx_template[0]) {
        char exe[PATH_MAX], top[PATH_MAX];
        const char *t = getenv("SYMBIOSE_TOP");
        ssize_t n;
        if (!t) {
            n = readlink("/proc/self/exe", exe, sizeof exe - 1);
            if (n <= 0)
                fx_die("readlink /proc/self/exe", NULL);
            exe[n] = 0;
            /* TOP/build-fuzz/fuzz/fuzz_x */
            snprintf(top, sizeof top, "%s", dirname(dirname(dirname(exe))));
            t = top;
        }
        pthread_mutex_init(&fx_srv.mu, NULL);
        pthread_cond_init(&fx_srv.cv, NULL);
        fx_opts.host = "127.0.0.1";
        fx_opts.tile_url = NULL;
        fx_srv.o = &fx_opts;
        fx_build(t);
        atexit(fx_cleanup);
    }
    if (fx_count++ % FIXTURE_REOPEN == 0)
        fx_reopen();
}

/* Checks an answer: a known status (never a 500: a storage error or a crash
 * path reached by input), and a JSON error object whose status is the answer's. */
static void fx_check(const struct req *r, const char *what)
{
    static const int ok[] = {200, 201, 202, 400, 404, 405, 409, 413, 415, 422, 501};
    int known = 0;

    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        known |= r->status == ok[i];
    if (r->asset && !r->json)
        return;
    if (!known || !r->json) {
        fprintf(stderr, "%s: status %d: %s\n", what, r->status,
                r->json ? json_dumps(r->json, JSON_COMPACT) : "(no JSON)");
        abort();
    }
    if (r->status >= 400) {
        json_t *err = json_object_get(r->json, "error");
        if (!json_is_object(err) ||
            json_integer_value(json_object_get(err, "status")) != r->status ||
            !json_is_string(json_object_get(err, "message")))
            abort();
    }
}

#endif
