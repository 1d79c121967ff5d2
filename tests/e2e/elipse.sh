#!/bin/sh
# elipse.sh - the ELIPSE self-evaluation end to end: the indicator list
# (29 indicators, 19 required, three axes), set/show round trip, replacement,
# computed indicators filled from the database and refused to 'set', bad
# values and unknown codes refused with the indicator named (exit 2), the
# year-by-year values and the radar in the report.
. "$(dirname "$0")/lib.sh"
export SYMBIOSE_KB="$TOP/data"
DB=$SCRATCH/elipse.db
S="$SYMBIOSE --db $DB"
EX=$TOP/examples/zone-portuaire

test_expect_success 'the indicator list: 29 indicators, 19 required, three axes, a source each' '
    python3 - $TOP/data/elipse/indicators.csv <<-\PY
	import csv, sys
	rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
	assert len(rows) == 29, len(rows)
	assert sum(r["required"] == "1" for r in rows) == 19
	assert {r["axis"] for r in rows} == {"governance", "economic_model", "activities"}
	assert all(r["source"] and r["published_definition"] in ("found", "not found") for r in rows)
	assert len({r["code"] for r in rows}) == 29
	PY
'

test_expect_success 'setup' '
    $S -q init >/dev/null &&
    $S -q import territories $EX/territory.csv &&
    $S -q import actors $EX/actors.csv --no-warnings &&
    $S -q import flows $EX/flows.csv --no-warnings
'

test_expect_success 'set then show: the value comes back, entered, with who and why' '
    $S -q elipse set --territory zp --year 2025 G03 "1,5" --by "A. Martin" --note "1 FTE + interns" &&
    $S -q elipse show --territory zp --year 2025 --format csv >s.csv &&
    python3 - s.csv <<-\PY
	import csv, sys
	r = {x["code"]: x for x in csv.DictReader(open(sys.argv[1], encoding="utf-8"))}
	assert len(r) == 29
	g = r["G03"]
	assert float(g["value"]) == 1.5 and g["basis"] == "entered", g
	assert "A. Martin" in g["source"] and "1 FTE + interns" in g["source"], g
	assert r["G01"]["basis"] == "missing" and r["G01"]["value"] == ""
	PY
'

test_expect_success 'set again replaces; another year is kept apart' '
    $S -q elipse set --territory zp --year 2025 G03 2 &&
    $S -q elipse set --territory zp --year 2026 G03 3 &&
    $S -q elipse show --territory zp --year 2025 --format json >s.json &&
    python3 -c "import json; r={x[\"code\"]: x for x in json.load(open(\"s.json\"))}; assert r[\"G03\"][\"value\"] == 2, r[\"G03\"]" &&
    test "$(sqlite3 $DB "SELECT count(*) FROM elipse_value WHERE indicator = '\''G03'\''")" = 2
'

test_expect_success 'computed indicators come from the database and cannot be set' '
    $S -q elipse show --territory zp --year 2026 --format csv >c.csv &&
    flows=$(sqlite3 $DB "SELECT count(*) FROM flow") &&
    python3 - c.csv "$flows" <<-\PY &&
	import csv, sys
	r = {x["code"]: x for x in csv.DictReader(open(sys.argv[1], encoding="utf-8"))}
	assert r["A03"]["basis"] == "computed" and int(float(r["A03"]["value"])) == int(sys.argv[2]), r["A03"]
	assert r["G02"]["value"] == "1" and "Port autonome" in r["G02"]["source"]
	PY
    expect_status 2 $S elipse set --territory zp --year 2026 A03 12 2>e &&
    grep -q "A03 .* is computed from the database" e
'

test_expect_success 'bad input: unknown code, bad values, territory, year, arguments' '
    expect_status 2 $S elipse set --territory zp --year 2026 Z99 1 2>e1 &&
    grep -q "unknown ELIPSE indicator .Z99." e1 &&
    expect_status 2 $S elipse set --territory zp --year 2026 G01 7 2>e2 &&
    grep -q "G01 is a score: a whole number from 0 to 4" e2 &&
    expect_status 2 $S elipse set --territory zp --year 2026 E02 120 2>e3 && grep -q "percentage" e3 &&
    expect_status 2 $S elipse set --territory zp --year 2026 G10 maybe 2>e4 && grep -q "yes or no" e4 &&
    expect_status 2 $S elipse set --territory zp --year 2026 E01 -5 2>e5 &&
    expect_status 2 $S elipse set --territory nope --year 2026 G01 2 2>e6 && grep -q "no territory .nope." e6 &&
    expect_status 1 $S elipse set --territory zp --year 1700 G01 2 2>e7 && grep -q "1990" e7 &&
    expect_status 1 $S elipse set --territory zp G01 2>e8 && grep -q "indicator and its value" e8 &&
    expect_status 1 $S elipse show 2>e9 && grep -q "territory" e9 &&
    expect_status 1 $S elipse frobnicate 2>e10 &&
    test "$(sqlite3 $DB "SELECT count(*) FROM elipse_value")" = 2
'

test_expect_success 'the report follows ELIPSE year by year and draws the radar' '
    $S -q elipse set --territory zp --year 2024 G01 1 &&
    $S -q elipse set --territory zp --year 2026 G01 3 &&
    $S -q report --territory zp --year 2026 --format json -o r.json &&
    python3 - r.json <<-\PY &&
	import json, sys
	j = json.load(open(sys.argv[1]))
	g = {e["code"]: e for e in j["elipse"]}
	assert g["G01"]["years"]["2024"] == {"value": 1, "basis": "entered"}, g["G01"]
	assert g["G01"]["years"]["2026"]["value"] == 3
	assert g["G03"]["years"]["2025"]["value"] == 2
	assert g["G01"]["required"] is True and g["G01"]["scale_max"] == 4
	f = {x["key"]: x for x in j["figures"]}
	assert f["elipse.G01"]["value"] == 3 and f["elipse.G01"]["basis"] == "entered"
	PY
    $S -q report --territory zp --year 2026 -o r.html &&
    grep -q "ELIPSE self-evaluation, zp" r.html && grep -q "<polygon" r.html &&
    grep -q "<th>2024</th>" r.html
'

test_done
