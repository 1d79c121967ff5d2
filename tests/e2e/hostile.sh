#!/bin/sh
# hostile.sh - the findings of the hostile-input probe (issue 11), one test each:
# crafted database files, solver overflow, DIMACS limits, endless input, exit
# statuses, terminal escapes, and the smaller faults. Each test failed before its fix.
# test-timeout: 300
. "$(dirname "$0")/lib.sh"

FIX=$TOP/tests/data/import
# One small base database (no nomenclatures: codes are checked for their form).
BASE=$SCRATCH/base
mkdir -p "$BASE"
(
    cd "$BASE" &&
        "$SYMBIOSE" --quiet --data "$SCRATCH/none" init >/dev/null &&
        "$SYMBIOSE" --quiet import territories "$FIX/territories.csv" >/dev/null &&
        "$SYMBIOSE" --quiet import actors "$FIX/actors.csv" >/dev/null 2>&1
) || echo "not ok - could not build the base database"

base() {
    cp "$BASE/symbiose.db" symbiose.db
}

# refused: a read and a write command on symbiose.db both exit 3 with a message,
# neither crashes, and the file is left byte for byte as it was.
refused() {
    before=$(sha256sum <symbiose.db) &&
        expect_status 3 "$SYMBIOSE" actors list 2>err1 && [ -s err1 ] &&
        expect_status 3 "$SYMBIOSE" --quiet import territories "$FIX/territories.csv" 2>err2 &&
        [ -s err2 ] && [ "$(sha256sum <symbiose.db)" = "$before" ] && cat err1 err2
}

# ---- 1. crafted database files -------------------------------------------------
test_expect_success 'db: user_version -1 is refused, no crash (was a segfault)' '
    base && sqlite3 symbiose.db "PRAGMA user_version = -1" && refused >out &&
    grep -q "not a symbiose one (schema version -1" out
'
test_expect_success 'db: a newer schema version is refused' '
    base && sqlite3 symbiose.db "PRAGMA user_version = 999" && refused >out &&
    grep -q "newer than this symbiose" out
'
test_expect_success 'db: a version with none of our tables (unknown schema) is refused' '
    sqlite3 symbiose.db "CREATE TABLE t (a); PRAGMA user_version = 1" && refused >out &&
    grep -q "not a symbiose one" out
'
test_expect_success 'db: a foreign SQLite file gets no schema added, read or write' '
    sqlite3 symbiose.db "CREATE TABLE customers (id INTEGER, name TEXT)" &&
    sqlite3 symbiose.db .schema >schema.before && refused >out &&
    sqlite3 symbiose.db .schema >schema.after && cmp schema.before schema.after &&
    grep -q "will not add its tables" out
'
test_expect_success 'db: a truncated database file is refused, no crash' '
    base && sqlite3 symbiose.db "PRAGMA journal_mode = DELETE; VACUUM" >/dev/null &&
    head -c 6000 symbiose.db >t.db && mv t.db symbiose.db &&
    expect_status 3 "$SYMBIOSE" actors list 2>err && [ -s err ] &&
    expect_status 3 "$SYMBIOSE" territory list 2>err && [ -s err ]
'
test_expect_success 'db: a text file is not a database (exit 3, file unchanged)' '
    printf "id,name\n1,x\n" >symbiose.db && refused >out && grep -q "is not a database" out
'
test_expect_success 'db: an empty file is not listed as a database' '
    : >symbiose.db && expect_status 3 "$SYMBIOSE" actors list 2>err && grep -q "empty" err
'

# ---- 2, 3. the solver and DIMACS limits ---------------------------------------------
test_expect_success 'mcf: a cost of INT64_MAX is an overflow (exit 2), not undefined behaviour' '
    printf "p min 2 1\na 1 2 0 1 9223372036854775807\n" >t.min &&
    expect_status 2 "$SYMBIOSE" mcf t.min 2>err && grep -q "overflow" err
'
test_expect_success 'mcf: 18 bytes announcing 10^8 nodes fail at once with the limit' '
    printf "p min 100000000 0\n" >t.min &&
    expect_status 2 "$SYMBIOSE" mcf t.min 2>err &&
    grep -q "t.min:1:7: 100000000 nodes exceed the limit of 10000000" err
'
test_expect_success 'mcf: arcs past the limit fail at once' '
    printf "p min 2 100000001\n" >t.min &&
    expect_status 2 "$SYMBIOSE" mcf t.min 2>err && grep -q "arcs exceed the limit of 100000000" err
'

# ---- 4. endless input --------------------------------------------------------------
test_expect_success 'import: /dev/zero stops after a bounded number of errors and says so' '
    base && expect_status 2 timeout 120 "$SYMBIOSE" --quiet import actors /dev/zero 2>err &&
    grep -q "stopped reading" err
'
test_expect_success 'import: an endless FIFO stops too' '
    base && mkfifo fifo &&
    { cat /dev/zero >fifo 2>/dev/null & } &&
    expect_status 2 timeout 120 "$SYMBIOSE" --quiet import flows fifo 2>err &&
    grep -q "stopped reading" err
'

# ---- 5. exit statuses ---------------------------------------------------------------
test_expect_success 'import --crs EPSG:4326 with x,y out of range: exit 2, located' '
    base && printf "id,name,siret,naf,kind,territory,address,commune,x,y\nB1,Hors,,20.14Z,company,T1,,51038,200,95\n" >a.csv &&
    expect_status 2 "$SYMBIOSE" --quiet import actors --crs EPSG:4326 a.csv 2>err &&
    grep -q "^a.csv:2:" err && ! grep -q "CHECK constraint" err
'
test_expect_success 'mcf: a lower bound of INT64_MIN is invalid input (exit 2) with its line' '
    printf "p min 2 1\na 1 2 -9223372036854775808 1 1\n" >t.min &&
    expect_status 2 "$SYMBIOSE" mcf t.min 2>err && grep -q "t.min:2:7: lower bound" err
'
test_expect_success 'a folder given as CSV or as DIMACS: exit 2, "is a folder"' '
    base && mkdir d &&
    expect_status 2 "$SYMBIOSE" --quiet import actors d 2>err && grep -q "d is a folder" err &&
    ! grep -q ":0:0" err &&
    expect_status 2 "$SYMBIOSE" mcf d 2>err && grep -q "d is a folder" err
'
test_expect_success 'actors list / flows list --territory nope: exit 2 as match does' '
    base && expect_status 2 "$SYMBIOSE" actors list --territory nope 2>err &&
    grep -q "no territory .nope." err &&
    expect_status 2 "$SYMBIOSE" flows list --territory nope 2>err &&
    expect_status 2 "$SYMBIOSE" flows list --actor nope 2>err && grep -q "no actor" err
'

# ---- 6. terminal escapes -------------------------------------------------------------
test_expect_success 'table output neutralises escapes; CSV and JSON keep the data exact' '
    base && esc=$(printf "\033") &&
    printf "code,name,region,structure,programme\nE1,Evil${esc}]0;pwned\a${esc}[2J,R,,\n" >t.csv &&
    "$SYMBIOSE" --quiet import territories t.csv >/dev/null &&
    "$SYMBIOSE" territory list >table && ! grep -q "$esc" table && grep -q "Evil?]0;pwned??\[2J" table &&
    "$SYMBIOSE" territory list --format csv >csv && grep -q "Evil${esc}]0;pwned" csv &&
    "$SYMBIOSE" territory list --format json >json &&
    python3 -c "import json,sys; d=json.load(open(\"json\")); assert any(t[\"name\"] == \"Evil\x1b]0;pwned\x07\x1b[2J\" for t in d), d"
'

# ---- 7. smaller faults -------------------------------------------------------------------
test_expect_success 'a repeated header line is an error, not a territory named code' '
    base && { cat "$FIX/territories.csv"; head -n 1 "$FIX/territories.csv"; } >t.csv &&
    expect_status 2 "$SYMBIOSE" --quiet import territories t.csv 2>err &&
    grep -q "t.csv:4:1: .*repeats the header" err &&
    [ "$("$SYMBIOSE" territory list --format csv | wc -l)" -eq 3 ]
'
test_expect_success 'Lambert-93 (0, 0) is outside the CRS area of use (exit 2)' '
    base && printf "id,name,siret,naf,kind,territory,address,commune,x,y\nZ1,Zero,,20.14Z,company,T1,,51038,0,0\n" >a.csv &&
    expect_status 2 "$SYMBIOSE" --quiet import actors --crs EPSG:2154 a.csv 2>err &&
    grep -q "a.csv:2:.*outside the area where that CRS is used" err &&
    "$SYMBIOSE" --quiet import actors --crs EPSG:2154 "$FIX/actors_l93.csv" 2>err
'
test_expect_success 'spaces inside quotes are kept (RFC 4180), unquoted padding is not' '
    base && printf "code,name,region,structure,programme\nQ1,\"  Quoted  \", Padded ,,\n" >t.csv &&
    "$SYMBIOSE" --quiet import territories t.csv >/dev/null &&
    "$SYMBIOSE" territory list --format csv | grep "^Q1," >row &&
    [ "$(cat row)" = "Q1,  Quoted  ,Padded,," ]
'
test_expect_success 'a mistyped --db for a read command creates nothing (exit 3)' '
    expect_status 3 "$SYMBIOSE" --db typo.db actors list 2>err && [ ! -e typo.db ] &&
    grep -q "no database at typo.db" err &&
    expect_status 3 "$SYMBIOSE" --db typo.db nomenclature search bois 2>err && [ ! -e typo.db ]
'
test_expect_success 'a read-only database can be listed (by a user who cannot write it)' '
    base && ro=$(mktemp -d /tmp/symbiose-ro.XXXXXX) && cp symbiose.db "$ro/" &&
    chmod 755 "$ro" && chmod 644 "$ro/symbiose.db" &&
    (cd "$ro" && runuser -u nobody -- "$SYMBIOSE" actors list --format csv) >csv;
    rc=$?; ls "$ro" >files; rm -rf "$ro"; [ "$rc" -eq 0 ] &&
    grep -q "^A1," csv && [ "$(cat files)" = symbiose.db ]
'
test_expect_success 'match decide with an unknown key says it once' '
    base && expect_status 2 "$SYMBIOSE" match decide "no|such|key" accept 2>err &&
    [ "$(grep -o "no candidate" err | wc -l)" -eq 1 ]
'
test_expect_success 'the Makefile rebuilds when the flags change (SANITIZE after a plain make)' '
    make -s -C "$TOP" BUILD="$PWD/b" "$PWD/b/src/util/err.o" >/dev/null &&
    make -q -C "$TOP" BUILD="$PWD/b" "$PWD/b/src/util/err.o" &&
    ! make -q -C "$TOP" BUILD="$PWD/b" CFLAGS="-O1 -g" "$PWD/b/src/util/err.o"
'

test_done
