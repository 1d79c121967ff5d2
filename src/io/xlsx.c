/*
 * xlsx.c - tables to an Excel workbook with libxlsxwriter (see xlsx.h).
 *
 * libxlsxwriter writes to a path only, so a workbook meant for a FILE * is
 * built in a temporary file (mkstemp under $TMPDIR) and copied at close.
 */
#include "io/xlsx.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#define XLSX_ROWS_MAX 1048575u /* Excel's 1,048,576 rows, less the header */
#define XLSX_CELL_MAX 32767u   /* Excel's longest cell text */
#define XLSX_NAME_MAX 31       /* Excel's longest sheet name */
#define XLSX_WIDTH_MAX 60.0
#define XLSX_SHEETS_MAX 250

struct xlsx {
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_format *head, *date, *datetime;
    const struct out_col *cols;
    size_t ncols;
    size_t nrows;
    double *width;   /* per column of the current sheet */
    char path[4096]; /* where the workbook is written */
    FILE *copy_to;   /* NULL, or where to copy the temporary file */
    char names[XLSX_SHEETS_MAX][XLSX_NAME_MAX + 1];
    size_t nsheets;
};

static struct xlsx *xlsx_start(struct xlsx *x, struct err *e)
{
    lxw_workbook_options opt = {0};

    opt.constant_memory = LXW_TRUE;
    x->wb = workbook_new_opt(x->path, &opt);
    if (!x->wb) {
        err_set(e, SY_EIO,
                "cannot create the workbook '%s'; check the folder exists and is writable",
                x->path);
        if (x->copy_to)
            unlink(x->path);
        free(x);
        return NULL;
    }
    x->head = workbook_add_format(x->wb);
    x->date = workbook_add_format(x->wb);
    x->datetime = workbook_add_format(x->wb);
    format_set_bold(x->head);
    format_set_bg_color(x->head, 0xDDEBF7);
    format_set_num_format(x->date, "yyyy-mm-dd");
    format_set_num_format(x->datetime, "yyyy-mm-dd hh:mm:ss");
    return x;
}

struct xlsx *xlsx_open_path(const char *path, struct err *e)
{
    struct xlsx *x = calloc(1, sizeof *x);
    FILE *probe;

    if (!x) {
        err_set(e, SY_ENOMEM, "out of memory opening a workbook");
        return NULL;
    }
    if (strlen(path) >= sizeof x->path) {
        free(x);
        err_set(e, SY_EUSAGE, "workbook path too long (%zu bytes)", strlen(path));
        return NULL;
    }
    strcpy(x->path, path); /* NOLINT(clang-analyzer-security.insecureAPI.strcpy): length checked */
    /* libxlsxwriter opens the file only at close, and prints its own error
     * then: find out now, in our words. */
    probe = fopen(path, "wb");
    if (!probe) {
        err_set(e, SY_EIO,
                "cannot create the workbook '%s': %s; check the folder exists and is "
                "writable",
                path, strerror(errno));
        free(x);
        return NULL;
    }
    fclose(probe);
    return xlsx_start(x, e);
}

struct xlsx *xlsx_open_file(FILE *f, struct err *e)
{
    struct xlsx *x = calloc(1, sizeof *x);
    const char *dir = getenv("TMPDIR");
    int fd;

    if (!x) {
        err_set(e, SY_ENOMEM, "out of memory opening a workbook");
        return NULL;
    }
    if (!dir || !*dir || strlen(dir) > sizeof x->path - 32)
        dir = "/tmp";
    snprintf(x->path, sizeof x->path, "%s/symbiose-xlsx-XXXXXX", dir);
    fd = mkstemp(x->path);
    if (fd < 0) {
        err_set(e, SY_EIO, "cannot create a temporary file in %s: %s; set $TMPDIR", dir,
                strerror(errno));
        free(x);
        return NULL;
    }
    close(fd);
    x->copy_to = f;
    return xlsx_start(x, e);
}

/* Width of the header or a value in characters (UTF-8 code points). */
static double text_width(const char *s)
{
    double w = 0;

    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            w++;
    return w;
}

static void sheet_finish(struct xlsx *x)
{
    if (!x->ws)
        return;
    for (size_t i = 0; i < x->ncols; i++) {
        double w = x->width[i] + 2;

        worksheet_set_column(x->ws, (lxw_col_t)i, (lxw_col_t)i,
                             w > XLSX_WIDTH_MAX ? XLSX_WIDTH_MAX : w, NULL);
    }
    if (x->ncols)
        worksheet_autofilter(x->ws, 0, 0, (lxw_row_t)x->nrows, (lxw_col_t)(x->ncols - 1));
    free(x->width);
    x->width = NULL;
    x->ws = NULL;
}

static void sheet_name(struct xlsx *x, const char *name, char *out)
{
    size_t n = 0;
    char base[XLSX_NAME_MAX + 1];

    for (const char *p = name; *p && n < XLSX_NAME_MAX - 3; p++) {
        unsigned char c = (unsigned char)*p;

        if (c >= 0x80) { /* keep whole UTF-8 sequences */
            size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;

            if (n + len > XLSX_NAME_MAX - 3)
                break;
            for (size_t k = 0; k < len && p[k]; k++)
                base[n++] = p[k];
            p += len - 1;
            continue;
        }
        base[n++] = (char)(strchr("[]:*?/\\", c) || c < 0x20 ? '_' : c);
    }
    if (n == 0)
        base[n++] = '_';
    base[n] = 0;
    strcpy(out, base); /* NOLINT(clang-analyzer-security.insecureAPI.strcpy): n <= 28 */
    for (int k = 2;; k++) {
        int used = 0;

        for (size_t i = 0; i < x->nsheets; i++)
            used |= strcasecmp(x->names[i], out) == 0;
        if (!used)
            return;
        snprintf(out, XLSX_NAME_MAX + 1, "%s %d", base, k);
    }
}

int xlsx_sheet(struct xlsx *x, const char *name, const struct out_col *cols, size_t ncols,
               struct err *e)
{
    char sname[XLSX_NAME_MAX + 1];

    if (x->nsheets >= XLSX_SHEETS_MAX)
        return err_set(e, SY_ELIMIT, "a workbook holds at most %d sheets here", XLSX_SHEETS_MAX);
    sheet_finish(x);
    sheet_name(x, name, sname);
    x->ws = workbook_add_worksheet(x->wb, sname);
    x->width = calloc(ncols ? ncols : 1, sizeof *x->width);
    if (!x->ws || !x->width)
        return err_set(e, SY_ENOMEM, "out of memory adding the sheet '%s'", sname);
    memcpy(x->names[x->nsheets++], sname, sizeof sname);
    x->cols = cols;
    x->ncols = ncols;
    x->nrows = 0;
    for (size_t i = 0; i < ncols; i++) {
        worksheet_write_string(x->ws, 0, (lxw_col_t)i, cols[i].name, x->head);
        x->width[i] = text_width(cols[i].name) + 2; /* room for the filter button */
    }
    worksheet_freeze_panes(x->ws, 1, 0);
    return SY_OK;
}

static int two(const char *s, int *v)
{
    if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]))
        return 0;
    *v = (s[0] - '0') * 10 + (s[1] - '0');
    return 1;
}

int xlsx_parse_date(const char *s, int *y, int *mo, int *d, int *h, int *mi, double *sec)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int hi, lo;

    *h = *mi = 0;
    *sec = 0;
    if (!two(s, &hi) || !two(s + 2, &lo) || s[4] != '-' || !two(s + 5, mo) || s[7] != '-' ||
        !two(s + 8, d))
        return 0;
    *y = hi * 100 + lo;
    if (*y < 1900 || *mo < 1 || *mo > 12 || *d < 1 || *d > mdays[*mo - 1])
        return 0;
    if (*mo == 2 && *d == 29 && !((*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0))
        return 0;
    s += 10;
    if (!*s)
        return 1;
    if ((*s != 'T' && *s != ' ') || !two(s + 1, h) || s[3] != ':' || !two(s + 4, mi) || *h > 23 ||
        *mi > 59)
        return 0;
    s += 6;
    if (*s == ':') {
        char *end;
        int whole;

        if (!two(s + 1, &whole) || whole > 59)
            return 0;
        *sec = strtod(s + 1, &end);
        s = end;
    }
    if (*s == 'Z')
        s++;
    return *s == 0;
}

static int number(const char *v, double *d)
{
    char *end;

    if (!*v || isspace((unsigned char)*v))
        return 0;
    *d = strtod(v, &end);
    return *end == 0;
}

int xlsx_row(struct xlsx *x, const char *const *vals, struct err *e)
{
    lxw_row_t r;

    if (!x->ws)
        return err_set(e, SY_EUSAGE, "xlsx_row before xlsx_sheet");
    if (x->nrows >= XLSX_ROWS_MAX)
        return err_set(e, SY_ELIMIT,
                       "more than %u rows for one sheet: an Excel sheet holds 1,048,576 rows; "
                       "filter the list or use --format csv",
                       XLSX_ROWS_MAX);
    r = (lxw_row_t)(x->nrows + 1);
    for (size_t i = 0; i < x->ncols; i++) {
        const char *v = vals[i];
        lxw_col_t c = (lxw_col_t)i;
        lxw_datetime dt;
        lxw_error le;
        double n, w;

        if (!v || !*v)
            continue;
        if (x->cols[i].numeric && number(v, &n)) {
            le = worksheet_write_number(x->ws, r, c, n, NULL);
            w = text_width(v);
        } else if (xlsx_parse_date(v, &dt.year, &dt.month, &dt.day, &dt.hour, &dt.min, &dt.sec)) {
            int has_time = strlen(v) > 10;

            le = worksheet_write_datetime(x->ws, r, c, &dt, has_time ? x->datetime : x->date);
            w = has_time ? 19 : 10;
        } else {
            if (strlen(v) > XLSX_CELL_MAX)
                return err_set(e, SY_ELIMIT,
                               "sheet row %zu, column '%s': %zu bytes, past Excel's 32,767 per "
                               "cell; use --format csv",
                               x->nrows + 1, x->cols[i].name, strlen(v));
            le = worksheet_write_string(x->ws, r, c, v, NULL);
            w = text_width(v);
        }
        if (le != LXW_NO_ERROR)
            return err_set(e, SY_EIO, "writing sheet row %zu, column '%s': %s", x->nrows + 1,
                           x->cols[i].name, lxw_strerror(le));
        if (w > x->width[i])
            x->width[i] = w;
    }
    x->nrows++;
    return SY_OK;
}

size_t xlsx_count(const struct xlsx *x)
{
    return x->nrows;
}

static int copy_file(const char *path, FILE *to, struct err *e)
{
    FILE *f = fopen(path, "rb");
    char chunk[65536];
    size_t n;
    int rc = SY_OK;

    if (!f)
        return err_set(e, SY_EIO, "cannot read back the workbook '%s': %s", path, strerror(errno));
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (fwrite(chunk, 1, n, to) != n) {
            rc = err_set(e, SY_EIO, "cannot write the workbook: %s", strerror(errno));
            break;
        }
    if (!rc && (ferror(f) || fflush(to) != 0))
        rc = err_set(e, SY_EIO, "cannot copy the workbook: %s", strerror(errno));
    fclose(f);
    return rc;
}

int xlsx_close(struct xlsx *x, struct err *e)
{
    lxw_error le;
    int rc = SY_OK;

    if (!x)
        return SY_OK;
    sheet_finish(x);
    if (x->nsheets == 0) /* an empty workbook is not valid: give it one empty sheet */
        workbook_add_worksheet(x->wb, NULL);
    le = workbook_close(x->wb);
    x->wb = NULL;
    if (le != LXW_NO_ERROR)
        rc = err_set(e, SY_EIO, "cannot write the workbook '%s': %s", x->path, lxw_strerror(le));
    else if (x->copy_to)
        rc = copy_file(x->path, x->copy_to, e);
    if (x->copy_to)
        unlink(x->path);
    free(x->width);
    free(x);
    return rc;
}

void xlsx_free(struct xlsx *x)
{
    if (!x)
        return;
    if (x->wb) {
        /* libxlsxwriter frees a workbook only by writing it: write, then remove
         * what nobody asked for. */
        workbook_close(x->wb);
        unlink(x->path);
    }
    free(x->width);
    free(x);
}
