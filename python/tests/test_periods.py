"""Year-to-date targets (序时进度) and verdicts from Python (docs/semantics.md §9)."""
import math

import numpy as np
import pytest

import zoneperf as zp


def test_the_task_force_preset_marks_additive_items():
    tree = zp.load_preset("task-force")
    assert tree.node("signed_investment")["additive"] == "amount"
    assert tree.node("late_reports")["additive"] == "count"
    assert tree.node("key_project_start_rate")["additive"] == "none"


def test_year_to_date_scales_additive_leaves_and_gives_verdicts():
    tree = zp.load_preset("task-force")
    ytd = zp.year_to_date(tree, 2, as_of="2020-07", basis="cumulative")
    assert (ytd.k, ytd.n) == (7, 12)
    assert len(ytd.scaled) == 12
    ids, period = ytd.targets
    # signed_investment: t = 64, t_p = (64 × 7) / 12 = 37.333333333333336
    assert period[0, ids.index("signed_investment")] == 37.333333333333336
    assert ytd.annual[1, ytd.scaled.index("signed_investment")] == 64
    # In-period data at 2020Q3: (64 × 1) / 4 = 16; per-unit annual targets win over the default.
    q = zp.year_to_date(tree, ["a", "b"], {"signed_investment": np.array([120.0, math.nan])}, as_of="2020Q3",
                        basis="in-period")
    ids, period = q.targets
    assert period[:, ids.index("signed_investment")].tolist() == [30.0, 16.0]
    # days: 2020-07-15 is day 197 of 366.
    d = zp.year_to_date(tree, 1, as_of="2020-07-15", basis="cumulative", schedule="days")
    assert (d.k, d.n) == (197, 366)
    # A unit with signed_investment 40 against 37.33 is on schedule; the start rate gets no verdict.
    assert ytd.verdict({"id": "signed_investment", "ratio": 40 / 37.333333333333336, "missing": False}) == "on schedule"
    assert ytd.verdict({"id": "signed_investment", "ratio": 0.9, "missing": False}) == "behind"
    assert ytd.verdict({"id": "key_project_start_rate", "ratio": 1.2, "missing": False}) is None
    assert "7/12" in repr(ytd)


def test_bad_as_of_and_options_raise():
    tree = zp.load_preset("task-force")
    with pytest.raises(zp.Error, match="702"):
        zp.year_to_date(tree, 1, as_of="2020-W05", basis="cumulative")
    with pytest.raises(ValueError, match="basis"):
        zp.year_to_date(tree, 1, as_of="2020-07", basis="ytd")
    with pytest.raises(ValueError, match="schedule"):
        zp.year_to_date(tree, 1, as_of="2020-07", basis="cumulative", schedule="weeks")


SMALL = """{"id": "t", "name": "t", "points": 30, "children": [
  {"id": "signed", "name": "签约项目数", "points": 10, "additive": "count", "rule": {"kind": "completion", "cap": 1.2}, "target": 12},
  {"id": "invest", "name": "签约总投资", "points": 10, "additive": "amount", "rule": {"kind": "completion", "cap": 1.2}, "target": 60},
  {"id": "rate", "name": "开工率", "points": 10, "rule": {"kind": "completion"}, "target": 100}]}"""


def test_series_gives_a_long_frame_with_changes():
    pd = pytest.importorskip("pandas")
    tree = zp.Tree.from_json(SMALL)
    # Cumulative January..March. March: t_p = 3 and 15; A 4/3 -> 12, 18/15 -> 12, 100 -> 10 = 34;
    # B 4/3 -> 12, 14/15 -> 9.33.., 10. February: A 2/2, 10/10, 50 -> 25; B 30 (ranks A 2, B 1).
    tables = {
        "2020-01": pd.DataFrame({"signed": [1, 2], "invest": [5, 4], "rate": [50, 100]}, index=["A", "B"]),
        "2020-02": pd.DataFrame({"signed": [2, 2], "invest": [10, 10], "rate": [50, 100]}, index=["A", "B"]),
        "2020-03": (["B", "A"], np.array([[4.0, 14, 100], [4, 18, 100]])),
    }
    f = zp.series(tree, tables, data="cumulative")
    assert list(f.columns) == ["unit", "period", "total", "rank", "grade", "signed", "invest", "rate",
                               "d_score", "d_rank", "yoy", "yoy_note"]
    a = f[(f.unit == "A")].set_index("period")
    assert a.loc["2020-03", "total"] == pytest.approx(34)
    assert a.loc["2020-02", "total"] == pytest.approx(25)
    assert a.loc["2020-03", "d_score"] == pytest.approx(9)
    assert a.loc["2020-03", "d_rank"] == 1  # from 2nd to 1st
    assert pd.isna(a.loc["2020-01", "d_rank"])  # no December 2019
    b = f[(f.unit == "B")].set_index("period")
    assert b.loc["2020-03", "total"] == pytest.approx(12 + 14 / 15 * 10 + 10)
    assert b.loc["2020-03", "d_rank"] == -1
    # Annual targets per unit: A's doubled, so March's t_p are 6 and 30.
    t = pd.DataFrame({"signed": [12.0, 24], "invest": [60.0, 120]}, index=["B", "A"])
    a2 = zp.series(tree, tables, t, data="cumulative", frame=False)
    assert a2["total"][2] == pytest.approx(4 / 6 * 10 + 6 + 10)
    with pytest.raises(zp.Error, match="708"):
        zp.series(tree, {"2020-01": tables["2020-01"], "2020-02": tables["2020-02"].iloc[:1]}, data="cumulative")
    with pytest.raises(ValueError, match="basis"):
        zp.series(tree, tables, data="cumulative", basis="monthly")
    # The same months as one long frame with a period column, rows in any order: the same series.
    march = pd.DataFrame({"signed": [4, 4], "invest": [14, 18], "rate": [100, 100]}, index=["B", "A"])
    long = pd.concat([frame.assign(period=label) for label, frame in
                      [("2020-03", march), ("2020-01", tables["2020-01"]), ("2020-02", tables["2020-02"])]])
    g = zp.series(tree, long, data="cumulative")
    pd.testing.assert_frame_equal(g.sort_values(["unit", "period"]).reset_index(drop=True),
                                  f.sort_values(["unit", "period"]).reset_index(drop=True))
    with pytest.raises(ValueError, match="period"):
        zp.series(tree, tables["2020-01"], data="cumulative")
