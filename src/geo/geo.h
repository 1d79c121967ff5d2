/*
 * geo.h - great-circle distances on WGS84 coordinates, the road detour factor,
 * and bounding boxes. Pure arithmetic, used by the grid index and the matching
 * engine. Coordinates are degrees (lat in [-90,90], lon in [-180,180]).
 */
#ifndef SY_GEO_H
#define SY_GEO_H

#include <stddef.h>

#define GEO_EARTH_RADIUS_KM 6371.0088 /* IUGG mean radius */
#define GEO_KM_PER_DEG_LAT 111.19493  /* pi * R / 180 */
#define GEO_DETOUR_DEFAULT 1.3        /* road km per straight-line km */

struct geo_bbox {
    double lat_min, lat_max;
    double lon_min, lon_max; /* lon_min > lon_max when the box crosses 180 degrees */
};

/* 1 if lat/lon are finite and within range. */
int geo_valid(double lat, double lon);

/* Great-circle distance in km (haversine formula, spherical Earth). */
double geo_haversine_km(double lat1, double lon1, double lat2, double lon2);

/* Estimated road distance: haversine times detour (values below 1 count as 1). */
double geo_road_km(double lat1, double lon1, double lat2, double lon2, double detour);

/* The smallest box holding every point within radius_km of (lat, lon). Near a
 * pole the box spans every longitude. */
void geo_bbox_around(double lat, double lon, double radius_km, struct geo_bbox *b);

/* 1 if (lat, lon) lies in the box (handles boxes crossing 180 degrees). */
int geo_bbox_contains(const struct geo_bbox *b, double lat, double lon);

/* Centroid of n points on the sphere (mean of unit vectors, safe across 180
 * degrees). n = 0 leaves *lat and *lon at 0. */
void geo_centroid(const double *lat, const double *lon, size_t n, double *clat, double *clon);

#endif
