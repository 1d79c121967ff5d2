#!/bin/sh
# roundtrip.sh - exports re-import: every list written as CSV (English and
# French spreadsheet styles) is imported into an empty database and listed
# again; the two listings must be identical. Numbers are written in full.
. "$(dirname "$0")/lib.sh"

unset LC_ALL LC_MESSAGES LANGUAGE
export LANG=C
FIX=$TOP/tests/data/import

setup_db() {
    "$SYMBIOSE" --quiet import territories "$FIX/territories.csv" >/dev/null 2>&1 &&
        "$SYMBIOSE" --quiet import actors "$FIX/actors.csv" >/dev/null 2>&1 &&
        "$SYMBIOSE" --quiet import flows "$FIX/flows.csv" >/dev/null 2>&1 &&
        "$SYMBIOSE" --quiet flows add --id big1 --actor_id A1 --direction supply \
            --code "03 03 10" --quantity 1200000 --unit t --state solid >/dev/null 2>&1 &&
        "$SYMBIOSE" --quiet flows add --id big2 --actor_id A1 --direction demand \
            --code energy.heat.lt --quantity 1234567 --unit MWh --temperature_c 12.25 \
            >/dev/null 2>&1 &&
        "$SYMBIOSE" --quiet flows add --id big3 --actor_id A2 --direction supply \
            --code "02 04 01" --quantity 123456.7 --unit kg --period month --months 4-10 \
            >/dev/null 2>&1
}

# dump DB: every list as CSV (English style), for comparison.
dump() {
    for l in "territory list" "actors list" "flows list"; do
        "$SYMBIOSE" --db "$1" --locale en $l --format csv || return 1
    done
}

test_expect_success 'numbers are written in full, never with an exponent' '
    setup_db &&
    "$SYMBIOSE" flows list --format csv >f.csv &&
    grep -q "^big1,.*,1200000,t," f.csv &&
    grep -q "^big2,.*,1234567,MWh," f.csv &&
    grep -q "^big3,.*,123456.7,kg," f.csv &&
    ! grep -q "e+" f.csv
'

for loc in en fr; do
    test_expect_success "every list round-trips through CSV (--locale $loc)" '
        setup_db &&
        "$SYMBIOSE" --locale '$loc' territory list --format csv >t.csv &&
        "$SYMBIOSE" --locale '$loc' actors list --format csv >a.csv &&
        "$SYMBIOSE" --locale '$loc' flows list --format csv >f.csv &&
        "$SYMBIOSE" --db new.db --quiet import territories t.csv &&
        "$SYMBIOSE" --db new.db --quiet import actors a.csv 2>/dev/null &&
        "$SYMBIOSE" --db new.db --quiet import flows f.csv 2>/dev/null &&
        dump symbiose.db >before && dump new.db >after &&
        test "$(wc -l <before)" -gt 10 &&
        cmp before after
    '
done

test_expect_success '--locale fr writes a BOM, semicolons and decimal commas' '
    setup_db &&
    "$SYMBIOSE" flows list --format csv --locale fr >f.csv &&
    head -c 3 f.csv | od -An -tx1 | grep -q "ef bb bf" &&
    head -1 f.csv | grep -q "^.*id;actor_id;direction;code" &&
    grep -q "^big3;.*;123456,7;kg;" f.csv &&
    grep -q "^big2;.*;12,25;" f.csv
'

test_expect_success 'a French user gets the French CSV style by default' '
    setup_db &&
    LANG=fr_FR.UTF-8 "$SYMBIOSE" flows list --format csv >f.csv &&
    grep -q "^big3;.*;123456,7;kg;" f.csv &&
    LANG=fr_FR.UTF-8 "$SYMBIOSE" --locale en flows list --format csv >g.csv &&
    grep -q "^big3,.*,123456.7,kg," g.csv
'

test_done
