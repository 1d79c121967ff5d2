/*
 * candidate.c - names of candidate kinds and statuses.
 */
#include "model/candidate.h"
#include "util/err.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const char *const kind_names[] = {"substitution", "mutualisation", "prospective"};
static const char *const status_names[] = {"proposed", "accepted", "rejected"};

const char *candidate_kind_name(enum cand_kind k)
{
    return (unsigned)k < 3 ? kind_names[k] : "?";
}

int candidate_kind_parse(const char *s, enum cand_kind *k)
{
    for (int i = 0; i < 3; i++) {
        if (strcmp(s, kind_names[i]) == 0) {
            *k = (enum cand_kind)i;
            return SY_OK;
        }
    }
    return SY_EINPUT;
}

const char *candidate_status_name(enum cand_status s)
{
    return (unsigned)s < 3 ? status_names[s] : "?";
}

int candidate_status_parse(const char *s, enum cand_status *st)
{
    for (int i = 0; i < 3; i++) {
        if (strcmp(s, status_names[i]) == 0) {
            *st = (enum cand_status)i;
            return SY_OK;
        }
    }
    return SY_EINPUT;
}

void cand_short_key(const char *key, char *out)
{
    uint32_t h = 2166136261u;

    for (const unsigned char *p = (const unsigned char *)key; *p; p++) {
        h ^= *p;
        h *= 16777619u;
    }
    snprintf(out, CAND_SHORT_LEN + 1, "%08x", (unsigned)h);
}
