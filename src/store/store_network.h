/*
 * store_network.h - storage of the regional network: territories as sets of
 * communes, SIRENE details of actors, the engagement pipeline, events and
 * their participants, barriers and levers, and per-territory indicators.
 *
 * Same conventions as store.h: 0 or a negative SY_E* code with e set;
 * listing callbacks get a borrowed record and stop the listing by returning
 * non-zero. Dates are "YYYY-MM-DD" (model/network.h checks them); a year
 * filter of 0 means every year. The SQL is in sqlite_network.c and
 * sqlite_events.c.
 *
 * Diffusion: an establishment INSEE marks non-diffusible (statut 'P') is
 * stored under a masked id ("sirene-nd-<hash>"), with a neutral name, no
 * SIRET, no address and no coordinates, and actor_sirene.diffusible = 0.
 * Nothing here can give back its name or position: they were never stored.
 */
#ifndef SY_STORE_NETWORK_H
#define SY_STORE_NETWORK_H

#include "model/network.h"
#include "store/store.h"

/* ---- territories as places ---- */

struct territory_commune {
    char territory[SY_ID_MAX];
    char commune[8]; /* INSEE code */
    char epci[16];   /* SIREN of the EPCI it came from, or "" */
};

struct facilitator {
    char territory[SY_ID_MAX];
    char name[SY_NAME_MAX];
    char email[SY_NAME_MAX];
    char phone[32];
};

typedef int (*store_tcommune_cb)(void *ctx, const struct territory_commune *c);

/* Replaces the communes of a territory with v[0..n). */
int store_territory_communes_set(struct store *s, const char *territory,
                                 const struct territory_commune *v, size_t n, struct err *e);
/* Lists the communes of a territory (NULL = of every territory), by territory then code. */
int store_territory_communes_list(struct store *s, const char *territory, store_tcommune_cb cb,
                                  void *ctx, struct err *e);
/* Gives a territory to every actor that has none and whose commune belongs to
 * exactly one territory (territory NULL = any territory, else only that one).
 * *placed (may be NULL) is the number of actors placed. */
int store_place_actors(struct store *s, const char *territory, long *placed, struct err *e);
/* "" fields are kept as they are on update. */
int store_facilitator_put(struct store *s, const struct facilitator *f, struct err *e);
/* SY_ENOTFOUND if the territory has no facilitator recorded. */
int store_facilitator_get(struct store *s, const char *territory, struct facilitator *out,
                          struct err *e);

/* ---- SIRENE details of an actor ---- */

struct sirene_info {
    char actor_id[SY_ID_MAX];
    char siret[16];  /* "" when non-diffusible */
    char naf25[16];  /* NAF 2025 code as published ("" if absent) */
    char tranche[4]; /* INSEE workforce band code: NN, 00, 01 ... 53 */
    int diffusible;  /* 0 = statut 'P': no name, no position, anywhere */
};

int store_sirene_put(struct store *s, const struct sirene_info *si, struct err *e);
/* SY_ENOTFOUND if the actor did not come from SIRENE. */
int store_sirene_get(struct store *s, const char *actor_id, struct sirene_info *out, struct err *e);

/* ---- the engagement pipeline ---- */

struct engagement {
    long id; /* set by store_engagement_add */
    char actor_id[SY_ID_MAX];
    enum eng_stage stage;
    char reason[SY_TEXT_MAX]; /* required for DECLINED */
    char at[16];              /* date of the change */
    char by[SY_NAME_MAX];     /* who made it */
    char note[SY_TEXT_MAX];
};

/* The state of one actor of a territory. An actor never moved is
 * "identified" at no date (stage_at ""). */
struct pipeline_row {
    char actor_id[SY_ID_MAX];
    char actor_name[SY_NAME_MAX];
    char territory[SY_ID_MAX];
    char naf[16];
    char workforce[32];
    enum eng_stage stage;
    char stage_at[16];
    char stage_by[SY_NAME_MAX];
    char reason[SY_TEXT_MAX];
    char last_contact[16]; /* latest dated change past 'identified', or event attended; "" none */
    char next_action[SY_TEXT_MAX];
    char next_due[16];
    int diffusible; /* 1 unless SIRENE said 'P' */
};

struct next_action {
    char actor_id[SY_ID_MAX];
    char action[SY_TEXT_MAX]; /* "" clears the next action */
    char due[16];
    char by[SY_NAME_MAX];
    char set_at[16];
};

typedef int (*store_engagement_cb)(void *ctx, const struct engagement *g);
typedef int (*store_pipeline_cb)(void *ctx, const struct pipeline_row *p);

/* Records a dated change of stage; sets g->id. SY_ENOTFOUND for an unknown actor. */
int store_engagement_add(struct store *s, struct engagement *g, struct err *e);
/* The history of one actor, oldest first. */
int store_engagement_list(struct store *s, const char *actor_id, store_engagement_cb cb, void *ctx,
                          struct err *e);
int store_next_action_put(struct store *s, const struct next_action *a, struct err *e);
/* Every actor of a territory (NULL = all) with its current stage, by actor id.
 * as_of ("" = today and after) ignores changes dated after it. */
int store_pipeline_list(struct store *s, const char *territory, const char *as_of,
                        store_pipeline_cb cb, void *ctx, struct err *e);

/* ---- events ---- */

struct event {
    long id;                   /* 0 on insert; set by store_event_put */
    char territory[SY_ID_MAX]; /* "" = the whole network */
    enum event_type type;
    char title[SY_NAME_MAX];
    char date[16];
    char place[SY_NAME_MAX];
    char organiser[SY_NAME_MAX];
    char notes[SY_TEXT_MAX]; /* the outcome */
    long participants;       /* filled by list/get */
};

struct participant {
    long event_id;
    char actor_id[SY_ID_MAX]; /* "" for a person without an actor */
    char actor_name[SY_NAME_MAX];
    char person[SY_NAME_MAX]; /* "" for an actor as a whole */
    char role[SY_NAME_MAX];
};

struct event_filter {
    const char *territory; /* NULL = all */
    int year;              /* 0 = all */
};

typedef int (*store_event_cb)(void *ctx, const struct event *ev);
typedef int (*store_participant_cb)(void *ctx, const struct participant *p);

/* Inserts (id 0) or updates an event. */
int store_event_put(struct store *s, struct event *ev, struct err *e);
int store_event_get(struct store *s, long id, struct event *out, struct err *e);
/* By date, then id. */
int store_event_list(struct store *s, const struct event_filter *f, store_event_cb cb, void *ctx,
                     struct err *e);
/* Adds a participant (an actor, a person, or a person of an actor); a repeat is ignored. */
int store_participant_add(struct store *s, const struct participant *p, struct err *e);
int store_participant_list(struct store *s, long event_id, store_participant_cb cb, void *ctx,
                           struct err *e);
/* Links a flow to the event it came out of (workshop cards). */
int store_event_flow_add(struct store *s, long event_id, const char *flow_id, struct err *e);
int store_event_flow_list(struct store *s, long event_id, store_flow_cb cb, void *ctx,
                          struct err *e);
/* Candidates linked to the event: supplied by an (actor, resource) of one of
 * its supply flows, or received by an actor with one of its demand flows. */
int store_event_cand_list(struct store *s, long event_id, store_cand_cb cb, void *ctx,
                          struct err *e);

/* ---- barriers and levers ---- */

struct barrier {
    char code[SY_ID_MAX];
    enum barrier_cat category;
    char label_en[SY_NAME_MAX];
    char label_fr[SY_NAME_MAX];
    char description[SY_TEXT_MAX]; /* French */
    char basis[SY_TEXT_MAX];       /* where it comes from */
};

struct lever {
    char code[SY_ID_MAX];
    char label_en[SY_NAME_MAX];
    char label_fr[SY_NAME_MAX];
    char description[SY_TEXT_MAX]; /* French */
    char addresses[SY_TEXT_MAX];   /* barrier codes separated by spaces */
    char basis[SY_TEXT_MAX];
};

/* A barrier a territory faces. */
struct barrier_record {
    long id;
    char territory[SY_ID_MAX];
    char barrier[SY_ID_MAX];
    char barrier_label[SY_NAME_MAX]; /* filled by list */
    char noted[16];
    char by[SY_NAME_MAX];
    char notes[SY_TEXT_MAX];
};

/* A lever a territory tried, against a barrier ("" = none named). */
struct lever_trial {
    long id;
    char territory[SY_ID_MAX];
    char lever[SY_ID_MAX];
    char lever_label[SY_NAME_MAX]; /* filled by list */
    char barrier[SY_ID_MAX];
    char date[16];
    enum lever_result result;
    char by[SY_NAME_MAX];
    char notes[SY_TEXT_MAX];
};

/* For one barrier: how a lever fared in one territory, with whom to call. */
struct lever_outcome {
    char lever[SY_ID_MAX];
    char lever_label[SY_NAME_MAX];
    char territory[SY_ID_MAX];
    char territory_name[SY_NAME_MAX];
    char facilitator[SY_NAME_MAX];
    char email[SY_NAME_MAX];
    char phone[32];
    long worked, partly, did_not;
    char last_date[16];
    double score; /* (2 worked + partly) / trials */
};

struct record_filter {
    const char *territory; /* NULL = all */
    int year;              /* 0 = all */
};

typedef int (*store_barrier_cb)(void *ctx, const struct barrier *b);
typedef int (*store_lever_cb)(void *ctx, const struct lever *l);
typedef int (*store_brecord_cb)(void *ctx, const struct barrier_record *r);
typedef int (*store_trial_cb)(void *ctx, const struct lever_trial *t);
typedef int (*store_outcome_cb)(void *ctx, const struct lever_outcome *o);

int store_barrier_put(struct store *s, const struct barrier *b, struct err *e);
int store_barrier_get(struct store *s, const char *code, struct barrier *out, struct err *e);
/* category < 0 = all; by code. */
int store_barrier_list(struct store *s, int category, store_barrier_cb cb, void *ctx,
                       struct err *e);
int store_lever_put(struct store *s, const struct lever *l, struct err *e);
int store_lever_get(struct store *s, const char *code, struct lever *out, struct err *e);
/* barrier NULL = all levers; else those that address it. By code. */
int store_lever_list(struct store *s, const char *barrier, store_lever_cb cb, void *ctx,
                     struct err *e);
/* Inserts or updates (territory, barrier); sets r->id. */
int store_barrier_record_put(struct store *s, struct barrier_record *r, struct err *e);
int store_barrier_record_list(struct store *s, const struct record_filter *f, store_brecord_cb cb,
                              void *ctx, struct err *e);
/* Sets t->id. */
int store_lever_trial_add(struct store *s, struct lever_trial *t, struct err *e);
int store_lever_trial_list(struct store *s, const struct record_filter *f, store_trial_cb cb,
                           void *ctx, struct err *e);
/* The network query: for a barrier, the levers tried against it in every
 * territory, best score first, then most trials, then latest. */
int store_lever_outcomes(struct store *s, const char *barrier, store_outcome_cb cb, void *ctx,
                         struct err *e);

/* ---- indicators ---- */

/* One territory's figures for a year (or all years). Stages are as of the
 * end of the year; events, participants, barriers and lever trials are those
 * dated in the year; candidates are the territory's latest detection run;
 * tonnes, CO2e and euros are those of the territory's latest plan created
 * in or before the year. */
struct net_indicators {
    char territory[SY_ID_MAX];
    char name[SY_NAME_MAX];
    int year;
    long actors;
    long by_stage[STAGE_COUNT];
    long events, participants;
    long cand_proposed, cand_accepted, cand_rejected;
    long synergies; /* accepted candidates */
    double tonnes, co2e_kg, euros;
    long barriers, levers_tried, levers_worked;
};

typedef int (*store_indicators_cb)(void *ctx, const struct net_indicators *n);

/* One call per territory, by code. */
int store_network_indicators(struct store *s, int year, store_indicators_cb cb, void *ctx,
                             struct err *e);

#endif
