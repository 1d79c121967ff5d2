/*
 * main.c - the symbiose command line: global options, dispatch, exit status.
 *
 * The only place that calls exit(). Everything else is in libsymbiose and
 * returns an error code with a message; this file prints the message on
 * stderr and maps the code to the exit status documented in symbiose(1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"

static const char usage[] =
    "usage: symbiose [--db PATH] [--data DIR] [--kb DIR] [--quiet] COMMAND [ARGS]\n"
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
    "  --version     print the version\n"
    "\n"
    "Commands:\n";

static void print_usage(FILE *f)
{
    const struct cli_command *cmd;

    fputs(usage, f);
    for (cmd = cli_commands(); cmd->name; cmd++)
        fprintf(f, "  %-14s %s\n", cmd->name, cmd->summary);
    fputs("\nRun 'symbiose COMMAND --help' for a command's options.\n"
          "Exit status: 0 ok, 1 usage error, 2 invalid input, 3 storage or system error.\n",
          f);
}

static int is_dir(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
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

int main(int argc, char **argv)
{
    struct cli c;
    const struct cli_command *cmd;
    static char kb[4096], ref[4096];
    const char *env;
    int i, rc;

    memset(&c, 0, sizeof c);
    c.out = stdout;
    c.errf = stderr;
    c.argv0 = argv[0];
    env = getenv("SYMBIOSE_DB");
    c.db_path = env && *env ? env : "symbiose.db";
    env = getenv("SYMBIOSE_DATA");
    c.ref_dir =
        env && *env ? env : find_data(argv[0], "/ref", "list_of_waste.csv", ref, sizeof ref);
    env = getenv("SYMBIOSE_KB");
    c.kb_dir = env && *env ? env : find_data(argv[0], "", "taxonomy.csv", kb, sizeof kb);

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
            fprintf(stderr, "symbiose: unknown or incomplete option '%s'\n\n", a);
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
        fprintf(stderr, "symbiose: '%s' is not a command; see 'symbiose --help'\n", argv[i]);
        return 1;
    }
    rc = cmd->fn(&c, argc - i, argv + i);
    fflush(c.out);
    if (rc) {
        if (c.err.msg[0])
            fprintf(stderr, "symbiose %s: %s\n", cmd->name, c.err.msg);
        else
            fprintf(stderr, "symbiose %s: %s\n", cmd->name, err_name(rc));
    }
    return err_exit_status(rc);
}
