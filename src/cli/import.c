/*
 * import.c - symbiose import territories|actors|flows|irep FILE.
 */
#include "cli/network.h"

#include <string.h>
#include <unistd.h>
#include "util/i18n.h"

static const char import_usage[] =
    N_("usage: symbiose import territories|actors|flows|irep FILE [options]\n"
       "\n"
       "Imports a CSV file, or the first sheet of an .xlsx or .ods workbook, in one\n"
       "transaction: either every row lands, or nothing does and every error is\n"
       "listed as FILE:LINE:COLUMN with its sheet, row and column. Re-importing\n"
       "updates rows by id. UTF-8 with or without BOM; ',' or ';' separator;\n"
       "decimal comma accepted. Columns are documented in docs/formats.md.\n"
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
       "  --territory T      irep: attach every facility to territory T;\n"
       "                     --sync: the territory whose rows are synchronised\n"
       "  --dry-run          validate only; change nothing\n"
       "  --sync             actors, flows: also delete the rows of the territory\n"
       "                     that FILE no longer holds (an actor with its flows and\n"
       "                     contacts), after a summary and a confirmation; the\n"
       "                     territory is --territory T, else the one the rows name\n"
       "  --yes              confirm the deletions of --sync without asking (needed\n"
       "                     when the input is not a terminal)\n"
       "  --no-warnings      do not print warnings\n"
       "\n"
       "Exit status: 0 imported, 1 usage error, 2 invalid input (nothing imported),\n"
       "3 storage error.\n");

/* import --sync: prints what would go, then asks on a terminal (or takes
 * --yes). Returns 1 to delete. */
struct sync_ctx {
    struct cli *c;
    int yes; /* --yes */
};

/* "FILE: N rows imported (N new, N updated)", each count with its own plural. */
static void print_rows(struct cli *c, const char *file, const struct import_result *r, int dry)
{
    char news[64], updated[64];

    snprintf(news, sizeof news, ngettext("%ld new", "%ld new", r->inserted), r->inserted);
    snprintf(updated, sizeof updated, ngettext("%ld updated", "%ld updated", r->updated),
             r->updated);
    fprintf(
        c->out,
        dry ? ngettext("%s: %ld row valid (%s, %s)%s\n", "%s: %ld rows valid (%s, %s)%s\n", r->rows)
            : ngettext("%s: %ld row imported (%s, %s)%s\n", "%s: %ld rows imported (%s, %s)%s\n",
                       r->rows),
        file, r->rows, news, updated, r->diags.nwarnings ? _(", with warnings") : "");
}

static int confirm_sync(void *ctx, const struct import_sync *p)
{
    struct cli *c = ((struct sync_ctx *)ctx)->c;
    const char *what = strcmp(p->what, "flows") == 0 ? ngettext("flow", "flows", p->n)
                                                     : ngettext("actor", "actors", p->n);
    char line[16], flows[64], contacts[64];

    if (!p->flows && !p->contacts) {
        fprintf(c->errf,
                ngettext("symbiose import --sync: %ld %s of territory %s is not in %s and will be "
                         "deleted:",
                         "symbiose import --sync: %ld %s of territory %s are not in %s and will be "
                         "deleted:",
                         p->n),
                p->n, what, p->territory, p->file);
    } else {
        snprintf(flows, sizeof flows, ngettext("%ld flow", "%ld flows", p->flows), p->flows);
        snprintf(contacts, sizeof contacts, ngettext("%ld contact", "%ld contacts", p->contacts),
                 p->contacts);
        fprintf(c->errf,
                ngettext("symbiose import --sync: %ld %s of territory %s is not in %s and will be "
                         "deleted, with %s and %s:",
                         "symbiose import --sync: %ld %s of territory %s are not in %s and will be "
                         "deleted, with %s and %s:",
                         p->n),
                p->n, what, p->territory, p->file, flows, contacts);
    }
    for (long i = 0; i < p->n && i < IMPORT_SYNC_LIST; i++)
        fprintf(c->errf, " %s", p->ids[i]);
    fputs(p->n > IMPORT_SYNC_LIST ? " ...\n" : "\n", c->errf);
    if (((struct sync_ctx *)ctx)->yes)
        return 1;
    if (!isatty(fileno(stdin))) {
        fprintf(c->errf, _("symbiose import: not deleting without confirmation: add --yes, or "
                           "run the command in a terminal to be asked\n"));
        return 0;
    }
    fprintf(c->errf, _("Delete them? [y/N] "));
    fflush(c->errf);
    if (!fgets(line, sizeof line, stdin))
        return 0;
    return line[0] == 'y' || line[0] == 'Y' || line[0] == 'o' || line[0] == 'O';
}

int cmd_import(struct cli *c, int argc, char **argv)
{
    struct import_opts o = {0};
    char communes[4200];
    struct import_result r;
    struct store *s = NULL;
    const char *what = NULL, *file = NULL, *v;
    struct sync_ctx sc = {c, 0};
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
        } else if (strcmp(argv[i], "--sync") == 0) {
            o.sync = 1;
        } else if (strcmp(argv[i], "--yes") == 0) {
            sc.yes = 1;
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
    if (o.sync && strcmp(what, "actors") != 0 && strcmp(what, "flows") != 0)
        return err_set(&c->err, SY_EUSAGE, _("--sync is for imports of actors or flows"));
    o.progress = cli_progress;
    o.progress_ctx = c;
    o.confirm = confirm_sync;
    o.confirm_ctx = &sc;
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
        print_rows(c, file, &r, o.dry_run);
    if (!rc && !c->quiet && o.sync)
        fprintf(c->out,
                o.dry_run
                    ? ngettext("%s: %ld row no longer in the file would be deleted\n",
                               "%s: %ld rows no longer in the file would be deleted\n", r.deleted)
                    : ngettext("%s: %ld row no longer in the file deleted\n",
                               "%s: %ld rows no longer in the file deleted\n", r.deleted),
                file, r.deleted);
    import_result_release(&r);
    store_close(s);
    return rc;
}
