#!/usr/bin/python3
"""Writes samples/projects/{projects,candidates,other}.csv: the sample zone's project registry.

Deterministic (no randomness): run it again and the files come out byte for byte the same.
The registry is built so that zoneperf's counts reproduce the article's 2020 figures
(docs/semantics.md §1) and its export equals the project columns of samples/task-force/values.csv:

  2020: 92 contacted (since April), 42 reviewed, 35 signed (256 亿元), 30 landed (13 in July),
        48 key projects (13/21/8/6), 1056 万美元 of foreign capital (+521 % on 2019's 170),
        亩均投资强度 470 and 亩均税收 40 万元/亩 over the landed projects (ratios of sums).

The admission points of each 2020 project are computed here with the rules of
presets/admission.json (mirrored in score()); a test checks that zoneperf computes the same.

Usage: /usr/bin/python3 scripts/make_sample_projects.py [output folder]
"""
import csv
import datetime as dt
import io
import os
import sys

TF = ["新材料新能源", "高端装备", "医养健康", "信息技术"]
CODE = {"新材料新能源": "NM", "高端装备": "EQ", "医养健康": "HC", "信息技术": "IT"}
INDUSTRY = {
    "新材料新能源": ["新材料", "新能源"],
    "高端装备": ["高端装备", "智能制造"],
    "医养健康": ["生物医药", "医疗器械", "康养服务"],
    "信息技术": ["软件", "电子信息"],
}
NAMES = {
    "新材料新能源": ["锂电正极材料", "光伏组件", "氢能储运装备", "高性能铝合金", "碳纤维复合材料",
                     "石墨烯导热膜", "储能电池", "特种涂料", "新型建材", "光伏玻璃"],
    "高端装备": ["数控机床", "工业机器人", "新能源汽车零部件", "精密轴承", "液压件", "智能输送装备",
                 "农机装备", "轨道交通配件", "减速机", "激光装备", "环保装备"],
    "医养健康": ["生物制药", "医用耗材", "体外诊断试剂", "康复器械", "中药饮片", "医养结合中心"],
    "信息技术": ["工业互联网平台", "智能传感器", "软件园", "数据中心", "电子元器件", "5G模组"],
}
STAGES = ["contacted", "scored", "reviewed", "intent", "signed", "landed", "started", "producing", "cleared"]
HEADER = ["id", "name", "task_force", "industry", "key", "chain", "top500", "total_investment",
          "fixed_asset_investment", "foreign_capital", "land_area", "annual_tax", "admission_score"] + STAGES

# 2020 pipeline per task force: (kind, intent month, signed month, landed month, started month,
# producing month, key). L = landed in 2020, S = signed only, I = intent only.
PIPELINE = {
    "新材料新能源": [
        ("L", 4, 5, 6, 7, None, 1), ("L", 4, 5, 6, 7, None, 1), ("L", 5, 6, 7, 8, None, 1),
        ("L", 5, 6, 7, 8, None, 1), ("L", 6, 7, 7, 8, None, 1), ("L", 6, 7, 7, 8, None, 1),
        ("L", 7, 7, 8, 9, None, 1), ("L", 7, 8, 9, 10, None, 1), ("L", 8, 9, 10, 11, None, 1),
        ("S", 7, 10, None, None, None, 0), ("I", 9, None, None, None, None, 0), ("I", 10, None, None, None, None, 0)],
    "高端装备": [
        ("L", 4, 5, 6, 7, None, 1), ("L", 4, 5, 6, 7, None, 1), ("L", 5, 6, 7, 8, None, 1),
        ("L", 5, 6, 7, 8, None, 1), ("L", 5, 6, 7, 8, None, 1), ("L", 6, 7, 7, 8, None, 1),
        ("L", 6, 7, 7, 8, None, 1), ("L", 7, 7, 8, 9, None, 1), ("L", 7, 7, 9, 10, None, 1),
        ("L", 7, 8, 10, 11, None, 1), ("L", 8, 9, 11, 12, None, 1),
        ("S", 7, 10, None, None, None, 1), ("S", 7, 11, None, None, None, 1),
        ("I", 9, None, None, None, None, 1), ("I", 10, None, None, None, None, 0)],
    "医养健康": [
        ("L", 4, 5, 6, 7, 11, 1), ("L", 5, 7, 7, 8, None, 1), ("L", 5, 7, 7, 8, None, 1),
        ("L", 7, 8, 9, 10, None, 1), ("L", 8, 9, 10, 11, None, 1),
        ("S", 9, 11, None, None, None, 1), ("I", 10, None, None, None, None, 1), ("I", 11, None, None, None, None, 0)],
    "信息技术": [
        ("L", 4, 5, 6, 7, 10, 1), ("L", 5, 6, 7, 8, 12, 1), ("L", 6, 7, 7, 8, None, 1),
        ("L", 7, 8, 8, None, None, 1), ("L", 8, 9, 10, None, None, 0),
        ("S", 9, 11, None, None, None, 1), ("I", 11, None, None, None, None, 1)],
}
# Projects contacted and scored in 2020 that did not pass admission, per task force.
CONTACTED_ONLY = {"新材料新能源": 14, "高端装备": 18, "医养健康": 10, "信息技术": 8}
# Total investment (万元) of the signed projects, in PIPELINE order (L then S): 78/102/41/35 亿元.
SIGNED_INVESTMENT = {
    "新材料新能源": [150000, 120000, 90000, 80000, 70000, 60000, 60000, 55000, 50000, 45000],
    "高端装备": [200000, 150000, 120000, 90000, 80000, 70000, 60000, 60000, 50000, 40000, 40000, 30000, 30000],
    "医养健康": [120000, 90000, 70000, 50000, 45000, 35000],
    "信息技术": [90000, 70000, 60000, 50000, 45000, 35000],
}
# Landed projects: land (亩), fixed-asset investment (万元), annual tax (万元); the last element of
# each list is whatever makes the task force's total (150/300/100/50 亩, 78000/136500/41000/26500
# 万元, 6750/11400/3600/2250 万元).
LANDED = {
    "新材料新能源": ([25, 20, 20, 18, 16, 15, 14, 12], 150, [13500, 10000, 10800, 9000, 8600, 7600, 7000, 6200], 78000,
                     [1200, 900, 950, 800, 700, 650, 600, 520], 6750),
    "高端装备": ([40, 35, 32, 30, 28, 27, 25, 23, 22, 20], 300,
                 [19000, 16000, 14600, 13500, 12800, 12300, 11400, 10500, 10000, 9000], 136500,
                 [1500, 1300, 1250, 1150, 1050, 1000, 950, 900, 800, 700], 11400),
    "医养健康": ([30, 25, 20, 15], 100, [12500, 10200, 8200, 6100], 41000, [1100, 900, 720, 530], 3600),
    "信息技术": ([14, 12, 10, 8], 50, [7400, 6400, 5300, 4200], 26500, [640, 540, 450, 350], 2250),
}
# Foreign capital (万美元) at the landed date, by 1-based landed index: 380/426/0/250.
FOREIGN = {"新材料新能源": {1: 200, 3: 180}, "高端装备": {2: 200, 4: 126, 7: 100}, "医养健康": {}, "信息技术": {2: 250}}
TOP500 = {"新材料新能源": {("L", 1)}, "高端装备": {("L", 2)}, "医养健康": set(), "信息技术": {("L", 2)}}
CHAIN = {"新材料新能源": {("L", 2), ("L", 4), ("S", 1)}, "高端装备": {("L", 1), ("L", 3), ("L", 5), ("S", 1)},
         "医养健康": {("L", 1), ("L", 2)}, "信息技术": {("L", 1), ("S", 1)}}
# Projects landed in 2019 that are still key projects in 2020: (landed month 2019, started (year, month),
# producing month 2020 or None, foreign capital 万美元). 2019's foreign capital is 170 万美元.
PRIOR = {
    "新材料新能源": [(4, (2019, 6), 3, 100), (5, (2019, 7), 5, 0), (7, (2019, 9), 8, 0), (9, (2019, 11), 10, 0)],
    "高端装备": [(3, (2019, 5), 2, 70), (4, (2019, 6), 4, 0), (5, (2019, 7), 5, 0), (6, (2019, 8), 7, 0),
                 (8, (2019, 10), 9, 0), (9, (2019, 11), 11, 0), (11, (2020, 3), None, 0)],
    "医养健康": [(6, (2019, 9), 6, 0)],
    "信息技术": [],
}


def d(y, m, day):
    return dt.date(y, m, day)


def iso(x):
    return x.isoformat() if x else ""


def money(x):
    """万 with up to 6 decimals, shortest."""
    s = f"{x:.6f}".rstrip("0").rstrip(".")
    return s


# ---- admission scoring, mirroring presets/admission.json ----------------------------------------
CREDIT = {"A": 1.0, "B": 0.7, "C": 0.4}
FIT = {"leading": 1.0, "related": 0.6, "other": 0.0}


def banded(r, t, bands):
    ratio = r / t
    for lo, v in bands:
        if lo <= ratio:
            return v
    return 0.0


def goalposts(r, lo, hi, lower=False):
    f = (hi - r) / (hi - lo) if lower else (r - lo) / (hi - lo)
    return min(max(f, 0.0), 1.0)


def fractions(c):
    inv = c["total_investment"] / c["land_area"]
    return [
        CREDIT.get(c["credit"], 0.0),
        FIT.get(c["industry_fit"], 0.0),
        goalposts(c["rd_share"], 0, 5),
        banded(inv, 300, [(3, 1.0), (2, 0.8), (1.5, 0.6), (1, 0.4)]),
        banded(c["promised_tax_per_mu"], 20, [(2, 1.0), (1.5, 0.8), (1, 0.6), (0.5, 0.3)]),
        banded(c["total_investment"] / 10000, 10, [(1, 1.0), (0.5, 0.8), (0.3, 0.6), (0.1, 0.4)]),
        goalposts(c["output_per_mu"], 300, 1500),
        goalposts(c["jobs"], 0, 300),
        goalposts(c["energy_per_output"], 0.02, 0.3, lower=True),
        goalposts(c["local_supply"], 0, 60),
    ]


def score(c):
    if c["credit"] == "blacklist" or c["industry_fit"] == "prohibited" or c["eia_rejected"]:
        return 0.0
    total = 0.0
    for f in fractions(c):
        total += f * 10
    return total


def gates_pass(c):
    return c["total_investment"] / c["land_area"] >= 300 and c["promised_tax_per_mu"] >= 10


# ---- building the registry ----------------------------------------------------------------------
def build():
    projects, candidates = [], []
    # 2019 projects carried into 2020 as key projects
    for tf in TF:
        for i, (lm, (sy, sm), pm, fc) in enumerate(PRIOR[tf], start=1):
            landed = d(2019, lm, 10 + i)
            intent = landed - dt.timedelta(days=60)
            dates = {
                "contacted": intent - dt.timedelta(days=40), "scored": intent - dt.timedelta(days=30),
                "reviewed": intent - dt.timedelta(days=20), "intent": intent,
                "signed": landed - dt.timedelta(days=30), "landed": landed, "started": d(sy, sm, 12 + i),
                "producing": d(2020, pm, 14 + i) if pm else None, "cleared": None}
            area = 20 + 5 * i
            projects.append({
                "id": f"2019-{CODE[tf]}-{i:02d}", "name": NAMES[tf][(i + 4) % len(NAMES[tf])] + "项目(续建)",
                "task_force": tf, "industry": INDUSTRY[tf][i % len(INDUSTRY[tf])], "key": 1, "chain": 0,
                "top500": 0, "total_investment": 30000 + 5000 * i, "fixed_asset_investment": area * 400,
                "foreign_capital": fc, "land_area": area, "annual_tax": area * 30, "admission_score": None,
                "dates": dates})
    # 2020
    for t, tf in enumerate(TF):
        areas, area_total, fais, fai_total, taxes, tax_total = LANDED[tf]
        areas = areas + [area_total - sum(areas)]
        fais = fais + [fai_total - sum(fais)]
        taxes = taxes + [tax_total - sum(taxes)]
        assert min(areas) > 0 and min(fais) > 0 and min(taxes) > 0, tf
        kinds = {"L": 0, "S": 0, "I": 0}
        signed_k = 0
        for i, (kind, im, sm, lm, stm, pm, key) in enumerate(PIPELINE[tf]):
            kinds[kind] += 1
            n = kinds[kind]
            intent = d(2020, im, 25 + i % 4) if im == 4 else d(2020, im, 2 + (i * 3) % 8)
            contacted = intent - dt.timedelta(days=16)
            if key:
                contacted = min(contacted, d(2020, 7, 10 + i))
            dates = {s: None for s in STAGES}
            dates["contacted"] = contacted
            dates["scored"] = contacted + dt.timedelta(days=7)
            dates["reviewed"] = intent - dt.timedelta(days=2)
            dates["intent"] = intent
            if sm:
                dates["signed"] = d(2020, sm, 10 + (i * 5) % 8)
            if lm:
                dates["landed"] = d(2020, lm, 18 + (i * 3) % 8)
            if stm:
                dates["started"] = d(2020, stm, 5 + i % 20)
            if pm:
                dates["producing"] = d(2020, pm, 15 + i % 10)
            if tf == "高端装备" and kind == "I" and n == 2:
                dates["cleared"] = d(2020, 12, 10)  # an intent that fell through
            total = SIGNED_INVESTMENT[tf][signed_k] if sm else 20000 + 2000 * i
            if sm:
                signed_k += 1
            if kind == "L":
                area, fai, tax = areas[n - 1], fais[n - 1], taxes[n - 1]
            else:
                area, fai, tax = 10 + 3 * i, 0, 0
            p = {
                "id": f"2020-{CODE[tf]}-{i + 1:02d}", "name": NAMES[tf][i % len(NAMES[tf])] + "项目",
                "task_force": tf, "industry": INDUSTRY[tf][i % len(INDUSTRY[tf])], "key": key,
                "chain": int((kind, n) in CHAIN[tf]), "top500": int((kind, n) in TOP500[tf]),
                "total_investment": total, "fixed_asset_investment": fai,
                "foreign_capital": FOREIGN[tf].get(n, 0) if kind == "L" else 0,
                "land_area": area, "annual_tax": tax, "dates": dates}
            c = {
                "id": p["id"], "name": p["name"], "task_force": tf, "credit": "A" if i % 3 else "B",
                "industry_fit": "leading" if i % 4 != 3 else "related", "rd_share": 2.0 + (i % 5) * 0.75,
                "total_investment": total, "land_area": area,
                "promised_tax_per_mu": 20 + (i * 7) % 30, "output_per_mu": 600 + (i * 97) % 800,
                "jobs": 80 + (i * 37) % 220, "energy_per_output": round(0.05 + (i % 6) * 0.02, 2),
                "local_supply": 20 + (i * 11) % 35, "eia_rejected": 0}
            assert gates_pass(c) and score(c) >= 62, (p["id"], score(c))
            p["admission_score"] = score(c)
            projects.append(p)
            candidates.append(c)
        # contacted and scored, not admitted
        first = len(PIPELINE[tf])
        for j in range(CONTACTED_ONLY[tf]):
            i = first + j
            month = 4 + (j * 5 + t) % 8
            contacted = d(2020, month, 3 + (j * 7 + t * 3) % 24)
            dates = {s: None for s in STAGES}
            dates["contacted"] = contacted
            dates["scored"] = contacted + dt.timedelta(days=7)
            total = 3000 + 1500 * (j % 7) + 500 * t
            area = 8 + (j * 3) % 10
            c = {
                "id": f"2020-{CODE[tf]}-{i + 1:02d}", "name": NAMES[tf][i % len(NAMES[tf])] + "项目",
                "task_force": tf, "credit": "B" if j % 3 else "C",
                "industry_fit": "related" if j % 2 else "other", "rd_share": 0.5 + (j % 4) * 0.4,
                "total_investment": total, "land_area": area,
                "promised_tax_per_mu": 12 + (j * 5) % 14, "output_per_mu": 300 + (j * 53) % 300,
                "jobs": 10 + (j * 13) % 70, "energy_per_output": round(0.16 + (j % 5) * 0.03, 2),
                "local_supply": (j * 7) % 20, "eia_rejected": 0}
            # A few rejected outright or vetoed, one of them an excellent project of a blacklisted investor.
            special = (t * 100 + j)
            if special in (3, 104, 207):
                c["promised_tax_per_mu"] = 6 + j % 3          # tax gate
            elif special in (5, 110):
                c["land_area"] = c["total_investment"] // 250  # investment-intensity gate (250 万元/亩)
            elif special == 1:
                c.update({"credit": "blacklist", "industry_fit": "leading", "rd_share": 6, "total_investment": 150000,
                          "land_area": 50, "promised_tax_per_mu": 45, "output_per_mu": 1600, "jobs": 320,
                          "energy_per_output": 0.02, "local_supply": 60})
            elif special == 302:
                c["industry_fit"] = "prohibited"
            if special in (1, 3, 5, 104, 110, 207, 302):
                dates["cleared"] = dates["scored"] + dt.timedelta(days=3)
            assert score(c) < 58 or special == 1, (c["id"], score(c))
            vetoed = c["credit"] == "blacklist" or c["industry_fit"] == "prohibited"
            assert not gates_pass(c) or vetoed or score(c) < 58
            projects.append({
                "id": c["id"], "name": c["name"], "task_force": tf, "industry": INDUSTRY[tf][j % len(INDUSTRY[tf])],
                "key": 0, "chain": 0, "top500": 0, "total_investment": c["total_investment"],
                "fixed_asset_investment": 0, "foreign_capital": 0, "land_area": c["land_area"], "annual_tax": 0,
                "admission_score": score(c), "dates": dates})
            candidates.append(c)
    return projects, candidates


def write_projects(projects):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(HEADER)
    for p in projects:
        score_text = "" if p["admission_score"] is None else repr(round(p["admission_score"], 6))
        w.writerow([p["id"], p["name"], p["task_force"], p["industry"], p["key"], p["chain"], p["top500"],
                    money(p["total_investment"]), money(p["fixed_asset_investment"]), money(p["foreign_capital"]),
                    money(p["land_area"]), money(p["annual_tax"]), score_text] +
                   [iso(p["dates"][s]) for s in STAGES])
    return out.getvalue()


CANDIDATE_HEADER = ["id", "name", "task_force", "credit", "industry_fit", "rd_share", "total_investment", "land_area",
                    "promised_tax_per_mu", "output_per_mu", "jobs", "energy_per_output", "local_supply", "eia_rejected"]


def write_candidates(candidates):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CANDIDATE_HEADER)
    for c in candidates:
        w.writerow([c[k] if isinstance(c[k], str) else money(c[k]) for k in CANDIDATE_HEADER])
    return out.getvalue()


def write_other(root):
    """The leaves the registry cannot know, copied from samples/task-force/values.csv."""
    registry_leaves = {"intent_projects", "signed_projects", "signed_investment", "landed_projects",
                       "key_project_start_rate", "producing_projects", "foreign_capital", "top500_projects",
                       "chain_projects", "investment_per_mu", "tax_per_mu"}
    with open(os.path.join(root, "samples", "task-force", "values.csv"), encoding="utf-8") as f:
        rows = list(csv.reader(f))
    keep = [k for k, h in enumerate(rows[0]) if h not in registry_leaves]
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    for r in rows:
        w.writerow([r[k] for k in keep])
    return out.getvalue()


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "samples", "projects")
    os.makedirs(folder, exist_ok=True)
    projects, candidates = build()
    admitted = sum(1 for c in candidates if gates_pass(c) and score(c) >= 60)
    print("lowest admitted", min(score(c) for c in candidates if gates_pass(c) and score(c) >= 60),
          "highest rejected", max(score(c) for c in candidates if not (gates_pass(c) and score(c) >= 60)))
    assert len(candidates) == 92 and admitted == 42, (len(candidates), admitted)
    for name, text in (("projects.csv", write_projects(projects)), ("candidates.csv", write_candidates(candidates)),
                       ("other.csv", write_other(root))):
        with open(os.path.join(folder, name), "w", encoding="utf-8", newline="") as f:
            f.write(text)
    print(f"wrote {len(projects)} projects and {len(candidates)} candidates ({admitted} admitted) to {folder}")


if __name__ == "__main__":
    main()
