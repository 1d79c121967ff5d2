#!/bin/sh
# mcf_glpk.sh - differential test of `symbiose mcf` against GLPK (glpsol --mincost) on
# 240 random instances with fixed seeds (tests/tools/mcfgen.c): both must find the same
# optimal cost, or both report the problem infeasible. One test per batch of 60 seeds.
. "$(dirname "$0")/lib.sh"

GEN=$SCRATCH/mcfgen
if ! command -v glpsol >/dev/null 2>&1; then
    test_skip 'differential test against GLPK' 'glpsol not found (apt-get install glpk-utils)' glpsol
    test_done
    exit 0
fi
${CC:-cc} -O2 -o "$GEN" "$TOP/tests/tools/mcfgen.c" || exit 1

# run_batch FIRST LAST: prints "seed N: symbiose X, glpk Y" for each disagreement.
run_batch() {
    bad=0
    opt=0
    inf=0
    s=$1
    while [ "$s" -le "$2" ]; do
        "$GEN" "$s" >i.min
        if ours=$("$SYMBIOSE" mcf i.min 2>err); then
            :
        elif grep -q "infeasible: " err; then
            ours=infeasible
        else
            ours="error($(cat err))"
        fi
        glpsol --mincost i.min --output g.out >g.log 2>&1
        if grep -q "^Status: *OPTIMAL" g.out 2>/dev/null; then
            theirs=$(sed -n 's/^Objective: *\([-0-9]*\) (MINimum).*/\1/p' g.out)
        elif grep -q "NO PRIMAL FEASIBLE\|INFEASIBLE" g.log g.out 2>/dev/null; then
            theirs=infeasible
        else
            theirs="error($(tail -n 2 g.log))"
        fi
        if [ "$ours" != "$theirs" ]; then
            echo "seed $s: symbiose $ours, glpk $theirs"
            bad=1
        elif [ "$ours" = infeasible ]; then
            inf=$((inf + 1))
        else
            opt=$((opt + 1))
        fi
        s=$((s + 1))
    done
    echo "seeds $1..$2: $opt optimal, $inf infeasible, all agree"
    echo "$opt $inf" >>"$SCRATCH/counts"
    [ "$bad" -eq 0 ] && [ "$opt" -gt 0 ]
}

for first in 1 61 121 181; do
    last=$((first + 59))
    test_expect_success "seeds $first..$last agree with glpsol --mincost" "run_batch $first $last"
done

test_expect_success 'the batches held both optimal and infeasible instances, and all 240 seeds ran' '
    awk "{ o += \$1; i += \$2; n++ } END { print o \" optimal, \" i \" infeasible in \" n \" batches\"; exit !(n == 4 && o > 0 && i > 0 && o + i == 240) }" "$SCRATCH/counts"
'

test_expect_success 'the seeds cover negative costs, lower bounds and fixed flows' '
    for s in 1 2 3 4 5 6 7 8 16 24; do "$GEN" $s; done >all.min &&
    grep -q "^a .* -[0-9]*$" all.min &&
    awk "\$1 == \"a\" && \$4 > 0 { l++ } \$1 == \"a\" && \$5 == \$4 { z++ } END { exit !(l && z) }" all.min
'

test_done
