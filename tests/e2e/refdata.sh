#!/bin/sh
# refdata.sh - the reference data ships with the product (data/ref): it is what
# scripts/refdata makes from the staged originals, every file is small and has its
# source, and a fresh copy of the repository with no ../shared and no SYMBIOSE_DATA
# runs the demo and finds the List of Waste and NAF codes; so does an installed copy.
. "$(dirname "$0")/lib.sh"

REF=$TOP/data/ref

if [ -n "$STAGED" ]; then
    test_expect_success 'scripts/refdata --check: data/ref is what the staged originals give' '
        "$TOP/scripts/refdata" --check >out && grep -q "are up to date" out
    '
    test_expect_success 'scripts/refdata refuses a file with a wrong row count' '
        mkdir from && cp -R "$STAGED/." from/ && chmod -R u+w from &&
        sed -i "\$d" from/epci_grand_est.csv &&
        expect_status 2 "$TOP/scripts/refdata" --from from --to to 2>err &&
        grep -q "149 data rows, expected 150" err
    '
else
    test_skip 'scripts/refdata --check' 'no staged originals in ../shared/data' shared-data
fi

test_expect_success 'every file in data/ref is under 1 MiB, named in SOURCES.md, UTF-8 with LF ends' '
    n=0 &&
    for f in $(cd "$REF" && find . -name "*.csv" | sed "s|^\./||"); do
        n=$((n + 1)) &&
        [ "$(wc -c <"$REF/$f")" -lt 1048576 ] || { echo "$f too big"; exit 1; }
        grep -q "\`$f\`" "$REF/SOURCES.md" || { echo "$f not in SOURCES.md"; exit 1; }
        iconv -f UTF-8 -t UTF-8 "$REF/$f" >/dev/null || { echo "$f not UTF-8"; exit 1; }
        ! grep -q "$(printf "\r")" "$REF/$f" || { echo "$f has CR"; exit 1; }
    done &&
    [ "$n" -ge 14 ]
'

# A copy of what a clone holds, in a folder with no ../shared beside it.
make_clone() {
    mkdir -p clone/build clone/scripts &&
    cp "$BUILD/symbiose" clone/build/ &&
    cp -R "$TOP/data" "$TOP/examples" clone/ &&
    cp "$TOP/scripts/demo" clone/scripts/ &&
    [ ! -e clone/../shared ] && [ ! -e "$T/../shared" ]
}

test_expect_success 'a fresh copy without ../shared nor SYMBIOSE_DATA: the demo runs on data/ref' '
    make_clone &&
    (cd clone && env -u SYMBIOSE_DATA -u SYMBIOSE_KB BUILD=build sh scripts/demo >../demo.out 2>&1) &&
    grep -q "^low  *842 codes from .*data/ref/list_of_waste.csv" demo.out &&
    grep -q "^naf  *732 codes from .*data/ref/naf_rev2_subclasses.csv" demo.out &&
    grep -q "synergies:" demo.out &&
    (cd clone && env -u SYMBIOSE_DATA -u SYMBIOSE_KB build/symbiose nomenclature show "16 06 01*" >../low.out) &&
    grep -q "accumulateurs au plomb" low.out &&
    (cd clone && env -u SYMBIOSE_DATA -u SYMBIOSE_KB build/symbiose nomenclature show 20.14Z >../naf.out) &&
    grep -q "Fabrication d.autres produits chimiques organiques de base" naf.out
'

test_expect_success 'make install: the installed binary finds share/symbiose/ref' '
    make -s -C "$TOP" BUILD="$BUILD" install PREFIX="$T/p" >/dev/null &&
    [ -f "$T/p/share/symbiose/ref/list_of_waste.csv" ] &&
    env -u SYMBIOSE_DATA -u SYMBIOSE_KB "$T/p/bin/symbiose" --db i.db init >out &&
    grep -q "^low  *842 codes from $T/p/bin/../share/symbiose/ref/list_of_waste.csv" out &&
    grep -q "^nace  *996 codes" out &&
    env -u SYMBIOSE_DATA -u SYMBIOSE_KB "$T/p/bin/symbiose" --db i.db nomenclature show 20.14Z >naf.out &&
    grep -q "^20.14Z" naf.out
'

test_expect_success '--data and SYMBIOSE_DATA still override the shipped data' '
    mkdir alt && head -3 "$REF/list_of_waste.csv" >alt/list_of_waste.csv &&
    SYMBIOSE_DATA="$T/alt" "$SYMBIOSE" --db a.db init >out &&
    grep -q "^low  *2 codes from $T/alt/list_of_waste.csv" out &&
    env -u SYMBIOSE_DATA "$SYMBIOSE" --db b.db --data alt init >out &&
    grep -q "^low  *2 codes from alt/list_of_waste.csv" out
'

test_done
