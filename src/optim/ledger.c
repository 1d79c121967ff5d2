/*
 * ledger.c - default fates, resource families and parameters of the impact
 * ledger, parsed from CSV in memory. See ledger.h and docs/impact.md.
 */
#include "optim/ledger.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv.h"

#define MAXC 12

static const char *const fate_cols[] = {"id", "prefix", "fate", NULL};
static const char *const fam_cols[] = {"id",       "prefix",  "unit",    "price_eur", "invest_eur",
                                       "opex_eur", "eur_min", "eur_max", "co2e_min",  "co2e_max",
                                       "low",      "high",    NULL};
static const char *const param_cols[] = {"key", "value", NULL};

static const char *const *cols_of(enum ledger_file k)
{
    return k == LEDGER_FATES ? fate_cols : k == LEDGER_FAMILIES ? fam_cols : param_cols;
}

const char *ledger_file_name(enum ledger_file k)
{
    return k == LEDGER_FATES ? "fates" : k == LEDGER_FAMILIES ? "families" : "params";
}

void ledger_release(struct ledger_tables *t)
{
    free(t->fates);
    free(t->fams);
    free(t->params);
    memset(t, 0, sizeof *t);
}

static int dup_array(void **dst, const void *src, size_t n, size_t size)
{
    *dst = NULL;
    if (!n)
        return SY_OK;
    *dst = malloc(n * size);
    if (!*dst)
        return SY_ENOMEM;
    memcpy(*dst, src, n * size);
    return SY_OK;
}

int ledger_copy(struct ledger_tables *dst, const struct ledger_tables *src)
{
    memset(dst, 0, sizeof *dst);
    if (dup_array((void **)&dst->fates, src->fates, src->nfates, sizeof *src->fates) ||
        dup_array((void **)&dst->fams, src->fams, src->nfams, sizeof *src->fams) ||
        dup_array((void **)&dst->params, src->params, src->nparams, sizeof *src->params)) {
        ledger_release(dst);
        return SY_ENOMEM;
    }
    dst->nfates = src->nfates;
    dst->nfams = src->nfams;
    dst->nparams = src->nparams;
    return SY_OK;
}

/* Appends or replaces (same first key) one element of size bytes in *v. */
static int put(void **v, size_t *n, const void *row, size_t size, const char *key)
{
    char *a = *v;

    for (size_t i = 0; i < *n; i++) {
        if (strcmp(a + i * size, key) == 0) {
            memcpy(a + i * size, row, size);
            return SY_OK;
        }
    }
    a = realloc(a, (*n + 1) * size);
    if (!a)
        return SY_ENOMEM;
    memcpy(a + *n * size, row, size);
    *v = a;
    (*n)++;
    return SY_OK;
}

static int copy_str(char *dst, size_t n, const char *s)
{
    if (strlen(s) >= n)
        return -1;
    memcpy(dst, s, strlen(s) + 1);
    return 0;
}

/* Parses one data row r into the tables. */
static int parse_row(struct ledger_tables *t, enum ledger_file k, const struct csv_record *r,
                     const int *map, const char *name, struct err *e)
{
    const char *const *cols = cols_of(k);
    double num[MAXC] = {0};
    int first_num = k == LEDGER_FAMILIES ? 3 : k == LEDGER_PARAMS ? 1 : MAXC;

    for (int j = first_num; cols[j]; j++) {
        const char *s = r->fields[map[j]];

        if (csv_parse_number(s, &num[j]) || !isfinite(num[j]))
            return err_set(e, SY_EINPUT, "%s:%ld:%ld: %s '%s' is not a number", name, r->line,
                           r->cols[map[j]], cols[j], s);
    }
    if (k == LEDGER_FATES) {
        struct fate_rule f;

        memset(&f, 0, sizeof f);
        if (copy_str(f.id, sizeof f.id, r->fields[map[0]]) ||
            copy_str(f.prefix, sizeof f.prefix, r->fields[map[1]]))
            return err_set(e, SY_EINPUT, "%s:%ld:1: id or prefix too long", name, r->line);
        if (fate_parse(r->fields[map[2]], &f.fate) || f.fate == FATE_NONE)
            return err_set(e, SY_EINPUT,
                           "%s:%ld:%ld: fate '%s' is not landfill, incineration, "
                           "incineration_energy, spreading, recovered, sewer or unknown",
                           name, r->line, r->cols[map[2]], r->fields[map[2]]);
        return put((void **)&t->fates, &t->nfates, &f, sizeof f, f.id);
    }
    if (k == LEDGER_FAMILIES) {
        struct family f;

        memset(&f, 0, sizeof f);
        if (copy_str(f.id, sizeof f.id, r->fields[map[0]]) ||
            copy_str(f.prefix, sizeof f.prefix, r->fields[map[1]]) ||
            copy_str(f.unit, sizeof f.unit, r->fields[map[2]]))
            return err_set(e, SY_EINPUT, "%s:%ld:1: id, prefix or unit too long", name, r->line);
        f.price_eur = num[3];
        f.invest_eur = num[4];
        f.opex_eur = num[5];
        f.eur_min = num[6];
        f.eur_max = num[7];
        f.co2e_min = num[8];
        f.co2e_max = num[9];
        f.low = num[10];
        f.high = num[11];
        if (!(f.eur_min <= f.eur_max && f.co2e_min <= f.co2e_max && f.low > 0 && f.low <= 1 &&
              f.high >= 1))
            return err_set(e, SY_EINPUT,
                           "%s:%ld:1: bounds out of order (min <= max, 0 < low <= 1 <= high)", name,
                           r->line);
        return put((void **)&t->fams, &t->nfams, &f, sizeof f, f.id);
    }
    {
        struct param p;

        memset(&p, 0, sizeof p);
        if (copy_str(p.key, sizeof p.key, r->fields[map[0]]) || !p.key[0])
            return err_set(e, SY_EINPUT, "%s:%ld:1: empty or too long key", name, r->line);
        p.value = num[1];
        return put((void **)&t->params, &t->nparams, &p, sizeof p, p.key);
    }
}

int ledger_parse(struct ledger_tables *t, enum ledger_file k, const char *data, size_t len,
                 const char *name, struct err *e)
{
    const char *const *cols;
    struct ledger_tables work;
    struct csv_record r;
    struct csv *c;
    int map[MAXC], ncols = 0, got, rc = SY_OK, header = 1;

    if (k < 0 || k >= LEDGER_NFILES)
        return err_set(e, SY_EUSAGE, "ledger_parse: bad file kind %d", (int)k);
    cols = cols_of(k);
    while (cols[ncols])
        ncols++;
    if (ledger_copy(&work, t))
        return err_set(e, SY_ENOMEM, "out of memory reading %s", name);
    c = csv_new_mem(data, len, name, NULL);
    if (!c) {
        ledger_release(&work);
        return err_set(e, SY_ENOMEM, "out of memory reading %s", name);
    }
    while (!rc && (got = csv_next(c, &r, e)) == 1) {
        if (header) {
            for (int j = 0; j < ncols; j++) {
                map[j] = -1;
                for (size_t i = 0; i < r.n; i++)
                    if (strcmp(r.fields[i], cols[j]) == 0)
                        map[j] = (int)i;
                if (map[j] < 0)
                    rc = err_set(e, SY_EINPUT, "%s:%ld:1: no '%s' column", name, r.line, cols[j]);
            }
            header = 0;
            continue;
        }
        if (r.n == 1 && r.fields[0][0] == '#')
            continue;
        for (int j = 0; !rc && j < ncols; j++)
            if ((size_t)map[j] >= r.n)
                rc = err_set(e, SY_EINPUT, "%s:%ld:1: %zu fields, fewer than the header's", name,
                             r.line, r.n);
        if (!rc)
            rc = parse_row(&work, k, &r, map, name, e);
        if (rc == SY_ENOMEM)
            err_set(e, rc, "out of memory reading %s", name);
    }
    if (!rc && got < 0)
        rc = got;
    if (!rc && header)
        rc = err_set(e, SY_EINPUT, "%s: empty file; it needs a header row", name);
    csv_free(c);
    if (rc) {
        ledger_release(&work);
        return rc;
    }
    ledger_release(t);
    *t = work;
    return SY_OK;
}

int ledger_prefix_match(const char *prefix, const char *code)
{
    size_t n = strlen(prefix);

    if (n == 0)
        return 1;
    if (strncmp(prefix, code, n) != 0)
        return 0;
    return code[n] == '\0' || code[n] == ' ' || code[n] == '.';
}

enum fate ledger_default_fate(const struct ledger_tables *t, const char *code)
{
    enum fate best = FATE_NONE;
    size_t best_len = 0;
    int found = 0;

    for (size_t i = 0; code && i < t->nfates; i++) {
        size_t n = strlen(t->fates[i].prefix);

        if (ledger_prefix_match(t->fates[i].prefix, code) && (!found || n > best_len)) {
            best = t->fates[i].fate;
            best_len = n;
            found = 1;
        }
    }
    return best;
}

const struct family *ledger_family(const struct ledger_tables *t, const char *code,
                                   const char *unit)
{
    const struct family *best = NULL;
    size_t best_len = 0;

    for (size_t i = 0; code && i < t->nfams; i++) {
        const struct family *f = &t->fams[i];
        size_t n = strlen(f->prefix);

        if (strcmp(f->unit, unit) == 0 && ledger_prefix_match(f->prefix, code) &&
            (!best || n > best_len)) {
            best = f;
            best_len = n;
        }
    }
    return best;
}

double ledger_param(const struct ledger_tables *t, const char *key, double dflt)
{
    for (size_t i = 0; key && i < t->nparams; i++)
        if (strcmp(t->params[i].key, key) == 0)
            return t->params[i].value;
    return dflt;
}

double ledger_code_param(const struct ledger_tables *t, const char *prefix, const char *code)
{
    char key[2 * SY_CODE_MAX];
    char c[SY_CODE_MAX];

    if (!code || !prefix || strlen(code) >= sizeof c || strlen(prefix) >= SY_CODE_MAX)
        return NAN;
    memcpy(c, code, strlen(code) + 1);
    for (;;) {
        char *dot;

        snprintf(key, sizeof key, "%s%s", prefix, c);
        for (size_t i = 0; i < t->nparams; i++)
            if (strcmp(t->params[i].key, key) == 0)
                return t->params[i].value;
        dot = strrchr(c, '.');
        if (!dot)
            return NAN;
        *dot = '\0';
    }
}
