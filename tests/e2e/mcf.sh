#!/bin/sh
# mcf.sh - end-to-end tests of `symbiose mcf` (DIMACS min-cost flow) over the real binary.
. "$(dirname "$0")/lib.sh"

NETGEN=
for d in "$SHARED" "$STAGED"; do
    [ -z "$NETGEN" ] && [ -n "$d" ] && [ -f "$d/mcf/netgen-2.min" ] && NETGEN=$d/mcf/netgen-2.min
done

# small.min: 4 nodes, a lower bound, parallel arcs, a zero-capacity arc, a negative cost.
cat >"$SCRATCH/small.min" <<'X'
c small hand-checked instance, optimum 27
p min 4 7
n 1 7
n 4 -7
a 1 2 0 4 2
a 1 3 0 8 2
a 2 4 0 5 1
a 3 4 1 5 3
a 2 3 0 3 -1
a 2 4 0 0 -50
a 1 2 0 4 9
X

# conserve FILE.min OUT: checks the "f u v x" lines of OUT against the supplies and arcs.
conserve() {
    awk '
    FNR == NR {
        if ($1 == "n") sup[$2] = $3
        if ($1 == "a") { cap[$2 " " $3] += $5; low[$2 " " $3] += $4 }
        if ($1 == "p") n = $3
        next
    }
    $1 == "f" {
        if ($4 <= 0) { print "nonpositive flow: " $0; bad = 1 }
        k = $2 " " $3
        if (!(k in cap)) { print "no such arc: " $0; bad = 1 }
        fl[k] += $4; net[$2] += $4; net[$3] -= $4; nf++
    }
    END {
        for (k in fl) if (fl[k] > cap[k]) { print "over capacity: " k; bad = 1 }
        for (k in low) if (fl[k] < low[k]) { print "under lower bound: " k; bad = 1 }
        for (i = 1; i <= n; i++) if (net[i] + 0 != sup[i] + 0) {
            print "node " i ": net outflow " net[i] + 0 ", supply " sup[i] + 0; bad = 1
        }
        if (nf == 0) { print "no flow lines"; bad = 1 }
        exit bad
    }' "$1" "$2"
}

test_expect_success 'small instance: optimal cost' '
    "$SYMBIOSE" mcf "$SCRATCH/small.min" >out &&
    echo 27 >want && cmp want out
'

test_expect_success 'small instance: --flows conserves flow and respects bounds' '
    "$SYMBIOSE" mcf --flows "$SCRATCH/small.min" >out &&
    test "$(head -n 1 out)" = 27 &&
    conserve "$SCRATCH/small.min" out
'

test_expect_success 'reads standard input with -' '
    "$SYMBIOSE" mcf - <"$SCRATCH/small.min" >out && test "$(cat out)" = 27
'

if [ -n "$NETGEN" ]; then
    test_expect_success 'netgen-2 optimum is 6749969302' '
        "$SYMBIOSE" mcf "$NETGEN" >out &&
        test "$(cat out)" = 6749969302
    '
    test_expect_success 'netgen-2 --flows: conservation, bounds, cost' '
        "$SYMBIOSE" mcf --flows "$NETGEN" >out &&
        test "$(head -n 1 out)" = 6749969302 &&
        conserve "$NETGEN" out &&
        awk "FNR == NR { if (\$1 == \"a\") c[\$2 \" \" \$3] = \$6; next }
             \$1 == \"f\" { s += \$4 * c[\$2 \" \" \$3] } END { printf \"%.0f\\n\", s }" \
            "$NETGEN" out >cost &&
        test "$(cat cost)" = 6749969302
    '
else
    test_skip 'netgen-2' 'reference data not found (set SYMBIOSE_DATA)'
fi

test_expect_success 'malformed file: exit 2 with FILE:LINE:COLUMN' '
    printf "p min 2 1\na 1 2 0 1x 3\n" >bad.min &&
    expect_status 2 "$SYMBIOSE" mcf bad.min 2>err &&
    grep -F "bad.min:2:9: malformed capacity '"'"'1x'"'"': expected an integer" err
'

test_expect_success 'node id out of range: exit 2 with location' '
    printf "c\np min 3 1\na 1 4 0 1 1\n" >bad.min &&
    expect_status 2 "$SYMBIOSE" mcf bad.min 2>err &&
    grep -F "bad.min:3:5: head node id 4 out of range 1..3" err
'

test_expect_success 'infeasible problem: exit 2, message says infeasible' '
    printf "p min 2 1\nn 1 5\nn 2 -5\na 1 2 0 3 1\n" >inf.min &&
    expect_status 2 "$SYMBIOSE" mcf inf.min >out 2>err &&
    grep "infeasible: " err && test ! -s out
'

test_expect_success 'unbalanced supplies are infeasible' '
    printf "p min 2 1\nn 1 5\nn 2 -4\na 1 2 0 9 1\n" >inf.min &&
    expect_status 2 "$SYMBIOSE" mcf inf.min 2>err &&
    grep "infeasible: the supplies sum to 1" err
'

test_expect_success 'missing file: exit 3' '
    expect_status 3 "$SYMBIOSE" mcf no-such.min 2>err &&
    grep "cannot open no-such.min" err
'

test_expect_success 'no file argument: usage error, exit 1' '
    expect_status 1 "$SYMBIOSE" mcf 2>err &&
    grep "missing FILE.min" err
'

test_expect_success '--help prints the usage' '
    "$SYMBIOSE" mcf --help >out &&
    grep "^usage: symbiose mcf \[--flows\] FILE.min" out
'

test_done
