#!/bin/sh
# edit.sh - editing in place: actors|flows add|set|delete, territory set|delete,
# the importers' validation on edits, refusals and --cascade, partial re-imports
# (a missing column keeps its values) and a flow whose code changed.
. "$(dirname "$0")/lib.sh"

FIX=$TOP/tests/data/import

setup_db() {
    "$SYMBIOSE" --quiet import territories "$FIX/territories.csv" >/dev/null 2>&1 &&
        "$SYMBIOSE" --quiet import actors "$FIX/actors.csv" >/dev/null 2>&1 &&
        "$SYMBIOSE" --quiet import flows "$FIX/flows.csv" >/dev/null 2>&1
}

# col CSV-STREAM ID COLUMN: the value of COLUMN in the row whose first field is ID.
col() {
    python3 -c '
import csv, sys
for r in csv.DictReader(sys.stdin):
    if r[next(iter(r))] == sys.argv[1]:
        print(r[sys.argv[2]]); break
else:
    sys.exit("no row " + sys.argv[1])
' "$@"
}

test_expect_success 'every edit subcommand has --help' '
    for c in "actors add" "actors set" "actors delete" "flows add" "flows set" \
        "flows delete" "territory set" "territory delete"; do
        "$SYMBIOSE" $c --help >h || return 1
        grep -q "usage:" h || return 1
        grep -q "delete" h || return 1
    done
'

test_expect_success 'actors set changes only the fields given' '
    setup_db &&
    "$SYMBIOSE" actors set A1 --workforce 300 >out &&
    grep -q "actor A1 updated" out &&
    "$SYMBIOSE" actors list --format csv >l &&
    test "$(col A1 workforce <l)" = 300 &&
    test "$(col A1 siret <l)" = 30345780800010 &&
    test "$(col A1 commune <l)" = 51038 &&
    test "$(col A1 name <l)" = "Sucrerie de Bazancourt"
'

test_expect_success 'an edit is refused with the message the importer gives' '
    setup_db &&
    expect_status 2 "$SYMBIOSE" actors set A1 siret=30345780800011 2>err &&
    printf "id,name,siret,naf,kind,territory,address,commune,lat,lon\nA1,S,30345780800011,,,,,,,\n" >bad.csv &&
    expect_status 2 "$SYMBIOSE" import actors bad.csv 2>imp &&
    msg=$(sed -n "s/.*siret: //p" err) && test -n "$msg" &&
    grep -qF "$msg" imp &&
    "$SYMBIOSE" actors list --format csv | col A1 siret | grep -qx 30345780800010
'

test_expect_success 'unknown fields, missing ids and missing records are refused' '
    setup_db &&
    expect_status 2 "$SYMBIOSE" actors set A1 --wrokforce 3 2>err &&
    grep -q "unknown field .wrokforce." err &&
    expect_status 1 "$SYMBIOSE" actors set --workforce 3 &&
    expect_status 2 "$SYMBIOSE" actors set NOPE --workforce 3 2>err &&
    grep -q "no actor .NOPE." err &&
    expect_status 2 "$SYMBIOSE" actors set A1 --id A9 2>err &&
    grep -q "cannot be changed" err
'

test_expect_success 'actors add creates, refuses an existing id, requires a name' '
    setup_db &&
    "$SYMBIOSE" actors add --id A9 --name "Verrerie" --kind entreprise --territory T1 \
        --commune 51038 --lat 49.3 --lon 4.1 >out &&
    grep -q "actor A9 added" out &&
    "$SYMBIOSE" actors list --format csv | col A9 kind | grep -qx company &&
    expect_status 2 "$SYMBIOSE" actors add --id A9 --name X 2>err &&
    grep -q "already exists" err &&
    expect_status 2 "$SYMBIOSE" actors add --id A10 2>err &&
    grep -q "name is required" err &&
    expect_status 2 "$SYMBIOSE" actors add --id A10 --name Y --territory T9 2>err &&
    grep -q "unknown territory .T9." err
'

test_expect_success 'actors delete refuses an actor with flows; --cascade deletes them' '
    setup_db &&
    n=$("$SYMBIOSE" flows list --actor A1 --format csv | tail -n +2 | wc -l) &&
    test "$n" -gt 0 &&
    expect_status 2 "$SYMBIOSE" actors delete A1 2>err &&
    grep -q "has $n flows" err && grep -q -- --cascade err &&
    "$SYMBIOSE" actors list --format csv | grep -q "^A1," &&
    "$SYMBIOSE" actors delete A1 --cascade >out &&
    grep -q "actor A1 deleted" out &&
    ! "$SYMBIOSE" actors list --format csv | grep -q "^A1," &&
    test "$("$SYMBIOSE" flows list --actor A1 --format csv | tail -n +2 | wc -l)" -eq 0 &&
    expect_status 2 "$SYMBIOSE" actors delete A1
'

test_expect_success 'flows add, set (code corrected in place) and delete' '
    setup_db &&
    "$SYMBIOSE" flows add --id F1 --actor_id A2 --direction offre --code "03 03 11" \
        --quantity 4500 --unit t --state solide --description Boues >out &&
    grep -q "flow F1 added" out &&
    "$SYMBIOSE" flows set F1 --code "03 03 10" &&
    "$SYMBIOSE" flows list --actor A2 --format csv >l &&
    test "$(grep -c "^F1," l)" -eq 1 &&
    test "$(col F1 code <l)" = "03 03 10" &&
    test "$(col F1 quantity <l)" = 4500 &&
    test "$(col F1 description <l)" = Boues &&
    ! grep -q "03 03 11" l &&
    expect_status 2 "$SYMBIOSE" flows set F1 --quantity -3 2>err &&
    grep -q "negative" err &&
    expect_status 2 "$SYMBIOSE" flows set F1 --unit t/an 2>err &&
    grep -q "unknown unit" err &&
    "$SYMBIOSE" flows delete F1 >out && grep -q "flow F1 deleted" out &&
    ! "$SYMBIOSE" flows list --format csv | grep -q "^F1,"
'

test_expect_success 'territory set and delete (refused with actors, --cascade)' '
    setup_db &&
    "$SYMBIOSE" territory set T1 --programme "Climaxion 2026" &&
    "$SYMBIOSE" territory list --format csv >l &&
    test "$(col T1 programme <l)" = "Climaxion 2026" &&
    test "$(col T1 name <l)" = "Zone portuaire de Reims" &&
    expect_status 2 "$SYMBIOSE" territory delete T1 2>err &&
    grep -q "has 1 actor" err &&
    "$SYMBIOSE" territory delete T1 --cascade >out &&
    ! "$SYMBIOSE" territory list --format csv | grep -q "^T1," &&
    ! "$SYMBIOSE" actors list --format csv | grep -q "^A1," &&
    "$SYMBIOSE" actors list --format csv | grep -q "^A2,"
'

test_expect_success 'a re-import without an optional column keeps its stored values' '
    setup_db &&
    "$SYMBIOSE" actors list --format csv | col A1 workforce | grep -qx 250 &&
    printf "id,name,siret,naf,kind,territory,address,commune,lat,lon\nA1,Sucrerie renommee,30345780800010,10.81Z,company,T1,113 route de Pomacle,51038,49.3665,4.1703\n" >a.csv &&
    "$SYMBIOSE" --quiet import actors a.csv 2>/dev/null &&
    "$SYMBIOSE" actors list --format csv >l &&
    test "$(col A1 workforce <l)" = 250 &&
    test "$(col A1 name <l)" = "Sucrerie renommee"
'

test_expect_success 'a flow whose code changed in a sheet with ids is updated, not duplicated' '
    setup_db &&
    printf "id,actor_id,direction,code,description,quantity,unit,period,state,confidentiality\nF7,A2,supply,03 03 11,Boues,4500,t,year,sludge,territory\n" >f.csv &&
    "$SYMBIOSE" --quiet import flows f.csv 2>/dev/null &&
    sed "s/03 03 11/03 03 10/" f.csv >g.csv &&
    "$SYMBIOSE" --quiet import flows g.csv 2>/dev/null &&
    "$SYMBIOSE" flows list --format csv >l &&
    test "$(grep -c "^F7," l)" -eq 1 &&
    test "$(col F7 code <l)" = "03 03 10" &&
    ! grep -q "03 03 11" l
'

test_expect_success 'an exported flows list re-imported after a code change keeps one flow' '
    setup_db &&
    "$SYMBIOSE" flows list --actor A1 --format csv >ex.csv &&
    id=$(sed -n 2p ex.csv | cut -d, -f1) && code=$(col "$id" code <ex.csv) &&
    n=$("$SYMBIOSE" flows list --format csv | wc -l) &&
    sed "2s/,$code,/,02 04 99,/" ex.csv >ex2.csv &&
    "$SYMBIOSE" --quiet import flows ex2.csv 2>/dev/null &&
    test "$("$SYMBIOSE" flows list --format csv | wc -l)" -eq "$n" &&
    "$SYMBIOSE" flows list --format csv | col "$id" code | grep -qx "02 04 99"
'

test_done
