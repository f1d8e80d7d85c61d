"""zoneperf.Tree, presets and validation from Python."""
import json

import pytest

import zoneperf as zp

MINI = {
    "id": "mini", "name": "mini", "points": 20,
    "grades": [{"min": 18, "label": "A"}, {"min": 10, "label": "B"}, {"min": 0, "label": "C"}],
    "children": [
        {"id": "g1", "points": 12, "children": [
            {"id": "sales", "points": 8, "rule": {"kind": "completion", "cap": 1.2}, "target": 50},
            {"id": "cost", "points": 4, "direction": "lower", "rule": {"kind": "completion"}, "target": 10}]},
        {"id": "g2", "points": 8, "children": [
            {"id": "satisfaction", "points": 8, "rule": {"kind": "goalposts", "lo": 60, "hi": 100}}]},
        {"id": "extra", "kind": "bonus", "per_unit": 2, "max": 3},
        {"id": "late", "kind": "penalty", "per_unit": 1, "max": 5},
        {"id": "accident", "kind": "veto"}],
}


def test_presets_are_listed_and_load():
    assert "task-force" in zp.preset_names()
    tree = zp.load_preset("task-force")
    # docs/semantics.md §5: 6 first-level, 17 second-level indicators, 100 points; + bonus, penalty, veto.
    assert len(tree.groups) == 6
    assert len(tree.columns) == 17 + 3
    assert tree.points == 100
    assert [g["label"] for g in tree.grades] == ["优秀", "良好", "合格", "不合格"]


def test_a_tree_built_from_a_dict_has_its_columns_in_file_order():
    tree = zp.Tree.from_dict(MINI)
    assert tree.columns == ["sales", "cost", "satisfaction", "extra", "late", "accident"]
    assert tree.groups == ["g1", "g2"]
    assert tree.target_leaves == ["sales", "cost"]
    assert tree.node("cost")["direction"] == "lower"
    assert tree.node("sales")["rule"] == {"kind": "completion", "cap": 1.2}
    assert tree.node("extra")["per_unit"] == 2
    assert "late" in tree and "nope" not in tree
    assert tree.index_of("g1") == 1


def test_to_json_round_trips_and_save_writes_a_loadable_file(tmp_path):
    tree = zp.load_preset("task-force")
    again = zp.Tree.from_json(tree.to_json())
    assert again.to_json() == tree.to_json()
    assert zp.Tree.from_dict(tree.to_dict()).to_json() == tree.to_json()
    path = tmp_path / "tf.json"
    tree.save(str(path))
    assert zp.Tree.from_file(str(path)).to_json() == tree.to_json()
    assert json.loads(path.read_text(encoding="utf-8"))["id"] == "task-force"


def test_preset_json_is_the_file_the_cli_prints():
    from conftest import run_cli

    assert zp.preset_json("task-force") == run_cli("preset", "show", "task-force")


def test_an_invalid_tree_raises_config_error_with_every_problem():
    bad = json.loads(json.dumps(MINI))
    bad["children"][0]["points"] = 11  # children add up to 12
    bad["children"][1]["children"][0]["points"] = -3
    with pytest.raises(zp.ConfigError) as info:
        zp.Tree.from_dict(bad)
    e = info.value
    assert isinstance(e, zp.Error)
    assert len(e.problems) >= 2
    assert e.code == e.problems[0].code
    assert e.where == e.problems[0].where
    assert str(e) == "\n".join(str(p) for p in e.problems)
    assert [p.code for p in zp.validate_tree(bad)] == [p.code for p in e.problems]
    assert zp.validate_tree(MINI) == []


def test_json_syntax_is_a_parse_error():
    with pytest.raises(zp.ParseError) as info:
        zp.Tree.from_json("{", "broken.json")
    assert info.value.code == 101
    assert str(info.value).startswith("[zoneperf.parse.101] broken.json")


def test_deep_json_is_parse_error_102_not_a_crash():
    # Issue 19, item 1: 10^5 brackets once killed the interpreter (exit 139).
    deep = "[" * 100000
    with pytest.raises(zp.ParseError) as info:
        zp.Tree.from_json(deep, "deep.json")
    assert info.value.code == 102
    assert str(info.value) == "[zoneperf.parse.102] deep.json:1:129: JSON nested deeper than 128 levels at " + "/0" * 128
    with pytest.raises(zp.ParseError) as info:
        zp.report(deep)
    assert info.value.code == 102
    assert info.value.where == "scorecard:1:129"


def test_indent_is_bounded_with_a_clear_error(tmp_path):
    # Issue 19, item 2: indent=1500 once returned heap bytes (to_json) or wrote them into the file (save).
    tree = zp.load_preset("task-force")
    message = "[zoneperf.config.214] indent: the indent must be -1 (compact) or 0 to 16, not 1500"
    with pytest.raises(zp.ConfigError) as info:
        tree.to_json(indent=1500)
    assert str(info.value) == message
    path = tmp_path / "t.json"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(zp.ConfigError) as info:
        tree.save(str(path), indent=1500)
    assert str(info.value) == message
    assert path.read_text(encoding="utf-8") == "old"
    with pytest.raises(zp.ConfigError):
        tree.to_json(indent=-2)
    assert zp.Tree.from_json(tree.to_json(indent=16)).to_json() == tree.to_json()
    assert "\n" not in tree.to_json(indent=-1)
    with pytest.raises(zp.ConfigError):
        zp.PayPolicy.standard().to_json(indent=17)


def test_unknown_preset_and_missing_file():
    with pytest.raises(zp.ConfigError) as info:
        zp.load_preset("nope")
    assert str(info.value) == "[zoneperf.config.216] nope: unknown preset (known: " + ", ".join(zp.preset_names()) + ")"
    with pytest.raises(zp.FileError) as info:
        zp.Tree.from_file("/nonexistent/tree.json")
    assert info.value.code == 401


def test_trees_pickle():
    import pickle

    tree = zp.load_preset("task-force")
    assert pickle.loads(pickle.dumps(tree)).to_json() == tree.to_json()
