/*
 * store_int.h - what a storage back-end implements (private to src/store/).
 *
 * A back-end allocates a struct that begins with struct store and sets ops.
 * store.c checks arguments and dispatches; back-ends never see NULL stores.
 */
#ifndef SY_STORE_INT_H
#define SY_STORE_INT_H

#include "store/store.h"

struct store_ops {
    const char *name;
    void (*close)(struct store *s);
    int (*schema_version)(struct store *s, int *v, struct err *e);
    int (*begin)(struct store *s, struct err *e);
    int (*begin_bulk)(struct store *s, struct err *e);
    int (*commit)(struct store *s, struct err *e);
    int (*rollback)(struct store *s, struct err *e);
    int (*territory_put)(struct store *s, const struct territory *t, struct err *e);
    int (*territory_get)(struct store *s, const char *code, struct territory *out, struct err *e);
    int (*territory_list)(struct store *s, store_territory_cb cb, void *ctx, struct err *e);
    int (*actor_put)(struct store *s, const struct actor *a, struct err *e);
    int (*actor_get)(struct store *s, const char *id, struct actor *out, struct err *e);
    int (*actor_list)(struct store *s, const struct actor_filter *f, store_actor_cb cb, void *ctx,
                      struct err *e);
    int (*contact_put)(struct store *s, const struct contact *c, struct err *e);
    int (*flow_put)(struct store *s, const struct flow *f, struct err *e);
    int (*flow_list)(struct store *s, const struct flow_filter *f, store_flow_cb cb, void *ctx,
                     struct err *e);
    int (*nomen_put)(struct store *s, const struct nomen_entry *n, struct err *e);
    int (*nomen_get)(struct store *s, enum nomen_kind kind, const char *code,
                     struct nomen_entry *out, struct err *e);
    int (*nomen_list)(struct store *s, enum nomen_kind kind, store_nomen_cb cb, void *ctx,
                      struct err *e);
    int (*nomen_search)(struct store *s, const char *text, int limit, store_nomen_cb cb, void *ctx,
                        struct err *e);
    int (*nomen_count)(struct store *s, enum nomen_kind kind, long *n, struct err *e);
    int (*nomen_reindex)(struct store *s, struct err *e);
    int (*cand_replace)(struct store *s, const char *territory, struct candidate *v, size_t n,
                        struct err *e);
    int (*cand_list)(struct store *s, const struct cand_filter *f, store_cand_cb cb, void *ctx,
                     struct err *e);
    int (*cand_decide)(struct store *s, const char *key, enum cand_status st, const char *reason,
                       struct err *e);
    int (*plan_put)(struct store *s, struct plan *p, struct err *e);
};

struct store {
    const struct store_ops *ops;
};

/* Back-end constructors. */
int store_sqlite_open(struct store **out, const char *path, enum store_mode mode, struct err *e);

#endif
