#!/bin/sh
# examples.sh - validates examples/zone-portuaire and examples/kalundborg with awk/sh only:
# exact headers, unique actor ids, flows pointing to actors, codes in the List of Waste
# (if $SHARED) or in data/taxonomy.csv, SIRET Luhn check, NAF subclasses, and for
# Kalundborg that every documented exchange is connected by an identity or a strong route
# within the resource's maximum distance (road km = 1.3 x straight-line km, the engine's
# default --detour).
. "$(dirname "$0")/lib.sh"

EX=$TOP/examples
KB=$TOP/data
ACTORS_HDR="id,name,siret,naf,kind,territory,address,commune,lat,lon,workforce"
FLOWS_HDR="actor_id,direction,code,description,quantity,unit,period,state,confidentiality,months,temperature_c"
TERR_HDR="code,name,region,structure,programme"

# check_example DIR TERRITORY: structural checks shared by both examples.
check_example() {
    d=$EX/$1
    test "$(head -n 1 "$d/territory.csv")" = "$TERR_HDR" || { echo "$1: territory header"; return 1; }
    test "$(head -n 1 "$d/actors.csv")" = "$ACTORS_HDR" || { echo "$1: actors header"; return 1; }
    test "$(head -n 1 "$d/flows.csv")" = "$FLOWS_HDR" || { echo "$1: flows header"; return 1; }
    test -s "$d/README.md" || { echo "$1: no README.md"; return 1; }
    csv2tsv "$d/territory.csv" >terr.tsv && csv2tsv "$d/actors.csv" >actors.tsv && csv2tsv "$d/flows.csv" >flows.tsv || return 1
    awk -F "\t" -v t="$2" "NR == 2 && \$1 != t { print \"territory code \" \$1; bad = 1 } NF != 5 { bad = 1 } END { if (NR != 2) bad = 1; exit bad }" terr.tsv || { echo "$1: territory.csv"; return 1; }
    awk -F "\t" -v t="$2" "NR > 1 {
        if (NF != 11) { print \"actors line \" NR \": \" NF \" fields\"; bad = 1 }
        if (\$1 !~ /^[a-z0-9][a-z0-9-]*\$/) { print \"bad id \" \$1; bad = 1 }
        if (seen[\$1]++) { print \"duplicate actor \" \$1; bad = 1 }
        if (\$2 == \"\") { print \$1 \": no name\"; bad = 1 }
        if (\$3 != \"\" && \$3 !~ /^[0-9]{14}\$/ && \$3 !~ /^[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]\$/) { print \$1 \": SIRET not 14 digits\"; bad = 1 }
        if (\$4 !~ /^[0-9][0-9]\\.[0-9][0-9][A-Z]\$/) { print \$1 \": NAF \" \$4; bad = 1 }
        if (\$5 !~ /^(company|public|association)\$/) { print \$1 \": kind \" \$5; bad = 1 }
        if (\$6 != t) { print \$1 \": territory \" \$6; bad = 1 }
        if (\$9 !~ /^-?[0-9]+\\.[0-9]+\$/ || \$10 !~ /^-?[0-9]+\\.[0-9]+\$/) { print \$1 \": lat/lon\"; bad = 1 }
        if (\$11 !~ /^[0-9]+\$/) { print \$1 \": workforce\"; bad = 1 }
    } END { exit bad }" actors.tsv || return 1
    awk -F "\t" "FNR == NR { if (FNR > 1) a[\$1] = 1; next } FNR > 1 {
        if (NF != 11) { print \"flows line \" FNR \": \" NF \" fields\"; bad = 1 }
        if (!(\$1 in a)) { print \"flows line \" FNR \": unknown actor \" \$1; bad = 1 }
        if (\$2 !~ /^(supply|demand)\$/) { print \"flows line \" FNR \": direction\"; bad = 1 }
        if (\$4 == \"\") { print \"flows line \" FNR \": no description\"; bad = 1 }
        if (\$5 !~ /^[0-9]*\\.?[0-9]+\$/ || \$5 + 0 <= 0) { print \"flows line \" FNR \": quantity \" \$5; bad = 1 }
        if (\$6 !~ /^(t|kg|MWh|kWh|GJ|m3|L|count)\$/) { print \"flows line \" FNR \": unit \" \$6; bad = 1 }
        if (\$7 !~ /^(year|month|week|day|once)\$/) { print \"flows line \" FNR \": period\"; bad = 1 }
        if (\$8 !~ /^(solid|liquid|gas|sludge|none)\$/) { print \"flows line \" FNR \": state\"; bad = 1 }
        if (\$9 !~ /^(public|network|territory|private)\$/) { print \"flows line \" FNR \": confidentiality\"; bad = 1 }
        if (\$10 != \"\" && \$10 !~ /^([1-9]|1[0-2])(-([1-9]|1[0-2]))?(,([1-9]|1[0-2])(-([1-9]|1[0-2]))?)*\$/) { print \"flows line \" FNR \": months \" \$10; bad = 1 }
        if (\$11 != \"\" && \$11 !~ /^-?[0-9]+(\\.[0-9]+)?\$/) { print \"flows line \" FNR \": temperature\"; bad = 1 }
    } END { exit bad }" actors.tsv flows.tsv || return 1
}

# check_codes: flows.tsv codes are LoW codes written as in the List of Waste (asterisk exactly
# on hazardous entries; checked only with $SHARED) or taxonomy codes.
check_flow_codes() {
    csv2tsv "$KB/taxonomy.csv" | awk -F "\t" "NR > 1 { print \"tax\t\" \$1 }" >known.tsv
    if [ -n "$SHARED" ]; then
        csv2tsv "$SHARED/list_of_waste.csv" | awk -F "\t" "NR > 1 { print \"low\t\" \$1 (\$3 == 1 ? \"*\" : \"\") }" >>known.tsv
    fi
    awk -F "\t" -v shared="$SHARED" "FNR == NR { k[\$2] = 1; next } FNR > 1 {
        v = \$3
        if (v ~ /^[0-9][0-9] [0-9][0-9] [0-9][0-9]\\*?\$/) {
            if (shared != \"\" && !(v in k)) { print \"line \" FNR \": \" v \" is not a List of Waste entry (asterisk?)\"; bad = 1 }
        } else if (!(v in k)) { print \"line \" FNR \": unknown code \" v; bad = 1 }
    } END { exit bad }" known.tsv flows.tsv
}

# luhn: every non-empty SIRET of actors.tsv passes the Luhn check.
check_luhn() {
    awk -F "\t" "NR > 1 && \$3 != \"\" {
        s = \$3; t = 0; n = length(s)
        for (i = 0; i < n; i++) { d = substr(s, n - i, 1) + 0; if (i % 2 == 1) { d *= 2; if (d > 9) d -= 9 } t += d }
        if (t % 10 != 0) { print \$1 \": SIRET \" s \" fails the Luhn check\"; bad = 1 }
    } END { exit bad }" actors.tsv
}

check_naf() {
    csv2tsv "$SHARED/naf_rev2_subclasses.csv" >naf.tsv &&
    awk -F "\t" "FNR == NR { ok[\$1] = 1; next } FNR > 1 && !(\$4 in ok) { print \$1 \": unknown NAF \" \$4; bad = 1 } END { exit bad }" naf.tsv actors.tsv
}

for ex in zone-portuaire:zp kalundborg:kalundborg; do
    dir=${ex%%:*}
    code=${ex#*:}
    test_expect_success "$dir: headers, ids, fields, actor references" "check_example $dir $code"
    test_expect_success "$dir: codes are List of Waste or taxonomy codes" "check_example $dir $code >/dev/null && check_flow_codes"
    test_expect_success "$dir: SIRET Luhn-valid where present" "check_example $dir $code >/dev/null && check_luhn"
    if [ -n "$SHARED" ]; then
        test_expect_success "$dir: NAF subclasses exist" "check_example $dir $code >/dev/null && check_naf"
    else
        test_skip "$dir: NAF subclasses exist; List of Waste codes and communes not checked" \
            'no reference data (set SYMBIOSE_DATA)' shared-data
    fi
done

test_expect_success 'zone-portuaire: about 40 actors, at least 140 flows, SIRET on every actor' '
    check_example zone-portuaire zp >/dev/null &&
    na=$(($(wc -l <actors.tsv) - 1)) && nf=$(($(wc -l <flows.tsv) - 1)) && echo "$na actors, $nf flows" &&
    test "$na" -ge 35 && test "$na" -le 50 && test "$nf" -ge 140 &&
    awk -F "\t" "NR > 1 && \$3 == \"\" { print \$1 \": no SIRET\"; bad = 1 } END { exit bad }" actors.tsv
'

test_expect_success 'zone-portuaire: Grand Est communes, coordinates near the Rhine port, fictional names' '
    check_example zone-portuaire zp >/dev/null &&
    awk -F "\t" "NR > 1 && (\$9 < 48.45 || \$9 > 48.70 || \$10 < 7.65 || \$10 > 7.90) { print \$1 \": outside the zone\"; bad = 1 } END { exit bad }" actors.tsv &&
    grep -qi "fictive\\|fictional\\|fictif" "$EX/zone-portuaire/README.md" &&
    if [ -n "$SHARED" ]; then
        csv2tsv "$SHARED/communes_grand_est.csv" >communes.tsv &&
        awk -F "\t" "FNR == NR { ok[\$1] = 1; next } FNR > 1 && !(\$8 in ok) { print \$1 \": commune \" \$8; bad = 1 } END { exit bad }" communes.tsv actors.tsv
    fi
'

test_expect_success 'zone-portuaire: some actors have no flows (prospective matching), mutualisation demands shared by 3+' '
    check_example zone-portuaire zp >/dev/null &&
    awk -F "\t" "FNR == NR { if (FNR > 1) a[\$1] = 1; next } FNR > 1 { has[\$1] = 1 } END { for (i in a) if (!(i in has)) n++; print n \" actors without flows\"; exit !(n >= 3) }" actors.tsv flows.tsv &&
    awk -F "\t" "NR > 1 && \$2 == \"demand\" && \$3 ~ /^service\\./ { c[\$3]++ } END { for (s in c) if (c[s] >= 3) n++; print n \" shared service demands\"; exit !(n >= 3) }" flows.tsv
'

# The documented Kalundborg exchanges: source actor, supply code, receiver actor, demand code.
cat >"$SCRATCH/kalundborg_pairs" <<'PAIRS'
kb-asnaes	10 01 05	kb-gyproc	material.mineral.gypsum
kb-asnaes	10 01 02	kb-aalborgportland	material.mineral.cement_addition
kb-refinery	05 07 02	kb-kemira	material.chemical.sulphur
kb-refinery	water.cooling	kb-asnaes	water.cooling
kb-refinery	material.chemical.fertiliser	kb-farm	material.chemical.fertiliser
kb-novonordisk	07 05 99	kb-bioenergy	material.organic.ad_input
kb-novozymes	07 07 99	kb-bioenergy	material.organic.ad_input
kb-bioenergy	energy.fuel.biomethane	kb-gasgrid	energy.fuel.biomethane
kb-asnaes	energy.heat.mt	kb-forsyning	energy.heat.mt
PAIRS

test_expect_success 'kalundborg: every documented exchange is declared, connected (identity or route >= 0.8), within distance, quantities compatible' '
    check_example kalundborg kalundborg >/dev/null &&
    csv2tsv "$KB/routes.csv" >routes.tsv && csv2tsv "$KB/resource_params.csv" >params.tsv &&
    awk -F "\t" "
        function rad(x) { return x * 3.14159265358979 / 180 }
        function dist(a, b,   dl, dg, h) {
            dl = rad(lat[b] - lat[a]); dg = rad(lon[b] - lon[a])
            h = sin(dl / 2) ^ 2 + cos(rad(lat[a])) * cos(rad(lat[b])) * sin(dg / 2) ^ 2
            return 2 * 6371 * atan2(sqrt(h), sqrt(1 - h))
        }
        function isprefix(p, c) { return c == p || index(c, p \" \") == 1 || index(c, p \".\") == 1 }
        FILENAME ~ /routes/ { if (FNR > 1) { nr++; rs[nr] = \$2; rd[nr] = \$3; rw[nr] = \$5 } next }
        FILENAME ~ /params/ { if (FNR > 1) { np++; pp[np] = \$1; pk[np] = \$2 } next }
        FILENAME ~ /actors/ { if (FNR > 1) { lat[\$1] = \$9; lon[\$1] = \$10 } next }
        FILENAME ~ /flows/ { if (FNR > 1) { c = \$3; sub(/\\*\$/, \"\", c); q[\$1 \"|\" \$2 \"|\" c] = \$5; u[\$1 \"|\" \$2 \"|\" c] = \$6 } next }
        {
            s = \$1; sc = \$2; r = \$3; dc = \$4
            ks = s \"|supply|\" sc; kd = r \"|demand|\" dc
            if (!(ks in q)) { print \"missing supply \" ks; bad = 1; next }
            if (!(kd in q)) { print \"missing demand \" kd; bad = 1; next }
            best = (sc == dc) ? 1 : 0
            for (i = 1; i <= nr; i++) if (rd[i] == dc && isprefix(rs[i], sc) && rw[i] + 0 > best) best = rw[i] + 0
            if (best < 0.8) { print sc \" -> \" dc \": no identity or route >= 0.8 (best \" best \")\"; bad = 1 }
            maxd = -1; len = -1
            for (i = 1; i <= np; i++) if (isprefix(pp[i], sc) && length(pp[i]) > len) { len = length(pp[i]); maxd = pk[i] + 0 }
            dd = dist(s, r) * 1.3
            if (maxd < 0 || dd > maxd) { print sc \" \" s \" -> \" r \": \" int(dd) \" km > max \" maxd; bad = 1 }
            if (u[ks] != u[kd]) { print sc \": units differ \" u[ks] \"/\" u[kd]; bad = 1 }
            else if (q[ks] + 0 > q[kd] + 0) { print sc \": supply \" q[ks] \" exceeds demand \" q[kd]; bad = 1 }
            printf \"%s -> %s: strength %.1f, %d km (max %d)\\n\", s, r, best, dd, maxd
        }
        END { exit bad }" routes.tsv params.tsv actors.tsv flows.tsv "$SCRATCH/kalundborg_pairs"
'

test_expect_success 'kalundborg: README cites the sources of the case file' '
    grep -q "symbiosis.dk" "$EX/kalundborg/README.md" &&
    grep -q "equinor.com" "$EX/kalundborg/README.md" &&
    grep -qi "hutchinson" "$EX/kalundborg/README.md"
'

test_done
