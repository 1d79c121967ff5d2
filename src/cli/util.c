/*
 * util.c - option parsing and printing helpers shared by the subcommands.
 */
#include "cli/util.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "util/i18n.h"

int cli_opt(struct cli *c, int argc, char **argv, int *i, const char *name, const char **val)
{
    const char *a = argv[*i];
    size_t n = strlen(name);

    if (strncmp(a, name, n) != 0)
        return 0;
    if (a[n] == '=') {
        *val = a + n + 1;
        return 1;
    }
    if (a[n] != '\0')
        return 0;
    if (*i + 1 >= argc) {
        err_setf(&c->err, SY_EUSAGE, _("option %s needs a value"), name);
        return -1;
    }
    *val = argv[++*i];
    return 1;
}

int cli_bad_arg(struct cli *c, const char *cmd, const char *arg)
{
    return err_set(&c->err, SY_EUSAGE, _("unexpected argument '%s'; see 'symbiose %s --help'"), arg,
                   cmd);
}

int cli_open_store(struct cli *c, struct store **s)
{
    return store_open(s, c->db_path, &c->err);
}

int cli_open_store_mode(struct cli *c, struct store **s, enum store_mode mode)
{
    return store_open_mode(s, c->db_path, mode, &c->err);
}

void cli_print_diags(struct cli *c, const struct diags *d, int warnings)
{
    char line[DIAG_MSG_MAX + 512];

    for (size_t i = 0; i < d->n; i++) {
        if (d->v[i].level == DIAG_WARNING && !warnings)
            continue;
        diags_format(d, i, line, sizeof line);
        fprintf(c->errf, "%s\n", line);
    }
    if (d->nerrors > DIAG_MAX)
        fprintf(c->errf, _("%s: ... and %zu more errors not shown (the first %d are above)\n"),
                d->file, d->nerrors - DIAG_MAX, DIAG_MAX);
}

void cli_progress(void *ctx, long rows, int done)
{
    struct cli *c = ctx;

    if (c->quiet || !isatty(fileno(c->errf)))
        return;
    fprintf(c->errf, done ? _("\r%ld rows read\n") : "\r%ld rows...", rows);
    fflush(c->errf);
}

static const char *word_fr(const char *english)
{
    static const char *const fr[][2] = {
        {"company", "entreprise"},
        {"supply", "offre"},
        {"demand", "besoin"},
        {"year", "an"},
        {"month", "mois"},
        {"week", "semaine"},
        {"day", "jour"},
        {"once", "ponctuel"},
        {"none", "aucun"},
        {"solid", "solide"},
        {"liquid", "liquide"},
        {"gas", "gaz"},
        {"sludge", "boue"},
        {"network", "r\xC3\xA9seau"},
        {"territory", "territoire"},
        {"private", "priv\xC3\xA9"},
    };

    for (size_t i = 0; i < sizeof fr / sizeof fr[0]; i++)
        if (strcmp(fr[i][0], english) == 0)
            return fr[i][1];
    return english;
}

const char *cli_word(const struct out *o, const char *english)
{
    return !i18n_french() || out_get_format(o) == OUT_JSON ? english : word_fr(english);
}

int cli_format(struct cli *c, const char *v, enum out_format *f, int allow_geojson)
{
    if (out_format_parse(v, f, allow_geojson, &c->err))
        return SY_EUSAGE;
    if (*f == OUT_XLSX && isatty(fileno(c->out)))
        return err_set(&c->err, SY_EUSAGE,
                       _("--format xlsx writes a binary workbook, not for a terminal: give "
                         "-o FILE.xlsx"));
    return SY_OK;
}

unsigned cli_rec_need(enum out_format fmt)
{
    return fmt == OUT_CSV ? REC_CSV : fmt == OUT_JSON ? REC_API : REC_LIST;
}

struct out *cli_out_records(struct cli *c, enum out_format fmt, const struct rec_desc *d)
{
    struct out_sink sink = {c->out, NULL};
    struct out *o = out_new_rec(sink, fmt, d, cli_rec_need(fmt));

    if (o && fmt != OUT_JSON && i18n_french())
        out_set_words(o, word_fr);
    return o;
}

static int print_with(struct cli *c, enum out_format fmt, const struct rec_desc *d,
                      const struct out_col *cols, size_t ncols, cli_list_fn list,
                      const void *filter)
{
    struct out_sink sink = {c->out, NULL};
    struct store *s = NULL;
    struct out *o;
    int rc = cli_open_store_mode(c, &s, STORE_READ);

    if (rc)
        return rc;
    o = d ? cli_out_records(c, fmt, d) : out_new_sink(sink, fmt, cols, ncols);
    rc = o ? list(s, o, filter, &c->err) : err_set(&c->err, SY_ENOMEM, _("out of memory"));
    if (!rc)
        rc = out_finish(o);
    out_free(o);
    store_close(s);
    return rc;
}

int cli_print_list(struct cli *c, enum out_format fmt, const struct out_col *cols, size_t ncols,
                   cli_list_fn list, const void *filter)
{
    return print_with(c, fmt, NULL, cols, ncols, list, filter);
}

int cli_print_records(struct cli *c, enum out_format fmt, const struct rec_desc *d,
                      cli_list_fn list, const void *filter)
{
    return print_with(c, fmt, d, NULL, 0, list, filter);
}
