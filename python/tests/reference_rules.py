"""An independent reference for the assessment engine: the rules of docs/semantics.md §4 written
again in plain Python and NumPy from the tree file's JSON (a dict), without the engine's code.

It computes what the engine computes, to the bit: every arithmetic step is one IEEE operation on
doubles (NumPy's element-wise +, -, *, / round exactly as C++ does), sums run left to right in file
order (never NumPy's pairwise sum), and a geometric group takes math.log and math.exp, the C
library's functions, as the engine's std::log and std::exp do.

    result = score(tree_dict, values, targets)   # values: units x columns (leaves and items in file order)

result["nodes"][id] is every node's score per unit (NaN for a missing leaf of a reweighted group),
then "totals", "ranks", "grades" (index into the root's grades, -1 for none), "vetoed", and
"all_missing" per reweighted group. A batch the engine must refuse raises ReferenceError_.
"""
from __future__ import annotations

import math
from typing import Any, Dict, List, Optional

import numpy as np

INF = math.inf
NAN = math.nan
TARGET_RULES = ("completion", "banded", "threshold", "benchmark")


class ReferenceError_(Exception):
    """An input the rules refuse (missing value under `error`, negative count, bad code, zero rate)."""


def columns(tree: Dict[str, Any]) -> List[Dict[str, Any]]:
    """The leaves and items in file (pre-)order: the values matrix's columns."""
    out: List[Dict[str, Any]] = []

    def walk(node):
        for c in node.get("children", []):
            if "children" in c:
                walk(c)
            else:
                out.append(c)

    walk(tree)
    return out


def _kind(node: Dict[str, Any]) -> str:
    if node.get("kind") in ("bonus", "penalty", "veto"):
        return node["kind"]
    return "group" if "children" in node else "leaf"


def clamp(x: np.ndarray, lo: float, hi: float) -> np.ndarray:
    """clamp(x, lo, hi); a NaN (0 / 0) earns nothing: lo."""
    return np.where(x > lo, np.where(x < hi, x, hi), lo)


def ratio(r: np.ndarray, t: np.ndarray, lower: bool) -> np.ndarray:
    """r / t, or t / r when lower is better (r = 0: +infinity), as written."""
    if not lower:
        return r / t
    return np.where(r == 0, INF, t / np.where(r == 0, 1.0, r))


def competition_ranks(x: np.ndarray, lower: bool) -> np.ndarray:
    """1 + how many present values are strictly better (ties share the best rank); NaN for missing."""
    present = ~np.isnan(x)
    ordered = np.sort(x[present])  # ascending; -0 and +0 compare equal, as ties
    if lower:
        better = np.searchsorted(ordered, x, side="left")
    else:
        better = ordered.size - np.searchsorted(ordered, x, side="right")
    return np.where(present, 1.0 + better.astype(np.float64), NAN)


class _Scorer:
    def __init__(self, tree, values, targets):
        self.tree = tree
        self.values = np.asarray(values, dtype=np.float64)
        self.n = self.values.shape[0]
        self.targets = {k: np.asarray(v, dtype=np.float64) for k, v in (targets or {}).items()}
        self.col = {c["id"]: k for k, c in enumerate(columns(tree))}
        self.nodes: Dict[str, np.ndarray] = {}
        self.all_missing: Dict[str, np.ndarray] = {}
        self.veto = np.zeros(self.n, dtype=bool)

    def target(self, leaf) -> np.ndarray:
        default = leaf.get("target", NAN)
        t = np.full(self.n, float(default))
        if leaf["id"] in self.targets:
            own = self.targets[leaf["id"]]
            t = np.where(np.isnan(own), t, own)
        if not np.all((t > 0) & (t < INF)):
            raise ReferenceError_(f'{leaf["id"]}: no positive finite target')
        return t

    def fraction(self, leaf, r: np.ndarray) -> np.ndarray:
        """The leaf's rule on present values r (missing entries give anything: replaced later)."""
        rule = leaf["rule"]
        kind = rule["kind"]
        lower = leaf.get("direction", "higher") == "lower"
        present = ~np.isnan(r)
        with np.errstate(all="ignore"):
            if kind in ("completion", "banded", "threshold"):
                q = ratio(r, self.target(leaf), lower)
                if kind == "completion":
                    return clamp(q, 0.0, float(rule.get("cap", 1.0)))
                if kind == "threshold":
                    return np.where(q >= 1.0, 1.0, 0.0)
                # banded: the highest band whose floor <= ratio (bands in descending floors),
                # optionally interpolated towards the band above; below the lowest floor, 0
                bands = rule["bands"]
                f = np.zeros(self.n)
                done = np.zeros(self.n, dtype=bool)
                for k, b in enumerate(bands):
                    hit = ~done & (b["min"] <= q)
                    if rule.get("interpolate") and k > 0:
                        hi, lo = bands[k - 1], b
                        val = lo["value"] + (hi["value"] - lo["value"]) * ((q - lo["min"]) / (hi["min"] - lo["min"]))
                    else:
                        val = np.full(self.n, float(b["value"]))
                    f = np.where(hit, val, f)
                    done |= hit
                return f
            if kind == "benchmark":
                q = r / self.target(leaf)
                return clamp(2.0 - q if lower else q, 0.0, float(rule.get("cap", INF)))
            if kind == "goalposts":
                lo, hi = float(rule["lo"]), float(rule["hi"])
                return clamp(((hi - r) if lower else (r - lo)) / (hi - lo), 0.0, 1.0)
            if kind == "minmax":
                mn, mx = np.min(r[present], initial=INF), np.max(r[present], initial=-INF)
                if mn == mx:
                    return np.ones(self.n)
                floor = float(rule.get("floor", 0.0))
                d = (mx - r) if lower else (r - mn)
                return floor + (1.0 - floor) * (d / (mx - mn))
            if kind == "rank":
                if rule.get("mode") == "leader":
                    mx = np.max(r[present], initial=-INF)
                    return clamp(r / mx, 0.0, 1.0)
                f = 1.0 - float(rule.get("step", 0.1)) * (competition_ranks(r, lower) - 1.0)
                return np.where(f > 0, f, 0.0)
            if kind == "lookup":
                codes = list(rule["table"].values())
                vetoes = rule.get("veto", [])
                k = np.where(present, r, 0.0)
                if not np.all((k >= 0) & (k < len(codes) + len(vetoes)) & (k == np.floor(k))):
                    raise ReferenceError_(f'{leaf["id"]}: not a code index')
                k = k.astype(np.int64)
                table = np.array(codes + [0.0] * len(vetoes), dtype=np.float64)
                self.veto |= present & (k >= len(codes))
                return table[k]
        raise ValueError(f"unknown rule {kind}")

    def leaf(self, leaf) -> np.ndarray:
        r = self.values[:, self.col[leaf["id"]]]
        missing = np.isnan(r)
        policy = leaf.get("missing", "error")
        if missing.any() and policy == "error":
            raise ReferenceError_(f'{leaf["id"]}: missing value')
        points = float(leaf["points"]) * 1.0
        y = self.fraction(leaf, r) * points  # fraction x leaf points
        return np.where(missing, NAN if policy == "reweight" else 0.0, y)

    def group(self, node) -> np.ndarray:
        kids = [c for c in node["children"] if _kind(c) in ("group", "leaf")]
        scores = [self.group(c) if _kind(c) == "group" else self.leaf(c) for c in kids]
        pts = [float(c["points"]) for c in kids]
        scale = None
        if any(_kind(c) == "leaf" and c.get("missing") == "reweight" for c in kids):
            # Reweight: the present children scale up by full / present points (left-to-right sums).
            full = 0.0
            for p in pts:
                full += p
            present = np.zeros(self.n)
            anyone = np.zeros(self.n, dtype=bool)
            for s, p in zip(scores, pts):
                present = np.where(np.isnan(s), present, present + p)
                anyone |= ~np.isnan(s)
            some = present > 0
            if np.any(anyone & ~some):  # present children of 0 points only: §4 does not say
                raise ReferenceError_(f'{node["id"]}: only children of 0 points are present')
            with np.errstate(all="ignore"):
                scale = np.where(some, full / np.where(some, present, 1.0), NAN)
            scores = [np.where(some, s * scale, s) for s in scores]
            self.all_missing[node["id"]] = ~some
        for c, s in zip(kids, scores):
            self.nodes[c["id"]] = s
        if node.get("aggregate") == "geometric":
            return self.geometric(node, scores, pts, scale)
        total = np.zeros(self.n)
        for s in scores:
            total = total + np.where(np.isnan(s), 0.0, s)
        return total

    def geometric(self, node, scores, pts, scale) -> np.ndarray:
        """points x exp(Σ w·log(rate) / Σ w) over the present children, rate = score / max
        (max = points, times the reweight scale), raised to the group's floor; left-to-right sums."""
        floor = float(node.get("floor", 0.0))
        out = np.empty(self.n)
        for i in range(self.n):
            wsum = 0.0
            lsum = 0.0
            for s, p in zip(scores, pts):
                v = float(s[i])
                if math.isnan(v):
                    continue
                cmax = p * (float(scale[i]) if scale is not None else 1.0)
                rate = v / cmax if cmax > 0 else 0.0
                if rate < floor:
                    rate = floor
                if not rate > 0:
                    raise ReferenceError_(f'{node["id"]}: a zero rate in a geometric mean')
                wsum += p
                lsum += p * math.log(rate)
            out[i] = float(node["points"]) * math.exp(lsum / wsum) if wsum > 0 else 0.0
        return out

    def run(self) -> Dict[str, Any]:
        tree = self.tree
        total = self.group(tree)
        items = [c for c in tree["children"] if _kind(c) in ("bonus", "penalty", "veto")]
        amounts = {}
        for item in items:
            r = self.values[:, self.col[item["id"]]]
            missing = np.isnan(r)
            if missing.any() and item.get("missing", "error") == "error":
                raise ReferenceError_(f'{item["id"]}: missing count')
            r = np.where(missing, 0.0, r)
            if np.any(r < 0):
                raise ReferenceError_(f'{item["id"]}: negative count')
            if item["kind"] == "veto":
                hit = r >= 1.0
                self.veto |= hit
                self.nodes[item["id"]] = np.where(hit, 1.0, 0.0)
            else:
                x = float(item["per_unit"]) * r
                mx = float(item["max"])
                amounts[item["id"]] = np.where(x < mx, x, mx)  # min(per_unit x r, max)
                self.nodes[item["id"]] = amounts[item["id"]]
        # total = groups + bonuses - penalties (bonuses first, each in file order), floored at 0
        for item in items:
            if item["kind"] == "bonus":
                total = total + amounts[item["id"]]
        for item in items:
            if item["kind"] == "penalty":
                total = total - amounts[item["id"]]
        total = np.where(total > 0, total, 0.0)
        total = np.where(self.veto, 0.0, total)
        grades = tree.get("grades", [])
        grade = np.full(self.n, -1, dtype=np.int32)
        for k in range(len(grades) - 1, -1, -1):  # the first cut-off whose min <= total wins
            grade = np.where(grades[k]["min"] <= total, k, grade).astype(np.int32)
        grade = np.where(self.veto, len(grades) - 1, grade).astype(np.int32)
        ranks = competition_ranks(total, lower=False).astype(np.int32)
        return {"nodes": self.nodes, "totals": total, "ranks": ranks, "grades": grade,
                "vetoed": self.veto.copy(), "all_missing": self.all_missing}


def score(tree: Dict[str, Any], values: np.ndarray, targets: Optional[Dict[str, np.ndarray]] = None):
    """Scores units x columns `values` (lookup cells hold the code's index: table codes in file
    order, then veto codes) on the tree file `tree` (a dict), with per-unit targets by leaf id
    (NaN: the leaf's default)."""
    return _Scorer(tree, values, targets).run()
