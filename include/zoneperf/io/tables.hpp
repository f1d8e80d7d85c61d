#pragma once
/// Values and targets tables for the assessment engine, read from CSV or a workbook sheet
/// (docs/semantics.md §4 "Tables", docs/workbooks.md).
///
/// Synopsis
///   struct values_table { std::vector<std::string> units; Eigen::MatrixXd values; };
///   values_table read_values(const indicator_tree&, std::string_view csv, const std::string& source);
///   values_table read_values_file(const indicator_tree&, const std::string& path);
///   struct targets_table { std::vector<std::string> leaf_ids; Eigen::MatrixXd values; target_table view()
///   const; }; targets_table read_targets(const indicator_tree&, const std::vector<std::string>& units,
///                              std::string_view csv, const std::string& source);
///   std::vector<std::string> match_columns(const indicator_tree&, const std::vector<std::string>& headers,
///                                          const std::string& source);
///
/// Headers (docs/semantics.md §4 "Headers"): the first column is `unit` (or 单位, 单位名称, 专班,
/// 考核单位); the others name leaves and items by id, display name or display name without its
/// trailing bracket, after folding full-width forms (zoneperf/text/headers.hpp); a percentage cell
/// ("85.5%") reads in a leaf whose unit is "%" (85.5) or "fraction" (0.855) and is 308 elsewhere.
/// Values: header `unit,<ids>` with a column for every leaf and every bonus, penalty and veto item
/// (any order); one row per unit; an empty cell is a missing value; a lookup leaf's cell holds its
/// code ("A", "blacklist"). Targets: a row for every unit of the values table (any order), a
/// column for any subset of the target-using leaves; an empty cell takes the leaf's default.
/// Errors name the file, line and column (a workbook's cell: "figures.xlsx:Sheet1!C7"), and the
/// unit and indicator. The text overloads take CSV text or a workbook's bytes, the _file ones a
/// path ("figures.xlsx#Sheet2"): the format is told by the first bytes (zoneperf/text/workbook.hpp).
#include <Eigen/Core>
#include <string>
#include <string_view>
#include <vector>

#include "zoneperf/assess.hpp"
#include "zoneperf/text/csv.hpp"
#include "zoneperf/tree.hpp"

namespace zoneperf {

/// Reads every row of `source`; numbers go straight into the column-major values. `progress`
/// receives stage "reading <source>" in bytes (zoneperf/progress.hpp).
values_table read_values(const indicator_tree& tree, cell_source& source);
values_table read_values(const indicator_tree& tree, std::string_view csv, const std::string& source,
                         const progress_callback& progress = {});
values_table read_values_file(const indicator_tree& tree, const std::string& path,
                              const progress_callback& progress = {});

targets_table read_targets(const indicator_tree& tree, const std::vector<std::string>& units,
                           cell_source& source);

/// The ids of the leaves and items that `headers` name, as the readers map a table's headers (every
/// header a column: no unit column): an id, a display name, or a name without its trailing bracket,
/// folded; a bracket only when it is the leaf's unit. Errors 304, 307, 320 and 321 name
/// "<source> column N". Python's DataFrames go through it.
std::vector<std::string> match_columns(const indicator_tree& tree, const std::vector<std::string>& headers,
                                       const std::string& source);
targets_table read_targets(const indicator_tree& tree, const std::vector<std::string>& units,
                           std::string_view csv, const std::string& source,
                           const progress_callback& progress = {});
targets_table read_targets_file(const indicator_tree& tree, const std::vector<std::string>& units,
                                const std::string& path, const progress_callback& progress = {});

}  // namespace zoneperf
