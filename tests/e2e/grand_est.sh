#!/bin/sh
# test-timeout: 1500
# grand_est.sh - the Grand Est example network: actors.csv is what make-actors
# derives from the reference data; every facility lies in an EPCI of its
# territory; every invented record says so; 'load' fills a database whose
# network report covers the five territories with the invented ELIPSE values.
. "$(dirname "$0")/lib.sh"
export SYMBIOSE_KB="$TOP/data"
EX=$TOP/examples/grand-est
DB=$SCRATCH/ge.db

test_expect_success 'actors.csv is reproduced by make-actors from data/ref' '
    cp $EX/make-actors $EX/territory_epci.csv . &&
    python3 ./make-actors $TOP/data/ref >/dev/null &&
    cmp actors.csv $EX/actors.csv
'

test_expect_success 'every facility lies in an EPCI of its territory (communes file)' '
    python3 - $EX $TOP/data/ref/communes_grand_est.csv <<-\PY
	import csv, sys
	ex, com = sys.argv[1], sys.argv[2]
	epci = {r["insee_code"]: r["epci_siren"] for r in csv.DictReader(open(com, encoding="utf-8"))}
	allowed = {}
	for r in csv.DictReader(open(ex + "/territory_epci.csv", encoding="utf-8")):
	    allowed.setdefault(r["territory"], set()).add(r["epci_siren"])
	acts = list(csv.DictReader(open(ex + "/actors.csv", encoding="utf-8")))
	assert len(acts) > 150 and len({a["territory"] for a in acts}) == 5
	for a in acts:
	    assert epci[a["commune"]] in allowed[a["territory"]], a
	PY
'

test_expect_success 'every invented record is labelled invented' '
    for f in facilitators decisions synergies pipeline events participants barriers_met levers_tried elipse; do
        python3 -c "import csv,sys; r=list(csv.DictReader(open(sys.argv[1],encoding=\"utf-8\"))); assert r and all(x[\"invented\"]==\"yes\" for x in r), sys.argv[1]" $EX/$f.csv || return 1
    done &&
    test "$(tail -n +2 $EX/flows.csv | grep -vc INVENTED)" = 0
'

test_expect_success 'load fills the network; the report covers the five territories' '
    SYMBIOSE=$SYMBIOSE $EX/load $DB 2>load.err &&
    test "$(sqlite3 $DB "SELECT count(*) FROM territory")" = 5 &&
    test "$(sqlite3 $DB "SELECT count(*) FROM actor")" = "$(tail -n +2 $EX/actors.csv | wc -l)" &&
    test "$(sqlite3 $DB "SELECT count(*) FROM candidate WHERE status = '\''accepted'\''")" = 3 &&
    $SYMBIOSE --db $DB -q report --network --year 2026 --format csv >n.csv &&
    python3 - n.csv <<-\PY &&
	import csv, sys
	rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
	scopes = {r["scope"] for r in rows}
	assert scopes == {"port-strasbourg", "pomacle-bazancourt", "sarrebourg", "thur-doller",
	                  "mulhouse", "network"}, scopes
	f = {(r["scope"], r["key"]): r for r in rows}
	assert float(f[("network", "synergies.running")]["value"]) == 3
	# the two steam synergies save CO2e; the beet pulp was already sold (no new savings)
	assert float(f[("network", "impact.synergies")]["value"]) >= 2
	assert float(f[("network", "impact.co2e_t")]["value"]) > 0
	assert float(f[("mulhouse", "elipse.G03")]["value"]) == 1.5
	assert f[("mulhouse", "elipse.G03")]["basis"] == "entered"
	assert "Nadia Haddad" in f[("mulhouse", "elipse.G03")]["source"]
	PY
    $SYMBIOSE --db $DB -q report --network --year 2026 -o n.html &&
    ! grep -Ei "https?://" n.html && grep -q "<th>thur-doller</th>" n.html
'

test_expect_success 'plan: the running beet-pulp synergy is an existing exchange, not a supply with no outlet' '
    $SYMBIOSE --db $DB plan --territory pomacle-bazancourt --no-store --format csv >pb.csv 2>pb.err &&
    python3 - pb.csv <<-\PY &&
	import csv, sys
	rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
	pulp = [r for r in rows if (r["supplier"], r["resource"]) == ("irep-057.01421", "02 04 99")]
	assert [(r["line"], r["receiver"], r["status"]) for r in pulp] == \
	    [("synergy", "irep-057.01451", "existing")], pulp
	assert float(pulp[0]["quantity"]) == 50000, pulp
	assert pulp[0]["candidate"] == "S|irep-057.01421|irep-057.01451|02 04 99|identity", pulp
	total = [r for r in rows if r["line"] == "total"][0]
	assert float(total["tonnes"]) == 0 and "already running, not counted: 50000.0 t" in total["sources"]
	PY
    grep -q "0 new synergies,.*; 1 exchange already running;" pb.err &&
    ! grep -q "^no-outlet,irep-057.01421,,02 04 99," pb.csv
'

if $SYMBIOSE pipeline --help >/dev/null 2>&1; then
test_expect_success 'network figures equal the pipeline, events and barriers in the database' '
    $SYMBIOSE --db $DB -q report --network --year 2026 --format csv >n.csv &&
    ev=$(sqlite3 $DB "SELECT count(*) FROM event WHERE territory = '\''mulhouse'\'' AND date LIKE '\''2026-%'\''") &&
    worked=$(sqlite3 $DB "SELECT count(*) FROM lever_trial WHERE result = '\''worked'\'' AND date LIKE '\''2026-%'\''") &&
    met=$(sqlite3 $DB "SELECT count(*) FROM barrier_record WHERE noted LIKE '\''2026-%'\''") &&
    insyn=$(sqlite3 $DB "SELECT count(*) FROM (SELECT actor_id, stage FROM engagement e WHERE at <= '\''2026-12-31'\'' AND id = (SELECT id FROM engagement x WHERE x.actor_id = e.actor_id AND x.at <= '\''2026-12-31'\'' ORDER BY at DESC, id DESC LIMIT 1)) WHERE stage = '\''in_synergy'\''") &&
    python3 - n.csv "$ev" "$worked" "$met" "$insyn" <<-\PY
	import csv, sys
	f = {(r["scope"], r["key"]): r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))}
	ev, worked, met, insyn = map(int, sys.argv[2:6])
	assert int(f[("mulhouse", "events.count")]["value"]) == ev and ev > 0
	assert int(f[("network", "barriers.levers_worked")]["value"]) == worked and worked > 0
	assert int(f[("network", "barriers.met")]["value"]) == met
	assert int(f[("network", "actors.stage.in_synergy")]["value"]) == insyn and insyn > 0
	assert f[("mulhouse", "elipse.G06")]["basis"] == "computed"
	assert int(f[("network", "events.network")]["value"]) == 1
	PY
'

test_expect_success 'the network report shows stages on the map and the barriers; geojson valid' '
    $SYMBIOSE --db $DB -q report --network --year 2026 -o n.html &&
    grep -q "Barriers met and levers that worked" n.html && grep -q "in_synergy" n.html &&
    $SYMBIOSE --db $DB -q report --network --year 2026 --format geojson -o n.geojson &&
    node $TOP/tests/tools/check_geojson.js n.geojson &&
    grep -q "\"stage\": \"in_synergy\"" n.geojson &&
    $SYMBIOSE --db $DB -q report --network --year 2026 --format xlsx -o n.xlsx &&
    python3 $TOP/tests/tools/xlsx_read.py n.xlsx | grep -q "\"name\": \"levers\""
'
else
    test_skip 'network figures' 'symbiose pipeline is not in this build'
fi

test_done
