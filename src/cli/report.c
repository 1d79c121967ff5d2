/*
 * report.c - symbiose report: a funder's report for a territory or the
 * whole network, for a year, as html, xlsx, json, geojson or csv.
 */
#include "cli/util.h"
#include "cli/year.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/report_build.h"
#include "util/i18n.h"

static const char report_usage[] =
    N_("usage: symbiose report (--territory T | --network) [--year Y]\n"
       "                       [--format html|xlsx|json|geojson|csv] [-o FILE]\n"
       "\n"
       "A yearly report for funders: territory and facilitating structure, actors,\n"
       "flows, candidates and synergies, tonnes, CO2e and euros (declared and\n"
       "estimated apart), and the ELIPSE self-evaluation year by year. --network\n"
       "gives every territory and their sum. Every figure says where it comes\n"
       "from: its basis (counted, declared, estimated, entered, computed) and its\n"
       "source (records, plan and factors, or who entered it).\n"
       "\n"
       "  --year Y      the year reported (default: this year); plans up to its end\n"
       "  --format F    html (default): one self-contained page with charts and a\n"
       "                map, offline and printable; xlsx: one sheet per table;\n"
       "                json and csv: the figures for scripts; geojson: actors and\n"
       "                synergies (non-diffusible establishments never appear)\n"
       "  -o FILE       write to FILE instead of standard output\n"
       "\n"
       "See docs/reports.md and docs/elipse.md.\n");

static int parse_year(struct cli *c, const char *v, int *year)
{
    char *end;
    long y;

    errno = 0;
    y = strtol(v, &end, 10);
    if (errno || *end || end == v || y < 1990 || y > 2100)
        return err_set(&c->err, SY_EUSAGE, _("--year '%s': give a year from 1990 to 2100"), v);
    *year = (int)y;
    return SY_OK;
}

int cli_year(struct cli *c, const char *v, int *year)
{
    return parse_year(c, v, year);
}

int cli_this_year(void)
{
    time_t now = time(NULL);
    struct tm tm;

    gmtime_r(&now, &tm);
    return tm.tm_year + 1900;
}

int cmd_report(struct cli *c, int argc, char **argv)
{
    struct report_opts o = {0};
    enum rep_format fmt = REP_HTML;
    struct elipse_list el = {0};
    struct report r;
    struct store *s = NULL;
    const char *v, *path = NULL;
    FILE *f = NULL;
    int rc, got;

    if (cli_wants_help(argc, argv)) {
        fputs(_(report_usage), c->out);
        return SY_OK;
    }
    o.year = cli_this_year();
    o.generator = "symbiose " SY_VERSION;
    for (int i = 1; i < argc; i++) {
        if ((got = cli_opt(c, argc, argv, &i, "--format", &v)) != 0) {
            if (got < 0 || report_format_parse(v, &fmt, &c->err))
                return SY_EUSAGE;
        } else if ((got = cli_opt(c, argc, argv, &i, "--territory", &v)) != 0) {
            if (got < 0)
                return SY_EUSAGE;
            o.territory = v;
        } else if ((got = cli_opt(c, argc, argv, &i, "--year", &v)) != 0) {
            if (got < 0 || parse_year(c, v, &o.year))
                return SY_EUSAGE;
        } else if ((got = cli_opt(c, argc, argv, &i, "-o", &v)) != 0 ||
                   (got = cli_opt(c, argc, argv, &i, "--output", &v)) != 0) {
            if (got < 0)
                return SY_EUSAGE;
            path = v;
        } else if (strcmp(argv[i], "--network") == 0) {
            o.network = 1;
        } else {
            return cli_bad_arg(c, "report", argv[i]);
        }
    }
    if (!o.network == !o.territory)
        return err_set(&c->err, SY_EUSAGE,
                       "report: give --territory CODE or --network (one of them); see "
                       "'symbiose report --help'");
    if (!c->kb_dir)
        return err_set(&c->err, SY_EUSAGE,
                       "no knowledge base folder: pass --kb DIR or set $SYMBIOSE_KB to the "
                       "data/ folder of the repository");
    rc = elipse_load(c->kb_dir, &el, &c->err);
    if (rc)
        return rc;
    report_init(&r);
    rc = cli_open_store(c, &s);
    if (!rc)
        rc = report_build(s, &el, &o, &r, &c->err);
    if (rc)
        goto out;
    if (path) {
        f = fopen(path, "wb");
        if (!f) {
            rc = err_set(&c->err, SY_EIO, _("cannot write '%s': %s"), path, strerror(errno));
            goto out;
        }
    }
    rc = report_write(&r, fmt, f ? f : c->out, &c->err);
    if (f && fclose(f) != 0 && !rc)
        rc = err_set(&c->err, SY_EIO, _("cannot write '%s': %s"), path, strerror(errno));
    if (rc && path)
        remove(path);
    if (!rc && !c->quiet && path)
        fprintf(c->errf, _("report: %s written (%s, %zu figures, %zu tables)\n"), path,
                report_format_name(fmt), r.nfigs, r.ntables);
out:
    report_release(&r);
    elipse_release(&el);
    store_close(s);
    return rc;
}
