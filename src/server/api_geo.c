/*
 * api_geo.c - the map's layers as GeoJSON: actors as points, candidates and
 * synergies as lines, and the communes of the reference data as points for
 * the offline background.
 */
#include "server/api.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv.h"
#include "io/geojson.h"
#include "util/buf.h"

#define COMMUNES_FILE "communes_grand_est.csv"
#define COMMUNES_MAX 2000  /* points in one answer */
#define GEO_LINKS_MAX 2000 /* links in one page, and by default */

struct commune {
    char code[8];
    char name[64];
    double lat, lon;
};

struct communes {
    struct commune *v;
    size_t n;
};

static double num(const json_t *o, const char *k, int *ok)
{
    const json_t *v = json_object_get(o, k);

    *ok = *ok && json_is_number(v);
    return json_is_number(v) ? json_number_value(v) : 0;
}

int api_geo_actors(struct req *r)
{
    const char *f[4] = {req_query(r, "territory"), NULL, NULL, NULL};
    json_t *all, *a, *feats, *fc;
    size_t i;

    if (api_known_filters(r) || api_all(r, SL_ACTORS, f, sizeof f / sizeof *f, &all))
        return 1;
    fc = geojson_collection(&feats);
    json_array_foreach(all, i, a)
    {
        int ok = 1;
        double lat = num(a, "lat", &ok), lon = num(a, "lon", &ok);
        if (ok)
            geojson_add_point(
                feats, lat, lon,
                json_pack("{s:O, s:O, s:O, s:O, s:O}", "id", json_object_get(a, "id"), "name",
                          json_object_get(a, "name"), "naf", json_object_get(a, "naf"), "kind",
                          json_object_get(a, "kind"), "commune", json_object_get(a, "commune")));
    }
    json_decref(all);
    return req_ok(r, 200, fc);
}

/* A page of candidates (the filters, sort and pages of GET /api/candidates,
 * per_page up to GEO_LINKS_MAX) as lines from supplier to receiver, with the
 * page's total, page and per_page as members of the collection. */
int api_geo_links(struct req *r)
{
    json_t *pg, *c, *feats, *fc;
    size_t i;

    if (api_known_filters(r) || req_page(r, SL_CANDIDATES, GEO_LINKS_MAX, GEO_LINKS_MAX, &pg))
        return 1;
    fc = geojson_collection(&feats);
    json_array_foreach(json_object_get(pg, "items"), i, c)
    {
        int ok = 1;
        double slat = num(c, "supplier_lat", &ok), slon = num(c, "supplier_lon", &ok);
        double rlat = num(c, "lat", &ok), rlon = num(c, "lon", &ok);
        json_t *p;
        if (!ok || !json_is_string(json_object_get(c, "receiver_id")) ||
            !*json_string_value(json_object_get(c, "receiver_id")))
            continue; /* mutualisation members: points of a group, not links */
        p = json_pack("{s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O}", "key",
                      json_object_get(c, "key"), "kind", json_object_get(c, "kind"), "status",
                      json_object_get(c, "status"), "score", json_object_get(c, "score"),
                      "quantity", json_object_get(c, "quantity"), "unit",
                      json_object_get(c, "unit"), "synergy_id", json_object_get(c, "synergy_id"),
                      "supplier_id", json_object_get(c, "supplier_id"), "receiver_id",
                      json_object_get(c, "receiver_id"));
        geojson_add_line(feats, slat, slon, rlat, rlon, p);
    }
    json_object_set(fc, "total", json_object_get(pg, "total"));
    json_object_set(fc, "page", json_object_get(pg, "page"));
    json_object_set(fc, "per_page", json_object_get(pg, "per_page"));
    json_decref(pg);
    return req_ok(r, 200, fc);
}

int api_geo_communes(struct req *r)
{
    const char *f[4] = {req_query(r, "territory"), NULL, NULL, NULL};
    double lat0 = 90, lat1 = -90, lon0 = 180, lon1 = -180;
    json_t *all, *a, *feats, *fc;
    size_t i, n = 0;

    if (api_known_filters(r) || api_all(r, SL_ACTORS, f, sizeof f / sizeof *f, &all))
        return 1;
    json_array_foreach(all, i, a)
    {
        int ok = 1;
        double lat = num(a, "lat", &ok), lon = num(a, "lon", &ok);
        if (!ok)
            continue;
        lat0 = fmin(lat0, lat), lat1 = fmax(lat1, lat);
        lon0 = fmin(lon0, lon), lon1 = fmax(lon1, lon);
        n++;
    }
    json_decref(all);
    if (!n || !r->srv->communes) {
        fc = geojson_collection(&feats);
        return req_ok(r, 200, fc);
    }
    /* the actors' box and about 5 km around it */
    return req_ok(r, 200,
                  communes_geojson(r->srv->communes, lat0 - 0.05, lon0 - 0.07, lat1 + 0.05,
                                   lon1 + 0.07, COMMUNES_MAX));
}

json_t *communes_geojson(const struct communes *c, double lat0, double lon0, double lat1,
                         double lon1, size_t max)
{
    json_t *feats, *fc = geojson_collection(&feats);
    size_t n = 0;

    for (size_t i = 0; fc && i < c->n && n < max; i++) {
        const struct commune *m = &c->v[i];
        if (m->lat < lat0 || m->lat > lat1 || m->lon < lon0 || m->lon > lon1)
            continue;
        geojson_add_point(feats, m->lat, m->lon,
                          json_pack("{s:s, s:s}", "code", m->code, "name", m->name));
        n++;
    }
    return fc;
}

static int read_file(const char *path, struct buf *b)
{
    FILE *f = fopen(path, "rb");
    char chunk[65536];
    size_t k;
    int rc = 0;

    if (!f)
        return SY_EIO;
    while (!rc && (k = fread(chunk, 1, sizeof chunk, f)) > 0)
        rc = buf_add(b, chunk, k);
    fclose(f);
    return rc;
}

int communes_load(const char *ref_dir, struct communes **out, struct err *e)
{
    struct communes *c;
    struct buf b;
    struct csv *csv;
    struct csv_record rec;
    char path[4200];
    int ci = -1, ni = -1, lai = -1, loi = -1;
    size_t cap = 0;

    *out = NULL;
    snprintf(path, sizeof path, "%s/%s", ref_dir, COMMUNES_FILE);
    buf_init(&b, (size_t)64 << 20);
    if (read_file(path, &b)) {
        buf_release(&b);
        return 0; /* no communes: the map has no background points */
    }
    if (!(c = calloc(1, sizeof *c)) || !(csv = csv_new_mem(b.str, b.len, path, NULL))) {
        free(c);
        buf_release(&b);
        return err_set(e, SY_ENOMEM, "out of memory reading %s", path);
    }
    while (csv_next(csv, &rec, e) == 1) {
        struct commune *m;
        if (ci < 0) {
            for (size_t i = 0; i < rec.n; i++) {
                if (!strcmp(rec.fields[i], "insee_code"))
                    ci = (int)i;
                else if (!strcmp(rec.fields[i], "nom"))
                    ni = (int)i;
                else if (!strcmp(rec.fields[i], "latitude"))
                    lai = (int)i;
                else if (!strcmp(rec.fields[i], "longitude"))
                    loi = (int)i;
            }
            if (ci < 0 || ni < 0 || lai < 0 || loi < 0)
                break;
            continue;
        }
        if (rec.n <= (size_t)ci || rec.n <= (size_t)ni || rec.n <= (size_t)lai ||
            rec.n <= (size_t)loi)
            continue;
        if (c->n == cap) {
            size_t nc = cap ? cap * 2 : 1024;
            struct commune *v = realloc(c->v, nc * sizeof *v);
            if (!v)
                break;
            c->v = v;
            cap = nc;
        }
        m = &c->v[c->n];
        snprintf(m->code, sizeof m->code, "%s", rec.fields[ci]);
        snprintf(m->name, sizeof m->name, "%s", rec.fields[ni]);
        if (csv_parse_number(rec.fields[lai], &m->lat) ||
            csv_parse_number(rec.fields[loi], &m->lon))
            continue;
        c->n++;
    }
    csv_free(csv);
    buf_release(&b);
    *out = c;
    return 0;
}

void communes_free(struct communes *c)
{
    if (c) {
        free(c->v);
        free(c);
    }
}
