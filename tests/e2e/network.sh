#!/bin/sh
# network.sh - the regional network end to end: territories as sets of real
# communes, the SIRENE import (diffusion status, workforce bands, Lambert-93),
# the engagement pipeline and follow-up, events and workshop cards, barriers
# and levers with the network query, and the network indicators. Every new
# import is also given bad input: a located error, exit 2, nothing imported.
. "$(dirname "$0")/lib.sh"

FIX=$TOP/tests/data/sirene/StockEtablissement_mulhouse.csv
export SYMBIOSE_TODAY=2025-09-01
export USER=tester

if [ -z "$SHARED" ] || [ ! -r "$SHARED/communes_grand_est.csv" ]; then
    test_skip 'network' 'no reference data (set SYMBIOSE_DATA)'
    test_done
    exit 0
fi

# A base database: Mulhouse (its EPCI) and Strasbourg, and the SIRENE fixture.
BASE=$SCRATCH/base
mkdir -p "$BASE"
(
    cd "$BASE" &&
        "$SYMBIOSE" --quiet init >/dev/null &&
        "$SYMBIOSE" --quiet territory add mul "Mulhouse Alsace Agglomération" --epci 200066009 \
            --facilitator "Claire Martin" --email claire@example.org >/dev/null &&
        "$SYMBIOSE" --quiet territory add sxb "Port de Strasbourg" --commune 67482 >/dev/null &&
        "$SYMBIOSE" --quiet import sirene "$FIX" --territory mul >/dev/null
) || echo "not ok - could not build the base database"
use_base() { cp "$BASE/symbiose.db" symbiose.db; }
db_hash() { sqlite3 symbiose.db .dump | sha256sum; }

test_expect_success 'territory add --epci takes the EPCI communes from the reference file' '
    use_base &&
    test "$(sqlite3 symbiose.db "SELECT count(*) FROM territory_commune WHERE territory = '\''mul'\''")" = 39 &&
    test "$(sqlite3 symbiose.db "SELECT epci FROM territory_commune WHERE commune = '\''68224'\''")" = 200066009 &&
    test "$(sqlite3 symbiose.db "SELECT count(*) FROM territory_commune WHERE territory = '\''sxb'\''")" = 1
'

test_expect_success 'territory add with an unknown EPCI or commune says which, saves nothing' '
    use_base && before=$(db_hash) &&
    expect_status 2 "$SYMBIOSE" territory add x "X" --epci 123456789 2>err &&
    grep -q "unknown EPCI .123456789." err &&
    expect_status 2 "$SYMBIOSE" territory add x "X" --commune 99999 2>err &&
    grep -q "unknown commune .99999." err &&
    test "$before" = "$(db_hash)"
'

test_expect_success 'actors imported without territory are placed by their commune' '
    use_base &&
    printf "id,name,siret,naf,kind,territory,address,commune,lat,lon\n" >a.csv &&
    printf "port-1,Silo du port,,,company,,,67482,48.58,7.79\n" >>a.csv &&
    printf "far,Ferme,,,company,,,57463,49.1,6.2\n" >>a.csv &&
    "$SYMBIOSE" import actors a.csv >out &&
    grep -q "1 actor placed" out &&
    "$SYMBIOSE" actors list --territory sxb --format csv | grep -q "^port-1," &&
    test "$(sqlite3 symbiose.db "SELECT coalesce(territory, '\'''\'') FROM actor WHERE id = '\''far'\''")" = ""
'

test_expect_success 'sirene keeps active establishments of the territory, with NAF 2025 and bands' '
    use_base &&
    "$SYMBIOSE" actors list --territory mul --format csv >a.csv &&
    test "$(tail -n +2 a.csv | wc -l)" = 5 &&
    grep -q "^sirene-78210000000127,CHIMIE DU RHIN SUD,78210000000127,20.14Z,company,mul," a.csv &&
    grep -q "^sirene-78210000000796,MAIRIE DE MULHOUSE,.*,public," a.csv &&
    ! grep -q "ATELIER FERME" a.csv &&
    ! grep -q "PAPETERIE" a.csv &&
    test "$(sqlite3 symbiose.db "SELECT naf25 || '\''|'\'' || tranche FROM actor_sirene WHERE actor_id = '\''sirene-78210000000127'\''")" = "20.14Y|12" &&
    test "$(sqlite3 symbiose.db "SELECT workforce FROM actor WHERE id = '\''sirene-78210000000127'\''")" = "20-49"
'

test_expect_success 'sirene converts Lambert-93 through PROJ (Mulhouse centre within 50 m)' '
    use_base &&
    lat=$(sqlite3 symbiose.db "SELECT lat FROM actor WHERE id = '\''sirene-78210000000127'\''") &&
    lon=$(sqlite3 symbiose.db "SELECT lon FROM actor WHERE id = '\''sirene-78210000000127'\''") &&
    awk -v a="$lat" -v o="$lon" "BEGIN { exit !((a - 47.7508) ^ 2 < 2e-7 && (o - 7.3389) ^ 2 < 4e-7) }"
'

test_expect_success 'a non-diffusible establishment has no name, SIRET, address or position anywhere' '
    use_base &&
    sqlite3 symbiose.db .dump >dump.sql &&
    ! grep -q 78210000000531 dump.sql &&
    ! grep -q "DE LA PAIX" dump.sql &&
    "$SYMBIOSE" actors list --format json >a.json &&
    grep -q "Établissement non diffusible" a.json &&
    test "$(sqlite3 symbiose.db "SELECT count(*) FROM actor a JOIN actor_sirene s ON s.actor_id = a.id WHERE s.diffusible = 0 AND (a.lat IS NOT NULL OR a.siret IS NOT NULL OR a.commune IS NOT NULL OR a.address IS NOT NULL)")" = 0 &&
    "$SYMBIOSE" pipeline list --territory mul --format csv | grep -q "^sirene-nd-[0-9a-f]*,Établissement non diffusible,"
'

test_expect_success 'sirene keeps the id of an actor that has the SIRET; a re-import updates' '
    "$SYMBIOSE" --quiet init >/dev/null &&
    "$SYMBIOSE" --quiet territory add mul "Mulhouse" --epci 200066009 &&
    printf "id,name,siret,naf,kind,territory,address,commune,lat,lon\n" >a.csv &&
    printf "mairie,Ville de Mulhouse,78210000000796,,public,mul,,68224,47.75,7.34\n" >>a.csv &&
    "$SYMBIOSE" --quiet import actors a.csv &&
    "$SYMBIOSE" import sirene "$FIX" --territory mul >out &&
    grep -q "5 establishments kept" out &&
    "$SYMBIOSE" import sirene "$FIX" --territory mul >out &&
    test "$(sqlite3 symbiose.db "SELECT count(*) FROM actor")" = 5 &&
    test "$(sqlite3 symbiose.db "SELECT count(*) FROM actor WHERE siret = '\''78210000000796'\''")" = 1 &&
    test "$(sqlite3 symbiose.db "SELECT name || '\''|'\'' || naf || '\''|'\'' || workforce FROM actor WHERE id = '\''mairie'\''")" = "Ville de Mulhouse|84.11Z|250-499"
'

# Bad SIRENE files: one broken field each, located, nothing imported.
sirene_bad() { # column value -> bad.csv with row 2 changed
    awk -F, -v OFS=, -v c="$1" -v v="$2" "NR == 1 { for (i = 1; i <= NF; i++) if (\$i == c) k = i } NR == 2 { \$k = v } { print }" "$FIX" >bad.csv
}

test_expect_success 'sirene: a bad SIRET, state, band or point is FILE:LINE:COLUMN, exit 2, nothing imported' '
    cp "$BASE/symbiose.db" symbiose.db && before=$(db_hash) &&
    sirene_bad siret 78210000000128 && expect_status 2 "$SYMBIOSE" import sirene bad.csv 2>err &&
    grep -q "^bad.csv:2:[0-9]*: error: SIRET .78210000000128. is invalid" err &&
    sirene_bad etatAdministratifEtablissement X && expect_status 2 "$SYMBIOSE" import sirene bad.csv 2>err &&
    grep -q "^bad.csv:2:[0-9]*: error: etatAdministratifEtablissement .X." err &&
    sirene_bad trancheEffectifsEtablissement 99 && expect_status 2 "$SYMBIOSE" import sirene bad.csv 2>err &&
    grep -q "^bad.csv:2:[0-9]*: error: trancheEffectifsEtablissement .99. is not an INSEE band" err &&
    sirene_bad coordonneeLambertAbscisseEtablissement 0 && expect_status 2 "$SYMBIOSE" import sirene bad.csv 2>err &&
    grep -q "^bad.csv:2:[0-9]*: error: x=0 y=6.74786e+06 is not a Lambert-93 point" err &&
    sirene_bad statutDiffusionEtablissement Z && expect_status 2 "$SYMBIOSE" import sirene bad.csv 2>err &&
    grep -q "^bad.csv:2:[0-9]*: error: statutDiffusionEtablissement .Z." err &&
    grep -q "nothing was imported" err &&
    test "$before" = "$(db_hash)"
'

test_expect_success 'sirene: a missing column, or a territory without communes, is refused' '
    use_base && before=$(db_hash) &&
    cut -d, -f1-5 "$FIX" >short.csv &&
    expect_status 2 "$SYMBIOSE" import sirene short.csv 2>err &&
    grep -q "^short.csv:1:1: error: missing required column .etatAdministratifEtablissement." err &&
    "$SYMBIOSE" --quiet territory add empty "Sans communes" &&
    before=$(db_hash) &&
    expect_status 2 "$SYMBIOSE" import sirene "$FIX" --territory empty 2>err &&
    grep -q "empty has no communes" err &&
    test "$before" = "$(db_hash)"
'

test_expect_success 'pipeline: dated changes by whom, declined needs a reason, history shown' '
    use_base &&
    "$SYMBIOSE" pipeline set sirene-78210000000127 contacted --date 2025-01-10 --by "Claire" &&
    "$SYMBIOSE" pipeline set sirene-78210000000127 rencontré --date 2025-02-10 &&
    expect_status 1 "$SYMBIOSE" pipeline set sirene-78210000000200 declined 2>err &&
    grep -q "needs --reason" err &&
    "$SYMBIOSE" pipeline set sirene-78210000000200 declined --reason "pas le temps" --date 2025-02-01 &&
    expect_status 2 "$SYMBIOSE" pipeline set nobody met 2>err && grep -q "no actor .nobody." err &&
    expect_status 1 "$SYMBIOSE" pipeline set sirene-78210000000127 maybe 2>err &&
    "$SYMBIOSE" pipeline show sirene-78210000000127 --format csv >h.csv &&
    grep -q "^sirene-78210000000127,2025-01-10,contacted,Claire," h.csv &&
    grep -q "^sirene-78210000000127,2025-02-10,met,tester," h.csv &&
    "$SYMBIOSE" pipeline list --territory mul --stage declined --format csv >l.csv &&
    test "$(tail -n +2 l.csv | wc -l)" = 1 && grep -q "pas le temps" l.csv
'

test_expect_success 'followup: no contact for N days, overdue actions, whom to visit first' '
    use_base &&
    "$SYMBIOSE" pipeline set sirene-78210000000127 met --date 2025-02-10 \
        --next "envoyer la fiche" --due 2025-03-01 &&
    "$SYMBIOSE" pipeline set sirene-78210000000614 contacted --date 2025-08-20 &&
    printf "actor_id,direction,code,description,quantity,unit,period,state,confidentiality\n" >f.csv &&
    printf "sirene-78210000000614,supply,03 01 05,sciure,800,t,year,solid,territory\n" >>f.csv &&
    printf "sirene-78210000000796,demand,03 01 05,chaufferie bois,500,t,year,solid,territory\n" >>f.csv &&
    "$SYMBIOSE" --quiet import flows f.csv && "$SYMBIOSE" --quiet match --territory mul >/dev/null &&
    "$SYMBIOSE" followup --territory mul --days 60 --format csv >fu.csv &&
    grep -q "^no_contact,sirene-78210000000127,CHIMIE DU RHIN SUD,met,203," fu.csv &&
    ! grep -q "^no_contact,sirene-78210000000614" fu.csv &&
    grep -q "^overdue,sirene-78210000000127,.*,184,.*envoyer la fiche" fu.csv &&
    grep "^visit_first," fu.csv >v.csv && test -s v.csv &&
    ! grep -q "^visit_first,sirene-78210000000127," v.csv &&
    grep -q "^visit_first,sirene-78210000000614,SCIERIE ANCIENNE,contacted,.*could supply" v.csv &&
    grep -q "^visit_first,sirene-78210000000796,MAIRIE DE MULHOUSE,identified,.*could take" v.csv &&
    grep -q "CO2e avoided" v.csv &&
    awk -F, "NR > 0 { print \$11 }" v.csv | sort -rn -c
'

test_expect_success 'events: add, participants, cards become flows and candidates, show' '
    use_base &&
    "$SYMBIOSE" event add --type atelier --title "Atelier ressources" --date 2025-03-15 \
        --territory mul --place "CCI Mulhouse" --organiser "Claire" >out &&
    grep -q "event 1 saved" out &&
    "$SYMBIOSE" event participants 1 --person "Élue à la transition" --role "ouverture" &&
    printf "actor_id,card,code,description,quantity,unit,person\n" >cards.csv &&
    printf "sirene-78210000000614,have,03 01 05,sciure,800,t,Paul\n" >>cards.csv &&
    printf "sirene-78210000000796,want,03 01 05,chaufferie bois,,,\n" >>cards.csv &&
    "$SYMBIOSE" import cards cards.csv --event 1 >out &&
    grep -q "2 cards imported" out &&
    "$SYMBIOSE" event notes 1 "Deux pistes de synergie" &&
    "$SYMBIOSE" event show 1 --format json >ev.json &&
    grep -q "\"notes\": \"Deux pistes de synergie\"" ev.json &&
    grep -q "\"card\": \"have\"" ev.json && grep -q "\"card\": \"want\"" ev.json &&
    grep -q "\"supplier\": \"SCIERIE ANCIENNE\"" ev.json &&
    "$SYMBIOSE" event participants 1 --format csv >p.csv && test "$(tail -n +2 p.csv | wc -l)" = 3 &&
    "$SYMBIOSE" event list --year 2025 --format csv | grep -q "^1,2025-03-15,workshop,Atelier ressources,mul," &&
    test "$("$SYMBIOSE" event list --year 2024 --format csv | wc -l)" = 1
'

test_expect_success 'cards: unknown actor, bad card kind and code are located, nothing imported' '
    use_base && "$SYMBIOSE" --quiet event add --type workshop --title W --territory mul &&
    before=$(db_hash) &&
    printf "actor_id,card,code,quantity,unit\n" >bad.csv &&
    printf "nobody,have,03 01 05,1,t\n" >>bad.csv &&
    printf "sirene-78210000000614,maybe,03 01 05,1,t\n" >>bad.csv &&
    printf "sirene-78210000000614,want,99 99 99,1,t\n" >>bad.csv &&
    expect_status 2 "$SYMBIOSE" import cards bad.csv --event 1 2>err &&
    grep -q "^bad.csv:2:1: error: unknown actor .nobody." err &&
    grep -q "^bad.csv:3:[0-9]*: error: card .maybe. is neither have" err &&
    grep -q "^bad.csv:4:[0-9]*: error: .*99 99 99" err &&
    expect_status 2 "$SYMBIOSE" import cards bad.csv --event 7 2>err && grep -q "no event 7" err &&
    test "$before" = "$(db_hash)"
'

test_expect_success 'barriers and levers: library of 40+ and 60+, categories, network query' '
    use_base &&
    "$SYMBIOSE" barrier load >out && grep -q "barriers loaded" out &&
    test "$("$SYMBIOSE" barrier list --format csv | tail -n +2 | wc -l)" -ge 40 &&
    test "$("$SYMBIOSE" lever list --format csv | tail -n +2 | wc -l)" -ge 60 &&
    for cat in time trust data regulation economics logistics governance technical; do
        test "$("$SYMBIOSE" barrier list --category $cat --format csv | tail -n +2 | wc -l)" -ge 3 || return 1
    done &&
    "$SYMBIOSE" barrier add trust-confidential-data --territory mul --date 2025-01-20 &&
    "$SYMBIOSE" barrier add trust-confidential-data --territory sxb --date 2024-05-02 &&
    "$SYMBIOSE" lever try neutral-third-party --territory sxb --barrier trust-confidential-data --result "en partie" --date 2024-06-01 &&
    "$SYMBIOSE" lever try confidentiality-charter --territory mul --barrier trust-confidential-data --result worked --date 2025-04-01 &&
    "$SYMBIOSE" lever try confidentiality-charter --territory sxb --barrier trust-confidential-data --result did_not --date 2024-07-01 &&
    "$SYMBIOSE" barrier levers trust-confidential-data --format csv >q.csv &&
    sed -n 2p q.csv | grep -q "^confidentiality-charter,.*,mul,.*,1,0,0,2.00,2025-04-01,Claire Martin,claire@example.org," &&
    sed -n 3p q.csv | grep -q "^neutral-third-party,.*,sxb,.*,0,1,0,1.00," &&
    sed -n 4p q.csv | grep -q "^confidentiality-charter,.*,sxb,.*,0,0,1,0.00," &&
    grep -q "^aggregated-results,Show only aggregated results,,," q.csv &&
    expect_status 2 "$SYMBIOSE" barrier add no-such --territory mul 2>err && grep -q "no barrier .no-such." err &&
    expect_status 1 "$SYMBIOSE" lever try neutral-third-party --territory mul --result maybe 2>err
'

test_expect_success 'barrier and lever files: bad category or unknown barrier located, nothing loaded' '
    use_base && before=$(db_hash) &&
    printf "code,category,label_en,label_fr,description_fr,basis\nb1,weather,Rain,Pluie,,test\n" >b.csv &&
    expect_status 2 "$SYMBIOSE" barrier load --barriers b.csv 2>err &&
    grep -q "^b.csv:2:4: error: category .weather. is not one of" err &&
    test "$before" = "$(db_hash)" &&
    printf "code,label_en,label_fr,description_fr,barriers,basis\nl1,L,L,d,nope,test\n" >l.csv &&
    expect_status 2 "$SYMBIOSE" barrier load --levers l.csv 2>err &&
    grep -q "^l.csv:2:[0-9]*: error: unknown barrier .nope." err &&
    test "$("$SYMBIOSE" lever list --format csv | grep -c "^l1,")" = 0
'

test_expect_success 'network: indicators by territory and year, with the total' '
    use_base &&
    "$SYMBIOSE" pipeline set sirene-78210000000127 contacted --date 2024-11-10 &&
    "$SYMBIOSE" pipeline set sirene-78210000000127 met --date 2025-02-10 &&
    "$SYMBIOSE" --quiet event add --type seminar --title "Séminaire réseau" --date 2025-06-01 --territory sxb &&
    "$SYMBIOSE" event participants 1 --person "Animateur A" &&
    "$SYMBIOSE" event participants 1 --person "Animateur B" &&
    "$SYMBIOSE" barrier add reg-by-product --territory sxb --date 2025-03-01 &&
    "$SYMBIOSE" lever try byproduct-file --territory sxb --barrier reg-by-product --result worked --date 2025-05-01 &&
    "$SYMBIOSE" network --year 2025 --format csv >n.csv &&
    grep -q "^mul,Mulhouse Alsace Agglomération,2025,5,4,0,1,0,0,0,0,0,0," n.csv &&
    grep -q "^sxb,Port de Strasbourg,2025,0,0,0,0,0,0,0,0,1,2,.*,1,1,1$" n.csv &&
    grep -q "^\*,network,2025,5,4,0,1,0,0,0,0,1,2," n.csv &&
    "$SYMBIOSE" network --year 2024 --format csv | grep -q "^mul,.*,2024,5,4,1,0," &&
    "$SYMBIOSE" network --format json | grep -q "\"territory\":\"sxb\".*\"levers_worked\":1}"
'

test_expect_success 'report: the levers table names the facilitator to call about each lever' '
    use_base && "$SYMBIOSE" barrier load >/dev/null &&
    "$SYMBIOSE" lever try confidentiality-charter --territory mul --barrier trust-confidential-data --result worked --date 2025-04-01 &&
    "$SYMBIOSE" report --network --year 2025 --format json >r.json &&
    python3 - <<PY
import json
r = json.load(open("r.json"))
rows = r["tables"]["levers"]["rows"]
assert any(x["lever"] == "confidentiality-charter" and x["territory"] == "mul" and x["result"] == "worked"
           and x["facilitator"] == "Claire Martin" and x["email"] == "claire@example.org" for x in rows), rows
PY
'

test_expect_success 'candidates are dated: a year counts those first detected in it; a re-run keeps the date' '
    use_base &&
    printf "id,name,siret,naf,kind,territory,address,commune,lat,lon\nh1,Fonderie,,,company,mul,,,47.75,7.33\nh2,Serres,,,company,mul,,,47.76,7.34\nh3,Piscine,,,company,mul,,,47.75,7.35\n" >a.csv &&
    printf "actor_id,direction,code,description,quantity,unit,period,state,confidentiality,months,temperature_c\nh1,supply,energy.heat.lt,Chaleur,5000,MWh,year,liquid,network,,50\nh2,demand,energy.heat.lt,Chauffage,3000,MWh,year,liquid,network,,40\nh3,demand,energy.heat.lt,Bassins,1000,MWh,year,liquid,network,,30\n" >f.csv &&
    "$SYMBIOSE" --quiet import actors a.csv >/dev/null && "$SYMBIOSE" --quiet import flows f.csv >/dev/null &&
    before=$(date -u +%F) &&
    "$SYMBIOSE" --quiet match --territory mul >/dev/null && after=$(date -u +%F) &&
    n=$(sqlite3 symbiose.db "SELECT count(*) FROM candidate WHERE territory = '\''mul'\'' AND active = 1") &&
    test "$n" -ge 2 &&
    test "$(sqlite3 symbiose.db "SELECT count(*) FROM candidate WHERE first_seen IN ('\''$before'\'', '\''$after'\'')")" = "$n" &&
    sqlite3 symbiose.db "UPDATE candidate SET first_seen = '\''2024-03-01'\'' WHERE rowid = (SELECT min(rowid) FROM candidate)" &&
    "$SYMBIOSE" --quiet match --territory mul >/dev/null &&
    test "$(sqlite3 symbiose.db "SELECT count(*) FROM candidate WHERE first_seen = '\''2024-03-01'\''")" = 1 &&
    "$SYMBIOSE" network --year 2024 --format json >n24.json &&
    "$SYMBIOSE" network --year 2023 --format json >n23.json &&
    "$SYMBIOSE" report --territory mul --year 2024 --format json >r24.json &&
    python3 - <<PY
import json
def cands(f):
    m = [x for x in json.load(open(f)) if x["territory"] == "mul"][0]
    return m["cand_proposed"] + m["cand_accepted"] + m["cand_rejected"]
assert cands("n24.json") == 1 and cands("n23.json") == 0, (cands("n24.json"), cands("n23.json"))
r = json.load(open("r24.json"))
f = {(x["scope"], x["key"]): x["value"] for x in r["figures"]}
assert f[("mul", "candidates.detected_in_year")] == 1, f[("mul", "candidates.detected_in_year")]
assert sum(f[("mul", "candidates." + k)] for k in ("substitution", "mutualisation", "prospective")) == 1
assert [x["first_seen"] for x in r["tables"]["candidates"]["rows"]] == ["2024-03-01"], r["tables"]["candidates"]
PY
'

test_done
