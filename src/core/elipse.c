/*
 * elipse.c - the ELIPSE indicator list and the values facilitators enter
 * (see elipse.h). Computed values come from the report builder.
 */
#include "core/elipse.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/csv.h"
#include "store/store_report.h"
#include "util/i18n.h"

#define ELIPSE_MAX 64

static const char *const cols[] = {
    "code",  "axis",      "label_fr",      "label_en",   "required",
    "unit",  "scale_max", "computed_from", "definition", "published_definition",
    "source"};
#define NCOLS (sizeof cols / sizeof cols[0])

static int row(struct elipse_list *l, const struct csv_record *r, const int *map, struct err *e)
{
    struct elipse_ind *d = &l->v[l->n];
    const char *f[NCOLS];
    char *end;

    for (size_t i = 0; i < NCOLS; i++)
        f[i] = map[i] >= 0 && (size_t)map[i] < r->n ? r->fields[map[i]] : "";
#define AT(i) l->path, r->line, map[i] >= 0 && (size_t)map[i] < r->n ? r->cols[map[i]] : 1
    if (!*f[0] || strlen(f[0]) >= sizeof d->code)
        return err_set(e, SY_EINPUT, _("%s:%ld:%ld: error: missing or long code"), AT(0));
    if (strcmp(f[1], "governance") != 0 && strcmp(f[1], "economic_model") != 0 &&
        strcmp(f[1], "activities") != 0)
        return err_set(e, SY_EINPUT,
                       _("%s:%ld:%ld: error: axis '%s'; use governance, economic_model or "
                         "activities"),
                       AT(1), f[1]);
    if (strcmp(f[4], "0") != 0 && strcmp(f[4], "1") != 0)
        return err_set(e, SY_EINPUT, _("%s:%ld:%ld: error: required is '%s'; use 0 or 1"), AT(4),
                       f[4]);
    memset(d, 0, sizeof *d);
    d->scale_max = strtod(f[6], &end);
    if (!*f[6] || *end || !(d->scale_max > 0))
        return err_set(e, SY_EINPUT, _("%s:%ld:%ld: error: scale_max '%s' is not a number > 0"),
                       AT(6), f[6]);
    if (elipse_find(l, f[0]))
        return err_set(e, SY_EINPUT, _("%s:%ld:%ld: error: code '%s' given twice"), AT(0), f[0]);
#undef AT
    snprintf(d->code, sizeof d->code, "%s", f[0]);
    snprintf(d->axis, sizeof d->axis, "%s", f[1]);
    snprintf(d->label_fr, sizeof d->label_fr, "%s", f[2]);
    snprintf(d->label_en, sizeof d->label_en, "%s", f[3]);
    d->required = f[4][0] == '1';
    snprintf(d->unit, sizeof d->unit, "%s", f[5]);
    snprintf(d->computed_from, sizeof d->computed_from, "%s", f[7]);
    snprintf(d->definition, sizeof d->definition, "%s", f[8]);
    snprintf(d->published, sizeof d->published, "%s", f[9]);
    snprintf(d->source, sizeof d->source, "%s", f[10]);
    l->n++;
    return SY_OK;
}

int elipse_load(const char *kb_dir, struct elipse_list *out, struct err *e)
{
    struct csv_record r;
    struct csv *c = NULL;
    int map[NCOLS], got, rc = SY_OK, header = 1;
    FILE *f;

    memset(out, 0, sizeof *out);
    snprintf(out->path, sizeof out->path, "%s/elipse/indicators.csv", kb_dir ? kb_dir : ".");
    f = fopen(out->path, "rb");
    if (!f)
        return err_set(e, SY_EIO, _("%s: %s; set --kb or $SYMBIOSE_KB to the data/ folder"),
                       out->path, strerror(errno));
    out->v = calloc(ELIPSE_MAX, sizeof *out->v);
    c = csv_new_file(f, out->path, NULL);
    if (!out->v || !c) {
        rc = err_set(e, SY_ENOMEM, _("out of memory reading %s"), out->path);
        goto done;
    }
    while ((got = csv_next(c, &r, e)) > 0) {
        if (header) {
            for (size_t i = 0; i < NCOLS; i++) {
                map[i] = -1;
                for (size_t k = 0; k < r.n; k++)
                    if (strcmp(r.fields[k], cols[i]) == 0)
                        map[i] = (int)k;
                if (map[i] < 0) {
                    rc = err_set(e, SY_EINPUT, _("%s:1:1: error: no column '%s'"), out->path,
                                 cols[i]);
                    goto done;
                }
            }
            header = 0;
            continue;
        }
        if (out->n >= ELIPSE_MAX) {
            rc = err_set(e, SY_ELIMIT, _("%s:%ld:1: error: more than %d indicators"), out->path,
                         r.line, ELIPSE_MAX);
            break;
        }
        rc = row(out, &r, map, e);
        if (rc)
            break;
    }
    if (!rc && got < 0)
        rc = got;
done:
    csv_free(c);
    fclose(f);
    if (rc)
        elipse_release(out);
    return rc;
}

void elipse_release(struct elipse_list *l)
{
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

const struct elipse_ind *elipse_find(const struct elipse_list *l, const char *code)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcasecmp(l->v[i].code, code) == 0)
            return &l->v[i];
    return NULL;
}

int elipse_parse_value(const struct elipse_ind *ind, const char *text, double *out, struct err *e)
{
    double v;

    if (strcmp(ind->unit, "yes/no") == 0) {
        static const char *const yes[] = {"yes", "oui", "1"}, *const no[] = {"no", "non", "0"};

        for (size_t i = 0; i < 3; i++) {
            if (strcasecmp(text, yes[i]) == 0)
                return *out = 1, SY_OK;
            if (strcasecmp(text, no[i]) == 0)
                return *out = 0, SY_OK;
        }
        return err_set(e, SY_EINPUT, _("%s takes yes or no (oui, non, 1, 0), not '%s'"), ind->code,
                       text);
    }
    if (csv_parse_number(text, &v))
        return err_set(e, SY_EINPUT, _("%s takes a number (%s), not '%s'"), ind->code, ind->unit,
                       text);
    if (strncmp(ind->unit, "score", 5) == 0 && (v < 0 || v > 4 || v != (double)(int)v))
        return err_set(e, SY_EINPUT, _("%s is a score: a whole number from 0 to 4, not '%s'"),
                       ind->code, text);
    if (strcmp(ind->unit, "%") == 0 && (v < 0 || v > 100))
        return err_set(e, SY_EINPUT, _("%s is a percentage from 0 to 100, not '%s'"), ind->code,
                       text);
    if (v < 0)
        return err_set(e, SY_EINPUT, _("%s cannot be negative ('%s')"), ind->code, text);
    *out = v;
    return SY_OK;
}

int elipse_set(struct store *s, const struct elipse_list *l, const char *territory, int year,
               const char *code, const char *value, const char *by, const char *note, struct err *e)
{
    const struct elipse_ind *ind = elipse_find(l, code);
    struct elipse_value v;
    int rc;

    if (year < 1990 || year > 2100)
        return err_set(e, SY_EUSAGE, _("year %d is out of range (1990-2100)"), year);
    if (!ind)
        return err_set(e, SY_EINPUT,
                       _("unknown ELIPSE indicator '%s'; 'symbiose elipse show --territory %s' "
                         "lists the %zu codes (G01..., E01..., A01...)"),
                       code, territory, l->n);
    if (ind->computed_from[0])
        return err_set(e, SY_EINPUT,
                       _("%s (%s) is computed from the database (%s), not entered; record the "
                         "data it counts instead"),
                       ind->code, ind->label_en, ind->computed_from);
    memset(&v, 0, sizeof v);
    rc = elipse_parse_value(ind, value, &v.value, e);
    if (rc)
        return rc;
    snprintf(v.territory, sizeof v.territory, "%s", territory);
    v.year = year;
    snprintf(v.indicator, sizeof v.indicator, "%s", ind->code);
    snprintf(v.by, sizeof v.by, "%s", by ? by : "");
    snprintf(v.note, sizeof v.note, "%s", note ? note : "");
    return store_elipse_put(s, &v, e);
}
