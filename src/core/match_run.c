/*
 * match_run.c - store -> engine -> store: loads actors and flows into the
 * engine's compact arrays (strings kept in one pool), reads the knowledge
 * base files, runs, materialises and stores the candidates. See match_run.h.
 */
#include "core/match_run.h"
#include "core/knowledge.h"
#include "util/buf.h"
#include "util/strmap.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "util/i18n.h"

#define KB_FILE_MAX ((size_t)64 << 20)

struct loader {
    struct kb *kb;
    struct eng_site *sites;
    size_t nsites, capsites;
    size_t *name_off; /* [nsites] offsets of "id\0name\0" in pool */
    struct buf pool;
    struct strmap ids;
    struct eng_flow *flows;
    size_t nflows, capflows;
    int nomem;
};

void match_opts_default(struct match_opts *o)
{
    memset(o, 0, sizeof *o);
    eng_opts_default(&o->eng);
}

void match_result_release(struct match_result *r)
{
    free(r->v);
    free(r->sup_lat);
    free(r->sup_lon);
    free(r->rec_nace);
    free(r->hazardous);
    kb_free(r->kb);
    memset(r, 0, sizeof *r);
}

void match_checklist(const struct match_result *r, size_t i, struct checklist *out)
{
    const struct candidate *c = &r->v[i];
    struct checklist_input in = {c->rule,
                                 c->resource_code,
                                 r->rec_nace[i] >= 0 ? kb_nace_str(r->kb, r->rec_nace[i]) : "",
                                 r->hazardous[i],
                                 -1,
                                 c->distance_km};

    checklist_build(r->kb, &in, out);
}

double match_workforce(const char *s)
{
    char *end;
    double a, b;

    while (*s && isspace((unsigned char)*s))
        s++;
    if (!isdigit((unsigned char)*s))
        return -1;
    errno = 0;
    a = strtod(s, &end);
    while (*end == ' ')
        end++;
    if (*end == 0)
        return a;
    if (*end == '-' || *end == '/') {
        b = strtod(end + 1, &end);
        while (*end == ' ')
            end++;
        if (*end == 0 && b >= a)
            return (a + b) / 2;
    }
    return -1;
}

static int read_file(const char *path, char **data, size_t *len, struct err *e)
{
    FILE *f = fopen(path, "rb");
    struct buf b = BUF_INIT;
    char chunk[65536];
    size_t k;
    int rc = 0;

    buf_init(&b, KB_FILE_MAX);
    if (!f)
        return err_set(e, SY_EIO,
                       _("%s: %s; check the knowledge base folder (--kb or SYMBIOSE_KB)"), path,
                       strerror(errno));
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
        if ((rc = buf_add(&b, chunk, k)))
            break;
    if (!rc && ferror(f))
        rc = err_set(e, SY_EIO, _("%s: read error"), path);
    else if (rc)
        rc = err_set(e, rc, _("%s: file too large or out of memory"), path);
    fclose(f);
    if (rc) {
        buf_release(&b);
        return rc;
    }
    *data = buf_detach(&b, len);
    return 0;
}

int match_kb_new(struct kb **out, struct err *e)
{
    int rc = kb_new(out, e);

    if (!rc)
        kb_set_messages(*out, i18n_gettext);
    return rc;
}

int match_kb_load(const char *dir, struct kb **out, struct err *e)
{
    struct kb *kb = NULL;
    int rc;

    *out = NULL;
    if (!dir || !*dir)
        return err_set(e, SY_EIO, _("no knowledge base folder; pass --kb DIR or set SYMBIOSE_KB"));
    if ((rc = match_kb_new(&kb, e)))
        return rc;
    rc = match_kb_read(dir, kb, e);
    if (!rc)
        rc = kb_finish(kb, e);
    if (rc)
        kb_free(kb);
    else
        *out = kb;
    return rc;
}

int match_kb_read(const char *dir, struct kb *kb, struct err *e)
{
    char path[4096];
    int rc = 0;

    if (!dir || !*dir)
        return err_set(e, SY_EIO, _("no knowledge base folder; pass --kb DIR or set SYMBIOSE_KB"));
    for (int k = 0; k < KB_NFILES; k++) {
        char *data = NULL;
        size_t len = 0;
        snprintf(path, sizeof path, "%s/%s", dir, kb_file_name((enum kb_file)k));
        if (kb_file_optional((enum kb_file)k) && access(path, F_OK) != 0)
            continue;
        if ((rc = read_file(path, &data, &len, e)))
            return rc;
        rc = kb_load(kb, (enum kb_file)k, path, data, len, e);
        free(data);
        if (rc)
            return rc;
    }
    return rc;
}

static int add_actor(void *ctx, const struct actor *a)
{
    struct loader *L = ctx;
    struct eng_site *s;
    char nace[16];

    if (L->nsites == L->capsites) {
        size_t nc = L->capsites ? 2 * L->capsites : 1024;
        struct eng_site *v = realloc(L->sites, nc * sizeof *v);
        size_t *o = realloc(L->name_off, nc * sizeof *o);
        if (v)
            L->sites = v;
        if (o)
            L->name_off = o;
        if (!v || !o)
            return SY_ENOMEM;
        L->capsites = nc;
    }
    s = &L->sites[L->nsites];
    memset(s, 0, sizeof *s);
    L->name_off[L->nsites] = L->pool.len;
    if (buf_add(&L->pool, a->id, strlen(a->id) + 1) ||
        buf_add(&L->pool, a->name, strlen(a->name) + 1) ||
        strmap_put(&L->ids, a->id, (long)L->nsites))
        return SY_ENOMEM;
    s->lat = a->has_coord ? a->lat : NAN;
    s->lon = a->has_coord ? a->lon : NAN;
    s->nace = -1;
    if (a->naf[0]) {
        char pick[64];
        model_naf_to_nace(a->naf, nace, sizeof nace);
        /* The archetype within the class: the facilitator's choice, else the name. */
        kb_archetype_pick(L->kb, nace, a->archetype, a->name, NULL, NULL, pick, sizeof pick);
        if (nace[0] && (s->nace = kb_nace_intern(L->kb, pick)) < 0)
            return SY_ENOMEM;
    }
    s->workforce = (float)match_workforce(a->workforce);
    s->licensed_hazardous = (uint8_t)(a->licensed_hazardous != 0);
    L->nsites++;
    return 0;
}

static int add_flow(void *ctx, const struct flow *f)
{
    struct loader *L = ctx;
    struct eng_flow *g;
    long site;

    if (!strmap_get(&L->ids, f->actor_id, &site))
        return 0; /* an actor outside the territory filter */
    if (L->nflows == L->capflows) {
        size_t nc = L->capflows ? 2 * L->capflows : 4096;
        struct eng_flow *v = realloc(L->flows, nc * sizeof *v);
        if (!v)
            return SY_ENOMEM;
        L->flows = v;
        L->capflows = nc;
    }
    g = &L->flows[L->nflows];
    memset(g, 0, sizeof *g);
    g->site = (uint32_t)site;
    if ((g->code = kb_intern(L->kb, f->code)) < 0)
        return SY_ENOMEM;
    g->dir = (uint8_t)f->dir;
    g->qty_year = f->qty > 0 && f->qty_year > 0 ? f->qty_year : -1;
    g->unit = (uint8_t)f->canon;
    g->months = (uint16_t)(f->months ? f->months : MONTHS_ALL);
    g->state = (uint8_t)f->state;
    g->hazardous = (uint8_t)(f->hazardous != 0);
    g->has_temp = (uint8_t)(f->has_temp != 0);
    g->temp_c = (float)f->temp_c;
    L->nflows++;
    return 0;
}

/* Labels and hazard flags of List of Waste codes come from the store's
 * nomenclature when it has them; the French label when fr and it has one. */
static void low_info(struct store *s, struct kb *kb, int32_t code, int fr, char *label, size_t n)
{
    struct nomen_entry ne;
    struct err e2;
    const char *str = kb_code_str(kb, code);

    if (!isdigit((unsigned char)str[0]))
        return;
    if (store_nomen_get(s, NOMEN_LOW, str, &ne, &e2) == 0) {
        if (ne.hazardous)
            kb_set_hazardous(kb, code, 1);
        if (label) {
            const char *l = fr && ne.label_fr[0] ? ne.label_fr : ne.label_en;
            size_t k = strlen(l);

            if (k >= n) /* cut at a character's start, not inside a UTF-8 sequence */
                for (k = n - 1; k > 0 && ((unsigned char)l[k] & 0xC0) == 0x80; k--)
                    ;
            memcpy(label, l, k);
            label[k] = 0;
        }
    }
}

int match_run(struct store *s, const char *kb_dir, const struct match_opts *o,
              struct match_result *r, struct err *e)
{
    struct loader L;
    struct actor_filter af = {0};
    struct flow_filter ff = {0};
    struct eng_result er;
    struct eng_opts eo = o->eng;
    struct eng_texts texts;
    struct territory t;
    const char *terr = o->territory ? o->territory : "";
    char(*labels)[SY_NAME_MAX] = NULL;
    size_t ncodes;
    int rc, in_tx = 0;

    memset(r, 0, sizeof *r);
    memset(&L, 0, sizeof L);
    memset(&er, 0, sizeof er);
    buf_init(&L.pool, (size_t)1 << 34);
    strmap_init(&L.ids);
    if (o->territory && (rc = store_territory_get(s, o->territory, &t, e)))
        goto out;
    if ((rc = o->kb ? knowledge_overlay(s, o->kb, o->territory, &L.kb, e)
                    : knowledge_load(s, kb_dir, o->territory, &L.kb, e)))
        goto out;
    af.territory = o->territory;
    ff.territory = o->territory;
    if ((rc = store_actor_list(s, &af, add_actor, &L, e)))
        goto fail_load;
    if ((rc = store_flow_list(s, &ff, add_flow, &L, e)))
        goto fail_load;
    for (size_t i = 0; i < L.nsites; i++) {
        L.sites[i].id = L.pool.str + L.name_off[i];
        L.sites[i].name = L.sites[i].id + strlen(L.sites[i].id) + 1;
    }
    ncodes = kb_ncodes(L.kb);
    labels = calloc(ncodes ? ncodes : 1, sizeof *labels);
    if (!labels)
        goto nomem;
    /* Explanations and labels in the language of the run: each template is
     * looked up once here, not once per candidate. */
    if (!eo.texts && i18n_french()) {
        eng_texts_init(&texts, i18n_gettext, 1);
        eo.texts = &texts;
    }
    for (size_t c = 0; c < ncodes; c++)
        low_info(s, L.kb, (int32_t)c, eo.texts && eo.texts->label_fr, labels[c], sizeof labels[c]);
    if ((rc = engine_run(L.kb, L.sites, L.nsites, L.flows, L.nflows, &o->eng, o->progress,
                         o->progress_ctx, &er, e)))
        goto out;
    r->nsites = L.nsites;
    r->nflows = L.nflows;
    r->ninferred = er.nflows - er.ninput;
    r->ngroups = er.ngroups;
    r->v = malloc((er.ncands ? er.ncands : 1) * sizeof *r->v);
    r->sup_lat = malloc((er.ncands ? er.ncands : 1) * sizeof *r->sup_lat);
    r->sup_lon = malloc((er.ncands ? er.ncands : 1) * sizeof *r->sup_lon);
    r->rec_nace = malloc((er.ncands ? er.ncands : 1) * sizeof *r->rec_nace);
    r->hazardous = malloc(er.ncands ? er.ncands : 1);
    if (!r->v || !r->sup_lat || !r->sup_lon || !r->rec_nace || !r->hazardous)
        goto nomem;
    for (size_t i = 0; i < er.ncands; i++) {
        struct candidate *c = &r->v[i];
        size_t k = er.order[i];
        int32_t code = er.flows[er.cands[k].sup_flow].code;
        const struct eng_site *ss = &L.sites[er.flows[er.cands[k].sup_flow].site];
        eng_candidate(L.kb, L.sites, &er, k, &eo, terr, c);
        r->sup_lat[i] = ss->lat;
        r->sup_lon[i] = ss->lon;
        r->rec_nace[i] = er.cands[k].rec_site != ENG_NONE ? L.sites[er.cands[k].rec_site].nace : -1;
        r->hazardous[i] =
            (uint8_t)(er.flows[er.cands[k].sup_flow].hazardous || kb_code_hazardous(L.kb, code));
        if (labels[code][0])
            snprintf(c->resource_label, sizeof c->resource_label, "%s", labels[code]);
    }
    r->n = er.ncands;
    r->kb = L.kb; /* the checklists borrow it */
    L.kb = NULL;
    if (o->dry_run)
        goto out;
    if (o->progress)
        o->progress(o->progress_ctx, "store", 0);
    if ((rc = store_begin(s, e)))
        goto out;
    in_tx = 1;
    if ((rc = store_cand_replace(s, terr, r->v, r->n, e)))
        goto out;
    rc = store_commit(s, e);
    in_tx = 0;
    goto out;
fail_load:
    if (rc == SY_ENOMEM)
        err_setf(e, SY_ENOMEM, _("out of memory loading actors and flows"));
    goto out;
nomem:
    rc = err_set(e, SY_ENOMEM, _("out of memory preparing candidates"));
out:
    if (in_tx)
        store_rollback(s, NULL);
    if (rc)
        match_result_release(r);
    eng_result_release(&er);
    free(labels);
    free(L.sites);
    free(L.name_off);
    free(L.flows);
    buf_release(&L.pool);
    strmap_release(&L.ids);
    kb_free(L.kb);
    return rc;
}
