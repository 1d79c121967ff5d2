#!/bin/sh
# import.sh - the happy paths: init, territories, actors, flows, IREP, nomenclatures;
# RFC 4180 details, BOM, separators, decimal comma, --crs, re-import by id, warnings.
. "$(dirname "$0")/lib.sh"

FIX=$TOP/tests/data/import

if [ -z "$SHARED" ] || [ ! -r "$SHARED/list_of_waste.csv" ]; then
    test_skip 'imports' 'no reference data (set SYMBIOSE_DATA)' shared-data
    test_done
    exit 0
fi

setup_db() {
    "$SYMBIOSE" --quiet init >/dev/null &&
        "$SYMBIOSE" --quiet import territories "$FIX/territories.csv" >/dev/null &&
        "$SYMBIOSE" --quiet import actors "$FIX/actors.csv" >/dev/null &&
        "$SYMBIOSE" --quiet import flows "$FIX/flows.csv" >/dev/null
}

# field CSVFILE ID COLUMN: the value of COLUMN in the row whose first field is ID.
field() {
    python3 -c '
import csv, sys
for r in csv.DictReader(open(sys.argv[1], newline="")):
    if r[next(iter(r))] == sys.argv[2]:
        print(r[sys.argv[3]]); break
else:
    sys.exit("no row " + sys.argv[2])
' "$@"
}

# state: a digest of everything imported (for "nothing changed" checks).
state() {
    { sqlite3 symbiose.db .dump && "$SYMBIOSE" actors list --format csv &&
        "$SYMBIOSE" flows list --format csv; } | sha256sum
}

taxonomy_rows=$(($(wc -l <"$TOP/data/taxonomy.csv") - 1))

# ---- init and nomenclatures --------------------------------------------------------
test_expect_success 'init loads LoW, NACE, NAF from $SYMBIOSE_DATA and the taxonomy from data/' '
    "$SYMBIOSE" init >out &&
    grep -q "schema version" out &&
    grep -q "^low  *842 codes from $SHARED/list_of_waste.csv" out &&
    grep -q "^nace  *996 codes from $SHARED/nace_rev2.csv" out &&
    grep -q "^naf  *732 codes from $SHARED/naf_rev2_subclasses.csv" out &&
    grep -q "^taxonomy  *$taxonomy_rows codes from .*data/taxonomy.csv" out &&
    [ "$(sqlite3 symbiose.db "select count(*) from nomenclature")" -eq $((842 + 996 + 732 + taxonomy_rows)) ]
'
test_expect_success 'init twice keeps the same codes (no duplicates)' '
    "$SYMBIOSE" --quiet init >/dev/null && a=$(sqlite3 symbiose.db "select count(*) from nomenclature") &&
    "$SYMBIOSE" --quiet init >/dev/null && b=$(sqlite3 symbiose.db "select count(*) from nomenclature") &&
    [ "$a" = "$b" ]
'
test_expect_success 'init without SYMBIOSE_DATA loads the shipped data/ref' '
    SYMBIOSE_DATA= "$SYMBIOSE" init >out &&
    grep -q "^low  *842 codes from .*data/ref/list_of_waste.csv" out &&
    grep -q "^naf  *732 codes from .*data/ref/naf_rev2_subclasses.csv" out
'
test_expect_success 'init with an empty reference folder says what is missing and still succeeds' '
    mkdir empty && SYMBIOSE_DATA= "$SYMBIOSE" --data empty init >out &&
    grep -q "^low .*not loaded: empty/list_of_waste.csv not found" out &&
    grep -q "^taxonomy  *$taxonomy_rows codes" out
'
test_expect_success 'init --data DIR' '
    SYMBIOSE_DATA= "$SYMBIOSE" --data "$SHARED" init >out && grep -q "^low  *842 codes" out
'
test_expect_success 'nomenclature load low|nace|naf|taxonomy FILE' '
    SYMBIOSE_DATA= "$SYMBIOSE" --quiet init >/dev/null &&
    "$SYMBIOSE" nomenclature load low "$SHARED/list_of_waste.csv" >out 2>/dev/null && grep -q "842 low codes loaded" out &&
    "$SYMBIOSE" nomenclature load nace "$SHARED/nace_rev2.csv" >out 2>/dev/null && grep -q "996 nace codes loaded" out &&
    "$SYMBIOSE" nomenclature load naf "$SHARED/naf_rev2_subclasses.csv" >out 2>/dev/null && grep -q "732 naf codes loaded" out &&
    "$SYMBIOSE" nomenclature load taxonomy "$TOP/data/taxonomy.csv" >out 2>/dev/null && grep -q "$taxonomy_rows taxonomy codes loaded" out &&
    "$SYMBIOSE" nomenclature load low "$SHARED/list_of_waste.csv" >/dev/null 2>&1 &&
    [ "$(sqlite3 symbiose.db "select count(*) from nomenclature")" -eq $((842 + 996 + 732 + taxonomy_rows)) ]
'
test_expect_success 'nomenclature load: bad kind is a usage error, bad file is invalid input' '
    "$SYMBIOSE" --quiet init >/dev/null &&
    expect_status 1 "$SYMBIOSE" nomenclature load lowx "$SHARED/list_of_waste.csv" 2>/dev/null &&
    printf "code,description,description_fr,hazardous,chapter\n01 01 01,a,b,0,01\n99 99 99,x,y,0,99\n" >bad.csv &&
    expect_status 2 "$SYMBIOSE" nomenclature load low bad.csv 2>err &&
    grep -q "^bad.csv:3:1: error: .99 99 99. is not a List of Waste code" err
'
test_expect_success 'nomenclature show: LoW in any spelling, NAF, NACE, taxonomy' '
    "$SYMBIOSE" --quiet init >/dev/null &&
    for c in "16 06 01" 160601 "16.06.01*" 16-06-01; do
        "$SYMBIOSE" nomenclature show "$c" --format csv >csv &&
        grep -q "^16 06 01\*,low,entry,16 06,accumulateurs au plomb,Lead batteries,1$" csv || exit 1
    done &&
    "$SYMBIOSE" nomenclature show 2014z --format csv | grep -q "^20.14Z,naf,subclass,20.14," &&
    "$SYMBIOSE" nomenclature show 20.14 --format csv | grep -q "^20.14,nace," &&
    "$SYMBIOSE" nomenclature show energy.heat.lt --format csv | grep -q "^energy.heat.lt,taxonomy," &&
    "$SYMBIOSE" nomenclature show 20.14 --kind naf --format csv >/dev/null 2>&1; [ $? -eq 2 ]
'
test_expect_success 'nomenclature search: accents and case ignored, prefix on the last word' '
    "$SYMBIOSE" --quiet init >/dev/null &&
    "$SYMBIOSE" nomenclature search "DECHETS metalliques" --format csv >a &&
    "$SYMBIOSE" nomenclature search "déchets métalliques" --format csv >b && cmp a b &&
    grep -q "^02 01 10,low," a &&
    "$SYMBIOSE" nomenclature search "mercure metal" --format csv | grep -q "^16 03 07\*,low,.*,1$" &&
    "$SYMBIOSE" nomenclature search "chauffag" --format csv --limit 50 | grep -q "chauffage" &&
    "$SYMBIOSE" nomenclature search "lead batteries" --format csv | grep -q "^16 06 01\*" &&
    [ "$("$SYMBIOSE" nomenclature search eau --limit 3 --format csv | wc -l)" -eq 4 ]
'

# ---- territories ----------------------------------------------------------------------
test_expect_success 'territory add, list, update by code' '
    "$SYMBIOSE" territory add PORT "Port de Strasbourg" --region "Grand Est" --structure CCI --programme "EIT 2024" >out &&
    grep -q "territory PORT saved" out &&
    "$SYMBIOSE" territory add PORT "Port autonome" --region=Grand\ Est >/dev/null &&
    "$SYMBIOSE" territory list --format csv >csv &&
    [ "$(wc -l <csv)" -eq 2 ] && grep -q "^PORT,Port autonome,Grand Est,," csv
'
test_expect_success 'import territories, then re-import updates by code' '
    "$SYMBIOSE" import territories "$FIX/territories.csv" >out && grep -q "2 rows imported (2 new, 0 updated)" out &&
    "$SYMBIOSE" import territories "$FIX/territories.csv" >out && cat out && grep -q "2 rows imported (0 new, 2 updated)" out &&
    "$SYMBIOSE" territory list --format csv >csv && [ "$(wc -l <csv)" -eq 3 ] &&
    [ "$(field csv T1 structure)" = ADEME ] && [ "$(field csv T2 name)" = "Plaine d'"'"'Alsace" ]
'

# ---- actors ---------------------------------------------------------------------------
test_expect_success 'import actors: every field lands' '
    setup_db && "$SYMBIOSE" actors list --format csv >csv &&
    [ "$(wc -l <csv)" -eq 4 ] &&
    [ "$(field csv A1 siret)" = 30345780800010 ] && [ "$(field csv A1 naf)" = 10.81Z ] &&
    [ "$(field csv A1 lat)" = 49.3665 ] && [ "$(field csv A1 lon)" = 4.1703 ] &&
    [ "$(field csv A2 kind)" = public ] && [ "$(field csv A3 kind)" = association ] &&
    [ "$(field csv A2 address)" = "2 rue de la Paix, Strasbourg" ] &&
    [ "$(field csv A2 commune)" = 67482 ] && [ "$(field csv A1 workforce)" = 250 ] &&
    [ "$(sqlite3 symbiose.db "select count(*) from contact")" -eq 1 ]
'
test_expect_success 'actors list --territory filters' '
    setup_db && "$SYMBIOSE" actors list --territory T1 --format csv >csv &&
    [ "$(tail -n +2 csv | cut -d, -f1)" = A1 ] &&
    expect_status 2 "$SYMBIOSE" actors list --territory T9 --format csv >csv 2>err &&
    grep -q "no territory .T9." err
'
test_expect_success 're-importing actors updates by id and never duplicates' '
    setup_db &&
    "$SYMBIOSE" import actors "$FIX/actors.csv" >out && grep -q "3 rows imported (0 new, 3 updated)" out &&
    "$SYMBIOSE" import actors "$FIX/actors_update.csv" >out && grep -q "2 rows imported (1 new, 1 updated)" out &&
    "$SYMBIOSE" actors list --format csv >csv && [ "$(wc -l <csv)" -eq 5 ] &&
    [ "$(cut -d, -f1 csv | sort | uniq -d)" = "" ] &&
    [ "$(field csv A1 name)" = "Sucrerie Cristal Union" ] && [ "$(field csv A1 workforce)" = 300 ] &&
    [ "$(field csv A4 name)" = "Méthaniseur" ] &&
    [ "$(sqlite3 symbiose.db "select count(*) from actor")" -eq 4 ] &&
    [ "$(sqlite3 symbiose.db "select count(*) from contact")" -eq 1 ]
'
test_expect_success 'actors: decimal comma in quoted lat,lon; semicolon separator' '
    setup_db &&
    printf "id;name;siret;naf;kind;territory;address;commune;lat;lon\nS1;Scierie;;16.10A;company;T2;1, rue du Bois;67482;48,5734;7,7521\n" >s.csv &&
    "$SYMBIOSE" import actors s.csv >/dev/null && "$SYMBIOSE" actors list --format csv >csv &&
    [ "$(field csv S1 lat)" = 48.5734 ] && [ "$(field csv S1 lon)" = 7.7521 ] &&
    [ "$(field csv S1 address)" = "1, rue du Bois" ]
'
test_expect_success 'actors: x,y with --crs EPSG:2154 converted as cs2cs does' '
    setup_db &&
    "$SYMBIOSE" import actors --crs EPSG:2154 "$FIX/actors_l93.csv" >/dev/null &&
    "$SYMBIOSE" actors list --format csv >csv &&
    lat=$(field csv L1 lat) && lon=$(field csv L1 lon) &&
    if command -v cs2cs >/dev/null; then
        set -- $(echo "1050000 6840000" | cs2cs -f %.6f EPSG:2154 EPSG:4326) &&
        awk -v a="$lat" -v b="$lon" -v c="$1" -v d="$2" "BEGIN { exit !((a-c)^2 + (b-d)^2 < 1e-10) }" ||
            { echo "got $lat $lon, cs2cs says $1 $2"; exit 1; }
    fi &&
    awk -v a="$lat" -v b="$lon" "BEGIN { exit !(a > 48.55 && a < 48.60 && b > 7.73 && b < 7.77) }"
'
test_expect_success 'actors: --crs EPSG:27572 (Lambert II etendu) with decimal commas' '
    setup_db &&
    printf "id,name,siret,naf,kind,territory,address,commune,x,y\nL2,Site,,,company,T1,,51038,\"724900,0\",\"2390700,0\"\n" >l2.csv &&
    "$SYMBIOSE" import actors --crs EPSG:27572 l2.csv >/dev/null && "$SYMBIOSE" actors list --format csv >csv &&
    set -- $(echo "724900 2390700" | cs2cs -f %.6f EPSG:27572 EPSG:4326) &&
    awk -v a="$(field csv L2 lat)" -v b="$(field csv L2 lon)" -v c="$1" -v d="$2" "BEGIN { exit !((a-c)^2 + (b-d)^2 < 1e-10) }"
'
test_expect_success 'an unknown extra column is a warning; --no-warnings hides it' '
    setup_db &&
    "$SYMBIOSE" import actors "$FIX/actors_extra.csv" >out 2>err &&
    grep -q "^$FIX/actors_extra.csv:1:58: warning: unknown column .favourite_colour. is ignored" err &&
    grep -q "1 row imported (1 new, 0 updated), with warnings" out &&
    "$SYMBIOSE" import --no-warnings actors "$FIX/actors_extra.csv" >out 2>err && [ ! -s err ]
'
test_expect_success 'columns in any order and any case' '
    setup_db &&
    printf "LON,lat,Commune,address,territory,kind,naf,siret,Name,ID\n7.7,48.5,67482,,T2,company,20.14Z,,Chimie,C1\n" >c.csv &&
    "$SYMBIOSE" import actors c.csv >/dev/null 2>err && [ ! -s err ] &&
    "$SYMBIOSE" actors list --format csv >csv && [ "$(field csv C1 name)" = Chimie ] &&
    [ "$(field csv C1 lat)" = 48.5 ] && [ "$(field csv C1 lon)" = 7.7 ]
'
test_expect_success 'the actors CSV listing re-imports to the same listing' '
    setup_db && "$SYMBIOSE" actors list --format csv >a.csv &&
    mkdir fresh && cd fresh && "$SYMBIOSE" --quiet init >/dev/null &&
    "$SYMBIOSE" --quiet import territories "$FIX/territories.csv" >/dev/null &&
    "$SYMBIOSE" import actors ../a.csv >/dev/null && "$SYMBIOSE" actors list --format csv >b.csv &&
    cmp ../a.csv b.csv
'
test_expect_success '--dry-run validates and changes nothing' '
    setup_db && before=$(state) &&
    "$SYMBIOSE" import --dry-run actors "$FIX/actors_update.csv" >out &&
    grep -q "2 rows valid" out && [ "$(state)" = "$before" ]
'

# ---- flows ----------------------------------------------------------------------------
test_expect_success 'import flows: values, normalisation, derived ids' '
    setup_db && "$SYMBIOSE" flows list --format csv >csv &&
    [ "$(wc -l <csv)" -eq 5 ] &&
    [ "$(field csv "A1/supply/02 04 01" months)" = 9-12 ] &&
    [ "$(field csv "A1/supply/02 04 01" qty_year)" = 12000 ] &&
    [ "$(field csv "A1/supply/energy.heat.lt" temperature_c)" = 65 ] &&
    [ "$(field csv "A1/supply/energy.heat.lt" confidentiality)" = network ] &&
    [ "$(field csv "A2/demand/energy.heat.lt" qty_year)" = 2100 ] &&
    [ "$(field csv "A3/supply/16 06 01" code)" = "16 06 01*" ] &&
    [ "$(field csv "A3/supply/16 06 01" hazardous)" = 1 ]
'
test_expect_success 'flows: missing confidentiality, period and months take their defaults' '
    setup_db &&
    printf "actor_id,direction,code,description,quantity,unit,period,state,confidentiality\nA1,demand,water.process,Eau,10,m3,,liquid,\n" >f.csv &&
    "$SYMBIOSE" import flows f.csv >/dev/null && "$SYMBIOSE" flows list --format csv >csv &&
    [ "$(field csv "A1/demand/water.process" confidentiality)" = territory ] &&
    [ "$(field csv "A1/demand/water.process" period)" = year ] &&
    [ "$(field csv "A1/demand/water.process" months)" = 1-12 ]
'
test_expect_success 'flows: a hazardous LoW code without its asterisk is a warning, stored hazardous' '
    setup_db &&
    printf "actor_id,direction,code,description,quantity,unit,period,state,confidentiality\nA3,supply,160601,Batteries,1,t,year,solid,public\n" >h.csv &&
    "$SYMBIOSE" import flows h.csv >out 2>err &&
    grep -q "^h.csv:2:11: warning: 16 06 01 is a hazardous entry" err &&
    "$SYMBIOSE" flows list --format csv >csv && [ "$(field csv "A3/supply/16 06 01" hazardous)" = 1 ]
'
test_expect_success 'flows list --actor filters' '
    setup_db && "$SYMBIOSE" flows list --actor A2 --format csv >csv &&
    [ "$(tail -n +2 csv | cut -d, -f1)" = "A2/demand/energy.heat.lt" ]
'
test_expect_success 'UTF-8 BOM, CRLF, semicolons, decimal comma, French words' '
    setup_db && "$SYMBIOSE" import flows "$FIX/flows_fr.csv" >out 2>err && [ ! -s err ] &&
    grep -q "2 rows imported (2 new, 0 updated)" out &&
    "$SYMBIOSE" flows list --format csv >csv &&
    id="A2/demand/02 04 01" &&
    [ "$(field csv "$id" description)" = "Terre; criblée" ] &&
    [ "$(field csv "$id" quantity)" = 1234.5 ] && [ "$(field csv "$id" unit)" = kg ] &&
    [ "$(field csv "$id" period)" = month ] && [ "$(field csv "$id" state)" = solid ] &&
    [ "$(field csv "$id" confidentiality)" = network ] && [ "$(field csv "$id" qty_year)" = 14.814 ] &&
    [ "$(field csv "A3/supply/water.process" quantity)" = 12.25 ] &&
    [ "$(field csv "A3/supply/water.process" direction)" = supply ] &&
    [ "$(field csv "A3/supply/water.process" confidentiality)" = private ]
'
test_expect_success 'the same file without BOM and with LF only imports the same' '
    setup_db && tail -c +4 "$FIX/flows_fr.csv" | tr -d "\r" >nobom.csv &&
    "$SYMBIOSE" import flows "$FIX/flows_fr.csv" >/dev/null && "$SYMBIOSE" flows list --format csv >a &&
    "$SYMBIOSE" import flows nobom.csv >out && grep -q "(0 new, 2 updated)" out &&
    "$SYMBIOSE" flows list --format csv >b && cmp a b
'
test_expect_success 'RFC 4180: quoted separators, doubled quotes, line breaks in a field' '
    setup_db &&
    printf "%s\r\n" "actor_id,direction,code,description,quantity,unit,period,state,confidentiality" \
        "A1,supply,02 04 02,\"Ecumes \"\"riches\"\", calcaires\",5,t,year,solid,public" \
        "A1,supply,02 04 03,\"Boues" "sur deux lignes\",\"7,5\",t,year,sludge,public" \
        "" "A2,demand,water.cooling,,\"1 000\",m3,day,liquid,public" >q.csv &&
    "$SYMBIOSE" import flows q.csv >out && grep -q "3 rows imported" out &&
    "$SYMBIOSE" flows list --format csv >csv &&
    [ "$(field csv "A1/supply/02 04 02" description)" = "Ecumes \"riches\", calcaires" ] &&
    python3 -c "
import csv
r = {x[\"id\"]: x for x in csv.DictReader(open(\"csv\", newline=\"\"))}
d = r[\"A1/supply/02 04 03\"][\"description\"]
assert d in (\"Boues\nsur deux lignes\", \"Boues\r\nsur deux lignes\"), repr(d)
assert r[\"A1/supply/02 04 03\"][\"quantity\"] == \"7.5\"
assert r[\"A2/demand/water.cooling\"][\"quantity\"] == \"1000\"
assert r[\"A2/demand/water.cooling\"][\"qty_year\"] == \"365000\"
"
'
test_expect_success 'flows: an explicit id column; re-import updates that row' '
    setup_db &&
    printf "id,actor_id,direction,code,description,quantity,unit,period,state,confidentiality\nX1,A1,supply,02 04 01,a,1,t,year,solid,public\nX2,A1,supply,02 04 01,b,2,t,year,solid,public\n" >x.csv &&
    "$SYMBIOSE" import flows x.csv >out && grep -q "(2 new, 0 updated)" out &&
    sed "s/,1,t,/,10,t,/" x.csv >x2.csv &&
    "$SYMBIOSE" import flows x2.csv >out && grep -q "(0 new, 2 updated)" out &&
    "$SYMBIOSE" flows list --format csv >csv && [ "$(wc -l <csv)" -eq 7 ] &&
    [ "$(field csv X1 quantity)" = 10 ] && [ "$(field csv X2 quantity)" = 2 ]
'
test_expect_success 're-importing flows never duplicates' '
    setup_db && "$SYMBIOSE" import flows "$FIX/flows.csv" >out &&
    grep -q "4 rows imported (0 new, 4 updated)" out &&
    [ "$(sqlite3 symbiose.db "select count(*) from flow")" -eq 4 ]
'
test_expect_success 'units in any case and spelling are kept as given and normalised' '
    setup_db &&
    printf "id,actor_id,direction,code,description,quantity,unit,period,state,confidentiality\nU1,A1,supply,02 04 01,,500,KG,year,solid,public\nU2,A1,supply,energy.steam,,36,GJ,year,gas,public\nU3,A1,supply,water.process,,2,hL,week,liquid,public\n" >u.csv &&
    "$SYMBIOSE" import flows u.csv >/dev/null && "$SYMBIOSE" flows list --format csv >csv &&
    [ "$(field csv U1 unit)" = KG ] && [ "$(field csv U1 qty_year)" = 0.5 ] && [ "$(field csv U1 canon_unit)" = t ] &&
    [ "$(field csv U2 qty_year)" = 10 ] && [ "$(field csv U2 canon_unit)" = MWh ] &&
    [ "$(field csv U3 qty_year)" = 10.4 ] && [ "$(field csv U3 canon_unit)" = m3 ]
'
test_expect_success 'all or nothing: good rows before a bad one are not imported' '
    setup_db && before=$(state) &&
    { head -n 4 "$FIX/flows.csv" | sed "s/12000/13000/"; echo "A1,supply,02 04 02,x,1,t,year,solid,nope"; } >mix.csv &&
    expect_status 2 "$SYMBIOSE" import flows mix.csv 2>err &&
    grep -q "^mix.csv:5:" err && [ "$(state)" = "$before" ]
'

# ---- IREP -----------------------------------------------------------------------------
IREP=$SHARED/irep2015_grand_est_etablissements.csv
if [ -r "$IREP" ]; then
    test_expect_success 'import irep: all 1,093 facilities' '
        "$SYMBIOSE" --quiet init >/dev/null &&
        "$SYMBIOSE" import irep "$IREP" >out 2>err &&
        grep -q "1093 rows imported (1093 new, 0 updated)" out &&
        [ "$(sqlite3 symbiose.db "select count(*) from actor")" -eq 1093 ] &&
        "$SYMBIOSE" actors list --format csv >csv && [ "$(wc -l <csv)" -eq 1094 ]
    '
    test_expect_success 'irep: Cristal Union (SIRET 30345780800010) within 2 km of Bazancourt' '
        "$SYMBIOSE" --quiet init >/dev/null && "$SYMBIOSE" --quiet import irep "$IREP" >/dev/null 2>&1 &&
        "$SYMBIOSE" actors list --format csv >csv &&
        python3 -c "
import csv
rows = [r for r in csv.DictReader(open(\"csv\", newline=\"\")) if r[\"siret\"] == \"30345780800010\"]
assert len(rows) == 1, rows
r = rows[0]
assert \"cristal union\" in r[\"name\"].lower(), r
assert r[\"naf\"] == \"10.81Z\", r
print(r[\"lat\"], r[\"lon\"])
" >ll && read lat lon <ll &&
        awk -v a="$lat" -v b="$lon" "BEGIN {
            pi = atan2(0, -1); r = 6371.0088; la1 = a * pi / 180; la2 = 49.36 * pi / 180
            dla = (49.36 - a) * pi / 180; dlo = (4.16 - b) * pi / 180
            h = sin(dla / 2) ^ 2 + cos(la1) * cos(la2) * sin(dlo / 2) ^ 2
            d = 2 * r * atan2(sqrt(h), sqrt(1 - h))
            printf \"Cristal Union at %s %s: %.3f km from Bazancourt\n\", a, b, d
            exit !(d < 2)
        }"
    '
    test_expect_success 'irep: every facility has WGS84 coordinates in the Grand Est box' '
        "$SYMBIOSE" --quiet init >/dev/null && "$SYMBIOSE" --quiet import irep "$IREP" >/dev/null 2>&1 &&
        "$SYMBIOSE" actors list --format json >json &&
        python3 -c "
import json
a = json.load(open(\"json\"))
assert len(a) == 1093
bad = [x[\"id\"] for x in a if x[\"lat\"] is None or not (47.3 < x[\"lat\"] < 50.2 and 3.3 < x[\"lon\"] < 8.3)]
assert not bad, bad[:10]
"
    '
    test_expect_success 'irep: re-import updates, --territory attaches every facility' '
        "$SYMBIOSE" --quiet init >/dev/null && "$SYMBIOSE" --quiet import irep "$IREP" >/dev/null 2>&1 &&
        "$SYMBIOSE" --quiet territory add GE "Grand Est" >/dev/null &&
        "$SYMBIOSE" import irep --territory GE "$IREP" >out 2>/dev/null &&
        grep -q "1093 rows imported (0 new, 1093 updated)" out &&
        [ "$("$SYMBIOSE" actors list --territory GE --format csv | wc -l)" -eq 1094 ] &&
        expect_status 2 "$SYMBIOSE" import irep --territory NOPE "$IREP" 2>err &&
        grep -q "unknown territory .NOPE." err
    '
else
    test_skip 'irep' "$IREP not found" shared-data
fi

test_done
