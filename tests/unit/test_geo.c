/*
 * test_geo.c - haversine distances against known values, the detour factor,
 * bounding boxes (including across 180 degrees and near the poles), centroids.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <math.h>
#include <cmocka.h>

#include "geo/geo.h"

static void test_haversine_known(void **state)
{
    (void)state;
    /* Paris (48.8566, 2.3522) - Strasbourg (48.5734, 7.7521): about 397 km. */
    double d = geo_haversine_km(48.8566, 2.3522, 48.5734, 7.7521);
    assert_true(d > 395 && d < 399);
    /* One degree of latitude. */
    assert_true(fabs(geo_haversine_km(0, 0, 1, 0) - GEO_KM_PER_DEG_LAT) < 1e-3);
    /* Symmetric, zero on the same point, antipodes at half the circumference. */
    assert_true(fabs(geo_haversine_km(10, 20, -5, 40) - geo_haversine_km(-5, 40, 10, 20)) < 1e-9);
    assert_true(geo_haversine_km(45, 5, 45, 5) == 0.0);
    assert_true(fabs(geo_haversine_km(0, 0, 0, 180) - 3.14159265358979 * GEO_EARTH_RADIUS_KM) <
                1e-6);
    /* Across the antimeridian: 0.2 degree of longitude at the equator. */
    assert_true(fabs(geo_haversine_km(0, 179.9, 0, -179.9) - 0.2 * GEO_KM_PER_DEG_LAT) < 1e-3);
}

static void test_road_detour(void **state)
{
    (void)state;
    double d = geo_haversine_km(48, 7, 48.1, 7.1);
    assert_true(fabs(geo_road_km(48, 7, 48.1, 7.1, 1.3) - 1.3 * d) < 1e-9);
    /* A factor below 1 (or NaN) is treated as 1: roads are never shorter. */
    assert_true(fabs(geo_road_km(48, 7, 48.1, 7.1, 0.5) - d) < 1e-9);
    assert_true(fabs(geo_road_km(48, 7, 48.1, 7.1, NAN) - d) < 1e-9);
}

static void test_valid(void **state)
{
    (void)state;
    assert_true(geo_valid(48.5, 7.7));
    assert_false(geo_valid(91, 0));
    assert_false(geo_valid(0, -181));
    assert_false(geo_valid(NAN, 0));
    assert_false(geo_valid(0, INFINITY));
}

static void test_bbox(void **state)
{
    struct geo_bbox b;
    (void)state;
    geo_bbox_around(48.5, 7.7, 10, &b);
    assert_true(geo_bbox_contains(&b, 48.5, 7.7));
    /* A point 9.9 km north and one 9.9 km east are inside; 10.5 km out is not. */
    assert_true(geo_bbox_contains(&b, 48.5 + 9.9 / GEO_KM_PER_DEG_LAT, 7.7));
    assert_false(geo_bbox_contains(&b, 48.5 + 10.5 / GEO_KM_PER_DEG_LAT, 7.7));
    assert_true(b.lon_max - 7.7 > 10 / GEO_KM_PER_DEG_LAT); /* wider in longitude */
    /* Across 180 degrees. */
    geo_bbox_around(0, 179.95, 20, &b);
    assert_true(b.lon_min > b.lon_max);
    assert_true(geo_bbox_contains(&b, 0, -179.95));
    assert_false(geo_bbox_contains(&b, 0, 0));
    /* Near a pole: every longitude. */
    geo_bbox_around(89.99, 0, 50, &b);
    assert_true(b.lon_min == -180 && b.lon_max == 180);
}

static void test_centroid(void **state)
{
    double lat[3] = {0, 0, 0}, lon[3] = {179, -179, 180}, clat, clon;
    (void)state;
    geo_centroid(lat, lon, 3, &clat, &clon);
    assert_true(fabs(clat) < 1e-9);
    assert_true(fabs(fabs(clon) - 180) < 1e-6);
    double la2[2] = {48, 49}, lo2[2] = {7, 7};
    geo_centroid(la2, lo2, 2, &clat, &clon);
    assert_true(fabs(clat - 48.5) < 1e-3 && fabs(clon - 7) < 1e-9);
    geo_centroid(la2, lo2, 0, &clat, &clon);
    assert_true(clat == 0 && clon == 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_haversine_known), cmocka_unit_test(test_road_detour),
        cmocka_unit_test(test_valid),           cmocka_unit_test(test_bbox),
        cmocka_unit_test(test_centroid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
