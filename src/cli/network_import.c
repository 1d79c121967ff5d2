/*
 * network_import.c - symbiose import sirene|cards FILE: INSEE's establishment
 * stock into the territories, and workshop cards into an event's flows.
 */
#include "cli/network.h"
#include "store/store_network.h"

#include <stdlib.h>
#include <string.h>

#include "core/cards.h"
#include "core/match_run.h"
#include "core/sirene.h"
#include "util/i18n.h"

static const char import_net_usage[] =
    N_("usage: symbiose import sirene FILE [--territory T] [--dry-run] [--no-warnings]\n"
       "       symbiose import cards FILE --event ID [--no-match] [--dry-run] [--no-warnings]\n"
       "\n"
       "sirene  INSEE's StockEtablissement CSV (columns as INSEE names them). Keeps\n"
       "        the active establishments of the communes of territory T (default:\n"
       "        of every territory with communes), converts their Lambert-93\n"
       "        coordinates, and turns the workforce band into a headcount\n"
       "        (data/workforce_bands.csv). A non-diffusible establishment is kept\n"
       "        without name, SIRET, address or position.\n"
       "cards   workshop cards: actor_id,card (have|want),code[,description,\n"
       "        quantity,unit,period,person,id]. Each card becomes a flow linked to\n"
       "        the event; then matching runs for the event's territory, so that the\n"
       "        event shows its candidates (--no-match to skip).\n");

static int import_sirene_cmd(struct cli *c, struct store *s, const char *file,
                             const char *territory, struct import_opts *o, struct import_result *r)
{
    struct sirene_bands bands;
    struct sirene_stats st;
    char path[4096];
    int rc;

    snprintf(path, sizeof path, "%s/workforce_bands.csv", c->kb_dir);
    rc = sirene_bands_load(&bands, path, &c->err);
    if (rc)
        return rc;
    rc = import_sirene(s, file, territory, &bands, o, r, &st, &c->err);
    if (!rc && !c->quiet)
        fprintf(c->out,
                _("%s: %ld establishments kept (%ld non-diffusible, %ld without coordinates); "
                  "%ld closed and %ld outside the territories skipped\n"),
                file, st.kept, st.non_diffusible, st.no_coord, st.closed, st.outside);
    if (!rc && !c->quiet && st.old_naf)
        fprintf(c->out,
                _("%ld establishments have an activity code of an older nomenclature; "
                  "their NAF was left empty\n"),
                st.old_naf);
    return rc;
}

static int import_cards_cmd(struct cli *c, struct store *s, const char *file, long event_id,
                            int match, struct import_opts *o, struct import_result *r)
{
    struct match_opts mo;
    struct match_result mr;
    struct event ev;
    int rc = import_cards(s, file, event_id, o, r, &c->err);

    if (!rc && !c->quiet)
        fprintf(c->out, _("%s: %ld cards imported as flows of event %ld\n"), file,
                r->inserted + r->updated, event_id);
    if (rc || !match || o->dry_run)
        return rc;
    rc = store_event_get(s, event_id, &ev, &c->err);
    if (rc || !ev.territory[0])
        return rc;
    match_opts_default(&mo);
    mo.territory = ev.territory;
    memset(&mr, 0, sizeof mr);
    rc = match_run(s, c->kb_dir, &mo, &mr, &c->err);
    if (!rc && !c->quiet)
        fprintf(c->out, _("matching for %s: %zu candidates; see 'symbiose event show %ld'\n"),
                ev.territory, mr.n, event_id);
    match_result_release(&mr);
    return rc;
}

int cli_import_network(struct cli *c, int argc, char **argv)
{
    struct import_opts o = {0};
    struct import_result r;
    struct store *s = NULL;
    const char *file = NULL, *territory = NULL, *v;
    long event_id = 0;
    int warnings = 1, match = 1, rc, got;
    char *end;

    if (cli_wants_help(argc, argv)) {
        fputs(_(import_net_usage), c->out);
        return SY_OK;
    }
    for (int i = 2; i < argc; i++) {
        if ((got = cli_opt(c, argc, argv, &i, "--territory", &v)) != 0) {
            if (got < 0)
                return SY_EUSAGE;
            territory = v;
        } else if ((got = cli_opt(c, argc, argv, &i, "--event", &v)) != 0) {
            if (got < 0)
                return SY_EUSAGE;
            event_id = strtol(v, &end, 10);
            if (*end || event_id <= 0)
                return err_set(&c->err, SY_EUSAGE, _("--event needs an event number, not '%s'"), v);
        } else if (strcmp(argv[i], "--dry-run") == 0) {
            o.dry_run = 1;
        } else if (strcmp(argv[i], "--no-warnings") == 0) {
            warnings = 0;
        } else if (strcmp(argv[i], "--no-match") == 0) {
            match = 0;
        } else if ((argv[i][0] == '-' && argv[i][1]) || file) {
            return cli_bad_arg(c, "import", argv[i]);
        } else {
            file = argv[i];
        }
    }
    if (!file) {
        fputs(_(import_net_usage), c->errf);
        return err_set(&c->err, SY_EUSAGE, _("import %s needs a FILE"), argv[1]);
    }
    if (strcmp(argv[1], "cards") == 0 && !event_id)
        return err_set(&c->err, SY_EUSAGE,
                       _("import cards needs --event ID (create it with 'symbiose event add')"));
    o.progress = cli_progress;
    o.progress_ctx = c;
    rc = cli_open_store(c, &s);
    if (rc)
        return rc;
    import_result_init(&r, file);
    if (strcmp(argv[1], "sirene") == 0)
        rc = import_sirene_cmd(c, s, file, territory, &o, &r);
    else
        rc = import_cards_cmd(c, s, file, event_id, match, &o, &r);
    cli_print_diags(c, &r.diags, warnings);
    import_result_release(&r);
    store_close(s);
    return rc;
}
