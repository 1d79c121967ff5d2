/*
 * synergy.c - symbiose synergy list|show|set: the synergies a territory
 * follows (accepted candidates), their stage and its dated history.
 */
#include "cli/util.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/synergy.h"
#include "store/store_query.h"
#include "store/store_synergy.h"
#include "util/buf.h"
#include "util/i18n.h"

static const char usage[] =
    N_("usage: symbiose synergy list [--territory T] [--stage S] [--format table|csv|json]\n"
       "       symbiose synergy show ID [--format table|csv|json]\n"
       "       symbiose synergy set ID STAGE [--reason TEXT] [--date YYYY-MM-DD]\n"
       "\n"
       "A synergy is a candidate a facilitator accepted ('symbiose match decide KEY\n"
       "accept'). It moves idea -> study -> implementation -> running, one stage at a\n"
       "time (or back one), or is abandoned from any stage with --reason; an\n"
       "abandoned synergy may be reopened as an idea. Every move is dated (--date, a\n"
       "past day; default now) and kept: 'show' prints the synergy and its history\n"
       "(--format csv: the history only; json: one object with a \"history\" array).\n"
       "French stage names are accepted (idée, étude, mise en œuvre, en service,\n"
       "abandonnée).\n");

static const struct out_col cols[] = {
    {"id", 1, 0},          {"territory", 0, 0},     {"stage", 0, 0},       {"kind", 0, 0},
    {"supplier_id", 0, 0}, {"supplier", 0, 28},     {"receiver_id", 0, 0}, {"receiver", 0, 28},
    {"resource", 0, 16},   {"quantity", 1, 0},      {"unit", 0, 0},        {"updated", 0, 0},
    {"reason", 0, 32},     {"candidate_key", 0, 0},
};
#define NCOLS (sizeof cols / sizeof cols[0])

struct rows {
    struct store *s;
    struct out *o;
};

static const struct store_cell *cell(size_t n, const char *const *names, const struct store_cell *c,
                                     const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0)
            return &c[i];
    return NULL;
}

static void text(const struct store_cell *c, char *out, size_t n)
{
    if (!c || c->type == CELL_NULL)
        out[0] = 0;
    else if (c->type == CELL_INT)
        snprintf(out, n, "%lld", c->i);
    else if (c->type == CELL_REAL)
        snprintf(out, n, "%.17g", c->d);
    else
        snprintf(out, n, "%s", c->s);
}

static int on_row(void *ctx, size_t n, const char *const *names, const struct store_cell *c)
{
    static const char *const from[NCOLS] = {
        "id", "territory",     "stage",    "kind", "supplier_id", NULL,     "receiver_id",
        NULL, "resource_code", "quantity", "unit", "updated",     "reason", "candidate_key"};
    struct rows *r = ctx;
    char v[NCOLS][512];
    const char *p[NCOLS];
    struct actor a;

    for (size_t k = 0; k < NCOLS; k++) {
        v[k][0] = 0;
        if (from[k])
            text(cell(n, names, c, from[k]), v[k], sizeof v[k]);
        p[k] = v[k];
    }
    for (size_t k = 5; k <= 7; k += 2) /* the names beside the ids */
        if (v[k - 1][0] && store_actor_get(r->s, v[k - 1], &a, NULL) == 0)
            snprintf(v[k], sizeof v[k], "%s", a.name);
    return out_row(r->o, p);
}

struct list_filter {
    const char *territory, *stage, *id;
};

static int list_rows(struct store *s, struct out *o, const void *filter, struct err *e)
{
    const struct list_filter *f = filter;
    struct rows r = {s, o};
    struct store_query q = {.what = SL_SYNERGIES, .limit = -1};
    long total;

    if (f->id)
        return store_query_one(s, SL_SYNERGIES, f->id, on_row, &r, e);
    q.filter[0] = f->territory;
    q.filter[1] = f->stage;
    q.limit = 1000000;
    return store_query(s, &q, &total, on_row, &r, e);
}

static int stage_arg(struct cli *c, const char *v, enum synergy_stage *st)
{
    if (synergy_stage_parse(v, st))
        return err_set(&c->err, SY_EUSAGE,
                       _("unknown stage '%s'; use idea, study, implementation, running or "
                         "abandoned"),
                       v);
    return 0;
}

static int syn_list(struct cli *c, int argc, char **argv)
{
    struct list_filter f = {NULL, NULL, NULL};
    enum out_format fmt = OUT_TABLE;
    enum synergy_stage st;
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
            if (got < 0 || stage_arg(c, v, &st))
                return SY_EUSAGE;
            f.stage = synergy_stage_name(st);
        } else {
            return cli_bad_arg(c, "synergy list", argv[i]);
        }
    }
    return cli_print_list(c, fmt, cols, NCOLS, list_rows, &f);
}

static const struct out_col hist_cols[] = {{"at", 0, 0}, {"stage", 0, 0}, {"reason", 0, 48}};

static int on_hist(void *ctx, size_t n, const char *const *names, const struct store_cell *c)
{
    char v[3][512];
    const char *p[3] = {v[0], v[1], v[2]};

    text(cell(n, names, c, "at"), v[0], sizeof v[0]);
    text(cell(n, names, c, "stage"), v[1], sizeof v[1]);
    text(cell(n, names, c, "reason"), v[2], sizeof v[2]);
    return out_row(ctx, p);
}

static int list_hist(struct store *s, struct out *o, const void *filter, struct err *e)
{
    enum synergy_stage st;
    int rc = store_synergy_stage(s, atol(filter), &st, e);

    return rc ? rc : store_synergy_history(s, atol(filter), on_hist, o, e);
}

/* Writes the rows of list(filter) as JSON into *out (parsed). */
static int json_of(struct cli *c, struct store *s, const struct out_col *cl, size_t n,
                   cli_list_fn list, const void *filter, json_t **out)
{
    struct buf b = BUF_INIT;
    struct out_sink sink = {NULL, &b};
    struct out *o = out_new_sink(sink, OUT_JSON, cl, n);
    int rc;

    if (!o)
        return err_set(&c->err, SY_ENOMEM, _("out of memory"));
    rc = list(s, o, filter, &c->err);
    if (!rc)
        rc = out_finish(o);
    out_free(o);
    if (!rc && !(*out = json_loadb(b.str, b.len, 0, NULL)))
        rc = err_set(&c->err, SY_ENOMEM, _("out of memory"));
    buf_release(&b);
    return rc;
}

/* One JSON object: the synergy's fields and its "history" array. */
static int show_json(struct cli *c, const struct list_filter *f)
{
    struct store *s = NULL;
    json_t *syn = NULL, *hist = NULL, *one;
    int rc;

    if ((rc = cli_open_store_mode(c, &s, STORE_READ)))
        return rc;
    rc = json_of(c, s, cols, NCOLS, list_rows, f, &syn);
    if (!rc)
        rc = json_of(c, s, hist_cols, 3, list_hist, f->id, &hist);
    store_close(s);
    if (!rc && !(one = json_array_get(syn, 0)))
        rc = SY_ENOTFOUND;
    if (!rc) {
        json_object_set(one, "history", hist);
        json_dumpf(one, c->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        fputc('\n', c->out);
    }
    json_decref(syn);
    json_decref(hist);
    return rc;
}

static int syn_show(struct cli *c, int argc, char **argv)
{
    struct list_filter f = {NULL, NULL, NULL};
    enum out_format fmt = OUT_TABLE;
    const char *v;
    int got, rc;

    for (int i = 2; i < argc; i++) {
        if ((got = cli_opt(c, argc, argv, &i, "--format", &v)) != 0) {
            if (got < 0 || cli_format(c, v, &fmt, 0))
                return SY_EUSAGE;
        } else if (argv[i][0] == '-' || f.id) {
            return cli_bad_arg(c, "synergy show", argv[i]);
        } else {
            f.id = argv[i];
        }
    }
    if (!f.id)
        return err_set(&c->err, SY_EUSAGE,
                       _("synergy show needs a synergy ID (see 'synergy list')"));
    if (fmt == OUT_JSON)
        rc = show_json(c, &f);
    else if (fmt == OUT_CSV) /* the history only: one table per file */
        rc = cli_print_list(c, fmt, hist_cols, 3, list_hist, f.id);
    else {
        rc = cli_print_list(c, fmt, cols, NCOLS, list_rows, &f);
        if (!rc) {
            fputs(_("\nhistory:\n"), c->out);
            rc = cli_print_list(c, fmt, hist_cols, 3, list_hist, f.id);
        }
    }
    if (rc == SY_ENOTFOUND)
        return err_set(&c->err, rc, _("no synergy %s; see 'symbiose synergy list'"), f.id);
    return rc;
}

static int syn_set(struct cli *c, int argc, char **argv)
{
    const char *id = NULL, *stage = NULL, *reason = "", *day = NULL, *v, *field;
    enum synergy_stage st;
    struct store *s = NULL;
    char *end;
    long n;
    int got, rc;

    for (int i = 2; i < argc; i++) {
        if ((got = cli_opt(c, argc, argv, &i, "--reason", &v)) != 0) {
            if (got < 0)
                return SY_EUSAGE;
            reason = v;
        } else if ((got = cli_opt(c, argc, argv, &i, "--date", &v)) != 0) {
            if (got < 0)
                return SY_EUSAGE;
            day = v;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return cli_bad_arg(c, "synergy set", argv[i]);
        } else if (!id) {
            id = argv[i];
        } else if (!stage) {
            stage = argv[i];
        } else {
            return cli_bad_arg(c, "synergy set", argv[i]);
        }
    }
    if (!id || !stage)
        return err_set(
            &c->err, SY_EUSAGE,
            _("usage: symbiose synergy set ID STAGE [--reason TEXT] [--date YYYY-MM-DD]"));
    n = strtol(id, &end, 10);
    if (*end || n < 1)
        return err_set(&c->err, SY_EUSAGE, _("synergy ID '%s': a number (see 'synergy list')"), id);
    if (stage_arg(c, stage, &st))
        return SY_EUSAGE;
    if ((rc = cli_open_store_mode(c, &s, STORE_WRITE)))
        return rc;
    rc = synergy_move(s, n, st, reason, day, &field, &c->err);
    if (!rc && !c->quiet)
        fprintf(c->errf, _("synergy %ld: %s\n"), n, synergy_stage_name(st));
    store_close(s);
    return rc;
}

int cmd_synergy(struct cli *c, int argc, char **argv)
{
    if (cli_wants_help(argc, argv) || argc < 2) {
        fputs(_(usage), argc < 2 ? c->errf : c->out);
        return argc < 2 ? err_set(&c->err, SY_EUSAGE, _("synergy needs list, show or set")) : SY_OK;
    }
    if (strcmp(argv[1], "list") == 0)
        return syn_list(c, argc, argv);
    if (strcmp(argv[1], "show") == 0)
        return syn_show(c, argc, argv);
    if (strcmp(argv[1], "set") == 0)
        return syn_set(c, argc, argv);
    return cli_bad_arg(c, "synergy", argv[1]);
}
