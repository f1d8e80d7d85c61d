"""zoneperf.assess from Python: same numbers as the C++ CLI, zero-copy views, pandas in and out."""
import math

import numpy as np
import pytest

import zoneperf as zp
from conftest import cli_json
from test_tree import MINI

NAN = float("nan")


def sample_inputs():
    tree = zp.load_preset("task-force")
    values, targets = zp.sample_frames("task-force")
    return tree, values, targets


def test_task_force_sample_equals_the_cli_json_report(samples):
    tree, values, targets = sample_inputs()
    result = zp.assess(tree, values, targets)
    ref = cli_json("assess", "--preset", "task-force", "--values", str(samples / "task-force/values.csv"),
                   "--targets", str(samples / "task-force/targets.csv"))
    assert result.units == [u["id"] for u in ref["units"]]
    cols = result.score_columns
    for i, unit in enumerate(ref["units"]):
        assert result.totals[i] == unit["total"]  # exact: same double
        assert result.ranks[i] == unit["rank"]
        assert result.grade_labels[i] == unit["grade"]
        assert bool(result.vetoed[i]) == unit["veto"]
        for node_id, node in unit["nodes"].items():
            assert result.scores[i, cols.index(node_id)] == node["score"], node_id
            assert result.max(i, node_id) == node["max"]
            rate = result.rate(i, node_id)
            assert (node["rate"] is None and math.isnan(rate)) or rate == node["rate"]
    # and the module's own JSON report is the CLI's
    import json
    assert json.loads(result.to_json()) == ref


def test_explanations_equal_the_cli_json_leaves(samples):
    tree, values, targets = sample_inputs()
    ref = cli_json("assess", "--preset", "task-force", "--values", str(samples / "task-force/values.csv"),
                   "--targets", str(samples / "task-force/targets.csv"), "--explain", "all")
    mine = zp.explain_all(tree, values, targets)
    for unit in ref["units"]:
        leaves = {e["id"]: e for e in mine[unit["id"]]}
        assert list(leaves) == list(unit["leaves"])
        for leaf_id, want in unit["leaves"].items():
            got = {k: v for k, v in leaves[leaf_id].items() if k in want}
            assert got == want, leaf_id
    one = zp.explain(tree, values, targets, "高端装备")
    assert one == mine["高端装备"]
    frame = zp.explain_frame(tree, values, targets)
    assert frame.loc[("高端装备", "intent_projects"), "points"] == leaves_points(mine, "高端装备", "intent_projects")


def leaves_points(mine, unit, leaf):
    return next(e["points"] for e in mine[unit] if e["id"] == leaf)


def test_worked_example_by_hand():
    # tests/engine/assess_test.cpp three_units_worked_by_hand: totals 21.6, 12, 0; grades A, B, C.
    tree = zp.Tree.from_dict(MINI)
    v = np.array([[60, 8, 90, 1, 0, 0], [25, 20, 100, 5, 8, 0], [0, 40, 50, 0, 3, 0]], dtype=np.float64)
    r = zp.assess(tree, v)
    assert r.totals.tolist() == pytest.approx([21.6, 12, 0])
    assert r.grade_labels == ["A", "B", "C"]
    assert r.ranks.tolist() == [1, 2, 3]
    assert r.score(0, "g1") == pytest.approx(13.6)
    assert r.units == ["#1", "#2", "#3"]


def test_c_and_fortran_order_and_row_slices_are_viewed_not_copied():
    tree, values, targets = sample_inputs()
    f = np.asfortranarray(values.to_numpy())
    c = np.ascontiguousarray(f)
    for a, order in ((f, "F"), (c, "C")):
        address, rows, cols, got_order, stride, copied = zp._core._matrix_view_info(a)
        assert (address, rows, cols, got_order, copied) == (a.ctypes.data, 4, 20, order, False)
    wide = np.zeros((4, 30))
    wide[:, 5:25] = c
    view = wide[:, 5:25]  # rows contiguous, row stride 30
    info = zp._core._matrix_view_info(view)
    assert info == (view.ctypes.data, 4, 20, "C", 30, False)
    every_other = np.zeros((8, 20))
    every_other[::2] = c
    info = zp._core._matrix_view_info(every_other[::2])
    assert info[3:] == ("C", 40, False)
    # other dtypes and non-contiguous layouts are converted once
    assert zp._core._matrix_view_info(c.astype(np.float32))[5] is True
    assert zp._core._matrix_view_info(np.broadcast_to(c[:1], (4, 20)))[5] is True
    # and every layout gives the same totals
    t = (list(targets.columns), targets.to_numpy())
    want = zp.assess(tree, f, t).totals
    spread = np.zeros((4, 40))
    spread[:, ::2] = c  # neither rows nor columns contiguous: converted once
    assert zp._core._matrix_view_info(spread[:, ::2])[5] is True
    for a in (c, view, every_other[::2], spread[:, ::2], c[::-1][::-1]):
        assert np.array_equal(zp.assess(tree, a, t).totals, want)


def test_result_arrays_view_the_result_and_keep_it_alive():
    tree, values, targets = sample_inputs()
    r = zp.assess(tree, values, targets)
    totals, scores, vetoed = r.totals, r.scores, r.vetoed
    assert totals.base is not None and not totals.flags.writeable
    assert scores.flags.f_contiguous and scores.shape == (4, len(r.score_columns))
    assert vetoed.dtype == np.bool_
    assert r.ranks.dtype == np.int32 and r.grades.dtype == np.int32
    # two reads share the same memory: no copy per access
    assert r.totals.ctypes.data == totals.ctypes.data
    expected = totals.copy()
    del r
    import gc
    gc.collect()
    assert np.array_equal(totals, expected)  # the views hold the Assessment
    with pytest.raises(ValueError):
        totals[0] = 1


def test_dataframe_in_dataframe_out():
    tree, values, targets = sample_inputs()
    shuffled = values[list(reversed(values.columns))]
    r = zp.assess(tree, shuffled, targets.iloc[::-1])  # any column order, targets in any row order
    frame = r.to_frame()
    assert list(frame.columns) == tree.groups + ["total", "rank", "grade", "veto"]
    assert list(frame.index) == list(values.index)
    assert frame.loc["医养健康", "grade"] == "合格"
    assert np.array_equal(frame["total"].to_numpy(), zp.assess(tree, values, targets).totals)
    assert "intent_projects" in r.to_frame("all").columns


def test_targets_as_dict_and_as_tuple_agree():
    tree, values, targets = sample_inputs()
    want = zp.assess(tree, values, targets).totals
    as_dict = {c: targets[c].to_numpy() for c in targets.columns}
    assert np.array_equal(zp.assess(tree, values, as_dict).totals, want)
    as_tuple = (list(targets.columns), np.ascontiguousarray(targets.to_numpy()))
    assert np.array_equal(zp.assess(tree, values.to_numpy(), as_tuple).totals, want)


def test_threads_and_options():
    tree, values, targets = sample_inputs()
    big = np.tile(values.to_numpy(), (500, 1))
    t = (list(targets.columns), np.tile(targets.to_numpy(), (500, 1)))
    one = zp.assess(tree, big, t)
    two = zp.assess(tree, big, t, threads=2)
    assert np.array_equal(one.totals, two.totals)  # bit-identical whatever the thread count
    groups_only = zp.assess(tree, big, t, keep="groups", ranks=False)
    assert groups_only.ranks is None
    assert groups_only.score_columns == tree.groups
    with pytest.raises(ValueError):
        zp.assess(tree, big, t, keep="some")


def test_data_errors_name_unit_and_indicator():
    # tests/engine/assess_test.cpp negative_counts_and_missing_values_are_errors_naming_unit_and_indicator
    tree = zp.Tree.from_dict(MINI)
    v = np.array([[60, 8, 90, 1, 0, 0], [25, 20, NAN, -1, 8, 0]])
    with pytest.raises(zp.DataError) as info:
        zp.assess(tree, v, units=["甲", "乙"])
    assert str(info.value) == ('[zoneperf.data.301] unit "乙", indicator "satisfaction": missing value (the '
                               "indicator's missing policy is error)")
    assert info.value.code == 301
    with pytest.raises(zp.DataError) as info:
        zp.assess(tree, np.array([[60, 8, 90, -2, 0, 0]], dtype=float))
    assert str(info.value) == '[zoneperf.data.311] unit #1, indicator "extra": negative count -2'


def test_arrays_take_the_csv_readers_checks_infinities_and_duplicate_units():
    # Issue 19 item 11: numpy arrays took what the CSV reader rejects (309, 306); NaN stays missing.
    import pandas as pd
    tree = zp.Tree.from_dict(MINI)
    v = np.array([[60, 8, 90, 1, 0, 0], [25, 20, 80, 1, 0, 0]], dtype=float)
    bad = v.copy()
    bad[1, 0] = np.inf
    with pytest.raises(zp.DataError) as info:
        zp.assess(tree, bad, units=["甲", "乙"])
    assert str(info.value) == '[zoneperf.data.309] unit "乙", indicator "sales": not a finite number: inf'
    assert info.value.code == 309
    bad = np.asfortranarray(v)
    bad[0, 3] = -np.inf
    with pytest.raises(zp.DataError) as info:
        zp.assess(tree, bad)
    assert str(info.value) == '[zoneperf.data.309] unit #1, indicator "extra": not a finite number: -inf'
    with pytest.raises(zp.DataError) as info:
        zp.explain(tree, bad, unit=0)
    assert info.value.code == 309
    bad = v.copy()
    bad[0, 2] = NAN
    with pytest.raises(zp.DataError) as info:
        zp.assess(tree, bad)
    assert info.value.code == 301  # missing, under the leaf's policy (error)
    with pytest.raises(zp.DataError) as info:
        zp.assess(tree, v, units=["甲", "甲"])
    assert str(info.value) == '[zoneperf.data.306] row 2: duplicate unit "甲" (first on row 1)'
    with pytest.raises(zp.DataError) as info:
        zp.explain_all(tree, v, units=["甲", "甲"])
    assert str(info.value) == '[zoneperf.data.306] row 2: duplicate unit "甲" (first on row 1)'
    frame = pd.DataFrame(v, index=["甲", "甲"], columns=tree.columns)
    with pytest.raises(zp.DataError) as info:
        zp.assess(tree, frame)
    assert info.value.code == 306
    targets = pd.DataFrame({"sales": [50.0, 40.0, 30.0]}, index=["甲", "乙", "乙"])
    with pytest.raises(zp.DataError) as info:
        zp.assess(tree, v, targets, units=["甲", "乙"])
    assert str(info.value) == '[zoneperf.data.306] 乙: targets: duplicate unit "乙"'


def test_a_total_that_is_not_finite_is_an_error_not_a_rank():
    # Issue 19 item 8: a total of inf was ranked 1 and graded.
    tree = zp.Tree.from_dict({"id": "big", "points": 1e308, "grades": [{"label": "A", "min": 0}], "children": [
        {"id": "a", "points": 1e308, "rule": {"kind": "benchmark"}, "target": 1}]})
    with pytest.raises(zp.DataError) as info:
        zp.assess(tree, np.array([[0.5], [2.0]]), units=["u1", "u2"])
    assert str(info.value) == ('[zoneperf.data.309] unit "u2", indicator "a": the score is not finite: '
                               "fraction 2 × points 1e+308 = inf")


def test_a_targets_frame_of_many_units_in_any_order_is_matched_by_unit():
    # The targets frame's units are matched with sets built once (issue 19: set(units) was rebuilt
    # per row, quadratic: 17 s at 2 x 10^4 units). 10^5 units in reverse order.
    import pandas as pd
    tree = zp.Tree.from_dict(MINI)
    n = 100_000
    units = [f"u{i}" for i in range(n)]
    rng = np.random.default_rng(5)
    v = np.column_stack([rng.uniform(0, 100, n), rng.uniform(1, 40, n), rng.uniform(60, 100, n),
                         np.zeros(n), np.zeros(n), np.zeros(n)])
    t = np.column_stack([rng.uniform(10, 90, n), rng.uniform(5, 20, n)])
    frame = pd.DataFrame(t, index=units, columns=["sales", "cost"]).iloc[::-1]
    by_frame = zp.assess(tree, pd.DataFrame(v, index=units, columns=tree.columns), frame)
    by_tuple = zp.assess(tree, v, (["sales", "cost"], t), units=units)
    assert np.array_equal(by_frame.totals, by_tuple.totals)


def test_wrong_shapes_and_columns_are_errors():
    tree = zp.Tree.from_dict(MINI)
    with pytest.raises(zp.DataError) as info:
        zp.assess(tree, np.zeros((2, 5)))
    assert info.value.code == 314
    with pytest.raises(ValueError):
        zp.assess(tree, np.zeros(6))
    import pandas as pd
    frame = pd.DataFrame(np.zeros((1, 6)), columns=tree.columns[:5] + ["bogus"])
    with pytest.raises(zp.DataError) as info:
        zp.assess(tree, frame)
    assert info.value.code == 304 and info.value.where == "values column 6"


def test_frames_may_name_columns_by_display_name():
    pytest.importorskip("pandas")
    tree = zp.load_preset("task-force")
    values, targets = zp.sample_frames("task-force")
    names = {n["id"]: n["name"] for n in tree.nodes}
    assert tree.node("signed_investment")["unit"] == "亿元"
    chinese = values.rename(columns=lambda c: names[c].replace("(", "（").replace(")", "）"))
    chinese_targets = targets.rename(columns=lambda c: names[c])
    by_id = zp.assess(tree, values, targets)
    by_name = zp.assess(tree, chinese, chinese_targets)
    assert np.array_equal(by_id.totals, by_name.totals)
    assert tree.match_columns(["签约总投资", "意向项目数(个)"]) == ["signed_investment", "intent_projects"]
    with pytest.raises(zp.DataError) as info:
        zp.assess(tree, values.rename(columns={"signed_investment": "签约总投资(万元)"}))
    assert info.value.code == 321
    with pytest.raises(zp.DataError) as info:
        zp.assess(tree, chinese.assign(intent_projects=chinese["意向项目数"]))
    assert info.value.code == 307


def test_csv_readers_raise_errors_naming_file_line_and_column():
    tree = zp.Tree.from_dict(MINI)
    units, m = zp.read_values(tree, "unit,sales,cost,satisfaction,extra,late,accident\nu1,60,8,90,1,0,0\n", "v.csv")
    assert units == ["u1"] and m.flags.f_contiguous and m[0, 0] == 60
    with pytest.raises(zp.DataError) as info:
        zp.read_values(tree, "unit,sales,cost,satisfaction,extra,late,accident\nu1,6x,8,90,1,0,0\n", "v.csv")
    assert info.value.where.startswith("v.csv:2:2")


def test_out_reuses_the_storage_of_an_earlier_assessment():
    tree, values, targets = sample_inputs()
    first = zp.assess(tree, values, targets, keep="groups")
    totals = first.totals
    address = totals.ctypes.data
    doubled = values * 2
    again = zp.assess(tree, doubled, targets, keep="groups", out=first)
    assert again is first
    assert again.totals.ctypes.data == address
    assert np.array_equal(totals, zp.assess(tree, doubled, targets, keep="groups").totals)  # the view sees new values
    with pytest.raises(ValueError):
        zp.assess(tree, values.iloc[:2], targets.iloc[:2], keep="groups", out=first)  # other unit count
    with pytest.raises(ValueError):
        zp.assess(tree, values, targets, keep="all", out=first)


def test_threads_sharing_one_out_never_crash_and_a_busy_out_is_refused():
    # Issue 19, item 4: two threads writing one out= once crashed the interpreter (SIGSEGV). While
    # one call writes into an Assessment (GIL released), another call given it raises ValueError.
    import threading

    tree, values, targets = sample_inputs()
    v = np.tile(values.to_numpy(dtype=float), (50000, 1))
    t = np.tile(targets.to_numpy(dtype=float), (50000, 1))
    ids = list(targets.columns)
    shared = zp.assess(tree, v, (ids, t), keep="groups")
    expected = shared.totals.copy()
    rounds, workers = 20, 4
    barrier = threading.Barrier(workers)
    done, refused, other = [], [], []

    def work():
        for _ in range(rounds):
            barrier.wait()
            try:
                done.append(zp.assess(tree, v, (ids, t), keep="groups", out=shared))
            except ValueError as e:
                refused.append(str(e))
            except Exception as e:  # noqa: BLE001 - any other error fails the test below
                other.append(repr(e))

    threads = [threading.Thread(target=work) for _ in range(workers)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert other == []
    assert len(done) + len(refused) == rounds * workers
    assert len(done) >= rounds  # at least the first of each round
    assert all(r is shared for r in done)
    assert refused, "no call overlapped another: the refusal was not exercised"
    assert set(refused) == {"out= is being written by another assess call (another thread): an Assessment "
                            "takes one call at a time; give each thread its own out="}
    assert np.array_equal(shared.totals, expected)
    # Once free, it takes a call again.
    assert zp.assess(tree, v, (ids, t), keep="groups", out=shared) is shared


def test_complex_object_and_text_arrays_raise_type_error():
    # Issue 19: these once raised pybind11's "error_already_set called while Python error indicator not set".
    tree = zp.load_preset("task-force")
    n = len(tree.columns)
    with pytest.raises(TypeError, match=r"values must be an array of real numbers .*complex"):
        zp.assess(tree, np.ones((2, n), dtype=complex))
    with pytest.raises(TypeError, match=r"values must be an array of real numbers .*dtype object holding values"):
        zp.assess(tree, np.array([["x"] * n, ["y"] * n], dtype=object))
    with pytest.raises(TypeError, match=r"values must be an array of real numbers"):
        zp.assess(tree, [["a"] * n])
    numbers = np.ones((2, n), dtype=object)  # objects that are numbers convert
    assert len(zp.assess(tree, numbers)) == 2


def test_stubs_name_every_public_name():
    import pathlib
    import ast

    stub = pathlib.Path(zp.__file__).with_name("__init__.pyi")
    names = {n.name for n in ast.parse(stub.read_text(encoding="utf-8")).body
             if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    assert set(zp.__all__) <= names
    assert pathlib.Path(zp.__file__).with_name("py.typed").exists()


def test_the_module_shows_only_its_public_names():
    shown = set(dir(zp))
    assert shown == set(zp.__all__) | {"__version__"}
    assert not shown & {"Any", "Dict", "List", "Optional", "np", "annotations", "_core"}


def test_readers_take_an_encoding_and_chinese_headers():
    tree = zp.load_preset("task-force")
    names = {n["id"]: n["name"] for n in tree.nodes}
    header = "单位," + ",".join(names[c] for c in tree.columns)
    row = "张三组," + ",".join("1" for _ in tree.columns)
    gbk = (header + "\n" + row + "\n").encode("gb18030")
    units, m = zp.read_values(tree, gbk, "v.csv", encoding="gb18030")
    assert units == ["张三组"] and m.shape == (1, len(tree.columns))
    units, _ = zp.read_values(tree, gbk, "v.csv")  # detected
    assert units == ["张三组"]
    with pytest.raises(zp.ParseError) as info:
        zp.read_values(tree, gbk, "v.csv", encoding="utf-8")
    assert info.value.code == 110
    with pytest.raises(ValueError):
        zp.read_values(tree, gbk, "v.csv", encoding="latin-1")
    ids, t = zp.read_targets(tree, ["张三组"], "专班,重点项目开工率（％）\n张三组,90%\n".encode(), "t.csv", encoding="utf-8")
    assert ids == ["key_project_start_rate"] and t[0, 0] == 90
