/*
 * sqlite_schema.c - the SQLite schema as numbered migrations.
 *
 * Never edit a migration that has shipped: append a new one. Migration i
 * (0-based) brings PRAGMA user_version from i to i+1, inside a transaction.
 * Value checks on flows (direction, confidentiality...) are the importer's
 * job: CHECK (x IN (...)) constraints cost a temporary b-tree per row, which
 * made bulk imports 12 % slower (bench/import). For the same reason flows
 * have no index on actor_id: a second b-tree written at random positions
 * cost a third of an import; listing one actor's flows scans the table.
 */
#include "store/sqlite_int.h"

const char *const sq_migrations[] = {
    /* 1: foundation */
    "CREATE TABLE territory ("
    "  code TEXT PRIMARY KEY NOT NULL,"
    "  name TEXT NOT NULL,"
    "  region TEXT NOT NULL DEFAULT '',"
    "  structure TEXT NOT NULL DEFAULT '',"
    "  programme TEXT NOT NULL DEFAULT '');"
    "CREATE TABLE actor ("
    "  id TEXT PRIMARY KEY NOT NULL,"
    "  name TEXT NOT NULL,"
    "  siret TEXT CHECK (siret IS NULL OR length(siret) = 14),"
    "  naf TEXT,"
    "  kind TEXT NOT NULL CHECK (kind IN ('company','public','association')),"
    "  workforce TEXT,"
    "  address TEXT,"
    "  commune TEXT,"
    "  lat REAL CHECK (lat IS NULL OR lat BETWEEN -90 AND 90),"
    "  lon REAL CHECK (lon IS NULL OR lon BETWEEN -180 AND 180),"
    "  territory TEXT REFERENCES territory(code),"
    "  licensed_hazardous INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX actor_territory ON actor(territory);"
    "CREATE TABLE contact ("
    "  id INTEGER PRIMARY KEY,"
    "  actor_id TEXT NOT NULL REFERENCES actor(id) ON DELETE CASCADE,"
    "  name TEXT NOT NULL,"
    "  role TEXT, email TEXT, phone TEXT,"
    "  UNIQUE (actor_id, name));"
    "CREATE TABLE flow ("
    "  id TEXT PRIMARY KEY NOT NULL,"
    "  actor_id TEXT NOT NULL REFERENCES actor(id) ON DELETE CASCADE,"
    "  direction TEXT NOT NULL,"
    "  code TEXT NOT NULL,"
    "  code_kind TEXT NOT NULL,"
    "  description TEXT,"
    "  quantity REAL CHECK (quantity IS NULL OR quantity >= 0),"
    "  unit TEXT,"
    "  qty_canon REAL,"
    "  canon_unit TEXT,"
    "  qty_year REAL,"
    "  period TEXT NOT NULL,"
    "  months INTEGER NOT NULL DEFAULT 4095,"
    "  state TEXT,"
    "  temperature_c REAL,"
    "  hazardous INTEGER NOT NULL DEFAULT 0,"
    "  confidentiality TEXT NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE nomenclature ("
    "  kind TEXT NOT NULL,"
    "  code TEXT NOT NULL,"
    "  level TEXT,"
    "  parent TEXT,"
    "  label_en TEXT,"
    "  label_fr TEXT,"
    "  hazardous INTEGER NOT NULL DEFAULT 0,"
    "  PRIMARY KEY (kind, code));"
    "CREATE VIRTUAL TABLE nomenclature_fts USING fts5("
    "  code, label_fr, label_en, content='nomenclature', content_rowid='rowid',"
    "  tokenize='unicode61 remove_diacritics 2');"
    "CREATE TABLE candidate ("
    "  territory TEXT NOT NULL,"
    "  key TEXT NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  group_id TEXT,"
    "  supplier_id TEXT, supplier_name TEXT,"
    "  receiver_id TEXT, receiver_name TEXT,"
    "  resource_code TEXT, resource_label TEXT,"
    "  distance_km REAL, quantity REAL, unit TEXT, score REAL,"
    "  basis TEXT, rule TEXT, lat REAL, lon REAL, explanation TEXT,"
    "  fingerprint TEXT,"
    "  status TEXT NOT NULL DEFAULT 'proposed'"
    "    CHECK (status IN ('proposed','accepted','rejected')),"
    "  reason TEXT,"
    "  decided_fingerprint TEXT,"
    "  active INTEGER NOT NULL DEFAULT 1,"
    "  PRIMARY KEY (territory, key));"
    "CREATE TABLE plan ("
    "  id INTEGER PRIMARY KEY,"
    "  territory TEXT NOT NULL,"
    "  objective TEXT NOT NULL,"
    "  created TEXT NOT NULL,"
    "  tonnes REAL, co2e_kg REAL, euros REAL, untreated_qty REAL);"
    "CREATE TABLE plan_line ("
    "  plan_id INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,"
    "  candidate_key TEXT, supplier_id TEXT, receiver_id TEXT, resource_code TEXT,"
    "  quantity REAL, unit TEXT, distance_km REAL,"
    "  tonnes REAL, co2e_kg REAL, euros REAL, sources TEXT, quality TEXT);"
    "CREATE INDEX plan_line_plan ON plan_line(plan_id);",
    /* ELIPSE values entered by facilitators (store_report.h) */
    "CREATE TABLE elipse_value ("
    "  territory TEXT NOT NULL REFERENCES territory(code) ON DELETE CASCADE,"
    "  year INTEGER NOT NULL,"
    "  indicator TEXT NOT NULL,"
    "  value REAL NOT NULL,"
    "  by TEXT, at TEXT NOT NULL, note TEXT,"
    "  PRIMARY KEY (territory, year, indicator)) WITHOUT ROWID;",
    /* 3: the actor's archetype within its NACE class (data/archetypes.csv), and local
     * knowledge: a territory's own routes, profile rows and factors over the shipped files */
    "ALTER TABLE actor ADD COLUMN archetype TEXT;"
    "CREATE TABLE local_knowledge ("
    "  territory TEXT NOT NULL REFERENCES territory(code) ON DELETE CASCADE,"
    "  kind TEXT NOT NULL CHECK (kind IN ('route', 'profile', 'factor')),"
    "  key TEXT NOT NULL,"
    "  row TEXT NOT NULL,"
    "  updated TEXT NOT NULL,"
    "  PRIMARY KEY (territory, kind, key));",
    /* 4: the declared current fate of a flow (impact ledger) */
    "ALTER TABLE flow ADD COLUMN fate TEXT NOT NULL DEFAULT '';",
    /* 5: gross and net figures, ranges, status and plausibility flags of plan lines */
    "ALTER TABLE plan_line ADD COLUMN gross_co2e_kg REAL;"
    "ALTER TABLE plan_line ADD COLUMN gross_euros REAL;"
    "ALTER TABLE plan_line ADD COLUMN co2e_low REAL;"
    "ALTER TABLE plan_line ADD COLUMN co2e_high REAL;"
    "ALTER TABLE plan_line ADD COLUMN euros_low REAL;"
    "ALTER TABLE plan_line ADD COLUMN euros_high REAL;"
    "ALTER TABLE plan_line ADD COLUMN status TEXT;"
    "ALTER TABLE plan_line ADD COLUMN flags TEXT;",
};

const int sq_nmigrations = (int)(sizeof sq_migrations / sizeof sq_migrations[0]);
