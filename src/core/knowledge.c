/*
 * knowledge.c - reads data/ once: the matching knowledge base, the impact
 * factors (with overrides) and the routes' demand codes. See knowledge.h.
 */
#include "core/knowledge.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv.h"
#include "util/buf.h"

#define KB_FILE_MAX ((size_t)64 << 20)
#define FACTOR_FILE_MAX ((size_t)16 << 20) /* a factor or route file larger is a mistake */

/* Reads a whole file into b (emptied first). missing_ok: returns 1 when the
 * file does not exist. hint ends the message of a file that cannot be opened. */
static int read_all(const char *path, struct buf *b, int missing_ok, const char *hint,
                    struct err *e)
{
    char chunk[65536];
    FILE *f;
    size_t n;
    int rc = SY_OK;

    buf_reset(b);
    f = fopen(path, "rb");
    if (!f) {
        if (missing_ok && errno == ENOENT)
            return 1;
        return err_set(e, SY_EIO, "%s: %s%s", path, strerror(errno), hint ? hint : "");
    }
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        rc = buf_add(b, chunk, n);
        if (rc) {
            rc = err_set(e, rc, "%s: %s", path,
                         rc == SY_ELIMIT ? "too large; is it the right file?" : "out of memory");
            break;
        }
    }
    if (!rc && ferror(f))
        rc = err_set(e, SY_EIO, "%s: read error", path);
    fclose(f);
    return rc;
}

int match_kb_load(const char *dir, struct kb **out, struct err *e)
{
    struct kb *kb = NULL;
    struct buf b;
    char path[4096];
    int rc;

    *out = NULL;
    if (!dir || !*dir)
        return err_set(e, SY_EIO, "no knowledge base folder; pass --kb DIR or set SYMBIOSE_KB");
    if ((rc = kb_new(&kb, e)))
        return rc;
    buf_init(&b, KB_FILE_MAX);
    for (int k = 0; k < KB_NFILES && !rc; k++) {
        snprintf(path, sizeof path, "%s/%s", dir, kb_file_name((enum kb_file)k));
        rc = read_all(path, &b, 0, "; check the knowledge base folder (--kb or SYMBIOSE_KB)", e);
        if (!rc)
            rc = kb_load(kb, (enum kb_file)k, path, b.str, b.len, e);
    }
    if (!rc)
        rc = kb_finish(kb, e);
    buf_release(&b);
    if (rc)
        kb_free(kb);
    else
        *out = kb;
    return rc;
}

int plan_load_factors(const char *kb_dir, const char *factors_dir, struct impact_factors *f,
                      struct err *e)
{
    struct buf b;
    char path[4096];
    int rc = SY_OK, found = 0;

    buf_init(&b, FACTOR_FILE_MAX);
    for (int k = 0; k < FACTOR_NKINDS && !rc; k++) {
        snprintf(path, sizeof path, "%s/factors/%s.csv", kb_dir, impact_kind_name(k));
        rc = read_all(path, &b, 0, NULL, e);
        if (rc) {
            err_prefix(e, "reading the %s factors (set --kb or reinstall data/factors)",
                       impact_kind_name(k));
            break;
        }
        rc = impact_factors_parse(f, k, b.str, b.len, path, e);
    }
    for (int k = 0; factors_dir && k < FACTOR_NKINDS && !rc; k++) {
        snprintf(path, sizeof path, "%s/%s.csv", factors_dir, impact_kind_name(k));
        rc = read_all(path, &b, 1, NULL, e);
        if (rc == 1) {
            rc = SY_OK;
            continue;
        }
        if (!rc) {
            found++;
            rc = impact_factors_parse(f, k, b.str, b.len, path, e);
        }
    }
    if (!rc && factors_dir && !found)
        rc = err_set(e, SY_EIO,
                     "%s: no transport.csv, disposal.csv or virgin.csv there; --factors (or "
                     "$SYMBIOSE_FACTORS) names a folder with some of these files",
                     factors_dir);
    buf_release(&b);
    return rc;
}

static int add_route(struct knowledge *k, const char *id, const char *demand, size_t *cap)
{
    if (k->nroutes == *cap) {
        size_t ncap = *cap ? *cap * 2 : 256;
        char(*v)[SY_CODE_MAX] = realloc(k->route_demand, ncap * sizeof *v);

        if (!v)
            return SY_ENOMEM;
        k->route_demand = v;
        *cap = ncap;
    }
    snprintf(k->route_demand[k->nroutes], SY_CODE_MAX, "%s", demand);
    if (strmap_put(&k->route_ix, id, (long)k->nroutes))
        return SY_ENOMEM;
    k->nroutes++;
    return SY_OK;
}

/* The route id -> demand code map from <kb_dir>/routes.csv (absent: none). */
static int load_routes(struct knowledge *k, struct err *e)
{
    struct buf b;
    struct csv *c = NULL;
    struct csv_record rec;
    char path[4096 + 16];
    int rc, got, id_col = -1, dem_col = -1;
    size_t cap = 0;

    buf_init(&b, FACTOR_FILE_MAX);
    snprintf(path, sizeof path, "%s/routes.csv", k->dir);
    rc = read_all(path, &b, 1, NULL, e);
    if (rc == 1) {
        rc = SY_OK;
        goto out;
    }
    if (rc)
        goto out;
    c = csv_new_mem(b.str, b.len, path, NULL);
    if (!c) {
        rc = err_set(e, SY_ENOMEM, "out of memory reading %s", path);
        goto out;
    }
    while ((got = csv_next(c, &rec, e)) == 1) {
        if (id_col < 0) {
            for (size_t i = 0; i < rec.n; i++) {
                if (strcmp(rec.fields[i], "id") == 0)
                    id_col = (int)i;
                else if (strcmp(rec.fields[i], "demand") == 0)
                    dem_col = (int)i;
            }
            if (id_col < 0 || dem_col < 0) {
                rc = err_set(e, SY_EINPUT, "%s:1:1: no 'id' or 'demand' column", path);
                goto out;
            }
            continue;
        }
        if ((size_t)id_col >= rec.n || (size_t)dem_col >= rec.n ||
            strlen(rec.fields[dem_col]) >= SY_CODE_MAX)
            continue;
        if (add_route(k, rec.fields[id_col], rec.fields[dem_col], &cap)) {
            rc = err_set(e, SY_ENOMEM, "out of memory reading %s", path);
            goto out;
        }
    }
    if (got < 0)
        rc = got;
out:
    csv_free(c);
    buf_release(&b);
    return rc;
}

int knowledge_load(const char *kb_dir, const char *factors_dir, unsigned parts,
                   struct knowledge **out, struct err *e)
{
    struct knowledge *k;
    int rc = SY_OK;

    *out = NULL;
    if (!kb_dir || !*kb_dir)
        return err_set(e, SY_EIO, "no knowledge base folder; pass --kb DIR or set SYMBIOSE_KB");
    if (strlen(kb_dir) >= sizeof k->dir)
        return err_set(e, SY_EUSAGE, "knowledge base folder name too long");
    k = calloc(1, sizeof *k);
    if (!k)
        return err_set(e, SY_ENOMEM, "out of memory loading the knowledge base");
    snprintf(k->dir, sizeof k->dir, "%s", kb_dir);
    k->parts = parts;
    impact_factors_init(&k->factors);
    strmap_init(&k->route_ix);
    if (parts & KNOW_MATCH)
        rc = match_kb_load(kb_dir, &k->kb, e);
    if (!rc && (parts & KNOW_PLAN))
        rc = plan_load_factors(kb_dir, factors_dir, &k->factors, e);
    if (!rc && (parts & KNOW_PLAN))
        rc = load_routes(k, e);
    if (rc) {
        knowledge_free(k);
        return rc;
    }
    *out = k;
    return SY_OK;
}

void knowledge_free(struct knowledge *k)
{
    if (!k)
        return;
    kb_free(k->kb);
    impact_factors_release(&k->factors);
    strmap_release(&k->route_ix);
    free(k->route_demand);
    free(k);
}

int knowledge_kb_copy(const struct knowledge *k, struct kb **out, struct err *e)
{
    *out = NULL;
    if (!k || !k->kb)
        return err_set(e, SY_EUSAGE, "the knowledge base for matching was not loaded");
    return kb_clone(k->kb, out, e);
}

const char *knowledge_route_demand(const struct knowledge *k, const char *route_id)
{
    long ix;

    if (!k || !strmap_get(&k->route_ix, route_id, &ix))
        return NULL;
    return k->route_demand[ix];
}
