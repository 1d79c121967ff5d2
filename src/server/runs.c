/*
 * runs.c - background detection and plan runs (see runs.h). A run opens its
 * own store connection; the engine reports progress from the run's thread
 * and stops when the cancel flag is set.
 */
#include "server/runs.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/match_run.h"
#include "core/plan_run.h"
#include "store/store.h"
#include "store/store_query.h"
#include "util/i18n.h"

struct run {
    char id[16];
    struct run_request q;
    const char *state; /* running | done | failed | cancelled */
    double progress;
    char message[SY_ERR_MSG_MAX];
    json_t *result;
    atomic_int cancel;
    struct runs *owner;
};

struct runs {
    pthread_mutex_t mu;
    char db_path[4096];
    char kb_dir[4096];
    const struct kb *kb;
    struct run *v[RUNS_KEPT];
    size_t n;
    unsigned long seq;
    pthread_t tid;
    int has_thread; /* joined before the next run or at the end */
    struct run *current;
    struct eng_texts fr, en; /* the explanation templates for runs that ask a language */
};

static int french_texts(void *ctx)
{
    eng_texts_init(ctx, i18n_gettext, 1);
    return 0;
}

int runs_new(struct runs **out, const char *db_path, const char *kb_dir, const struct kb *kb,
             struct err *e)
{
    struct runs *r = calloc(1, sizeof *r);

    if (!r)
        return err_set(e, SY_ENOMEM, "out of memory");
    pthread_mutex_init(&r->mu, NULL);
    snprintf(r->db_path, sizeof r->db_path, "%s", db_path);
    snprintf(r->kb_dir, sizeof r->kb_dir, "%s", kb_dir ? kb_dir : "");
    r->kb = kb;
    /* Once, before the server's threads start (i18n_in_french). */
    i18n_in_french(french_texts, &r->fr);
    eng_texts_init(&r->en, NULL, 0);
    *out = r;
    return 0;
}

static void progress(void *ctx, const char *phase, double done)
{
    struct run *x = ctx;
    static const struct {
        const char *phase;
        double lo, hi;
    } map[] = {{"infer", 0.05, 0.1}, {"index", 0.1, 0.2},
               {"detect", 0.2, 0.8}, {"mutualisation", 0.8, 0.85},
               {"order", 0.85, 0.9}, {"store", 0.9, 0.95},
               {"done", 0.9, 0.9}};

    pthread_mutex_lock(&x->owner->mu);
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i].phase, phase) == 0)
            x->progress = map[i].lo + (map[i].hi - map[i].lo) * done;
    snprintf(x->message, sizeof x->message, "%s", phase);
    pthread_mutex_unlock(&x->owner->mu);
}

static json_t *do_match(struct run *x, struct store *s, struct err *e)
{
    struct match_opts mo;
    struct match_result res;
    size_t counts[3] = {0, 0, 0};
    json_t *j;

    match_opts_default(&mo);
    mo.territory = x->q.territory[0] ? x->q.territory : NULL;
    mo.kb = x->owner->kb;
    mo.eng.threads = x->q.threads > 0 ? x->q.threads : 1;
    mo.eng.cancel = &x->cancel;
    /* "en": English templates; "fr": the French ones; "": the server's language. */
    if (strcmp(x->q.lang, "fr") == 0)
        mo.eng.texts = &x->owner->fr;
    else if (strcmp(x->q.lang, "en") == 0)
        mo.eng.texts = &x->owner->en;
    mo.progress = progress;
    mo.progress_ctx = x;
    if (match_run(s, x->owner->kb_dir, &mo, &res, e) || store_query_optimize(s, e)) {
        match_result_release(&res);
        return NULL;
    }
    for (size_t i = 0; i < res.n; i++)
        counts[res.v[i].kind]++;
    j = json_pack("{s:I, s:{s:I, s:I, s:I}, s:I, s:I, s:I}", "candidates", (json_int_t)res.n,
                  "by_kind", "substitution", (json_int_t)counts[0], "mutualisation",
                  (json_int_t)counts[1], "prospective", (json_int_t)counts[2], "actors",
                  (json_int_t)res.nsites, "flows", (json_int_t)res.nflows, "inferred",
                  (json_int_t)res.ninferred);
    match_result_release(&res);
    return j;
}

static json_t *do_plan(struct run *x, struct store *s, struct err *e)
{
    struct plan_opts po;
    struct plan p;
    json_t *j;

    memset(&po, 0, sizeof po);
    po.territory = x->q.territory[0] ? x->q.territory : NULL;
    po.store = 1;
    if (plan_objective_parse(x->q.objective[0] ? x->q.objective : "euros", &po.objective, e))
        return NULL;
    progress(x, "plan", 0);
    if (atomic_load(&x->cancel)) {
        err_set(e, SY_ECANCELLED, "plan cancelled");
        return NULL;
    }
    if (plan_run(s, x->owner->kb_dir, &po, &p, e))
        return NULL;
    j = json_pack("{s:I, s:s, s:I, s:f, s:f, s:f, s:f}", "plan_id", (json_int_t)p.id, "objective",
                  p.objective, "lines", (json_int_t)p.n, "tonnes", p.tonnes, "co2e_kg", p.co2e_kg,
                  "euros", p.euros, "untreated_qty", p.untreated_qty);
    plan_release(&p);
    return j;
}

static void *run_main(void *arg)
{
    struct run *x = arg;
    struct store *s = NULL;
    struct err e;
    json_t *res = NULL;

    err_clear(&e);
    if (store_open(&s, x->owner->db_path, &e) == 0)
        res = x->q.plan ? do_plan(x, s, &e) : do_match(x, s, &e);
    store_close(s);
    pthread_mutex_lock(&x->owner->mu);
    if (res) {
        x->state = "done";
        x->progress = 1;
        snprintf(x->message, sizeof x->message, "done");
        x->result = res;
    } else {
        x->state = e.code == SY_ECANCELLED || atomic_load(&x->cancel) ? "cancelled" : "failed";
        snprintf(x->message, sizeof x->message, "%s", e.msg);
    }
    x->owner->current = NULL;
    pthread_mutex_unlock(&x->owner->mu);
    return NULL;
}

int runs_start(struct runs *r, const struct run_request *q, char *id, size_t n, struct err *e)
{
    struct run *x;
    int rc = 0;

    pthread_mutex_lock(&r->mu);
    if (r->current) {
        rc = err_set(e, SY_ELIMIT, "run %s is still running; wait for it or cancel it",
                     r->current->id);
        goto out;
    }
    if (r->has_thread) {
        pthread_join(r->tid, NULL); /* finished: current is NULL */
        r->has_thread = 0;
    }
    if (!(x = calloc(1, sizeof *x))) {
        rc = err_set(e, SY_ENOMEM, "out of memory");
        goto out;
    }
    x->q = *q;
    x->owner = r;
    x->state = "running";
    snprintf(x->message, sizeof x->message, "starting");
    atomic_init(&x->cancel, 0);
    snprintf(x->id, sizeof x->id, "r%lu", ++r->seq);
    if (r->n == RUNS_KEPT) {
        json_decref(r->v[0]->result);
        free(r->v[0]);
        memmove(&r->v[0], &r->v[1], (RUNS_KEPT - 1) * sizeof(struct run *));
        r->n--;
    }
    r->v[r->n++] = x;
    r->current = x;
    if (pthread_create(&r->tid, NULL, run_main, x) != 0) {
        x->state = "failed";
        snprintf(x->message, sizeof x->message, "cannot start a thread");
        r->current = NULL;
        rc = err_set(e, SY_ENOMEM, "cannot start a thread for the run");
        goto out;
    }
    r->has_thread = 1;
    snprintf(id, n, "%s", x->id);
out:
    pthread_mutex_unlock(&r->mu);
    return rc;
}

static struct run *find(struct runs *r, const char *id)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->v[i]->id, id) == 0)
            return r->v[i];
    return NULL;
}

static json_t *to_json(const struct run *x)
{
    return json_pack("{s:s, s:s, s:s, s:f, s:s, s:O?}", "id", x->id, "type",
                     x->q.plan ? "plan" : "match", "state", x->state, "progress", x->progress,
                     "message", x->message, "result", x->result);
}

json_t *runs_get(struct runs *r, const char *id)
{
    json_t *j = NULL;
    struct run *x;

    pthread_mutex_lock(&r->mu);
    if ((x = find(r, id)))
        j = to_json(x);
    pthread_mutex_unlock(&r->mu);
    return j;
}

json_t *runs_cancel(struct runs *r, const char *id)
{
    json_t *j = NULL;
    struct run *x;

    pthread_mutex_lock(&r->mu);
    if ((x = find(r, id))) {
        atomic_store(&x->cancel, 1);
        j = to_json(x);
    }
    pthread_mutex_unlock(&r->mu);
    return j;
}

void runs_free(struct runs *r)
{
    if (!r)
        return;
    pthread_mutex_lock(&r->mu);
    if (r->current)
        atomic_store(&r->current->cancel, 1);
    pthread_mutex_unlock(&r->mu);
    if (r->has_thread)
        pthread_join(r->tid, NULL);
    for (size_t i = 0; i < r->n; i++) {
        json_decref(r->v[i]->result);
        free(r->v[i]);
    }
    pthread_mutex_destroy(&r->mu);
    free(r);
}
