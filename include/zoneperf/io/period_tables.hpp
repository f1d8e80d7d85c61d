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
/// read once: each row's cells (less the period column) are kept with the period's rows, and
/// rows(p) replays the header and those rows as a cell source, so every reader (values, targets)
/// and every message works as for a table of one period, with cells named as the file numbers them.
/// It holds the table's text (about the file's size) while it lives.
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
  /// Reads `path` (CSV or a workbook sheet, "book.xlsx#Sheet2"; "-" standard input) up to its
  /// header, and when the header has a period column, every row (`progress`: the reading's stage).
  static long_table open(const std::string& path, const progress_callback& progress = {});
  /// The same for bytes in memory; `name` is used in messages.
  static long_table from_bytes(std::string_view bytes, std::string name);

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
  void read(cell_source& src);
  /// The rows of one period, less the period column: their cells' text back to back, a row
  /// never split between two blocks.
  struct part {
    static constexpr std::size_t block = std::size_t{4} << 20;
    std::vector<std::string> blocks;
    std::vector<std::uint32_t> lengths;  ///< each cell's bytes, row after row (`width` cells a row)
    std::vector<std::size_t> lines;      ///< each row's line (or sheet row)
  };
  friend class long_table_rows;
  std::string name_;
  cell_naming naming_ = cell_naming::line_field;
  std::size_t column_ = npos;
  std::vector<std::string> header_;  ///< less the period column
  std::size_t header_line_ = 0;
  std::vector<period> periods_;
  std::vector<part> parts_;  ///< parts_[i]: the rows of periods_[i]
};

}  // namespace zoneperf
