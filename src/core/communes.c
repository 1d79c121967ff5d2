/*
 * communes.c - the shipped communes, looked up by INSEE code, name or
 * postal code (communes.h).
 */
#include "core/communes.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/record.h"
#include "util/err.h"
#include "util/strmap.h"
#include "io/csv.h"
#include "util/i18n.h"

struct refcommunes {
    struct refcommune *v;
    char (*folded)[96]; /* folded names, "saint" spelled out */
    size_t n;
    struct strmap by_code; /* INSEE code -> index */
};

/* A name folded for comparison, with "st" and "ste" read as saint(e). */
static void name_key(const char *s, char *out, size_t n)
{
    char f[96];
    size_t o = 0;

    rec_fold(s, f, sizeof f);
    for (const char *p = f; *p && o + 1 < n;) {
        const char *w = p;
        size_t len = strcspn(p, "_");

        if ((len == 2 && !strncmp(w, "st", 2)) || (len == 3 && !strncmp(w, "ste", 3))) {
            o += (size_t)snprintf(out + o, n - o, "%s", len == 2 ? "saint" : "sainte");
        } else {
            if (o + len >= n)
                break;
            memcpy(out + o, w, len);
            o += len;
        }
        p += len;
        if (*p == '_' && o + 1 < n)
            out[o++] = *p++;
    }
    out[o < n ? o : n - 1] = '\0';
}

static int col_index(const struct csv_record *r, const char *name)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->fields[i], name) == 0)
            return (int)i;
    return -1;
}

int refcommunes_load(struct refcommunes **out, const char *path, struct err *e)
{
    enum { K_CODE, K_NAME, K_POST, K_LAT, K_LON, K_N };
    static const char *const names[K_N] = {"insee_code", "nom", "codes_postaux", "latitude",
                                           "longitude"};
    struct csv_record r;
    struct refcommunes *c;
    struct csv *csv;
    int idx[K_N], rc;
    size_t cap = 0;
    FILE *f;

    *out = NULL;
    f = fopen(path, "rb");
    if (!f)
        return err_set(e, SY_EIO, _("cannot open %s: %s"), path, strerror(errno));
    c = calloc(1, sizeof *c);
    csv = csv_new_file(f, path, NULL);
    if (!c || !csv) {
        fclose(f);
        free(c);
        csv_free(csv);
        return err_set(e, SY_ENOMEM, _("out of memory"));
    }
    strmap_init(&c->by_code);
    for (int k = 0; k < K_N; k++)
        idx[k] = -1;
    rc = csv_next(csv, &r, e);
    if (rc == 0)
        rc = err_set(e, SY_EINPUT, _("%s: empty file"), path);
    for (int k = 0; rc == 1 && k < K_N; k++)
        if ((idx[k] = col_index(&r, names[k])) < 0)
            rc = err_set(e, SY_EINPUT, _("%s: no column %s"), path, names[k]);
    while (rc >= 0 && (rc = csv_next(csv, &r, e)) == 1) {
        struct refcommune *m;

        if (r.n < K_N)
            continue;
        if (c->n == cap) {
            size_t ncap = cap ? cap * 2 : 1024;
            struct refcommune *nv = realloc(c->v, ncap * sizeof *nv);
            char(*nf)[96] = realloc(c->folded, ncap * sizeof *nf);

            if (nv)
                c->v = nv;
            if (nf)
                c->folded = nf;
            if (!nv || !nf) {
                rc = err_set(e, SY_ENOMEM, _("out of memory reading %s"), path);
                break;
            }
            cap = ncap;
        }
        m = &c->v[c->n];
        snprintf(m->insee, sizeof m->insee, "%s", r.fields[idx[K_CODE]]);
        snprintf(m->name, sizeof m->name, "%s", r.fields[idx[K_NAME]]);
        snprintf(m->postcodes, sizeof m->postcodes, "%s", r.fields[idx[K_POST]]);
        m->lat = strtod(r.fields[idx[K_LAT]], NULL);
        m->lon = strtod(r.fields[idx[K_LON]], NULL);
        name_key(m->name, c->folded[c->n], sizeof c->folded[0]);
        if (strmap_put(&c->by_code, m->insee, (long)c->n)) {
            rc = err_set(e, SY_ENOMEM, _("out of memory reading %s"), path);
            break;
        }
        c->n++;
    }
    csv_free(csv);
    fclose(f);
    if (rc < 0) {
        refcommunes_free(c);
        return rc;
    }
    *out = c;
    return SY_OK;
}

void refcommunes_free(struct refcommunes *c)
{
    if (!c)
        return;
    strmap_release(&c->by_code);
    free(c->v);
    free(c->folded);
    free(c);
}

const struct refcommune *refcommunes_by_code(const struct refcommunes *c, const char *insee)
{
    long i;

    return c && strmap_get(&c->by_code, insee, &i) ? &c->v[i] : NULL;
}

/* True if code is one of the '|'-separated postal codes in list. */
static int has_postcode(const char *list, const char *code)
{
    size_t n = strlen(code);

    for (const char *p = list; *p;) {
        size_t len = strcspn(p, "| ");

        if (len == n && strncmp(p, code, n) == 0)
            return 1;
        p += len;
        while (*p == '|' || *p == ' ')
            p++;
    }
    return 0;
}

size_t refcommunes_find(const struct refcommunes *c, const char *s, const struct refcommune **out,
                        size_t max)
{
    char key[96];
    size_t found = 0;
    int digits = strlen(s) == 5 && strspn(s, "0123456789") == 5;

    if (!c)
        return 0;
    if (!digits)
        name_key(s, key, sizeof key);
    for (size_t i = 0; i < c->n; i++) {
        int hit = digits ? has_postcode(c->v[i].postcodes, s) : strcmp(c->folded[i], key) == 0;

        if (hit) {
            if (found < max)
                out[found] = &c->v[i];
            found++;
        }
    }
    return found;
}
