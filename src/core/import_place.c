/*
 * import_place.c - where an actor is: the commune column turned into an
 * INSEE code when a name or a postal code was typed there, and coordinates
 * checked against the commune (or France) so that swapped lat/lon are seen.
 */
#include "core/import_int.h"

#include <stdio.h>
#include <string.h>

#include "core/communes.h"
#include "geo/geo.h"
#include "util/i18n.h"

#define PLACE_NEAR_KM 30.0 /* a site this far from its commune's centre is flagged */
#define PLACE_LIST 6       /* candidates listed in a message */

/* "Aspach (68010), Aspach (68011)" */
static void list_communes(const struct refcommune *const *m, size_t n, char *out, size_t size)
{
    size_t o = 0;

    out[0] = '\0';
    for (size_t i = 0; i < n && i < PLACE_LIST && o < size; i++)
        o += (size_t)snprintf(out + o, size - o, "%s%s (%s)", i ? ", " : "", m[i]->name,
                              m[i]->insee);
    if (n > PLACE_LIST && o < size)
        snprintf(out + o, size - o, ", ...");
}

void place_commune(struct reader *rd, int col, char *out, size_t n)
{
    const struct refcommune *m[PLACE_LIST + 1];
    char v[128], names[512];
    size_t found;
    int shape;

    if (!reader_copy(rd, col, v, sizeof v, 0) || !v[0]) {
        out[0] = '\0';
        return;
    }
    shape = model_commune_valid(v);
    if (!rd->v->communes) {
        if (!shape)
            reader_error(rd, col,
                         _("commune '%s' is not an INSEE code (5 characters: digits, or 2A/2B "
                           "for Corsica)"),
                         v);
        snprintf(out, n, "%s", shape ? v : "");
        return;
    }
    if (shape && refcommunes_by_code(rd->v->communes, v)) {
        snprintf(out, n, "%s", v);
        return;
    }
    found = refcommunes_find(rd->v->communes, v, m, PLACE_LIST + 1);
    if (found == 1) {
        reader_warning(rd, col,
                       shape ? _("'%s' is a postal code: recorded as the INSEE code %s (%s)")
                             : _("commune '%s' recorded as its INSEE code %s (%s)"),
                       v, m[0]->insee, m[0]->name);
        snprintf(out, n, "%s", m[0]->insee);
        return;
    }
    if (found > 1) {
        list_communes(m, found, names, sizeof names);
        if (shape)
            reader_error(rd, col,
                         _("'%s' is the postal code of %zu communes: %s; write the INSEE code of "
                           "the right one"),
                         v, found, names);
        else
            reader_error(rd, col,
                         _("%zu communes are named '%s': %s; write the INSEE code of the right "
                           "one"),
                         found, v, names);
        out[0] = '\0';
        return;
    }
    if (shape) { /* an INSEE code outside the shipped list */
        snprintf(out, n, "%s", v);
        return;
    }
    reader_error(rd, col,
                 _("commune '%s' is not an INSEE code (5 characters: digits, or 2A/2B for "
                   "Corsica), and no shipped commune has that name or postal code"),
                 v);
    out[0] = '\0';
}

static int in_france(double lat, double lon)
{
    return lat >= 41.0 && lat <= 51.6 && lon >= -5.8 && lon <= 10.0;
}

void place_check(struct reader *rd, int col, const struct actor *a)
{
    const struct refcommune *m;
    double d, ds;

    if (!a->has_coord)
        return;
    m = a->commune[0] && rd->v->communes ? refcommunes_by_code(rd->v->communes, a->commune) : NULL;
    if (m) {
        d = geo_haversine_km(a->lat, a->lon, m->lat, m->lon);
        if (d <= PLACE_NEAR_KM)
            return;
        ds = geo_haversine_km(a->lon, a->lat, m->lat, m->lon);
        if (ds <= PLACE_NEAR_KM)
            reader_warning(rd, col,
                           _("lat and lon look swapped: (%g, %g) is %.0f km from %s (%s), "
                             "(%g, %g) is in it; swap the two columns"),
                           a->lat, a->lon, d, m->name, m->insee, a->lon, a->lat);
        else
            reader_warning(rd, col,
                           _("(%g, %g) is %.0f km from the centre of %s (%s); check the "
                             "coordinates or the commune"),
                           a->lat, a->lon, d, m->name, m->insee);
        return;
    }
    if (in_france(a->lat, a->lon))
        return;
    if (in_france(a->lon, a->lat))
        reader_warning(rd, col,
                       _("(%g, %g) is outside France, (%g, %g) is in it: lat and lon look "
                         "swapped; swap the two columns"),
                       a->lat, a->lon, a->lon, a->lat);
    else
        reader_warning(rd, col, _("(%g, %g) is outside metropolitan France; check the coordinates"),
                       a->lat, a->lon);
}
