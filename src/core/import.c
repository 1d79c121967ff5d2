/*
 * import.c - validated, transactional CSV imports: territories, actors,
 * flows. The shared reader machinery (header mapping, located errors,
 * validation sets) lives in import_read.c; IREP and nomenclatures in
 * import_ref.c.
 */
#include "core/import_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The column enums below follow the lists of io/record.c (REC_IN columns). */
enum { T_CODE, T_NAME, T_REGION, T_STRUCTURE, T_PROGRAMME, T_NCOLS };

int import_territories(struct store *s, const char *path, const struct import_opts *o,
                       struct import_result *r, struct err *e)
{
    struct colspec cols[T_NCOLS];
    struct reader rd;
    struct territory t;
    int rc;

    if (colspecs_add(cols, 0, T_NCOLS, &rec_territory) != T_NCOLS)
        return err_set(e, SY_EUSAGE, "territory columns out of step with io/record.c");
    rc = reader_open(&rd, s, path, cols, T_NCOLS, o, r, e);
    if (!rc)
        rc = valid_load(rd.v, s, VALID_TERRS, e);
    while (rc == SY_OK && (rc = reader_next(&rd)) == 1) {
        rc = SY_OK;
        memset(&t, 0, sizeof t);
        if (!reader_copy(&rd, T_CODE, t.code, sizeof t.code, 1) ||
            !reader_copy(&rd, T_NAME, t.name, sizeof t.name, 1))
            continue;
        reader_copy(&rd, T_REGION, t.region, sizeof t.region, 0);
        reader_copy(&rd, T_STRUCTURE, t.structure, sizeof t.structure, 0);
        reader_copy(&rd, T_PROGRAMME, t.programme, sizeof t.programme, 0);
        if (!reader_check_id(&rd, T_CODE, t.code))
            continue;
        reader_count(&rd, strmap_get(&rd.v->terrs, t.code, NULL));
        rc = store_territory_put(s, &t, e);
        if (!rc)
            rc = strmap_put(&rd.v->terrs, t.code, rd.rec.line);
    }
    return reader_close(&rd, rc, e);
}

enum {
    A_ID,
    A_NAME,
    A_SIRET,
    A_NAF,
    A_KIND,
    A_TERRITORY,
    A_ADDRESS,
    A_COMMUNE,
    A_LAT,
    A_LON,
    A_WORKFORCE,
    A_LICENSED,
    A_CNAME,
    A_CROLE,
    A_CEMAIL,
    A_CPHONE,
    A_ARCHETYPE,
    A_NCOLS
};

static void actor_coords(struct reader *rd, struct actor *a)
{
    double x, y;
    int okx = reader_number(rd, A_LAT, &x, 0), oky = reader_number(rd, A_LON, &y, 0);

    if (okx != 1 || oky != 1) {
        if (okx < 0 || oky < 0)
            return; /* not a number: already reported */
        if (okx == 1 || oky == 1)
            reader_error(rd, okx == 1 ? A_LON : A_LAT,
                         "%s is missing while %s is given; give both coordinates or neither",
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
                         "x=%g y=%g in %s falls at lat %.4f, lon %.4f, outside the area where "
                         "that CRS is used (lat %.1f..%.1f, lon %.1f..%.1f); check --crs and "
                         "that x and y are not swapped",
                         x, y, rd->opts->crs, a->lat, a->lon, s, n, w, e);
            return;
        }
        if (prc) {
            reader_error(rd, A_LAT, "cannot convert x=%g y=%g from %s to WGS84; check the CRS", x,
                         y, rd->opts->crs);
            return;
        }
    } else {
        a->lat = x;
        a->lon = y;
        if (!(x >= -90 && x <= 90)) {
            reader_error(rd, A_LAT,
                         "latitude %g is out of range [-90, 90]; check that lat and "
                         "lon are not swapped, or give x,y with --crs",
                         x);
            return;
        }
        if (!(y >= -180 && y <= 180)) {
            reader_error(rd, A_LON, "longitude %g is out of range [-180, 180]", y);
            return;
        }
    }
    a->has_coord = 1;
}

int import_actors(struct store *s, const char *path, const struct import_opts *o,
                  struct import_result *r, struct err *e)
{
    struct colspec cols[A_NCOLS];
    struct reader rd;
    struct actor a;
    struct contact c;
    int rc;

    if (colspecs_add(cols, colspecs_add(cols, 0, A_NCOLS, &rec_actor), A_NCOLS,
                     &rec_actor_contact) != A_ARCHETYPE)
        return err_set(e, SY_EUSAGE, "actor columns out of step with io/record.c");
    cols[A_ARCHETYPE].name = "archetype"; /* data/archetypes.csv, set by core/knowledge */
    cols[A_ARCHETYPE].required = 0;
    cols[A_ARCHETYPE].col = NULL;
    if (o && o->crs) {
        cols[A_LAT].name = "x";
        cols[A_LON].name = "y";
    }
    rc = reader_open(&rd, s, path, cols, A_NCOLS, o, r, e);
    if (!rc)
        rc = valid_load(rd.v, s, VALID_TERRS | VALID_ACTORS | VALID_NAF, e);
    while (rc == SY_OK && (rc = reader_next(&rd)) == 1) {
        rc = SY_OK;
        memset(&a, 0, sizeof a);
        if (!reader_copy(&rd, A_ID, a.id, sizeof a.id, 1))
            continue;
        reader_copy(&rd, A_NAME, a.name, sizeof a.name, 1);
        if (reader_copy(&rd, A_SIRET, a.siret, sizeof a.siret, 0) && a.siret[0] &&
            !model_siret_valid(a.siret))
            reader_error(&rd, A_SIRET,
                         "SIRET '%s' is invalid (14 digits with a valid Luhn check digit "
                         "expected); check it on annuaire-entreprises.data.gouv.fr or leave it "
                         "empty",
                         reader_field(&rd, A_SIRET));
        valid_activity(&rd, A_NAF, a.naf, sizeof a.naf);
        if (*reader_field(&rd, A_KIND) && model_kind_parse(reader_field(&rd, A_KIND), &a.kind))
            reader_error(&rd, A_KIND, "kind '%s' is not one of company, public, association",
                         reader_field(&rd, A_KIND));
        if (reader_copy(&rd, A_TERRITORY, a.territory, sizeof a.territory, 0) && a.territory[0] &&
            !strmap_get(&rd.v->terrs, a.territory, NULL))
            reader_error(&rd, A_TERRITORY,
                         "unknown territory '%s'; add it first with 'symbiose territory add %s "
                         "NAME'",
                         a.territory, a.territory);
        reader_copy(&rd, A_ADDRESS, a.address, sizeof a.address, 0);
        if (reader_copy(&rd, A_COMMUNE, a.commune, sizeof a.commune, 0) && a.commune[0] &&
            !model_commune_valid(a.commune))
            reader_error(&rd, A_COMMUNE,
                         "commune '%s' is not an INSEE code (5 characters: digits, or 2A/2B "
                         "for Corsica)",
                         reader_field(&rd, A_COMMUNE));
        actor_coords(&rd, &a);
        reader_copy(&rd, A_WORKFORCE, a.workforce, sizeof a.workforce, 0);
        if (*reader_field(&rd, A_LICENSED))
            a.licensed_hazardous = reader_bool(&rd, A_LICENSED);
        if (reader_copy(&rd, A_ARCHETYPE, a.archetype, sizeof a.archetype, 0) && a.archetype[0] &&
            (!model_taxonomy_valid(a.archetype) || strchr(a.archetype, '.')))
            reader_error(&rd, A_ARCHETYPE,
                         "archetype '%s' is not one lowercase word (coal, re_refining...); see "
                         "data/archetypes.csv",
                         a.archetype);
        if (!reader_check_id(&rd, A_ID, a.id) || rd.row_bad)
            continue;
        reader_count(&rd, strmap_get(&rd.v->actors, a.id, NULL));
        rc = store_actor_put(s, &a, e);
        if (!rc)
            rc = strmap_put(&rd.v->actors, a.id, rd.rec.line);
        if (!rc && *reader_field(&rd, A_CNAME)) {
            memset(&c, 0, sizeof c);
            snprintf(c.actor_id, sizeof c.actor_id, "%s", a.id);
            reader_copy(&rd, A_CNAME, c.name, sizeof c.name, 0);
            reader_copy(&rd, A_CROLE, c.role, sizeof c.role, 0);
            reader_copy(&rd, A_CEMAIL, c.email, sizeof c.email, 0);
            reader_copy(&rd, A_CPHONE, c.phone, sizeof c.phone, 0);
            rc = store_contact_put(s, &c, e);
        }
    }
    return reader_close(&rd, rc, e);
}

enum {
    F_ID,
    F_ACTOR,
    F_DIR,
    F_CODE,
    F_DESC,
    F_QTY,
    F_UNIT,
    F_PERIOD,
    F_STATE,
    F_CONF,
    F_MONTHS,
    F_TEMP,
    F_FATE,
    F_NCOLS
};

static void flow_fields(struct reader *rd, struct flow *f)
{
    const char *v;
    double mult;

    v = reader_field(rd, F_DIR);
    if (model_dir_parse(v, &f->dir))
        reader_error(rd, F_DIR, "direction '%s' is not supply or demand", v);
    valid_resource(rd, F_CODE, f);
    reader_copy(rd, F_DESC, f->description, sizeof f->description, 0);
    if (reader_number(rd, F_QTY, &f->qty, 1) == 1 && f->qty < 0)
        reader_error(rd, F_QTY,
                     "quantity %s is negative; a flow quantity is 0 or more, and the "
                     "direction (supply or demand) says which way it goes",
                     reader_field(rd, F_QTY));
    v = reader_field(rd, F_UNIT);
    if (reader_copy(rd, F_UNIT, f->unit, sizeof f->unit, 1) &&
        model_unit_parse(v, &f->canon, &mult))
        reader_error(rd, F_UNIT,
                     "unknown unit '%s'; use t, kg, MWh, kWh, GJ, m3, L or count (the period "
                     "goes in the period column)",
                     v);
    v = reader_field(rd, F_PERIOD);
    if (*v && model_period_parse(v, &f->period))
        reader_error(rd, F_PERIOD, "period '%s' is not one of year, month, week, day, once", v);
    v = reader_field(rd, F_STATE);
    if (model_state_parse(v, &f->state))
        reader_error(rd, F_STATE, "state '%s' is not one of solid, liquid, gas, sludge, none", v);
    v = reader_field(rd, F_CONF);
    f->conf = CONF_TERRITORY;
    if (*v && model_conf_parse(v, &f->conf))
        reader_error(rd, F_CONF,
                     "confidentiality '%s' is not one of public, network, territory, private", v);
    v = reader_field(rd, F_MONTHS);
    f->months = MONTHS_ALL;
    if (*v && model_months_parse(v, &f->months))
        reader_error(rd, F_MONTHS,
                     "months '%s' is not a list of months 1-12 such as 4-10 or 1,2,12", v);
    if (reader_number(rd, F_TEMP, &f->temp_c, 0) == 1) {
        f->has_temp = 1;
        if (f->temp_c < -273.15 || f->temp_c > 2000)
            reader_error(rd, F_TEMP, "temperature %g °C is out of range [-273.15, 2000]",
                         f->temp_c);
    }
    v = reader_field(rd, F_FATE);
    if (*v && fate_parse(v, &f->fate))
        reader_error(rd, F_FATE,
                     "fate '%s' is not one of landfill, incineration, incineration_energy, "
                     "spreading, recovered, sewer, unknown, running (or enfouissement, "
                     "incineration, valorisation_energetique, epandage, valorise, egout, "
                     "inconnu, en_cours)",
                     v);
}

int import_flows(struct store *s, const char *path, const struct import_opts *o,
                 struct import_result *r, struct err *e)
{
    struct colspec cols[F_NCOLS];
    struct reader rd;
    struct flow f;
    int rc;

    if (colspecs_add(cols, 0, F_NCOLS, &rec_flow) != F_FATE)
        return err_set(e, SY_EUSAGE, "flow columns out of step with io/record.c");
    cols[F_FATE].name = "fate"; /* what becomes of a supply today (docs/formats.md) */
    cols[F_FATE].required = 0;
    cols[F_FATE].col = NULL;
    rc = reader_open(&rd, s, path, cols, F_NCOLS, o, r, e);
    if (!rc)
        rc = valid_load(rd.v, s, VALID_ACTORS | VALID_FLOWS | VALID_LOW | VALID_TAXONOMY, e);
    while (rc == SY_OK && (rc = reader_next(&rd)) == 1) {
        rc = SY_OK;
        memset(&f, 0, sizeof f);
        if (reader_copy(&rd, F_ACTOR, f.actor_id, sizeof f.actor_id, 1) &&
            !strmap_get(&rd.v->actors, f.actor_id, NULL))
            reader_error(&rd, F_ACTOR,
                         "unknown actor '%s'; import it first with 'symbiose import actors'",
                         f.actor_id);
        flow_fields(&rd, &f);
        if (rd.row_bad)
            continue;
        if (!reader_copy(&rd, F_ID, f.id, sizeof f.id, 0) || !f.id[0]) {
            if ((size_t)snprintf(f.id, sizeof f.id, "%s/%s/%s", f.actor_id, model_dir_name(f.dir),
                                 f.code) >= sizeof f.id) {
                reader_error(&rd, F_ACTOR,
                             "actor id and code too long to form a flow id; add an "
                             "id column");
                continue;
            }
        }
        if (!reader_check_id(&rd, rd.idx[F_ID] >= 0 ? F_ID : F_ACTOR, f.id))
            continue;
        model_flow_normalise(&f);
        reader_count(&rd, strmap_get(&rd.v->flows, f.id, NULL));
        rc = store_flow_put(s, &f, e);
    }
    return reader_close(&rd, rc, e);
}
