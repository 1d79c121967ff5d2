/*
 * kb.h - the matching knowledge base: the project's own data/ files (taxonomy,
 * resource parameters, exchange routes, sector profiles), parsed from memory
 * (the caller reads the files: kb stays free of I/O), with codes interned to
 * small integers and the prefix lookups the engine needs precomputed per code.
 *
 * Code prefixes follow the code's hierarchy: a List of Waste code "10 01 05"
 * has ancestors "10 01" and "10"; a taxonomy code "energy.heat.lt" has
 * "energy.heat" and "energy". NACE codes form their own namespace ("23.62" has
 * ancestors "23.6" and "23"). Interning a code interns its ancestors.
 *
 * Lifecycle: kb_new, then kb_load for each file, then kb_finish; afterwards
 * kb_intern may still add codes (the flows' codes) and their lookups are
 * computed at once. Lookups return borrowed pointers valid until kb_free.
 * Not thread-safe while interning; read-only use is.
 */
#ifndef SY_KB_H
#define SY_KB_H

#include <stddef.h>
#include <stdint.h>

#include "model/model.h"
#include "util/err.h"

enum kb_file { KB_TAXONOMY, KB_PARAMS, KB_ROUTES, KB_PROFILES, KB_NFILES };

struct kb_taxon {
    int32_t code;
    char label_en[SY_NAME_MAX];
    char label_fr[SY_NAME_MAX];
    char unit[16];
    enum flow_state state;
    char reference[SY_NAME_MAX];
};

struct kb_params {
    int32_t prefix; /* interned code */
    double max_distance_km;
    double min_lot; /* 0 = none */
    enum canon_unit min_lot_unit;
    double min_lot_mult; /* min_lot * mult is in min_lot_unit's canonical unit */
    char label[SY_NAME_MAX];
    char reference[SY_NAME_MAX];
};

struct kb_route {
    char id[SY_ID_MAX];
    int32_t supply;        /* interned code (prefix) */
    int32_t demand;        /* interned code, -1 if empty */
    int32_t receiver_nace; /* interned NACE prefix, -1 if empty */
    double strength;       /* (0, 1] */
    double min_temp_c;
    int has_min_temp;
    enum flow_state state; /* required physical state of the supply, or STATE_NONE */
    char purity[SY_NAME_MAX];
    char permit[SY_NAME_MAX];
    char label_en[SY_NAME_MAX];
    char label_fr[SY_NAME_MAX];
    char reference[SY_NAME_MAX];
};

struct kb_profile {
    int32_t nace; /* interned NACE code */
    enum flow_dir dir;
    int32_t code;
    double intensity; /* per employee per year in unit, or -1 = "present" */
    enum canon_unit unit;
    int hazardous; /* the code had an asterisk */
    char reference[SY_NAME_MAX];
};

struct kb;

/* The file name of each part in a knowledge-base folder ("taxonomy.csv"). */
const char *kb_file_name(enum kb_file f);

/* SY_ENOMEM. */
int kb_new(struct kb **out, struct err *e);
void kb_free(struct kb *kb);
/* A deep copy of src (finished or not) that a run may intern its own codes
 * into while src stays untouched and shared. SY_ENOMEM. */
int kb_clone(const struct kb *src, struct kb **out, struct err *e);

/* Parses one file of the knowledge base from data[0..len) (borrowed for the
 * call only). name is used in messages, which are located: "NAME:LINE:COL:
 * what; what to do". Columns are found by header name, in any order. Loads
 * must happen before kb_finish and routes/profiles may refer to codes missing
 * from the taxonomy (List of Waste codes). SY_EINPUT, SY_ENOMEM, SY_EUSAGE. */
int kb_load(struct kb *kb, enum kb_file which, const char *name, const char *data, size_t len,
            struct err *e);
/* Computes the per-code lookups. SY_ENOMEM. */
int kb_finish(struct kb *kb, struct err *e);

/* Interns a code (and its ancestors); returns its id >= 0, or -1 when out of
 * memory or the code is empty or longer than SY_CODE_MAX - 1. */
int32_t kb_intern(struct kb *kb, const char *code);
/* The id of a code already interned, or -1. */
int32_t kb_code_find(const struct kb *kb, const char *code);
size_t kb_ncodes(const struct kb *kb);
const char *kb_code_str(const struct kb *kb, int32_t code);
/* The parent code, or -1 at the top. */
int32_t kb_code_parent(const struct kb *kb, int32_t code);
/* 1 if anc == code or anc is an ancestor of code. */
int kb_code_under(const struct kb *kb, int32_t anc, int32_t code);

/* Resource parameters by longest prefix, or NULL. */
const struct kb_params *kb_params_for(const struct kb *kb, int32_t code);
/* Taxonomy entry of the code itself, or NULL. */
const struct kb_taxon *kb_taxon(const struct kb *kb, int32_t code);
/* A label: the taxonomy's label_en, else the resource parameters' label of the
 * longest prefix, else "". Borrowed. */
const char *kb_label(const struct kb *kb, int32_t code);
/* Physical state of the code from the taxonomy (nearest ancestor with one). */
enum flow_state kb_code_state(const struct kb *kb, int32_t code);
/* Hazard flag of a code (set from profiles with an asterisk or by the caller
 * from the List of Waste). */
int kb_code_hazardous(const struct kb *kb, int32_t code);
void kb_set_hazardous(struct kb *kb, int32_t code, int hazardous);

size_t kb_nroutes(const struct kb *kb);
const struct kb_route *kb_route(const struct kb *kb, size_t i);
/* The routes whose supply is the code or one of its ancestors, deepest first;
 * of two routes with the same demand and receiver NACE only the deeper one
 * is kept. *out is borrowed. Returns the count. */
size_t kb_routes_for(const struct kb *kb, int32_t code, const int32_t **out);

/* NACE codes: "23.62" or a prefix "23.6", "23". Same conventions as codes. */
int32_t kb_nace_intern(struct kb *kb, const char *nace);
int32_t kb_nace_find(const struct kb *kb, const char *nace);
const char *kb_nace_str(const struct kb *kb, int32_t nace);
size_t kb_nnaces(const struct kb *kb);
/* 1 if the NACE code nace starts with prefix (both interned). */
int kb_nace_under(const struct kb *kb, int32_t prefix, int32_t nace);
/* The sector profile rows of the longest prefix of nace that has any; *out is
 * borrowed. Returns the count. */
size_t kb_profiles_for(const struct kb *kb, int32_t nace, const struct kb_profile **out);
/* The routes with a receiver NACE that is nace or one of its prefixes. */
size_t kb_nace_routes(const struct kb *kb, int32_t nace, const int32_t **out);

#endif
