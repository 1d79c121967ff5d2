/*
 * geojson.c - FeatureCollections of candidates and points (see geojson.h).
 */
#include "io/geojson.h"

#include <string.h>

#include "util/err.h"

json_t *geojson_collection(json_t **features)
{
    json_t *fc = json_object(), *feats = json_array();

    if (!fc || !feats || json_object_set_new(fc, "type", json_string("FeatureCollection")) ||
        json_object_set(fc, "features", feats)) {
        json_decref(fc);
        json_decref(feats);
        return NULL;
    }
    json_decref(feats); /* fc holds it */
    *features = feats;
    return fc;
}

static int add(json_t *features, json_t *geom, json_t *props)
{
    json_t *f;

    if (!geom || !props) {
        json_decref(geom);
        json_decref(props);
        return SY_ENOMEM;
    }
    f = json_pack("{s:s, s:o, s:o}", "type", "Feature", "geometry", geom, "properties", props);
    if (!f || json_array_append_new(features, f))
        return SY_ENOMEM;
    return 0;
}

int geojson_add_point(json_t *features, double lat, double lon, json_t *props)
{
    return add(features, json_pack("{s:s, s:[f, f]}", "type", "Point", "coordinates", lon, lat),
               props);
}

int geojson_add_line(json_t *features, double lat1, double lon1, double lat2, double lon2,
                     json_t *props)
{
    return add(features,
               json_pack("{s:s, s:[[f, f], [f, f]]}", "type", "LineString", "coordinates", lon1,
                         lat1, lon2, lat2),
               props);
}

static json_t *cand_props(const struct candidate *k)
{
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:f, s:f, s:s, s:f, s:s, s:s, "
                     "s:s, s:s, s:s}",
                     "key", k->key, "kind", candidate_kind_name(k->kind), "supplier_id",
                     k->supplier_id, "supplier_name", k->supplier_name, "receiver_id",
                     k->receiver_id, "receiver_name", k->receiver_name, "resource_code",
                     k->resource_code, "resource_label", k->resource_label, "distance_km",
                     k->distance_km, "quantity", k->quantity, "unit", model_unit_name(k->unit),
                     "score", k->score, "basis", k->basis, "explanation", k->explanation,
                     "group_id", k->group_id, "status", candidate_status_name(k->status), "role",
                     k->kind == CAND_MUTUALISATION ? "member" : "pair");
}

/* True if no earlier shown candidate belongs to the group of candidate i. */
static int first_of_group(const struct geojson_cands *g, size_t i)
{
    for (size_t j = 0; j < i; j++)
        if ((!g->show || g->show[j]) && strcmp(g->v[j].group_id, g->v[i].group_id) == 0)
            return 0;
    return 1;
}

json_t *geojson_candidates(const struct geojson_cands *g)
{
    json_t *feats, *fc = geojson_collection(&feats);
    int rc = 0;

    for (size_t i = 0; fc && i < g->n && !rc; i++) {
        const struct candidate *k = &g->v[i];
        if (g->show && !g->show[i])
            continue;
        if (k->kind == CAND_MUTUALISATION)
            rc = geojson_add_point(feats, g->sup_lat[i], g->sup_lon[i], cand_props(k));
        else
            rc = geojson_add_line(feats, g->sup_lat[i], g->sup_lon[i], k->lat, k->lon,
                                  cand_props(k));
        /* One centroid per group, after its first member. */
        if (!rc && k->kind == CAND_MUTUALISATION && first_of_group(g, i))
            rc = geojson_add_point(feats, k->lat, k->lon,
                                   json_pack("{s:s, s:s, s:s, s:f, s:s, s:f}", "role", "centroid",
                                             "group_id", k->group_id, "resource_code",
                                             k->resource_code, "quantity", k->quantity, "unit",
                                             model_unit_name(k->unit), "score", k->score));
    }
    if (rc) {
        json_decref(fc);
        return NULL;
    }
    return fc;
}
