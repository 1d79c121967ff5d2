/*
 * edit.c - the add|set|delete subcommands of territory, actors and flows:
 *   symbiose actors add --id ID --name NAME [--COLUMN VALUE]...
 *   symbiose actors set ID --COLUMN VALUE...
 *   symbiose actors delete ID [--cascade]
 * Columns are the import columns (docs/formats.md); COLUMN=VALUE works too.
 */
#include "cli/edit.h"

#include <stdio.h>
#include <string.h>

#include "core/edit.h"
#include "util/i18n.h"

/* Prints the field errors of an edit: "COMMAND: FIELD: message". */
static void print_field_diags(struct cli *c, const char *cmd, const struct edit_result *r,
                              const struct edit_field *f, size_t n)
{
    for (size_t i = 0; i < r->diags.n; i++) {
        const struct diag *d = &r->diags.v[i];
        const char *field = d->field >= 0 && (size_t)d->field < n ? f[d->field].name
                            : d->column[0]                        ? d->column
                                                                  : NULL;

        fprintf(c->errf, _("symbiose %s: %s%s%s%s\n"), cmd,
                d->level == DIAG_WARNING ? _("warning: ") : "", field ? field : "",
                field ? ": " : "", d->msg);
    }
}

/* Reads --COLUMN VALUE and COLUMN=VALUE pairs from argv[from..argc), and at
 * most one positional argument into *id. */
static int read_fields(struct cli *c, const char *cmd, int argc, char **argv, int from,
                       struct edit_field *f, size_t *n, const char **id, int *cascade)
{
    *n = 0;
    for (int i = from; i < argc; i++) {
        const char *a = argv[i], *eq = strchr(a, '=');
        static char names[EDIT_FIELDS_MAX][64];

        if (cascade && strcmp(a, "--cascade") == 0) {
            *cascade = 1;
            continue;
        }
        if (*n == EDIT_FIELDS_MAX)
            return err_set(&c->err, SY_EUSAGE, _("too many fields (at most %d)"), EDIT_FIELDS_MAX);
        if (a[0] == '-' && a[1] == '-' && a[2]) {
            const char *name = a + 2;
            size_t len = eq ? (size_t)(eq - name) : strlen(name);

            if (len >= sizeof names[0])
                return cli_bad_arg(c, cmd, a);
            memcpy(names[*n], name, len);
            names[*n][len] = '\0';
            if (!eq && i + 1 >= argc)
                return err_set(&c->err, SY_EUSAGE, _("option %s needs a value"), a);
            f[*n].name = names[*n];
            f[*n].value = eq ? eq + 1 : argv[++i];
            ++*n;
        } else if (eq && eq != a && !cascade) {
            size_t len = (size_t)(eq - a);

            if (len >= sizeof names[0])
                return cli_bad_arg(c, cmd, a);
            memcpy(names[*n], a, len);
            names[*n][len] = '\0';
            f[*n].name = names[*n];
            f[*n].value = eq + 1;
            ++*n;
        } else if (id && !*id && a[0] != '-') {
            *id = a;
        } else {
            return cli_bad_arg(c, cmd, a);
        }
    }
    return SY_OK;
}

static void print_done(struct cli *c, enum edit_kind k, const char *verb,
                       const struct edit_result *r)
{
    if (c->quiet)
        return;
    fprintf(c->out, "%s %s %s", _(edit_kind_name(k)), r->id, verb);
    if (r->deleted_actors)
        fprintf(c->out, ngettext(", with %ld actor", ", with %ld actors", r->deleted_actors),
                r->deleted_actors);
    if (r->deleted_flows)
        fprintf(c->out, ngettext(", with %ld flow", ", with %ld flows", r->deleted_flows),
                r->deleted_flows);
    if (r->deleted_contacts)
        fprintf(c->out, ngettext(", with %ld contact", ", with %ld contacts", r->deleted_contacts),
                r->deleted_contacts);
    fputc('\n', c->out);
}

int cli_edit(struct cli *c, const char *cmd, enum edit_kind k, int argc, char **argv)
{
    struct edit_field f[EDIT_FIELDS_MAX];
    struct edit_result r;
    struct store *s = NULL;
    const char *id = NULL, *op = argv[1];
    int cascade = 0, rc;
    size_t n = 0;

    if (strcmp(op, "delete") == 0) {
        rc = read_fields(c, cmd, argc, argv, 2, f, &n, &id, &cascade);
        if (!rc && n)
            rc = err_set(&c->err, SY_EUSAGE, _("delete takes an id and --cascade only"));
    } else {
        rc = read_fields(c, cmd, argc, argv, 2, f, &n, strcmp(op, "set") == 0 ? &id : NULL, NULL);
        if (!rc && !n)
            rc = err_set(&c->err, SY_EUSAGE, _("no field given; see 'symbiose %s --help'"), cmd);
    }
    if (!rc && strcmp(op, "add") != 0 && !id)
        rc = err_set(&c->err, SY_EUSAGE, _("%s %s needs the %s's id"), cmd, op, edit_kind_name(k));
    if (rc)
        return rc;
    rc = cli_open_store(c, &s);
    if (rc)
        return rc;
    edit_result_init(&r);
    if (strcmp(op, "add") == 0)
        rc = edit_add(s, k, f, n, &r, &c->err);
    else if (strcmp(op, "set") == 0)
        rc = edit_set(s, k, id, f, n, &r, &c->err);
    else
        rc = edit_delete(s, k, id, cascade, &r, &c->err);
    print_field_diags(c, cmd, &r, f, n);
    if (!rc)
        print_done(c, k,
                   op[0] == 'a'   ? _("added")
                   : op[0] == 's' ? _("updated")
                                  : _("deleted"),
                   &r);
    edit_result_release(&r);
    store_close(s);
    return rc;
}

int cli_is_edit(const char *op)
{
    return strcmp(op, "add") == 0 || strcmp(op, "set") == 0 || strcmp(op, "delete") == 0;
}
