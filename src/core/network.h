/*
 * network.h - the network view: consolidated indicators of every territory
 * for a year (or all years), and their total, for `symbiose network`, the
 * reports and the web application. Definitions: store_network.h
 * (struct net_indicators) and docs/network.md.
 */
#ifndef SY_CORE_NETWORK_H
#define SY_CORE_NETWORK_H

#include "store/store_network.h"

struct network_view {
    int year;                 /* 0 = all years */
    struct net_indicators *v; /* one per territory, by code */
    size_t n, cap;
    struct net_indicators all; /* the sum; territory "*" */
};

/* Fills nv for year (0 = all). Owned by nv: free with network_view_release. */
int network_view_build(struct store *s, int year, struct network_view *nv, struct err *e);
void network_view_release(struct network_view *nv);

#endif
