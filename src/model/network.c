/*
 * network.c - names, parsers and dates of the network vocabulary (network.h).
 */
#include "model/network.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "util/err.h"

/* Each word list: the stored English word first, then accepted synonyms. */
struct words {
    const char *w[6];
};

static const struct words stage_words[STAGE_COUNT] = {
    {{"identified", "identifié", "identifie", "repéré", "repere", NULL}},
    {{"contacted", "contacté", "contacte", NULL}},
    {{"met", "rencontré", "rencontre", NULL}},
    {{"committed", "engagé", "engage", NULL}},
    {{"data_shared", "data shared", "données partagées", "donnees partagees", NULL}},
    {{"in_synergy", "in synergy", "en synergie", NULL}},
    {{"declined", "refusé", "refuse", "décliné", "decline", NULL}},
};

static const struct words type_words[EVENT_COUNT] = {
    {{"workshop", "atelier", NULL}},
    {{"seminar", "séminaire", "seminaire", NULL}},
    {{"site_visit", "site visit", "visite", "visite de site", NULL}},
    {{"meeting", "réunion", "reunion", "rendez-vous", NULL}},
};

static const struct words cat_words[BCAT_COUNT] = {
    {{"time", "time and resources", "temps", "temps et moyens", NULL}},
    {{"trust", "confidentiality and trust", "confiance", "confidentialité et confiance", NULL}},
    {{"data", "données", "donnees", NULL}},
    {{"regulation", "réglementation", "reglementation", NULL}},
    {{"economics", "économie", "economie", NULL}},
    {{"logistics", "logistique", NULL}},
    {{"governance", "gouvernance", NULL}},
    {{"technical", "technique", NULL}},
};

static const struct words result_words[RESULT_COUNT] = {
    {{"worked", "a fonctionné", "a fonctionne", "réussi", "reussi", NULL}},
    {{"partly", "en partie", "partiellement", NULL}},
    {{"did_not", "did not", "échec", "echec", "n'a pas fonctionné", NULL}},
};

/* Compares s (blanks trimmed) with w, ignoring ASCII case. */
static int word_eq(const char *s, const char *w)
{
    size_t n, k = strlen(w);

    while (*s == ' ' || *s == '\t')
        s++;
    n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return n == k && strncasecmp(s, w, k) == 0;
}

static int parse_words(const char *s, const struct words *t, int n, int *out)
{
    if (!s)
        return SY_EINPUT;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < 6 && t[i].w[j]; j++)
            if (word_eq(s, t[i].w[j])) {
                *out = i;
                return SY_OK;
            }
    return SY_EINPUT;
}

int net_stage_parse(const char *s, enum eng_stage *out)
{
    int v;

    if (parse_words(s, stage_words, STAGE_COUNT, &v))
        return SY_EINPUT;
    *out = (enum eng_stage)v;
    return SY_OK;
}

const char *net_stage_name(enum eng_stage st)
{
    return (unsigned)st < STAGE_COUNT ? stage_words[st].w[0] : "?";
}

int net_event_type_parse(const char *s, enum event_type *out)
{
    int v;

    if (parse_words(s, type_words, EVENT_COUNT, &v))
        return SY_EINPUT;
    *out = (enum event_type)v;
    return SY_OK;
}

const char *net_event_type_name(enum event_type t)
{
    return (unsigned)t < EVENT_COUNT ? type_words[t].w[0] : "?";
}

int net_barrier_cat_parse(const char *s, enum barrier_cat *out)
{
    int v;

    if (parse_words(s, cat_words, BCAT_COUNT, &v))
        return SY_EINPUT;
    *out = (enum barrier_cat)v;
    return SY_OK;
}

const char *net_barrier_cat_name(enum barrier_cat c)
{
    return (unsigned)c < BCAT_COUNT ? cat_words[c].w[0] : "?";
}

int net_result_parse(const char *s, enum lever_result *out)
{
    int v;

    if (parse_words(s, result_words, RESULT_COUNT, &v))
        return SY_EINPUT;
    *out = (enum lever_result)v;
    return SY_OK;
}

const char *net_result_name(enum lever_result r)
{
    return (unsigned)r < RESULT_COUNT ? result_words[r].w[0] : "?";
}

int net_result_weight(enum lever_result r)
{
    return r == RESULT_WORKED ? 2 : r == RESULT_PARTLY ? 1 : 0;
}

static int leap(long y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(long y, int m)
{
    static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    return m == 2 && leap(y) ? 29 : d[m - 1];
}

/* Reads "YYYY-MM-DD" at the start of s. 1 if it is a real date. */
static int read_date(const char *s, long *y, int *m, int *d)
{
    if (!s || strlen(s) < 10)
        return 0;
    for (int i = 0; i < 10; i++) {
        if (i == 4 || i == 7) {
            if (s[i] != '-')
                return 0;
        } else if (!isdigit((unsigned char)s[i])) {
            return 0;
        }
    }
    *y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    *m = (s[5] - '0') * 10 + (s[6] - '0');
    *d = (s[8] - '0') * 10 + (s[9] - '0');
    return *y >= 1900 && *y <= 2199 && *m >= 1 && *m <= 12 && *d >= 1 && *d <= month_days(*y, *m);
}

int net_date_valid(const char *s)
{
    long y;
    int m, d;

    return s && strlen(s) == 10 && read_date(s, &y, &m, &d);
}

/* Days from civil (proleptic Gregorian), after H. Hinnant's public algorithm. */
long net_date_days(const char *s)
{
    long y, era, yoe, doy, doe;
    int m, d;

    if (!read_date(s, &y, &m, &d))
        return -1;
    y -= m <= 2;
    era = y / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void net_date_format(long z, char *out, size_t n)
{
    long era, doe, yoe, y, doy, mp, d, m;

    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = yoe + era * 400;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    snprintf(out, n, "%04ld-%02ld-%02ld", y + (m <= 2), m, d);
}

void net_mask_id(const char *id, char *out, size_t n)
{
    uint64_t h = 1469598103934665603ULL;

    for (const unsigned char *p = (const unsigned char *)id; *p; p++) {
        h ^= *p;
        h *= 1099511628211ULL;
    }
    snprintf(out, n, "%016llx", (unsigned long long)h);
}
