#!/bin/sh
# test-timeout: 400
# http_limits.sh - the server's limits of docs/limits.md, each at its edge, on
# a real server (127.0.0.1, a free port): body sizes (JSON, CSV, with and
# without Content-Length), JSON nesting, query parameters, pages, the request
# line and headers, route parameters, connections per address and in all,
# the idle timeout; and requests a fuzzer found harmful (fuzz/fuzz_api_*).
# The server must stop cleanly at the end (no leak under ASan or valgrind).
. "$(dirname "$0")/lib.sh"
export SYMBIOSE_KB="$TOP/data"
EX=$TOP/examples/zone-portuaire
DB=$SCRATCH/limits.db
RAW=$TOP/tests/tools/httpraw
S="$SYMBIOSE --db $DB -q"
$S init >/dev/null 2>&1
$S import territories "$EX/territory.csv" >/dev/null
$S import actors "$EX/actors.csv" >/dev/null 2>&1
$S import flows "$EX/flows.csv" >/dev/null 2>&1
$S match --territory zp >/dev/null

serve_start "$DB"

J="Content-Type: application/json"
MiB=1048576
# pad FILE PREFIX SUFFIX SIZE: PREFIX, spaces, SUFFIX: SIZE bytes in all
pad() {
    { printf '%s' "$2"; head -c $(($4 - ${#2} - ${#3})) /dev/zero | tr '\0' ' '; printf '%s' "$3"; } >"$1"
    [ "$(wc -c <"$1")" -eq "$4" ]
}
# nest N: a JSON object whose "name" holds N-1 nested arrays (N levels in all)
nest() {
    printf '{"name":'
    i=1
    while [ $i -lt "$1" ]; do printf '['; i=$((i + 1)); done
    i=1
    while [ $i -lt "$1" ]; do printf ']'; i=$((i + 1)); done
    printf '}'
}

test_expect_success 'the server started' 'test -n "$U" && is 200 GET /api/config'

test_expect_success 'a JSON body of 1 MiB is read; one byte more is a 413 (with or without Content-Length)' '
    pad at.json "{\"id\":\"zp-big\",\"name\":\"x\"" "}" $MiB &&
    is 201 POST /api/actors -H "$J" --data-binary @at.json && q ".id == \"zp-big\"" &&
    pad over.json "{\"id\":\"zp-big\",\"name\":\"x\"" "}" $((MiB + 1)) &&
    is 413 POST /api/actors -H "$J" --data-binary @over.json &&
    q ".error.status == 413 and (.error.message | test(\"larger than 1048576 bytes\"))" &&
    is 413 POST /api/actors -H "$J" -H "Transfer-Encoding: chunked" --data-binary @over.json &&
    is 409 POST /api/actors -H "$J" -H "Transfer-Encoding: chunked" --data-binary @at.json
'

test_expect_success 'a CSV upload of 16 MiB is read; one byte more is a 413' '
    head -n 1 "$EX/actors.csv" >h.csv &&
    { cat h.csv; head -c $((16 * MiB - $(wc -c <h.csv))) /dev/zero | tr "\0" "\n"; } >at.csv &&
    [ "$(wc -c <at.csv)" -eq $((16 * MiB)) ] &&
    got=$(req POST /api/import/actors -H "Content-Type: text/csv" --data-binary @at.csv) &&
    { [ "$got" = 200 ] || [ "$got" = 422 ]; } &&
    printf "\n" >>at.csv &&
    is 413 POST /api/import/actors -H "Content-Type: text/csv" --data-binary @at.csv &&
    q ".error.message | test(\"larger than 16777216 bytes\")"
'

test_expect_success 'JSON nesting: 2048 levels are parsed, 2049 are a 400 naming the depth' '
    nest 2048 >at.json && is 400 POST /api/actors -H "$J" --data-binary @at.json &&
    q ".error.fields.id" &&
    nest 2049 >over.json && is 400 POST /api/actors -H "$J" --data-binary @over.json &&
    q ".error.message | test(\"depth\")"
'

test_expect_success 'a query parameter of 1024 bytes is served, 1025 bytes is a 400 (not a 500 from SQLite)' '
    v=$(head -c 1024 /dev/zero | tr "\0" a) &&
    is 200 GET "/api/actors?q=$v" && q ".total == 0" &&
    is 400 GET "/api/actors?q=${v}a" && q ".error.fields.q == \"too long\"" &&
    w=$(head -c 60000 /dev/zero | tr "\0" a) &&
    is 400 GET "/api/actors?q=$w" && is 400 GET "/api/nomenclature?q=$w"
'

test_expect_success 'pages: per_page 500 and page 1000000 are served, 501 and 1000001 are 400s' '
    is 200 GET "/api/actors?per_page=500" && q ".per_page == 500 and .total > 40 and (.items | length) == .total" &&
    is 400 GET "/api/actors?per_page=501" && q ".error.fields.per_page" &&
    is 200 GET "/api/actors?page=1000000" && q "(.items | length) == 0" &&
    is 400 GET "/api/actors?page=1000001" && q ".error.fields.page"
'

test_expect_success 'the request line and headers share 256 KiB per connection: 414 and 431 past it' '
    { printf "GET /api/config HTTP/1.1\r\nHost: t\r\nX-Big: "; head -c 200000 /dev/zero | tr "\0" a;
      printf "\r\nConnection: close\r\n\r\n"; } >h1 && [ "$("$RAW" send "$U" h1)" = 200 ] &&
    { printf "GET /api/config HTTP/1.1\r\nHost: t\r\nX-Big: "; head -c 300000 /dev/zero | tr "\0" a;
      printf "\r\nConnection: close\r\n\r\n"; } >h2 && [ "$("$RAW" send "$U" h2)" = 431 ] &&
    { printf "GET /api/config?x="; head -c 300000 /dev/zero | tr "\0" a;
      printf " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"; } >u2 && [ "$("$RAW" send "$U" u2)" = 414 ]
'

test_expect_success 'a route parameter of 1023 bytes reaches its route, 1024 bytes finds none' '
    v=$(head -c 1023 /dev/zero | tr "\0" a) &&
    is 404 GET "/api/actors/$v" && q ".error.message | test(\"no route\") | not" &&
    is 404 GET "/api/actors/${v}a" && q ".error.message | test(\"no route\")"
'

test_expect_success '64 connections from one address are served, the 65th is closed; 256 in all, the 257th waits for a free one' '
    "$RAW" conns "$U" 64 256 >res && cat res &&
    grep -qx "last 200" res && grep -qx "over_ip closed" res && grep -qx "total 200" res &&
    grep -qx "over_total waiting" res && grep -qx "after 200" res
'

test_expect_success 'an idle connection is closed after 30 s (not before 25 s)' '
    t=$("$RAW" idle "$U" 120) && echo "closed after $t s" && [ "$t" != open ] &&
    [ "$t" -ge 25 ] && [ "$t" -le 90 ]
'

# Found by fuzz/fuzz_api_json and fuzz_api_route (each failed under ASan before its fix).
test_expect_success 'PATCH with an unknown field names it (the key was read after its object was freed)' '
    f=$(jq -rn --arg v "zp-port/supply/land.storage_area" "\$v|@uri") &&
    is 400 PATCH "/api/flows/$f" -H "$J" -d "{\"monemperature_c\":1e308}" &&
    q ".error.fields.monemperature_c and (.error.message | test(\"^monemperature_c: \"))"
'
test_expect_success 'a refused synergy move with a reason is a 409 (the reason was read after it was freed)' '
    key=$(curl -s "$U/api/candidates?territory=zp&per_page=1&sort=-score" | jq -r ".items[0].key") &&
    k=$(jq -rn --arg v "$key" "\$v|@uri") &&
    is 200 POST "/api/candidates/$k/decision" -H "$J" -d "{\"status\":\"accepted\"}" &&
    id=$(curl -s "$U/api/synergies?territory=zp" | jq -r ".items[0].id") && [ -n "$id" ] &&
    is 409 PATCH "/api/synergies/$id" -H "$J" -d "{\"stage\":\"running\",\"reason\":\"too fast\"}" &&
    q ".error.fields.stage" &&
    is 400 PATCH "/api/synergies/$id" -H "$J" -d "{\"stage\":\"abandoned\"}" && q ".error.fields.reason"
'
test_expect_success 'a path that is not UTF-8 gets a JSON 404 (it had no body), an unknown summary no leak' '
    is 404 GET "/api/%FF%FE" && q ".error.status == 404 and (.error.message | test(\"no route\"))" &&
    is 404 GET "/api/territories/%2Azp/summary" && q ".error.status == 404"
'

kill -TERM $PID
wait $PID
rc=$?
test_expect_success 'the server stops cleanly on SIGTERM (exit 0: no leak under a sanitizer)' '
    cat "$SCRATCH/serve.err" && [ $rc -eq 0 ] && grep -q "^stopped" "$SCRATCH/serve.out"
'

test_done
