/*
 * csv.c - streaming RFC 4180 reader (the contract is in csv.h).
 *
 * The input is read in 256 KiB chunks into one buffer. A record is scanned in
 * place by a small resumable state machine that only notes where fields start
 * and end; once the whole record is in the buffer it is checked (size, UTF-8)
 * and its fields are cut in place (NUL written over the separator, "" folded).
 * No byte is copied twice and no function is called per byte.
 */
#include "io/csv.h"

#include <errno.h>
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CSV_CHUNK ((size_t)256 << 10)
#define CSV_NAME_MAX 200
/* An over-long record is skipped up to this many times the record limit. */
#define CSV_SKIP_RECORDS 16

enum { S_START, S_UNQUOTED, S_QUOTED, S_QUOTE_SEEN };
enum { F_QUOTED = 1 << 0, F_ESC = 1 << 1 };
enum { X_NONE, X_STRAY, X_AFTER, X_UNTERM, X_RECORD, X_FIELDS };

struct csv {
    FILE *f;
    const char *mem;
    size_t mem_len, mem_pos;
    char *name;
    char *buf;  /* data in buf[0..len), then one sentinel byte '\n' */
    size_t cap; /* usable bytes (the allocation has one more) */
    size_t len;
    size_t pos;     /* start of the next record in buf */
    long long base; /* stream offset of buf[0] */
    int eof, started, dead, sep, had_bom;
    size_t record_max;
    long long input_max;
    long line;                   /* line of the next record */
    unsigned char special[256];  /* ends an unquoted run: sep, '"', CR, LF */
    unsigned char qspecial[256]; /* ends a quoted run: '"', CR, LF */
    size_t fcap;
    const char **fields;
    size_t *lens;
    long *cols;
    size_t *fstart, *fend;
    unsigned char *fflags;
};

/* The scan state of one record; offsets are relative to c->pos. */
struct scan {
    size_t nf;
    long nl;      /* line breaks inside the record so far */
    long long rs; /* stream offset of the record's first byte */
    long long ls; /* stream offset where the current line starts */
    int bad;      /* an error was found: stop storing fields, may discard */
    int what;     /* X_* of the first error */
    long eline, ecol;
    long qline, qcol; /* where the current quoted field opened */
};

#define ABS(c, off) ((c)->base + (long long)(c)->pos + (long long)(off))

static struct csv *csv_new(const char *name, const struct csv_opts *opts)
{
    struct csv *c = calloc(1, sizeof *c);

    if (!c)
        return NULL;
    c->name = strdup(name ? name : "<input>");
    if (!c->name) {
        free(c);
        return NULL;
    }
    c->line = 1;
    c->record_max = CSV_RECORD_MAX;
    c->input_max = CSV_INPUT_MAX;
    if (opts) {
        c->sep = opts->sep;
        if (opts->record_max)
            c->record_max = opts->record_max;
        if (opts->input_max > 0)
            c->input_max = opts->input_max;
    }
    return c;
}

/*
 * Opens a reader over a stream. The stream is borrowed and not closed; name
 * is copied. Returns NULL only when out of memory.
 */
struct csv *csv_new_file(FILE *f, const char *name, const struct csv_opts *opts)
{
    struct csv *c = csv_new(name, opts);

    if (c)
        c->f = f;
    return c;
}

/*
 * Opens a reader over memory (borrowed; it must outlive the reader). The data
 * is copied chunk by chunk into the reader's buffer, so it is never written.
 */
struct csv *csv_new_mem(const char *data, size_t len, const char *name, const struct csv_opts *opts)
{
    struct csv *c = csv_new(name, opts);

    if (c) {
        c->mem = data ? data : "";
        c->mem_len = data ? len : 0;
    }
    return c;
}

void csv_free(struct csv *c)
{
    if (!c)
        return;
    free(c->name);
    free(c->buf);
    free(c->fields);
    free(c->lens);
    free(c->cols);
    free(c->fstart);
    free(c->fend);
    free(c->fflags);
    free(c);
}

int csv_sep(const struct csv *c)
{
    return c->started ? c->sep : 0;
}

int csv_had_bom(const struct csv *c)
{
    return c->had_bom;
}

long csv_line(const struct csv *c)
{
    return c->line;
}

/*
 * Moves the unread data [pos, len) to the front and reads one more chunk
 * behind it, growing the buffer when less than a chunk is free. Sets eof on a
 * short read. Every offset relative to c->pos stays valid.
 */
static int csv_fill(struct csv *c, struct err *e)
{
    size_t got;

    if (c->pos > 0) {
        memmove(c->buf, c->buf + c->pos, c->len - c->pos);
        c->base += (long long)c->pos;
        c->len -= c->pos;
        c->pos = 0;
    }
    if (c->cap - c->len < CSV_CHUNK) {
        size_t ncap = c->cap ? c->cap : CSV_CHUNK;
        char *nb;

        while (ncap - c->len < CSV_CHUNK)
            ncap *= 2;
        nb = realloc(c->buf, ncap + 1);
        if (!nb)
            return err_set(e, SY_ENOMEM, "%s: out of memory reading the file; free some memory",
                           c->name);
        c->buf = nb;
        c->cap = ncap;
    }
    if (c->f) {
        got = fread(c->buf + c->len, 1, CSV_CHUNK, c->f);
        if (got < CSV_CHUNK) {
            if (ferror(c->f))
                return err_set(e, SY_EIO,
                               "%s:%ld:1: read error: %s; check that the file is readable", c->name,
                               c->line, strerror(errno));
            c->eof = 1;
        }
    } else {
        got = c->mem_len - c->mem_pos;
        if (got > CSV_CHUNK)
            got = CSV_CHUNK;
        memcpy(c->buf + c->len, c->mem + c->mem_pos, got);
        c->mem_pos += got;
        if (c->mem_pos == c->mem_len)
            c->eof = 1;
    }
    c->len += got;
    c->buf[c->len] = '\n'; /* sentinel: stops the inner loops without a bound check */
    if (c->base + (long long)c->len > c->input_max)
        return err_set(e, SY_ELIMIT,
                       "%s:%ld:1: the file is larger than %lld bytes: stopped reading here; "
                       "split it or check that it is the right file (docs/limits.md)",
                       c->name, c->line, c->input_max);
    return 0;
}

/* First call: first chunk, BOM, separator detection on the first non-empty line. */
static int csv_start(struct csv *c, struct err *e)
{
    const unsigned char *p, *end;
    size_t commas = 0, semis = 0;
    int inq = 0, rc;

    rc = csv_fill(c, e);
    if (rc)
        return rc;
    if (c->len >= 3 && memcmp(c->buf, "\xEF\xBB\xBF", 3) == 0) {
        c->had_bom = 1;
        c->pos = 3;
    }
    if (!c->sep) {
        /* Only the first chunk is looked at: a header line is far shorter. */
        p = (const unsigned char *)c->buf + c->pos;
        end = (const unsigned char *)c->buf + c->len;
        while (p < end && (*p == '\r' || *p == '\n'))
            p++;
        for (; p < end; p++) {
            if (*p == '"')
                inq = !inq;
            else if (inq)
                continue;
            else if (*p == ',')
                commas++;
            else if (*p == ';')
                semis++;
            else if (*p == '\r' || *p == '\n')
                break;
        }
        c->sep = semis > commas ? ';' : ',';
    }
    memset(c->special, 0, sizeof c->special);
    memset(c->qspecial, 0, sizeof c->qspecial);
    c->special[(unsigned char)c->sep] = 1;
    c->special['"'] = c->special['\r'] = c->special['\n'] = 1;
    c->qspecial['"'] = c->qspecial['\r'] = c->qspecial['\n'] = 1;
    c->started = 1;
    return 0;
}

/*
 * Returns the offset of the first byte that is not valid UTF-8 (or is NUL) in
 * s[0..n), or n if all is well. Rejects overlong forms, surrogates and code
 * points above U+10FFFF. ASCII goes eight bytes at a time.
 */
static size_t utf8_check(const unsigned char *s, size_t n)
{
    const uint64_t hi = 0x8080808080808080ull, lo = 0x0101010101010101ull;
    size_t i = 0, k;
    unsigned ch, c1;

    while (i < n) {
        if (n - i >= 8) {
            uint64_t w;

            memcpy(&w, s + i, 8);
            if (!(w & hi) && !((w - lo) & ~w & hi)) {
                i += 8;
                continue;
            }
        }
        ch = s[i];
        if (ch < 0x80) {
            if (ch == 0)
                return i;
            i++;
            continue;
        }
        if (ch >= 0xC2 && ch <= 0xDF)
            k = 1;
        else if (ch >= 0xE0 && ch <= 0xEF)
            k = 2;
        else if (ch >= 0xF0 && ch <= 0xF4)
            k = 3;
        else
            return i;
        if (n - i <= k)
            return i;
        c1 = s[i + 1];
        if ((ch == 0xE0 && c1 < 0xA0) || (ch == 0xED && c1 > 0x9F) || (ch == 0xF0 && c1 < 0x90) ||
            (ch == 0xF4 && c1 > 0x8F))
            return i;
        for (size_t j = 1; j <= k; j++)
            if ((s[i + j] & 0xC0) != 0x80)
                return i;
        i += k + 1;
    }
    return n;
}

/* Notes the first error of a record and where it is. */
static void scan_fail(struct scan *s, int what, long line, long col)
{
    if (!s->bad) {
        s->what = what;
        s->eline = line;
        s->ecol = col;
    }
    s->bad = 1;
}

static int fields_grow(struct csv *c)
{
    size_t ncap = c->fcap ? c->fcap * 2 : 32;
    void *p;

    if (ncap > CSV_FIELDS_MAX)
        ncap = CSV_FIELDS_MAX;
#define GROW(arr)                                                                                  \
    do {                                                                                           \
        p = realloc((void *)(arr), ncap * sizeof *(arr));                                          \
        if (!p)                                                                                    \
            return SY_ENOMEM;                                                                      \
        (arr) = p;                                                                                 \
    } while (0)
    GROW(c->fields);
    GROW(c->lens);
    GROW(c->cols);
    GROW(c->fstart);
    GROW(c->fend);
    GROW(c->fflags);
#undef GROW
    c->fcap = ncap;
    return 0;
}

/* Notes a field [fs, fe) (quoted fields: the content between the quotes) at column col. */
static int field_add(struct csv *c, struct scan *s, size_t fs, size_t fe, int flags, long col)
{
    if (s->bad)
        return 0;
    if (s->nf == CSV_FIELDS_MAX) {
        scan_fail(s, X_FIELDS, c->line + s->nl, col);
        return 0;
    }
    if (s->nf == c->fcap && fields_grow(c))
        return SY_ENOMEM;
    c->fstart[s->nf] = fs;
    c->fend[s->nf] = fe;
    c->fflags[s->nf] = (unsigned char)flags;
    c->cols[s->nf] = col;
    s->nf++;
    return 0;
}

static int scan_error(const struct csv *c, const struct scan *s, struct err *e)
{
    switch (s->what) {
    case X_STRAY:
        return err_set(e, SY_EINPUT,
                       "%s:%ld:%ld: quote inside an unquoted field; quote the whole field and "
                       "double the quote",
                       c->name, s->eline, s->ecol);
    case X_AFTER:
        return err_set(e, SY_EINPUT,
                       "%s:%ld:%ld: text after a closing quote; put the separator right after "
                       "the quote, or quote the whole field and double the quotes inside it",
                       c->name, s->eline, s->ecol);
    case X_UNTERM:
        return err_set(e, SY_EINPUT,
                       "%s:%ld:%ld: quoted field never closed; add the closing quote (and double "
                       "any quote inside the field)",
                       c->name, s->eline, s->ecol);
    case X_RECORD:
        return err_set(e, SY_ELIMIT,
                       "%s:%ld:%ld: record longer than %zu bytes; shorten it, or look for a quote "
                       "that is never closed",
                       c->name, s->eline, s->ecol, c->record_max);
    default:
        return err_set(e, SY_ELIMIT,
                       "%s:%ld:%ld: more than %d fields in a record; remove the extra columns",
                       c->name, s->eline, s->ecol, CSV_FIELDS_MAX);
    }
}

/* Locates byte i of the record at b (line breaks: LF, CRLF, lone CR). */
static void locate(const struct csv *c, const char *b, size_t i, long *line, long *col)
{
    size_t ls = 0;
    long nl = 0;

    for (size_t j = 0; j < i; j++) {
        if (b[j] == '\n' || (b[j] == '\r' && b[j + 1] != '\n')) {
            nl++;
            ls = j + 1;
        }
    }
    *line = c->line + nl;
    *col = (long)(i - ls) + 1;
}

/* Cuts the fields of a complete record in place and points r at them. */
static void record_cut(struct csv *c, struct csv_record *r, char *b, size_t nf)
{
    for (size_t i = 0; i < nf; i++) {
        char *f = b + c->fstart[i];
        size_t len = c->fend[i] - c->fstart[i];

        if (c->fflags[i] & F_ESC) {
            size_t k = 0;

            for (size_t j = 0; j < len; j++) {
                f[k++] = f[j];
                if (f[j] == '"')
                    j++; /* the second quote of "" */
            }
            len = k;
        }
        f[len] = '\0';
        c->fields[i] = f;
        c->lens[i] = len;
    }
    r->n = nf;
    r->flags = c->fflags;
    r->fields = c->fields;
    r->lens = c->lens;
    r->cols = c->cols;
}

/*
 * Reads the next record. The buffer is refilled whenever the scan runs out of
 * data; once an error is seen the consumed bytes are dropped at each refill,
 * which is how an over-long record is skipped in constant memory.
 */
int csv_next(struct csv *c, struct csv_record *r, struct err *e)
{
    struct scan s;
    size_t off = 0, n = 0, fs = 0, term = 0;
    long fcol = 1;
    int st = S_START, flags = 0, rc;
    unsigned char ch;
    char *b;

    if (c->dead)
        return 0;
    if (!c->started) {
        rc = csv_start(c, e);
        if (rc) {
            c->dead = 1;
            return rc;
        }
    }
    memset(&s, 0, sizeof s);
    s.rs = s.ls = ABS(c, 0);

again:
    b = c->buf + c->pos;
    n = c->len - c->pos;
    while (off < n) {
        switch (st) {
        case S_START:
            fs = off;
            fcol = (long)(ABS(c, off) - s.ls) + 1;
            if (b[off] == '"') {
                flags = F_QUOTED;
                s.qline = c->line + s.nl;
                s.qcol = fcol;
                off++;
                st = S_QUOTED;
                break;
            }
            flags = 0;
            st = S_UNQUOTED;
            /* fall through */
        case S_UNQUOTED:
            while (!c->special[(unsigned char)b[off]])
                off++;
            if (off >= n)
                goto more; /* the sentinel */
            ch = (unsigned char)b[off];
            if (ch == c->sep) {
                if (field_add(c, &s, fs, off, flags, fcol))
                    goto oom;
                off++;
                st = S_START;
                break;
            }
            if (ch == '"') {
                scan_fail(&s, X_STRAY, c->line + s.nl, (long)(ABS(c, off) - s.ls) + 1);
                off++;
                break;
            }
            if (ch == '\r' && off + 1 >= n && !c->eof)
                goto more; /* is it CRLF? */
            if (s.nf == 0 && off == fs && !s.bad) {
                /* An empty line: skip it and start over. */
                off += (ch == '\r' && off + 1 < n && b[off + 1] == '\n') ? 2 : 1;
                c->pos += off;
                c->line++;
                off = 0;
                s.rs = s.ls = ABS(c, 0);
                st = S_START;
                goto again;
            }
            if (field_add(c, &s, fs, off, flags, fcol))
                goto oom;
            goto eol;
        case S_QUOTED:
            while (!c->qspecial[(unsigned char)b[off]])
                off++;
            if (off >= n)
                goto more;
            ch = (unsigned char)b[off];
            if (ch == '"') {
                off++;
                st = S_QUOTE_SEEN;
                break;
            }
            if (ch == '\r') {
                if (off + 1 >= n && !c->eof)
                    goto more;
                if (off + 1 < n && b[off + 1] == '\n') {
                    off++; /* CRLF counts once, at the LF */
                    break;
                }
            }
            s.nl++;
            off++;
            s.ls = ABS(c, off);
            break;
        case S_QUOTE_SEEN:
            ch = (unsigned char)b[off];
            if (ch == '"') {
                flags |= F_ESC;
                off++;
                st = S_QUOTED;
                break;
            }
            if (ch == c->sep) {
                if (field_add(c, &s, fs + 1, off - 1, flags, fcol))
                    goto oom;
                off++;
                st = S_START;
                break;
            }
            if (ch == '\r' || ch == '\n') {
                if (ch == '\r' && off + 1 >= n && !c->eof)
                    goto more;
                if (field_add(c, &s, fs + 1, off - 1, flags, fcol))
                    goto oom;
                goto eol;
            }
            scan_fail(&s, X_AFTER, c->line + s.nl, (long)(ABS(c, off) - s.ls) + 1);
            st = S_UNQUOTED;
            break;
        }
    }

more:
    if (!c->eof) {
        if (!s.bad && (size_t)(ABS(c, off) - s.rs) > c->record_max)
            scan_fail(&s, X_RECORD, c->line, 1);
        if (s.bad && s.what == X_RECORD &&
            (size_t)(ABS(c, off) - s.rs) / CSV_SKIP_RECORDS > c->record_max) {
            /* No end in sight (/dev/zero, a binary file): stop here. */
            c->dead = 1;
            return err_set(e, SY_ELIMIT,
                           "%s:%ld:1: a record longer than %zu bytes with no end after %lld "
                           "bytes: stopped reading; is it a CSV file? (docs/limits.md)",
                           c->name, c->line, c->record_max, ABS(c, off) - s.rs);
        }
        if (s.bad) {
            /* Nothing before off is needed any more: drop it. */
            c->pos += off;
            off = 0;
            fs = 0;
        }
        rc = csv_fill(c, e);
        if (rc) {
            c->dead = 1;
            return rc;
        }
        goto again;
    }

    /* End of input. */
    switch (st) {
    case S_START:
        if (s.nf == 0 && !s.bad)
            return 0;
        if (field_add(c, &s, n, n, 0,
                      (long)(ABS(c, n) - s.ls) + 1)) /* "a,<EOF>": an empty last field */
            goto oom;
        break;
    case S_UNQUOTED:
        if (field_add(c, &s, fs, n, flags, fcol))
            goto oom;
        break;
    case S_QUOTED:
        s.bad = 0;
        scan_fail(&s, X_UNTERM, s.qline, s.qcol);
        c->pos = c->len;
        c->dead = 1;
        return scan_error(c, &s, e);
    case S_QUOTE_SEEN:
        if (field_add(c, &s, fs + 1, n - 1, flags, fcol))
            goto oom;
        break;
    }
    term = off = n;
    goto done;

eol:
    term = off;
    off += (b[off] == '\r' && off + 1 < n && b[off + 1] == '\n') ? 2 : 1;
    s.nl++;

done:
    if (!s.bad && (size_t)(ABS(c, term) - s.rs) > c->record_max)
        scan_fail(&s, X_RECORD, c->line, 1);
    if (s.bad) {
        c->pos += off;
        c->line += s.nl;
        return scan_error(c, &s, e);
    }
    {
        size_t bad = utf8_check((const unsigned char *)b, term);

        if (bad < term) {
            long line, col;
            unsigned byte = (unsigned char)b[bad];

            locate(c, b, bad, &line, &col);
            c->pos += off;
            c->line += s.nl;
            if (byte == 0)
                return err_set(e, SY_EINPUT,
                               "%s:%ld:%ld: NUL byte; the file is binary or UTF-16, not text: "
                               "save it as \"CSV UTF-8\"",
                               c->name, line, col);
            return err_set(e, SY_EINPUT,
                           "%s:%ld:%ld: invalid UTF-8 (byte 0x%02X); the file is probably in "
                           "Latin-1 or Windows-1252: save it as \"CSV UTF-8\" or convert it with "
                           "iconv -f WINDOWS-1252 -t UTF-8",
                           c->name, line, col, byte);
        }
    }
    record_cut(c, r, b, s.nf);
    r->line = c->line;
    c->pos += off;
    c->line += s.nl;
    return 1;

oom:
    return err_set(e, SY_ENOMEM, "%s: out of memory reading the file; free some memory", c->name);
}

/* Appends the bytes of a digit group, or fails when out of room. */
static int num_digits(const char **sp, char *out, size_t *k, size_t n, size_t *ndig)
{
    const char *s = *sp;

    *ndig = 0;
    while (*s >= '0' && *s <= '9') {
        if (*k + 2 >= n)
            return SY_EINPUT;
        out[(*k)++] = *s++;
        (*ndig)++;
    }
    *sp = s;
    return 0;
}

/* Length of a thousands separator at s: space, U+00A0 or U+202F; 0 if none. */
static size_t num_thousands(const char *s)
{
    if (s[0] == ' ')
        return 1;
    if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
        return 2;
    if ((unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0xAF)
        return 3;
    return 0;
}

/*
 * Parses "[+-]D[ DDD]*[(.|,)D+]" with ASCII spaces around it. Thousands groups
 * must be exactly three digits, the first one to three; one decimal mark at
 * most, with digits on both sides. The result does not depend on the C locale.
 */
int csv_parse_number(const char *s, double *out)
{
    char tmp[128];
    size_t k = 0, nd, sl;
    const char *dp;
    char *end;
    double v;

    if (!s)
        return SY_EINPUT;
    while (*s == ' ' || *s == '\t')
        s++;
    if (*s == '+' || *s == '-') {
        if (*s == '-')
            tmp[k++] = '-';
        s++;
    }
    if (num_digits(&s, tmp, &k, sizeof tmp, &nd) || nd == 0)
        return SY_EINPUT;
    if (num_thousands(s) && s[num_thousands(s)] >= '0' && s[num_thousands(s)] <= '9') {
        if (nd > 3)
            return SY_EINPUT;
        while ((sl = num_thousands(s)) != 0 && s[sl] >= '0' && s[sl] <= '9') {
            s += sl;
            if (num_digits(&s, tmp, &k, sizeof tmp, &nd) || nd != 3)
                return SY_EINPUT;
        }
    }
    if (*s == '.' || *s == ',') {
        s++;
        /* The C locale's mark is '.', but a program may have called setlocale. */
        dp = localeconv()->decimal_point;
        sl = strlen(dp);
        if (sl == 0 || k + sl >= sizeof tmp)
            return SY_EINPUT;
        memcpy(tmp + k, dp, sl);
        k += sl;
        if (num_digits(&s, tmp, &k, sizeof tmp, &nd) || nd == 0)
            return SY_EINPUT;
    }
    while (*s == ' ' || *s == '\t')
        s++;
    if (*s)
        return SY_EINPUT;
    tmp[k] = '\0';
    errno = 0;
    v = strtod(tmp, &end);
    if (*end || errno == ERANGE)
        return SY_EINPUT;
    *out = v;
    return 0;
}
