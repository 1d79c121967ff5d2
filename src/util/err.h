/*
 * err.h - error codes and the error context every library call fills.
 *
 * Library functions return 0 on success or a negative SY_E* code, and write a
 * message a person can act on into a struct err they were given (may be NULL).
 * The library never prints or exits: main.c turns the code into an exit status.
 */
#ifndef SY_ERR_H
#define SY_ERR_H

#include <stddef.h>

enum sy_code {
    SY_OK = 0,
    SY_EUSAGE = -1,      /* bad command line or API misuse: exit status 1 */
    SY_EINPUT = -2,      /* invalid input data: exit status 2 */
    SY_ESTORE = -3,      /* database error: exit status 3 */
    SY_ENOMEM = -4,      /* out of memory: exit status 3 */
    SY_EIO = -5,         /* file or network I/O: exit status 3 */
    SY_ELIMIT = -6,      /* a size limit was exceeded: exit status 2 */
    SY_EINFEASIBLE = -7, /* optimisation problem has no feasible solution: exit 2 */
    SY_EUNBOUNDED = -8,  /* optimisation problem is unbounded: exit 2 */
    SY_EOVERFLOW = -9,   /* 64-bit arithmetic would overflow: exit 2 */
    SY_ENOTFOUND = -10,  /* a named object does not exist: exit 2 */
    SY_ECANCELLED = -11  /* stopped on request (a cancelled run): exit 3 */
};

#define SY_ERR_MSG_MAX 1024

struct err {
    int code;
    char msg[SY_ERR_MSG_MAX];
};

/* Sets e (if not NULL) to code and a printf-style message; returns code.
 * err_set goes through an inline function so that callers, and static
 * analysers, see the code it returns without looking into err.c. */
int err_setf(struct err *e, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static inline int err_code_(int code, int set)
{
    (void)set;
    return code;
}
#define err_set(e, code, ...) err_code_((code), err_setf((e), (code), __VA_ARGS__))

/* Prefixes the existing message with a printf-style context ("while ...: "). */
int err_prefix(struct err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Clears e to SY_OK with an empty message. */
void err_clear(struct err *e);

/* The process exit status documented in symbiose(1) for a code. */
int err_exit_status(int code);

/* A short English name of a code ("invalid input"). Borrowed, static. */
const char *err_name(int code);

#endif
