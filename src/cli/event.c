/*
 * event.c - symbiose event add|list|show|participants|notes: workshops,
 * seminars and site visits, who came, and what came out of them.
 */
#include "cli/network.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"

static const char event_usage[] =
    N_("usage: symbiose event add --type T --title TITLE [--date YYYY-MM-DD] [--territory T]\n"
       "                          [--place P] [--organiser O] [--notes N]\n"
       "       symbiose event list [--territory T] [--year Y] [--format table|csv|json]\n"
       "       symbiose event show ID [--format table|json]\n"
       "       symbiose event participants ID [--actor A] [--person NAME] [--role R]\n"
       "                                      [--format table|csv|json]\n"
       "       symbiose event notes ID TEXT\n"
       "\n"
       "Types: workshop (atelier), seminar (séminaire), site_visit (visite), meeting\n"
       "(réunion). An event without --territory belongs to the whole network.\n"
       "'participants' with --actor or --person adds one, else lists them. 'notes'\n"
       "records the outcome. Workshop cards become flows of the event with\n"
       "'symbiose import cards FILE --event ID'; 'show' lists the flows, candidates\n"
       "and synergies (accepted candidates) that came out of the event.\n");

static int parse_id(struct cli *c, const char *v, long *id)
{
    char *end;

    *id = strtol(v ? v : "", &end, 10);
    if (!v || *end || *id <= 0)
        return err_set(&c->err, SY_EUSAGE, _("an event is named by its number, not '%s'"),
                       v ? v : "");
    return SY_OK;
}

static int event_add(struct cli *c, int argc, char **argv)
{
    struct event ev;
    struct store *s = NULL;
    const char *type = NULL, *date = NULL, *v;
    int rc, got;

    memset(&ev, 0, sizeof ev);
    for (int i = 2; i < argc; i++) {
        char *dst = NULL;
        size_t n = SY_NAME_MAX;

        if ((got = cli_opt(c, argc, argv, &i, "--type", &v)) != 0)
            type = v;
        else if ((got = cli_opt(c, argc, argv, &i, "--date", &v)) != 0)
            date = v;
        else if ((got = cli_opt(c, argc, argv, &i, "--title", &v)) != 0)
            dst = ev.title;
        else if ((got = cli_opt(c, argc, argv, &i, "--territory", &v)) != 0) {
            dst = ev.territory;
            n = sizeof ev.territory;
        } else if ((got = cli_opt(c, argc, argv, &i, "--place", &v)) != 0)
            dst = ev.place;
        else if ((got = cli_opt(c, argc, argv, &i, "--organiser", &v)) != 0)
            dst = ev.organiser;
        else if ((got = cli_opt(c, argc, argv, &i, "--notes", &v)) != 0) {
            dst = ev.notes;
            n = sizeof ev.notes;
        }
        if (got < 0)
            return SY_EUSAGE;
        if (!got)
            return cli_bad_arg(c, "event", argv[i]);
        if (dst && strlen(v) >= n)
            return err_set(&c->err, SY_EUSAGE, _("%s is too long (at most %zu bytes)"), argv[i - 1],
                           n - 1);
        if (dst)
            snprintf(dst, n, "%s", v);
    }
    if (!type || !ev.title[0])
        return err_set(&c->err, SY_EUSAGE, _("event add needs --type and --title"));
    if (net_event_type_parse(type, &ev.type))
        return err_set(&c->err, SY_EUSAGE,
                       _("unknown event type '%s'; use workshop, seminar, site_visit or meeting"),
                       type);
    if ((rc = cli_net_date(c, "--date", date, ev.date)) != 0)
        return rc;
    rc = cli_open_store(c, &s);
    if (rc)
        return rc;
    if (ev.territory[0]) {
        struct territory t;

        rc = store_territory_get(s, ev.territory, &t, &c->err);
    }
    if (!rc)
        rc = store_event_put(s, &ev, &c->err);
    if (!rc)
        fprintf(c->out, c->quiet ? "%ld\n" : _("event %ld saved\n"), ev.id);
    store_close(s);
    return rc;
}

static const struct out_col event_cols[] = {
    {"id", 1, 0},         {"date", 0, 0},         {"type", 0, 0},
    {"title", 0, 40},     {"territory", 0, 0},    {"place", 0, 24},
    {"organiser", 0, 24}, {"participants", 1, 0}, {"notes", 0, 40},
};

static int print_event(void *ctx, const struct event *ev)
{
    char id[24], np[24];
    const char *v[] = {id,
                       ev->date,
                       net_event_type_name(ev->type),
                       ev->title,
                       ev->territory,
                       ev->place,
                       ev->organiser,
                       np,
                       ev->notes};

    snprintf(id, sizeof id, "%ld", ev->id);
    snprintf(np, sizeof np, "%ld", ev->participants);
    return out_row(ctx, v);
}

static int list_events(struct store *s, struct out *o, const void *filter, struct err *e)
{
    return store_event_list(s, filter, print_event, o, e);
}

static int event_list(struct cli *c, int argc, char **argv)
{
    struct event_filter f = {NULL, 0};
    enum out_format fmt = OUT_TABLE;
    const char *v;
    char *end;
    int got;

    for (int i = 2; i < argc; i++) {
        if ((got = cli_opt(c, argc, argv, &i, "--format", &v)) != 0) {
            if (got < 0 || cli_format(c, v, &fmt, 0))
                return SY_EUSAGE;
        } else if ((got = cli_opt(c, argc, argv, &i, "--territory", &v)) != 0) {
            if (got < 0)
                return SY_EUSAGE;
            f.territory = v;
        } else if ((got = cli_opt(c, argc, argv, &i, "--year", &v)) != 0) {
            if (got < 0)
                return SY_EUSAGE;
            f.year = (int)strtol(v, &end, 10);
            if (*end || f.year < 1900 || f.year > 2199)
                return err_set(&c->err, SY_EUSAGE, _("--year needs a year such as 2025"));
        } else {
            return cli_bad_arg(c, "event", argv[i]);
        }
    }
    return cli_print_list(c, fmt, event_cols, sizeof event_cols / sizeof event_cols[0], list_events,
                          &f);
}

static const struct out_col part_cols[] = {
    {"event_id", 1, 0}, {"actor_id", 0, 0}, {"name", 0, 36}, {"person", 0, 24}, {"role", 0, 24},
};

static int print_part(void *ctx, const struct participant *p)
{
    char id[24];
    const char *v[] = {id, p->actor_id, p->actor_name, p->person, p->role};

    snprintf(id, sizeof id, "%ld", p->event_id);
    return out_row(ctx, v);
}

static int list_parts(struct store *s, struct out *o, const void *filter, struct err *e)
{
    struct event ev;
    long id = *(const long *)filter;
    int rc = store_event_get(s, id, &ev, e);

    return rc ? rc : store_participant_list(s, id, print_part, o, e);
}

static int event_participants(struct cli *c, int argc, char **argv)
{
    struct participant p;
    enum out_format fmt = OUT_TABLE;
    struct store *s = NULL;
    struct event ev;
    struct actor a;
    const char *v;
    int rc, got, add = 0;

    memset(&p, 0, sizeof p);
    if (argc < 3 || parse_id(c, argv[2], &p.event_id))
        return argc < 3 ? err_set(&c->err, SY_EUSAGE, _("event participants needs an event ID"))
                        : SY_EUSAGE;
    for (int i = 3; i < argc; i++) {
        char *dst = NULL;
        size_t n = SY_NAME_MAX;

        if ((got = cli_opt(c, argc, argv, &i, "--format", &v)) != 0) {
            if (got < 0 || cli_format(c, v, &fmt, 0))
                return SY_EUSAGE;
            continue;
        }
        if ((got = cli_opt(c, argc, argv, &i, "--actor", &v)) != 0) {
            dst = p.actor_id;
            n = sizeof p.actor_id;
        } else if ((got = cli_opt(c, argc, argv, &i, "--person", &v)) != 0)
            dst = p.person;
        else if ((got = cli_opt(c, argc, argv, &i, "--role", &v)) != 0)
            dst = p.role;
        if (got < 0)
            return SY_EUSAGE;
        if (!dst)
            return cli_bad_arg(c, "event", argv[i]);
        snprintf(dst, n, "%s", v);
        add = 1;
    }
    if (!add)
        return cli_print_list(c, fmt, part_cols, sizeof part_cols / sizeof part_cols[0], list_parts,
                              &p.event_id);
    if (!p.actor_id[0] && !p.person[0])
        return err_set(&c->err, SY_EUSAGE, _("a participant needs --actor or --person"));
    rc = cli_open_store(c, &s);
    if (rc)
        return rc;
    rc = store_event_get(s, p.event_id, &ev, &c->err);
    if (!rc && p.actor_id[0])
        rc = store_actor_get(s, p.actor_id, &a, &c->err);
    if (!rc)
        rc = store_participant_add(s, &p, &c->err);
    if (!rc && !c->quiet)
        fprintf(c->out, _("participant added to event %ld\n"), p.event_id);
    store_close(s);
    return rc;
}

static int event_notes(struct cli *c, int argc, char **argv)
{
    struct store *s = NULL;
    struct event ev;
    long id;
    int rc;

    if (argc != 4)
        return err_set(&c->err, SY_EUSAGE, _("event notes needs an event ID and the TEXT"));
    if (parse_id(c, argv[2], &id))
        return SY_EUSAGE;
    if (strlen(argv[3]) >= sizeof ev.notes)
        return err_set(&c->err, SY_EUSAGE, _("notes too long (at most %zu bytes)"),
                       sizeof ev.notes - 1);
    rc = cli_open_store(c, &s);
    if (rc)
        return rc;
    rc = store_event_get(s, id, &ev, &c->err);
    if (!rc) {
        snprintf(ev.notes, sizeof ev.notes, "%s", argv[3]);
        rc = store_event_put(s, &ev, &c->err);
    }
    if (!rc && !c->quiet)
        fprintf(c->out, _("notes of event %ld saved\n"), id);
    store_close(s);
    return rc;
}

/* ---- show: the event and what came out of it, as text or one JSON object ---- */

struct show {
    json_t *parts, *flows, *cands;
    long nsyn;
};

static int show_part(void *ctx, const struct participant *p)
{
    struct show *sh = ctx;

    return json_array_append_new(sh->parts,
                                 json_pack("{s:s, s:s, s:s, s:s}", "actor_id", p->actor_id, "name",
                                           p->actor_name, "person", p->person, "role", p->role))
               ? SY_ENOMEM
               : 0;
}

static int show_flow(void *ctx, const struct flow *f)
{
    struct show *sh = ctx;

    return json_array_append_new(
               sh->flows, json_pack("{s:s, s:s, s:s, s:s, s:s, s:f, s:s}", "id", f->id, "actor_id",
                                    f->actor_id, "card", f->dir == FLOW_SUPPLY ? "have" : "want",
                                    "code", f->code, "description", f->description, "quantity",
                                    f->qty, "unit", f->unit))
               ? SY_ENOMEM
               : 0;
}

static int show_cand(void *ctx, const struct candidate *cd)
{
    struct show *sh = ctx;

    if (cd->status == CAND_ACCEPTED)
        sh->nsyn++;
    return json_array_append_new(
               sh->cands, json_pack("{s:s, s:s, s:s, s:s, s:s, s:f, s:f, s:s}", "key", cd->key,
                                    "kind", candidate_kind_name(cd->kind), "supplier",
                                    cd->supplier_name, "receiver", cd->receiver_name, "resource",
                                    cd->resource_code, "score", cd->score, "distance_km",
                                    cd->distance_km, "status", candidate_status_name(cd->status)))
               ? SY_ENOMEM
               : 0;
}

static void show_text(struct cli *c, const struct event *ev, const struct show *sh)
{
    size_t i;
    json_t *x;

    fprintf(c->out, _("event %ld: %s (%s), %s\n"), ev->id, ev->title, net_event_type_name(ev->type),
            ev->date);
    fprintf(c->out, _("  territory: %s; place: %s; organiser: %s\n"),
            ev->territory[0] ? ev->territory : _("the whole network"), ev->place, ev->organiser);
    fprintf(c->out, _("  outcome: %s\n"), ev->notes[0] ? ev->notes : _("(no notes yet)"));
    fprintf(c->out, _("  %zu participants:\n"), json_array_size(sh->parts));
    json_array_foreach(sh->parts, i, x)
    {
        fprintf(c->out, "    %s %s %s\n", json_string_value(json_object_get(x, "actor_id")),
                json_string_value(json_object_get(x, "name")),
                json_string_value(json_object_get(x, "person")));
    }
    fprintf(c->out, _("  %zu cards became flows:\n"), json_array_size(sh->flows));
    json_array_foreach(sh->flows, i, x)
    {
        fprintf(c->out, "    %s %s %s %g %s\n", json_string_value(json_object_get(x, "actor_id")),
                json_string_value(json_object_get(x, "card")),
                json_string_value(json_object_get(x, "code")),
                json_real_value(json_object_get(x, "quantity")),
                json_string_value(json_object_get(x, "unit")));
    }
    fprintf(c->out, _("  %zu candidates came out of it, %ld of them synergies (accepted):\n"),
            json_array_size(sh->cands), sh->nsyn);
    json_array_foreach(sh->cands, i, x)
    {
        fprintf(c->out, _("    [%s] %s -> %s: %s (score %.2f)\n"),
                json_string_value(json_object_get(x, "status")),
                json_string_value(json_object_get(x, "supplier")),
                json_string_value(json_object_get(x, "receiver")),
                json_string_value(json_object_get(x, "resource")),
                json_real_value(json_object_get(x, "score")));
    }
}

static int event_show(struct cli *c, int argc, char **argv)
{
    enum out_format fmt = OUT_TABLE;
    struct show sh = {json_array(), json_array(), json_array(), 0};
    struct store *s = NULL;
    struct event ev;
    const char *v;
    long id = 0;
    int rc = SY_OK, got;

    memset(&ev, 0, sizeof ev);
    for (int i = 2; !rc && i < argc; i++) {
        if ((got = cli_opt(c, argc, argv, &i, "--format", &v)) != 0) {
            if (got < 0 || cli_format(c, v, &fmt, 0))
                rc = SY_EUSAGE;
        } else if (id || argv[i][0] == '-') {
            rc = cli_bad_arg(c, "event", argv[i]);
        } else {
            rc = parse_id(c, argv[i], &id);
        }
    }
    if (!rc && !id)
        rc = err_set(&c->err, SY_EUSAGE, _("event show needs an event ID"));
    if (!rc && fmt == OUT_CSV)
        rc = err_set(&c->err, SY_EUSAGE, _("event show writes a table or JSON"));
    if (!rc)
        rc = cli_open_store(c, &s);
    if (!rc)
        rc = store_event_get(s, id, &ev, &c->err);
    if (!rc)
        rc = store_participant_list(s, id, show_part, &sh, &c->err);
    if (!rc)
        rc = store_event_flow_list(s, id, show_flow, &sh, &c->err);
    if (!rc)
        rc = store_event_cand_list(s, id, show_cand, &sh, &c->err);
    if (rc == SY_ENOMEM)
        rc = err_set(&c->err, rc, _("out of memory"));
    if (!rc && fmt == OUT_JSON) {
        json_t *o =
            json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:O, s:O, s:O, s:I}", "id",
                      (json_int_t)ev.id, "type", net_event_type_name(ev.type), "title", ev.title,
                      "date", ev.date, "territory", ev.territory, "place", ev.place, "organiser",
                      ev.organiser, "notes", ev.notes, "participants", sh.parts, "flows", sh.flows,
                      "candidates", sh.cands, "synergies", (json_int_t)sh.nsyn);

        if (!o || json_dumpf(o, c->out, JSON_INDENT(2)) || fputc('\n', c->out) == EOF)
            rc = err_set(&c->err, SY_EIO, _("cannot write the output"));
        json_decref(o);
    } else if (!rc) {
        show_text(c, &ev, &sh);
    }
    json_decref(sh.parts);
    json_decref(sh.flows);
    json_decref(sh.cands);
    store_close(s);
    return rc;
}

int cmd_event(struct cli *c, int argc, char **argv)
{
    if (cli_wants_help(argc, argv) || argc < 2) {
        fputs(_(event_usage), argc < 2 ? c->errf : c->out);
        return argc < 2 ? err_set(&c->err, SY_EUSAGE,
                                  _("event needs add, list, show, participants or notes"))
                        : SY_OK;
    }
    if (strcmp(argv[1], "add") == 0)
        return event_add(c, argc, argv);
    if (strcmp(argv[1], "list") == 0)
        return event_list(c, argc, argv);
    if (strcmp(argv[1], "show") == 0)
        return event_show(c, argc, argv);
    if (strcmp(argv[1], "participants") == 0)
        return event_participants(c, argc, argv);
    if (strcmp(argv[1], "notes") == 0)
        return event_notes(c, argc, argv);
    return cli_bad_arg(c, "event", argv[1]);
}
