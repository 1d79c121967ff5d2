/*
 * fuzz_csv.c - libFuzzer harness for the CSV reader (src/io/csv.c) and the
 * number parser: reads every record of the input, with a small record limit
 * so that the over-long record path is reached, and checks the reader's
 * contract on each record.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct csv_opts o = {0, 4096};
    struct csv *c;
    struct csv_record r;
    struct err e;
    int rc, n = 0;

    if (size > 0)
        o.sep = data[0] == ';' ? ';' : 0;
    c = csv_new_mem((const char *)data, size, "fuzz.csv", &o);
    if (!c)
        return 0;
    while (n++ < 100000) {
        err_clear(&e);
        rc = csv_next(c, &r, &e);
        if (rc == 0)
            break;
        if (rc < 0) {
            /* Every error is located and says what to do. */
            if (strncmp(e.msg, "fuzz.csv", 8) != 0 || rc == SY_ENOMEM)
                abort();
            continue;
        }
        if (r.n == 0 || r.n > CSV_FIELDS_MAX || r.line < 1)
            abort();
        for (size_t i = 0; i < r.n; i++) {
            double v;

            if (strlen(r.fields[i]) != r.lens[i] || r.cols[i] < 1)
                abort();
            (void)csv_parse_number(r.fields[i], &v);
        }
    }
    csv_free(c);
    return 0;
}
