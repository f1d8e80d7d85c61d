"""Workbooks from Python: the readers that take a path or bytes read .xlsx and .xls, a sheet named
after "#", and give what the CSVs give."""
import numpy as np
import pytest

import zoneperf as zp


def test_values_and_targets_from_xlsx_paths_and_bytes_score_as_the_csv(samples):
    tree = zp.load_preset("task-force")
    units, values = zp.read_values_file(tree, str(samples / "task-force/values.xlsx"))
    csv_units, csv_values = zp.read_values_file(tree, str(samples / "task-force/values.csv"))
    assert units == csv_units
    ids, targets = zp.read_targets_file(tree, units, str(samples / "task-force/targets.xlsx#targets"))
    csv_ids, csv_targets = zp.read_targets_file(tree, units, str(samples / "task-force/targets.csv"))
    assert ids == csv_ids
    assert np.array_equal(targets, csv_targets, equal_nan=True)
    a = zp.assess(tree, values, (ids, targets), units=units)
    b = zp.assess(tree, csv_values, (csv_ids, csv_targets), units=csv_units)
    assert a.totals.tobytes() == b.totals.tobytes()
    frame = zp.read_values_frame(tree, (samples / "task-force/values.xlsx").read_bytes(), "values.xlsx")
    assert list(frame.index) == units


def test_module_readers_take_workbook_paths(samples):
    from pathlib import Path

    xlsx = zp.read_projects(Path(samples / "projects/projects.xlsx"))
    csv = zp.read_projects(Path(samples / "projects/projects.csv"))
    assert zp.projects_period(xlsx, "2020") == zp.projects_period(csv, "2020")
    assert zp.admit(Path(samples / "projects/candidates.xlsx")) == zp.admit(Path(samples / "projects/candidates.csv"))
    land_x = zp.evaluate_land(Path(samples / "land/enterprises.xlsx"))
    land_c = zp.evaluate_land(Path(samples / "land/enterprises.csv"))
    assert land_x.to_json() == land_c.to_json()
    card = (samples / "pay/scorecard.json").read_text(encoding="utf-8")
    policy = (samples / "pay/policy.json").read_text(encoding="utf-8")
    pay_x = zp.allocate_pay(Path(samples / "pay/staff.xlsx"), card, policy,
                            events=Path(samples / "pay/events.xlsx#events"))
    pay_c = zp.allocate_pay(Path(samples / "pay/staff.csv"), card, policy, events=Path(samples / "pay/events.csv"))
    assert pay_x.people_csv() == pay_c.people_csv()


def test_workbook_errors_name_the_cell(source_dir):
    tree = zp.load_preset("task-force")
    bad = source_dir / "tests/data/bad/text_in_number.xlsx"
    with pytest.raises(zp.DataError) as e:
        zp.read_values_file(tree, str(bad))
    assert e.value.code == 308
    assert e.value.where == f'{bad}:Sheet1!H3 (unit "高端装备", indicator "foreign_capital")'
    with pytest.raises(zp.ParseError) as e:
        zp.read_values_file(tree, str(bad) + "#Nope")
    assert e.value.code == 121
