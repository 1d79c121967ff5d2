/*
 * fate.h - the declared current fate of a flow: where a supply goes today.
 *
 * The impact ledger credits a synergy with the disposal it avoids only when
 * the supply goes to disposal today: no credit for a stream already
 * recovered, and none of new savings for an exchange that already runs.
 * English names are canonical (stored, printed); French words are accepted
 * on input. Method: docs/impact.md.
 */
#ifndef SY_FATE_H
#define SY_FATE_H

enum fate {
    FATE_NONE,                /* not declared: the French default of the code applies */
    FATE_LANDFILL,            /* enfouissement (ISDND, ISDI) */
    FATE_INCINERATION,        /* incineration without energy recovery */
    FATE_INCINERATION_ENERGY, /* valorisation_energetique: incineration with energy recovery */
    FATE_SPREADING,           /* epandage: spread on land */
    FATE_RECOVERED,           /* valorise: sold or recovered already */
    FATE_SEWER,               /* egout: to the sewer or a treatment plant */
    FATE_UNKNOWN,             /* inconnu: declared unknown, the default applies */
    FATE_RUNNING,             /* en_cours: this very exchange already runs */
    FATE_N
};

/* "landfill", "incineration", ... "" for FATE_NONE. Static. */
const char *fate_name(enum fate f);

/* Parses an English or French name (case-insensitive, accents or not, '-' or
 * ' ' for '_'): "landfill"/"enfouissement", "incineration", "incineration_energy"/
 * "valorisation_energetique", "spreading"/"epandage", "recovered"/"valorise",
 * "sewer"/"egout", "unknown"/"inconnu", "running"/"en_cours". "" gives
 * FATE_NONE. 0, or -1 when the word is not a fate. */
int fate_parse(const char *s, enum fate *out);

#endif
