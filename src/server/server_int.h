/*
 * server_int.h - the server's shared state, private to src/server/.
 */
#ifndef SY_SERVER_INT_H
#define SY_SERVER_INT_H

#include <pthread.h>

#include "server/http.h"
#include "server/runs.h"
#include "server/server.h"

#define POOL_MAX 16
#define POOL_CACHE_KIB 2048 /* page cache per pooled connection (docs/limits.md) */

struct server {
    const struct server_opts *o;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct store *pool[POOL_MAX];
    int busy[POOL_MAX];
    unsigned npool;
    struct runs *runs;
    struct communes *communes; /* NULL without reference data */
    struct kb *kb;             /* read once at start, not finished: runs copy it (runs.h) */
    struct kb *kb_ro;          /* the same finished, shared read-only (checklists); NULL no kb */
};

/* Borrows a store connection (waits while all are busy); NULL if none. */
struct store *server_store_get(struct server *s);
void server_store_put(struct server *s, struct store *st);

/* The routes: dispatches r (method, path) and fills its answer. */
void api_dispatch(struct req *r);

/* Communes of the reference data, for the offline map. */
struct communes;
int communes_load(const char *ref_dir, struct communes **out, struct err *e);
void communes_free(struct communes *c);
/* The communes inside a box, as GeoJSON points. */
json_t *communes_geojson(const struct communes *c, double lat0, double lon0, double lat1,
                         double lon1, size_t max);

#endif
