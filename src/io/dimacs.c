/*
 * dimacs.c - reader and writer for DIMACS minimum-cost flow files (see dimacs.h).
 *
 * The reader works on the whole text in memory, one line at a time, and
 * reports the first problem it meets with its line and column; nothing is
 * returned unless the whole file is valid.
 */
#include "io/dimacs.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

struct lexer {
    const char *name;
    const char *line; /* start of the current line */
    const char *p;    /* current position in it */
    const char *end;  /* end of the current line (before '\n' or "\r\n") */
    long lineno;
    struct err *e;
};

struct token {
    const char *s;
    size_t len;
    long col;
};

/*
 * Sets e to code and "NAME:LINE:COLUMN: message" and evaluates to code. A macro
 * over err_set rather than a va_list wrapper: clang-tidy's va_list checker
 * misfires on such wrappers when it analyses several files in one run.
 */
#define FAIL_AT(lx, code, col, ...)                                                                \
    (err_setf((lx)->e, (code), __VA_ARGS__),                                                       \
     err_prefix((lx)->e, "%s:%ld:%ld", (lx)->name, (lx)->lineno, (long)(col)), (code))

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

/* Next whitespace-separated token of the line; len 0 at the end of the line. */
static struct token next_token(struct lexer *lx)
{
    struct token t;

    while (lx->p < lx->end && is_space(*lx->p))
        lx->p++;
    t.s = lx->p;
    t.col = (long)(lx->p - lx->line) + 1;
    while (lx->p < lx->end && !is_space(*lx->p))
        lx->p++;
    t.len = (size_t)(lx->p - t.s);
    return t;
}

/* A short printable copy of a token for messages. */
static const char *show(const struct token *t, char *out, size_t n)
{
    size_t i, k = 0;

    for (i = 0; i < t->len && k + 4 < n; i++) {
        unsigned char c = (unsigned char)t->s[i];
        out[k++] = c >= 0x20 && c < 0x7f ? (char)c : '?';
    }
    if (i < t->len) {
        out[k++] = '.';
        out[k++] = '.';
        out[k++] = '.';
    }
    out[k] = '\0';
    return out;
}

/* Reads the next token as an int64 in lo..hi; what names the field in messages. */
static int read_int(struct lexer *lx, const char *what, int64_t lo, int64_t hi, int64_t *v,
                    long *col)
{
    struct token t = next_token(lx);
    char shown[40];
    size_t i = 0, k;
    int neg = 0;
    uint64_t x = 0, limit;

    if (t.len == 0)
        return FAIL_AT(lx, SY_EINPUT, t.col, "missing %s", what);
    if (col)
        *col = t.col;
    if (t.s[0] == '-' || t.s[0] == '+') {
        neg = t.s[0] == '-';
        i = 1;
    }
    if (i == t.len)
        return FAIL_AT(lx, SY_EINPUT, t.col, "malformed %s '%s': expected an integer", what,
                       show(&t, shown, sizeof shown));
    for (k = i; k < t.len; k++)
        if (t.s[k] < '0' || t.s[k] > '9')
            return FAIL_AT(lx, SY_EINPUT, t.col, "malformed %s '%s': expected an integer", what,
                           show(&t, shown, sizeof shown));
    limit = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    for (; i < t.len; i++) {
        unsigned d = (unsigned char)t.s[i] - (unsigned)'0';

        if (x > (limit - d) / 10)
            return FAIL_AT(lx, SY_EINPUT, t.col, "%s '%s' does not fit in 64 bits", what,
                           show(&t, shown, sizeof shown));
        x = x * 10 + d;
    }
    *v = neg ? (x == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)x) : (int64_t)x;
    if (*v < lo || *v > hi)
        return FAIL_AT(lx, SY_EINPUT, t.col, "%s %lld out of range %lld..%lld", what, (long long)*v,
                       (long long)lo, (long long)hi);
    return 0;
}

/* Fails unless the rest of the line is blank. */
static int expect_end(struct lexer *lx)
{
    struct token t = next_token(lx);
    char shown[40];

    if (t.len)
        return FAIL_AT(lx, SY_EINPUT, t.col, "unexpected '%s' after the last field",
                       show(&t, shown, sizeof shown));
    return 0;
}

int dimacs_parse(const char *text, size_t len, const char *name, struct mcf **out, struct err *e)
{
    struct lexer lx = {0};
    struct mcf *m = NULL;
    const char *p = text, *stop = text + len;
    unsigned char *seen = NULL;
    int64_t n_nodes = 0, n_arcs = 0, n_read = 0;
    long p_line = 0, p_arcs_col = 0, p_nodes_col = 0;
    int rc = 0;

    *out = NULL;
    lx.name = name;
    lx.e = e;
    while (p < stop) {
        const char *nl = memchr(p, '\n', (size_t)(stop - p));
        struct token t;
        char shown[40];

        lx.lineno++;
        lx.line = lx.p = p;
        lx.end = nl ? nl : stop;
        p = nl ? nl + 1 : stop;
        if (lx.end > lx.line && lx.end[-1] == '\r')
            lx.end--;
        t = next_token(&lx);
        if (t.len == 0)
            continue;
        if (t.len != 1) {
            rc = FAIL_AT(&lx, SY_EINPUT, t.col, "unknown line type '%s' (expected c, p, n or a)",
                         show(&t, shown, sizeof shown));
            goto out;
        }
        switch (t.s[0]) {
        case 'c':
            break;
        case 'p': {
            struct token kind;

            if (seen) {
                rc = FAIL_AT(&lx, SY_EINPUT, t.col,
                             "duplicate problem line (the first is line %ld)", p_line);
                goto out;
            }
            kind = next_token(&lx);
            if (kind.len == 0) {
                rc = FAIL_AT(&lx, SY_EINPUT, kind.col, "missing problem type (expected 'min')");
                goto out;
            }
            if (kind.len != 3 || memcmp(kind.s, "min", 3) != 0) {
                rc = FAIL_AT(&lx, SY_EINPUT, kind.col, "problem type '%s' is not 'min'",
                             show(&kind, shown, sizeof shown));
                goto out;
            }
            rc = read_int(&lx, "node count", 0, INT32_MAX, &n_nodes, &p_nodes_col);
            if (!rc && n_nodes > DIMACS_MAX_NODES)
                rc = FAIL_AT(&lx, SY_ELIMIT, p_nodes_col,
                             "%lld nodes exceed the limit of %d (about %d MB of memory); see "
                             "docs/limits.md",
                             (long long)n_nodes, DIMACS_MAX_NODES,
                             DIMACS_MAX_NODES / 1000000 * DIMACS_NODE_BYTES);
            if (rc)
                goto out;
            rc = read_int(&lx, "arc count", 0, INT32_MAX, &n_arcs, &p_arcs_col);
            if (!rc && n_arcs > DIMACS_MAX_ARCS)
                rc = FAIL_AT(&lx, SY_ELIMIT, p_arcs_col,
                             "%lld arcs exceed the limit of %d; see docs/limits.md",
                             (long long)n_arcs, DIMACS_MAX_ARCS);
            if (rc)
                goto out;
            rc = expect_end(&lx);
            if (rc)
                goto out;
            p_line = lx.lineno;
            /* Trust the announced arc count only as far as the text can hold it. */
            m = mcf_new((int32_t)n_nodes,
                        (int32_t)(n_arcs < (int64_t)(len / 10) ? n_arcs : (int64_t)(len / 10)));
            seen = calloc((size_t)n_nodes / 8 + 1, 1);
            if (!m || !seen) {
                rc = FAIL_AT(&lx, SY_ENOMEM, t.col, "out of memory for %lld nodes",
                             (long long)n_nodes);
                goto out;
            }
            break;
        }
        case 'n': {
            int64_t id, supply;
            long col;

            if (!seen) {
                rc = FAIL_AT(&lx, SY_EINPUT, t.col, "node line before the problem line");
                goto out;
            }
            rc = read_int(&lx, "node id", 1, n_nodes, &id, &col);
            if (rc)
                goto out;
            rc = read_int(&lx, "supply", INT64_MIN, INT64_MAX, &supply, NULL);
            if (rc)
                goto out;
            rc = expect_end(&lx);
            if (rc)
                goto out;
            id--;
            if (seen[id / 8] & (1u << (id % 8))) {
                rc = FAIL_AT(&lx, SY_EINPUT, col, "duplicate node line for node %lld",
                             (long long)id + 1);
                goto out;
            }
            seen[id / 8] |= (unsigned char)(1u << (id % 8));
            mcf_set_supply(m, (int32_t)id, supply);
            break;
        }
        case 'a': {
            int64_t u, v, low, cap, cost;
            long cap_col;
            int32_t a;

            if (!seen) {
                rc = FAIL_AT(&lx, SY_EINPUT, t.col, "arc line before the problem line");
                goto out;
            }
            if (n_read == n_arcs) {
                rc = FAIL_AT(&lx, SY_EINPUT, t.col,
                             "more arc lines than the %lld announced on line %ld",
                             (long long)n_arcs, p_line);
                goto out;
            }
            if ((rc = read_int(&lx, "tail node id", 1, n_nodes, &u, NULL)) ||
                (rc = read_int(&lx, "head node id", 1, n_nodes, &v, NULL)) ||
                (rc = read_int(&lx, "lower bound", INT64_MIN + 1, INT64_MAX - 1, &low, NULL)) ||
                (rc = read_int(&lx, "capacity", INT64_MIN, INT64_MAX, &cap, &cap_col)) ||
                (rc = read_int(&lx, "cost", INT64_MIN, INT64_MAX, &cost, NULL)) ||
                (rc = expect_end(&lx)))
                goto out;
            if (low > cap) {
                rc = FAIL_AT(&lx, SY_EINPUT, cap_col, "capacity %lld is below the lower bound %lld",
                             (long long)cap, (long long)low);
                goto out;
            }
            a = mcf_add_arc(m, (int32_t)(u - 1), (int32_t)(v - 1), low, cap, cost);
            if (a < 0) {
                rc = FAIL_AT(&lx, a, t.col, "cannot add the arc: %s", err_name(a));
                goto out;
            }
            n_read++;
            break;
        }
        default:
            rc = FAIL_AT(&lx, SY_EINPUT, t.col, "unknown line type '%s' (expected c, p, n or a)",
                         show(&t, shown, sizeof shown));
            goto out;
        }
    }
    if (!seen) {
        lx.lineno = lx.lineno > 0 ? lx.lineno : 1;
        rc = FAIL_AT(&lx, SY_EINPUT, 1, "no problem line ('p min NODES ARCS')");
        goto out;
    }
    if (n_read != n_arcs) {
        lx.lineno = p_line;
        rc = FAIL_AT(&lx, SY_EINPUT, p_arcs_col,
                     "the problem line announces %lld arcs but the file has %lld arc lines",
                     (long long)n_arcs, (long long)n_read);
        goto out;
    }
    *out = m;
    m = NULL;
out:
    free(seen);
    mcf_free(m);
    return rc;
}

int dimacs_read(FILE *f, const char *name, struct mcf **out, struct err *e)
{
    struct buf b;
    int rc = 0;

    *out = NULL;
    buf_init(&b, DIMACS_MAX_BYTES);
    for (;;) {
        size_t got;

        rc = buf_grow(&b, 1 << 16);
        if (rc) {
            rc = err_set(e, rc, "%s: %s", name,
                         rc == SY_ELIMIT ? "file larger than 2 GiB" : "out of memory");
            goto out;
        }
        got = fread(b.str + b.len, 1, 1 << 16, f);
        b.len += got;
        if (got < (size_t)1 << 16)
            break;
    }
    if (ferror(f)) {
        rc = err_set(e, SY_EIO, "%s: read error", name);
        goto out;
    }
    rc = dimacs_parse(b.str, b.len, name, out, e);
out:
    buf_release(&b);
    return rc;
}

int dimacs_write_flows(FILE *f, const struct mcf *m, struct err *e)
{
    int32_t a, na = mcf_arc_count(m);

    for (a = 0; a < na; a++) {
        int64_t x = mcf_flow(m, a);

        if (x != 0)
            fprintf(f, "f %d %d %lld\n", mcf_arc_from(m, a) + 1, mcf_arc_to(m, a) + 1,
                    (long long)x);
    }
    if (ferror(f))
        return err_set(e, SY_EIO, "write error");
    return 0;
}

int dimacs_write_solution(FILE *f, const struct mcf *m, struct err *e)
{
    fprintf(f, "s %lld\n", (long long)mcf_cost(m));
    return dimacs_write_flows(f, m, e);
}
