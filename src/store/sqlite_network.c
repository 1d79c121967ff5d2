/*
 * sqlite_network.c - territories as sets of communes, facilitators, SIRENE
 * details, the engagement pipeline and the network indicators in SQLite
 * (store_network.h). Events, barriers and levers are in sqlite_events.c.
 */
#include "store/sqlite_net_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/vec.h"

struct sqlite_store *sqn(struct store *s)
{
    return (struct sqlite_store *)s;
}

sqlite3_stmt *sqn_stmt(struct sqlite_store *s, int k, const char *sql, struct err *e)
{
    return sq_stmt(s, (enum sq_stmt)(SQ_NET_FIRST + k), sql, e);
}

int sqn_each(struct sqlite_store *s, sqlite3_stmt *q, int (*visit)(sqlite3_stmt *q, void *arg),
             void *arg, const char *what, struct err *e)
{
    int rc, crc = 0;

    while ((rc = sqlite3_step(q)) == SQLITE_ROW)
        if ((crc = visit(q, arg)) != 0)
            break;
    sqlite3_reset(q);
    sqlite3_clear_bindings(q);
    if (crc)
        return crc;
    return rc == SQLITE_DONE ? SY_OK : sq_fail(s, e, what);
}

void sqn_bind_year(sqlite3_stmt *q, int i, int year)
{
    char a[24], b[24];

    snprintf(a, sizeof a, "%04d-01-01", year > 0 ? year : 0);
    snprintf(b, sizeof b, "%04d-12-31", year > 0 ? year : 9999);
    sqlite3_bind_text(q, i, a, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, i + 1, b, -1, SQLITE_TRANSIENT);
}

/* ---- territories as places ---- */

int store_territory_communes_set(struct store *st, const char *territory,
                                 const struct territory_commune *v, size_t n, struct err *e)
{
    struct sqlite_store *s = sqn(st);
    sqlite3_stmt *del = sqn_stmt(s, 0, "DELETE FROM territory_commune WHERE territory = ?1", e);
    sqlite3_stmt *put = sqn_stmt(s, 1,
                                 "INSERT OR REPLACE INTO territory_commune (territory, commune, "
                                 "epci) VALUES (?1, ?2, ?3)",
                                 e);
    int rc;

    if (!del || !put)
        return SY_ESTORE;
    sq_bind_text(del, 1, territory, 0);
    rc = sq_exec_stmt(s, del, e, "replacing the communes of a territory");
    for (size_t i = 0; !rc && i < n; i++) {
        sq_bind_text(put, 1, territory, 0);
        sq_bind_text(put, 2, v[i].commune, 0);
        sq_bind_text(put, 3, v[i].epci, 1);
        rc = sq_exec_stmt(s, put, e, "saving a commune of a territory");
    }
    return rc;
}

static int visit_tcommune(sqlite3_stmt *q, void *arg)
{
    struct visit *v = arg;
    struct territory_commune c;

    sq_col_text(q, 0, c.territory, sizeof c.territory);
    sq_col_text(q, 1, c.commune, sizeof c.commune);
    sq_col_text(q, 2, c.epci, sizeof c.epci);
    return ((store_tcommune_cb)v->cb)(v->ctx, &c);
}

int store_territory_communes_list(struct store *st, const char *territory, store_tcommune_cb cb,
                                  void *ctx, struct err *e)
{
    struct sqlite_store *s = sqn(st);
    struct visit v = {(void (*)(void))cb, ctx};
    sqlite3_stmt *q = sqn_stmt(s, 2,
                               "SELECT territory, commune, epci FROM territory_commune "
                               "WHERE ?1 IS NULL OR territory = ?1 ORDER BY territory, commune",
                               e);

    if (!q)
        return SY_ESTORE;
    sq_bind_text(q, 1, territory, 0);
    return sqn_each(s, q, visit_tcommune, &v, "listing the communes of territories", e);
}

int store_place_actors(struct store *st, const char *territory, long *placed, struct err *e)
{
    struct sqlite_store *s = sqn(st);
    sqlite3_stmt *q = sqn_stmt(
        s, 3,
        "UPDATE actor SET territory = (SELECT tc.territory FROM territory_commune tc "
        "WHERE tc.commune = actor.commune) "
        "WHERE (actor.territory IS NULL OR actor.territory = '') AND actor.commune IS NOT NULL "
        "AND (SELECT count(*) FROM territory_commune tc WHERE tc.commune = actor.commune) = 1 "
        "AND (?1 IS NULL OR EXISTS (SELECT 1 FROM territory_commune tc "
        "WHERE tc.commune = actor.commune AND tc.territory = ?1))",
        e);
    int rc;

    if (!q)
        return SY_ESTORE;
    sq_bind_text(q, 1, territory, 0);
    rc = sq_exec_stmt(s, q, e, "placing actors in territories by their commune");
    if (!rc && placed)
        *placed = (long)sqlite3_changes(s->db);
    return rc;
}

int store_facilitator_put(struct store *st, const struct facilitator *f, struct err *e)
{
    struct sqlite_store *s = sqn(st);
    sqlite3_stmt *q =
        sqn_stmt(s, 4,
                 "INSERT INTO facilitator (territory, name, email, phone) VALUES (?1, ?2, ?3, ?4) "
                 "ON CONFLICT (territory) DO UPDATE SET name = coalesce(?2, name), "
                 "email = coalesce(?3, email), phone = coalesce(?4, phone)",
                 e);

    if (!q)
        return SY_ESTORE;
    sq_bind_text(q, 1, f->territory, 0);
    sq_bind_text(q, 2, f->name, 1);
    sq_bind_text(q, 3, f->email, 1);
    sq_bind_text(q, 4, f->phone, 1);
    return sq_exec_stmt(s, q, e, "saving a facilitator");
}

int store_facilitator_get(struct store *st, const char *territory, struct facilitator *out,
                          struct err *e)
{
    struct sqlite_store *s = sqn(st);
    sqlite3_stmt *q = sqn_stmt(
        s, 5, "SELECT territory, name, email, phone FROM facilitator WHERE territory = ?1", e);
    int rc;

    if (!q)
        return SY_ESTORE;
    sq_bind_text(q, 1, territory, 0);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        sq_col_text(q, 0, out->territory, sizeof out->territory);
        sq_col_text(q, 1, out->name, sizeof out->name);
        sq_col_text(q, 2, out->email, sizeof out->email);
        sq_col_text(q, 3, out->phone, sizeof out->phone);
    }
    sqlite3_reset(q);
    if (rc == SQLITE_ROW)
        return SY_OK;
    if (rc == SQLITE_DONE)
        return err_set(e, SY_ENOTFOUND, "territory '%s' has no facilitator recorded", territory);
    return sq_fail(s, e, "reading a facilitator");
}

/* ---- SIRENE ---- */

int store_sirene_put(struct store *st, const struct sirene_info *si, struct err *e)
{
    struct sqlite_store *s = sqn(st);
    sqlite3_stmt *q = sqn_stmt(s, 6,
                               "INSERT OR REPLACE INTO actor_sirene (actor_id, siret, naf25, "
                               "tranche, diffusible) VALUES (?1, ?2, ?3, ?4, ?5)",
                               e);

    if (!q)
        return SY_ESTORE;
    sq_bind_text(q, 1, si->actor_id, 0);
    sq_bind_text(q, 2, si->siret, 1);
    sq_bind_text(q, 3, si->naf25, 1);
    sq_bind_text(q, 4, si->tranche, 1);
    sqlite3_bind_int(q, 5, si->diffusible != 0);
    return sq_exec_stmt(s, q, e, "saving the SIRENE details of an actor");
}

int store_sirene_get(struct store *st, const char *actor_id, struct sirene_info *out, struct err *e)
{
    struct sqlite_store *s = sqn(st);
    sqlite3_stmt *q = sqn_stmt(s, 7,
                               "SELECT actor_id, siret, naf25, tranche, diffusible "
                               "FROM actor_sirene WHERE actor_id = ?1",
                               e);
    int rc;

    if (!q)
        return SY_ESTORE;
    sq_bind_text(q, 1, actor_id, 0);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        sq_col_text(q, 0, out->actor_id, sizeof out->actor_id);
        sq_col_text(q, 1, out->siret, sizeof out->siret);
        sq_col_text(q, 2, out->naf25, sizeof out->naf25);
        sq_col_text(q, 3, out->tranche, sizeof out->tranche);
        out->diffusible = sqlite3_column_int(q, 4);
    }
    sqlite3_reset(q);
    if (rc == SQLITE_ROW)
        return SY_OK;
    if (rc == SQLITE_DONE)
        return err_set(e, SY_ENOTFOUND, "actor '%s' did not come from SIRENE", actor_id);
    return sq_fail(s, e, "reading the SIRENE details of an actor");
}

/* ---- the engagement pipeline ---- */

static int actor_exists(struct sqlite_store *s, const char *id, struct err *e)
{
    sqlite3_stmt *q = sqn_stmt(s, 8, "SELECT 1 FROM actor WHERE id = ?1", e);
    int rc;

    if (!q)
        return SY_ESTORE;
    sq_bind_text(q, 1, id, 0);
    rc = sqlite3_step(q);
    sqlite3_reset(q);
    if (rc == SQLITE_ROW)
        return SY_OK;
    if (rc == SQLITE_DONE)
        return err_set(e, SY_ENOTFOUND, "no actor '%s'; see 'symbiose actors list'", id);
    return sq_fail(s, e, "looking up an actor");
}

int store_engagement_add(struct store *st, struct engagement *g, struct err *e)
{
    struct sqlite_store *s = sqn(st);
    sqlite3_stmt *q = sqn_stmt(s, 9,
                               "INSERT INTO engagement (actor_id, stage, reason, at, by, note) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                               e);
    int rc;

    if (!q)
        return SY_ESTORE;
    if ((rc = actor_exists(s, g->actor_id, e)) != 0)
        return rc;
    sq_bind_text(q, 1, g->actor_id, 0);
    sq_bind_text(q, 2, net_stage_name(g->stage), 0);
    sq_bind_text(q, 3, g->reason, 1);
    sq_bind_text(q, 4, g->at, 0);
    sq_bind_text(q, 5, g->by, 0);
    sq_bind_text(q, 6, g->note, 1);
    rc = sq_exec_stmt(s, q, e, "recording an engagement change");
    if (!rc)
        g->id = (long)sqlite3_last_insert_rowid(s->db);
    return rc;
}

static int visit_engagement(sqlite3_stmt *q, void *arg)
{
    struct visit *v = arg;
    struct engagement g;
    char stage[32];

    memset(&g, 0, sizeof g);
    g.id = (long)sqlite3_column_int64(q, 0);
    sq_col_text(q, 1, g.actor_id, sizeof g.actor_id);
    sq_col_text(q, 2, stage, sizeof stage);
    net_stage_parse(stage, &g.stage);
    sq_col_text(q, 3, g.reason, sizeof g.reason);
    sq_col_text(q, 4, g.at, sizeof g.at);
    sq_col_text(q, 5, g.by, sizeof g.by);
    sq_col_text(q, 6, g.note, sizeof g.note);
    return ((store_engagement_cb)v->cb)(v->ctx, &g);
}

int store_engagement_list(struct store *st, const char *actor_id, store_engagement_cb cb, void *ctx,
                          struct err *e)
{
    struct sqlite_store *s = sqn(st);
    struct visit v = {(void (*)(void))cb, ctx};
    sqlite3_stmt *q = sqn_stmt(s, 10,
                               "SELECT id, actor_id, stage, reason, at, by, note FROM engagement "
                               "WHERE actor_id = ?1 ORDER BY at, id",
                               e);

    if (!q)
        return SY_ESTORE;
    sq_bind_text(q, 1, actor_id, 0);
    return sqn_each(s, q, visit_engagement, &v, "listing an actor's engagement", e);
}

int store_next_action_put(struct store *st, const struct next_action *a, struct err *e)
{
    struct sqlite_store *s = sqn(st);
    sqlite3_stmt *del = sqn_stmt(s, 11, "DELETE FROM next_action WHERE actor_id = ?1", e);
    sqlite3_stmt *put = sqn_stmt(s, 12,
                                 "INSERT OR REPLACE INTO next_action (actor_id, action, due, by, "
                                 "set_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                                 e);
    int rc;

    if (!del || !put)
        return SY_ESTORE;
    if ((rc = actor_exists(s, a->actor_id, e)) != 0)
        return rc;
    if (!a->action[0]) {
        sq_bind_text(del, 1, a->actor_id, 0);
        return sq_exec_stmt(s, del, e, "clearing a next action");
    }
    sq_bind_text(put, 1, a->actor_id, 0);
    sq_bind_text(put, 2, a->action, 0);
    sq_bind_text(put, 3, a->due, 0);
    sq_bind_text(put, 4, a->by, 1);
    sq_bind_text(put, 5, a->set_at, 1);
    return sq_exec_stmt(s, put, e, "saving a next action");
}

/* The current stage of every actor as of ?2, and its latest contact. */
#define PIPE_CTE                                                                                   \
    "WITH cur AS (SELECT actor_id, stage, at, by, reason, row_number() OVER "                      \
    "(PARTITION BY actor_id ORDER BY at DESC, id DESC) AS rn FROM engagement WHERE at <= ?2), "    \
    "lastc AS (SELECT actor_id, max(d) AS d FROM (SELECT actor_id, at AS d FROM engagement "       \
    "WHERE stage <> 'identified' AND at <= ?2 UNION ALL SELECT p.actor_id, ev.date FROM "          \
    "event_participant p JOIN event ev ON ev.id = p.event_id WHERE p.actor_id <> '' AND "          \
    "ev.date <= ?2) GROUP BY actor_id) "

static int visit_pipeline(sqlite3_stmt *q, void *arg)
{
    struct visit *v = arg;
    struct pipeline_row p;
    char stage[32];

    memset(&p, 0, sizeof p);
    sq_col_text(q, 0, p.actor_id, sizeof p.actor_id);
    sq_col_text(q, 1, p.actor_name, sizeof p.actor_name);
    sq_col_text(q, 2, p.territory, sizeof p.territory);
    sq_col_text(q, 3, p.naf, sizeof p.naf);
    sq_col_text(q, 4, p.workforce, sizeof p.workforce);
    sq_col_text(q, 5, stage, sizeof stage);
    if (net_stage_parse(stage, &p.stage))
        p.stage = STAGE_IDENTIFIED;
    sq_col_text(q, 6, p.stage_at, sizeof p.stage_at);
    sq_col_text(q, 7, p.stage_by, sizeof p.stage_by);
    sq_col_text(q, 8, p.reason, sizeof p.reason);
    sq_col_text(q, 9, p.last_contact, sizeof p.last_contact);
    sq_col_text(q, 10, p.next_action, sizeof p.next_action);
    sq_col_text(q, 11, p.next_due, sizeof p.next_due);
    p.diffusible = sqlite3_column_int(q, 12);
    return ((store_pipeline_cb)v->cb)(v->ctx, &p);
}

int store_pipeline_list(struct store *st, const char *territory, const char *as_of,
                        store_pipeline_cb cb, void *ctx, struct err *e)
{
    struct sqlite_store *s = sqn(st);
    struct visit v = {(void (*)(void))cb, ctx};
    sqlite3_stmt *q = sqn_stmt(
        s, 13,
        PIPE_CTE "SELECT a.id, a.name, coalesce(a.territory, ''), a.naf, a.workforce, c.stage, "
                 "c.at, c.by, c.reason, l.d, n.action, n.due, coalesce(si.diffusible, 1) "
                 "FROM actor a LEFT JOIN cur c ON c.actor_id = a.id AND c.rn = 1 "
                 "LEFT JOIN lastc l ON l.actor_id = a.id "
                 "LEFT JOIN next_action n ON n.actor_id = a.id "
                 "LEFT JOIN actor_sirene si ON si.actor_id = a.id "
                 "WHERE ?1 IS NULL OR a.territory = ?1 ORDER BY a.id",
        e);

    if (!q)
        return SY_ESTORE;
    sq_bind_text(q, 1, territory, 0);
    sq_bind_text(q, 2, as_of && *as_of ? as_of : "9999-12-31", 0);
    return sqn_each(s, q, visit_pipeline, &v, "listing the pipeline", e);
}

/* ---- indicators ---- */

static int visit_count(sqlite3_stmt *q, void *arg)
{
    long *out = arg;
    int k = sqlite3_column_count(q);

    for (int i = 0; i < k; i++)
        out[i] = (long)sqlite3_column_int64(q, i);
    return 0;
}

static int visit_stage_count(sqlite3_stmt *q, void *arg)
{
    struct net_indicators *n = arg;
    char stage[32];
    enum eng_stage st;

    sq_col_text(q, 0, stage, sizeof stage);
    if (net_stage_parse(stage, &st))
        st = STAGE_IDENTIFIED;
    n->by_stage[st] += (long)sqlite3_column_int64(q, 1);
    n->actors += (long)sqlite3_column_int64(q, 1);
    return 0;
}

static int visit_plan(sqlite3_stmt *q, void *arg)
{
    struct net_indicators *n = arg;

    n->tonnes = sqlite3_column_double(q, 0);
    n->co2e_kg = sqlite3_column_double(q, 1);
    n->euros = sqlite3_column_double(q, 2);
    return 1; /* the latest plan only */
}

/* Fills n (territory and year set) from the tables. */
static int indicators_one(struct sqlite_store *s, struct net_indicators *n, struct err *e)
{
    static const char *const sql[] = {
        PIPE_CTE "SELECT coalesce(c.stage, 'identified'), count(*) FROM actor a "
                 "LEFT JOIN cur c ON c.actor_id = a.id AND c.rn = 1 WHERE a.territory = ?1 "
                 "AND ?3 = ?3 GROUP BY 1",
        "SELECT count(*), (SELECT count(*) FROM event_participant p JOIN event ev ON "
        "ev.id = p.event_id WHERE ev.territory = ?1 AND ev.date BETWEEN ?2 AND ?3) "
        "FROM event WHERE territory = ?1 AND date BETWEEN ?2 AND ?3",
        "SELECT count(*) FILTER (WHERE status = 'proposed'), count(*) FILTER (WHERE status = "
        "'accepted'), count(*) FILTER (WHERE status = 'rejected') FROM candidate "
        "WHERE territory = ?1 AND active = 1 AND (first_seen BETWEEN ?2 AND ?3 OR "
        "(first_seen IS NULL AND ?3 = '9999-12-31'))",
        "SELECT tonnes, co2e_kg, euros FROM plan WHERE territory = ?1 AND ?2 = ?2 "
        "AND substr(created, 1, 10) <= ?3 ORDER BY created DESC, id DESC",
        "SELECT (SELECT count(*) FROM barrier_record WHERE territory = ?1 AND noted BETWEEN ?2 "
        "AND ?3), count(*), count(*) FILTER (WHERE result = 'worked') FROM lever_trial "
        "WHERE territory = ?1 AND date BETWEEN ?2 AND ?3",
    };
    long v[3];
    int rc = SY_OK;

    for (int i = 0; !rc && i < 5; i++) {
        sqlite3_stmt *q = sqn_stmt(s, 20 + i, sql[i], e);
        char end[24];

        if (!q)
            return SY_ESTORE;
        sq_bind_text(q, 1, n->territory, 0);
        sqn_bind_year(q, 2, n->year);
        if (i == 0) { /* stages as of the end of the year: ?2 of the CTE is that end */
            snprintf(end, sizeof end, "%04d-12-31", n->year > 0 ? n->year : 9999);
            sqlite3_bind_text(q, 2, end, -1, SQLITE_TRANSIENT);
        }
        memset(v, 0, sizeof v);
        rc = sqn_each(s, q,
                      i == 0   ? visit_stage_count
                      : i == 3 ? visit_plan
                               : visit_count,
                      i == 0 || i == 3 ? (void *)n : (void *)v, "computing indicators", e);
        if (rc == 1)
            rc = SY_OK;
        if (i == 1) {
            n->events = v[0];
            n->participants = v[1];
        } else if (i == 2) {
            n->cand_proposed = v[0];
            n->cand_accepted = n->synergies = v[1];
            n->cand_rejected = v[2];
        } else if (i == 4) {
            n->barriers = v[0];
            n->levers_tried = v[1];
            n->levers_worked = v[2];
        }
    }
    return rc;
}

struct terr_list {
    struct net_indicators *v;
    size_t n, cap;
};

#define NET_TERRITORIES_MAX 4096

static int visit_terr(sqlite3_stmt *q, void *arg)
{
    struct terr_list *t = arg;

    int rc = vec_reserve((void **)&t->v, &t->cap, t->n + 1, sizeof *t->v, NET_TERRITORIES_MAX);

    if (rc)
        return rc;
    memset(&t->v[t->n], 0, sizeof t->v[t->n]);
    sq_col_text(q, 0, t->v[t->n].territory, sizeof t->v[t->n].territory);
    sq_col_text(q, 1, t->v[t->n].name, sizeof t->v[t->n].name);
    t->n++;
    return 0;
}

int store_network_indicators(struct store *st, int year, store_indicators_cb cb, void *ctx,
                             struct err *e)
{
    struct sqlite_store *s = sqn(st);
    struct terr_list t = {NULL, 0, 0};
    sqlite3_stmt *q = sqn_stmt(s, 19, "SELECT code, name FROM territory ORDER BY code", e);
    int rc;

    if (!q)
        return SY_ESTORE;
    rc = sqn_each(s, q, visit_terr, &t, "listing territories", e);
    if (rc == SY_ELIMIT)
        rc = err_set(e, SY_ELIMIT, "more than %d territories in one network", NET_TERRITORIES_MAX);
    else if (rc == SY_ENOMEM)
        rc = err_set(e, SY_ENOMEM, "out of memory listing territories");
    for (size_t i = 0; !rc && i < t.n; i++) {
        t.v[i].year = year;
        rc = indicators_one(s, &t.v[i], e);
        if (!rc)
            rc = cb(ctx, &t.v[i]);
    }
    free(t.v);
    return rc;
}
