#!/bin/sh
# cli.sh - the command line: --help on every command, --format table|csv|json on every
# list command (CSV header and JSON validity), and the exit statuses 0/1/2/3.
. "$(dirname "$0")/lib.sh"

FIX=$TOP/tests/data/import

# A populated database in $T (needs the reference data for the nomenclatures).
setup_db() {
    "$SYMBIOSE" --quiet init >/dev/null &&
        "$SYMBIOSE" --quiet import territories "$FIX/territories.csv" >/dev/null &&
        "$SYMBIOSE" --quiet import actors "$FIX/actors.csv" >/dev/null &&
        "$SYMBIOSE" --quiet import flows "$FIX/flows.csv" >/dev/null
}

# help_ok ARGS...: exit 0, "usage:" on stdout, nothing on stderr, no database created.
help_ok() {
    "$SYMBIOSE" "$@" >out 2>err || { echo "exit status $? for: $*"; return 1; }
    grep -q '^usage: symbiose' out || { echo "no usage line on stdout for: $*"; cat out; return 1; }
    [ ! -s err ] || { echo "stderr not empty for: $*"; cat err; return 1; }
    [ ! -e symbiose.db ] || { echo "--help created a database: $*"; return 1; }
}

# ---- --help ------------------------------------------------------------------------
test_expect_success 'symbiose --help and -h list the commands' '
    help_ok --help &&
    for c in init territory actors flows import nomenclature; do
        grep -q "^  $c " out || { echo "command $c missing from --help"; exit 1; }
    done &&
    grep -q "Exit status: 0 ok, 1 usage error, 2 invalid input, 3 storage" out &&
    help_ok -h
'
for args in "init" "territory" "territory add" "territory list" "actors" "actors list" \
    "flows" "flows list" "import" "import actors" "import flows" "import territories" \
    "import irep" "nomenclature" "nomenclature load" "nomenclature search" "nomenclature show"; do
    test_expect_success "symbiose $args --help exits 0 and prints usage" "help_ok $args --help"
done
test_expect_success 'import --help documents columns, options and exit statuses' '
    help_ok import --help &&
    grep -q "id,name,siret,naf,kind,territory,address,commune,lat,lon" out &&
    grep -q "actor_id,direction,code,description,quantity,unit,period" out &&
    grep -q -- "--crs EPSG:N" out &&
    grep -q "2 invalid input" out
'
test_expect_success 'symbiose --version' '
    "$SYMBIOSE" --version >out && grep -q "^symbiose [0-9][0-9.]*" out
'

# ---- formats -----------------------------------------------------------------------
if [ -n "$SHARED" ]; then
    # check_formats HEADER CMD...: the table has the columns, CSV starts with HEADER
    # and has as many lines as JSON has objects (plus one), JSON parses.
    check_formats() {
        header=$1
        shift
        "$SYMBIOSE" "$@" >table || return 1
        "$SYMBIOSE" "$@" --format table >table2 && cmp table table2 || return 1
        first=${header%%,*}
        head -n 1 table | grep -q "^$first " || { echo "table header: $(head -n 1 table)"; return 1; }
        "$SYMBIOSE" "$@" --format csv >csv || return 1
        [ "$(head -n 1 csv)" = "$header" ] || { echo "CSV header: $(head -n 1 csv)"; return 1; }
        "$SYMBIOSE" "$@" --format json >json || return 1
        python3 -m json.tool json >/dev/null || { echo "JSON does not parse"; cat json; return 1; }
        python3 -c '
import csv, json, sys
rows = list(csv.DictReader(open("csv", newline="")))
objs = json.load(open("json"))
assert isinstance(objs, list), "JSON is not an array"
assert len(rows) == len(objs) > 0, (len(rows), len(objs))
for r, o in zip(rows, objs):
    assert list(o.keys()) == list(r.keys()), (list(o.keys()), list(r.keys()))
    k = list(r.keys())[0]
    assert str(o[k]) == r[k], (o[k], r[k])
' || return 1
    }
    test_expect_success 'territory list: table, csv, json' '
        setup_db &&
        check_formats code,name,region,structure,programme territory list
    '
    test_expect_success 'actors list: table, csv, json with import field names' '
        setup_db &&
        check_formats id,name,siret,naf,kind,territory,address,commune,lat,lon,workforce,licensed_hazardous actors list &&
        grep -q "^A2,Chaufferie municipale,,35.30Z,public,T2,\"2 rue de la Paix, Strasbourg\",67482,48.5734,7.7521,12,0$" csv &&
        python3 -c "
import json; o = {a[\"id\"]: a for a in json.load(open(\"json\"))}
assert o[\"A1\"][\"lat\"] == 49.3665 and o[\"A1\"][\"siret\"] == \"30345780800010\", o[\"A1\"]
assert o[\"A2\"][\"siret\"] is None, o[\"A2\"]
"
    '
    test_expect_success 'actors list --territory T: table, csv, json' '
        setup_db &&
        check_formats id,name,siret,naf,kind,territory,address,commune,lat,lon,workforce,licensed_hazardous actors list --territory T2 &&
        [ "$(cut -d, -f1 csv | tail -n +2 | tr "\n" " ")" = "A2 A3 " ]
    '
    test_expect_success 'flows list: table, csv, json with import field names' '
        setup_db &&
        check_formats id,actor_id,direction,code,description,quantity,unit,period,state,confidentiality,months,temperature_c,hazardous,qty_year,canon_unit,fate flows list &&
        python3 -c "
import json; o = {f[\"id\"]: f for f in json.load(open(\"json\"))}
f = o[\"A1/supply/02 04 01\"]
assert f[\"quantity\"] == 12000 and f[\"months\"] == \"9-12\" and f[\"hazardous\"] == 0, f
assert o[\"A3/supply/16 06 01\"][\"hazardous\"] == 1
assert o[\"A1/supply/energy.heat.lt\"][\"temperature_c\"] == 65
"
    '
    test_expect_success 'flows list --actor A: table, csv, json' '
        setup_db &&
        check_formats id,actor_id,direction,code,description,quantity,unit,period,state,confidentiality,months,temperature_c,hazardous,qty_year,canon_unit,fate flows list --actor A1 &&
        [ "$(tail -n +2 csv | cut -d, -f2 | sort -u)" = A1 ] && [ "$(wc -l <csv)" -eq 3 ]
    '
    test_expect_success 'nomenclature search: table, csv, json' '
        setup_db &&
        check_formats code,kind,level,parent,label_fr,label_en,hazardous nomenclature search boues --limit 5 &&
        [ "$(wc -l <csv)" -eq 6 ]
    '
    test_expect_success 'nomenclature show: table, csv, json' '
        setup_db &&
        check_formats code,kind,level,parent,label_fr,label_en,hazardous nomenclature show 20.14Z &&
        grep -q "^20.14Z,naf,subclass,20.14," csv
    '
    test_expect_success 'empty lists: CSV has the header, JSON is []' '
        "$SYMBIOSE" --quiet init >/dev/null &&
        "$SYMBIOSE" actors list --format csv >csv && [ "$(cat csv)" = "id,name,siret,naf,kind,territory,address,commune,lat,lon,workforce,licensed_hazardous" ] &&
        "$SYMBIOSE" flows list --format json >json && python3 -c "import json; assert json.load(open(\"json\")) == []"
    '
else
    test_skip 'list formats' 'no reference data (set SYMBIOSE_DATA)' shared-data
fi

# ---- exit statuses -----------------------------------------------------------------
# usage errors: 1, with a message on stderr and nothing on stdout
for args in "" "bogus" "--bogus init" "--db" "init extra" "territory" "territory add T3" \
    "territory frob" "territory list --format xml" "actors" "actors frob" \
    "actors list --format xml" "actors list --format" "actors list --bogus" "flows" \
    "flows list --format yaml" "flows list --actor" "import" "import actors" \
    "import bogus x.csv" "import actors a.csv b.csv" "import actors a.csv --frob" \
    "nomenclature" "nomenclature frob" "nomenclature search" \
    "nomenclature search bois --limit 0" "nomenclature search bois --format xml" \
    "nomenclature show"; do
    test_expect_success "exit 1 (usage): symbiose $args" "
        expect_status 1 \"\$SYMBIOSE\" $args >out 2>err && [ -s err ] && [ ! -s out ]
    "
done

test_expect_success 'exit 0: init twice is safe' '
    "$SYMBIOSE" init >/dev/null && "$SYMBIOSE" init >out && grep -q "schema version" out
'
test_expect_success 'exit 2 (invalid input): import of an invalid file' '
    printf "code,name\nT1,\n" >t.csv &&
    expect_status 2 "$SYMBIOSE" import territories t.csv 2>err &&
    grep -q "^t.csv:2:4: error: name is empty" err
'
test_expect_success 'exit 2: nomenclature show of an unknown code' '
    "$SYMBIOSE" --quiet init >/dev/null &&
    expect_status 2 "$SYMBIOSE" nomenclature show "zz.unknown" 2>err &&
    grep -q "no code" err
'
test_expect_success 'exit 3 (storage): --db in a directory that does not exist' '
    expect_status 3 "$SYMBIOSE" --db nowhere/at/all.db init 2>err &&
    grep -q "nowhere/at/all.db" err && [ ! -e nowhere ] &&
    expect_status 3 "$SYMBIOSE" --db nowhere/at/all.db actors list &&
    expect_status 3 "$SYMBIOSE" --db nowhere/at/all.db import territories "$FIX/territories.csv"
'
test_expect_success 'exit 3: --db on a file that is not a database, left untouched' '
    head -c 4096 /dev/urandom >junk.db && sha256sum junk.db >sum &&
    expect_status 3 "$SYMBIOSE" --db junk.db init 2>err && grep -q "not a database" err &&
    expect_status 3 "$SYMBIOSE" --db junk.db actors list &&
    expect_status 3 "$SYMBIOSE" --db junk.db flows list --format json &&
    expect_status 3 "$SYMBIOSE" --db junk.db territory add T1 Name &&
    expect_status 3 "$SYMBIOSE" --db junk.db import territories "$FIX/territories.csv" &&
    sha256sum -c sum >/dev/null
'
test_expect_success 'exit 3: --db on a text file' '
    echo "id,name" >text.db && expect_status 3 "$SYMBIOSE" --db text.db actors list 2>err &&
    grep -q "not a database" err && [ "$(cat text.db)" = "id,name" ]
'
test_expect_success 'exit 3: --db on a directory' '
    mkdir d.db && expect_status 3 "$SYMBIOSE" --db d.db actors list
'
test_expect_success 'SYMBIOSE_DB chooses the database, --db wins over it' '
    SYMBIOSE_DB=env.db "$SYMBIOSE" --quiet territory add T1 "Zone" >/dev/null && [ -f env.db ] &&
    "$SYMBIOSE" --db other.db --quiet init >/dev/null &&
    SYMBIOSE_DB=env.db "$SYMBIOSE" --db other.db territory list --format csv >csv &&
    [ "$(cat csv)" = "code,name,region,structure,programme" ]
'

test_done
