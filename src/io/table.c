/*
 * table.c - aligned tables, RFC 4180 CSV and JSON arrays for list commands.
 */
#include "io/table.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "io/xlsx.h"
#include "util/buf.h"
#include "util/i18n.h"

struct out {
    struct out_sink sink;
    int failed; /* a write to the buffer failed (limit or memory) */
    enum out_format fmt;
    const struct out_col *cols;
    size_t ncols;
    size_t nrows;
    char **cells; /* table only: nrows * ncols owned strings */
    size_t cap;
    /* out_new_rec: the columns chosen and where they are in the record list */
    const struct rec_desc *rec;
    struct out_col *own_cols;
    size_t *map;
    size_t nrec; /* the first nrec columns are the record's, the others extra */
    const char *(*word)(const char *english); /* out_set_words */
    struct xlsx *x;                           /* OUT_XLSX */
};

static void put(struct out *o, const char *s, size_t n)
{
    if (o->sink.f)
        fwrite(s, 1, n, o->sink.f);
    else if (o->sink.b && buf_add(o->sink.b, s, n))
        o->failed = 1;
}

static void puts_(struct out *o, const char *s)
{
    put(o, s, strlen(s));
}

static void putc_(struct out *o, char c)
{
    put(o, &c, 1);
}

static struct out_csv_style csv_style = {',', '.', 0};
const struct out_csv_style out_csv_french = {';', ',', 1};

void out_set_csv_style(const struct out_csv_style *st)
{
    csv_style = *st;
}

static void csv_field(struct out *o, const char *s);

/* A numeric CSV cell with the decimal mark of the style. */
static void csv_number(struct out *o, const char *s)
{
    if (csv_style.decimal == '.' || !s || !strchr(s, '.') || strpbrk(s, "\",;\r\n")) {
        csv_field(o, s);
        return;
    }
    for (; *s; s++)
        putc_(o, *s == '.' ? csv_style.decimal : *s);
}

int out_format_parse(const char *s, enum out_format *f, int allow_geojson, struct err *e)
{
    if (strcmp(s, "table") == 0)
        *f = OUT_TABLE;
    else if (strcmp(s, "csv") == 0)
        *f = OUT_CSV;
    else if (strcmp(s, "json") == 0)
        *f = OUT_JSON;
    else if (strcmp(s, "xlsx") == 0)
        *f = OUT_XLSX;
    else if (allow_geojson && strcmp(s, "geojson") == 0)
        *f = OUT_GEOJSON;
    else
        return err_set(e, SY_EUSAGE, "unknown format '%s'; use table, csv, json, xlsx%s", s,
                       allow_geojson ? " or geojson" : "");
    return SY_OK;
}

static void csv_field(struct out *o, const char *s)
{
    if (!s)
        return;
    if (!strpbrk(s, ",;\"\r\n")) {
        puts_(o, s);
        return;
    }
    putc_(o, '"');
    for (; *s; s++) {
        if (*s == '"')
            putc_(o, '"');
        putc_(o, *s);
    }
    putc_(o, '"');
}

static void start(struct out *o)
{
    if (o->fmt == OUT_CSV) {
        if (csv_style.bom)
            puts_(o, "\xEF\xBB\xBF");
        for (size_t i = 0; i < o->ncols; i++) {
            if (i)
                putc_(o, csv_style.sep);
            csv_field(o, o->cols[i].name);
        }
        putc_(o, '\n');
    } else if (o->fmt == OUT_JSON) {
        putc_(o, '[');
    } else if (o->fmt == OUT_XLSX) {
        struct err e;

        o->x = o->sink.f ? xlsx_open_file(o->sink.f, &e) : NULL;
        /* The sheet is named after its list, in the user's language ("flux"). */
        if (!o->x || xlsx_sheet(o->x, o->rec ? _(o->rec->list) : "symbiose", o->cols, o->ncols, &e))
            o->failed = 1;
    }
}

struct out *out_new_sink(struct out_sink sink, enum out_format fmt, const struct out_col *cols,
                         size_t ncols)
{
    struct out *o = calloc(1, sizeof *o);

    if (!o)
        return NULL;
    o->sink = sink;
    o->fmt = fmt;
    o->cols = cols;
    o->ncols = ncols;
    start(o);
    return o;
}

struct out *out_new(FILE *f, enum out_format fmt, const struct out_col *cols, size_t ncols)
{
    struct out_sink sink = {f, NULL};

    return out_new_sink(sink, fmt, cols, ncols);
}

struct out *out_new_rec(struct out_sink sink, enum out_format fmt, const struct rec_desc *d,
                        unsigned need)
{
    return out_new_rec_extra(sink, fmt, d, need, NULL, 0);
}

struct out *out_new_rec_extra(struct out_sink sink, enum out_format fmt, const struct rec_desc *d,
                              unsigned need, const struct out_col *extra, size_t nextra)
{
    struct out *o = calloc(1, sizeof *o);
    size_t n = 0;

    if (!o)
        return NULL;
    o->own_cols = calloc(d->ncols + nextra + 1, sizeof *o->own_cols);
    o->map = calloc(d->ncols + nextra + 1, sizeof *o->map);
    if (!o->own_cols || !o->map) {
        out_free(o);
        return NULL;
    }
    for (size_t i = 0; i < d->ncols; i++) {
        const struct rec_col *c = &d->cols[i];
        if (!(c->flags & need))
            continue;
        o->own_cols[n].name = c->name;
        o->own_cols[n].numeric = c->type != REC_TEXT || (c->flags & REC_NUMERIC);
        o->own_cols[n].max_width = c->width;
        o->map[n++] = i;
    }
    o->nrec = n;
    for (size_t i = 0; i < nextra; i++)
        o->own_cols[n++] = extra[i];
    o->sink = sink;
    o->fmt = fmt;
    o->rec = d;
    o->cols = o->own_cols;
    o->ncols = n;
    start(o);
    return o;
}

int out_rec(struct out *o, const void *rec)
{
    return out_rec_extra(o, rec, NULL);
}

int out_rec_extra(struct out *o, const void *rec, const char *const *extra)
{
    char bufs[OUT_REC_COLS][64];
    const char *v[OUT_REC_COLS] = {0};
    size_t n = o->nrec;

    if (!o->rec || o->ncols > OUT_REC_COLS)
        return SY_EUSAGE;
    for (size_t i = n; extra && i < o->ncols; i++)
        v[i] = extra[i - n];
    for (size_t i = 0; i < n; i++) {
        const struct rec_col *c = &o->rec->cols[o->map[i]];

        v[i] = rec_get(o->rec, o->map[i], rec, bufs[i], sizeof bufs[i]);
        if (o->word && c->type == REC_TEXT && c->get && c->set)
            v[i] = o->word(v[i]);
    }
    return out_row(o, v);
}

void out_csv_field(FILE *f, const char *s)
{
    struct out o;

    memset(&o, 0, sizeof o);
    o.sink.f = f;
    csv_field(&o, s);
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
        } else if (o->cols[i].numeric == OUT_COL_JSON) {
            j = json_loads(v, JSON_DECODE_ANY, NULL);
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
    puts_(o, o->nrows ? ",\n" : "\n");
    puts_(o, text);
    free(text);
    return SY_OK;
}

/*
 * A copy of s for a terminal: each control character (C0, DEL, and the C1
 * controls U+0080..U+009F, which include CSI) becomes '?', so that data can
 * neither move the cursor, clear the screen nor set the window title. CSV and
 * JSON keep the data exact.
 */
static char *cell_dup(const char *s)
{
    char *d = strdup(s);
    size_t k = 0;

    if (!d)
        return NULL;
    for (size_t i = 0; s[i]; i++) {
        unsigned char ch = (unsigned char)s[i];

        if (ch < 0x20 || ch == 0x7F) {
            d[k++] = '?';
        } else if (ch == 0xC2 && (unsigned char)s[i + 1] >= 0x80 &&
                   (unsigned char)s[i + 1] <= 0x9F) {
            d[k++] = '?';
            i++;
        } else {
            d[k++] = (char)ch;
        }
    }
    d[k] = '\0';
    return d;
}

int out_row(struct out *o, const char *const *vals)
{
    int rc = SY_OK;

    if (o->fmt == OUT_XLSX) {
        struct err e;

        rc = o->x && !o->failed ? xlsx_row(o->x, vals, &e) : SY_EIO;
        if (!rc)
            o->nrows++;
        return rc;
    }
    if (o->fmt == OUT_CSV) {
        for (size_t i = 0; i < o->ncols; i++) {
            if (i)
                putc_(o, csv_style.sep);
            if (o->cols[i].numeric)
                csv_number(o, vals[i]);
            else
                csv_field(o, vals[i]);
        }
        putc_(o, '\n');
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
            char *c = cell_dup(vals[i] ? vals[i] : "");

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

static void print_cell(struct out *o, const char *s, size_t width, size_t max, int right, int last)
{
    size_t w = u8_width(s), pad;

    if (max && w > max) {
        put(o, s, u8_prefix(s, max - 1));
        puts_(o, "…");
        w = max;
    } else if (right) {
        for (pad = w; pad < width; pad++)
            putc_(o, ' ');
        puts_(o, s);
        return;
    } else {
        puts_(o, s);
    }
    if (!last)
        for (pad = w; pad < width; pad++)
            putc_(o, ' ');
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
            puts_(o, "  ");
        print_cell(o, o->cols[i].name, width[i], 0, o->cols[i].numeric, i + 1 == o->ncols);
    }
    putc_(o, '\n');
    for (size_t r = 0; r < o->nrows; r++) {
        for (size_t i = 0; i < o->ncols; i++) {
            if (i)
                puts_(o, "  ");
            print_cell(o, o->cells[r * o->ncols + i], width[i], (size_t)o->cols[i].max_width,
                       o->cols[i].numeric, i + 1 == o->ncols);
        }
        putc_(o, '\n');
    }
    free(width);
}

int out_finish(struct out *o)
{
    if (o->fmt == OUT_XLSX) {
        struct err e;
        int rc = o->x && !o->failed ? xlsx_close(o->x, &e) : SY_EIO;

        o->x = NULL; /* closed (or freed) */
        return rc;
    }
    if (o->fmt == OUT_JSON)
        puts_(o, o->nrows ? "\n]\n" : "]\n");
    else if (o->fmt == OUT_TABLE)
        print_table(o);
    if (o->failed)
        return SY_ELIMIT;
    return o->sink.f && ferror(o->sink.f) ? SY_EIO : SY_OK;
}

void out_set_words(struct out *o, const char *(*word)(const char *english))
{
    o->word = word;
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
    free(o->own_cols);
    free(o->map);
    xlsx_free(o->x);
    free(o);
}
