/*
 * num.c - shortest plain-notation numbers (num.h).
 */
#include "util/num.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *num_format(double v, char *out, size_t n)
{
    if (!n)
        return out;
    out[0] = '\0';
    if (!isfinite(v))
        return out;
    if (v == 0) {
        snprintf(out, n, "0");
        return out;
    }
    /* Fixed notation with 0, 1, 2... decimals until it reads back: the
     * first that does is the shortest (digits before the point are fixed). */
    for (int d = 0; d <= 340; d++) {
        int len = snprintf(out, n, "%.*f", d, v);

        if (len < 0 || (size_t)len >= n)
            break;
        if (strtod(out, NULL) == v)
            return out;
    }
    snprintf(out, n, "%.17g", v); /* n too small for plain notation: exact, with exponent */
    return out;
}
