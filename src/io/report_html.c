/*
 * report_html.c - the report as one self-contained HTML page: inline CSS,
 * inline SVG charts, a map and the ELIPSE radar; no script, no font, no
 * image or style sheet to fetch, so it reads offline and prints (print CSS
 * with page breaks between parts).
 */
#include "io/report.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "io/svg.h"
#include "util/buf.h"

#define HTML_ROWS_MAX 400 /* rows of a table shown in the page (all are in xlsx/json) */

static const char css[] =
    "body{font-family:sans-serif;margin:2em auto;max-width:60em;color:#222;line-height:1.4}"
    "h1{font-size:1.6em;margin-bottom:0}h2{border-bottom:2px solid #4a7fb0;margin-top:2em}"
    "table{border-collapse:collapse;margin:.6em 0;font-size:.85em;width:100%}"
    "th,td{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}"
    "th{background:#eef3f8}td.n{text-align:right;white-space:nowrap}"
    ".basis{font-size:.8em;color:#555}.src{font-size:.75em;color:#666}"
    ".cards{display:flex;gap:1em;flex-wrap:wrap}.card{border:1px solid #ccc;padding:.6em 1em;"
    "border-radius:4px;min-width:12em}.card b{font-size:1.4em;display:block}"
    ".note{background:#fff8e5;border-left:4px solid #e0b000;padding:.4em .8em;font-size:.9em}"
    "svg{max-width:100%;height:auto;display:block;margin:.5em 0}"
    "@media print{body{margin:0;max-width:none;font-size:10pt}"
    "section.part{page-break-before:always;break-before:page}"
    "table,svg,.card{page-break-inside:avoid;break-inside:avoid}"
    "thead{display:table-header-group}a{color:inherit;text-decoration:none}}"
    "@page{size:A4;margin:15mm}";

static int esc(struct buf *b, const char *s)
{
    return svg_escape(b, s);
}

/* A number for people: thousands separated by a thin space, 0-2 decimals. */
static void human(double v, char *out, size_t n)
{
    char tmp[64];
    size_t len, j = 0;
    const char *dot;

    if (!isfinite(v)) {
        snprintf(out, n, "–");
        return;
    }
    snprintf(tmp, sizeof tmp, fabs(v) >= 100 || v == floor(v) ? "%.0f" : "%.2f", v);
    dot = strchr(tmp, '.');
    len = dot ? (size_t)(dot - tmp) : strlen(tmp);
    for (size_t k = 0; k < len && j + 4 < n; k++) {
        size_t digits_left = len - k;

        out[j++] = tmp[k];
        if (digits_left > 1 && (digits_left - 1) % 3 == 0 && tmp[k] != '-')
            j += (size_t)snprintf(out + j, n - j, "\u202f") > 0 ? 3 : 0;
    }
    snprintf(out + j, n - j, "%s", dot ? dot : "");
}

/* The distinct values of a field of the figures (section or scope, by its
 * offset in struct rep_figure), in order of first appearance. */
static size_t distinct(const struct report *r, size_t field, const char **out, size_t max)
{
    size_t n = 0;

    for (size_t i = 0; i < r->nfigs; i++) {
        const char *v = (const char *)&r->figs[i] + field;
        size_t k = 0;

        while (k < n && strcmp(out[k], v) != 0)
            k++;
        if (k == n && n < max)
            out[n++] = v;
    }
    return n;
}

static const char *section_title(const char *s)
{
    static const struct {
        const char *key, *title;
    } t[] = {
        {"identity", "Territory"},
        {"actors", "Actors by engagement stage"},
        {"events", "Events and participants"},
        {"flows", "Resource flows"},
        {"candidates", "Synergy candidates"},
        {"synergies", "Synergies by stage"},
        {"impact", "Tonnes, CO2e and euros"},
        {"barriers", "Barriers met and levers that worked"},
        {"elipse", "ELIPSE self-evaluation (figures)"},
    };

    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (strcmp(t[i].key, s) == 0)
            return t[i].title;
    return s;
}

/* One figure cell: value, then its basis. */
static int fig_cell(struct buf *b, const struct rep_figure *f)
{
    char v[96];

    if (!f)
        return buf_adds(b, "<td class=\"n\">–</td>");
    human(f->value, v, sizeof v);
    return buf_addf(b, "<td class=\"n\" title=\"") || esc(b, f->source) ||
                   buf_addf(b, "\">%s <span class=\"basis\">", v) || esc(b, f->basis) ||
                   buf_adds(b, "</span></td>")
               ? SY_ENOMEM
               : SY_OK;
}

/* The figures of a section: one column per scope (a territory, the network),
 * the unit, then the source (of the last scope, the consolidated one). */
static int section_table(struct buf *b, const struct report *r, const char *sec,
                         const char *const *sc, size_t nsc)
{
    int rc = buf_adds(b, "<table><thead><tr><th>figure</th>");

    for (size_t s = 0; !rc && s < nsc; s++)
        rc = buf_adds(b, "<th>") || esc(b, sc[s]) || buf_adds(b, "</th>") ? SY_ENOMEM : SY_OK;
    if (!rc)
        rc = buf_adds(b, "<th>unit</th><th>where it comes from</th></tr></thead><tbody>\n");
    const char *prev_src = NULL;

    for (size_t i = 0; !rc && i < r->nfigs; i++) {
        const struct rep_figure *f = &r->figs[i], *last = NULL;
        int first = 1;
        const char *src;

        if (strcmp(f->section, sec) != 0)
            continue;
        for (size_t k = 0; k < i; k++) /* one row per key */
            if (strcmp(r->figs[k].section, sec) == 0 && strcmp(r->figs[k].key, f->key) == 0)
                first = 0;
        if (!first)
            continue;
        rc =
            buf_adds(b, "<tr><td>") || esc(b, f->label) || buf_adds(b, "</td>") ? SY_ENOMEM : SY_OK;
        for (size_t s = 0; !rc && s < nsc; s++) {
            const struct rep_figure *g = report_find(r, sc[s], f->key);

            if (g)
                last = g;
            rc = fig_cell(b, g);
        }
        src = last ? last->source : "";
        if (prev_src && strcmp(prev_src, src) == 0)
            src = "same as above";
        else
            prev_src = last ? last->source : "";
        if (!rc)
            rc = buf_adds(b, "<td>") || esc(b, f->unit) || buf_adds(b, "</td><td class=\"src\">") ||
                         esc(b, src) || buf_adds(b, "</td></tr>\n")
                     ? SY_ENOMEM
                     : SY_OK;
    }
    return rc ? rc : buf_adds(b, "</tbody></table>\n");
}

/* A bar chart of the count figures of a section for one scope. */
static int section_chart(struct buf *b, const struct report *r, const char *sec, const char *sc)
{
    const char *labels[64];
    double values[64];
    size_t n = 0;
    char title[320];

    for (size_t i = 0; i < r->nfigs && n < 64; i++) {
        const struct rep_figure *f = &r->figs[i];

        if (strcmp(f->section, sec) == 0 && strcmp(f->scope, sc) == 0 &&
            strcmp(f->unit, "count") == 0) {
            labels[n] = f->label;
            values[n++] = f->value;
        }
    }
    if (n < 2)
        return SY_OK;
    snprintf(title, sizeof title, "%s (%s)", section_title(sec), sc);
    return svg_bar_chart(b, title, labels, values, n, NULL);
}

/* For a network: one bar per territory of an impact figure. */
static int compare_chart(struct buf *b, const struct report *r, const char *const *sc, size_t nsc,
                         const char *key, const char *title, const char *unit, double div)
{
    const char *labels[64];
    double values[64];
    size_t n = 0;

    for (size_t s = 0; s < nsc && n < 64; s++) {
        const struct rep_figure *f = report_find(r, sc[s], key);

        if (f && strcmp(sc[s], "network") != 0) {
            labels[n] = sc[s];
            values[n++] = f->value / div;
        }
    }
    return n >= 2 ? svg_bar_chart(b, title, labels, values, n, unit) : SY_OK;
}

static int html_table(struct buf *b, const struct rep_table *t)
{
    int rc = buf_adds(b, "<h3>") || esc(b, t->title) || buf_adds(b, "</h3>\n<table><thead><tr>");

    for (size_t c = 0; !rc && c < t->ncols; c++)
        rc = buf_adds(b, "<th>") || esc(b, t->cols[c].name) || buf_adds(b, "</th>");
    if (!rc)
        rc = buf_adds(b, "</tr></thead><tbody>\n");
    for (size_t i = 0; !rc && i < t->nrows && i < HTML_ROWS_MAX; i++) {
        rc = buf_adds(b, "<tr>");
        for (size_t c = 0; !rc && c < t->ncols; c++) {
            const char *v = t->cells[i * t->ncols + c];

            rc = buf_adds(b, t->cols[c].numeric ? "<td class=\"n\">" : "<td>") || esc(b, v) ||
                 buf_adds(b, "</td>");
        }
        if (!rc)
            rc = buf_adds(b, "</tr>\n");
    }
    if (!rc)
        rc = buf_adds(b, "</tbody></table>\n");
    if (!rc && t->nrows > HTML_ROWS_MAX)
        rc = buf_addf(b, "<p class=\"note\">%zu more rows in the xlsx and json reports.</p>\n",
                      t->nrows - HTML_ROWS_MAX);
    return rc ? SY_ENOMEM : SY_OK;
}

static int html_map(struct buf *b, const struct report *r)
{
    struct svg_point *pts = calloc(r->nplaces ? r->nplaces : 1, sizeof *pts);
    struct svg_link *lk = calloc(r->nlinks ? r->nlinks : 1, sizeof *lk);
    char(*tips)[400] = calloc(r->nplaces + r->nlinks + 1, sizeof *tips);
    const char *groups[10];
    size_t ng = 0;
    int rc = SY_ENOMEM;

    if (!pts || !lk || !tips)
        goto out;
    for (size_t i = 0; i < r->nplaces; i++) {
        const struct rep_place *p = &r->places[i];
        size_t g = 0;

        while (g < ng && strcmp(groups[g], p->territory) != 0)
            g++;
        if (g == ng && ng < 10)
            groups[ng++] = p->territory;
        snprintf(tips[i], sizeof tips[i], "%.250s (%.63s)%s%.31s", p->name, p->territory,
                 p->stage[0] ? ": " : "", p->stage);
        pts[i].lat = p->lat, pts[i].lon = p->lon, pts[i].label = tips[i];
        pts[i].group = (int)(g < 10 ? g : 9);
    }
    for (size_t i = 0; i < r->nlinks; i++) {
        const struct rep_link *l = &r->links[i];
        char *tip = tips[r->nplaces + i];

        snprintf(tip, sizeof tips[0], "%.64s → %.64s: %.64s, %.0f t, %.0f kg CO2e (%.15s)",
                 l->supplier, l->receiver, l->resource, l->tonnes, l->co2e_kg, l->basis);
        lk[i].lat1 = l->lat1, lk[i].lon1 = l->lon1, lk[i].lat2 = l->lat2, lk[i].lon2 = l->lon2;
        lk[i].label = tip, lk[i].weight = l->tonnes;
    }
    rc = svg_map(b, "Actors and synergies", 900, 600, pts, r->nplaces, lk, r->nlinks, groups, ng);
out:
    free(pts);
    free(lk);
    free(tips);
    return rc;
}

/* The radar of one scope: its indicators, the report year and the year before. */
static int html_radar(struct buf *b, const struct report *r, const char *scope)
{
    const char *labels[64], *names[2];
    double cur[64], prev[64];
    const double *series[2] = {cur, prev};
    char n0[32], n1[32], title[160];
    size_t n = 0;
    int has_prev = 0;

    for (size_t i = 0; i < r->nelipse && n < 64; i++) {
        const struct rep_elipse *x = &r->elipse[i];

        if (strcmp(x->scope, scope) != 0)
            continue;
        labels[n] = x->code;
        cur[n] = prev[n] = -1;
        for (int y = 0; y < x->nyears; y++) {
            double v =
                x->scale_max > 0 && isfinite(x->values[y]) ? x->values[y] / x->scale_max : -1;

            if (x->years[y] == r->year)
                cur[n] = v;
            else if (x->years[y] == r->year - 1 && v >= 0)
                prev[n] = v, has_prev = 1;
        }
        n++;
    }
    if (n < 3)
        return SY_OK;
    snprintf(n0, sizeof n0, "%d", r->year);
    snprintf(n1, sizeof n1, "%d", r->year - 1);
    names[0] = n0, names[1] = n1;
    snprintf(title, sizeof title, "ELIPSE self-evaluation, %s (share of the full mark)", scope);
    return svg_radar(b, title, labels, n, series, names, has_prev ? 2 : 1);
}

static int html_elipse(struct buf *b, const struct report *r, const char *const *sc, size_t nsc)
{
    int rc = SY_OK, years[32], ny = 0;

    if (!r->nelipse)
        return SY_OK;
    rc = buf_adds(b, "<section class=\"part\"><h2>ELIPSE self-evaluation</h2>\n<p>The frame of "
                     "ELIPSE, the national referential for EIT approaches (Orée with ADEME): "
                     "indicators on governance, economic model and activities. Values marked "
                     "<i>computed</i> come from this database, <i>entered</i> ones from the "
                     "facilitator (<code>symbiose elipse set</code>). Definitions and sources: "
                     "data/elipse/indicators.csv and docs/elipse.md.</p>\n");
    for (size_t s = 0; !rc && s < nsc; s++)
        rc = html_radar(b, r, sc[s]);
    for (size_t i = 0; i < r->nelipse; i++)
        for (int y = 0; y < r->elipse[i].nyears; y++) {
            int k = 0;

            while (k < ny && years[k] != r->elipse[i].years[y])
                k++;
            if (k == ny && ny < 32)
                years[ny++] = r->elipse[i].years[y];
        }
    for (int i = 1; i < ny; i++) /* ascending */
        for (int k = i; k > 0 && years[k - 1] > years[k]; k--) {
            int t = years[k];

            years[k] = years[k - 1], years[k - 1] = t;
        }
    if (!rc)
        rc = buf_adds(b, "<table><thead><tr><th>scope</th><th>indicator</th><th>axis</th>"
                         "<th>required</th>");
    for (int y = 0; !rc && y < ny; y++)
        rc = buf_addf(b, "<th>%d</th>", years[y]);
    if (!rc)
        rc = buf_adds(b, "</tr></thead><tbody>\n");
    for (size_t i = 0; !rc && i < r->nelipse; i++) {
        const struct rep_elipse *x = &r->elipse[i];

        rc = buf_adds(b, "<tr><td>") || esc(b, x->scope) || buf_adds(b, "</td><td>") ||
                     esc(b, x->code) || buf_adds(b, " ") || esc(b, x->label) ||
                     buf_adds(b, "</td><td>") || esc(b, x->axis) ||
                     buf_addf(b, "</td><td>%s</td>", x->required ? "yes" : "no")
                 ? SY_ENOMEM
                 : SY_OK;
        for (int y = 0; !rc && y < ny; y++) {
            int k = 0;
            char v[96];

            while (k < x->nyears && x->years[k] != years[y])
                k++;
            if (k == x->nyears || !isfinite(x->values[k])) {
                rc = buf_adds(b, "<td class=\"n\">–</td>");
                continue;
            }
            human(x->values[k], v, sizeof v);
            rc = buf_addf(b, "<td class=\"n\">%s <span class=\"basis\">%s</span></td>", v,
                          x->basis[k]);
        }
        if (!rc)
            rc = buf_adds(b, "</tr>\n");
    }
    return rc ? rc : buf_adds(b, "</tbody></table></section>\n");
}

static int html_cards(struct buf *b, const struct report *r, const char *scope)
{
    static const struct {
        const char *key, *label, *unit;
        double div;
    } c[] = {
        {"impact.tonnes", "diverted from disposal", "t", 1},
        {"impact.co2e_kg", "avoided", "t CO2e", 1000},
        {"impact.euros", "saved a year", "EUR", 1},
    };
    int rc = buf_adds(b, "<div class=\"cards\">");

    for (size_t i = 0; !rc && i < sizeof c / sizeof c[0]; i++) {
        const struct rep_figure *f = report_find(r, scope, c[i].key);
        char v[96];

        if (!f)
            continue;
        human(f->value / c[i].div, v, sizeof v);
        rc = buf_addf(b, "<div class=\"card\"><b>%s %s</b>%s<br><span class=\"basis\">", v,
                      c[i].unit, c[i].label) ||
                     esc(b, f->basis) || buf_adds(b, "</span></div>")
                 ? SY_ENOMEM
                 : SY_OK;
    }
    return rc ? rc : buf_adds(b, "</div>\n");
}

int report_write_html(const struct report *r, FILE *f, struct err *e)
{
    struct buf b = BUF_INIT;
    const char *secs[32], *sc[64];
    size_t nsec = distinct(r, offsetof(struct rep_figure, section), secs, 32);
    size_t nsc = distinct(r, offsetof(struct rep_figure, scope), sc, 64);
    const char *main_scope = nsc ? sc[nsc - 1] : "";
    int rc;

    rc = buf_adds(&b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                      "<meta name=\"viewport\" content=\"width=device-width\"><title>") ||
                 esc(&b, r->title) ||
                 buf_addf(&b, "</title><style>%s</style></head><body>\n", css) ||
                 buf_adds(&b, "<header><h1>") || esc(&b, r->title) ||
                 buf_addf(&b, "</h1><p>Year %d · generated %s by ", r->year, r->generated) ||
                 esc(&b, r->generator) || buf_adds(&b, "</p></header>\n")
             ? SY_ENOMEM
             : SY_OK;
    for (size_t i = 0; !rc && i < r->nnotes; i++)
        rc = buf_adds(&b, "<p class=\"note\">") || esc(&b, r->notes[i]) || buf_adds(&b, "</p>\n")
                 ? SY_ENOMEM
                 : SY_OK;
    if (!rc)
        rc = html_cards(&b, r, main_scope);
    for (size_t s = 0; !rc && s < nsec; s++) {
        rc = buf_addf(&b, "<section%s><h2>", s ? "" : " class=\"first\"") ||
                     esc(&b, section_title(secs[s])) || buf_adds(&b, "</h2>\n")
                 ? SY_ENOMEM
                 : SY_OK;
        if (!rc)
            rc = section_table(&b, r, secs[s], sc, nsc);
        if (!rc && strcmp(secs[s], "identity") != 0)
            rc = section_chart(&b, r, secs[s], main_scope);
        if (!rc && strcmp(secs[s], "impact") == 0) {
            rc = compare_chart(&b, r, sc, nsc, "impact.co2e_kg", "CO2e avoided by territory",
                               "t CO2e", 1000);
            if (!rc)
                rc = compare_chart(&b, r, sc, nsc, "impact.euros", "Euros saved by territory",
                                   "EUR", 1);
        }
        if (!rc)
            rc = buf_adds(&b, "</section>\n");
    }
    if (!rc)
        rc =
            buf_adds(&b, "<section class=\"part\"><h2>Map</h2>\n") || html_map(&b, r) ||
                    buf_adds(&b, "<p class=\"src\">Positions as stored (WGS84); establishments "
                                 "that INSEE marks non-diffusible are never shown.</p></section>\n")
                ? SY_ENOMEM
                : SY_OK;
    if (!rc)
        rc = html_elipse(&b, r, sc, nsc);
    if (!rc && r->ntables)
        rc = buf_adds(&b, "<section class=\"part\"><h2>Tables</h2>\n");
    for (size_t t = 0; !rc && t < r->ntables; t++)
        rc = html_table(&b, &r->tables[t]);
    if (!rc && r->ntables)
        rc = buf_adds(&b, "</section>\n");
    if (!rc)
        rc = buf_adds(&b, "<footer><p class=\"src\">Basis of a figure: <i>counted</i> from "
                          "records in the database; <i>declared</i> from quantities the actors "
                          "declared; <i>estimated</i> when a quantity or a factor is estimated; "
                          "<i>entered</i> by the facilitator; <i>computed</i> from other figures. "
                          "Hover a value for its source; the xlsx, json and csv reports carry "
                          "every source in full.</p></footer>\n</body></html>\n");
    if (rc) {
        buf_release(&b);
        return err_set(e, SY_ENOMEM, "out of memory writing the HTML report (or over 64 MiB)");
    }
    if (fwrite(b.str, 1, b.len, f) != b.len || fflush(f) != 0)
        rc = err_set(e, SY_EIO, "cannot write the HTML report");
    buf_release(&b);
    return rc;
}
