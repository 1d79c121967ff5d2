/*
 * plan_data.c - the files and records a plan reads besides candidates and
 * flows: routes, sector profiles, actors, and the factor files. See
 * plan_int.h and plan_run.h.
 */
#include "core/plan_int.h"
#include "core/plan_run.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/match_run.h"
#include "io/csv.h"

#define PLAN_FILE_MAX ((size_t)16 << 20) /* a knowledge file larger than this is a mistake */

int plan_read_all(const char *path, struct buf *b, int missing_ok, struct err *e)
{
    char chunk[65536];
    FILE *f = fopen(path, "rb");
    size_t n;
    int rc = SY_OK;

    if (!f) {
        if (missing_ok && errno == ENOENT)
            return 1;
        return err_set(e, SY_EIO, "%s: %s", path, strerror(errno));
    }
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        rc = buf_add(b, chunk, n);
        if (rc) {
            rc = err_set(e, rc, "%s: %s", path,
                         rc == SY_ELIMIT ? "larger than 16 MiB; is it the right file?"
                                         : "out of memory");
            break;
        }
    }
    if (!rc && ferror(f))
        rc = err_set(e, SY_EIO, "%s: read error", path);
    fclose(f);
    return rc;
}

/* Reads one file of kb_dir (or factors_dir) into the factor tables. */
static int load_one(struct impact_factors *f, const char *path, int ledger, int kind,
                    int missing_ok, struct buf *b, struct err *e)
{
    int rc;

    buf_reset(b);
    rc = plan_read_all(path, b, missing_ok, e);
    if (rc)
        return rc;
    if (ledger)
        return ledger_parse(&f->lt, (enum ledger_file)kind, b->str, b->len, path, e);
    return impact_factors_parse(f, (enum factor_kind)kind, b->str, b->len, path, e);
}

int plan_load_factors(const char *kb_dir, const char *factors_dir, struct impact_factors *f,
                      struct err *e)
{
    struct buf b;
    char path[4096];
    int rc = SY_OK, found = 0;

    buf_init(&b, PLAN_FILE_MAX);
    for (int k = 0; k < FACTOR_NKINDS && !rc; k++) {
        snprintf(path, sizeof path, "%s/factors/%s.csv", kb_dir, impact_kind_name(k));
        rc = load_one(f, path, 0, k, 0, &b, e);
        if (rc)
            err_prefix(e, "reading the %s factors (set --kb or reinstall data/factors)",
                       impact_kind_name(k));
    }
    /* The ledger's tables are optional: without them the plan is the plain ledger. */
    for (int k = 0; k < LEDGER_NFILES && !rc; k++) {
        snprintf(path, sizeof path, "%s/factors/%s.csv", kb_dir, ledger_file_name(k));
        rc = load_one(f, path, 1, k, 1, &b, e);
        if (rc == 1)
            rc = SY_OK;
    }
    for (int k = 0; factors_dir && k < FACTOR_NKINDS + LEDGER_NFILES && !rc; k++) {
        int ledger = k >= FACTOR_NKINDS, kind = ledger ? k - FACTOR_NKINDS : k;

        snprintf(path, sizeof path, "%s/%s.csv", factors_dir,
                 ledger ? ledger_file_name(kind) : impact_kind_name(kind));
        rc = load_one(f, path, ledger, kind, 1, &b, e);
        if (rc == 1)
            rc = SY_OK;
        else if (!rc)
            found++;
    }
    if (!rc && factors_dir && !found)
        rc = err_set(e, SY_EIO,
                     "%s: no transport.csv, disposal.csv or virgin.csv there (nor fates.csv, "
                     "families.csv, params.csv); --factors (or $SYMBIOSE_FACTORS) names a folder "
                     "with some of these files",
                     factors_dir);
    buf_release(&b);
    return rc;
}

/* Column index of name in a header record, or -1. */
static int col_of(const struct csv_record *r, const char *name)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->fields[i], name) == 0)
            return (int)i;
    return -1;
}

static const char *field(const struct csv_record *r, int c)
{
    return c >= 0 && (size_t)c < r->n ? r->fields[c] : "";
}

static int grow(void **v, size_t n, size_t *cap, size_t size)
{
    void *p;

    if (n < *cap)
        return SY_OK;
    p = realloc(*v, (*cap ? *cap * 2 : 256) * size);
    if (!p)
        return SY_ENOMEM;
    *v = p;
    *cap = *cap ? *cap * 2 : 256;
    return SY_OK;
}

/* Opens kb_dir/name as CSV over b: 0 with *c set, 1 when the file does not
 * exist (*c NULL), or an error. */
static int open_kb_csv(const char *kb_dir, const char *name, struct buf *b, struct csv **c,
                       char *path, size_t n, struct err *e)
{
    int rc;

    *c = NULL;
    snprintf(path, n, "%s/%s", kb_dir, name);
    buf_reset(b);
    rc = plan_read_all(path, b, 1, e);
    if (rc)
        return rc;
    *c = csv_new_mem(b->str, b->len, path, NULL);
    return *c ? SY_OK : err_set(e, SY_ENOMEM, "out of memory reading %s", path);
}

/* routes.csv: id -> demand code, minimum temperature. */
static int load_routes(struct plan_data *d, const char *kb_dir, struct buf *b, struct err *e)
{
    struct csv *c = NULL;
    struct csv_record rec;
    char path[4096];
    int rc, got, id = -1, dem = -1, temp = -1, header = 1;
    size_t cap = 0;

    rc = open_kb_csv(kb_dir, "routes.csv", b, &c, path, sizeof path, e);
    if (rc)
        return rc == 1 ? SY_OK : rc;
    while (!rc && (got = csv_next(c, &rec, e)) == 1) {
        struct proute *r;
        const char *t;

        if (header) {
            id = col_of(&rec, "id");
            dem = col_of(&rec, "demand");
            temp = col_of(&rec, "min_temp_c");
            if (id < 0 || dem < 0)
                rc = err_set(e, SY_EINPUT, "%s:1:1: no 'id' or 'demand' column", path);
            header = 0;
            continue;
        }
        if ((size_t)id >= rec.n || (size_t)dem >= rec.n || rec.lens[dem] >= SY_CODE_MAX)
            continue;
        if (grow((void **)&d->routes, d->nroutes, &cap, sizeof *d->routes)) {
            rc = err_set(e, SY_ENOMEM, "out of memory reading %s", path);
            break;
        }
        r = &d->routes[d->nroutes];
        memcpy(r->demand, rec.fields[dem], rec.lens[dem] + 1);
        t = field(&rec, temp);
        if (!*t || csv_parse_number(t, &r->min_temp_c))
            r->min_temp_c = NAN;
        if (strmap_put(&d->route_ix, rec.fields[id], (long)d->nroutes))
            rc = err_set(e, SY_ENOMEM, "out of memory reading %s", path);
        d->nroutes++;
    }
    if (!rc && got < 0)
        rc = got;
    csv_free(c);
    return rc;
}

/* sector_profiles.csv: the demand rows with an intensity. */
static int load_profiles(struct plan_data *d, const char *kb_dir, struct buf *b, struct err *e)
{
    struct csv *c = NULL;
    struct csv_record rec;
    char path[4096];
    int rc, got, cn = -1, cd = -1, cc = -1, ci = -1, cu = -1, header = 1;
    size_t cap = 0;

    rc = open_kb_csv(kb_dir, "sector_profiles.csv", b, &c, path, sizeof path, e);
    if (rc)
        return rc == 1 ? SY_OK : rc;
    while (!rc && (got = csv_next(c, &rec, e)) == 1) {
        struct pprofile *p;
        double v, mult;
        enum canon_unit u;

        if (header) {
            cn = col_of(&rec, "nace");
            cd = col_of(&rec, "direction");
            cc = col_of(&rec, "code");
            ci = col_of(&rec, "intensity");
            cu = col_of(&rec, "unit");
            header = 0;
            continue;
        }
        if (strcmp(field(&rec, cd), "demand") != 0 || !*field(&rec, ci) ||
            csv_parse_number(field(&rec, ci), &v) || !(v >= 0) ||
            model_unit_parse(field(&rec, cu), &u, &mult) || strlen(field(&rec, cn)) >= 16 ||
            strlen(field(&rec, cc)) >= SY_CODE_MAX)
            continue;
        if (grow((void **)&d->profiles, d->nprofiles, &cap, sizeof *d->profiles)) {
            rc = err_set(e, SY_ENOMEM, "out of memory reading %s", path);
            break;
        }
        p = &d->profiles[d->nprofiles++];
        snprintf(p->nace, sizeof p->nace, "%s", field(&rec, cn));
        snprintf(p->code, sizeof p->code, "%s", field(&rec, cc));
        p->intensity = v * mult;
        p->unit = u;
    }
    if (!rc && got < 0)
        rc = got;
    csv_free(c);
    return rc;
}

struct actor_ctx {
    struct plan_data *d;
    size_t cap;
    struct err *e;
};

static int on_actor(void *ctx, const struct actor *a)
{
    struct actor_ctx *x = ctx;
    struct plan_data *d = x->d;
    struct pactor *p;

    if (grow((void **)&d->actors, d->nactors, &x->cap, sizeof *d->actors))
        return err_set(x->e, SY_ENOMEM, "out of memory reading actors");
    p = &d->actors[d->nactors];
    memset(p, 0, sizeof *p);
    if (a->naf[0])
        model_naf_to_nace(a->naf, p->nace, sizeof p->nace);
    p->workforce = match_workforce(a->workforce);
    if (strmap_put(&d->actor_ix, a->id, (long)d->nactors))
        return err_set(x->e, SY_ENOMEM, "out of memory reading actors");
    d->nactors++;
    return 0;
}

int plan_data_load(struct plan_data *d, struct store *s, const char *kb_dir, const char *territory,
                   struct err *e)
{
    struct actor_filter af = {0};
    struct actor_ctx ax = {d, 0, e};
    struct buf b;
    int rc;

    memset(d, 0, sizeof *d);
    strmap_init(&d->route_ix);
    strmap_init(&d->actor_ix);
    buf_init(&b, PLAN_FILE_MAX);
    rc = load_routes(d, kb_dir, &b, e);
    if (!rc)
        rc = load_profiles(d, kb_dir, &b, e);
    buf_release(&b);
    af.territory = territory;
    if (!rc)
        rc = store_actor_list(s, &af, on_actor, &ax, e);
    return rc;
}

void plan_data_release(struct plan_data *d)
{
    free(d->routes);
    free(d->actors);
    free(d->profiles);
    strmap_release(&d->route_ix);
    strmap_release(&d->actor_ix);
    memset(d, 0, sizeof *d);
}

/* 1 if a and b are the same code or one is an ancestor of the other. */
static int related(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b), n = na < nb ? na : nb;
    const char *longer = na < nb ? b : a;

    if (strncmp(a, b, n) != 0)
        return 0;
    return longer[n] == '\0' || longer[n] == ' ' || longer[n] == '.';
}

double plan_profile_capacity(const struct plan_data *d, long a, const char *code,
                             enum canon_unit unit)
{
    const struct pactor *ac;
    size_t best_len = 0;
    double cap = -1;

    if (a < 0 || (size_t)a >= d->nactors)
        return -1;
    ac = &d->actors[a];
    if (!ac->nace[0] || !(ac->workforce > 0))
        return -1;
    /* The profile of the longest NACE prefix of the actor's class. */
    for (size_t i = 0; i < d->nprofiles; i++) {
        const struct pprofile *p = &d->profiles[i];
        size_t n = strlen(p->nace);

        if (strncmp(p->nace, ac->nace, n) != 0 || n < best_len || p->unit != unit ||
            !related(p->code, code))
            continue;
        if (n > best_len)
            cap = 0;
        best_len = n;
        cap += p->intensity * ac->workforce;
    }
    return cap;
}
