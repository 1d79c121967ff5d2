#!/usr/bin/env python3
"""xlsx_read.py - an independent reader of the workbooks symbiose writes.

Reads an .xlsx with zipfile and ElementTree only (no libxlsxwriter, no
openpyxl) and prints JSON: {"sheets": [{"name", "frozen_rows", "widths",
"rows": [[{"t": "n"|"s"|"d", "v": value}, ...], ...]}]}. Numbers are
floats; date cells (a number with a date format) come back as ISO text.
Usage: xlsx_read.py FILE.xlsx
"""
import datetime
import json
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def col_index(ref):
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def date_styles(z):
    """Indexes of cell styles whose number format is a date."""
    root = ET.fromstring(z.read("xl/styles.xml"))
    fmts = {int(f.get("numFmtId")): f.get("formatCode")
            for f in root.findall("m:numFmts/m:numFmt", NS)}
    out = set()
    for i, xf in enumerate(root.findall("m:cellXfs/m:xf", NS)):
        code = fmts.get(int(xf.get("numFmtId", "0")), "")
        if "yy" in code:
            out.add(i)
    return out


def main(path):
    z = zipfile.ZipFile(path)
    bad = z.testzip()
    if bad:
        sys.exit(f"corrupt member {bad}")
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        root = ET.fromstring(z.read("xl/sharedStrings.xml"))
        for si in root.findall("m:si", NS):
            shared.append("".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t")))
    dates = date_styles(z)
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels}
    sheets = []
    for sh in wb.findall("m:sheets/m:sheet", NS):
        ws = ET.fromstring(z.read("xl/" + target[sh.get(REL)]))
        pane = ws.find("m:sheetViews/m:sheetView/m:pane", NS)
        frozen = int(float(pane.get("ySplit", "0"))) if pane is not None and pane.get("state") == "frozen" else 0
        widths = [float(c.get("width")) for c in ws.findall("m:cols/m:col", NS)]
        rows = []
        for row in ws.findall("m:sheetData/m:row", NS):
            r = int(row.get("r")) - 1
            while len(rows) <= r:
                rows.append([])
            cells = rows[r]
            for c in row.findall("m:c", NS):
                i = col_index(c.get("r"))
                while len(cells) <= i:
                    cells.append(None)
                t = c.get("t", "n")
                v = c.find("m:v", NS)
                if t == "s":
                    cells[i] = {"t": "s", "v": shared[int(v.text)]}
                elif t == "inlineStr":
                    cells[i] = {"t": "s", "v": "".join(x.text or "" for x in c.iter(f"{{{NS['m']}}}t"))}
                elif t == "str":
                    cells[i] = {"t": "s", "v": v.text or ""}
                elif int(c.get("s", "0")) in dates:
                    d = datetime.datetime(1899, 12, 30) + datetime.timedelta(days=float(v.text))
                    iso = d.strftime("%Y-%m-%d") if d.time() == datetime.time(0) else d.strftime("%Y-%m-%dT%H:%M:%S")
                    cells[i] = {"t": "d", "v": iso}
                else:
                    cells[i] = {"t": "n", "v": float(v.text)}
        sheets.append({"name": sh.get("name"), "frozen_rows": frozen, "widths": widths, "rows": rows})
    json.dump({"sheets": sheets}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
