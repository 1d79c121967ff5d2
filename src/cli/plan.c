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
       "supply has fate 'running' is an exchange that already runs (status running);\n"
       "a synergy at stage running is the network's own (status existing, its quantity\n"
       "kept first): both are shown, not added to the total. Declared supplies nothing\n"
       "takes follow as 'no-outlet' lines.\n"
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

/* The plan's total as a line (PLAN_LINE_TOTAL): the sums, the territory
 * in the supplier column, and a note on what is summed in sources. */
static int print_total(struct out *o, const struct plan *p)
{
    static struct plan_line t; /* sources is large: not on the stack */
    int est = 0;

    for (size_t i = 0; i < p->n; i++) /* the total is the sum of the new lines */
        est |= !plan_line_runs(&p->lines[i]) && strcmp(p->lines[i].quality, "declared") != 0;
    memset(&t, 0, sizeof t);
    t.kind = PLAN_LINE_TOTAL;
    snprintf(t.supplier_id, sizeof t.supplier_id, "%s", p->territory);
    t.tonnes = p->tonnes;
    t.co2e_kg = p->co2e_kg;
    t.euros = p->euros;
    t.co2e_low = p->co2e_low;
    t.co2e_high = p->co2e_high;
    t.euros_low = p->euros_low;
    t.euros_high = p->euros_high;
    snprintf(t.quality, sizeof t.quality, "%s", est ? "estimated" : "declared");
    if (p->id > 0)
        snprintf(t.sources, sizeof t.sources, _("sum of the new lines; plan %ld, objective %s"),
                 p->id, p->objective);
    else
        snprintf(t.sources, sizeof t.sources, _("sum of the new lines; not stored, objective %s"),
                 p->objective);
    if (p->running_tonnes > 0 || p->running_co2e_kg != 0 || p->running_euros != 0)
        snprintf(t.sources + strlen(t.sources), sizeof t.sources - strlen(t.sources),
                 "; exchanges already running, not counted: %.1f t, %.1f kg CO2e, %.2f EUR",
                 p->running_tonnes, p->running_co2e_kg, p->running_euros);
    return out_rec(o, &t);
}

/* The lines of p (and its total unless a ledger) then its idle supplies. */
static int print_plan(struct cli *c, enum out_format fmt, const struct plan *p, int ledger)
{
    struct out *o = cli_out_records(c, fmt, &rec_plan_line);
    int rc = SY_OK;

    if (!o)
        return err_set(&c->err, SY_ENOMEM, _("out of memory printing the plan"));
    for (size_t i = 0; !rc && i < p->n; i++)
        rc = out_rec(o, &p->lines[i]);
    if (!rc && !ledger)
        rc = print_total(o, p);
    for (size_t i = 0; !rc && i < p->nidle; i++)
        rc = out_rec(o, &p->idle[i]);
    if (!rc)
        rc = out_finish(o);
    out_free(o);
    return rc;
}

static int print_plan_row(void *ctx, const struct plan *p)
{
    return out_rec(ctx, p);
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
        return cli_print_records(c, fmt, &rec_plan, list_plans, terr);
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
    if (!rc) {
        plan_add_totals(&p); /* the ranges and running sums of the stored lines */
        rc = print_plan(c, fmt, &p, 0);
    }
    if (!rc && !c->quiet)
        fprintf(c->errf, _("plan %ld of %s, territory %s, objective %s\n"), p.id, p.created,
                p.territory[0] ? p.territory : "-", p.objective);
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
    rc = print_plan(c, fmt, &p, po.ledger);
    if (!rc && !c->quiet && !po.ledger) {
        char id[64], news[96], running[96], idle[96];
        size_t nrun = 0;

        for (size_t i = 0; i < p.n; i++)
            nrun += (size_t)plan_line_runs(&p.lines[i]);
        if (p.id > 0)
            snprintf(id, sizeof id, _("%ld stored"), p.id);
        else
            snprintf(id, sizeof id, "%s", _("(not stored)"));
        /* Each count with its own plural ("1 offre déclarée sans débouché"). */
        snprintf(news, sizeof news, ngettext("%zu new synergy", "%zu new synergies", p.n - nrun),
                 p.n - nrun);
        snprintf(running, sizeof running,
                 ngettext("%zu exchange already running", "%zu exchanges already running", nrun),
                 nrun);
        snprintf(idle, sizeof idle,
                 ngettext("%zu declared supply with no outlet",
                          "%zu declared supplies with no outlet", p.nidle),
                 p.nidle);
        fprintf(c->errf,
                _("plan %s, objective %s: %s, %.1f t diverted, %.1f kg CO2e avoided (%.1f to "
                  "%.1f), %.2f EUR saved net (%.2f to %.2f); %s; %.1f t of supply left to its "
                  "current disposal; %s\n"),
                id, p.objective, news, p.tonnes, p.co2e_kg, p.co2e_low, p.co2e_high, p.euros,
                p.euros_low, p.euros_high, running, p.untreated_qty, idle);
    }
out:
    plan_release(&p);
    store_close(s);
    return rc;
}
