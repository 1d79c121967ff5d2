/*
 * followup.h - whom a facilitator should call or visit next in a territory,
 * for `symbiose followup` and the web page: actors with no contact for N
 * days, next actions past their due date, and the actors not met yet ranked
 * by the potential of their candidates (tonnes, CO2e and euros from the
 * impact ledger of src/optim/impact.h, through plan_run), with the reason in
 * words. Also the network indicators that the reports reuse.
 */
#ifndef SY_FOLLOWUP_H
#define SY_FOLLOWUP_H

#include "store/store_network.h"

enum followup_section { FU_NO_CONTACT, FU_OVERDUE, FU_VISIT_FIRST };

struct followup_item {
    enum followup_section section;
    struct pipeline_row row;
    long days;      /* since the last contact (FU_NO_CONTACT), past due (FU_OVERDUE) */
    double qty;     /* FU_VISIT_FIRST: its best candidate's quantity per year */
    char unit[8];   /* of qty */
    double tonnes;  /* FU_VISIT_FIRST: of its best candidate, per year */
    double co2e_kg; /* idem */
    double euros;   /* idem */
    int estimated;  /* a quantity or factor is estimated */
    char candidate_key[256];
    /* FU_VISIT_FIRST, the parts of the reason, so that a page can word it in
     * its own language: the actor supplies (1) or takes (0) resource (a label,
     * else the code) from or to partner ("" when no receiver is named) */
    int supplies;
    char resource[SY_NAME_MAX];
    char partner[SY_NAME_MAX];
    double distance_km;
    char reason[SY_TEXT_MAX]; /* in words, in the process's language */
};

struct followup_opts {
    const char *territory; /* required */
    const char *today;     /* YYYY-MM-DD */
    int days;              /* no contact for more than this many days; default 90 */
    size_t limit;          /* at most this many actors to visit first; default 10 */
    const char *kb_dir;    /* for the impact factors */
};

struct followup {
    struct followup_item *v;
    size_t n, cap;
    int no_candidates; /* the territory has no candidates yet: run `symbiose match` */
};

void followup_release(struct followup *f);
/* Fills f: the no-contact section by days since contact (longest first), the
 * overdue section by due date, the visit-first section by CO2e avoided, then
 * euros. SY_ENOTFOUND for an unknown territory; store and factor errors. */
int followup_run(struct store *s, const struct followup_opts *o, struct followup *f, struct err *e);
const char *followup_section_name(enum followup_section s); /* "no_contact" ... */

#endif
