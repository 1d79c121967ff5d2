/*
 * err.c - error context: formatted messages and the code-to-exit-status map.
 */
#include "util/err.h"
#include "util/i18n.h"

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
        return N_("ok");
    case SY_EUSAGE:
        return N_("usage error");
    case SY_EINPUT:
        return N_("invalid input");
    case SY_ESTORE:
        return N_("storage error");
    case SY_ENOMEM:
        return N_("out of memory");
    case SY_EIO:
        return N_("I/O error");
    case SY_ELIMIT:
        return N_("limit exceeded");
    case SY_EINFEASIBLE:
        return N_("infeasible");
    case SY_EUNBOUNDED:
        return N_("unbounded");
    case SY_EOVERFLOW:
        return N_("overflow");
    case SY_ENOTFOUND:
        return N_("not found");
    case SY_ECANCELLED:
        return N_("cancelled");
    default:
        return N_("error");
    }
}
