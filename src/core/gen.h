/*
 * gen.h - a synthetic national territory for benchmarks: establishments
 * clustered around towns as the population is, with a NACE mix like the
 * French economy's, a skewed workforce and flows drawn from the sector
 * profiles of the knowledge base.
 *
 * The generation fills the engine's compact arrays (struct eng_site, struct
 * eng_flow) directly, so a benchmark can skip CSV; gen_write_actors and
 * gen_write_flows write the same territory in the import formats
 * (docs/formats.md). Everything is a function of the seed: the generator has
 * its own PRNG (xoshiro256** seeded by splitmix64) and never calls rand().
 * Method and figures: docs/scale.md.
 */
#ifndef SY_GEN_H
#define SY_GEN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "match/engine.h"
#include "match/kb.h"
#include "util/err.h"

/* Metropolitan France's extent: every establishment lies in this box. */
#define GEN_LAT_MIN 42.3
#define GEN_LAT_MAX 51.1
#define GEN_LON_MIN (-4.8)
#define GEN_LON_MAX 8.2

#define GEN_ID_LEN 16 /* bytes per site id in gen_world.ids, NUL included */

/* ---- the PRNG: xoshiro256**, seeded with splitmix64 ---- */

struct gen_rng {
    uint64_t s[4];
};

void gen_rng_seed(struct gen_rng *r, uint64_t seed);
uint64_t gen_rng_next(struct gen_rng *r);
/* A uniform double in [0, 1). */
double gen_rng_unif(struct gen_rng *r);
/* A standard normal deviate (Box-Muller). */
double gen_rng_normal(struct gen_rng *r);

/* 1 if (lat, lon) lies in our coarse hand-made polygon of mainland France. */
int gen_in_france(double lat, double lon);

/* ---- the NACE mix (data/gen/nace_mix.csv) ---- */

struct gen_mix_row {
    char division[3];      /* "20" */
    double share;          /* normalised: the shares sum to 1 */
    char default_class[8]; /* "20.59": used when no profiled class is in the division */
};

struct gen_mix {
    struct gen_mix_row *v;
    size_t n;
};

/* Parses nace_mix.csv from data[0..len) (borrowed for the call): columns
 * nace_division, share, default_class (by header name, any order; others
 * ignored). Shares are normalised. Messages are "NAME:LINE:COL: what; what to
 * do". out is owned by the caller: gen_mix_release. SY_EINPUT, SY_ENOMEM. */
int gen_mix_parse(struct gen_mix *out, const char *name, const char *data, size_t len,
                  struct err *e);
void gen_mix_release(struct gen_mix *m);

/* Marks the hazardous entries of a List of Waste file (columns code and
 * hazardous, "1" = hazardous; the reference data's list_of_waste.csv) that
 * are interned in kb, so that generated flows carry the flag the import would
 * give them. data is borrowed for the call. SY_EINPUT, SY_ENOMEM. */
int gen_kb_hazards(struct kb *kb, const char *name, const char *data, size_t len, struct err *e);

/* ---- the generation ---- */

struct gen_opts {
    size_t nsites; /* establishments, >= 1 */
    uint64_t seed;
    size_t ntowns;         /* 35000 */
    double flows_per_site; /* target mean number of flows, 3 (capped by the profiles) */
    double present_share;  /* probability of a "present" row relative to a quantified one, 0.5 */
};

void gen_opts_default(struct gen_opts *o);

struct gen_town {
    double lat, lon;
    double pop;      /* rank-size law: pop(rank) = 2.2e6 / rank */
    double sigma_km; /* spread of its establishments, 2 to 5 km */
};

struct gen_world {
    struct eng_site *sites; /* ids point into ids; names NULL */
    size_t nsites;
    struct eng_flow *flows; /* declared flows (inferred = 0), grouped by site */
    size_t nflows;
    char *ids;           /* nsites * GEN_ID_LEN: "E00000001" */
    uint32_t *site_town; /* [nsites] town of each site */
    struct gen_town *towns;
    size_t ntowns;
    double p_row; /* the probability used for a quantified profile row */
};

/* Generates a territory. kb must be finished; default classes of the mix
 * are interned into it (kb_nace_intern), which is why it is not const. out
 * is owned by the caller: gen_world_release. progress may be NULL.
 * SY_EUSAGE (bad options, a mix row whose default class does not fit),
 * SY_ENOMEM. */
int gen_world(struct kb *kb, const struct gen_mix *mix, const struct gen_opts *o,
              eng_progress_fn progress, void *pctx, struct gen_world *out, struct err *e);
void gen_world_release(struct gen_world *w);

/* Writes the actors in the import format: id,name,siret,naf,kind,territory,
 * address,commune,lat,lon,workforce (siret, territory and commune empty).
 * f is borrowed. SY_EIO. */
int gen_write_actors(const struct gen_world *w, const struct kb *kb, FILE *f, struct err *e);
/* Writes the flows in the import format, with an id column: id,actor_id,
 * direction,code,description,quantity,unit,period,state,confidentiality.
 * A "present" row (quantity unknown in memory) is written as 1 count, since
 * the import requires a quantity. SY_EIO. */
int gen_write_flows(const struct gen_world *w, const struct kb *kb, FILE *f, struct err *e);

#endif
