/*
 * synergy.c - synergy stages and the moves allowed between them.
 */
#include "model/synergy.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "util/err.h"

static const char *const names[SYNERGY_NSTAGES] = {"idea", "study", "implementation", "running",
                                                   "abandoned"};

const char *synergy_stage_name(enum synergy_stage s)
{
    return (unsigned)s < SYNERGY_NSTAGES ? names[s] : "?";
}

/* The French names a facilitator types, with and without accents. */
static const char *const french[][4] = {
    {"idée", "idee", NULL, NULL},
    {"étude", "etude", NULL, NULL},
    {"mise en œuvre", "mise en oeuvre", "mise_en_oeuvre", "réalisation"},
    {"en service", "en_service", "opérationnelle", "operationnelle"},
    {"abandonnée", "abandonnee", "abandonné", "abandonne"},
};

int synergy_stage_parse(const char *s, enum synergy_stage *out)
{
    for (int i = 0; i < SYNERGY_NSTAGES; i++) {
        int hit = strcasecmp(s, names[i]) == 0;

        for (int j = 0; !hit && j < 4 && french[i][j]; j++)
            hit = strcasecmp(s, french[i][j]) == 0;
        if (hit) {
            *out = (enum synergy_stage)i;
            return 0;
        }
    }
    return SY_EINPUT;
}

int synergy_move_check(enum synergy_stage from, enum synergy_stage to, const char *reason,
                       char *msg, size_t n)
{
    if (from == to)
        snprintf(msg, n, "the synergy is already at stage %s", names[to]);
    else if (to == STAGE_ABANDONED && (!reason || !*reason))
        snprintf(msg, n, "abandoning a synergy needs a reason");
    else if (from == STAGE_ABANDONED && to != STAGE_IDEA)
        snprintf(msg, n, "an abandoned synergy can only be reopened as an idea");
    else if (to != STAGE_ABANDONED && from != STAGE_ABANDONED && (to > from + 1 || to + 1 < from))
        snprintf(msg, n, "from %s a synergy moves to %s%s%s or abandoned", names[from],
                 from > STAGE_IDEA ? names[from - 1] : "",
                 from > STAGE_IDEA && from < STAGE_RUNNING ? ", " : "",
                 from < STAGE_RUNNING ? names[from + 1] : "");
    else
        return 0;
    return SY_EINPUT;
}
