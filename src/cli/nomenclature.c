/*
 * nomenclature.c - symbiose nomenclature load|search|show.
 */
#include "cli/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/i18n.h"

static const char nomen_usage[] =
    N_("usage: symbiose nomenclature load low|nace|naf|taxonomy FILE\n"
       "       symbiose nomenclature search TEXT [--limit N] [--format table|csv|json]\n"
       "       symbiose nomenclature show CODE [--kind low|nace|naf|taxonomy] [--format F]\n"
       "\n"
       "The List of Waste (low), NACE Rev. 2 (nace), NAF rev. 2 (naf) and the\n"
       "project's taxonomy of non-waste resources. 'search' looks in French and\n"
       "English labels, ignoring case and accents, best matches first; a trailing\n"
       "word matches as a prefix ('chauf' finds 'chauffage').\n"
       "Files: data/ref/list_of_waste.csv, nace_rev2.csv, naf_rev2_subclasses.csv,\n"
       "data/taxonomy.csv (formats in docs/formats.md).\n");

static const struct out_col nomen_cols[] = {
    {"code", 0, 0},      {"kind", 0, 0},      {"level", 0, 0},     {"parent", 0, 0},
    {"label_fr", 0, 60}, {"label_en", 0, 60}, {"hazardous", 1, 0},
};

static int kind_parse(const char *s, enum nomen_kind *k)
{
    for (int i = 0; i < 4; i++) {
        if (strcmp(s, store_nomen_kind_name((enum nomen_kind)i)) == 0) {
            *k = (enum nomen_kind)i;
            return SY_OK;
        }
    }
    return SY_EUSAGE;
}

static int print_entry(void *ctx, const struct nomen_entry *n)
{
    char code[SY_CODE_MAX + 2];
    const char *v[7];

    snprintf(code, sizeof code, "%s%s", n->code, n->hazardous ? "*" : "");
    v[0] = code;
    v[1] = store_nomen_kind_name(n->kind);
    v[2] = n->level;
    v[3] = n->parent;
    v[4] = n->label_fr;
    v[5] = n->label_en;
    v[6] = n->hazardous ? "1" : "0";
    return out_row(ctx, v);
}

static int nomen_load(struct cli *c, struct store *s, int argc, char **argv)
{
    struct import_result r;
    enum nomen_kind kind;
    int rc;

    if (argc != 4)
        return err_set(&c->err, SY_EUSAGE, _("nomenclature load needs a kind and a FILE"));
    if (kind_parse(argv[2], &kind))
        return err_set(&c->err, SY_EUSAGE,
                       _("unknown nomenclature '%s'; use low, nace, naf or "
                         "taxonomy"),
                       argv[2]);
    import_result_init(&r, argv[3]);
    rc = import_nomenclature(s, kind, argv[3], NULL, &r, &c->err);
    cli_print_diags(c, &r.diags, 1);
    if (!rc && !c->quiet)
        fprintf(c->out, _("%s: %ld %s codes loaded\n"), argv[3], r.rows, argv[2]);
    import_result_release(&r);
    return rc;
}

/* Why a code was not found: the nomenclature its form belongs to may not be
 * loaded at all ("List of Waste not loaded"), rather than lack the code. */
static int not_found(struct cli *c, struct store *s, const char *text)
{
    char low[SY_CODE_MAX], naf[16];
    long n = 0;
    int star;

    if (model_low_normalise(text, low, sizeof low, &star) == 0 &&
        store_nomen_count(s, NOMEN_LOW, &n, NULL) == SY_OK && n == 0)
        return err_set(&c->err, SY_ENOTFOUND,
                       _("List of Waste not loaded, so '%s' cannot be looked up; run 'symbiose "
                         "init' (it loads the shipped data/ref)"),
                       text);
    if (model_naf_normalise(text, naf, sizeof naf) == 0 &&
        store_nomen_count(s, NOMEN_NAF, &n, NULL) == SY_OK && n == 0)
        return err_set(&c->err, SY_ENOTFOUND,
                       _("NAF/NACE not loaded, so '%s' cannot be looked up; run 'symbiose init' "
                         "(it loads the shipped data/ref)"),
                       text);
    if (model_taxonomy_valid(text) && store_nomen_count(s, NOMEN_TAXONOMY, &n, NULL) == SY_OK &&
        n == 0)
        return err_set(&c->err, SY_ENOTFOUND,
                       _("taxonomy not loaded, so '%s' cannot be looked up; run 'symbiose init'"),
                       text);
    return err_set(&c->err, SY_ENOTFOUND,
                   _("no code '%s'; try 'symbiose nomenclature search WORDS'"), text);
}

static int nomen_query(struct cli *c, int argc, char **argv, int show)
{
    struct store *s = NULL;
    enum out_format fmt = OUT_TABLE;
    struct nomen_entry n;
    const char *text = NULL, *v, *kind_s = NULL;
    struct out *o;
    int limit = 20, rc = SY_OK, got, found = 0;

    for (int i = 2; i < argc; i++) {
        if ((got = cli_opt(c, argc, argv, &i, "--format", &v)) != 0) {
            if (got < 0 || cli_format(c, v, &fmt, 0))
                return SY_EUSAGE;
        } else if ((got = cli_opt(c, argc, argv, &i, "--limit", &v)) != 0) {
            if (got < 0 || (limit = atoi(v)) <= 0 || limit > 10000)
                return err_set(&c->err, SY_EUSAGE, _("--limit takes a number from 1 to 10000"));
        } else if ((got = cli_opt(c, argc, argv, &i, "--kind", &v)) != 0) {
            if (got < 0)
                return SY_EUSAGE;
            kind_s = v;
        } else if (!text) {
            text = argv[i];
        } else {
            return cli_bad_arg(c, "nomenclature", argv[i]);
        }
    }
    if (!text)
        return err_set(&c->err, SY_EUSAGE, _("nomenclature %s needs %s"), argv[1],
                       show ? "a CODE" : "a TEXT");
    /* Options are checked first: a usage error opens no database. */
    rc = cli_open_store_mode(c, &s, STORE_READ);
    if (rc)
        return rc;
    o = out_new(c->out, fmt, nomen_cols, 7);
    if (!o) {
        store_close(s);
        return SY_ENOMEM;
    }
    if (!show) {
        rc = store_nomen_search(s, text, limit, print_entry, o, &c->err);
    } else {
        char low[SY_CODE_MAX], naf[16];
        int star;

        for (int k = 0; k < 4 && !rc; k++) {
            const char *code = text;

            if (kind_s && strcmp(kind_s, store_nomen_kind_name((enum nomen_kind)k)) != 0)
                continue;
            if (k == NOMEN_LOW && model_low_normalise(text, low, sizeof low, &star) == 0)
                code = low;
            if ((k == NOMEN_NAF || k == NOMEN_NACE) &&
                model_naf_normalise(text, naf, sizeof naf) == 0)
                code = naf;
            rc = store_nomen_get(s, (enum nomen_kind)k, code, &n, NULL);
            if (rc == SY_ENOTFOUND) {
                rc = SY_OK;
                continue;
            }
            if (!rc) {
                found++;
                rc = print_entry(o, &n);
            }
        }
        if (!rc && !found)
            rc = not_found(c, s, text);
    }
    if (!show && !rc && out_count(o) == 0) {
        long nl = 0, nn = 0;

        store_nomen_count(s, NOMEN_LOW, &nl, NULL);
        store_nomen_count(s, NOMEN_NAF, &nn, NULL);
        if (!nl && !nn)
            fprintf(c->errf, _("symbiose nomenclature: nothing found, and neither the List of "
                               "Waste nor NAF is loaded; run 'symbiose init'\n"));
    }
    if (!rc)
        rc = out_finish(o);
    out_free(o);
    store_close(s);
    return rc;
}

int cmd_nomenclature(struct cli *c, int argc, char **argv)
{
    struct store *s = NULL;
    int rc;

    if (cli_wants_help(argc, argv) || argc < 2) {
        fputs(_(nomen_usage), argc < 2 ? c->errf : c->out);
        return argc < 2 ? err_set(&c->err, SY_EUSAGE, _("nomenclature needs load, search or show"))
                        : SY_OK;
    }
    if (strcmp(argv[1], "load") != 0 && strcmp(argv[1], "search") != 0 &&
        strcmp(argv[1], "show") != 0)
        return cli_bad_arg(c, "nomenclature", argv[1]);
    if (strcmp(argv[1], "load") != 0)
        return nomen_query(c, argc, argv, strcmp(argv[1], "show") == 0);
    rc = cli_open_store(c, &s);
    if (rc)
        return rc;
    rc = nomen_load(c, s, argc, argv);
    store_close(s);
    return rc;
}
