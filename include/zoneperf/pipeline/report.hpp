#pragma once
/// JSON reports of the project registry and of admission: what `zoneperf projects … --format json`
/// and `zoneperf admit --format json` write, for the CLI, the C API and the Python module alike.
///
/// Synopsis
///   registry registry_as_of(const registry&, date d);     // the registry as it stood at the end of d
///   std::string projects_month_json(const registry&, const period& month, std::optional<date> as_of = {},
///   int indent = 2); std::string projects_period_json(const registry&, const period& p, std::optional<date>
///   as_of = {}, int indent = 2); std::string admission_json(const std::vector<admission_decision>&, int
///   indent = 2); std::string calendar_json(const std::vector<rhythm_event>&, int indent = 2);
///   std::string year_faces_json(const year_of_faces&, int indent = 2);
///
/// Month report: {"period", "as_of", "units": [counts], "zone": counts,
///   "growth": {<measure>: {"yoy": x|"no base", "mom": x|"no base"}},
///   "check": {"complete", "task_forces": [{"task_force", "weight", "target": {intent, signed, landed},
///             "actual": {...}, "face": "😊"|"😢"|"", "missed": [...]}]}}
/// where counts = {"unit", "entered": {<stage>: n}, "active": {<stage>: n}, "signed_investment_yi",
/// "foreign_capital_wan_usd", "key_projects", "key_started"}. The month is counted up to `as_of`
/// (default: its last day); the year-on-year and month-on-month bases are whole periods.
/// Period report: {"period", "as_of", "units", "zone" (+ "investment_per_mu", "tax_per_mu": x|null),
///   "growth_yoy": {<measure>: x|"no base"}, "funnel": [{"stage", "count", "conversion": x|null}],
///   "scorecard_leaves": {<task force>: {<leaf>: x|null}}}.
/// Admission: [{"id", "name", "task_force", "decision", "points", "total", "gate_failed", "vetoed",
///   "dimensions": {<leaf>: {"actual", "points", "max"}}, "reasons": [...]}].
/// Calendar: [{"date", "event" ("月汇报 monthly_report"), "covers" (period label)}].
/// Faces over the year: {"year", "as_of", "zone_target": {intent, signed, landed},
///   "task_forces": [{"task_force", "smiles", "cries", "none", "months": [{"month", "complete",
///                    "target": {...}, "actual": {...}, "face": "😊"|"😢"|"", "missed": [...]}]}]}
/// (the months checked, January first: docs/semantics.md §9).
#include <optional>
#include <string>
#include <vector>

#include "zoneperf/period.hpp"
#include "zoneperf/pipeline/admission.hpp"
#include "zoneperf/pipeline/registry.hpp"
#include "zoneperf/pipeline/year_faces.hpp"

namespace zoneperf {

/// The registry as it stood at the end of day d: registry::snapshot(d) when d is before its as-of
/// date, else a copy whose as-of date moves to d (nothing new is known after the file's last date).
registry registry_as_of(const registry& r, date d);

/// Error 751 when `month` is not a month.
std::string projects_month_json(const registry& r, const period& month, std::optional<date> as_of = {},
                                int indent = 2);
std::string projects_period_json(const registry& r, const period& p, std::optional<date> as_of = {},
                                 int indent = 2);
std::string admission_json(const std::vector<admission_decision>& decisions, int indent = 2);
std::string calendar_json(const std::vector<rhythm_event>& events, int indent = 2);
std::string year_faces_json(const year_of_faces& faces, int indent = 2);

}  // namespace zoneperf
