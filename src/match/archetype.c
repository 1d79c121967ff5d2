/*
 * archetype.c - picks an actor's archetype within its NACE class from the
 * rules of archetypes.csv (kb.h, struct kb_archetype): the facilitator's
 * choice first, then the first rule whose words occur in the actor's name,
 * the register's activity label or its E-PRTR code. Case and accents are
 * ignored.
 */
#include "match/kb.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* Lowercase ASCII copy of s with the common Latin accents dropped
 * (UTF-8 é è ê ë à â ä î ï ô ö ù û ü ç æ ø å). */
static void fold(const char *s, char *out, size_t n)
{
    static const char *const from[] = {"é", "è", "ê", "ë", "à", "â", "ä", "î", "ï", "ô", "ö",
                                       "ù", "û", "ü", "ç", "æ", "ø", "å", "É", "È", "À", "Ç"};
    static const char *const to[] = {"e", "e", "e", "e", "a",  "a", "a", "i", "i", "o", "o",
                                     "u", "u", "u", "c", "ae", "o", "a", "e", "e", "a", "c"};
    size_t k = 0;

    for (; s && *s && k + 3 < n;) {
        size_t j;
        for (j = 0; j < sizeof from / sizeof *from; j++)
            if (strncmp(s, from[j], strlen(from[j])) == 0)
                break;
        if (j < sizeof from / sizeof *from) {
            for (const char *t = to[j]; *t && k + 1 < n; t++)
                out[k++] = *t;
            s += strlen(from[j]);
        } else {
            out[k++] = (char)tolower((unsigned char)*s++);
        }
    }
    out[k] = 0;
}

/* 1 if one of pattern's '|'-separated words occurs in the folded text. */
static int words_in(const char *pattern, const char *text)
{
    char word[SY_NAME_MAX], ftext[SY_TEXT_MAX];
    const char *p = pattern;

    if (!text || !*text)
        return 0;
    fold(text, ftext, sizeof ftext);
    while (*p) {
        size_t len = strcspn(p, "|");
        if (len > 0 && len < sizeof word) {
            char fw[SY_NAME_MAX];
            memcpy(word, p, len);
            word[len] = 0;
            fold(word, fw, sizeof fw);
            if (strstr(ftext, fw))
                return 1;
        }
        p += len;
        if (*p == '|')
            p++;
    }
    return 0;
}

int kb_archetype_pick(const struct kb *kb, const char *nace, const char *choice, const char *name,
                      const char *activity, const char *eprtr, char *out, size_t n)
{
    const char *want = choice && *choice ? choice : NULL;
    size_t nl = strlen(nace);

    snprintf(out, n, "%s", nace);
    if (want && strchr(want, ':')) { /* "35.11:coal": the class must be the actor's */
        if (strncmp(want, nace, nl) != 0 || want[nl] != ':')
            return 0;
        want += nl + 1;
    }
    for (size_t i = 0; i < kb_narchetypes(kb); i++) {
        const struct kb_archetype *a = kb_archetype(kb, i);
        int hit;
        if (strcmp(a->nace, nace) != 0)
            continue;
        if (want)
            hit = strcmp(a->archetype, want) == 0;
        else if (strcmp(a->field, "name") == 0)
            hit = words_in(a->pattern, name);
        else if (strcmp(a->field, "activity") == 0)
            hit = words_in(a->pattern, activity);
        else if (strcmp(a->field, "eprtr") == 0)
            hit = words_in(a->pattern, eprtr);
        else if (strcmp(a->field, "any") == 0)
            hit = words_in(a->pattern, name) || words_in(a->pattern, activity);
        else
            hit = 0; /* "choice": only the facilitator picks it */
        if (hit) {
            snprintf(out, n, "%s:%s", nace, a->archetype);
            return 1;
        }
    }
    return 0;
}
