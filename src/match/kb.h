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

enum kb_file {
    KB_TAXONOMY,
    KB_PARAMS,
    KB_ROUTES,
    KB_PROFILES,
    KB_LEGAL,      /* legal.csv: the regulatory path of exchanges (checklist.h) */
    KB_ARCHETYPES, /* archetypes.csv: plant types within a NACE class */
    KB_NFILES
};

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
    double base_strength; /* as written; strength may carry the territory's penalty */
    int nrejected;        /* technical rejections in the territory (kb_route_penalise) */
    uint8_t local;        /* added or overridden by the territory's local knowledge */
};

struct kb_profile {
    int32_t nace; /* interned NACE code */
    enum flow_dir dir;
    int32_t code;
    double intensity; /* per employee per year in unit, or -1 = "present" */
    enum canon_unit unit;
    int hazardous; /* the code had an asterisk */
    char reference[SY_NAME_MAX];
    uint8_t local; /* added or overridden by the territory's local knowledge */
};

/* A row of legal.csv: one thing a party must verify or file. scope says when
 * it applies: to one route (key = route id), to a supply code or prefix, to a
 * receiver NACE prefix, to any waste (a List of Waste code), to hazardous
 * waste, to a resource that is not waste (taxonomy code), abroad, or to the
 * route's demand code (the use the receiver makes of it). */
enum kb_legal_scope {
    KB_LEGAL_ROUTE,
    KB_LEGAL_SUPPLY,
    KB_LEGAL_RECEIVER,
    KB_LEGAL_WASTE,
    KB_LEGAL_HAZARDOUS,
    KB_LEGAL_NONWASTE,
    KB_LEGAL_ABROAD,
    KB_LEGAL_DEMAND /* the route's demand code or a prefix of it: the use */
};

struct kb_legal {
    enum kb_legal_scope scope;
    char key[SY_CODE_MAX]; /* route id, code prefix, NACE prefix, or "" */
    char party[16];        /* supplier | receiver | both */
    char topic[16];        /* status | operation | permit | tracking | abp | ... */
    char check_en[SY_NAME_MAX];
    char check_fr[SY_NAME_MAX];
    char act[SY_NAME_MAX]; /* the act and article: "Directive 2008/98/EC art. 5" */
};

/* A row of archetypes.csv: actors of NACE class nace whose field (name,
 * activity = the register's activity label, eprtr = E-PRTR code, or any)
 * contains one of pattern's '|'-separated words (case and accents ignored)
 * are of archetype "nace:archetype", a NACE code of its own whose parent is
 * the class: its profile rows replace the class's, routes to the class still
 * apply. */
struct kb_archetype {
    char nace[16];
    char archetype[32];
    char field[16];
    char pattern[SY_NAME_MAX];
    char label_en[SY_NAME_MAX];
    char reference[SY_NAME_MAX];
};

struct kb;

/* The file name of each part in a knowledge-base folder ("taxonomy.csv"). */
const char *kb_file_name(enum kb_file f);

/* 1 for the files a knowledge-base folder may lack (legal, archetypes). */
int kb_file_optional(enum kb_file f);

/* SY_ENOMEM. */
int kb_new(struct kb **out, struct err *e);
void kb_free(struct kb *kb);
/* A deep copy of src (finished or not) that a run may intern its own codes
 * into while src stays untouched and shared. SY_ENOMEM. */
int kb_clone(const struct kb *src, struct kb **out, struct err *e);
/* The messages of kb_load and kb_load_local (English msgids, marked N_()) go
 * through tr, the caller's translation (gettext), when set: the knowledge
 * base translates nothing itself. Kept by kb_clone. */
void kb_set_messages(struct kb *kb, const char *(*tr)(const char *msgid));

/* Parses one file of the knowledge base from data[0..len) (borrowed for the
 * call only). name is used in messages, which are located: "NAME:LINE:COL:
 * what; what to do". Columns are found by header name, in any order. Loads
 * must happen before kb_finish and routes/profiles may refer to codes missing
 * from the taxonomy (List of Waste codes). SY_EINPUT, SY_ENOMEM, SY_EUSAGE. */
int kb_load(struct kb *kb, enum kb_file which, const char *name, const char *data, size_t len,
            struct err *e);
/* Lays a territory's local rows (routes or profiles, same columns as the
 * shipped files) over what is loaded: a route with an existing id replaces
 * it, a profile row with the same NACE, direction and code replaces it, other
 * rows are added; all are marked local. Before kb_finish. SY_EINPUT, SY_ENOMEM,
 * SY_EUSAGE. */
int kb_load_local(struct kb *kb, enum kb_file which, const char *name, const char *data, size_t len,
                  struct err *e);
/* Computes the per-code lookups. SY_ENOMEM. */
int kb_finish(struct kb *kb, struct err *e);
/* 1 once kb_finish has run. */
int kb_finished(const struct kb *kb);

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
/* The index of the route with this id, or -1. */
long kb_route_find(const struct kb *kb, const char *id);
/* Route i ranks lower: strength = base_strength x factor, nrejected = n. */
void kb_route_penalise(struct kb *kb, size_t i, int n, double factor);
size_t kb_nlegal(const struct kb *kb);
const struct kb_legal *kb_legal(const struct kb *kb, size_t i);
size_t kb_narchetypes(const struct kb *kb);
const struct kb_archetype *kb_archetype(const struct kb *kb, size_t i);
/* The NACE code matching uses for an actor of class nace ("35.11"): its
 * archetype "35.11:coal" when the facilitator chose one (choice: "coal" or
 * "35.11:coal") or, with no choice, when a rule's words occur in the actor's
 * name, its register activity label or its E-PRTR code (each may be NULL);
 * else the class. Writes it to out; returns 1 when an archetype was picked.
 * A choice that names no archetype of the class picks nothing. */
int kb_archetype_pick(const struct kb *kb, const char *nace, const char *choice, const char *name,
                      const char *activity, const char *eprtr, char *out, size_t n);
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
