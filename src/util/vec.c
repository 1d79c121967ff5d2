/*
 * vec.c - growing a plain array by doubling (vec.h).
 */
#include "util/vec.h"

#include <stdint.h>
#include <stdlib.h>

#include "util/err.h"

int vec_reserve(void **v, size_t *cap, size_t need, size_t elem, size_t max)
{
    size_t n = *cap ? *cap : 16;
    void *p;

    if (need <= *cap)
        return SY_OK;
    if (max && need > max)
        return SY_ELIMIT;
    while (n < need)
        n *= 2;
    if (max && n > max)
        n = max;
    if (n > SIZE_MAX / elem)
        return SY_ENOMEM;
    p = realloc(*v, n * elem);
    if (!p)
        return SY_ENOMEM;
    *v = p;
    *cap = n;
    return SY_OK;
}
