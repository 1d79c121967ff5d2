/*
 * geogen.c - geographic min-cost flow instances for bench/mcf/run (DIMACS "min" on stdout).
 *
 * Suppliers (waste producers) and demanders (users of the material) sit at
 * random points clustered around towns on a 1000 km square. Each supplier
 * gets arcs to its K nearest demanders within a radius, at a cost from the
 * rounded distance plus handling, with random capacities. A landfill node
 * absorbs what is not reused and a virgin-material node serves what is not
 * met, so every instance is feasible, as in a real symbiosis plan.
 * Usage: geogen NODES ARCS SEED
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define SIDE_KM 1000.0
#define RADIUS_KM 250.0
#define CELL_KM 10.0
#define GRID ((int)(SIDE_KM / CELL_KM))

static uint64_t rng_state;

static uint64_t rng_next(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717ULL;
}

static double rng_unit(void)
{
    return (double)(rng_next() >> 11) / 9007199254740992.0;
}

static long rng_range(long lo, long hi)
{
    return lo + (long)(rng_next() % (uint64_t)(hi - lo + 1));
}

static double rng_gauss(void)
{
    double u = rng_unit() + 1e-12, v = rng_unit();

    return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

struct cand {
    double d;
    int j;
};

static int cmp_cand(const void *a, const void *b)
{
    double x = ((const struct cand *)a)->d, y = ((const struct cand *)b)->d;

    return (x > y) - (x < y);
}

static int cell_of(double x)
{
    int c = (int)(x / CELL_KM);

    return c < 0 ? 0 : c >= GRID ? GRID - 1 : c;
}

int main(int argc, char **argv)
{
    long n, m, k, i, j, ns, nd, towns, t, landfill, virgin, cnt = 0;
    double *x, *y, *tx, *ty;
    long *supply, *cell_start, *cell_next, total_s = 0, total_d = 0;
    struct cand *cand;

    if (argc != 4) {
        fprintf(stderr, "usage: geogen NODES ARCS SEED\n");
        return 1;
    }
    n = atol(argv[1]) - 2;
    m = atol(argv[2]);
    rng_state = (uint64_t)atol(argv[3]) * 0x9E3779B97F4A7C15ULL + 1;
    if (n < 10 || m < n) {
        fprintf(stderr, "geogen: need NODES >= 12 and ARCS >= NODES\n");
        return 1;
    }
    ns = n * 2 / 5;
    nd = n - ns;
    k = (m - ns - nd - 1) / ns;
    if (k < 1)
        k = 1;
    towns = n / 150 + 3;
    x = malloc((size_t)n * sizeof *x);
    y = malloc((size_t)n * sizeof *y);
    tx = malloc((size_t)towns * sizeof *tx);
    ty = malloc((size_t)towns * sizeof *ty);
    supply = malloc((size_t)n * sizeof *supply);
    cell_start = malloc((size_t)GRID * GRID * sizeof *cell_start);
    cell_next = malloc((size_t)n * sizeof *cell_next);
    cand = malloc((size_t)nd * sizeof *cand);
    if (!x || !y || !tx || !ty || !supply || !cell_start || !cell_next || !cand) {
        fprintf(stderr, "geogen: out of memory\n");
        return 1;
    }
    for (t = 0; t < towns; t++) {
        tx[t] = rng_unit() * SIDE_KM;
        ty[t] = rng_unit() * SIDE_KM;
    }
    for (i = 0; i < GRID * GRID; i++)
        cell_start[i] = -1;
    /* Nodes 0..ns-1 are suppliers, ns..n-1 demanders. */
    for (i = 0; i < n; i++) {
        double sigma = 5.0 + 25.0 * rng_unit();

        t = rng_range(0, towns - 1);
        x[i] = fmin(fmax(tx[t] + sigma * rng_gauss(), 0.0), SIDE_KM - 1e-9);
        y[i] = fmin(fmax(ty[t] + sigma * rng_gauss(), 0.0), SIDE_KM - 1e-9);
        if (i < ns) {
            supply[i] = rng_range(10, 2000);
            total_s += supply[i];
        } else {
            supply[i] = -rng_range(10, 1500);
            total_d -= supply[i];
            j = (long)cell_of(x[i]) * GRID + cell_of(y[i]);
            cell_next[i] = cell_start[j];
            cell_start[j] = i;
        }
    }
    landfill = n + 1; /* 1-based ids in the file */
    virgin = n + 2;
    printf("c geogen %s %s %s: %ld suppliers, %ld demanders, %ld towns, k=%ld\n", argv[1], argv[2],
           argv[3], ns, nd, towns, k);
    printf("p min %ld %ld\n", n + 2, ns * k + ns + nd + 1);
    for (i = 0; i < n; i++)
        printf("n %ld %ld\n", i + 1, supply[i]);
    printf("n %ld %ld\n", landfill, -total_s);
    printf("n %ld %ld\n", virgin, total_d);
    for (i = 0; i < ns; i++) {
        int cx = cell_of(x[i]), cy = cell_of(y[i]), r, nc = 0, a, b;

        /* Grow the searched square until it holds k demanders or reaches the radius. */
        for (r = 1;; r++) {
            nc = 0;
            for (a = cx - r; a <= cx + r; a++)
                for (b = cy - r; b <= cy + r; b++) {
                    if (a < 0 || b < 0 || a >= GRID || b >= GRID)
                        continue;
                    for (j = cell_start[(long)a * GRID + b]; j >= 0; j = cell_next[j]) {
                        double d = hypot(x[i] - x[j], y[i] - y[j]);

                        if (d <= RADIUS_KM) {
                            cand[nc].d = d;
                            cand[nc].j = (int)j;
                            nc++;
                        }
                    }
                }
            if (nc >= k * 2 || r * CELL_KM >= RADIUS_KM)
                break;
        }
        qsort(cand, (size_t)nc, sizeof *cand, cmp_cand);
        for (a = 0; a < k; a++) {
            /* Short of neighbours: fall back to random far demanders (long haul). */
            long dj = a < nc ? cand[a].j : ns + rng_range(0, nd - 1);
            double d = a < nc ? cand[a].d : hypot(x[i] - x[dj], y[i] - y[dj]);
            long cost = lround(d * 1.2) + rng_range(2, 30);

            printf("a %ld %ld 0 %ld %ld\n", i + 1, dj + 1, rng_range(20, 800), cost);
            cnt++;
        }
        printf("a %ld %ld 0 %ld %ld\n", i + 1, landfill, supply[i], rng_range(250, 400));
        cnt++;
    }
    for (j = ns; j < n; j++) {
        printf("a %ld %ld 0 %ld %ld\n", virgin, j + 1, -supply[j], rng_range(300, 500));
        cnt++;
    }
    printf("a %ld %ld 0 %ld 0\n", virgin, landfill, total_d);
    cnt++;
    fprintf(stderr, "geogen: %ld nodes, %ld arcs\n", n + 2, cnt);
    return 0;
}
