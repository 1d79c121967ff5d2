/*
 * svg.c - inline SVG shapes and the report charts (see svg.h).
 *
 * Numbers are written with %.2f after a finiteness check, so that a NaN
 * from bad data can never produce an invalid document.
 */
#include "io/svg.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/err.h"

#define SVG_PI 3.14159265358979323846

static const char *const palette[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
                                      "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"};

const char *svg_colour(int g)
{
    size_t n = sizeof palette / sizeof palette[0];

    return palette[(size_t)(g < 0 ? 0 : g) % n];
}

static double fin(double v)
{
    return isfinite(v) ? v : 0;
}

int svg_escape(struct buf *b, const char *s)
{
    int rc = 0;

    for (; s && *s && !rc; s++) {
        switch (*s) {
        case '&':
            rc = buf_adds(b, "&amp;");
            break;
        case '<':
            rc = buf_adds(b, "&lt;");
            break;
        case '>':
            rc = buf_adds(b, "&gt;");
            break;
        case '"':
            rc = buf_adds(b, "&quot;");
            break;
        case '\'':
            rc = buf_adds(b, "&#39;");
            break;
        default:
            /* control characters are not allowed in XML 1.0 */
            rc = buf_addch(b, (unsigned char)*s < 0x20 && *s != '\n' && *s != '\t' ? ' ' : *s);
        }
    }
    return rc;
}

int svg_begin(struct buf *b, double w, double h, const char *title)
{
    int rc = buf_addf(b,
                      "<svg viewBox=\"0 0 %.0f %.0f\" "
                      "width=\"%.0f\" height=\"%.0f\" role=\"img\" font-family=\"sans-serif\" "
                      "font-size=\"11\"><title>",
                      fin(w), fin(h), fin(w), fin(h));

    if (!rc)
        rc = svg_escape(b, title);
    return rc ? rc : buf_adds(b, "</title>\n");
}

int svg_end(struct buf *b)
{
    return buf_adds(b, "</svg>\n");
}

int svg_rect(struct buf *b, double x, double y, double w, double h, const char *style)
{
    return buf_addf(b, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" %s/>\n", fin(x),
                    fin(y), fin(w) < 0 ? 0 : fin(w), fin(h) < 0 ? 0 : fin(h), style ? style : "");
}

int svg_line(struct buf *b, double x1, double y1, double x2, double y2, const char *style)
{
    return buf_addf(b, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" %s/>\n", fin(x1),
                    fin(y1), fin(x2), fin(y2), style ? style : "stroke=\"#000\"");
}

int svg_circle(struct buf *b, double cx, double cy, double r, const char *style)
{
    return buf_addf(b, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.2f\" %s/>\n", fin(cx), fin(cy),
                    fin(r), style ? style : "");
}

int svg_polygon(struct buf *b, const double *xs, const double *ys, size_t n, const char *style)
{
    int rc = buf_adds(b, "<polygon points=\"");

    for (size_t i = 0; !rc && i < n; i++)
        rc = buf_addf(b, "%s%.2f,%.2f", i ? " " : "", fin(xs[i]), fin(ys[i]));
    return rc ? rc : buf_addf(b, "\" %s/>\n", style ? style : "");
}

int svg_text(struct buf *b, double x, double y, const char *anchor, const char *style,
             const char *text)
{
    int rc = buf_addf(b, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"%s\" %s>", fin(x), fin(y),
                      anchor ? anchor : "start", style ? style : "");

    if (!rc)
        rc = svg_escape(b, text);
    return rc ? rc : buf_adds(b, "</text>\n");
}

/* A number for people: 1234567.8 -> "1 234 568", 12.34 -> "12.3". */
static void human(double v, char *out, size_t n)
{
    char tmp[64];
    size_t len, k = 0, j = 0;
    int neg = v < 0;
    const char *frac;

    v = fabs(fin(v));
    snprintf(tmp, sizeof tmp, v >= 100 || v == floor(v) ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
    frac = strchr(tmp, '.');
    len = frac ? (size_t)(frac - tmp) : strlen(tmp);
    if (neg && j + 1 < n)
        out[j++] = '-';
    for (; k < len && j + 2 < n; k++) {
        if (k && (len - k) % 3 == 0)
            out[j++] = ' ';
        out[j++] = tmp[k];
    }
    for (k = len; tmp[k] && j + 1 < n; k++)
        out[j++] = tmp[k];
    out[j] = 0;
}

int svg_bar_chart(struct buf *b, const char *title, const char *const *labels, const double *values,
                  size_t n, const char *unit)
{
    const double w = 640, lab = 190, bar_h = 18, gap = 6, top = 26;
    double h = top + (double)n * (bar_h + gap) + 8, max = 0, span = w - lab - 110;
    int rc;

    for (size_t i = 0; i < n; i++)
        if (fin(values[i]) > max)
            max = fin(values[i]);
    rc = svg_begin(b, w, h, title);
    if (!rc)
        rc = svg_text(b, 0, 14, "start", "font-weight=\"bold\" font-size=\"13\"", title);
    for (size_t i = 0; !rc && i < n; i++) {
        double y = top + (double)i * (bar_h + gap), v = fin(values[i]) > 0 ? fin(values[i]) : 0;
        double bw = max > 0 ? v / max * span : 0;
        char num[80], txt[128];

        human(values[i], num, sizeof num);
        snprintf(txt, sizeof txt, "%s%s%s", num, unit && *unit ? " " : "", unit ? unit : "");
        rc = svg_text(b, lab - 6, y + bar_h - 5, "end", NULL, labels[i]);
        if (!rc)
            rc = svg_rect(b, lab, y, bw, bar_h, "fill=\"#4a7fb0\"");
        if (!rc)
            rc = svg_text(b, lab + bw + 4, y + bar_h - 5, "start", NULL, txt);
    }
    return rc ? rc : svg_end(b);
}

int svg_radar(struct buf *b, const char *title, const char *const *labels, size_t n,
              const double *const *series, const char *const *names, size_t nseries)
{
    const double w = 640, h = 560, cx = 320, cy = 290, r = 200;
    double xs[64], ys[64];
    int rc;

    if (n < 3 || n > 64)
        return svg_begin(b, w, 40, title) || svg_text(b, 0, 20, "start", NULL, title) || svg_end(b)
                   ? SY_ENOMEM
                   : SY_OK;
    rc = svg_begin(b, w, h, title);
    if (!rc)
        rc = svg_text(b, 0, 14, "start", "font-weight=\"bold\" font-size=\"13\"", title);
    for (int ring = 1; !rc && ring <= 4; ring++) {
        for (size_t i = 0; i < n; i++) {
            double a = 2 * SVG_PI * (double)i / (double)n - SVG_PI / 2;

            xs[i] = cx + r * ring / 4 * cos(a);
            ys[i] = cy + r * ring / 4 * sin(a);
        }
        rc = svg_polygon(b, xs, ys, n, "fill=\"none\" stroke=\"#ccc\"");
    }
    for (size_t i = 0; !rc && i < n; i++) {
        double a = 2 * SVG_PI * (double)i / (double)n - SVG_PI / 2, c = cos(a);

        rc = svg_line(b, cx, cy, cx + r * c, cy + r * sin(a), "stroke=\"#ccc\"");
        if (!rc)
            rc = svg_text(b, cx + (r + 8) * c, cy + (r + 8) * sin(a) + 4,
                          c > 0.2    ? "start"
                          : c < -0.2 ? "end"
                                     : "middle",
                          "font-size=\"9\"", labels[i]);
    }
    for (size_t s = 0; !rc && s < nseries; s++) {
        char style[128];
        const char *col = svg_colour((int)s);

        for (size_t i = 0; i < n; i++) {
            double a = 2 * SVG_PI * (double)i / (double)n - SVG_PI / 2;
            double v = fin(series[s][i]);

            v = v < 0 ? 0 : v > 1 ? 1 : v;
            xs[i] = cx + r * v * cos(a);
            ys[i] = cy + r * v * sin(a);
        }
        snprintf(style, sizeof style, "fill=\"%s\" fill-opacity=\"0.15\" stroke=\"%s\"", col, col);
        rc = svg_polygon(b, xs, ys, n, style);
        snprintf(style, sizeof style, "fill=\"%s\"", col);
        if (!rc)
            rc = svg_rect(b, 10, h - 20 - 16 * (double)(nseries - 1 - s), 10, 10, style);
        if (!rc)
            rc = svg_text(b, 26, h - 11 - 16 * (double)(nseries - 1 - s), "start", NULL, names[s]);
    }
    return rc ? rc : svg_end(b);
}

int svg_map(struct buf *b, const char *title, double w, double h, const struct svg_point *pts,
            size_t npts, const struct svg_link *links, size_t nlinks, const char *const *groups,
            size_t ngroups)
{
    double lat0 = 90, lat1 = -90, lon0 = 180, lon1 = -180, k, sx, sy, s, kx;
    const double pad = 24;
    int rc;

    for (size_t i = 0; i < npts; i++) {
        lat0 = fmin(lat0, pts[i].lat), lat1 = fmax(lat1, pts[i].lat);
        lon0 = fmin(lon0, pts[i].lon), lon1 = fmax(lon1, pts[i].lon);
    }
    if (npts == 0)
        lat0 = lat1 = 48.5, lon0 = lon1 = 6.0;
    /* a margin so that one point, or points in a line, still make a map */
    lat0 -= 0.02, lat1 += 0.02, lon0 -= 0.03, lon1 += 0.03;
    k = cos((lat0 + lat1) / 2 * SVG_PI / 180);
    kx = (lon1 - lon0) * k;
    sx = (w - 2 * pad) / kx;
    sy = (h - 2 * pad - 30) / (lat1 - lat0);
    s = sx < sy ? sx : sy;
#define MX(lon) (pad + ((lon)-lon0) * k * s)
#define MY(lat) (pad + 20 + (lat1 - (lat)) * s)
    rc = svg_begin(b, w, h, title);
    if (!rc)
        rc = svg_rect(b, 0, 0, w, h, "fill=\"#f4f7f9\"");
    if (!rc)
        rc = svg_text(b, 6, 15, "start", "font-weight=\"bold\" font-size=\"13\"", title);
    for (size_t i = 0; !rc && i < nlinks; i++) {
        char style[96];
        double lw = 1 + (links[i].weight > 0 ? log10(1 + fin(links[i].weight)) : 0);

        snprintf(style, sizeof style,
                 "stroke=\"#2a6e3f\" stroke-opacity=\"0.7\" stroke-width=\"%.1f\"",
                 lw > 6 ? 6 : lw);
        rc = buf_adds(b, "<g>");
        if (!rc)
            rc = svg_line(b, MX(links[i].lon1), MY(links[i].lat1), MX(links[i].lon2),
                          MY(links[i].lat2), style);
        if (!rc && links[i].label)
            rc = buf_adds(b, "<title>") || svg_escape(b, links[i].label) || buf_adds(b, "</title>")
                     ? SY_ENOMEM
                     : SY_OK;
        if (!rc)
            rc = buf_adds(b, "</g>\n");
    }
    for (size_t i = 0; !rc && i < npts; i++) {
        char style[96];

        snprintf(style, sizeof style, "fill=\"%s\" stroke=\"#fff\" stroke-width=\"0.8\"",
                 svg_colour(pts[i].group));
        rc = buf_adds(b, "<g>");
        if (!rc)
            rc = svg_circle(b, MX(pts[i].lon), MY(pts[i].lat), 3.5, style);
        if (!rc && pts[i].label)
            rc = buf_adds(b, "<title>") || svg_escape(b, pts[i].label) || buf_adds(b, "</title>")
                     ? SY_ENOMEM
                     : SY_OK;
        if (!rc)
            rc = buf_adds(b, "</g>\n");
    }
    /* scale bar: a round number of km near a fifth of the width */
    if (!rc) {
        double km_per_unit = 111.32 / s, want = (w / 5) * km_per_unit, step = 1;
        char lab[32];

        while (step * 10 <= want)
            step *= 10;
        if (step * 5 <= want)
            step *= 5;
        else if (step * 2 <= want)
            step *= 2;
        snprintf(lab, sizeof lab, "%.0f km", step);
        rc = svg_line(b, w - pad - step / km_per_unit, h - 12, w - pad, h - 12,
                      "stroke=\"#333\" stroke-width=\"2\"");
        if (!rc)
            rc = svg_text(b, w - pad, h - 16, "end", NULL, lab);
    }
    for (size_t g = 0; !rc && g < ngroups; g++) {
        char style[48];

        snprintf(style, sizeof style, "fill=\"%s\"", svg_colour((int)g));
        rc = svg_circle(b, 12, h - 14 - 14 * (double)(ngroups - 1 - g), 4, style);
        if (!rc)
            rc = svg_text(b, 20, h - 10 - 14 * (double)(ngroups - 1 - g), "start", NULL, groups[g]);
    }
#undef MX
#undef MY
    return rc ? rc : svg_end(b);
}
