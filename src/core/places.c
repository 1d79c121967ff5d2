/*
 * places.c - the communes of a territory from the EPCI and commune
 * reference files (places.h).
 */
#include "core/places.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv.h"
#include "util/vec.h"
#include "util/i18n.h"

void places_release(struct places *p)
{
    free(p->v);
    memset(p, 0, sizeof *p);
}

static int places_add(struct places *p, const char *territory, const char *commune,
                      const char *epci)
{
    if (vec_reserve((void **)&p->v, &p->cap, p->n + 1, sizeof *p->v, 0))
        return SY_ENOMEM;
    snprintf(p->v[p->n].territory, sizeof p->v[p->n].territory, "%s", territory);
    snprintf(p->v[p->n].commune, sizeof p->v[p->n].commune, "%.5s", commune);
    snprintf(p->v[p->n].epci, sizeof p->v[p->n].epci, "%.15s", epci);
    p->n++;
    return SY_OK;
}

/* A reference file opened on its header, with the index of the columns named. */
struct ref {
    FILE *f;
    struct csv *csv;
    struct csv_record rec;
    int idx[2];
};

static int ref_open(struct ref *r, const char *path, const char *c0, const char *c1, struct err *e)
{
    const char *want[2] = {c0, c1};
    int rc;

    memset(r, 0, sizeof *r);
    r->f = fopen(path, "rb");
    if (!r->f)
        return err_set(e, SY_EIO,
                       _("cannot open %s: %s; the reference data folder is set by --data or "
                         "SYMBIOSE_DATA"),
                       path, strerror(errno));
    r->csv = csv_new_file(r->f, path, NULL);
    if (!r->csv)
        return err_set(e, SY_ENOMEM, _("out of memory"));
    rc = csv_next(r->csv, &r->rec, e);
    if (rc == 0)
        return err_set(e, SY_EINPUT, _("%s:1:1: the file is empty"), path);
    if (rc < 0)
        return rc;
    for (int k = 0; k < 2; k++) {
        r->idx[k] = -1;
        for (size_t i = 0; i < r->rec.n; i++)
            if (strcmp(r->rec.fields[i], want[k]) == 0)
                r->idx[k] = (int)i;
        if (r->idx[k] < 0)
            return err_set(e, SY_EINPUT, _("%s:1:1: missing column '%s'"), path, want[k]);
    }
    return SY_OK;
}

static void ref_close(struct ref *r)
{
    csv_free(r->csv);
    if (r->f)
        fclose(r->f);
}

/* Next row with both columns: 1, 0 at the end, or an error. */
static int ref_next(struct ref *r, const char **a, const char **b, struct err *e)
{
    int rc;

    while ((rc = csv_next(r->csv, &r->rec, e)) == 1) {
        if (r->rec.n > (size_t)r->idx[0] && r->rec.n > (size_t)r->idx[1]) {
            *a = r->rec.fields[r->idx[0]];
            *b = r->rec.fields[r->idx[1]];
            return 1;
        }
    }
    return rc;
}

static int find(const char *const *v, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i], s) == 0)
            return (int)i;
    return -1;
}

int places_build(struct places *p, const char *territory, const char *epci_path,
                 const char *communes_path, const char *const *epcis, size_t nepcis,
                 const char *const *communes, size_t ncommunes, struct err *e)
{
    unsigned char seen_epci[PLACES_ARGS_MAX] = {0}, seen_com[PLACES_ARGS_MAX] = {0};
    struct ref r;
    const char *a, *b;
    int rc = SY_OK, k;

    memset(p, 0, sizeof *p);
    if (nepcis > PLACES_ARGS_MAX || ncommunes > PLACES_ARGS_MAX)
        return err_set(e, SY_ELIMIT, _("at most %d EPCIs and %d communes at once"), PLACES_ARGS_MAX,
                       PLACES_ARGS_MAX);
    if (nepcis) {
        rc = ref_open(&r, epci_path, "epci_siren", "nom", e);
        while (!rc && (rc = ref_next(&r, &a, &b, e)) == 1) {
            rc = SY_OK;
            if ((k = find(epcis, nepcis, a)) >= 0)
                seen_epci[k] = 1;
        }
        ref_close(&r);
        for (size_t i = 0; !rc && i < nepcis; i++)
            if (!seen_epci[i])
                rc = err_set(e, SY_EINPUT,
                             _("unknown EPCI '%s': not in %s (give the 9-digit SIREN of the EPCI)"),
                             epcis[i], epci_path);
        if (rc)
            return rc;
    }
    rc = ref_open(&r, communes_path, "insee_code", "epci_siren", e);
    while (!rc && (rc = ref_next(&r, &a, &b, e)) == 1) {
        int in_epci = find(epcis, nepcis, b) >= 0;

        rc = SY_OK;
        if ((k = find(communes, ncommunes, a)) >= 0)
            seen_com[k] = 1;
        if (in_epci || k >= 0)
            rc = places_add(p, territory, a, in_epci ? b : "");
    }
    ref_close(&r);
    if (rc == SY_ENOMEM)
        rc = err_set(e, rc, _("out of memory"));
    for (size_t i = 0; !rc && i < ncommunes; i++)
        if (!seen_com[i])
            rc = err_set(e, SY_EINPUT, _("unknown commune '%s': not in %s (give its INSEE code)"),
                         communes[i], communes_path);
    if (rc)
        places_release(p);
    return rc;
}
