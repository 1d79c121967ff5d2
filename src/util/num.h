/*
 * num.h - numbers written for people and spreadsheets: in full, never with
 * an exponent, and with as few digits as read back to the same double
 * (1200000, 1234567, 123456.7, 0.1). A CSV listing re-imports exactly.
 */
#ifndef SY_NUM_H
#define SY_NUM_H

#include <stddef.h>

#define NUM_STR_MAX 352 /* enough for any finite double in plain notation */

/* Writes v into out (size n, at least 32): plain decimal notation, '.' as
 * the decimal mark, the shortest that strtod reads back as v when n allows
 * it. Non-finite values give "". Returns out. */
char *num_format(double v, char *out, size_t n);

#endif
