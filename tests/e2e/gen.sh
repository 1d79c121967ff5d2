#!/bin/sh
# gen.sh - symbiose gen: a synthetic territory that imports cleanly, the same
# files for the same seed, other files for another seed, --help and usage errors.
. "$(dirname "$0")/lib.sh"

export SYMBIOSE_KB="$TOP/data"

test_expect_success 'gen --help prints the usage' '
    "$SYMBIOSE" gen --help >help.txt &&
    grep -q "usage: symbiose gen --establishments N" help.txt &&
    grep -q "nace_mix.csv" help.txt
'

test_expect_success 'gen writes actors.csv and flows.csv' '
    "$SYMBIOSE" gen --establishments 2000 --seed 1 --out out 2>err.txt &&
    test -s out/actors.csv && test -s out/flows.csv &&
    test "$(wc -l <out/actors.csv)" -eq 2001 &&
    head -n 1 out/actors.csv | grep -qx "id,name,siret,naf,kind,territory,address,commune,lat,lon,workforce" &&
    head -n 1 out/flows.csv | grep -qx "id,actor_id,direction,code,description,quantity,unit,period,state,confidentiality" &&
    grep -q "2000 establishments" err.txt
'

test_expect_success 'every establishment lies in the box of mainland France' '
    "$SYMBIOSE" -q gen --establishments 2000 --seed 1 --out out &&
    awk -F, "NR > 1 && !(\$9 >= 42.3 && \$9 <= 51.1 && \$10 >= -4.8 && \$10 <= 8.2) { bad++ }
             END { exit bad > 0 }" out/actors.csv
'

if [ -n "$SHARED" ] && [ -f "$SHARED/nace_rev2.csv" ]; then
    test_expect_success 'init, import actors and import flows of the generated files succeed' '
        "$SYMBIOSE" -q gen --establishments 2000 --seed 1 --out out &&
        "$SYMBIOSE" --db t.db init >/dev/null &&
        "$SYMBIOSE" --db t.db import actors out/actors.csv >imp.txt 2>&1 &&
        grep -q "2000 rows imported" imp.txt &&
        "$SYMBIOSE" --db t.db import flows out/flows.csv >imp2.txt 2>&1 &&
        n=$(($(wc -l <out/flows.csv) - 1)) &&
        grep -q "$n rows imported" imp2.txt &&
        ! grep -q "error" imp2.txt &&
        "$SYMBIOSE" --db t.db actors list --format csv >list.csv &&
        test "$(wc -l <list.csv)" -eq 2001
    '
else
    test_skip 'import of the generated files' 'no reference data (SYMBIOSE_DATA)' shared-data
fi

test_expect_success 'the same seed gives identical files' '
    "$SYMBIOSE" -q gen --establishments 2000 --seed 1 --out a &&
    "$SYMBIOSE" -q gen --establishments 2000 --seed 1 --out b &&
    cmp a/actors.csv b/actors.csv && cmp a/flows.csv b/flows.csv
'

test_expect_success 'another seed gives other files' '
    "$SYMBIOSE" -q gen --establishments 2000 --seed 1 --out a &&
    "$SYMBIOSE" -q gen --establishments 2000 --seed 2 --out b &&
    ! cmp -s a/actors.csv b/actors.csv && ! cmp -s a/flows.csv b/flows.csv
'

test_expect_success 'usage errors exit 1 with a message' '
    expect_status 1 "$SYMBIOSE" gen --seed 1 2>e1.txt &&
    grep -q "missing --establishments" e1.txt &&
    expect_status 1 "$SYMBIOSE" gen --establishments 0 2>e2.txt &&
    grep -q "not a number in" e2.txt &&
    expect_status 1 "$SYMBIOSE" gen --establishments 10 --seed -3 2>e3.txt &&
    grep -q "seed" e3.txt &&
    expect_status 1 "$SYMBIOSE" gen --establishments 10 --bogus 2>e4.txt
'

test_expect_success 'a bad mix file is reported with its line and column' '
    printf "nace_division,share,default_class\n20,x,20.59\n" >mix.csv &&
    expect_status 2 "$SYMBIOSE" gen --establishments 10 --mix mix.csv --out o 2>e.txt &&
    grep -q "mix.csv:2:4: share" e.txt
'

test_done
