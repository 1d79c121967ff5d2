/*
 * buf.c - growable NUL-terminated buffer with a hard maximum size.
 */
#include "util/buf.h"
#include "util/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char buf_empty[1];

void buf_init(struct buf *b, size_t max)
{
    b->str = buf_empty;
    b->len = 0;
    b->cap = 0;
    b->max = max ? max : BUF_MAX_DEFAULT;
}

void buf_release(struct buf *b)
{
    if (b->cap)
        free(b->str);
    b->str = buf_empty;
    b->len = 0;
    b->cap = 0;
}

int buf_grow(struct buf *b, size_t extra)
{
    size_t need, ncap;
    char *p;

    if (extra > b->max || b->len > b->max - extra)
        return SY_ELIMIT;
    need = b->len + extra + 1;
    if (need <= b->cap)
        return SY_OK;
    ncap = b->cap ? b->cap : 64;
    while (ncap < need)
        ncap = ncap < ((size_t)1 << 40) ? ncap * 2 : need;
    p = b->cap ? realloc(b->str, ncap) : malloc(ncap);
    if (!p)
        return SY_ENOMEM;
    if (!b->cap)
        p[0] = '\0';
    b->str = p;
    b->cap = ncap;
    return SY_OK;
}

int buf_add(struct buf *b, const void *data, size_t len)
{
    int rc = buf_grow(b, len);

    if (rc)
        return rc;
    if (len)
        memcpy(b->str + b->len, data, len);
    b->len += len;
    b->str[b->len] = '\0';
    return SY_OK;
}

int buf_adds(struct buf *b, const char *str)
{
    return buf_add(b, str, strlen(str));
}

int buf_addch(struct buf *b, int c)
{
    char ch = (char)c;

    return buf_add(b, &ch, 1);
}

int buf_addf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    int n, rc;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return SY_EINPUT;
    rc = buf_grow(b, (size_t)n);
    if (rc)
        return rc;
    va_start(ap, fmt);
    vsnprintf(b->str + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return SY_OK;
}

void buf_reset(struct buf *b)
{
    buf_truncate(b, 0);
}

void buf_truncate(struct buf *b, size_t len)
{
    if (len >= b->len)
        return;
    b->len = len;
    b->str[len] = '\0';
}

char *buf_detach(struct buf *b, size_t *len)
{
    char *s;

    if (!b->cap && buf_grow(b, 0))
        return NULL;
    if (!b->cap) {
        s = malloc(1);
        if (!s)
            return NULL;
        s[0] = '\0';
    } else {
        s = b->str;
    }
    if (len)
        *len = b->len;
    b->str = buf_empty;
    b->len = 0;
    b->cap = 0;
    return s;
}
