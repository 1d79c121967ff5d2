/*
 * report.c - the report document and its json, csv, geojson and xlsx
 * writers (html is in report_html.c). See report.h.
 */
#include "io/report.h"

#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "io/xlsx.h"

const struct out_col report_figure_cols[] = {
    {"scope", 0, 0}, {"section", 0, 0}, {"key", 0, 0},   {"label", 0, 40},
    {"value", 1, 0}, {"unit", 0, 0},    {"basis", 0, 0}, {"source", 0, 60},
};
const size_t report_figure_ncols = sizeof report_figure_cols / sizeof report_figure_cols[0];

static const char *const format_names[] = {"html", "xlsx", "json", "geojson", "csv"};

int report_format_parse(const char *s, enum rep_format *f, struct err *e)
{
    for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++)
        if (strcmp(s, format_names[i]) == 0) {
            *f = (enum rep_format)i;
            return SY_OK;
        }
    return err_set(e, SY_EUSAGE, "unknown report format '%s'; use html, xlsx, json, geojson or csv",
                   s);
}

const char *report_format_name(enum rep_format f)
{
    return format_names[f];
}

void report_init(struct report *r)
{
    memset(r, 0, sizeof *r);
}

void report_release(struct report *r)
{
    for (size_t i = 0; i < r->ntables; i++) {
        struct rep_table *t = &r->tables[i];

        for (size_t k = 0; k < t->nrows * t->ncols; k++)
            free(t->cells[k]);
        for (size_t k = 0; k < t->ncols; k++)
            free((char *)t->cols[k].name);
        free(t->cells);
        free(t->cols);
    }
    free(r->tables);
    free(r->figs);
    free(r->places);
    free(r->links);
    free(r->elipse);
    report_init(r);
}

/* Grows *v (of n used, *cap allocated, elements of size sz) by one slot. */
static void *grow(void *pv, size_t n, size_t *cap, size_t sz)
{
    void **v = pv;
    void *nv;

    if (n < *cap)
        return (char *)*v + n * sz;
    nv = realloc(*v, (*cap ? *cap * 2 : 16) * sz);
    if (!nv)
        return NULL;
    *v = nv;
    *cap = *cap ? *cap * 2 : 16;
    return (char *)nv + n * sz;
}

#define COPY(dst, src) snprintf((dst), sizeof(dst), "%s", (src) ? (src) : "")

int report_figure(struct report *r, const char *scope, const char *section, const char *key,
                  const char *label, double value, const char *unit, const char *basis,
                  const char *source)
{
    struct rep_figure *f = grow(&r->figs, r->nfigs, &r->figcap, sizeof *f);

    if (!f)
        return SY_ENOMEM;
    memset(f, 0, sizeof *f);
    COPY(f->scope, scope);
    COPY(f->section, section);
    COPY(f->key, key);
    COPY(f->label, label);
    f->value = value;
    COPY(f->unit, unit);
    COPY(f->basis, basis);
    COPY(f->source, source);
    r->nfigs++;
    return SY_OK;
}

const struct rep_figure *report_find(const struct report *r, const char *scope, const char *key)
{
    for (size_t i = 0; i < r->nfigs; i++)
        if (strcmp(r->figs[i].scope, scope) == 0 && strcmp(r->figs[i].key, key) == 0)
            return &r->figs[i];
    return NULL;
}

struct rep_table *report_table(struct report *r, const char *name, const char *title,
                               const struct out_col *cols, size_t ncols)
{
    struct rep_table *t = grow(&r->tables, r->ntables, &r->tabcap, sizeof *t);

    if (!t)
        return NULL;
    memset(t, 0, sizeof *t);
    t->cols = calloc(ncols, sizeof *t->cols);
    if (!t->cols)
        return NULL;
    for (size_t i = 0; i < ncols; i++) {
        t->cols[i] = cols[i];
        t->cols[i].name = strdup(cols[i].name);
        if (!t->cols[i].name) {
            for (size_t k = 0; k < i; k++)
                free((char *)t->cols[k].name);
            free(t->cols);
            return NULL;
        }
    }
    t->ncols = ncols;
    COPY(t->name, name);
    COPY(t->title, title);
    r->ntables++;
    return t;
}

int report_row(struct rep_table *t, const char *const *vals)
{
    if ((t->nrows + 1) * t->ncols > t->cap) {
        size_t ncap = t->cap ? t->cap * 2 : t->ncols * 32;
        char **nc = realloc(t->cells, ncap * sizeof *nc);

        if (!nc)
            return SY_ENOMEM;
        t->cells = nc;
        t->cap = ncap;
    }
    for (size_t i = 0; i < t->ncols; i++) {
        char *c = strdup(vals[i] ? vals[i] : "");

        if (!c) {
            for (size_t k = 0; k < i; k++)
                free(t->cells[t->nrows * t->ncols + k]);
            return SY_ENOMEM;
        }
        t->cells[t->nrows * t->ncols + i] = c;
    }
    t->nrows++;
    return SY_OK;
}

int report_place(struct report *r, const struct rep_place *p)
{
    struct rep_place *d = grow(&r->places, r->nplaces, &r->placecap, sizeof *d);

    if (!d)
        return SY_ENOMEM;
    *d = *p;
    r->nplaces++;
    return SY_OK;
}

int report_link(struct report *r, const struct rep_link *l)
{
    struct rep_link *d = grow(&r->links, r->nlinks, &r->linkcap, sizeof *d);

    if (!d)
        return SY_ENOMEM;
    *d = *l;
    r->nlinks++;
    return SY_OK;
}

int report_elipse(struct report *r, const struct rep_elipse *x)
{
    struct rep_elipse *d = grow(&r->elipse, r->nelipse, &r->elipsecap, sizeof *d);

    if (!d)
        return SY_ENOMEM;
    *d = *x;
    r->nelipse++;
    return SY_OK;
}

int report_note(struct report *r, const char *fmt, ...)
{
    va_list ap;

    if (r->nnotes >= sizeof r->notes / sizeof r->notes[0])
        return SY_ELIMIT;
    va_start(ap, fmt);
    vsnprintf(r->notes[r->nnotes++], REP_TEXT_MAX, fmt, ap);
    va_end(ap);
    return SY_OK;
}

/* A number written in full, no exponent, at most 3 decimals, trailing zeros cut. */
static void num(double v, char *out, size_t n)
{
    char *dot;
    size_t len;

    if (!isfinite(v)) {
        snprintf(out, n, "%s", "");
        return;
    }
    snprintf(out, n, "%.3f", v);
    dot = strchr(out, '.');
    if (!dot)
        return;
    len = strlen(out);
    while (len > 0 && out[len - 1] == '0')
        out[--len] = 0;
    if (len > 0 && out[len - 1] == '.')
        out[--len] = 0;
    if (strcmp(out, "-0") == 0)
        snprintf(out, n, "0");
}

static void figure_vals(const struct rep_figure *f, char *v, size_t n, const char **vals)
{
    num(f->value, v, n);
    vals[0] = f->scope;
    vals[1] = f->section;
    vals[2] = f->key;
    vals[3] = f->label;
    vals[4] = v;
    vals[5] = f->unit;
    vals[6] = f->basis;
    vals[7] = f->source;
}

int report_write_csv(const struct report *r, FILE *f, struct err *e)
{
    struct out *o = out_new(f, OUT_CSV, report_figure_cols, report_figure_ncols);
    int rc = SY_OK;

    if (!o)
        return err_set(e, SY_ENOMEM, "out of memory writing the report");
    for (size_t i = 0; !rc && i < r->nfigs; i++) {
        const char *vals[8];
        char v[64];

        figure_vals(&r->figs[i], v, sizeof v, vals);
        rc = out_row(o, vals);
    }
    if (!rc)
        rc = out_finish(o);
    out_free(o);
    return rc ? err_set(e, rc, "cannot write the report (CSV)") : SY_OK;
}

static json_t *jstr(const char *s)
{
    json_t *j = json_string(s ? s : "");

    return j ? j : json_string("?");
}

static json_t *jnum(double v)
{
    if (!isfinite(v))
        return json_null();
    if (v == floor(v) && fabs(v) < 9e15)
        return json_integer((json_int_t)v);
    return json_real(round(v * 1000) / 1000);
}

static json_t *table_json(const struct rep_table *t)
{
    json_t *o = json_object(), *rows = json_array();

    json_object_set_new(o, "title", jstr(t->title));
    for (size_t r = 0; r < t->nrows; r++) {
        json_t *row = json_object();

        for (size_t c = 0; c < t->ncols; c++) {
            const char *v = t->cells[r * t->ncols + c];
            char *end;
            double d;

            if (!*v) {
                json_object_set_new(row, t->cols[c].name, json_null());
                continue;
            }
            d = strtod(v, &end);
            json_object_set_new(row, t->cols[c].name,
                                t->cols[c].numeric && !*end ? jnum(d) : jstr(v));
        }
        json_array_append_new(rows, row);
    }
    json_object_set_new(o, "rows", rows);
    return o;
}

static json_t *elipse_json(const struct rep_elipse *x)
{
    json_t *o = json_object(), *years = json_object();

    json_object_set_new(o, "scope", jstr(x->scope));
    json_object_set_new(o, "code", jstr(x->code));
    json_object_set_new(o, "axis", jstr(x->axis));
    json_object_set_new(o, "label", jstr(x->label));
    json_object_set_new(o, "required", json_boolean(x->required));
    json_object_set_new(o, "scale_max", jnum(x->scale_max));
    for (int i = 0; i < x->nyears; i++) {
        json_t *y = json_object();
        char k[16];

        snprintf(k, sizeof k, "%d", x->years[i]);
        json_object_set_new(y, "value", jnum(x->values[i]));
        json_object_set_new(y, "basis", jstr(x->basis[i]));
        json_object_set_new(years, k, y);
    }
    json_object_set_new(o, "years", years);
    return o;
}

int report_write_json(const struct report *r, FILE *f, struct err *e)
{
    json_t *root = json_object(), *figs = json_array(), *tabs = json_object();
    json_t *notes = json_array(), *el = json_array();
    int rc;

    if (!root || !figs || !tabs || !notes || !el) {
        json_decref(root), json_decref(figs), json_decref(tabs), json_decref(notes);
        json_decref(el);
        return err_set(e, SY_ENOMEM, "out of memory writing the report");
    }
    json_object_set_new(root, "title", jstr(r->title));
    json_object_set_new(root, "scope", jstr(r->scope));
    json_object_set_new(root, "year", json_integer(r->year));
    json_object_set_new(root, "generated", jstr(r->generated));
    json_object_set_new(root, "generator", jstr(r->generator));
    for (size_t i = 0; i < r->nnotes; i++)
        json_array_append_new(notes, jstr(r->notes[i]));
    json_object_set_new(root, "notes", notes);
    for (size_t i = 0; i < r->nfigs; i++) {
        const struct rep_figure *g = &r->figs[i];
        json_t *o = json_object();

        json_object_set_new(o, "scope", jstr(g->scope));
        json_object_set_new(o, "section", jstr(g->section));
        json_object_set_new(o, "key", jstr(g->key));
        json_object_set_new(o, "label", jstr(g->label));
        json_object_set_new(o, "value", jnum(g->value));
        json_object_set_new(o, "unit", jstr(g->unit));
        json_object_set_new(o, "basis", jstr(g->basis));
        json_object_set_new(o, "source", jstr(g->source));
        json_array_append_new(figs, o);
    }
    json_object_set_new(root, "figures", figs);
    for (size_t i = 0; i < r->ntables; i++)
        json_object_set_new(tabs, r->tables[i].name, table_json(&r->tables[i]));
    json_object_set_new(root, "tables", tabs);
    for (size_t i = 0; i < r->nelipse; i++)
        json_array_append_new(el, elipse_json(&r->elipse[i]));
    json_object_set_new(root, "elipse", el);
    rc = json_dumpf(root, f, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    json_decref(root);
    fputc('\n', f);
    return rc || ferror(f) ? err_set(e, SY_EIO, "cannot write the report (JSON)") : SY_OK;
}

static json_t *point(double lon, double lat)
{
    json_t *c = json_array();

    json_array_append_new(c, json_real(round(lon * 1e6) / 1e6));
    json_array_append_new(c, json_real(round(lat * 1e6) / 1e6));
    return c;
}

int report_write_geojson(const struct report *r, FILE *f, struct err *e)
{
    json_t *root = json_object(), *feats = json_array();
    int rc;

    if (!root || !feats) {
        json_decref(root), json_decref(feats);
        return err_set(e, SY_ENOMEM, "out of memory writing the report");
    }
    json_object_set_new(root, "type", json_string("FeatureCollection"));
    for (size_t i = 0; i < r->nplaces; i++) {
        const struct rep_place *p = &r->places[i];
        json_t *ft = json_object(), *g = json_object(), *pr = json_object();

        json_object_set_new(g, "type", json_string("Point"));
        json_object_set_new(g, "coordinates", point(p->lon, p->lat));
        json_object_set_new(pr, "feature", json_string("actor"));
        json_object_set_new(pr, "id", jstr(p->id));
        json_object_set_new(pr, "name", jstr(p->name));
        json_object_set_new(pr, "territory", jstr(p->territory));
        json_object_set_new(pr, "kind", jstr(p->kind));
        json_object_set_new(pr, "naf", jstr(p->naf));
        json_object_set_new(pr, "stage", p->stage[0] ? jstr(p->stage) : json_null());
        json_object_set_new(ft, "type", json_string("Feature"));
        json_object_set_new(ft, "geometry", g);
        json_object_set_new(ft, "properties", pr);
        json_array_append_new(feats, ft);
    }
    for (size_t i = 0; i < r->nlinks; i++) {
        const struct rep_link *l = &r->links[i];
        json_t *ft = json_object(), *g = json_object(), *pr = json_object(), *c = json_array();

        json_array_append_new(c, point(l->lon1, l->lat1));
        json_array_append_new(c, point(l->lon2, l->lat2));
        json_object_set_new(g, "type", json_string("LineString"));
        json_object_set_new(g, "coordinates", c);
        json_object_set_new(pr, "feature", json_string("synergy"));
        json_object_set_new(pr, "supplier", jstr(l->supplier));
        json_object_set_new(pr, "receiver", jstr(l->receiver));
        json_object_set_new(pr, "resource", jstr(l->resource));
        json_object_set_new(pr, "territory", jstr(l->territory));
        json_object_set_new(pr, "status", jstr(l->status));
        json_object_set_new(pr, "quantity", jnum(l->quantity));
        json_object_set_new(pr, "unit", jstr(l->unit));
        json_object_set_new(pr, "tonnes", jnum(l->tonnes));
        json_object_set_new(pr, "co2e_kg", jnum(l->co2e_kg));
        json_object_set_new(pr, "euros", jnum(l->euros));
        json_object_set_new(pr, "basis", jstr(l->basis));
        json_object_set_new(pr, "source", jstr(l->source));
        json_object_set_new(ft, "type", json_string("Feature"));
        json_object_set_new(ft, "geometry", g);
        json_object_set_new(ft, "properties", pr);
        json_array_append_new(feats, ft);
    }
    json_object_set_new(root, "features", feats);
    rc = json_dumpf(root, f, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    json_decref(root);
    fputc('\n', f);
    return rc || ferror(f) ? err_set(e, SY_EIO, "cannot write the report (GeoJSON)") : SY_OK;
}

static const struct out_col elipse_cols[] = {
    {"scope", 0, 0}, {"code", 0, 0},  {"axis", 0, 0},      {"label", 0, 0}, {"required", 0, 0},
    {"year", 1, 0},  {"value", 1, 0}, {"scale_max", 1, 0}, {"basis", 0, 0},
};

int report_write_xlsx(const struct report *r, FILE *f, struct err *e)
{
    struct xlsx *x = xlsx_open_file(f, e);
    int rc;

    if (!x)
        return e ? e->code : SY_EIO;
    rc = xlsx_sheet(x, "figures", report_figure_cols, report_figure_ncols, e);
    for (size_t i = 0; !rc && i < r->nfigs; i++) {
        const char *vals[8];
        char v[64];

        figure_vals(&r->figs[i], v, sizeof v, vals);
        rc = xlsx_row(x, vals, e);
    }
    for (size_t t = 0; !rc && t < r->ntables; t++) {
        const struct rep_table *tb = &r->tables[t];

        rc = xlsx_sheet(x, tb->name, tb->cols, tb->ncols, e);
        for (size_t i = 0; !rc && i < tb->nrows; i++)
            rc = xlsx_row(x, (const char *const *)&tb->cells[i * tb->ncols], e);
    }
    if (!rc && r->nelipse)
        rc = xlsx_sheet(x, "elipse", elipse_cols, sizeof elipse_cols / sizeof elipse_cols[0], e);
    for (size_t i = 0; !rc && i < r->nelipse; i++) {
        const struct rep_elipse *el = &r->elipse[i];

        for (int y = 0; !rc && y < el->nyears; y++) {
            char year[16], v[64], mx[64];
            const char *vals[9];

            snprintf(year, sizeof year, "%d", el->years[y]);
            num(el->values[y], v, sizeof v);
            num(el->scale_max, mx, sizeof mx);
            vals[0] = el->scope, vals[1] = el->code, vals[2] = el->axis, vals[3] = el->label;
            vals[4] = el->required ? "yes" : "no", vals[5] = year, vals[6] = v, vals[7] = mx;
            vals[8] = el->basis[y];
            rc = xlsx_row(x, vals, e);
        }
    }
    if (rc) {
        xlsx_free(x);
        return rc;
    }
    return xlsx_close(x, e);
}

int report_write(const struct report *r, enum rep_format fmt, FILE *f, struct err *e)
{
    switch (fmt) {
    case REP_HTML:
        return report_write_html(r, f, e);
    case REP_XLSX:
        return report_write_xlsx(r, f, e);
    case REP_JSON:
        return report_write_json(r, f, e);
    case REP_GEOJSON:
        return report_write_geojson(r, f, e);
    case REP_CSV:
        return report_write_csv(r, f, e);
    }
    return err_set(e, SY_EUSAGE, "unknown report format");
}
