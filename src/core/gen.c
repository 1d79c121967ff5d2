/*
 * gen.c - the synthetic territory of gen.h: towns on a rank-size law inside a
 * coarse polygon of mainland France, establishments drawn around them, a NACE
 * class from the mix, a workforce, and flows from the sector profiles.
 * Deterministic for a seed; no I/O but the CSV writers' FILE.
 */
#include "core/gen.h"
#include "io/table.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv.h"
#include "util/i18n.h"

#define GEN_TOP_POP 2.2e6 /* population of the rank-1 town */
#define GEN_SIGMA_MIN 2.0 /* km, smallest towns */
#define GEN_SIGMA_MAX 5.0 /* km, largest town */
#define GEN_WF_MEDIAN 3.0 /* headcount */
#define GEN_WF_SIGMA 1.3  /* of log(headcount) */
#define GEN_WF_MAX 5000.0 /* headcount cap */
#define GEN_KM_PER_DEG 111.19493

/* ---- PRNG ---- */

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

void gen_rng_seed(struct gen_rng *r, uint64_t seed)
{
    uint64_t x = seed;
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t gen_rng_next(struct gen_rng *r)
{
    uint64_t *s = r->s;
    uint64_t out = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return out;
}

double gen_rng_unif(struct gen_rng *r)
{
    return (double)(gen_rng_next(r) >> 11) * 0x1.0p-53;
}

double gen_rng_normal(struct gen_rng *r)
{
    double u = 1.0 - gen_rng_unif(r); /* (0, 1]: log is finite */
    double v = gen_rng_unif(r);
    return sqrt(-2.0 * log(u)) * cos(2.0 * M_PI * v);
}

/* ---- mainland France ---- */

/* Our own coarse outline, (lat, lon) clockwise from Dunkirk: coasts and land
 * borders within some 10-20 km. Corsica is left out. */
static const double france[][2] = {
    {51.09, 2.54},  {50.75, 3.20},  {50.10, 4.20},  {49.55, 5.80},  {49.05, 8.20},  {47.60, 7.55},
    {46.25, 6.05},  {45.90, 7.00},  {44.20, 7.65},  {43.78, 7.50},  {43.10, 5.93},  {43.33, 4.85},
    {43.40, 3.70},  {42.45, 3.15},  {42.55, 1.75},  {43.35, -1.78}, {44.65, -1.25}, {45.90, -1.25},
    {47.25, -2.25}, {47.80, -4.37}, {48.40, -4.78}, {48.80, -3.00}, {48.65, -1.55}, {49.70, -1.90},
    {49.35, -0.50}, {49.50, 0.10},  {50.05, 1.40},  {50.87, 1.58},
};

int gen_in_france(double lat, double lon)
{
    size_t n = sizeof france / sizeof france[0];
    int in = 0;

    if (!(lat >= GEN_LAT_MIN && lat <= GEN_LAT_MAX && lon >= GEN_LON_MIN && lon <= GEN_LON_MAX))
        return 0;
    /* Even-odd rule on a ray towards +lon. */
    for (size_t i = 0, j = n - 1; i < n; j = i++) {
        double yi = france[i][0], xi = france[i][1], yj = france[j][0], xj = france[j][1];
        if ((yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi)
            in = !in;
    }
    return in;
}

/* ---- the mix ---- */

static int col_of(const struct csv_record *r, const char *name)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->fields[i], name) == 0)
            return (int)i;
    return -1;
}

static int two_digits(const char *s)
{
    return s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && s[2] == 0;
}

static int nace_class_shape(const char *s)
{
    return strlen(s) == 5 && s[2] == '.' && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' &&
           s[1] <= '9' && s[3] >= '0' && s[3] <= '9' && s[4] >= '0' && s[4] <= '9';
}

int gen_mix_parse(struct gen_mix *out, const char *name, const char *data, size_t len,
                  struct err *e)
{
    struct csv *c = csv_new_mem(data, len, name, NULL);
    struct csv_record r;
    int cd, cs, cc, rc;
    size_t cap = 0;
    double total = 0;

    memset(out, 0, sizeof *out);
    if (!c)
        return err_set(e, SY_ENOMEM, _("out of memory reading %s"), name);
    rc = csv_next(c, &r, e);
    if (rc <= 0) {
        if (rc == 0)
            rc = err_set(e, SY_EINPUT,
                         _("%s:1:1: empty file; expected a header line "
                           "nace_division,share,default_class"),
                         name);
        goto out;
    }
    cd = col_of(&r, "nace_division");
    cs = col_of(&r, "share");
    cc = col_of(&r, "default_class");
    if (cd < 0 || cs < 0 || cc < 0) {
        rc = err_set(e, SY_EINPUT,
                     _("%s:1:1: missing column %s; the header must name nace_division, share and "
                       "default_class"),
                     name,
                     cd < 0   ? "nace_division"
                     : cs < 0 ? "share"
                              : "default_class");
        goto out;
    }
    while ((rc = csv_next(c, &r, e)) == 1) {
        struct gen_mix_row *m;
        double sh;
        const char *d, *k;

        if (r.n <= (size_t)cd || r.n <= (size_t)cs || r.n <= (size_t)cc) {
            rc = err_set(e, SY_EINPUT, _("%s:%ld:1: %zu fields; the header has more"), name, r.line,
                         r.n);
            goto out;
        }
        d = r.fields[cd];
        k = r.fields[cc];
        if (!two_digits(d)) {
            rc = err_set(e, SY_EINPUT, _("%s:%ld:%ld: division '%s' is not two digits ('20')"),
                         name, r.line, r.cols[cd], d);
            goto out;
        }
        if (csv_parse_number(r.fields[cs], &sh) || !(sh >= 0) || !isfinite(sh)) {
            rc = err_set(e, SY_EINPUT, _("%s:%ld:%ld: share '%s' is not a number >= 0"), name,
                         r.line, r.cols[cs], r.fields[cs]);
            goto out;
        }
        if (!nace_class_shape(k) || strncmp(k, d, 2) != 0) {
            rc = err_set(e, SY_EINPUT,
                         _("%s:%ld:%ld: default class '%s' is not a NACE class of division %s "
                           "(such as %s.10)"),
                         name, r.line, r.cols[cc], k, d, d);
            goto out;
        }
        if (out->n == cap) {
            size_t nc = cap ? 2 * cap : 64;
            struct gen_mix_row *v = realloc(out->v, nc * sizeof *v);
            if (!v) {
                rc = err_set(e, SY_ENOMEM, _("out of memory reading %s"), name);
                goto out;
            }
            out->v = v;
            cap = nc;
        }
        m = &out->v[out->n++];
        memcpy(m->division, d, 3);
        snprintf(m->default_class, sizeof m->default_class, "%s", k);
        m->share = sh;
        total += sh;
    }
    if (rc < 0)
        goto out;
    if (!(total > 0)) {
        rc = err_set(e, SY_EINPUT, _("%s: the shares sum to 0; give at least one positive share"),
                     name);
        goto out;
    }
    for (size_t i = 0; i < out->n; i++)
        out->v[i].share /= total;
    rc = 0;
out:
    csv_free(c);
    if (rc)
        gen_mix_release(out);
    return rc;
}

void gen_mix_release(struct gen_mix *m)
{
    free(m->v);
    memset(m, 0, sizeof *m);
}

int gen_kb_hazards(struct kb *kb, const char *name, const char *data, size_t len, struct err *e)
{
    struct csv *c = csv_new_mem(data, len, name, NULL);
    struct csv_record r;
    int cc, ch, rc;

    if (!c)
        return err_set(e, SY_ENOMEM, _("out of memory reading %s"), name);
    rc = csv_next(c, &r, e);
    if (rc <= 0) {
        if (rc == 0)
            rc = err_set(e, SY_EINPUT, _("%s:1:1: empty file; expected code,hazardous,..."), name);
        goto out;
    }
    cc = col_of(&r, "code");
    ch = col_of(&r, "hazardous");
    if (cc < 0 || ch < 0) {
        rc = err_set(e, SY_EINPUT, _("%s:1:1: missing column %s (a List of Waste file)"), name,
                     cc < 0 ? "code" : "hazardous");
        goto out;
    }
    while ((rc = csv_next(c, &r, e)) == 1) {
        int32_t id;
        if (r.n <= (size_t)cc || r.n <= (size_t)ch || strcmp(r.fields[ch], "1") != 0)
            continue;
        id = kb_code_find(kb, r.fields[cc]);
        if (id >= 0)
            kb_set_hazardous(kb, id, 1);
    }
out:
    csv_free(c);
    return rc < 0 ? rc : 0;
}

/* ---- the generation ---- */

void gen_opts_default(struct gen_opts *o)
{
    memset(o, 0, sizeof *o);
    o->nsites = 1000;
    o->seed = 1;
    o->ntowns = 35000;
    o->flows_per_site = 3;
    o->present_share = 0.5;
}

void gen_world_release(struct gen_world *w)
{
    free(w->sites);
    free(w->flows);
    free(w->ids);
    free(w->site_town);
    free(w->towns);
    memset(w, 0, sizeof *w);
}

/* The classes a division may take: those with sector profiles of their own,
 * else the mix's default class. CSR over the mix rows. */
struct classes {
    uint32_t *off;
    int32_t *v;
};

static int classes_build(struct kb *kb, const struct gen_mix *mix, struct classes *cl,
                         struct err *e)
{
    size_t nn = kb_nnaces(kb), n = 0;

    cl->off = calloc(mix->n + 1, sizeof *cl->off);
    cl->v = malloc((nn + mix->n + 1) * sizeof *cl->v);
    if (!cl->off || !cl->v)
        return err_set(e, SY_ENOMEM, _("out of memory preparing the NACE mix"));
    for (size_t i = 0; i < mix->n; i++) {
        cl->off[i] = (uint32_t)n;
        for (size_t k = 0; k < nn; k++) {
            const char *s = kb_nace_str(kb, (int32_t)k);
            const struct kb_profile *p;
            if (!nace_class_shape(s) || strncmp(s, mix->v[i].division, 2) != 0)
                continue;
            if (kb_profiles_for(kb, (int32_t)k, &p) > 0 && p[0].nace == (int32_t)k)
                cl->v[n++] = (int32_t)k;
        }
        if (n == cl->off[i]) {
            int32_t id = kb_nace_intern(kb, mix->v[i].default_class);
            if (id < 0)
                return err_set(e, SY_ENOMEM, _("out of memory interning NACE class %s"),
                               mix->v[i].default_class);
            cl->v[n++] = id;
        }
    }
    cl->off[mix->n] = (uint32_t)n;
    return 0;
}

/* Expected profile rows of an establishment, quantified and "present". */
static void rows_expected(const struct kb *kb, const struct gen_mix *mix, const struct classes *cl,
                          double *eq, double *ep)
{
    *eq = *ep = 0;
    for (size_t i = 0; i < mix->n; i++) {
        uint32_t a = cl->off[i], b = cl->off[i + 1];
        for (uint32_t k = a; k < b; k++) {
            const struct kb_profile *p;
            size_t np = kb_profiles_for(kb, cl->v[k], &p);
            for (size_t j = 0; j < np; j++) {
                if (p[j].intensity >= 0)
                    *eq += mix->v[i].share / (b - a);
                else
                    *ep += mix->v[i].share / (b - a);
            }
        }
    }
}

static int make_towns(struct gen_world *w, struct gen_rng *rng, size_t n, double **cdf)
{
    double lmin, lmax, acc = 0;

    w->towns = malloc(n * sizeof *w->towns);
    *cdf = malloc(n * sizeof **cdf);
    if (!w->towns || !*cdf)
        return -1;
    w->ntowns = n;
    lmax = log(GEN_TOP_POP);
    lmin = log(GEN_TOP_POP / (double)n);
    for (size_t i = 0; i < n; i++) {
        struct gen_town *t = &w->towns[i];
        do {
            t->lat = GEN_LAT_MIN + (GEN_LAT_MAX - GEN_LAT_MIN) * gen_rng_unif(rng);
            t->lon = GEN_LON_MIN + (GEN_LON_MAX - GEN_LON_MIN) * gen_rng_unif(rng);
        } while (!gen_in_france(t->lat, t->lon));
        t->pop = GEN_TOP_POP / (double)(i + 1);
        t->sigma_km = GEN_SIGMA_MIN + (GEN_SIGMA_MAX - GEN_SIGMA_MIN) *
                                          (n > 1 ? (log(t->pop) - lmin) / (lmax - lmin) : 1);
        acc += t->pop;
        (*cdf)[i] = acc;
    }
    return 0;
}

static size_t pick_cdf(const double *cdf, size_t n, double u)
{
    size_t lo = 0, hi = n - 1;
    double x = u * cdf[n - 1];

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cdf[mid] > x)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

static void place(struct gen_rng *rng, const struct gen_town *t, double *lat, double *lon)
{
    for (int tries = 0; tries < 8; tries++) {
        double la = t->lat + gen_rng_normal(rng) * t->sigma_km / GEN_KM_PER_DEG;
        double lo = t->lon + gen_rng_normal(rng) * t->sigma_km /
                                 (GEN_KM_PER_DEG * cos(t->lat * M_PI / 180.0));
        if (gen_in_france(la, lo)) {
            *lat = la;
            *lon = lo;
            return;
        }
    }
    *lat = t->lat;
    *lon = t->lon;
}

static int push_flow(struct gen_world *w, size_t *cap, const struct eng_flow *f)
{
    if (w->nflows == *cap) {
        size_t nc = *cap ? *cap + *cap / 2 : 4096;
        struct eng_flow *v = realloc(w->flows, nc * sizeof *v);
        if (!v)
            return -1;
        w->flows = v;
        *cap = nc;
    }
    w->flows[w->nflows++] = *f;
    return 0;
}

int gen_world(struct kb *kb, const struct gen_mix *mix, const struct gen_opts *o,
              eng_progress_fn progress, void *pctx, struct gen_world *out, struct err *e)
{
    struct classes cl = {NULL, NULL};
    struct gen_rng rng;
    double *town_cdf = NULL, *mix_cdf = NULL, eq, ep, p_present;
    size_t fcap = 0;
    int rc = 0;

    memset(out, 0, sizeof *out);
    if (!o || o->nsites < 1 || o->nsites > 99999999 || o->ntowns < 1 || o->ntowns > UINT32_MAX ||
        !(o->flows_per_site >= 0) || !(o->present_share >= 0) || !mix || mix->n == 0)
        return err_set(e, SY_EUSAGE,
                       _("generator options out of range: 1 to 99,999,999 establishments, at "
                         "least one town, flows per site >= 0, a non-empty NACE mix"));
    if ((rc = classes_build(kb, mix, &cl, e)))
        goto out;
    rows_expected(kb, mix, &cl, &eq, &ep);
    /* Quantified rows with p, "present" rows with p * present_share, so that
     * the mean number of flows is flows_per_site when the profiles allow it. */
    out->p_row =
        eq + ep * o->present_share > 0 ? o->flows_per_site / (eq + ep * o->present_share) : 0;
    if (out->p_row > 1)
        out->p_row = 1;
    p_present = out->p_row * o->present_share;
    if (p_present > 1)
        p_present = 1;

    gen_rng_seed(&rng, o->seed);
    mix_cdf = malloc(mix->n * sizeof *mix_cdf);
    out->sites = malloc(o->nsites * sizeof *out->sites);
    out->ids = malloc(o->nsites * GEN_ID_LEN);
    out->site_town = malloc(o->nsites * sizeof *out->site_town);
    if (!mix_cdf || !out->sites || !out->ids || !out->site_town ||
        make_towns(out, &rng, o->ntowns, &town_cdf))
        goto nomem;
    for (size_t i = 0; i < mix->n; i++)
        mix_cdf[i] = (i ? mix_cdf[i - 1] : 0) + mix->v[i].share;
    out->nsites = o->nsites;
    for (size_t s = 0; s < o->nsites; s++) {
        struct eng_site *st = &out->sites[s];
        char *id = out->ids + s * GEN_ID_LEN;
        size_t t = pick_cdf(town_cdf, out->ntowns, gen_rng_unif(&rng));
        size_t d = pick_cdf(mix_cdf, mix->n, gen_rng_unif(&rng));
        uint32_t a = cl.off[d], b = cl.off[d + 1];
        double wf;
        const struct kb_profile *p;
        size_t np;

        if (progress && (s & 0x3FFFF) == 0)
            progress(pctx, "generate", (double)s / (double)o->nsites);
        snprintf(id, GEN_ID_LEN, "E%08u", (unsigned)(s + 1));
        memset(st, 0, sizeof *st);
        st->id = id;
        out->site_town[s] = (uint32_t)t;
        place(&rng, &out->towns[t], &st->lat, &st->lon);
        st->nace = cl.v[a + (uint32_t)(gen_rng_unif(&rng) * (b - a))];
        wf = floor(exp(log(GEN_WF_MEDIAN) + GEN_WF_SIGMA * gen_rng_normal(&rng)) + 0.5);
        st->workforce = (float)(wf < 1 ? 1 : wf > GEN_WF_MAX ? GEN_WF_MAX : wf);
        np = kb_profiles_for(kb, st->nace, &p);
        for (size_t k = 0; k < np; k++) {
            struct eng_flow f;
            int present = p[k].intensity < 0;
            if (gen_rng_unif(&rng) >= (present ? p_present : out->p_row))
                continue;
            memset(&f, 0, sizeof f);
            f.site = (uint32_t)s;
            f.code = p[k].code;
            f.dir = (uint8_t)p[k].dir;
            f.months = MONTHS_ALL;
            f.hazardous = (uint8_t)(p[k].hazardous || kb_code_hazardous(kb, p[k].code));
            if (present) {
                f.qty_year = -1;
                f.unit = UNIT_COUNT;
            } else {
                f.qty_year = p[k].intensity * st->workforce;
                f.unit = (uint8_t)p[k].unit;
            }
            if (push_flow(out, &fcap, &f))
                goto nomem;
        }
    }
    if (progress)
        progress(pctx, "generate", 1);
    goto out;
nomem:
    rc = err_set(e, SY_ENOMEM, _("out of memory generating %zu establishments"), o->nsites);
out:
    free(cl.off);
    free(cl.v);
    free(town_cdf);
    free(mix_cdf);
    if (rc)
        gen_world_release(out);
    return rc;
}

/* ---- CSV writers ---- */

int gen_write_actors(const struct gen_world *w, const struct kb *kb, FILE *f, struct err *e)
{
    fputs("id,name,siret,naf,kind,territory,address,commune,lat,lon,workforce\n", f);
    for (size_t s = 0; s < w->nsites; s++) {
        const struct eng_site *st = &w->sites[s];
        const char *nace = st->nace >= 0 ? kb_nace_str(kb, st->nace) : "";
        fprintf(
            f, "%s,Synthetic establishment %zu (%s),,%s,company,,near town T%05u,,%.6f,%.6f,%.0f\n",
            st->id, s + 1, nace, nace, w->site_town[s] + 1, st->lat, st->lon,
            (double)st->workforce);
    }
    if (fflush(f) || ferror(f))
        return err_set(e, SY_EIO, _("cannot write the actors: disk full or not writable?"));
    return 0;
}

int gen_write_flows(const struct gen_world *w, const struct kb *kb, FILE *f, struct err *e)
{
    fputs("id,actor_id,direction,code,description,quantity,unit,period,state,confidentiality\n", f);
    for (size_t i = 0; i < w->nflows; i++) {
        const struct eng_flow *fl = &w->flows[i];
        const char *code = kb_code_str(kb, fl->code);
        /* A List of Waste code starts with a digit: hazardous entries take their asterisk. */
        int star = fl->hazardous && code[0] >= '0' && code[0] <= '9';

        fprintf(f, "F%08zu,%s,%s,%s%s,", i + 1, w->sites[fl->site].id,
                model_dir_name((enum flow_dir)fl->dir), code, star ? "*" : "");
        out_csv_field(f, kb_label(kb, fl->code));
        if (fl->qty_year < 0)
            fputs(",1,count,year,,territory\n", f);
        else
            fprintf(f, ",%.3f,%s,year,,territory\n", fl->qty_year,
                    model_unit_name((enum canon_unit)fl->unit));
    }
    if (fflush(f) || ferror(f))
        return err_set(e, SY_EIO, _("cannot write the flows: disk full or not writable?"));
    return 0;
}
