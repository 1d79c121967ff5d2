/*
 * cards.c - workshop cards into flows and participants of an event (cards.h).
 */
#include "core/cards.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/import_int.h"
#include "store/store_network.h"
#include "util/i18n.h"

enum { K_ACTOR, K_CARD, K_CODE, K_DESC, K_QTY, K_UNIT, K_PERIOD, K_PERSON, K_ID, K_NCOLS };
static const struct colspec card_cols[] = {
    {"actor_id", 1, NULL},    {"card", 1, NULL},     {"code", 1, NULL},
    {"description", 0, NULL}, {"quantity", 0, NULL}, {"unit", 0, NULL},
    {"period", 0, NULL},      {"person", 0, NULL},   {"id", 0, NULL},
};

static int card_dir(const char *s, enum flow_dir *d)
{
    static const char *const have[] = {"have", "has", "offre", "j'ai", "ressource"};
    static const char *const want[] = {"want", "wants", "besoin", "je cherche", "recherche"};

    for (size_t i = 0; i < sizeof have / sizeof have[0]; i++) {
        if (strcasecmp(s, have[i]) == 0) {
            *d = FLOW_SUPPLY;
            return SY_OK;
        }
        if (strcasecmp(s, want[i]) == 0) {
            *d = FLOW_DEMAND;
            return SY_OK;
        }
    }
    return model_dir_parse(s, d);
}

static void card_fields(struct reader *rd, struct flow *f)
{
    const char *v = reader_field(rd, K_CARD);
    double mult;
    int has_qty;

    if (card_dir(v, &f->dir))
        reader_error(rd, K_CARD, _("card '%s' is neither have (offre) nor want (besoin)"), v);
    valid_resource(rd, K_CODE, f);
    reader_copy(rd, K_DESC, f->description, sizeof f->description, 0);
    has_qty = reader_number(rd, K_QTY, &f->qty, 0) == 1;
    if (has_qty && f->qty < 0)
        reader_error(rd, K_QTY, _("quantity %s is negative"), reader_field(rd, K_QTY));
    reader_copy(rd, K_UNIT, f->unit, sizeof f->unit, has_qty);
    if (!f->unit[0])
        snprintf(f->unit, sizeof f->unit, "t"); /* no quantity: 0 t, to be asked */
    else if (model_unit_parse(f->unit, &f->canon, &mult))
        reader_error(rd, K_UNIT, _("unknown unit '%s'; use t, kg, MWh, kWh, GJ, m3, L or count"),
                     f->unit);
    v = reader_field(rd, K_PERIOD);
    if (*v && model_period_parse(v, &f->period))
        reader_error(rd, K_PERIOD, _("period '%s' is not one of year, month, week, day, once"), v);
    f->conf = CONF_TERRITORY;
    f->months = MONTHS_ALL;
}

int import_cards(struct store *s, const char *path, long event_id, const struct import_opts *o,
                 struct import_result *r, struct err *e)
{
    struct reader rd;
    struct flow f;
    struct participant p;
    struct event ev;
    int rc;

    rc = store_event_get(s, event_id, &ev, e);
    if (rc)
        return rc;
    rc = reader_open(&rd, s, path, card_cols, K_NCOLS, o, r, e);
    if (!rc)
        rc = valid_load(rd.v, s, VALID_ACTORS | VALID_FLOWS | VALID_LOW | VALID_TAXONOMY, e);
    while (rc == SY_OK && (rc = reader_next(&rd)) == 1) {
        rc = SY_OK;
        memset(&f, 0, sizeof f);
        memset(&p, 0, sizeof p);
        if (reader_copy(&rd, K_ACTOR, f.actor_id, sizeof f.actor_id, 1) &&
            !valid_known(&rd, VALID_ACTORS, f.actor_id))
            reader_error(&rd, K_ACTOR,
                         _("unknown actor '%s'; import it first with 'symbiose import actors'"),
                         f.actor_id);
        card_fields(&rd, &f);
        reader_copy(&rd, K_PERSON, p.person, sizeof p.person, 0);
        if (rd.row_bad)
            continue;
        if ((!reader_copy(&rd, K_ID, f.id, sizeof f.id, 0) || !f.id[0]) &&
            (size_t)snprintf(f.id, sizeof f.id, "event-%ld/%s/%s/%s", event_id, f.actor_id,
                             model_dir_name(f.dir), f.code) >= sizeof f.id) {
            reader_error(&rd, K_ACTOR,
                         _("actor id and code too long to form a flow id; add an "
                           "id column"));
            continue;
        }
        if (!reader_check_id(&rd, rd.idx[K_ID] >= 0 ? K_ID : K_ACTOR, f.id))
            continue;
        model_flow_normalise(&f);
        reader_count(&rd, valid_known(&rd, VALID_FLOWS, f.id));
        p.event_id = event_id;
        snprintf(p.actor_id, sizeof p.actor_id, "%s", f.actor_id);
        rc = store_flow_put(s, &f, e);
        if (!rc)
            rc = store_event_flow_add(s, event_id, f.id, e);
        if (!rc)
            rc = store_participant_add(s, &p, e);
    }
    return reader_close(&rd, rc, e);
}
