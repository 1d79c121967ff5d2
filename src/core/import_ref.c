/*
 * import_ref.c - imports of reference sources: the IREP register of
 * polluting facilities, and the nomenclatures (List of Waste, NACE, NAF,
 * our taxonomy) in the formats documented in docs/formats.md.
 */
#include "core/import_int.h"
#include "core/match_run.h"

#include <stdio.h>
#include <string.h>
#include "util/i18n.h"

enum {
    I_ID,
    I_NAME,
    I_SIRET,
    I_ADDRESS,
    I_POSTCODE,
    I_COMMUNE,
    I_X,
    I_Y,
    I_APE,
    I_DEPT,
    I_REGION,
    I_APE_LABEL,
    I_EPRTR,
    I_EPRTR_LABEL,
    I_NCOLS
};
/* The register's descriptive columns (department, labels) are known and not
 * stored: the codes carry the same information. The E-PRTR activity and the
 * name choose the facility's archetype (data/archetypes.csv) when the
 * knowledge base is given. */
static const struct colspec irep_cols[] = {
    {"Identifiant", 1, NULL},   {"Nom_Etablissement", 1, NULL},
    {"Numero_SIRET", 1, NULL},  {"Adresse", 1, NULL},
    {"Code_Postal", 1, NULL},   {"Commune", 1, NULL},
    {"Coordonnees_X", 1, NULL}, {"Coordonnees_Y", 1, NULL},
    {"Code_APE", 1, NULL},      {"Departement", 0, NULL},
    {"Region", 0, NULL},        {"Libelle_APE", 0, NULL},
    {"code_eprtr", 0, NULL},    {"libelle_eprtr", 0, NULL},
};

/* Turns line breaks and runs of blanks into single spaces, trimming both ends. */
static void flatten(char *s)
{
    char *w = s;
    int pending = 0;

    for (const char *p = s; *p; p++) {
        if (*p == '\n' || *p == '\r' || *p == '\t' || *p == ' ') {
            pending = w != s;
            continue;
        }
        if (pending)
            *w++ = ' ';
        pending = 0;
        *w++ = *p;
    }
    *w = '\0';
}

int import_irep(struct store *s, const char *path, const struct import_opts *o,
                struct import_result *r, struct err *e)
{
    struct import_opts io = o ? *o : (struct import_opts){0};
    struct reader rd;
    struct actor a;
    char addr[SY_NAME_MAX], pc[16], town[128], nace[16], code[64], label[SY_TEXT_MAX];
    struct kb *kb = NULL;
    double x, y;
    int rc;

    io.crs = "EPSG:27572"; /* Lambert II etendu, as the register publishes */
    if (io.kb_dir && match_kb_load(io.kb_dir, &kb, e))
        err_clear(e); /* no knowledge base: facilities get no archetype */
    rc = reader_open(&rd, s, path, irep_cols, I_NCOLS, &io, r, e);
    if (!rc)
        rc = valid_load(rd.v, s, VALID_TERRS | VALID_ACTORS | VALID_NAF, e);
    if (!rc && io.territory && !valid_known(&rd, VALID_TERRS, io.territory))
        rc =
            err_set(e, SY_EINPUT,
                    _("unknown territory '%s'; add it first with 'symbiose territory add %s NAME'"),
                    io.territory, io.territory);
    while (rc == SY_OK && (rc = reader_next(&rd)) == 1) {
        rc = SY_OK;
        memset(&a, 0, sizeof a);
        a.kind = ACTOR_COMPANY;
        if (!reader_copy(&rd, I_ID, a.id, sizeof a.id, 1))
            continue;
        reader_copy(&rd, I_NAME, a.name, sizeof a.name, 1);
        if (reader_copy(&rd, I_SIRET, a.siret, sizeof a.siret, 0) && a.siret[0] &&
            !model_siret_valid(a.siret)) {
            reader_warning(&rd, I_SIRET, _("SIRET '%s' fails the Luhn check; imported without it"),
                           a.siret);
            a.siret[0] = '\0';
        }
        valid_activity(&rd, I_APE, a.naf, sizeof a.naf);
        if (kb && a.naf[0]) {
            /* The register's E-PRTR activity and the name tell a coal plant from a gas one. */
            char pick[64];
            model_naf_to_nace(a.naf, nace, sizeof nace);
            reader_copy(&rd, I_EPRTR, code, sizeof code, 0);
            reader_copy(&rd, I_EPRTR_LABEL, label, sizeof label, 0);
            if (kb_archetype_pick(kb, nace, NULL, a.name, label, code, pick, sizeof pick))
                snprintf(a.archetype, sizeof a.archetype, "%s", strchr(pick, ':') + 1);
        }
        reader_copy(&rd, I_ADDRESS, addr, sizeof addr, 0);
        reader_copy(&rd, I_POSTCODE, pc, sizeof pc, 0);
        reader_copy(&rd, I_COMMUNE, town, sizeof town, 0);
        flatten(addr);
        snprintf(a.address, sizeof a.address, "%.160s%s%.15s %.60s", addr, addr[0] ? ", " : "", pc,
                 town);
        flatten(a.address);
        if (reader_number(&rd, I_X, &x, 1) == 1 && reader_number(&rd, I_Y, &y, 1) == 1) {
            if (geo_proj_to_wgs84(rd.proj, x, y, &a.lat, &a.lon))
                reader_error(&rd, I_X,
                             _("cannot convert x=%g y=%g from Lambert II etendu, or it falls "
                               "outside France (lat %.4f, lon %.4f)"),
                             x, y, a.lat, a.lon);
            else
                a.has_coord = 1;
        }
        if (io.territory)
            snprintf(a.territory, sizeof a.territory, "%s", io.territory);
        if (!reader_check_id(&rd, I_ID, a.id) || rd.row_bad)
            continue;
        reader_count(&rd, valid_known(&rd, VALID_ACTORS, a.id));
        rc = store_actor_put(s, &a, e);
    }
    kb_free(kb);
    return reader_close(&rd, rc, e);
}

/* Column layouts of the nomenclature files (see docs/formats.md). The last
 * three slots name columns the files are known to carry and that are not
 * stored, so that loading an official file gives no warning. */
enum {
    N_CODE,
    N_LEVEL,
    N_PARENT,
    N_EN,
    N_FR,
    N_HAZ,
    N_CHAPTER,
    N_CLASS,
    N_X1,
    N_X2,
    N_X3,
    N_NCOLS
};

static void nomen_specs(enum nomen_kind kind, struct colspec *c)
{
    static const char *const names[4][N_NCOLS] = {
        /* code, level, parent, en, fr, hazardous, chapter, class, known extras */
        {"code", NULL, NULL, "description", "description_fr", "hazardous", "chapter", NULL,
         "entry_type", NULL, NULL},
        {"code", "level", "parent", "label_en", "label_fr", NULL, NULL, NULL, "section",
         "isic_rev4", NULL},
        {"code", NULL, NULL, NULL, "label_fr", NULL, NULL, "class", "group", "division", "section"},
        {"code", NULL, "parent", "label_en", "label_fr", NULL, NULL, NULL, "unit", "state",
         "reference"},
    };

    for (int i = 0; i < N_NCOLS; i++) {
        c[i].name = names[kind][i] ? names[kind][i] : "\x01unused";
        c[i].required = names[kind][i] != NULL && i < N_X1;
    }
}

static int put_nace_label(void *ctx, const struct nomen_entry *n)
{
    return strmap_put(ctx, n->code, 0) ? SY_ENOMEM : SY_OK;
}

int import_nomenclature(struct store *s, enum nomen_kind kind, const char *path,
                        const struct import_opts *o, struct import_result *r, struct err *e)
{
    struct colspec cols[N_NCOLS];
    struct reader rd;
    struct nomen_entry n;
    struct nomen_entry cls;
    struct strmap nace;
    int star, rc;

    strmap_init(&nace);
    nomen_specs(kind, cols);
    rc = reader_open(&rd, s, path, cols, N_NCOLS, o, r, e);
    if (!rc && kind == NOMEN_NAF)
        rc = store_nomen_list(s, NOMEN_NACE, put_nace_label, &nace, e);
    while (rc == SY_OK && (rc = reader_next(&rd)) == 1) {
        rc = SY_OK;
        memset(&n, 0, sizeof n);
        n.kind = kind;
        if (!reader_copy(&rd, N_CODE, n.code, sizeof n.code, 1))
            continue;
        if (kind == NOMEN_LOW) {
            if (model_low_normalise(reader_field(&rd, N_CODE), n.code, sizeof n.code, &star)) {
                reader_error(&rd, N_CODE, _("'%s' is not a List of Waste code"),
                             reader_field(&rd, N_CODE));
                continue;
            }
            n.hazardous = reader_bool(&rd, N_HAZ) || star;
            snprintf(n.level, sizeof n.level, "entry");
            snprintf(n.parent, sizeof n.parent, "%.5s", n.code);
        } else if (kind == NOMEN_NAF) {
            char norm[16];

            if (model_naf_normalise(n.code, norm, sizeof norm)) {
                reader_error(&rd, N_CODE, _("'%s' is not a NAF code such as 20.14Z"), n.code);
                continue;
            }
            snprintf(n.code, sizeof n.code, "%s", norm);
            snprintf(n.level, sizeof n.level, "subclass");
            reader_copy(&rd, N_CLASS, n.parent, sizeof n.parent, 0);
            if (strmap_get(&nace, n.parent, NULL) &&
                store_nomen_get(s, NOMEN_NACE, n.parent, &cls, NULL) == SY_OK)
                snprintf(n.label_en, sizeof n.label_en, "%s", cls.label_en);
        } else {
            reader_copy(&rd, N_LEVEL, n.level, sizeof n.level, 0);
            reader_copy(&rd, N_PARENT, n.parent, sizeof n.parent, 0);
            if (kind == NOMEN_TAXONOMY && !model_taxonomy_valid(n.code)) {
                reader_error(&rd, N_CODE, _("'%s' is not a taxonomy code (dotted lowercase)"),
                             n.code);
                continue;
            }
        }
        if (kind != NOMEN_NAF)
            reader_copy(&rd, N_EN, n.label_en, sizeof n.label_en, 0);
        reader_copy(&rd, N_FR, n.label_fr, sizeof n.label_fr, 0);
        if (!reader_check_id(&rd, N_CODE, n.code) || rd.row_bad)
            continue;
        reader_count(&rd, 0);
        rc = store_nomen_put(s, &n, e);
    }
    if (rc == SY_OK && !rd.r->diags.nerrors)
        rc = store_nomen_reindex(s, e);
    strmap_release(&nace);
    return reader_close(&rd, rc, e);
}
