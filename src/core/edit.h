/*
 * edit.h - create, update and delete one territory, actor, flow or contact,
 * with the importers' validation (the same code checks a spreadsheet row and
 * an edit, so a value refused by one is refused by the other).
 *
 * Fields are given as (column, value) pairs named like the import columns of
 * docs/formats.md, or their documented aliases (French headers included):
 * {"workforce", "50"}, {"commune", "67482"}. An update changes only the
 * fields given; an empty value clears an optional field. Each call runs in
 * its own transaction: on any error nothing is changed.
 *
 * Errors about a field are collected in r->diags (util/diag.h), one per
 * problem, each with line 0, field = the 0-based position of the field in
 * the array given (-1 for a field that was not given, such as a required
 * one), column = the field's name as given (the column's own name for one
 * not given), and msg
 * (so an HTTP server can answer "400, a message per field"); the call then
 * returns SY_EINPUT with e summarising. Core prints nothing. Other outcomes:
 *   SY_ENOTFOUND  set or delete of a record that does not exist (404);
 *   SY_EINPUT with r->conflict = 1: add of an id that exists, or delete of a
 *                 record others depend on without cascade (409);
 *   SY_EUSAGE     an unknown kind or a NULL argument.
 * Called by the CLI (src/cli/edit.c) and the HTTP server.
 */
#ifndef SY_EDIT_H
#define SY_EDIT_H

#include <stddef.h>

#include "model/model.h"
#include "store/store.h"
#include "util/diag.h"

enum edit_kind { EDIT_TERRITORY, EDIT_ACTOR, EDIT_FLOW, EDIT_CONTACT };

struct edit_field {
    const char *name;  /* import column name or alias */
    const char *value; /* as typed: trimmed and validated like a CSV cell */
};

#define EDIT_FIELDS_MAX 32

struct edit_result {
    /* The record's key: territory code, actor id, flow id (derived from
     * actor_id/direction/code when an add gives none), contact id (a number). */
    char id[SY_ID_MAX];
    int created;  /* edit_add: 1 */
    int conflict; /* see above */
    /* edit_delete: what went with the record (cascade, or an actor's contacts) */
    long deleted_actors, deleted_flows, deleted_contacts;
    struct diags diags; /* file name: the kind ("actor"...) */
};

void edit_result_init(struct edit_result *r);
void edit_result_release(struct edit_result *r);

/* The singular English name of a kind ("territory", "actor", "flow", "contact"). */
const char *edit_kind_name(enum edit_kind k);
/* Parses "territory", "actor", "flow", "contact" (plural accepted). 0 or SY_EUSAGE. */
int edit_kind_parse(const char *s, enum edit_kind *k);

/* Creates a record. Territories need code and name; actors id and name;
 * flows actor_id, direction, code, quantity, unit (and id, else derived);
 * contacts actor_id and name. */
int edit_add(struct store *s, enum edit_kind k, const struct edit_field *f, size_t n,
             struct edit_result *r, struct err *e);
/* Changes the fields given of record id; the id itself cannot change. */
int edit_set(struct store *s, enum edit_kind k, const char *id, const struct edit_field *f,
             size_t n, struct edit_result *r, struct err *e);
/* Deletes record id. A territory with actors, or an actor with flows, is
 * refused (r->conflict, the counts in r->deleted_*) unless cascade, which
 * deletes them too. An actor's contacts always go with it. */
int edit_delete(struct store *s, enum edit_kind k, const char *id, int cascade,
                struct edit_result *r, struct err *e);

#endif
