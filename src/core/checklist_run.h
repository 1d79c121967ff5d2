/*
 * checklist_run.h - the regulatory checklist of a stored candidate, for the
 * CLI (match --format json, match show) and the HTTP server (GET
 * /api/candidates/{key}). The rules and their selection are in
 * src/match/checklist.h (pure); this adds what the store knows: the
 * receiver's activity and whether the List of Waste marks the code hazardous.
 */
#ifndef SY_CHECKLIST_RUN_H
#define SY_CHECKLIST_RUN_H

#include <jansson.h>

#include "match/checklist.h"
#include "model/candidate.h"
#include "store/store.h"

/* Builds the checklist of candidate c with the knowledge base kb (from
 * match_kb_load; the items borrow its strings). The receiver's NACE class
 * comes from its actor record, the hazard flag from the store's List of Waste
 * (or the kb's). A mutualisation candidate gets the rows of its resource.
 * SY_ESTORE on a storage error; an unknown receiver is no error. */
int checklist_for_candidate(struct store *s, const struct kb *kb, const struct candidate *c,
                            struct checklist *out, struct err *e);

/* The checklist as a JSON array of {"party", "topic", "check", "check_fr",
 * "act", "scope"} objects (a new reference), or NULL when out of memory. */
json_t *checklist_json(const struct checklist *c);

#endif
