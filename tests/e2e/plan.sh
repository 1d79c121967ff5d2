#!/bin/sh
# plan.sh - symbiose plan end to end on examples/kalundborg: init, import, match,
# plan; totals equal the sum of the lines, every line names its factors, the plan
# is stored, objectives change the plan, the ledger covers every candidate,
# --factors overrides a row, bad options are usage errors. Skips (with a message)
# only when 'symbiose match --help' fails.
. "$(dirname "$0")/lib.sh"
EX=$TOP/examples/kalundborg
export SYMBIOSE_KB="$TOP/data"

load() {
    $SYMBIOSE -q init >/dev/null &&
        $SYMBIOSE -q import territories "$EX/territory.csv" &&
        $SYMBIOSE -q import actors "$EX/actors.csv" 2>/dev/null &&
        $SYMBIOSE -q import flows "$EX/flows.csv" 2>/dev/null &&
        $SYMBIOSE -q match --territory kalundborg >/dev/null
}

# check_sums FILE.csv: the total line is the sum of the synergy lines, every
# synergy line has sources naming disposal, virgin and transport factors.
check_sums() {
    python3 - "$1" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
lines = [r for r in rows if r["line"] == "synergy"]
tot = [r for r in rows if r["line"] == "total"]
new = [r for r in lines if r["status"] == "new"]
assert lines and len(tot) == 1, (len(lines), len(tot))
tot = tot[0]
for col, tol in (("tonnes", 0.01), ("co2e_kg", 1.0), ("euros", 0.1)):
    s = sum(float(r[col]) for r in new)
    assert abs(s - float(tot[col])) <= tol * max(1, len(lines)), (col, s, tot[col])
for r in lines:
    for k in ("disposal: ", "virgin: ", "transport: "):
        assert k in r["sources"], r
    assert r["quality"] in ("declared", "estimated"), r
    assert float(r["quantity"]) > 0, r
    if r["unit"] == "t":
        assert abs(float(r["tonnes"]) - float(r["quantity"])) < 1e-3, r
# a supply is never allocated beyond itself: the quantity allocated per
# (supplier, resource) is at most the supplier's declared yearly quantity of it
seen = {}
for r in lines:
    k = (r["supplier"], r["resource"])
    seen[k] = seen.get(k, 0) + float(r["quantity"])
import sqlite3
db = sqlite3.connect("symbiose.db")
declared = {}
for actor, code, q in db.execute(
        "SELECT actor_id, code, qty_year FROM flow WHERE direction = 'supply' AND qty_year IS NOT NULL"):
    declared[(actor, code)] = declared.get((actor, code), 0) + q
checked = 0
for k, q in seen.items():
    if k in declared:
        assert q <= declared[k] * (1 + 1e-9) + 1e-6, ("allocated beyond the supply", k, q, declared[k])
        checked += 1
assert checked >= 3, ("too few declared supplies to check", checked, list(seen))
print("ok", len(lines), checked, tot["tonnes"], tot["co2e_kg"], tot["euros"])
PY
}

if ! $SYMBIOSE match --help >/dev/null 2>&1; then
    test_skip 'plan on kalundborg' "'symbiose match --help' fails: the match step is not built yet" match
    test_done
    exit 0
fi

test_expect_success 'plan --help documents objectives, ledger and factors' '
    $SYMBIOSE plan --help >out &&
    grep -q "euros|co2e|tonnes" out && grep -q -- "--ledger" out && grep -q -- "--factors" out
'

test_expect_success 'bad options are usage errors' '
    expect_status 1 $SYMBIOSE plan --objective money &&
    expect_status 1 $SYMBIOSE plan --format xml &&
    expect_status 1 $SYMBIOSE plan --bogus
'

test_expect_success 'plan without candidates says to run match' '
    $SYMBIOSE -q init >/dev/null &&
    expect_status 2 $SYMBIOSE plan --territory kalundborg 2>err &&
    grep -q "symbiose match --territory kalundborg" err
'

test_expect_success 'kalundborg: totals are the sum of the lines, every line sourced' '
    load && $SYMBIOSE plan --territory kalundborg --format csv >p.csv 2>err &&
    head -1 p.csv | grep -qx "line,supplier,receiver,resource,quantity,unit,distance_km,tonnes,co2e_kg,euros,quality,sources,candidate,status,gross_co2e_kg,gross_euros,co2e_low,co2e_high,euros_low,euros_high,flags" &&
    check_sums p.csv && grep -q "plan 1 stored, objective euros" err
'

test_expect_success 'kalundborg: the documented FGD gypsum exchange is in the plan' '
    load && $SYMBIOSE -q plan --territory kalundborg --format csv >p.csv &&
    grep -q "^synergy,kb-asnaes,kb-gyproc,10 01 05,150000.000,t," p.csv &&
    grep "^synergy,kb-asnaes,kb-gyproc,10 01 05" p.csv | grep -q "DEFRA 19_500_5000_15_1\|virg.gypsum"
'

test_expect_success 'kalundborg: the plan is stored with its lines' '
    load && $SYMBIOSE -q plan --territory kalundborg --format csv >p.csv &&
    n=$(grep -c "^synergy," p.csv) &&
    python3 - "$n" <<PY
import sqlite3, sys
db = sqlite3.connect("symbiose.db")
(pid, obj, t) = db.execute("SELECT id, objective, tonnes FROM plan ORDER BY id DESC").fetchone()
assert obj == "euros", obj
(n, s, nosrc) = db.execute("SELECT count(*), sum(tonnes), sum(sources IS NULL OR sources = \"\") FROM plan_line WHERE plan_id = ?", (pid,)).fetchone()
assert n == int(sys.argv[1]), (n, sys.argv[1])
assert abs(s - t) < 1e-6 and nosrc == 0, (s, t, nosrc)
PY
'

test_expect_success 'kalundborg: the objective changes the plan, each optimum for its own figure' '
    load &&
    $SYMBIOSE -q plan --territory kalundborg --format csv --no-store >eur.csv &&
    $SYMBIOSE -q plan --territory kalundborg --objective co2e --format csv --no-store >co2.csv &&
    $SYMBIOSE -q plan --territory kalundborg --objective tonnes --format csv --no-store >t.csv &&
    check_sums co2.csv && check_sums t.csv &&
    grep -q "^synergy,kb-asnaes,kb-aalborgportland,10 01 02" eur.csv &&
    grep -q "^synergy,kb-asnaes,kb-aalborgportland,10 01 02" co2.csv &&
    python3 - <<PY
import csv
tot = lambda f, c: float([r for r in csv.DictReader(open(f)) if r["line"] == "total"][0][c])
assert tot("co2.csv", "co2e_kg") >= tot("eur.csv", "co2e_kg") - 1
assert tot("eur.csv", "euros") >= tot("co2.csv", "euros") - 1
assert tot("t.csv", "tonnes") >= tot("eur.csv", "tonnes") - 1e-3
PY
'

test_expect_success 'kalundborg: --ledger values every candidate, without a total' '
    load &&
    $SYMBIOSE -q match --territory kalundborg --format csv >m.csv &&
    $SYMBIOSE -q plan --territory kalundborg --ledger --format json >l.json &&
    python3 - <<PY
import csv, json
m = list(csv.DictReader(open("m.csv")))
l = json.load(open("l.json"))
assert len(l) == len(m), (len(l), len(m))
assert all(r["line"] == "candidate" and r["sources"] for r in l)
PY
'

test_expect_success 'kalundborg: --factors overrides a row by id' '
    load && mkdir over &&
    printf "%s\n" "id,prefix,unit,co2e_kg,eur,co2e_quality,eur_quality,source,version" \
        "virg.gypsum,material.mineral.gypsum,t,7.79306,220,declared,estimated,test override,2099" >over/virgin.csv &&
    $SYMBIOSE -q plan --territory kalundborg --format csv --no-store >a.csv &&
    $SYMBIOSE -q plan --territory kalundborg --format csv --no-store --factors over >b.csv &&
    grep "kb-gyproc,10 01 05" b.csv | grep -q "test override, 2099" &&
    SYMBIOSE_FACTORS=over $SYMBIOSE -q plan --territory kalundborg --format csv --no-store >c.csv &&
    cmp b.csv c.csv &&
    python3 - <<PY
import csv
tot = lambda f: float([r for r in csv.DictReader(open(f)) if r["line"] == "total"][0]["euros"])
assert abs(tot("b.csv") - tot("a.csv") - 150000 * 200) < 1, (tot("a.csv"), tot("b.csv"))
PY
'

test_expect_success 'a bad factor file is reported with its location' '
    load && mkdir bad &&
    printf "%s\n" "id,prefix,unit,co2e_kg,eur,co2e_quality,eur_quality,source,version" \
        "x,,t,lots,1,declared,declared,s,1" >bad/disposal.csv &&
    expect_status 2 $SYMBIOSE plan --territory kalundborg --factors bad 2>err &&
    grep -q "bad/disposal.csv:2:6: co2e_kg .lots. is not a number" err
'

test_expect_success 'kalundborg: a running synergy is an existing exchange, even of a prospective candidate' '
    load &&
    $SYMBIOSE plan --territory kalundborg --no-store --format csv >before.csv 2>/dev/null &&
    ! grep -q "^synergy,kb-novozymes,kb-farm,water.treated_effluent," before.csv &&
    $SYMBIOSE -q match decide "P|kb-novozymes|kb-farm|water.treated_effluent|R095" accept &&
    id=$($SYMBIOSE synergy list --territory kalundborg --format csv | awk -F, "NR == 2 { print \$1 }") &&
    for st in study implementation running; do $SYMBIOSE -q synergy set "$id" $st || return 1; done &&
    $SYMBIOSE plan --territory kalundborg --no-store --format csv >p.csv 2>err &&
    python3 - p.csv <<-\PY &&
	import csv, sys
	rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
	eff = [r for r in rows if (r["supplier"], r["resource"]) == ("kb-novozymes", "water.treated_effluent")]
	# the whole declared effluent goes to the running synergy (the presumed capacity
	# of the farm does not bound it), and it is summed apart from the new lines
	assert [(r["line"], r["receiver"], r["status"], float(r["quantity"])) for r in eff] == \
	    [("synergy", "kb-farm", "existing", 1000000.0)], eff
	total = [r for r in rows if r["line"] == "total"][0]
	assert "exchanges already running, not counted" in total["sources"], total
	PY
    grep -q "; 1 exchange already running;" err
'

test_done
