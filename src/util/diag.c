/*
 * diag.c - bounded list of located import diagnostics.
 */
#include "util/diag.h"
#include "util/i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

void diags_init(struct diags *d, const char *file)
{
    d->file = file;
    d->sheet = NULL;
    d->v = NULL;
    d->n = 0;
    d->cap = 0;
    d->nerrors = 0;
    d->nwarnings = 0;
}

void diags_release(struct diags *d)
{
    free(d->v);
    const char *sheet = d->sheet;

    diags_init(d, d->file);
    d->sheet = sheet;
}

static void diags_vadd(struct diags *d, enum diag_level level, long line, long col, int field,
                       const char *column, const char *fmt, va_list ap)
{
    struct diag *e;

    if (level == DIAG_ERROR) {
        d->nerrors++;
        if (d->nerrors > DIAG_MAX)
            return;
    } else {
        d->nwarnings++;
        if (d->nwarnings > DIAG_MAX)
            return;
    }
    if (d->n == d->cap) {
        size_t ncap = d->cap ? d->cap * 2 : 16;
        struct diag *nv = realloc(d->v, ncap * sizeof *nv);

        if (!nv)
            return; /* the count still records it */
        d->v = nv;
        d->cap = ncap;
    }
    e = &d->v[d->n++];
    e->level = level;
    e->line = line;
    e->col = col;
    e->field = field;
    snprintf(e->column, sizeof e->column, "%s", column ? column : "");
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
}

void diags_error(struct diags *d, long line, long col, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    diags_vadd(d, DIAG_ERROR, line, col, -1, NULL, fmt, ap);
    va_end(ap);
}

void diags_warning(struct diags *d, long line, long col, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    diags_vadd(d, DIAG_WARNING, line, col, -1, NULL, fmt, ap);
    va_end(ap);
}

void diags_add(struct diags *d, enum diag_level level, long line, long col, int field,
               const char *column, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    diags_vadd(d, level, line, col, field, column, fmt, ap);
    va_end(ap);
}

void diag_col_letters(long field, char *out, size_t n)
{
    char tmp[16];
    size_t k = 0;

    for (; field > 0 && k < sizeof tmp; field = (field - 1) / 26)
        tmp[k++] = (char)('A' + (field - 1) % 26);
    if (!n)
        return;
    for (size_t i = 0; i < k && i + 1 < n; i++)
        out[i] = tmp[k - 1 - i];
    out[k < n ? k : n - 1] = '\0';
}

int diags_full(const struct diags *d)
{
    return d->nerrors >= DIAG_MAX;
}

void diags_format(const struct diags *d, size_t i, char *out, size_t n)
{
    const struct diag *e = &d->v[i];
    const char *lv = e->level == DIAG_ERROR ? _("error") : _("warning");
    char where[DIAG_COLUMN_MAX + 128] = "", letters[16];

    if (e->field >= 0 && e->line > 0) {
        diag_col_letters(e->field + 1L, letters, sizeof letters);
        if (d->sheet)
            snprintf(where, sizeof where, _(" [sheet %s, row %ld, column %s (%s)]"), d->sheet,
                     e->line, letters, e->column);
        else
            snprintf(where, sizeof where, _(" [line %ld, column %s (%s)]"), e->line, letters,
                     e->column);
    }
    snprintf(out, n, "%s:%ld:%ld: %s: %s%s", d->file ? d->file : "-", e->line, e->col, lv, e->msg,
             where);
}
