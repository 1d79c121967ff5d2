/*
 * territory.c - symbiose territory add|list|set|delete.
 */
#include "cli/edit.h"

#include <stdio.h>
#include <string.h>

#include "util/i18n.h"

static const char territory_usage[] = N_(
    "usage: symbiose territory add CODE NAME [--region R] [--structure S] [--programme P]\n"
    "       symbiose territory list [--format table|csv|json]\n"
    "       symbiose territory set CODE [--name N] [--region R] [--structure S] [--programme P]\n"
    "       symbiose territory delete CODE [--cascade]\n"
    "\n"
    "A territory is the area a facilitator animates (a port, an industrial zone,\n"
    "an agglomeration): its code, name, region, facilitating structure and\n"
    "funding programme. 'add' on an existing code updates it; 'set' changes only\n"
    "the fields given. 'delete' refuses a territory that has actors unless\n"
    "--cascade, which deletes its actors, their flows and contacts too.\n");

static const struct out_col terr_cols[] = {
    {"code", 0, 0}, {"name", 0, 40}, {"region", 0, 24}, {"structure", 0, 32}, {"programme", 0, 24},
};

static int print_terr(void *ctx, const struct territory *t)
{
    const char *v[] = {t->code, t->name, t->region, t->structure, t->programme};

    return out_row(ctx, v);
}

static int list_terr(struct store *s, struct out *o, const void *filter, struct err *e)
{
    (void)filter;
    return store_territory_list(s, print_terr, o, e);
}

static int territory_list(struct cli *c, int argc, char **argv)
{
    enum out_format fmt = OUT_TABLE;
    const char *v;
    int got;

    for (int i = 2; i < argc; i++) {
        if ((got = cli_opt(c, argc, argv, &i, "--format", &v)) != 0) {
            if (got < 0 || cli_format(c, v, &fmt, 0))
                return SY_EUSAGE;
        } else {
            return cli_bad_arg(c, "territory", argv[i]);
        }
    }
    return cli_print_list(c, fmt, terr_cols, 5, list_terr, NULL);
}

static int territory_add(struct cli *c, int argc, char **argv)
{
    struct territory t;
    struct store *s = NULL;
    const char *pos[2] = {NULL, NULL}, *v;
    int npos = 0, rc, got;

    memset(&t, 0, sizeof t);
    for (int i = 2; i < argc; i++) {
        char *dst = NULL;

        if ((got = cli_opt(c, argc, argv, &i, "--region", &v)) != 0)
            dst = t.region;
        else if ((got = cli_opt(c, argc, argv, &i, "--structure", &v)) != 0)
            dst = t.structure;
        else if ((got = cli_opt(c, argc, argv, &i, "--programme", &v)) != 0)
            dst = t.programme;
        if (got < 0)
            return SY_EUSAGE;
        if (dst) {
            snprintf(dst, SY_NAME_MAX, "%s", v);
        } else if (argv[i][0] == '-' || npos == 2) {
            return cli_bad_arg(c, "territory", argv[i]);
        } else {
            pos[npos++] = argv[i];
        }
    }
    if (npos != 2)
        return err_set(&c->err, SY_EUSAGE, _("territory add needs a CODE and a NAME"));
    if (strlen(pos[0]) >= sizeof t.code || strlen(pos[1]) >= sizeof t.name)
        return err_set(&c->err, SY_EUSAGE, _("territory code or name too long"));
    snprintf(t.code, sizeof t.code, "%s", pos[0]);
    snprintf(t.name, sizeof t.name, "%s", pos[1]);
    rc = cli_open_store(c, &s);
    if (rc)
        return rc;
    rc = store_territory_put(s, &t, &c->err);
    if (!rc && !c->quiet)
        fprintf(c->out, _("territory %s saved\n"), t.code);
    store_close(s);
    return rc;
}

int cmd_territory(struct cli *c, int argc, char **argv)
{
    if (cli_wants_help(argc, argv) || argc < 2) {
        fputs(_(territory_usage), argc < 2 ? c->errf : c->out);
        return argc < 2 ? err_set(&c->err, SY_EUSAGE, _("territory needs add or list")) : SY_OK;
    }
    if (strcmp(argv[1], "add") == 0)
        return territory_add(c, argc, argv);
    if (strcmp(argv[1], "list") == 0)
        return territory_list(c, argc, argv);
    if (strcmp(argv[1], "set") == 0 || strcmp(argv[1], "delete") == 0)
        return cli_edit(c, "territory", EDIT_TERRITORY, argc, argv);
    return cli_bad_arg(c, "territory", argv[1]);
}
