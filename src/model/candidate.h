/*
 * candidate.h - a synergy candidate as the store keeps it and as commands print it.
 *
 * The engine (src/match/) works on compact internal arrays and materialises
 * these records only for output and storage. A candidate's key is stable
 * across runs so that facilitators' decisions (accepted, rejected with a
 * reason) survive a re-run; its fingerprint hashes the data it was computed
 * from, so a rejected candidate comes back only when that data changed.
 */
#ifndef SY_CANDIDATE_H
#define SY_CANDIDATE_H

#include "model/model.h"

enum cand_kind { CAND_SUBSTITUTION, CAND_MUTUALISATION, CAND_PROSPECTIVE };
enum cand_status { CAND_PROPOSED, CAND_ACCEPTED, CAND_REJECTED };

struct candidate {
    char key[256]; /* stable identity, e.g. "S|sup|rec|code|rule" */
    enum cand_kind kind;
    char territory[SY_ID_MAX];   /* the territory the run was for, "" = all */
    char group_id[SY_ID_MAX];    /* mutualisation group, else "" */
    char supplier_id[SY_ID_MAX]; /* mutualisation: the member */
    char supplier_name[SY_NAME_MAX];
    char receiver_id[SY_ID_MAX]; /* mutualisation: "" */
    char receiver_name[SY_NAME_MAX];
    char resource_code[SY_CODE_MAX];
    char resource_label[SY_NAME_MAX];
    double distance_km; /* road distance (haversine x detour); group: to centroid */
    double quantity;    /* matched quantity per year, canonical unit */
    enum canon_unit unit;
    double score;         /* in [0,1], see docs/matching.md */
    char basis[32];       /* declared | inferred-supplier | inferred-receiver | inferred-both */
    char rule[SY_ID_MAX]; /* route id, "identity", or "pool" */
    double lat, lon;      /* mutualisation: group centroid; else receiver position */
    char explanation[SY_TEXT_MAX];
    char fingerprint[24]; /* hex hash of the inputs */
    enum cand_status status;
    char reason[SY_NAME_MAX]; /* why it was rejected */
    char first_seen[16];      /* YYYY-MM-DD of the run that first detected it; "" unknown */
};

const char *candidate_kind_name(enum cand_kind k); /* "substitution" ... */
int candidate_kind_parse(const char *s, enum cand_kind *k);
const char *candidate_status_name(enum cand_status s); /* "proposed" ... */
int candidate_status_parse(const char *s, enum cand_status *st);

/* A candidate's short key: the first 8 hexadecimal digits of a 32-bit FNV-1a
 * hash of its full key, which needs no quoting in a shell (core/readback.h
 * finds a candidate by it). Into out, at least CAND_SHORT_LEN + 1 bytes. */
#define CAND_SHORT_LEN 8
void cand_short_key(const char *key, char *out);

#endif
