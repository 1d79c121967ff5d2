/*
 * match_run.h - one matching run over a store, for the CLI and the HTTP server.
 *
 * Loads the actors and flows of a territory (or all) from the store, the
 * knowledge base from a folder (the files named by kb_file_name), runs the
 * engine, stores the candidates with store_cand_replace in one transaction
 * (decisions already taken are kept: see store.h) and hands the candidates,
 * with their status, to the caller. Never prints: progress goes through an
 * optional callback.
 */
#ifndef SY_MATCH_RUN_H
#define SY_MATCH_RUN_H

#include "match/checklist.h"
#include "match/engine.h"
#include "match/kb.h"
#include "store/store.h"

struct match_opts {
    const char *territory; /* NULL = all actors, candidates stored under "" */
    const struct kb *kb;   /* the knowledge base read once (not finished), or NULL: read kb_dir */
    struct eng_opts eng;   /* set with eng_opts_default, then adjust */
    int dry_run;           /* 1: do not store (statuses stay "proposed") */
    eng_progress_fn progress;
    void *progress_ctx;
};

struct match_result {
    struct candidate *v; /* in engine order: suppliers by best score, then score */
    size_t n;
    double *sup_lat, *sup_lon; /* [n] the supplier's (member's) position */
    struct kb *kb;             /* the knowledge base of the run (released with the result) */
    int32_t *rec_nace;         /* [n] the receiver's NACE in kb (kb_nace_str), -1 none */
    uint8_t *hazardous;        /* [n] the supply is hazardous waste */
    size_t nsites, nflows, ninferred, ngroups;
};

void match_opts_default(struct match_opts *o);
void match_result_release(struct match_result *r);

/* Reads the knowledge base in dir into a finished kb (caller frees). Errors
 * name the file, line and column. SY_EIO, SY_EINPUT, SY_ENOMEM. */
int match_kb_load(const char *dir, struct kb **out, struct err *e);
/* An empty knowledge base whose messages speak the user's language
 * (kb_new, then kb_set_messages with gettext). */
int match_kb_new(struct kb **out, struct err *e);
/* Reads the files of dir into kb (not finished: local rows may follow). */
int match_kb_read(const char *dir, struct kb *kb, struct err *e);

/* Runs matching as described above. SY_ENOTFOUND if the territory does not
 * exist; SY_EIO / SY_EINPUT for the knowledge base; SY_ESTORE; SY_ENOMEM. */
int match_run(struct store *s, const char *kb_dir, const struct match_opts *o,
              struct match_result *r, struct err *e);

/* The regulatory checklist of candidate i of r (checklist.h); items borrow
 * r->kb's strings. */
void match_checklist(const struct match_result *r, size_t i, struct checklist *out);

/* A headcount from a workforce field: "120" -> 120, "10-19" -> 14.5, else -1. */
double match_workforce(const char *s);

#endif
