"""亩均效益 from Python: the same report as `zoneperf land --format json`."""
import json

import numpy as np
import pytest

import zoneperf as zp
from conftest import cli_json


@pytest.mark.parametrize("preset", ["zj-huangyan", "js-huaian"])
def test_evaluation_equals_the_cli_report(samples, preset):
    path = samples / "land/enterprises.csv"
    ref = cli_json("land", "--enterprises", str(path), "--preset", preset)
    ev = zp.evaluate_land(path.read_text(encoding="utf-8"), preset, source=str(path))
    assert json.loads(ev.to_json()) == ref
    assert ev.ids == [e["id"] for e in ref["enterprises"]]
    for i, e in enumerate(ref["enterprises"]):
        assert ev.classes[i] == e["class"]
        assert (e["score"] is None and np.isnan(ev.scores[i])) or ev.scores[i] == e["score"]
        assert ev.ranks[i] == (e["rank"] or 0)
        for k, name in enumerate(ev.metric_names):
            want = e["metrics"][name]
            assert (want is None and np.isnan(ev.metrics[i, k])) or ev.metrics[i, k] == want


def test_a_dataframe_gives_the_same_evaluation(samples):
    import pandas as pd

    path = samples / "land/enterprises.csv"
    text = path.read_text(encoding="utf-8")
    frame = pd.read_csv(path, dtype={"exempt": str}, keep_default_na=False, na_values={c: [""] for c in
                        ["land_mu", "investment_wan", "tax_wan", "revenue_wan", "value_added_wan", "rd_wan",
                         "energy_tce", "emissions_t", "employees"]})
    a = zp.evaluate_land(text)
    b = zp.evaluate_land(frame)
    assert a.classes == b.classes
    assert np.array_equal(a.scores, b.scores, equal_nan=True)
    out = a.to_frame()
    assert list(out.columns[-3:]) == ["score", "rank", "class"]


def test_classes_by_rank_follow_the_integer_quotas():
    # docs/semantics.md §5: n = 20 -> A = 4, B = 8, D = ceil(5*20/100) = 1, C the rest (7).
    labels = zp.classify([float(100 - i) for i in range(20)])
    assert [labels.count(c) for c in "ABCD"] == [4, 8, 7, 1]
    assert zp.classify([3.0, 2.0, 1.0], exempt=[0, 1, 0])[1] == "T"
    assert [m["id"] for m in zp.land_metrics()][:2] == ["investment_per_mu", "tax_per_mu"]


def test_a_record_without_land_is_an_error_naming_it():
    csv = "id,land_mu,tax_wan\nE1,,5\n"
    with pytest.raises(zp.Error) as info:
        zp.evaluate_land(csv)
    assert "E1" in str(info.value)


def test_migration_equals_the_cli_and_its_matrix_adds_up(samples):
    import pandas as pd

    now_path, before_path = samples / "land/enterprises.csv", samples / "land/enterprises_2019.csv"
    ref = cli_json("land", "--enterprises", str(now_path), "--previous", str(before_path))
    now, before = zp.evaluate_land(now_path), zp.evaluate_land(before_path)
    m = zp.migrate_classes(before, now)
    assert m == ref
    counts = pd.DataFrame(m["matrix"]["counts"], index=m["matrix"]["rows"], columns=m["matrix"]["columns"])
    # Rows add up to the earlier year's classes (and those that entered), columns to the later year's.
    for label in m["classes"]:
        assert counts.loc[label].sum() == before.classes.count(label)
        assert counts[label].sum() == now.classes.count(label)
    assert counts.loc["entered"].sum() == len(set(now.ids) - set(before.ids)) == 3
    assert counts["left"].sum() == len(set(before.ids) - set(now.ids)) == 2
    moves = pd.DataFrame(m["moves"]).set_index("id")
    assert len(moves) == len(set(now.ids) | set(before.ids))


def test_migration_from_published_classes(samples):
    now = zp.evaluate_land(samples / "land/enterprises.csv")
    mine = dict(zip(now.ids, now.classes))
    # A hand-made year before: E01 one class lower than now, E99 gone since, E06 exempt in both.
    order = ["A", "B", "C", "D"]
    published = {"E01": order[min(order.index(mine["E01"]) + 1, 3)], "E99": "D", "E06": "T"}
    m = zp.migrate_classes(published, now)
    moves = {x["id"]: x for x in m["moves"]}
    assert moves["E01"]["move"] == ("up" if mine["E01"] != "D" else "same")
    assert moves["E99"]["move"] == "left" and moves["E99"]["to"] is None
    assert moves["E06"]["move"] == "exempt"
    assert moves["E02"]["move"] == "entered"
    table = "id,class\nE01,A\nE02,Z\n"
    with pytest.raises(zp.LandError, match=r"\[zoneperf\.land\.912\] prev\.csv:3:2: E02: class \"Z\""):
        zp.migrate_classes(table, now, source="prev.csv")


def test_a_chinese_headed_table_gives_the_same_evaluation(samples, tmp_path):
    # The sample table with the Chinese names of its columns (docs/land.md), full-width brackets
    # and all, read from a file as a clerk would save it.
    text = (samples / "land/enterprises.csv").read_text(encoding="utf-8")
    chinese = ("企业编号,企业名称,所在园区,所属专班,用地面积（亩）,固定资产投资(万元),税收(万元),营业收入(万元),"
               "工业增加值(万元),研发经费(万元),综合能耗(吨标准煤),污染物排放量(吨),从业人员(人),免评原因")
    path = tmp_path / "企业.csv"
    path.write_text(chinese + text[text.index("\n"):], encoding="utf-8")
    a = zp.evaluate_land(text)
    b = zp.evaluate_land(path)
    assert len(b.ids) == 33
    assert b.ids == a.ids
    assert b.classes == a.classes
    assert np.array_equal(b.metrics, a.metrics, equal_nan=True)
    assert np.array_equal(b.scores, a.scores, equal_nan=True)
    with pytest.raises(zp.Error, match="321"):
        zp.evaluate_land(chinese.replace("税收(万元)", "税收(亿元)") + text[text.index("\n"):])
