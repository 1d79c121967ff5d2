/*
 * table.c - aligned tables, RFC 4180 CSV and JSON arrays for list commands.
 */
#include "io/table.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

struct out {
    FILE *f;
    enum out_format fmt;
    const struct out_col *cols;
    size_t ncols;
    size_t nrows;
    char **cells; /* table only: nrows * ncols owned strings */
    size_t cap;
};

static struct out_csv_style csv_style = {',', '.', 0};
const struct out_csv_style out_csv_french = {';', ',', 1};

void out_set_csv_style(const struct out_csv_style *st)
{
    csv_style = *st;
}

/* A numeric CSV cell with the decimal mark of the style. */
static void csv_number(FILE *f, const char *s)
{
    if (csv_style.decimal == '.' || !s || !strchr(s, '.') || strpbrk(s, "\",;\r\n")) {
        out_csv_field(f, s);
        return;
    }
    for (; *s; s++)
        fputc(*s == '.' ? csv_style.decimal : *s, f);
}

int out_format_parse(const char *s, enum out_format *f, int allow_geojson, struct err *e)
{
    if (strcmp(s, "table") == 0)
        *f = OUT_TABLE;
    else if (strcmp(s, "csv") == 0)
        *f = OUT_CSV;
    else if (strcmp(s, "json") == 0)
        *f = OUT_JSON;
    else if (allow_geojson && strcmp(s, "geojson") == 0)
        *f = OUT_GEOJSON;
    else
        return err_set(e, SY_EUSAGE, "unknown format '%s'; use table, csv, json%s", s,
                       allow_geojson ? " or geojson" : "");
    return SY_OK;
}

struct out *out_new(FILE *f, enum out_format fmt, const struct out_col *cols, size_t ncols)
{
    struct out *o = calloc(1, sizeof *o);

    if (!o)
        return NULL;
    o->f = f;
    o->fmt = fmt;
    o->cols = cols;
    o->ncols = ncols;
    if (fmt == OUT_CSV) {
        if (csv_style.bom)
            fputs("\xEF\xBB\xBF", f);
        for (size_t i = 0; i < ncols; i++) {
            if (i)
                fputc(csv_style.sep, f);
            out_csv_field(f, cols[i].name);
        }
        fputc('\n', f);
    } else if (fmt == OUT_JSON) {
        fputc('[', f);
    }
    return o;
}

void out_csv_field(FILE *f, const char *s)
{
    if (!s)
        return;
    if (!strpbrk(s, ",;\"\r\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static int json_row(struct out *o, const char *const *vals)
{
    json_t *obj = json_object();
    char *text, *end;

    if (!obj)
        return SY_ENOMEM;
    for (size_t i = 0; i < o->ncols; i++) {
        const char *v = vals[i];
        json_t *j;

        if (!v || !*v) {
            j = json_null();
        } else if (o->cols[i].numeric) {
            double d = strtod(v, &end);

            j = *end ? json_string(v) : json_real(d);
            if (!*end && d == (double)(long long)d && d < 9e15 && d > -9e15)
                json_decref(j), j = json_integer((json_int_t)d);
        } else {
            j = json_string(v);
        }
        if (!j)
            j = json_string("?"); /* invalid UTF-8 cannot reach here: inputs are validated */
        json_object_set_new(obj, o->cols[i].name, j);
    }
    text = json_dumps(obj, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(obj);
    if (!text)
        return SY_ENOMEM;
    fputs(o->nrows ? ",\n" : "\n", o->f);
    fputs(text, o->f);
    free(text);
    return SY_OK;
}

int out_row(struct out *o, const char *const *vals)
{
    int rc = SY_OK;

    if (o->fmt == OUT_CSV) {
        for (size_t i = 0; i < o->ncols; i++) {
            if (i)
                fputc(csv_style.sep, o->f);
            if (o->cols[i].numeric)
                csv_number(o->f, vals[i]);
            else
                out_csv_field(o->f, vals[i]);
        }
        fputc('\n', o->f);
    } else if (o->fmt == OUT_JSON) {
        rc = json_row(o, vals);
    } else {
        if ((o->nrows + 1) * o->ncols > o->cap) {
            size_t ncap = o->cap ? o->cap * 2 : o->ncols * 64;
            char **nc = realloc(o->cells, ncap * sizeof *nc);

            if (!nc)
                return SY_ENOMEM;
            o->cells = nc;
            o->cap = ncap;
        }
        for (size_t i = 0; i < o->ncols; i++) {
            char *c = strdup(vals[i] ? vals[i] : "");

            if (!c)
                return SY_ENOMEM;
            o->cells[o->nrows * o->ncols + i] = c;
        }
    }
    if (!rc)
        o->nrows++;
    return rc;
}

/* Display width in code points (continuation bytes do not count). */
static size_t u8_width(const char *s)
{
    size_t w = 0;

    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            w++;
    return w;
}

/* Byte length of the first max code points of s. */
static size_t u8_prefix(const char *s, size_t max)
{
    size_t w = 0, i = 0;

    for (; s[i]; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80) {
            if (w == max)
                break;
            w++;
        }
    }
    return i;
}

static void print_cell(FILE *f, const char *s, size_t width, size_t max, int right, int last)
{
    size_t w = u8_width(s), pad;

    if (max && w > max) {
        fwrite(s, 1, u8_prefix(s, max - 1), f);
        fputs("…", f);
        w = max;
    } else if (right) {
        for (pad = w; pad < width; pad++)
            fputc(' ', f);
        fputs(s, f);
        return;
    } else {
        fputs(s, f);
    }
    if (!last)
        for (pad = w; pad < width; pad++)
            fputc(' ', f);
}

static void print_table(struct out *o)
{
    size_t *width = calloc(o->ncols, sizeof *width);

    if (!width)
        return;
    for (size_t i = 0; i < o->ncols; i++)
        width[i] = u8_width(o->cols[i].name);
    for (size_t r = 0; r < o->nrows; r++) {
        for (size_t i = 0; i < o->ncols; i++) {
            size_t w = u8_width(o->cells[r * o->ncols + i]);

            if (o->cols[i].max_width && w > (size_t)o->cols[i].max_width)
                w = (size_t)o->cols[i].max_width;
            if (w > width[i])
                width[i] = w;
        }
    }
    for (size_t i = 0; i < o->ncols; i++) {
        if (i)
            fputs("  ", o->f);
        print_cell(o->f, o->cols[i].name, width[i], 0, o->cols[i].numeric, i + 1 == o->ncols);
    }
    fputc('\n', o->f);
    for (size_t r = 0; r < o->nrows; r++) {
        for (size_t i = 0; i < o->ncols; i++) {
            if (i)
                fputs("  ", o->f);
            print_cell(o->f, o->cells[r * o->ncols + i], width[i], (size_t)o->cols[i].max_width,
                       o->cols[i].numeric, i + 1 == o->ncols);
        }
        fputc('\n', o->f);
    }
    free(width);
}

int out_finish(struct out *o)
{
    if (o->fmt == OUT_JSON)
        fputs(o->nrows ? "\n]\n" : "]\n", o->f);
    else if (o->fmt == OUT_TABLE)
        print_table(o);
    return ferror(o->f) ? SY_EIO : SY_OK;
}

enum out_format out_get_format(const struct out *o)
{
    return o->fmt;
}

size_t out_count(const struct out *o)
{
    return o->nrows;
}

void out_free(struct out *o)
{
    if (!o)
        return;
    if (o->cells)
        for (size_t i = 0; i < o->nrows * o->ncols; i++)
            free(o->cells[i]);
    free(o->cells);
    free(o);
}
