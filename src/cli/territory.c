/*
 * territory.c - symbiose territory add|list|set|delete.
 */
#include "cli/network.h"
#include "cli/edit.h"

#include <stdio.h>
#include <string.h>

#include "util/i18n.h"

static const char territory_usage[] = N_(
    "usage: symbiose territory add CODE NAME [--region R] [--structure S] [--programme P]\n"
    "              [--name NAME] [--epci SIREN...] [--commune INSEE...]\n"
    "              [--facilitator NAME] [--email E] [--phone P]\n"
    "       symbiose territory list [--format table|csv|json|xlsx]\n"
    "       symbiose territory set CODE [--name N] [--region R] [--structure S] [--programme P]\n"
    "       symbiose territory delete CODE [--cascade]\n"
    "\n"
    "A territory is the area a facilitator animates (a port, an industrial zone,\n"
    "an agglomeration): its code, name, region, facilitating structure and\n"
    "funding programme. 'add' on an existing code updates it (NAME may then be\n"
    "left out: what is not given is kept); 'set' changes only the fields given.\n"
    "'delete' refuses a territory that has actors unless --cascade, which\n"
    "deletes its actors, their flows and contacts too.\n"
    "\n"
    "A territory is a real place: --epci takes the communes of EPCIs (their\n"
    "SIREN) and --commune adds communes (INSEE codes), from the reference files\n"
    "epci_grand_est.csv and communes_grand_est.csv; actors without territory are\n"
    "then placed in it by their commune. --facilitator, --email and --phone say\n"
    "whom other territories of the network can call.\n");

#define PLACES_MAX 256

static int print_terr(void *ctx, const struct territory *t)
{
    return out_rec(ctx, t);
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
    return cli_print_records(c, fmt, &rec_territory, list_terr, NULL);
}

static int territory_add(struct cli *c, int argc, char **argv)
{
    struct territory t;
    struct facilitator fa;
    struct store *s = NULL;
    const char *pos[2] = {NULL, NULL}, *v;
    const char *epcis[PLACES_MAX], *communes[PLACES_MAX];
    size_t nepcis = 0, ncommunes = 0;
    int npos = 0, rc, got;

    memset(&t, 0, sizeof t);
    memset(&fa, 0, sizeof fa);
    for (int i = 2; i < argc; i++) {
        char *dst = NULL;
        size_t dst_n = SY_NAME_MAX;

        if (strcmp(argv[i], "--epci") == 0 || strcmp(argv[i], "--commune") == 0) {
            int epci = argv[i][2] == 'e';

            while (i + 1 < argc && argv[i + 1][0] != '-') {
                if ((epci ? nepcis : ncommunes) == PLACES_MAX)
                    return err_set(&c->err, SY_EUSAGE, _("at most %d codes per option"),
                                   PLACES_MAX);
                if (epci)
                    epcis[nepcis++] = argv[++i];
                else
                    communes[ncommunes++] = argv[++i];
            }
            continue;
        }
        if ((got = cli_opt(c, argc, argv, &i, "--name", &v)) != 0) {
            if (got > 0 && npos == 1)
                pos[npos++] = v;
            else if (got > 0)
                return err_set(&c->err, SY_EUSAGE,
                               _("give --name after the CODE, instead of NAME"));
            if (got < 0)
                return SY_EUSAGE;
            continue;
        }
        if ((got = cli_opt(c, argc, argv, &i, "--facilitator", &v)) != 0)
            dst = fa.name;
        else if ((got = cli_opt(c, argc, argv, &i, "--email", &v)) != 0)
            dst = fa.email;
        else if ((got = cli_opt(c, argc, argv, &i, "--phone", &v)) != 0) {
            dst = fa.phone;
            dst_n = sizeof fa.phone;
        } else if ((got = cli_opt(c, argc, argv, &i, "--region", &v)) != 0)
            dst = t.region;
        else if ((got = cli_opt(c, argc, argv, &i, "--structure", &v)) != 0)
            dst = t.structure;
        else if ((got = cli_opt(c, argc, argv, &i, "--programme", &v)) != 0)
            dst = t.programme;
        if (got < 0)
            return SY_EUSAGE;
        if (dst) {
            snprintf(dst, dst_n, "%s", v);
        } else if (argv[i][0] == '-' || npos == 2) {
            return cli_bad_arg(c, "territory", argv[i]);
        } else {
            pos[npos++] = argv[i];
        }
    }
    if (npos < 1)
        return err_set(&c->err, SY_EUSAGE, _("territory add needs a CODE and a NAME"));
    if (strlen(pos[0]) >= sizeof t.code || (npos == 2 && strlen(pos[1]) >= sizeof t.name))
        return err_set(&c->err, SY_EUSAGE, _("territory code or name too long"));
    snprintf(t.code, sizeof t.code, "%s", pos[0]);
    rc = cli_open_store(c, &s);
    if (rc)
        return rc;
    if (npos == 1) { /* an existing territory: what is not given is kept */
        struct territory old;

        rc = store_territory_get(s, t.code, &old, &c->err);
        if (rc) {
            store_close(s);
            return rc == SY_ENOTFOUND ? err_set(&c->err, SY_EUSAGE,
                                                "territory add needs a NAME for a new "
                                                "territory '%s'",
                                                t.code)
                                      : rc;
        }
        snprintf(t.name, sizeof t.name, "%s", old.name);
        if (!t.region[0])
            snprintf(t.region, sizeof t.region, "%s", old.region);
        if (!t.structure[0])
            snprintf(t.structure, sizeof t.structure, "%s", old.structure);
        if (!t.programme[0])
            snprintf(t.programme, sizeof t.programme, "%s", old.programme);
    } else {
        snprintf(t.name, sizeof t.name, "%s", pos[1]);
    }
    rc = store_begin(s, &c->err); /* the territory, its facilitator and places, or nothing */
    if (!rc)
        rc = store_territory_put(s, &t, &c->err);
    snprintf(fa.territory, sizeof fa.territory, "%s", t.code);
    if (!rc && (fa.name[0] || fa.email[0] || fa.phone[0]))
        rc = store_facilitator_put(s, &fa, &c->err);
    if (!rc && (nepcis || ncommunes))
        rc = cli_territory_places(c, s, t.code, epcis, nepcis, communes, ncommunes);
    if (!rc)
        rc = store_commit(s, &c->err);
    else
        store_rollback(s, NULL);
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
