/*
 * cards.h - workshop cards ("haves" and "wants") into flows linked to an event.
 *
 * A card file is a CSV with the columns actor_id, card (have|want, or offre|
 * besoin, supply|demand), code (List of Waste or taxonomy), and optionally
 * description, quantity, unit, period, person and id. Each card becomes a
 * flow of that actor (id "event-N/actor/direction/code" unless given), linked
 * to the event; the person who wrote it joins the event's participants.
 * All or nothing, FILE:LINE:COLUMN errors, like every import (core/import.h).
 */
#ifndef SY_CARDS_H
#define SY_CARDS_H

#include "core/import.h"

/* SY_ENOTFOUND if there is no such event. */
int import_cards(struct store *s, const char *path, long event_id, const struct import_opts *o,
                 struct import_result *r, struct err *e);

#endif
