/*
 * api_network.h - the routes of the regional network (step 5, docs/api.md
 * "Network"): the engagement pipeline, the follow-up, events, barriers and
 * levers, the network indicators and the ELIPSE self-evaluation. They call
 * the same core and store functions as the CLI (core/followup.h,
 * core/network.h, core/cards.h, core/elipse.h, store/store_network.h).
 * api_network.c holds the pipeline, follow-up, indicators and ELIPSE;
 * api_events.c the events, barriers and levers.
 */
#ifndef SY_API_NETWORK_H
#define SY_API_NETWORK_H

#include "server/api.h"
#include "store/store_network.h"

/* Field errors gathered before answering: {"field":"message",...}. */
struct net_fields {
    json_t *fields; /* NULL until the first error */
    char first[512];
};
void net_field(struct net_fields *f, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Answers the 400 when f has errors (and frees them); 0 when it has none. */
int net_fields_answer(struct req *r, struct net_fields *f);

/* Today (UTC) as YYYY-MM-DD, or $SYMBIOSE_TODAY when it is a valid date (tests). */
void net_today(char out[16]);
/* Who makes a change: the body's "by", else the X-Symbiose-By header; "" if neither. */
const char *net_by(struct req *r, json_t *body);
/* Copies the optional string member name of body into dst (size n). Records a
 * field error when it is not a string or too long; absent leaves dst as it is.
 * Returns 1 when present and valid. */
int net_text(json_t *body, const char *name, char *dst, size_t n, struct net_fields *f);
/* A year from the query (name), 0 when absent; -1 after answering a 400. */
int net_query_year(struct req *r, const char *name);

/* api_network.c */
int api_pipeline_list(struct req *r);
int api_pipeline_get(struct req *r);
int api_pipeline_patch(struct req *r);
int api_followup(struct req *r);
int api_network(struct req *r);
int api_elipse_get(struct req *r);
int api_elipse_put(struct req *r);

/* api_events.c */
int api_events_list(struct req *r);
int api_event_post(struct req *r);
int api_event_get(struct req *r);
int api_event_patch(struct req *r);
int api_event_participants_post(struct req *r);
int api_event_cards_post(struct req *r);
int api_barriers_list(struct req *r);
int api_barrier_get(struct req *r);
int api_levers_list(struct req *r);
int api_barriers_met_list(struct req *r);
int api_barrier_met_post(struct req *r);
int api_levers_tried_list(struct req *r);
int api_lever_tried_post(struct req *r);

#endif
