/*
 * communes.h - the shipped communes (data/ref/communes_grand_est.csv: INSEE
 * code, name, postal codes, centre), so that an import can turn a commune
 * name or a postal code typed where the INSEE code belongs into that code,
 * and check an actor's coordinates against its commune.
 *
 * The list covers the communes shipped (Grand Est today): a code or name
 * not in it is not an error by itself, only not resolved.
 */
#ifndef SY_COMMUNES_H
#define SY_COMMUNES_H

#include <stddef.h>

#include "util/err.h"

struct refcommune {
    char insee[8];
    char name[96];
    char postcodes[64]; /* "67000|67100|67200" */
    double lat, lon;    /* centre */
};

struct refcommunes;

/* Loads the communes file at path; SY_EIO if it cannot be read (callers may
 * go on without it), SY_EINPUT if its header lacks the columns. */
int refcommunes_load(struct refcommunes **out, const char *path, struct err *e);
void refcommunes_free(struct refcommunes *c);

/* The commune of an INSEE code, or NULL. */
const struct refcommune *refcommunes_by_code(const struct refcommunes *c, const char *insee);
/* The communes whose name (case, accents, hyphens and "Saint"/"St" ignored)
 * or postal code is s: up to max into out; returns how many match in all. */
size_t refcommunes_find(const struct refcommunes *c, const char *s, const struct refcommune **out,
                        size_t max);

#endif
