/*
 * infer.c - flows inferred from sector profiles: what a site's activity
 * typically supplies and demands (data/sector_profiles.csv), with a quantity
 * when the profile has an intensity and the site a workforce, "present"
 * otherwise. Appended after the input flows; a flow the site declares (same
 * direction, and the same code, an ancestor, a descendant, or another band of
 * the same heat or steam) suppresses the profile's inference of that resource.
 */
#include "match/engine_int.h"
#include "geo/geo.h"

#include <stdlib.h>
#include <string.h>

/* Adds the flows a site's sector profile suggests and it has not declared. */
int eng_infer(struct eng_ctx *x)
{
    struct eng_result *r = x->res;
    size_t cap = r->nflows;

    for (size_t si = 0; si < x->nsites; si++) {
        const struct eng_site *st = &x->sites[si];
        const struct kb_profile *p;
        size_t np = kb_profiles_for(x->kb, st->nace, &p);

        if (np == 0 || !geo_valid(st->lat, st->lon))
            continue;
        for (size_t k = 0; k < np; k++) {
            struct eng_flow *f;
            int dup = 0;
            for (uint32_t j = x->site_off[si]; j < x->site_off[si + 1] && !dup; j++) {
                const struct eng_flow *g = &r->flows[x->site_flows[j]];
                /* The same resource: the code itself, an ancestor or a descendant,
                 * or another band of the same heat or steam (a plant declaring its
                 * HP steam is not presumed to have MP steam besides). */
                dup = g->dir == p[k].dir &&
                      (kb_code_under(x->kb, g->code, p[k].code) ||
                       kb_code_under(x->kb, p[k].code, g->code) ||
                       (x->thermal[g->code] == ENG_THERMAL_HOT &&
                        x->thermal[p[k].code] == ENG_THERMAL_HOT &&
                        kb_code_parent(x->kb, g->code) == kb_code_parent(x->kb, p[k].code)));
            }
            if (dup)
                continue;
            if (r->nflows == cap) {
                size_t nc = cap ? 2 * cap : 1024;
                struct eng_flow *v = realloc(r->flows, nc * sizeof *v);
                if (!v)
                    return err_set(x->e, SY_ENOMEM, "out of memory inferring flows");
                r->flows = v;
                cap = nc;
            }
            f = &r->flows[r->nflows++];
            memset(f, 0, sizeof *f);
            f->site = (uint32_t)si;
            f->code = p[k].code;
            f->dir = (uint8_t)p[k].dir;
            f->unit = (uint8_t)p[k].unit;
            f->months = MONTHS_ALL;
            f->hazardous = (uint8_t)(p[k].hazardous || kb_code_hazardous(x->kb, p[k].code));
            if (p[k].intensity >= 0 && st->workforce > 0) {
                f->qty_year = p[k].intensity * st->workforce;
                f->inferred = 1;
            } else {
                f->qty_year = -1;
                f->inferred = 2;
            }
        }
    }
    return 0;
}
