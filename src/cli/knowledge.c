/*
 * knowledge.c - symbiose knowledge list|add|set|delete: a territory's local
 * routes, sector-profile rows and impact factors over the shipped data/ files
 * (core/knowledge.h, store/store_knowledge.h).
 */
#include "cli/util.h"
#include "core/knowledge.h"
#include "util/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char knowledge_usage[] =
    N_("usage: symbiose knowledge list --territory T [--kind route|profile|factor]\n"
       "                               [--format table|csv|json]\n"
       "       symbiose knowledge add|set --territory T route ID [--supply CODE] [--demand CODE]\n"
       "                 [--receiver NACE] [--strength S] [--min-temp C] [--state S]\n"
       "                 [--purity TEXT] [--permit 0|1] [--label TEXT] [--label-fr TEXT]\n"
       "                 --reference TEXT\n"
       "       symbiose knowledge add|set --territory T profile NACE --direction supply|demand\n"
       "                 --code CODE [--intensity X --unit t|MWh|m3|count] --reference TEXT\n"
       "       symbiose knowledge add|set --territory T factor KIND:ID --prefix P --unit U\n"
       "                 --co2e KG --eur EUR --reference TEXT   (KIND: transport|disposal|virgin)\n"
       "       symbiose knowledge delete --territory T route|profile|factor KEY\n"
       "\n"
       "Local knowledge adds to or overrides the shipped routes, sector profiles and factors\n"
       "for one territory, without editing data/. 'add' refuses a key that exists (shipped or\n"
       "local): 'set' overrides it, starting from its current values for routes and profiles.\n"
       "Matching and plans of the territory use it, and explanations say 'local'.\n"
       "A profile's KEY is NACE|direction|code; a factor's is KIND:ID.\n");

static const struct out_col local_cols[] = {
    {"kind", 0, 0}, {"key", 0, 32}, {"row", 0, 80}, {"updated", 0, 0}};

struct opts {
    const char *territory, *kind, *key, *format, *only;
    const char *v[24]; /* option values by index in names[] */
};

static const char *const names[] = {
    "--supply", "--demand",    "--receiver", "--strength", "--min-temp",  "--state",
    "--purity", "--permit",    "--label",    "--label-fr", "--reference", "--direction",
    "--code",   "--intensity", "--unit",     "--prefix",   "--co2e",      "--eur"};
enum {
    O_SUPPLY,
    O_DEMAND,
    O_RECEIVER,
    O_STRENGTH,
    O_MINTEMP,
    O_STATE,
    O_PURITY,
    O_PERMIT,
    O_LABEL,
    O_LABEL_FR,
    O_REFERENCE,
    O_DIRECTION,
    O_CODE,
    O_INTENSITY,
    O_UNIT,
    O_PREFIX,
    O_CO2E,
    O_EUR,
    O_N
};

/* Appends one CSV field (quoted when needed) to a row. */
static void field(FILE *f, int first, const char *s)
{
    if (!first)
        fputc(',', f);
    out_csv_field(f, s ? s : "");
}

static const char *pick(const struct opts *o, int k, const char *cur)
{
    return o->v[k] ? o->v[k] : cur;
}

/* Builds the CSV row of a route from the options over the current route. */
static void route_row(FILE *f, const struct opts *o, const struct kb *kb, const struct kb_route *r)
{
    char strength[32] = "", temp[32] = "";

    if (r) {
        snprintf(strength, sizeof strength, "%.4g", r->base_strength);
        if (r->has_min_temp)
            snprintf(temp, sizeof temp, "%.4g", r->min_temp_c);
    }
    field(f, 1, o->key);
    field(f, 0, pick(o, O_SUPPLY, r ? kb_code_str(kb, r->supply) : ""));
    field(f, 0, pick(o, O_DEMAND, r && r->demand >= 0 ? kb_code_str(kb, r->demand) : ""));
    field(f, 0,
          pick(o, O_RECEIVER, r && r->receiver_nace >= 0 ? kb_nace_str(kb, r->receiver_nace) : ""));
    field(f, 0, pick(o, O_STRENGTH, strength));
    field(f, 0, pick(o, O_MINTEMP, temp));
    field(f, 0, pick(o, O_STATE, r ? model_state_name(r->state) : ""));
    field(f, 0, pick(o, O_PURITY, r ? r->purity : ""));
    field(f, 0, pick(o, O_PERMIT, r && r->permit[0] ? "1" : "0"));
    field(f, 0, pick(o, O_LABEL, r ? r->label_en : ""));
    field(f, 0, pick(o, O_LABEL_FR, r ? r->label_fr : ""));
    field(f, 0, pick(o, O_REFERENCE, r ? r->reference : ""));
}

static const struct kb_profile *find_profile(const struct kb *kb, const char *nace, const char *dir,
                                             const char *code)
{
    const struct kb_profile *p;
    int32_t id = kb_nace_find(kb, nace), c = kb_code_find(kb, code);
    size_t n = id >= 0 ? kb_profiles_for(kb, id, &p) : 0;

    for (size_t i = 0; i < n; i++)
        if (p[i].nace == id && p[i].code == c && strcmp(model_dir_name(p[i].dir), dir) == 0)
            return &p[i];
    return NULL;
}

static int knowledge_put(struct cli *c, struct store *s, struct opts *o, int set)
{
    struct local_row r;
    struct kb *kb = NULL;
    enum local_kind kind;
    FILE *f;
    char *buf = NULL;
    size_t len = 0;
    int rc, exists = 0;

    if (local_kind_parse(o->kind, &kind))
        return err_set(&c->err, SY_EUSAGE, _("unknown kind '%s'; use route, profile or factor"),
                       o->kind);
    memset(&r, 0, sizeof r);
    snprintf(r.territory, sizeof r.territory, "%s", o->territory);
    r.kind = kind;
    if ((rc = knowledge_load(s, c->kb_dir, o->territory, &kb, &c->err)))
        return rc;
    if (!(f = open_memstream(&buf, &len))) {
        kb_free(kb);
        return err_set(&c->err, SY_ENOMEM, _("out of memory"));
    }
    if (kind == LOCAL_ROUTE) {
        long i = kb_route_find(kb, o->key);
        exists = i >= 0;
        snprintf(r.key, sizeof r.key, "%s", o->key);
        route_row(f, o, kb, exists ? kb_route(kb, (size_t)i) : NULL);
    } else if (kind == LOCAL_PROFILE) {
        const struct kb_profile *p;
        char inten[32] = "";
        if (!o->v[O_DIRECTION] || !o->v[O_CODE]) {
            fclose(f);
            free(buf);
            kb_free(kb);
            return err_set(&c->err, SY_EUSAGE, _("a profile row needs --direction and --code"));
        }
        p = find_profile(kb, o->key, o->v[O_DIRECTION], o->v[O_CODE]);
        exists = p != NULL;
        if (p && p->intensity >= 0)
            snprintf(inten, sizeof inten, "%.6g", p->intensity);
        snprintf(r.key, sizeof r.key, "%s|%s|%s", o->key, o->v[O_DIRECTION], o->v[O_CODE]);
        field(f, 1, o->key);
        field(f, 0, o->v[O_DIRECTION]);
        field(f, 0, o->v[O_CODE]);
        field(f, 0, pick(o, O_INTENSITY, inten));
        field(f, 0, pick(o, O_UNIT, p && p->intensity >= 0 ? model_unit_name(p->unit) : ""));
        field(f, 0, "typical-to-confirm");
        field(f, 0, pick(o, O_REFERENCE, p ? p->reference : ""));
    } else {
        const char *colon = strchr(o->key, ':');
        snprintf(r.key, sizeof r.key, "%s", o->key);
        field(f, 1, colon ? colon + 1 : o->key);
        field(f, 0, o->v[O_PREFIX]);
        field(f, 0, o->v[O_UNIT]);
        field(f, 0, o->v[O_CO2E]);
        field(f, 0, o->v[O_EUR]);
        field(f, 0, "declared");
        field(f, 0, "declared");
        field(f, 0, "local factor of the territory");
        field(f, 0, o->v[O_REFERENCE]);
        field(f, 0, "local");
    }
    fclose(f);
    kb_free(kb);
    snprintf(r.row, sizeof r.row, "%s", buf ? buf : "");
    free(buf);
    if (!exists && (rc = store_local_exists(s, o->territory, kind, r.key, &c->err)) != 0) {
        if (rc < 0)
            return rc;
        exists = 1;
    }
    if (!set && exists)
        return err_set(&c->err, SY_EINPUT,
                       "%s '%s' already exists; use 'symbiose knowledge set' to override it",
                       o->kind, r.key);
    if (!o->v[O_REFERENCE] && !exists)
        return err_set(&c->err, SY_EUSAGE, _("--reference is required: say where it comes from"));
    if ((rc = knowledge_check(kind, r.key, r.row, &c->err)))
        return rc;
    if ((rc = store_local_put(s, &r, &c->err)))
        return rc;
    if (!c->quiet)
        fprintf(c->errf, _("%s %s: local %s of territory %s\n"), set ? "set" : "added", r.key,
                o->kind, o->territory);
    return 0;
}

static int print_local(void *ctx, const struct local_row *r)
{
    const char *v[] = {local_kind_name(r->kind), r->key, r->row, r->updated};

    return out_row(ctx, v);
}

static int list_local(struct store *s, struct out *o, const void *filter, struct err *e)
{
    const struct opts *op = filter;
    enum local_kind k = LOCAL_ROUTE;

    if (op->only && local_kind_parse(op->only, &k))
        return err_set(e, SY_EUSAGE, _("--kind %s: use route, profile or factor"), op->only);
    return store_local_list(s, op->territory, op->only ? (int)k : -1, print_local, o, e);
}

int cmd_knowledge(struct cli *c, int argc, char **argv)
{
    struct opts o;
    struct store *s = NULL;
    enum out_format fmt = OUT_TABLE;
    const char *verb, *v;
    int rc, got, k;

    if (cli_wants_help(argc, argv) || argc < 2) {
        fputs(_(knowledge_usage), argc < 2 ? c->errf : c->out);
        return argc < 2 ? err_set(&c->err, SY_EUSAGE, _("knowledge needs list, add, set or delete"))
                        : SY_OK;
    }
    memset(&o, 0, sizeof o);
    verb = argv[1];
    for (int i = 2; i < argc; i++) {
        if ((got = cli_opt(c, argc, argv, &i, "--territory", &v)) != 0) {
            if (got < 0)
                return SY_EUSAGE;
            o.territory = v;
            continue;
        }
        if ((got = cli_opt(c, argc, argv, &i, "--format", &v)) != 0) {
            if (got < 0 || cli_format(c, v, &fmt, 0))
                return c->err.code ? c->err.code : SY_EUSAGE;
            continue;
        }
        if ((got = cli_opt(c, argc, argv, &i, "--kind", &v)) != 0) {
            if (got < 0)
                return SY_EUSAGE;
            o.only = v;
            continue;
        }
        for (k = 0; k < O_N; k++)
            if ((got = cli_opt(c, argc, argv, &i, names[k], &v)) != 0)
                break;
        if (k < O_N) {
            if (got < 0)
                return SY_EUSAGE;
            o.v[k] = v;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return cli_bad_arg(c, "knowledge", argv[i]);
        } else if (!o.kind) {
            o.kind = argv[i];
        } else if (!o.key) {
            o.key = argv[i];
        } else {
            return cli_bad_arg(c, "knowledge", argv[i]);
        }
    }
    if (!o.territory)
        return err_set(&c->err, SY_EUSAGE, _("knowledge %s needs --territory T"), verb);
    if (strcmp(verb, "list") == 0) {
        if (o.kind)
            return cli_bad_arg(c, "knowledge", o.kind);
        return cli_print_list(c, fmt, local_cols, 4, list_local, &o);
    }
    if (strcmp(verb, "add") != 0 && strcmp(verb, "set") != 0 && strcmp(verb, "delete") != 0)
        return err_set(&c->err, SY_EUSAGE,
                       _("unknown 'knowledge %s'; use list, add, set or delete"), verb);
    if (!o.kind || !o.key)
        return err_set(&c->err, SY_EUSAGE, _("knowledge %s needs a kind and a key"), verb);
    if ((rc = cli_open_store(c, &s)))
        return rc;
    if ((rc = store_territory_get(s, o.territory, &(struct territory){0}, &c->err)) == 0) {
        if (strcmp(verb, "delete") == 0) {
            enum local_kind kind;
            rc = local_kind_parse(o.kind, &kind)
                     ? err_set(&c->err, SY_EUSAGE,
                               "unknown kind '%s'; use route, profile or factor", o.kind)
                     : store_local_delete(s, o.territory, kind, o.key, &c->err);
        } else {
            rc = knowledge_put(c, s, &o, strcmp(verb, "set") == 0);
        }
    }
    store_close(s);
    return rc;
}
