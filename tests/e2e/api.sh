#!/bin/sh
# api.sh - the JSON API of docs/api.md on a real server (127.0.0.1, a free
# port) over a real SQLite file, with curl: every route, every error status,
# pagination and sorting, a run with progress, a cancelled run, and a clean
# stop on SIGTERM.
. "$(dirname "$0")/lib.sh"
export SYMBIOSE_KB="$TOP/data"
EX=$TOP/examples/zone-portuaire
DB=$SCRATCH/api.db
S="$SYMBIOSE --db $DB -q"
$S init >/dev/null 2>&1
$S import territories "$EX/territory.csv" >/dev/null
$S import actors "$EX/actors.csv" >/dev/null
$S import flows "$EX/flows.csv" >/dev/null
$S match --territory zp --format json >"$SCRATCH/match.json"

serve_start "$DB"

J="Content-Type: application/json"
enc() { jq -rn --arg v "$1" '$v|@uri'; }

test_expect_success 'the server prints its address and serves the application' '
    test -n "$U" && is 200 GET / && grep -q "<html" out.json &&
    is 200 GET /api/config && q ".version == \"0.1.0\" and .tile_url == null and .default_lang == \"fr\"" &&
    is 404 GET /no/such/file && is 404 GET /api/nothing && q ".error.status == 404"
'

test_expect_success 'territories: list, one, summary, 404' '
    is 200 GET /api/territories && q ".total == 1 and .items[0].code == \"zp\"" &&
    is 200 GET /api/territories/zp && q ".name | test(\"portuaire\")" &&
    is 200 GET /api/territories/zp/summary &&
    q ".actors == 46 and .flows > 200 and .candidates.by_kind.substitution > 0 and .synergies.by_stage.idea == 0" &&
    is 404 GET /api/territories/nowhere
'

test_expect_success 'actors: pages, sorting, filters and their 400s' '
    is 200 GET "/api/actors?territory=zp&per_page=10&page=2&sort=-name" &&
    q ".total == 46 and .page == 2 and .per_page == 10 and (.items | length) == 10" &&
    jq -r ".items[].name" out.json >p2 && sort -r p2 | cmp - p2 &&
    is 200 GET "/api/actors?per_page=10&page=1&sort=-name" && jq -r ".items[9].name" out.json >last &&
    test "$(cat last)" \> "$(head -n 1 p2)" &&
    is 200 GET "/api/actors?per_page=500&page=5" && q ".items == [] and .total == 46" &&
    is 200 GET "/api/actors?q=papeterie" && q ".total >= 1 and (.items[0].name | test(\"apeterie\"))" &&
    is 200 GET "/api/actors?naf=20" && q "[.items[].naf | startswith(\"20\")] | all" &&
    is 400 GET "/api/actors?per_page=501&page=0&sort=colour" &&
    q ".error.fields.per_page and .error.fields.page and .error.fields.sort"
'

test_expect_success 'a list filtered on an unknown territory or actor is a 404, as in the CLI' '
    for l in actors flows candidates synergies plans; do
        is 404 GET "/api/$l?territory=nowhere" && q ".error.status == 404" || return 1
    done &&
    is 404 GET "/api/flows?actor=nobody" && is 404 GET "/api/candidates?actor=nobody" &&
    is 200 GET "/api/flows?territory=zp&actor=zp-papeterie" && q ".total > 0" &&
    is 200 GET "/api/actors?territory=" && q ".total == 46"
'

test_expect_success 'an actor with its NAF label, flows, contacts, candidates' '
    is 200 GET /api/actors/zp-papeterie &&
    q ".id == \"zp-papeterie\" and (.naf_label | type) == \"string\" and (.flows | length) > 0 and (.candidates | length) > 0 and .contacts == [] and .synergies == []" &&
    q "all(.flows[]; .actor_id == \"zp-papeterie\") and all(.candidates[]; .supplier_id == \"zp-papeterie\" or .receiver_id == \"zp-papeterie\")" &&
    is 404 GET /api/actors/nobody
'

test_expect_success 'create, change and refuse actors with the importer rules' '
    is 201 POST /api/actors -H "$J" -d "{\"id\":\"zp-new\",\"name\":\"Usine\",\"naf\":\"20.14Z\",\"kind\":\"company\",\"territory\":\"zp\",\"commune\":\"67482\",\"lat\":48.6,\"lon\":7.7}" &&
    q ".id == \"zp-new\" and .lat == 48.6" &&
    is 409 POST /api/actors -H "$J" -d "{\"id\":\"zp-new\",\"name\":\"Again\"}" &&
    is 400 POST /api/actors -H "$J" -d "{\"id\":\"zp-bad\",\"name\":\"X\",\"siret\":\"30345780800011\",\"naf\":\"99.99Z\",\"territory\":\"zp\"}" &&
    q ".error.fields.siret and .error.fields.naf" &&
    is 400 POST /api/actors -H "$J" -d "{\"id\":\"zp-bad\",\"colour\":\"red\"}" && q ".error.fields.colour" &&
    is 200 PATCH /api/actors/zp-new -H "$J" -d "{\"name\":\"Usine renommée\"}" && q ".name == \"Usine renommée\" and .naf == \"20.14Z\"" &&
    is 400 PATCH /api/actors/zp-new -H "$J" -d "{\"kind\":\"martian\"}" && q ".error.fields.kind" &&
    is 404 PATCH /api/actors/nobody -H "$J" -d "{\"name\":\"x\"}" &&
    is 415 POST /api/actors -d "id=x" &&
    is 400 POST /api/actors -H "$J" -d "{not json" &&
    test "$($SYMBIOSE --db $DB actors list --format csv | grep -c "^zp-new,Usine renommée,")" = 1
'

test_expect_success 'contacts and flows; deleting with the command line rules (409 with dependents, ?cascade=1)' '
    is 201 POST /api/actors/zp-new/contacts -H "$J" -d "{\"name\":\"Mme Dupont\",\"email\":\"d@example.fr\"}" &&
    q ".items[0].name == \"Mme Dupont\"" &&
    is 200 GET /api/actors/zp-new/contacts && q ".total == 1" &&
    is 400 POST /api/actors/zp-new/contacts -H "$J" -d "{\"email\":\"x@y.fr\"}" && q ".error.fields.name" &&
    is 201 POST /api/flows -H "$J" -d "{\"actor_id\":\"zp-new\",\"direction\":\"supply\",\"code\":\"10 01 05\",\"description\":\"gypse\",\"quantity\":1200,\"unit\":\"t\",\"period\":\"year\",\"state\":\"solid\",\"confidentiality\":\"territory\"}" &&
    q ".id == \"zp-new/supply/10 01 05\" and .qty_year == 1200 and .months == \"1-12\"" &&
    is 200 GET "/api/flows/$(enc "zp-new/supply/10 01 05")" && q ".unit == \"t\"" &&
    is 400 PATCH "/api/flows/$(enc "zp-new/supply/10 01 05")" -H "$J" -d "{\"quantity\":\"2,5\",\"unit\":\"kt\"}" && q ".error.fields.unit" &&
    is 200 PATCH "/api/flows/$(enc "zp-new/supply/10 01 05")" -H "$J" -d "{\"quantity\":\"2,5\",\"period\":\"month\"}" && q ".qty_year == 30" &&
    is 400 POST /api/flows -H "$J" -d "{\"actor_id\":\"nobody\",\"direction\":\"up\",\"code\":\"99 99\"}" &&
    q ".error.fields.actor_id and .error.fields.direction" &&
    is 200 GET "/api/flows?actor=zp-new" && q ".total == 1" &&
    is 200 GET "/api/flows?territory=zp&direction=demand&sort=-quantity&per_page=5" &&
    q "[.items[].direction == \"demand\"] | all" && jq ".items[].quantity" out.json >qs && sort -rg qs | cmp - qs &&
    is 400 GET "/api/flows?direction=sideways" && q ".error.fields.direction" &&
    is 200 GET /api/actors/zp-new/contacts && cid=$(jq -r ".items[0].id" out.json) &&
    is 409 DELETE /api/actors/zp-new && q ".error.fields.flows == 1" &&
    is 200 GET /api/actors/zp-new &&
    is 400 DELETE "/api/actors/zp-new?cascade=maybe" && q ".error.fields.cascade" &&
    is 200 DELETE "/api/contacts/$cid" && q ".deleted == \"contact\"" &&
    is 404 DELETE "/api/contacts/$cid" &&
    is 201 POST /api/flows -H "$J" -d "{\"actor_id\":\"zp-new\",\"direction\":\"demand\",\"code\":\"10 01 05\",\"quantity\":5,\"unit\":\"t\",\"period\":\"year\"}" &&
    is 200 DELETE "/api/flows/$(enc "zp-new/demand/10 01 05")" && q ".deleted == \"flow\"" &&
    is 404 GET "/api/flows/$(enc "zp-new/demand/10 01 05")" &&
    is 200 DELETE "/api/actors/zp-new?cascade=1" && q ".deleted == \"actor\" and .flows == 1" &&
    is 404 GET /api/actors/zp-new && is 404 DELETE /api/actors/zp-new &&
    test "$($SYMBIOSE --db $DB actors list --format csv | grep -c "^zp-new,")" = 0
'

test_expect_success 'nomenclature search, accent-insensitive, by kind' '
    is 200 GET "/api/nomenclature?q=chaleur&limit=5" && q "(.items | length) >= 1 and (.items | length) <= 5" &&
    is 200 GET "/api/nomenclature?q=cendres&kind=low&limit=3" && q "[.items[].kind == \"low\"] | all" &&
    is 400 GET "/api/nomenclature?q=x&kind=stars" && q ".error.fields.kind" &&
    is 400 GET "/api/nomenclature" && q ".error.fields.q"
'

test_expect_success 'a candidate carries its regulatory checklist, the same as match --format json' '
    K="S|zp-uve|zp-plateforme-btp|19 01 12|identity" &&
    is 200 GET "/api/candidates/$(enc "$K")" &&
    q "[.checklist[] | select(.topic == \"status\" and .party == \"both\" and (.act | test(\"18 novembre 2011\")))] | length == 1" &&
    q "[.checklist[] | select(.topic == \"operation\" and (.act | test(\"R12\")))] | length == 1" &&
    jq -c .checklist out.json >cl.api &&
    jq -c --arg k "$K" ".[] | select(.key == \$k) | .checklist" "$SCRATCH/match.json" >cl.cli &&
    test -s cl.cli && cmp cl.api cl.cli
'

test_expect_success 'candidates: filters, sorting, one, decisions and synergies' '
    is 200 GET "/api/candidates?territory=zp&kind=substitution&min_score=0.5&max_km=20&sort=-score&per_page=20" &&
    q ".total > 0 and ([.items[] | .kind == \"substitution\" and .score >= 0.5 and .distance_km <= 20] | all)" &&
    jq ".items[].score" out.json >sc && sort -rg sc | cmp - sc &&
    K=$(jq -r ".items[0].key" out.json) && E=$(enc "$K") &&
    is 200 GET "/api/candidates/$E" && q ".explanation | length > 10" &&
    is 400 POST "/api/candidates/$E/decision" -H "$J" -d "{\"status\":\"rejected\"}" && q ".error.fields.reason" &&
    is 400 POST "/api/candidates/$E/decision" -H "$J" -d "{\"status\":\"maybe\"}" && q ".error.fields.status" &&
    is 404 POST "/api/candidates/nokey/decision" -H "$J" -d "{\"status\":\"accepted\"}" &&
    is 200 POST "/api/candidates/$E/decision" -H "$J" -d "{\"status\":\"accepted\"}" && q ".status == \"accepted\" and .synergy_id == 1" &&
    is 200 GET "/api/candidates?status=accepted" && q ".total == 1" &&
    is 400 GET "/api/candidates?kind=magic&min_score=high" && q ".error.fields.kind" &&
    is 200 GET "/api/synergies?territory=zp&stage=idea" && q ".total == 1 and .items[0].candidate_key == \"$K\"" &&
    is 200 PATCH /api/synergies/1 -H "$J" -d "{\"stage\":\"study\"}" && q ".stage == \"study\" and (.history | length) == 2" &&
    is 409 PATCH /api/synergies/1 -H "$J" -d "{\"stage\":\"running\"}" &&
    is 400 PATCH /api/synergies/1 -H "$J" -d "{\"stage\":\"abandoned\"}" && q ".error.fields.reason" &&
    is 200 PATCH /api/synergies/1 -H "$J" -d "{\"stage\":\"abandoned\",\"reason\":\"trop loin\"}" &&
    is 200 GET /api/synergies/1 && q ".stage == \"abandoned\" and .reason == \"trop loin\" and (.history | length) == 3 and (.history[2].at | test(\"^20[0-9-]+T[0-9:]+Z$\"))" &&
    is 404 GET /api/synergies/99 && is 400 GET "/api/synergies?stage=done" &&
    is 200 GET /api/territories/zp/summary && q ".synergies.by_stage.abandoned == 1 and .candidates.by_status.accepted == 1"
'

test_expect_success 'a detection run reports progress to the end, then a plan run' '
    is 202 POST /api/runs -H "$J" -d "{\"type\":\"match\",\"territory\":\"zp\"}" && q ".state == \"running\" and .progress >= 0" &&
    R=$(jq -r .id out.json) && n=0 &&
    while is 200 GET /api/runs/$R && jq -e ".state == \"running\"" out.json >/dev/null && [ $n -lt 600 ]; do sleep 0.1; n=$((n + 1)); done &&
    q ".state == \"done\" and .progress == 1 and .result.candidates > 0 and .type == \"match\"" &&
    is 202 POST /api/runs -H "$J" -d "{\"type\":\"plan\",\"territory\":\"zp\",\"objective\":\"co2e\"}" && R=$(jq -r .id out.json) && n=0 &&
    while is 200 GET /api/runs/$R && jq -e ".state == \"running\"" out.json >/dev/null && [ $n -lt 600 ]; do sleep 0.1; n=$((n + 1)); done &&
    q ".state == \"done\" and .result.plan_id == 1" &&
    is 200 GET "/api/plans?territory=zp" && q ".total == 1 and .items[0].objective == \"co2e\"" &&
    is 200 GET /api/plans/1 && q "(.lines | length) > 0 and (.lines[0].sources | length) > 0" &&
    is 404 GET /api/plans/42 && is 404 GET /api/runs/r999 &&
    is 400 POST /api/runs -H "$J" -d "{\"type\":\"dance\"}" && q ".error.fields.type" &&
    is 404 POST /api/runs -H "$J" -d "{\"type\":\"match\",\"territory\":\"nowhere\"}"
'

# keys CLIJSON APIJSON JQPATH: the CLI's keys (first row) and the API's (at JQPATH) are the same, in order.
same_keys() {
    jq -c ".[0] | keys_unsorted" "$1" >cli.keys && jq -c "$3 | keys_unsorted" "$2" >api.keys &&
    test "$(cat cli.keys)" != null && cmp cli.keys api.keys || { echo "CLI $(cat cli.keys)" >&2; echo "API $(cat api.keys)" >&2; return 1; }
}

test_expect_success 'the CLI --format json and the API name the fields of a record alike' '
    S="$SYMBIOSE --db $DB -q" &&
    $S territory list --format json >t.json && is 200 GET /api/territories && same_keys t.json out.json ".items[0]" &&
    $S actors list --format json >a.json && is 200 GET "/api/actors?per_page=1" && same_keys a.json out.json ".items[0]" &&
    is 200 GET /api/actors/zp-papeterie && same_keys a.json out.json "del(.naf_label, .flows, .contacts, .candidates, .synergies)" &&
    $S flows list --format json >f.json && is 200 GET "/api/flows?per_page=1" && same_keys f.json out.json ".items[0]" &&
    $S plan list --format json >pl.json && is 200 GET /api/plans && same_keys pl.json out.json ".items[0]" &&
    $S plan show 1 --format json >p.json && is 200 GET /api/plans/1 && same_keys p.json out.json ".lines[0]" &&
    jq -e "[.[] | select(.line == \"synergy\")] | length == $(jq ".lines | length" out.json)" p.json >/dev/null &&
    jq -e "(.[0].gross_euros - $(jq ".lines[0].gross_euros" out.json) | . * . < 0.0001) and .[0].gross_euros != 0 and .[0].status == \"new\"" p.json >/dev/null &&
    jq -e ".[] | select(.line == \"total\") | .co2e_low > 0 and .co2e_high > .co2e_low and .euros_high > .euros_low" p.json >/dev/null
'

# The server here speaks English (no French LANG): "lang" of a run still gives
# French explanations, as the web application (French by default) asks.
test_expect_success 'a detection run writes the explanations in the language it asks (lang fr|en)' '
    run() { is 202 POST /api/runs -H "$J" -d "{\"type\":\"match\",\"territory\":\"zp\",\"lang\":\"$1\"}" &&
        R=$(jq -r .id out.json) && n=0 &&
        while is 200 GET /api/runs/$R && jq -e ".state == \"running\"" out.json >/dev/null && [ $n -lt 600 ]; do sleep 0.1; n=$((n + 1)); done &&
        q ".state == \"done\""; } &&
    run fr && is 200 GET "/api/candidates?territory=zp&kind=substitution&per_page=5" &&
    q "(.items | length) > 0 and all(.items[]; .explanation | test(\"km par la route\"))" &&
    run en && is 200 GET "/api/candidates?territory=zp&kind=substitution&per_page=5" &&
    q "all(.items[]; .explanation | test(\"km by road\"))" &&
    is 400 POST /api/runs -H "$J" -d "{\"type\":\"match\",\"lang\":\"de\"}" && q ".error.fields.lang"
'

test_expect_success 'maps and the sankey diagram' '
    is 200 GET "/api/geo/actors?territory=zp" && q ".type == \"FeatureCollection\" and (.features | length) == 46 and .features[0].geometry.type == \"Point\"" &&
    is 200 GET "/api/geo/links?territory=zp&kind=substitution" &&
    q "(.features | length) > 0 and ([.features[] | .geometry.type == \"LineString\" and .properties.kind == \"substitution\"] | all)" &&
    is 200 GET "/api/geo/communes?territory=zp" && q "(.features | length) > 5 and (.features[0].properties.name | length) > 0" &&
    is 404 GET "/api/geo/actors?territory=nowhere" && is 404 GET "/api/geo/communes?territory=nowhere"
'

# Links come in pages (docs/api.md): a page is bounded whatever the filter, and the pages
# together draw every link of the territory once.
test_expect_success 'map links: pages with total, bounded, 404 for an unknown territory' '
    is 200 GET "/api/candidates?territory=zp&per_page=1" && N=$(jq .total out.json) && test "$N" -gt 20 &&
    is 200 GET "/api/geo/links?territory=zp" && q ".total == $N and .page == 1 and .per_page == 2000" &&
    jq "[.features[].properties.key]" out.json >all.json && test "$(jq length all.json)" -gt 20 &&
    p=1 && : >keys && while [ $(( (p - 1) * 7 )) -lt "$N" ]; do
        { is 200 GET "/api/geo/links?territory=zp&per_page=7&page=$p" && q ".total == $N and .per_page == 7 and (.features | length) <= 7" &&
            jq -r ".features[].properties.key" out.json >>keys; } || exit 1
        p=$((p + 1)); done &&
    sort keys >sk && test "$(uniq -d sk | wc -l)" -eq 0 && jq -r ".[]" all.json | sort | cmp - sk &&
    is 200 GET "/api/geo/links?territory=zp&min_score=2" && q ".total == 0 and .features == []" &&
    is 400 GET "/api/geo/links?per_page=2001" && q ".error.fields.per_page" &&
    is 404 GET "/api/geo/links?territory=nowhere" && q ".error.message | test(\"nowhere\")"
'

test_expect_success 'the sankey diagram' '
    is 200 GET "/api/sankey?territory=zp&unit=t" && q "(.nodes | length) > 1 and (.links | length) > 0 and ([.links[] | .source != .target] | all)" &&
    is 400 GET "/api/sankey?unit=kg" && q ".error.fields.unit"
'

test_expect_success 'CSV uploads: 422 with every error and nothing imported, then 200' '
    printf "id,name,siret,naf,kind,territory,address,commune,lat,lon\nq1,Q,30345780800011,,company,zp,,,48,7\nq2,R,,,company,nope,,,48,7\n" >bad.csv &&
    is 422 POST "/api/import/actors" -H "Content-Type: text/csv" --data-binary @bad.csv &&
    q "(.error.errors | length) == 2 and .error.errors[0].line == 2 and .error.errors[0].column == \"siret\" and .error.errors[0].field == 3 and .error.errors[1].column == \"territory\"" &&
    is 404 GET /api/actors/q1 &&
    printf "id,name,siret,naf,kind,territory,address,commune,lat,lon\nq1,Q,,,company,zp,,,48,7\n" >ok.csv &&
    is 200 POST "/api/import/actors" -H "Content-Type: text/csv" --data-binary @ok.csv && q ".imported == 1" &&
    printf "actor_id,direction,code,description,quantity,unit,period,state,confidentiality\nq1,supply,10 01 05,x,5,t,year,solid,public\n" >f.csv &&
    is 200 POST "/api/import/flows" -H "Content-Type: text/csv" --data-binary @f.csv && q ".imported == 1" &&
    is 415 POST "/api/import/flows" -H "$J" --data-binary @f.csv
'

test_expect_success 'wrong methods are 405 with Allow; large bodies 413' '
    curl -s -D h -o out.json -X PUT "$U/api/actors" && grep -qi "^Allow: GET, POST" h && q ".error.status == 405" &&
    is 405 DELETE /api/territories && is 405 POST /api/config &&
    head -c 1100000 /dev/zero | tr "\\0" a >big && is 413 POST /api/runs -H "$J" --data-binary @big &&
    head -c 17000000 /dev/zero | tr "\\0" a >bigger && is 413 POST /api/import/actors -H "Content-Type: text/csv" --data-binary @bigger
'

test_expect_success 'a long detection is cancelled' '
    $SYMBIOSE -q gen --establishments 100000 --towns 2000 --out g >/dev/null &&
    $S import actors g/actors.csv >/dev/null && $S import flows g/flows.csv >/dev/null &&
    is 202 POST /api/runs -H "$J" -d "{\"type\":\"match\"}" && R=$(jq -r .id out.json) &&
    is 202 DELETE /api/runs/$R && n=0 &&
    while is 200 GET /api/runs/$R && jq -e ".state == \"running\"" out.json >/dev/null && [ $n -lt 600 ]; do sleep 0.1; n=$((n + 1)); done &&
    q ".state == \"cancelled\" and (.message | test(\"cancelled\"))" &&
    is 200 GET "/api/candidates?territory=zp&per_page=1" && q ".total > 0"
'

test_expect_success 'a run from the web reads no knowledge file and sees a local route added meanwhile' '
    cp -r "$TOP/data" "$SCRATCH/kb" &&
    $SYMBIOSE --db "$DB" --kb "$SCRATCH/kb" serve --listen 127.0.0.1:0 >serve2.out 2>serve2.err &
    P2=$! &&
    i=0 && while ! grep -q "^listening on" serve2.out && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done &&
    U2=$(sed -n "s/^listening on //p" serve2.out) && test -n "$U2" &&
    rm -rf "$SCRATCH/kb" &&
    $SYMBIOSE --db "$DB" knowledge set --territory zp route R279 --strength 0.9 \
        --reference "api.sh: confirmed on site" &&
    curl -s -o run.json -X POST -H "$J" -d "{\"type\":\"match\",\"territory\":\"zp\"}" "$U2/api/runs" &&
    R=$(jq -r .id run.json) && i=0 &&
    while curl -s "$U2/api/runs/$R" >run.json && jq -e ".state == \"running\"" run.json >/dev/null &&
        [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done &&
    jq -e ".state == \"done\"" run.json >/dev/null &&
    curl -s "$U2/api/candidates?territory=zp&per_page=500" >c.json &&
    jq -e "[.items[] | select(.rule == \"R279\")] | length > 0 and all(.explanation | test(\"local to this territory\"))" c.json >/dev/null &&
    $SYMBIOSE --db "$DB" knowledge delete --territory zp route R279 &&
    kill $P2 && wait $P2
'

test_expect_success 'SIGTERM stops the server cleanly' '
    kill -TERM $PID && n=0 &&
    while kill -0 $PID 2>/dev/null && [ $n -lt 300 ]; do sleep 0.1; n=$((n + 1)); done &&
    ! kill -0 $PID 2>/dev/null && grep -q "^SIGTERM: stopping" "$SCRATCH/serve.out" &&
    grep -q "^stopped" "$SCRATCH/serve.out" && test ! -s "$SCRATCH/serve.err" &&
    ! curl -s -m 2 "$U/api/config" && test "$(sqlite3 $DB "PRAGMA integrity_check")" = ok
'

test_done
