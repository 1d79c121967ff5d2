/*
 * library.c - barriers and levers from their CSV files (library.h).
 */
#include "core/library.h"

#include <stdio.h>
#include <string.h>

#include "core/import_int.h"
#include "store/store_network.h"

enum { B_CODE, B_CAT, B_EN, B_FR, B_DESC, B_BASIS, B_NCOLS };
static const struct colspec barrier_cols[] = {
    {"code", 1, NULL},     {"category", 1, NULL},       {"label_en", 1, NULL},
    {"label_fr", 1, NULL}, {"description_fr", 0, NULL}, {"basis", 1, NULL},
};

enum { L_CODE, L_EN, L_FR, L_DESC, L_BARRIERS, L_BASIS, L_NCOLS };
static const struct colspec lever_cols[] = {
    {"code", 1, NULL},           {"label_en", 1, NULL}, {"label_fr", 1, NULL},
    {"description_fr", 1, NULL}, {"barriers", 1, NULL}, {"basis", 1, NULL},
};

static int code_ok(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' ||
              *s == '.'))
            return 0;
    return 1;
}

int import_barriers(struct store *s, const char *path, const struct import_opts *o,
                    struct import_result *r, struct err *e)
{
    struct reader rd;
    struct barrier b;
    int rc = reader_open(&rd, s, path, barrier_cols, B_NCOLS, o, r, e);

    while (rc == SY_OK && (rc = reader_next(&rd)) == 1) {
        rc = SY_OK;
        memset(&b, 0, sizeof b);
        if (reader_copy(&rd, B_CODE, b.code, sizeof b.code, 1) && !code_ok(b.code))
            reader_error(&rd, B_CODE, "code '%s' must be lowercase letters, digits, '-', '_'",
                         b.code);
        if (net_barrier_cat_parse(reader_field(&rd, B_CAT), &b.category))
            reader_error(&rd, B_CAT,
                         "category '%s' is not one of time, trust, data, regulation, economics, "
                         "logistics, governance, technical",
                         reader_field(&rd, B_CAT));
        reader_copy(&rd, B_EN, b.label_en, sizeof b.label_en, 1);
        reader_copy(&rd, B_FR, b.label_fr, sizeof b.label_fr, 1);
        reader_copy(&rd, B_DESC, b.description, sizeof b.description, 0);
        reader_copy(&rd, B_BASIS, b.basis, sizeof b.basis, 1);
        if (!reader_check_id(&rd, B_CODE, b.code) || rd.row_bad)
            continue;
        reader_count(&rd, 0);
        rc = store_barrier_put(s, &b, e);
    }
    return reader_close(&rd, rc, e);
}

static int known_barrier(void *ctx, const struct barrier *b)
{
    return strmap_put(ctx, b->code, 0) ? SY_ENOMEM : 0;
}

int import_levers(struct store *s, const char *path, const struct import_opts *o,
                  struct import_result *r, struct err *e)
{
    struct reader rd;
    struct lever l;
    struct strmap known;
    char code[SY_ID_MAX];
    int rc;

    strmap_init(&known);
    rc = reader_open(&rd, s, path, lever_cols, L_NCOLS, o, r, e);
    if (!rc)
        rc = store_barrier_list(s, -1, known_barrier, &known, e);
    if (!rc && known.n == 0)
        rc = err_set(e, SY_EINPUT, "no barriers are stored; load data/barriers.csv first");
    while (rc == SY_OK && (rc = reader_next(&rd)) == 1) {
        rc = SY_OK;
        memset(&l, 0, sizeof l);
        if (reader_copy(&rd, L_CODE, l.code, sizeof l.code, 1) && !code_ok(l.code))
            reader_error(&rd, L_CODE, "code '%s' must be lowercase letters, digits, '-', '_'",
                         l.code);
        reader_copy(&rd, L_EN, l.label_en, sizeof l.label_en, 1);
        reader_copy(&rd, L_FR, l.label_fr, sizeof l.label_fr, 1);
        reader_copy(&rd, L_DESC, l.description, sizeof l.description, 1);
        reader_copy(&rd, L_BARRIERS, l.addresses, sizeof l.addresses, 1);
        reader_copy(&rd, L_BASIS, l.basis, sizeof l.basis, 1);
        for (const char *p = l.addresses; *p;) {
            size_t n = strcspn(p, " ,;");

            if (n >= sizeof code) {
                reader_error(&rd, L_BARRIERS, "a barrier code is too long");
                break;
            }
            memcpy(code, p, n);
            code[n] = '\0';
            if (n && !strmap_get(&known, code, NULL))
                reader_error(&rd, L_BARRIERS, "unknown barrier '%s'; see 'symbiose barrier list'",
                             code);
            p += n;
            p += strspn(p, " ,;");
        }
        if (!reader_check_id(&rd, L_CODE, l.code) || rd.row_bad)
            continue;
        reader_count(&rd, 0);
        rc = store_lever_put(s, &l, e);
    }
    strmap_release(&known);
    return reader_close(&rd, rc, e);
}
