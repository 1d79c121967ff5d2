/*
 * plan.c - symbiose plan: allocate supplies to demands with the network
 * simplex and print the plan with its impact (tonnes, CO2e, euros) and the
 * factors behind every figure; --ledger prints the impact of every candidate.
 */
#include "cli/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/plan_run.h"
#include "store/store_edit.h"
#include "util/i18n.h"

static const char plan_usage[] =
    N_("usage: symbiose plan [--territory T] [--objective euros|co2e|tonnes]\n"
       "                     [--include-prospective] [--factors DIR] [--ledger]\n"
       "                     [--no-store] [--format table|csv|json|xlsx]\n"
       "       symbiose plan list [--territory T] [--format table|csv|json|xlsx]\n"
       "       symbiose plan show ID [--format table|csv|json|xlsx]\n"
       "\n"
       "Allocates each supply to the receivers of its substitution candidates so\n"
       "that the chosen benefit is largest (default euros saved), the rest going to\n"
       "its current disposal and unmet demand to virgin purchases. Prints one line\n"
       "per synergy kept, then a 'total' line that is the sum of the lines, and\n"
       "stores the plan (unless --no-store). Every line names the factors used,\n"
       "their source and version; quality is 'estimated' when a quantity or a\n"
       "CO2e factor is estimated (euro values carry their own flag in sources).\n"
       "Declared demands are served before presumed ones. Euros are net of the price\n"
       "paid to the supplier, the annualised investment and the operating cost of the\n"
       "resource's family; *_low and *_high give the range, gross_* the figures before\n"
       "those costs, flags a line outside its family's plausible bounds. A line whose\n"
       "supply has fate 'running' is an exchange that already runs (status running):\n"
       "shown, not added to the total. Declared supplies nothing takes follow as\n"
       "'no-outlet' lines.\n"
       "\n"
       "  --ledger      the impact of every candidate at its matched quantity, not\n"
       "                allocated: lines are alternatives, so there is no total\n"
       "  --factors DIR transport.csv, disposal.csv or virgin.csv whose rows replace\n"
       "                those of data/factors by id or prefix ($SYMBIOSE_FACTORS)\n"
       "\n"
       "list shows the stored plans, newest first; show prints a stored plan's\n"
       "lines and total as they were computed.\n"
       "\n"
       "Method and factors: docs/impact.md, data/factors/README.md.\n");

static const struct out_col plans_cols[] = {
    {"id", 1, 0},     {"territory", 0, 0}, {"objective", 0, 0}, {"created", 0, 0},
    {"tonnes", 1, 0}, {"co2e_kg", 1, 0},   {"euros", 1, 0},     {"untreated_qty", 1, 0},
};

static const struct out_col plan_cols[] = {
    {"line", 0, 0},       {"supplier", 0, 0},  {"receiver", 0, 0},      {"resource", 0, 0},
    {"quantity", 1, 0},   {"unit", 0, 0},      {"distance_km", 1, 0},   {"tonnes", 1, 0},
    {"co2e_kg", 1, 0},    {"euros", 1, 0},     {"quality", 0, 0},       {"sources", 0, 48},
    {"candidate", 0, 40}, {"status", 0, 0},    {"gross_co2e_kg", 1, 0}, {"gross_euros", 1, 0},
    {"co2e_low", 1, 0},   {"co2e_high", 1, 0}, {"euros_low", 1, 0},     {"euros_high", 1, 0},
    {"flags", 0, 48},
};
#define PLAN_NCOLS (sizeof plan_cols / sizeof plan_cols[0])

static int print_line(struct out *o, const char *kind, const struct plan_line *l)
{
    char q[32], km[32], t[32], co2[32], eur[32], g[6][32];
    const char *v[PLAN_NCOLS] = {0};
    const double gv[6] = {l->gross_co2e_kg, l->gross_euros, l->co2e_low,
                          l->co2e_high,     l->euros_low,   l->euros_high};

    snprintf(q, sizeof q, "%.3f", l->quantity);
    snprintf(km, sizeof km, "%.1f", l->distance_km);
    snprintf(t, sizeof t, "%.3f", l->tonnes);
    snprintf(co2, sizeof co2, "%.1f", l->co2e_kg);
    snprintf(eur, sizeof eur, "%.2f", l->euros);
    v[0] = kind;
    v[1] = l->supplier_id;
    v[2] = l->receiver_id;
    v[3] = l->resource_code;
    v[4] = q;
    v[5] = model_unit_name(l->unit);
    v[6] = km;
    v[7] = t;
    v[8] = co2;
    v[9] = eur;
    v[10] = l->quality;
    v[11] = l->sources;
    v[12] = l->candidate_key;
    v[13] = l->status;
    for (int i = 0; i < 6; i++) {
        snprintf(g[i], sizeof g[i], i % 2 == 1 || i >= 4 ? "%.2f" : "%.1f", gv[i]);
        v[14 + i] = g[i];
    }
    v[20] = l->flags;
    if (strcmp(kind, "no-outlet") == 0) {
        v[2] = v[6] = v[7] = v[8] = v[9] = v[12] = "";
        for (int i = 14; i < 20; i++)
            v[i] = "";
    }
    return out_row(o, v);
}

static int print_total(struct out *o, const struct plan *p)
{
    char t[32], co2[32], eur[32], note[320], g[4][32];
    const char *v[PLAN_NCOLS] = {0};
    int est = 0;

    for (size_t i = 0; i < p->n; i++)
        est |= strcmp(p->lines[i].quality, "declared") != 0;
    snprintf(t, sizeof t, "%.3f", p->tonnes);
    snprintf(co2, sizeof co2, "%.1f", p->co2e_kg);
    snprintf(eur, sizeof eur, "%.2f", p->euros);
    if (p->id > 0)
        snprintf(note, sizeof note, _("sum of the new lines; plan %ld, objective %s"), p->id,
                 p->objective);
    else
        snprintf(note, sizeof note, _("sum of the new lines; not stored, objective %s"),
                 p->objective);
    if (p->running_tonnes > 0 || p->running_co2e_kg != 0 || p->running_euros != 0)
        snprintf(note + strlen(note), sizeof note - strlen(note),
                 "; exchanges already running, not counted: %.1f t, %.1f kg CO2e, %.2f EUR",
                 p->running_tonnes, p->running_co2e_kg, p->running_euros);
    snprintf(g[0], sizeof g[0], "%.1f", p->co2e_low);
    snprintf(g[1], sizeof g[1], "%.1f", p->co2e_high);
    snprintf(g[2], sizeof g[2], "%.2f", p->euros_low);
    snprintf(g[3], sizeof g[3], "%.2f", p->euros_high);
    v[16] = g[0];
    v[17] = g[1];
    v[18] = g[2];
    v[19] = g[3];
    v[0] = "total";
    v[1] = p->territory;
    v[7] = t;
    v[8] = co2;
    v[9] = eur;
    v[10] = est ? "estimated" : "declared";
    v[11] = note;
    return out_row(o, v);
}

static int print_plan_row(void *ctx, const struct plan *p)
{
    char id[32], t[32], co2[32], eur[32], un[32];
    const char *v[8];

    snprintf(id, sizeof id, "%ld", p->id);
    snprintf(t, sizeof t, "%.3f", p->tonnes);
    snprintf(co2, sizeof co2, "%.1f", p->co2e_kg);
    snprintf(eur, sizeof eur, "%.2f", p->euros);
    snprintf(un, sizeof un, "%.3f", p->untreated_qty);
    v[0] = id;
    v[1] = p->territory;
    v[2] = p->objective;
    v[3] = p->created;
    v[4] = t;
    v[5] = co2;
    v[6] = eur;
    v[7] = un;
    return out_row(ctx, v);
}

static int list_plans(struct store *s, struct out *o, const void *filter, struct err *e)
{
    return store_plan_list(s, filter, print_plan_row, o, e);
}

/* plan list [--territory T] and plan show ID. */
static int plan_read(struct cli *c, int argc, char **argv)
{
    enum out_format fmt = OUT_TABLE;
    const char *terr = NULL, *id = NULL, *v;
    struct plan p = {0};
    struct store *s = NULL;
    struct out *o = NULL;
    int rc, got, show = strcmp(argv[1], "show") == 0;
    char *end;
    long n;

    for (int i = 2; i < argc; i++) {
        if ((got = cli_opt(c, argc, argv, &i, "--format", &v)) != 0) {
            if (got < 0 || cli_format(c, v, &fmt, 0))
                return SY_EUSAGE;
        } else if (!show && (got = cli_opt(c, argc, argv, &i, "--territory", &v)) != 0) {
            if (got < 0)
                return SY_EUSAGE;
            terr = v;
        } else if (show && !id && argv[i][0] != '-') {
            id = argv[i];
        } else {
            return cli_bad_arg(c, "plan", argv[i]);
        }
    }
    if (!show)
        return cli_print_list(c, fmt, plans_cols, sizeof plans_cols / sizeof plans_cols[0],
                              list_plans, terr);
    if (!id)
        return err_set(&c->err, SY_EUSAGE,
                       _("plan show needs a plan id; see 'symbiose plan list'"));
    n = strtol(id, &end, 10);
    if (*end || end == id || n <= 0)
        return err_set(&c->err, SY_EUSAGE,
                       _("plan id '%s' is not a number; see 'symbiose plan list'"), id);
    if ((rc = cli_open_store_mode(c, &s, STORE_READ)))
        return rc;
    rc = store_plan_get(s, n, &p, &c->err);
    if (!rc && !(o = out_new(c->out, fmt, plan_cols, PLAN_NCOLS)))
        rc = err_set(&c->err, SY_ENOMEM, _("out of memory printing the plan"));
    for (size_t i = 0; !rc && i < p.n; i++)
        rc = print_line(o, "synergy", &p.lines[i]);
    if (!rc)
        rc = print_total(o, &p);
    if (!rc)
        rc = out_finish(o);
    if (!rc && !c->quiet)
        fprintf(c->errf, _("plan %ld of %s, territory %s, objective %s\n"), p.id, p.created,
                p.territory[0] ? p.territory : "-", p.objective);
    out_free(o);
    store_plan_release(&p);
    store_close(s);
    return rc;
}

int cmd_plan(struct cli *c, int argc, char **argv)
{
    struct plan_opts po = {0};
    enum out_format fmt = OUT_TABLE;
    struct plan p = {0};
    struct store *s = NULL;
    struct out *o = NULL;
    const char *v;
    int rc, got;

    if (cli_wants_help(argc, argv)) {
        fputs(_(plan_usage), c->out);
        return SY_OK;
    }
    if (argc >= 2 && (strcmp(argv[1], "list") == 0 || strcmp(argv[1], "show") == 0))
        return plan_read(c, argc, argv);
    po.objective = PLAN_EUROS;
    po.store = 1;
    po.factors_dir = getenv("SYMBIOSE_FACTORS");
    if (po.factors_dir && !po.factors_dir[0])
        po.factors_dir = NULL;
    for (int i = 1; i < argc; i++) {
        if ((got = cli_opt(c, argc, argv, &i, "--format", &v)) != 0) {
            if (got < 0 || cli_format(c, v, &fmt, 0))
                return SY_EUSAGE;
        } else if ((got = cli_opt(c, argc, argv, &i, "--territory", &v)) != 0) {
            if (got < 0)
                return SY_EUSAGE;
            po.territory = v;
        } else if ((got = cli_opt(c, argc, argv, &i, "--objective", &v)) != 0) {
            if (got < 0 || plan_objective_parse(v, &po.objective, &c->err))
                return SY_EUSAGE;
        } else if ((got = cli_opt(c, argc, argv, &i, "--factors", &v)) != 0) {
            if (got < 0)
                return SY_EUSAGE;
            po.factors_dir = v;
        } else if (strcmp(argv[i], "--include-prospective") == 0) {
            po.include_prospective = 1;
        } else if (strcmp(argv[i], "--ledger") == 0) {
            po.ledger = 1;
        } else if (strcmp(argv[i], "--no-store") == 0) {
            po.store = 0;
        } else {
            return cli_bad_arg(c, "plan", argv[i]);
        }
    }
    if (!c->kb_dir)
        return err_set(&c->err, SY_EUSAGE,
                       _("no knowledge base folder: pass --kb DIR or set $SYMBIOSE_KB to the "
                         "data/ folder of the repository"));
    rc = cli_open_store_mode(c, &s, STORE_WRITE);
    if (rc)
        return rc;
    rc = plan_run(s, c->kb_dir, &po, &p, &c->err);
    if (rc)
        goto out;
    o = out_new(c->out, fmt, plan_cols, PLAN_NCOLS);
    if (!o) {
        rc = err_set(&c->err, SY_ENOMEM, _("out of memory printing the plan"));
        goto out;
    }
    for (size_t i = 0; !rc && i < p.n; i++)
        rc = print_line(o, po.ledger ? "candidate" : "synergy", &p.lines[i]);
    if (!rc && !po.ledger)
        rc = print_total(o, &p);
    for (size_t i = 0; !rc && i < p.nidle; i++)
        rc = print_line(o, "no-outlet", &p.idle[i]);
    if (!rc)
        rc = out_finish(o);
    if (!rc && !c->quiet && !po.ledger) {
        char id[32] = "(not stored)";

        if (p.id > 0)
            snprintf(id, sizeof id, "%ld stored", p.id);
        fprintf(c->errf,
                _("plan %s, objective %s: %zu synergies, %.1f t diverted, %.1f kg CO2e avoided "
                  "(%.1f to %.1f), %.2f EUR saved net (%.2f to %.2f); %.1f t of supply left to "
                  "its current disposal; %zu declared supplies with no outlet\n"),
                id, p.objective, p.n, p.tonnes, p.co2e_kg, p.co2e_low, p.co2e_high, p.euros,
                p.euros_low, p.euros_high, p.untreated_qty, p.nidle);
    }
out:
    out_free(o);
    plan_release(&p);
    store_close(s);
    return rc;
}
