"""zoneperf: performance assessment for development zones.

The compiled core (``zoneperf._core``) does the work; this file adds the pandas conveniences.

    >>> import zoneperf as zp
    >>> tree = zp.load_preset("task-force")
    >>> values, targets = zp.sample_frames("task-force")      # pandas DataFrames
    >>> result = zp.assess(tree, values, targets)
    >>> result.to_frame()[["total", "rank", "grade"]]

``assess`` takes a float64 numpy array (units x tree.columns, C- or Fortran-ordered, or any view
whose rows or columns are contiguous) without copying it, and its results' arrays view the C++
result without copying either. Errors raise ``zoneperf.Error`` (``ConfigError`` for 2xx codes,
``DataError`` for 3xx, ...), carrying ``.code``, ``.where`` and ``.problems``.
"""
from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

import numpy as np

from . import _core
from ._core import (  # noqa: F401  (re-exported)
    Assessment,
    ConfigError,
    DataError,
    Error,
    FileError,
    LandError,
    LandEvaluation,
    PayPolicy,
    PayRun,
    MoneyError,
    ParseError,
    PayError,
    Problem,
    ProjectError,
    Tree,
    WeightsError,
    classify,
    code_category,
    format_problem,
    land_metrics,
    load_preset,
    preset_json,
    preset_names,
    read_targets,
    read_targets_file,
    read_values,
    read_values_file,
    sample_file,
    validate_pay_policy,
    validate_tree,
)

__version__: str = _core.__version__

__all__ = [
    "Assessment", "ConfigError", "DataError", "Error", "FileError", "LandError", "MoneyError", "ParseError",
    "PayError", "Problem", "ProjectError", "Tree", "WeightsError", "assess", "code_category", "explain",
    "explain_all", "explain_frame", "format_problem", "load_preset", "preset_json", "preset_names",
    "read_targets", "read_targets_file", "read_values", "read_values_file", "read_values_frame",
    "read_targets_frame", "sample_file", "sample_frames", "validate_tree",
    "LandEvaluation", "PayPolicy", "PayRun", "allocate_pay", "classify", "evaluate_land", "land_metrics",
    "scorecard_json", "validate_pay_policy",
]


def _error(code: int, where: str, what: str) -> Error:
    """A zoneperf error raised from the Python side, shaped like the C++ ones."""
    classes = {1: ParseError, 2: ConfigError, 3: DataError, 4: FileError}
    problem = Problem(code, where, what)
    err = classes.get(code // 100, Error)(format_problem(problem))
    err.code, err.where, err.problems = code, where, [problem]
    return err


def _is_frame(obj: Any) -> bool:
    # pandas is optional: only consult it when the object could be a DataFrame.
    return type(obj).__module__.startswith("pandas") and hasattr(obj, "columns") and hasattr(obj, "index")


def _frame_matrix(tree: Tree, frame: Any) -> np.ndarray:
    """The DataFrame's columns in tree.columns order as float64 (lookup codes become code indices)."""
    wanted = tree.columns
    have = [str(c) for c in frame.columns]
    seen = set()
    for c in have:
        if c in seen:
            raise _error(307, c, f'duplicate column "{c}"')
        seen.add(c)
        if c not in wanted:
            raise _error(304, c, f'unknown column "{c}": the tree "{tree.id}" has no leaf or item "{c}"')
    for c in wanted:
        if c not in seen:
            raise _error(305, c, f'missing column "{c}"')
    if have == wanted and all(dt == np.float64 for dt in frame.dtypes):
        return frame.to_numpy(dtype=np.float64, copy=False)  # a single float block: no copy
    columns = []
    for c in wanted:
        col = frame[c]
        node = tree.node(c)
        if node["kind"] == "leaf" and node["rule"]["kind"] == "lookup" and col.dtype == object:
            columns.append(np.array([np.nan if v is None or v != v else tree.code_value(c, str(v)) for v in col],
                                    dtype=np.float64))
        else:
            columns.append(col.to_numpy(dtype=np.float64))
    return np.column_stack(columns) if columns else np.empty((len(frame), 0))


def _units_of(frame: Any) -> List[str]:
    return [str(u) for u in frame.index]


def _targets(tree: Tree, targets: Any, units: Optional[List[str]], n: int) -> Tuple[Any, Optional[List[str]]]:
    if targets is None:
        return None, None
    if _is_frame(targets):
        ids = [str(c) for c in targets.columns]
        if units is not None:
            index = _units_of(targets)
            known = set(index)
            for u in index:
                if u not in set(units):
                    raise _error(316, u, f'targets: unit "{u}" is not in the values')
            for u in units:
                if u not in known:
                    raise _error(317, u, f'targets: no row for unit "{u}"')
            if index != units:
                targets = targets.set_axis(index, axis=0).loc[units]
        return targets.to_numpy(dtype=np.float64), ids
    if isinstance(targets, Mapping):
        ids = [str(k) for k in targets]
        cols = [np.asarray(targets[k], dtype=np.float64).reshape(-1) for k in targets]
        for k, c in zip(ids, cols):
            if c.shape[0] != n:
                raise _error(314, k, f"targets: {c.shape[0]} values for {n} units")
        return (np.column_stack(cols) if cols else np.empty((n, 0))), ids
    ids, matrix = targets
    return matrix, [str(i) for i in ids]


def _inputs(tree: Tree, values: Any, targets: Any, units: Optional[Sequence[str]]):
    if _is_frame(values):
        if units is None:
            units = _units_of(values)
        values = _frame_matrix(tree, values)
    units = None if units is None else [str(u) for u in units]
    n = int(np.shape(values)[0])
    target_values, target_ids = _targets(tree, targets, units, n)
    return values, target_values, target_ids, units


def assess(tree: Tree, values: Any, targets: Any = None, *, units: Optional[Sequence[str]] = None,
           threads: int = 1, keep: str = "all", ranks: bool = True, out: Optional[Assessment] = None) -> Assessment:
    """Scores units on a tree.

    values: units x tree.columns float64 array (viewed, not copied, when its rows or columns are
    contiguous), or a DataFrame indexed by unit with a column per tree.columns entry (any order).
    targets: None, a DataFrame (unit index, target-leaf columns), a {leaf id: per-unit array} dict,
    or (leaf_ids, units x len(leaf_ids) array); NaN takes the leaf's default target.
    keep: "all" node scores or only "groups"; ranks: compute competition ranks.
    out: an earlier Assessment of the same tree, keep and number of units whose storage is reused
    (and returned); arrays taken from it show the new results, as with numpy's out=.
    """
    v, tv, tids, u = _inputs(tree, values, targets, units)
    return _core._assess(tree, v, tv, tids, u, threads, keep, ranks, out)


def explain_all(tree: Tree, values: Any, targets: Any = None, *, units: Optional[Sequence[str]] = None,
                which: Optional[Sequence[Union[int, str]]] = None) -> Dict[str, List[Dict[str, Any]]]:
    """Every leaf and item of each unit (all units, or `which`), as {unit: [explanation dict, ...]}."""
    v, tv, tids, u = _inputs(tree, values, targets, units)
    n = int(np.shape(v)[0])
    names = u if u is not None else [f"#{i + 1}" for i in range(n)]
    if which is None:
        rows = list(range(n))
    else:
        rows = []
        for w in which:
            if isinstance(w, str):
                if w not in names:
                    raise _error(316, w, f'no unit "{w}"')
                rows.append(names.index(w))
            else:
                rows.append(int(w) if int(w) >= 0 else n + int(w))
    leaves = _core._explain(tree, v, tv, tids, u, rows)
    return {names[r]: l for r, l in zip(rows, leaves)}


def explain(tree: Tree, values: Any, targets: Any = None, unit: Union[int, str] = 0, *,
            units: Optional[Sequence[str]] = None) -> List[Dict[str, Any]]:
    """How each leaf and item of one unit (index or id) was scored: actual, target, ratio, rule,
    fraction, capped, points, max (None where the JSON report writes null)."""
    return next(iter(explain_all(tree, values, targets, units=units, which=[unit]).values()))


def explain_frame(tree: Tree, values: Any, targets: Any = None, *, units: Optional[Sequence[str]] = None):
    """Every unit's explanations as one long DataFrame indexed by (unit, id)."""
    import pandas as pd

    rows = [dict(unit=u, **e) for u, leaves in explain_all(tree, values, targets, units=units).items() for e in leaves]
    return pd.DataFrame(rows).set_index(["unit", "id"])


def read_values_frame(tree: Tree, csv: str, source: str = "<values>"):
    """A values CSV (text) as a DataFrame indexed by unit, columns tree.columns (the parsed
    matrix is wrapped, not copied)."""
    import pandas as pd

    units, matrix = read_values(tree, csv, source)
    return pd.DataFrame(matrix, index=pd.Index(units, name="unit"), columns=tree.columns, copy=False)


def read_targets_frame(tree: Tree, units: Sequence[str], csv: str, source: str = "<targets>"):
    import pandas as pd

    ids, matrix = read_targets(tree, list(units), csv, source)
    return pd.DataFrame(matrix, index=pd.Index(list(units), name="unit"), columns=ids, copy=False)


def sample_frames(name: str = "task-force"):
    """The sample values and targets compiled into the library, as (values, targets) DataFrames."""
    tree = load_preset(name)
    values = read_values_frame(tree, sample_file(f"{name}/values.csv"), f"samples/{name}/values.csv")
    targets = read_targets_frame(tree, list(values.index), sample_file(f"{name}/targets.csv"),
                                 f"samples/{name}/targets.csv")
    return values, targets


def _to_frame(self: Assessment, nodes: Union[str, Sequence[str]] = "groups"):
    """One row per unit: the scores of `nodes` ("groups", "all" kept nodes, or a list of ids),
    then total, rank, grade (label) and veto."""
    import pandas as pd

    if nodes == "groups":
        nodes = self.tree.groups
    elif nodes == "all":
        nodes = self.score_columns
    cols = self.score_columns
    scores = self.scores
    data: Dict[str, Any] = {n: scores[:, cols.index(n)] for n in nodes}
    data["total"] = self.totals
    if self.ranks is not None:
        data["rank"] = self.ranks
    data["grade"] = self.grade_labels
    data["veto"] = self.vetoed
    return pd.DataFrame(data, index=pd.Index(self.units, name="unit"))


Assessment.to_frame = _to_frame


def scorecard_json(tree: Tree, values: Any, targets: Any = None, *, units: Optional[Sequence[str]] = None) -> str:
    """The JSON report with every leaf explained (`zoneperf assess --format json --explain all`):
    what allocate_pay reads for its scorecard awards."""
    v, tv, tids, u = _inputs(tree, values, targets, units)
    return _core._scorecard_json(tree, v, tv, tids, u)


def _csv_text(table: Any, index_name: Optional[str] = None) -> str:
    if isinstance(table, (str, bytes)):
        return table.decode("utf-8") if isinstance(table, bytes) else table
    if _is_frame(table):
        keep_index = index_name is not None and index_name not in table.columns
        return table.to_csv(index=keep_index, index_label=index_name if keep_index else None)
    raise TypeError("expected CSV text or a pandas DataFrame")


# ---- land (亩均效益) ----

def evaluate_land(enterprises: Any, preset: str = "zj-huangyan", *, tree: Optional[Tree] = None, config: Any = None,
                  prior: Optional[Mapping[str, float]] = None, threads: int = 1,
                  source: str = "<enterprises>") -> LandEvaluation:
    """Per-mu metrics, scores, ranks and A/B/C/D classes of enterprises (DOMAIN.md §5).

    enterprises: CSV text (columns as in docs/land.md) or a DataFrame of the same columns (an index
    named "id" is used as the id column). preset: "zj-huangyan" or "js-huaian"; tree and config
    (JSON text or dict) replace the preset's. prior: prior-year peer averages by leaf id.
    """
    csv = _csv_text(enterprises, "id")
    return _core._evaluate_land(csv, source, preset, tree, config, dict(prior or {}), threads)


def _land_frame(self: LandEvaluation):
    """One row per record: every metric, then score, rank and class."""
    import pandas as pd

    frame = pd.DataFrame(self.metrics, index=pd.Index(self.ids, name="id"), columns=self.metric_names)
    frame["score"] = self.scores
    frame["rank"] = self.ranks
    frame["class"] = self.classes
    return frame


LandEvaluation.to_frame = _land_frame
LandEvaluation.to_dict = lambda self: __import__("json").loads(self.to_json())


# ---- pay (差异化薪酬) ----

def allocate_pay(staff: Any, scorecard: Any, policy: Any = None, events: Any = None) -> PayRun:
    """Shares the pay pool (DOMAIN.md §6). staff and events: CSV text or DataFrames; scorecard: the
    JSON report (text or dict, e.g. scorecard_json(...)) or an Assessment (no leaf ratios then, so
    no scorecard awards); policy: a PayPolicy, its JSON text or dict, or None for the standard one.
    Money stays exact: read it from to_json() / people_csv() as decimal strings in yuan."""
    import json

    if isinstance(scorecard, Assessment):
        scorecard = scorecard.to_json()
    elif not isinstance(scorecard, (str, bytes)):
        scorecard = json.dumps(scorecard, ensure_ascii=False)
    if policy is None:
        policy = PayPolicy.standard()
    elif isinstance(policy, (str, bytes)):
        policy = PayPolicy.from_json(policy)
    elif not isinstance(policy, PayPolicy):
        policy = PayPolicy.from_dict(policy)
    return _core._allocate_pay(_csv_text(staff), scorecard, policy, None if events is None else _csv_text(events))


def _people_frame(self: PayRun):
    """The people CSV as a DataFrame of strings (money stays exact decimal text)."""
    import io

    import pandas as pd

    return pd.read_csv(io.StringIO(self.people_csv()), dtype=str, keep_default_na=False)


PayRun.to_dict = lambda self: __import__("json").loads(self.to_json())
PayRun.people_frame = _people_frame
