/*
 * territory_places.c - territories as real places: their communes from the
 * EPCI and commune reference files, and actors placed by their commune.
 */
#include "cli/network.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core/places.h"
#include "model/network.h"
#include "util/i18n.h"

/* A reference file: in data/ref (shipped with the product) unless --data or
 * SYMBIOSE_DATA name another folder. */
static void ref_path(const struct cli *c, const char *name, char *out, size_t n)
{
    snprintf(out, n, "%s/%s", c->ref_dir ? c->ref_dir : "data/ref", name);
}

int cli_territory_places(struct cli *c, struct store *s, const char *code, const char *const *epcis,
                         size_t nepcis, const char *const *communes, size_t ncommunes)
{
    char epci_path[4096], com_path[4096];
    struct places p;
    long placed = 0;
    int rc;

    ref_path(c, "epci_grand_est.csv", epci_path, sizeof epci_path);
    ref_path(c, "communes_grand_est.csv", com_path, sizeof com_path);
    rc = places_build(&p, code, epci_path, com_path, epcis, nepcis, communes, ncommunes, &c->err);
    if (rc)
        return rc;
    rc = store_territory_communes_set(s, code, p.v, p.n, &c->err);
    if (!rc)
        rc = store_place_actors(s, code, &placed, &c->err);
    if (!rc && !c->quiet)
        fprintf(c->out, _("territory %s covers %zu communes; %ld actors placed by their commune\n"),
                code, p.n, placed);
    places_release(&p);
    return rc;
}

int cli_place_actors(struct cli *c, struct store *s)
{
    long placed = 0;
    int rc = store_place_actors(s, NULL, &placed, &c->err);

    if (!rc && placed && !c->quiet)
        fprintf(c->out,
                ngettext("%ld actor placed in a territory by its commune\n",
                         "%ld actors placed in a territory by their commune\n", placed),
                placed);
    return rc;
}

const char *cli_net_by(const char *by)
{
    const char *u = getenv("USER");

    if (by && *by)
        return by;
    return u && *u ? u : "unknown";
}

void cli_net_today(char out[16])
{
    const char *t = getenv("SYMBIOSE_TODAY");
    time_t now = time(NULL);
    struct tm tm;

    if (t && net_date_valid(t)) {
        snprintf(out, 16, "%s", t);
        return;
    }
    gmtime_r(&now, &tm);
    strftime(out, 16, "%Y-%m-%d", &tm);
}

int cli_net_date(struct cli *c, const char *opt, const char *v, char out[16])
{
    if (!v || !*v) {
        cli_net_today(out);
        return SY_OK;
    }
    if (!net_date_valid(v))
        return err_set(&c->err, SY_EUSAGE, _("%s '%s' is not a date; write YYYY-MM-DD"), opt, v);
    snprintf(out, 16, "%s", v);
    return SY_OK;
}
