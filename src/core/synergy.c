/*
 * synergy.c - decisions on candidates and stage moves of synergies, in one
 * transaction each (see synergy.h).
 */
#include "core/synergy.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "model/network.h"
#include "store/store_synergy.h"
#include "util/i18n.h"

static int fail(const char **field, const char *name, int rc)
{
    if (field)
        *field = name;
    return rc;
}

/* Checks day (YYYY-MM-DD, a real date, not after today) into at. */
static int parse_day(const char *day, char *at, size_t n, struct err *e)
{
    time_t t = time(NULL);
    struct tm now;
    char today[16];

    if (strlen(day) != 10 || !net_date_valid(day))
        return err_set(e, SY_EINPUT, _("date '%s': expected a real day as YYYY-MM-DD"), day);
    gmtime_r(&t, &now);
    strftime(today, sizeof today, "%Y-%m-%d", &now);
    if (strcmp(day, today) > 0)
        return err_set(e, SY_EINPUT, _("date %s is in the future (today is %s)"), day, today);
    snprintf(at, n, "%sT12:00:00Z", day);
    return 0;
}

int synergy_decide(struct store *s, const char *key, enum cand_status st, const char *reason,
                   const char *day, long *synergy_id, const char **field, struct err *e)
{
    enum synergy_stage stage = STAGE_IDEA;
    char at[40] = "";
    long id = 0;
    int created, rc;

    if (synergy_id)
        *synergy_id = 0;
    if (field)
        *field = NULL;
    if (!reason)
        reason = "";
    if (st == CAND_REJECTED && !*reason)
        return fail(field, "reason",
                    err_set(e, SY_EINPUT,
                            _("say why the candidate is rejected (--reason): a technical reason "
                              "lowers the route in this territory")));
    if (day && *day && parse_day(day, at, sizeof at, e))
        return fail(field, "date", SY_EINPUT);
    if ((rc = store_begin(s, e)))
        return rc;
    rc = store_cand_decide(s, key, st, reason, e);
    if (!rc)
        rc = store_synergy_of_candidate(s, key, &id, &stage, e);
    if (!rc && st == CAND_ACCEPTED && !id)
        rc = store_synergy_from_candidate_at(s, key, *at ? at : NULL, &id, &created, e);
    else if (!rc && st != CAND_ACCEPTED && id) {
        if (stage != STAGE_IDEA && stage != STAGE_ABANDONED)
            rc = fail(field, "status",
                      err_set(e, SY_EINPUT,
                              _("candidate %s became synergy %ld, now at stage %s: abandon the "
                                "synergy with a reason instead of withdrawing the decision"),
                              key, id, synergy_stage_name(stage)));
        else if (stage == STAGE_IDEA)
            rc = store_synergy_delete(s, id, e);
        id = 0;
    }
    if (!rc && synergy_id)
        *synergy_id = id;
    return store_end(s, rc, e);
}

int synergy_move(struct store *s, long id, enum synergy_stage to, const char *reason,
                 const char *day, const char **field, struct err *e)
{
    enum synergy_stage from;
    char msg[256], at[40] = "", last[40] = "";
    int rc;

    if (field)
        *field = NULL;
    if (day && *day && parse_day(day, at, sizeof at, e))
        return fail(field, "date", SY_EINPUT);
    if ((rc = store_begin(s, e)))
        return rc;
    rc = store_synergy_stage(s, id, &from, e);
    if (!rc && synergy_move_check(from, to, reason, msg, sizeof msg))
        rc = fail(field, to == STAGE_ABANDONED && (!reason || !*reason) ? "reason" : "stage",
                  err_set(e, SY_EINPUT, "synergy %ld: %s", id, msg));
    if (!rc && *at)
        rc = store_synergy_last_move(s, id, last, sizeof last, e);
    if (!rc && *at && strncmp(at, last, 10) < 0)
        rc = fail(field, "date",
                  err_set(e, SY_EINPUT,
                          _("date %.10s is before synergy %ld's latest move (%.10s); moves are "
                            "recorded in order"),
                          at, id, last));
    if (!rc)
        rc = store_synergy_move_at(s, id, to, reason, *at ? at : NULL, e);
    return store_end(s, rc, e);
}
