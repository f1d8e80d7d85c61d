#!/usr/bin/python3
"""Writes samples/task-force/values_gbk.csv: the sample values table as an older Excel saves it.

The rows are those of samples/task-force/values.csv, byte for byte; the header is what a clerk
types: 单位 for the unit column, then each leaf's or item's display name from
presets/task-force.json, with the leaf's unit in brackets when the name carries none
(意向项目数 -> 意向项目数(个)). The text is then encoded by iconv as GB18030 (GBK for these
characters), so the file is not UTF-8 and zoneperf reads it through its GB18030 detection.
Deterministic: run it again and the file comes out byte for byte the same.

Usage: /usr/bin/python3 scripts/make_sample_gbk.py [output file]
"""
import json
import os
import subprocess
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def nodes(node):
    """Every node of the tree, depth first."""
    yield node
    for child in node.get("children", []):
        yield from nodes(child)


def header_name(node):
    """The display name, with the unit in brackets when the name does not end in a bracket."""
    name, unit = node.get("name", node["id"]), node.get("unit", "")
    if unit and not name.endswith(")"):
        return f"{name}({unit})"
    return name


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "samples/task-force/values_gbk.csv")
    with open(os.path.join(ROOT, "presets/task-force.json"), encoding="utf-8") as f:
        tree = json.load(f)
    by_id = {n["id"]: n for n in nodes(tree) if "id" in n}
    with open(os.path.join(ROOT, "samples/task-force/values.csv"), encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    ids = lines[0].split(",")
    assert ids[0] == "unit", ids[0]
    lines[0] = ",".join(["单位"] + [header_name(by_id[i]) for i in ids[1:]])
    text = "\n".join(lines).encode("utf-8")
    gbk = subprocess.run(["iconv", "-f", "UTF-8", "-t", "GB18030"], input=text, check=True,
                         capture_output=True).stdout
    with open(out, "wb") as f:
        f.write(gbk)


if __name__ == "__main__":
    main()
