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
