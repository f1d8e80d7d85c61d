#pragma once
/// Enterprise (or project) tables for the land module, read from CSV.
///
/// Synopsis
///   std::vector<land_record> read_land_records(const cell_table&, const land_csv_options& = {});
///   std::vector<land_record> read_land_records_file(const std::string& path, const land_csv_options& = {});
///
/// Columns (header names, any order; UTF-8, one row per entity):
///   id               required, unique, non-empty
///   name, park, task_force     optional text
///   land_mu | land_m2 | land_ha   exactly one: the land area in that unit, an exact decimal
///   investment_wan   fixed-asset investment, 万元        tax_wan        tax paid, 万元
///   revenue_wan      main business revenue, 万元        value_added_wan industrial value added, 万元
///   rd_wan           R&D spending, 万元                 energy_tce     energy use, tce
///   emissions_t      main pollutants, tonnes            employees      average employees
///   exempt           empty = rated; any text = not rated (class T), the text being the reason
///   <item id>        a bonus, penalty or veto item of the scorecard (options.item_columns)
/// An empty cell is a missing figure. Every problem is reported at once, each naming the file,
/// line and column: unknown, duplicate or missing columns (304, 307, 305), two land columns
/// (909), text in a number cell (308), a missing or non-positive land area (901, 902), a
/// negative figure (903), an empty or duplicate id (317, 904).
#include <string>
#include <vector>

#include "zoneperf/land/metrics.hpp"
#include "zoneperf/text/csv.hpp"

namespace zoneperf {

struct land_csv_options {
  /// Extra numeric columns accepted as item values (the tree's bonus, penalty and veto ids).
  std::vector<std::string> item_columns;
};

std::vector<land_record> read_land_records(const cell_table& table, const land_csv_options& options = {});
std::vector<land_record> read_land_records_file(const std::string& path,
                                                const land_csv_options& options = {});

}  // namespace zoneperf
