/*
 * engine.h - synergy detection in memory: substitution, mutualisation and
 * prospective candidates between sites, scored and explained.
 *
 * The engine works on compact arrays the caller fills (struct eng_site, struct
 * eng_flow: no strings but borrowed ids and names), with codes interned in a
 * struct kb (kb_intern, kb_nace_intern) before the run. It never touches the
 * store or files. It infers flows from sector profiles (appended after the
 * input flows in the result), joins supplies with demands through per-code
 * k-d trees or uniform grids (eng_opts.index; nearest receivers first, no
 * O(n^2)), groups common needs on per-code uniform grids, keeps the best
 * max_per_supplier candidates of each supplying site, and orders them
 * deterministically (eng_result.order): suppliers by their best score, then
 * candidates by score. Materialising a struct candidate (key, explanation,
 * fingerprint) is a separate step so that a caller can keep only the few it
 * needs. Scoring is documented in docs/matching.md.
 *
 * engine_run builds its indexes and runs detection on up to one thread per
 * online processor (at most 8, or eng_opts.threads); mutualisation runs beside
 * detection on as many more, or after it when the cap is 1. The result does not depend on their
 * number or timing. Callbacks (progress) are only ever called from the calling thread.
 */
#ifndef SY_ENGINE_H
#define SY_ENGINE_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "match/kb.h"
#include "model/candidate.h"
#include "util/err.h"

#define ENG_NONE UINT32_MAX

struct eng_site {
    const char *id;   /* borrowed, stable ids make stable keys */
    const char *name; /* borrowed, may be NULL */
    double lat, lon;  /* WGS84; NAN (or invalid) when unknown: never matched */
    int32_t nace;     /* kb_nace_intern of the NACE class ("20.14"), -1 unknown */
    float workforce;  /* headcount, < 0 unknown */
    uint8_t licensed_hazardous;
};

struct eng_flow {
    uint32_t site;     /* index in the sites array */
    int32_t code;      /* kb_intern of the normalised code */
    double qty_year;   /* canonical unit per year; < 0 unknown */
    float temp_c;      /* valid when has_temp */
    uint16_t months;   /* availability bit mask, MONTHS_ALL = all year; 0 = all year */
    uint8_t dir;       /* enum flow_dir */
    uint8_t unit;      /* enum canon_unit of qty_year */
    uint8_t state;     /* enum flow_state; STATE_NONE: the taxonomy's, if any */
    uint8_t hazardous; /* List of Waste asterisk */
    uint8_t has_temp;
    uint8_t inferred; /* 0 declared; set by the engine: 1 with a quantity, 2 "present" */
};

/* The spatial index substitution and prospective detection search, one per
 * demand code and per receiver activity: k-d trees (the default, faster on
 * this question: docs/matching.md) or uniform grids. Both give the nearest
 * receivers; distances differ by less than a metre (chord or haversine). */
enum eng_index { ENG_INDEX_KDTREE = 0, ENG_INDEX_GRID = 1 };

enum eng_kinds {
    ENG_SUBSTITUTION = 1 << CAND_SUBSTITUTION,
    ENG_MUTUALISATION = 1 << CAND_MUTUALISATION,
    ENG_PROSPECTIVE = 1 << CAND_PROSPECTIVE,
    ENG_ALL = 7
};

/* The templates of the explanations eng_candidate writes (explain.c has
 * their English text, marked N_() for xgettext). The engine does no
 * translation: a caller that speaks another language fills a struct eng_texts
 * once per run with eng_texts_init (a few dozen lookups, none per candidate)
 * and points eng_opts.texts at it; NULL means English. */
enum eng_text {
    ENG_TX_QTY,
    ENG_TX_QTY_UNKNOWN,
    ENG_TX_CONFIRM,
    ENG_TX_CONFIRM_SEP,
    ENG_TX_CONFIRM_END,
    ENG_TX_PURITY,
    ENG_TX_PERMIT,
    ENG_TX_HAZARDOUS,
    ENG_TX_MIN_TEMP,
    ENG_TX_TEMPS,
    ENG_TX_STATE,
    ENG_TX_UNITS,
    ENG_TX_MONTHS,
    ENG_TX_GRADE,
    ENG_TX_SUP_INFERRED,
    ENG_TX_SUP_UNDECLARED,
    ENG_TX_REC_PRESUMED,
    ENG_TX_REC_INFERRED,
    ENG_TX_REC_UNDECLARED,
    ENG_TX_MEMBERS_UNDECLARED,
    ENG_TX_LOCAL_PROFILE,
    ENG_TX_ROUTE,
    ENG_TX_ROUTE_LOCAL,
    ENG_TX_ROUTE_NO_REF,
    ENG_TX_IDENTITY,
    ENG_TX_IDENTITY_CLASS,
    ENG_TX_DECLARED_SUPPLY,
    ENG_TX_INFERRED_SUPPLY,
    ENG_TX_DECLARED_DEMAND,
    ENG_TX_INFERRED_DEMAND,
    ENG_TX_COVERS,
    ENG_TX_BY_ACTIVITY,
    ENG_TX_DISTANCE,
    ENG_TX_RANKED_ONCE,
    ENG_TX_RANKED_TIMES,
    ENG_TX_POOL_SUPPLY,
    ENG_TX_POOL_NEED,
    ENG_TX_POOL_KNOWN,
    ENG_TX_LOT_REACHED,
    ENG_TX_LOT_NOT_REACHED,
    ENG_TX_CENTROID,
    ENG_TX_LEGAL,
    ENG_TX_LEGAL_UNKNOWN,
    ENG_TX_N
};

struct eng_texts {
    const char *t[ENG_TX_N]; /* borrowed: the translated templates, same directives */
    int label_fr;            /* 1: route and resource labels in French where the kb has them */
};

/* The English template of text i (a msgid). */
const char *eng_text_en(enum eng_text i);
/* Fills t with every template passed through tr (English when tr is NULL);
 * tr's results are borrowed for as long as t is used. */
void eng_texts_init(struct eng_texts *t, const char *(*tr)(const char *msgid), int label_fr);

struct eng_opts {
    double detour;            /* road km per straight km, 1.3 */
    double min_coverage;      /* the supplies reaching a demand must cover this share of
                               * it, 0.1 (docs/matching.md: judged on their sum) */
    int coverage_per_pair;    /* 0 (default): a pair with a presumed side stands when all the
                               * supplies reaching its demand cover min_coverage of it;
                               * 1: when its own supply does (no cumulation) */
    double default_max_km;    /* for resources without parameters, 50 */
    double mutual_radius_km;  /* mutualisation radius (straight line), 5 */
    int mutual_min_group;     /* 3 */
    int mutual_max_group;     /* 30 */
    int max_per_supplier;     /* candidates kept per supplying site, 20 */
    int search_budget;        /* per supply flow and target: stop growing the search ring
                               * once this many receivers passed the filters, 16 */
    unsigned kinds;           /* enum eng_kinds, ENG_ALL */
    int infer;                /* infer flows from sector profiles, 1 */
    int index;                /* enum eng_index: how supplies find their receivers */
    int threads;              /* threads per phase (index, detection, mutualisation), 0 = one
                               * per online processor, at most 8; with 1 mutualisation runs
                               * after detection, not beside it: a server caps a run so */
    const atomic_int *cancel; /* non-zero asks the run to stop (SY_ECANCELLED); may be NULL.
                               * Checked between phases and every chunk of work. */
    /* The explanation templates in the run's language, NULL = English (borrowed). */
    const struct eng_texts *texts;
};

/* Things a facilitator must still confirm (eng_cand.flags). */
enum eng_flags {
    ENG_F_PURITY = 1 << 0, /* the route has a purity condition */
    ENG_F_PERMIT = 1 << 1, /* a permit is needed (route or hazardous waste) */
    ENG_F_TEMP = 1 << 2,   /* a temperature is unknown on one side */
    ENG_F_QTY = 1 << 3,    /* a quantity is inferred or unknown */
    ENG_F_UNITS = 1 << 4,  /* quantities are in different units */
    ENG_F_MONTHS = 1 << 5, /* availability overlaps only partly */
    ENG_F_STATE = 1 << 6,  /* physical state not known */
    ENG_F_HIER = 1 << 7    /* codes match by hierarchy, not exactly */
};

/* One candidate, compact (28 bytes). For mutualisation: sup_flow is the
 * member's flow, other is the group index, rec_site is ENG_NONE. Otherwise
 * other is the demand flow, or ENG_NONE when the receiver was matched by NACE. */
struct eng_cand {
    float score;
    float dist_km; /* road km; mutualisation: member to centroid */
    float qty;     /* matched quantity per year, < 0 unknown; group: pooled */
    uint32_t sup_flow;
    uint32_t other;
    uint32_t rec_site;
    int16_t route; /* kb route index; -1 identity; -2 pooling */
    uint8_t kind;  /* enum cand_kind */
    uint8_t flags; /* enum eng_flags */
};

struct eng_group {
    int32_t code;
    uint8_t dir;
    uint8_t unit;
    uint32_t first, n; /* members: eng_result.members[first .. first+n), flow indices */
    double lat, lon;   /* centroid */
    double pooled;     /* sum of known member quantities */
    uint32_t nknown;   /* members with a known quantity */
    double min_lot;    /* from resource parameters, 0 = none */
    double score;
};

struct eng_result {
    struct eng_flow *flows; /* the input flows, then the inferred ones */
    size_t nflows, ninput;
    struct eng_cand *cands; /* in no particular order: see order */
    size_t ncands;
    uint32_t *order; /* [ncands] indices into cands, in output order: suppliers
                      * by their best score, then their candidates by score */
    struct eng_group *groups;
    size_t ngroups;
    uint32_t *members;
    size_t nmembers;
};

/* Progress: called now and then with a phase name and a fraction in [0,1]. */
typedef void (*eng_progress_fn)(void *ctx, const char *phase, double done);

void eng_opts_default(struct eng_opts *o);

/* Runs the detection. sites and flows are borrowed for the call (the sites
 * also by eng_candidate later: ids and names). kb must be finished and hold
 * every code and NACE used. out is filled and owned by the caller: release it
 * with eng_result_release. SY_ENOMEM, SY_EUSAGE (bad options or indices). */
int engine_run(const struct kb *kb, const struct eng_site *sites, size_t nsites,
               const struct eng_flow *flows, size_t nflows, const struct eng_opts *o,
               eng_progress_fn progress, void *pctx, struct eng_result *out, struct err *e);
void eng_result_release(struct eng_result *r);

/* The score formula (docs/matching.md), exposed for tests and documentation. */
double eng_score(double strength, double dist_km, double max_km, double qty_fit, double conf);
/* Quantity fit of a supply s against a demand d (same unit), 0.5 when unknown. */
double eng_qty_fit(double s, double d);

/* Fills out with candidate i of r: ids, names, labels, key, explanation,
 * fingerprint, status CAND_PROPOSED. territory is copied into out->territory
 * (NULL = ""). */
void eng_candidate(const struct kb *kb, const struct eng_site *sites, const struct eng_result *r,
                   size_t i, const struct eng_opts *o, const char *territory,
                   struct candidate *out);

#endif
