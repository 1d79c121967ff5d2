#!/bin/sh
# sheets.sh - imports of .xlsx and .ods sheets: the same rows as the CSV file,
# errors located by sheet, row and column, French headers, sparse and
# repeated cells, and limits (a zip bomb, a zip that is not a workbook) that
# fail cleanly with nothing imported. The workbooks are written here by
# python3's zipfile (the XML of each format written out).
. "$(dirname "$0")/lib.sh"

FIX=$TOP/tests/data/import

cat >"$SCRATCH/mk.py" <<'PY'
import csv, sys, zipfile
from xml.sax.saxutils import escape

def col(j):
    s = ""
    j += 1
    while j:
        j, r = divmod(j - 1, 26)
        s = chr(65 + r) + s
    return s

def xlsx(path, rows, name):
    z = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="%s" sheetId="1" r:id="rId3"/></sheets></workbook>' % escape(name))
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="worksheet" Target="worksheets/feuille.xml"/></Relationships>')
    strs, out = [], []
    for i, row in enumerate(rows, 1):
        cells = []
        for j, v in enumerate(row):
            if v == "":
                continue
            ref = col(j) + str(i)
            try:
                float(v.replace(",", "."))
                num = not v.startswith("0") or v == "0" or v.startswith("0.")
            except ValueError:
                num = False
            if num and j != 2:  # column C (siret) stays text, as a sheet keeps it
                cells.append('<c r="%s"><v>%s</v></c>' % (ref, repr(float(v.replace(",", "."))).upper()))
            else:
                strs.append(v)
                cells.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, len(strs) - 1))
        out.append('<row r="%d">%s</row>' % (i, "".join(cells)))
    z.writestr("xl/sharedStrings.xml", '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">%s</sst>' % "".join("<si><t>%s</t></si>" % escape(s) for s in strs))
    z.writestr("xl/worksheets/feuille.xml", '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>%s</sheetData></worksheet>' % "".join(out))
    z.close()

def ods(path, rows, name):
    z = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)
    z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
    out = []
    for row in rows:
        cells = []
        for v in row:
            if v == "":
                cells.append('<table:table-cell/>')
                continue
            try:
                f = float(v)
                cells.append('<table:table-cell office:value-type="float" office:value="%s"><text:p>%s</text:p></table:table-cell>' % (repr(f), v.replace(".", ",")))
            except ValueError:
                cells.append('<table:table-cell office:value-type="string"><text:p>%s</text:p></table:table-cell>' % escape(v))
        cells.append('<table:table-cell table:number-columns-repeated="16000"/>')
        out.append('<table:table-row>%s</table:table-row>' % "".join(cells))
        out.append('<table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>')
    out.append('<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>')
    z.writestr("content.xml", '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="%s">%s</table:table><table:table table:name="Autre"><table:table-row><table:table-cell office:value-type="string"><text:p>ignored</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>' % (escape(name), "".join(out)))
    z.close()

kind, src, dst, name = sys.argv[1:5]
rows = list(csv.reader(open(src, encoding="utf-8-sig"), delimiter=";" if ";" in open(src, encoding="utf-8-sig").readline() else ","))
(xlsx if kind == "xlsx" else ods)(dst, rows, name)
PY

mk() { python3 "$SCRATCH/mk.py" "$@"; }

setup_db() {
    "$SYMBIOSE" --quiet import territories "$FIX/territories.csv" >/dev/null 2>&1
}

test_expect_success 'an .xlsx sheet imports the same actors and flows as the CSV files' '
    setup_db && mk xlsx "$FIX/actors.csv" acteurs.xlsx Acteurs && mk xlsx "$FIX/flows.csv" flux.xlsx Flux &&
    "$SYMBIOSE" import actors acteurs.xlsx >out 2>err && grep -q "3 rows imported" out &&
    "$SYMBIOSE" import flows flux.xlsx >out 2>err && grep -q "4 rows imported" out &&
    "$SYMBIOSE" actors list --format csv >x-actors.csv && "$SYMBIOSE" flows list --format csv >x-flows.csv &&
    rm symbiose.db && setup_db &&
    "$SYMBIOSE" --quiet import actors "$FIX/actors.csv" >/dev/null 2>&1 &&
    "$SYMBIOSE" --quiet import flows "$FIX/flows.csv" >/dev/null 2>&1 &&
    "$SYMBIOSE" actors list --format csv >c-actors.csv && "$SYMBIOSE" flows list --format csv >c-flows.csv &&
    cmp x-actors.csv c-actors.csv && cmp x-flows.csv c-flows.csv &&
    grep -q "^A1,.*,49.3665,4.1703,250" x-actors.csv
'

test_expect_success 'an .ods sheet (repeated empty cells and rows, a second sheet ignored) imports the same rows' '
    setup_db && mk ods "$FIX/actors.csv" acteurs.ods Acteurs && mk ods "$FIX/flows.csv" flux.ods Flux &&
    "$SYMBIOSE" import actors acteurs.ods >out 2>err && grep -q "3 rows imported" out &&
    "$SYMBIOSE" import flows flux.ods >out 2>err && grep -q "4 rows imported" out &&
    "$SYMBIOSE" flows list --format csv >o-flows.csv &&
    rm symbiose.db && setup_db &&
    "$SYMBIOSE" --quiet import actors "$FIX/actors.csv" >/dev/null 2>&1 &&
    "$SYMBIOSE" --quiet import flows "$FIX/flows.csv" >/dev/null 2>&1 &&
    "$SYMBIOSE" flows list --format csv >c-flows.csv && cmp o-flows.csv c-flows.csv
'

test_expect_success 'errors in a sheet name the file, the sheet, the row and the column, in French too' '
    setup_db &&
    printf "identifiant;nom;siret;naf;type;territoire;adresse;commune;latitude;longitude\n" >a.csv &&
    printf "A1;Sucrerie;30345780800010;10.81Z;entreprise;T1;;51038;49.3;4.1\n" >>a.csv &&
    printf "A2;Chaufferie;12345678901234;35.30Z;banque;T2;;67482;48.5;7.7\n" >>a.csv &&
    mk xlsx a.csv acteurs.xlsx "Mes acteurs" &&
    expect_status 2 "$SYMBIOSE" --lang en import actors acteurs.xlsx 2>err &&
    grep -q "^acteurs.xlsx:3:3: error: SIRET .*\[sheet Mes acteurs, row 3, column C (siret)\]" err &&
    grep -q "^acteurs.xlsx:3:5: error: .*banque.*\[sheet Mes acteurs, row 3, column E (type)\]" err &&
    expect_status 2 "$SYMBIOSE" --lang fr import actors acteurs.xlsx 2>err &&
    grep -q "\[feuille Mes acteurs, ligne 3, colonne C (siret)\]" err &&
    [ "$(sqlite3 symbiose.db "select count(*) from actor")" -eq 0 ]
'

test_expect_success 'a zip bomb stops at the size limit: clean error, nothing imported' '
    setup_db &&
    python3 -c "
import zipfile
z = zipfile.ZipFile(\"bomb.xlsx\", \"w\", zipfile.ZIP_DEFLATED)
z.writestr(\"xl/workbook.xml\", \"<workbook><sheets><sheet name=\\\"S\\\"/></sheets></workbook>\")
with z.open(\"xl/worksheets/sheet1.xml\", \"w\", force_zip64=True) as f:
    f.write(b\"<worksheet><sheetData><row r=\\\"1\\\"><c t=\\\"inlineStr\\\"><is><t>\")
    for i in range(272):
        f.write(b\"A\" * (1 << 20))
    f.write(b\"</t></is></c></row></sheetData></worksheet>\")
z.close()
" && [ "$(wc -c <bomb.xlsx)" -lt 1000000 ] &&
    "$SYMBIOSE" import actors bomb.xlsx >out 2>err; st=$? &&
    [ "$st" -ne 0 ] && [ "$st" -ne 139 ] && [ "$st" -ne 134 ] &&
    grep -q "over the limit\|more than" err &&
    [ "$(sqlite3 symbiose.db "select count(*) from actor")" -eq 0 ]
'

test_expect_success 'a cell far to the right, a DOCTYPE, a zip that is no workbook: refused with a reason' '
    setup_db &&
    python3 -c "
import zipfile
z = zipfile.ZipFile(\"wide.xlsx\", \"w\")
z.writestr(\"xl/workbook.xml\", \"<workbook/>\")
z.writestr(\"xl/worksheets/sheet1.xml\", \"<worksheet><sheetData><row r=\\\"1\\\"><c r=\\\"A1\\\" t=\\\"inlineStr\\\"><is><t>id</t></is></c><c r=\\\"AMM1\\\" t=\\\"inlineStr\\\"><is><t>x</t></is></c></row></sheetData></worksheet>\")
z.close()
z = zipfile.ZipFile(\"dtd.xlsx\", \"w\")
z.writestr(\"xl/workbook.xml\", \"<!DOCTYPE lol [<!ENTITY a \\\"aaaa\\\">]><workbook/>\")
z.close()
z = zipfile.ZipFile(\"other.xlsx\", \"w\")
z.writestr(\"readme.txt\", \"hello\")
z.close()
" &&
    expect_status 2 "$SYMBIOSE" import actors wide.xlsx 2>err && grep -q "past column 1024" err &&
    expect_status 2 "$SYMBIOSE" import actors dtd.xlsx 2>err && grep -q "document type declaration" err &&
    expect_status 2 "$SYMBIOSE" import actors other.xlsx 2>err && grep -q "neither an .xlsx workbook nor an .ods" err &&
    printf "not a zip" >fake.xlsx &&
    expect_status 2 "$SYMBIOSE" import actors fake.xlsx 2>err && grep -q "not a spreadsheet" err
'

test_expect_success 'list commands write .xlsx with -o: typed cells, frozen header; it re-imports the same' '
    setup_db && "$SYMBIOSE" --quiet import actors "$FIX/actors.csv" >/dev/null 2>&1 &&
    "$SYMBIOSE" --quiet import flows "$FIX/flows.csv" >/dev/null 2>&1 &&
    "$SYMBIOSE" actors list --format xlsx -o a.xlsx && "$SYMBIOSE" flows list --format xlsx -o f.xlsx &&
    "$SYMBIOSE" territory list --format xlsx -o t.xlsx && "$SYMBIOSE" plan list --format xlsx -o p.xlsx &&
    "$SYMBIOSE" -q match --format xlsx -o m.xlsx &&
    python3 -c "
import re, zipfile
def sheet(p):
    return zipfile.ZipFile(p).read(\"xl/worksheets/sheet1.xml\").decode()
f = sheet(\"f.xlsx\")
assert \"state=\\\"frozen\\\"\" in f, \"no frozen header\"
# quantity (column F) of the first flow: a number cell, not text
c = re.search(r\"<c r=\\\"F2\\\"[^>]*>(.*?)</c>\", f).group(0)
assert \"t=\\\"inlineStr\\\"\" not in c and \"<v>12000</v>\" in c, c
m = sheet(\"m.xlsx\")
assert \">short_key<\" in m and \">key<\" in m and \">status<\" in m, \"match columns\"
assert \">untreated_qty<\" in sheet(\"p.xlsx\")
" &&
    "$SYMBIOSE" actors list --format csv >a1.csv && "$SYMBIOSE" flows list --format csv >f1.csv &&
    rm symbiose.db && setup_db &&
    "$SYMBIOSE" --quiet import actors a.xlsx >/dev/null 2>&1 && "$SYMBIOSE" --quiet import flows f.xlsx >/dev/null 2>&1 &&
    "$SYMBIOSE" actors list --format csv >a2.csv && "$SYMBIOSE" flows list --format csv >f2.csv &&
    cmp a1.csv a2.csv && cmp f1.csv f2.csv
'

test_expect_success '--format xlsx is refused on a terminal; a failed command leaves no file' '
    setup_db &&
    script -qec "$SYMBIOSE actors list --format xlsx" /dev/null >out 2>&1; st=$? &&
    [ "$st" -eq 1 ] && grep -q "give -o FILE.xlsx" out &&
    expect_status 2 "$SYMBIOSE" actors list --territory NOPE --format xlsx -o gone.xlsx 2>err &&
    [ ! -e gone.xlsx ]
'

test_done
