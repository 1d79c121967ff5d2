/*
 * backup.c - symbiose backup FILE and symbiose restore FILE.
 */
#include "cli/util.h"
#include "store/store_backup.h"

#include <stdio.h>
#include <string.h>
#include "util/i18n.h"

static const char backup_usage[] =
    N_("usage: symbiose [--db PATH] backup [--force] FILE\n"
       "\n"
       "Writes a consistent copy of the database to FILE with SQLite's online backup,\n"
       "while other processes may go on writing. The copy is checked (integrity) and\n"
       "only then put in place. An existing FILE is kept unless --force.\n"
       "Exit status: 0 ok, 1 usage (FILE exists), 3 storage or system error.\n");

static const char restore_usage[] =
    N_("usage: symbiose --db TARGET restore [--force] FILE\n"
       "\n"
       "Replaces the database TARGET by the backup FILE. FILE must be a symbiose\n"
       "database of a known schema version that passes PRAGMA integrity_check;\n"
       "otherwise nothing is changed. An existing TARGET is kept unless --force.\n"
       "Exit status: 0 ok, 1 usage (TARGET exists), 3 storage or system error.\n");

/* Reads [--force] FILE. */
static int args(struct cli *c, int argc, char **argv, const char *cmd, int *force,
                const char **file)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--force") == 0)
            *force = 1;
        else if (argv[i][0] == '-' && argv[i][1])
            return cli_bad_arg(c, cmd, argv[i]);
        else if (!*file)
            *file = argv[i];
        else
            return cli_bad_arg(c, cmd, argv[i]);
    }
    if (!*file)
        return err_set(&c->err, SY_EUSAGE, _("%s needs a FILE; see 'symbiose %s --help'"), cmd,
                       cmd);
    return SY_OK;
}

int cmd_backup(struct cli *c, int argc, char **argv)
{
    struct store *s = NULL;
    const char *file = NULL;
    int force = 0, rc;

    if (cli_wants_help(argc, argv)) {
        fputs(_(backup_usage), c->out);
        return SY_OK;
    }
    if ((rc = args(c, argc, argv, "backup", &force, &file)))
        return rc;
    if ((rc = cli_open_store_mode(c, &s, STORE_READ)))
        return rc;
    rc = store_backup(s, file, force, &c->err);
    store_close(s);
    if (!rc && !c->quiet)
        fprintf(c->out, _("%s: backup of %s written and checked\n"), file, c->db_path);
    return rc;
}

int cmd_restore(struct cli *c, int argc, char **argv)
{
    const char *file = NULL;
    int force = 0, rc;

    if (cli_wants_help(argc, argv)) {
        fputs(_(restore_usage), c->out);
        return SY_OK;
    }
    if ((rc = args(c, argc, argv, "restore", &force, &file)))
        return rc;
    rc = store_restore(c->db_path, file, force, &c->err);
    if (!rc && !c->quiet)
        fprintf(c->out, _("%s: restored from %s\n"), c->db_path, file);
    return rc;
}
