#!/bin/sh
# dayone.sh - a French facilitator's first day (issue 12), end to end, in
# French: a new territory, a semicolon CSV typed in LibreOffice with French
# headers, trailing ;;;; rows, a SIRET with spaces, a commune name and a
# postal code in the commune column, swapped coordinates, a wrong SIRET, a
# mistyped kind and confidentiality; each fixed by following the messages.
# Then a code corrected in the sheet, a re-import without a column, an edit
# in place, a French CSV export re-imported, candidates read back by short
# key, the stored plan listed, a sheet synchronised (--sync) and the flows
# round-tripped through an .xlsx workbook. DAYONE_TRANSCRIPT=FILE keeps the
# transcript (the commands and what a French user reads at each step).
. "$(dirname "$0")/lib.sh"

unset LC_ALL LC_MESSAGES LANGUAGE
export LANG=fr_FR.UTF-8
DAY=$TOP/tests/data/dayone

# run CMD...: runs symbiose, keeping the command and what it printed.
run() {
    echo "\$ symbiose $*" >>transcript
    "$SYMBIOSE" "$@" >out 2>err
    st=$?
    cat out err >>transcript
    return $st
}

test_expect_success 'the day-one scenario, step by step, in French' '
    cp "$DAY/acteurs.csv" "$DAY/flux.csv" . &&

    # 1. a new database and territory
    run init && grep -q "prête" out &&
    run territory add pa "Port de Strasbourg (fictif)" --region "Grand Est" \
        --structure "Port autonome" --programme Climaxion &&
    grep -q "territoire pa enregistré" out &&

    # 2. the actors sheet: every error at once, located as she reads it
    { run import actors acteurs.csv; test $? -eq 2; } &&
    grep -q "acteurs.csv:4:.*erreur.*SIRET « 303 457 808 00011 » est invalide.*\[ligne 4, colonne C (siret)\]" err &&
    grep -q "erreur.*Port-du-Rhin.*\[ligne 4, colonne H (commune)\]" err &&
    grep -q "erreur: le type « entreprises ».*entreprise, public, association.*\[ligne 6, colonne E (type)\]" err &&
    grep -q "avertissement: commune « Strasbourg » enregistrée sous son code INSEE 67482" err &&
    grep -q "avertissement: « 67000 » est un code postal : enregistré sous le code INSEE 67482" err &&
    grep -q "avertissement: latitude et longitude semblent inversées.*\[ligne 5, colonne I (latitude)\]" err &&
    grep -q "3 erreurs dans acteurs.csv ; rien n.a été importé" err &&
    ! grep -q "ligne [789]" err &&
    test "$("$SYMBIOSE" actors list --format csv | wc -l)" -eq 1 &&

    # 3. she follows the messages: empty SIRET, INSEE code, entreprise, swap
    sed -i "s/303 457 808 00011//; s/Port-du-Rhin/67482/; s/;entreprises;/;entreprise;/; s/;7,7560;48,5690;/;48,5690;7,7560;/" acteurs.csv &&
    run import actors acteurs.csv &&
    grep -q "5 lignes importées (5 nouvelles, 0 mise à jour), avec des avertissements" out &&
    ! grep -q "erreur" err && ! grep -q "inversées" err &&
    "$SYMBIOSE" actors list --format csv >a.csv &&
    grep -q "^pa-papeterie;Papeterie du Rhin;81661318609139;17.12Z;entreprise;pa;1 quai du Rhin;67482;48,5734;7,7921;120" a.csv &&
    grep -q "^pa-cimenterie;.*;67482;" a.csv &&

    # 4. the flows sheet: confidentiel is not a value; the message lists the French ones
    { run import flows flux.csv; test $? -eq 2; } &&
    grep -q "la confidentialité « confidentiel » n.est pas l.une de : public, réseau, territoire, privé.*\[ligne 2, colonne J (confidentialité)\]" err &&
    sed -i "s/;confidentiel/;privé/" flux.csv &&
    run import flows flux.csv && grep -q "6 lignes importées (6 nouvelles" out &&

    # 5. a code corrected in the sheet updates the same flow (its id is in the sheet)
    sed -i "2s/03 03 11/03 03 10/" flux.csv &&
    run import flows flux.csv && grep -q "6 lignes importées (0 nouvelle, 6 mises à jour)" out &&
    "$SYMBIOSE" flows list --format csv >f.csv &&
    test "$(grep -c "^f1;" f.csv)" -eq 1 && grep -q "^f1;pa-papeterie;offre;03 03 10;.*;4500;t;an;boue;privé;" f.csv &&
    test "$(tail -n +2 f.csv | wc -l)" -eq 6 &&

    # 6. a sheet without the effectif column keeps the stored workforce
    cut -d";" -f1-10 acteurs.csv >sans_effectif.csv &&
    run import actors sans_effectif.csv &&
    "$SYMBIOSE" actors list --format csv | grep -q "^pa-papeterie;.*;120;[01]$" &&

    # 7. an edit in place, with a French column name
    run actors set pa-cimenterie effectif=85 && grep -q "acteur pa-cimenterie mis à jour" out &&
    { run actors set pa-cimenterie siret=123; test $? -eq 2; } && grep -q "siret: le SIRET « 123 »" err &&
    { run actors delete pa-papeterie; test $? -eq 2; } && grep -q "a 3 flux.*--cascade" err &&

    # 8. the French export opens in a spreadsheet and re-imports as it is
    "$SYMBIOSE" flows list --format csv >export.csv &&
    head -c 3 export.csv | od -An -tx1 | grep -q "ef bb bf" &&
    grep -q "^f5;pa-cimenterie;offre;energy.heat.mt;Chaleur fatale du four;120000;MWh;an;aucun;réseau;" export.csv &&
    run import flows export.csv && grep -q "6 lignes importées (0 nouvelle, 6 mises à jour)" out &&
    "$SYMBIOSE" flows list --format csv | cmp - export.csv &&

    # 9. candidates read back by a short key, a decision undone, the plan listed
    run match --territory pa --format csv && cp out m.csv &&
    grep -q "pa-entrepot;.*pa-papeterie;.*15 01 01" m.csv &&
    sk=$(grep "pa-entrepot;.*pa-papeterie;" m.csv | head -1 | awk -F";" "{print \$NF}" | tr -d "\r") &&
    test ${#sk} -eq 8 &&
    run match show $sk && grep -q "^explication : " out && grep -q "^statut : *proposed" out &&
    run match decide $sk accept && run match decide $sk proposed &&
    run match show $sk && grep -q "^statut : *proposed" out &&
    run plan --territory pa && run plan list &&
    grep -q "^ *1 *pa " out &&
    run plan show 1 && grep -q "^total" out &&

    # 10. the recycler left the zone: gone from the sheet, --sync deletes it
    #     (asked first; without a terminal, only with --yes)
    grep -v "^pa-recyclage;" acteurs.csv >acteurs2.csv &&
    { run import actors acteurs2.csv --sync </dev/null; test $? -eq 1; } &&
    grep -q "1 acteur du territoire pa n.est pas dans acteurs2.csv et sera supprimé : pa-recyclage" err && grep -q "non confirmé : rien n.a été importé ni supprimé" err &&
    grep -q "ajoutez --yes" err &&
    run import actors acteurs2.csv --sync --yes </dev/null &&
    grep -q "1 ligne absente du fichier supprimée" out &&
    test "$("$SYMBIOSE" actors list --format csv | tail -n +2 | wc -l)" -eq 4 &&

    # 11. the flows as an Excel workbook, edited there and read back
    run flows list --format xlsx -o flux.xlsx &&
    run import flows flux.xlsx && grep -q "flux.xlsx : 6 lignes importées (0 nouvelle, 6 mises à jour)" out &&
    ! grep -q "colonne inconnue" err &&
    "$SYMBIOSE" flows list --format csv | cmp - export.csv &&
    { [ -z "${DAYONE_TRANSCRIPT:-}" ] || cp transcript "$DAYONE_TRANSCRIPT"; }
'

test_done
