/*
 * import.c - validated, transactional CSV imports: territories, actors,
 * flows. The shared reader machinery (header mapping, located errors,
 * validation sets) lives in import_read.c; IREP and nomenclatures in
 * import_ref.c.
 */
#include "core/import_int.h"
#include "core/communes.h"
#include "store/store_edit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/i18n.h"

int import_terr_specs(struct colspec cols[T_NCOLS], struct err *e)
{
    if (colspecs_add(cols, 0, T_NCOLS, &rec_territory) != T_NCOLS)
        return err_set(e, SY_EUSAGE, "territory columns out of step with io/record.c");
    return SY_OK;
}

int import_actor_specs(struct colspec cols[A_NCOLS], int crs, struct err *e)
{
    if (colspecs_add(cols, colspecs_add(cols, 0, A_NCOLS, &rec_actor), A_NCOLS,
                     &rec_actor_contact) != A_ARCHETYPE)
        return err_set(e, SY_EUSAGE, "actor columns out of step with io/record.c");
    cols[A_ARCHETYPE].name = "archetype"; /* data/archetypes.csv, set by core/knowledge */
    cols[A_ARCHETYPE].required = 0;
    cols[A_ARCHETYPE].col = NULL;
    if (crs) {
        cols[A_LAT].name = "x";
        cols[A_LON].name = "y";
    }
    return SY_OK;
}

int import_flow_specs(struct colspec cols[F_NCOLS], struct err *e)
{
    if (colspecs_add(cols, 0, F_NCOLS, &rec_flow) != F_NCOLS)
        return err_set(e, SY_EUSAGE, "flow columns out of step with io/record.c");
    return SY_OK;
}

void row_territory(struct reader *rd, struct territory *t)
{
    if (reader_has(rd, T_CODE))
        reader_copy(rd, T_CODE, t->code, sizeof t->code, 1);
    if (reader_has(rd, T_NAME))
        reader_copy(rd, T_NAME, t->name, sizeof t->name, 1);
    if (reader_has(rd, T_REGION))
        reader_copy(rd, T_REGION, t->region, sizeof t->region, 0);
    if (reader_has(rd, T_STRUCTURE))
        reader_copy(rd, T_STRUCTURE, t->structure, sizeof t->structure, 0);
    if (reader_has(rd, T_PROGRAMME))
        reader_copy(rd, T_PROGRAMME, t->programme, sizeof t->programme, 0);
}

int import_territories(struct store *s, const char *path, const struct import_opts *o,
                       struct import_result *r, struct err *e)
{
    struct colspec cols[T_NCOLS];
    struct reader rd;
    struct territory t;
    int rc, existed;

    if ((rc = import_terr_specs(cols, e)) != SY_OK)
        return rc;
    rc = reader_open(&rd, s, path, cols, T_NCOLS, o, r, e);
    if (!rc)
        rc = valid_load(rd.v, s, VALID_TERRS, e);
    while (rc == SY_OK && (rc = reader_next(&rd)) == 1) {
        rc = SY_OK;
        memset(&t, 0, sizeof t);
        if (!reader_copy(&rd, T_CODE, t.code, sizeof t.code, 1))
            continue;
        existed = valid_known(&rd, VALID_TERRS, t.code);
        /* a column the file does not have keeps its stored value */
        if (existed && rd.partial && (rc = store_territory_get(s, t.code, &t, e)) != SY_OK)
            break;
        row_territory(&rd, &t);
        if (!reader_check_id(&rd, T_CODE, t.code) || rd.row_bad)
            continue;
        reader_count(&rd, existed);
        rc = store_territory_put(s, &t, e);
        if (!rc)
            rc = valid_note(&rd, VALID_TERRS, t.code);
    }
    return reader_close(&rd, rc, e);
}

static void actor_coords(struct reader *rd, struct actor *a)
{
    double x, y;
    int okx = reader_number(rd, A_LAT, &x, 0), oky = reader_number(rd, A_LON, &y, 0);

    if (okx != 1 || oky != 1) {
        if (okx < 0 || oky < 0)
            return; /* not a number: already reported */
        if (okx == 1 || oky == 1)
            reader_error(rd, okx == 1 ? A_LON : A_LAT,
                         _("%s is missing while %s is given; give both coordinates or neither"),
                         rd->specs[okx == 1 ? A_LON : A_LAT].name,
                         rd->specs[okx == 1 ? A_LAT : A_LON].name);
        return;
    }
    if (rd->proj) {
        int prc = geo_proj_to_wgs84(rd->proj, x, y, &a->lat, &a->lon);

        if (prc == SY_ELIMIT) {
            double w, s, e, n;

            geo_proj_area(rd->proj, &w, &s, &e, &n);
            reader_error(rd, A_LAT,
                         _("x=%g y=%g in %s falls at lat %.4f, lon %.4f, outside the area where "
                           "that CRS is used (lat %.1f..%.1f, lon %.1f..%.1f); check --crs and "
                           "that x and y are not swapped"),
                         x, y, rd->opts->crs, a->lat, a->lon, s, n, w, e);
            return;
        }
        if (prc) {
            reader_error(rd, A_LAT, _("cannot convert x=%g y=%g from %s to WGS84; check the CRS"),
                         x, y, rd->opts->crs);
            return;
        }
    } else {
        a->lat = x;
        a->lon = y;
        if (!(x >= -90 && x <= 90)) {
            reader_error(rd, A_LAT,
                         _("latitude %g is out of range [-90, 90]; check that lat and "
                           "lon are not swapped, or give x,y with --crs"),
                         x);
            return;
        }
        if (!(y >= -180 && y <= 180)) {
            reader_error(rd, A_LON, _("longitude %g is out of range [-180, 180]"), y);
            return;
        }
    }
    a->has_coord = 1;
}

/* The SIRET without the spaces it is shown with online ("816 613 186 09139"),
 * no-break and thin spaces included. 1 if copied (possibly empty). */
static int siret_copy(struct reader *rd, char *out, size_t n)
{
    const char *v = reader_field(rd, A_SIRET);
    size_t o = 0;

    for (; *v; v++) {
        if (*v == ' ' || *v == '\t' || *v == '.')
            continue;
        if (!strncmp(v, "\xC2\xA0", 2) || !strncmp(v, "\xE2\x80\xAF", 3) ||
            !strncmp(v, "\xE2\x80\x89", 3)) {
            v += v[0] == '\xC2' ? 1 : 2;
            continue;
        }
        if (o + 1 >= n) {
            reader_error(rd, A_SIRET,
                         _("SIRET '%s' is too long: a SIRET has 14 digits (9 of the SIREN, 5 of "
                           "the establishment)"),
                         reader_field(rd, A_SIRET));
            out[0] = '\0';
            return 0;
        }
        out[o++] = *v;
    }
    out[o] = '\0';
    return 1;
}

void row_actor(struct reader *rd, struct actor *a)
{
    if (reader_has(rd, A_ID))
        reader_copy(rd, A_ID, a->id, sizeof a->id, 1);
    if (reader_has(rd, A_NAME))
        reader_copy(rd, A_NAME, a->name, sizeof a->name, 1);
    if (reader_has(rd, A_SIRET) && siret_copy(rd, a->siret, sizeof a->siret) && a->siret[0] &&
        !model_siret_valid(a->siret))
        reader_error(rd, A_SIRET,
                     _("SIRET '%s' is invalid (14 digits with a valid Luhn check digit "
                       "expected); check it on annuaire-entreprises.data.gouv.fr or leave it "
                       "empty"),
                     reader_field(rd, A_SIRET));
    if (reader_has(rd, A_NAF))
        valid_activity(rd, A_NAF, a->naf, sizeof a->naf);
    if (reader_has(rd, A_KIND) && !*reader_field(rd, A_KIND))
        a->kind = ACTOR_COMPANY;
    if (*reader_field(rd, A_KIND) && model_kind_parse(reader_field(rd, A_KIND), &a->kind))
        reader_error(
            rd, A_KIND,
            _("kind '%s' is not one of company, public, association (in French: entreprise, "
              "public, association)"),
            reader_field(rd, A_KIND));
    if (reader_has(rd, A_TERRITORY) &&
        reader_copy(rd, A_TERRITORY, a->territory, sizeof a->territory, 0) && a->territory[0] &&
        !valid_known(rd, VALID_TERRS, a->territory))
        reader_error(rd, A_TERRITORY,
                     _("unknown territory '%s'; add it first with 'symbiose territory add %s "
                       "NAME'"),
                     a->territory, a->territory);
    if (reader_has(rd, A_ADDRESS))
        reader_copy(rd, A_ADDRESS, a->address, sizeof a->address, 0);
    if (reader_has(rd, A_COMMUNE))
        place_commune(rd, A_COMMUNE, a->commune, sizeof a->commune);
    if (reader_has(rd, A_LAT) || reader_has(rd, A_LON)) {
        a->has_coord = 0;
        actor_coords(rd, a);
    }
    if (!rd->row_bad && (reader_has(rd, A_LAT) || reader_has(rd, A_COMMUNE)))
        place_check(rd, A_LAT, a);
    if (reader_has(rd, A_WORKFORCE))
        reader_copy(rd, A_WORKFORCE, a->workforce, sizeof a->workforce, 0);
    if (reader_has(rd, A_LICENSED))
        a->licensed_hazardous = reader_bool(rd, A_LICENSED);
    if (reader_has(rd, A_ARCHETYPE) &&
        reader_copy(rd, A_ARCHETYPE, a->archetype, sizeof a->archetype, 0) && a->archetype[0] &&
        (!model_taxonomy_valid(a->archetype) || strchr(a->archetype, '.')))
        reader_error(rd, A_ARCHETYPE,
                     _("archetype '%s' is not one lowercase word (coal, re_refining...); see "
                       "data/archetypes.csv"),
                     a->archetype);
}

/* The contact of an actor row, if its columns name one. */
int row_contact(struct reader *rd, const char *actor_id, struct contact *c)
{
    if (!*reader_field(rd, A_CNAME))
        return 0;
    memset(c, 0, sizeof *c);
    snprintf(c->actor_id, sizeof c->actor_id, "%s", actor_id);
    reader_copy(rd, A_CNAME, c->name, sizeof c->name, 0);
    reader_copy(rd, A_CROLE, c->role, sizeof c->role, 0);
    reader_copy(rd, A_CEMAIL, c->email, sizeof c->email, 0);
    reader_copy(rd, A_CPHONE, c->phone, sizeof c->phone, 0);
    return 1;
}

int import_actors(struct store *s, const char *path, const struct import_opts *o,
                  struct import_result *r, struct err *e)
{
    struct colspec cols[A_NCOLS];
    struct reader rd;
    struct actor a;
    struct contact c;
    int rc, existed;

    if ((rc = import_actor_specs(cols, o && o->crs, e)) != SY_OK)
        return rc;
    rc = reader_open(&rd, s, path, cols, A_NCOLS, o, r, e);
    if (!rc)
        rc = valid_load(rd.v, s, VALID_TERRS | VALID_ACTORS | VALID_NAF, e);
    if (!rc && o && o->communes && refcommunes_load(&rd.v->communes, o->communes, NULL))
        rd.v->communes = NULL; /* without them, communes are checked for form only */
    while (rc == SY_OK && (rc = reader_next(&rd)) == 1) {
        rc = SY_OK;
        memset(&a, 0, sizeof a);
        if (!reader_copy(&rd, A_ID, a.id, sizeof a.id, 1))
            continue;
        existed = valid_known(&rd, VALID_ACTORS, a.id);
        /* a column the file does not have keeps its stored value */
        if (existed && rd.partial && (rc = store_actor_get(s, a.id, &a, e)) != SY_OK)
            break;
        row_actor(&rd, &a);
        if (!reader_check_id(&rd, A_ID, a.id) || rd.row_bad)
            continue;
        reader_count(&rd, existed);
        rc = store_actor_put(s, &a, e);
        if (!rc)
            rc = valid_note(&rd, VALID_ACTORS, a.id);
        if (!rc && row_contact(&rd, a.id, &c))
            rc = store_contact_put(s, &c, e);
        sync_note(&rd, a.territory);
    }
    if (rc == SY_OK)
        rc = sync_finish(&rd, 0, e);
    return reader_close(&rd, rc, e);
}

void row_flow(struct reader *rd, struct flow *f)
{
    const char *v;
    double mult;

    if (reader_has(rd, F_ACTOR) && reader_copy(rd, F_ACTOR, f->actor_id, sizeof f->actor_id, 1) &&
        !valid_known(rd, VALID_ACTORS, f->actor_id))
        reader_error(rd, F_ACTOR,
                     _("unknown actor '%s'; import it first with 'symbiose import actors'"),
                     f->actor_id);
    v = reader_field(rd, F_DIR);
    if (reader_has(rd, F_DIR) && model_dir_parse(v, &f->dir))
        reader_error(rd, F_DIR,
                     _("direction '%s' is not supply or demand (in French: offre or besoin)"), v);
    if (reader_has(rd, F_CODE))
        valid_resource(rd, F_CODE, f);
    if (reader_has(rd, F_DESC))
        reader_copy(rd, F_DESC, f->description, sizeof f->description, 0);
    if (reader_has(rd, F_QTY) && reader_number(rd, F_QTY, &f->qty, 1) == 1 && f->qty < 0)
        reader_error(rd, F_QTY,
                     _("quantity %s is negative; a flow quantity is 0 or more, and the "
                       "direction (supply or demand) says which way it goes"),
                     reader_field(rd, F_QTY));
    v = reader_field(rd, F_UNIT);
    if (reader_has(rd, F_UNIT) && reader_copy(rd, F_UNIT, f->unit, sizeof f->unit, 1) &&
        model_unit_parse(v, &f->canon, &mult))
        reader_error(rd, F_UNIT,
                     _("unknown unit '%s'; use t, kg, MWh, kWh, GJ, m3, L or count (the period "
                       "goes in the period column)"),
                     v);
    v = reader_field(rd, F_PERIOD);
    if (*v && model_period_parse(v, &f->period))
        reader_error(
            rd, F_PERIOD,
            _("period '%s' is not one of year, month, week, day, once (in French: an, mois, "
              "semaine, jour, ponctuel)"),
            v);
    v = reader_field(rd, F_STATE);
    if (reader_has(rd, F_STATE) && model_state_parse(v, &f->state))
        reader_error(
            rd, F_STATE,
            _("state '%s' is not one of solid, liquid, gas, sludge, none (in French: solide, "
              "liquide, gaz, boue, aucun)"),
            v);
    v = reader_field(rd, F_CONF);
    if (reader_has(rd, F_CONF) && !*v)
        f->conf = CONF_TERRITORY;
    if (*v && model_conf_parse(v, &f->conf))
        reader_error(rd, F_CONF,
                     _("confidentiality '%s' is not one of public, network, territory, private (in "
                       "French: public, réseau, territoire, privé)"),
                     v);
    v = reader_field(rd, F_MONTHS);
    if (reader_has(rd, F_MONTHS) && !*v)
        f->months = MONTHS_ALL;
    if (*v && model_months_parse(v, &f->months))
        reader_error(rd, F_MONTHS,
                     _("months '%s' is not a list of months 1-12 such as 4-10 or 1,2,12"), v);
    if (reader_has(rd, F_TEMP))
        f->has_temp = 0;
    if (reader_number(rd, F_TEMP, &f->temp_c, 0) == 1) {
        f->has_temp = 1;
        if (f->temp_c < -273.15 || f->temp_c > 2000)
            reader_error(rd, F_TEMP, _("temperature %g °C is out of range [-273.15, 2000]"),
                         f->temp_c);
    }
    v = reader_field(rd, F_FATE);
    if (reader_has(rd, F_FATE) && !*v)
        f->fate = FATE_NONE;
    if (*v && fate_parse(v, &f->fate))
        reader_error(rd, F_FATE,
                     _("fate '%s' is not one of landfill, incineration, incineration_energy, "
                       "spreading, recovered, sewer, unknown, running (or enfouissement, "
                       "incineration, valorisation_energetique, epandage, valorise, egout, "
                       "inconnu, en_cours)"),
                     v);
}

void flow_defaults(struct flow *f)
{
    memset(f, 0, sizeof *f);
    f->conf = CONF_TERRITORY;
    f->months = MONTHS_ALL;
}

int flow_derive_id(struct flow *f)
{
    return (size_t)snprintf(f->id, sizeof f->id, "%s/%s/%s", f->actor_id, model_dir_name(f->dir),
                            f->code) < sizeof f->id
               ? SY_OK
               : SY_EINPUT;
}

/* sync: the territory of a flow is its actor's. */
static int sync_note_actor(struct reader *rd, const char *actor_id, struct err *e)
{
    struct actor *a = malloc(sizeof *a);
    int rc;

    if (!a)
        return err_set(e, SY_ENOMEM, _("out of memory"));
    rc = store_actor_get(rd->store, actor_id, a, e);
    if (!rc)
        sync_note(rd, a->territory);
    free(a);
    return rc;
}

int import_flows(struct store *s, const char *path, const struct import_opts *o,
                 struct import_result *r, struct err *e)
{
    struct colspec cols[F_NCOLS];
    struct reader rd;
    struct flow f;
    int rc, existed;

    if ((rc = import_flow_specs(cols, e)) != SY_OK)
        return rc;
    rc = reader_open(&rd, s, path, cols, F_NCOLS, o, r, e);
    if (!rc)
        rc = valid_load(rd.v, s, VALID_ACTORS | VALID_FLOWS | VALID_LOW | VALID_TAXONOMY, e);
    while (rc == SY_OK && (rc = reader_next(&rd)) == 1) {
        rc = SY_OK;
        flow_defaults(&f);
        row_flow(&rd, &f);
        if (rd.row_bad)
            continue;
        if (!reader_copy(&rd, F_ID, f.id, sizeof f.id, 0) || !f.id[0]) {
            if (flow_derive_id(&f)) {
                reader_error(&rd, F_ACTOR,
                             _("actor id and code too long to form a flow id; add an "
                               "id column"));
                continue;
            }
        }
        if (!reader_check_id(&rd, rd.idx[F_ID] >= 0 ? F_ID : F_ACTOR, f.id))
            continue;
        existed = valid_known(&rd, VALID_FLOWS, f.id);
        if (existed && rd.partial) {
            /* a column the file does not have keeps its stored value: read
             * the row again over the stored flow, without repeating its
             * warnings */
            char id[SY_ID_MAX];

            memcpy(id, f.id, sizeof id);
            if ((rc = store_flow_get(s, id, &f, e)) != SY_OK)
                break;
            rd.mute = 1;
            row_flow(&rd, &f);
            rd.mute = 0;
            memcpy(f.id, id, sizeof id);
        }
        model_flow_normalise(&f);
        reader_count(&rd, existed);
        rc = store_flow_put(s, &f, e);
        if (!rc && o && o->sync && !o->territory)
            rc = sync_note_actor(&rd, f.actor_id, e);
    }
    if (rc == SY_OK)
        rc = sync_finish(&rd, 1, e);
    return reader_close(&rd, rc, e);
}
