/*
 * kb_int.h - the knowledge base's private layout, shared by kb.c (interning,
 * resolution, lookups) and kb_load.c (parsing of the data/ files and of the
 * territory's local rows). Nothing outside src/match/kb*.c includes it.
 */
#ifndef SY_KB_INT_H
#define SY_KB_INT_H

#include "match/kb.h"

struct kentry {
    char *str;
    uint32_t hash;
    int32_t parent;
    int32_t tax;        /* taxonomy row, -1 */
    int32_t own_params; /* params row whose prefix is exactly this code, -1 */
    int32_t first_route, first_rroute;
    int32_t prof_off, prof_n; /* own profile rows (NACE) */
    /* resolved */
    int32_t params;
    int32_t rprof_off, rprof_n;
    enum flow_state state;
    int32_t *routes; /* supply routes (codes) or receiver routes (NACE) */
    uint32_t nroutes;
    uint8_t hazardous;
    uint8_t done;
};

struct ktab {
    struct kentry *v;
    size_t n, cap;
    int32_t *slots;
    size_t nslots; /* power of two */
    int nace;      /* NACE namespace: character-wise parents */
};

struct kb {
    struct ktab codes, naces;
    struct kb_taxon *tax;
    size_t ntax, captax;
    struct kb_params *params;
    size_t nparams, capparams;
    struct kb_route *routes;
    size_t nroutes, caproutes;
    int32_t *route_next, *rroute_next;
    struct kb_profile *profiles;
    size_t nprofiles, capprofiles;
    struct kb_legal *legal;
    size_t nlegal, caplegal;
    struct kb_archetype *arch;
    size_t narch, caparch;
    int finished;
    const char *(*tr)(const char *msgid); /* kb_set_messages, NULL: English */
};

/* Grows a vector of elements of size sz (zero-filled). 0 or -1. */
int kb_vgrow(void **v, size_t *cap, size_t n, size_t sz);

#endif
