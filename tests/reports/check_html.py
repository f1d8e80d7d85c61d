"""Checks a zoneperf HTML report against the JSON results it was made from.

usage: check_html.py REPORT.html SCORECARD.json [--pay P.json] [--land L.json] [--projects M.json]
Prints one line per problem and exits 1 when there is any; prints "ok: ..." otherwise.
Checks: the page is well-formed XML; every <svg> fragment parses as XML on its own; the page
references nothing outside itself; units are in rank order; every number shown equals the JSON's
(the exact value in data-v, the shown text rounded from it: ratios and fractions as percentages,
money with thousands separators).
"""
import json
import re
import sys
import xml.etree.ElementTree as ET

args = sys.argv[1:]
html_path, scorecard_path = args[0], args[1]
extra = dict(zip(args[2::2], args[3::2]))
problems = []
text = open(html_path, encoding="utf-8").read()

# 1. Well-formed XML, and each SVG fragment on its own.
try:
    root = ET.fromstring(text.split("\n", 1)[1] if text.startswith("<!DOCTYPE") else text)
except ET.ParseError as e:
    print(f"page is not well-formed XML: {e}")
    sys.exit(1)
svgs = re.findall(r"<svg\b.*?</svg>", text, flags=re.S)
for i, s in enumerate(svgs):
    try:
        ET.fromstring(s)
    except ET.ParseError as e:
        problems.append(f"svg {i} does not parse: {e}")

# 2. Nothing external.
for pattern in [r"https?:", r"//", r"\bsrc\s*=", r"\bhref\s*=", r"url\(", r"@import", r"<link\b", r"<script\b",
                r"<img\b", r"<iframe\b", r"<object\b", r"<embed\b", r"file:", r"data:"]:
    for m in re.finditer(pattern, text):
        problems.append(f"external reference /{pattern}/ at offset {m.start()}: {text[max(0, m.start()-40):m.start()+40]!r}")


def cells(row):
    return list(row.iter("td"))


def check_num(cell, value, decimals, where, percent=False):
    if value is None:
        if (cell.text or "").strip() not in ("-", "missing", "缺失"):
            problems.append(f"{where}: expected '-', shown {cell.text!r}")
        return
    dv = cell.get("data-v")
    if dv is None or float(dv) != float(value):
        problems.append(f"{where}: data-v {dv!r} != JSON {value!r}")
    shown = f"{float(value) * (100 if percent else 1):.{decimals}f}"
    if shown.startswith("-") and float(shown) == 0:
        shown = shown[1:]
    if percent:
        shown += "%"
    if cell.text != shown:
        problems.append(f"{where}: shown {cell.text!r}, expected {shown!r}")


def table(cls):
    return [t for t in root.iter("table") if t.get("class") == cls]


checked = 0
sc = json.load(open(scorecard_path, encoding="utf-8"))
units = {u["id"]: u for u in sc["units"]}
summary = table("summary")
if len(summary) != 1:
    problems.append(f"expected one summary table, found {len(summary)}")
else:
    heads = [th.text for th in summary[0].iter("th")]
    rows = [r for r in summary[0].iter("tr") if r.get("data-unit") is not None]
    by_rank = sorted(units, key=lambda k: (units[k]["rank"] is None, units[k]["rank"] or 0))
    if [r.get("data-unit") for r in rows] != by_rank:
        problems.append(f"summary units {[r.get('data-unit') for r in rows]} != the JSON's by rank {by_rank}")
    n_groups = len(heads) - 5
    for r in rows:
        u = units.get(r.get("data-unit"))
        if u is None:
            continue
        c = cells(r)
        # groups are the nodes that are not leaves: the ones with a leaf under them are not in leaves
        groups = [k for k in u["nodes"] if k not in u.get("leaves", {})]
        if len(groups) != n_groups:
            problems.append(f"{u['id']}: {len(groups)} groups in JSON, {n_groups} columns")
        for i, g in enumerate(groups[:n_groups]):
            check_num(c[1 + i], u["nodes"][g]["score"], 2, f"summary {u['id']} {g}")
            checked += 1
        check_num(c[1 + n_groups], u["total"], 2, f"summary {u['id']} total")
        if c[2 + n_groups].text != str(u["rank"]):
            problems.append(f"summary {u['id']} rank {c[2 + n_groups].text!r} != {u['rank']}")
        if c[3 + n_groups].text != (u["grade"] or "-"):
            problems.append(f"summary {u['id']} grade {c[3 + n_groups].text!r} != {u['grade']!r}")
        checked += 3

details = {d.get("data-unit"): d for d in root.iter("details") if d.get("data-unit") is not None}
for uid, u in units.items():
    d = details.get(uid)
    if d is None:
        problems.append(f"no explanation of {uid}")
        continue
    rows = [r for r in d.iter("tr") if r.get("data-leaf") is not None]
    if [r.get("data-leaf") for r in rows] != list(u["leaves"]):
        problems.append(f"{uid}: explained leaves differ from the JSON's")
        continue
    for r in rows:
        leaf = u["leaves"][r.get("data-leaf")]
        c = cells(r)
        where = f"{uid}/{r.get('data-leaf')}"
        for col, key, dec, pc in [(3, "actual", 2, False), (4, "target", 2, False), (5, "ratio", 2, True),
                                  (6, "fraction", 2, True), (8, "points", 2, False), (9, "max", 2, False)]:
            check_num(c[col], leaf[key], dec, f"{where} {key}", pc)
            checked += 1

if "--pay" in extra:
    pay = json.load(open(extra["--pay"], encoding="utf-8"))
    t = table("pay-tf")
    rows = [r for r in t[0].iter("tr") if r.get("data-unit") is not None] if t else []
    if len(rows) != len(pay["task_forces"]):
        problems.append("pay: task force rows differ")
    for r, tf in zip(rows, pay["task_forces"]):
        c = cells(r)
        for i, k in enumerate(["coefficient", "head_count", "baseline", "base_pay", "award", "total", "average_multiple"]):
            money = k in ("baseline", "base_pay", "award", "total")
            want = f"{float(tf[k]):,.2f}" if money else str(tf[k])
            if c[2 + i].text != want or c[2 + i].get("data-v") != str(tf[k]):
                problems.append(f"pay {tf['id']} {k}: shown {c[2 + i].text!r} (data-v {c[2 + i].get('data-v')!r}), "
                                f"JSON {tf[k]!r}")
            checked += 1
    t = table("pay-rec")
    rec = {r.get("data-item"): cells(r)[0].get("data-v") for r in t[0].iter("tr")} if t else {}
    for k, v in pay["reconciliation"].items():
        want = v["decimal"] if isinstance(v, dict) else v
        if k in rec and rec[k] != str(want):
            problems.append(f"pay reconciliation {k}: shown {rec[k]!r}, JSON {want!r}")
        checked += 1
    if "pool" not in rec or "base_paid" not in rec:
        problems.append("pay reconciliation: pool and base_paid not shown")

if "--land" in extra:
    land = json.load(open(extra["--land"], encoding="utf-8"))
    t = table("land-classes")
    rows = {r.get("data-class"): cells(r) for r in t[0].iter("tr") if r.get("data-class")} if t else {}
    for k in land["classes"]:
        c = rows.get(k["label"])
        if c is None or c[2].text != str(k["count"]):
            problems.append(f"land class {k['label']}: count differs")
        checked += 1
    labels = [t.text for svg in root.iter("svg") if svg.get("class") == "bars" for t in svg.iter("text")]
    for k in land["classes"]:
        if str(k["count"]) not in labels:
            problems.append(f"land class {k['label']}: bar label {k['count']} missing")

if "--projects" in extra:
    pj = json.load(open(extra["--projects"], encoding="utf-8"))
    t = table("faces")
    rows = {r.get("data-unit"): cells(r) for r in t[0].iter("tr") if r.get("data-unit")} if t else {}
    for k in pj["check"]["task_forces"]:
        c = rows.get(k["task_force"])
        if c is None or c[1].text != (k["face"] or "–"):
            problems.append(f"faces {k['task_force']}: face differs")
        checked += 1

for p in problems:
    print(p)
if problems:
    sys.exit(1)
print(f"ok: {len(svgs)} svg fragments, {checked} values checked")
