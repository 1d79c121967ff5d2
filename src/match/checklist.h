/*
 * checklist.h - the regulatory checklist of a synergy candidate: what each
 * party must verify or file before the exchange runs, each item with the act
 * that requires it (the waste recovery operation R1-R13 of Directive
 * 2008/98/EC annex II, by-product or end-of-waste status, animal by-products,
 * fertilising materials, the receiver's ICPE rubric, hazardous-waste tracking,
 * shipments abroad). Pure: the rules are the rows of data/legal.csv in the
 * knowledge base (struct kb_legal); nothing here reads files or the store.
 *
 * Selection. A row applies when its scope matches the candidate: its route
 * (scope route, key = route id), its resource code (scope supply, key = the
 * code or a prefix of it), the use: the route's demand code (scope demand,
 * key = that code or a prefix), the receiver's activity (scope receiver, key = a
 * NACE prefix of the receiver's class or archetype, for waste only: the
 * receiver's permit matters when it takes waste), any waste (a List of
 * Waste code), any resource that is not waste (a taxonomy code), hazardous
 * waste, or a shipment abroad (waste only: when the receiver is abroad, or
 * that is unknown and the waste travels more than 50 km). Of the rows that apply with the same
 * party and topic, only the most specific level is kept: route, then supply (longest prefix), then
 * demand (longest prefix), then receiver (longest prefix), then the general scopes. Items come:
 * the status first, then the operation, then the rest in the file's order. See docs/knowledge.md.
 */
#ifndef SY_CHECKLIST_H
#define SY_CHECKLIST_H

#include <stddef.h>

#include "match/kb.h"

#define CHECKLIST_MAX 24

struct checklist_item {
    const char *party;   /* supplier | receiver | both */
    const char *topic;   /* status | operation | eow | abp | fertiliser | icpe | tracking | ... */
    const char *text_en; /* what to verify or file */
    const char *text_fr; /* the same in French, "" when the row has none */
    const char *act;     /* the act and article */
    const char *scope;   /* route | supply | receiver | waste | hazardous | nonwaste | abroad */
};

struct checklist {
    struct checklist_item v[CHECKLIST_MAX]; /* pointers borrowed from the kb */
    size_t n;
    int waste;     /* the resource is a List of Waste entry */
    int hazardous; /* ... and hazardous */
};

struct checklist_input {
    const char *rule;          /* route id, "identity", "pool" or "" */
    const char *code;          /* resource code: LoW (asterisk allowed) or taxonomy */
    const char *receiver_nace; /* NACE class, NAF subclass or archetype; "" unknown */
    int hazardous;             /* 1, 0, or -1: from the asterisk and the kb's flag */
    int abroad;                /* 1 the receiver is in another country, 0 not, -1 unknown */
    double distance_km;        /* road km; with abroad unknown, waste sent farther than
                                * 50 km gets the shipment rows (borders are near) */
};

/* Builds the checklist of one candidate into out (at most CHECKLIST_MAX
 * items, the least specific dropped first). Returns out->n. */
size_t checklist_build(const struct kb *kb, const struct checklist_input *in,
                       struct checklist *out);

/* For the one-line summary of an explanation (explain.c: "Legal path: ACT;
 * N checks (status, icpe, ...)."): the act of the status item, or NULL when
 * there is none; and the topics of the items, each once, comma-separated
 * (returns the length, snprintf rules). */
const char *checklist_status_act(const struct checklist *c);
int checklist_topics(const struct checklist *c, char *out, size_t n);

#endif
