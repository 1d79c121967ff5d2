/*
 * model.h - the domain: territories, actors, contacts, flows, and their
 * validation rules. Pure code, no I/O: everything here is a value check or a
 * conversion that the importers, the store and the engine all share.
 *
 * Codes are kept normalised: List of Waste codes as "16 06 01" (no asterisk;
 * hazard is a separate flag), NAF subclasses as "20.14Z", NACE classes as
 * "20.14", taxonomy codes as dotted lowercase ("energy.heat.lt").
 */
#ifndef SY_MODEL_H
#define SY_MODEL_H

#include <stddef.h>

#define SY_ID_MAX 64
#define SY_NAME_MAX 256
#define SY_CODE_MAX 64
#define SY_TEXT_MAX 1024

enum actor_kind { ACTOR_COMPANY, ACTOR_PUBLIC, ACTOR_ASSOCIATION };
enum flow_dir { FLOW_SUPPLY, FLOW_DEMAND };
enum flow_period { PERIOD_YEAR, PERIOD_MONTH, PERIOD_WEEK, PERIOD_DAY, PERIOD_ONCE };
enum flow_state { STATE_NONE, STATE_SOLID, STATE_LIQUID, STATE_GAS, STATE_SLUDGE };
enum confidentiality { CONF_PUBLIC, CONF_NETWORK, CONF_TERRITORY, CONF_PRIVATE };
enum canon_unit { UNIT_T, UNIT_MWH, UNIT_M3, UNIT_COUNT };
enum code_kind { CODE_LOW, CODE_TAXONOMY };

#define MONTHS_ALL 0xFFFu /* bit 0 = January ... bit 11 = December */

struct territory {
    char code[SY_ID_MAX];
    char name[SY_NAME_MAX];
    char region[SY_NAME_MAX];
    char structure[SY_NAME_MAX]; /* facilitating structure */
    char programme[SY_NAME_MAX]; /* funding programme */
};

struct actor {
    char id[SY_ID_MAX];
    char name[SY_NAME_MAX];
    char siret[16]; /* 14 digits or empty */
    char naf[16];   /* "20.14Z" (NAF) or "20.14" (NACE class) or empty */
    enum actor_kind kind;
    char workforce[32]; /* band or headcount as given, may be empty */
    char address[SY_NAME_MAX];
    char commune[8]; /* INSEE code, may be empty */
    double lat, lon; /* WGS84 degrees */
    int has_coord;
    char territory[SY_ID_MAX];
    int licensed_hazardous; /* holds a permit to receive hazardous waste */
    char archetype[32];     /* plant type within the NACE class ("coal"), or empty
                             * (data/archetypes.csv; the facilitator's choice) */
};

struct contact {
    char actor_id[SY_ID_MAX];
    char name[SY_NAME_MAX];
    char role[SY_NAME_MAX];
    char email[SY_NAME_MAX];
    char phone[32];
};

struct flow {
    char id[SY_ID_MAX]; /* given, or derived: actor_id/direction/code */
    char actor_id[SY_ID_MAX];
    enum flow_dir dir;
    enum code_kind code_kind;
    char code[SY_CODE_MAX]; /* normalised */
    char description[SY_TEXT_MAX];
    double qty;       /* as given */
    char unit[16];    /* as given */
    double qty_canon; /* in canon_unit, per period */
    enum canon_unit canon;
    double qty_year; /* in canon_unit, per year (derived from period and months) */
    enum flow_period period;
    unsigned months; /* availability, MONTHS_ALL by default */
    enum flow_state state;
    double temp_c;
    int has_temp;
    int hazardous; /* from the List of Waste asterisk */
    enum confidentiality conf;
};

/* SIRET: 14 digits passing the Luhn check, or La Poste's SIREN 356000000
 * whose establishments are checked by digit sum modulo 5 (INSEE rule).
 * Returns 1 if valid. For 356000000... either rule is enough: the head office
 * 35600000000048 passes Luhn (digit sum 26), most establishments only the sum
 * rule (35600000049837). No spaces or other characters are accepted. */
int model_siret_valid(const char *s);

/* Normalises a NAF or NACE code: "2014Z", "20.14z", "20 14Z" -> "20.14Z";
 * "20.14" or "2014" -> "20.14". out has at least 8 bytes. 0 or SY_EINPUT. */
int model_naf_normalise(const char *in, char *out, size_t n);
/* The NACE class of a NAF subclass or class ("20.14Z" -> "20.14"). */
void model_naf_to_nace(const char *naf, char *out, size_t n);

/* Parses a List of Waste code in any common spelling ("160601*", "16 06 01*",
 * "16.06.01") into "16 06 01" and whether it had an asterisk. 0 or SY_EINPUT.
 * Pairs may be split by ' ', '.' or '-'; chapter 01-20, sub-chapter and entry
 * not 00 (a shape check: whether the code exists is the nomenclature's job).
 * out has at least 9 bytes; asterisk may be NULL. */
int model_low_normalise(const char *in, char *out, size_t n, int *asterisk);
/* A taxonomy code: lowercase ASCII letters, digits, '_' segments joined by '.'.
 * Returns 1 if valid (non-empty segments, shorter than SY_CODE_MAX). */
int model_taxonomy_valid(const char *s);

/* Unit as given -> canonical unit and multiplier ("kg" -> UNIT_T, 0.001).
 * Accepts t, tonne(s), kg, g, MWh, kWh, GWh, GJ, th (thermie), m3, m³, L, l,
 * hL, count, u, unit(s), pcs, etp. 0 or SY_EINPUT.
 * Matched after trimming blanks and without ASCII case ("KG", "mwh").
 * 1 GJ = 1/3.6 MWh (0.2777778); 1 th = 1.163e-3 MWh; 1 L = 1e-3 m3.
 * A rate ("t/an", "kg/j") is refused: the period is a column of its own. */
int model_unit_parse(const char *unit, enum canon_unit *canon, double *mult);
const char *model_unit_name(enum canon_unit u); /* "t", "MWh", "m3", "count" */

/* The parsers below trim blanks, ignore ASCII case and accept the French
 * words too: an|année (year), mois, semaine, jour, ponctuel (once); solide,
 * liquide, gaz, boue(s) ('' = none); reseau|réseau, territoire, prive|privé;
 * entreprise (company); offre (supply), besoin (demand). 0 or SY_EINPUT, and
 * the output is left alone on error. The _name functions return the English
 * canonical word (static). */
int model_period_parse(const char *s, enum flow_period *p);
const char *model_period_name(enum flow_period p);
/* Months: "" = all; "4-10", "11-2" (wraps), "1,2,12", combinations.
 * Month numbers are 1-12 (0, 13 and anything else are SY_EINPUT); the mask
 * is never 0. */
int model_months_parse(const char *s, unsigned *mask);
/* Writes the canonical form of a month mask ("1-12", "4-10", "1,3,5-7").
 * Consecutive months become a range, which may wrap ("11-2"); runs are listed
 * by their first month. Parsing the result gives the mask back. */
void model_months_format(unsigned mask, char *out, size_t n);
int model_state_parse(const char *s, enum flow_state *st);
const char *model_state_name(enum flow_state st);
int model_conf_parse(const char *s, enum confidentiality *c);
const char *model_conf_name(enum confidentiality c);
int model_kind_parse(const char *s, enum actor_kind *k);
const char *model_kind_name(enum actor_kind k);
int model_dir_parse(const char *s, enum flow_dir *d);
const char *model_dir_name(enum flow_dir d);

/* Fills canon, qty_canon and qty_year from qty, unit, period and months.
 * qty_canon = qty * unit multiplier, still per period. qty_year counts only
 * the months available (n = number of months set; months 0 = all):
 *   year, once: qty_canon (a total; months do not scale it)
 *   month: qty_canon * n;  week: qty_canon * 52 * n / 12;
 *   day: qty_canon * 365 * n / 12.
 * SY_EINPUT for an unknown unit, a negative or non-finite qty, or month
 * bits past December. */
int model_flow_normalise(struct flow *f);

#endif
