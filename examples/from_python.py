"""The same scorecard from Python (numpy and pandas). Run:
    PYTHONPATH=build/python /usr/bin/python3 examples/from_python.py   (expected output: docs/bindings.md)
"""
import numpy as np

import zoneperf as zp

tree = zp.load_preset("task-force")
values, targets = zp.sample_frames("task-force")  # DataFrames: unit index, one column per indicator

# A DataFrame in, a DataFrame out.
result = zp.assess(tree, values, targets)
print(result.to_frame()[["total", "rank", "grade"]].round(2).to_string())

# The same call on a bare float64 array: viewed in place, never copied.
matrix = np.asfortranarray(values.to_numpy())
again = zp.assess(tree, matrix, (list(targets.columns), targets.to_numpy()))
print("numpy totals equal:", bool(np.array_equal(again.totals, result.totals)))

# Every leaf of one unit, explained as dicts.
leaf = next(e for e in zp.explain(tree, values, targets, "高端装备") if e["id"] == "foreign_capital")
print(f"高端装备 foreign_capital: actual {leaf['actual']:g} / target {leaf['target']:g} = ratio {leaf['ratio']:.4f}, "
      f"{leaf['points']:.2f} of {leaf['max']:.0f} points")

# Errors carry a code and a place.
try:
    zp.load_preset("no-such-preset")
except zp.ConfigError as e:
    print(f"ConfigError {e.code} at {e.where!r}")
