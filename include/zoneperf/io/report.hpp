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
/// a node whose scored children were all missing carries "all_missing": true;
/// `nodes` lists every node but the root whose scores the assessment kept; grade is the label.
#include <string>
#include <vector>

#include "zoneperf/assess.hpp"
#include "zoneperf/text/file.hpp"
#include "zoneperf/text/number.hpp"

namespace zoneperf {

/// The same reports written as they are made (no document held), for large batches.
void write_report_json(text_output& out, const indicator_tree& tree, const assessment& result,
                       const std::vector<std::string>& units,
                       const std::vector<std::vector<leaf_explanation>>* leaves = nullptr, int indent = 2);
void write_report_csv(text_output& out, const indicator_tree& tree, const assessment& result,
                      const std::vector<std::string>& units);
void write_report_markdown(text_output& out, const indicator_tree& tree, const assessment& result,
                           const std::vector<std::string>& units);

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

}  // namespace zoneperf
