# lib.sh - a tiny TAP-like harness for end-to-end tests, after git's test-lib.
# Source it, then: test_expect_success 'what' 'commands'; finish with test_done.
# Each test runs in a fresh folder $T under a per-script scratch folder.
# Provides: $SYMBIOSE (the binary), $TOP (repository), $SHARED (reference data:
# $SYMBIOSE_DATA, else the shipped data/ref), $STAGED (../shared/data, the staged
# originals, or empty: only the netgen instance still comes from there), and helpers below. A test prints "ok N - what" or "not ok N - what".
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-$TOP/build}
SYMBIOSE=$BUILD/symbiose
SHARED=${SYMBIOSE_DATA:-$TOP/data/ref}
STAGED=
[ -d "$TOP/../shared/data" ] && STAGED=$(cd "$TOP/../shared/data" && pwd)
export SYMBIOSE_DATA="$SHARED"
SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/symbiose-e2e.XXXXXX")
trap 'rm -rf "$SCRATCH"' EXIT
test_count=0
test_failed=0

test_expect_success() {
    test_count=$((test_count + 1))
    T=$SCRATCH/t$test_count
    mkdir -p "$T"
    if (cd "$T" && eval "$2") >"$T/.out" 2>&1; then
        echo "ok $test_count - $1"
    else
        echo "not ok $test_count - $1"
        sed 's/^/#   /' "$T/.out" | tail -n 30
        test_failed=$((test_failed + 1))
    fi
}

# test_skip 'what' 'reason': counted neither as passed nor failed.
test_skip() {
    echo "# skip - $1: $2"
}

# Runs a command and checks its exit status: expect_status N cmd args...
expect_status() {
    want=$1
    shift
    "$@"
    got=$?
    if [ "$got" -ne "$want" ]; then
        echo "expected exit status $want, got $got: $*" >&2
        return 1
    fi
}

# csv2tsv FILE: prints a CSV file (RFC 4180, no embedded newlines) as tab-separated
# unquoted fields ("" unescaped; fields must not hold tabs); CRLF accepted; fails on
# bad quoting. Used by the data checks.
csv2tsv() {
    awk '
    {
        line = $0; sub(/\r$/, "", line)
        out = ""; n = 0
        while (1) {
            if (substr(line, 1, 1) == "\"") {
                f = ""; line = substr(line, 2)
                while (1) {
                    i = index(line, "\"")
                    if (i == 0) { f = f line; line = ""; break }
                    f = f substr(line, 1, i - 1)
                    line = substr(line, i + 1)
                    if (substr(line, 1, 1) == "\"") { f = f "\""; line = substr(line, 2) }
                    else break
                }
                if (substr(line, 1, 1) == ",") line = substr(line, 2); else if (line != "") { print "bad quoting at " FILENAME ":" NR > "/dev/stderr"; bad = 1 }
                more = (substr($0, length($0), 1) == "," && line == "") ? 1 : 0
            } else {
                i = index(line, ",")
                if (i == 0) { f = line; line = ""; more = 0 }
                else { f = substr(line, 1, i - 1); line = substr(line, i + 1); more = 1 }
            }
            out = (n++ ? out "\t" : "") f
            if (line == "" && !more) break
            if (line == "" && more) { out = out "\t"; break }
        }
        print out
    }
    END { exit bad }' "$1"
}

test_done() {
    [ "$test_failed" -eq 0 ]
}
