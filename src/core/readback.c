/*
 * readback.c - short candidate keys and candidate look-up (readback.h).
 */
#include "core/readback.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/i18n.h"
#include "util/strmap.h"

struct find {
    const char *given;
    int is_short;
    struct candidate *out;
    int found;        /* distinct keys matched */
    char others[512]; /* their keys, for the ambiguity message */
};

static int find_one(void *ctx, const struct candidate *c)
{
    struct find *f = ctx;
    char sk[CAND_SHORT_LEN + 1];

    if (f->is_short) {
        cand_short_key(c->key, sk);
        if (strcasecmp(sk, f->given) != 0)
            return 0;
    } else if (strcmp(c->key, f->given) != 0) {
        return 0;
    }
    if (f->found && strcmp(f->out->key, c->key) == 0)
        return 0; /* the same key stored for two runs */
    if (f->found) {
        size_t o = strlen(f->others);

        snprintf(f->others + o, sizeof f->others - o, "%s'%s'", o ? ", " : "", c->key);
    } else {
        *f->out = *c;
        snprintf(f->others, sizeof f->others, "'%s'", c->key);
    }
    f->found++;
    return 0;
}

int cand_find(struct store *s, const char *given, struct candidate *out, struct err *e)
{
    struct cand_filter cf = {.territory = NULL, .kind = -1, .include_rejected = 1};
    struct find f;
    int rc;

    memset(&f, 0, sizeof f);
    f.given = given;
    f.out = out;
    f.is_short = strlen(given) == CAND_SHORT_LEN &&
                 strspn(given, "0123456789abcdefABCDEF") == CAND_SHORT_LEN;
    rc = store_cand_list(s, &cf, find_one, &f, e);
    if (rc)
        return rc;
    if (!f.found && f.is_short) { /* a full key could look like a short one */
        f.is_short = 0;
        rc = store_cand_list(s, &cf, find_one, &f, e);
        if (rc)
            return rc;
    }
    if (!f.found)
        return err_set(e, SY_ENOTFOUND,
                       _("no candidate with key '%s'; run 'symbiose match' first (the key and "
                         "short_key columns list them)"),
                       given);
    if (f.found > 1)
        return err_set(e, SY_EINPUT,
                       _("short key '%s' names %d candidates (%s); give the full key, quoted"),
                       given, f.found, f.others);
    return SY_OK;
}
