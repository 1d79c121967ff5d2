/*
 * synergy.h - decisions on candidates and the stages of the synergies they
 * become: the rules the command line and the web server share.
 *
 * Accepting a candidate makes its synergy at stage "idea" in the same
 * transaction; undoing an acceptance (back to "proposed") withdraws that
 * synergy while it is still an idea, and is refused once work has started on
 * it (study or later: abandon it instead, with a reason). Rejecting needs a
 * reason, so that rejections can feed the territory's local knowledge.
 * Every stage move is dated (today, or a given past day) and checked by
 * synergy_move_check (model/synergy.h).
 */
#ifndef SY_CORE_SYNERGY_H
#define SY_CORE_SYNERGY_H

#include "model/candidate.h"
#include "model/synergy.h"
#include "store/store.h"

/* Records decision st on candidate key with reason ("" or NULL for none),
 * dated day (as synergy_move; NULL = now: the date of the synergy made).
 * *synergy_id (if not NULL) gets the synergy made or found by an acceptance,
 * else 0. *field (if not NULL) names the offending input on SY_EINPUT
 * ("reason", "status"). SY_ENOTFOUND if there is no such candidate. */
int synergy_decide(struct store *s, const char *key, enum cand_status st, const char *reason,
                   const char *day, long *synergy_id, const char **field, struct err *e);

/* Moves synergy id to stage to, dated day ("YYYY-MM-DD", not in the future
 * nor before its latest move; NULL or "" = now), with reason. SY_EINPUT with
 * *field set for a refused move or a bad date; SY_ENOTFOUND. */
int synergy_move(struct store *s, long id, enum synergy_stage to, const char *reason,
                 const char *day, const char **field, struct err *e);

#endif
