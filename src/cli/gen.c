/*
 * gen.c - symbiose gen --establishments N --seed S [--out DIR]: writes a
 * synthetic national territory (DIR/actors.csv, DIR/flows.csv) in the import
 * formats, for benchmarks and load tests. The generation is core/gen.c.
 */
#include "cli/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/gen.h"
#include "core/match_run.h"
#include "util/buf.h"
#include "util/i18n.h"

static const char gen_usage[] =
    N_("usage: symbiose gen --establishments N [--seed S] [--out DIR] [--towns T]\n"
       "                    [--flows-per-establishment F] [--mix FILE]\n"
       "\n"
       "Generates a synthetic national territory: T towns (35000) over mainland\n"
       "France with a rank-size population law, N establishments around them in\n"
       "proportion to population, a NACE mix like the French economy's\n"
       "(data/gen/nace_mix.csv, or --mix), a skewed workforce, and flows drawn from\n"
       "the sector profiles of the knowledge base (about F per establishment, 3,\n"
       "as far as the profiles allow). Writes DIR/actors.csv and DIR/flows.csv\n"
       "(DIR defaults to '.', created if needed) for 'symbiose import actors' and\n"
       "'symbiose import flows'. The same seed (1) always gives the same files.\n");

static int read_all(struct cli *c, const char *path, char **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    struct buf b = BUF_INIT;
    char chunk[65536];
    size_t k;
    int rc = 0;

    if (!f)
        return err_set(&c->err, SY_EIO, _("%s: %s; check the knowledge base folder (--kb)"), path,
                       strerror(errno));
    while (!rc && (k = fread(chunk, 1, sizeof chunk, f)) > 0)
        rc = buf_add(&b, chunk, k);
    if (!rc && ferror(f))
        rc = err_set(&c->err, SY_EIO, _("%s: read error"), path);
    else if (rc)
        rc = err_set(&c->err, rc, _("%s: file too large or out of memory"), path);
    fclose(f);
    if (rc) {
        buf_release(&b);
        return rc;
    }
    *data = buf_detach(&b, len);
    return 0;
}

static int parse_count(struct cli *c, const char *opt, const char *v, double lo, double hi,
                       double *out)
{
    char *end;
    double x;

    errno = 0;
    x = strtod(v, &end);
    if (errno || end == v || *end || !(x >= lo && x <= hi))
        return err_set(&c->err, SY_EUSAGE, _("%s '%s' is not a number in [%g, %g]"), opt, v, lo,
                       hi);
    *out = x;
    return 0;
}

static void gen_progress(void *ctx, const char *phase, double done)
{
    struct cli *c = ctx;

    /* Like cli_progress: only on a terminal, so that logs stay clean. */
    if (!c->quiet && isatty(fileno(c->errf)))
        fprintf(c->errf, "\r%s: %3.0f%%%s", phase, 100 * done, done >= 1 ? "\n" : "");
}

static int write_file(struct cli *c, const char *dir, const char *name, const struct gen_world *w,
                      const struct kb *kb)
{
    char path[4096];
    FILE *f;
    int rc;

    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path)
        return err_set(&c->err, SY_EUSAGE, _("--out path too long"));
    f = fopen(path, "wb");
    if (!f)
        return err_set(&c->err, SY_EIO, _("cannot create %s: %s"), path, strerror(errno));
    if (strcmp(name, "actors.csv") == 0)
        rc = gen_write_actors(w, kb, f, &c->err);
    else
        rc = gen_write_flows(w, kb, f, &c->err);
    if (fclose(f) && !rc)
        rc = err_set(&c->err, SY_EIO, _("cannot write %s: %s"), path, strerror(errno));
    if (rc)
        err_prefix(&c->err, "%s: ", path);
    return rc;
}

int cmd_gen(struct cli *c, int argc, char **argv)
{
    struct gen_opts o;
    struct gen_mix mix = {NULL, 0};
    struct gen_world w;
    struct kb *kb = NULL;
    const char *out_dir = ".", *mix_path = NULL, *v;
    char path[4096], *data = NULL;
    size_t len = 0;
    int rc, got, have_n = 0;
    double x;

    memset(&w, 0, sizeof w);
    if (cli_wants_help(argc, argv)) {
        fputs(_(gen_usage), c->out);
        return SY_OK;
    }
    gen_opts_default(&o);
    for (int i = 1; i < argc; i++) {
        if ((got = cli_opt(c, argc, argv, &i, "--establishments", &v)) != 0) {
            if (got < 0 || parse_count(c, "--establishments", v, 1, 99999999, &x))
                return SY_EUSAGE;
            o.nsites = (size_t)x;
            have_n = 1;
        } else if ((got = cli_opt(c, argc, argv, &i, "--seed", &v)) != 0) {
            char *end;
            if (got < 0)
                return SY_EUSAGE;
            errno = 0;
            o.seed = strtoull(v, &end, 10);
            if (errno || end == v || *end || v[0] == '-')
                return err_set(&c->err, SY_EUSAGE, _("--seed '%s' is not a whole number >= 0"), v);
        } else if ((got = cli_opt(c, argc, argv, &i, "--towns", &v)) != 0) {
            if (got < 0 || parse_count(c, "--towns", v, 1, 10000000, &x))
                return SY_EUSAGE;
            o.ntowns = (size_t)x;
        } else if ((got = cli_opt(c, argc, argv, &i, "--flows-per-establishment", &v)) != 0) {
            if (got < 0 || parse_count(c, "--flows-per-establishment", v, 0, 100, &x))
                return SY_EUSAGE;
            o.flows_per_site = x;
        } else if ((got = cli_opt(c, argc, argv, &i, "--out", &v)) != 0) {
            if (got < 0)
                return SY_EUSAGE;
            out_dir = v;
        } else if ((got = cli_opt(c, argc, argv, &i, "--mix", &v)) != 0) {
            if (got < 0)
                return SY_EUSAGE;
            mix_path = v;
        } else {
            return cli_bad_arg(c, "gen", argv[i]);
        }
    }
    if (!have_n)
        return err_set(&c->err, SY_EUSAGE,
                       _("missing --establishments N; see 'symbiose gen --help'"));
    if ((rc = match_kb_load(c->kb_dir, &kb, &c->err)))
        return rc;
    if (!mix_path) {
        snprintf(path, sizeof path, "%s/gen/nace_mix.csv", c->kb_dir);
        mix_path = path;
    }
    if ((rc = read_all(c, mix_path, &data, &len)) ||
        (rc = gen_mix_parse(&mix, mix_path, data, len, &c->err)))
        goto out;
    if (c->ref_dir) {
        /* Hazard flags from the List of Waste, when the reference data is there. */
        char lpath[4096], *low = NULL;
        size_t nlow = 0;
        snprintf(lpath, sizeof lpath, "%s/list_of_waste.csv", c->ref_dir);
        if (read_all(c, lpath, &low, &nlow) == 0) {
            rc = gen_kb_hazards(kb, lpath, low, nlow, &c->err);
            free(low);
            if (rc)
                goto out;
        }
        err_clear(&c->err);
    }
    if (mkdir(out_dir, 0777) && errno != EEXIST) {
        rc = err_set(&c->err, SY_EIO, _("cannot create %s: %s"), out_dir, strerror(errno));
        goto out;
    }
    if ((rc = gen_world(kb, &mix, &o, gen_progress, c, &w, &c->err)))
        goto out;
    if ((rc = write_file(c, out_dir, "actors.csv", &w, kb)) ||
        (rc = write_file(c, out_dir, "flows.csv", &w, kb)))
        goto out;
    if (!c->quiet)
        fprintf(c->errf, _("%zu establishments, %zu flows (%.2f per establishment) in %s\n"),
                w.nsites, w.nflows, (double)w.nflows / (double)w.nsites, out_dir);
out:
    gen_world_release(&w);
    gen_mix_release(&mix);
    free(data);
    kb_free(kb);
    return rc;
}
