#!/bin/sh
# local_knowledge.sh - symbiose knowledge list|add|set|delete (a territory's own routes,
# profile rows and factors over the shipped files), "local" in explanations, and the
# technical-rejection penalty (max(0.5, 0.8^n) on the route's strength in the territory).
. "$(dirname "$0")/lib.sh"

export SYMBIOSE_KB="$TOP/data"
EX=$TOP/examples/kalundborg

setup() {
    $SYMBIOSE --db k.db --quiet init >/dev/null &&
    $SYMBIOSE --db k.db --quiet import territories "$EX/territory.csv" &&
    $SYMBIOSE --db k.db --quiet import actors "$EX/actors.csv" &&
    $SYMBIOSE --db k.db --quiet import flows "$EX/flows.csv"
}

# score KEY: the candidate's score in the JSON output of match (the JSON is one object per line).
score() {
    $SYMBIOSE --db k.db --quiet match --territory kalundborg --format json --all-statuses --max 100 |
        grep -F "\"key\":\"$1\"" | sed 's/.*"score":\([0-9.]*\).*/\1/'
}

test_expect_success 'add, list, set and delete local rows; errors are clear' '
    setup &&
    $SYMBIOSE --db k.db knowledge add --territory kalundborg route R900 --supply "05 07 02" \
        --receiver 20.13 --strength 0.4 --label "Sulphur to a local acid maker" --reference "site visit 2026" &&
    $SYMBIOSE --db k.db knowledge set --territory kalundborg profile 19.20 --direction supply \
        --code energy.fuel.syngas --intensity 100 --unit MWh --reference "refinery energy audit" &&
    $SYMBIOSE --db k.db knowledge add --territory kalundborg factor virgin:virg.local --prefix material.mineral.gypsum \
        --unit t --co2e 120 --eur 20 --reference "local quarry" &&
    $SYMBIOSE --db k.db knowledge list --territory kalundborg --format csv >list.csv &&
    test "$(wc -l <list.csv)" -eq 4 && grep -q "^route,R900," list.csv &&
    grep -q "^profile,19.20|supply|energy.fuel.syngas," list.csv && grep -q "^factor,virgin:virg.local," list.csv &&
    expect_status 2 $SYMBIOSE --db k.db knowledge add --territory kalundborg route R900 --supply "05 07 02" \
        --receiver 20.13 --strength 0.4 --reference x 2>err && grep -q "already exists; use .symbiose knowledge set" err &&
    expect_status 2 $SYMBIOSE --db k.db knowledge add --territory kalundborg route R223 --reference x 2>err &&
    expect_status 2 $SYMBIOSE --db k.db knowledge add --territory kalundborg route R901 --supply "05 07 02" \
        --receiver 20.13 --strength 2 --reference x 2>err && grep -q "strength must be a number in (0, 1\]" err &&
    expect_status 2 $SYMBIOSE --db k.db --lang fr knowledge add --territory kalundborg route R901 \
        --supply "05 07 02" --receiver 20.13 --strength 2 --reference x 2>err &&
    grep -q "strength doit être un nombre dans \]0, 1\]" err &&
    expect_status 1 $SYMBIOSE --db k.db --lang fr knowledge frob --territory kalundborg 2>err && grep -q "« knowledge frob » inconnu" err &&
    expect_status 1 $SYMBIOSE --db k.db knowledge add route R902 --supply x 2>err && grep -q "needs --territory" err &&
    expect_status 2 $SYMBIOSE --db k.db knowledge add --territory nowhere route R902 --supply x --reference y 2>err &&
    $SYMBIOSE --db k.db knowledge delete --territory kalundborg route R900 &&
    expect_status 2 $SYMBIOSE --db k.db knowledge delete --territory kalundborg route R900 2>err &&
    grep -q "no local route .R900." err &&
    $SYMBIOSE --db k.db knowledge list --territory kalundborg --kind route --format csv >l2.csv &&
    test "$(wc -l <l2.csv)" -eq 1
'

test_expect_success 'a local override of a shipped route is used and shown as local' '
    setup &&
    $SYMBIOSE --db k.db --quiet match --territory kalundborg --format json >before.json &&
    ! grep -q "local to this territory" before.json &&
    $SYMBIOSE --db k.db knowledge set --territory kalundborg route R481 --strength 0.9 \
        --reference "Gyproc confirmed its dryers take refinery gas" &&
    $SYMBIOSE --db k.db --quiet match --territory kalundborg --format json >after.json &&
    grep -F "\"rule\":\"R481\"" after.json >r481 &&
    grep -q "Route R481 (local to this territory: Refinery fuel gas to plasterboard dryers, strength 0.9; ref: Gyproc confirmed" r481 &&
    $SYMBIOSE --db k.db --quiet match --format json >all.json &&
    ! grep -q "local to this territory" all.json
'

test_expect_success 'a local profile row is used and named in the explanation' '
    setup &&
    $SYMBIOSE --db k.db knowledge set --territory kalundborg profile 19.20 --direction supply \
        --code energy.fuel.syngas --intensity 100 --unit MWh --reference "refinery energy audit" &&
    $SYMBIOSE --db k.db --quiet match --territory kalundborg --format json >m.json &&
    grep -F "\"key\":\"P|kb-refinery|kb-asnaes|energy.fuel.syngas|R480\"" m.json >c &&
    grep -q "inferred supply of energy.fuel.syngas (Syngas / process off-gas), 35000 MWh/yr" c &&
    grep -q "inferred from the local sector profile of NACE 19.20" c
'

test_expect_success 'technical rejections lower a route in the territory: x0.8, then x0.64 (exact scores)' '
    setup &&
    k1="P|kb-refinery|kb-asnaes|energy.fuel.syngas|R480" &&
    k2="P|kb-refinery|kb-gasgrid|energy.fuel.syngas|R480" &&
    k3="P|kb-refinery|kb-forsyning|energy.fuel.syngas|R480" &&
    k4="P|kb-refinery|kb-gyproc|energy.fuel.syngas|R480" &&
    s1=$(score "$k1") && s2=$(score "$k2") && test -n "$s1" && test -n "$s2" &&
    $SYMBIOSE --db k.db --quiet match decide "$k1" reject --reason "economic: no budget" &&
    test "$(score "$k2")" = "$s2" &&
    $SYMBIOSE --db k.db --quiet match decide "$k1" reject --reason "technical: H2S too high for the burners" &&
    a=$(score "$k2") && awk -v a="$a" -v s="$s2" "BEGIN { exit !(a > s * 0.8 - 0.0015 && a < s * 0.8 + 0.0015) }" &&
    $SYMBIOSE --db k.db --quiet match --territory kalundborg --format json --all-statuses >m.json &&
    grep -F "\"key\":\"$k2\"" m.json | grep -q "Ranked lower: this route was rejected 1 time in this territory for a technical reason (strength x0.8)" &&
    grep -F "\"key\":\"$k1\"" m.json | grep -q "\"status\":\"rejected\"" &&
    $SYMBIOSE --db k.db --quiet match decide "$k2" reject --reason "Technique : pression insuffisante" &&
    a=$(score "$k1") && awk -v a="$a" -v s="$s1" "BEGIN { exit !(a > s * 0.64 - 0.0015 && a < s * 0.64 + 0.0015) }" &&
    $SYMBIOSE --db k.db --quiet match --territory kalundborg --format json --all-statuses >m2.json &&
    grep -F "\"key\":\"$k1\"" m2.json | grep -q "rejected 2 times in this territory for a technical reason (strength x0.64)" &&
    $SYMBIOSE --db k.db --quiet match decide "$k3" reject --reason "technical" &&
    $SYMBIOSE --db k.db --quiet match decide "$k4" reject --reason "technical: flare only" &&
    $SYMBIOSE --db k.db --quiet match --territory kalundborg --format json --all-statuses --max 100 >m3.json &&
    grep -F "\"key\":\"P|kb-refinery|kb-asnaes|energy.fuel.syngas|R481\"" m3.json | grep -q "strength 0.7; ref" &&
    $SYMBIOSE --db k.db --quiet match --format json --all-statuses >m4.json &&
    grep -qF "\"rule\":\"R480\"" m4.json && ! grep -F "\"rule\":\"R480\"" m4.json | grep -q "Ranked lower"
'

test_expect_success 'a local factor is used by the plan of its territory only' '
    setup &&
    $SYMBIOSE --db k.db --quiet match --territory kalundborg >/dev/null &&
    $SYMBIOSE --db k.db --quiet plan --territory kalundborg --format csv >p1.csv &&
    $SYMBIOSE --db k.db knowledge add --territory kalundborg factor virgin:virg.gypsum_local \
        --prefix material.mineral.gypsum --unit t --co2e 5000 --eur 20 --reference "test factor" &&
    $SYMBIOSE --db k.db --quiet plan --territory kalundborg --format csv >p2.csv &&
    ! cmp -s p1.csv p2.csv
'

test_done
