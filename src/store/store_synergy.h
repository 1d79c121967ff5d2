/*
 * store_synergy.h - synergies: candidates a facilitator accepted, followed
 * through their stages (idea -> study -> implementation -> running, or
 * abandoned with a reason). Every move is dated in a history.
 *
 * Stages are checked by the caller with synergy_stage_parse (model/synergy.h).
 * Same conventions as store.h. SQL in sqlite_synergy.c. Writes run in their
 * own transaction, or in the caller's when one is open (store_begin).
 */
#ifndef SY_STORE_SYNERGY_H
#define SY_STORE_SYNERGY_H

#include "model/synergy.h"
#include "store/store.h"
#include "store/store_query.h"

/* Creates the synergy of an active candidate at stage "idea" (dated, with a
 * first history entry), or finds the one already made from it: *id is set
 * either way and *created says which. SY_ENOTFOUND if no such candidate. */
int store_synergy_from_candidate(struct store *s, const char *key, long *id, int *created,
                                 struct err *e);
/* The same, dated at ("YYYY-MM-DDTHH:MM:SSZ"; NULL = now). */
int store_synergy_from_candidate_at(struct store *s, const char *key, const char *at, long *id,
                                    int *created, struct err *e);
/* Moves synergy id to stage with reason (may be ""), dated now, and records
 * the move. SY_ENOTFOUND if there is no such synergy. */
int store_synergy_move(struct store *s, long id, enum synergy_stage stage, const char *reason,
                       struct err *e);
/* The same, dated at ("YYYY-MM-DDTHH:MM:SSZ"; NULL = now). */
int store_synergy_move_at(struct store *s, long id, enum synergy_stage stage, const char *reason,
                          const char *at, struct err *e);
/* The synergy made from candidate key: *id (0 if none) and its stage. */
int store_synergy_of_candidate(struct store *s, const char *key, long *id,
                               enum synergy_stage *stage, struct err *e);
/* Deletes synergy id and its history (an acceptance undone). */
int store_synergy_delete(struct store *s, long id, struct err *e);
/* The date of synergy id's latest move into at (at least 32 bytes). */
int store_synergy_last_move(struct store *s, long id, char *at, size_t n, struct err *e);
/* The stage of synergy id. SY_ENOTFOUND. */
int store_synergy_stage(struct store *s, long id, enum synergy_stage *stage, struct err *e);
/* The history of synergy id, oldest first: rows (at, stage, reason). */
int store_synergy_history(struct store *s, long id, store_row_cb cb, void *ctx, struct err *e);

#endif
