"""Assessing 10^6 units from Python vs the same call from C++ (issue 7: at most 1.2x).

    cmake -S . -B build -DZONEPERF_BUILD_PYTHON=ON -DZONEPERF_BUILD_BENCH=ON
    cmake --build build -j2 --target zoneperf_python bench_bindings_bench
    PYTHONPATH=build/python /usr/bin/python3 bench/python_bench.py --cxx build/bench/bench_bindings_bench

The case is bench/bindings_bench.cpp's (and engine_bench's task_force/1000000): the task-force tree,
default targets, a 10^6 x 20 Fortran-ordered float64 matrix of uniform [0, 100) values (veto
items 0), group scores only, no ranks, one thread. Python is timed both ways C++ is: with a fresh
result per call, and reusing one (out=). Times are the median of --repeats calls, after one warm-up.

--numpy also times the same scoring written in plain NumPy (whole columns at a time, the rules the
task-force preset uses) and checks that it gives zoneperf's totals bit for bit.
"""
import argparse
import json
import statistics
import subprocess
import sys
import time

import numpy as np

import zoneperf as zp


def values(tree: zp.Tree, n: int) -> np.ndarray:
    rng = np.random.default_rng(1)
    v = np.asfortranarray(rng.uniform(0, 100, size=(n, len(tree.columns))))
    for j, c in enumerate(tree.columns):
        if tree.node(c)["kind"] == "veto":
            v[:, j] = 0
    return v


def median_ms(call, repeats: int) -> float:
    call()
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        call()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1e3


def numpy_totals(tree: zp.Tree, v: np.ndarray) -> np.ndarray:
    """The task-force scoring in plain NumPy: the formulas of docs/semantics.md §4, in the library's order."""
    nodes = {c: tree.node(c) for c in tree.columns}
    groups = {g: np.zeros(v.shape[0]) for g in tree.groups}
    total = np.zeros(v.shape[0])
    veto = np.zeros(v.shape[0], dtype=bool)
    for j, c in enumerate(tree.columns):
        n, x = nodes[c], v[:, j]
        if n["kind"] == "leaf":
            rule = n["rule"]
            if rule["kind"] in ("completion", "banded", "threshold"):
                q = x / n["target"]
            if rule["kind"] == "completion":
                f = np.clip(q, 0.0, rule["cap"] if rule["cap"] is not None else 1.0)
            elif rule["kind"] == "banded":
                f = np.zeros_like(q)
                for band in reversed(rule["bands"]):
                    f = np.where(band["min"] <= q, band["value"], f)
            elif rule["kind"] == "threshold":
                f = np.where(q >= 1.0, 1.0, 0.0)
            elif rule["kind"] == "goalposts":
                f = np.clip((x - rule["lo"]) / (rule["hi"] - rule["lo"]), 0.0, 1.0)
            else:
                raise ValueError(f"rule {rule['kind']} is not in this reference")
            groups[n["parent"]] += f * n["points"]
        elif n["kind"] == "veto":
            veto |= x >= 1.0
    for g in tree.groups:
        total += groups[g]
    for j, c in enumerate(tree.columns):
        n = nodes[c]
        if n["kind"] == "bonus":
            total += np.minimum(n["per_unit"] * v[:, j], n["max"])
        elif n["kind"] == "penalty":
            total -= np.minimum(n["per_unit"] * v[:, j], n["max"])
    return np.where(veto, 0.0, np.maximum(total, 0.0))


def cxx_ms(binary: str) -> dict:
    out = subprocess.run([binary, "--benchmark_format=json", "--benchmark_repetitions=5",
                          "--benchmark_report_aggregates_only=true"], capture_output=True, text=True, check=True)
    result = {}
    for b in json.loads(out.stdout)["benchmarks"]:
        if b.get("aggregate_name") == "median":
            result[b["run_name"].split("/")[0]] = b["real_time"]  # ms (the benchmarks use kMillisecond)
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--units", type=int, default=1_000_000)
    ap.add_argument("--repeats", type=int, default=15)
    ap.add_argument("--cxx", help="bench_bindings_bench binary (Google Benchmark) for the C++ figures")
    ap.add_argument("--numpy", action="store_true", help="also time the plain NumPy version and compare its totals")
    args = ap.parse_args()

    tree = zp.load_preset("task-force")
    v = values(tree, args.units)
    assert zp._core._matrix_view_info(v)[5] is False  # viewed, not copied
    fresh = median_ms(lambda: zp.assess(tree, v, keep="groups", ranks=False), args.repeats)
    out = zp.assess(tree, v, keep="groups", ranks=False)
    reused = median_ms(lambda: zp.assess(tree, v, keep="groups", ranks=False, out=out), args.repeats)
    print(f"python  fresh result  {fresh:8.2f} ms   ({args.units / fresh / 1e3:6.1f} M units/s)")
    print(f"python  reused (out=) {reused:8.2f} ms   ({args.units / reused / 1e3:6.1f} M units/s)")
    if args.numpy:
        ms = median_ms(lambda: numpy_totals(tree, v), max(3, args.repeats // 3))
        same = np.array_equal(numpy_totals(tree, v), out.totals)
        print(f"numpy   plain columns {ms:8.2f} ms   ({args.units / ms / 1e3:6.1f} M units/s), "
              f"totals {'identical' if same else 'DIFFERENT'}")
        if not same:
            return 1
    if not args.cxx:
        return 0
    cxx = cxx_ms(args.cxx)
    print(f"c++     fresh result  {cxx['fresh_result']:8.2f} ms")
    print(f"c++     reused        {cxx['reused_result']:8.2f} ms")
    r_fresh, r_reused = fresh / cxx["fresh_result"], reused / cxx["reused_result"]
    print(f"ratio python/c++: fresh {r_fresh:.3f}x, reused {r_reused:.3f}x (budget 1.2x)")
    return 0 if max(r_fresh, r_reused) <= 1.2 else 1


if __name__ == "__main__":
    sys.exit(main())
