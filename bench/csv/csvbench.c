/*
 * csvbench.c - reads a CSV file with the csv reader alone and reports rows/s.
 *
 * Usage: csvbench FILE. Parses every field as a number where the column is
 * "quantity", to include csv_parse_number in the figure. Not a test.
 */
#include "io/csv.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

int main(int argc, char **argv)
{
    struct csv_record r;
    struct err e;
    struct timespec t0, t1;
    struct csv *c;
    FILE *f;
    long rows = 0, errors = 0, bytes = 0;
    double secs, q, sum = 0;
    int rc;

    if (argc != 2) {
        fprintf(stderr, "usage: csvbench FILE\n");
        return 1;
    }
    f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    c = csv_new_file(f, argv[1], NULL);
    if (!c)
        return 3;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    while ((rc = csv_next(c, &r, &e)) != 0) {
        if (rc < 0) {
            if (errors++ < 5)
                fprintf(stderr, "%s\n", e.msg);
            continue;
        }
        rows++;
        for (size_t i = 0; i < r.n; i++)
            bytes += (long)r.lens[i];
        if (r.n > 4 && csv_parse_number(r.fields[4], &q) == 0)
            sum += q;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("%ld rows (%ld field bytes, %ld errors, sum %.1f) in %.3f s: %.0f rows/s\n", rows, bytes,
           errors, sum, secs, (double)rows / secs);
    csv_free(c);
    fclose(f);
    return 0;
}
