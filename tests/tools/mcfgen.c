/*
 * mcfgen.c - random small DIMACS min-cost flow instances for the differential test
 * against GLPK (tests/e2e/mcf_glpk.sh). Same seed, same file, on every machine.
 *
 * Usage: mcfgen SEED > FILE.min. Instances mix parallel arcs, zero-capacity
 * arcs, negative costs (and finite negative cycles), nonzero lower bounds, a
 * ring that connects the nodes (three seeds in four), and (one seed in eight)
 * unbalanced supplies; every capacity is finite and lower bounds are >= 0, as
 * GLPK's reader requires. There are no loops (GLPK's LP form rejects them).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t rng_state;

static uint64_t rng_next(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717ULL;
}

static long rng_range(long lo, long hi)
{
    return lo + (long)(rng_next() % (uint64_t)(hi - lo + 1));
}

int main(int argc, char **argv)
{
    long seed, n, m, i, a, u = 0, v = 0, sum = 0, *sup, ring;

    if (argc != 2) {
        fprintf(stderr, "usage: mcfgen SEED\n");
        return 1;
    }
    seed = atol(argv[1]);
    rng_state = (uint64_t)seed * 0x9E3779B97F4A7C15ULL + 7;
    n = rng_range(2, 30);
    m = rng_range(1, 5 * n);
    ring = seed % 4 != 0; /* most instances get a ring i -> i+1 that makes them connected */
    sup = calloc((size_t)n, sizeof *sup);
    if (!sup)
        return 1;
    for (i = 0; i + 1 < n; i++) {
        sup[i] = rng_range(0, 3) == 0 ? rng_range(-15, 15) : 0;
        sum += sup[i];
    }
    sup[n - 1] = -sum;
    if (seed % 8 == 0)
        sup[rng_range(0, n - 1)] += rng_range(1, 5);
    printf("c mcfgen %ld\np min %ld %ld\n", seed, n, m + (ring ? n : 0));
    for (i = 0; i < n; i++)
        if (sup[i])
            printf("n %ld %ld\n", i + 1, sup[i]);
    for (a = 0; a < m; a++) {
        long low = 0, cap, cost;

        if (a == 0 || rng_range(0, 9) != 0) { /* else: parallel to the previous arc */
            u = rng_range(1, n);
            do
                v = rng_range(1, n);
            while (v == u);
        }
        if (rng_range(0, 7) == 0)
            low = rng_range(0, 4);
        cap = rng_range(0, 9) == 0 ? low : low + rng_range(0, 40);
        cost = rng_range(0, 3) == 0 ? rng_range(-20, 0) : rng_range(0, 60);
        printf("a %ld %ld %ld %ld %ld\n", u, v, low, cap, cost);
    }
    for (i = 0; ring && i < n; i++)
        printf("a %ld %ld 0 %ld %ld\n", i + 1, (i + 1) % n + 1, rng_range(20, 60),
               rng_range(0, 3) == 0 ? rng_range(-20, 0) : rng_range(0, 60));
    free(sup);
    return 0;
}
