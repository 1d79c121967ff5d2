/*
 * buf.h - a growable byte buffer, after git's strbuf and curl's dynbuf.
 *
 * Invariants: b->str is never NULL and always NUL-terminated (an empty buffer
 * points at a shared static ""); len <= cap; len never exceeds max, the limit
 * set at buf_init (0 means BUF_MAX_DEFAULT). Appending past max fails with
 * SY_ELIMIT and leaves the buffer unchanged.
 */
#ifndef SY_BUF_H
#define SY_BUF_H

#include <stddef.h>

#define BUF_MAX_DEFAULT ((size_t)64 << 20) /* 64 MiB */

struct buf {
    char *str;
    size_t len;
    size_t cap; /* 0 while str points at the static empty string */
    size_t max;
};

extern char buf_empty[1];
#define BUF_INIT                                                                                   \
    {                                                                                              \
        buf_empty, 0, 0, BUF_MAX_DEFAULT                                                           \
    }

void buf_init(struct buf *b, size_t max);
/* Frees the contents; b is left empty and reusable. */
void buf_release(struct buf *b);
/* Makes room for extra more bytes (plus the NUL). SY_ENOMEM or SY_ELIMIT. */
int buf_grow(struct buf *b, size_t extra);
int buf_add(struct buf *b, const void *data, size_t len);
int buf_adds(struct buf *b, const char *str);
int buf_addch(struct buf *b, int c);
int buf_addf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Empties the buffer, keeping its memory. */
void buf_reset(struct buf *b);
void buf_truncate(struct buf *b, size_t len);
/* Hands the string to the caller (free() it); b is left empty. Never NULL on success. */
char *buf_detach(struct buf *b, size_t *len);

#endif
