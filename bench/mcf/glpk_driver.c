/*
 * glpk_driver.c - times GLPK's out-of-kilter solver (glp_mincost_okalg) on one DIMACS file.
 *
 * Usage: glpk_driver FILE.min [REPS]. Prints "COST MS": MS is the median CPU
 * time of glp_mincost_okalg alone; reading is not timed. Part of bench/mcf/run;
 * needs libglpk-dev.
 */
#include <glpk.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

struct vdata {
    double rhs;
};

struct adata {
    double low, cap, cost, x;
};

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
    glp_graph *g;
    double t[64], sol = 0;
    int reps = argc > 2 ? atoi(argv[2]) : 1, i, rc;

    if (argc < 2 || reps < 1 || reps > 64) {
        fprintf(stderr, "usage: glpk_driver FILE.min [REPS<=64]\n");
        return 1;
    }
    glp_term_out(GLP_OFF);
    g = glp_create_graph(sizeof(struct vdata), sizeof(struct adata));
    if (glp_read_mincost(g, offsetof(struct vdata, rhs), offsetof(struct adata, low),
                         offsetof(struct adata, cap), offsetof(struct adata, cost), argv[1])) {
        fprintf(stderr, "glpk_driver: cannot read %s\n", argv[1]);
        return 2;
    }
    for (i = 0; i < reps; i++) {
        double t0 = now_ms();

        rc = glp_mincost_okalg(g, offsetof(struct vdata, rhs), offsetof(struct adata, low),
                               offsetof(struct adata, cap), offsetof(struct adata, cost), &sol,
                               offsetof(struct adata, x), -1);
        t[i] = now_ms() - t0;
        if (rc == GLP_ENOPFS) {
            printf("infeasible\n");
            return 2;
        }
        if (rc) {
            printf("error %d\n", rc);
            return 2;
        }
    }
    qsort(t, (size_t)reps, sizeof t[0], cmp_double);
    printf("%.0f %.2f\n", sol, t[reps / 2]);
    glp_delete_graph(g);
    return 0;
}
