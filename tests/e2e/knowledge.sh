#!/bin/sh
# knowledge.sh - validates the knowledge base in data/ (taxonomy, resource parameters,
# routes, sector profiles) with awk only. Checks against the reference data in $SHARED
# (List of Waste, NACE) when it is available, and skips those checks otherwise.
. "$(dirname "$0")/lib.sh"

KB=$TOP/data

test_expect_success 'knowledge files exist with the exact headers' '
    test "$(head -n 1 "$KB/taxonomy.csv")" = "code,parent,label_en,label_fr,unit,state,reference" &&
    test "$(head -n 1 "$KB/resource_params.csv")" = "prefix,max_distance_km,min_lot,min_lot_unit,label,reference" &&
    test "$(head -n 1 "$KB/routes.csv")" = "id,supply,demand,receiver_nace,strength,min_temp_c,state,purity,permit,label_en,label_fr,reference" &&
    test "$(head -n 1 "$KB/sector_profiles.csv")" = "nace,direction,code,intensity,unit,status,reference"
'

test_expect_success 'every CSV row has the header column count' '
    for f in taxonomy resource_params routes sector_profiles; do
        csv2tsv "$KB/$f.csv" >"$f.tsv" || exit 1
        awk -F "\t" -v f=$f "NR == 1 { n = NF } NF != n { print f \": line \" NR \" has \" NF \" fields, want \" n; bad = 1 } END { exit bad }" "$f.tsv" || exit 1
    done
'

test_expect_success 'taxonomy: codes unique, well formed, parent exists and is the code minus its last segment' '
    csv2tsv "$KB/taxonomy.csv" | awk -F "\t" "
        NR == 1 { next }
        {
            if (\$1 in seen) { print \"duplicate \" \$1; bad = 1 }
            seen[\$1] = 1; code[NR] = \$1; par[NR] = \$2
            if (\$1 !~ /^[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*\$/) { print \"bad code \" \$1; bad = 1 }
            p = \$1; if (index(p, \".\")) sub(/\\.[^.]*\$/, \"\", p); else p = \"\"
            if (p != \$2) { print \$1 \": parent \" \$2 \", want \" p; bad = 1 }
            if (\$5 !~ /^(t|MWh|m3|count)\$/) { print \$1 \": bad unit \" \$5; bad = 1 }
            if (\$6 !~ /^(solid|liquid|gas|sludge|none)\$/) { print \$1 \": bad state \" \$6; bad = 1 }
            if (\$3 == \"\" || \$4 == \"\" || \$7 == \"\") { print \$1 \": empty label or reference\"; bad = 1 }
        }
        END {
            for (i in par) if (par[i] != \"\" && !(par[i] in seen)) { print \"missing parent \" par[i] \" of \" code[i]; bad = 1 }
            exit bad
        }"
'

test_expect_success 'taxonomy: required roots and codes, 120-220 codes' '
    csv2tsv "$KB/taxonomy.csv" | cut -f 1 >codes &&
    for c in energy water material service equipment skills land \
        energy.steam.hp energy.steam.mp energy.steam.lp energy.heat.ht energy.heat.mt energy.heat.lt \
        energy.heat.vlt energy.electricity energy.fuel.biogas energy.fuel.biomethane energy.fuel.wood_chips \
        energy.fuel.srf energy.fuel.used_oil energy.fuel.hydrogen energy.fuel.natural_gas energy.co2 \
        water.process water.cooling water.treated_effluent water.rainwater water.demineralised \
        material.mineral.gypsum material.mineral.aggregates material.mineral.limestone material.mineral.sand \
        material.mineral.clay material.metal.ferrous material.metal.aluminium material.metal.copper \
        material.organic.biomass material.organic.feed material.organic.compost_input material.organic.fertiliser \
        material.chemical.sulphur material.chemical.sulphuric_acid material.chemical.solvent material.chemical.caustic_soda \
        material.plastic material.paper.fibre material.wood material.glass material.textile \
        service.collection.cardboard service.collection.plastic_film service.collection.wood service.collection.metal \
        service.collection.biowaste service.collection.hazardous service.collection.used_oil service.collection.ink_cartridges \
        service.collection.pallets service.collection.glass service.collection.weee service.transport service.maintenance \
        service.training service.purchasing.energy service.purchasing.consumables service.purchasing.ppe service.security \
        service.catering service.job_sharing equipment.forklift equipment.compressor equipment.boiler equipment.crane \
        equipment.storage equipment.laboratory skills.maintenance skills.qhse land.storage_area land.building; do
        grep -qx "$c" codes || { echo "missing taxonomy code $c"; exit 1; }
    done &&
    n=$(($(wc -l <codes) - 1)) && echo "$n codes" && test "$n" -ge 120 && test "$n" -le 220
'

# known_codes: one code per line, the LoW codes (if $SHARED) then the taxonomy codes.
known_codes() {
    if [ -n "$SHARED" ]; then
        csv2tsv "$SHARED/list_of_waste.csv" | awk -F "\t" "NR > 1 { print \"low\t\" \$1 }"
    fi
    csv2tsv "$KB/taxonomy.csv" | awk -F "\t" "NR > 1 { print \"tax\t\" \$1 }"
}

# check_codes FILE.tsv COLUMN...: every non-empty code in these columns is a LoW code or prefix
# (space-separated, as in the List of Waste; skipped without $SHARED) or a taxonomy code or prefix.
# A trailing asterisk on a LoW code is allowed only when allow_star=1.
check_codes() {
    tsv=$1; shift
    known_codes >known.tsv
    awk -F "\t" -v cols="$*" -v shared="$SHARED" -v allow_star="${allow_star:-0}" "
        FNR == NR { kind[\$2] = \$1; if (\$1 == \"low\") { c = \$2; while (length(c) > 2) { c = substr(c, 1, length(c) - 3); lowp[c] = 1 } lowp[\$2] = 1; haz[\$2] = 0 } else { c = \$2; taxp[c] = 1 } next }
        FNR == 1 { next }
        {
            n = split(cols, cc, \" \")
            for (i = 1; i <= n; i++) {
                v = \$(cc[i]); if (v == \"\") continue
                if (v ~ /^[0-9][0-9]( [0-9][0-9])*\\*?\$/) {
                    if (v ~ /\\*\$/ && !allow_star) { print \"line \" FNR \": asterisk not allowed in \" v; bad = 1 }
                    w = v; sub(/\\*\$/, \"\", w)
                    if (shared != \"\" && !(w in lowp)) { print \"line \" FNR \": unknown LoW code \" v; bad = 1 }
                } else if (!(v in taxp)) { print \"line \" FNR \": unknown code \" v; bad = 1 }
            }
        }
        END { exit bad }" known.tsv "$tsv"
}

test_expect_success 'resource_params: prefixes known, distances positive, units valid, references set' '
    csv2tsv "$KB/resource_params.csv" >p.tsv &&
    check_codes p.tsv 1 &&
    awk -F "\t" "NR > 1 {
        if (seen[\$1]++) { print \"duplicate prefix \" \$1; bad = 1 }
        if (\$2 !~ /^[0-9]+(\\.[0-9]+)?\$/ || \$2 + 0 <= 0) { print \$1 \": bad distance \" \$2; bad = 1 }
        if (\$3 != \"\" && (\$3 !~ /^[0-9.]+\$/ || \$4 !~ /^(t|MWh|m3|count)\$/)) { print \$1 \": bad min lot\"; bad = 1 }
        if (\$3 == \"\" && \$4 != \"\") { print \$1 \": unit without lot\"; bad = 1 }
        if (\$6 == \"\") { print \$1 \": no reference\"; bad = 1 }
    } END { exit bad }" p.tsv
'

test_expect_success 'resource_params: a row for every LoW chapter 01..20 and every taxonomy root' '
    csv2tsv "$KB/resource_params.csv" | cut -f 1 >prefixes &&
    for c in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20 \
        energy water material service equipment skills land; do
        grep -qx "$c" prefixes || { echo "no resource_params row for $c"; exit 1; }
    done
'

test_expect_success 'routes: ids unique and sequential-looking, at least 200 rows' '
    csv2tsv "$KB/routes.csv" | awk -F "\t" "NR > 1 {
        if (\$1 !~ /^R[0-9][0-9][0-9]+\$/) { print \"bad id \" \$1; bad = 1 }
        if (seen[\$1]++) { print \"duplicate id \" \$1; bad = 1 }
        n++
    } END { print n \" routes\"; if (n < 200) bad = 1; exit bad }"
'

test_expect_success 'routes: supply and demand codes are LoW or taxonomy codes (no asterisk)' '
    csv2tsv "$KB/routes.csv" >r.tsv &&
    allow_star=0 check_codes r.tsv 2 3
'

test_expect_success 'routes: fields valid (strength in (0,1], state, permit, reference, demand or NACE set)' '
    csv2tsv "$KB/routes.csv" | awk -F "\t" "NR > 1 {
        if (\$5 !~ /^[0-9]*\\.?[0-9]+\$/ || \$5 + 0 <= 0 || \$5 + 0 > 1) { print \$1 \": strength \" \$5; bad = 1 }
        if (\$7 !~ /^(solid|liquid|gas|sludge|any|none)\$/) { print \$1 \": state \" \$7; bad = 1 }
        if (\$9 !~ /^[01]\$/) { print \$1 \": permit \" \$9; bad = 1 }
        if (\$6 != \"\" && \$6 !~ /^-?[0-9]+(\\.[0-9]+)?\$/) { print \$1 \": min_temp_c \" \$6; bad = 1 }
        if (\$3 == \"\" && \$4 == \"\") { print \$1 \": neither demand nor receiver_nace\"; bad = 1 }
        if (\$2 == \$3) { print \$1 \": identity route\"; bad = 1 }
        if (\$12 == \"\" || \$10 == \"\" || \$11 == \"\") { print \$1 \": empty label or reference\"; bad = 1 }
        if (\$2 ~ /^energy\\.(heat|steam)/ && \$6 == \"\") { print \$1 \": heat route without min_temp_c\"; bad = 1 }
        if (seen[\$2 \"|\" \$3 \"|\" \$4]++) { print \$1 \": duplicate route\"; bad = 1 }
    } END { exit bad }"
'

test_expect_success 'routes: every LoW chapter 01..20, energy and water appear as supply' '
    csv2tsv "$KB/routes.csv" | awk -F "\t" "NR > 1 { if (\$2 ~ /^[0-9]/) ch[substr(\$2, 1, 2)] = 1; else { split(\$2, p, \".\"); root[p[1]] = 1 } }
        END {
            for (i = 1; i <= 20; i++) { c = sprintf(\"%02d\", i); if (!(c in ch)) { print \"no route for chapter \" c; bad = 1 } }
            if (!(\"energy\" in root) || !(\"water\" in root)) { print \"no energy or water route\"; bad = 1 }
            exit bad
        }"
'

if [ -n "$SHARED" ]; then
    test_expect_success 'routes: permit is 1 exactly for hazardous LoW supplies' '
        csv2tsv "$SHARED/list_of_waste.csv" >low.tsv &&
        csv2tsv "$KB/routes.csv" >r.tsv &&
        awk -F "\t" "
            FNR == NR { if (FNR > 1) { c = \$1; hz[c] = \$3; while (length(c) > 2) { c = substr(c, 1, length(c) - 3); tot[c]++; if (\$3 == 1) h[c]++ } tot[\$1]++; if (\$3 == 1) h[\$1]++ } next }
            FNR > 1 && \$2 ~ /^[0-9]/ {
                want = (tot[\$2] > 0 && h[\$2] == tot[\$2]) ? 1 : 0
                if (\$9 != want) { print \$1 \" \" \$2 \": permit \" \$9 \", want \" want; bad = 1 }
            }
            END { exit bad }" low.tsv r.tsv
    '
else
    test_skip 'routes: permit is 1 exactly for hazardous LoW supplies' 'no reference data (set SYMBIOSE_DATA)' shared-data
fi

if [ -n "$SHARED" ]; then
    test_expect_success 'routes: receiver NACE codes exist in NACE Rev. 2' '
        csv2tsv "$SHARED/nace_rev2.csv" >nace.tsv &&
        csv2tsv "$KB/routes.csv" >r.tsv &&
        csv2tsv "$KB/archetypes.csv" | awk -F "\t" "NR > 1 { print \$1 \":\" \$2 }" >>nace.tsv &&
        awk -F "\t" "FNR == NR { ok[\$1] = 1; next } FNR > 1 && \$4 != \"\" && !(\$4 in ok) { print \$1 \": unknown NACE \" \$4; bad = 1 } END { exit bad }" nace.tsv r.tsv
    '
else
    test_skip 'routes: receiver NACE codes exist in NACE Rev. 2' 'no reference data (set SYMBIOSE_DATA)' shared-data
fi

test_expect_success 'profiles: fields valid and codes known' '
    csv2tsv "$KB/sector_profiles.csv" >s.tsv &&
    check_codes s.tsv 3 &&
    awk -F "\t" "NR > 1 {
        if (\$1 !~ /^[0-9][0-9]\\.[0-9][0-9](:[a-z_]+)?\$/) { print \"line \" NR \": bad NACE class \" \$1; bad = 1 }
        if (\$2 !~ /^(supply|demand)\$/) { print \"line \" NR \": direction \" \$2; bad = 1 }
        if (\$4 != \"\" && (\$4 !~ /^[0-9]*\\.?[0-9]+\$/ || \$5 !~ /^(t|MWh|m3|count)\$/)) { print \"line \" NR \": intensity/unit\"; bad = 1 }
        if (\$4 == \"\" && \$5 != \"\") { print \"line \" NR \": unit without intensity\"; bad = 1 }
        if (\$6 != \"typical-to-confirm\") { print \"line \" NR \": status \" \$6; bad = 1 }
        if (\$7 == \"\") { print \"line \" NR \": no reference\"; bad = 1 }
        if (seen[\$1 \"|\" \$2 \"|\" \$3]++) { print \"line \" NR \": duplicate row\"; bad = 1 }
    } END { exit bad }" s.tsv
'

test_expect_success 'profiles: every NACE class exists (level=class), at least 150 classes' '
    csv2tsv "$KB/sector_profiles.csv" | awk -F "\t" "NR > 1 && \$1 !~ /:/ { print \$1 }" | sort -u >classes &&
    csv2tsv "$KB/archetypes.csv" | awk -F "\t" "NR > 1 { print \$1 \":\" \$2 }" | sort -u >arch &&
    csv2tsv "$KB/sector_profiles.csv" | awk -F "\t" "NR > 1 && \$1 ~ /:/ { print \$1 }" | sort -u >parch &&
    { test -z "$(comm -23 parch arch)" || { echo "archetypes not in archetypes.csv: $(comm -23 parch arch)"; exit 1; }; } &&
    n=$(wc -l <classes) && echo "$n classes" && test "$n" -ge 150 &&
    if [ -n "$SHARED" ]; then
        csv2tsv "$SHARED/nace_rev2.csv" | awk -F "\t" "\$2 == \"class\" { print \$1 }" | sort -u >ref &&
        missing=$(comm -23 classes ref) && { test -z "$missing" || { echo "unknown classes: $missing"; exit 1; }; }
    fi
'

test_expect_success 'profiles: every required division has at least one class' '
    csv2tsv "$KB/sector_profiles.csv" | awk -F "\t" "NR > 1 { print substr(\$1, 1, 2) }" | sort -u >divs &&
    for d in 01 08 09 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 \
        35 36 37 38 39 41 42 43 46 49 50 51 52 55 56 86; do
        grep -qx "$d" divs || { echo "division $d not covered"; exit 1; }
    done
'

# lint_routes ROUTES PROFILES: the route lint. (1) A route's demand is what the receiver needs,
# not what it makes: a material, fuel or CO2 demand must not be an output (the same code or a
# more general one) of the receiver's activity unless that activity also needs it. (2) Codes
# agree between profiles and routes: every List of Waste output of a profile is taken by a route
# (its code or a prefix) or named by a demand, so a profile that emits 10 02 01 feeds the route
# that takes 10 02 01, not one for 10 02 02; codes without any exchange route (disposal only) are
# listed in NO_ROUTE below.
NO_ROUTE="01 04 11|01 05 04|01 05 07|04 02 20|04 01 06|07 02 08|07 06 01|07 06 99|07 05 13|11 01 11|19 08 01|19 02 05|19 13 02|17 06 05|16 07 08|17 05 08|13 04 03|18 01 10|13 05 07"
lint_routes() {
    csv2tsv "$1" >lr.tsv && csv2tsv "$2" >lp.tsv &&
    awk -F "\t" -v noroute="$NO_ROUTE" "
        function under(c, a) { return c == a || (index(c, a) == 1 && substr(c, length(a) + 1, 1) ~ /[ .]/) }
        FILENAME ~ /lp.tsv\$/ { if (FNR > 1) { n++; pn[n] = \$1; pd[n] = \$2; pc[n] = \$3 } next }
        FNR > 1 { rid[++m] = \$1; rs[m] = \$2; rdm[m] = \$3; rn[m] = \$4 }
        END {
            split(noroute, nr, \"|\"); for (k in nr) skip[nr[k]] = 1
            for (i = 1; i <= m; i++) {
                d = rdm[i]; N = rn[i]
                if (d == \"\" || N == \"\" || d !~ /^(material|energy[.]fuel|energy[.]co2)/) continue
                made = 0; needed = 0
                for (j = 1; j <= n; j++) {
                    if (index(pn[j], N) != 1) continue
                    if (pd[j] == \"supply\" && under(d, pc[j])) made = 1
                    if (pd[j] == \"demand\" && (under(d, pc[j]) || under(pc[j], d))) needed = 1
                }
                if (made && !needed) { print rid[i] \": demand \" d \" is what NACE \" N \" makes, not what it needs\"; bad = 1 }
            }
            for (j = 1; j <= n; j++) {
                if (pd[j] != \"supply\" || pc[j] !~ /^[0-9]/ || (pc[j] in skip)) continue
                ok = 0
                for (i = 1; i <= m && !ok; i++) if (under(pc[j], rs[i])) ok = 1
                for (k = 1; k <= n && !ok; k++) if (pd[k] == \"demand\" && (under(pc[k], pc[j]) || under(pc[j], pc[k]))) ok = 1
                if (!ok) { print pn[j] \": output \" pc[j] \" has no route that takes it\"; bad = 1 }
            }
            exit bad
        }" lp.tsv lr.tsv
}

test_expect_success 'route lint: demands are needs, profile outputs feed routes' '
    lint_routes "$KB/routes.csv" "$KB/sector_profiles.csv"
'

test_expect_success 'route lint can fail: a demand that is the product, a slag code no route takes' '
    { cat "$KB/routes.csv"; echo "R999,12 01 01,material.metal.ferrous,38.32,0.5,,solid,,0,x,x,x"; } >bad_routes.csv &&
    ! lint_routes bad_routes.csv "$KB/sector_profiles.csv" >out1 && grep -q "R999: demand material.metal.ferrous is what NACE 38.32 makes" out1 &&
    sed "s/^24.10,supply,10 02 02,/24.10,supply,10 02 99,/" "$KB/sector_profiles.csv" >bad_profiles.csv &&
    grep -q "^24.10,supply,10 02 99," bad_profiles.csv &&
    ! lint_routes "$KB/routes.csv" bad_profiles.csv >out2 && grep -q "24.10: output 10 02 99 has no route" out2
'

test_expect_success 'archetypes and legal rules: headers, known classes, references, route keys' '
    test "$(head -n 1 "$KB/archetypes.csv")" = "nace,archetype,field,pattern,label_en,reference" &&
    test "$(head -n 1 "$KB/legal.csv")" = "scope,key,party,topic,check_en,check_fr,act" &&
    csv2tsv "$KB/archetypes.csv" | awk -F "\t" "NR > 1 {
        if (\$1 !~ /^[0-9][0-9]\\.[0-9][0-9]\$/ || \$2 !~ /^[a-z_]+\$/) { print \"bad archetype \" \$1 \":\" \$2; bad = 1 }
        if (seen[\$1 \":\" \$2]++) { print \"duplicate \" \$1 \":\" \$2; bad = 1 }
        if (\$6 == \"\") { print \$1 \":\" \$2 \": no reference\"; bad = 1 }
    } END { exit bad }" &&
    csv2tsv "$KB/routes.csv" | cut -f 1 >ids &&
    csv2tsv "$KB/legal.csv" | awk -F "\t" "FNR == NR { id[\$1] = 1; next } FNR > 1 && \$1 == \"route\" && !(\$2 in id) { print \"legal.csv: unknown route \" \$2; bad = 1 } FNR > 1 && \$7 == \"\" { print \"legal.csv line \" FNR \": no act\"; bad = 1 } END { exit bad }" ids -
'

test_expect_success 'the validators can fail (broken copies are rejected)' '
    csv2tsv "$KB/routes.csv" >r.tsv &&
    sed "2s/^\\(R[0-9]*\\)\t[^\t]*/\\1\tmaterial.nonsense/" r.tsv >bad.tsv &&
    ! allow_star=0 check_codes bad.tsv 2 3 &&
    printf "code,parent,label_en,label_fr,unit,state,reference\nfoo.bar,foo,x,x,t,solid,x\n" >t.csv &&
    ! csv2tsv t.csv | awk -F "\t" "NR > 1 { seen[\$1] = 1; par[\$1] = \$2 } END { for (c in par) if (par[c] != \"\" && !(par[c] in seen)) bad = 1; exit bad }"
'

test_done
