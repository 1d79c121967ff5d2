/*
 * places.h - a territory as a real place: the communes it covers, built from
 * the reference files of EPCIs and communes (epci_grand_est.csv and
 * communes_grand_est.csv, INSEE codes and SIRENs).
 */
#ifndef SY_PLACES_H
#define SY_PLACES_H

#include <stddef.h>

#include "store/store_network.h"

#define PLACES_ARGS_MAX 256 /* EPCIs plus communes named on one command line */

struct places {
    struct territory_commune *v;
    size_t n, cap;
};

void places_release(struct places *p);

/* Fills p with the communes of territory: every commune of the EPCIs named
 * (SIRENs, checked against epci_path) and every commune named (INSEE codes,
 * checked against communes_path). An unknown EPCI or commune is SY_EINPUT
 * naming it; a file that cannot be read is SY_EIO; a file without the
 * expected columns is SY_EINPUT with FILE:LINE:COLUMN. */
int places_build(struct places *p, const char *territory, const char *epci_path,
                 const char *communes_path, const char *const *epcis, size_t nepcis,
                 const char *const *communes, size_t ncommunes, struct err *e);

#endif
