#!/bin/sh
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
    for f in facilitators decisions pipeline events participants barriers_met levers_tried elipse; do
        python3 -c "import csv,sys; r=list(csv.DictReader(open(sys.argv[1],encoding=\"utf-8\"))); assert r and all(x[\"invented\"]==\"yes\" for x in r), sys.argv[1]" $EX/$f.csv || return 1
    done &&
    test "$(tail -n +2 $EX/flows.csv | grep -vc INVENTED)" = 0
'

test_expect_success 'load fills the network; the report covers the five territories' '
    $EX/load $DB 2>load.err &&
    test "$(sqlite3 $DB "SELECT count(*) FROM territory")" = 5 &&
    test "$(sqlite3 $DB "SELECT count(*) FROM actor")" = "$(tail -n +2 $EX/actors.csv | wc -l)" &&
    test "$(sqlite3 $DB "SELECT count(*) FROM candidate WHERE status = '\''accepted'\''")" = 3 &&
    $SYMBIOSE --db $DB -q report --network --year 2026 --format csv >n.csv &&
    python3 - n.csv <<-\PY
	import csv, sys
	rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
	scopes = {r["scope"] for r in rows}
	assert scopes == {"port-strasbourg", "pomacle-bazancourt", "sarrebourg", "thur-doller",
	                  "mulhouse", "network"}, scopes
	f = {(r["scope"], r["key"]): r for r in rows}
	assert float(f[("network", "synergies.running")]["value"]) == 3
	assert float(f[("network", "impact.synergies")]["value"]) >= 3
	assert float(f[("mulhouse", "elipse.G03")]["value"]) == 1.5
	assert f[("mulhouse", "elipse.G03")]["basis"] == "entered"
	assert "Nadia Haddad" in f[("mulhouse", "elipse.G03")]["source"]
	PY
    $SYMBIOSE --db $DB -q report --network --year 2026 -o n.html &&
    ! grep -Ei "https?://" n.html && grep -q "<th>thur-doller</th>" n.html
'

test_done
