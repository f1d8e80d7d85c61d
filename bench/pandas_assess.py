#!/usr/bin/python3
"""The pandas baseline of bench/e2e.sh: read the values and targets tables, score a simple
completion (actual / target capped at 1.2, times 5 points, summed), write unit and total as CSV.

Usage: bench/pandas_assess.py VALUES TARGETS OUT
"""
import sys

import numpy as np
import pandas as pd


def main():
    values = pd.read_csv(sys.argv[1])
    targets = pd.read_csv(sys.argv[2])
    cols = [c for c in targets.columns if c != "unit"]
    ratio = np.minimum(values[cols].to_numpy() / targets[cols].to_numpy(), 1.2)
    out = pd.DataFrame({"unit": values["unit"], "total": (ratio * 5).sum(axis=1)})
    out.to_csv(sys.argv[3], index=False)


if __name__ == "__main__":
    main()
