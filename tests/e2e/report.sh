#!/bin/sh
# report.sh - symbiose report end to end: two territories (zone-portuaire and
# kalundborg) loaded, matched, one candidate accepted, planned; then every
# format is produced and read back by an independent reader and compared with
# what the database holds (sqlite3): csv and json parsed, html checked to be
# self-contained, xlsx opened with Python's zipfile, geojson validated with
# @placemarkio/check-geojson; the network report sums its territories; bad
# input gives located errors and the documented exit statuses.
. "$(dirname "$0")/lib.sh"
export SYMBIOSE_KB="$TOP/data"
DB=$SCRATCH/report.db
S="$SYMBIOSE --db $DB"
Y=$(date -u +%Y)
XLSX_READ=$TOP/tests/tools/xlsx_read.py
CHECK_GJ=$TOP/tests/tools/check_geojson.js

test_expect_success 'setup: two territories, matched, one candidate accepted, planned' '
    $S -q init >/dev/null &&
    for ex in zone-portuaire kalundborg; do
        $S -q import territories $TOP/examples/$ex/territory.csv &&
        $S -q import actors $TOP/examples/$ex/actors.csv --no-warnings &&
        $S -q import flows $TOP/examples/$ex/flows.csv --no-warnings || return 1
    done &&
    $S -q match --territory zp >/dev/null &&
    $S -q match --territory kalundborg >/dev/null &&
    key=$(sqlite3 "$DB" "SELECT key FROM candidate WHERE territory = '\''kalundborg'\'' AND kind = '\''substitution'\'' ORDER BY score DESC LIMIT 1") &&
    test -n "$key" &&
    $S -q match decide "$key" accept &&
    $S -q plan --territory zp >/dev/null &&
    $S -q plan --territory kalundborg >/dev/null
'

# db SQL: one value from the database, read with the sqlite3 shell (not symbiose).
db() {
    sqlite3 "$DB" "$1"
}

test_expect_success 'csv: figures equal what the database holds, each with basis and source' '
    $S -q report --territory zp --year $Y --format csv >r.csv &&
    actors=$(db "SELECT count(*) FROM actor WHERE territory = '\''zp'\''") &&
    flows=$(db "SELECT count(*) FROM flow f JOIN actor a ON a.id = f.actor_id WHERE a.territory = '\''zp'\''") &&
    cands=$(db "SELECT count(*) FROM candidate WHERE territory = '\''zp'\'' AND active = 1") &&
    plan=$(db "SELECT max(id) FROM plan WHERE territory = '\''zp'\''") &&
    tonnes=$(db "SELECT sum(tonnes) FROM plan_line WHERE plan_id = $plan") &&
    euros=$(db "SELECT sum(euros) FROM plan_line WHERE plan_id = $plan") &&
    lines=$(db "SELECT count(*) FROM plan_line WHERE plan_id = $plan") &&
    python3 - r.csv "$actors" "$flows" "$cands" "$tonnes" "$euros" "$lines" "$plan" <<-\PY
	import csv, sys
	rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
	f = {r["key"]: r for r in rows if r["scope"] == "zp"}
	actors, flows, cands, tonnes, euros, lines, plan = sys.argv[2:9]
	assert int(f["actors.count"]["value"]) == int(actors), (f["actors.count"], actors)
	assert int(f["flows.count"]["value"]) == int(flows)
	k = sum(int(f["candidates." + s]["value"]) for s in ("proposed", "accepted", "rejected"))
	assert k == int(cands) and k > 0, (k, cands)
	assert abs(float(f["impact.tonnes"]["value"]) - float(tonnes)) < 0.01, (f["impact.tonnes"], tonnes)
	assert abs(float(f["impact.euros"]["value"]) - float(euros)) < 0.01
	assert int(f["impact.synergies"]["value"]) == int(lines)
	assert "plan %s of" % plan in f["impact.tonnes"]["source"], f["impact.tonnes"]["source"]
	assert "DESNZ/DEFRA" in f["impact.co2e_kg"]["source"]
	d, e = float(f["impact.tonnes.declared"]["value"]), float(f["impact.tonnes.estimated"]["value"])
	assert abs(d + e - float(tonnes)) < 0.01
	assert f["impact.tonnes.declared"]["basis"] == "declared"
	assert f["impact.tonnes.estimated"]["basis"] == "estimated"
	for r in rows:
	    assert r["basis"] in ("counted", "declared", "estimated", "entered", "computed", "none"), r
	    assert r["source"].strip(), r
	    assert "e+" not in r["value"], r
	PY
'

test_expect_success 'json: the same figures, and the tables of the database' '
    $S -q report --territory zp --year $Y --format json -o r.json &&
    $S -q report --territory zp --year $Y --format csv -o r.csv &&
    plan=$(db "SELECT max(id) FROM plan WHERE territory = '\''zp'\''") &&
    lines=$(db "SELECT count(*) FROM plan_line WHERE plan_id = $plan") &&
    actors=$(db "SELECT count(*) FROM actor WHERE territory = '\''zp'\''") &&
    python3 - r.json r.csv "$lines" "$actors" <<-\PY
	import csv, json, sys
	j = json.load(open(sys.argv[1], encoding="utf-8"))
	c = list(csv.DictReader(open(sys.argv[2], encoding="utf-8")))
	assert j["scope"] == "territory" and j["year"] > 2000
	assert len(j["figures"]) == len(c)
	for a, b in zip(j["figures"], c):
	    assert a["key"] == b["key"] and a["source"] == b["source"] and a["basis"] == b["basis"]
	    assert abs(float(a["value"]) - float(b["value"])) < 0.001, (a, b)
	assert len(j["tables"]["synergies"]["rows"]) == int(sys.argv[3])
	assert len(j["tables"]["actors"]["rows"]) == int(sys.argv[4])
	syn = j["tables"]["synergies"]["rows"][0]
	assert isinstance(syn["tonnes"], (int, float)) and syn["sources"], syn
	assert [e["code"] for e in j["elipse"]][:2] == ["G01", "G02"]
	PY
'

test_expect_success 'html: one self-contained page with charts, map, radar and print CSS' '
    $S -q report --territory zp --year $Y -o r.html &&
    ! grep -Ei "https?://" r.html &&
    ! grep -Ei "<script|<link|<img|<iframe|@import|url\(" r.html &&
    ! grep -Ei " (src|href)=" r.html &&
    grep -q "@media print" r.html && grep -q "page-break-before" r.html &&
    test "$(grep -c "<svg" r.html)" -ge 4 &&
    grep -q "<title>Actors and synergies</title>" r.html &&
    grep -q "ELIPSE self-evaluation, zp" r.html &&
    actors=$(db "SELECT count(*) FROM actor WHERE territory = '\''zp'\''") &&
    grep -q "<td>actors</td><td class=\"n\"[^>]*>$actors <span class=\"basis\">counted" r.html &&
    python3 -c "import html.parser,sys; p=html.parser.HTMLParser(); p.feed(open(\"r.html\").read()); p.close()"
'

test_expect_success 'xlsx: one sheet per table, typed cells, frozen headers, read back' '
    $S -q report --territory zp --year $Y --format xlsx -o r.xlsx &&
    python3 $XLSX_READ r.xlsx >x.json &&
    actors=$(db "SELECT count(*) FROM actor WHERE territory = '\''zp'\''") &&
    plan=$(db "SELECT max(id) FROM plan WHERE territory = '\''zp'\''") &&
    euros=$(db "SELECT sum(euros) FROM plan_line WHERE plan_id = $plan") &&
    pdate=$(db "SELECT substr(created, 1, 10) FROM plan WHERE id = $plan") &&
    python3 - x.json "$actors" "$euros" "$pdate" <<-\PY
	import json, sys
	wb = json.load(open(sys.argv[1]))
	sh = {s["name"]: s for s in wb["sheets"]}
	assert set(sh) >= {"figures", "territories", "actors", "synergies", "candidates", "elipse"}, sh.keys()
	for s in sh.values():
	    assert s["frozen_rows"] == 1, s["name"]
	    assert len(s["widths"]) == len(s["rows"][0]) and min(s["widths"]) > 4, s["name"]
	    assert all(c["t"] == "s" for c in s["rows"][0])
	fig = sh["figures"]["rows"]
	head = [c["v"] for c in fig[0]]
	vals = {r[head.index("key")]["v"]: r[head.index("value")] for r in fig[1:]}
	assert vals["actors.count"] == {"t": "n", "v": float(sys.argv[2])}, vals["actors.count"]
	assert abs(vals["impact.euros"]["v"] - float(sys.argv[3])) < 0.01
	assert len(sh["actors"]["rows"]) == int(sys.argv[2]) + 1
	syn = sh["synergies"]["rows"]
	h = [c["v"] for c in syn[0]]
	assert syn[1][h.index("plan_date")] == {"t": "d", "v": sys.argv[4]}, syn[1][h.index("plan_date")]
	assert syn[1][h.index("tonnes")]["t"] == "n"
	PY
'

test_expect_success 'geojson: valid (check-geojson), actors and synergies as stored' '
    $S -q report --territory zp --year $Y --format geojson -o r.geojson &&
    node $CHECK_GJ r.geojson &&
    placed=$(db "SELECT count(*) FROM actor WHERE territory = '\''zp'\'' AND lat IS NOT NULL") &&
    python3 - r.geojson "$placed" <<-\PY
	import json, sys
	g = json.load(open(sys.argv[1]))
	pts = [f for f in g["features"] if f["geometry"]["type"] == "Point"]
	lines = [f for f in g["features"] if f["geometry"]["type"] == "LineString"]
	assert len(pts) == int(sys.argv[2]), (len(pts), sys.argv[2])
	assert lines and all(l["properties"]["basis"] in ("declared", "estimated") for l in lines)
	assert all(l["properties"]["source"].startswith("plan ") for l in lines)
	for p in pts:
	    lon, lat = p["geometry"]["coordinates"]
	    assert 5 < lon < 9 and 47 < lat < 50, p
	PY
'

test_expect_success 'geojson checker fails on a bad file (the check can fail)' '
    printf "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[7]},\"properties\":{}}]}" >bad.geojson &&
    ! node $CHECK_GJ bad.geojson 2>err && grep -q "position" err
'

test_expect_success 'network: every territory and their sum' '
    $S -q report --network --year $Y --format csv >n.csv &&
    all=$(db "SELECT count(*) FROM actor WHERE territory IN ('\''zp'\'', '\''kalundborg'\'')") &&
    python3 - n.csv "$all" <<-\PY
	import csv, sys
	rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
	by = {}
	for r in rows:
	    by.setdefault(r["key"], {})[r["scope"]] = r
	a = by["actors.count"]
	assert set(a) == {"zp", "kalundborg", "network"}, a.keys()
	assert int(a["network"]["value"]) == int(sys.argv[2])
	for k in ("impact.tonnes", "impact.euros", "candidates.accepted"):
	    s = float(by[k]["zp"]["value"]) + float(by[k]["kalundborg"]["value"])
	    assert abs(float(by[k]["network"]["value"]) - s) < 0.01, k
	assert int(by["candidates.accepted"]["network"]["value"]) == 1
	assert "sum of the 2 territories" in by["impact.tonnes"]["network"]["source"]
	PY
'

test_expect_success 'network html and xlsx name both territories' '
    $S -q report --network --year $Y -o n.html &&
    grep -q "<th>kalundborg</th>" n.html && grep -q "<th>network</th>" n.html &&
    grep -q "CO2e avoided by territory" n.html && ! grep -Ei "https?://" n.html &&
    $S -q report --network --year $Y --format xlsx >n.xlsx &&
    python3 $XLSX_READ n.xlsx >n.json &&
    grep -q "\"v\": \"kalundborg\"" n.json
'

test_expect_success 'bad input: usage errors exit 1, unknown territory 2, unwritable file 3' '
    expect_status 1 $S report --year $Y 2>e1 && grep -q "territory CODE or --network" e1 &&
    expect_status 1 $S report --territory zp --network 2>e1 &&
    expect_status 1 $S report --territory zp --format pdf 2>e2 && grep -q "pdf" e2 &&
    expect_status 1 $S report --territory zp --year 19x 2>e3 && grep -q "year" e3 &&
    expect_status 1 $S report --territory zp --bogus 2>e4 &&
    expect_status 2 $S report --territory nope 2>e5 && grep -q "no territory .nope." e5 &&
    expect_status 3 $S report --territory zp -o /nonexistent/dir/r.html 2>e6 &&
    grep -q "/nonexistent/dir/r.html" e6 &&
    $S report --help | grep -q "usage: symbiose report"
'

test_done
