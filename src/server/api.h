/*
 * api.h - the route handlers shared by api.c, api_write.c and api_geo.c.
 * Each returns 0 when it answered with success, non-zero when it answered
 * with an error (the request holds the answer either way).
 */
#ifndef SY_API_H
#define SY_API_H

#include "server/server_int.h"
#include "store/store_query.h"
#include "store/store_synergy.h"

/* One row of list w by key into *out, or a 404/500 answer (non-zero). */
int api_one(struct req *r, enum store_list w, const char *key, json_t **out);
/* 0 if the query's territory and actor filters, when given, exist; else
 * answers 404 and returns 1. */
int api_known_filters(struct req *r);
/* Every row of list w with filters: nfilters values by the list's order, a
 * NULL one absent; the list's filters past nfilters are absent. */
int api_all(struct req *r, enum store_list w, const char *const *filters, size_t nfilters,
            json_t **out);
/* Answers the 422 of an import with errors (each with its line and column); returns 1. */
struct diags;
int api_import_failed(struct req *r, const struct diags *d, const char *msg);
/* A synergy with its history. */
int api_synergy_json(struct req *r, const char *id, json_t **out);

int api_actor_post(struct req *r);
int api_actor_patch(struct req *r);
int api_actor_delete(struct req *r);
int api_contact_post(struct req *r);
int api_contact_delete(struct req *r);
int api_flow_post(struct req *r);
int api_flow_patch(struct req *r);
int api_flow_delete(struct req *r);
int api_decision(struct req *r);
int api_synergy_patch(struct req *r);
int api_import_actors(struct req *r);
int api_import_flows(struct req *r);
int api_geo_actors(struct req *r);
int api_geo_links(struct req *r);
int api_geo_communes(struct req *r);

#endif
