/*
 * geojson.h - GeoJSON FeatureCollections (RFC 7946, WGS84 lon/lat) of
 * candidates and actors, for `symbiose match --format geojson` and the
 * API's map layers. Built as jansson values; the caller dumps and frees them.
 */
#ifndef SY_GEOJSON_H
#define SY_GEOJSON_H

#include <jansson.h>
#include <stddef.h>

#include "model/candidate.h"
#include "model/model.h"

struct geojson_cands {
    const struct candidate *v;
    size_t n;
    const double *sup_lat, *sup_lon; /* [n] the supplier's (member's) position */
    const unsigned char *show;       /* [n] 0 = leave out; NULL = all */
};

/* Substitution and prospective candidates become LineStrings from supplier to
 * receiver; a mutualisation member a Point (role "member"), plus one Point per
 * group at its centroid (role "centroid") after its first member shown.
 * Properties: the candidate's columns (io/record.h) and role. NULL when out
 * of memory. */
json_t *geojson_candidates(const struct geojson_cands *g);

/* A FeatureCollection to which geojson_add_point appends; NULL when out of memory. */
json_t *geojson_collection(json_t **features);
/* Appends a Point at (lat, lon) with properties props (reference stolen). 0 or SY_ENOMEM. */
int geojson_add_point(json_t *features, double lat, double lon, json_t *props);
/* Appends a LineString between two points, with props (stolen). 0 or SY_ENOMEM. */
int geojson_add_line(json_t *features, double lat1, double lon1, double lat2, double lon2,
                     json_t *props);

#endif
