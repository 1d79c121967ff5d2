/*
 * elipse.c - symbiose elipse set|show: the yearly self-evaluation in the
 * frame of ELIPSE (Orée with ADEME). Computed indicators come from the
 * database; the others are entered here by the facilitator.
 */
#include "cli/util.h"
#include "cli/year.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/report_build.h"
#include "util/i18n.h"

static const char elipse_usage[] =
    N_("usage: symbiose elipse set --territory T [--year Y] INDICATOR VALUE\n"
       "                           [--by NAME] [--note TEXT]\n"
       "       symbiose elipse show --territory T [--year Y] [--format table|csv|json]\n"
       "\n"
       "The yearly self-evaluation in the frame of ELIPSE, the national referential\n"
       "for EIT approaches (Orée with ADEME: governance, economic model, activities).\n"
       "'show' lists every indicator for the year (default: this year) with its value,\n"
       "whether it is computed from the database or entered, and where it comes from.\n"
       "'set' enters the value of an indicator the database cannot compute: a yes/no,\n"
       "a score 0-4, a percentage or a number, as the indicator's unit says.\n"
       "\n"
       "The indicator list is data/elipse/indicators.csv; see docs/elipse.md.\n");

static const struct out_col show_cols[] = {
    {"code", 0, 0},  {"axis", 0, 0}, {"label", 0, 44}, {"required", 0, 0},
    {"value", 1, 0}, {"unit", 0, 0}, {"basis", 0, 0},  {"source", 0, 50},
};

static int show(struct cli *c, struct store *s, const struct elipse_list *el, const char *terr,
                int year, enum out_format fmt)
{
    struct elipse_row *rows = calloc(el->n ? el->n : 1, sizeof *rows);
    struct territory t;
    struct report r;
    struct out *o = NULL;
    int rc;

    report_init(&r);
    if (!rows)
        return err_set(&c->err, SY_ENOMEM, _("out of memory"));
    rc = store_territory_get(s, terr, &t, &c->err);
    if (rc == SY_ENOTFOUND)
        rc = err_set(&c->err, SY_ENOTFOUND,
                     _("no territory '%s'; 'symbiose territory list' shows them"), terr);
    if (!rc)
        rc = report_territory_figures(s, &t, year, &r, &c->err);
    if (!rc)
        rc = report_elipse_rows(s, el, &r, terr, year, rows, &c->err);
    if (!rc && !(o = out_new(c->out, fmt, show_cols, sizeof show_cols / sizeof show_cols[0])))
        rc = err_set(&c->err, SY_ENOMEM, _("out of memory"));
    for (size_t i = 0; !rc && i < el->n; i++) {
        char v[64] = "";
        const char *vals[8];

        if (isfinite(rows[i].value))
            snprintf(v, sizeof v, "%.15g", rows[i].value);
        vals[0] = rows[i].ind->code, vals[1] = rows[i].ind->axis;
        vals[2] = rows[i].ind->label_en, vals[3] = rows[i].ind->required ? "yes" : "no";
        vals[4] = v, vals[5] = rows[i].ind->unit, vals[6] = rows[i].basis;
        vals[7] = rows[i].source;
        rc = out_row(o, vals);
    }
    if (!rc)
        rc = out_finish(o);
    if (!rc && !c->quiet) {
        size_t req = 0, filled = 0;

        for (size_t i = 0; i < el->n; i++)
            if (rows[i].ind->required) {
                req++;
                filled += isfinite(rows[i].value) != 0;
            }
        fprintf(c->errf, _("elipse: %s %d: %zu of the %zu required indicators filled\n"), terr,
                year, filled, req);
    }
    out_free(o);
    report_release(&r);
    free(rows);
    return rc;
}

int cmd_elipse(struct cli *c, int argc, char **argv)
{
    struct elipse_list el = {0};
    enum out_format fmt = OUT_TABLE;
    const char *terr = NULL, *by = NULL, *note = NULL, *pos[2] = {NULL, NULL}, *v;
    struct store *s = NULL;
    int year, npos = 0, rc, got, is_set;

    if (argc < 2 || cli_wants_help(argc, argv)) {
        fputs(_(elipse_usage), c->out);
        return argc < 2 ? err_set(&c->err, SY_EUSAGE, _("elipse: say 'set' or 'show'")) : SY_OK;
    }
    if (strcmp(argv[1], "set") != 0 && strcmp(argv[1], "show") != 0)
        return err_set(&c->err, SY_EUSAGE, _("elipse: unknown subcommand '%s'; use set or show"),
                       argv[1]);
    is_set = strcmp(argv[1], "set") == 0;
    year = cli_this_year();
    for (int i = 2; i < argc; i++) {
        if ((got = cli_opt(c, argc, argv, &i, "--territory", &v)) != 0) {
            if (got < 0)
                return SY_EUSAGE;
            terr = v;
        } else if ((got = cli_opt(c, argc, argv, &i, "--year", &v)) != 0) {
            if (got < 0 || cli_year(c, v, &year))
                return SY_EUSAGE;
        } else if (is_set && (got = cli_opt(c, argc, argv, &i, "--by", &v)) != 0) {
            if (got < 0)
                return SY_EUSAGE;
            by = v;
        } else if (is_set && (got = cli_opt(c, argc, argv, &i, "--note", &v)) != 0) {
            if (got < 0)
                return SY_EUSAGE;
            note = v;
        } else if (!is_set && (got = cli_opt(c, argc, argv, &i, "--format", &v)) != 0) {
            if (got < 0 || cli_format(c, v, &fmt, 0))
                return SY_EUSAGE;
        } else if (is_set && npos < 2 &&
                   (argv[i][0] != '-' || (npos == 1 && isdigit((unsigned char)argv[i][1])))) {
            /* a value may be negative: refused by validation, not as an option */
            pos[npos++] = argv[i];
        } else {
            return cli_bad_arg(c, "elipse", argv[i]);
        }
    }
    if (!terr)
        return err_set(&c->err, SY_EUSAGE, _("elipse %s: --territory CODE is required"), argv[1]);
    if (is_set && npos != 2)
        return err_set(&c->err, SY_EUSAGE,
                       _("elipse set: give the indicator and its value, e.g. 'elipse set "
                         "--territory %s --year %d G03 1.5'"),
                       terr, year);
    if (!c->kb_dir)
        return err_set(&c->err, SY_EUSAGE,
                       _("no knowledge base folder: pass --kb DIR or set $SYMBIOSE_KB to the "
                         "data/ folder of the repository"));
    rc = elipse_load(c->kb_dir, &el, &c->err);
    if (!rc)
        rc = cli_open_store(c, &s);
    if (!rc && is_set) {
        rc = elipse_set(s, &el, terr, year, pos[0], pos[1], by, note, &c->err);
        if (!rc && !c->quiet)
            fprintf(c->errf, _("elipse: %s %d %s = %s recorded\n"), terr, year, pos[0], pos[1]);
    } else if (!rc) {
        rc = show(c, s, &el, terr, year, fmt);
    }
    elipse_release(&el);
    store_close(s);
    return rc;
}
