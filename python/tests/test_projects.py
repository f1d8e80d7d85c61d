"""The project registry from Python: the same reports as `zoneperf projects … --format json`,
`zoneperf admit --format json` and `zoneperf calendar --format json` on the sample files."""
import json
import math

import numpy as np
import pytest

import zoneperf as zp
from conftest import run_cli


def cli(*args):
    return json.loads(run_cli(*args))


def paths(samples):
    return (samples / "projects/projects.csv", samples / "projects/candidates.csv", samples / "projects/other.csv")


@pytest.mark.parametrize("as_of", [None, "2020-07-15"])
def test_month_report_equals_the_cli(samples, as_of):
    projects, _, _ = paths(samples)
    args = ["projects", "--file", str(projects)] + (["--as-of", as_of] if as_of else [])
    ref = cli(*args, "--format", "json", "month", "2020-07")
    reg = zp.read_projects(projects, as_of=as_of)
    assert zp.projects_month(reg, "2020-07", as_of) == ref
    assert ref["as_of"] == (as_of or "2020-07-31")


@pytest.mark.parametrize("period", ["2020", "2020-Q3", "2020-H1", "2019"])
def test_period_report_equals_the_cli(samples, period):
    projects, _, _ = paths(samples)
    ref = cli("projects", "--file", str(projects), "--format", "json", "year", period)
    reg = zp.read_projects(projects.read_text(encoding="utf-8"), source=str(projects))
    mine = zp.projects_period(reg, period)
    assert mine == ref
    # counts_frame: the zone is the sum of the task forces
    frame = zp.counts_frame(reg, period)
    assert list(frame.index) == reg.task_forces + ["zone"]
    assert (frame.loc[reg.task_forces].sum() - frame.loc["zone"]).abs().max() < 1e-9
    assert frame.loc["zone", "signed"] == ref["zone"]["entered"]["signed"]


def test_the_monthly_check_gives_the_cli_faces_and_weekly_progress(samples):
    projects, _, _ = paths(samples)
    ref = cli("projects", "--file", str(projects), "--format", "json", "month", "2020-07")["check"]
    reg = zp.read_projects_file(str(projects))
    c = zp.check_month(reg, "2020-07")
    assert c["complete"] == ref["complete"]
    assert c["zone_target"] == {"intent": 10, "signed": 10, "landed": 10}  # 三个十 (docs/semantics.md §7)
    for mine, theirs in zip(c["task_forces"], ref["task_forces"]):
        for key in ("task_force", "weight", "target", "actual", "face", "missed"):
            assert mine[key] == theirs[key]
        assert mine["weeks"] and mine["weeks"][-1]["on"] == "2020-07-31"
    # the split apportions the zone's ten by key projects: the targets add up to 10 each
    assert sum(t["target"]["signed"] for t in c["task_forces"]) == 10
    # fixed targets and a lower zone target
    first = reg.task_forces[0]
    c2 = zp.check_month(reg, "2020-07", zone=(4, 4, 4), fixed={first: {"intent": 0, "signed": 0, "landed": 0}})
    assert c2["task_forces"][0]["target"] == {"intent": 0, "signed": 0, "landed": 0}
    assert sum(t["target"]["landed"] for t in c2["task_forces"]) == 4


def test_the_registry_keeps_projects_and_views_an_earlier_day(samples):
    projects, _, _ = paths(samples)
    reg = zp.read_projects(projects)
    assert len(reg) == len(reg.ids) and reg.ids[0] in reg
    p = reg.project(reg.ids[0])
    assert p["id"] == "2019-NM-01" and p["total_investment"] == "35000" and p["dates"]["contacted"] == "2019-01-01"
    early = reg.snapshot("2019-01-31")
    assert early.as_of == "2019-01-31" and len(early) < len(reg)
    again = zp.read_projects(reg.to_csv())
    assert again.ids == reg.ids and again.as_of == reg.as_of
    assert zp.validate_projects("id,task_force,contacted\nX,nowhere,2020-01-01\n")[0].code == 710


def test_admission_equals_the_cli_from_text_path_and_dataframe(samples):
    import pandas as pd

    _, candidates, _ = paths(samples)
    ref = cli("admit", "--file", str(candidates), "--format", "json")
    assert zp.admit(candidates) == ref
    assert zp.admit(candidates.read_text(encoding="utf-8")) == ref
    frame = pd.read_csv(candidates, dtype=str, keep_default_na=False)
    assert zp.admit(frame) == ref
    table = zp.admit_frame(ref)
    assert list(table.index) == [d["id"] for d in ref]
    assert (table["decision"] == "admitted").sum() == sum(d["decision"] == "admitted" for d in ref)
    # the gates and pass mark are the CLI's options
    strict = cli("admit", "--file", str(candidates), "--pass-mark", "75", "--min-tax-per-mu", "20", "--format", "json")
    assert zp.admit(candidates, pass_mark=75, min_tax_per_mu=20) == strict


def test_scorecard_values_equal_the_cli_export_and_assess_the_same(samples, tmp_path):
    projects, _, other = paths(samples)
    out = tmp_path / "values.csv"
    run_cli("projects", "--file", str(projects), "year", "2020", "--other", str(other), "--values-out", str(out))
    tree = zp.load_preset("task-force")
    ref = zp.read_values_frame(tree, out.read_text(encoding="utf-8"))
    reg = zp.read_projects(projects)
    mine = zp.scorecard_frame(reg, "2020", other)
    assert list(mine.index) == list(ref.index) and list(mine.columns) == tree.columns
    assert np.array_equal(mine.to_numpy(), ref.to_numpy(), equal_nan=True)
    units, matrix = zp.scorecard_values(reg, "2020", other.read_text(encoding="utf-8"))
    assert units == list(ref.index) and matrix.shape == (4, len(tree.columns))
    assessed = json.loads(zp.assess(tree, mine).to_json())
    assert assessed == cli("assess", "--preset", "task-force", "--values", str(out), "--format", "json")
    # a value the registry knows given again by the other table is error 730
    dup = "unit,signed_projects\n" + reg.task_forces[0] + ",3\n"
    with pytest.raises(zp.ProjectError) as info:
        zp.scorecard_values(reg, "2020", dup)
    assert info.value.code == 730


def test_calendar_equals_the_cli(samples):
    ref = cli("calendar", "2020", "--format", "json")
    mine = zp.supervision_calendar(2020)
    assert [{"date": e["date"], "event": f'{e["name"]} {e["kind"]}', "covers": e["covers"]} for e in mine] == ref
    moved = cli("calendar", "2020", "--dispatch-day", "friday", "--weekend", "previous-friday", "--format", "json")
    assert [e["date"] for e in zp.supervision_calendar(2020, "friday", "previous-friday")] == [e["date"] for e in moved]


def test_fold_annual_weights_the_quarters_and_the_year_end():
    # docs/semantics.md §5: annual = 0.7 x mean(Q1..Q4) + 0.3 x year-end = 0.7 x 25 + 0.3 x 40 = 29.5
    assert zp.fold_annual([10, 20, 30, 40], 40) == pytest.approx(29.5)
    assert zp.fold_annual({"2020-Q1": 10, "2020-Q2": 20, "2020-Q3": 30, "2020-Q4": 40}, ("2020", 40)) == pytest.approx(29.5)
    assert zp.fold_annual([10, 20, 30, 40], 40, quarter_share=1) == pytest.approx(25)
    with pytest.raises(zp.ProjectError) as info:
        zp.fold_annual([10, None, 30, 40], 40, unit="高端装备")
    assert info.value.code == 703 and "高端装备" in str(info.value)
    assert zp.roll_up({"2020-01": 1, "2020-02": 2, "2020-04": 4}, "quarter") == {"2020-Q1": 3.0, "2020-Q2": 4.0}
    assert zp.growth(1056, 170) == pytest.approx(886 / 170) and zp.growth(5, 0) is None


def test_bad_input_is_a_project_error_naming_the_cell():
    with pytest.raises(zp.ProjectError) as info:
        zp.read_projects("id,task_force,contacted\nP1,高端装备,2020-02-30\n", source="p.csv")
    assert info.value.code == 701 and info.value.where.startswith("p.csv:2:")
    with pytest.raises(zp.ProjectError) as info:
        zp.projects_month(zp.read_projects("id,task_force,contacted\nP1,高端装备,2020-02-03\n"), "2020-Q1")
    assert info.value.code == 751


def test_a_landed_project_without_land_is_error_731_naming_it(samples):
    # Issue 19, item 13: the zone's per-mu figures once counted its investment and tax without its
    # land (800 instead of 300 万元/亩). Every per-mu path names the project instead.
    import csv
    import io

    rows = list(csv.reader(io.StringIO((samples / "projects/projects.csv").read_text(encoding="utf-8"))))
    header = rows[0]
    land, landed = header.index("land_area"), header.index("landed")
    row = next(r for r in rows[1:] if r[landed].startswith("2020"))
    row[land] = ""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    reg = zp.read_projects(out.getvalue())
    with pytest.raises(zp.ProjectError) as info:
        zp.projects_period(reg, "2020")
    assert info.value.code == 731
    assert info.value.where == row[0]


def test_year_faces_is_a_long_table_whose_counts_are_the_csv_rows(samples):
    import pandas as pd

    projects, _, _ = paths(samples)
    reg = zp.read_projects(projects)
    faces = pd.DataFrame(zp.year_faces(reg, 2020))
    assert len(faces) == 12 * len(reg.task_forces)
    assert list(faces.columns[:6]) == ["task_force", "month", "intent", "signed", "landed", "intent_target"]
    # Counted from the CSV itself: the projects whose stage date falls in the month.
    rows = pd.read_csv(projects, dtype=str)
    for month in ["2020-03", "2020-07", "2020-11"]:
        for tf in reg.task_forces:
            got = faces[(faces.task_force == tf) & (faces.month == month)].iloc[0]
            mine = rows[rows.task_force == tf]
            for stage in ["intent", "signed", "landed"]:
                assert got[stage] == mine[stage].fillna("").str.startswith(month).sum(), (tf, month, stage)
    # July's faces are the monthly check's (and `zoneperf projects month 2020-07`'s).
    july = faces[faces.month == "2020-07"].set_index("task_force")["face"]
    ref = cli("projects", "--file", str(projects), "--format", "json", "month", "2020-07")
    assert {k["task_force"]: k["face"] for k in ref["check"]["task_forces"]} == july.to_dict()
    # The year as the CLI writes it.
    year = cli("projects", "--file", str(projects), "--format", "json", "faces", "2020")
    for tf in year["task_forces"]:
        mine = faces[faces.task_force == tf["task_force"]]
        assert list(mine.face) == [m["face"] for m in tf["months"]]
        assert tf["smiles"] == (mine.face == "😊").sum()


def test_year_faces_stops_at_the_as_of_date(samples):
    projects, _, _ = paths(samples)
    reg = zp.read_projects(projects)
    faces = zp.year_faces(reg, 2020, as_of="2020-07-15")
    assert sorted(set(faces["month"])) == [f"2020-{m:02}" for m in range(1, 8)]
    assert [c for m, c in zip(faces["month"], faces["complete"]) if m == "2020-07"] == [False] * 4
    with pytest.raises(zp.ProjectError, match=r"\[zoneperf\.project\.751\] 2020: the as-of date 2019-12-31"):
        zp.year_faces(reg, 2020, as_of="2019-12-31")
