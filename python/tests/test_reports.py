"""zoneperf.report: the HTML page, the workbook, Markdown, the tables and their CSV, from the sample
task-force scorecard (every leaf explained) and the demo's pay, land and projects inputs."""
import csv
import io
import json
import pathlib
import xml.etree.ElementTree as ET
import zipfile

import pytest

import zoneperf as zp
from conftest import run_cli


@pytest.fixture(scope="module")
def tree():
    return zp.load_preset("task-force")


@pytest.fixture(scope="module")
def card(tree) -> str:
    """`zoneperf assess --preset task-force --values ... --targets ... --format json --explain all`."""
    units, values = zp.read_values(tree, zp.sample_file("task-force/values.csv"), "values.csv")
    ids, targets = zp.read_targets(tree, units, zp.sample_file("task-force/targets.csv"), "targets.csv")
    return zp.scorecard_json(tree, values, (ids, targets), units=units)


@pytest.fixture(scope="module")
def pay(card) -> zp.PayRun:
    policy = zp.PayPolicy.from_json(zp.sample_file("pay/policy.json"), "policy.json")
    return zp.allocate_pay(zp.sample_file("pay/staff.csv"), card, policy, zp.sample_file("pay/events.csv"))


@pytest.fixture(scope="module")
def full(card, pay) -> zp.Report:
    land = zp.evaluate_land(zp.sample_file("land/enterprises.csv"))
    projects = zp.projects_month(zp.read_projects(zp.sample_file("projects/projects.csv")), "2020-07")
    return zp.report(card, pay=pay, land=land, projects=projects, title="Python report")


def test_sections_follow_the_inputs_given(card, full):
    only = zp.report(card)
    assert (only.has_pay, only.has_land, only.has_projects) == (False, False, False)
    assert (full.has_pay, full.has_land, full.has_projects) == (True, True, True)
    assert [t.name for t in only.tables()] == ["scorecard", "leaves"]
    assert [t.name for t in full.tables()] == ["scorecard", "leaves", "pay_people", "pay_task_forces",
                                               "pay_reconciliation", "land_enterprises", "land_classes", "faces"]


def test_html_is_well_formed_xml_and_names_every_unit(card, full):
    for r in (zp.report(card), full):
        html = r.html()
        body = html.split("\n", 1)[1] if html.startswith("<!DOCTYPE") else html
        ET.fromstring(body)  # raises on a page that is not well-formed
        for unit in json.loads(card)["units"]:
            assert unit["id"] in html
    assert "Python report" in full.html()
    assert "产业专班考核" in zp.report(card).html()  # the default title: the tree's name


def test_markdown_shows_each_units_total_as_the_scorecard_gives_it(card, full):
    md = full.markdown()
    for unit in json.loads(card)["units"]:
        rows = [line for line in md.splitlines() if line.startswith(f"| {unit['id']} |")]
        assert rows, unit["id"]
        assert f" {unit['total']:.2f} " in rows[0], (unit, rows[0])


def test_workbook_is_an_xlsx_with_one_sheet_per_table(full, tmp_path):
    path = tmp_path / "report.xlsx"
    manifest = full.write_workbook(path)
    assert path.is_file()
    with zipfile.ZipFile(path) as z:
        assert "xl/workbook.xml" in z.namelist()
    assert len(manifest["sheets"]) == len(full.tables())
    # A chart of the totals, and of the 亩均 classes since the land part is given.
    assert manifest["chart_sheets"] == ["总分图", "亩均分类图"]
    with zipfile.ZipFile(path) as z:
        assert sum(n.startswith("xl/charts/chart") for n in z.namelist()) == 2
    assert manifest["formulas"], "derived cells are formulas"
    f = manifest["formulas"][0]
    assert set(f) == {"sheet", "cell", "row", "col", "formula", "value", "tolerance"}
    assert f["sheet"] in manifest["sheets"] and not f["formula"].startswith("=")


def test_tables_and_their_csv_agree(card, full):
    totals = {u["id"]: u["total"] for u in json.loads(card)["units"]}
    for t in full.tables():
        assert t.header and all(len(row) == len(t.header) for row in t.rows), t.name
        text = t.csv()  # a string: no BOM, LF line ends
        assert not text.startswith("\ufeff") and "\r" not in text and text == zp.table_csv(t)
        excel = zp.table_csv(t, bom=True)  # the form of the report_*.csv files
        assert excel.startswith("\ufeff") and excel == t.csv(bom=True)
        assert excel[1:].replace("\r\n", "\n") == text
        assert list(csv.reader(io.StringIO(excel[1:], newline=""))) == list(csv.reader(io.StringIO(text, newline="")))
        parsed = list(csv.reader(io.StringIO(text, newline="")))
        assert parsed[0] == t.header
        assert parsed[1:] == t.rows
        assert len(t) == len(t.rows)
    scorecard = full.tables()[0]
    col = scorecard.header.index("总分")
    assert {row[0]: float(row[col]) for row in scorecard.rows} == totals  # numbers read back exactly


def test_result_objects_json_text_and_dicts_give_the_same_report(card, pay):
    by_object = zp.report(card, pay=pay).markdown()
    assert zp.report(card, pay=pay.to_json()).markdown() == by_object
    assert zp.report(json.loads(card), pay=pay.to_dict()).markdown() == by_object
    assert zp.report(card.encode("utf-8"), pay=None).markdown() == zp.report(card).markdown()


def test_write_puts_every_format_in_the_folder(full, tmp_path):
    out = tmp_path / "reports"
    paths = full.write(out)
    names = [pathlib.Path(p).name for p in paths]
    assert names[:3] == ["report.html", "report.xlsx", "report.md"]
    assert names[3:] == [f"report_{t.name}.csv" for t in full.tables()]
    assert all(pathlib.Path(p).is_file() and pathlib.Path(p).parent == out for p in paths)
    assert (out / "report.md").read_text(encoding="utf-8") == full.markdown()


def test_the_same_report_as_the_cli(card, pay, tmp_path):
    (tmp_path / "card.json").write_text(card, encoding="utf-8")
    (tmp_path / "pay.json").write_text(pay.to_json(), encoding="utf-8")
    run_cli("report", "--scorecard", str(tmp_path / "card.json"), "--pay", str(tmp_path / "pay.json"),
            "--out", str(tmp_path / "cli"))
    ours = zp.report(card, pay=pay)
    assert (tmp_path / "cli" / "report.md").read_text(encoding="utf-8") == ours.markdown()
    assert (tmp_path / "cli" / "report.html").read_text(encoding="utf-8") == ours.html()


def test_bad_inputs_raise_the_modules_errors(card, tree):
    with pytest.raises(zp.ParseError) as e:
        zp.report("{")
    assert e.value.code == 101 and e.value.where == "scorecard:1:2"
    assert str(e.value).startswith("[zoneperf.parse.101] scorecard:1:2: invalid JSON: ")
    with pytest.raises(zp.ConfigError) as e:
        zp.report('{"tree": "no-such-tree", "units": []}')
    assert e.value.code == 216
    with pytest.raises(zp.ConfigError) as e:
        zp.report(card, pay='{"policy": "x"}')
    assert str(e.value) == '[zoneperf.config.201] pay: missing "reconciliation"'
    units, values = zp.read_values(tree, zp.sample_file("task-force/values.csv"))
    assessment = zp.assess(tree, values, units=units)
    with pytest.raises(zp.ConfigError) as e:  # the JSON of an assessment explains no leaf
        zp.report(assessment.to_json())
    assert e.value.code == 201 and e.value.where == "scorecard:/units/0"
    with pytest.raises(TypeError, match="scorecard_json"):
        zp.report(assessment)
    with pytest.raises(zp.FileError) as e:
        zp.report(card).write("/proc/zp_no_such_dir")
    assert e.value.code == 402


def test_hostile_text_is_neutralised_in_csv_escaped_in_markdown_and_replaced_in_html(card, tree):
    doc = json.loads(card)
    hostile = '=HYPERLINK("http://x")|<b>&'
    doc["units"][1]["id"] = hostile
    r = zp.report(json.dumps(doc))
    scorecard = r.tables()[0]
    assert scorecard.rows[1][0] == hostile  # the table keeps the text; its CSV neutralises it
    assert '\n"\'=HYPERLINK(""http://x"")|<b>&",' in scorecard.csv()
    md = r.markdown()
    assert "<b>" not in md and '| =HYPERLINK("http://x")\\|&lt;b&gt;&amp; |' in md
    doc["units"][1]["id"] = "a\uffffb\ufdd0c\x01d"
    html = zp.report(json.dumps(doc)).html()
    ET.fromstring(html.split("\n", 1)[1])
    assert "a\ufffdb\ufffdc\ufffdd" in html and "\uffff" not in html
    # Results of other modules: the assessment's CSV for people, the registry's CSV read back as it is.
    units, values = zp.read_values(tree, zp.sample_file("task-force/values.csv"))
    text = zp.assess(tree, values, units=["-cmd"] + list(units[1:])).to_csv()
    assert "\n'-cmd," in text and not text.startswith("\ufeff")
    staff = zp.sample_file("pay/staff.csv").replace("王军", "=1+2")
    run = zp.allocate_pay(staff, json.loads(card), zp.PayPolicy.from_json(zp.sample_file("pay/policy.json")))
    assert "\nXC01,'=1+2," in run.people_csv() and "\nXC01,=1+2," in run.people_csv(for_people=False)
    assert run.people_frame().loc[0, "name"] == "=1+2"  # a DataFrame keeps the text as it is
    reg = zp.read_projects(zp.sample_file("projects/projects.csv").replace("石墨烯导热膜项目(续建)", "@SUM(1)"))
    assert ",@SUM(1)," in reg.to_csv() and zp.read_projects(reg.to_csv()).to_csv() == reg.to_csv()


def test_a_title_with_control_characters_or_not_utf8_is_error_217(card):
    for title in ("two\nlines", "bell\a", "nul\x00"):
        with pytest.raises(zp.ConfigError) as e:
            zp.report(card, title=title)
        assert e.value.code == 217 and e.value.where == "title", title
    with pytest.raises(zp.ConfigError) as e:
        zp.report(card, title="two\nlines")
    assert str(e.value) == "[zoneperf.config.217] title: a control character (U+000A) at byte 4: a report title is one line of text without control characters"
    assert zp.report(card, title="聊城 <draft> & notes").html().count("聊城 &lt;draft&gt; &amp; notes") == 2


def test_a_workbook_cell_over_excels_limit_is_error_319_naming_sheet_cell_and_person(card, pay, tmp_path):
    doc = json.loads(pay.to_json())
    doc["people"][0]["name"] = "x" * 32768
    r = zp.report(card, pay=json.dumps(doc), lang="en")
    with pytest.raises(zp.DataError) as e:
        r.write_workbook(tmp_path / "a.xlsx")
    assert e.value.code == 319
    assert str(e.value) == "[zoneperf.data.319] pay_people!B3 (person \"XC01\", column \"name\"): text of 32768 characters: a workbook cell holds at most 32 767 (Excel's limit); shorten it"
    assert not (tmp_path / "a.xlsx").exists()
    doc["people"][0]["name"] = "x" * 32767
    zp.report(card, pay=json.dumps(doc)).write_workbook(tmp_path / "b.xlsx")
    with zipfile.ZipFile(tmp_path / "b.xlsx") as z:
        assert "x" * 32767 in z.read("xl/sharedStrings.xml").decode("utf-8")


def test_labels_in_chinese_by_default_and_in_english_on_request(card, pay):
    zh, en = zp.report(card, pay=pay), zp.report(card, pay=pay, lang="en")
    assert (zh.lang, en.lang) == ("zh", "en")
    assert "<h2>计分总表 · " in zh.html() and "<h2>Scorecard · " in en.html()
    assert "## 差异化绩效" in zh.markdown() and "## Differentiated pay" in en.markdown()
    assert zh.tables()[0].header[0] == "考核对象" and en.tables()[0].header[0] == "unit"
    assert [t.rows for t in zh.tables()][0] != [] and zh.tables()[0].rows[0][:-1] == en.tables()[0].rows[0][:-1]
    with pytest.raises(ValueError, match="lang must be"):
        zp.report(card, lang="fr")


def test_uncertainty_adds_the_robustness_section(card):
    units = [u["id"] for u in json.loads(card)["units"]]
    doc = {"samples": 10, "method": "uniform", "units": [
        {"unit": u, "nominal_rank": i + 1, "median_rank": i + 1, "rank_p05": i + 1, "rank_p95": i + 1,
         "p_rank_1": 1.0 if i == 0 else 0.0} for i, u in enumerate(units)]}
    assert 'id="robustness"' not in zp.report(card).html()
    html = zp.report(card, uncertainty=doc).html()
    assert 'id="robustness"' in html and ">100.00%</td>" in html
    assert "## 名次稳健性" in zp.report(card, uncertainty=json.dumps(doc)).markdown()


def _series(d_rank_b: int) -> dict:
    """Two units over two months, written by hand: A 50 then 60 (rank 2 then 1), B 55 then 58
    (rank 1 then 2), so A's Δ score is 10 and Δ rank +1, B's 3 and -1."""
    def row(unit, period, total, rank, d_score, d_rank):
        return {"unit": unit, "period": period, "absent": False, "total": total, "rank": rank, "grade": None,
                "groups": {}, "delta_score": d_score, "delta_rank": d_rank, "yoy": None}
    return {"tree": "task-force", "data": "cumulative", "basis": "ytd", "periods": ["2020-01", "2020-02"],
            "rows": [row("A", "2020-01", 50, 2, None, None), row("A", "2020-02", 60, 1, 10, 1),
                     row("B", "2020-01", 55, 1, None, None), row("B", "2020-02", 58, 2, 3, d_rank_b)]}


def test_a_series_adds_the_trend_and_a_change_that_disagrees_is_error_318(card):
    r = zp.report(card, series=_series(-1), lang="en")
    t = next(t for t in r.tables() if t.name == "series")
    assert t.rows == [["A", "2020-01", "50", "2", "", "", ""], ["A", "2020-02", "60", "1", "", "10", "1"],
                      ["B", "2020-01", "55", "1", "", "", ""], ["B", "2020-02", "58", "2", "", "3", "-1"]]
    assert 'id="trend"' in r.html()
    with pytest.raises(zp.DataError) as e:
        zp.report(card, series=_series(1))
    assert e.value.code == 318
    assert 'delta_rank 1 is not rank(2020-01) − rank(2020-02) = -1' in str(e.value)
