#!/usr/bin/python3
"""NumPy baseline for bench/weights_bench.cpp: the same shape as BM_uncertainty_analysis/100000.

N = 10^5 units x 17 leaves (+ the bonus/penalty column), K = 1000 weight sets: one matmul
(N x 18) @ (18 x K), then an argsort of every weight set's scores (axis 0), which is what a
NumPy user writes to rank units; it computes neither ties, nor quantiles nor histograms.
Prints the matmul's GFLOP/s and each step's time (process CPU time and wall time).

    /usr/bin/python3 scripts/bench_numpy_uncertainty.py [N] [K]
"""
import sys
import time

import numpy as np

n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
k = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
depth = 18

rng = np.random.default_rng(7)
fractions = np.asfortranarray(rng.uniform(0.0, 1.2, size=(n, depth)))
fractions[:, -1] = 4.0 * rng.integers(0, 3, size=n) - rng.integers(0, 4, size=n)
weights = rng.dirichlet(np.full(depth - 1, 50.0), size=k).T * 100.0
points = np.vstack([weights, np.ones((1, k))])


def timed(f):
    c0, w0 = time.process_time(), time.perf_counter()
    out = f()
    return out, time.process_time() - c0, time.perf_counter() - w0


scores, cpu_mm, wall_mm = timed(lambda: fractions @ points)
order, cpu_sort, wall_sort = timed(lambda: np.argsort(-scores, axis=0))
flops = 2.0 * n * depth * k
print(f"numpy {np.__version__}, N={n}, depth={depth}, K={k}")
print(f"matmul:  cpu {cpu_mm:.3f} s  wall {wall_mm:.3f} s  {flops / cpu_mm * 1e-9:.1f} GFLOP/s (cpu)")
print(f"argsort: cpu {cpu_sort:.3f} s  wall {wall_sort:.3f} s")
print(f"total:   cpu {cpu_mm + cpu_sort:.3f} s  wall {wall_mm + wall_sort:.3f} s")
