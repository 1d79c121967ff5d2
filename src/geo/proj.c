/*
 * proj.c - PROJ wrapper: projected coordinates to WGS84 latitude/longitude.
 */
#include "geo/proj.h"

#include <math.h>
#include <proj.h>
#include <stdlib.h>

struct geo_proj {
    PJ_CONTEXT *ctx;
    PJ *pj;
    double west, south, east, north; /* the source CRS's area of use, degrees */
};

/* Points this far (degrees) outside a CRS's published area of use are still
 * accepted: the areas are drawn tight around the land. */
#define AREA_MARGIN 1.0

/* Reads the area of use of crs into p; the whole world when PROJ has none. */
static void read_area(struct geo_proj *p, const char *crs)
{
    PJ *src = proj_create(p->ctx, crs);

    p->west = -180;
    p->south = -90;
    p->east = 180;
    p->north = 90;
    if (src) {
        double w, s, e, n;

        if (proj_get_area_of_use(p->ctx, src, &w, &s, &e, &n, NULL) && w > -1000 && w <= e) {
            p->west = w - AREA_MARGIN;
            p->south = s - AREA_MARGIN;
            p->east = e + AREA_MARGIN;
            p->north = n + AREA_MARGIN;
        }
        proj_destroy(src);
    }
}

int geo_proj_new(struct geo_proj **out, const char *crs, struct err *e)
{
    struct geo_proj *p;
    PJ *raw;

    *out = NULL;
    p = calloc(1, sizeof *p);
    if (!p)
        return err_set(e, SY_ENOMEM, "out of memory creating a coordinate converter");
    p->ctx = proj_context_create();
    proj_log_level(p->ctx, PJ_LOG_NONE);
    raw = proj_create_crs_to_crs(p->ctx, crs, "EPSG:4326", NULL);
    if (!raw) {
        geo_proj_free(p);
        return err_set(e, SY_EINPUT,
                       "unknown coordinate reference system '%s'; give one such as EPSG:2154 "
                       "(Lambert-93) or EPSG:27572 (Lambert II etendu)",
                       crs);
    }
    /* Traditional GIS order: x = easting/longitude, y = northing/latitude. */
    p->pj = proj_normalize_for_visualization(p->ctx, raw);
    proj_destroy(raw);
    if (!p->pj) {
        geo_proj_free(p);
        return err_set(e, SY_EINPUT, "cannot build a conversion from %s to WGS84", crs);
    }
    read_area(p, crs);
    *out = p;
    return SY_OK;
}

void geo_proj_area(const struct geo_proj *p, double *west, double *south, double *east,
                   double *north)
{
    *west = p->west;
    *south = p->south;
    *east = p->east;
    *north = p->north;
}

void geo_proj_free(struct geo_proj *p)
{
    if (!p)
        return;
    if (p->pj)
        proj_destroy(p->pj);
    if (p->ctx)
        proj_context_destroy(p->ctx);
    free(p);
}

int geo_proj_to_wgs84(struct geo_proj *p, double x, double y, double *lat, double *lon)
{
    PJ_COORD c = proj_coord(x, y, 0, 0);

    c = proj_trans(p->pj, PJ_FWD, c);
    if (!isfinite(c.xy.x) || !isfinite(c.xy.y))
        return SY_EINPUT;
    *lon = c.xy.x;
    *lat = c.xy.y;
    if (!(*lat >= p->south && *lat <= p->north && *lon >= p->west && *lon <= p->east &&
          *lat >= -90 && *lat <= 90 && *lon >= -180 && *lon <= 180))
        return SY_ELIMIT;
    return SY_OK;
}
