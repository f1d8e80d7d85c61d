#!/usr/bin/env python3
"""Writes samples/land/enterprises_2019.csv, the sample zone's enterprises a year before
samples/land/enterprises.csv, for `zoneperf land --previous` (the class migration, docs/land.md).

Deterministic: each 2019 figure is the later table's figure times a factor fixed below, rounded
as the later table writes it. The story it tells:
- most enterprises grew about 10 % (their 2019 figures are 0.9 × the later ones);
- some changed more (FACTORS), so that they move between classes;
- E07, E30 and E33 started production after 2019 (they enter); E34 and E35 closed (they leave);
- E29 was in its first two years of production in 2019 (exempt then, rated later); E21 is exempt
  in both years; the two utilities (E06, E31) are exempt in both years.

Run from the repository's root: python3 scripts/make_sample_enterprises_2019.py
"""
import csv
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
LATER = ROOT / "samples/land/enterprises.csv"
OUT = ROOT / "samples/land/enterprises_2019.csv"

DEFAULT = 0.9  # the 2019 figures of an enterprise that grew about 10 %
# Output (tax, revenue, value added, R&D) factors of the enterprises that changed more.
FACTORS = {
    "E03": 1.6,   # lost an export order in the later year: stronger in 2019
    "E09": 0.35,  # its new coating line started late in 2019
    "E12": 1.5,
    "E15": 1.45,
    "E17": 0.6,
    "E22": 0.62,
    "E25": 1.6,
    "E27": 0.7,
}
ENTERED = {"E07", "E30", "E33"}
EXEMPT_2019 = {"E29": "投产不满2年"}
LEFT = [
    # id, name, park, task_force, land_mu, investment_wan, tax_wan, revenue_wan, value_added_wan, rd_wan,
    # energy_tce, emissions_t, employees, exempt
    ["E34", "印染织造有限公司", "新材料产业园", "新材料新能源", "40", "9800", "210.4", "7820.5", "1530.2", "60.8",
     "2950.3", "2.410", "310", ""],
    ["E35", "铸件加工有限公司", "装备制造园", "高端装备", "25", "5200", "96.5", "3980.0", "870.6", "20.4", "1870.2",
     "1.720", "150", ""],
]
OUTPUT = {"tax_wan", "revenue_wan", "value_added_wan", "rd_wan"}
DECIMALS = {"investment_wan": 0, "tax_wan": 1, "revenue_wan": 1, "value_added_wan": 1, "rd_wan": 1,
            "energy_tce": 1, "emissions_t": 3, "employees": 0}


def scaled(text: str, factor: float, decimals: int) -> str:
    if text == "":
        return ""
    value = round(float(text) * factor, decimals)
    return str(int(value)) if decimals == 0 else f"{value:.{decimals}f}"


def main() -> None:
    with LATER.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    header = list(rows[0].keys())
    out = []
    for row in rows:
        if row["id"] in ENTERED:
            continue
        factor = FACTORS.get(row["id"], DEFAULT)
        new = dict(row)
        for column, decimals in DECIMALS.items():
            # Output moves with the enterprise's story; inputs (investment, energy, staff) grow 10 %.
            new[column] = scaled(row[column], factor if column in OUTPUT else DEFAULT, decimals)
        if row["id"] in EXEMPT_2019:
            new["exempt"] = EXEMPT_2019[row["id"]]
        out.append(new)
    out.extend(dict(zip(header, r)) for r in LEFT)
    with OUT.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        w.writeheader()
        w.writerows(out)


if __name__ == "__main__":
    main()
