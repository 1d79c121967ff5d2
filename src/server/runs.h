/*
 * runs.h - detection and plan runs started from the web: one at a time in a
 * background thread, with progress in [0,1], a message, and cancellation
 * (the engine's cancel flag). Finished runs are kept (the last RUNS_KEPT).
 */
#ifndef SY_RUNS_H
#define SY_RUNS_H

#include <jansson.h>

#include "util/err.h"

#define RUNS_KEPT 64

struct runs;

struct run_request {
    int plan;           /* 0 match, 1 plan */
    char territory[64]; /* "" = all */
    char objective[16]; /* plan: euros | co2e | tonnes */
    int threads;        /* engine threads, 1 by default: a run must not starve the server */
    char lang[4];       /* explanations: "fr", "en", or "" the server's language */
};

/* kb: the knowledge base the server read once (not finished; borrowed, never
 * changed: each run lays its territory's local knowledge over a copy). */
struct kb;
int runs_new(struct runs **out, const char *db_path, const char *kb_dir, const struct kb *kb,
             struct err *e);
/* Cancels what is running, waits for it and frees everything. */
void runs_free(struct runs *r);
/* Starts a run; its id (at most 16 bytes) in id. SY_ELIMIT (409) while
 * another one is running, SY_ENOMEM. */
int runs_start(struct runs *r, const struct run_request *q, char *id, size_t n, struct err *e);
/* The run as JSON: id, type, state, progress, message, result. NULL if unknown. */
json_t *runs_get(struct runs *r, const char *id);
/* Asks the run to stop; returns its JSON as runs_get. NULL if unknown. */
json_t *runs_cancel(struct runs *r, const char *id);

#endif
