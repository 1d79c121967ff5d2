#!/bin/sh
# browser.sh - the web application in Debian's headless Chromium (playwright-core):
# a fresh SQLite database from examples/zone-portuaire, 'symbiose serve' on a free
# port of 127.0.0.1, then tests/browser/app.mjs, one step per test below. The server
# is stopped whatever happens. Screenshots go to tests/browser/out/.
. "$(dirname "$0")/lib.sh"

EX=$TOP/examples/zone-portuaire
DB=$SCRATCH/web.db
LOG=$SCRATCH/serve.log
RESULTS=$SCRATCH/browser.txt
OUT=$TOP/tests/browser/out
pid=""
stop_server() {
    if [ -n "$pid" ]; then
        kill "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        pid=""
    fi
}
trap 'stop_server; rm -rf "$SCRATCH"' EXIT
trap 'exit 130' INT TERM

# Until the HTTP server is in this build there is nothing to drive: say so, count nothing.
if ! "$SYMBIOSE" serve --help >/dev/null 2>&1; then
    test_skip 'the web application in Chromium' "this symbiose has no 'serve' command yet"
    exit 0
fi

test_expect_success 'a database from examples/zone-portuaire' '
    S="$SYMBIOSE --db $DB" &&
    $S init >/dev/null &&
    $S import territories $EX/territory.csv >/dev/null &&
    $S import actors $EX/actors.csv --no-warnings >/dev/null &&
    $S import flows $EX/flows.csv --no-warnings >/dev/null &&
    $S territory add zp --facilitator "Camille Roux (fictive)" --email camille.roux@example.org \
        --phone "+33 3 00 00 00 09" >/dev/null &&
    $S barrier load >/dev/null
'

"$SYMBIOSE" --db "$DB" serve --listen 127.0.0.1:0 >"$LOG" 2>&1 &
pid=$!
port=""
i=0
while [ $i -lt 100 ] && [ -z "$port" ]; do
    port=$(sed -n 's/.*127\.0\.0\.1:\([0-9][0-9]*\).*/\1/p' "$LOG" | head -n 1)
    [ -n "$port" ] || sleep 0.1
    i=$((i + 1))
done

test_expect_success 'symbiose serve --listen 127.0.0.1:0 prints its port and keeps running' '
    test -n "$port" || { cat "$LOG"; false; } &&
    kill -0 "$pid"
'

# Each step of the scenario, as app.mjs names it, and what it checks.
steps='dashboard|the dashboard opens in French with the actors of the database and its charts
i18n-tables|the French and English tables hold the same words
actor-form|an actor added through the form (SIRET checked as typed, NAF by autocompletion)
two-flows|two flows added through the form (quantity checked, LoW and taxonomy codes completed)
csv-two-errors|a CSV upload with two errors shows both at their line and column, imports nothing
detection|the detection runs from the candidates page and ends done
accept-candidate|a candidate accepted with the keyboard (j, k, a) is accepted in the API
checklist|the candidate page shows every item of the regulatory checklist, with its act
map|the accepted candidate is a link on the map, and a click opens its explanation
board|the accepted candidate is on the board at stage idea and moves to study, dated
sankey|the Sankey diagram of flows between divisions draws in tonnes
actors-list|the new actor is in the actors list
pipeline|an actor moves on the engagement board, dated and signed, with a next action
followup|the follow-up lists the overdue action and whom to visit first, as the API does
event|an event created through the form, with a participant and the notes on its outcome
barriers-levers|a barrier and a lever recorded for the territory; the network query shows it with the facilitator
network|the network dashboard draws its charts and the ELIPSE radar; an entered indicator is saved
english|the switch to English changes the page and is remembered
english-network|the engagement board and the barriers page in English, no word missing
no-js-error|no JavaScript error in the whole session
offline|no request left 127.0.0.1'

if [ -n "$port" ]; then
    EXPECT_ACTORS=$(($(wc -l <"$EX/actors.csv") - 1)) \
        node "$TOP/tests/browser/app.mjs" "http://127.0.0.1:$port" "$OUT" >"$RESULTS" 2>&1
fi
stop_server

touch "$RESULTS"
while IFS='|' read -r id what; do
    test_expect_success "browser: $what" "
        grep -q '^PASS $id\$' '$RESULTS' || { grep '^FAIL $id:' '$RESULTS' || tail -n 5 '$RESULTS'; false; }
    "
done <<STEPS
$steps
STEPS

test_expect_success 'the server stopped cleanly' '
    ! grep -qi "sanitizer\|segmentation" "$LOG"
'
test_done
