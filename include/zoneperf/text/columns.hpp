#pragma once
/// The Chinese names of the record tables' columns: one table of aliases per kind of table, kept as
/// data in src/text/columns.cpp, and the one function every record reader matches its header with.
///
/// Synopsis
///   enum class record_table { enterprises, staff, events, projects, candidates };
///   struct column_alias { std::string_view column, unit, names; };
///   const std::vector<column_alias>& column_aliases(record_table);
///   std::vector<std::string> column_ids(const cell_table&, record_table);  // throws zoneperf::error
///
/// A header cell names a column by its id (`land_mu`: compared as today, byte for byte) or, after
/// fold_header (full-width brackets and spaces folded), by one of its Chinese names, alone
/// (`用地面积`) or with the column's own unit in brackets (`用地面积(亩)`). A Chinese name with another
/// bracket is error 321 naming the header and the columns' units: zoneperf never converts units
/// from headers. A header that names two columns (`用地面积` names land_mu, land_m2 and land_ha) is
/// error 320, and one column given under two names (`id` and `企业编号`) is error 307, each naming
/// both headers and their positions. (docs/semantics.md §4 "Headers")
#include <string>
#include <string_view>
#include <vector>

#include "zoneperf/text/csv.hpp"

namespace zoneperf {

/// The record tables whose columns have Chinese names (the values and targets tables name the
/// tree's leaves instead: io/tables.hpp).
enum class record_table { enterprises, staff, events, projects, candidates };

/// One column of a record table: its id, its own unit ("亩", "万元"; empty for text, flags and
/// counts) and its Chinese names without a bracket, separated by '|' ("用地面积|占地面积").
struct column_alias {
  std::string_view column;
  std::string_view unit;
  std::string_view names;
};

/// The columns of `table` that have Chinese names, in the order the docs list them.
const std::vector<column_alias>& column_aliases(record_table table);

/// The header of `t` with each Chinese name replaced by the id of the column it names; any other
/// header (ids, items, unknown columns) is returned as it is, for the reader's own checks. Every
/// problem of the header (307, 320, 321) is thrown at once.
std::vector<std::string> column_ids(const cell_table& t, record_table table);

}  // namespace zoneperf
