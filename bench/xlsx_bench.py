#!/usr/bin/python3
"""Reading a 10^5-row .xlsx values table: zoneperf against pandas.read_excel (openpyxl), side by
side in one run (a benchmark, not a test).

The table is bench/make_values.py's synthetic task-force values (10^5 units x 21 columns, numbers
as numbers), written once with openpyxl's write-only mode into OUT_DIR/values-N.xlsx (kept: later
runs reuse it). The readers run in turn, REPEAT rounds (default 3); the medians are printed with
their ratio.
zoneperf is zoneperf.read_values_file (the C++ reader: unzip, XML, cells, numbers into the values
matrix); pandas is pd.read_excel(path, engine="openpyxl"), which gives a DataFrame of the same
cells. Needs python3-openpyxl and python3-pandas; without them it says so and exits 0.

    PYTHONPATH=build/python /usr/bin/python3 bench/xlsx_bench.py [OUT_DIR [N [REPEAT]]]
"""
import pathlib
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def make_workbook(out: pathlib.Path, n: int) -> pathlib.Path:
    import csv

    import openpyxl

    book = out / f"values-{n}.xlsx"
    if book.exists():
        return book
    subprocess.run([sys.executable, str(ROOT / "bench/make_values.py"), str(out), str(n)], check=True)
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("values")
    with open(out / "values.csv", encoding="utf-8") as f:
        for k, row in enumerate(csv.reader(f)):
            ws.append(row if k == 0 else [row[0]] + [float(x) if "." in x else int(x) for x in row[1:]])
    wb.save(book)
    return book


def median_seconds(fns, repeat: int) -> list:
    """Each function's median time, the functions run in turn in each round so that all see the
    same load from other work."""
    times = [[] for _ in fns]
    for _ in range(repeat):
        for fn, t in zip(fns, times):
            start = time.perf_counter()
            fn()
            t.append(time.perf_counter() - start)
    return [statistics.median(t) for t in times]


def main() -> int:
    try:
        import openpyxl  # noqa: F401
        import pandas as pd
    except ImportError as e:
        print(f"xlsx_bench: skipped ({e.name} is not installed: apt-get install python3-openpyxl python3-pandas)")
        return 0
    import zoneperf as zp

    out = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path("/tmp/zoneperf-xlsx-bench")
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    repeat = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    out.mkdir(parents=True, exist_ok=True)
    book = make_workbook(out, n)
    tree = zp.load_preset("task-force")

    units, values = zp.read_values_file(tree, str(book))
    frame = pd.read_excel(book, engine="openpyxl")
    assert len(units) == len(frame) == n and values.shape == (n, len(tree.columns))

    ours, theirs = median_seconds(
        [lambda: zp.read_values_file(tree, str(book)), lambda: pd.read_excel(book, engine="openpyxl")], repeat
    )
    size = book.stat().st_size / 1e6
    print(f"{book} ({size:.1f} MB, {n} rows x {values.shape[1] + 1} columns), medians of {repeat}:")
    print(f"  zoneperf.read_values_file         {ours * 1000:9.1f} ms")
    print(f"  pandas.read_excel(engine=openpyxl) {theirs * 1000:9.1f} ms")
    print(f"  zoneperf is {theirs / ours:.1f}x faster")
    return 0


if __name__ == "__main__":
    sys.exit(main())
