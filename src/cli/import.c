/*
 * import.c - symbiose import territories|actors|flows|irep FILE.
 */
#include "cli/network.h"

#include <string.h>
#include "util/i18n.h"

static const char import_usage[] =
    N_("usage: symbiose import territories|actors|flows|irep FILE [options]\n"
       "\n"
       "Imports a CSV file in one transaction: either every row lands, or nothing\n"
       "does and every error is listed as FILE:LINE:COLUMN. Re-importing updates\n"
       "rows by id. UTF-8 with or without BOM; ',' or ';' separator; decimal comma\n"
       "accepted. Columns are documented in docs/formats.md.\n"
       "\n"
       "  territories  code,name,region,structure,programme\n"
       "  actors       id,name,siret,naf,kind,territory,address,commune,lat,lon\n"
       "               (optional: workforce,licensed_hazardous,contact_name,...)\n"
       "  flows        actor_id,direction,code,description,quantity,unit,period,\n"
       "               state,confidentiality (optional: id,months,temperature_c)\n"
       "  irep         the IREP register's etablissements file (Lambert II etendu)\n"
       "  sirene       INSEE's StockEtablissement (see 'symbiose import sirene --help')\n"
       "  cards        workshop cards of an event (see 'symbiose import cards --help')\n"
       "\n"
       "Options:\n"
       "  --crs EPSG:N       actors: coordinates are x,y columns in this CRS\n"
       "                     (EPSG:2154 Lambert-93, EPSG:27572 Lambert II etendu)\n"
       "  --territory T      irep: attach every facility to territory T\n"
       "  --dry-run          validate only; change nothing\n"
       "  --no-warnings      do not print warnings\n"
       "\n"
       "Exit status: 0 imported, 1 usage error, 2 invalid input (nothing imported),\n"
       "3 storage error.\n");

int cmd_import(struct cli *c, int argc, char **argv)
{
    struct import_opts o = {0};
    char communes[4200];
    struct import_result r;
    struct store *s = NULL;
    const char *what = NULL, *file = NULL, *v;
    int warnings = 1, rc, got;

    if (argc > 1 && (strcmp(argv[1], "sirene") == 0 || strcmp(argv[1], "cards") == 0))
        return cli_import_network(c, argc, argv);
    if (cli_wants_help(argc, argv)) {
        fputs(_(import_usage), c->out);
        return SY_OK;
    }
    for (int i = 1; i < argc; i++) {
        if ((got = cli_opt(c, argc, argv, &i, "--crs", &v)) != 0) {
            if (got < 0)
                return SY_EUSAGE;
            o.crs = v;
        } else if ((got = cli_opt(c, argc, argv, &i, "--territory", &v)) != 0) {
            if (got < 0)
                return SY_EUSAGE;
            o.territory = v;
        } else if (strcmp(argv[i], "--dry-run") == 0) {
            o.dry_run = 1;
        } else if (strcmp(argv[i], "--no-warnings") == 0) {
            warnings = 0;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return cli_bad_arg(c, "import", argv[i]);
        } else if (!what) {
            what = argv[i];
        } else if (!file) {
            file = argv[i];
        } else {
            return cli_bad_arg(c, "import", argv[i]);
        }
    }
    if (!what || !file) {
        fputs(_(import_usage), c->errf);
        return err_set(&c->err, SY_EUSAGE, _("import needs a kind and a FILE"));
    }
    o.progress = cli_progress;
    o.progress_ctx = c;
    if (c->ref_dir) {
        snprintf(communes, sizeof communes, "%s/communes_grand_est.csv", c->ref_dir);
        o.communes = communes;
    }
    rc = cli_open_store(c, &s);
    if (rc)
        return rc;
    import_result_init(&r, file);
    if (strcmp(what, "actors") == 0)
        rc = import_actors(s, file, &o, &r, &c->err);
    else if (strcmp(what, "flows") == 0)
        rc = import_flows(s, file, &o, &r, &c->err);
    else if (strcmp(what, "territories") == 0)
        rc = import_territories(s, file, &o, &r, &c->err);
    else if (strcmp(what, "irep") == 0) {
        o.kb_dir = c->kb_dir; /* archetypes from the E-PRTR activity */
        rc = import_irep(s, file, &o, &r, &c->err);
    } else
        rc = err_set(&c->err, SY_EUSAGE,
                     _("unknown import '%s'; use territories, actors, flows or irep"), what);
    if (!rc && !o.dry_run && (strcmp(what, "actors") == 0 || strcmp(what, "irep") == 0))
        rc = cli_place_actors(c, s);
    cli_print_diags(c, &r.diags, warnings);
    if (!rc && !c->quiet)
        fprintf(c->out, _("%s: %ld rows %s (%ld new, %ld updated)%s\n"), file, r.rows,
                o.dry_run ? _("valid") : _("imported"), r.inserted, r.updated,
                r.diags.nwarnings ? _(", with warnings") : "");
    import_result_release(&r);
    store_close(s);
    return rc;
}
