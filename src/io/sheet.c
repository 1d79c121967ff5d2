/*
 * sheet.c - .xlsx and .ods sheets read row by row (see sheet.h): libzip
 * inflates a part in chunks, expat parses them and suspends at the end of
 * each row, so that one row at a time is held.
 */
#include "io/sheet.h"

#include <expat.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

#include "util/buf.h"
#include "util/i18n.h"
#include "util/num.h"

#define CHUNK 65536
#define NAME_MAX_ 256

enum kind { XLSX, ODS };

struct sheet {
    enum kind kind;
    zip_t *zip;
    zip_source_t *src; /* over data, when read from memory */
    char path[1024];   /* for messages */
    char name[NAME_MAX_];
    /* the part being parsed */
    XML_Parser xp;
    zip_file_t *zf;
    const char *part;
    long long read; /* bytes inflated from it */
    char chunk[CHUNK];
    int suspended, ended;
    /* xlsx shared strings */
    struct buf strs;
    size_t *str_off;
    long nstrs, str_cap;
    int in_si, in_rph;
    /* the cell and row being read */
    struct buf cell;
    int collect;     /* characters go into cell */
    int cell_type;   /* xlsx: 's' shared, 'b', 'e', 'n' number, 't' text; ods: same letters */
    long cell_col;   /* 0-based column of the cell */
    long cell_rep;   /* ods: number-columns-repeated */
    int cell_paras;  /* ods: text:p seen in the cell */
    int annotation;  /* ods: depth inside office:annotation */
    char value[128]; /* ods: office:value or the like */
    struct buf row;  /* the fields, NUL-terminated one after another */
    size_t off[CSV_FIELDS_MAX];
    long nfields, pending_empty, row_line, next_line, row_rep, tables;
    long cells;
    int row_ready;
    /* the record handed out */
    const char *fields[CSV_FIELDS_MAX];
    size_t lens[CSV_FIELDS_MAX];
    long cols[CSV_FIELDS_MAX];
    long emit_left; /* ods: repeats of the ready row still to hand out */
    long width;     /* sheet_pad */
    struct err *e;  /* the error of a handler, reported by sheet_next */
    int failed;
    /* workbook.xml and its rels (xlsx) */
    char rid[64], target[512];
};

static const char *local(const char *name)
{
    const char *c = strrchr(name, ':');

    return c ? c + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
    for (int i = 0; atts[i]; i += 2)
        if (strcmp(local(atts[i]), name) == 0)
            return atts[i + 1];
    return NULL;
}

static void fail(struct sheet *sh, int code, const char *msg)
{
    if (!sh->failed) {
        err_set(sh->e, code, "%s: %s", sh->path, msg);
        sh->failed = 1;
    }
    XML_StopParser(sh->xp, XML_FALSE);
}

int sheet_is_workbook(const char *name, const char *data, size_t len)
{
    size_t n = name ? strlen(name) : 0;

    if (data && len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0)
        return 1;
    return (n > 5 && strcasecmp(name + n - 5, ".xlsx") == 0) ||
           (n > 4 && strcasecmp(name + n - 4, ".ods") == 0);
}

/* ---- parts ---------------------------------------------------------------- */

static void XMLCALL no_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                               const XML_Char *pubid, int has_internal)
{
    (void)name, (void)sysid, (void)pubid, (void)has_internal;
    fail(ud, SY_EINPUT, _("a document type declaration in the workbook is refused"));
}

static int open_part(struct sheet *sh, const char *name, XML_StartElementHandler start,
                     XML_EndElementHandler end, XML_CharacterDataHandler text)
{
    zip_stat_t st;
    zip_int64_t i = zip_name_locate(sh->zip, name, 0);

    if (i < 0)
        return err_set(sh->e, SY_EINPUT, _("%s: the workbook has no part %s"), sh->path, name);
    if (zip_stat_index(sh->zip, (zip_uint64_t)i, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
        st.size > (zip_uint64_t)SHEET_PART_MAX)
        return err_set(sh->e, SY_ELIMIT,
                       _("%s: %s inflates to %llu bytes, over the limit of %lld; is it the right "
                         "file?"),
                       sh->path, name, (unsigned long long)st.size, SHEET_PART_MAX);
    sh->zf = zip_fopen_index(sh->zip, (zip_uint64_t)i, 0);
    sh->xp = XML_ParserCreate("UTF-8");
    if (!sh->zf || !sh->xp)
        return err_set(sh->e, SY_EINPUT, _("%s: cannot read %s: %s"), sh->path, name,
                       zip_strerror(sh->zip));
    XML_SetUserData(sh->xp, sh);
    XML_SetElementHandler(sh->xp, start, end);
    XML_SetCharacterDataHandler(sh->xp, text);
    XML_SetStartDoctypeDeclHandler(sh->xp, no_doctype);
    sh->part = name;
    sh->read = 0;
    sh->suspended = sh->ended = 0;
    return SY_OK;
}

static void close_part(struct sheet *sh)
{
    if (sh->xp)
        XML_ParserFree(sh->xp);
    if (sh->zf)
        zip_fclose(sh->zf);
    sh->xp = NULL;
    sh->zf = NULL;
}

/* Feeds the part until a handler suspends (1), the part ends (0) or an error. */
static int pump(struct sheet *sh)
{
    enum XML_Status st;

    for (;;) {
        if (sh->ended)
            return 0;
        if (sh->suspended) {
            sh->suspended = 0;
            st = XML_ResumeParser(sh->xp);
        } else {
            zip_int64_t n = zip_fread(sh->zf, sh->chunk, sizeof sh->chunk);

            if (n < 0)
                return err_set(sh->e, SY_EINPUT, _("%s: %s is damaged: %s"), sh->path, sh->part,
                               zip_file_strerror(sh->zf));
            sh->read += n;
            if (sh->read > SHEET_PART_MAX)
                return err_set(sh->e, SY_ELIMIT,
                               _("%s: %s inflates to more than %lld bytes; is it the right file?"),
                               sh->path, sh->part, SHEET_PART_MAX);
            sh->ended = n == 0;
            st = XML_Parse(sh->xp, sh->chunk, (int)n, n == 0);
        }
        if (sh->failed)
            return sh->e ? sh->e->code : SY_EINPUT;
        if (st == XML_STATUS_ERROR)
            return err_set(sh->e, SY_EINPUT, _("%s: %s: XML error at line %lu: %s"), sh->path,
                           sh->part, (unsigned long)XML_GetCurrentLineNumber(sh->xp),
                           XML_ErrorString(XML_GetErrorCode(sh->xp)));
        if (st == XML_STATUS_SUSPENDED) {
            sh->suspended = 1;
            sh->ended = 0;
            return 1;
        }
    }
}

static int parse_whole(struct sheet *sh, const char *name, XML_StartElementHandler start,
                       XML_EndElementHandler end, XML_CharacterDataHandler text)
{
    int rc = open_part(sh, name, start, end, text);

    while (rc == SY_OK && (rc = pump(sh)) == 1)
        rc = SY_OK;
    close_part(sh);
    return rc;
}

static void XMLCALL collect(void *ud, const XML_Char *s, int len)
{
    struct sheet *sh = ud;

    if (sh->collect && buf_add(&sh->cell, s, (size_t)len))
        fail(sh, SY_ELIMIT, _("a cell is longer than the record limit"));
}

/* ---- the row being built -------------------------------------------------- */

static void add_field(struct sheet *sh, const char *v, size_t len)
{
    if (sh->nfields >= CSV_FIELDS_MAX) {
        fail(sh, SY_ELIMIT, _("a row has more than 1024 columns"));
        return;
    }
    if (++sh->cells > SHEET_CELLS_MAX) {
        fail(sh, SY_ELIMIT, _("more than 20,000,000 cells; is it the right file?"));
        return;
    }
    sh->off[sh->nfields++] = sh->row.len;
    if (buf_add(&sh->row, v, len) || buf_addch(&sh->row, 0))
        fail(sh, SY_ELIMIT, _("a row is longer than the record limit (1 MiB)"));
}

/* Places a value at 0-based column col, after empty fields up to it. */
static void put_cell(struct sheet *sh, long col, const char *v, size_t len)
{
    if (col >= CSV_FIELDS_MAX) {
        fail(sh, SY_ELIMIT, _("a cell lies past column 1024"));
        return;
    }
    while (sh->nfields < col && !sh->failed)
        add_field(sh, "", 0);
    if (sh->nfields == col)
        add_field(sh, v, len);
}

static void start_row(struct sheet *sh, long line)
{
    buf_reset(&sh->row);
    sh->nfields = 0;
    sh->pending_empty = 0;
    sh->row_line = line;
}

/* Ends the row: a row with a non-empty field suspends the parser. */
static void end_row(struct sheet *sh)
{
    while (sh->nfields && sh->row.str[sh->off[sh->nfields - 1]] == '\0')
        sh->nfields--; /* trailing empty cells */
    if (sh->nfields && !sh->failed) {
        sh->row_ready = 1;
        XML_StopParser(sh->xp, XML_TRUE);
    }
}

/* A number as the sheet stores it, written in full ("1.2E6" -> "1200000"). */
static void number(struct sheet *sh, long col, const char *v)
{
    char *end, out[NUM_STR_MAX];
    double d;

    while (*v == ' ')
        v++;
    d = strtod(v, &end);
    if (end != v && !*end) {
        num_format(d, out, sizeof out);
        put_cell(sh, col, out, strlen(out));
    } else {
        put_cell(sh, col, v, strlen(v));
    }
}

/* ---- xlsx ----------------------------------------------------------------- */

static void XMLCALL wb_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    struct sheet *sh = ud;
    const char *n = attr(atts, "name"), *id = attr(atts, "id");

    if (strcmp(local(el), "sheet") == 0 && !sh->name[0] && n && id) {
        snprintf(sh->name, sizeof sh->name, "%s", n);
        snprintf(sh->rid, sizeof sh->rid, "%s", id);
    }
}

static void XMLCALL rels_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    struct sheet *sh = ud;
    const char *id = attr(atts, "Id"), *t = attr(atts, "Target");

    if (strcmp(local(el), "Relationship") == 0 && id && t && strcmp(id, sh->rid) == 0)
        snprintf(sh->target, sizeof sh->target, "%s%s", t[0] == '/' ? "" : "xl/",
                 t[0] == '/' ? t + 1 : t);
}

static void XMLCALL sst_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    struct sheet *sh = ud;
    const char *l = local(el);

    (void)atts;
    if (strcmp(l, "si") == 0) {
        sh->in_si = 1;
        buf_reset(&sh->cell);
    } else if (strcmp(l, "rPh") == 0) {
        sh->in_rph = 1;
    } else if (strcmp(l, "t") == 0 && sh->in_si && !sh->in_rph) {
        sh->collect = 1;
    }
}

static void XMLCALL sst_end(void *ud, const XML_Char *el)
{
    struct sheet *sh = ud;
    const char *l = local(el);

    if (strcmp(l, "t") == 0) {
        sh->collect = 0;
    } else if (strcmp(l, "rPh") == 0) {
        sh->in_rph = 0;
    } else if (strcmp(l, "si") == 0) {
        sh->in_si = 0;
        if (sh->nstrs >= SHEET_STRINGS_MAX) {
            fail(sh, SY_ELIMIT, _("more than 2,000,000 shared strings"));
            return;
        }
        if (sh->nstrs == sh->str_cap) {
            long ncap = sh->str_cap ? sh->str_cap * 2 : 1024;
            size_t *v = realloc(sh->str_off, (size_t)ncap * sizeof *v);

            if (!v) {
                fail(sh, SY_ENOMEM, _("out of memory reading the shared strings"));
                return;
            }
            sh->str_off = v;
            sh->str_cap = ncap;
        }
        sh->str_off[sh->nstrs++] = sh->strs.len;
        if (buf_add(&sh->strs, sh->cell.str, sh->cell.len) || buf_addch(&sh->strs, 0))
            fail(sh, SY_ELIMIT, _("the shared strings hold more than 64 MiB"));
    }
}

/* "C12" -> 2 (0-based column), -1 if there are no letters. */
static long ref_col(const char *r)
{
    long c = 0;
    int k = 0;

    for (; *r >= 'A' && *r <= 'Z' && k < 4; r++, k++)
        c = c * 26 + (*r - 'A' + 1);
    return k ? c - 1 : -1;
}

static void XMLCALL x_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    struct sheet *sh = ud;
    const char *l = local(el), *v;

    if (strcmp(l, "row") == 0) {
        v = attr(atts, "r");
        start_row(sh, v ? atol(v) : sh->next_line);
        sh->next_line = sh->row_line + 1;
    } else if (strcmp(l, "c") == 0) {
        const char *t = attr(atts, "t");
        long c;

        v = attr(atts, "r");
        c = v ? ref_col(v) : -1;
        sh->cell_col = c >= 0 ? c : sh->nfields;
        sh->cell_type = !t                    ? 'n'
                        : strcmp(t, "s") == 0 ? 's'
                        : strcmp(t, "b") == 0 ? 'b'
                        : strcmp(t, "n") == 0 ? 'n'
                                              : 't'; /* str, inlineStr, e, d */
        buf_reset(&sh->cell);
    } else if (strcmp(l, "v") == 0 || (strcmp(l, "t") == 0 && sh->cell_type == 't')) {
        sh->collect = 1;
    } else if (strcmp(l, "rPh") == 0) {
        sh->collect = 0;
    }
}

static void XMLCALL x_end(void *ud, const XML_Char *el)
{
    struct sheet *sh = ud;
    const char *l = local(el);

    if (strcmp(l, "v") == 0 || strcmp(l, "t") == 0) {
        sh->collect = 0;
    } else if (strcmp(l, "c") == 0) {
        const char *v = sh->cell.len ? sh->cell.str : "";

        if (sh->cell_type == 's') {
            long i = atol(v);

            if (!*v || i < 0 || i >= sh->nstrs) {
                fail(sh, SY_EINPUT, _("a cell names a shared string that does not exist"));
                return;
            }
            put_cell(sh, sh->cell_col, sh->strs.str + sh->str_off[i],
                     strlen(sh->strs.str + sh->str_off[i]));
        } else if (sh->cell_type == 'b') {
            put_cell(sh, sh->cell_col, strcmp(v, "1") == 0 ? "1" : "0", 1);
        } else if (sh->cell_type == 'n' && *v) {
            number(sh, sh->cell_col, v);
        } else {
            put_cell(sh, sh->cell_col, v, strlen(v));
        }
    } else if (strcmp(l, "row") == 0) {
        end_row(sh);
    }
}

static int open_xlsx(struct sheet *sh)
{
    int rc = parse_whole(sh, "xl/workbook.xml", wb_start, NULL, NULL);

    if (!rc && sh->rid[0] && zip_name_locate(sh->zip, "xl/_rels/workbook.xml.rels", 0) >= 0)
        rc = parse_whole(sh, "xl/_rels/workbook.xml.rels", rels_start, NULL, NULL);
    if (!rc && !sh->target[0])
        snprintf(sh->target, sizeof sh->target, "xl/worksheets/sheet1.xml");
    if (!rc && zip_name_locate(sh->zip, "xl/sharedStrings.xml", 0) >= 0)
        rc = parse_whole(sh, "xl/sharedStrings.xml", sst_start, sst_end, collect);
    sh->collect = 0;
    sh->next_line = 1;
    if (!rc)
        rc = open_part(sh, sh->target, x_start, x_end, collect);
    return rc;
}

/* ---- ods ------------------------------------------------------------------ */

static void ods_cell_start(struct sheet *sh, const XML_Char **atts)
{
    const char *rep = attr(atts, "number-columns-repeated"), *t = attr(atts, "value-type");
    const char *v = NULL;

    sh->cell_rep = rep ? atol(rep) : 1;
    if (sh->cell_rep < 1)
        sh->cell_rep = 1;
    sh->cell_type = 't';
    if (t && (!strcmp(t, "float") || !strcmp(t, "percentage") || !strcmp(t, "currency"))) {
        sh->cell_type = 'n';
        v = attr(atts, "value");
    } else if (t && !strcmp(t, "boolean")) {
        sh->cell_type = 'b';
        v = attr(atts, "boolean-value");
    } else if (t && !strcmp(t, "date")) {
        sh->cell_type = 'd';
        v = attr(atts, "date-value");
    }
    snprintf(sh->value, sizeof sh->value, "%s", v ? v : "");
    sh->cell_paras = 0;
    buf_reset(&sh->cell);
}

static void ods_cell_end(struct sheet *sh)
{
    const char *v = sh->cell.len ? sh->cell.str : "";

    if (sh->cell_type == 'n' && sh->value[0])
        v = sh->value;
    else if (sh->cell_type == 'b')
        v = strcmp(sh->value, "true") == 0 ? "1" : "0";
    else if (sh->cell_type == 'd' && sh->value[0])
        v = sh->value;
    if (!*v) {
        sh->pending_empty += sh->cell_rep;
        return;
    }
    for (long k = 0; k < sh->cell_rep && !sh->failed; k++) {
        long col = sh->nfields + sh->pending_empty;

        sh->pending_empty = 0;
        if (sh->cell_type == 'n')
            number(sh, col, v);
        else
            put_cell(sh, col, v, strlen(v));
    }
}

static void XMLCALL o_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
    struct sheet *sh = ud;
    const char *l = local(el), *v;

    if (sh->tables > 1)
        return; /* the first sheet only */
    if (strcmp(l, "annotation") == 0) {
        sh->annotation++;
    } else if (sh->annotation) {
        return;
    } else if (strcmp(l, "table") == 0) {
        if (++sh->tables == 1 && (v = attr(atts, "name")))
            snprintf(sh->name, sizeof sh->name, "%s", v);
    } else if (strcmp(l, "table-row") == 0) {
        v = attr(atts, "number-rows-repeated");
        start_row(sh, sh->next_line);
        sh->row_rep = v && atol(v) > 1 ? atol(v) : 1;
        sh->next_line += sh->row_rep;
    } else if (strcmp(l, "table-cell") == 0 || strcmp(l, "covered-table-cell") == 0) {
        ods_cell_start(sh, atts);
    } else if (strcmp(l, "p") == 0) {
        if (sh->cell_paras++ && buf_addch(&sh->cell, '\n'))
            fail(sh, SY_ELIMIT, _("a cell is longer than the record limit"));
        sh->collect = 1;
    } else if (strcmp(l, "s") == 0 && sh->collect) {
        long c = (v = attr(atts, "c")) ? atol(v) : 1;

        for (long k = 0; k < c && k < 1024; k++)
            collect(sh, " ", 1);
    } else if (strcmp(l, "tab") == 0 && sh->collect) {
        collect(sh, "\t", 1);
    } else if (strcmp(l, "line-break") == 0 && sh->collect) {
        collect(sh, "\n", 1);
    }
}

static void XMLCALL o_end(void *ud, const XML_Char *el)
{
    struct sheet *sh = ud;
    const char *l = local(el);

    if (sh->tables > 1)
        return;
    if (strcmp(l, "annotation") == 0) {
        sh->annotation--;
    } else if (sh->annotation) {
        return;
    } else if (strcmp(l, "p") == 0) {
        sh->collect = 0;
    } else if (strcmp(l, "table-cell") == 0 || strcmp(l, "covered-table-cell") == 0) {
        ods_cell_end(sh);
    } else if (strcmp(l, "table-row") == 0) {
        end_row(sh);
    } else if (strcmp(l, "table") == 0) {
        sh->tables = 2; /* done */
    }
}

/* ---- api ------------------------------------------------------------------ */

int sheet_open(struct sheet **out, const char *path, const char *data, size_t len, struct err *e)
{
    struct sheet *sh = calloc(1, sizeof *sh);
    zip_error_t ze;
    int zerr = 0, rc;

    *out = NULL;
    if (!sh)
        return err_set(e, SY_ENOMEM, _("out of memory"));
    sh->e = e;
    snprintf(sh->path, sizeof sh->path, "%s", path ? path : "-");
    buf_init(&sh->strs, SHEET_STRINGS_BYTES);
    buf_init(&sh->cell, CSV_RECORD_MAX);
    buf_init(&sh->row, CSV_RECORD_MAX);
    zip_error_init(&ze);
    if (data) {
        sh->src = zip_source_buffer_create(data, len, 0, &ze);
        sh->zip = sh->src ? zip_open_from_source(sh->src, ZIP_RDONLY, &ze) : NULL;
        if (!sh->zip && sh->src)
            zip_source_free(sh->src);
    } else {
        sh->zip = zip_open(path, ZIP_RDONLY, &zerr);
        if (!sh->zip)
            zip_error_init_with_code(&ze, zerr);
    }
    if (!sh->zip) {
        rc = err_set(e, zip_error_code_zip(&ze) == ZIP_ER_OPEN ? SY_EIO : SY_EINPUT,
                     _("%s: not a spreadsheet this program reads (.xlsx or .ods): %s"), sh->path,
                     zip_error_strerror(&ze));
        zip_error_fini(&ze);
        sheet_free(sh);
        return rc;
    }
    zip_error_fini(&ze);
    if (zip_name_locate(sh->zip, "xl/workbook.xml", 0) >= 0) {
        sh->kind = XLSX;
        rc = open_xlsx(sh);
    } else if (zip_name_locate(sh->zip, "content.xml", 0) >= 0) {
        sh->kind = ODS;
        sh->next_line = 1;
        rc = open_part(sh, "content.xml", o_start, o_end, collect);
    } else {
        rc = err_set(e, SY_EINPUT,
                     _("%s: a zip archive, but neither an .xlsx workbook nor an .ods "
                       "spreadsheet; save the sheet as .xlsx, .ods or CSV"),
                     sh->path);
    }
    if (rc) {
        sheet_free(sh);
        return rc;
    }
    *out = sh;
    return SY_OK;
}

const char *sheet_name(const struct sheet *sh)
{
    return sh->name;
}

int sheet_next(struct sheet *sh, struct csv_record *r, struct err *e)
{
    int rc;

    sh->e = e;
    if (sh->failed)
        return 0;
    if (sh->emit_left > 0) {
        sh->emit_left--;
        sh->row_line++;
    } else {
        sh->row_ready = 0;
        rc = pump(sh);
        if (rc <= 0) {
            sh->failed = rc < 0;
            return rc;
        }
        sh->emit_left = sh->kind == ODS ? sh->row_rep - 1 : 0;
        if (sh->emit_left && (sh->cells += sh->emit_left * sh->nfields) > SHEET_CELLS_MAX)
            return err_set(e, SY_ELIMIT, _("%s: more than 20,000,000 cells"), sh->path);
    }
    for (long i = 0; i < sh->nfields; i++) {
        sh->fields[i] = sh->row.str + sh->off[i];
        sh->lens[i] = strlen(sh->fields[i]);
        sh->cols[i] = i + 1;
    }
    for (long i = sh->nfields; i < sh->width; i++) {
        sh->fields[i] = "";
        sh->lens[i] = 0;
        sh->cols[i] = i + 1;
    }
    r->n = (size_t)(sh->nfields > sh->width ? sh->nfields : sh->width);
    r->fields = sh->fields;
    r->lens = sh->lens;
    r->cols = sh->cols;
    r->line = sh->row_line;
    r->flags = NULL;
    return 1;
}

void sheet_pad(struct sheet *sh, size_t n)
{
    sh->width = n < CSV_FIELDS_MAX ? (long)n : CSV_FIELDS_MAX;
}

void sheet_free(struct sheet *sh)
{
    if (!sh)
        return;
    close_part(sh);
    if (sh->zip)
        zip_discard(sh->zip);
    buf_release(&sh->strs);
    buf_release(&sh->cell);
    buf_release(&sh->row);
    free(sh->str_off);
    free(sh);
}
