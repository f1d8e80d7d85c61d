"""Differentiated pay from Python: the same allocation as `zoneperf pay --format json`."""
import json

import pytest

import zoneperf as zp
from conftest import cli_json


def paths(samples):
    return (samples / "pay/staff.csv", samples / "pay/scorecard.json", samples / "pay/policy.json",
            samples / "pay/events.csv")


def test_allocation_equals_the_cli_report(samples):
    staff, card, policy, events = paths(samples)
    ref = cli_json("pay", "--staff", str(staff), "--scorecard", str(card), "--policy", str(policy),
                   "--events", str(events))
    run = zp.allocate_pay(staff.read_text(encoding="utf-8"), card.read_text(encoding="utf-8"),
                          zp.PayPolicy.from_file(str(policy)), events.read_text(encoding="utf-8"))
    mine = run.to_dict()
    assert mine["reconciliation"] == ref["reconciliation"]
    assert run.pool == ref["reconciliation"]["pool"]
    assert run.total_paid == ref["reconciliation"]["total_paid"]
    assert mine["task_forces"] == ref["task_forces"]
    assert mine["people"] == ref["people"]
    assert len(run) == len(ref["people"])
    # an award's origin names its source ("<events>:3" here, the file path in the CLI)
    strip = lambda awards: [{k: v for k, v in a.items() if k != "origin"} for a in awards]
    assert strip(mine["awards"]) == strip(ref["awards"])


def test_pool_is_one_and_a_half_times_the_baseline_and_parts_add_up(samples):
    staff, card, _, _ = paths(samples)
    run = zp.allocate_pay(staff.read_text(encoding="utf-8"), json.loads(card.read_text(encoding="utf-8")))
    from decimal import ROUND_HALF_UP, Decimal

    rec = run.to_dict()["reconciliation"]
    # docs/semantics.md §6: P = 1.5 x sum of baselines, half away from zero to the fen; the parts add up to P.
    assert Decimal(run.pool) == (Decimal(rec["baseline"]) * Decimal("1.5")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    assert rec["base_paid"] == run.pool and Decimal(rec["difference"]) == 0
    assert len(run.people_frame()) == len(run)


def test_policy_round_trip_and_validation():
    p = zp.PayPolicy.standard()
    assert zp.PayPolicy.from_dict(p.to_dict()).to_json() == p.to_json()
    problems = zp.validate_pay_policy({"multiplier": -1})
    assert problems and all(isinstance(x, zp.Problem) for x in problems)
    with pytest.raises(zp.Error):
        zp.PayPolicy.from_dict({"multiplier": -1})


def test_a_scorecard_from_python_feeds_pay(samples, tmp_path):
    tree = zp.load_preset("task-force")
    values, targets = zp.sample_frames("task-force")
    card = zp.scorecard_json(tree, values, targets)
    staff, _, policy, events = paths(samples)
    run = zp.allocate_pay(staff.read_text(encoding="utf-8"), card, zp.PayPolicy.from_file(str(policy)),
                          events.read_text(encoding="utf-8"))
    # The CLI pays the same people the same money from the same scorecard saved to a file.
    saved = tmp_path / "scorecard.json"
    saved.write_text(card, encoding="utf-8")
    ref = cli_json("pay", "--staff", str(staff), "--scorecard", str(saved), "--policy", str(policy),
                   "--events", str(events))
    mine = run.to_dict()
    assert mine["people"] == ref["people"] and mine["task_forces"] == ref["task_forces"]
    # Each task force is paid by the grade its scorecard gives it.
    grades = {u["id"]: u["grade"] for u in json.loads(card)["units"]}
    assert {t["id"]: t["grade"] for t in mine["task_forces"]} == grades


def test_a_scorecard_whose_numbers_disagree_pays_nobody(samples):
    staff, card, _, _ = paths(samples)
    doc = json.loads(card.read_text(encoding="utf-8"))
    doc["units"][0]["grade"] = "良好"  # its total 93.5 gives 优秀
    with pytest.raises(zp.Error, match="318"):
        zp.allocate_pay(staff.read_text(encoding="utf-8"), doc)
