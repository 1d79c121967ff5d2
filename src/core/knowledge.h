/*
 * knowledge.h - the project's knowledge, loaded once per process: the
 * matching knowledge base (taxonomy, resource parameters, routes, sector
 * profiles), the impact factors and the route -> demand map the plan needs.
 *
 * The CLI loads it once per command and the HTTP server once at start; runs
 * then share it read-only (const struct knowledge *) from any thread. A
 * matching run interns its flows' codes into a copy of the knowledge base of
 * its own (knowledge_kb_copy), so the shared one never changes.
 */
#ifndef SY_KNOWLEDGE_H
#define SY_KNOWLEDGE_H

#include <stddef.h>

#include "match/kb.h"
#include "optim/impact.h"
#include "util/err.h"
#include "util/strmap.h"

enum knowledge_parts {
    KNOW_MATCH = 1 << 0, /* the four files of kb_file_name: needed by match */
    KNOW_PLAN = 1 << 1,  /* factors/ (+ the overrides of factors_dir) and routes.csv's demands */
    KNOW_ALL = 3
};

struct knowledge {
    char dir[4096];
    unsigned parts;                /* what was loaded */
    struct kb *kb;                 /* finished; NULL without KNOW_MATCH */
    struct impact_factors factors; /* empty without KNOW_PLAN */
    char (*route_demand)[SY_CODE_MAX];
    size_t nroutes;
    struct strmap route_ix; /* route id -> index in route_demand */
};

/* Loads the parts asked for from kb_dir, then the factor files found in
 * factors_dir (NULL = none) over data/factors. Errors name the file, line
 * and column: SY_EIO (a folder or file missing), SY_EINPUT, SY_ENOMEM. */
int knowledge_load(const char *kb_dir, const char *factors_dir, unsigned parts,
                   struct knowledge **out, struct err *e);
void knowledge_free(struct knowledge *k);

/* A copy of the knowledge base that one run may intern codes into (kb_free
 * it). SY_EUSAGE when the matching part was not loaded, SY_ENOMEM. */
int knowledge_kb_copy(const struct knowledge *k, struct kb **out, struct err *e);

/* The demand code a route substitutes (routes.csv), or NULL. Borrowed. */
const char *knowledge_route_demand(const struct knowledge *k, const char *route_id);

/* Reads the knowledge base in dir into a finished kb (caller frees). Errors
 * name the file, line and column. SY_EIO, SY_EINPUT, SY_ENOMEM. */
int match_kb_load(const char *dir, struct kb **out, struct err *e);

/* Reads <kb_dir>/factors/{transport,disposal,virgin}.csv, then the files of
 * factors_dir (if any) over them. SY_EIO when a base file or factors_dir
 * cannot be read, SY_EINPUT with file:line:column for a bad row. */
int plan_load_factors(const char *kb_dir, const char *factors_dir, struct impact_factors *f,
                      struct err *e);

#endif
