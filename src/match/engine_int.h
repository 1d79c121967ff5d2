/*
 * engine_int.h - private state of a matching run, shared by engine.c (the
 * run and the output order), infer.c (flows from sector profiles), detect.c
 * (substitution and prospective), mutual.c (groups) and explain.c (scores,
 * explanations, fingerprints).
 */
#ifndef SY_ENGINE_INT_H
#define SY_ENGINE_INT_H

#include "geo/grid.h"
#include "geo/kdtree.h"
#include "match/engine.h"

/* Confidence of each side (docs/matching.md). */
#define ENG_CONF_DECLARED 1.0
#define ENG_CONF_INFERRED_QTY 0.8
#define ENG_CONF_INFERRED_PRESENT 0.65
#define ENG_CONF_NACE 0.6

enum { ENG_THERMAL_HOT = 1, ENG_THERMAL_COLD = 2 };
#define ENG_UNIT_MIXED 255

/* A demand flow as its tree stores it (tree order), with what the filters
 * read of its site: a hit costs no random access. */
struct eng_rec {
    struct eng_flow f;
    int32_t nace; /* the receiving site's */
    uint8_t lic;  /* site_lic of the receiving site */
};

struct eng_ctx {
    const struct kb *kb;
    const struct eng_site *sites;
    size_t nsites;
    const struct eng_opts *o;
    struct eng_result *res;
    eng_progress_fn progress;
    void *pctx;
    struct err *e;

    double *flat, *flon;  /* [nflows] site position of each flow */
    uint32_t *site_off;   /* [nsites + 1] flows of each site (CSR) */
    uint32_t *site_flows; /* [nflows] */
    uint8_t *site_lic;    /* [nsites] may receive hazardous waste */
    size_t ncodes;
    uint8_t *thermal; /* [ncodes] ENG_THERMAL_* */

    /* Demand flows by code: dem[dem_off[c] .. dem_off[c+1]) and their tree. */
    uint32_t *dem_off, *dem;
    struct kdtree **dtree;
    struct eng_rec **drec; /* [ncodes] payload of each dtree point, in tree order */
    /* The same over the flows of licensed sites only: what a hazardous supply searches. */
    struct kdtree **dtree_lic;
    struct eng_rec **drec_lic;
    uint8_t *dunit;  /* [ncodes] the unit of every known demand quantity of the code,
                      * whose tree is then keyed by quantity; ENG_UNIT_MIXED if not */
    float *dem_conf; /* [ncodes] best confidence among the demands of a code */
    /* Present demand codes under each code (self and descendants), CSR. */
    uint32_t *desc_off, *desc;
    /* Receiver groups: the distinct receiver_nace of the routes (rgroup[route],
     * -1 for none), the sites under each, CSR, and their trees. */
    int32_t *rgroup;
    size_t nrgroups;
    uint32_t *rsite_off, *rsite;
    struct kdtree **rtree;
    struct kdtree **rtree_lic; /* licensed receivers only */
    /* With ENG_INDEX_GRID, grids instead of the four kinds of trees above
     * (ids: flow indices for demands, site indices for receivers). */
    struct grid **dgrid, **dgrid_lic, **rgrid, **rgrid_lic;
    double *slat, *slon; /* [nsites] site positions, what rtree is built on */

    struct eng_cand *cands;
    size_t ncands, capcands;
    /* Detection's candidates are cands[0 .. ndetect), each supplying site's
     * together and sorted: run_n[site] of them from run_off[site] (both NULL
     * when detection did not run). */
    size_t ndetect;
    uint32_t *run_off, *run_n;
    uint32_t *order; /* eng_result.order */
};

/* Cell size hint of the grids of ENG_INDEX_GRID (grid_build may widen it). */
#define ENG_GRID_CELL_KM 2.0

/* Threads a run uses at most: one per online processor, at most ENG_THREADS. */
#define ENG_THREADS 8
unsigned eng_nthreads(const struct eng_opts *o);
/* True once the caller asked the run to stop (eng_opts.cancel). */
int eng_cancelled(const struct eng_ctx *x);

int eng_push(struct eng_ctx *x, const struct eng_cand *c);
int eng_infer(struct eng_ctx *x);
int eng_detect(struct eng_ctx *x);
int eng_mutual(struct eng_ctx *x);
/* 1 if a is ranked before b (higher score, then a total order on indices). */
int eng_better(const struct eng_cand *a, const struct eng_cand *b);
/* Confidence of one flow side. */
double eng_conf_flow(const struct eng_flow *f);
/* The maximum road distance for a resource. */
double eng_max_km(const struct eng_ctx *x, int32_t code);

#endif
