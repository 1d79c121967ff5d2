#!/bin/sh
# api_network.sh - the regional network routes of docs/api.md ("Network") on
# a real server (127.0.0.1, a free port) over a real SQLite file holding the
# Grand Est example: the pipeline and its moves, the follow-up, events with
# participants, cards and outcomes, barriers and levers with the network
# query, the indicators and the ELIPSE self-evaluation, and every error
# status (400 per field, 404, 405, 409, 413, 415, 422).
. "$(dirname "$0")/lib.sh"
export SYMBIOSE_KB="$TOP/data"
export SYMBIOSE_TODAY=2026-12-01
DB=$SCRATCH/net.db
SYMBIOSE=$SYMBIOSE "$TOP/examples/grand-est/load" "$DB" >"$SCRATCH/load.out" 2>&1

serve_start "$DB"
J="Content-Type: application/json"
PS=port-strasbourg
A=irep-067.00668 # STRACEL, in_synergy since 2026-04-01 in the example

test_expect_success 'the example is loaded and the server answers' '
    test -n "$U" && is 200 GET /api/territories && q ".total == 5"
'

test_expect_success 'pipeline: a territory lists every actor with its stage; stage filter; 400 and 404' '
    is 200 GET "/api/pipeline?territory=$PS" && n=$(jq .total out.json) &&
    test "$n" = "$(sqlite3 $DB "SELECT count(*) FROM actor WHERE territory = '\''$PS'\''")" &&
    q "(.stages | length) == 7 and .stages[0] == \"identified\" and .stages[6] == \"declined\"" &&
    q "[.items[] | select(.actor_id == \"$A\")][0] | .stage == \"in_synergy\" and .stage_at == \"2026-04-01\" and .stage_by == \"Claire Weber\"" &&
    is 200 GET "/api/pipeline?territory=$PS&stage=met" && q ".total > 0 and all(.items[]; .stage == \"met\")" &&
    is 400 GET "/api/pipeline?territory=$PS&stage=asleep" && q ".error.fields.stage" &&
    is 400 GET /api/pipeline && q ".error.fields.territory" &&
    is 404 GET "/api/pipeline?territory=atlantis"
'

test_expect_success 'pipeline: one actor with its dated history; 404 for an unknown actor' '
    is 200 GET /api/pipeline/$A && q "(.history | length) == 5 and .history[0].stage == \"contacted\" and .history[4].date == \"2026-04-01\"" &&
    is 404 GET /api/pipeline/nobody
'

test_expect_success 'pipeline: a move is dated, says who made it (body or header), and shows on the board' '
    B=irep-067.00320 &&
    is 200 PATCH /api/pipeline/$B -H "$J" -d "{\"stage\":\"contacted\",\"by\":\"Léa Martin\",\"note\":\"call\",\"date\":\"2026-11-20\"}" &&
    q ".stage == \"contacted\" and .stage_at == \"2026-11-20\" and .stage_by == \"Léa Martin\" and .history[-1].note == \"call\"" &&
    is 200 PATCH /api/pipeline/$B -H "$J" -H "X-Symbiose-By: Paul Henry" -d "{\"stage\":\"met\",\"next_action\":\"send the charter\",\"due\":\"2026-11-25\"}" &&
    q ".stage == \"met\" and .stage_at == \"2026-12-01\" and .stage_by == \"Paul Henry\" and .next_action == \"send the charter\" and .next_due == \"2026-11-25\"" &&
    is 200 GET "/api/pipeline?territory=$PS&stage=met" && q "any(.items[]; .actor_id == \"$B\")" &&
    test "$(sqlite3 $DB "SELECT count(*) FROM engagement WHERE actor_id = '\''$B'\''")" = 2
'

test_expect_success 'pipeline: 400 per field, 404, 409 for a move dated before the latest, 415' '
    is 400 PATCH /api/pipeline/$A -H "$J" -d "{\"stage\":\"declined\",\"date\":\"2026-02-30\"}" &&
    q ".error.fields.reason and .error.fields.by and .error.fields.date and (.error.fields | length) == 3" &&
    is 400 PATCH /api/pipeline/$A -H "$J" -d "{\"by\":\"x\",\"next_action\":\"call\"}" && q ".error.fields.due" &&
    is 400 PATCH /api/pipeline/$A -H "$J" -d "{\"by\":\"x\"}" && q ".error.fields.stage" &&
    is 404 PATCH /api/pipeline/nobody -H "$J" -d "{\"stage\":\"met\",\"by\":\"x\"}" &&
    is 409 PATCH /api/pipeline/$A -H "$J" -d "{\"stage\":\"met\",\"by\":\"x\",\"date\":\"2025-01-01\"}" &&
    q ".error.fields.date" &&
    is 415 PATCH /api/pipeline/$A -d "{}" &&
    is 405 DELETE /api/pipeline/$A &&
    is 200 GET /api/pipeline/$A && q ".stage == \"in_synergy\" and (.history | length) == 5"
'

test_expect_success 'followup: three lists; an overdue action; whom to visit first with the reason in words' '
    is 200 GET "/api/followup?territory=$PS&days=90" &&
    q ".today == \"2026-12-01\" and .days == 90 and (.no_contact | length) > 0" &&
    q "all(.no_contact[]; .days > 90)" &&
    q "any(.overdue[]; .actor_id == \"irep-067.00320\" and .days == 6 and .next_action == \"send the charter\")" &&
    q "(.visit_first | length) > 0 and (.visit_first | length) <= 10" &&
    q "all(.visit_first[]; .stage == \"identified\" or .stage == \"contacted\")" &&
    q "all(.visit_first[]; (.reason | test(\"CO2e\")) and .co2e_kg != null and .candidate_key != null)" &&
    q "all(.visit_first[]; (.reason_code == \"supply\" or .reason_code == \"take\") and (.resource | length) > 0 and .distance_km >= 0 and (.resource as \$r | .reason | contains(\$r)))" &&
    q "all(.no_contact[]; .reason_code == \"no_contact\" and .resource == null) and all(.overdue[]; .reason_code == \"overdue\")" &&
    q "[.visit_first[].co2e_kg] as \$c | \$c == (\$c | sort | reverse)" &&
    is 200 GET "/api/followup?territory=$PS&days=3650&limit=2" && q "(.no_contact | length) == 0 and (.visit_first | length) == 2" &&
    is 400 GET "/api/followup?territory=$PS&days=-1" && q ".error.fields.days" &&
    is 404 GET "/api/followup?territory=atlantis"
'

test_expect_success 'events: list by territory and year; one event with participants' '
    is 200 GET "/api/events?territory=$PS" && n=$(jq .total out.json) &&
    test "$n" = "$(sqlite3 $DB "SELECT count(*) FROM event WHERE territory = '\''$PS'\''")" &&
    test "$n" -gt 0 && id=$(jq ".items[0].id" out.json) && np=$(jq ".items[0].participants" out.json) &&
    is 200 GET /api/events/$id && q "(.participant_list | length) == $np and .type == \"workshop\"" &&
    is 200 GET "/api/events?year=1999" && q ".total == 0" &&
    is 400 GET "/api/events?year=soon" && q ".error.fields.year" &&
    is 404 GET /api/events/99999 && is 404 GET /api/events/abc
'

test_expect_success 'events: create with participants; record the outcome; add a participant' '
    is 201 POST /api/events -H "$J" -d "{\"type\":\"atelier\",\"title\":\"Atelier chaleur\",\"date\":\"2026-11-28\",\"territory\":\"$PS\",\"place\":\"Port du Rhin\",\"organiser\":\"Claire Weber\",\"participants\":[{\"actor_id\":\"$A\",\"person\":\"Marie Keller\",\"role\":\"energy manager\"},{\"person\":\"Paul Henry\"}]}" &&
    q ".type == \"workshop\" and .participants == 2 and .notes == \"\"" && id=$(jq .id out.json) &&
    q "any(.participant_list[]; .actor_id == \"$A\" and .name == \"STRACEL\" and .person == \"Marie Keller\")" &&
    is 200 PATCH /api/events/$id -H "$J" -d "{\"notes\":\"two steam leads; a visit in January\"}" &&
    q ".notes == \"two steam leads; a visit in January\" and .title == \"Atelier chaleur\"" &&
    is 201 POST /api/events/$id/participants -H "$J" -d "{\"actor_id\":\"irep-067.00320\"}" && q ".participants == 3" &&
    is 200 GET "/api/events?territory=$PS&year=2026" && q "any(.items[]; .id == $id and .participants == 3)"
'

test_expect_success 'events: 400 per field, 404 references, 405, 415' '
    is 400 POST /api/events -H "$J" -d "{\"type\":\"party\",\"date\":\"2026-13-01\",\"territory\":\"atlantis\",\"participants\":[{\"actor_id\":\"nobody\"},{}]}" &&
    q ".error.fields.type and .error.fields.title and .error.fields.date and .error.fields.territory" &&
    q ".error.fields[\"participants[0].actor_id\"] and .error.fields[\"participants[1]\"]" &&
    is 400 PATCH /api/events/1 -H "$J" -d "{\"title\":\"\"}" && q ".error.fields.title" &&
    is 404 POST /api/events/99999/participants -H "$J" -d "{\"person\":\"x\"}" &&
    is 405 DELETE /api/events/1 && is 415 POST /api/events -d "{}" &&
    test "$(sqlite3 $DB "SELECT count(*) FROM event WHERE title = '\''party'\''")" = 0
'

test_expect_success 'events: workshop cards become flows linked to the event; a bad file is a 422 and imports nothing' '
    is 201 POST /api/events -H "$J" -d "{\"type\":\"workshop\",\"title\":\"Cartes\",\"date\":\"2026-11-29\",\"territory\":\"$PS\"}" &&
    id=$(jq .id out.json) &&
    printf "actor_id,card,code\n%s,have,99 99 99\nnobody,want,03 03 07\n" $A >bad.csv &&
    is 422 POST /api/events/$id/cards -H "Content-Type: text/csv" --data-binary @bad.csv &&
    q ".error.count == 2 and .error.errors[0].line == 2 and .error.errors[0].column == \"code\" and .error.errors[1].line == 3" &&
    is 200 GET /api/events/$id && q "(.flows | length) == 0" &&
    printf "actor_id,card,code,quantity,unit,person\n%s,offre,03 03 07,1200,t,Marie Keller\n" $A >good.csv &&
    is 200 POST /api/events/$id/cards -H "Content-Type: text/csv" --data-binary @good.csv &&
    q "(.flows | length) == 1 and .flows[0].card == \"have\" and .flows[0].code == \"03 03 07\" and .flows[0].quantity == 1200" &&
    q "any(.participant_list[]; .person == \"Marie Keller\")" &&
    is 415 POST /api/events/$id/cards -H "$J" -d "{}"
'

test_expect_success 'an event shows the candidates that came out of it' '
    is 200 GET /api/events/1 && q "has(\"candidates\") and has(\"synergies\")" &&
    n=$(sqlite3 $DB "SELECT count(*) FROM event_flow") && test "$n" -ge 1 &&
    is 200 GET /api/events/$(sqlite3 $DB "SELECT event_id FROM event_flow LIMIT 1") &&
    q "(.flows | length) >= 1"
'

test_expect_success 'barriers and levers: the library, by category, with levers' '
    is 200 GET /api/barriers && q ".total >= 40 and all(.items[]; .label_fr != \"\" and .category != \"\")" &&
    is 200 GET "/api/barriers?category=regulation" && q ".total > 0 and all(.items[]; .category == \"regulation\")" &&
    is 400 GET "/api/barriers?category=weather" && q ".error.fields.category" &&
    is 200 GET /api/levers && q ".total >= 60 and all(.items[]; .description != \"\")" &&
    is 200 GET "/api/levers?barrier=trust-confidential-data" && q ".total > 0 and all(.items[]; .addresses | test(\"trust-confidential-data\"))" &&
    is 404 GET /api/barriers/no-such-barrier
'

test_expect_success 'a territory records a barrier and a lever it tried; the network query ranks it with the facilitator' '
    is 200 GET /api/barriers/trust-confidential-data && before=$(jq "[.outcomes[] | select(.territory == \"sarrebourg\")] | length" out.json) &&
    is 201 POST /api/barriers/met -H "$J" -d "{\"territory\":\"sarrebourg\",\"barrier\":\"trust-confidential-data\",\"date\":\"2026-10-02\",\"by\":\"Test\",\"notes\":\"figures kept secret\"}" &&
    q ".territory == \"sarrebourg\" and .date == \"2026-10-02\" and .barrier_label != \"\"" &&
    is 200 GET "/api/barriers/met?territory=sarrebourg&year=2026" && q "any(.items[]; .barrier == \"trust-confidential-data\" and .notes == \"figures kept secret\")" &&
    is 201 POST /api/levers/tried -H "$J" -H "X-Symbiose-By: Test" -d "{\"territory\":\"sarrebourg\",\"lever\":\"confidentiality-charter\",\"barrier\":\"trust-confidential-data\",\"date\":\"2026-10-20\",\"result\":\"réussi\"}" &&
    q ".result == \"worked\" and .by == \"Test\"" &&
    is 200 GET "/api/levers/tried?territory=sarrebourg" && q "any(.items[]; .lever == \"confidentiality-charter\" and .date == \"2026-10-20\")" &&
    is 200 GET /api/barriers/trust-confidential-data &&
    q "[.outcomes[] | select(.territory == \"sarrebourg\")] | length == $before + 1" &&
    q "[.outcomes[] | select(.territory == \"sarrebourg\" and .lever == \"confidentiality-charter\")][0] | .worked == 1 and .score == 2 and .facilitator.name != null and .facilitator.email != null" &&
    q "[.outcomes[].score] as \$s | \$s == (\$s | sort | reverse)" &&
    q "[.outcomes[].lever] as \$t | (.untried | length) > 0 and all(.untried[]; .code as \$c | (\$t | index(\$c)) == null)"
'

test_expect_success 'barriers and levers: 400 per field' '
    is 400 POST /api/levers/tried -H "$J" -d "{\"territory\":\"atlantis\",\"lever\":\"no-lever\",\"barrier\":\"no-barrier\",\"result\":\"maybe\",\"date\":\"2026-02-31\"}" &&
    q ".error.fields.territory and .error.fields.lever and .error.fields.barrier and .error.fields.result and .error.fields.date and .error.fields.by" &&
    is 400 POST /api/barriers/met -H "$J" -d "{\"territory\":\"sarrebourg\",\"by\":\"x\"}" && q ".error.fields.barrier" &&
    is 405 DELETE /api/barriers/met
'

test_expect_success 'network indicators by territory and year, consistent with the CLI' '
    is 200 GET "/api/network?year=2026" && q ".year == 2026 and (.territories | length) == 5 and .all.territory == \"*\"" &&
    q ".all.actors == ([.territories[].actors] | add) and .all.events == ([.territories[].events] | add)" &&
    q "([.territories[] | select(.territory == \"sarrebourg\")][0] | .barriers >= 1 and .levers_worked >= 1)" &&
    $SYMBIOSE --db $DB network --year 2026 --format json >cli.json &&
    jq -e --slurpfile a out.json "[.[] | select(.territory == \"$PS\")][0] as \$c | (\$a[0].territories[] | select(.territory == \"$PS\")) as \$w | (\$c.actors|tonumber) == \$w.actors and (\$c.events|tonumber) == \$w.events and (\$c.met|tonumber) == \$w.by_stage.met" cli.json &&
    is 200 GET /api/network && q ".year == null" &&
    is 400 GET "/api/network?year=20x6" && q ".error.fields.year"
'

test_expect_success 'ELIPSE: computed and entered indicators; PUT entered values; 409 for a computed one' '
    is 200 GET "/api/elipse?territory=$PS&year=2026" &&
    q "(.indicators | length) == 29 and .required == 19 and any(.indicators[]; .computed) and any(.indicators[]; .computed | not)" &&
    C=$(jq -r "[.indicators[] | select(.computed)][0].code" out.json) &&
    q "all(.indicators[] | select(.computed and .value != null); .basis == \"computed\")" &&
    is 200 PUT /api/elipse -H "$J" -d "{\"territory\":\"$PS\",\"year\":2026,\"by\":\"Test\",\"values\":{\"G01\":4}}" &&
    q "(.indicators[] | select(.code == \"G01\")) | .value == 4 and .basis == \"entered\" and (.source | test(\"Test\"))" &&
    is 409 PUT /api/elipse -H "$J" -d "{\"territory\":\"$PS\",\"year\":2026,\"by\":\"Test\",\"values\":{\"$C\":1}}" &&
    q ".error.fields[\"values.$C\"]" &&
    is 400 PUT /api/elipse -H "$J" -d "{\"territory\":\"$PS\",\"year\":2026,\"by\":\"Test\",\"values\":{\"G01\":9,\"Z99\":1}}" &&
    q ".error.fields[\"values.G01\"] and .error.fields[\"values.Z99\"]" &&
    is 200 GET "/api/elipse?territory=$PS&year=2026" && q "(.indicators[] | select(.code == \"G01\")) | .value == 4" &&
    is 404 PUT /api/elipse -H "$J" -d "{\"territory\":\"atlantis\",\"year\":2026,\"by\":\"T\",\"values\":{\"G01\":1}}" &&
    is 400 GET "/api/elipse" && q ".error.fields.territory"
'

test_expect_success 'a body over 1 MiB is a 413' '
    head -c 1100000 /dev/zero | tr "\0" a >big.txt &&
    is 413 POST /api/events -H "$J" --data-binary @big.txt
'

test_done
