/*
 * vec.h - growing a plain array (pointer, count, capacity) by doubling.
 */
#ifndef SY_VEC_H
#define SY_VEC_H

#include <stddef.h>

/* Makes room for at least need elements of elem bytes in *v (capacity *cap),
 * doubling from 16. 0, or SY_ENOMEM (the array is left as it was) or
 * SY_ELIMIT past max elements (0 = no limit). */
int vec_reserve(void **v, size_t *cap, size_t need, size_t elem, size_t max);

#endif
