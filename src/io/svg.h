/*
 * svg.h - a small SVG writer for reports: shapes and text into a buffer,
 * and three charts built from them (bars, a radar, a map of points and
 * links). The output is inline SVG for an HTML page: no external
 * reference, no script, text escaped, every number finite.
 *
 * All functions append to b (util/buf.h) and return 0 or SY_ENOMEM /
 * SY_ELIMIT from the buffer. Coordinates are user units of the viewBox.
 */
#ifndef SY_SVG_H
#define SY_SVG_H

#include <stddef.h>

#include "util/buf.h"

/* Opens <svg> with a viewBox of w x h, a role="img" and a <title> (escaped). */
int svg_begin(struct buf *b, double w, double h, const char *title);
int svg_end(struct buf *b);
/* Shapes; style is a trusted attribute string written as is (e.g.
 * "fill=\"#369\""), or NULL. */
int svg_rect(struct buf *b, double x, double y, double w, double h, const char *style);
int svg_line(struct buf *b, double x1, double y1, double x2, double y2, const char *style);
int svg_circle(struct buf *b, double cx, double cy, double r, const char *style);
/* A closed polygon through n points (xs[i], ys[i]). */
int svg_polygon(struct buf *b, const double *xs, const double *ys, size_t n, const char *style);
/* Text at (x, y), escaped; anchor "start", "middle" or "end". */
int svg_text(struct buf *b, double x, double y, const char *anchor, const char *style,
             const char *text);
/* Appends s escaped for XML text and attributes (&, <, >, ", '). */
int svg_escape(struct buf *b, const char *s);

/* A horizontal bar chart: one bar per label, the value written at its end
 * with unit. Negative values are drawn as 0. */
int svg_bar_chart(struct buf *b, const char *title, const char *const *labels, const double *values,
                  size_t n, const char *unit);

/* A radar: n axes (n >= 3) with labels, and nseries polygons of values in
 * [0, 1] (clamped; a negative value means "no value" and is drawn at the
 * centre); series[s][i] is the value of series s on axis i. names[s] goes
 * in the legend. */
int svg_radar(struct buf *b, const char *title, const char *const *labels, size_t n,
              const double *const *series, const char *const *names, size_t nseries);

struct svg_point {
    double lat, lon;
    const char *label; /* tooltip text, or NULL */
    int group;         /* colour index (territory) */
};

struct svg_link {
    double lat1, lon1, lat2, lon2;
    const char *label;
    double weight; /* line width grows with it; 0 = thinnest */
};

/* A map: points and links on an equirectangular projection scaled by the
 * cosine of the mean latitude, fitted to w x h with a scale bar in km.
 * groups[g] names colour g in the legend (ngroups may be 0). */
int svg_map(struct buf *b, const char *title, double w, double h, const struct svg_point *pts,
            size_t npts, const struct svg_link *links, size_t nlinks, const char *const *groups,
            size_t ngroups);

/* The colour of group g ("#rrggbb", static). */
const char *svg_colour(int g);

#endif
