/*
 * kdtree.c - static 3-d tree over unit vectors (see kdtree.h).
 * Build: median splits on the widest axis by quickselect, O(n log n), points
 * then stored in tree order with a float bounding box per node. Radius query:
 * prune nodes on chord length with a margin for float rounding, then the
 * exact haversine test of grid.c on each remaining point. Nearest query: nodes
 * nearest first, a max-heap of the k best chords in the caller's buffer.
 */
#include "geo/kdtree.h"
#include "geo/geo.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#define DEG2RAD (3.14159265358979323846 / 180.0)
/* Chord margin for float coordinates: a unit vector component is rounded by
 * at most 3e-8, a chord by at most about 5e-8 (0.3 m); 3e-7 is 2 m. */
#define CHORD_EPS 3e-7

struct kdtree {
    size_t n;
    unsigned depth; /* levels below the root; leaves are at level depth */
    size_t nnodes;
    float *box;   /* [nnodes][6]: min x, y, z, max x, y, z */
    float *xyz;   /* [n][3] in tree order */
    double *plat; /* [n] */
    double *plon;
    double *pcos; /* cos(lat), as grid.c */
    uint32_t *pid;
    double *key;  /* [n] or NULL (kdtree_set_keys) */
    double *kmin; /* [nnodes] smallest key under each node */
};

struct kpt {
    float v[3];
    uint32_t src; /* rank among the valid input points */
};

void kdtree_free(struct kdtree *t)
{
    if (!t)
        return;
    free(t->box);
    free(t->xyz);
    free(t->plat);
    free(t->plon);
    free(t->pcos);
    free(t->pid);
    free(t->key);
    free(t->kmin);
    free(t);
}

size_t kdtree_count(const struct kdtree *t)
{
    return t ? t->n : 0;
}

const uint32_t *kdtree_ids(const struct kdtree *t)
{
    return t->pid;
}

static int kpt_less(const struct kpt *a, const struct kpt *b, int d)
{
    return a->v[d] < b->v[d] || (a->v[d] == b->v[d] && a->src < b->src);
}

static void kpt_swap(struct kpt *p, ptrdiff_t i, ptrdiff_t j)
{
    struct kpt t = p[i];
    p[i] = p[j];
    p[j] = t;
}

/* Puts p[k] in its sorted place (on axis d, ties by src), smaller before it,
 * larger after: Hoare's selection with a median-of-three pivot. The order is
 * total (src is unique), so the result depends only on the input. */
static void kpt_select(struct kpt *p, ptrdiff_t n, ptrdiff_t k, int d)
{
    ptrdiff_t lo = 0, hi = n - 1;

    while (hi > lo) {
        ptrdiff_t m = lo + (hi - lo) / 2, i = lo, j = hi;
        struct kpt piv;

        if (kpt_less(&p[m], &p[lo], d))
            kpt_swap(p, m, lo);
        if (kpt_less(&p[hi], &p[lo], d))
            kpt_swap(p, hi, lo);
        if (kpt_less(&p[hi], &p[m], d))
            kpt_swap(p, hi, m);
        piv = p[m];
        while (i <= j) {
            while (kpt_less(&p[i], &piv, d))
                i++;
            while (kpt_less(&piv, &p[j], d))
                j--;
            if (i <= j) {
                kpt_swap(p, i, j);
                i++;
                j--;
            }
        }
        if (k <= j)
            hi = j;
        else if (k >= i)
            lo = i;
        else
            return;
    }
}

static void kd_build(struct kdtree *t, struct kpt *p, size_t node, size_t lo, size_t hi,
                     unsigned level)
{
    float *b = t->box + 6 * node;
    float ext[3];
    int dim = 0;
    size_t mid;

    b[0] = b[1] = b[2] = INFINITY;
    b[3] = b[4] = b[5] = -INFINITY;
    for (size_t i = lo; i < hi; i++)
        for (int d = 0; d < 3; d++) {
            if (p[i].v[d] < b[d])
                b[d] = p[i].v[d];
            if (p[i].v[d] > b[3 + d])
                b[3 + d] = p[i].v[d];
        }
    if (level == t->depth)
        return;
    for (int d = 0; d < 3; d++)
        ext[d] = b[3 + d] - b[d];
    if (ext[1] > ext[dim])
        dim = 1;
    if (ext[2] > ext[dim])
        dim = 2;
    mid = lo + (hi - lo) / 2;
    if (hi - lo > 1)
        kpt_select(p + lo, (ptrdiff_t)(hi - lo), (ptrdiff_t)(mid - lo), dim);
    kd_build(t, p, 2 * node + 1, lo, mid, level + 1);
    kd_build(t, p, 2 * node + 2, mid, hi, level + 1);
}

int kdtree_build(struct kdtree **out, const double *lat, const double *lon, const uint32_t *ids,
                 size_t n, struct err *e)
{
    struct kdtree *t = NULL;
    struct kpt *p = NULL;
    uint32_t *src = NULL; /* input index of each valid point */
    size_t m = 0;
    int rc = SY_OK;

    *out = NULL;
    if (n > UINT32_MAX - 1) {
        rc = err_set(e, SY_EUSAGE, "kdtree_build: at most 2^32 - 2 points");
        goto out;
    }
    t = calloc(1, sizeof *t);
    p = malloc((n ? n : 1) * sizeof *p);
    src = malloc((n ? n : 1) * sizeof *src);
    if (!t || !p || !src)
        goto nomem;
    for (size_t k = 0; k < n; k++) {
        size_t i = ids ? ids[k] : k;
        double la, lo;
        if (!geo_valid(lat[i], lon[i]))
            continue;
        la = lat[i] * DEG2RAD;
        lo = lon[i] * DEG2RAD;
        p[m].v[0] = (float)(cos(la) * cos(lo));
        p[m].v[1] = (float)(cos(la) * sin(lo));
        p[m].v[2] = (float)sin(la);
        p[m].src = (uint32_t)m;
        src[m++] = (uint32_t)i;
    }
    t->n = m;
    while (((m + ((size_t)1 << t->depth) - 1) >> t->depth) > KDTREE_LEAF)
        t->depth++;
    t->nnodes = ((size_t)2 << t->depth) - 1;
    t->box = malloc(t->nnodes * 6 * sizeof *t->box);
    t->xyz = malloc((m ? m : 1) * 3 * sizeof *t->xyz);
    t->plat = malloc((m ? m : 1) * sizeof *t->plat);
    t->plon = malloc((m ? m : 1) * sizeof *t->plon);
    t->pcos = malloc((m ? m : 1) * sizeof *t->pcos);
    t->pid = malloc((m ? m : 1) * sizeof *t->pid);
    if (!t->box || !t->xyz || !t->plat || !t->plon || !t->pcos || !t->pid)
        goto nomem;
    if (m)
        kd_build(t, p, 0, 0, m, 0);
    for (size_t k = 0; k < m; k++) {
        uint32_t i = src[p[k].src];
        memcpy(t->xyz + 3 * k, p[k].v, sizeof p[k].v);
        t->plat[k] = lat[i];
        t->plon[k] = lon[i];
        t->pcos[k] = cos(lat[i] * DEG2RAD);
        t->pid[k] = i;
    }
    *out = t;
    t = NULL;
    goto out;
nomem:
    rc = err_set(e, SY_ENOMEM, "out of memory building a k-d tree of %zu points", n);
out:
    free(p);
    free(src);
    kdtree_free(t);
    return rc;
}

static double kmin_fill(struct kdtree *t, size_t node, size_t lo, size_t hi, unsigned level)
{
    double m = INFINITY;

    if (level == t->depth) {
        for (size_t i = lo; i < hi; i++)
            if (t->key[i] < m)
                m = t->key[i];
    } else {
        size_t mid = lo + (hi - lo) / 2;
        double a = kmin_fill(t, 2 * node + 1, lo, mid, level + 1);
        double b = kmin_fill(t, 2 * node + 2, mid, hi, level + 1);
        m = a < b ? a : b;
    }
    t->kmin[node] = m;
    return m;
}

int kdtree_set_keys(struct kdtree *t, const double *key, struct err *e)
{
    free(t->key);
    free(t->kmin);
    t->key = malloc((t->n ? t->n : 1) * sizeof *t->key);
    t->kmin = malloc((t->nnodes ? t->nnodes : 1) * sizeof *t->kmin);
    if (!t->key || !t->kmin) {
        free(t->key);
        free(t->kmin);
        t->key = t->kmin = NULL;
        return err_set(e, SY_ENOMEM, "out of memory keying a k-d tree of %zu points", t->n);
    }
    memcpy(t->key, key, t->n * sizeof *t->key);
    if (t->n)
        kmin_fill(t, 0, 0, t->n, 0);
    return 0;
}

/* ---- queries ---- */

struct kq {
    const struct kdtree *t;
    const struct kdtree_q *p;
    kdtree_cb cb;
    void *ctx;
};

static double chord_of(double d_km)
{
    double h = d_km / (2.0 * GEO_EARTH_RADIUS_KM);

    if (h >= 3.14159265358979323846 / 2)
        return 2.0;
    return 2.0 * sin(h);
}

static void unit_of(double lat, double lon, double q[3])
{
    double la = lat * DEG2RAD, lo = lon * DEG2RAD;

    q[0] = cos(la) * cos(lo);
    q[1] = cos(la) * sin(lo);
    q[2] = sin(la);
}

static double box_min2(const float *b, const double q[3])
{
    double s = 0;

    for (int d = 0; d < 3; d++) {
        double v = 0;
        if (q[d] < b[d])
            v = b[d] - q[d];
        else if (q[d] > b[3 + d])
            v = q[d] - b[3 + d];
        s += v * v;
    }
    return s;
}

static double box_max2(const float *b, const double q[3])
{
    double s = 0;

    for (int d = 0; d < 3; d++) {
        double u = fabs(q[d] - b[d]), v = fabs(q[d] - b[3 + d]);
        double w = u > v ? u : v;
        s += w * w;
    }
    return s;
}

void kdtree_q_centre(struct kdtree_q *q, double lat, double lon)
{
    unit_of(lat, lon, q->q);
    q->lat = lat;
    q->lon = lon;
    q->cq = cos(lat * DEG2RAD);
    q->key_max = INFINITY;
    kdtree_q_ring(q, 0, 0);
}

void kdtree_q_ring(struct kdtree_q *q, double r_min_km, double r_max_km)
{
    double c = chord_of(r_max_km) + CHORD_EPS;

    q->hi2 = c * c;
    q->lo2 = -1;
    if (r_min_km > 0) {
        c = chord_of(r_min_km) - CHORD_EPS;
        if (c > 0)
            q->lo2 = c * c;
    }
    q->r_min = r_min_km;
    q->r_max = r_max_km;
}

static int kq_leaf(const struct kq *k, size_t lo, size_t hi)
{
    const struct kdtree *t = k->t;
    const struct kdtree_q *p = k->p;

    for (size_t i = lo; i < hi; i++) {
        const float *v = t->xyz + 3 * i;
        double dx = v[0] - p->q[0], dy = v[1] - p->q[1], dz = v[2] - p->q[2];
        double c2 = dx * dx + dy * dy + dz * dz, s1, s2, a, d;
        int rc;

        if (c2 > p->hi2 || c2 < p->lo2 || (t->key && t->key[i] > p->key_max))
            continue;
        /* The exact test, written as in grid.c so that distances are equal. */
        s1 = sin((t->plat[i] - p->lat) * (DEG2RAD * 0.5));
        s2 = sin((t->plon[i] - p->lon) * (DEG2RAD * 0.5));
        a = s1 * s1 + p->cq * t->pcos[i] * s2 * s2;
        if (a > 1.0)
            a = 1.0;
        d = 2.0 * GEO_EARTH_RADIUS_KM * asin(sqrt(a));
        if ((p->r_min > 0 && d <= p->r_min) || d > p->r_max)
            continue;
        if ((rc = k->cb(k->ctx, (uint32_t)i, t->pid[i], d)))
            return rc;
    }
    return 0;
}

static int kq_node(const struct kq *k, size_t node, size_t lo, size_t hi, unsigned level)
{
    const float *b = k->t->box + 6 * node;
    size_t mid;
    int rc;

    if (lo == hi || box_min2(b, k->p->q) > k->p->hi2 ||
        (k->t->kmin && k->t->kmin[node] > k->p->key_max))
        return 0;
    if (k->p->lo2 > 0 && box_max2(b, k->p->q) < k->p->lo2)
        return 0; /* wholly inside the inner radius */
    if (level == k->t->depth)
        return kq_leaf(k, lo, hi);
    mid = lo + (hi - lo) / 2;
    if ((rc = kq_node(k, 2 * node + 1, lo, mid, level + 1)))
        return rc;
    return kq_node(k, 2 * node + 2, mid, hi, level + 1);
}

int kdtree_search(const struct kdtree *t, const struct kdtree_q *q, kdtree_cb cb, void *ctx)
{
    struct kq k;

    if (!t || t->n == 0 || !(q->r_max >= 0) || q->r_max < q->r_min)
        return 0;
    k.t = t;
    k.p = q;
    k.cb = cb;
    k.ctx = ctx;
    return kq_node(&k, 0, 0, t->n, 0);
}

int kdtree_query(const struct kdtree *t, double lat, double lon, double r_min_km, double r_max_km,
                 kdtree_cb cb, void *ctx)
{
    struct kdtree_q q;

    if (!t || t->n == 0 || !geo_valid(lat, lon) || !(r_max_km >= 0) || r_max_km < r_min_km)
        return 0;
    kdtree_q_centre(&q, lat, lon);
    kdtree_q_ring(&q, r_min_km, r_max_km);
    return kdtree_search(t, &q, cb, ctx);
}

/* ---- k nearest by chord: a max-heap on (chord^2, pos) in the caller's buffer ---- */

struct kk {
    const struct kdtree *t;
    double q[3];
    double key_max;
    struct kdtree_near *h;
    size_t n, k;
    double bound; /* chord^2 beyond which nothing can enter */
};

static int near_after(const struct kdtree_near *a, double c2, uint32_t pos)
{
    return a->c2 > c2 || (a->c2 == c2 && a->pos > pos);
}

static void kk_offer(struct kk *s, double c2, uint32_t pos)
{
    struct kdtree_near *h = s->h;
    size_t i;

    if (s->n < s->k) {
        i = s->n++;
        while (i > 0 && !near_after(&h[(i - 1) / 2], c2, pos)) {
            h[i] = h[(i - 1) / 2];
            i = (i - 1) / 2;
        }
    } else if (near_after(&h[0], c2, pos)) {
        i = 0;
        for (;;) {
            size_t l = 2 * i + 1, r = l + 1, m = l;
            if (l >= s->n)
                break;
            if (r < s->n && near_after(&h[r], h[l].c2, h[l].pos))
                m = r;
            if (!near_after(&h[m], c2, pos))
                break;
            h[i] = h[m];
            i = m;
        }
    } else {
        return;
    }
    h[i] = (struct kdtree_near){c2, pos};
    if (s->n == s->k && h[0].c2 < s->bound)
        s->bound = h[0].c2;
}

static void kk_node(struct kk *s, size_t node, size_t lo, size_t hi, unsigned level)
{
    const struct kdtree *t = s->t;
    size_t mid;
    double dl, dr;

    if (level == t->depth) {
        for (size_t i = lo; i < hi; i++) {
            const float *v = t->xyz + 3 * i;
            double dx = v[0] - s->q[0], dy = v[1] - s->q[1], dz = v[2] - s->q[2];
            double c2 = dx * dx + dy * dy + dz * dz;
            if (c2 <= s->bound && !(t->key && t->key[i] > s->key_max))
                kk_offer(s, c2, (uint32_t)i);
        }
        return;
    }
    mid = lo + (hi - lo) / 2;
    dl = lo < mid ? box_min2(t->box + 6 * (2 * node + 1), s->q) : INFINITY;
    dr = mid < hi ? box_min2(t->box + 6 * (2 * node + 2), s->q) : INFINITY;
    if (t->kmin) {
        if (t->kmin[2 * node + 1] > s->key_max)
            dl = INFINITY;
        if (t->kmin[2 * node + 2] > s->key_max)
            dr = INFINITY;
    }
    if (dl <= dr) {
        if (dl <= s->bound)
            kk_node(s, 2 * node + 1, lo, mid, level + 1);
        if (dr <= s->bound)
            kk_node(s, 2 * node + 2, mid, hi, level + 1);
    } else {
        if (dr <= s->bound)
            kk_node(s, 2 * node + 2, mid, hi, level + 1);
        if (dl <= s->bound)
            kk_node(s, 2 * node + 1, lo, mid, level + 1);
    }
}

size_t kdtree_knn(const struct kdtree *t, const struct kdtree_q *q, size_t k,
                  struct kdtree_near *out)
{
    struct kk s;

    if (!t || t->n == 0 || k == 0 || !(q->r_max >= 0) || box_min2(t->box, q->q) > q->hi2 ||
        (t->kmin && t->kmin[0] > q->key_max))
        return 0;
    s.t = t;
    memcpy(s.q, q->q, sizeof s.q);
    s.key_max = q->key_max;
    s.h = out;
    s.n = 0;
    s.k = k;
    s.bound = q->hi2;
    kk_node(&s, 0, 0, t->n, 0);
    /* Heap sort in place: the farthest goes last. */
    for (size_t n = s.n; n > 1; n--) {
        struct kdtree_near x = out[0];
        size_t i = 0;
        out[0] = out[n - 1];
        out[n - 1] = x;
        for (;;) {
            size_t l = 2 * i + 1, r = l + 1, m = i;
            if (l < n - 1 && near_after(&out[l], out[m].c2, out[m].pos))
                m = l;
            if (r < n - 1 && near_after(&out[r], out[m].c2, out[m].pos))
                m = r;
            if (m == i)
                break;
            x = out[i];
            out[i] = out[m];
            out[m] = x;
            i = m;
        }
    }
    return s.n;
}

double kdtree_chord_km(double c2)
{
    double h = c2 > 0 ? sqrt(c2) / 2 : 0;

    /* d = 2 R asin(c / 2); within a hundred km (h < 0.008) the series to
     * h^5 is exact to 1e-14, and saves the asin call of every hit. */
    if (h < 0.008)
        return 2.0 * GEO_EARTH_RADIUS_KM * h * (1 + h * h * (1.0 / 6 + h * h * (3.0 / 40)));
    return 2.0 * GEO_EARTH_RADIUS_KM * asin(h > 1 ? 1 : h);
}
