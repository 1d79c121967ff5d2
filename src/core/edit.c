/*
 * edit.c - one record at a time: add, set (only the fields given) and
 * delete, validated by the importers' own row code (import.c) over an
 * in-memory record (reader_open_fields).
 */
#include "core/edit.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/import_int.h"
#include "store/store_edit.h"
#include "util/i18n.h"

/* The REC_IN columns of io/record.c's contact list, in its order. */
enum { C_ACTOR, C_NAME, C_ROLE, C_EMAIL, C_PHONE, C_NCOLS };

static const char *const kind_names[] = {N_("territory"), N_("actor"), N_("flow"), N_("contact")};

const char *edit_kind_name(enum edit_kind k)
{
    return (unsigned)k < 4 ? kind_names[k] : "?";
}

int edit_kind_parse(const char *s, enum edit_kind *k)
{
    static const char *const plural[] = {"territories", "actors", "flows", "contacts"};

    for (int i = 0; i < 4; i++) {
        if (strcmp(s, kind_names[i]) == 0 || strcmp(s, plural[i]) == 0) {
            *k = (enum edit_kind)i;
            return SY_OK;
        }
    }
    return SY_EUSAGE;
}

void edit_result_init(struct edit_result *r)
{
    memset(r, 0, sizeof *r);
    diags_init(&r->diags, "");
}

void edit_result_release(struct edit_result *r)
{
    diags_release(&r->diags);
}

/* The reader over the fields, with the validation sets an edit needs (the
 * nomenclatures; records are looked up in the store one by one). */
static int open_fields(struct reader *rd, struct colspec *cols, struct store *s, enum edit_kind k,
                       const struct edit_field *f, size_t n, struct import_result *ir,
                       struct err *e)
{
    static const struct {
        int n;
        unsigned sets;
    } spec[] = {
        {T_NCOLS, 0},
        {A_NCOLS, VALID_NAF},
        {F_NCOLS, VALID_LOW | VALID_TAXONOMY},
        {C_NCOLS, 0},
    };
    const char *names[IMPORT_MAX_COLS], *values[IMPORT_MAX_COLS];
    int rc;

    /* the specs live as long as the reader: in the edit's record (cols) */
    switch (k) {
    case EDIT_TERRITORY:
        rc = import_terr_specs(cols, e);
        break;
    case EDIT_ACTOR:
        rc = import_actor_specs(cols, 0, e);
        break;
    case EDIT_FLOW:
        rc = import_flow_specs(cols, e);
        break;
    default:
        rc = colspecs_add(cols, 0, C_NCOLS, &rec_contact) == C_NCOLS
                 ? SY_OK
                 : err_set(e, SY_EUSAGE, "contact columns out of step with io/record.c");
    }
    if (rc)
        return rc;
    if (n > IMPORT_MAX_COLS)
        return err_set(e, SY_EUSAGE, _("too many fields (%zu, at most %d)"), n, IMPORT_MAX_COLS);
    for (size_t i = 0; i < n; i++) {
        names[i] = f[i].name;
        values[i] = f[i].value;
    }
    rc = reader_open_fields(rd, s, cols, spec[k].n, names, values, n, ir, e);
    if (!rc)
        rc = valid_load(rd->v, s, spec[k].sets, e);
    return rc;
}

/* Copies the diagnostics of the in-memory import into the edit's result. */
static void take_diags(struct edit_result *r, struct import_result *ir)
{
    struct diags *d = &ir->diags;

    for (size_t i = 0; i < d->n; i++)
        diags_add(&r->diags, d->v[i].level, 0, d->v[i].col, d->v[i].field, d->v[i].column, "%s",
                  d->v[i].msg);
    r->diags.nerrors = d->nerrors;
}

/* A required value missing from an add. */
static void need(struct reader *rd, int col, const char *have)
{
    if (!*have && !reader_has(rd, col))
        diags_add(&rd->r->diags, DIAG_ERROR, 0, 0, -1, rd->specs[col].name,
                  _("%s is required; give it as a field"), rd->specs[col].name);
}

static int exists_already(struct edit_result *r, enum edit_kind k, const char *id, struct err *e)
{
    r->conflict = 1;
    return err_set(e, SY_EINPUT, _("%s '%s' already exists; change it with set"),
                   _(edit_kind_name(k)), id);
}

static int parse_contact_id(const char *id, long *out, struct err *e)
{
    char *end;

    errno = 0;
    *out = strtol(id, &end, 10);
    if (errno || end == id || *end || *out <= 0)
        return err_set(e, SY_ENOTFOUND, _("no contact '%s' (a contact id is a number)"), id);
    return SY_OK;
}

static void row_contact_fields(struct reader *rd, struct contact *c)
{
    if (reader_has(rd, C_ACTOR) && reader_copy(rd, C_ACTOR, c->actor_id, sizeof c->actor_id, 1) &&
        !valid_known(rd, VALID_ACTORS, c->actor_id))
        reader_error(rd, C_ACTOR, _("unknown actor '%s'; see 'symbiose actors list'"), c->actor_id);
    if (reader_has(rd, C_NAME))
        reader_copy(rd, C_NAME, c->name, sizeof c->name, 1);
    if (reader_has(rd, C_ROLE))
        reader_copy(rd, C_ROLE, c->role, sizeof c->role, 0);
    if (reader_has(rd, C_EMAIL) && reader_copy(rd, C_EMAIL, c->email, sizeof c->email, 0) &&
        c->email[0] && !strchr(c->email, '@'))
        reader_error(rd, C_EMAIL, _("email '%s' has no '@'"), c->email);
    if (reader_has(rd, C_PHONE))
        reader_copy(rd, C_PHONE, c->phone, sizeof c->phone, 0);
}

/* The record being edited, whatever its kind. */
union record {
    struct territory t;
    struct actor a;
    struct flow f;
    struct contact c;
};

/* Reads the stored record id into rec (set), or fills the defaults (add). */
static int load(struct store *s, enum edit_kind k, const char *id, union record *rec, struct err *e)
{
    long cid;
    int rc;

    memset(rec, 0, sizeof *rec);
    if (!id) {
        if (k == EDIT_FLOW)
            flow_defaults(&rec->f);
        return SY_OK;
    }
    switch (k) {
    case EDIT_TERRITORY:
        return store_territory_get(s, id, &rec->t, e);
    case EDIT_ACTOR:
        return store_actor_get(s, id, &rec->a, e);
    case EDIT_FLOW:
        return store_flow_get(s, id, &rec->f, e);
    case EDIT_CONTACT:
        rc = parse_contact_id(id, &cid, e);
        return rc ? rc : store_contact_get(s, cid, &rec->c, e);
    }
    return SY_EUSAGE;
}

/* Applies the fields over rec, with the importers' checks. */
static void apply(struct reader *rd, enum edit_kind k, union record *rec, int adding)
{
    switch (k) {
    case EDIT_TERRITORY:
        row_territory(rd, &rec->t);
        if (adding) {
            need(rd, T_CODE, rec->t.code);
            need(rd, T_NAME, rec->t.name);
        }
        break;
    case EDIT_ACTOR:
        row_actor(rd, &rec->a);
        if (adding) {
            need(rd, A_ID, rec->a.id);
            need(rd, A_NAME, rec->a.name);
        }
        break;
    case EDIT_FLOW:
        row_flow(rd, &rec->f);
        if (adding) {
            need(rd, F_ACTOR, rec->f.actor_id);
            need(rd, F_DIR, reader_field(rd, F_DIR));
            need(rd, F_CODE, rec->f.code);
            need(rd, F_QTY, reader_field(rd, F_QTY));
            need(rd, F_UNIT, rec->f.unit);
        }
        break;
    case EDIT_CONTACT:
        row_contact_fields(rd, &rec->c);
        if (adding) {
            need(rd, C_ACTOR, rec->c.actor_id);
            need(rd, C_NAME, rec->c.name);
        }
        break;
    }
}

/* The key of rec ("" if none yet); for a flow, reads or derives it. */
static void key_of(struct reader *rd, enum edit_kind k, union record *rec, char *out, size_t n)
{
    out[0] = '\0';
    if (k == EDIT_TERRITORY) {
        snprintf(out, n, "%s", rec->t.code);
    } else if (k == EDIT_ACTOR) {
        snprintf(out, n, "%s", rec->a.id);
    } else if (k == EDIT_FLOW) {
        if (reader_has(rd, F_ID))
            reader_copy(rd, F_ID, rec->f.id, sizeof rec->f.id, 0);
        if (!rec->f.id[0] && flow_derive_id(&rec->f))
            reader_error(rd, F_ACTOR,
                         _("actor id and code too long to form a flow id; give an id field"));
        snprintf(out, n, "%s", rec->f.id);
    }
}

static int exists(struct store *s, enum edit_kind k, const char *id, struct err *e)
{
    union record tmp;
    int rc = load(s, k, id, &tmp, e);

    if (rc == SY_ENOTFOUND) {
        err_clear(e);
        return 0;
    }
    return rc ? rc : 1;
}

static int save(struct store *s, enum edit_kind k, union record *rec, const char *id, int adding,
                struct edit_result *r, struct err *e)
{
    long cid = 0;
    int rc;

    switch (k) {
    case EDIT_TERRITORY:
        return store_territory_put(s, &rec->t, e);
    case EDIT_ACTOR:
        return store_actor_put(s, &rec->a, e);
    case EDIT_FLOW:
        if (model_flow_normalise(&rec->f))
            return err_set(e, SY_EINPUT, _("flow '%s' cannot be normalised (unit or quantity)"),
                           rec->f.id);
        return store_flow_put(s, &rec->f, e);
    case EDIT_CONTACT:
        if (adding) {
            rc = store_contact_add(s, &rec->c, &cid, e);
            if (!rc)
                snprintf(r->id, sizeof r->id, "%ld", cid);
            return rc;
        }
        rc = parse_contact_id(id, &cid, e);
        return rc ? rc : store_contact_update(s, cid, &rec->c, e);
    }
    return SY_EUSAGE;
}

/* add (id NULL) or set (id given). */
static int edit_write(struct store *s, enum edit_kind k, const char *id, const struct edit_field *f,
                      size_t n, struct edit_result *r, struct err *e)
{
    struct colspec cols[IMPORT_MAX_COLS];
    struct import_result ir;
    struct reader rd;
    union record *rec = NULL;
    char key[SY_ID_MAX];
    int rc, tx = 0;

    if (!s || (n && !f) || !r || (unsigned)k > EDIT_CONTACT)
        return err_set(e, SY_EUSAGE, _("edit: missing argument"));
    import_result_init(&ir, edit_kind_name(k));
    r->diags.file = edit_kind_name(k);
    rc = open_fields(&rd, cols, s, k, f, n, &ir, e);
    if (!rc && !(rec = malloc(sizeof *rec)))
        rc = err_set(e, SY_ENOMEM, _("out of memory"));
    if (!rc)
        rc = store_begin(s, e);
    tx = rc == SY_OK;
    if (!rc)
        rc = load(s, k, id, rec, e);
    if (!rc) {
        apply(&rd, k, rec, id == NULL);
        key_of(&rd, k, rec, key, sizeof key);
        if (id && k != EDIT_CONTACT && strcmp(key, id) != 0)
            diags_error(&ir.diags, 0, 0,
                        _("the id of %s '%s' cannot be changed; add a new one and delete this one"),
                        _(edit_kind_name(k)), id);
        if (ir.diags.nerrors)
            rc = SY_EINPUT;
    }
    if (!rc && !id && k != EDIT_CONTACT) {
        rc = exists(s, k, key, e);
        if (rc == 1)
            rc = exists_already(r, k, key, e);
    }
    if (!rc)
        rc = save(s, k, rec, id, id == NULL, r, e);
    if (!rc && k == EDIT_ACTOR) {
        struct contact c;

        if (row_contact(&rd, rec->a.id, &c))
            rc = store_contact_put(s, &c, e);
    }
    if (!rc && k != EDIT_CONTACT)
        snprintf(r->id, sizeof r->id, "%s", key);
    if (!rc && id && k == EDIT_CONTACT)
        snprintf(r->id, sizeof r->id, "%s", id);
    if (tx)
        rc = store_end(s, rc, e);
    r->created = !rc && !id;
    take_diags(r, &ir);
    if (rc == SY_EINPUT && ir.diags.nerrors)
        err_setf(e, SY_EINPUT, _("%zu error%s in the %s; nothing was changed"), ir.diags.nerrors,
                 ir.diags.nerrors > 1 ? "s" : "", _(edit_kind_name(k)));
    reader_close(&rd, SY_OK, NULL);
    import_result_release(&ir);
    free(rec);
    return rc;
}

int edit_add(struct store *s, enum edit_kind k, const struct edit_field *f, size_t n,
             struct edit_result *r, struct err *e)
{
    return edit_write(s, k, NULL, f, n, r, e);
}

int edit_set(struct store *s, enum edit_kind k, const char *id, const struct edit_field *f,
             size_t n, struct edit_result *r, struct err *e)
{
    if (!id)
        return err_set(e, SY_EUSAGE, _("edit: no id given"));
    return edit_write(s, k, id, f, n, r, e);
}

static int refuse(struct edit_result *r, enum edit_kind k, const char *id,
                  const struct store_deps *d, struct err *e)
{
    r->conflict = 1;
    r->deleted_actors = d->actors;
    r->deleted_flows = d->flows;
    r->deleted_contacts = d->contacts;
    if (k == EDIT_TERRITORY)
        return err_set(e, SY_EINPUT,
                       _("territory '%s' has %ld actor%s (with %ld flow%s); delete or move them "
                         "first, or add --cascade to delete them with it"),
                       id, d->actors, d->actors == 1 ? "" : "s", d->flows,
                       d->flows == 1 ? "" : "s");
    return err_set(e, SY_EINPUT,
                   _("actor '%s' has %ld flow%s; delete them first, or add --cascade to delete "
                     "them with it"),
                   id, d->flows, d->flows == 1 ? "" : "s");
}

static int delete_one(struct store *s, enum edit_kind k, const char *id, int cascade,
                      struct edit_result *r, struct err *e)
{
    struct store_deps d = {0, 0, 0};
    struct flow fl;
    long cid;
    int rc;

    switch (k) {
    case EDIT_TERRITORY:
        rc = store_territory_deps(s, id, &d, e);
        if (!rc && d.actors && !cascade)
            return refuse(r, k, id, &d, e);
        if (!rc)
            rc = store_territory_delete(s, id, e);
        break;
    case EDIT_ACTOR:
        rc = store_actor_deps(s, id, &d, e);
        if (!rc && d.flows && !cascade)
            return refuse(r, k, id, &d, e);
        if (!rc)
            rc = store_actor_delete(s, id, e);
        break;
    case EDIT_FLOW:
        rc = store_flow_get(s, id, &fl, e);
        if (!rc)
            rc = store_flow_delete(s, id, e);
        break;
    default:
        rc = parse_contact_id(id, &cid, e);
        if (!rc)
            rc = store_contact_delete(s, cid, e);
        break;
    }
    if (!rc) {
        r->deleted_actors = d.actors;
        r->deleted_flows = d.flows;
        r->deleted_contacts = d.contacts;
        snprintf(r->id, sizeof r->id, "%s", id);
    }
    return rc;
}

int edit_delete(struct store *s, enum edit_kind k, const char *id, int cascade,
                struct edit_result *r, struct err *e)
{
    int rc;

    if (!s || !id || !r || (unsigned)k > EDIT_CONTACT)
        return err_set(e, SY_EUSAGE, _("edit: missing argument"));
    r->diags.file = edit_kind_name(k);
    rc = store_begin(s, e);
    if (rc)
        return rc;
    rc = delete_one(s, k, id, cascade, r, e);
    return store_end(s, rc, e);
}
