/*
 * pipeline.c - symbiose pipeline set|show|list and symbiose followup: the
 * engagement of each actor of a territory, and whom to call or visit next.
 */
#include "cli/network.h"

#include <stdlib.h>
#include <string.h>

#include "core/followup.h"
#include "util/i18n.h"

static const char pipeline_usage[] =
    N_("usage: symbiose pipeline set ACTOR [STAGE] [--reason R] [--note N] [--by NAME]\n"
       "                             [--date YYYY-MM-DD] [--next ACTION --due YYYY-MM-DD]\n"
       "       symbiose pipeline show ACTOR [--format table|csv|json]\n"
       "       symbiose pipeline list [--territory T] [--stage S] [--format table|csv|json]\n"
       "\n"
       "The engagement of an actor: identified -> contacted -> met -> committed ->\n"
       "data_shared -> in_synergy, or declined (with --reason). Every change is\n"
       "dated (--date, default today) and says who made it (--by, default $USER).\n"
       "--next sets the next action and its due date; --next '' clears it.\n"
       "French stage names are accepted (contacté, rencontré, engagé...).\n");

static const char followup_usage[] =
    N_("usage: symbiose followup --territory T [--days N] [--limit K] [--format table|csv|json]\n"
       "\n"
       "Whom to call or visit next in territory T:\n"
       "  no_contact   actors in the pipeline with no contact for more than N days\n"
       "               (default 90): no dated change and no event attended\n"
       "  overdue      next actions past their due date\n"
       "  visit_first  actors not met yet, ranked by the potential of their best\n"
       "               candidate (CO2e avoided, then euros; from the impact ledger),\n"
       "               at most K (default 10), with the reason in words\n"
       "Run 'symbiose match --territory T' first for the last section.\n");

static const struct out_col pipe_cols[] = {
    {"actor_id", 0, 0}, {"name", 0, 36},   {"territory", 0, 0},    {"stage", 0, 0},
    {"since", 0, 0},    {"by", 0, 16},     {"last_contact", 0, 0}, {"next_action", 0, 32},
    {"due", 0, 0},      {"reason", 0, 32}, {"naf", 0, 0},          {"workforce", 0, 0},
};

struct pipe_list {
    struct out *o;
    int stage; /* -1 = all */
};

static int print_pipe(void *ctx, const struct pipeline_row *p)
{
    struct pipe_list *l = ctx;
    const char *v[] = {p->actor_id, p->actor_name, p->territory,    net_stage_name(p->stage),
                       p->stage_at, p->stage_by,   p->last_contact, p->next_action,
                       p->next_due, p->reason,     p->naf,          p->workforce};

    if (l->stage >= 0 && (int)p->stage != l->stage)
        return 0;
    return out_row(l->o, v);
}

struct pipe_filter {
    const char *territory;
    int stage;
};

static int list_pipe(struct store *s, struct out *o, const void *filter, struct err *e)
{
    const struct pipe_filter *f = filter;
    struct pipe_list l = {o, f->stage};

    return store_pipeline_list(s, f->territory, NULL, print_pipe, &l, e);
}

static int pipeline_list(struct cli *c, int argc, char **argv)
{
    struct pipe_filter f = {NULL, -1};
    enum out_format fmt = OUT_TABLE;
    enum eng_stage st;
    const char *v;
    int got;

    for (int i = 2; i < argc; i++) {
        if ((got = cli_opt(c, argc, argv, &i, "--format", &v)) != 0) {
            if (got < 0 || cli_format(c, v, &fmt, 0))
                return SY_EUSAGE;
        } else if ((got = cli_opt(c, argc, argv, &i, "--territory", &v)) != 0) {
            if (got < 0)
                return SY_EUSAGE;
            f.territory = v;
        } else if ((got = cli_opt(c, argc, argv, &i, "--stage", &v)) != 0) {
            if (got < 0)
                return SY_EUSAGE;
            if (net_stage_parse(v, &st))
                return err_set(&c->err, SY_EUSAGE,
                               _("unknown stage '%s'; use identified, contacted, met, committed, "
                                 "data_shared, in_synergy or declined"),
                               v);
            f.stage = (int)st;
        } else {
            return cli_bad_arg(c, "pipeline", argv[i]);
        }
    }
    return cli_print_list(c, fmt, pipe_cols, sizeof pipe_cols / sizeof pipe_cols[0], list_pipe, &f);
}

static const struct out_col hist_cols[] = {
    {"actor_id", 0, 0}, {"date", 0, 0},    {"stage", 0, 0},
    {"by", 0, 16},      {"reason", 0, 32}, {"note", 0, 40},
};

static int print_hist(void *ctx, const struct engagement *g)
{
    const char *v[] = {g->actor_id, g->at, net_stage_name(g->stage), g->by, g->reason, g->note};

    return out_row(ctx, v);
}

static int list_hist(struct store *s, struct out *o, const void *filter, struct err *e)
{
    struct actor a;
    int rc = store_actor_get(s, filter, &a, e);

    return rc ? rc : store_engagement_list(s, filter, print_hist, o, e);
}

static int pipeline_show(struct cli *c, int argc, char **argv)
{
    enum out_format fmt = OUT_TABLE;
    const char *actor = NULL, *v;
    int got;

    for (int i = 2; i < argc; i++) {
        if ((got = cli_opt(c, argc, argv, &i, "--format", &v)) != 0) {
            if (got < 0 || cli_format(c, v, &fmt, 0))
                return SY_EUSAGE;
        } else if (argv[i][0] == '-' || actor) {
            return cli_bad_arg(c, "pipeline", argv[i]);
        } else {
            actor = argv[i];
        }
    }
    if (!actor)
        return err_set(&c->err, SY_EUSAGE, _("pipeline show needs an ACTOR id"));
    return cli_print_list(c, fmt, hist_cols, sizeof hist_cols / sizeof hist_cols[0], list_hist,
                          actor);
}

static int pipeline_set(struct cli *c, int argc, char **argv)
{
    struct engagement g;
    struct next_action na;
    struct store *s = NULL;
    const char *actor = NULL, *stage = NULL, *by = NULL, *date = NULL, *next = NULL, *due = NULL;
    const char *v;
    int rc, got;

    memset(&g, 0, sizeof g);
    memset(&na, 0, sizeof na);
    for (int i = 2; i < argc; i++) {
        const char **dst = NULL;
        char *text = NULL;

        if ((got = cli_opt(c, argc, argv, &i, "--reason", &v)) != 0)
            text = g.reason;
        else if ((got = cli_opt(c, argc, argv, &i, "--note", &v)) != 0)
            text = g.note;
        else if ((got = cli_opt(c, argc, argv, &i, "--by", &v)) != 0)
            dst = &by;
        else if ((got = cli_opt(c, argc, argv, &i, "--date", &v)) != 0)
            dst = &date;
        else if ((got = cli_opt(c, argc, argv, &i, "--next", &v)) != 0)
            dst = &next;
        else if ((got = cli_opt(c, argc, argv, &i, "--due", &v)) != 0)
            dst = &due;
        if (got < 0)
            return SY_EUSAGE;
        if (text)
            snprintf(text, SY_TEXT_MAX, "%s", v);
        else if (dst)
            *dst = v;
        else if (argv[i][0] == '-' || (actor && stage))
            return cli_bad_arg(c, "pipeline", argv[i]);
        else if (!actor)
            actor = argv[i];
        else
            stage = argv[i];
    }
    if (!actor || (!stage && !next))
        return err_set(&c->err, SY_EUSAGE, _("pipeline set needs an ACTOR and a STAGE or --next"));
    if (stage && net_stage_parse(stage, &g.stage))
        return err_set(&c->err, SY_EUSAGE,
                       _("unknown stage '%s'; use identified, contacted, met, committed, "
                         "data_shared, in_synergy or declined"),
                       stage);
    if (stage && g.stage == STAGE_DECLINED && !g.reason[0])
        return err_set(&c->err, SY_EUSAGE, _("a declined actor needs --reason (why it declined)"));
    if (next && next[0] && !due)
        return err_set(&c->err, SY_EUSAGE, _("--next needs --due YYYY-MM-DD"));
    if (strlen(actor) >= sizeof g.actor_id)
        return err_set(&c->err, SY_EUSAGE, _("actor id too long"));
    if ((rc = cli_net_date(c, "--date", date, g.at)) != 0)
        return rc;
    if (due && (rc = cli_net_date(c, "--due", due, na.due)) != 0)
        return rc;
    snprintf(g.actor_id, sizeof g.actor_id, "%s", actor);
    snprintf(g.by, sizeof g.by, "%s", cli_net_by(by));
    rc = cli_open_store(c, &s);
    if (rc)
        return rc;
    rc = store_begin(s, &c->err);
    if (!rc && stage)
        rc = store_engagement_add(s, &g, &c->err);
    if (!rc && next) {
        snprintf(na.actor_id, sizeof na.actor_id, "%s", actor);
        snprintf(na.action, sizeof na.action, "%s", next);
        snprintf(na.by, sizeof na.by, "%s", g.by);
        cli_net_today(na.set_at);
        rc = store_next_action_put(s, &na, &c->err);
    }
    if (!rc)
        rc = store_commit(s, &c->err);
    else
        store_rollback(s, NULL);
    if (!rc && !c->quiet && stage)
        fprintf(c->out, _("%s: %s on %s by %s\n"), actor, net_stage_name(g.stage), g.at, g.by);
    if (!rc && !c->quiet && next)
        fprintf(c->out,
                next[0] ? _("%s: next action '%s' due %s\n") : _("%s: next action cleared\n"),
                actor, next, na.due);
    store_close(s);
    return rc;
}

int cmd_pipeline(struct cli *c, int argc, char **argv)
{
    if (cli_wants_help(argc, argv) || argc < 2) {
        fputs(_(pipeline_usage), argc < 2 ? c->errf : c->out);
        return argc < 2 ? err_set(&c->err, SY_EUSAGE, _("pipeline needs set, show or list"))
                        : SY_OK;
    }
    if (strcmp(argv[1], "set") == 0)
        return pipeline_set(c, argc, argv);
    if (strcmp(argv[1], "show") == 0)
        return pipeline_show(c, argc, argv);
    if (strcmp(argv[1], "list") == 0)
        return pipeline_list(c, argc, argv);
    return cli_bad_arg(c, "pipeline", argv[1]);
}

static const struct out_col fu_cols[] = {
    {"section", 0, 0}, {"actor_id", 0, 0},     {"name", 0, 32},   {"stage", 0, 0},
    {"days", 1, 0},    {"last_contact", 0, 0}, {"due", 0, 0},     {"quantity", 1, 0},
    {"unit", 0, 0},    {"tonnes", 1, 0},       {"co2e_kg", 1, 0}, {"euros", 1, 0},
    {"quality", 0, 0}, {"reason", 0, 0},
};

static int print_followup(struct cli *c, enum out_format fmt, const struct followup *f)
{
    struct out *o = out_new(c->out, fmt, fu_cols, sizeof fu_cols / sizeof fu_cols[0]);
    char num[5][32];
    int rc = SY_OK;

    if (!o)
        return err_set(&c->err, SY_ENOMEM, _("out of memory"));
    for (size_t i = 0; !rc && i < f->n; i++) {
        const struct followup_item *it = &f->v[i];
        int visit = it->section == FU_VISIT_FIRST;
        const char *v[14];

        snprintf(num[0], sizeof num[0], "%ld", it->days);
        snprintf(num[1], sizeof num[1], "%.0f", it->qty);
        snprintf(num[2], sizeof num[2], "%.1f", it->tonnes);
        snprintf(num[3], sizeof num[3], "%.0f", it->co2e_kg);
        snprintf(num[4], sizeof num[4], "%.0f", it->euros);
        v[0] = followup_section_name(it->section);
        v[1] = it->row.actor_id;
        v[2] = it->row.actor_name;
        v[3] = net_stage_name(it->row.stage);
        v[4] = visit ? "" : num[0];
        v[5] = it->row.last_contact;
        v[6] = it->row.next_due;
        v[7] = visit ? num[1] : "";
        v[8] = visit ? it->unit : "";
        v[9] = visit ? num[2] : "";
        v[10] = visit ? num[3] : "";
        v[11] = visit ? num[4] : "";
        v[12] = visit ? (it->estimated ? "estimated" : "declared") : "";
        v[13] = it->reason;
        if (out_row(o, v))
            rc = err_set(&c->err, SY_EIO, _("cannot write the output"));
    }
    if (!rc && out_finish(o))
        rc = err_set(&c->err, SY_EIO, _("cannot write the output"));
    out_free(o);
    return rc;
}

static int count_opt(struct cli *c, const char *opt, const char *v, long *n)
{
    char *end;

    *n = strtol(v, &end, 10);
    if (*end || end == v || *n < 0 || *n > 100000)
        return err_set(&c->err, SY_EUSAGE, _("%s needs a number from 0 to 100000, not '%s'"), opt,
                       v);
    return SY_OK;
}

int cmd_followup(struct cli *c, int argc, char **argv)
{
    struct followup_opts fo = {NULL, NULL, 90, 10, NULL};
    struct followup f;
    enum out_format fmt = OUT_TABLE;
    struct store *s = NULL;
    char today[16];
    const char *v;
    long n;
    int rc, got;

    if (cli_wants_help(argc, argv)) {
        fputs(_(followup_usage), c->out);
        return SY_OK;
    }
    for (int i = 1; i < argc; i++) {
        if ((got = cli_opt(c, argc, argv, &i, "--format", &v)) != 0) {
            if (got < 0 || cli_format(c, v, &fmt, 0))
                return SY_EUSAGE;
        } else if ((got = cli_opt(c, argc, argv, &i, "--territory", &v)) != 0) {
            if (got < 0)
                return SY_EUSAGE;
            fo.territory = v;
        } else if ((got = cli_opt(c, argc, argv, &i, "--days", &v)) != 0) {
            if (got < 0 || count_opt(c, "--days", v, &n))
                return SY_EUSAGE;
            fo.days = (int)n;
        } else if ((got = cli_opt(c, argc, argv, &i, "--limit", &v)) != 0) {
            if (got < 0 || count_opt(c, "--limit", v, &n))
                return SY_EUSAGE;
            fo.limit = (size_t)n;
        } else {
            return cli_bad_arg(c, "followup", argv[i]);
        }
    }
    if (!fo.territory) {
        fputs(_(followup_usage), c->errf);
        return err_set(&c->err, SY_EUSAGE, _("followup needs --territory T"));
    }
    cli_net_today(today);
    fo.today = today;
    fo.kb_dir = c->kb_dir;
    rc = cli_open_store(c, &s);
    if (rc)
        return rc;
    rc = followup_run(s, &fo, &f, &c->err);
    if (!rc)
        rc = print_followup(c, fmt, &f);
    if (!rc && f.no_candidates && !c->quiet)
        fprintf(c->errf,
                _("note: %s has no candidates yet; run 'symbiose match --territory %s' "
                  "to rank whom to visit first\n"),
                fo.territory, fo.territory);
    followup_release(&f);
    store_close(s);
    return rc;
}
