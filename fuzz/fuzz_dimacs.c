/*
 * fuzz_dimacs.c - libFuzzer harness for the DIMACS reader (src/io/dimacs.c)
 * and, on small networks, the network simplex (src/optim/mcf.c): a parsed
 * network is solved and a solution must respect bounds and conservation.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/dimacs.h"
#include "optim/mcf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_solution(struct mcf *m)
{
    int32_t n = mcf_node_count(m), na = mcf_arc_count(m);
    int64_t *net = calloc((size_t)n + 1, sizeof *net);

    if (!net)
        return;
    for (int32_t a = 0; a < na; a++) {
        int64_t x = mcf_flow(m, a);

        if (__builtin_add_overflow(net[mcf_arc_from(m, a)], x, &net[mcf_arc_from(m, a)]) ||
            __builtin_sub_overflow(net[mcf_arc_to(m, a)], x, &net[mcf_arc_to(m, a)])) {
            free(net);
            return; /* parallel arcs whose flows sum past 2^63: not checkable here */
        }
    }
    for (int32_t i = 0; i < n; i++)
        if (net[i] != mcf_supply(m, i))
            abort();
    free(net);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct mcf *m = NULL;
    struct err e;
    int rc;

    err_clear(&e);
    rc = dimacs_parse((const char *)data, size, "fuzz.min", &m, &e);
    if (rc) {
        if (m || strncmp(e.msg, "fuzz.min:", 9) != 0)
            abort();
        return 0;
    }
    if (mcf_node_count(m) <= 2000 && mcf_arc_count(m) <= 2000) {
        err_clear(&e);
        if (mcf_solve(m, &e) == 0)
            check_solution(m);
    }
    mcf_free(m);
    return 0;
}
