#!/usr/bin/python3
"""Synthetic task-force values and targets for the `zoneperf uncertainty` end-to-end benchmark.

Each unit starts from one of the four sample task forces (samples/task-force/values.csv, picked at
random) and moves every value by a uniform factor in [0.5, 1.5) (counts rounded to integers, rates
capped at 100); 0.1 % of the units have a major incident (veto). Its targets are its sample task
force's targets. Fixed seed: the same files every run.

    /usr/bin/python3 bench/make_values.py OUT_DIR [N]     # writes OUT_DIR/values.csv, targets.csv
"""
import csv
import pathlib
import random
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
COUNTS = {"intent_projects", "signed_projects", "landed_projects", "producing_projects", "top500_projects",
          "chain_projects", "lagging_cleared", "major_projects", "late_reports"}
RATES = {"key_project_start_rate", "service_satisfaction", "support_fund_rate"}


def main() -> None:
    out = pathlib.Path(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20200701)
    with open(ROOT / "samples/task-force/values.csv", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    with open(ROOT / "samples/task-force/targets.csv", encoding="utf-8") as f:
        trows = list(csv.reader(f))
    header, base = rows[0], rows[1:]
    theader, tbase = trows[0], trows[1:]
    with open(out / "values.csv", "w", encoding="utf-8", newline="") as fv, \
            open(out / "targets.csv", "w", encoding="utf-8", newline="") as ft:
        wv, wt = csv.writer(fv, lineterminator="\n"), csv.writer(ft, lineterminator="\n")
        wv.writerow(header)
        wt.writerow(theader)
        for u in range(n):
            b = rng.randrange(len(base))
            name = f"tf{u:06d}"
            row = [name]
            for col, cell in zip(header[1:], base[b][1:]):
                x = float(cell)
                if col == "major_incident":
                    row.append("1" if rng.random() < 0.001 else "0")
                    continue
                y = x * rng.uniform(0.5, 1.5)
                if col in COUNTS:
                    row.append(str(int(round(y))))
                elif col in RATES:
                    row.append(repr(round(min(100.0, y), 2)))
                else:
                    row.append(repr(round(y, 2)))
            wv.writerow(row)
            wt.writerow([name] + tbase[b][1:])


if __name__ == "__main__":
    main()
