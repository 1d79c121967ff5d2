/*
 * knowledge.c - local knowledge laid over the shipped files, row checks, and
 * the technical-rejection penalty. See knowledge.h.
 */
#include "core/knowledge.h"
#include "core/match_run.h"
#include "util/buf.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util/i18n.h"

static const char *const headers[] = {
    ("id,supply,demand,receiver_nace,strength,min_temp_c,state,purity,permit,label_en,label_fr,"
     "reference"),
    "nace,direction,code,intensity,unit,status,reference",
    "id,prefix,unit,co2e_kg,eur,co2e_quality,eur_quality,basis,source,version",
};

const char *knowledge_header(enum local_kind kind)
{
    return (unsigned)kind < 3 ? headers[kind] : "";
}

double knowledge_penalty(int n)
{
    return n <= 0 ? 1.0 : fmax(0.5, pow(0.8, n));
}

/* "transport:id" -> FACTOR_TRANSPORT and id; -1 if the kind is unknown. */
static int factor_key(const char *key, const char **id)
{
    for (int k = 0; k < FACTOR_NKINDS; k++) {
        const char *n = impact_kind_name((enum factor_kind)k);
        size_t l = strlen(n);
        if (strncmp(key, n, l) == 0 && key[l] == ':') {
            *id = key + l + 1;
            return k;
        }
    }
    return -1;
}

int knowledge_check(enum local_kind kind, const char *key, const char *row, struct err *e)
{
    struct buf b = BUF_INIT;
    struct kb *kb = NULL;
    char name[64];
    int rc;

    buf_init(&b, (size_t)1 << 20);
    snprintf(name, sizeof name, "local %s", local_kind_name(kind));
    if (buf_add(&b, knowledge_header(kind), strlen(knowledge_header(kind))) ||
        buf_add(&b, "\n", 1) || buf_add(&b, row, strlen(row)) || buf_add(&b, "\n", 1)) {
        buf_release(&b);
        return err_set(e, SY_ENOMEM, _("out of memory"));
    }
    if (kind == LOCAL_FACTOR) {
        struct impact_factors f;
        const char *id;
        int k = factor_key(key, &id);
        if (k < 0)
            rc = err_set(e, SY_EINPUT,
                         _("factor key '%s': write KIND:ID with KIND transport, "
                           "disposal or virgin"),
                         key);
        else if (strncmp(row, id, strlen(id)) != 0 || row[strlen(id)] != ',')
            rc = err_set(e, SY_EINPUT, _("factor key '%s' does not match the row's id"), key);
        else {
            impact_factors_init(&f);
            rc = impact_factors_parse(&f, (enum factor_kind)k, b.str, b.len, name, e);
            impact_factors_release(&f);
        }
    } else if (!(rc = match_kb_new(&kb, e))) {
        rc =
            kb_load_local(kb, kind == LOCAL_ROUTE ? KB_ROUTES : KB_PROFILES, name, b.str, b.len, e);
        if (!rc) {
            char want[SY_NAME_MAX];
            if (kind == LOCAL_ROUTE) {
                snprintf(want, sizeof want, "%s", kb_route(kb, 0)->id);
            } else {
                const struct kb_profile *p = NULL;
                kb_finish(kb, e);
                /* the one profile row, found through its NACE */
                for (size_t i = 0; i < kb_nnaces(kb) && !p; i++)
                    if (kb_profiles_for(kb, (int32_t)i, &p) == 0)
                        p = NULL;
                snprintf(want, sizeof want, "%s|%s|%s", p ? kb_nace_str(kb, p->nace) : "",
                         p ? model_dir_name(p->dir) : "", p ? kb_code_str(kb, p->code) : "");
            }
            if (strcmp(want, key) != 0)
                rc = err_set(e, SY_EINPUT, _("key '%s' does not match the row (%s)"), key, want);
        }
        kb_free(kb);
    }
    buf_release(&b);
    return rc;
}

struct lay {
    struct buf b[2]; /* routes, profiles */
};

static int collect(void *ctx, const struct local_row *r)
{
    struct lay *l = ctx;
    struct buf *b;

    if (r->kind == LOCAL_FACTOR)
        return 0;
    b = &l->b[r->kind];
    if (b->len == 0 && (buf_add(b, knowledge_header(r->kind), strlen(knowledge_header(r->kind))) ||
                        buf_add(b, "\n", 1)))
        return SY_ENOMEM;
    if (buf_add(b, r->row, strlen(r->row)) || buf_add(b, "\n", 1))
        return SY_ENOMEM;
    return 0;
}

struct pen {
    struct kb *kb;
};

static int penalise(void *ctx, const char *rule, int n)
{
    struct pen *p = ctx;
    long i = kb_route_find(p->kb, rule);

    if (i >= 0)
        kb_route_penalise(p->kb, (size_t)i, n, knowledge_penalty(n));
    return 0;
}

/* Lays the territory's local rows over kb (not finished), finishes it and
 * applies the rejection penalties; frees kb on error. */
static int lay_over(struct store *s, struct kb *kb, const char *territory, struct kb **out,
                    struct err *e)
{
    struct lay l;
    struct pen p;
    int rc = 0;

    memset(&l, 0, sizeof l);
    buf_init(&l.b[0], (size_t)64 << 20);
    buf_init(&l.b[1], (size_t)64 << 20);
    if (territory)
        rc = store_local_list(s, territory, -1, collect, &l, e);
    if (rc == SY_ENOMEM)
        err_set(e, rc, _("out of memory reading local knowledge"));
    if (!rc && l.b[0].len)
        rc = kb_load_local(kb, KB_ROUTES, "local routes", l.b[0].str, l.b[0].len, e);
    if (!rc && l.b[1].len)
        rc = kb_load_local(kb, KB_PROFILES, "local profiles", l.b[1].str, l.b[1].len, e);
    if (!rc)
        rc = kb_finish(kb, e);
    p.kb = kb;
    if (!rc)
        rc = store_technical_rejections(s, territory ? territory : "", penalise, &p, e);
    buf_release(&l.b[0]);
    buf_release(&l.b[1]);
    if (rc)
        kb_free(kb);
    else
        *out = kb;
    return rc;
}

int knowledge_load(struct store *s, const char *kb_dir, const char *territory, struct kb **out,
                   struct err *e)
{
    struct kb *kb = NULL;
    int rc;

    *out = NULL;
    if ((rc = match_kb_new(&kb, e)))
        return rc;
    if ((rc = match_kb_read(kb_dir, kb, e))) {
        kb_free(kb);
        return rc;
    }
    return lay_over(s, kb, territory, out, e);
}

int knowledge_overlay(struct store *s, const struct kb *base, const char *territory,
                      struct kb **out, struct err *e)
{
    struct kb *kb = NULL;
    int rc;

    *out = NULL;
    if (kb_finished(base))
        return err_set(e, SY_EUSAGE, _("knowledge_overlay: the base must not be finished"));
    if ((rc = kb_clone(base, &kb, e)))
        return rc;
    return lay_over(s, kb, territory, out, e);
}

struct fac {
    struct impact_factors *f;
    struct err *e;
};

static int apply_factor(void *ctx, const struct local_row *r)
{
    struct fac *a = ctx;
    struct buf b = BUF_INIT;
    const char *id;
    int k = factor_key(r->key, &id), rc;

    if (k < 0)
        return 0;
    buf_init(&b, (size_t)1 << 20);
    if (buf_add(&b, headers[LOCAL_FACTOR], strlen(headers[LOCAL_FACTOR])) || buf_add(&b, "\n", 1) ||
        buf_add(&b, r->row, strlen(r->row))) {
        buf_release(&b);
        return SY_ENOMEM;
    }
    rc = impact_factors_parse(a->f, (enum factor_kind)k, b.str, b.len, "local factor", a->e);
    buf_release(&b);
    return rc;
}

int knowledge_apply_factors(struct store *s, const char *territory, struct impact_factors *f,
                            struct err *e)
{
    struct fac a = {f, e};

    if (!territory)
        return SY_OK;
    return store_local_list(s, territory, LOCAL_FACTOR, apply_factor, &a, e);
}
