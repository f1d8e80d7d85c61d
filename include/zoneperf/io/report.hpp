#pragma once
/// Scorecard reports: JSON (for machines and the other modules), CSV and Markdown; and the reader
/// that turns a scorecard file back into a scorecard.
///
/// Synopsis
///   scorecard read_scorecard(std::string_view json, std::string_view source = "<scorecard>",
///                            const indicator_tree* tree = nullptr);
///   scorecard read_scorecard_file(const std::string& path, const indicator_tree* tree = nullptr);
///   std::string report_json(const scorecard&, int indent = 2);   // also report_csv, report_markdown
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
///
/// Reading a scorecard file: the tree is the one given, else the preset its "tree" names (a given
/// tree must have that id). "nodes" and "leaves" are optional (every unit gives the same nodes as
/// the first; a leaf's fields default to null and false), the rest is required. The reader checks
/// what the file gives against the tree and itself, and reports every problem at once with its
/// JSON pointer and unit: 101 not JSON, 201 a missing field, 202 a wrong type, 304 an unknown node
/// or leaf, 306 a unit given twice, 318 numbers that disagree (a total unequal to its groups plus
/// bonuses minus penalties floored at 0, or nonzero when vetoed; a grade the tree does not have or
/// that the total does not give; ranks that are not the competition ranks of the totals, or given
/// for some units only; a rate that is not score / max; a leaf's rule unlike the tree's). Sums are
/// compared within 1e-9 relative, so a hand-written file may round its decimals. The whole file is
/// held while it is read: it is meant for the scorecards that pay and the reports take.
#include <string>
#include <string_view>
#include <vector>

#include "zoneperf/assess.hpp"
#include "zoneperf/scorecard.hpp"
#include "zoneperf/text/file.hpp"
#include "zoneperf/text/number.hpp"

namespace zoneperf {

struct ytd_targets;  // zoneperf/period_values.hpp

/// The same reports written as they are made (no document held), for large batches. With `ytd`
/// (a year-to-date assessment) each explained leaf also has "schedule": "on_schedule", "behind"
/// or null, and the scaled ones "annual_target" (t), "k" and "n" ("target" is t_p).
void write_report_json(text_output& out, const indicator_tree& tree, const assessment& result,
                       const std::vector<std::string>& units,
                       const std::vector<std::vector<leaf_explanation>>* leaves = nullptr, int indent = 2,
                       const ytd_targets* ytd = nullptr);
void write_report_csv(text_output& out, const indicator_tree& tree, const assessment& result,
                      const std::vector<std::string>& units);
void write_report_markdown(text_output& out, const indicator_tree& tree, const assessment& result,
                           const std::vector<std::string>& units);

scorecard read_scorecard(std::string_view json, std::string_view source = "<scorecard>",
                         const indicator_tree* tree = nullptr);
scorecard read_scorecard_file(const std::string& path, const indicator_tree* tree = nullptr);

/// The reports of a scorecard (the units it explains carry their "leaves").
void write_report_json(text_output& out, const scorecard& card, int indent = 2);
std::string report_json(const scorecard& card, int indent = 2);
std::string report_csv(const scorecard& card);
std::string report_markdown(const scorecard& card);

std::string report_json(const indicator_tree& tree, const assessment& result,
                        const std::vector<std::string>& units,
                        const std::vector<std::vector<leaf_explanation>>* leaves = nullptr, int indent = 2);
/// One row per unit: unit, each group's score, total, rank, grade, veto. For people (csv_for::people
/// in text/csv.hpp); no zoneperf command reads it back (pay and the reports read the JSON).
std::string report_csv(const indicator_tree& tree, const assessment& result,
                       const std::vector<std::string>& units);
std::string report_markdown(const indicator_tree& tree, const assessment& result,
                            const std::vector<std::string>& units);
/// Leaf explanations of one unit as Markdown (a table: indicator, actual, target, ratio, rule, fraction,
/// points).
std::string explanation_markdown(const indicator_tree& tree, const std::vector<leaf_explanation>& leaves);

}  // namespace zoneperf
