#!/usr/bin/python3
"""Writes a large task-force values table and its targets table for the end-to-end benchmarks.

Usage: bench/make_tables.py UNITS OUT_DIR   (writes OUT_DIR/values.csv and OUT_DIR/targets.csv)

Columns are the task-force preset's (the sample's headers); values are uniform on [0, 100) with 4
decimals (veto items 0), targets uniform on [1, 100) with 2 decimals; seed 1, so the files are the
same on every run.
"""
import os
import sys

import numpy as np
import pandas as pd

here = os.path.dirname(os.path.abspath(__file__))
samples = os.path.join(here, "..", "samples", "task-force")


def main():
    units, out = int(sys.argv[1]), sys.argv[2]
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(1)
    ids = [f"U{i:07d}" for i in range(1, units + 1)]
    value_cols = pd.read_csv(os.path.join(samples, "values.csv"), nrows=0).columns[1:]
    target_cols = pd.read_csv(os.path.join(samples, "targets.csv"), nrows=0).columns[1:]
    values = pd.DataFrame(np.round(rng.uniform(0, 100, (units, len(value_cols))), 4), columns=value_cols)
    for veto in ("major_incident",):
        values[veto] = 0
    values.insert(0, "unit", ids)
    values.to_csv(os.path.join(out, "values.csv"), index=False)
    targets = pd.DataFrame(np.round(rng.uniform(1, 100, (units, len(target_cols))), 2), columns=target_cols)
    targets.insert(0, "unit", ids)
    targets.to_csv(os.path.join(out, "targets.csv"), index=False)


if __name__ == "__main__":
    main()
