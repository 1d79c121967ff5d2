#!/bin/sh
# import_errors.sh - every malformed input in tests/data/malformed/ gives a located,
# precise message, the right exit status, and leaves the database unchanged.
# The format of the NAME.expect files is in tests/data/malformed/README.md.
. "$(dirname "$0")/lib.sh"

CASES=$TOP/tests/data/malformed
FIX=$TOP/tests/data/import

if [ -z "$SHARED" ] || [ ! -r "$SHARED/list_of_waste.csv" ]; then
    test_skip 'malformed imports' 'no reference data (set SYMBIOSE_DATA)' shared-data
    test_done
    exit 0
fi

# One base database for every case, copied into each test folder.
BASE=$SCRATCH/base
mkdir -p "$BASE"
(
    cd "$BASE" &&
        "$SYMBIOSE" --quiet init >/dev/null &&
        "$SYMBIOSE" --quiet import territories "$FIX/territories.csv" >/dev/null &&
        "$SYMBIOSE" --quiet import actors "$FIX/actors.csv" >/dev/null &&
        "$SYMBIOSE" --quiet import flows "$FIX/flows.csv" >/dev/null
) || echo "not ok - could not build the base database"

db_state() {
    { sqlite3 symbiose.db .dump &&
        "$SYMBIOSE" actors list --format csv &&
        "$SYMBIOSE" flows list --format csv; } | sha256sum
}

run_case() {
    name=$1
    exp=$CASES/$name.expect
    cp "$BASE/symbiose.db" symbiose.db || return 1
    if [ -f "$CASES/$name.gen" ]; then
        sh "$CASES/$name.gen" >"$name.csv" || return 1
    else
        cp "$CASES/$name.csv" "$name.csv" || return 1
    fi
    kind=$(sed -n 's/^kind //p' "$exp")
    args=$(sed -n 's/^args //p' "$exp")
    want=$(sed -n 's/^status //p' "$exp")
    before=$(db_state)
    # shellcheck disable=SC2086
    "$SYMBIOSE" import "$kind" $args "$name.csv" >out 2>err
    got=$?
    ok=0
    echo "--- stderr (first and last lines):"
    if [ "$(wc -l <err)" -gt 12 ]; then
        head -n 6 err | cut -c 1-300
        echo "..."
        tail -n 4 err | cut -c 1-300
    else
        cut -c 1-300 err
    fi
    if [ "$got" -ne "$want" ]; then
        echo "FAIL: exit status $got, expected $want"
        ok=1
    fi
    while IFS= read -r line; do
        key=${line%% *}
        rest=${line#* }
        case $key in
        error | warning)
            loc=${rest%% *}
            phrase=${rest#* }
            if ! grep -F "$name.csv:$loc: $key: " err | grep -qF -- "$phrase"; then
                echo "FAIL: no line '$name.csv:$loc: $key: ...$phrase...'"
                ok=1
            fi
            ;;
        stderr)
            if ! grep -qF -- "$rest" err; then
                echo "FAIL: stderr lacks '$rest'"
                ok=1
            fi
            ;;
        errors)
            n=$(grep -c ': error: ' err)
            if [ "$n" -ne "$rest" ]; then
                echo "FAIL: $n error lines, expected $rest"
                ok=1
            fi
            ;;
        esac
    done <"$exp"
    if [ "$want" -eq 2 ] && ! grep -q 'nothing was imported' err; then
        echo "FAIL: stderr does not say 'nothing was imported'"
        ok=1
    fi
    after=$(db_state)
    if [ "$before" != "$after" ]; then
        echo "FAIL: the database changed"
        ok=1
    fi
    return $ok
}

ncases=0
for exp in "$CASES"/*.expect; do
    name=$(basename "$exp" .expect)
    ncases=$((ncases + 1))
    what=$(sed -n '/^error /{s/^error [0-9:]* //p;q}' "$exp")
    [ -n "$what" ] || what=$(sed -n '/^stderr /{s/^stderr //p;q}' "$exp")
    test_expect_success "malformed $name: $what" "run_case $name"
done

test_expect_success 'the corpus has at least 30 cases' "[ $ncases -ge 30 ]"

test_done
