/*
 * proj.h - coordinate conversion to WGS84 latitude/longitude, through PROJ.
 *
 * The only module that talks to PROJ. A converter is built once per import
 * (PROJ context creation is costly) and then converts points one by one.
 */
#ifndef SY_PROJ_H
#define SY_PROJ_H

#include "util/err.h"

struct geo_proj;

/* Creates a converter from crs ("EPSG:2154", "EPSG:27572", ...) to WGS84
 * lat/lon. SY_EINPUT with a message if PROJ does not know the CRS. */
int geo_proj_new(struct geo_proj **out, const char *crs, struct err *e);
void geo_proj_free(struct geo_proj *p);
/* Converts x (easting), y (northing) into lat, lon degrees. SY_EINPUT if
 * PROJ cannot convert the point; SY_ELIMIT (lat, lon set) if it falls
 * outside the CRS's area of use, widened by a degree (Lambert-93 (0, 0) is
 * in the Gulf of Guinea, not in France). */
int geo_proj_to_wgs84(struct geo_proj *p, double x, double y, double *lat, double *lon);
/* The area of use the converter accepts, in degrees. */
void geo_proj_area(const struct geo_proj *p, double *west, double *south, double *east,
                   double *north);

#endif
