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
///
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
targets_table read_targets(const indicator_tree& tree, const std::vector<std::string>& units,
                           std::string_view csv, const std::string& source,
                           const progress_callback& progress = {});
targets_table read_targets_file(const indicator_tree& tree, const std::vector<std::string>& units,
                                const std::string& path, const progress_callback& progress = {});

}  // namespace zoneperf
