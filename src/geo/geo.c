/*
 * geo.c - haversine distance, detour factor, bounding boxes and centroids.
 * See geo.h; no state, no allocation.
 */
#include "geo/geo.h"

#include <math.h>

#define DEG2RAD (3.14159265358979323846 / 180.0)
#define RAD2DEG (180.0 / 3.14159265358979323846)

int geo_valid(double lat, double lon)
{
    return isfinite(lat) && isfinite(lon) && lat >= -90.0 && lat <= 90.0 && lon >= -180.0 &&
           lon <= 180.0;
}

double geo_haversine_km(double lat1, double lon1, double lat2, double lon2)
{
    double p1 = lat1 * DEG2RAD, p2 = lat2 * DEG2RAD;
    double dp = p2 - p1, dl = (lon2 - lon1) * DEG2RAD;
    double s1 = sin(dp * 0.5), s2 = sin(dl * 0.5);
    double a = s1 * s1 + cos(p1) * cos(p2) * s2 * s2;

    if (a > 1.0)
        a = 1.0;
    return 2.0 * GEO_EARTH_RADIUS_KM * asin(sqrt(a));
}

double geo_road_km(double lat1, double lon1, double lat2, double lon2, double detour)
{
    if (!(detour >= 1.0))
        detour = 1.0;
    return geo_haversine_km(lat1, lon1, lat2, lon2) * detour;
}

void geo_bbox_around(double lat, double lon, double radius_km, struct geo_bbox *b)
{
    double dlat = radius_km / GEO_KM_PER_DEG_LAT;
    double hi = lat + dlat, lo = lat - dlat, c, dlon;

    b->lat_min = lo < -90.0 ? -90.0 : lo;
    b->lat_max = hi > 90.0 ? 90.0 : hi;
    /* The widest longitude extent is reached at the box edge nearest a pole. */
    c = cos((fabs(lo) > fabs(hi) ? fabs(lo) : fabs(hi)) * DEG2RAD);
    if (hi >= 90.0 || lo <= -90.0 || c < 1e-9 ||
        (dlon = radius_km / (GEO_KM_PER_DEG_LAT * c)) >= 180.0) {
        b->lon_min = -180.0;
        b->lon_max = 180.0;
        return;
    }
    b->lon_min = lon - dlon;
    b->lon_max = lon + dlon;
    if (b->lon_min < -180.0)
        b->lon_min += 360.0;
    if (b->lon_max > 180.0)
        b->lon_max -= 360.0;
}

int geo_bbox_contains(const struct geo_bbox *b, double lat, double lon)
{
    if (lat < b->lat_min || lat > b->lat_max)
        return 0;
    if (b->lon_min <= b->lon_max)
        return lon >= b->lon_min && lon <= b->lon_max;
    return lon >= b->lon_min || lon <= b->lon_max;
}

void geo_centroid(const double *lat, const double *lon, size_t n, double *clat, double *clon)
{
    double x = 0, y = 0, z = 0;

    *clat = 0;
    *clon = 0;
    if (n == 0)
        return;
    for (size_t i = 0; i < n; i++) {
        double p = lat[i] * DEG2RAD, l = lon[i] * DEG2RAD;
        x += cos(p) * cos(l);
        y += cos(p) * sin(l);
        z += sin(p);
    }
    *clon = atan2(y, x) * RAD2DEG;
    *clat = atan2(z, sqrt(x * x + y * y)) * RAD2DEG;
}
