/*
 * plan.h - a stored plan and its lines: which supply goes to which receiver,
 * and what it achieves in tonnes, CO2e and euros (optim/impact, core/plan_run).
 */
#ifndef SY_PLAN_H
#define SY_PLAN_H

#include <stddef.h>

#include "model/model.h"

struct plan_line {
    char candidate_key[256];
    char supplier_id[SY_ID_MAX];
    char receiver_id[SY_ID_MAX];
    char resource_code[SY_CODE_MAX];
    double quantity; /* allocated, canonical unit per year */
    enum canon_unit unit;
    double distance_km;
    double tonnes;             /* diverted from disposal */
    double co2e_kg;            /* avoided, net of transport */
    double euros;              /* saved */
    char sources[SY_TEXT_MAX]; /* factors used, their source and version */
    char quality[16];          /* declared | estimated */
};

struct plan {
    long id; /* set by store_plan_put */
    char territory[SY_ID_MAX];
    char objective[16]; /* euros | co2e | tonnes */
    char created[32];   /* ISO 8601 UTC */
    double tonnes, co2e_kg, euros, untreated_qty;
    struct plan_line *lines;
    size_t n;
};

#endif
