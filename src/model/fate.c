/*
 * fate.c - names of the current fate of a flow, in English and French.
 */
#include "model/fate.h"

#include <ctype.h>
#include <stddef.h>
#include <string.h>

static const char *const names[FATE_N] = {
    "",      "landfill", "incineration", "incineration_energy", "spreading", "recovered",
    "sewer", "unknown",  "running",
};

/* French words, same order (accents folded by fate_parse). */
static const char *const names_fr[FATE_N] = {
    "",      "enfouissement", "incineration", "valorisation_energetique", "epandage", "valorise",
    "egout", "inconnu",       "en_cours",
};

const char *fate_name(enum fate f)
{
    return f >= 0 && f < FATE_N ? names[f] : "";
}

/* Folds s into out: lower case, '-' and ' ' to '_', é/è/ê/É to e, ô to o;
 * 0, or -1 if it does not fit. */
static int fold(const char *s, char *out, size_t n)
{
    size_t j = 0;

    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        char c;

        if (p[0] == 0xc3 && p[1]) {
            unsigned char d = p[1];

            p++;
            if (d == 0xa9 || d == 0xa8 || d == 0xaa || d == 0x89 || d == 0x88)
                c = 'e';
            else if (d == 0xb4 || d == 0x94)
                c = 'o';
            else
                return -1;
        } else if (*p == '-' || *p == ' ') {
            c = '_';
        } else {
            c = (char)tolower(*p);
        }
        if (j + 1 >= n)
            return -1;
        out[j++] = c;
    }
    out[j] = '\0';
    return 0;
}

int fate_parse(const char *s, enum fate *out)
{
    char w[40];

    if (!s || fold(s, w, sizeof w))
        return -1;
    for (int i = 0; i < FATE_N; i++) {
        if (strcmp(w, names[i]) == 0 || strcmp(w, names_fr[i]) == 0) {
            *out = (enum fate)i;
            return 0;
        }
    }
    if (strcmp(w, "valorisation_matiere") == 0 || strcmp(w, "vendu") == 0) {
        *out = FATE_RECOVERED;
        return 0;
    }
    return -1;
}
