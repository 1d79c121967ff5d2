/*
 * barrier.c - symbiose barrier ... and symbiose lever ...: the library of
 * barriers and levers, what each territory met and tried, and the network
 * query "for this barrier, which levers worked where, and whom to call".
 */
#include "cli/network.h"

#include <stdlib.h>
#include <string.h>

#include "core/library.h"
#include "util/i18n.h"
#include "util/strmap.h"

static const char barrier_usage[] =
    N_("usage: symbiose barrier load [--barriers FILE] [--levers FILE]\n"
       "       symbiose barrier list [--category C] [--format table|csv|json]\n"
       "       symbiose barrier add CODE --territory T [--date D] [--by NAME] [--notes N]\n"
       "       symbiose barrier met [--territory T] [--year Y] [--format table|csv|json]\n"
       "       symbiose barrier levers CODE [--format table|csv|json]\n"
       "\n"
       "The library (data/barriers.csv, data/levers.csv) is loaded by 'barrier load'\n"
       "(and on first use). Categories: time, trust, data, regulation, economics,\n"
       "logistics, governance, technical. 'add' records that territory T faces a\n"
       "barrier; 'met' lists those records. 'levers' is the network query: the\n"
       "levers tried against this barrier in every territory, best results first\n"
       "(worked counts 2, partly 1, did not 0, averaged over the trials), with the\n"
       "facilitator to call; then the library's other levers for it, not tried yet.\n");

static const char lever_usage[] =
    N_("usage: symbiose lever list [--barrier B] [--format table|csv|json]\n"
       "       symbiose lever try CODE --territory T --result worked|partly|did_not\n"
       "                          [--barrier B] [--date D] [--by NAME] [--notes N]\n"
       "       symbiose lever tried [--territory T] [--year Y] [--format table|csv|json]\n"
       "\n"
       "'try' records a lever a territory tried, when (--date, default today), by\n"
       "whom (--by, default $USER) and with what result (French words accepted:\n"
       "a fonctionné, en partie, échec).\n");

static int any_barrier(void *ctx, const struct barrier *b)
{
    (void)b;
    *(int *)ctx = 1;
    return 1;
}

static int load_file(struct cli *c, struct store *s, const char *path, int levers, int say)
{
    struct import_result r;
    int rc;

    import_result_init(&r, path);
    rc = levers ? import_levers(s, path, NULL, &r, &c->err)
                : import_barriers(s, path, NULL, &r, &c->err);
    cli_print_diags(c, &r.diags, 1);
    if (!rc && say && !c->quiet)
        fprintf(c->out,
                levers ? _("%ld levers loaded from %s\n") : _("%ld barriers loaded from %s\n"),
                r.inserted + r.updated, path);
    import_result_release(&r);
    return rc;
}

/* Loads the library (the knowledge base's files unless named); when not
 * forced, only if no barrier is stored yet. */
static int load_library(struct cli *c, struct store *s, const char *bpath, const char *lpath,
                        int force)
{
    char pb[4096], pl[4096];
    int any = 0, rc;

    if (!force) {
        rc = store_barrier_list(s, -1, any_barrier, &any, &c->err);
        if (rc < 0 || any)
            return rc < 0 ? rc : SY_OK;
    }
    snprintf(pb, sizeof pb, "%s/barriers.csv", c->kb_dir);
    snprintf(pl, sizeof pl, "%s/levers.csv", c->kb_dir);
    rc = load_file(c, s, bpath ? bpath : pb, 0, force);
    return rc ? rc : load_file(c, s, lpath ? lpath : pl, 1, force);
}

/* Opens the store with the library loaded. */
static int open_with_library(struct cli *c, struct store **s)
{
    int rc = cli_open_store(c, s);

    if (!rc && (rc = load_library(c, *s, NULL, NULL, 0)) != 0) {
        store_close(*s);
        *s = NULL;
    }
    return rc;
}

static int parse_year(struct cli *c, const char *v, int *year)
{
    char *end;

    *year = (int)strtol(v, &end, 10);
    if (*end || *year < 1900 || *year > 2199)
        return err_set(&c->err, SY_EUSAGE, _("--year needs a year such as 2025, not '%s'"), v);
    return SY_OK;
}

/* Lists through cb after loading the library; filter is the listing's. */
typedef int (*lib_list_fn)(struct store *s, struct out *o, const void *filter, struct err *e);

static int print_lib_list(struct cli *c, enum out_format fmt, const struct out_col *cols,
                          size_t ncols, lib_list_fn list, const void *filter)
{
    struct store *s = NULL;
    struct out *o;
    int rc = open_with_library(c, &s);

    if (rc)
        return rc;
    o = out_new(c->out, fmt, cols, ncols);
    if (!o) {
        store_close(s);
        return err_set(&c->err, SY_ENOMEM, _("out of memory"));
    }
    rc = list(s, o, filter, &c->err);
    if (!rc && out_finish(o))
        rc = err_set(&c->err, SY_EIO, _("cannot write the output"));
    out_free(o);
    store_close(s);
    return rc;
}

/* ---- barrier ---- */

static const struct out_col barrier_cols[] = {
    {"code", 0, 0},      {"category", 0, 0},        {"label_en", 0, 40},
    {"label_fr", 0, 40}, {"description_fr", 0, 50}, {"basis", 0, 30},
};

static int print_barrier(void *ctx, const struct barrier *b)
{
    const char *v[] = {b->code,        net_barrier_cat_name(b->category),
                       b->label_en,    b->label_fr,
                       b->description, b->basis};

    return out_row(ctx, v);
}

static int list_barriers(struct store *s, struct out *o, const void *filter, struct err *e)
{
    return store_barrier_list(s, *(const int *)filter, print_barrier, o, e);
}

static const struct out_col brec_cols[] = {
    {"territory", 0, 0}, {"barrier", 0, 0}, {"label_en", 0, 40},
    {"noted", 0, 0},     {"by", 0, 16},     {"notes", 0, 40},
};

static int print_brec(void *ctx, const struct barrier_record *r)
{
    const char *v[] = {r->territory, r->barrier, r->barrier_label, r->noted, r->by, r->notes};

    return out_row(ctx, v);
}

static int list_brecs(struct store *s, struct out *o, const void *filter, struct err *e)
{
    return store_barrier_record_list(s, filter, print_brec, o, e);
}

static const struct out_col outcome_cols[] = {
    {"lever", 0, 0},      {"label_en", 0, 36},    {"territory", 0, 0}, {"territory_name", 0, 28},
    {"worked", 1, 0},     {"partly", 1, 0},       {"did_not", 1, 0},   {"score", 1, 0},
    {"last_tried", 0, 0}, {"facilitator", 0, 24}, {"email", 0, 0},     {"phone", 0, 0},
};

struct outcome_ctx {
    struct out *o;
    struct strmap tried;
};

static int print_outcome(void *ctx, const struct lever_outcome *oc)
{
    struct outcome_ctx *x = ctx;
    char w[24], p[24], d[24], sc[24];
    const char *v[] = {
        oc->lever, oc->lever_label, oc->territory,   oc->territory_name, w,        p, d,
        sc,        oc->last_date,   oc->facilitator, oc->email,          oc->phone};

    snprintf(w, sizeof w, "%ld", oc->worked);
    snprintf(p, sizeof p, "%ld", oc->partly);
    snprintf(d, sizeof d, "%ld", oc->did_not);
    snprintf(sc, sizeof sc, "%.2f", oc->score);
    if (strmap_put(&x->tried, oc->lever, 0))
        return SY_ENOMEM;
    return out_row(x->o, v);
}

static int print_untried(void *ctx, const struct lever *l)
{
    struct outcome_ctx *x = ctx;
    const char *v[] = {l->code, l->label_en, "", "", "", "", "", "", "", "", "", ""};

    return strmap_get(&x->tried, l->code, NULL) ? 0 : out_row(x->o, v);
}

static int list_outcomes(struct store *s, struct out *o, const void *filter, struct err *e)
{
    struct outcome_ctx x = {o, {0}};
    struct barrier b = {0};
    int rc = store_barrier_get(s, filter, &b, e);

    strmap_init(&x.tried);
    if (!rc)
        rc = store_lever_outcomes(s, filter, print_outcome, &x, e);
    if (!rc)
        rc = store_lever_list(s, filter, print_untried, &x, e);
    strmap_release(&x.tried);
    return rc == SY_ENOMEM ? err_set(e, rc, _("out of memory")) : rc;
}

static int barrier_add(struct cli *c, int argc, char **argv)
{
    struct barrier_record r;
    struct store *s = NULL;
    struct territory t;
    struct barrier b;
    const char *code = NULL, *terr = NULL, *date = NULL, *by = NULL, *v;
    int rc, got;

    memset(&r, 0, sizeof r);
    for (int i = 2; i < argc; i++) {
        if ((got = cli_opt(c, argc, argv, &i, "--territory", &v)) != 0)
            terr = v;
        else if ((got = cli_opt(c, argc, argv, &i, "--date", &v)) != 0)
            date = v;
        else if ((got = cli_opt(c, argc, argv, &i, "--by", &v)) != 0)
            by = v;
        else if ((got = cli_opt(c, argc, argv, &i, "--notes", &v)) != 0)
            snprintf(r.notes, sizeof r.notes, "%s", v);
        else if (argv[i][0] == '-' || code)
            return cli_bad_arg(c, "barrier", argv[i]);
        else
            code = argv[i];
        if (got < 0)
            return SY_EUSAGE;
    }
    if (!code || !terr)
        return err_set(&c->err, SY_EUSAGE, _("barrier add needs a CODE and --territory T"));
    if ((rc = cli_net_date(c, "--date", date, r.noted)) != 0)
        return rc;
    snprintf(r.territory, sizeof r.territory, "%s", terr);
    snprintf(r.barrier, sizeof r.barrier, "%s", code);
    snprintf(r.by, sizeof r.by, "%s", cli_net_by(by));
    rc = open_with_library(c, &s);
    if (rc)
        return rc;
    rc = store_territory_get(s, terr, &t, &c->err);
    if (!rc)
        rc = store_barrier_get(s, code, &b, &c->err);
    if (!rc)
        rc = store_barrier_record_put(s, &r, &c->err);
    if (!rc && !c->quiet)
        fprintf(c->out, _("%s faces '%s' (noted %s by %s)\n"), terr, b.label_en, r.noted, r.by);
    store_close(s);
    return rc;
}

int cmd_barrier(struct cli *c, int argc, char **argv)
{
    enum out_format fmt = OUT_TABLE;
    struct record_filter rf = {NULL, 0};
    const char *code = NULL, *bpath = NULL, *lpath = NULL, *v;
    enum barrier_cat cat;
    int category = -1, got;
    struct store *s = NULL;
    int rc;

    if (cli_wants_help(argc, argv) || argc < 2) {
        fputs(_(barrier_usage), argc < 2 ? c->errf : c->out);
        return argc < 2
                   ? err_set(&c->err, SY_EUSAGE, _("barrier needs load, list, add, met or levers"))
                   : SY_OK;
    }
    if (strcmp(argv[1], "add") == 0)
        return barrier_add(c, argc, argv);
    for (int i = 2; i < argc; i++) {
        if ((got = cli_opt(c, argc, argv, &i, "--format", &v)) != 0) {
            if (got < 0 || cli_format(c, v, &fmt, 0))
                return SY_EUSAGE;
        } else if ((got = cli_opt(c, argc, argv, &i, "--category", &v)) != 0) {
            if (got < 0)
                return SY_EUSAGE;
            if (net_barrier_cat_parse(v, &cat))
                return err_set(&c->err, SY_EUSAGE,
                               _("unknown category '%s'; use time, trust, data, regulation, "
                                 "economics, logistics, governance or technical"),
                               v);
            category = (int)cat;
        } else if ((got = cli_opt(c, argc, argv, &i, "--territory", &v)) != 0) {
            if (got < 0)
                return SY_EUSAGE;
            rf.territory = v;
        } else if ((got = cli_opt(c, argc, argv, &i, "--year", &v)) != 0) {
            if (got < 0 || parse_year(c, v, &rf.year))
                return SY_EUSAGE;
        } else if ((got = cli_opt(c, argc, argv, &i, "--barriers", &v)) != 0) {
            if (got < 0)
                return SY_EUSAGE;
            bpath = v;
        } else if ((got = cli_opt(c, argc, argv, &i, "--levers", &v)) != 0) {
            if (got < 0)
                return SY_EUSAGE;
            lpath = v;
        } else if (argv[i][0] != '-' && !code && strcmp(argv[1], "levers") == 0) {
            code = argv[i];
        } else {
            return cli_bad_arg(c, "barrier", argv[i]);
        }
    }
    if (strcmp(argv[1], "load") == 0) {
        rc = cli_open_store(c, &s);
        if (!rc)
            rc = load_library(c, s, bpath, lpath, 1);
        store_close(s);
        return rc;
    }
    if (strcmp(argv[1], "list") == 0)
        return print_lib_list(c, fmt, barrier_cols, sizeof barrier_cols / sizeof barrier_cols[0],
                              list_barriers, &category);
    if (strcmp(argv[1], "met") == 0)
        return print_lib_list(c, fmt, brec_cols, sizeof brec_cols / sizeof brec_cols[0], list_brecs,
                              &rf);
    if (strcmp(argv[1], "levers") == 0) {
        if (!code)
            return err_set(&c->err, SY_EUSAGE, _("barrier levers needs a barrier CODE"));
        return print_lib_list(c, fmt, outcome_cols, sizeof outcome_cols / sizeof outcome_cols[0],
                              list_outcomes, code);
    }
    return cli_bad_arg(c, "barrier", argv[1]);
}

/* ---- lever ---- */

static const struct out_col lever_cols[] = {
    {"code", 0, 0},      {"label_en", 0, 40}, {"label_fr", 0, 40}, {"description_fr", 0, 50},
    {"barriers", 0, 40}, {"basis", 0, 30},
};

static int print_lever(void *ctx, const struct lever *l)
{
    const char *v[] = {l->code, l->label_en, l->label_fr, l->description, l->addresses, l->basis};

    return out_row(ctx, v);
}

static int list_levers(struct store *s, struct out *o, const void *filter, struct err *e)
{
    return store_lever_list(s, filter, print_lever, o, e);
}

static const struct out_col trial_cols[] = {
    {"territory", 0, 0}, {"lever", 0, 0},  {"label_en", 0, 36}, {"barrier", 0, 0},
    {"date", 0, 0},      {"result", 0, 0}, {"by", 0, 16},       {"notes", 0, 40},
};

static int print_trial(void *ctx, const struct lever_trial *t)
{
    const char *v[] = {t->territory, t->lever, t->lever_label,
                       t->barrier,   t->date,  net_result_name(t->result),
                       t->by,        t->notes};

    return out_row(ctx, v);
}

static int list_trials(struct store *s, struct out *o, const void *filter, struct err *e)
{
    return store_lever_trial_list(s, filter, print_trial, o, e);
}

static int lever_try(struct cli *c, int argc, char **argv)
{
    struct lever_trial t;
    struct store *s = NULL;
    struct territory terr;
    struct barrier b;
    struct lever l;
    const char *code = NULL, *tcode = NULL, *date = NULL, *by = NULL, *result = NULL, *v;
    int rc, got;

    memset(&t, 0, sizeof t);
    for (int i = 2; i < argc; i++) {
        if ((got = cli_opt(c, argc, argv, &i, "--territory", &v)) != 0)
            tcode = v;
        else if ((got = cli_opt(c, argc, argv, &i, "--result", &v)) != 0)
            result = v;
        else if ((got = cli_opt(c, argc, argv, &i, "--barrier", &v)) != 0)
            snprintf(t.barrier, sizeof t.barrier, "%s", v);
        else if ((got = cli_opt(c, argc, argv, &i, "--date", &v)) != 0)
            date = v;
        else if ((got = cli_opt(c, argc, argv, &i, "--by", &v)) != 0)
            by = v;
        else if ((got = cli_opt(c, argc, argv, &i, "--notes", &v)) != 0)
            snprintf(t.notes, sizeof t.notes, "%s", v);
        else if (argv[i][0] == '-' || code)
            return cli_bad_arg(c, "lever", argv[i]);
        else
            code = argv[i];
        if (got < 0)
            return SY_EUSAGE;
    }
    if (!code || !tcode || !result)
        return err_set(&c->err, SY_EUSAGE, _("lever try needs a CODE, --territory and --result"));
    if (net_result_parse(result, &t.result))
        return err_set(&c->err, SY_EUSAGE, _("unknown result '%s'; use worked, partly or did_not"),
                       result);
    if ((rc = cli_net_date(c, "--date", date, t.date)) != 0)
        return rc;
    snprintf(t.territory, sizeof t.territory, "%s", tcode);
    snprintf(t.lever, sizeof t.lever, "%s", code);
    snprintf(t.by, sizeof t.by, "%s", cli_net_by(by));
    rc = open_with_library(c, &s);
    if (rc)
        return rc;
    rc = store_territory_get(s, tcode, &terr, &c->err);
    if (!rc)
        rc = store_lever_get(s, code, &l, &c->err);
    if (!rc && t.barrier[0])
        rc = store_barrier_get(s, t.barrier, &b, &c->err);
    if (!rc)
        rc = store_lever_trial_add(s, &t, &c->err);
    if (!rc && !c->quiet)
        fprintf(c->out, _("%s tried '%s' on %s: %s\n"), tcode, l.label_en, t.date,
                net_result_name(t.result));
    store_close(s);
    return rc;
}

int cmd_lever(struct cli *c, int argc, char **argv)
{
    enum out_format fmt = OUT_TABLE;
    struct record_filter rf = {NULL, 0};
    const char *barrier = NULL, *v;
    int got;

    if (cli_wants_help(argc, argv) || argc < 2) {
        fputs(_(lever_usage), argc < 2 ? c->errf : c->out);
        return argc < 2 ? err_set(&c->err, SY_EUSAGE, _("lever needs list, try or tried")) : SY_OK;
    }
    if (strcmp(argv[1], "try") == 0)
        return lever_try(c, argc, argv);
    for (int i = 2; i < argc; i++) {
        if ((got = cli_opt(c, argc, argv, &i, "--format", &v)) != 0) {
            if (got < 0 || cli_format(c, v, &fmt, 0))
                return SY_EUSAGE;
        } else if ((got = cli_opt(c, argc, argv, &i, "--barrier", &v)) != 0) {
            if (got < 0)
                return SY_EUSAGE;
            barrier = v;
        } else if ((got = cli_opt(c, argc, argv, &i, "--territory", &v)) != 0) {
            if (got < 0)
                return SY_EUSAGE;
            rf.territory = v;
        } else if ((got = cli_opt(c, argc, argv, &i, "--year", &v)) != 0) {
            if (got < 0 || parse_year(c, v, &rf.year))
                return SY_EUSAGE;
        } else {
            return cli_bad_arg(c, "lever", argv[i]);
        }
    }
    if (strcmp(argv[1], "list") == 0)
        return print_lib_list(c, fmt, lever_cols, sizeof lever_cols / sizeof lever_cols[0],
                              list_levers, barrier);
    if (strcmp(argv[1], "tried") == 0)
        return print_lib_list(c, fmt, trial_cols, sizeof trial_cols / sizeof trial_cols[0],
                              list_trials, &rf);
    return cli_bad_arg(c, "lever", argv[1]);
}
