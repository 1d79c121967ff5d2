/*
 * checklist_run.c - a stored candidate's regulatory checklist, with the
 * receiver's activity and the waste's hazard read from the store. See
 * checklist_run.h.
 */
#include "core/checklist_run.h"

#include <ctype.h>
#include <string.h>

int checklist_for_candidate(struct store *s, const struct kb *kb, const struct candidate *c,
                            struct checklist *out, struct err *e)
{
    struct checklist_input in = {c->rule, c->resource_code, "", -1, -1, c->distance_km};
    struct actor a;
    struct nomen_entry ne;
    char nace[16] = "";
    int rc;

    if (c->receiver_id[0]) {
        rc = store_actor_get(s, c->receiver_id, &a, e);
        if (rc == 0 && a.naf[0])
            model_naf_to_nace(a.naf, nace, sizeof nace);
        else if (rc && rc != SY_ENOTFOUND)
            return rc;
    }
    in.receiver_nace = nace;
    if (isdigit((unsigned char)c->resource_code[0])) {
        rc = store_nomen_get(s, NOMEN_LOW, c->resource_code, &ne, e);
        if (rc == 0)
            in.hazardous = ne.hazardous != 0;
        else if (rc != SY_ENOTFOUND)
            return rc;
    }
    err_clear(e);
    checklist_build(kb, &in, out);
    return SY_OK;
}

json_t *checklist_json(const struct checklist *c)
{
    json_t *a = json_array();

    for (size_t i = 0; a && i < c->n; i++) {
        const struct checklist_item *it = &c->v[i];
        json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "party", it->party, "topic",
                              it->topic, "check", it->text_en, "check_fr", it->text_fr, "act",
                              it->act, "scope", it->scope);
        if (!o || json_array_append_new(a, o)) {
            json_decref(a);
            return NULL;
        }
    }
    return a;
}
