/*
 * impact.c - factor tables (parsed from CSV in memory), longest-prefix lookup
 * and the per-candidate impact ledger. See impact.h and docs/impact.md.
 */
#include "optim/impact.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/csv.h"

enum col {
    C_ID,
    C_PREFIX,
    C_UNIT,
    C_CO2E,
    C_EUR,
    C_BASIS,
    C_SOURCE,
    C_VERSION,
    C_CO2E_Q,
    C_EUR_Q,
    C_FATE,
    C_N
};

static const char *const col_names[C_N] = {"id",           "prefix",      "unit",   "co2e_kg",
                                           "eur",          "basis",       "source", "version",
                                           "co2e_quality", "eur_quality", "fate"};

/* Columns a factor file may omit. */
static int optional_col(int j)
{
    return j == C_BASIS || j == C_FATE;
}

static int parse_quality(const char *q, int *estimated)
{
    if (strcmp(q, "declared") == 0)
        *estimated = 0;
    else if (strcmp(q, "estimated") == 0)
        *estimated = 1;
    else
        return SY_EINPUT;
    return SY_OK;
}

const char *impact_kind_name(enum factor_kind k)
{
    switch (k) {
    case FACTOR_TRANSPORT:
        return "transport";
    case FACTOR_DISPOSAL:
        return "disposal";
    case FACTOR_VIRGIN:
        return "virgin";
    default:
        return "?";
    }
}

void impact_factors_init(struct impact_factors *f)
{
    memset(f, 0, sizeof *f);
}

void impact_factors_release(struct impact_factors *f)
{
    for (int k = 0; k < FACTOR_NKINDS; k++)
        free(f->t[k].v);
    ledger_release(&f->lt);
    memset(f, 0, sizeof *f);
}

/* Copies a field, refusing values that do not fit (a truncated id or code
 * would silently match the wrong rows). */
static int copy_field(char *dst, size_t n, const struct csv_record *r, int idx, const char *name,
                      const char *what, struct err *e)
{
    const char *s = idx >= 0 && (size_t)idx < r->n ? r->fields[idx] : "";

    if (strlen(s) >= n)
        return err_set(e, SY_EINPUT, "%s:%ld:%ld: %s is longer than %zu bytes; shorten it", name,
                       r->line, idx >= 0 ? r->cols[idx] : 1L, what, n - 1);
    memcpy(dst, s, strlen(s) + 1);
    return SY_OK;
}

static int parse_row(const struct csv_record *r, const int *map, const char *name,
                     struct factor *out, struct err *e)
{
    int rc;

    memset(out, 0, sizeof *out);
    rc = copy_field(out->id, sizeof out->id, r, map[C_ID], name, "id", e);
    if (!rc)
        rc = copy_field(out->prefix, sizeof out->prefix, r, map[C_PREFIX], name, "prefix", e);
    if (!rc)
        rc = copy_field(out->unit, sizeof out->unit, r, map[C_UNIT], name, "unit", e);
    if (!rc)
        rc = copy_field(out->basis, sizeof out->basis, r, map[C_BASIS], name, "basis", e);
    if (!rc)
        rc = copy_field(out->source, sizeof out->source, r, map[C_SOURCE], name, "source", e);
    if (!rc)
        rc = copy_field(out->version, sizeof out->version, r, map[C_VERSION], name, "version", e);
    if (rc)
        return rc;
    if (!out->id[0])
        return err_set(e, SY_EINPUT, "%s:%ld:%ld: empty id; give every factor a unique id", name,
                       r->line, r->cols[map[C_ID]]);
    if (strcmp(out->unit, "t") != 0 && strcmp(out->unit, "MWh") != 0 &&
        strcmp(out->unit, "m3") != 0)
        return err_set(e, SY_EINPUT, "%s:%ld:%ld: unit '%s' is not t, MWh or m3", name, r->line,
                       r->cols[map[C_UNIT]], out->unit);
    for (int c = C_CO2E; c <= C_EUR; c++) {
        double *v = c == C_CO2E ? &out->co2e_kg : &out->eur;
        const char *s = r->fields[map[c]];

        if (!s[0]) {
            *v = 0;
            continue;
        }
        if (csv_parse_number(s, v) || !isfinite(*v))
            return err_set(e, SY_EINPUT, "%s:%ld:%ld: %s '%s' is not a number", name, r->line,
                           r->cols[map[c]], col_names[c], s);
    }
    for (int c = C_CO2E_Q; c <= C_EUR_Q; c++) {
        int *q = c == C_CO2E_Q ? &out->co2e_estimated : &out->eur_estimated;

        if (parse_quality(r->fields[map[c]], q))
            return err_set(e, SY_EINPUT, "%s:%ld:%ld: %s '%s' is not declared or estimated", name,
                           r->line, r->cols[map[c]], col_names[c], r->fields[map[c]]);
    }
    if (map[C_FATE] >= 0 && (size_t)map[C_FATE] < r->n && r->fields[map[C_FATE]][0] &&
        fate_parse(r->fields[map[C_FATE]], &out->fate))
        return err_set(e, SY_EINPUT,
                       "%s:%ld:%ld: fate '%s' is not landfill, incineration, incineration_energy, "
                       "spreading, recovered or sewer",
                       name, r->line, r->cols[map[C_FATE]], r->fields[map[C_FATE]]);
    return SY_OK;
}

/* True if r lacks a mandatory column of the header. */
static int short_record(const struct csv_record *r, const int *map)
{
    for (int j = 0; j < C_N; j++)
        if (!optional_col(j) && (size_t)map[j] >= r->n)
            return 1;
    return 0;
}

/* Two rows for the same prefix, unit and fate. */
static int same_key(const struct factor *a, const struct factor *b)
{
    return strcmp(a->prefix, b->prefix) == 0 && strcmp(a->unit, b->unit) == 0 && a->fate == b->fate;
}

/* Adds or replaces by id or (prefix, unit, fate) in t. 0 or SY_ENOMEM. */
static int table_put(struct factor_table *t, const struct factor *row)
{
    for (size_t i = 0; i < t->n; i++) {
        if (strcmp(t->v[i].id, row->id) == 0 || same_key(&t->v[i], row)) {
            t->v[i] = *row;
            /* A row may have matched one entry by id and another by key: drop the other. */
            for (size_t j = t->n; j-- > i + 1;) {
                if (strcmp(t->v[j].id, row->id) == 0 || same_key(&t->v[j], row)) {
                    t->v[j] = t->v[--t->n];
                }
            }
            return SY_OK;
        }
    }
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        struct factor *v = realloc(t->v, cap * sizeof *v);

        if (!v)
            return SY_ENOMEM;
        t->v = v;
        t->cap = cap;
    }
    t->v[t->n++] = *row;
    return SY_OK;
}

static int table_copy(struct factor_table *dst, const struct factor_table *src)
{
    dst->n = dst->cap = 0;
    dst->v = NULL;
    if (!src->n)
        return SY_OK;
    dst->v = malloc(src->n * sizeof *dst->v);
    if (!dst->v)
        return SY_ENOMEM;
    memcpy(dst->v, src->v, src->n * sizeof *dst->v);
    dst->n = dst->cap = src->n;
    return SY_OK;
}

int impact_factors_parse(struct impact_factors *f, enum factor_kind k, const char *data, size_t len,
                         const char *name, struct err *e)
{
    struct factor_table work;
    struct csv_record r;
    struct csv *c = NULL;
    struct factor row;
    int map[C_N];
    int rc, got, header = 1;

    if (k < 0 || k >= FACTOR_NKINDS)
        return err_set(e, SY_EUSAGE, "impact_factors_parse: bad factor kind %d", (int)k);
    /* Work on a copy so that an error leaves the table as it was. */
    rc = table_copy(&work, &f->t[k]);
    if (rc)
        return err_set(e, rc, "out of memory reading %s", name);
    c = csv_new_mem(data, len, name, NULL);
    if (!c) {
        rc = err_set(e, SY_ENOMEM, "out of memory reading %s", name);
        goto out;
    }
    while ((got = csv_next(c, &r, e)) == 1) {
        if (header) {
            for (int j = 0; j < C_N; j++) {
                map[j] = -1;
                for (size_t i = 0; i < r.n; i++)
                    if (strcmp(r.fields[i], col_names[j]) == 0)
                        map[j] = (int)i;
                if (map[j] < 0 && !optional_col(j)) {
                    rc = err_set(e, SY_EINPUT,
                                 "%s:%ld:1: no '%s' column; the header needs id, prefix, unit, "
                                 "co2e_kg, eur, source, version, co2e_quality, eur_quality",
                                 name, r.line, col_names[j]);
                    goto out;
                }
            }
            header = 0;
            continue;
        }
        if (r.n == 1 && r.fields[0][0] == '#')
            continue; /* a comment line */
        if (short_record(&r, map)) {
            rc = err_set(e, SY_EINPUT, "%s:%ld:1: %zu fields, fewer than the header's", name,
                         r.line, r.n);
            goto out;
        }
        rc = parse_row(&r, map, name, &row, e);
        if (rc)
            goto out;
        if (table_put(&work, &row)) {
            rc = err_set(e, SY_ENOMEM, "out of memory reading %s", name);
            goto out;
        }
    }
    if (got < 0) {
        rc = got;
        goto out;
    }
    if (header) {
        rc = err_set(e, SY_EINPUT, "%s: empty file; a factor file needs a header row", name);
        goto out;
    }
    free(f->t[k].v);
    f->t[k] = work;
    work.v = NULL;
out:
    free(work.v);
    csv_free(c);
    return rc;
}

const struct factor *impact_disposal_find(const struct impact_factors *f, const char *code,
                                          const char *unit, enum fate fate)
{
    const struct factor *best = NULL;
    size_t best_len = 0;

    if (fate == FATE_NONE || fate == FATE_UNKNOWN || fate == FATE_RUNNING)
        fate = FATE_LANDFILL;
    for (size_t i = 0; code && i < f->t[FACTOR_DISPOSAL].n; i++) {
        const struct factor *r = &f->t[FACTOR_DISPOSAL].v[i];
        size_t n = strlen(r->prefix);

        if (strcmp(r->unit, unit) != 0 || !ledger_prefix_match(r->prefix, code) ||
            (r->fate != FATE_NONE && r->fate != fate))
            continue;
        if (!best || n > best_len || (n == best_len && r->fate == fate && best->fate != fate)) {
            best = r;
            best_len = n;
        }
    }
    return best;
}

const struct factor *impact_factor_find(const struct impact_factors *f, enum factor_kind k,
                                        const char *code, const char *unit)
{
    const struct factor *best = NULL;
    size_t best_len = 0;

    if (k == FACTOR_DISPOSAL)
        return impact_disposal_find(f, code, unit, FATE_LANDFILL);
    if (k < 0 || k >= FACTOR_NKINDS || !code)
        return NULL;
    for (size_t i = 0; i < f->t[k].n; i++) {
        const struct factor *r = &f->t[k].v[i];
        size_t n = strlen(r->prefix);

        if (strcmp(r->unit, unit) != 0 || !ledger_prefix_match(r->prefix, code))
            continue;
        if (!best || n > best_len) {
            best = r;
            best_len = n;
        }
    }
    return best;
}

/* Appends "kind: id co2e kg CO2e/u, eur EUR/u (source, version, quality)" to out. */
static void add_source(char *out, size_t cap, const char *kind, const struct factor *r,
                       const char *per)
{
    size_t len = strlen(out);

    if (len >= cap - 1)
        return;
    if (!r)
        snprintf(out + len, cap - len, "%s%s: none", len ? "; " : "", kind);
    else
        snprintf(out + len, cap - len, "%s%s: %s %.6g kg CO2e/%s [%s], %.6g EUR/%s [%s] (%s, %s)",
                 len ? "; " : "", kind, r->id, r->co2e_kg, per,
                 r->co2e_estimated ? "estimated" : "declared", r->eur, per,
                 r->eur_estimated ? "estimated" : "declared", r->source, r->version);
}

void impact_compute(const struct impact_factors *f, const char *supply_code,
                    const char *demand_code, enum canon_unit unit, double qty, double dist_km,
                    int qty_estimated, struct impact_line *out)
{
    impact_compute_ex(f, supply_code, demand_code, unit, qty, dist_km, qty_estimated, NULL, out);
}

/* Appends printf-style text to out, "; "-separated. */
static void add_note(char *out, size_t cap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void add_note(char *out, size_t cap, const char *fmt, ...)
{
    size_t len = strlen(out);
    va_list ap;

    if (len + 3 >= cap)
        return;
    if (len) {
        memcpy(out + len, "; ", 3);
        len += 2;
    }
    va_start(ap, fmt);
    vsnprintf(out + len, cap - len, fmt, ap);
    va_end(ap);
}

/* Heat pump and turbine: the electricity the heat costs, into out. */
static void heat_energy(const struct ledger_tables *lt, const char *supply_code,
                        const char *demand_code, double qty, const struct impact_opts *o,
                        struct impact_line *out)
{
    double grid = ledger_param(lt, "grid.co2e_kg_mwh", NAN);
    double price = ledger_param(lt, "grid.eur_mwh", NAN);
    double ts = o && isfinite(o->supply_temp_c) ? o->supply_temp_c
                                                : ledger_code_param(lt, "temp.", supply_code);
    double tn = o && isfinite(o->need_temp_c) ? o->need_temp_c
                                              : ledger_code_param(lt, "temp.", demand_code);
    double elec = 0;

    if (!isfinite(grid) || !isfinite(price))
        return;
    if (isfinite(ts) && isfinite(tn) && tn > ts + 0.5) {
        double eta = ledger_param(lt, "heat_pump.carnot_efficiency", 0.5);
        double cmax = ledger_param(lt, "heat_pump.cop_max", 6);
        double lift_max = ledger_param(lt, "heat_pump.lift_max_k", 80);
        double cop = eta * (tn + 273.15) / (tn - ts);

        if (cop > cmax)
            cop = cmax;
        if (cop < 1)
            cop = 1;
        out->cop = cop;
        out->heat_pump_mwh = qty / cop;
        elec += out->heat_pump_mwh;
        add_note(out->sources, sizeof out->sources,
                 "heat pump: supply %.0f °C, need %.0f °C, COP %.2f, %.6g MWh of electricity", ts,
                 tn, cop, out->heat_pump_mwh);
        if (tn - ts > lift_max)
            add_note(out->flags, sizeof out->flags,
                     "a lift of %.0f K is beyond a heat pump's %.0f K: check the temperatures",
                     tn - ts, lift_max);
    }
    if (o && o->turbine) {
        double ratio = ledger_code_param(lt, "turbine.", supply_code);

        if (isfinite(ratio) && ratio > 0) {
            out->turbine_mwh = qty * ratio;
            elec += out->turbine_mwh;
            add_note(out->sources, sizeof out->sources,
                     "turbine extraction: %.3g MWh of electricity lost per MWh, %.6g MWh", ratio,
                     out->turbine_mwh);
        }
    }
    if (elec > 0) {
        out->energy_co2e_kg = elec * grid;
        out->energy_eur = elec * price;
        add_note(out->sources, sizeof out->sources,
                 "electricity: %.6g kg CO2e/MWh, %.6g EUR/MWh (params.csv)", grid, price);
    }
}

/* Range, net and plausibility from the family of the resource. */
static void net_and_bounds(const struct ledger_tables *lt, const char *supply_code,
                           const char *demand_code, const char *u, double qty,
                           struct impact_line *out)
{
    const struct family *fam = ledger_family(lt, demand_code, u);
    double lo = 1, hi = 1, a, b;

    if (!fam)
        fam = ledger_family(lt, supply_code, u);
    out->family = fam;
    if (fam) {
        out->costs_eur = qty * (fam->price_eur + fam->invest_eur + fam->opex_eur);
        lo = fam->low;
        hi = fam->high;
        add_note(out->sources, sizeof out->sources,
                 "family %s: price paid %.6g, investment %.6g, opex %.6g EUR/%s, range x%.2g-x%.2g",
                 fam->id, fam->price_eur, fam->invest_eur, fam->opex_eur, u, lo, hi);
    }
    out->co2e_kg = out->gross_co2e_kg;
    out->eur = out->gross_eur - out->costs_eur;
    a = out->gross_co2e_kg * lo;
    b = out->gross_co2e_kg * hi;
    out->co2e_low = a < b ? a : b;
    out->co2e_high = a < b ? b : a;
    a = out->gross_eur * lo - out->costs_eur;
    b = out->gross_eur * hi - out->costs_eur;
    out->eur_low = a < b ? a : b;
    out->eur_high = a < b ? b : a;
    if (fam && qty > 0) {
        double c = out->co2e_kg / qty, eu = out->eur / qty;

        if (c < fam->co2e_min || c > fam->co2e_max)
            add_note(out->flags, sizeof out->flags,
                     "%.4g kg CO2e/%s is outside the %.4g to %.4g plausible for %s", c, u,
                     fam->co2e_min, fam->co2e_max, fam->id);
        if (eu < fam->eur_min || eu > fam->eur_max)
            add_note(out->flags, sizeof out->flags,
                     "%.4g EUR/%s is outside the %.4g to %.4g plausible for %s", eu, u,
                     fam->eur_min, fam->eur_max, fam->id);
    }
}

void impact_compute_ex(const struct impact_factors *f, const char *supply_code,
                       const char *demand_code, enum canon_unit unit, double qty, double dist_km,
                       int qty_estimated, const struct impact_opts *o, struct impact_line *out)
{
    const char *u = model_unit_name(unit);
    double density = 1.0; /* t per unit of the transport factor's unit */
    enum fate fate = o ? o->fate : FATE_NONE;
    int recovered;
    char per[24];

    memset(out, 0, sizeof *out);
    out->qty = qty;
    out->estimated = qty_estimated ? 1 : 0;
    out->eur_estimated = out->estimated;
    out->running = (o && o->running) || fate == FATE_RUNNING;
    if (!demand_code || !demand_code[0])
        demand_code = supply_code;
    if (unit != UNIT_T && unit != UNIT_MWH && unit != UNIT_M3) {
        out->estimated = out->eur_estimated = 1;
        snprintf(out->sources, sizeof out->sources, "no factors for unit %s: not valued", u);
        return;
    }
    /* The fate: declared, else the French default of the code, else landfill. */
    if (fate == FATE_NONE || fate == FATE_UNKNOWN || fate == FATE_RUNNING)
        fate = ledger_default_fate(&f->lt, supply_code);
    if (fate == FATE_NONE || fate == FATE_UNKNOWN)
        fate = FATE_LANDFILL;
    out->fate = fate;
    recovered = fate == FATE_RECOVERED;
    out->disposal = recovered ? NULL : impact_disposal_find(f, supply_code, u, fate);
    out->virgin = impact_factor_find(f, FACTOR_VIRGIN, demand_code, u);
    if (!out->virgin)
        out->virgin = impact_factor_find(f, FACTOR_VIRGIN, supply_code, u);
    out->transport = impact_factor_find(f, FACTOR_TRANSPORT, supply_code, u);
    if (!out->transport && unit == UNIT_M3) {
        /* Road transport of a liquid or sludge counted at 1 t per m3. */
        out->transport = impact_factor_find(f, FACTOR_TRANSPORT, supply_code, "t");
        density = 1.0;
    }
    if (unit == UNIT_T)
        out->tonnes = qty;
    if (out->disposal) {
        out->disposal_co2e_kg = qty * out->disposal->co2e_kg;
        out->disposal_eur = qty * out->disposal->eur;
    }
    if (out->virgin) {
        out->virgin_co2e_kg = qty * out->virgin->co2e_kg;
        out->virgin_eur = qty * out->virgin->eur;
    }
    if (out->transport) {
        double uk = qty * density * (dist_km > 0 ? dist_km : 0);

        out->transport_co2e_kg = uk * out->transport->co2e_kg;
        out->transport_eur = uk * out->transport->eur;
    }
    if (!(recovered || out->disposal) || !out->virgin || !out->transport ||
        (out->disposal && out->disposal->co2e_estimated) || out->virgin->co2e_estimated ||
        out->transport->co2e_estimated)
        out->estimated = 1;
    if (!(recovered || out->disposal) || !out->virgin || !out->transport ||
        (out->disposal && out->disposal->eur_estimated) || out->virgin->eur_estimated ||
        out->transport->eur_estimated)
        out->eur_estimated = 1;
    snprintf(per, sizeof per, "%s", u);
    if (recovered)
        add_note(out->sources, sizeof out->sources,
                 "disposal: none, the supply is already recovered (fate recovered)");
    else
        add_source(out->sources, sizeof out->sources, "disposal", out->disposal, per);
    add_source(out->sources, sizeof out->sources, "virgin", out->virgin, per);
    snprintf(per, sizeof per, "%s.km",
             out->transport && strcmp(out->transport->unit, u) != 0 ? "t" : u);
    add_source(out->sources, sizeof out->sources, "transport", out->transport, per);
    add_note(out->sources, sizeof out->sources, "fate: %s%s", fate_name(fate),
             o && o->fate != FATE_NONE && o->fate != FATE_UNKNOWN && o->fate != FATE_RUNNING
                 ? " (declared)"
                 : " (default)");
    if (unit == UNIT_MWH && (strncmp(supply_code, "energy.heat", 11) == 0 ||
                             strncmp(supply_code, "energy.steam", 12) == 0))
        heat_energy(&f->lt, supply_code, demand_code, qty, o, out);
    out->gross_co2e_kg =
        out->disposal_co2e_kg + out->virgin_co2e_kg - out->transport_co2e_kg - out->energy_co2e_kg;
    out->gross_eur = out->disposal_eur + out->virgin_eur - out->transport_eur - out->energy_eur;
    net_and_bounds(&f->lt, supply_code, demand_code, u, qty, out);
    if (out->running)
        add_note(out->sources, sizeof out->sources,
                 "an exchange that already runs: reported, not counted as a new saving");
}
