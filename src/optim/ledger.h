/*
 * ledger.h - the tables behind a defensible impact ledger, besides the
 * per-unit factors of impact.h: the French default fate of a resource code
 * (data/factors/fates.csv), the resource families with the price paid to the
 * supplier, the annualised investment and operating cost, the plausibility
 * bounds and the low/high range (families.csv), and named parameters (heat
 * pump, grid electricity, turbine extraction, band temperatures: params.csv).
 *
 * Pure: parsed from memory buffers, looked up by the longest prefix of a code
 * at a segment boundary (as impact_factor_find). Method: docs/impact.md.
 */
#ifndef SY_LEDGER_H
#define SY_LEDGER_H

#include <stddef.h>

#include "model/fate.h"
#include "model/model.h"
#include "util/err.h"

struct fate_rule {
    char id[SY_ID_MAX];
    char prefix[SY_CODE_MAX];
    enum fate fate;
};

struct family {
    char id[SY_ID_MAX];
    char prefix[SY_CODE_MAX];
    char unit[16];
    double price_eur;          /* paid to the supplier, per unit */
    double invest_eur;         /* annualised investment, per unit a year */
    double opex_eur;           /* treatment or preparation, per unit */
    double eur_min, eur_max;   /* plausible net euros per unit */
    double co2e_min, co2e_max; /* plausible kg CO2e per unit */
    double low, high;          /* range multipliers of the gross figures (low <= 1 <= high) */
};

struct param {
    char key[SY_CODE_MAX];
    double value;
};

struct ledger_tables {
    struct fate_rule *fates;
    size_t nfates;
    struct family *fams;
    size_t nfams;
    struct param *params;
    size_t nparams;
};

enum ledger_file { LEDGER_FATES, LEDGER_FAMILIES, LEDGER_PARAMS, LEDGER_NFILES };

/* "fates", "families", "params" (the file names without .csv). */
const char *ledger_file_name(enum ledger_file k);

void ledger_release(struct ledger_tables *t);
/* Deep copy of src into dst (dst uninitialised). 0 or SY_ENOMEM. */
int ledger_copy(struct ledger_tables *dst, const struct ledger_tables *src);

/*
 * Parses one file into t; a row replaces the row with the same id (key for
 * params), else is added. Columns by name: fates: id, prefix, fate (English or
 * French name); families: id, prefix, unit, price_eur, invest_eur, opex_eur,
 * eur_min, eur_max, co2e_min, co2e_max, low, high; params: key, value. Other
 * columns (basis, source...) are ignored. SY_EINPUT with name:line:column, and
 * t is left as it was on error.
 */
int ledger_parse(struct ledger_tables *t, enum ledger_file k, const char *data, size_t len,
                 const char *name, struct err *e);

/* The default fate of code (longest prefix), FATE_NONE if no row. */
enum fate ledger_default_fate(const struct ledger_tables *t, const char *code);
/* The family of code in unit (longest prefix), or NULL. Borrowed. */
const struct family *ledger_family(const struct ledger_tables *t, const char *code,
                                   const char *unit);
/* The value of key, or dflt when absent. */
double ledger_param(const struct ledger_tables *t, const char *key, double dflt);
/* The value of "<prefix><code>" for the code or its nearest taxonomy ancestor
 * (prefix "temp." gives the band temperature of a heat or steam code,
 * "turbine." the electricity lost per MWh extracted), NAN if none. */
double ledger_code_param(const struct ledger_tables *t, const char *prefix, const char *code);

/* 1 if prefix is a prefix of code ending at a segment boundary (' ' or '.'). */
int ledger_prefix_match(const char *prefix, const char *code);

#endif
