/*
 * main.c - the symbiose command line: global options, dispatch, exit status.
 *
 * The only place that calls exit(). Everything else is in libsymbiose and
 * returns an error code with a message; this file prints the message on
 * stderr and maps the code to the exit status documented in symbiose(1).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "io/table.h"
#include "util/i18n.h"

static const char usage[] =
    N_("usage: symbiose [--db PATH] [--data DIR] [--kb DIR] [--quiet] COMMAND [ARGS]\n"
       "\n"
       "Industrial and territorial ecology: actors, flows, synergies, plans.\n"
       "\n"
       "Global options:\n"
       "  --db PATH     database file (default ./symbiose.db, or $SYMBIOSE_DB)\n"
       "  --data DIR    reference data: List of Waste, NACE, NAF, communes, IREP...\n"
       "                (default $SYMBIOSE_DATA, else the shipped data/ref, installed\n"
       "                as share/symbiose/ref)\n"
       "  --kb DIR      knowledge base: taxonomy, routes, profiles, factors (default\n"
       "                $SYMBIOSE_KB, else data/ beside the binary's source tree, else\n"
       "                the installed share/symbiose)\n"
       "  --quiet       no progress messages\n"
       "  --lang fr|en  language of messages (default: the user's, from LANGUAGE,\n"
       "                LC_ALL, LC_MESSAGES or LANG; English when unset or C)\n"
       "  --locale fr|en  CSV output: fr writes ';', decimal commas and a BOM for\n"
       "                LibreOffice and Excel (default: fr when the language is French)\n"
       "  -o FILE       after the command: write its output to FILE (needed by\n"
       "                --format xlsx, a binary workbook)\n"
       "  --version     print the version\n"
       "\n"
       "Commands:\n");

static void print_usage(FILE *f)
{
    const struct cli_command *cmd;

    fputs(_(usage), f);
    for (cmd = cli_commands(); cmd->name; cmd++)
        fprintf(f, "  %-14s %s\n", cmd->name, _(cmd->summary));
    fputs(_("\nRun 'symbiose COMMAND --help' for a command's options.\n"
            "Exit status: 0 ok, 1 usage error, 2 invalid input, 3 storage or system error.\n"),
          f);
}

static int is_dir(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The binary's path, to find the folders beside it: argv0 when it names a
 * path, else (the command was found through PATH) /proc/self/exe. */
static const char *self_path(const char *argv0, char *out, size_t n)
{
    ssize_t len;

    if (strchr(argv0, '/') || n == 0)
        return argv0;
    len = readlink("/proc/self/exe", out, n - 1);
    if (len <= 0)
        return argv0;
    out[len] = 0;
    return out;
}

/* A data folder: data/SUB of the source tree when running from build/, else
 * share/symbiose/SUB beside the installed binary, else data/SUB of the
 * current folder, else the configured installation folder. A candidate counts
 * only if it holds the file PROBE. */
static const char *find_data(const char *argv0, const char *sub, const char *probe, char *out,
                             size_t n)
{
    static const char *const rel[] = {"../data", "../share/symbiose"};
    const char *slash = strrchr(argv0, '/');
    char f[4200];

    for (size_t i = 0; slash && i < sizeof rel / sizeof rel[0]; i++) {
        snprintf(out, n, "%.*s/%s%s", (int)(slash - argv0), argv0, rel[i], sub);
        snprintf(f, sizeof f, "%s/%s", out, probe);
        if (is_dir(out) && access(f, R_OK) == 0)
            return out;
    }
    snprintf(out, n, "data%s", sub);
    snprintf(f, sizeof f, "%s/%s", out, probe);
    if (is_dir(out) && access(f, R_OK) == 0)
        return out;
    snprintf(out, n, "%s%s", SY_DATADIR, sub);
    return out;
}

/* The message catalogues: build/locale beside the binary in the source
 * tree, else share/locale beside the installed binary, else the configured
 * installation folder. */
static const char *find_locale(const char *argv0, char *out, size_t n)
{
    static const char *const rel[] = {"locale", "../share/locale"};
    const char *slash = strrchr(argv0, '/');

    for (size_t i = 0; slash && i < sizeof rel / sizeof rel[0]; i++) {
        snprintf(out, n, "%.*s/%s", (int)(slash - argv0), argv0, rel[i]);
        if (is_dir(out))
            return out;
    }
    return SY_LOCALEDIR;
}

/* Removes "--NAME VALUE" or "--NAME=VALUE" from anywhere in argv (before a
 * "--"), so that --lang and --locale work before or after the command.
 * Returns the value (the last one given), NULL if absent, or "" when the
 * value is missing. */
static const char *take_option(int *argc, char **argv, const char *name)
{
    const char *val = NULL;
    size_t n = strlen(name);

    for (int i = 1; i < *argc && strcmp(argv[i], "--") != 0;) {
        int used = 0;

        if (strncmp(argv[i], name, n) == 0 && argv[i][n] == '=') {
            val = argv[i] + n + 1;
            used = 1;
        } else if (strcmp(argv[i], name) == 0) {
            val = i + 1 < *argc ? argv[i + 1] : "";
            used = i + 1 < *argc ? 2 : 1;
        }
        if (!used) {
            i++;
            continue;
        }
        memmove(argv + i, argv + i + used, (size_t)(*argc - i - used + 1) * sizeof *argv);
        *argc -= used;
    }
    return val;
}

int main(int argc, char **argv)
{
    struct cli c;
    const struct cli_command *cmd;
    static char kb[4096], ref[4096], localedir[4096], self[4096];
    const char *env, *lang, *csv_locale, *out_path = NULL;
    int i, rc;

    const char *bin = self_path(argv[0], self, sizeof self);

    lang = take_option(&argc, argv, "--lang");
    csv_locale = take_option(&argc, argv, "--locale");
    if (i18n_init(lang && *lang ? lang : NULL, find_locale(bin, localedir, sizeof localedir)) < 0 ||
        (lang && !*lang)) {
        fprintf(stderr, "symbiose: --lang takes fr or en\n");
        return 1;
    }
    if (csv_locale && strcmp(csv_locale, "fr") != 0 && strcmp(csv_locale, "en") != 0) {
        fprintf(stderr, _("symbiose: --locale takes fr or en\n"));
        return 1;
    }
    if (csv_locale ? strcmp(csv_locale, "fr") == 0 : i18n_french())
        out_set_csv_style(&out_csv_french);

    memset(&c, 0, sizeof c);
    c.out = stdout;
    c.errf = stderr;
    c.argv0 = argv[0];
    env = getenv("SYMBIOSE_DB");
    c.db_path = env && *env ? env : "symbiose.db";
    env = getenv("SYMBIOSE_DATA");
    c.ref_dir = env && *env ? env : find_data(bin, "/ref", "list_of_waste.csv", ref, sizeof ref);
    env = getenv("SYMBIOSE_KB");
    c.kb_dir = env && *env ? env : find_data(bin, "", "taxonomy.csv", kb, sizeof kb);

    for (i = 1; i < argc && argv[i][0] == '-'; i++) {
        const char *a = argv[i];

        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            print_usage(stdout);
            return 0;
        } else if (strcmp(a, "--version") == 0) {
            printf("symbiose %s\n", SY_VERSION);
            return 0;
        } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            c.quiet = 1;
        } else if ((strcmp(a, "--db") == 0 || strcmp(a, "--data") == 0 || strcmp(a, "--kb") == 0) &&
                   i + 1 < argc) {
            const char *v = argv[++i];

            if (a[2] == 'd' && a[3] == 'b')
                c.db_path = v;
            else if (a[2] == 'd')
                c.ref_dir = v;
            else
                c.kb_dir = v;
        } else {
            fprintf(stderr, _("symbiose: unknown or incomplete option '%s'\n\n"), a);
            print_usage(stderr);
            return 1;
        }
    }
    if (i == argc) {
        print_usage(stderr);
        return 1;
    }
    for (cmd = cli_commands(); cmd->name; cmd++)
        if (strcmp(cmd->name, argv[i]) == 0)
            break;
    if (!cmd->name) {
        fprintf(stderr, _("symbiose: '%s' is not a command; see 'symbiose --help'\n"), argv[i]);
        return 1;
    }
    /* -o FILE: the output of a command goes to FILE (report has its own) */
    if (strcmp(cmd->name, "report") != 0) {
        int sub = argc - i;
        const char *o = take_option(&sub, argv + i, "-o");
        const char *o2 = take_option(&sub, argv + i, "--output");

        argc = i + sub;
        out_path = o2 ? o2 : o;
        if (out_path && (!*out_path || !(c.out = fopen(out_path, "wb")))) {
            fprintf(stderr, _("symbiose %s: cannot write %s: %s\n"), cmd->name,
                    *out_path ? out_path : "-o", *out_path ? strerror(errno) : _("no FILE"));
            return *out_path ? 3 : 1;
        }
    }
    rc = cmd->fn(&c, argc - i, argv + i);
    fflush(c.out);
    if (out_path) { /* a failed command leaves no partial file */
        int bad = fclose(c.out) != 0;

        if (rc || bad)
            remove(out_path);
        if (!rc && bad)
            rc = err_set(&c.err, SY_EIO, _("writing %s failed"), out_path);
    }
    if (rc) {
        if (c.err.msg[0])
            fprintf(stderr, "symbiose %s: %s\n", cmd->name, c.err.msg);
        else
            fprintf(stderr, "symbiose %s: %s\n", cmd->name, _(err_name(rc)));
    }
    return err_exit_status(rc);
}
