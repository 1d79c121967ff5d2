#!/bin/sh
# synergy.sh - decisions and synergies from the command line (core/synergy.h):
# accepting a candidate makes its synergy at stage idea, dated; stages move one
# at a time, dated, in order, never in the future; abandoning needs a reason;
# undoing an acceptance withdraws an idea but not a synergy under study;
# rejecting needs a reason; the history reads back in order; French stage
# names are accepted; the yearly report counts synergies by stage at the end
# of each year from the dated moves.
. "$(dirname "$0")/lib.sh"
EX=$TOP/examples/kalundborg
export SYMBIOSE_KB="$TOP/data"
DB=$SCRATCH/k.db
S="$SYMBIOSE --db $DB -q"

$S init >/dev/null && $S import territories "$EX/territory.csv" &&
    $S import actors "$EX/actors.csv" 2>/dev/null && $S import flows "$EX/flows.csv" 2>/dev/null &&
    $S match --territory kalundborg >/dev/null
# key N: the key of the Nth best substitution candidate
key() {
    $SYMBIOSE --db $DB match --territory kalundborg --kind substitution --format json 2>/dev/null |
        python3 -c 'import json,sys; print(json.load(sys.stdin)[int(sys.argv[1])]["key"])' "$1"
}
# syn KEY FIELD: a field of the synergy made from candidate KEY (empty if none)
syn() {
    $SYMBIOSE --db $DB synergy list --format json | python3 -c '
import json, sys
for r in json.load(sys.stdin):
    if r["candidate_key"] == sys.argv[1]:
        print(r[sys.argv[2]]); break' "$1" "$2"
}
K1=$(key 0)
K2=$(key 1)
K3=$(key 2)

test_expect_success 'accepting a candidate makes its synergy at stage idea, dated that day' '
    test -n "$K1" && test -z "$(syn "$K1" id)" &&
    $S match decide "$K1" accept --date 2025-03-01 &&
    test "$(syn "$K1" stage)" = idea &&
    id=$(syn "$K1" id) && test -n "$id" &&
    $SYMBIOSE --db $DB synergy show "$id" --format csv >h.csv &&
    grep -q "^2025-03-01T12:00:00Z,idea,accepted candidate" h.csv
'

test_expect_success 'stages move one at a time, dated, and the history reads back in order' '
    id=$(syn "$K1" id) &&
    $S synergy set "$id" study --date 2025-04-10 --reason "étude de faisabilité" &&
    $S synergy set "$id" "mise en œuvre" --date 2025-09-01 &&
    $S synergy set "$id" "en service" --date 2026-01-15 &&
    test "$(syn "$K1" stage)" = running &&
    $SYMBIOSE --db $DB synergy show "$id" --format json >h.json &&
    python3 - h.json <<-\PY
	import json, sys
	syn = json.load(open(sys.argv[1]))
	hist = syn["history"]
	assert syn["stage"] == "running", syn
	got = [(h["at"][:10], h["stage"]) for h in hist]
	assert got == [("2025-03-01", "idea"), ("2025-04-10", "study"),
	               ("2025-09-01", "implementation"), ("2026-01-15", "running")], got
	assert hist[1]["reason"] == "étude de faisabilité"
	PY
'

test_expect_success 'refused moves: a jump, abandoning without a reason, the future, before the last move' '
    $S match decide "$K2" accept --date 2025-05-01 &&
    id=$(syn "$K2" id) &&
    expect_status 2 $S synergy set "$id" running 2>e1 && grep -q "moves to study or abandoned" e1 &&
    expect_status 2 $S synergy set "$id" abandoned 2>e2 && grep -qi "reason" e2 &&
    expect_status 2 $S synergy set "$id" study --date "$(date -u -d tomorrow +%F)" 2>e3 && grep -q "future" e3 &&
    expect_status 2 $S synergy set "$id" study --date 2025-04-01 2>e4 && grep -q "before" e4 &&
    expect_status 2 $S synergy set "$id" study --date 2025-02-30 2>e5 &&
    expect_status 1 $S synergy set "$id" finished 2>e6 && grep -q "unknown stage" e6 &&
    test "$(syn "$K2" stage)" = idea
'

test_expect_success 'undoing an acceptance withdraws an idea; once under study it is refused' '
    $S match decide "$K2" proposed &&
    test -z "$(syn "$K2" id)" &&
    $S match decide "$K2" accept --date 2026-06-01 && id=$(syn "$K2" id) &&
    $S synergy set "$id" study --date 2026-06-02 &&
    expect_status 2 $S match decide "$K2" proposed 2>e && grep -q "abandon the synergy" e &&
    test "$(syn "$K2" stage)" = study &&
    $SYMBIOSE --db $DB match --territory kalundborg --format json 2>/dev/null |
        python3 -c "import json,sys; assert [r for r in json.load(sys.stdin) if r[\"key\"]==sys.argv[1]][0][\"status\"]==\"accepted\"" "$K2"
'

test_expect_success 'rejecting needs a reason, and makes no synergy' '
    expect_status 2 $S match decide "$K3" reject 2>e && grep -qi "reason" e &&
    $S match decide "$K3" reject --reason "technique : teneur en chlore" &&
    test -z "$(syn "$K3" id)"
'

test_expect_success 'the yearly report counts synergies by stage at the end of each year' '
    $S report --territory kalundborg --year 2025 --format csv >r25.csv &&
    $S report --territory kalundborg --year 2026 --format csv >r26.csv &&
    python3 - r25.csv r26.csv <<-\PY
	import csv, sys
	def fig(p):
	    return {r["key"]: float(r["value"]) for r in csv.DictReader(open(p, encoding="utf-8"))
	            if r["key"].startswith("synergies.")}
	a, b = fig(sys.argv[1]), fig(sys.argv[2])
	# end of 2025: K1 in implementation, K2 an idea again; end of 2026: K1 running, K2 in study
	assert (a["synergies.implementation"], a["synergies.running"]) == (1, 0), a
	assert (b["synergies.running"], b["synergies.study"]) == (1, 1), b
	PY
'

test_expect_success 'synergy --help, and usage errors' '
    $SYMBIOSE synergy --help >h && grep -q "synergy set ID STAGE" h &&
    expect_status 1 $SYMBIOSE --db $DB synergy set 2>/dev/null &&
    expect_status 1 $SYMBIOSE --db $DB synergy set abc study 2>/dev/null &&
    expect_status 2 $SYMBIOSE --db $DB synergy show 99999 2>e && grep -q "no synergy 99999" e
'

test_done
