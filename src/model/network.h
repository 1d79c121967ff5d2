/*
 * network.h - the vocabulary of a facilitators' network: engagement stages,
 * event types, barrier categories, lever results, and the dates they carry.
 * Pure code, no I/O: the importers, the store, the CLI and the reports share
 * these names and checks.
 *
 * Every parser trims blanks, ignores ASCII case and accepts the French word
 * as well as the English one; 0 or SY_EINPUT (output untouched on error).
 * The _name functions return the stored English word (static).
 */
#ifndef SY_MODEL_NETWORK_H
#define SY_MODEL_NETWORK_H

#include <stddef.h>

/* The engagement pipeline, in order; DECLINED ends it from any stage. */
enum eng_stage {
    STAGE_IDENTIFIED,
    STAGE_CONTACTED,
    STAGE_MET,
    STAGE_COMMITTED,
    STAGE_DATA_SHARED,
    STAGE_IN_SYNERGY,
    STAGE_DECLINED,
    STAGE_COUNT
};

enum event_type { EVENT_WORKSHOP, EVENT_SEMINAR, EVENT_SITE_VISIT, EVENT_MEETING, EVENT_COUNT };

enum barrier_cat {
    BCAT_TIME,       /* time and resources */
    BCAT_TRUST,      /* confidentiality and trust */
    BCAT_DATA,       /* data */
    BCAT_REGULATION, /* waste status, by-product, end of waste, classified installations */
    BCAT_ECONOMICS,
    BCAT_LOGISTICS,
    BCAT_GOVERNANCE,
    BCAT_TECHNICAL,
    BCAT_COUNT
};

enum lever_result { RESULT_WORKED, RESULT_PARTLY, RESULT_DID_NOT, RESULT_COUNT };

int net_stage_parse(const char *s, enum eng_stage *out);
const char *net_stage_name(enum eng_stage st); /* "identified" ... "data_shared" ... */
int net_event_type_parse(const char *s, enum event_type *out);
const char *net_event_type_name(enum event_type t); /* "workshop", "seminar", "site_visit", ... */
int net_barrier_cat_parse(const char *s, enum barrier_cat *out);
const char *net_barrier_cat_name(enum barrier_cat c); /* "time", "trust", "data", ... */
int net_result_parse(const char *s, enum lever_result *out);
const char *net_result_name(enum lever_result r); /* "worked", "partly", "did_not" */
/* Weight of a result when ranking levers: worked 2, partly 1, did not 0. */
int net_result_weight(enum lever_result r);

/* A calendar date "YYYY-MM-DD" (1900-2199, real day of month). Returns 1 if valid. */
int net_date_valid(const char *s);
/* Days since 1970-01-01 of a valid date (the first 10 characters of s); -1 if invalid. */
long net_date_days(const char *s);
/* Writes the date of day number d (days since 1970-01-01) as "YYYY-MM-DD". */
void net_date_format(long d, char *out, size_t n);

/* A stable, non-reversible-by-eye tag for an identifier that must not be
 * shown (a non-diffusible SIRET): 16 lowercase hex digits of FNV-1a 64. */
void net_mask_id(const char *id, char *out, size_t n);

#endif
