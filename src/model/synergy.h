/*
 * synergy.h - the stages of a synergy and the moves between them.
 *
 * idea -> study -> implementation -> running; a synergy may also go back a
 * stage (a study that must be redone), and be abandoned from any stage, which
 * needs a reason. An abandoned synergy may be reopened as an idea.
 */
#ifndef SY_SYNERGY_H
#define SY_SYNERGY_H

#include <stddef.h>

enum synergy_stage {
    STAGE_IDEA,
    STAGE_STUDY,
    STAGE_IMPLEMENTATION,
    STAGE_RUNNING,
    STAGE_ABANDONED
};

#define SYNERGY_NSTAGES 5

const char *synergy_stage_name(enum synergy_stage s); /* "idea" ... */
int synergy_stage_parse(const char *s, enum synergy_stage *out);
/* 0 if a synergy may move from one stage to another with this reason, else
 * SY_EINPUT with msg saying why (same stage, abandoned without a reason, a
 * jump of more than one stage, a move from abandoned other than to idea). */
int synergy_move_check(enum synergy_stage from, enum synergy_stage to, const char *reason,
                       char *msg, size_t n);

#endif
