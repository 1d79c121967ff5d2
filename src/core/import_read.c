/*
 * import_read.c - header mapping, located diagnostics and validation sets
 * shared by every importer.
 */
#include "core/import_int.h"
#include "core/communes.h"
#include "store/store_edit.h"

#include "util/infile.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include "util/i18n.h"

void import_result_init(struct import_result *r, const char *file)
{
    memset(r, 0, sizeof *r);
    diags_init(&r->diags, file);
}

void import_result_release(struct import_result *r)
{
    diags_release(&r->diags);
}

int colspecs_add(struct colspec *specs, int n, int max, const struct rec_desc *d)
{
    for (size_t i = 0; i < d->ncols && n < max; i++) {
        const struct rec_col *c = &d->cols[i];
        if (!(c->flags & REC_IN))
            continue;
        specs[n].name = c->name;
        specs[n].required = (c->flags & REC_REQUIRED) != 0;
        specs[n].col = c;
        n++;
    }
    return n;
}

static long col_of(const struct reader *rd, int col)
{
    int i = rd->idx[col];

    return i >= 0 && (size_t)i < rd->rec.n ? rd->rec.cols[i] : 1;
}

const char *reader_colname(const struct reader *rd, int col)
{
    return rd->idx[col] >= 0 && rd->hdr[col][0] ? rd->hdr[col] : rd->specs[col].name;
}

static void vreport(struct reader *rd, int col, int warning, const char *fmt, va_list ap)
{
    char msg[DIAG_MSG_MAX];
    long line = rd->rec.line, c = col >= 0 ? col_of(rd, col) : 1;
    int field = col >= 0 ? rd->idx[col] : -1;

    if (!warning)
        rd->row_bad = 1;
    if (rd->mute)
        return;
    vsnprintf(msg, sizeof msg, fmt, ap);
    diags_add(&rd->r->diags, warning ? DIAG_WARNING : DIAG_ERROR, line, c, field,
              col >= 0 ? reader_colname(rd, col) : NULL, "%s", msg);
}

void reader_error(struct reader *rd, int col, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vreport(rd, col, 0, fmt, ap);
    va_end(ap);
}

void reader_warning(struct reader *rd, int col, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vreport(rd, col, 1, fmt, ap);
    va_end(ap);
}

/* The CSV reader's messages are "NAME:LINE:COL: text": keep the location. */
static void csv_diag(struct reader *rd, const struct err *ce)
{
    const char *m = ce->msg, *file = rd->r->diags.file ? rd->r->diags.file : "";
    size_t plen = strlen(file);
    long line = 0, col = 0;
    char *end;

    if (strncmp(m, file, plen) == 0 && m[plen] == ':') {
        line = strtol(m + plen + 1, &end, 10);
        if (*end == ':') {
            col = strtol(end + 1, &end, 10);
            if (*end == ':') {
                m = end + 1;
                while (*m == ' ')
                    m++;
            }
        }
    }
    diags_error(&rd->r->diags, line, col, "%s", m);
}

static void expected_header(const struct reader *rd, char *out, size_t n, int all)
{
    size_t o = 0;

    out[0] = '\0';
    for (int i = 0; i < rd->nspecs && o < n; i++)
        if (all || rd->specs[i].required || rd->idx[i] >= 0)
            o += (size_t)snprintf(out + o, n - o, "%s%s", o ? "," : "", rd->specs[i].name);
}

/* 1 when name is a column the list outputs write and no import reads
 * (hazardous, qty_year, canon_unit, fate...): a listing re-imported as it is
 * must not warn about its own columns. */
static int output_column(const char *name)
{
    static const struct rec_desc *const descs[] = {&rec_territory, &rec_actor, &rec_flow,
                                                   &rec_contact};

    for (size_t i = 0; i < sizeof descs / sizeof descs[0]; i++) {
        int k = rec_find(descs[i], name);

        if (k >= 0 && !(descs[i]->cols[k].flags & REC_IN))
            return 1;
    }
    return 0;
}

static int map_header(struct reader *rd, int check_required)
{
    char expect[512];
    int bad = 0;

    for (int i = 0; i < rd->nspecs; i++)
        rd->idx[i] = -1;
    rd->nheader = rd->rec.n;
    for (size_t f = 0; f < rd->rec.n; f++) {
        int found = -1;

        for (int i = 0; i < rd->nspecs; i++) {
            if (rec_header_matches(rd->rec.fields[f], rd->specs[i].name)) {
                found = i;
                break;
            }
        }
        if (found < 0 && !check_required) { /* an edit names its fields: no typo ignored */
            expected_header(rd, expect, sizeof expect, 1);
            diags_add(&rd->r->diags, DIAG_ERROR, rd->rec.line, rd->rec.cols[f], (int)f,
                      rd->rec.fields[f], _("unknown field '%s'; the fields are: %s"),
                      rd->rec.fields[f], expect);
            bad = 1;
        } else if (found < 0) {
            if (!output_column(rd->rec.fields[f]))
                diags_add(&rd->r->diags, DIAG_WARNING, rd->rec.line, rd->rec.cols[f], (int)f,
                          rd->rec.fields[f], _("unknown column '%s' is ignored"),
                          rd->rec.fields[f]);
        } else if (rd->idx[found] >= 0) {
            diags_add(&rd->r->diags, DIAG_ERROR, rd->rec.line, rd->rec.cols[f], (int)f,
                      rd->specs[found].name, _("column '%s' appears twice; keep one"),
                      rd->specs[found].name);
            bad = 1;
        } else {
            const char *h = rd->rec.fields[f];

            while (*h == ' ')
                h++;
            rd->idx[found] = (int)f;
            snprintf(rd->hdr[found], sizeof rd->hdr[found], "%s", h);
        }
    }
    expected_header(rd, expect, sizeof expect, 0);
    for (int i = 0; i < rd->nspecs; i++) {
        if (rd->idx[i] < 0)
            rd->partial = 1;
        if (check_required && rd->specs[i].required && rd->idx[i] < 0) {
            diags_add(&rd->r->diags, DIAG_ERROR, rd->rec.line, 1, -1, rd->specs[i].name,
                      _("missing required column '%s'; the header must name: %s"),
                      rd->specs[i].name, expect);
            bad = 1;
        }
    }
    return bad ? SY_EINPUT : SY_OK;
}

static const struct import_opts no_opts;

/* The next record of the CSV file or of the sheet. */
static int next_record(struct reader *rd, struct err *ce)
{
    return rd->sheet ? sheet_next(rd->sheet, &rd->rec, ce) : csv_next(rd->csv, &rd->rec, ce);
}

/* The line the input is at. */
static long reader_line(const struct reader *rd)
{
    return rd->sheet ? rd->rec.line + 1 : csv_line(rd->csv);
}

/* True if the input is a buffer or a regular file under VALID_LAZY_BYTES. */
static int input_small(const struct reader *rd)
{
    struct stat st;

    if (rd->opts->data)
        return rd->opts->len < VALID_LAZY_BYTES;
    return rd->f && fstat(fileno(rd->f), &st) == 0 && S_ISREG(st.st_mode) &&
           st.st_size < VALID_LAZY_BYTES;
}

int reader_open(struct reader *rd, struct store *s, const char *path, const struct colspec *specs,
                int nspecs, const struct import_opts *o, struct import_result *r, struct err *e)
{
    struct err ce;
    int rc;

    memset(rd, 0, sizeof *rd);
    strmap_init(&rd->seen);
    rd->store = s;
    rd->path = path;
    rd->specs = specs;
    rd->nspecs = nspecs;
    rd->opts = o ? o : &no_opts;
    rd->r = r;
    rd->v = calloc(1, sizeof *rd->v);
    if (!rd->v)
        return err_set(e, SY_ENOMEM, _("out of memory"));
    for (int i = 0; i < nspecs; i++)
        rd->idx[i] = -1;
    if (rd->opts->crs) {
        rc = geo_proj_new(&rd->proj, rd->opts->crs, e);
        if (rc) /* the CRS comes from the command line: a usage error */
        {
            if (rc == SY_EINPUT && e)
                e->code = rc = SY_EUSAGE;
            return rc;
        }
    }
    if (sheet_is_workbook(path, rd->opts->data, rd->opts->len)) {
        rc = sheet_open(&rd->sheet, path, rd->opts->data, rd->opts->data ? rd->opts->len : 0, e);
        if (rc)
            return rc;
    } else if (rd->opts->data) {
        rd->csv = csv_new_mem(rd->opts->data, rd->opts->len, path, NULL);
    } else {
        rd->f = fopen_input(path, e);
        if (!rd->f)
            return e ? e->code : SY_EIO;
        rd->csv = csv_new_file(rd->f, path, NULL);
    }
    if (!rd->csv && !rd->sheet)
        return err_set(e, SY_ENOMEM, _("out of memory"));
    if (input_small(rd))
        rd->v->lazy = VALID_TERRS | VALID_ACTORS | VALID_FLOWS;
    err_clear(&ce);
    rc = next_record(rd, &ce);
    if (rc == 0) {
        expected_header(rd, ce.msg, sizeof ce.msg, 0);
        diags_error(&r->diags, 1, 1, _("the file is empty; it needs a header line (%s) and rows"),
                    ce.msg);
        return SY_EINPUT;
    }
    if (rc < 0) {
        csv_diag(rd, &ce);
        return SY_EINPUT;
    }
    if (rd->sheet) { /* rows end at their last value: as wide as the header */
        snprintf(r->sheet, sizeof r->sheet, "%s", sheet_name(rd->sheet));
        r->diags.sheet = r->sheet;
        sheet_pad(rd->sheet, rd->rec.n);
    }
    rc = map_header(rd, 1);
    if (rc)
        return rc;
    /* Every reference is checked against sets loaded inside this transaction. */
    rc = store_begin_bulk(s, e);
    if (rc)
        return rc;
    rd->in_tx = 1;
    return SY_OK;
}

/* True if every mapped column of the current record holds its own name. */
static int reader_is_header(const struct reader *rd)
{
    int mapped = 0;

    for (int i = 0; i < rd->nspecs; i++) {
        int f = rd->idx[i];

        if (f < 0)
            continue;
        if (!rec_header_matches(rd->rec.fields[f], rd->specs[i].name))
            return 0;
        mapped++;
    }
    return mapped > 0;
}

int reader_open_fields(struct reader *rd, struct store *s, const struct colspec *specs, int nspecs,
                       const char *const *names, const char *const *values, size_t n,
                       struct import_result *r, struct err *e)
{
    memset(rd, 0, sizeof *rd);
    strmap_init(&rd->seen);
    rd->store = s;
    rd->path = r->diags.file ? r->diags.file : "";
    rd->specs = specs;
    rd->nspecs = nspecs;
    rd->opts = &no_opts;
    rd->r = r;
    rd->v = calloc(1, sizeof *rd->v);
    if (!rd->v)
        return err_set(e, SY_ENOMEM, _("out of memory"));
    if (n > IMPORT_MAX_COLS)
        return err_set(e, SY_EUSAGE, _("too many fields (%zu, at most %d)"), n, IMPORT_MAX_COLS);
    for (size_t i = 0; i < n; i++) {
        if (!names[i] || !values[i])
            return err_set(e, SY_EUSAGE, _("field %zu has no name or no value"), i + 1);
        rd->mem_names[i] = names[i];
        rd->mem_cols[i] = (long)i + 1;
        rd->mem_lens[i] = strlen(values[i]);
    }
    rd->rec.n = n;
    rd->rec.fields = rd->mem_names;
    rd->rec.cols = rd->mem_cols;
    rd->rec.lens = rd->mem_lens;
    rd->rec.line = 0;
    if (map_header(rd, 0))
        return SY_EINPUT;
    for (size_t i = 0; i < n; i++)
        rd->mem_names[i] = values[i]; /* from now on, the record holds the values */
    return SY_OK;
}

int reader_has(const struct reader *rd, int col)
{
    return rd->idx[col] >= 0;
}

/* True if every field of r is empty or blank. */
static int record_blank(const struct csv_record *r)
{
    for (size_t i = 0; i < r->n; i++)
        for (const char *p = r->fields[i]; *p; p++)
            if (*p != ' ' && *p != '\t')
                return 0;
    return 1;
}

int reader_next(struct reader *rd)
{
    struct err ce;
    int rc;

    for (;;) {
        rd->row_bad = 0;
        err_clear(&ce);
        rc = next_record(rd, &ce);
        if (rc == 0) {
            if (rd->r->rows == 0 && rd->r->diags.nerrors == 0)
                diags_error(&rd->r->diags, reader_line(rd), 1,
                            _("no data rows after the header; add at least one row"));
            return 0;
        }
        if (rc < 0) {
            if (rc == SY_ENOMEM)
                return rc;
            csv_diag(rd, &ce);
            if (rc == SY_ELIMIT && strstr(ce.msg, "record longer"))
                rd->overlong++;
            if (rd->overlong >= IMPORT_MAX_OVERLONG || rd->r->diags.nerrors >= IMPORT_MAX_ERRORS) {
                diags_warning(&rd->r->diags, reader_line(rd), 1,
                              _("stopped reading after %zu errors (%ld records over the size "
                                "limit); is it the right file? (docs/limits.md)"),
                              rd->r->diags.nerrors, rd->overlong);
                return 0;
            }
            continue;
        }
        if (rd->r->diags.nerrors >= IMPORT_MAX_ERRORS) {
            diags_warning(&rd->r->diags, rd->rec.line, 1,
                          _("stopped reading after %zu errors; fix those first (docs/limits.md)"),
                          rd->r->diags.nerrors);
            return 0;
        }
        if (record_blank(&rd->rec))
            continue; /* empty, or only separators (spreadsheets write ;;;;;; rows) */
        rd->r->rows++;
        if (rd->rec.n != rd->nheader) {
            diags_error(&rd->r->diags, rd->rec.line, rd->rec.n ? rd->rec.cols[rd->rec.n - 1] : 1,
                        _("this row has %zu fields but the header has %zu; check the separators "
                          "and quotes on this line"),
                        rd->rec.n, rd->nheader);
            continue;
        }
        if (reader_is_header(rd)) {
            diags_error(&rd->r->diags, rd->rec.line, 1,
                        _("this row repeats the header line; remove it (two files pasted "
                          "together?)"));
            continue;
        }
        return 1; /* past DIAG_MAX errors, rows are still checked and counted */
    }
}

int reader_close(struct reader *rd, int rc, struct err *e)
{
    struct import_result *r = rd->r;

    if (rc == SY_OK && (r->diags.nerrors || rd->opts->dry_run))
        rc = r->diags.nerrors ? SY_EINPUT : SY_OK;
    if (rd->in_tx) {
        if (rc == SY_OK && !rd->opts->dry_run) {
            rc = store_commit(rd->store, e);
            if (rc)
                store_rollback(rd->store, NULL);
        } else {
            store_rollback(rd->store, NULL);
        }
    }
    if (rc == SY_EINPUT && r->diags.nerrors)
        err_setf(e, SY_EINPUT, _("%zu error%s in %s; nothing was imported"), r->diags.nerrors,
                 r->diags.nerrors > 1 ? "s" : "", rd->path);
    if (rd->opts->progress && rc == SY_OK)
        rd->opts->progress(rd->opts->progress_ctx, r->rows, 1);
    csv_free(rd->csv);
    sheet_free(rd->sheet);
    if (rd->f)
        fclose(rd->f);
    geo_proj_free(rd->proj);
    strmap_release(&rd->seen);
    if (rd->v) {
        strmap_release(&rd->v->terrs);
        strmap_release(&rd->v->actors);
        strmap_release(&rd->v->flows);
        strmap_release(&rd->v->low);
        strmap_release(&rd->v->naf);
        strmap_release(&rd->v->tax);
        refcommunes_free(rd->v->communes);
        free(rd->v);
    }
    return rc;
}

const char *reader_field(const struct reader *rd, int col)
{
    int i = rd->idx[col];

    return i >= 0 && (size_t)i < rd->rec.n ? rd->rec.fields[i] : "";
}

int reader_copy(struct reader *rd, int col, char *out, size_t n, int required)
{
    const char *v = reader_field(rd, col);
    int i = rd->idx[col], quoted = i >= 0 && (size_t)i < rd->rec.n && rd->rec.flags &&
                                   (rd->rec.flags[i] & CSV_QUOTED);
    size_t len;

    /* Spaces around an unquoted value are padding; inside quotes they are
     * data (RFC 4180). */
    while (!quoted && (*v == ' ' || *v == '\t'))
        v++;
    len = strlen(v);
    while (!quoted && len && (v[len - 1] == ' ' || v[len - 1] == '\t'))
        len--;
    out[0] = '\0';
    if (!len && required) {
        reader_error(rd, col, _("%s is empty; it is required"), reader_colname(rd, col));
        return 0;
    }
    if (len >= n) {
        reader_error(rd, col, _("%s is too long (%zu bytes, at most %zu)"), reader_colname(rd, col),
                     len, n - 1);
        return 0;
    }
    memcpy(out, v, len);
    out[len] = '\0';
    return 1;
}

int reader_number(struct reader *rd, int col, double *out, int required)
{
    const char *v = reader_field(rd, col);

    if (!*v) {
        if (required)
            reader_error(rd, col, _("%s is empty; it is required"), reader_colname(rd, col));
        return 0;
    }
    if (csv_parse_number(v, out) || !isfinite(*out)) {
        reader_error(rd, col,
                     _("%s '%s' is not a number; write digits with '.' or ',' as the decimal mark"),
                     reader_colname(rd, col), v);
        return -1;
    }
    return 1;
}

int reader_bool(struct reader *rd, int col)
{
    const char *v = reader_field(rd, col);

    if (!strcmp(v, "1") || !strcasecmp(v, "yes") || !strcasecmp(v, "oui") || !strcasecmp(v, "true"))
        return 1;
    if (!strcmp(v, "0") || !strcasecmp(v, "no") || !strcasecmp(v, "non") ||
        !strcasecmp(v, "false") || !*v)
        return 0;
    reader_error(rd, col, _("%s '%s' is not 1/0, yes/no or oui/non"), reader_colname(rd, col), v);
    return 0;
}

int reader_check_id(struct reader *rd, int col, const char *id)
{
    long first;

    if (strmap_get(&rd->seen, id, &first)) {
        reader_error(rd, col, _("duplicate id '%s' (first at line %ld); ids must be unique"), id,
                     first);
        return 0;
    }
    if (strmap_put(&rd->seen, id, rd->rec.line))
        reader_error(rd, col, _("out of memory"));
    return 1;
}

void reader_count(struct reader *rd, int existed)
{
    if (existed)
        rd->r->updated++;
    else
        rd->r->inserted++;
    if (rd->opts->progress && rd->r->rows % IMPORT_PROGRESS_EVERY == 0)
        rd->opts->progress(rd->opts->progress_ctx, rd->r->rows, 0);
}

/* ---- validation sets ---------------------------------------------------- */

static int put_terr(void *ctx, const struct territory *t)
{
    return strmap_put(ctx, t->code, 0);
}

static int put_actor(void *ctx, const struct actor *a)
{
    return strmap_put(ctx, a->id, 0);
}

static int put_flow(void *ctx, const struct flow *f)
{
    return strmap_put(ctx, f->id, 0);
}

static int put_code(void *ctx, const struct nomen_entry *n)
{
    return strmap_put(ctx, n->code, n->hazardous);
}

int valid_load(struct valid *v, struct store *s, unsigned sets, struct err *e)
{
    int rc = SY_OK;

    sets &= ~v->lazy;
    if (!rc && (sets & VALID_TERRS))
        rc = store_territory_list(s, put_terr, &v->terrs, e);
    if (!rc && (sets & VALID_ACTORS))
        rc = store_actor_list(s, NULL, put_actor, &v->actors, e);
    if (!rc && (sets & VALID_FLOWS))
        rc = store_flow_list(s, NULL, put_flow, &v->flows, e);
    if (!rc && (sets & VALID_LOW))
        rc = store_nomen_list(s, NOMEN_LOW, put_code, &v->low, e);
    if (!rc && (sets & VALID_NAF)) {
        rc = store_nomen_list(s, NOMEN_NAF, put_code, &v->naf, e);
        if (!rc)
            rc = store_nomen_list(s, NOMEN_NACE, put_code, &v->naf, e);
    }
    if (!rc && (sets & VALID_TAXONOMY))
        rc = store_nomen_list(s, NOMEN_TAXONOMY, put_code, &v->tax, e);
    if (rc == SY_ENOMEM)
        err_setf(e, rc, _("out of memory loading validation sets"));
    v->loaded |= sets;
    v->have_low = v->low.n > 0;
    v->have_naf = v->naf.n > 0;
    v->have_tax = v->tax.n > 0;
    return rc;
}

/* The id set of one reference set (VALID_TERRS, VALID_ACTORS or VALID_FLOWS). */
static struct strmap *ids_of(struct valid *v, unsigned set)
{
    return set == VALID_TERRS ? &v->terrs : set == VALID_ACTORS ? &v->actors : &v->flows;
}

int valid_known(struct reader *rd, unsigned set, const char *id)
{
    struct territory t;
    struct actor a;
    struct flow f;

    if (rd->v->loaded & set)
        return strmap_get(ids_of(rd->v, set), id, NULL);
    if (set == VALID_TERRS)
        return store_territory_get(rd->store, id, &t, NULL) == SY_OK;
    if (set == VALID_ACTORS)
        return store_actor_get(rd->store, id, &a, NULL) == SY_OK;
    return store_flow_get(rd->store, id, &f, NULL) == SY_OK;
}

int valid_note(struct reader *rd, unsigned set, const char *id)
{
    return rd->v->loaded & set ? strmap_put(ids_of(rd->v, set), id, 0) : SY_OK;
}

void valid_activity(struct reader *rd, int col, char *out, size_t n)
{
    const char *v = reader_field(rd, col);

    out[0] = '\0';
    if (!*v)
        return;
    if (model_naf_normalise(v, out, n)) {
        reader_error(rd, col,
                     _("activity code '%s' is not a NAF (e.g. 20.14Z) or NACE (20.14) code"), v);
        return;
    }
    if (!rd->v->have_naf) {
        if (!rd->v->warned_naf++)
            reader_warning(rd, col,
                           _("the NAF/NACE nomenclature is not loaded, so activity codes "
                             "are checked for form only; run 'symbiose init' with the reference "
                             "data"));
        return;
    }
    if (!strmap_get(&rd->v->naf, out, NULL))
        reader_error(rd, col,
                     _("unknown NAF/NACE code '%s'; search with 'symbiose nomenclature search'"),
                     v);
}

void valid_resource(struct reader *rd, int col, struct flow *f)
{
    const char *v = reader_field(rd, col);
    int star = 0;
    long haz = 0;

    if (!*v) {
        reader_error(rd, col,
                     _("code is empty; give a List of Waste code (02 07 04) or a "
                       "taxonomy code (energy.heat.lt)"));
        return;
    }
    if (isdigit((unsigned char)*v)) {
        f->code_kind = CODE_LOW;
        if (model_low_normalise(v, f->code, sizeof f->code, &star)) {
            reader_error(rd, col,
                         _("'%s' is not a List of Waste code such as 02 07 04 or "
                           "16 06 01*"),
                         v);
            return;
        }
        if (!rd->v->have_low) {
            if (!rd->v->warned_low++)
                reader_warning(rd, col,
                               _("the List of Waste is not loaded, so waste codes are "
                                 "checked for form only; run 'symbiose init' with the reference "
                                 "data"));
            f->hazardous = star;
            return;
        }
        if (!strmap_get(&rd->v->low, f->code, &haz)) {
            reader_error(rd, col,
                         _("unknown List of Waste code '%s'; search with 'symbiose nomenclature "
                           "search'"),
                         v);
            return;
        }
        f->hazardous = haz != 0;
        if (star && !haz)
            reader_error(rd, col,
                         _("'%s' has an asterisk but %s is not a hazardous entry in the "
                           "List of Waste; remove the asterisk"),
                         v, f->code);
        else if (!star && haz)
            reader_warning(rd, col, _("%s is a hazardous entry: it is recorded as %s*"), f->code,
                           f->code);
        return;
    }
    f->code_kind = CODE_TAXONOMY;
    if (strlen(v) >= sizeof f->code || !model_taxonomy_valid(v)) {
        reader_error(rd, col,
                     _("'%s' is neither a List of Waste code nor a taxonomy code such as "
                       "energy.heat.lt"),
                     v);
        return;
    }
    snprintf(f->code, sizeof f->code, "%s", v);
    if (!rd->v->have_tax) {
        if (!rd->v->warned_tax++)
            reader_warning(rd, col,
                           _("the taxonomy is not loaded, so its codes are checked for "
                             "form only; run 'symbiose init'"));
        return;
    }
    if (!strmap_get(&rd->v->tax, f->code, NULL))
        reader_error(rd, col,
                     _("unknown taxonomy code '%s'; see data/taxonomy.csv or 'symbiose "
                       "nomenclature search'"),
                     v);
}
