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

from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple, Union

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
    ProjectRegistry,
    MoneyError,
    Report,
    ReportTable,
    ParseError,
    PayError,
    Problem,
    ProjectError,
    Tree,
    WeightsError,
    ahp_file,
    ahp_matrix,
    ahp_text,
    apply_weights,
    apportion_points,
    check_month,
    classify,
    code_category,
    default_task_forces,
    growth,
    normalise_distance_to_target,
    normalise_fraction_of_max,
    normalise_goalposts,
    normalise_minmax,
    normalise_percentile_rank,
    normalise_rank,
    normalise_zscore,
    projects_month,
    projects_period,
    read_projects_file,
    roll_up,
    saaty_classic_ri,
    supervision_calendar,
    table_csv,
    validate_projects,
    weighted_arithmetic_mean,
    weighted_geometric_mean,
    weighted_harmonic_mean,
    year_faces,
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
    "migrate_classes",
    "scorecard_json", "validate_pay_policy",
    # projects
    "ProjectRegistry", "admit", "admit_frame", "check_month", "counts_frame", "default_task_forces", "fold_annual",
    "growth", "projects_month", "projects_period", "read_projects", "read_projects_file", "roll_up",
    "scorecard_frame", "scorecard_values", "supervision_calendar", "validate_projects", "year_faces",
    # weights
    "ahp", "ahp_file", "ahp_matrix", "ahp_text", "apply_weights", "apportion_points", "critic", "entropy", "equal",
    "normalise_distance_to_target", "normalise_fraction_of_max", "normalise_goalposts", "normalise_minmax",
    "normalise_percentile_rank", "normalise_rank", "normalise_zscore", "roc", "saaty_classic_ri", "sd",
    "uncertainty_analysis", "weighted_arithmetic_mean", "weighted_geometric_mean", "weighted_harmonic_mean",
    # reports
    "Report", "ReportTable", "report", "table_csv",
    # periods
    "YearToDate", "year_to_date", "series",
]


def __dir__() -> List[str]:
    """The public names only (PEP 562): not the helpers this file imports (np, typing's names)."""
    return sorted(__all__ + ["__version__"])


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
    # ids, display names or names without their bracket, as the table readers take them (304, 307, 320, 321)
    have = tree.match_columns([str(c) for c in frame.columns], "values")
    position = {c: i for i, c in enumerate(have)}
    for c in wanted:
        if c not in position:
            raise _error(305, c, f'missing column "{c}"')
    if have == wanted and all(dt == np.float64 for dt in frame.dtypes):
        return frame.to_numpy(dtype=np.float64, copy=False)  # a single float block: no copy
    columns = []
    for c in wanted:
        col = frame.iloc[:, position[c]]
        node = tree.node(c)
        if node["kind"] == "leaf" and node["rule"]["kind"] == "lookup" and col.dtype == object:
            columns.append(np.array([np.nan if v is None or v != v else tree.code_value(c, str(v)) for v in col],
                                    dtype=np.float64))
        else:
            columns.append(col.to_numpy(dtype=np.float64))
    return np.column_stack(columns) if columns else np.empty((len(frame), 0))


def _check_distinct(units: List[str]) -> None:
    """Error 306 for the first unit given twice, worded as the engine's."""
    if len(set(units)) == len(units):
        return
    first: Dict[str, int] = {}
    for i, u in enumerate(units):
        if u in first:
            raise _error(306, f"row {i + 1}", f'duplicate unit "{u}" (first on row {first[u] + 1})')
        first[u] = i


def _units_of(frame: Any) -> List[str]:
    return [str(u) for u in frame.index]


def _targets(tree: Tree, targets: Any, units: Optional[List[str]], n: int) -> Tuple[Any, Optional[List[str]]]:
    if targets is None:
        return None, None
    if _is_frame(targets):
        ids = tree.match_columns([str(c) for c in targets.columns], "targets")
        if units is not None:
            index = _units_of(targets)
            known, wanted = set(index), set(units)  # built once: the checks stay linear
            if len(known) != len(index):
                seen = set()
                for u in index:
                    if u in seen:
                        raise _error(306, u, f'targets: duplicate unit "{u}"')
                    seen.add(u)
            for u in index:
                if u not in wanted:
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
           threads: int = 1, keep: str = "all", ranks: bool = True, out: Optional[Assessment] = None,
           progress: Optional[Callable[[str, int, int], None]] = None) -> Assessment:
    """Scores units on a tree.

    values: units x tree.columns float64 array (viewed, not copied, when its rows or columns are
    contiguous), or a DataFrame indexed by unit with a column per tree.columns entry (any order).
    targets: None, a DataFrame (unit index, target-leaf columns), a {leaf id: per-unit array} dict,
    or (leaf_ids, units x len(leaf_ids) array); NaN takes the leaf's default target.
    NaN in values is a missing value; ±inf is DataError 309 and a unit given twice (in units, the
    values' index or the targets' index) DataError 306, as the CSV readers say; a score or total
    that is not finite (it overflows) is DataError 309 naming the unit and the node.
    keep: "all" node scores or only "groups"; ranks: compute competition ranks.
    out: an earlier Assessment of the same tree, keep and number of units whose storage is reused
    (and returned); arrays taken from it show the new results, as with numpy's out=. An Assessment
    takes one call at a time: while one thread's assess writes into it, another call given the same
    out= raises ValueError (nothing is written); give each thread its own out=.
    progress: None, or callable(stage, done, total) told ("assessing", units scored, units) from
    the calling thread, at most about 10 times a second, done == total last; an exception it raises
    stops the assessment and propagates.
    """
    v, tv, tids, u = _inputs(tree, values, targets, units)
    return _core._assess(tree, v, tv, tids, u, threads, keep, ranks, out, progress)


def explain_all(tree: Tree, values: Any, targets: Any = None, *, units: Optional[Sequence[str]] = None,
                which: Optional[Sequence[Union[int, str]]] = None) -> Dict[str, List[Dict[str, Any]]]:
    """Every leaf and item of each unit (all units, or `which`), as {unit: [explanation dict, ...]}."""
    v, tv, tids, u = _inputs(tree, values, targets, units)
    n = int(np.shape(v)[0])
    if u is not None:
        _check_distinct(u)  # as assess does: the explanations are keyed by unit
    names = u if u is not None else [f"#{i + 1}" for i in range(n)]
    if which is None:
        rows = list(range(n))
    else:
        rows = []
        position = {}
        for i, name in enumerate(names):
            position.setdefault(name, i)  # the first row of a name, as names.index gave
        for w in which:
            if isinstance(w, str):
                if w not in position:
                    raise _error(316, w, f'no unit "{w}"')
                rows.append(position[w])
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


def read_values_frame(tree: Tree, csv: str, source: str = "<values>",
                      progress: Optional[Callable[[str, int, int], None]] = None):
    """A values CSV (text) as a DataFrame indexed by unit, columns tree.columns (the parsed
    matrix is wrapped, not copied). progress: as for read_values ("reading <source>", bytes)."""
    import pandas as pd

    units, matrix = read_values(tree, csv, source, progress)
    return pd.DataFrame(matrix, index=pd.Index(units, name="unit"), columns=tree.columns, copy=False)


def read_targets_frame(tree: Tree, units: Sequence[str], csv: str, source: str = "<targets>",
                       progress: Optional[Callable[[str, int, int], None]] = None):
    import pandas as pd

    ids, matrix = read_targets(tree, list(units), csv, source, progress)
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


def _csv_text(table: Any, index_name: Optional[str] = None) -> Union[str, bytes]:
    """CSV text from text or a DataFrame; bytes as they are (a CSV, or an .xlsx/.xls workbook's bytes)."""
    if isinstance(table, (str, bytes)):
        return table
    if _is_frame(table):
        keep_index = index_name is not None and index_name not in table.columns
        return table.to_csv(index=keep_index, index_label=index_name if keep_index else None)
    raise TypeError("expected CSV text, bytes, a path or a pandas DataFrame")


# ---- land (亩均效益) ----

def evaluate_land(enterprises: Any, preset: str = "zj-huangyan", *, tree: Optional[Tree] = None, config: Any = None,
                  prior: Optional[Mapping[str, float]] = None, threads: int = 1,
                  source: str = "<enterprises>") -> LandEvaluation:
    """Per-mu metrics, scores, ranks and A/B/C/D classes of enterprises (docs/semantics.md §5).

    enterprises: CSV text, a pathlib.Path of a CSV or workbook (.xlsx, .xls; "book.xlsx#Sheet2" picks a
    sheet), or a DataFrame of the columns in docs/land.md (an index named "id" is used as the id column). preset: "zj-huangyan" or "js-huaian"; tree and config
    (JSON text or dict) replace the preset's. prior: prior-year peer averages by leaf id.
    """
    csv, src = _table_text(enterprises, source, "id")
    return _core._evaluate_land(csv, src, preset, tree, config, dict(prior or {}), threads)


def _land_frame(self: LandEvaluation):
    """One row per record: every metric, then score, rank and class."""
    import pandas as pd

    frame = pd.DataFrame(self.metrics, index=pd.Index(self.ids, name="id"), columns=self.metric_names)
    frame["score"] = self.scores
    frame["rank"] = self.ranks
    frame["class"] = self.classes
    return frame


def migrate_classes(previous: Any, current: LandEvaluation, *, source: str = "<previous>") -> Dict[str, Any]:
    """Class migration from an earlier year to `current` (docs/semantics.md §9), matched by id.

    previous: the earlier year's LandEvaluation (classed with its own preset), or its published
    classes: a {id: class label} dict, or a table with `id` and `class` columns (CSV text, a
    pathlib.Path of a CSV or workbook, or a DataFrame; an index named "id" is the id column).
    Returns `zoneperf land --previous … --format json` as a dict: "classes", "matrix" ({"rows",
    "columns", "counts"}: earlier classes + "entered" down, later classes + "left" across),
    "moves_count" and "moves" (one dict per entity: id, name, from, to, move, steps), so that
    pandas.DataFrame(result["moves"]) is the moves table."""
    if isinstance(previous, (LandEvaluation, dict)):
        return _core._migrate_classes(previous, current)
    return _core._migrate_classes(_table_text(previous, source, "id"), current)


LandEvaluation.to_frame = _land_frame
LandEvaluation.to_dict = lambda self: __import__("json").loads(self.to_json())


# ---- pay (差异化薪酬) ----

def allocate_pay(staff: Any, scorecard: Any, policy: Any = None, events: Any = None,
                 tree: Optional[Tree] = None) -> PayRun:
    """Shares the pay pool (docs/semantics.md §6). staff and events: CSV text, paths (pathlib.Path) of
    CSV files or workbooks, or DataFrames; scorecard: the
    JSON report (text or dict, e.g. scorecard_json(...)) or an Assessment (no leaf ratios then, so
    no scorecard awards); policy: a PayPolicy, its JSON text or dict, or None for the standard one.
    tree: the scorecard's tree when it is not the preset the scorecard names (an Assessment gives its
    own). The scorecard is checked as zoneperf reads any scorecard (error 318 when its numbers disagree).
    Money stays exact: read it from to_json() / people_csv() as decimal strings in yuan."""
    import json

    if isinstance(scorecard, Assessment):
        tree = tree or scorecard.tree
        scorecard = scorecard.to_json()
    elif not isinstance(scorecard, (str, bytes)):
        scorecard = json.dumps(scorecard, ensure_ascii=False)
    if policy is None:
        policy = PayPolicy.standard()
    elif isinstance(policy, (str, bytes)):
        policy = PayPolicy.from_json(policy)
    elif not isinstance(policy, PayPolicy):
        policy = PayPolicy.from_dict(policy)
    staff_text, staff_source = _table_text(staff, "<staff>", None)
    events_text, events_source = (None, "<events>") if events is None else _table_text(events, "<events>", None)
    return _core._allocate_pay(staff_text, scorecard, policy, events_text, tree, staff_source, events_source)


def _people_frame(self: PayRun):
    """The people CSV as a DataFrame of strings (money stays exact decimal text)."""
    import io

    import pandas as pd

    # Every cell as it is: the formula guard of people_csv() is for spreadsheets, not for a DataFrame.
    return pd.read_csv(io.StringIO(self.people_csv(for_people=False)), dtype=str, keep_default_na=False)


PayRun.to_dict = lambda self: __import__("json").loads(self.to_json())
PayRun.people_frame = _people_frame


# ---- projects (项目库, docs/semantics.md §7) ----

def _table_text(table: Any, source: str, index_name: Optional[str]) -> Tuple[Union[str, bytes], str]:
    """A table's text or bytes and its source name, from text, bytes, a DataFrame or a path
    (pathlib.Path) of a CSV file or a workbook: "book.xlsx#Sheet2" reads sheet Sheet2 (the library
    tells the formats apart by their bytes)."""
    import os

    if isinstance(table, os.PathLike):
        path = os.fspath(table)
        file = path if os.path.exists(path) or "#" not in path else path.rsplit("#", 1)[0]
        with open(file, "rb") as f:
            return f.read(), path
    return _csv_text(table, index_name), source


def read_projects(projects: Any, *, as_of: Optional[str] = None, task_forces: Optional[Sequence[str]] = None,
                  source: str = "<projects>") -> ProjectRegistry:
    """Reads a projects table (columns in docs/projects.md) into a ProjectRegistry.

    projects: CSV text, a pathlib.Path, or a DataFrame of the same columns (an index named "id" is
    used as the id column). as_of ("YYYY-MM-DD"): the registry as it stood at the end of that day,
    as the CLI's --as-of. task_forces: the registry's task forces (default: the four 产业专班)."""
    text, src = _table_text(projects, source, "id")
    return _core._read_projects(text, src, as_of, None if task_forces is None else list(task_forces))


def counts_frame(registry: ProjectRegistry, period: str, *, as_of: Optional[str] = None, which: str = "entered"):
    """One row per task force and the zone: the stage counts of the period ("entered": history,
    projects that entered each stage in the period; "active": the state at the as-of date), then
    signed investment (亿元), foreign capital (万美元), key projects and of them started."""
    import pandas as pd

    if which not in ("entered", "active"):
        raise ValueError("which must be 'entered' or 'active'")
    report = projects_period(registry, period, as_of)
    rows = report["units"] + [report["zone"]]
    data = [dict(r[which], signed_investment_yi=r["signed_investment_yi"],
                 foreign_capital_wan_usd=r["foreign_capital_wan_usd"], key_projects=r["key_projects"],
                 key_started=r["key_started"]) for r in rows]
    return pd.DataFrame(data, index=pd.Index([r["unit"] for r in rows], name="unit"))


def scorecard_values(registry: ProjectRegistry, period: str, other: Any = None, *, tree: Optional[Tree] = None,
                     as_of: Optional[str] = None, source: str = "<other>") -> Tuple[List[str], np.ndarray]:
    """The task-force scorecard's values for the period: the leaves the registry knows (signed and
    landed projects, foreign capital, per-mu figures, ...) merged with `other` (CSV text, a Path or
    a DataFrame indexed by unit: the leaves the registry cannot know). Returns (units, units x
    tree.columns float64 array) ready for zoneperf.assess; NaN where neither gives a value.
    tree: the scorecard (default the `task-force` preset). A value given twice is error 730."""
    text, src = (None, source) if other is None else _table_text(other, source, "unit")
    return _core._scorecard_values(registry, period, text, src, tree, as_of)


def scorecard_frame(registry: ProjectRegistry, period: str, other: Any = None, *, tree: Optional[Tree] = None,
                    as_of: Optional[str] = None, source: str = "<other>"):
    """scorecard_values as a DataFrame indexed by unit with tree.columns, for zoneperf.assess."""
    import pandas as pd

    t = tree if tree is not None else load_preset("task-force")
    units, matrix = scorecard_values(registry, period, other, tree=t, as_of=as_of, source=source)
    return pd.DataFrame(matrix, index=pd.Index(units, name="unit"), columns=t.columns, copy=False)


def admit(candidates: Any, tree: Optional[Tree] = None, *, min_investment_per_mu: float = 300,
          min_tax_per_mu: float = 10, pass_mark: Optional[float] = None,
          source: str = "<candidates>") -> List[Dict[str, Any]]:
    """Admission of candidate projects (入区项目评价赋分, docs/semantics.md §5): gates, then the `admission`
    scorecard (or `tree`). candidates: CSV text, a Path or a DataFrame (columns in docs/projects.md).
    One dict per candidate, as `zoneperf admit --format json`: id, name, task_force, decision
    ("admitted"/"rejected"), points, total, gate_failed, vetoed, dimensions {leaf: {actual, points,
    max}}, reasons."""
    text, src = _table_text(candidates, source, "id")
    return _core._admit(text, src, tree, float(min_investment_per_mu), float(min_tax_per_mu),
                        None if pass_mark is None else float(pass_mark))


def admit_frame(decisions: Sequence[Mapping[str, Any]]):
    """admit()'s decisions as a DataFrame indexed by id: name, task_force, decision, points, total,
    gate_failed, vetoed, reasons ("; "-joined), then each dimension's points."""
    import pandas as pd

    rows = []
    for d in decisions:
        row = {k: d[k] for k in ("name", "task_force", "decision", "points", "total", "gate_failed", "vetoed")}
        row["reasons"] = "; ".join(d["reasons"])
        row.update({k: v["points"] for k, v in d["dimensions"].items()})
        rows.append(row)
    return pd.DataFrame(rows, index=pd.Index([d["id"] for d in decisions], name="id"))


def fold_annual(quarters: Any, year_end: Any, *, quarter_share: float = 0.7, unit: str = "") -> float:
    """annual = share x mean(Q1..Q4) + (1 - share) x year-end total (docs/semantics.md §5).
    quarters: four values Q1..Q4 (None for a missing one: error 703) with year_end a number, or a
    {"2020-Q1": v, ...} dict with year_end a ("2020", v) pair."""
    if isinstance(quarters, Mapping):
        return _core._fold_annual(dict(quarters), tuple(year_end), float(quarter_share), unit)
    return _core._fold_annual(list(quarters), float(year_end), float(quarter_share), unit)


# ---- weights (docs/semantics.md §8) ----

def ahp(matrix: Any, *, names: Optional[Sequence[str]] = None, ri: Optional[Sequence[float]] = None,
        accept_below: float = 0.10, tolerance: float = 0.01) -> Dict[str, Any]:
    """AHP weights of a pairwise comparison matrix: {names, weights (numpy), lambda_max, ci, ri,
    ri_table, cr, acceptable}.

    matrix: a numpy array / nested list (n x n), a DataFrame (names from its index), CSV text
    (cells such as 1/3, optional names; recognised by a comma or newline) or a path (str or
    pathlib.Path) of such a file. ri: a random-index table RI(1), RI(2), ... (default Saaty's classic)."""
    import os

    opts = dict(ri=None if ri is None else [float(x) for x in ri], accept_below=accept_below, tolerance=tolerance)
    if isinstance(matrix, os.PathLike):
        return ahp_file(os.fspath(matrix), **opts)
    if isinstance(matrix, bytes):
        matrix = matrix.decode("utf-8")
    if isinstance(matrix, str):
        if "\n" in matrix or "," in matrix:
            return ahp_text(matrix, **opts)
        return ahp_file(matrix, **opts)
    if _is_frame(matrix):
        if names is None:
            names = [str(i) for i in matrix.index]
        matrix = matrix.to_numpy(dtype=np.float64)
    return ahp_matrix(np.asarray(matrix, dtype=np.float64), None if names is None else list(names), **opts)


def _criteria(values: Any, names: Optional[Sequence[str]]):
    if _is_frame(values):
        return values.to_numpy(dtype=np.float64), [str(c) for c in values.columns], [str(u) for u in values.index], True
    return np.asarray(values, dtype=np.float64), None if names is None else list(names), None, False


def _derived(method: str, values: Any, names: Optional[Sequence[str]], directions: Any, details: bool):
    x, cols, units, frame = _criteria(values, names)
    if directions is not None and isinstance(directions, Mapping):
        if cols is None:
            raise ValueError("directions by name need named columns (a DataFrame or names=)")
        directions = [directions.get(c, "higher") for c in cols]
    r = _core._derived_weights(method, x, cols, units, directions)
    if details:
        return r
    if frame:
        import pandas as pd

        return pd.Series(r["weights"], index=r["names"], name=method)
    return r["weights"]


def entropy(values: Any, *, names: Optional[Sequence[str]] = None, details: bool = False):
    """Entropy weights of the columns of a units x criteria array (values >= 0): numpy in, numpy
    out (a DataFrame gives a Series by column). details=True: {method, names, weights, measure}."""
    return _derived("entropy", values, names, None, details)


def critic(values: Any, *, directions: Any = None, names: Optional[Sequence[str]] = None, details: bool = False):
    """CRITIC weights (Diakoulaki et al. 1995). directions: one per column ("higher"/"lower" or
    1/-1), or a {column: direction} dict for a DataFrame; default all higher-is-better."""
    return _derived("critic", values, names, directions, details)


def sd(values: Any, *, directions: Any = None, names: Optional[Sequence[str]] = None, details: bool = False):
    """Standard-deviation weights (sample sd of the min-max scaled columns)."""
    return _derived("sd", values, names, directions, details)


def _listed(method: str, criteria: Union[int, Sequence[str]]) -> np.ndarray:
    names = [f"c{i + 1}" for i in range(criteria)] if isinstance(criteria, int) else [str(c) for c in criteria]
    return _core._listed_weights(method, names)["weights"]


def roc(criteria: Union[int, Sequence[str]]) -> np.ndarray:
    """Rank-order centroid weights of n criteria (or of names), most important first."""
    return _listed("roc", criteria)


def equal(criteria: Union[int, Sequence[str]]) -> np.ndarray:
    """1/n each."""
    return _listed("equal", criteria)


def uncertainty_analysis(tree: Tree, values: Any, targets: Any = None, *, units: Optional[Sequence[str]] = None,
                         samples: int = 1000, seed: int = 1, method: str = "uniform", percent: float = 20,
                         concentration: float = 100, depth: int = 0, top_k: int = 3, threads: int = 1,
                         as_frame: bool = False, histograms: bool = False,
                         progress: Optional[Callable[[str, int, int], None]] = None):
    """Monte-Carlo robustness of the ranks under perturbed weights (docs/semantics.md §8), as `zoneperf
    uncertainty`. values / targets / units: as for assess. Returns {unit: {nominal_total,
    nominal_rank, median_rank, rank_p05, rank_p95, p_rank_1, p_top_k}} in unit order, or with
    as_frame=True a DataFrame indexed by unit with those columns. histograms=True adds each unit's
    ranks reached, histogram: [(rank, count), ...] ascending (`zoneperf uncertainty --histograms`).
    Same seed, same results (mt19937_64; results do not depend on threads). progress: None, or
    callable(stage, done, total) told "assessing" (units) then "sampling" (weight sets, samples + 1)
    from the calling thread; an exception it raises stops the analysis and propagates."""
    v, tv, tids, u = _inputs(tree, values, targets, units)
    r = _core._uncertainty(tree, v, tv, tids, u, int(samples), int(seed), method, float(percent),
                           float(concentration), int(depth), int(top_k), int(threads), bool(histograms),
                           progress)
    keys = ["nominal_total", "nominal_rank", "median_rank", "rank_p05", "rank_p95", "p_rank_1", "p_top_k"]
    if as_frame:
        import pandas as pd

        frame = pd.DataFrame({k: r[k] for k in keys}, index=pd.Index(r["units"], name="unit"))
        if histograms:
            frame["histogram"] = r["histogram"]
        return frame
    out: Dict[str, Dict[str, Any]] = {}
    for i, name in enumerate(r["units"]):
        row: Dict[str, Any] = {k: r[k][i].item() for k in keys}
        if histograms:
            row["histogram"] = r["histogram"][i]
        out[name] = row
    return out


# ---- reports (HTML, workbook, Markdown, CSV) ----

def _json_text(obj: Any, what: str) -> str:
    """The JSON text of a report input: text, bytes, a dict, or a result object with to_json()."""
    import json

    if obj is None:
        return ""
    if isinstance(obj, bytes):
        return obj.decode("utf-8")
    if isinstance(obj, str):
        return obj
    if isinstance(obj, Assessment):
        raise TypeError(f"{what}: an Assessment has no leaf explanations; pass "
                        "zoneperf.scorecard_json(tree, values, targets) instead")
    if isinstance(obj, (PayRun, LandEvaluation)):
        return obj.to_json()
    if isinstance(obj, Mapping):
        return json.dumps(obj, ensure_ascii=False)
    raise TypeError(f"{what}: expected JSON text, a dict or a zoneperf result, not {type(obj).__name__}")


def report(scorecard: Any, *, pay: Any = None, land: Any = None, projects: Any = None, title: str = "",
           tree: Optional[Tree] = None, lang: str = "zh", uncertainty: Any = None, series: Any = None,
           faces: Any = None, migration: Any = None) -> Report:
    """The reports of a set of results (as `zoneperf report`): one Report to write as HTML, an
    auditor's workbook, Markdown and CSV tables.

    scorecard (required): `zoneperf assess --format json --explain all`, e.g. scorecard_json(tree,
    values, targets). pay: a PayRun or `zoneperf pay --format json`; land: a LandEvaluation or
    `zoneperf land --format json`; projects: projects_month(...) (a dict) or `zoneperf projects month
    --format json`. Each is JSON text (str or bytes), a dict, or the result object; None leaves its
    section out. title: default the tree's name. tree: the scorecard's tree (default the preset its
    JSON names). lang: the labels' language, "zh" (default) or "en" (ValueError otherwise).
    uncertainty: `zoneperf uncertainty --format json` (text or dict) adds the robustness section.
    series, faces, migration (text or dict): `zoneperf series --format json`, `zoneperf projects faces
    YEAR --format json` and `zoneperf land --previous ... --format json` add the trend, the year of
    faces and the class migration (docs/reports.md). Bad input raises zoneperf.Error (ParseError 101,
    ConfigError 201/202/216, 318 a series' change that disagrees with its totals or ranks, ...)."""
    return _core._report(_json_text(scorecard, "scorecard"), _json_text(pay, "pay"), _json_text(land, "land"),
                         _json_text(projects, "projects"), title, tree, lang,
                         _json_text(uncertainty, "uncertainty"), _json_text(series, "series"),
                         _json_text(faces, "faces"), _json_text(migration, "migration"))


def _table_frame(self: ReportTable):
    """The table as a DataFrame of strings (needs pandas)."""
    import pandas as pd

    return pd.DataFrame(self.rows, columns=self.header, dtype=str)


ReportTable.to_frame = _table_frame


class YearToDate:
    """The targets of a year-to-date assessment (序时进度): t_p = (t × k) / n for the scaled leaves
    (the additive completion, banded and threshold leaves); every other leaf keeps its annual target.

    k, n: the share of the year; scaled: the scaled leaves' ids; annual: units x scaled array of t;
    targets: (leaf_ids, units x leaf_ids array of t_p and the other given annual targets), to pass
    as assess's or explain's targets=."""

    def __init__(self, k: int, n: int, scaled: List[str], annual: np.ndarray, targets: Tuple[List[str], np.ndarray]):
        self.k, self.n, self.scaled, self.annual, self.targets = k, n, scaled, annual, targets

    def verdict(self, explanation: Mapping[str, Any]) -> Optional[str]:
        """"on schedule" when a scaled leaf's ratio against t_p is >= 1, "behind" otherwise; None for
        other leaves, items and missing values (时间过半、任务过半)."""
        if explanation["id"] not in self.scaled or explanation.get("missing") or explanation.get("ratio") is None:
            return None
        return "on schedule" if explanation["ratio"] >= 1 else "behind"

    def __repr__(self) -> str:
        return f"<zoneperf.YearToDate {self.k}/{self.n}, {len(self.scaled)} scaled leaves>"


def year_to_date(tree: Tree, units: Union[int, Sequence[str]], targets: Any = None, *, as_of: str,
                 basis: str, schedule: str = "months") -> YearToDate:
    """The targets of an assessment at an as-of point of the year ("2020-07", "2020Q3", "2020H1",
    "2020" or a date "2020-07-15"). basis: "cumulative" (values since the year's start, against
    (t × k) / n) or "in-period" (the period alone, against (t × 1) / n); required, no default.
    schedule: a date counts by its "months" (m/12) or its "days" (day of year / 365 or 366).
    units: the number of units or their ids (rows of the targets); targets: the annual targets in any
    form assess takes (NaN and absent columns take the leaf's default)."""
    n = units if isinstance(units, int) else len(units)
    ids = None if isinstance(units, int) else [str(u) for u in units]
    tv, tids = _targets(tree, targets, ids, n)
    k, den, scaled, annual, period_ids, period = _core._year_to_date_targets(tree, n, tv, tids, as_of, basis,
                                                                             schedule)
    return YearToDate(k, den, list(scaled), annual, (list(period_ids), period))


def series(tree: Tree, tables: Any, targets: Any = None, *, data: str, basis: str = "ytd",
           allow_gaps: bool = False, frame: bool = True):
    """One tree scored over periods (docs/semantics.md §9 "Series").

    tables: {period label ("2020-07", "2020Q3", "2020H1", "2020"): values}, each values a DataFrame
    indexed by unit (columns as assess takes them) or a (units, units x tree.columns array) pair.
    data: what the tables hold, "cumulative" or "in-period" (required); basis: "ytd" (cumulative
    values against (t × k) / n, the default) or "in-period" ((t × 1) / n). targets: the annual
    targets as assess takes them, one row per unit of the series (a DataFrame indexed by unit, in
    any order). A unit absent from a period is DataError 708 unless allow_gaps.
    Returns a long DataFrame (unit, period, total, rank, grade, the group scores, d_score, d_rank,
    yoy, yoy_note), or with frame=False the same columns as a dict.
    tables may also be one long DataFrame indexed by unit with a "period" column: its rows are split
    by period, in order of first appearance."""
    if _is_frame(tables):
        if "period" not in tables.columns:
            raise ValueError('series: a long table needs a "period" column')
        tables = {str(p): part.drop(columns="period") for p, part in tables.groupby("period", sort=False)}
    labels, unit_lists, matrices = [], [], []
    for label, values in tables.items():
        v, _, _, u = _inputs(tree, values, None, None) if _is_frame(values) else (values[1], None, None,
                                                                                   list(values[0]))
        labels.append(str(label))
        unit_lists.append([str(x) for x in u])
        matrices.append(np.asarray(v, dtype=np.float64))
    everyone = _core._series_units(labels, unit_lists)
    tv, tids = _targets(tree, targets, everyone, len(everyone))
    cols = _core._series(tree, labels, unit_lists, matrices, tv, tids, data, basis, allow_gaps)
    out = {k: cols[k] for k in ("unit", "period", "total", "rank", "grade")}
    out.update(cols["groups"])
    out.update({k: cols[k] for k in ("d_score", "d_rank", "yoy", "yoy_note")})
    if not frame:
        return out
    import pandas as pd

    return pd.DataFrame(out)
