/*
 * store_edit.h - record-at-a-time edits and read-backs: deleting territories,
 * actors, flows and contacts, reading one flow, counting what depends on a
 * record, contacts by id, and stored plans.
 *
 * The core (src/core/edit.c) decides whether a deletion may go ahead; these
 * functions only do what they are asked. Deleting an actor removes its flows
 * and contacts with it; deleting a territory removes its actors, their flows
 * and contacts. All return 0 or a negative SY_E* code with e set; a missing
 * record is SY_ENOTFOUND.
 */
#ifndef SY_STORE_EDIT_H
#define SY_STORE_EDIT_H

#include "store/store.h"

/* What depends on a territory or an actor. */
struct store_deps {
    long actors;   /* territory: its actors */
    long flows;    /* territory: its actors' flows; actor: its flows */
    long contacts; /* territory: its actors' contacts; actor: its contacts */
};

int store_territory_deps(struct store *s, const char *code, struct store_deps *out, struct err *e);
int store_actor_deps(struct store *s, const char *id, struct store_deps *out, struct err *e);

int store_territory_delete(struct store *s, const char *code, struct err *e);
int store_actor_delete(struct store *s, const char *id, struct err *e);
int store_flow_get(struct store *s, const char *id, struct flow *out, struct err *e);
int store_flow_delete(struct store *s, const char *id, struct err *e);

/* Contacts have a numeric id (store-assigned). */
typedef int (*store_contact_cb)(void *ctx, long id, const struct contact *c);
/* actor_id NULL = every contact. */
int store_contact_list(struct store *s, const char *actor_id, store_contact_cb cb, void *ctx,
                       struct err *e);
int store_contact_get(struct store *s, long id, struct contact *out, struct err *e);
/* Inserts a new contact and sets *id; SY_EINPUT if the actor already has a
 * contact of that name. */
int store_contact_add(struct store *s, const struct contact *c, long *id, struct err *e);
int store_contact_update(struct store *s, long id, const struct contact *c, struct err *e);
int store_contact_delete(struct store *s, long id, struct err *e);

/* Stored plans, newest first; territory NULL = all. The plan given to the
 * callback has no lines (n = 0). */
typedef int (*store_plan_cb)(void *ctx, const struct plan *p);
int store_plan_list(struct store *s, const char *territory, store_plan_cb cb, void *ctx,
                    struct err *e);
/* Reads plan id with its lines (allocated: free with store_plan_release). */
int store_plan_get(struct store *s, long id, struct plan *out, struct err *e);
void store_plan_release(struct plan *p);

#endif
