/*
 * store.c - the storage interface: picks a back-end and dispatches to it.
 */
#include "store/store_int.h"

#include <string.h>

int store_open(struct store **out, const char *location, struct err *e)
{
    return store_open_mode(out, location, STORE_CREATE, e);
}

int store_open_mode(struct store **out, const char *location, enum store_mode mode, struct err *e)
{
    *out = NULL;
    if (!location || !*location)
        return err_set(e, SY_EUSAGE, "no database location given");
    if (strncmp(location, "postgresql://", 13) == 0 || strncmp(location, "postgres://", 11) == 0)
        return err_set(e, SY_EUSAGE,
                       "PostgreSQL stores come with the shared server (step 6); "
                       "use a file path for SQLite");
    return store_sqlite_open(out, location, mode, e);
}

void store_close(struct store *s)
{
    if (s)
        s->ops->close(s);
}

const char *store_nomen_kind_name(enum nomen_kind k)
{
    static const char *const names[] = {"low", "nace", "naf", "taxonomy"};

    return (unsigned)k < 4 ? names[k] : "?";
}

int store_schema_version(struct store *s, int *v, struct err *e)
{
    return s->ops->schema_version(s, v, e);
}

int store_begin(struct store *s, struct err *e)
{
    return s->ops->begin(s, e);
}

int store_begin_bulk(struct store *s, struct err *e)
{
    return s->ops->begin_bulk(s, e);
}

int store_commit(struct store *s, struct err *e)
{
    return s->ops->commit(s, e);
}

int store_rollback(struct store *s, struct err *e)
{
    return s->ops->rollback(s, e);
}

int store_end(struct store *s, int rc, struct err *e)
{
    if (!rc)
        rc = store_commit(s, e);
    if (rc)
        store_rollback(s, NULL);
    return rc;
}

int store_territory_put(struct store *s, const struct territory *t, struct err *e)
{
    return s->ops->territory_put(s, t, e);
}

int store_territory_get(struct store *s, const char *code, struct territory *out, struct err *e)
{
    return s->ops->territory_get(s, code, out, e);
}

int store_territory_list(struct store *s, store_territory_cb cb, void *ctx, struct err *e)
{
    return s->ops->territory_list(s, cb, ctx, e);
}

int store_actor_put(struct store *s, const struct actor *a, struct err *e)
{
    return s->ops->actor_put(s, a, e);
}

int store_actor_get(struct store *s, const char *id, struct actor *out, struct err *e)
{
    return s->ops->actor_get(s, id, out, e);
}

int store_actor_list(struct store *s, const struct actor_filter *f, store_actor_cb cb, void *ctx,
                     struct err *e)
{
    return s->ops->actor_list(s, f, cb, ctx, e);
}

int store_contact_put(struct store *s, const struct contact *c, struct err *e)
{
    return s->ops->contact_put(s, c, e);
}

int store_flow_put(struct store *s, const struct flow *f, struct err *e)
{
    return s->ops->flow_put(s, f, e);
}

int store_flow_list(struct store *s, const struct flow_filter *f, store_flow_cb cb, void *ctx,
                    struct err *e)
{
    return s->ops->flow_list(s, f, cb, ctx, e);
}

int store_nomen_put(struct store *s, const struct nomen_entry *n, struct err *e)
{
    return s->ops->nomen_put(s, n, e);
}

int store_nomen_get(struct store *s, enum nomen_kind kind, const char *code,
                    struct nomen_entry *out, struct err *e)
{
    return s->ops->nomen_get(s, kind, code, out, e);
}

int store_nomen_list(struct store *s, enum nomen_kind kind, store_nomen_cb cb, void *ctx,
                     struct err *e)
{
    return s->ops->nomen_list(s, kind, cb, ctx, e);
}

int store_nomen_search(struct store *s, const char *text, int limit, store_nomen_cb cb, void *ctx,
                       struct err *e)
{
    return s->ops->nomen_search(s, text, limit, cb, ctx, e);
}

int store_nomen_count(struct store *s, enum nomen_kind kind, long *n, struct err *e)
{
    return s->ops->nomen_count(s, kind, n, e);
}

int store_nomen_reindex(struct store *s, struct err *e)
{
    return s->ops->nomen_reindex(s, e);
}

int store_cand_replace(struct store *s, const char *territory, struct candidate *v, size_t n,
                       struct err *e)
{
    return s->ops->cand_replace(s, territory ? territory : "", v, n, e);
}

int store_cand_list(struct store *s, const struct cand_filter *f, store_cand_cb cb, void *ctx,
                    struct err *e)
{
    return s->ops->cand_list(s, f, cb, ctx, e);
}

int store_cand_decide(struct store *s, const char *key, enum cand_status st, const char *reason,
                      struct err *e)
{
    return s->ops->cand_decide(s, key, st, reason, e);
}

int store_plan_put(struct store *s, struct plan *p, struct err *e)
{
    return s->ops->plan_put(s, p, e);
}
