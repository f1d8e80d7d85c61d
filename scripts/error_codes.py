#!/usr/bin/env python3
"""Every error code of the library, from the public headers: checks that no code is given twice and
writes docs/errors.md (code, name, meaning, an example message taken from the tests).

    scripts/error_codes.py            # rewrite docs/errors.md
    scripts/error_codes.py --check    # fail when a code is duplicated, or one is missing from docs/errors.md
                                      # or listed there without a header (CTest)
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
CATEGORIES = {1: "parse", 2: "config", 3: "data", 4: "io", 5: "money", 6: "pay", 7: "project", 8: "weights",
              9: "land"}
TITLES = {1: "Reading text: JSON, CSV and workbook syntax", 2: "Configuration: trees, presets, policies",
          3: "Data: values, targets and tables", 4: "Files", 5: "Money and areas", 6: "Pay",
          7: "Periods, the project registry, admission and the monthly check", 8: "Weights",
          9: "Land (亩均)"}
# `inline constexpr int name = 123;  ///< meaning` (the value may sit on the next line), inside a
# `namespace x {` or `namespace zoneperf::x {` block.
CONSTANT = re.compile(r"inline\s+constexpr\s+int\s+(\w+)\s*=\s*(\d+)\s*;[ \t]*(?://[/<]*\s*(.*))?")
NAMESPACE = re.compile(r"namespace\s+(?:zoneperf::)?(\w+)\s*\{")


def codes():
    found = []
    for header in sorted((ROOT / "include/zoneperf").rglob("*.hpp")):
        text = header.read_text(encoding="utf-8")
        lines = text.splitlines()
        for m in CONSTANT.finditer(text):
            line_no = text.count("\n", 0, m.start())
            spaces = [n.group(1) for n in NAMESPACE.finditer(text, 0, m.start())]
            scope = spaces[-1] if spaces else ""
            if not scope.endswith("errc"):
                continue
            meaning = (m.group(3) or "").strip()
            # a `///` comment on the line(s) just above
            k = line_no - 1
            above = []
            while k >= 0 and lines[k].strip().startswith("///"):
                above.insert(0, lines[k].strip()[3:].strip())
                k -= 1
            if not meaning and above:
                meaning = " ".join(above)
            found.append({"code": int(m.group(2)), "name": f"{scope}::{m.group(1)}", "meaning": meaning,
                          "header": header.relative_to(ROOT / "include").as_posix()})
    return found


def examples():
    """The first message of each code in the tests and the bad-input manifest, on one line."""
    pattern = re.compile(r"\[zoneperf\.([a-z]+)\.(\d+)\] ([^\"\n\\]*(?:\\.[^\"\n\\]*)*)")
    out = {}
    files = sorted((ROOT / "tests").rglob("*.cpp")) + sorted((ROOT / "tests").rglob("*.csv")) + sorted(
        (ROOT / "python/tests").rglob("*.py"))
    for f in files:
        source = f.read_text(encoding="utf-8", errors="replace")
        for m in pattern.finditer(source):
            code = int(m.group(2))
            text = m.group(3).replace('\\"', '"').strip()
            ends = text.endswith("\\n")
            text = text[:-2] if ends else text
            # a C++ string that goes on in the next literal: the example is cut there
            if not ends and re.match(r'"\s*\n\s*"', source[m.end():]):
                text += "…"
            if len(text) <= 10:
                continue
            example = f"[zoneperf.{m.group(1)}.{code}] {text}"
            rank = (not text.endswith("…"), min(len(example), 160))  # whole messages first, then longer
            if code not in out or rank > out[code][0]:
                out[code] = (rank, example)
    return {code: example for code, (_, example) in out.items()}


def render(found, ex):
    out = ["# Error codes", "",
           "Every error is a `zoneperf::error` holding one or more problems; each problem prints as",
           "`[zoneperf.<category>.<code>] <where>: <what>`, where `<where>` is a file with line and column, a",
           "JSON pointer, or a unit and indicator. The CLI prints them to stderr and exits with 2; Python",
           "raises `zoneperf.Error` (`ParseError`, `ConfigError`, `DataError`, ... by category) with `.code`,",
           "`.where` and `.problems`; the C API returns the code and keeps the message. Codes never change",
           "meaning. This page is generated from the headers by `scripts/error_codes.py`, and CTest checks",
           "that it lists every code and that no code is given twice.", ""]
    by_hundred = {}
    for c in sorted(found, key=lambda c: c["code"]):
        by_hundred.setdefault(c["code"] // 100, []).append(c)
    for h, items in sorted(by_hundred.items()):
        out += [f"## {h}xx {CATEGORIES.get(h, 'other')}: {TITLES.get(h, '')}", "",
                "| code | name (header) | meaning | example |", "|---|---|---|---|"]
        for c in items:
            example = ex.get(c["code"], "")
            if len(example) > 160:
                example = example[:157] + "…"
            cell = lambda s: s.replace("|", "\\|")
            out.append(f"| {c['code']} | `{c['name']}` ({c['header']}) | {cell(c['meaning'])} | "
                       f"{('`' + cell(example) + '`') if example else ''} |")
        out.append("")
    return "\n".join(out)


def main():
    found = codes()
    seen = {}
    problems = []
    for c in found:
        if c["code"] in seen:
            problems.append(f"code {c['code']} is given twice: {seen[c['code']]} and {c['name']}")
        seen[c["code"]] = c["name"]
    text = render(found, examples())
    doc = ROOT / "docs/errors.md"
    if "--check" in sys.argv:
        listed = set(int(c) for c in re.findall(r"^\| (\d+) \|", doc.read_text(encoding="utf-8"), re.M)) \
            if doc.exists() else set()
        for code in sorted(set(seen) - listed):
            problems.append(f"code {code} ({seen[code]}) is not in docs/errors.md: run scripts/error_codes.py")
        for code in sorted(listed - set(seen)):
            problems.append(f"docs/errors.md lists code {code}, which no header defines: run scripts/error_codes.py")
        for p in problems:
            print(p, file=sys.stderr)
        print(f"{len(found)} error codes, {'problems: ' + str(len(problems)) if problems else 'all unique and listed'}")
        return 1 if problems else 0
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        return 1
    doc.write_text(text, encoding="utf-8")
    print(f"wrote docs/errors.md: {len(found)} codes")
    return 0



if __name__ == "__main__":
    sys.exit(main())
