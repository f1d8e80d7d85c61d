#!/usr/bin/python3
"""Writes samples/task-force/2020/2020-01.csv ... 2020-12.csv: the four task forces' cumulative
(1–m月累计) values of the task-force preset for each month of 2020.

Deterministic (no randomness): run it again and the files come out byte for byte the same.

Where the registry (samples/projects/projects.csv) fills a leaf, the month's cell is what the
registry gives for the year so far, 1 January to the month's last day (docs/semantics.md §7, §9):

  intent, signed, landed, producing projects: the projects that entered the stage;
  signed_investment (亿元): their total investment; chain_projects: chain projects signed;
  foreign_capital (万美元) and top500_projects: of the projects landed;
  investment_per_mu, tax_per_mu (万元/亩): ratios of sums over the projects landed so far;
  key_project_start_rate (%): key projects started ÷ key projects, the state at the month's end.

The registry has no 2020 project before April and no 2020 landing before June, and 信息技术 has no
key project before April: a count is 0 then, and a ratio the registry cannot give (no project
landed yet, no key project yet) is written 0 (nothing landed, nothing started) rather than left
empty, since the preset's leaves treat a missing value as an error.

The other leaves (samples/projects/other.csv: revenue, tax, fixed-asset investment, satisfaction,
support funds, lagging projects cleared, bonus, penalty, veto) are not in the registry; they reach
December's values along a fixed monthly pace per task force: amounts rounded to 0.01, counts
rounded down (so they never fall), satisfaction and the support-fund rate the year's figure in
every month. December's table is samples/task-force/values.csv itself (the script checks it).

Usage: /usr/bin/python3 scripts/make_sample_monthly.py [repository root]
"""
import calendar
import csv
import datetime as dt
import io
import os
import sys
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from fractions import Fraction

TF = ["新材料新能源", "高端装备", "医养健康", "信息技术"]
# Share of the year's figure reached by the end of each month (the last is 1).
PACE = {
    "新材料新能源": [0.06, 0.13, 0.22, 0.30, 0.38, 0.47, 0.55, 0.63, 0.72, 0.81, 0.90, 1],
    "高端装备": [0.07, 0.14, 0.23, 0.31, 0.39, 0.48, 0.56, 0.64, 0.73, 0.82, 0.91, 1],
    "医养健康": [0.10, 0.19, 0.28, 0.36, 0.44, 0.52, 0.60, 0.67, 0.75, 0.83, 0.92, 1],
    "信息技术": [0.05, 0.10, 0.18, 0.26, 0.34, 0.42, 0.51, 0.60, 0.70, 0.80, 0.90, 1],
}
AMOUNTS = ["revenue", "tax_revenue", "fixed_asset_investment"]
COUNTS = ["lagging_cleared", "major_projects", "late_reports", "major_incident"]
LEVELS = ["service_satisfaction", "support_fund_rate"]


def day(text):
    return dt.date.fromisoformat(text) if text else None


def number(x):
    """A Fraction or Decimal as the shortest text that reads back to it (as a double)."""
    if isinstance(x, Fraction):
        if x.denominator == 1:
            return str(x.numerator)
        d = Decimal(x.numerator) / Decimal(x.denominator)
        if Fraction(d) == x:  # a finite decimal
            return format(d.normalize(), "f")
        return repr(float(x))
    return format(x.normalize(), "f") if x != x.to_integral() else str(int(x))


def registry_leaves(projects, tf, end):
    start = dt.date(2020, 1, 1)
    mine = [p for p in projects if p["task_force"] == tf]

    def entered(p, s):
        d = day(p[s])
        return d is not None and start <= d <= end

    def cleared_by(p):
        d = day(p["cleared"])
        return d is not None and d <= end

    landed = [p for p in mine if entered(p, "landed")]
    signed = [p for p in mine if entered(p, "signed")]
    key = [p for p in mine if p["key"] == "1" and day(p["contacted"]) and day(p["contacted"]) <= end
           and not cleared_by(p)]
    started = [p for p in key if day(p["started"]) and day(p["started"]) <= end]
    land = sum(Fraction(p["land_area"]) for p in landed)
    out = {
        "intent_projects": sum(entered(p, "intent") for p in mine),
        "signed_projects": len(signed),
        "signed_investment": sum(Fraction(p["total_investment"]) for p in signed) / 10000,
        "landed_projects": len(landed),
        "key_project_start_rate": Fraction(100 * len(started), len(key)) if key else Fraction(0),
        "producing_projects": sum(entered(p, "producing") for p in mine),
        "foreign_capital": sum(Fraction(p["foreign_capital"]) for p in landed),
        "top500_projects": sum(p["top500"] == "1" for p in landed),
        "chain_projects": sum(p["chain"] == "1" for p in signed),
        "investment_per_mu": (sum(Fraction(p["fixed_asset_investment"]) for p in landed) / land
                              if land else Fraction(0)),
        "tax_per_mu": sum(Fraction(p["annual_tax"]) for p in landed) / land if land else Fraction(0),
    }
    return {k: (v if isinstance(v, Fraction) else Fraction(v)) for k, v in out.items()}


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
    with open(os.path.join(root, "samples", "projects", "projects.csv"), encoding="utf-8") as f:
        projects = list(csv.DictReader(f))
    with open(os.path.join(root, "samples", "task-force", "values.csv"), encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    year = {r[0]: dict(zip(header, r)) for r in rows[1:]}
    folder = os.path.join(root, "samples", "task-force", "2020")
    os.makedirs(folder, exist_ok=True)
    for m in range(1, 13):
        end = dt.date(2020, m, calendar.monthrange(2020, m)[1])
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow(header)
        for tf in TF:
            cells = {k: number(v) for k, v in registry_leaves(projects, tf, end).items()}
            share = Decimal(str(PACE[tf][m - 1]))
            for k in AMOUNTS:
                cells[k] = number((Decimal(year[tf][k]) * share).quantize(Decimal("0.01"), ROUND_HALF_UP))
            for k in COUNTS:
                cells[k] = number((Decimal(year[tf][k]) * share).to_integral_value(ROUND_FLOOR))
            for k in LEVELS:
                cells[k] = year[tf][k]
            w.writerow([tf] + [cells[k] for k in header[1:]])
            if m == 12:
                for k in header[1:]:
                    if float(cells[k]) != float(year[tf][k]):
                        sys.exit(f"December's {tf} {k} = {cells[k]}, values.csv has {year[tf][k]}")
        with open(os.path.join(folder, f"2020-{m:02d}.csv"), "w", encoding="utf-8", newline="") as f:
            f.write(out.getvalue())
    print("wrote", folder, "2020-01.csv ... 2020-12.csv")


if __name__ == "__main__":
    main()
