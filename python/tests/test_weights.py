"""Weights and robustness from Python: the same numbers as `zoneperf weights …` and `zoneperf
uncertainty … --format json`, and published vectors (Saaty's AHP examples, Diakoulaki et al. 1995 for CRITIC, COINr's own tests)."""
import json

import numpy as np
import pytest

import zoneperf as zp
from conftest import cli_json, run_cli

# Diakoulaki, Mavrotas & Papayannakis 1995, the CRITIC paper's example
CRITIC_DATA = np.array([[61, 1.08, 4.33], [20.7, 0.26, 4.34], [16.3, 1.98, 2.53], [9, 3.29, 1.65],
                        [5.4, 2.77, 2.33], [4, 4.12, 1.21], [-6.1, 3.52, 2.10], [-34.6, 3.31, 0.98]])


def write_criteria(path, matrix, names):
    rows = ["unit," + ",".join(names)] + [f"u{i + 1}," + ",".join(repr(float(v)) for v in row) for i, row in enumerate(matrix)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_ahp_of_the_drinks_matrix_equals_the_cli_and_saaty(source_dir):
    path = source_dir / "tests/data/weights/drinks.csv"
    ref = cli_json("weights", "ahp", str(path))
    r = zp.ahp(path)
    assert r["names"] == [c["id"] for c in ref["criteria"]]
    assert list(r["weights"]) == [c["weight"] for c in ref["criteria"]]
    for key in ("lambda_max", "ci", "ri", "ri_table", "cr", "acceptable"):
        assert r[key] == ref[key]
    # Saaty 2008, drinks consumption: weights .1775 .0191 .0418 .1164 .1896 .1288 .3268; CR 0.022
    assert np.allclose(r["weights"], [.1775, .0191, .0418, .1164, .1896, .1288, .3268], atol=5e-4)
    assert r["cr"] == pytest.approx(0.022, abs=5e-4)
    # the same from text and from str path
    assert list(zp.ahp(path.read_text(encoding="utf-8"))["weights"]) == list(r["weights"])
    assert zp.ahp(str(path))["cr"] == r["cr"]


def test_ahp_of_a_numpy_matrix_matches_the_published_vector():
    # the FuzzyAHP R package's example: [[1, 1/3, 5], [3, 1, 7], [1/5, 1/7, 1]] -> w (0.278955, 0.649118, 0.071927),
    # lambda_max 3.064888, CR 0.0559 with RI(3) = 0.58 (0.0624 with RI 0.52, as FuzzyAHP reports it)
    a = np.array([[1, 1 / 3, 5], [3, 1, 7], [1 / 5, 1 / 7, 1]])
    r = zp.ahp(a, names=["a", "b", "c"])
    assert np.allclose(r["weights"], [0.278955, 0.649118, 0.071927], atol=5e-7)
    assert r["lambda_max"] == pytest.approx(3.064888, abs=5e-7)
    assert r["cr"] == pytest.approx(0.0559, abs=5e-5) and r["acceptable"]
    assert zp.ahp(a, ri=[0, 0, 0.52])["cr"] == pytest.approx(0.0624, abs=5e-5)
    # consistent [[1,2,4],[1/2,1,2],[1/4,1/2,1]] -> (4/7, 2/7, 1/7), lambda_max 3, CR 0
    c = zp.ahp([[1, 2, 4], [0.5, 1, 2], [0.25, 0.5, 1]])
    assert np.allclose(c["weights"], [4 / 7, 2 / 7, 1 / 7], atol=1e-12) and c["cr"] == pytest.approx(0, abs=1e-12)
    with pytest.raises(zp.WeightsError) as info:
        zp.ahp([[1, 2], [2, 1]])
    assert info.value.code == 803


def test_entropy_critic_and_sd_equal_the_cli_and_the_published_vectors(tmp_path):
    # scikit-criteria's simple case: [[1,2],[4,16]] -> (0.358889, 0.641111)
    assert np.allclose(zp.entropy(np.array([[1.0, 2.0], [4.0, 16.0]])), [0.358889, 0.641111], atol=5e-7)
    # Diakoulaki et al. 1995 -> (0.20222554, 0.48090173, 0.31687273)
    assert np.allclose(zp.critic(CRITIC_DATA), [0.20222554, 0.48090173, 0.31687273], atol=5e-9)
    names = ["x", "y", "z"]
    path = write_criteria(tmp_path / "critic.csv", CRITIC_DATA, names)
    positive = CRITIC_DATA - CRITIC_DATA.min(axis=0)
    ppath = write_criteria(tmp_path / "positive.csv", positive, names)
    for method, data, file in (("critic", CRITIC_DATA, path), ("sd", CRITIC_DATA, path), ("entropy", positive, ppath)):
        ref = cli_json("weights", method, "--values", str(file))
        mine = getattr(zp, method)(data, names=names, details=True)
        assert mine["names"] == [c["id"] for c in ref["criteria"]]
        assert list(mine["weights"]) == [c["weight"] for c in ref["criteria"]]
    lower = cli_json("weights", "critic", "--values", str(path), "--lower", "y")
    assert list(zp.critic(CRITIC_DATA, directions=["higher", "lower", "higher"])) == [c["weight"] for c in lower["criteria"]]


def test_a_dataframe_gives_a_series_by_column():
    import pandas as pd

    frame = pd.DataFrame(CRITIC_DATA, columns=["x", "y", "z"], index=[f"u{i}" for i in range(8)])
    w = zp.critic(frame, directions={"y": "lower"})
    assert list(w.index) == ["x", "y", "z"]
    assert np.array_equal(w.to_numpy(), zp.critic(CRITIC_DATA, directions=[1, -1, 1]))


def test_roc_and_equal_equal_the_cli():
    ref = cli_json("weights", "roc", "a", "b", "c")
    assert list(zp.roc(["a", "b", "c"])) == [c["weight"] for c in ref["criteria"]]
    # ROC of 3: (1 + 1/2 + 1/3)/3, (1/2 + 1/3)/3, (1/3)/3
    assert np.allclose(zp.roc(3), [11 / 18, 5 / 18, 2 / 18])
    assert list(zp.equal(4)) == [0.25] * 4


def test_normalisers_and_means_follow_coinr():
    # COINr's own tests (bluefoxr/COINr, tests/testthat): distance to target 10: (0, 5, 11) -> (0, 0.5, 1.1), capped (0, 0.5, 1)
    assert np.allclose(zp.normalise_distance_to_target([0, 5, 11], 10), [0, 0.5, 1.1])
    assert np.allclose(zp.normalise_distance_to_target([0, 5, 11], 10, capped=True), [0, 0.5, 1])
    # goalposts lo 0 hi 10: 1 -> 0.1, 11 -> 1, -1 -> 0; lower is better: 1 -> 0.9
    assert np.allclose(zp.normalise_goalposts([1, 11, -1], 0, 10), [0.1, 1, 0])
    assert zp.normalise_goalposts([1.0], 0, 10, direction="lower")[0] == pytest.approx(0.9)
    # weighted geometric mean of (1, 2, 3), weights (1, 1, 2) = 18^(1/4); harmonic, weights (2, 1, 1) = 1.411765
    assert zp.weighted_geometric_mean([1, 2, 3], [1, 1, 2]) == pytest.approx(2.059767, abs=5e-7)
    assert zp.weighted_harmonic_mean([1, 2, 3], [2, 1, 1]) == pytest.approx(1.411765, abs=5e-7)
    with pytest.raises(zp.WeightsError) as info:
        zp.weighted_geometric_mean([1, 0, 3], [1, 1, 1])
    assert info.value.code == 815
    # 2-D arrays: each column on its own; NaN stays missing
    x = np.array([[1.0, 10.0], [2.0, np.nan], [3.0, 30.0]])
    y = zp.normalise_minmax(x)
    assert np.allclose(y[:, 0], [0, 50, 100]) and np.isnan(y[1, 1]) and y[2, 1] == 100
    assert list(zp.normalise_rank([3.0, 1.0, 3.0])) == [2, 1, 2]  # ties "min"
    assert list(zp.normalise_percentile_rank([1.0, 2.0, 3.0])) == [0, 0.5, 1]


def test_apply_weights_splits_a_level_exactly():
    tree = zp.load_preset("task-force")
    w = zp.apply_weights(tree, tree.id, tree.groups, list(zp.equal(len(tree.groups))))
    pts = [w.node(g)["points"] for g in w.groups]
    assert sum(pts) == tree.points and max(pts) - min(pts) <= 1
    assert zp.apportion_points([5117, 4400, 162, 161, 160], 100) == [51, 44, 2, 2, 1]  # Balinski & Young 1975


@pytest.mark.parametrize("method,extra", [("uniform", ["--percent", "30"]), ("dirichlet", ["--concentration", "50"])])
def test_uncertainty_equals_the_cli(samples, method, extra):
    values, targets = samples / "task-force/values.csv", samples / "task-force/targets.csv"
    ref = cli_json("uncertainty", "--preset", "task-force", "--values", str(values), "--targets", str(targets),
                   "--samples", "300", "--seed", "7", "--method", method, "--top", "2", "--histograms", *extra)
    tree = zp.load_preset("task-force")
    v, t = zp.sample_frames("task-force")
    kw = dict(samples=300, seed=7, method=method, top_k=2)
    kw.update({"percent": 30} if method == "uniform" else {"concentration": 50})
    mine = zp.uncertainty_analysis(tree, v, t, histograms=True, **kw)
    assert list(mine) == [u["unit"] for u in ref["units"]]
    for u in ref["units"]:
        got = mine[u["unit"]]
        for key in ("nominal_total", "nominal_rank", "median_rank", "rank_p05", "rank_p95", "p_rank_1", "p_top_k"):
            assert got[key] == u[key], key
        assert [list(h) for h in got["histogram"]] == u["histogram"]
        assert sum(c for _, c in got["histogram"]) == 300
    frame = zp.uncertainty_analysis(tree, v, t, as_frame=True, histograms=True, **kw)
    assert list(frame.index) == list(mine) and frame["p_top_k"].tolist() == [m["p_top_k"] for m in mine.values()]
    # a numpy matrix with the same units gives the same result; same seed, same answer
    assert frame["histogram"].tolist() == [m["histogram"] for m in mine.values()]
    again = zp.uncertainty_analysis(tree, v.to_numpy(), t, units=list(v.index), threads=2, histograms=True, **kw)
    assert again == mine
    # histograms are opt-in: the summaries alone by default, the same numbers
    summary = zp.uncertainty_analysis(tree, v, t, **kw)
    assert summary == {name: {k: x for k, x in row.items() if k != "histogram"} for name, row in mine.items()}
    assert "histogram" not in zp.uncertainty_analysis(tree, v, t, as_frame=True, **kw).columns


def test_bad_uncertainty_options_are_weights_errors():
    tree = zp.load_preset("task-force")
    v, t = zp.sample_frames("task-force")
    with pytest.raises(zp.WeightsError) as info:
        zp.uncertainty_analysis(tree, v, t, percent=150)
    assert info.value.code == 812
    with pytest.raises(zp.WeightsError) as info:
        zp.uncertainty_analysis(tree, v, t, samples=10**6 + 1)
    assert info.value.code == 812 and "samples 1000001 must be 1 to 1000000" in str(info.value)
    with pytest.raises(zp.WeightsError) as info:
        zp.uncertainty_analysis(tree, v, t, method="dirichlet", concentration=1e-13)
    assert info.value.code == 812 and "concentration 1e-13" in str(info.value)
    # the documented minimum works (it used to spin forever drawing all-zero gammas)
    tiny = zp.uncertainty_analysis(tree, v, t, method="dirichlet", concentration=1e-12, samples=50)
    assert sorted(r["nominal_rank"] for r in tiny.values()) == [1, 2, 3, 4]
