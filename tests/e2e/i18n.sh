#!/bin/sh
# i18n.sh - messages in French through GNU gettext: chosen from the user's
# language (even with no French locale generated), --lang to override,
# English by default, and the catalogue found once installed.
. "$(dirname "$0")/lib.sh"

unset LC_ALL LC_MESSAGES LANGUAGE
export LANG=C

test_expect_success 'English by default, and with LANG=C or C.UTF-8' '
    expect_status 1 "$SYMBIOSE" frob 2>err &&
    grep -q "is not a command" err &&
    LANG=C.UTF-8 "$SYMBIOSE" --help >h && grep -q "Exit status" h
'

test_expect_success 'French when LANG is French, even if that locale is not generated' '
    if locale -a | grep -qi "^fr_FR"; then echo "(fr_FR is generated here)"; fi &&
    LANG=fr_FR.UTF-8 "$SYMBIOSE" frob 2>err; test $? -eq 1 &&
    grep -q "n.est pas une commande" err &&
    LANG=fr_FR.UTF-8 "$SYMBIOSE" --help >h && grep -q "Code de sortie" h
'

test_expect_success 'LC_ALL, LC_MESSAGES and LANGUAGE count too' '
    LC_ALL=fr_FR.UTF-8 "$SYMBIOSE" frob 2>err; grep -q "n.est pas une commande" err &&
    LC_MESSAGES=fr_BE.UTF-8 "$SYMBIOSE" frob 2>err; grep -q "n.est pas une commande" err &&
    LANGUAGE=fr "$SYMBIOSE" frob 2>err; grep -q "n.est pas une commande" err
'

test_expect_success '--lang chooses, before or after the command' '
    LANG=fr_FR.UTF-8 "$SYMBIOSE" --lang en frob 2>err; grep -q "is not a command" err &&
    "$SYMBIOSE" --lang fr frob 2>err; grep -q "n.est pas une commande" err &&
    "$SYMBIOSE" actors --help --lang fr >h && grep -q "usage" h &&
    expect_status 1 "$SYMBIOSE" --lang de frob 2>err && grep -q "fr or en" err
'

test_expect_success 'import errors come in French' '
    printf "code,name\nzp,\n" >t.csv &&
    LANG=fr_FR.UTF-8 "$SYMBIOSE" import territories t.csv 2>err; test $? -eq 2 &&
    grep -q "t.csv:2:.*erreur.*obligatoire" err &&
    grep -q "rien n.a été importé" err
'

test_expect_success 'database file errors come in French (the store marks its messages)' '
    LANG=fr_FR.UTF-8 expect_status 3 "$SYMBIOSE" --db nowhere.db actors list 2>err &&
    grep -q "aucune base de données à nowhere.db" err &&
    printf "id,name\n" >text.db &&
    LANG=fr_FR.UTF-8 expect_status 3 "$SYMBIOSE" --db text.db actors list 2>err &&
    grep -q "text.db n.est pas une base de données" err
'

test_expect_success 'help, sync and sheet messages come in French too (LANGUAGE=fr, --lang fr)' '
    LANGUAGE=fr "$SYMBIOSE" import --help >h && grep -q "la première feuille d.un classeur .xlsx ou .ods" h &&
    "$SYMBIOSE" --lang fr actors --help >h && grep -q "Liste les acteurs" h &&
    printf "not a zip" >a.xlsx &&
    LANG=fr_FR.UTF-8 "$SYMBIOSE" import actors a.xlsx 2>err; test $? -eq 2 &&
    grep -q "pas un tableur que ce programme sait lire" err &&
    printf "code,name\nzp,Zone\n" >t.csv && "$SYMBIOSE" --quiet import territories t.csv &&
    h="id,name,siret,naf,kind,territory,address,commune,lat,lon" &&
    printf "%s\nA1,Un,,,,zp,,,,\nA2,Deux,,,,zp,,,,\n" "$h" >a.csv &&
    "$SYMBIOSE" --quiet import actors a.csv >/dev/null 2>&1 &&
    printf "%s\nA1,Un,,,,zp,,,,\n" "$h" >b.csv &&
    LANG=fr_FR.UTF-8 "$SYMBIOSE" import actors b.csv --sync </dev/null 2>err; test $? -eq 1 &&
    grep -q "1 acteur du territoire zp n.est pas dans b.csv et sera supprimé" err &&
    grep -q "ajoutez --yes" err
'

# The commands of the table in src/cli/commands.c, the source of truth (a new
# command without a French help fails the next test).
commands=$(sed -n 's/^ *{"\([a-z]*\)", cmd_.*/\1/p' "$TOP/src/cli/commands.c")

test_expect_success 'every command has a French help (--lang fr CMD --help differs from en)' '
    test $(echo "$commands" | wc -w) -ge 20 &&
    for cmd in $commands; do
        "$SYMBIOSE" --lang en $cmd --help >en.txt 2>&1 &&
        "$SYMBIOSE" --lang fr $cmd --help >fr.txt 2>&1 &&
        grep -q "^usage: symbiose" en.txt || { echo "$cmd: no usage in --help"; return 1; }
        if cmp -s en.txt fr.txt; then echo "$cmd: help in English only"; return 1; fi
        grep -q "^usage : symbiose" fr.txt || { echo "$cmd: French help untranslated"; return 1; }
    done
'

test_expect_success 'po/fr.po: no untranslated and no fuzzy message' '
    msgfmt --statistics -c -o /dev/null "$TOP/po/fr.po" 2>stats &&
    cat stats && grep -q "translated messages" stats &&
    ! grep -q "untranslated\|fuzzy" stats
'

test_expect_success 'po/fr.po is current: every string marked in src/ is translated' '
    (cd "$TOP" && xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ \
        --keyword=ngettext:1,2 --no-location -o "$T/now.pot" src/main.c \
        $(find src -name "*.c" ! -path src/main.c | sort)) &&
    test -s now.pot &&
    msgcmp "$TOP/po/fr.po" now.pot
'

test_expect_success 'match explains in French: the run stores it, match show reads it back' '
    EX="$TOP/examples/zone-portuaire" &&
    "$SYMBIOSE" -q init >/dev/null &&
    "$SYMBIOSE" -q import territories "$EX/territory.csv" &&
    "$SYMBIOSE" -q import actors "$EX/actors.csv" &&
    "$SYMBIOSE" -q import flows "$EX/flows.csv" &&
    LANG=fr_FR.UTF-8 "$SYMBIOSE" -q match --format json >fr.json &&
    grep -q "offre déclarée de 19 01 12" fr.json &&
    grep -q "km par la route (max. 50 km)" fr.json &&
    grep -q "Cadre réglementaire : " fr.json &&
    grep -q "Mutualisation : [0-9]* sites à moins de 5 km" fr.json &&
    grep -q "À confirmer : " fr.json &&
    ! grep -q "To confirm\|by road\|Legal path\|Pooling" fr.json &&
    jq -e "[.[] | select(.resource_code == \"19 01 12\")][0].resource_label | test(\"^mâchefers\")" fr.json >/dev/null &&
    k=$(sed -n "s/.*\"short_key\": *\"\([0-9a-f]*\)\".*/\1/p" fr.json | head -1) &&
    test -n "$k" &&
    "$SYMBIOSE" --lang fr match show "$k" >show &&
    grep -q "^explication : .*km par la route" show &&
    "$SYMBIOSE" -q match --format json >en.json &&
    grep -q "declared supply of 19 01 12" en.json && ! grep -q "offre déclarée" en.json &&
    jq -e "[.[] | select(.resource_code == \"19 01 12\")][0].resource_label | test(\"^Bottom ash\")" en.json >/dev/null
'

test_expect_success 'an xlsx list is a sheet named after the list, in the user language' '
    printf "code,name\nzp,Zone\n" >t.csv && "$SYMBIOSE" -q import territories t.csv &&
    printf "id,name,siret,naf,kind,territory,address,commune,lat,lon\nA1,Un,,,,zp,,,,\n" >a.csv &&
    "$SYMBIOSE" -q import actors a.csv >/dev/null 2>&1 &&
    "$SYMBIOSE" --lang fr actors list --format xlsx -o fr.xlsx &&
    "$SYMBIOSE" --lang en actors list --format xlsx -o en.xlsx &&
    "$SYMBIOSE" --lang fr flows list --format xlsx -o flux.xlsx &&
    python3 "$TOP/tests/tools/xlsx_read.py" fr.xlsx | grep -q "^{\"sheets\": \[{\"name\": \"acteurs\"" &&
    python3 "$TOP/tests/tools/xlsx_read.py" en.xlsx | grep -q "^{\"sheets\": \[{\"name\": \"actors\"" &&
    python3 "$TOP/tests/tools/xlsx_read.py" flux.xlsx | grep -q "^{\"sheets\": \[{\"name\": \"flux\""
'

test_expect_success 'the installed binary finds its installed catalogue' '
    make -s -C "$TOP" install BUILD="$BUILD" DESTDIR="$T/root" PREFIX=/usr >/dev/null &&
    test -f "$T/root/usr/share/locale/fr/LC_MESSAGES/symbiose.mo" &&
    LANG=fr_FR.UTF-8 "$T/root/usr/bin/symbiose" frob 2>err; grep -q "n.est pas une commande" err &&
    (PATH="$T/root/usr/bin:$PATH" && export PATH && cd "$T" &&
        LANG=fr_FR.UTF-8 symbiose frob 2>err2; grep -q "n.est pas une commande" err2)
'

test_done
