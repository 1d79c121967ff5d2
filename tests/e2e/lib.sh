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
# Under make valgrind-test every run of the binary goes through valgrind.
if [ -n "${SYMBIOSE_TEST_VG:-}" ]; then
    SYMBIOSE=$TOP/tests/tools/vg-symbiose
    export SYMBIOSE_TEST_VG BUILD
fi
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

# test_skip 'what' 'reason' DEP: a test that cannot run because DEP is missing
# (shared-data, glpsol, chromium...). tests/run counts it as a failure unless
# DEP is in SYMBIOSE_ALLOW_SKIP, and lists it with its reason either way.
test_skip() {
    echo "# skip [${3:-unnamed}] - $1: $2"
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

# serve_start DB [ARGS...]: starts "symbiose --db DB serve --listen 127.0.0.1:0 ARGS..." in the
# background (output in $SCRATCH/serve.out and serve.err), waits for the address it prints
# (at most 30 s: an empty U then fails the first request) and sets PID and U; the EXIT trap
# stops it. Then, on that server:
#   req METHOD PATH [curl args...]  prints the status, the body goes to out.json
#   is STATUS METHOD PATH [args...]   fails (saying why) unless the status is STATUS
#   q JQ-ARGS...                      fails unless jq -e holds on out.json
serve_start() {
    serve_db=$1
    shift
    "$SYMBIOSE" --db "$serve_db" serve --listen 127.0.0.1:0 "$@" >"$SCRATCH/serve.out" 2>"$SCRATCH/serve.err" &
    PID=$!
    trap 'kill $PID 2>/dev/null; rm -rf "$SCRATCH"' EXIT
    i=0
    while ! grep -q "^listening on" "$SCRATCH/serve.out" 2>/dev/null && [ $i -lt 300 ]; do
        sleep 0.1
        i=$((i + 1))
    done
    U=$(sed -n 's/^listening on //p' "$SCRATCH/serve.out")
}

req() {
    m=$1 p=$2
    shift 2
    curl -s -o out.json -w '%{http_code}' -X "$m" "$@" "$U$p"
}

is() {
    want=$1
    shift
    got=$(req "$@")
    [ "$got" = "$want" ] || { echo "$*: status $got, expected $want" >&2; head -c 800 out.json >&2; return 1; }
}

q() { jq -e "$@" out.json >/dev/null || { echo "jq $* failed on:" >&2; head -c 800 out.json >&2; return 1; }; }

test_done() {
    [ "$test_failed" -eq 0 ]
}
