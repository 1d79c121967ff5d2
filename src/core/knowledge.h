/*
 * knowledge.h - a territory's local knowledge over the shipped files, and
 * the feedback of technical rejections, for the CLI (symbiose knowledge),
 * matching and plans. Rows are stored by store_knowledge.h.
 *
 * Rejection feedback: a route whose candidates were rejected n times in a
 * territory with a technical reason (a reason starting with "technical" or
 * "technique") ranks lower there: its strength is multiplied by
 * knowledge_penalty(n) = max(0.5, 0.8^n) (1, 0.8, 0.64, 0.512, then 0.5),
 * and the explanation says so. docs/matching.md documents the rule.
 */
#ifndef SY_KNOWLEDGE_H
#define SY_KNOWLEDGE_H

#include "match/kb.h"
#include "optim/impact.h"
#include "store/store_knowledge.h"

/* The header of each kind's rows: the shipped files' columns. */
const char *knowledge_header(enum local_kind kind);

/* Checks that row (one CSV record, no header) parses as a row of its kind and
 * that key matches it (the route id; "NACE|direction|code"; "kind:id" for a
 * factor, kind = transport, disposal or virgin). Messages name the column.
 * SY_EINPUT, SY_ENOMEM. */
int knowledge_check(enum local_kind kind, const char *key, const char *row, struct err *e);

/* Reads the knowledge base in kb_dir, lays the territory's local routes and
 * profile rows over it (marked local), finishes it and applies the rejection
 * penalties of the territory (territory NULL: the shipped files only, and the
 * penalties of the candidates stored without a territory). */
int knowledge_load(struct store *s, const char *kb_dir, const char *territory, struct kb **out,
                   struct err *e);

/* The same over base, a knowledge base read once per process and not
 * finished (kb_new + match_kb_read): a copy of it gets the local rows, is
 * finished and penalised, and base stays untouched, shared read-only by
 * every run. No file is read. */
int knowledge_overlay(struct store *s, const struct kb *base, const char *territory,
                      struct kb **out, struct err *e);

/* max(0.5, 0.8^n); 1 for n <= 0. */
double knowledge_penalty(int n);

/* Lays the territory's local factors over f (impact_factors_parse replaces
 * rows by id). */
int knowledge_apply_factors(struct store *s, const char *territory, struct impact_factors *f,
                            struct err *e);

#endif
