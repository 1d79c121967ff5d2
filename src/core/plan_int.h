/*
 * plan_int.h - what plan_run.c reads besides candidates and flows, loaded by
 * plan_data.c: the route table (demand code, minimum temperature), the
 * territory's actors (NACE class, workforce) and the demand rows of the
 * sector profiles (a receiver matched by its activity gets its capacity from
 * them). Private to src/core/.
 */
#ifndef SY_PLAN_INT_H
#define SY_PLAN_INT_H

#include "model/model.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/strmap.h"

struct proute {
    char demand[SY_CODE_MAX];
    double min_temp_c; /* NAN if none */
};

struct pactor {
    char nace[16];    /* NACE class "20.14", or "" */
    double workforce; /* < 0 unknown */
};

struct pprofile {
    char nace[16];
    char code[SY_CODE_MAX];
    double intensity; /* per employee a year */
    enum canon_unit unit;
};

struct plan_data {
    struct proute *routes;
    size_t nroutes;
    struct strmap route_ix; /* route id -> index */
    struct pactor *actors;
    size_t nactors;
    struct strmap actor_ix;    /* actor id -> index */
    struct pprofile *profiles; /* demand rows with an intensity */
    size_t nprofiles;
};

/* Reads a whole file into b. missing_ok: returns 1 when the file does not exist. */
int plan_read_all(const char *path, struct buf *b, int missing_ok, struct err *e);

/* Loads routes.csv and sector_profiles.csv of kb_dir (absent: none) and the
 * actors of territory (NULL: all) into d (initialised here). */
int plan_data_load(struct plan_data *d, struct store *s, const char *kb_dir, const char *territory,
                   struct err *e);
void plan_data_release(struct plan_data *d);

/* Capacity a receiver of actor index a can take of code (or a related code)
 * in unit a year from its sector profile and workforce; -1 if unknown. */
double plan_profile_capacity(const struct plan_data *d, long a, const char *code,
                             enum canon_unit unit);

#endif
