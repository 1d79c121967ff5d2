/*
 * sirene.c - INSEE's StockEtablissement into the network's territories
 * (sirene.h), and the workforce bands file.
 */
#include "core/sirene.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/import_int.h"
#include "model/network.h"
#include "store/store_network.h"
#include "util/vec.h"
#include "util/i18n.h"

/* The columns INSEE documents for StockEtablissement, in its order, and the
 * NAF 2025 column published beside activitePrincipaleEtablissement since
 * 2025. Those the import reads come first in the enum; the others are known,
 * so that a full file gives no "unknown column" warning. */
enum {
    C_SIRET,
    C_ETAT,
    C_COMMUNE,
    C_NAF,
    C_NAF_NOMEN,
    C_NAF25,
    C_TRANCHE,
    C_DIFFUSION,
    C_X,
    C_Y,
    C_DENOM_USUELLE,
    C_ENSEIGNE1,
    C_DENOM_UL,
    C_NUM_VOIE,
    C_TYPE_VOIE,
    C_LIB_VOIE,
    C_CODE_POSTAL,
    C_LIB_COMMUNE,
    C_READ /* columns past this one are known and not read */
};

static const struct colspec sirene_cols[] = {
    {"siret", 1, NULL},
    {"etatAdministratifEtablissement", 1, NULL},
    {"codeCommuneEtablissement", 1, NULL},
    {"activitePrincipaleEtablissement", 1, NULL},
    {"nomenclatureActivitePrincipaleEtablissement", 0, NULL},
    {"activitePrincipaleNAF25Etablissement", 0, NULL},
    {"trancheEffectifsEtablissement", 1, NULL},
    {"statutDiffusionEtablissement", 1, NULL},
    {"coordonneeLambertAbscisseEtablissement", 0, NULL},
    {"coordonneeLambertOrdonneeEtablissement", 0, NULL},
    {"denominationUsuelleEtablissement", 0, NULL},
    {"enseigne1Etablissement", 0, NULL},
    {"denominationUniteLegale", 0, NULL},
    {"numeroVoieEtablissement", 0, NULL},
    {"typeVoieEtablissement", 0, NULL},
    {"libelleVoieEtablissement", 0, NULL},
    {"codePostalEtablissement", 0, NULL},
    {"libelleCommuneEtablissement", 0, NULL},
    /* known, not read */
    {"siren", 0, NULL},
    {"nic", 0, NULL},
    {"dateCreationEtablissement", 0, NULL},
    {"anneeEffectifsEtablissement", 0, NULL},
    {"activitePrincipaleRegistreMetiersEtablissement", 0, NULL},
    {"dateDernierTraitementEtablissement", 0, NULL},
    {"etablissementSiege", 0, NULL},
    {"nombrePeriodesEtablissement", 0, NULL},
    {"complementAdresseEtablissement", 0, NULL},
    {"indiceRepetitionEtablissement", 0, NULL},
    {"dernierNumeroVoieEtablissement", 0, NULL},
    {"indiceRepetitionDernierNumeroVoieEtablissement", 0, NULL},
    {"libelleCommuneEtrangerEtablissement", 0, NULL},
    {"distributionSpecialeEtablissement", 0, NULL},
    {"codeCedexEtablissement", 0, NULL},
    {"libelleCedexEtablissement", 0, NULL},
    {"codePaysEtrangerEtablissement", 0, NULL},
    {"libellePaysEtrangerEtablissement", 0, NULL},
    {"identifiantAdresseEtablissement", 0, NULL},
    {"complementAdresse2Etablissement", 0, NULL},
    {"numeroVoie2Etablissement", 0, NULL},
    {"indiceRepetition2Etablissement", 0, NULL},
    {"typeVoie2Etablissement", 0, NULL},
    {"libelleVoie2Etablissement", 0, NULL},
    {"codePostal2Etablissement", 0, NULL},
    {"libelleCommune2Etablissement", 0, NULL},
    {"libelleCommuneEtranger2Etablissement", 0, NULL},
    {"distributionSpeciale2Etablissement", 0, NULL},
    {"codeCommune2Etablissement", 0, NULL},
    {"codeCedex2Etablissement", 0, NULL},
    {"libelleCedex2Etablissement", 0, NULL},
    {"codePaysEtranger2Etablissement", 0, NULL},
    {"libellePaysEtranger2Etablissement", 0, NULL},
    {"dateDebut", 0, NULL},
    {"enseigne2Etablissement", 0, NULL},
    {"enseigne3Etablissement", 0, NULL},
    {"caractereEmployeurEtablissement", 0, NULL},
};

#define SIRENE_NCOLS ((int)(sizeof sirene_cols / sizeof sirene_cols[0]))

/* ---- workforce bands ---- */

static int band_number(const char *s, double *out)
{
    return csv_parse_number(s, out);
}

int sirene_bands_load(struct sirene_bands *b, const char *path, struct err *e)
{
    static const char *const want[] = {"code", "min", "max", "headcount", "label_fr"};
    FILE *f = fopen(path, "rb");
    struct csv *c;
    struct csv_record rec;
    int idx[5] = {-1, -1, -1, -1, -1}, rc;

    memset(b, 0, sizeof *b);
    if (!f)
        return err_set(e, SY_EIO, _("cannot open %s: %s; check the knowledge base folder (--kb)"),
                       path, strerror(errno));
    c = csv_new_file(f, path, NULL);
    if (!c) {
        fclose(f);
        return err_set(e, SY_ENOMEM, _("out of memory"));
    }
    rc = csv_next(c, &rec, e);
    if (rc == 1) {
        for (size_t i = 0; i < rec.n; i++)
            for (int k = 0; k < 5; k++)
                if (strcmp(rec.fields[i], want[k]) == 0)
                    idx[k] = (int)i;
        for (int k = 0; k < 5 && rc == 1; k++)
            if (idx[k] < 0)
                rc = err_set(e, SY_EINPUT, _("%s:1:1: missing column '%s'"), path, want[k]);
    } else if (rc == 0) {
        rc = err_set(e, SY_EINPUT, _("%s:1:1: the file is empty"), path);
    }
    while (rc == 1 && (rc = csv_next(c, &rec, e)) == 1) {
        struct sirene_band *d = &b->v[b->n];
        const char *mx;
        int bad = 0;

        if (rec.n <= (size_t)idx[0] || rec.n <= (size_t)idx[4] || rec.n <= (size_t)idx[3] ||
            rec.n <= (size_t)idx[2] || rec.n <= (size_t)idx[1]) {
            rc = err_set(e, SY_EINPUT, _("%s:%ld:1: too few fields"), path, rec.line);
            break;
        }
        if (b->n == SIRENE_BANDS_MAX) {
            rc = err_set(e, SY_ELIMIT, _("%s:%ld:1: more than %d bands"), path, rec.line,
                         SIRENE_BANDS_MAX);
            break;
        }
        mx = rec.fields[idx[2]];
        bad = strlen(rec.fields[idx[0]]) != 2 || band_number(rec.fields[idx[1]], &d->min) ||
              band_number(rec.fields[idx[3]], &d->headcount) || (*mx && band_number(mx, &d->max));
        if (bad) {
            rc = err_set(e, SY_EINPUT,
                         _("%s:%ld:1: a band needs a 2-character code and numbers in min, max "
                           "(empty = open) and headcount"),
                         path, rec.line);
            break;
        }
        if (!*mx)
            d->max = -1;
        snprintf(d->code, sizeof d->code, "%s", rec.fields[idx[0]]);
        snprintf(d->label_fr, sizeof d->label_fr, "%s", rec.fields[idx[4]]);
        b->n++;
    }
    csv_free(c);
    fclose(f);
    if (rc == 0 && b->n == 0)
        rc = err_set(e, SY_EINPUT, _("%s: no bands"), path);
    return rc < 0 ? rc : SY_OK;
}

const struct sirene_band *sirene_band_find(const struct sirene_bands *b, const char *code)
{
    for (size_t i = 0; i < b->n; i++)
        if (strcmp(b->v[i].code, code) == 0)
            return &b->v[i];
    return NULL;
}

void sirene_band_workforce(const struct sirene_band *band, char *out, size_t n)
{
    if (band->max < 0 || band->max == band->min)
        snprintf(out, n, "%g", band->min);
    else
        snprintf(out, n, "%g-%g", band->min, band->max);
}

/* ---- the import ---- */

/* Commune -> index of its territory in the selection, or -1 when in several. */
struct sel {
    struct strmap communes;
    char (*terr)[SY_ID_MAX];
    size_t n, cap;
    const char *only;
};

static int add_commune(void *ctx, const struct territory_commune *c)
{
    struct sel *s = ctx;
    long k;

    if (s->only && strcmp(c->territory, s->only) != 0)
        return 0;
    if (!s->n || strcmp(s->terr[s->n - 1], c->territory) != 0) {
        if (vec_reserve((void **)&s->terr, &s->cap, s->n + 1, sizeof *s->terr, 0))
            return SY_ENOMEM;
        snprintf(s->terr[s->n++], SY_ID_MAX, "%s", c->territory);
    }
    if (strmap_get(&s->communes, c->commune, &k))
        return strmap_put(&s->communes, c->commune, -1) ? SY_ENOMEM : 0;
    return strmap_put(&s->communes, c->commune, (long)s->n - 1) ? SY_ENOMEM : 0;
}

/* SIRET -> existing actor (ids are kept when an actor already has the SIRET). */
struct known {
    struct strmap by_siret;
    char (*ids)[SY_ID_MAX];
    size_t n, cap;
};

static int add_known(void *ctx, const struct actor *a)
{
    struct known *k = ctx;

    if (!a->siret[0])
        return 0;
    if (vec_reserve((void **)&k->ids, &k->cap, k->n + 1, sizeof *k->ids, 0))
        return SY_ENOMEM;
    snprintf(k->ids[k->n], SY_ID_MAX, "%s", a->id);
    return strmap_put(&k->by_siret, a->siret, (long)k->n++) ? SY_ENOMEM : 0;
}

/* INSEE writes "[ND]" in the fields it does not diffuse. */
static int masked(const char *s)
{
    return strcmp(s, "[ND]") == 0;
}

static void sirene_name(struct reader *rd, char *out, size_t n)
{
    static const int order[] = {C_DENOM_USUELLE, C_ENSEIGNE1, C_DENOM_UL};
    char v[SY_NAME_MAX];

    out[0] = '\0';
    for (int i = 0; i < 3 && !out[0]; i++)
        if (reader_copy(rd, order[i], v, sizeof v, 0) && v[0] && !masked(v))
            snprintf(out, n, "%s", v);
}

static void sirene_address(struct reader *rd, char *out, size_t n)
{
    char num[16] = "", type[16] = "", voie[128] = "", cp[16] = "", town[128] = "";

    reader_copy(rd, C_NUM_VOIE, num, sizeof num, 0);
    reader_copy(rd, C_TYPE_VOIE, type, sizeof type, 0);
    reader_copy(rd, C_LIB_VOIE, voie, sizeof voie, 0);
    reader_copy(rd, C_CODE_POSTAL, cp, sizeof cp, 0);
    reader_copy(rd, C_LIB_COMMUNE, town, sizeof town, 0);
    out[0] = '\0';
    if (voie[0] || town[0])
        snprintf(out, n, "%s%s%s%s%s%s%s %s", num, num[0] ? " " : "", type, type[0] ? " " : "",
                 voie, voie[0] ? ", " : "", cp, town);
}

/* The actor kind from the activity: public administration (84) and
 * membership organisations (94) are not companies. */
static enum actor_kind kind_of(const char *naf)
{
    if (strncmp(naf, "84", 2) == 0)
        return ACTOR_PUBLIC;
    if (strncmp(naf, "94", 2) == 0)
        return ACTOR_ASSOCIATION;
    return ACTOR_COMPANY;
}

struct row {
    struct actor a;
    struct sirene_info si;
};

/* Reads the current record into w; 0 = keep, 1 = skip (counted), <0 error. */
static int read_row(struct reader *rd, struct sel *sel, const struct sirene_bands *bands,
                    struct row *w, struct sirene_stats *st)
{
    char etat[8], commune[16], diff[8], tranche[8], naf[16], nomen[16], naf25[16];
    const struct sirene_band *band;
    double x, y;
    long ti;

    memset(w, 0, sizeof *w);
    if (!reader_copy(rd, C_SIRET, w->si.siret, sizeof w->si.siret, 1))
        return 0;
    if (!model_siret_valid(w->si.siret))
        reader_error(rd, C_SIRET, _("SIRET '%s' is invalid (14 digits with a valid check digit)"),
                     w->si.siret);
    reader_copy(rd, C_ETAT, etat, sizeof etat, 1);
    if (strcmp(etat, "F") == 0) {
        st->closed++;
        return 1;
    }
    if (strcmp(etat, "A") != 0) {
        reader_error(rd, C_ETAT, _("etatAdministratifEtablissement '%s' is neither A nor F"), etat);
        return 0;
    }
    reader_copy(rd, C_COMMUNE, commune, sizeof commune, 0);
    if (commune[0] && !model_commune_valid(commune)) {
        reader_error(rd, C_COMMUNE, _("codeCommuneEtablissement '%s' is not an INSEE commune code"),
                     commune);
        return 0;
    }
    if (!commune[0] || !strmap_get(&sel->communes, commune, &ti)) {
        st->outside++;
        return 1;
    }
    if (ti < 0) {
        reader_error(rd, C_COMMUNE,
                     _("commune %s belongs to several territories; import with --territory"),
                     commune);
        return 0;
    }
    snprintf(w->a.territory, sizeof w->a.territory, "%s", sel->terr[ti]);
    reader_copy(rd, C_DIFFUSION, diff, sizeof diff, 1);
    if (strcmp(diff, "O") != 0 && strcmp(diff, "P") != 0 && strcmp(diff, "N") != 0)
        reader_error(rd, C_DIFFUSION, _("statutDiffusionEtablissement '%s' is not O, P or N"),
                     diff);
    w->si.diffusible = strcmp(diff, "O") == 0;
    reader_copy(rd, C_NAF_NOMEN, nomen, sizeof nomen, 0);
    reader_copy(rd, C_NAF, naf, sizeof naf, 0);
    if (nomen[0] && strcmp(nomen, "NAFRev2") != 0) {
        st->old_naf++;
    } else if (naf[0] && !masked(naf)) {
        valid_activity(rd, C_NAF, w->a.naf, sizeof w->a.naf);
    }
    if (reader_copy(rd, C_NAF25, naf25, sizeof naf25, 0) && naf25[0] && !masked(naf25))
        snprintf(w->si.naf25, sizeof w->si.naf25, "%s", naf25);
    reader_copy(rd, C_TRANCHE, tranche, sizeof tranche, 0);
    if (tranche[0] && !masked(tranche)) {
        band = sirene_band_find(bands, tranche);
        if (!band)
            reader_error(rd, C_TRANCHE,
                         _("trancheEffectifsEtablissement '%s' is not an INSEE band code (NN, 00, "
                           "01 ... 53; data/workforce_bands.csv)"),
                         tranche);
        else {
            snprintf(w->si.tranche, sizeof w->si.tranche, "%s", band->code);
            sirene_band_workforce(band, w->a.workforce, sizeof w->a.workforce);
        }
    }
    w->a.kind = kind_of(w->a.naf);
    if (!w->si.diffusible) { /* nothing that names or places it */
        char tag[24];

        net_mask_id(w->si.siret, tag, sizeof tag);
        snprintf(w->a.id, sizeof w->a.id, "sirene-nd-%s", tag);
        snprintf(w->a.name, sizeof w->a.name, "%s", "Établissement non diffusible");
        w->si.siret[0] = '\0';
        st->non_diffusible++;
        return 0;
    }
    snprintf(w->a.id, sizeof w->a.id, "sirene-%s", w->si.siret);
    snprintf(w->a.siret, sizeof w->a.siret, "%s", w->si.siret);
    snprintf(w->a.commune, sizeof w->a.commune, "%.5s", commune);
    sirene_name(rd, w->a.name, sizeof w->a.name);
    if (!w->a.name[0])
        snprintf(w->a.name, sizeof w->a.name, "SIRET %s", w->si.siret);
    sirene_address(rd, w->a.address, sizeof w->a.address);
    if (reader_field(rd, C_X)[0] && !masked(reader_field(rd, C_X)) &&
        reader_number(rd, C_X, &x, 0) == 1 && reader_number(rd, C_Y, &y, 1) == 1) {
        if (geo_proj_to_wgs84(rd->proj, x, y, &w->a.lat, &w->a.lon) || w->a.lat < 41 ||
            w->a.lat > 52 || w->a.lon < -6 || w->a.lon > 10)
            reader_error(rd, C_X, _("x=%g y=%g is not a Lambert-93 point in metropolitan France"),
                         x, y);
        else
            w->a.has_coord = 1;
    }
    if (!w->a.has_coord)
        st->no_coord++;
    return 0;
}

/* An actor that already holds the SIRET keeps its id, name and position;
 * only what it lacks is filled in. */
static int merge_known(struct store *s, struct row *w, const char *id, struct err *e)
{
    struct actor old;
    int rc = store_actor_get(s, id, &old, e);

    if (rc)
        return rc;
    if (!old.naf[0])
        snprintf(old.naf, sizeof old.naf, "%s", w->a.naf);
    if (!old.workforce[0])
        snprintf(old.workforce, sizeof old.workforce, "%s", w->a.workforce);
    if (!old.commune[0])
        snprintf(old.commune, sizeof old.commune, "%s", w->a.commune);
    if (!old.territory[0])
        snprintf(old.territory, sizeof old.territory, "%s", w->a.territory);
    if (!old.has_coord && w->a.has_coord) {
        old.lat = w->a.lat;
        old.lon = w->a.lon;
        old.has_coord = 1;
    }
    w->a = old;
    return SY_OK;
}

int import_sirene(struct store *s, const char *path, const char *territory,
                  const struct sirene_bands *bands, const struct import_opts *o,
                  struct import_result *r, struct sirene_stats *st, struct err *e)
{
    struct import_opts io = o ? *o : (struct import_opts){0};
    struct sel sel = {.only = territory};
    struct known known = {0};
    struct reader rd;
    struct row w;
    long k;
    int rc;

    memset(st, 0, sizeof *st);
    strmap_init(&sel.communes);
    strmap_init(&known.by_siret);
    io.crs = "EPSG:2154"; /* INSEE publishes Lambert-93 */
    rc = reader_open(&rd, s, path, sirene_cols, SIRENE_NCOLS, &io, r, e);
    if (!rc)
        rc = valid_load(rd.v, s, VALID_TERRS | VALID_ACTORS | VALID_NAF, e);
    if (!rc && territory && !valid_known(&rd, VALID_TERRS, territory))
        rc = err_set(e, SY_EINPUT,
                     _("unknown territory '%s'; add it first with 'symbiose territory add %s "
                       "--name NAME --epci SIREN'"),
                     territory, territory);
    if (!rc)
        rc = store_territory_communes_list(s, NULL, add_commune, &sel, e);
    if (!rc)
        rc = store_actor_list(s, NULL, add_known, &known, e);
    if (rc == SY_ENOMEM)
        rc = err_set(e, rc, _("out of memory"));
    if (!rc && sel.communes.n == 0)
        rc = err_set(e, SY_EINPUT,
                     _("%s has no communes: give it some with 'symbiose territory add %s --epci "
                       "SIREN' or '--commune INSEE'"),
                     territory ? territory : "no territory", territory ? territory : "CODE");
    while (rc == SY_OK && (rc = reader_next(&rd)) == 1) {
        rc = read_row(&rd, &sel, bands, &w, st);
        if (rc == 1 || rd.row_bad) {
            rc = SY_OK;
            continue;
        }
        if (w.si.siret[0] && strmap_get(&known.by_siret, w.si.siret, &k)) {
            if ((rc = merge_known(s, &w, known.ids[k], e)) != 0)
                break;
        }
        if (!reader_check_id(&rd, C_SIRET, w.a.id))
            continue;
        snprintf(w.si.actor_id, sizeof w.si.actor_id, "%s", w.a.id);
        reader_count(&rd, valid_known(&rd, VALID_ACTORS, w.a.id));
        st->kept++;
        rc = store_actor_put(s, &w.a, e);
        if (!rc)
            rc = store_sirene_put(s, &w.si, e);
    }
    rc = reader_close(&rd, rc, e);
    strmap_release(&sel.communes);
    strmap_release(&known.by_siret);
    free(sel.terr);
    free(known.ids);
    return rc;
}
