#pragma once
/// Long tables: one row per unit and period, each row's period in a column of its own
/// (docs/semantics.md §9 "Series"). A series reads its values, and its per-period targets, from one
/// such table instead of one file per period.
///
/// Synopsis
///   bool is_period_header(std::string_view header);   // period, 期间, 报告期 (folded)
///   class long_table { static long_table open(path); bool has_periods(); periods(); rows(p); };
///
/// The period column may stand anywhere after the unit column; its cells are period labels
/// (`2020-07`, `2020Q3`, `2020H1`, `2020`; error 702 at the cell that does not parse). The table is
/// read once to find the periods and once more per period, each pass a cell source that leaves the
/// period column out, so every reader (values, targets) and every message works as for a table of
/// one period, with cells named as the file numbers them.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "zoneperf/period.hpp"
#include "zoneperf/text/csv.hpp"

namespace zoneperf {

/// True for the names of a long table's period column after folding: `period`, `期间`, `报告期`.
bool is_period_header(std::string_view header);

class long_table {
 public:
  /// Reads `path` (CSV or a workbook sheet, "book.xlsx#Sheet2"; "-" reads standard input whole)
  /// up to its header, and when the header has a period column, every row's period.
  static long_table open(const std::string& path);
  /// The same for bytes in memory (kept by the long_table); `name` is used in messages.
  static long_table from_bytes(std::string bytes, std::string name);

  /// Whether the header has a period column.
  bool has_periods() const { return column_ != npos; }
  /// The periods, in order of first appearance.
  const std::vector<period>& periods() const { return periods_; }
  /// The name used in messages.
  const std::string& name() const { return name_; }
  /// The rows of period p (those whose label parses to p), without the period column; valid while
  /// this long_table lives.
  std::unique_ptr<cell_source> rows(const period& p) const;

 private:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  std::unique_ptr<cell_source> reopen() const;
  void scan();
  std::string path_;                          // the file, or empty when bytes_ holds the table
  std::shared_ptr<const std::string> bytes_;  // the table in memory (standard input)
  std::string name_;
  std::size_t column_ = npos;
  std::vector<period> periods_;
  std::vector<std::pair<std::string, period>> labels_;  // every distinct label and its period
};

}  // namespace zoneperf
