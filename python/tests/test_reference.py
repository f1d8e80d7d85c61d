"""The engine against an independent reference (reference_rules.py: docs/semantics.md §4 in NumPy)
on random trees and values, bit for bit: totals, every node's score, ranks, grades, veto flags and
all-missing flags. Only NaN's payload is not compared (a missing leaf's NaN is a marker, not a
number); everything else is compared as the 64 bits of its double, so -0 and +0 differ too. No
tolerance anywhere: semantics §4 says results are the same bits whatever the path."""
import itertools
import json
import math

import numpy as np
import pytest

import zoneperf as zp
from reference_rules import ReferenceError_, columns, score

SEED = 20261206
TREES = 24
WIDE_TREES = 6  # of them, trees of the rules and shapes the engine's vectorised whole-tree loop takes
UNITS = 300
NICE_TARGETS = [0.5, 1.0, 2.0, 4.0, 8.0, 3.0, 37.5, 100.0, 0.3, 12.7]


def _points(rng):
    return float(rng.choice([1, 2, 2.5, 3, 4, 5, 6, 7.5, 10, 0.1, 1.7, 12.25]))


KINDS = ["completion", "banded", "banded_interp", "threshold", "benchmark", "goalposts", "minmax", "rank", "leader",
         "lookup"]
LEAF_COUNT = itertools.count()  # every rule comes round, in both directions, across the trees


# The rules of the engine's vectorised loop over the whole tree (and of its runs of sibling leaves).
WIDE_KINDS = ["completion", "banded", "threshold", "goalposts"]


def _rule(rng, wide=False):
    k = next(LEAF_COUNT)
    kind = KINDS[k % len(KINDS)] if rng.random() < 0.7 else str(rng.choice(KINDS))
    direction = "lower" if (k // len(KINDS)) % 2 == 1 else "higher"
    if wide:
        kind = str(rng.choice(WIDE_KINDS))
        direction = "higher" if kind == "goalposts" else direction
    rule = {}
    if kind == "completion":
        rule = {"kind": "completion"}
        if rng.random() < 0.5:
            rule["cap"] = float(rng.choice([1.0, 1.2, 1.5, 2.0, 0.8]))
    elif kind.startswith("banded"):
        nb = int(rng.integers(1, 5 if wide else 7))
        mins = sorted({round(float(x), 2) for x in rng.uniform(0.0, 1.6, nb)}, reverse=True)
        vals = sorted((round(float(x), 3) for x in rng.uniform(0, 1, len(mins))), reverse=True)
        rule = {"kind": "banded", "bands": [{"min": m, "value": v} for m, v in zip(mins, vals)]}
        if kind == "banded_interp" and not wide:
            rule["interpolate"] = True
    elif kind == "threshold":
        rule = {"kind": "threshold"}
    elif kind == "benchmark":
        rule = {"kind": "benchmark"}
        if rng.random() < 0.5:
            rule["cap"] = float(rng.choice([1.0, 1.5, 2.0]))
    elif kind == "goalposts":
        lo = round(float(rng.uniform(-5, 5)), 1)
        rule = {"kind": "goalposts", "lo": lo, "hi": lo + round(float(rng.uniform(0.5, 20)), 1)}
    elif kind == "minmax":
        rule = {"kind": "minmax"}
        if rng.random() < 0.5:
            rule["floor"] = float(rng.choice([0.1, 0.2, 0.3, 0.6]))
    elif kind == "rank":
        rule = {"kind": "rank"}
        if rng.random() < 0.6:
            rule["step"] = float(rng.choice([0.05, 0.1, 0.15, 0.3, 1 / 3]))
    elif kind == "leader":
        rule, direction = {"kind": "rank", "mode": "leader"}, "higher"
    elif kind == "lookup":
        codes = ["A", "B", "C", "D", "E"][: int(rng.integers(1, 6))]
        rule = {"kind": "lookup", "table": {c: round(float(rng.uniform(0, 1)), 2) for c in codes}}
        if rng.random() < 0.5:
            rule["veto"] = ["X"] if rng.random() < 0.5 else ["X", "Y"]
        direction = "higher"
    return rule, direction


def _leaf(rng, ident, in_group, wide=False):
    rule, direction = _rule(rng, wide)
    leaf = {"id": ident, "name": ident, "points": _points(rng), "direction": direction, "rule": rule}
    if rule["kind"] in ("completion", "banded", "threshold", "benchmark") and (wide or rng.random() < 0.85):
        leaf["target"] = float(rng.choice(NICE_TARGETS))
    policies = ["error", "zero"] + (["reweight", "reweight"] if in_group and not wide else [])
    policy = str(rng.choice(policies))
    if policy != "error":
        leaf["missing"] = policy
    return leaf


def random_tree(rng, depth, wide=False):
    """A tree of the given depth (1: leaves under the root; 2: groups of leaves; 3: groups of
    groups and leaves); wide: only what the engine's whole-tree vectorised loop takes."""
    counter = iter(range(10_000))

    def nid(prefix):
        return f"{prefix}{next(counter)}"

    def group(level):
        kids = []
        for _ in range(int(rng.integers(1, 5))):
            if level < depth and rng.random() < 0.45:
                kids.append(group(level + 1))
            else:
                kids.append(_leaf(rng, nid("l"), True, wide))
        g = {"id": nid("g"), "name": "group", "points": 0.0, "children": kids}
        g["points"] = sum(k["points"] for k in kids)
        if not wide and rng.random() < 0.3:
            g["aggregate"] = "geometric"
            g["floor"] = float(rng.choice([0.01, 0.05, 0.1, 0.25]))
        return g

    children = []
    for _ in range(int(rng.integers(1, 5))):
        if depth >= 2 and rng.random() < 0.8:
            children.append(group(2))
        else:
            children.append(_leaf(rng, nid("l"), False, wide))
    for kind in ("bonus", "penalty", "veto", "bonus", "penalty"):
        if rng.random() < 0.5:
            item = {"id": nid(kind[0]), "name": kind, "kind": kind}
            if kind != "veto":
                item["per_unit"] = float(rng.choice([0.5, 1.0, 2.0, 0.3]))
                item["max"] = float(rng.choice([1.0, 3.0, 5.0, 2.5]))
            if rng.random() < 0.5:
                item["missing"] = "zero"
            children.insert(int(rng.integers(0, len(children) + 1)), item)
    points = sum(c["points"] for c in children if "points" in c)
    tree = {"id": "ref", "name": "reference", "points": points, "children": children}
    ng = int(rng.integers(0, 5))
    if ng:
        mins = sorted({round(float(x), 1) for x in rng.uniform(0, points, ng)}, reverse=True)
        tree["grades"] = [{"min": m, "label": f"g{k}"} for k, m in enumerate(mins)]
    return tree


def _edges(rng, leaf, t):
    """Values that put a target rule's ratio on a band floor, the cap or 1 (and just beside them)."""
    rule = leaf["rule"]
    floors = [1.0]
    floors += [b["min"] for b in rule.get("bands", [])]
    if "cap" in rule:
        floors.append(rule["cap"])
    f = np.asarray(floors)[rng.integers(0, len(floors), len(t))]
    lower = leaf.get("direction") == "lower"
    with np.errstate(divide="ignore"):
        x = np.where(f > 0, t / np.where(f > 0, f, 1.0), 0.0) if lower else f * t
    return x


def random_values(rng, tree, n, per_unit_targets=True):
    cols = columns(tree)
    values = np.empty((n, len(cols)))
    targets = {}
    reweight_leaves = []
    for k, c in enumerate(cols):
        kind = c.get("kind")
        if kind in ("bonus", "penalty"):
            x = np.where(rng.random(n) < 0.5, rng.integers(0, 6, n).astype(float), rng.uniform(0, 8, n))
        elif kind == "veto":
            x = np.where(rng.random(n) < 0.05, rng.choice([1.0, 2.0, 1.5], n), rng.choice([0.0, 0.5, 0.999], n))
        else:
            rule = c["rule"]
            rk = rule["kind"]
            if rk in ("completion", "banded", "threshold", "benchmark"):
                t = np.full(n, c.get("target", np.nan))
                if "target" not in c or (per_unit_targets and rng.random() < 0.4):
                    own = rng.choice(NICE_TARGETS, n)
                    if "target" in c:
                        own[rng.random(n) < 0.3] = np.nan  # NaN: the leaf's default
                    targets[c["id"]] = own
                    t = np.where(np.isnan(own), t, own)
                x = t * rng.uniform(0, 2.2, n)
                edge = rng.random(n)
                e = _edges(rng, c, t)
                x = np.where(edge < 0.25, e, x)
                x = np.where((edge >= 0.25) & (edge < 0.3), np.nextafter(e, -np.inf), x)
                x = np.where((edge >= 0.3) & (edge < 0.35), np.nextafter(e, np.inf), x)
                x = np.where((edge >= 0.35) & (edge < 0.38), 0.0, x)
                x = np.where((edge >= 0.38) & (edge < 0.40), -0.0, x)  # lower is better: t / -0 is +inf too
                x = np.where((edge >= 0.40) & (edge < 0.43), -t * rng.uniform(0, 1, n), x)
            elif rk == "goalposts":
                lo, hi = rule["lo"], rule["hi"]
                x = rng.uniform(lo - (hi - lo) / 2, hi + (hi - lo) / 2, n)
                x = np.where(rng.random(n) < 0.15, rng.choice([lo, hi], n), x)
            elif rk == "minmax":
                x = rng.uniform(-3, 50, n) if rng.random() < 0.85 else np.full(n, 7.25)
                x = np.where(rng.random(n) < 0.2, np.round(x), x)
            elif rk == "rank" and rule.get("mode") == "leader":
                x = rng.uniform(0, 90, n)
                x = np.where(rng.random(n) < 0.2, np.round(x / 10) * 10, x)
            elif rk == "rank":
                x = rng.integers(0, 12, n).astype(float)
            else:  # lookup: code indices
                ncodes = len(rule["table"])
                nveto = len(rule.get("veto", []))
                x = rng.integers(0, ncodes, n).astype(float)
                if nveto:
                    x = np.where(rng.random(n) < 0.04, ncodes + rng.integers(0, nveto, n), x)
            if c.get("missing") == "reweight":
                reweight_leaves.append(k)
        if c.get("missing") in ("zero", "reweight"):
            x = np.where(rng.random(n) < 0.15, np.nan, x)
        values[:, k] = x
    # A few units miss every reweighted leaf: groups of reweight leaves only are then all missing.
    if reweight_leaves:
        gone = rng.random(n) < 0.05
        for k in reweight_leaves:
            values[gone, k] = np.nan
    return values, targets


def same_bits(a, b):
    """Equal as 64-bit patterns, NaN where the other is NaN (any payload)."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    nan_a, nan_b = np.isnan(a), np.isnan(b)
    return np.array_equal(nan_a, nan_b) and np.array_equal(a[~nan_a].view(np.uint64), b[~nan_b].view(np.uint64))


def _cases():
    rng = np.random.default_rng(SEED)
    cases = []
    for k in range(TREES):
        depth = 1 + k % 3
        wide = k >= TREES - WIDE_TREES
        if wide:
            depth = 1 + k % 2
        tree = random_tree(rng, depth, wide)
        values, targets = random_values(rng, tree, UNITS, per_unit_targets=not wide)
        cases.append((k, depth, tree, values, targets))
    return cases


CASES = _cases()


def rules_of(tree):
    out = set()
    for c in columns(tree):
        if "rule" in c:
            r = c["rule"]
            out.add(r["kind"] + ("-leader" if r.get("mode") == "leader" else "")
                    + ("-interp" if r.get("interpolate") else "") + ("-lower" if c.get("direction") == "lower" else ""))
        else:
            out.add(c["kind"])
    return out


def test_the_random_trees_cover_every_rule_and_shape():
    seen = set().union(*(rules_of(t) for _, _, t, _, _ in CASES))
    for kind in ("completion", "completion-lower", "banded", "banded-lower", "banded-interp", "threshold",
                 "threshold-lower", "benchmark", "benchmark-lower", "goalposts", "goalposts-lower", "minmax",
                 "minmax-lower", "rank", "rank-lower", "rank-leader", "lookup", "bonus", "penalty", "veto"):
        assert kind in seen, kind
    text = json.dumps([t for _, _, t, _, _ in CASES])
    assert '"geometric"' in text and '"reweight"' in text and '"zero"' in text and '"grades"' in text
    assert {d for _, d, _, _, _ in CASES} == {1, 2, 3}
    results = [score(t, v, tg) for _, _, t, v, tg in CASES]
    assert sum(int(r["vetoed"].sum()) for r in results) > 0
    assert sum(int(m.sum()) for r in results for m in r["all_missing"].values()) > 0
    assert sum(int((r["grades"] >= 0).sum()) for r in results) > 0
    assert sum(int((r["grades"] == -1).sum()) for r in results) > 0
    assert sum(int(np.isnan(v).sum()) for _, _, _, v, _ in CASES) > 0


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"tree{c[0]}-depth{c[1]}")
def test_engine_equals_the_reference_bit_for_bit(case):
    _, _, tree_dict, values, targets = case
    ref = score(tree_dict, values, targets)
    tree = zp.Tree.from_json(json.dumps(tree_dict))
    assert tree.columns == [c["id"] for c in columns(tree_dict)]
    # Row-major and column-major values, and keeping every node's score or the groups' only, take
    # different paths through the engine: each must give the reference.
    for layout in (np.ascontiguousarray(values), np.asfortranarray(values)):
        for keep in ("all", "groups"):
            check(tree, layout, targets, ref, keep)


def check(tree, values, targets, ref, keep, threads=1):
    got = zp.assess(tree, values, targets or None, keep=keep, threads=threads)
    assert same_bits(got.totals, ref["totals"]), "totals"
    assert np.array_equal(got.ranks, ref["ranks"]), "ranks"
    assert np.array_equal(got.grades, ref["grades"]), "grades"
    assert np.array_equal(got.vetoed, ref["vetoed"]), "veto flags"
    wanted = sorted(ref["nodes"]) if keep == "all" else sorted(tree.groups)
    assert sorted(got.score_columns) == wanted
    scores = got.scores
    for k, node_id in enumerate(got.score_columns):
        assert same_bits(scores[:, k], ref["nodes"][node_id]), node_id
    for group_id, flags in ref["all_missing"].items():
        if keep == "all" or group_id in tree.groups:
            assert [got.all_missing(u, group_id) for u in range(len(values))] == list(flags), group_id


def test_many_chunks_and_threads():
    """Enough units for several of the engine's chunks (8192 units) on two threads."""
    rng = np.random.default_rng(SEED + 1)
    for wide in (False, True):
        tree_dict = random_tree(rng, 2, wide)
        while "geometric" in json.dumps(tree_dict):  # its reference loops in Python: keep this one quick
            tree_dict = random_tree(rng, 2, wide)
        values, targets = random_values(rng, tree_dict, 20_000, per_unit_targets=not wide)
        ref = score(tree_dict, values, targets)
        tree = zp.Tree.from_json(json.dumps(tree_dict))
        for layout in (np.ascontiguousarray(values), np.asfortranarray(values)):
            check(tree, layout, targets, ref, "groups", threads=2)
        check(tree, values, targets, ref, "all", threads=2)


def test_the_comparison_can_fail():
    """A reference off by one unit in the last place is caught, and the engine refuses what the
    reference refuses (a missing value under the error policy)."""
    _, _, tree_dict, values, targets = CASES[1]
    ref = score(tree_dict, values, targets)
    got = zp.assess(zp.Tree.from_json(json.dumps(tree_dict)), values, targets or None)
    assert same_bits(got.totals, ref["totals"])
    nudged = ref["totals"].copy()
    nudged[0] = np.nextafter(nudged[0], np.inf)
    assert not same_bits(got.totals, nudged)
    leaf = next(c for c in columns(tree_dict) if c.get("missing", "error") == "error")
    bad = values.copy()
    bad[3, [c["id"] for c in columns(tree_dict)].index(leaf["id"])] = math.nan
    with pytest.raises(ReferenceError_):
        score(tree_dict, bad, targets)
    with pytest.raises(zp.Error):
        zp.assess(zp.Tree.from_json(json.dumps(tree_dict)), bad, targets or None)
