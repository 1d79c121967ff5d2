#!/bin/sh
# backup.sh - symbiose backup (online, while another process writes) and
# symbiose restore (checked, refuses to overwrite without --force): round trip.
# test-timeout: 300
. "$(dirname "$0")/lib.sh"

EX=$TOP/examples/zone-portuaire
BASE=$SCRATCH/base
mkdir -p "$BASE"
(
    cd "$BASE" &&
        "$SYMBIOSE" --quiet init >/dev/null &&
        "$SYMBIOSE" --quiet import territories "$EX/territory.csv" >/dev/null &&
        "$SYMBIOSE" --quiet import actors "$EX/actors.csv" >/dev/null &&
        "$SYMBIOSE" --quiet import flows "$EX/flows.csv" >/dev/null &&
        "$SYMBIOSE" --quiet match --territory zp >/dev/null &&
        key=$(sqlite3 symbiose.db "SELECT key FROM candidate ORDER BY score DESC LIMIT 1") &&
        "$SYMBIOSE" --quiet match decide "$key" accept --reason "signed" >/dev/null
) || echo "not ok - could not build the base database"
base() { cp "$BASE/symbiose.db" symbiose.db; }
dump() { sqlite3 "$1" .dump | grep -v "^PRAGMA\|^BEGIN\|^COMMIT"; }

test_expect_success 'round trip: backup, restore into a new file, same data and decisions' '
    base && "$SYMBIOSE" backup b.db >out && grep -q "written and checked" out &&
    [ "$(sqlite3 b.db "PRAGMA integrity_check")" = ok ] &&
    "$SYMBIOSE" --db r.db restore b.db >out && grep -q "restored from b.db" out &&
    dump symbiose.db >a.sql && dump r.db >r.sql && cmp a.sql r.sql &&
    [ "$(sqlite3 r.db "SELECT count(*) FROM actor")" -ge 30 ] &&
    [ "$(sqlite3 r.db "SELECT count(*) FROM candidate WHERE status = '"'accepted'"' AND reason = '"'signed'"'")" -eq 1 ] &&
    "$SYMBIOSE" --db r.db actors list --format csv >r.csv &&
    "$SYMBIOSE" actors list --format csv >a.csv && cmp a.csv r.csv
'
test_expect_success 'backup keeps an existing file unless --force' '
    base && echo keep >b.db &&
    expect_status 1 "$SYMBIOSE" backup b.db 2>err && grep -q "exists" err &&
    [ "$(cat b.db)" = keep ] &&
    "$SYMBIOSE" --quiet backup --force b.db && [ "$(sqlite3 b.db "PRAGMA integrity_check")" = ok ]
'
test_expect_success 'restore refuses to overwrite a database without --force' '
    base && "$SYMBIOSE" --quiet backup b.db && cp symbiose.db other.db &&
    sqlite3 other.db "DELETE FROM flow" && before=$(sha256sum <other.db) &&
    expect_status 1 "$SYMBIOSE" --db other.db restore b.db 2>err && grep -q -- "--force" err &&
    [ "$(sha256sum <other.db)" = "$before" ] &&
    "$SYMBIOSE" --quiet --db other.db restore --force b.db &&
    [ "$(sqlite3 other.db "SELECT count(*) FROM flow")" = "$(sqlite3 symbiose.db "SELECT count(*) FROM flow")" ]
'
test_expect_success 'restore checks integrity first: a damaged backup changes nothing' '
    base && "$SYMBIOSE" --quiet backup b.db && cp symbiose.db t.db && before=$(sha256sum <t.db) &&
    size=$(wc -c <b.db) &&
    printf "\377\377\377\377\377\377\377\377\377\377\377\377\377\377\377\377" |
        dd of=b.db bs=1 seek=$((size - 3000)) conv=notrunc 2>/dev/null &&
    printf "\377\377\377\377" | dd of=b.db bs=1 seek=$((4096 + 8)) conv=notrunc 2>/dev/null &&
    expect_status 3 "$SYMBIOSE" --db t.db restore --force b.db 2>err && cat err &&
    grep -q "not done" err && [ "$(sha256sum <t.db)" = "$before" ]
'
test_expect_success 'restore checks the version: newer, foreign or non-database files are refused' '
    base && "$SYMBIOSE" --quiet backup b.db && sqlite3 b.db "PRAGMA user_version = 99" &&
    expect_status 3 "$SYMBIOSE" --db n.db restore b.db 2>err && grep -q "newer than this symbiose" err &&
    [ ! -e n.db ] &&
    sqlite3 f.db "CREATE TABLE t (a)" &&
    expect_status 3 "$SYMBIOSE" --db n.db restore f.db 2>err && grep -q "not a symbiose one" err &&
    echo text >x.db && expect_status 3 "$SYMBIOSE" --db n.db restore x.db 2>err && [ ! -e n.db ]
'
# writer: adds territories W1..W200, one transaction each, then touches wdone.
writer() {
    i=0
    while [ $i -lt 200 ]; do
        i=$((i + 1))
        "$SYMBIOSE" --quiet territory add "W$i" "Writer $i" || echo "write $i failed" >>werr
    done
    echo done >wdone
}
# snapshot_ok FILE: integrity ok, and it holds W1..Wk exactly (a consistent prefix).
snapshot_ok() {
    [ "$(sqlite3 "$1" "PRAGMA integrity_check")" = ok ] || return 1
    k=$(sqlite3 "$1" "SELECT count(*) FROM territory WHERE code LIKE 'W%'")
    [ "$k" -eq 0 ] || [ "$(sqlite3 "$1" "SELECT count(*) FROM territory WHERE code = 'W$k'")" -eq 1 ]
}
test_expect_success 'backup while another process writes: every backup is whole and consistent' '
    base && { writer & } &&
    n=0 && while [ ! -f wdone ] && [ $n -lt 40 ]; do
        n=$((n + 1)) &&
        "$SYMBIOSE" --quiet backup --force "b$n.db" && snapshot_ok "b$n.db" || { echo "backup $n"; break; }
    done && wait && echo "$n backups during the writes" &&
    [ ! -f werr ] && [ "$n" -ge 2 ] && snapshot_ok "b$n.db" &&
    [ "$(sqlite3 symbiose.db "SELECT count(*) FROM territory WHERE code LIKE '"'W%'"'")" -eq 200 ] &&
    "$SYMBIOSE" --quiet --db r.db restore "b$n.db" && [ "$(sqlite3 r.db "PRAGMA integrity_check")" = ok ]
'
test_expect_success 'backup and restore --help' '
    "$SYMBIOSE" backup --help | grep -q "online backup" &&
    "$SYMBIOSE" restore --help | grep -q "integrity_check"
'

test_done
