/*
 * match.c - symbiose match: run the detection and list the candidates;
 * symbiose match decide KEY accept|reject|proposed: record a facilitator's decision
 * (core/synergy.h: an acceptance makes the synergy).
 * Formats: table, csv, json (via io/table) and geojson (jansson).
 */
#include "cli/util.h"
#include "core/checklist_run.h"
#include "core/match_run.h"
#include "core/synergy.h"
#include "core/readback.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "util/i18n.h"
#include "util/num.h"

static const char match_usage[] =
    N_("usage: symbiose match [--territory T] [--kind substitution|mutualisation|prospective|all]\n"
       "                      [--format table|csv|json|xlsx|geojson] [--all-statuses] [--dry-run]\n"
       "                      [--detour F] [--coverage F] [--radius KM] [--max N] [--no-infer]\n"
       "                      [--index kdtree|grid]\n"
       "       symbiose match decide KEY accept|reject|proposed [--reason TEXT]\n"
       "                             [--date YYYY-MM-DD]\n"
       "       symbiose match show KEY [--format table|csv|json]\n"
       "\n"
       "Detects synergy candidates between the actors of a territory (all actors without\n"
       "--territory): substitution (a declared supply meets a declared demand), mutualisation\n"
       "(three or more actors within --radius km, default 5, share a need or an output) and\n"
       "prospective (a side inferred from the sector profiles of data/, or a receiver matched\n"
       "by its activity). Each candidate has a score in [0,1] and an explanation; see\n"
       "docs/matching.md. Candidates are stored: a re-run keeps accepted candidates, and\n"
       "rejected ones stay hidden until their data change (--all-statuses shows them).\n"
       "\n"
       "  --detour F     road km per straight-line km (1.3)\n"
       "  --coverage F   share of a demand the supplies proposed to it must cover\n"
       "                 together (0.1); a declared pair is never hidden\n"
       "  --max N        candidates kept per supplier (20)\n"
       "  --no-infer     do not infer flows from sector profiles\n"
       "  --index I      how supplies find their nearest receivers: kdtree (default, faster)\n"
       "                 or grid (a uniform grid per code); the same candidates\n"
       "  --dry-run      do not store the candidates\n"
       "\n"
       "decide records a decision on the candidate with that key (--date: a past day,\n"
       "default now). Accepting makes its synergy, followed with 'symbiose synergy';\n"
       "a rejection must say why (--reason: a technical reason lowers the route in\n"
       "the territory); 'proposed' undoes a decision (and withdraws its synergy while\n"
       "it is still an idea). show prints one candidate:\n"
       "its explanation, rule, basis, score and status. KEY is the key column, or the\n"
       "short_key column (8 characters, no quoting needed).\n");

/* After the columns of rec_candidate (io/record.c), JSON adds the checklist. */
static const struct out_col checklist_col = {"checklist", OUT_COL_JSON, 0};

/* A writer of candidates on c->out in fmt. */
static struct out *cand_out(struct cli *c, enum out_format fmt)
{
    struct out_sink sink = {c->out, NULL};

    return out_new_rec_extra(sink, fmt, &rec_candidate, fmt == OUT_CSV ? REC_CSV : REC_LIST,
                             &checklist_col, fmt == OUT_JSON);
}

static void progress(void *ctx, const char *phase, double done)
{
    FILE *f = ctx;
    fprintf(f, _("\rmatch: %s %3.0f%%   "), phase, done * 100);
    if (strcmp(phase, "done") == 0)
        fputc('\n', f);
    fflush(f);
}

static int print_geojson(struct cli *c, const struct match_result *r, const unsigned char *show)
{
    json_t *fc = json_object(), *feats = json_array();
    int rc = 0;

    if (!fc || !feats) {
        json_decref(fc);
        json_decref(feats);
        return err_set(&c->err, SY_ENOMEM, _("out of memory writing GeoJSON"));
    }
    json_object_set_new(fc, "type", json_string("FeatureCollection"));
    json_object_set_new(fc, "features", feats);
    for (size_t i = 0; i < r->n; i++) {
        const struct candidate *k = &r->v[i];
        json_t *f, *g, *p, *coords;
        if (!show[i])
            continue;
        p = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:f, s:f, s:s, s:f, s:s, s:s, "
                      "s:s, s:s, s:s}",
                      "key", k->key, "kind", candidate_kind_name(k->kind), "supplier_id",
                      k->supplier_id, "supplier_name", k->supplier_name, "receiver_id",
                      k->receiver_id, "receiver_name", k->receiver_name, "resource_code",
                      k->resource_code, "resource_label", k->resource_label, "distance_km",
                      k->distance_km, "quantity", k->quantity, "unit", model_unit_name(k->unit),
                      "score", k->score, "basis", k->basis, "explanation", k->explanation,
                      "group_id", k->group_id, "status", candidate_status_name(k->status), "role",
                      k->kind == CAND_MUTUALISATION ? "member" : "pair");
        if (k->kind == CAND_MUTUALISATION) {
            coords = json_pack("[f, f]", r->sup_lon[i], r->sup_lat[i]);
            g = json_pack("{s:s, s:o}", "type", "Point", "coordinates", coords);
        } else {
            coords = json_pack("[[f, f], [f, f]]", r->sup_lon[i], r->sup_lat[i], k->lon, k->lat);
            g = json_pack("{s:s, s:o}", "type", "LineString", "coordinates", coords);
        }
        f = json_pack("{s:s, s:o, s:o}", "type", "Feature", "geometry", g, "properties", p);
        if (!f || json_array_append_new(feats, f)) {
            rc = err_set(&c->err, SY_ENOMEM, _("out of memory writing GeoJSON"));
            goto out;
        }
        /* One centroid per group, after its first member. */
        if (k->kind == CAND_MUTUALISATION) {
            int first = 1;
            for (size_t j = 0; j < i && first; j++)
                first = !(show[j] && strcmp(r->v[j].group_id, k->group_id) == 0);
            if (first) {
                f = json_pack("{s:s, s:{s:s, s:[f, f]}, s:{s:s, s:s, s:s, s:f, s:s, s:f}}", "type",
                              "Feature", "geometry", "type", "Point", "coordinates", k->lon, k->lat,
                              "properties", "role", "centroid", "group_id", k->group_id,
                              "resource_code", k->resource_code, "quantity", k->quantity, "unit",
                              model_unit_name(k->unit), "score", k->score);
                if (!f || json_array_append_new(feats, f)) {
                    rc = err_set(&c->err, SY_ENOMEM, _("out of memory writing GeoJSON"));
                    goto out;
                }
            }
        }
    }
    if (json_dumpf(fc, c->out, JSON_INDENT(1) | JSON_REAL_PRECISION(10)) ||
        fputc('\n', c->out) == EOF)
        rc = err_set(&c->err, SY_EIO, _("writing GeoJSON: output error"));
out:
    json_decref(fc);
    return rc;
}

static int print_list(struct cli *c, const struct match_result *r, const unsigned char *show,
                      enum out_format fmt)
{
    struct out *o = cand_out(c, fmt);
    int rc = 0;

    if (!o)
        return err_set(&c->err, SY_ENOMEM, _("out of memory"));
    for (size_t i = 0; i < r->n && !rc; i++) {
        char *checklist = NULL;

        if (!show[i])
            continue;
        if (fmt == OUT_JSON) {
            struct checklist cl;
            json_t *j;

            match_checklist(r, i, &cl);
            j = checklist_json(&cl);
            checklist = j ? json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
            json_decref(j);
            if (!checklist) {
                rc = SY_ENOMEM;
                break;
            }
        }
        rc = out_rec_extra(o, &r->v[i], (const char *const *)&checklist);
        free(checklist);
    }
    if (!rc)
        rc = out_finish(o);
    out_free(o);
    if (rc)
        return err_set(&c->err, rc, _("writing the candidates failed"));
    return 0;
}

static int cmd_show(struct cli *c, int argc, char **argv)
{
    static struct candidate cand;
    enum out_format fmt = OUT_TABLE;
    const char *key = NULL, *v;
    struct store *s = NULL;
    struct out *o;
    int rc, got;

    for (int i = 2; i < argc; i++) {
        if ((got = cli_opt(c, argc, argv, &i, "--format", &v)) != 0) {
            if (got < 0 || cli_format(c, v, &fmt, 0))
                return SY_EUSAGE;
        } else if (argv[i][0] != '-' && !key) {
            key = argv[i];
        } else {
            return cli_bad_arg(c, "match show", argv[i]);
        }
    }
    if (!key)
        return err_set(&c->err, SY_EUSAGE, _("usage: symbiose match show KEY [--format F]"));
    if ((rc = cli_open_store_mode(c, &s, STORE_READ)))
        return rc;
    rc = cand_find(s, key, &cand, &c->err);
    store_close(s);
    if (rc)
        return rc;
    if (fmt != OUT_TABLE) {
        o = cand_out(c, fmt);
        if (!o)
            return err_set(&c->err, SY_ENOMEM, _("out of memory"));
        rc = out_rec(o, &cand);
        if (!rc)
            rc = out_finish(o);
        out_free(o);
        return rc;
    }
    {
        char sk[CAND_SHORT_LEN + 1], qty[NUM_STR_MAX] = "";

        cand_short_key(cand.key, sk);
        if (cand.quantity >= 0)
            num_format(cand.quantity, qty, sizeof qty);
        fprintf(c->out, _("candidate %s  (key %s)\n"), sk, cand.key);
        fprintf(c->out, _("kind:        %s\n"), candidate_kind_name(cand.kind));
        fprintf(c->out, _("status:      %s%s%s\n"), candidate_status_name(cand.status),
                cand.reason[0] ? " - " : "", cand.reason);
        if (cand.group_id[0])
            fprintf(c->out, _("group:       %s, member %s (%s)\n"), cand.group_id, cand.supplier_id,
                    cand.supplier_name);
        else
            fprintf(c->out, _("from:        %s (%s)\nto:          %s (%s)\n"), cand.supplier_id,
                    cand.supplier_name, cand.receiver_id, cand.receiver_name);
        fprintf(c->out, _("resource:    %s %s\n"), cand.resource_code, cand.resource_label);
        fprintf(c->out, _("quantity:    %s %s a year, %.1f km\n"), qty,
                cand.quantity >= 0 ? model_unit_name(cand.unit) : "", cand.distance_km);
        fprintf(c->out, _("score:       %.3f (%s)\n"), cand.score, cand.basis);
        fprintf(c->out, _("rule:        %s (data/routes.csv gives its source)\n"), cand.rule);
        fprintf(c->out, _("explanation: %s\n"), cand.explanation);
    }
    return SY_OK;
}

static int cmd_decide(struct cli *c, int argc, char **argv)
{
    static struct candidate cand;
    const char *key = NULL, *what = NULL, *reason = "", *day = NULL, *v;
    struct store *s = NULL;
    enum cand_status st;
    long sid = 0;
    int rc, got;

    for (int i = 2; i < argc; i++) {
        if ((got = cli_opt(c, argc, argv, &i, "--reason", &v)) != 0) {
            if (got < 0)
                return c->err.code;
            reason = v;
        } else if ((got = cli_opt(c, argc, argv, &i, "--date", &v)) != 0) {
            if (got < 0)
                return c->err.code;
            day = v;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return cli_bad_arg(c, "match decide", argv[i]);
        } else if (!key) {
            key = argv[i];
        } else if (!what) {
            what = argv[i];
        } else {
            return cli_bad_arg(c, "match decide", argv[i]);
        }
    }
    if (!key || !what)
        return err_set(&c->err, SY_EUSAGE,
                       _("usage: symbiose match decide KEY accept|reject|proposed [--reason TEXT] "
                         "[--date YYYY-MM-DD]"));
    if (strcmp(what, "accept") == 0)
        st = CAND_ACCEPTED;
    else if (strcmp(what, "reject") == 0)
        st = CAND_REJECTED;
    else if (strcmp(what, "proposed") == 0 || strcmp(what, "undo") == 0)
        st = CAND_PROPOSED;
    else
        return err_set(&c->err, SY_EUSAGE,
                       _("decision '%s': use accept, reject, or proposed to undo a decision"),
                       what);
    if ((rc = cli_open_store_mode(c, &s, STORE_WRITE)))
        return rc;
    rc = cand_find(s, key, &cand, &c->err);
    if (rc == SY_ENOTFOUND && strlen(key) < sizeof cand.key) {
        /* a full key of an earlier run (not detected by the last one) */
        snprintf(cand.key, sizeof cand.key, "%s", key);
        struct err e2;

        err_clear(&e2);
        rc = synergy_decide(s, cand.key, st, st == CAND_PROPOSED ? "" : reason, day, &sid, NULL,
                            &e2);
        if (rc != SY_ENOTFOUND)
            c->err = e2;
        else
            rc = SY_ENOTFOUND; /* keep cand_find's message */
    } else if (!rc) {
        rc = synergy_decide(s, cand.key, st, st == CAND_PROPOSED ? "" : reason, day, &sid, NULL,
                            &c->err);
    }
    if (!rc && !c->quiet) {
        char sk[CAND_SHORT_LEN + 1];

        cand_short_key(cand.key, sk);
        fprintf(c->errf, "%s (%s): %s\n", sk, cand.key, candidate_status_name(st));
        if (sid)
            fprintf(c->errf,
                    _("synergy %ld follows it: 'symbiose synergy set %ld study' moves it\n"), sid,
                    sid);
    }
    store_close(s);
    return rc;
}

static int parse_double(struct cli *c, const char *opt, const char *v, double *out, double min)
{
    char *end;
    double d = strtod(v, &end);
    if (end == v || *end || !(d >= min))
        return err_set(&c->err, SY_EUSAGE, _("%s %s: expected a number >= %g"), opt, v, min);
    *out = d;
    return 0;
}

int cmd_match(struct cli *c, int argc, char **argv)
{
    struct match_opts mo;
    struct match_result r;
    enum out_format fmt = OUT_TABLE;
    struct store *s = NULL;
    unsigned char *show = NULL;
    size_t counts[3] = {0, 0, 0}, hidden = 0;
    int all_statuses = 0, rc, got;
    const char *v;
    double d = 0;

    if (cli_wants_help(argc, argv)) {
        fputs(_(match_usage), c->out);
        return SY_OK;
    }
    if (argc >= 2 && strcmp(argv[1], "decide") == 0)
        return cmd_decide(c, argc, argv);
    if (argc >= 2 && strcmp(argv[1], "show") == 0)
        return cmd_show(c, argc, argv);
    match_opts_default(&mo);
    memset(&r, 0, sizeof r);
    for (int i = 1; i < argc; i++) {
        if ((got = cli_opt(c, argc, argv, &i, "--territory", &v)) != 0) {
            if (got < 0)
                return c->err.code;
            mo.territory = v;
        } else if ((got = cli_opt(c, argc, argv, &i, "--kind", &v)) != 0) {
            enum cand_kind k;
            if (got < 0)
                return c->err.code;
            if (strcmp(v, "all") == 0)
                mo.eng.kinds = ENG_ALL;
            else if (candidate_kind_parse(v, &k) == 0)
                mo.eng.kinds = 1u << k;
            else
                return err_set(&c->err, SY_EUSAGE,
                               _("--kind %s: use substitution, mutualisation, prospective or all"),
                               v);
        } else if ((got = cli_opt(c, argc, argv, &i, "--format", &v)) != 0) {
            if (got < 0 || cli_format(c, v, &fmt, 1))
                return c->err.code;
        } else if ((got = cli_opt(c, argc, argv, &i, "--detour", &v)) != 0) {
            if (got < 0 || parse_double(c, "--detour", v, &mo.eng.detour, 1))
                return c->err.code;
        } else if ((got = cli_opt(c, argc, argv, &i, "--coverage", &v)) != 0) {
            if (got < 0 || parse_double(c, "--coverage", v, &mo.eng.min_coverage, 0))
                return c->err.code;
        } else if ((got = cli_opt(c, argc, argv, &i, "--radius", &v)) != 0) {
            if (got < 0 || parse_double(c, "--radius", v, &mo.eng.mutual_radius_km, 0.001))
                return c->err.code;
        } else if ((got = cli_opt(c, argc, argv, &i, "--max", &v)) != 0) {
            if (got < 0 || parse_double(c, "--max", v, &d, 1) || d > 10000)
                return c->err.code ? c->err.code
                                   : err_set(&c->err, SY_EUSAGE, _("--max: at most 10000"));
            mo.eng.max_per_supplier = (int)d;
        } else if ((got = cli_opt(c, argc, argv, &i, "--index", &v)) != 0) {
            if (got < 0)
                return c->err.code;
            if (strcmp(v, "kdtree") == 0)
                mo.eng.index = ENG_INDEX_KDTREE;
            else if (strcmp(v, "grid") == 0)
                mo.eng.index = ENG_INDEX_GRID;
            else
                return err_set(&c->err, SY_EUSAGE, _("--index %s: use kdtree or grid"), v);
        } else if (strcmp(argv[i], "--all-statuses") == 0) {
            all_statuses = 1;
        } else if (strcmp(argv[i], "--dry-run") == 0) {
            mo.dry_run = 1;
        } else if (strcmp(argv[i], "--no-infer") == 0) {
            mo.eng.infer = 0;
        } else {
            return cli_bad_arg(c, "match", argv[i]);
        }
    }
    if (!c->quiet && isatty(fileno(c->errf))) {
        mo.progress = progress;
        mo.progress_ctx = c->errf;
    }
    if ((rc = cli_open_store_mode(c, &s, STORE_WRITE)))
        return rc;
    if ((rc = match_run(s, c->kb_dir, &mo, &r, &c->err)))
        goto out;
    show = malloc(r.n ? r.n : 1);
    if (!show) {
        rc = err_set(&c->err, SY_ENOMEM, _("out of memory"));
        goto out;
    }
    for (size_t i = 0; i < r.n; i++) {
        show[i] = all_statuses || r.v[i].status != CAND_REJECTED;
        hidden += !show[i];
        if (show[i])
            counts[r.v[i].kind]++;
    }
    rc = fmt == OUT_GEOJSON ? print_geojson(c, &r, show) : print_list(c, &r, show, fmt);
    if (!rc && !c->quiet)
        fprintf(c->errf,
                _("%zu candidates (%zu substitution, %zu mutualisation, %zu prospective) from %zu "
                  "actors and %zu flows (+%zu inferred)%s"),
                counts[0] + counts[1] + counts[2], counts[0], counts[1], counts[2], r.nsites,
                r.nflows, r.ninferred, hidden ? "" : "\n");
    if (!rc && !c->quiet && hidden)
        fprintf(c->errf, _("; %zu rejected hidden (--all-statuses)\n"), hidden);
out:
    free(show);
    match_result_release(&r);
    store_close(s);
    return rc;
}
