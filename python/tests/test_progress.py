"""progress= from Python: the callback is told (stage, done, total) from the calling thread, results
do not change, and an exception it raises stops the work and propagates."""
import threading
import time

import numpy as np
import pytest

import zoneperf as zp


class Recorder:
    def __init__(self):
        self.calls = []
        self.threads = set()

    def __call__(self, stage, done, total):
        self.calls.append((stage, done, total))
        self.threads.add(threading.get_ident())

    def stage(self, name):
        return [c for c in self.calls if c[0] == name]


def well_formed(calls, total):
    assert len(calls) >= 2
    assert calls[0][1] == 0
    assert all(c[2] == total for c in calls)
    assert all(a[1] <= b[1] for a, b in zip(calls, calls[1:]))
    assert calls[-1][1] == total


def task_force_values(n):
    tree = zp.load_preset("task-force")
    rng = np.random.default_rng(5)
    values = rng.uniform(0, 60, size=(n, len(tree.columns)))
    veto = tree.columns.index("major_incident")
    values[:, veto] = 0
    return tree, values


@pytest.mark.parametrize("threads", [1, 2])
def test_assess_calls_the_callback_from_the_calling_thread_and_gives_the_same_results(threads):
    tree, values = task_force_values(50_000)
    plain = zp.assess(tree, values, threads=threads)
    rec = Recorder()
    r = zp.assess(tree, values, threads=threads, progress=rec)
    well_formed(rec.stage("assessing"), 50_000)
    assert rec.threads == {threading.get_ident()}
    assert np.array_equal(r.totals, plain.totals)
    assert np.array_equal(r.scores, plain.scores)
    assert np.array_equal(r.ranks, plain.ranks)


@pytest.mark.parametrize("threads", [1, 2])
def test_an_exception_from_the_callback_propagates_and_the_module_still_works(threads):
    tree, values = task_force_values(1_200_000)

    def stop(stage, done, total):
        if done == 0:
            time.sleep(0.15)  # the next report is then due at the first piece of work
        else:
            raise KeyError("stop " + stage)

    with pytest.raises(KeyError, match="stop assessing"):
        zp.assess(tree, values, threads=threads, progress=stop)
    assert len(zp.assess(tree, values[:10], threads=threads)) == 10


def test_an_exception_on_the_first_call_propagates_too():
    tree, values = task_force_values(100)

    def fail(stage, done, total):
        raise ValueError("no progress wanted")

    with pytest.raises(ValueError, match="no progress wanted"):
        zp.assess(tree, values, progress=fail)
    with pytest.raises(ValueError, match="no progress wanted"):
        zp.uncertainty_analysis(tree, values, samples=50, progress=fail)


def test_progress_must_be_callable():
    tree, values = task_force_values(10)
    with pytest.raises(TypeError, match="progress must be None or a callable"):
        zp.assess(tree, values, progress=42)


def test_reading_tables_reports_bytes(tmp_path):
    tree = zp.load_preset("task-force")
    text = zp.sample_file("task-force/values.csv")
    rec = Recorder()
    units, matrix = zp.read_values(tree, text, "values.csv", progress=rec)
    well_formed(rec.stage("reading values.csv"), len(text.encode("utf-8")))
    plain_units, plain = zp.read_values(tree, text, "values.csv")
    assert units == plain_units and np.array_equal(matrix, plain)

    path = tmp_path / "targets.csv"
    path.write_text(zp.sample_file("task-force/targets.csv"), encoding="utf-8")
    rec = Recorder()
    zp.read_targets_file(tree, units, str(path), progress=rec)
    well_formed(rec.stage(f"reading {path}"), path.stat().st_size)

    rec = Recorder()
    frame = zp.read_values_frame(tree, text, "v.csv", progress=rec)
    assert list(frame.index) == units
    well_formed(rec.stage("reading v.csv"), len(text.encode("utf-8")))


@pytest.mark.parametrize("threads", [1, 2])
def test_uncertainty_reports_assessing_then_sampling(threads):
    tree, values = task_force_values(500)
    plain = zp.uncertainty_analysis(tree, values, samples=300, threads=threads, as_frame=True)
    rec = Recorder()
    r = zp.uncertainty_analysis(tree, values, samples=300, threads=threads, as_frame=True, progress=rec)
    assert r.equals(plain)
    well_formed(rec.stage("assessing"), 500)
    well_formed(rec.stage("sampling"), 301)
    assert [c[0] for c in rec.calls].index("sampling") > [c[0] for c in rec.calls].index("assessing")
    assert rec.threads == {threading.get_ident()}
