/*
 * plan.h - a stored plan and its lines: which supply goes to which receiver,
 * and what it achieves in tonnes, CO2e and euros (optim/impact, core/plan_run).
 */
#ifndef SY_PLAN_H
#define SY_PLAN_H

#include <stddef.h>

#include "model/model.h"

/* What a line of a plan's output is: a synergy of the allocation (every
 * stored line), a candidate of the ledger (alternatives, no total), a
 * declared supply with no outlet, or the plan's total. */
enum plan_line_kind {
    PLAN_LINE_SYNERGY,
    PLAN_LINE_CANDIDATE,
    PLAN_LINE_NO_OUTLET,
    PLAN_LINE_TOTAL
};

struct plan_line {
    enum plan_line_kind kind;
    char candidate_key[256];
    char supplier_id[SY_ID_MAX];
    char receiver_id[SY_ID_MAX];
    char resource_code[SY_CODE_MAX];
    double quantity; /* allocated, canonical unit per year */
    enum canon_unit unit;
    double distance_km;
    double tonnes;                                     /* diverted from disposal */
    double co2e_kg;                                    /* avoided, net of transport */
    double euros;                                      /* saved */
    char sources[SY_TEXT_MAX];                         /* factors used, their source and version */
    char quality[16];                                  /* declared | estimated */
    double gross_co2e_kg, gross_euros;                 /* before price paid, investment, opex */
    double co2e_low, co2e_high, euros_low, euros_high; /* range around co2e_kg, euros */
    char status[16];         /* new | running (its supply's fate: an exchange that
                              * already runs) | existing (a synergy at stage
                              * running) | no-outlet */
    char flags[SY_NAME_MAX]; /* plausibility: "" or why the line is outside its bounds */
};

struct plan {
    long id; /* set by store_plan_put */
    char territory[SY_ID_MAX];
    char objective[16];                           /* euros | co2e | tonnes */
    char created[32];                             /* ISO 8601 UTC */
    double tonnes, co2e_kg, euros, untreated_qty; /* new savings: lines with status new */
    double co2e_low, co2e_high, euros_low, euros_high;
    double running_tonnes, running_co2e_kg, running_euros; /* exchanges that already run */
    struct plan_line *lines;
    size_t n;
    struct plan_line *idle; /* declared supplies with no outlet (not stored) */
    size_t nidle;
};

#endif
