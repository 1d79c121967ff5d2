/*
 * server.h - `symbiose serve`: the JSON API of docs/api.md and the web
 * application's static files, on libmicrohttpd.
 *
 * One internal polling thread (epoll) hands connections to a small pool of
 * worker threads; limits on connections, connections per IP, memory and time
 * per connection, and request body size. Each request borrows one SQLite
 * connection from a small pool (WAL, busy timeout: readers never wait for a
 * writer). Detection and plan runs go to a
 * background thread with progress and cancellation (server/runs.h). Static
 * files come only from the compiled table of server/assets.h.
 */
#ifndef SY_SERVER_H
#define SY_SERVER_H

#include <stdio.h>

#include "util/err.h"

struct server_opts {
    const char *host; /* numeric IPv4 address, "127.0.0.1" */
    unsigned port;    /* 0 = a free port */
    const char *db_path;
    const char *kb_dir;
    const char *ref_dir;  /* reference data: communes for the offline map; may be NULL */
    const char *tile_url; /* NULL = offline background */
    unsigned threads;     /* worker threads, 4 */
    unsigned pool;        /* SQLite connections, 4 */
    FILE *log;            /* "listening on http://HOST:PORT" and shutdown notes */
};

/* Serves until SIGINT or SIGTERM, then stops cleanly (running detections are
 * cancelled). SY_EIO when the address cannot be bound, SY_ESTORE, SY_ENOMEM;
 * knowledge base errors as core/knowledge.h. */
int server_run(const struct server_opts *o, struct err *e);

#endif
