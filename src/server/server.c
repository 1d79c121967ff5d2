/*
 * server.c - libmicrohttpd set-up, request bodies with their limits, the
 * store pool, signals and clean shutdown. Routes are in api*.c.
 */
#include "server/server_int.h"

#include <arpa/inet.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "core/match_run.h"
#include "util/buf.h"

#define CONN_LIMIT 256
#define CONN_PER_IP 64
#define CONN_MEMORY ((size_t)256 << 10)
#define CONN_TIMEOUT 30 /* seconds */

/* One request's state across the access handler's calls. */
struct pending {
    struct buf body;
    size_t max;
    int too_large;
};

struct store *server_store_get(struct server *s)
{
    struct store *st = NULL;

    pthread_mutex_lock(&s->mu);
    for (;;) {
        for (unsigned i = 0; i < s->npool; i++)
            if (!s->busy[i]) {
                s->busy[i] = 1;
                st = s->pool[i];
                break;
            }
        if (st || !s->npool)
            break;
        pthread_cond_wait(&s->cv, &s->mu);
    }
    pthread_mutex_unlock(&s->mu);
    return st;
}

void server_store_put(struct server *s, struct store *st)
{
    pthread_mutex_lock(&s->mu);
    for (unsigned i = 0; i < s->npool; i++)
        if (s->pool[i] == st)
            s->busy[i] = 0;
    pthread_cond_signal(&s->cv);
    pthread_mutex_unlock(&s->mu);
}

static enum MHD_Result send_json(struct MHD_Connection *c, int status, json_t *j)
{
    char *text = j ? json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(10)) : NULL;
    struct MHD_Response *resp;
    enum MHD_Result ret;

    if (!text)
        text = strdup("{\"error\":{\"status\":500,\"message\":\"out of memory\"}}");
    if (!text)
        return MHD_NO;
    resp = MHD_create_response_from_buffer(strlen(text), text, MHD_RESPMEM_MUST_FREE);
    if (!resp) {
        free(text);
        return MHD_NO;
    }
    MHD_add_response_header(resp, "Content-Type", "application/json; charset=utf-8");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    if (status == 405)
        MHD_add_response_header(
            resp, "Allow",
            json_string_value(json_object_get(json_object_get(j, "error"), "allow")));
    ret = MHD_queue_response(c, (unsigned)status, resp);
    MHD_destroy_response(resp);
    return ret;
}

static enum MHD_Result send_asset(struct MHD_Connection *c, const struct asset *a)
{
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(a->len, (void *)a->data, MHD_RESPMEM_PERSISTENT);
    enum MHD_Result ret;

    if (!resp)
        return MHD_NO;
    MHD_add_response_header(resp, "Content-Type", a->mime);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    ret = MHD_queue_response(c, MHD_HTTP_OK, resp);
    MHD_destroy_response(resp);
    return ret;
}

static enum MHD_Result answer_error(struct MHD_Connection *c, int status, const char *msg)
{
    json_t *j = json_pack("{s:{s:i, s:s}}", "error", "status", status, "message", msg);
    enum MHD_Result ret = send_json(c, status, j);

    json_decref(j);
    return ret;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *conn, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **con_cls)
{
    struct server *s = cls;
    struct pending *p = *con_cls;
    struct req r;
    enum MHD_Result ret;

    (void)version;
    if (!p) {
        const char *len = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
        const char *ct = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Type");

        if (!(p = calloc(1, sizeof *p)))
            return MHD_NO;
        p->max = ct && strncmp(ct, "text/csv", 8) == 0 ? HTTP_CSV_MAX : HTTP_JSON_MAX;
        buf_init(&p->body, p->max);
        if (len && strtoull(len, NULL, 10) > p->max)
            p->too_large = 1;
        *con_cls = p;
        return MHD_YES;
    }
    if (*upload_size) {
        if (!p->too_large && buf_add(&p->body, upload, *upload_size))
            p->too_large = 1;
        *upload_size = 0;
        return MHD_YES;
    }
    if (p->too_large) {
        char msg[128];
        snprintf(msg, sizeof msg, "the request body is larger than %zu bytes", p->max);
        return answer_error(conn, 413, msg);
    }
    memset(&r, 0, sizeof r);
    r.srv = s;
    r.conn = conn;
    r.method = method;
    r.path = url;
    r.param = "";
    r.ctype = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Type");
    if (!r.ctype)
        r.ctype = "";
    r.body = p->body.str;
    r.len = p->body.len;
    api_dispatch(&r);
    if (r.asset)
        ret = send_asset(conn, r.asset);
    else
        ret = send_json(conn, r.status ? r.status : 500, r.json);
    json_decref(r.json);
    return ret;
}

static void completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                      enum MHD_RequestTerminationCode toe)
{
    struct pending *p = *con_cls;

    (void)cls, (void)conn, (void)toe;
    if (p) {
        buf_release(&p->body);
        free(p);
        *con_cls = NULL;
    }
}

/* The knowledge base, once per process: the files as read (runs lay each
 * territory's local knowledge over a copy) and a finished copy for the
 * requests that only read it. */
static int load_kb(struct server *s, const char *dir, struct err *e)
{
    int rc = match_kb_new(&s->kb, e);

    if (!rc)
        rc = match_kb_read(dir, s->kb, e);
    if (!rc)
        rc = kb_clone(s->kb, &s->kb_ro, e);
    if (!rc)
        rc = kb_finish(s->kb_ro, e);
    return rc;
}

static void release(struct server *s)
{
    runs_free(s->runs);
    for (unsigned i = 0; i < s->npool; i++)
        store_close(s->pool[i]);
    communes_free(s->communes);
    kb_free(s->kb);
    kb_free(s->kb_ro);
    pthread_mutex_destroy(&s->mu);
    pthread_cond_destroy(&s->cv);
}

/* A reply's JSON of a few MB is freed when sent: with glibc's sliding mmap
 * threshold such buffers come to live on the heap after the first, and the
 * process keeps their pages (RSS grew by 50 % over a bench/load run with no
 * leak). A fixed threshold maps every block of 256 KiB or more on its own and
 * gives it back on free. */
static void memory_policy(void)
{
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
#endif
}

int server_run(const struct server_opts *o, struct err *e)
{
    struct server s;
    struct sockaddr_in addr;
    struct MHD_Daemon *d;
    const union MHD_DaemonInfo *info;
    sigset_t set;
    int sig, rc;

    memory_policy();
    memset(&s, 0, sizeof s);
    s.o = o;
    pthread_mutex_init(&s.mu, NULL);
    pthread_cond_init(&s.cv, NULL);
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)o->port);
    if (inet_pton(AF_INET, o->host, &addr.sin_addr) != 1) {
        release(&s);
        return err_set(e, SY_EUSAGE, "--listen %s: give a numeric IPv4 address such as 127.0.0.1",
                       o->host);
    }
    rc = 0;
    if (o->ref_dir)
        rc = communes_load(o->ref_dir, &s.communes, e);
    for (unsigned i = 0; !rc && i < (o->pool && o->pool <= POOL_MAX ? o->pool : 4); i++) {
        rc = store_open(&s.pool[i], o->db_path, e);
        if (!rc)
            s.npool++;
        /* the pool's connections share one process and the OS's file cache:
         * SQLite's default of 2 MiB each (64 MiB each measured no faster, and
         * RSS grew by their filling: bench/load) */
        if (!rc)
            rc = store_cache_limit(s.pool[i], POOL_CACHE_KIB, e);
        /* the planner's statistics, before the other connections read them */
        if (!rc && i == 0)
            rc = store_query_optimize(s.pool[0], e);
    }
    if (!rc && o->kb_dir && *o->kb_dir)
        rc = load_kb(&s, o->kb_dir, e);
    if (!rc)
        rc = runs_new(&s.runs, o->db_path, o->kb_dir, s.kb, e);
    if (rc) {
        release(&s);
        return rc;
    }
    /* The signals go to sigwait below, never to the server's threads. */
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG, 0, NULL, NULL, handle,
        &s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr, MHD_OPTION_THREAD_POOL_SIZE,
        (unsigned)(o->threads ? o->threads : 4), MHD_OPTION_CONNECTION_LIMIT, (unsigned)CONN_LIMIT,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)CONN_PER_IP,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, CONN_MEMORY, MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned)CONN_TIMEOUT, MHD_OPTION_NOTIFY_COMPLETED, completed, &s, MHD_OPTION_END);
    if (!d) {
        release(&s);
        return err_set(e, SY_EIO,
                       "cannot listen on %s:%u (in use, or not an address of this "
                       "machine); try another --listen",
                       o->host, o->port);
    }
    info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    if (o->log) {
        fprintf(o->log, "listening on http://%s:%u\n", o->host,
                info ? (unsigned)info->port : o->port);
        fflush(o->log);
    }
    sigwait(&set, &sig);
    if (o->log) {
        fprintf(o->log, "%s: stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
        fflush(o->log);
    }
    MHD_stop_daemon(d);
    release(&s);
    if (o->log) {
        fprintf(o->log, "stopped\n");
        fflush(o->log);
    }
    return 0;
}
