/*
 * record_alias.c - the other names a spreadsheet may give a column of the
 * record lists (record.h): French headers (docs/formats.md lists them),
 * compared without case, accents, or the difference between ' ', '_', '-',
 * '.' and an apostrophe.
 */
#include "io/record.h"

#include <string.h>

/* canonical column, then its aliases, NULL-terminated; one row per column */
static const char *const aliases[][8] = {
    {"id", "identifiant", "ident", "code_acteur", NULL},
    {"name", "nom", "raison_sociale", "denomination", "nom_acteur", NULL},
    {"siret", "n_siret", "numero_siret", NULL},
    {"naf", "code_naf", "ape", "code_ape", "naf_ape", "activite", NULL},
    {"kind", "type", "type_acteur", "nature", NULL},
    {"territory", "territoire", "code_territoire", NULL},
    {"address", "adresse", NULL},
    {"commune", "code_commune", "code_insee", "insee", "ville", NULL},
    {"lat", "latitude", NULL},
    {"lon", "longitude", "lng", NULL},
    {"workforce", "effectif", "effectifs", "salaries", "tranche_effectif", NULL},
    {"licensed_hazardous", "autorise_dangereux", "agrement_dangereux",
     "dechets_dangereux_autorises", NULL},
    {"contact_name", "contact", "contact_nom", "nom_contact", "interlocuteur", NULL},
    {"contact_role", "contact_fonction", "fonction", "fonction_contact", NULL},
    {"contact_email", "contact_courriel", "courriel", "email", "mail", "e_mail", NULL},
    {"contact_phone", "contact_telephone", "telephone", "tel", NULL},
    {"actor_id", "acteur", "id_acteur", "identifiant_acteur", NULL},
    {"direction", "sens", "offre_besoin", "offre_ou_besoin", NULL},
    {"code", "code_dechet", "code_ressource", NULL},
    {"description", "libelle", "designation", NULL},
    {"quantity", "quantite", "qte", "tonnage", NULL},
    {"unit", "unite", NULL},
    {"period", "periode", "periodicite", NULL},
    {"state", "etat", "etat_physique", NULL},
    {"confidentiality", "confidentialite", "diffusion", NULL},
    {"months", "mois", "mois_disponibles", "disponibilite", NULL},
    {"temperature_c", "temperature", "temperature_degc", NULL},
    {"region", "region", NULL},
    {"structure", "structure_animatrice", "animateur", NULL},
    {"programme", "programme_financement", "financement", NULL},
    {"archetype", "archetype", "type_site", NULL},
    {"fate", "devenir", "exutoire", "devenir_actuel", NULL},
};

/* Folds s into out: ASCII lowercase, the accents of French letters dropped,
 * separators made '_', spaces at both ends and doubled separators dropped. */
void rec_fold(const char *s, char *out, size_t n)
{
    static const struct {
        const char *utf8;
        char ascii;
    } acc[] = {{"é", 'e'}, {"è", 'e'}, {"ê", 'e'}, {"ë", 'e'}, {"É", 'e'}, {"È", 'e'},
               {"à", 'a'}, {"â", 'a'}, {"À", 'a'}, {"ç", 'c'}, {"Ç", 'c'}, {"î", 'i'},
               {"ï", 'i'}, {"ô", 'o'}, {"Ô", 'o'}, {"û", 'u'}, {"ù", 'u'}, {"ü", 'u'}};
    size_t o = 0;

    while (*s && o + 1 < n) {
        char c = *s;
        size_t k;

        for (k = 0; k < sizeof acc / sizeof acc[0]; k++) {
            size_t len = strlen(acc[k].utf8);

            if (strncmp(s, acc[k].utf8, len) == 0) {
                c = acc[k].ascii;
                s += len - 1;
                break;
            }
        }
        s++;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c == ' ' || c == '-' || c == '.' || c == '\'' || c == '_' || c == '\t' || c == '(' ||
            c == ')') {
            if (o && out[o - 1] != '_')
                out[o++] = '_';
            continue;
        }
        out[o++] = c;
    }
    while (o && out[o - 1] == '_')
        o--;
    out[o] = '\0';
}

int rec_header_matches(const char *field, const char *name)
{
    char f[128], c[64];

    rec_fold(field, f, sizeof f);
    rec_fold(name, c, sizeof c);
    if (strcmp(f, c) == 0)
        return 1;
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
        if (strcmp(aliases[i][0], name) != 0)
            continue;
        for (int k = 1; k < 8 && aliases[i][k]; k++)
            if (strcmp(f, aliases[i][k]) == 0)
                return 1;
    }
    return 0;
}
