#!/bin/sh
# limits.sh - the import limits of docs/limits.md at their edge, through the
# binary: at the limit passes (or goes on reading), one past fails cleanly.
# The byte, field and DIMACS limits are tested in tests/unit/test_limits.c.
# test-timeout: 300
. "$(dirname "$0")/lib.sh"

FIX=$TOP/tests/data/import
BASE=$SCRATCH/base
mkdir -p "$BASE"
(
    cd "$BASE" &&
        "$SYMBIOSE" --quiet --data "$SCRATCH/none" init >/dev/null &&
        "$SYMBIOSE" --quiet import territories "$FIX/territories.csv" >/dev/null
) || echo "not ok - could not build the base database"
base() { cp "$BASE/symbiose.db" symbiose.db; }
HDR=code,name,region,structure,programme

# bad_rows N: a territories file with N rows that each have one error (a
# missing name), the last one valid.
bad_rows() {
    echo "$HDR"
    awk -v n="$1" 'BEGIN { for (i = 1; i <= n; i++) printf "B%d,,R,,\n", i; print "OK,Fine,R,," }'
}

test_expect_success 'errors: 999 errors are all counted, reading goes on to the end' '
    base && bad_rows 999 >t.csv &&
    expect_status 2 "$SYMBIOSE" --quiet import territories t.csv 2>err &&
    grep -q "999 errors in t.csv" err && ! grep -q "stopped reading" err &&
    grep -q "and 899 more errors not shown" err
'
test_expect_success 'errors: the 1000th stops reading, and says so' '
    base && bad_rows 1000 >t.csv &&
    expect_status 2 "$SYMBIOSE" --quiet import territories t.csv 2>err &&
    grep -q "stopped reading after 1000 errors" err && grep -q "1000 errors in t.csv" err
'

# long_rows N: N over-long records (1 MiB + 1 byte) between valid rows.
long_rows() {
    echo "$HDR"
    head -c 1048577 /dev/zero | tr "\\0" x >long.txt && echo >>long.txt
    i=0
    while [ $i -lt "$1" ]; do i=$((i + 1)); echo "V$i,Valid,R,,"; cat long.txt; done
}
test_expect_success 'over-long records: 7 are each reported and reading goes on' '
    base && long_rows 7 >t.csv &&
    expect_status 2 "$SYMBIOSE" --quiet import territories t.csv 2>err &&
    [ "$(grep -c "record longer than 1048576 bytes" err)" -eq 7 ] && ! grep -q "stopped reading" err
'
test_expect_success 'over-long records: the 8th stops reading' '
    base && long_rows 9 >t.csv &&
    expect_status 2 "$SYMBIOSE" --quiet import territories t.csv 2>err &&
    [ "$(grep -c "record longer than 1048576 bytes" err)" -eq 8 ] &&
    grep -q "stopped reading after .* (8 records over the size limit)" err
'

test_expect_success 'an id of 63 bytes is accepted, 64 is too long' '
    base && id63=$(printf "%063d" 7) && id64=$(printf "%064d" 7) &&
    printf "%s\n%s,Ok,R,,\n" "$HDR" "$id63" >ok.csv &&
    "$SYMBIOSE" --quiet import territories ok.csv &&
    printf "%s\n%s,Long,R,,\n" "$HDR" "$id64" >long.csv &&
    expect_status 2 "$SYMBIOSE" --quiet import territories long.csv 2>err &&
    grep -q "long.csv:2:1: .*too long (64 bytes, at most 63)" err
'

test_done
