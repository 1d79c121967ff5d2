#!/bin/sh
# readback.sh - reading back what was decided: plan list|show, match show by
# short key, decide ... proposed to undo, key and status columns in CSV.
. "$(dirname "$0")/lib.sh"

unset LC_ALL LC_MESSAGES LANGUAGE
export LANG=C
EX=$TOP/examples/kalundborg

setup_db() {
    "$SYMBIOSE" -q init >/dev/null 2>&1 &&
        "$SYMBIOSE" -q import territories "$EX/territory.csv" &&
        "$SYMBIOSE" -q import actors "$EX/actors.csv" 2>/dev/null &&
        "$SYMBIOSE" -q import flows "$EX/flows.csv" 2>/dev/null &&
        "$SYMBIOSE" -q match --format csv >m.csv 2>/dev/null
}

test_expect_success 'match CSV has status, key and an 8-character short key' '
    setup_db &&
    head -1 m.csv | grep -q ",status,reason,rule,key,short_key$" &&
    python3 -c "
import csv, zlib
rows = list(csv.DictReader(open(\"m.csv\")))
assert rows
def fnv(s):
    h = 2166136261
    for b in s.encode():
        h = ((h ^ b) * 16777619) & 0xffffffff
    return \"%08x\" % h
for r in rows:
    assert r[\"status\"] == \"proposed\", r
    assert r[\"short_key\"] == fnv(r[\"key\"]), r
assert len({r[\"short_key\"] for r in rows}) == len(rows)
"
'

test_expect_success 'match show KEY (short or full) prints the explanation and rule' '
    setup_db &&
    sk=$(python3 -c "import csv; print(next(csv.DictReader(open(\"m.csv\")))[\"short_key\"])") &&
    key=$(python3 -c "import csv; print(next(csv.DictReader(open(\"m.csv\")))[\"key\"])") &&
    "$SYMBIOSE" match show $sk >s1 &&
    "$SYMBIOSE" match show "$key" >s2 && cmp s1 s2 &&
    grep -q "^explanation: ." s1 && grep -q "^rule: " s1 && grep -q "^status: *proposed" s1 &&
    "$SYMBIOSE" match show $sk --format json | python3 -c "
import json, sys; o = json.load(sys.stdin)[0]; assert o[\"key\"] == \"$key\", o" &&
    expect_status 2 "$SYMBIOSE" match show 00000000 2>err && grep -q "no candidate" err
'

test_expect_success 'decide by short key, then proposed undoes it' '
    setup_db &&
    sk=$(python3 -c "import csv; print(next(csv.DictReader(open(\"m.csv\")))[\"short_key\"])") &&
    "$SYMBIOSE" match decide $sk reject --reason "trop loin" 2>out &&
    grep -q "rejected" out &&
    "$SYMBIOSE" match show $sk | grep -q "rejected - trop loin" &&
    "$SYMBIOSE" match decide $sk proposed 2>out && grep -q "proposed" out &&
    "$SYMBIOSE" match show $sk | grep -q "^status: *proposed$" &&
    "$SYMBIOSE" -q match --format csv 2>/dev/null | grep -q ",$sk$" &&
    expect_status 1 "$SYMBIOSE" match decide $sk maybe
'

test_expect_success 'plan list shows stored plans; plan show prints one as computed' '
    setup_db &&
    "$SYMBIOSE" plan --format csv >p1.csv 2>/dev/null &&
    "$SYMBIOSE" plan --objective co2e --format csv >p2.csv 2>/dev/null &&
    "$SYMBIOSE" plan list --format csv >l.csv &&
    test "$(tail -n +2 l.csv | wc -l)" -eq 2 &&
    head -2 l.csv | tail -1 | grep -q "^2,.*,co2e," &&
    "$SYMBIOSE" plan show 1 --format csv >s1.csv 2>/dev/null &&
    test "$(grep -c "^synergy," s1.csv)" -eq "$(grep -c "^synergy," p1.csv)" &&
    grep "^total," p1.csv | cut -d, -f8-10 >a && grep "^total," s1.csv | cut -d, -f8-10 >b &&
    cmp a b &&
    expect_status 2 "$SYMBIOSE" plan show 99 2>err && grep -q "no plan 99" err &&
    expect_status 1 "$SYMBIOSE" plan show abc
'

test_done
