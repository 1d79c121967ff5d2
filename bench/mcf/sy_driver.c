/*
 * sy_driver.c - times symbiose's network simplex on one DIMACS file (bench/mcf/run).
 *
 * Usage: sy_driver FILE.min [REPS]. Prints "COST MS" where MS is the median
 * wall time of the solve alone over REPS runs (parsing is not timed).
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "io/dimacs.h"
#include "optim/mcf.h"

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    struct err e = {0};
    struct mcf *m = NULL;
    struct mcf_stats st;
    double t[64];
    int reps = argc > 2 ? atoi(argv[2]) : 1, i, rc;
    FILE *f;

    if (argc < 2 || reps < 1 || reps > 64) {
        fprintf(stderr, "usage: sy_driver FILE.min [REPS<=64]\n");
        return 1;
    }
    f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    rc = dimacs_read(f, argv[1], &m, &e);
    fclose(f);
    if (rc) {
        fprintf(stderr, "%s\n", e.msg);
        return 2;
    }
    if (getenv("SY_BLOCK"))
        mcf_set_block_size(m, atoi(getenv("SY_BLOCK")));
    for (i = 0; i < reps; i++) {
        double t0 = now_ms();

        rc = mcf_solve(m, &e);
        t[i] = now_ms() - t0;
        if (rc) {
            printf("%s\n", e.msg);
            mcf_free(m);
            return 2;
        }
    }
    qsort(t, (size_t)reps, sizeof t[0], cmp_double);
    mcf_stats(m, &st);
    printf("%lld %.2f\n", (long long)mcf_cost(m), t[reps / 2]);
    if (getenv("SY_STATS"))
        fprintf(stderr, "pivots %lld degenerate %lld block %d\n", (long long)st.pivots,
                (long long)st.degenerate, st.block_size);
    mcf_free(m);
    return 0;
}
