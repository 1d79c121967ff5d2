/*
 * library.h - the barrier and lever library (data/barriers.csv and
 * data/levers.csv) into the store, all or nothing per file, with
 * FILE:LINE:COLUMN errors like every import (core/import.h).
 *
 * barriers.csv: code, category (time, trust, data, regulation, economics,
 *   logistics, governance, technical), label_en, label_fr, description_fr, basis
 * levers.csv: code, label_en, label_fr, description_fr, barriers (codes
 *   separated by spaces, each in barriers.csv or already stored), basis
 */
#ifndef SY_LIBRARY_H
#define SY_LIBRARY_H

#include "core/import.h"

int import_barriers(struct store *s, const char *path, const struct import_opts *o,
                    struct import_result *r, struct err *e);
int import_levers(struct store *s, const char *path, const struct import_opts *o,
                  struct import_result *r, struct err *e);

#endif
