/*
 * err.c - error context: formatted messages and the code-to-exit-status map.
 */
#include "util/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int err_setf(struct err *e, int code, const char *fmt, ...)
{
    va_list ap;

    if (!e)
        return code;
    e->code = code;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    return code;
}

int err_prefix(struct err *e, const char *fmt, ...)
{
    char head[SY_ERR_MSG_MAX];
    size_t hlen, mlen;
    va_list ap;

    if (!e)
        return SY_OK;
    va_start(ap, fmt);
    vsnprintf(head, sizeof head - 2, fmt, ap);
    va_end(ap);
    strcat(head, ": ");
    hlen = strlen(head);
    mlen = strlen(e->msg);
    if (hlen + mlen >= sizeof e->msg)
        mlen = sizeof e->msg - 1 - hlen;
    memmove(e->msg + hlen, e->msg, mlen);
    memcpy(e->msg, head, hlen);
    e->msg[hlen + mlen] = '\0';
    return e->code;
}

void err_clear(struct err *e)
{
    if (!e)
        return;
    e->code = SY_OK;
    e->msg[0] = '\0';
}

int err_exit_status(int code)
{
    switch (code) {
    case SY_OK:
        return 0;
    case SY_EUSAGE:
        return 1;
    case SY_EINPUT:
    case SY_ELIMIT:
    case SY_EINFEASIBLE:
    case SY_EUNBOUNDED:
    case SY_EOVERFLOW:
    case SY_ENOTFOUND:
        return 2;
    default:
        return 3;
    }
}

const char *err_name(int code)
{
    switch (code) {
    case SY_OK:
        return "ok";
    case SY_EUSAGE:
        return "usage error";
    case SY_EINPUT:
        return "invalid input";
    case SY_ESTORE:
        return "storage error";
    case SY_ENOMEM:
        return "out of memory";
    case SY_EIO:
        return "I/O error";
    case SY_ELIMIT:
        return "limit exceeded";
    case SY_EINFEASIBLE:
        return "infeasible";
    case SY_EUNBOUNDED:
        return "unbounded";
    case SY_EOVERFLOW:
        return "overflow";
    case SY_ENOTFOUND:
        return "not found";
    case SY_ECANCELLED:
        return "cancelled";
    default:
        return "error";
    }
}
