#pragma once
// The report sections over periods (docs/semantics.md §9): the series' trend, the year of faces
// and the class migration, read from the JSON their commands print and checked once (model.cpp),
// or built from the results themselves (view_of), then written by html_periods.cpp,
// xlsx_periods.cpp and as tables (text.cpp).
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "zoneperf/io/reports.hpp"

namespace zoneperf::detail {

using rjson = nlohmann::ordered_json;
struct report_model;

/// `zoneperf series --format json`: units in order of first appearance, periods in time order.
struct series_cell {
  bool present = false;
  double total = 0;
  int rank = 0;
  std::string grade;
  std::optional<double> d_score;  ///< total(p) − total(p′); p′ is the period before (index − 1)
  std::optional<int> d_rank;      ///< rank(p′) − rank(p)
};
struct series_view {
  std::vector<std::string> periods, units;
  std::vector<std::vector<series_cell>> cells;  ///< [unit][period]
};
/// Reads and checks the series JSON (201 missing field, 202 wrong type, 306 a unit and period
/// twice, 318 a Δ that disagrees with the totals and ranks, or a Δ without the period before).
series_view read_series_view(const rjson& j);
/// The same view from the series itself; grades are labelled with `tree`'s.
series_view view_of(const assessment_series& series, const indicator_tree& tree);

/// `zoneperf projects faces YEAR --format json`.
struct faces_month {
  std::string month, face;       ///< face "😊", "😢" or "" (no targets)
  double actual[3] = {0, 0, 0};  ///< intent, signed, landed (NaN when absent)
  double target[3] = {0, 0, 0};
  std::vector<std::string> missed;
};
struct faces_year_row {
  std::string task_force;
  long long smiles = 0, cries = 0;
  std::vector<faces_month> months;
};
struct faces_year_view {
  std::string year, as_of;
  std::vector<faces_year_row> rows;
};
faces_year_view read_faces_year_view(const rjson& j);
faces_year_view view_of(const year_of_faces& faces);

/// `zoneperf land --previous … --format json`.
struct migration_move {
  std::string id, name, from, to, move;
  long long steps = 0;
};
struct migration_view {
  std::vector<std::string> rows, columns;      ///< the earlier classes + "entered"; the later + "left"
  std::vector<std::vector<long long>> counts;  ///< [row][column]
  std::vector<migration_move> moves;
};
migration_view read_migration_view(const rjson& j);
migration_view view_of(const class_migration& migration);

/// The tables of the sections given, in the workbook's order: series, faces_year,
/// faces_year_months, migration, migration_moves.
std::vector<report_table> period_tables(const report_model& m);

/// The page's sections over periods, appended to `o` (html_periods.cpp): trend, year of faces,
/// class migration, each when given.
void period_sections_html(const report_model& m, std::string& o);

}  // namespace zoneperf::detail
