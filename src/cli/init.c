/*
 * init.c - symbiose init: create the database and load the nomenclatures.
 */
#include "cli/util.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "util/i18n.h"

static const char init_usage[] =
    N_("usage: symbiose [--db PATH] [--data DIR] [--kb DIR] init\n"
       "\n"
       "Creates the database (or migrates it to the current schema) and loads the\n"
       "nomenclatures it finds: the List of Waste, NACE Rev. 2 and NAF rev. 2 from\n"
       "the reference data folder (--data, $SYMBIOSE_DATA, else the shipped data/ref\n"
       "or its installed copy PREFIX/share/symbiose/ref), and\n"
       "the project's taxonomy from the knowledge base (--kb). Safe to run again.\n");

struct source {
    enum nomen_kind kind;
    int from_kb;
    const char *file;
};

static const struct source sources[] = {
    {NOMEN_LOW, 0, "list_of_waste.csv"},
    {NOMEN_NACE, 0, "nace_rev2.csv"},
    {NOMEN_NAF, 0, "naf_rev2_subclasses.csv"},
    {NOMEN_TAXONOMY, 1, "taxonomy.csv"},
};

int cmd_init(struct cli *c, int argc, char **argv)
{
    struct store *s = NULL;
    struct import_result r;
    char path[4096];
    int rc, version;

    if (cli_wants_help(argc, argv)) {
        fputs(_(init_usage), c->out);
        return SY_OK;
    }
    if (argc > 1)
        return cli_bad_arg(c, "init", argv[1]);
    rc = cli_open_store(c, &s);
    if (rc)
        return rc;
    rc = store_schema_version(s, &version, &c->err);
    if (!rc && !c->quiet)
        fprintf(c->out, _("database %s ready (schema version %d)\n"), c->db_path, version);
    for (size_t i = 0; !rc && i < sizeof sources / sizeof sources[0]; i++) {
        const char *dir = sources[i].from_kb ? c->kb_dir : c->ref_dir;

        if (!dir) {
            if (!c->quiet)
                fprintf(c->out,
                        _("%-9s not loaded: no reference data folder (give --data DIR or "
                          "set SYMBIOSE_DATA)\n"),
                        store_nomen_kind_name(sources[i].kind));
            continue;
        }
        snprintf(path, sizeof path, "%s/%s", dir, sources[i].file);
        if (access(path, R_OK) != 0) {
            if (!c->quiet)
                fprintf(c->out, _("%-9s not loaded: %s not found\n"),
                        store_nomen_kind_name(sources[i].kind), path);
            continue;
        }
        import_result_init(&r, path);
        rc = import_nomenclature(s, sources[i].kind, path, NULL, &r, &c->err);
        cli_print_diags(c, &r.diags, 0);
        if (!rc && !c->quiet)
            fprintf(c->out, _("%-9s %5ld codes from %s\n"), store_nomen_kind_name(sources[i].kind),
                    r.rows, path);
        import_result_release(&r);
    }
    store_close(s);
    return rc;
}
