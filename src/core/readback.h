/*
 * readback.h - reading back what was decided: candidates by a short key that
 * needs no quoting, one candidate with its explanation, the stored plans.
 *
 * A candidate's key ("S|sup|rec|16 06 01|route") holds '|' and spaces, so a
 * shell needs it quoted. Its short key is the first 8 hexadecimal digits of
 * a 32-bit FNV-1a hash of the full key: stable across runs (the key is), and
 * accepted wherever a key is. A short key that two stored candidates share is
 * refused as ambiguous, listing them; their full keys still work.
 */
#ifndef SY_READBACK_H
#define SY_READBACK_H

#include <stddef.h>

#include "model/candidate.h"
#include "store/store.h"

/* CAND_SHORT_LEN and cand_short_key: model/candidate.h */

/* Finds the stored candidate whose full key or short key (any case) is
 * given: SY_OK with *out, SY_ENOTFOUND, or SY_EINPUT when a short key names
 * several different candidates (e lists them). Rejected candidates count. */
int cand_find(struct store *s, const char *given, struct candidate *out, struct err *e);

#endif
