#!/usr/bin/env python3
"""Every error code of the library, from the public headers: checks that every code follows the one
convention and is given once, and writes docs/errors.md (code, name, meaning, an example message taken
from the tests).

The convention: each module's codes are in the file errc.hpp of its folder (include/zoneperf/errc.hpp,
pay/errc.hpp, pipeline/errc.hpp, weights/errc.hpp, land/errc.hpp), inside `namespace zoneperf::errc {`,
one `inline constexpr int name = 123;` each with its meaning on the `///` line(s) just above it.

    scripts/error_codes.py            # rewrite docs/errors.md
    scripts/error_codes.py --check    # fail when a code breaks the convention, a code or name is given
                                      # twice, or a code is missing from docs/errors.md or listed there
                                      # without a header (CTest)
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
CATEGORIES = {1: "parse", 2: "config", 3: "data", 4: "io", 5: "money", 6: "pay", 7: "project", 8: "weights",
              9: "land"}
TITLES = {1: "Reading text: JSON, CSV and workbook syntax", 2: "Configuration: trees, presets, policies",
          3: "Data: values, targets and tables", 4: "Files", 5: "Money, apportionment and areas", 6: "Pay",
          7: "Periods, the project registry, admission and the monthly check", 8: "Weights",
          9: "Land (亩均)"}
# `inline constexpr int name = 123;` (the value may sit on the next line)
CONSTANT = re.compile(r"inline\s+constexpr\s+int\s+(\w+)\s*=\s*(\d+)\s*;([^\n]*)")
NAMESPACE = re.compile(r"^namespace\s+zoneperf::errc\s*\{\s*$(.*?)^\}\s*//\s*namespace zoneperf::errc\s*$",
                       re.M | re.S)
# any other namespace whose name ends in errc: the old conventions (errc reopened inside
# `namespace zoneperf {`, pay_errc, land_errc, ...)
OTHER_ERRC = re.compile(r"namespace\s+(?:zoneperf::)?\w*errc\s*\{")


def codes(problems=None):
    """The codes of every errc.hpp, in file order; what breaks the convention goes to `problems`."""
    problems = [] if problems is None else problems
    found = []
    for header in sorted((ROOT / "include/zoneperf").rglob("*.hpp")):
        rel = header.relative_to(ROOT / "include").as_posix()
        text = header.read_text(encoding="utf-8")
        if header.name != "errc.hpp":
            for m in OTHER_ERRC.finditer(text):
                line = text.count("\n", 0, m.start()) + 1
                problems.append(f"{rel}:{line}: error codes belong in the errc.hpp of the module's folder, "
                                f"in namespace zoneperf::errc")
            continue
        blocks = list(NAMESPACE.finditer(text))
        if not blocks:
            problems.append(f"{rel}: no `namespace zoneperf::errc {{ ... }}  // namespace zoneperf::errc` block")
        inside = set()
        lines = text.splitlines()
        for b in blocks:
            for m in CONSTANT.finditer(text, b.start(1), b.end(1)):
                inside.add(m.start())
                line_no = text.count("\n", 0, m.start())
                if m.group(3).strip():
                    problems.append(f"{rel}:{line_no + 1}: {m.group(1)}: the meaning goes on a `///` line above, "
                                    f"not after the code")
                k = line_no - 1
                above = []
                while k >= 0 and lines[k].strip().startswith("///"):
                    above.insert(0, lines[k].strip()[3:].strip())
                    k -= 1
                meaning = " ".join(above).strip()
                if not meaning:
                    problems.append(f"{rel}:{line_no + 1}: {m.group(1)} has no `///` line above it")
                found.append({"code": int(m.group(2)), "name": f"errc::{m.group(1)}", "meaning": meaning,
                              "header": rel})
        for m in CONSTANT.finditer(text):
            if m.start() not in inside:
                problems.append(f"{rel}:{text.count(chr(10), 0, m.start()) + 1}: {m.group(1)} is outside "
                                f"namespace zoneperf::errc")
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
    problems = []
    found = codes(problems)
    seen, names = {}, {}
    for c in found:
        if c["code"] in seen:
            problems.append(f"code {c['code']} is given twice: {seen[c['code']]} and {c['name']}")
        seen[c["code"]] = c["name"]
        if c["name"] in names:
            problems.append(f"{c['name']} is given twice: {names[c['name']]} and {c['header']}")
        names[c["name"]] = c["header"]
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
