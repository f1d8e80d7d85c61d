#pragma once
/// Scorecard reports: JSON (for machines and the other modules), CSV and Markdown.
///
/// Synopsis
///   enum class explanations { off, on };
///   std::string report_json(const indicator_tree&, const assessment&, const std::vector<std::string>& units,
///                           const std::vector<std::vector<leaf_explanation>>* leaves = nullptr, int indent =
///                           2);
///   std::string report_csv(const indicator_tree&, const assessment&, const std::vector<std::string>& units);
///   std::string report_markdown(const indicator_tree&, const assessment&, const std::vector<std::string>&
///   units);
///
/// JSON: {"tree": id, "units": [{"id", "total", "rank", "grade", "veto",
///        "nodes": {"<node id>": {"score", "max", "rate"}, ...},
///        "leaves": {"<leaf id>": {"actual", "target", "target_source", "ratio", "rule", "fraction",
///                                 "capped", "points", "max", "vetoes"}}}]}   ("leaves" for the units given
///                                 explanations)
/// Units stay in input order; every number reads back to the same double; a missing value is null;
/// `nodes` lists every node but the root whose scores the assessment kept; grade is the label.
#include <string>
#include <vector>

#include "zoneperf/assess.hpp"

namespace zoneperf {

std::string report_json(const indicator_tree& tree, const assessment& result,
                        const std::vector<std::string>& units,
                        const std::vector<std::vector<leaf_explanation>>* leaves = nullptr, int indent = 2);
/// One row per unit: unit, each group's score, total, rank, grade, veto.
std::string report_csv(const indicator_tree& tree, const assessment& result,
                       const std::vector<std::string>& units);
std::string report_markdown(const indicator_tree& tree, const assessment& result,
                            const std::vector<std::string>& units);
/// Leaf explanations of one unit as Markdown (a table: indicator, actual, target, ratio, rule, fraction,
/// points).
std::string explanation_markdown(const indicator_tree& tree, const std::vector<leaf_explanation>& leaves);

/// A number as the shortest text that reads back to the same double ("0.1", "85.714285714285708").
std::string shortest(double v);
/// A number rounded for people: fixed with `decimals` places.
std::string fixed(double v, int decimals = 2);

}  // namespace zoneperf
