/*
 * model.c - the domain's value checks and conversions (see model.h): SIRET,
 * NAF/NACE, List of Waste and taxonomy codes, units, periods, months, states,
 * confidentiality, actor kinds, directions, and flow quantity normalisation.
 * Pure code: no I/O, no allocation, no global state.
 */
#include "model/model.h"
#include "util/err.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static int is_digit(int ch)
{
    return ch >= '0' && ch <= '9';
}

static int to_lower(int ch)
{
    return ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch;
}

/* Trims ASCII blanks: *s and *len describe what is left. */
static void trim(const char **s, size_t *len)
{
    const char *p = *s;
    size_t n = strlen(p);

    while (n && (*p == ' ' || *p == '\t')) {
        p++;
        n--;
    }
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
        n--;
    *s = p;
    *len = n;
}

/* s[0..len) equals word, ASCII letters compared without case. */
static int word_eq(const char *s, size_t len, const char *word)
{
    size_t i;

    for (i = 0; i < len && word[i]; i++)
        if (to_lower((unsigned char)s[i]) != to_lower((unsigned char)word[i]))
            return 0;
    return i == len && word[i] == '\0';
}

/* A spelling and the enum value it stands for. */
struct word {
    const char *word;
    int value;
};

/* Looks s (trimmed, without case) up in a list ended by a NULL word.
 * Returns the value, or -1. */
static int word_find(const char *s, const struct word *w)
{
    size_t len;

    if (!s)
        return -1;
    trim(&s, &len);
    for (; w->word; w++)
        if (word_eq(s, len, w->word))
            return w->value;
    return -1;
}

/*
 * Luhn over 14 digits, and INSEE's exception for La Poste: the SIRETs of SIREN
 * 356000000 may instead have a digit sum that is a multiple of 5 (there are
 * more establishments than the Luhn scheme leaves NIC numbers for). The head
 * office, 35600000000048, passes Luhn; most others only the sum rule.
 */
int model_siret_valid(const char *s)
{
    int luhn = 0, sum = 0;

    if (!s || strlen(s) != 14)
        return 0;
    for (int i = 0; i < 14; i++) {
        int d;

        if (!is_digit((unsigned char)s[i]))
            return 0;
        d = s[i] - '0';
        sum += d;
        if (i % 2 == 0) { /* from the right these are the 14th, 12th, ...: doubled */
            d *= 2;
            if (d > 9)
                d -= 9;
        }
        luhn += d;
    }
    if (luhn % 10 == 0)
        return 1;
    return strncmp(s, "356000000", 9) == 0 && sum % 5 == 0;
}

/*
 * Keeps digits and at most one trailing letter, skipping ' ' and '.'. "20.14Z",
 * "2014z", "20 14 Z" -> "20.14Z"; "20.14", "2014" -> "20.14" (a NACE class).
 */
int model_naf_normalise(const char *in, char *out, size_t n)
{
    char dig[4];
    size_t nd = 0, len;
    int letter = 0;

    if (!in || !out || n < 8)
        return SY_EINPUT;
    trim(&in, &len);
    for (size_t i = 0; i < len; i++) {
        int ch = (unsigned char)in[i];

        if (ch == ' ' || ch == '.')
            continue;
        if (is_digit(ch) && !letter && nd < 4) {
            dig[nd++] = (char)ch;
            continue;
        }
        ch = ch >= 'a' && ch <= 'z' ? ch - 'a' + 'A' : ch;
        if (ch >= 'A' && ch <= 'Z' && nd == 4 && !letter) {
            letter = ch;
            continue;
        }
        return SY_EINPUT;
    }
    if (nd != 4)
        return SY_EINPUT;
    snprintf(out, n, "%c%c.%c%c", dig[0], dig[1], dig[2], dig[3]);
    if (letter) {
        out[5] = (char)letter;
        out[6] = '\0';
    }
    return 0;
}

/* Writes "" when naf is not a NAF or NACE code. */
void model_naf_to_nace(const char *naf, char *out, size_t n)
{
    char tmp[8];

    if (!out || n == 0)
        return;
    out[0] = '\0';
    if (model_naf_normalise(naf, tmp, sizeof tmp) == 0)
        snprintf(out, n, "%.5s", tmp);
}

/*
 * Six digits in pairs, each pair optionally preceded by ' ', '.' or '-', then
 * an optional '*' (blanks allowed before it). Chapters are 01-20; sub-chapter
 * and entry are never 00. Writes "16 06 01" (n >= 9).
 */
int model_low_normalise(const char *in, char *out, size_t n, int *asterisk)
{
    char dig[6];
    size_t nd = 0, len, i;
    int star = 0, ch;

    if (!in || !out || n < 9)
        return SY_EINPUT;
    trim(&in, &len);
    for (i = 0; i < len; i++) {
        ch = (unsigned char)in[i];
        if (is_digit(ch) && nd < 6 && !star) {
            dig[nd++] = (char)ch;
        } else if ((ch == ' ' || ch == '.' || ch == '-') && nd % 2 == 0 && nd > 0 && nd < 6 &&
                   i + 1 < len && is_digit((unsigned char)in[i + 1])) {
            continue;
        } else if (ch == ' ' && nd == 6) {
            continue;
        } else if (ch == '*' && nd == 6 && !star) {
            star = 1;
        } else {
            return SY_EINPUT;
        }
    }
    if (nd != 6)
        return SY_EINPUT;
    {
        int chapter = (dig[0] - '0') * 10 + dig[1] - '0';

        if (chapter < 1 || chapter > 20 || (dig[2] == '0' && dig[3] == '0') ||
            (dig[4] == '0' && dig[5] == '0'))
            return SY_EINPUT;
    }
    snprintf(out, n, "%c%c %c%c %c%c", dig[0], dig[1], dig[2], dig[3], dig[4], dig[5]);
    if (asterisk)
        *asterisk = star;
    return 0;
}

int model_taxonomy_valid(const char *s)
{
    size_t seg = 0, len;

    if (!s)
        return 0;
    len = strlen(s);
    if (len == 0 || len >= SY_CODE_MAX)
        return 0;
    for (size_t i = 0; i < len; i++) {
        int ch = (unsigned char)s[i];

        if (ch == '.') {
            if (seg == 0)
                return 0;
            seg = 0;
        } else if ((ch >= 'a' && ch <= 'z') || is_digit(ch) || ch == '_') {
            seg++;
        } else {
            return 0;
        }
    }
    return seg > 0;
}

static const struct unit_def {
    const char *name;
    enum canon_unit canon;
    double mult;
} units[] = {
    {"t", UNIT_T, 1},
    {"tonne", UNIT_T, 1},
    {"tonnes", UNIT_T, 1},
    {"kg", UNIT_T, 1e-3},
    {"g", UNIT_T, 1e-6},
    {"MWh", UNIT_MWH, 1},
    {"kWh", UNIT_MWH, 1e-3},
    {"GWh", UNIT_MWH, 1e3},
    {"GJ", UNIT_MWH, 1 / 3.6},  /* 0.2777778 MWh */
    {"th", UNIT_MWH, 1.163e-3}, /* thermie */
    {"thermie", UNIT_MWH, 1.163e-3},
    {"thermies", UNIT_MWH, 1.163e-3},
    {"m3", UNIT_M3, 1},
    {"m\xC2\xB3", UNIT_M3, 1},
    {"L", UNIT_M3, 1e-3},
    {"hL", UNIT_M3, 0.1},
    {"count", UNIT_COUNT, 1},
    {"u", UNIT_COUNT, 1},
    {"unit", UNIT_COUNT, 1},
    {"units", UNIT_COUNT, 1},
    {"pcs", UNIT_COUNT, 1},
    {"etp", UNIT_COUNT, 1},
};

/*
 * Units are matched without ASCII case ("KG", "mwh", "l"), after trimming
 * blanks. A rate such as "t/an" is refused: the period is its own column.
 */
int model_unit_parse(const char *unit, enum canon_unit *canon, double *mult)
{
    size_t len;

    if (!unit)
        return SY_EINPUT;
    trim(&unit, &len);
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        if (word_eq(unit, len, units[i].name)) {
            if (canon)
                *canon = units[i].canon;
            if (mult)
                *mult = units[i].mult;
            return 0;
        }
    }
    return SY_EINPUT;
}

const char *model_unit_name(enum canon_unit u)
{
    switch (u) {
    case UNIT_T:
        return "t";
    case UNIT_MWH:
        return "MWh";
    case UNIT_M3:
        return "m3";
    case UNIT_COUNT:
        return "count";
    }
    return "?";
}

static const struct word periods[] = {
    {"year", PERIOD_YEAR},
    {"an", PERIOD_YEAR},
    {"annee", PERIOD_YEAR},
    {"ann\xC3\xA9"
     "e",
     PERIOD_YEAR},
    {"month", PERIOD_MONTH},
    {"mois", PERIOD_MONTH},
    {"week", PERIOD_WEEK},
    {"semaine", PERIOD_WEEK},
    {"day", PERIOD_DAY},
    {"jour", PERIOD_DAY},
    {"once", PERIOD_ONCE},
    {"ponctuel", PERIOD_ONCE},
    {NULL, 0},
};

/* English or French, without case: year|an|année, month|mois, week|semaine,
 * day|jour, once|ponctuel. */
int model_period_parse(const char *s, enum flow_period *p)
{
    int v = word_find(s, periods);

    if (v < 0)
        return SY_EINPUT;
    *p = (enum flow_period)v;
    return 0;
}

const char *model_period_name(enum flow_period p)
{
    static const char *const names[] = {"year", "month", "week", "day", "once"};

    return (unsigned)p < 5 ? names[p] : "?";
}

/* Reads a month number 1..12 at *s; advances *s. */
static int month_read(const char **s, int *m)
{
    const char *p = *s;
    int v = 0, nd = 0;

    while (*p == ' ')
        p++;
    while (is_digit((unsigned char)*p) && nd < 2) {
        v = v * 10 + (*p++ - '0');
        nd++;
    }
    if (is_digit((unsigned char)*p))
        return SY_EINPUT;
    while (*p == ' ')
        p++;
    if (nd == 0 || v < 1 || v > 12)
        return SY_EINPUT;
    *m = v;
    *s = p;
    return 0;
}

/*
 * Comma-separated items, each a month "M" or a range "A-B" (1-based; when
 * A > B the range wraps over the new year: "11-2" is Nov, Dec, Jan, Feb).
 * "" (or blanks) means all months. Never yields an empty mask.
 */
int model_months_parse(const char *s, unsigned *mask)
{
    unsigned m = 0;
    size_t len;
    int a, b;

    if (!s)
        return SY_EINPUT;
    trim(&s, &len);
    if (len == 0) {
        *mask = MONTHS_ALL;
        return 0;
    }
    for (;;) {
        if (month_read(&s, &a))
            return SY_EINPUT;
        b = a;
        if (*s == '-') {
            s++;
            if (month_read(&s, &b))
                return SY_EINPUT;
        }
        for (int k = a;; k = k % 12 + 1) {
            m |= 1u << (k - 1);
            if (k == b)
                break;
        }
        if (*s == '\0')
            break;
        if (*s != ',')
            return SY_EINPUT;
        s++;
    }
    *mask = m;
    return 0;
}

/*
 * "1-12" for all months; otherwise runs of consecutive months (a run may wrap
 * over December) as "A-B" and single months as "M", in the order of the
 * months the runs start with: 0x0C04 -> "3,11-12", 0xC03 -> "11-2".
 * A mask of 0 (not a valid availability) gives "".
 */
void model_months_format(unsigned mask, char *out, size_t n)
{
    size_t k = 0;

    if (!out || n == 0)
        return;
    out[0] = '\0';
    mask &= MONTHS_ALL;
    if (mask == MONTHS_ALL) {
        snprintf(out, n, "1-12");
        return;
    }
    for (int start = 0; start < 12; start++) {
        int prev = (start + 11) % 12, end = start, w;

        if (!(mask & (1u << start)) || (mask & (1u << prev)))
            continue;
        while (mask & (1u << ((end + 1) % 12)))
            end = (end + 1) % 12;
        if (end == start)
            w = snprintf(out + k, n - k, "%s%d", k ? "," : "", start + 1);
        else
            w = snprintf(out + k, n - k, "%s%d-%d", k ? "," : "", start + 1, end + 1);
        if (w < 0 || (size_t)w >= n - k)
            return; /* truncated, still NUL-terminated */
        k += (size_t)w;
    }
}

static const struct word states[] = {
    {"", STATE_NONE},
    {"none", STATE_NONE},
    {"aucun", STATE_NONE},
    {"solid", STATE_SOLID},
    {"solide", STATE_SOLID},
    {"liquid", STATE_LIQUID},
    {"liquide", STATE_LIQUID},
    {"gas", STATE_GAS},
    {"gaz", STATE_GAS},
    {"sludge", STATE_SLUDGE},
    {"boue", STATE_SLUDGE},
    {"boues", STATE_SLUDGE},
    {NULL, 0},
};

/* "" is STATE_NONE; English or French, without case. */
int model_state_parse(const char *s, enum flow_state *st)
{
    int v = word_find(s, states);

    if (v < 0)
        return SY_EINPUT;
    *st = (enum flow_state)v;
    return 0;
}

const char *model_state_name(enum flow_state st)
{
    static const char *const names[] = {"none", "solid", "liquid", "gas", "sludge"};

    return (unsigned)st < 5 ? names[st] : "?";
}

static const struct word confs[] = {
    {"public", CONF_PUBLIC},        {"network", CONF_NETWORK},
    {"reseau", CONF_NETWORK},       {"r\xC3\xA9seau", CONF_NETWORK},
    {"territory", CONF_TERRITORY},  {"territoire", CONF_TERRITORY},
    {"private", CONF_PRIVATE},      {"prive", CONF_PRIVATE},
    {"priv\xC3\xA9", CONF_PRIVATE}, {NULL, 0},
};

int model_conf_parse(const char *s, enum confidentiality *c)
{
    int v = word_find(s, confs);

    if (v < 0)
        return SY_EINPUT;
    *c = (enum confidentiality)v;
    return 0;
}

const char *model_conf_name(enum confidentiality c)
{
    static const char *const names[] = {"public", "network", "territory", "private"};

    return (unsigned)c < 4 ? names[c] : "?";
}

static const struct word kinds[] = {
    {"company", ACTOR_COMPANY},
    {"entreprise", ACTOR_COMPANY},
    {"public", ACTOR_PUBLIC},
    {"association", ACTOR_ASSOCIATION},
    {NULL, 0},
};

int model_kind_parse(const char *s, enum actor_kind *k)
{
    int v = word_find(s, kinds);

    if (v < 0)
        return SY_EINPUT;
    *k = (enum actor_kind)v;
    return 0;
}

const char *model_kind_name(enum actor_kind k)
{
    static const char *const names[] = {"company", "public", "association"};

    return (unsigned)k < 3 ? names[k] : "?";
}

static const struct word dirs[] = {
    {"supply", FLOW_SUPPLY},
    {"offre", FLOW_SUPPLY},
    {"demand", FLOW_DEMAND},
    {"besoin", FLOW_DEMAND},
    {NULL, 0},
};

int model_dir_parse(const char *s, enum flow_dir *d)
{
    int v = word_find(s, dirs);

    if (v < 0)
        return SY_EINPUT;
    *d = (enum flow_dir)v;
    return 0;
}

const char *model_dir_name(enum flow_dir d)
{
    static const char *const names[] = {"supply", "demand"};

    return (unsigned)d < 2 ? names[d] : "?";
}

static int popcount12(unsigned m)
{
    int n = 0;

    for (m &= MONTHS_ALL; m; m &= m - 1)
        n++;
    return n;
}

/*
 * qty_canon = qty * unit multiplier (per period). qty_year counts only the
 * months the flow is available: a monthly flow gives qty_canon * months; a
 * weekly one 52 * months/12 weeks; a daily one 365 * months/12 days. A
 * yearly or one-off quantity is already a total: months do not scale it.
 * months == 0 is read as all months. SY_EINPUT for an unknown unit, a
 * negative or non-finite quantity, or month bits past December.
 */
int model_flow_normalise(struct flow *f)
{
    enum canon_unit canon;
    double mult, per_year;
    unsigned months;

    if (!f || !isfinite(f->qty) || f->qty < 0)
        return SY_EINPUT;
    if (model_unit_parse(f->unit, &canon, &mult))
        return SY_EINPUT;
    months = f->months ? f->months : MONTHS_ALL;
    if (months & ~MONTHS_ALL)
        return SY_EINPUT;
    switch (f->period) {
    case PERIOD_YEAR:
    case PERIOD_ONCE:
        per_year = 1;
        break;
    case PERIOD_MONTH:
        per_year = popcount12(months);
        break;
    case PERIOD_WEEK:
        per_year = 52.0 * popcount12(months) / 12.0;
        break;
    case PERIOD_DAY:
        per_year = 365.0 * popcount12(months) / 12.0;
        break;
    default:
        return SY_EINPUT;
    }
    f->canon = canon;
    f->qty_canon = f->qty * mult;
    f->qty_year = f->qty_canon * per_year;
    return 0;
}

int model_commune_valid(const char *s)
{
    if (strlen(s) != 5)
        return 0;
    if (!(is_digit(s[0]) && (is_digit(s[1]) || s[1] == 'A' || s[1] == 'B')))
        return 0;
    for (int i = 2; i < 5; i++)
        if (!is_digit(s[i]))
            return 0;
    return 1;
}
