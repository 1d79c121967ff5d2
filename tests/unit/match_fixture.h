/*
 * match_fixture.h - shared by test_kb.c and test_engine.c: loads a knowledge
 * base from a folder (tests/data/match or data/) into a struct kb.
 */
#ifndef SY_TEST_MATCH_FIXTURE_H
#define SY_TEST_MATCH_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>

#include "match/kb.h"

static char *fixture_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *s;
    long n;

    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    s = malloc((size_t)n + 1);
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
        free(s);
        s = NULL;
    }
    fclose(f);
    if (s)
        s[n] = 0;
    *len = (size_t)n;
    return s;
}

/* Returns a finished kb from dir, or NULL (message in e). */
static struct kb *fixture_kb(const char *dir, struct err *e)
{
    struct kb *kb = NULL;
    char path[512];

    if (kb_new(&kb, e))
        return NULL;
    for (int k = 0; k < KB_NFILES; k++) {
        size_t len;
        char *data;
        int rc;
        snprintf(path, sizeof path, "%s/%s", dir, kb_file_name((enum kb_file)k));
        data = fixture_read(path, &len);
        if (!data && kb_file_optional((enum kb_file)k))
            continue;
        if (!data) {
            err_set(e, SY_EIO, "%s: cannot read", path);
            kb_free(kb);
            return NULL;
        }
        rc = kb_load(kb, (enum kb_file)k, path, data, len, e);
        free(data);
        if (rc) {
            kb_free(kb);
            return NULL;
        }
    }
    if (kb_finish(kb, e)) {
        kb_free(kb);
        return NULL;
    }
    return kb;
}

#endif
