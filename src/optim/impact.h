/*
 * impact.h - the impact ledger: tonnes diverted, CO2e avoided and euros saved
 * by a substitution, each figure with the factor it used and its source.
 *
 * Pure computation, no I/O: factor tables are parsed from memory buffers
 * (the caller reads the files of data/factors/) and looked up by the longest prefix of
 * a resource code. Method and allocation rules: docs/impact.md.
 *
 * Invariants: a table holds at most one row per id and one row per
 * (prefix, unit); an override replaces a row with the same id or the same
 * (prefix, unit), else adds it. The empty prefix is the default row.
 */
#ifndef SY_IMPACT_H
#define SY_IMPACT_H

#include <stddef.h>

#include "model/model.h"
#include "optim/ledger.h"
#include "util/err.h"

enum factor_kind { FACTOR_TRANSPORT, FACTOR_DISPOSAL, FACTOR_VIRGIN, FACTOR_NKINDS };

struct factor {
    char id[SY_ID_MAX];
    char prefix[SY_CODE_MAX]; /* resource code prefix ("15 01", "energy.heat"), "" = default */
    char unit[16];            /* the unit of the flow it applies to: t, MWh, m3 */
    double co2e_kg;           /* per unit (transport: per unit.km) */
    double eur;               /* per unit (transport: per unit.km) */
    char basis[SY_TEXT_MAX];  /* what the value is: the rows it comes from */
    char source[SY_NAME_MAX]; /* publication */
    char version[32];         /* edition or year of the publication */
    int co2e_estimated;       /* 0 declared (read in the source), 1 estimated or a proxy */
    int eur_estimated;        /* same for the euro value */
    enum fate fate;           /* disposal rows: the fate it prices; FATE_NONE = any fate */
};

struct factor_table {
    struct factor *v;
    size_t n, cap;
};

struct impact_factors {
    struct factor_table t[FACTOR_NKINDS];
    struct ledger_tables lt; /* default fates, families, parameters (ledger.h) */
};

/* What impact_compute_ex knows of a synergy besides its codes and quantity. */
struct impact_opts {
    enum fate fate;       /* the supply's declared fate; FATE_NONE/UNKNOWN: the default */
    double supply_temp_c; /* declared supply temperature, NAN: the code's band */
    double need_temp_c;   /* the receiver's: declared, else the route's minimum; NAN: band */
    int turbine;          /* heat or steam extracted from a power plant's turbine */
    int running;          /* the exchange already runs: reported, not a new saving */
};

/* Per-unit or scaled impact of moving a quantity of a resource to a receiver.
 * co2e_kg = disposal_co2e_kg + virgin_co2e_kg - transport_co2e_kg, same for
 * euros. Factor pointers are borrowed from the tables (NULL: none applied). */
struct impact_line {
    double qty;    /* canonical unit per year */
    double tonnes; /* diverted from disposal (t flows only) */
    double disposal_co2e_kg, virgin_co2e_kg, transport_co2e_kg, co2e_kg;
    double disposal_eur, virgin_eur, transport_eur, eur;
    const struct factor *disposal, *virgin, *transport;
    enum fate fate;                    /* the fate used (declared or default) */
    double heat_pump_mwh, cop;         /* electricity of a heat pump and its COP (0: none) */
    double turbine_mwh;                /* electricity a turbine no longer makes */
    double energy_co2e_kg, energy_eur; /* cost of that electricity (both included above) */
    double gross_co2e_kg, gross_eur;   /* before price paid, investment and opex */
    double costs_eur;                  /* price paid + annualised investment + opex */
    double co2e_low, co2e_high, eur_low, eur_high; /* range of co2e_kg and eur */
    const struct family *family;
    int running;             /* an exchange that already runs */
    char flags[SY_NAME_MAX]; /* plausibility: "" or why the line is outside its bounds */
    int estimated;     /* quantity or CO2e: a factor or the quantity is estimated, or missing */
    int eur_estimated; /* euros: a euro value is estimated or missing */
    char sources[SY_TEXT_MAX];
};

const char *impact_kind_name(enum factor_kind k); /* "transport", "disposal", "virgin" */

void impact_factors_init(struct impact_factors *f);
void impact_factors_release(struct impact_factors *f);

/*
 * Parses a factor file of kind k from data[0..len) into f, replacing rows with
 * the same id or the same (prefix, unit) (see the header). Columns, by name in
 * the header row, any order: id, prefix, unit, co2e_kg, eur, basis (optional),
 * source, version, co2e_quality and eur_quality (declared|estimated). A line
 * whose first field starts with '#' is a comment. name is used in messages. On error
 * (SY_EINPUT with file:line:column, SY_ENOMEM) the table is left as it was.
 */
int impact_factors_parse(struct impact_factors *f, enum factor_kind k, const char *data, size_t len,
                         const char *name, struct err *e);

/* The row of kind k whose prefix is the longest prefix of code ending at a
 * segment boundary (end, ' ' or '.') and whose unit is unit; the default row
 * ("" prefix) if none. NULL if none at all. Borrowed. */
const struct factor *impact_factor_find(const struct impact_factors *f, enum factor_kind k,
                                        const char *code, const char *unit);

/*
 * Computes the impact of qty units of supply_code, delivered over dist_km to a
 * receiver that would otherwise buy demand_code (NULL or "" = the supply code),
 * into out. Disposal factors are looked up on the supply code, virgin ones on
 * the demand code then the supply code, transport on the supply code (m3 falls
 * back to t rows at 1 t/m3). qty_estimated marks the quantity as estimated.
 * Units other than t, MWh, m3 get no factor and are flagged estimated.
 */
void impact_compute(const struct impact_factors *f, const char *supply_code,
                    const char *demand_code, enum canon_unit unit, double qty, double dist_km,
                    int qty_estimated, struct impact_line *out);

/* The disposal row for a fate: rows of that fate or of any fate (FATE_NONE),
 * longest prefix, a row of that very fate winning a tie. FATE_NONE and
 * FATE_UNKNOWN look for landfill. Borrowed, NULL if none. */
const struct factor *impact_disposal_find(const struct impact_factors *f, const char *code,
                                          const char *unit, enum fate fate);

/*
 * impact_compute with what docs/impact.md calls the defensible ledger: the
 * disposal avoided is that of the supply's fate (declared, else the default of
 * its code; none when already recovered); a heat pump when the need is hotter
 * than the supply (its electricity at the grid factor and price); the
 * electricity a turbine no longer makes for extracted steam; euros net of the
 * family's price paid, investment and opex; a low-high range; plausibility
 * flags. o NULL = nothing declared. co2e_kg and eur are the net central values.
 */
void impact_compute_ex(const struct impact_factors *f, const char *supply_code,
                       const char *demand_code, enum canon_unit unit, double qty, double dist_km,
                       int qty_estimated, const struct impact_opts *o, struct impact_line *out);

#endif
