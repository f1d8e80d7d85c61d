#pragma once
/// Tables of cells as every zoneperf reader takes them: read row by row from a source of cells
/// (CSV here; the workbook readers extend cell_source), or whole into a cell_table.
///
/// Synopsis
///   class cell_source { bool next(); const std::vector<std::string_view>& cells(); std::string where(col);
///   }; class csv_source : public cell_source;   // CSV text in memory, or a file read in blocks class
///   cell_table { rows(), cell(r, c), line(r), where(r, c), header_where(c) }; cell_table
///   read_table(cell_source&); cell_table read_csv(std::string_view text, std::string source);  // throws
///   zoneperf::error cell_table read_csv_file(const std::string& path); std::string
///   csv_field(std::string_view text);  void append_csv_field(std::string&, std::string_view);
///
/// CSV (RFC 4180, UTF-8): a byte-order mark at the start, CRLF or LF line ends, quoted fields holding
/// commas, quotes ("") and line breaks. Blank lines are skipped; the first row is the header and
/// every row has as many fields as the header. Errors name the source, the line and the column
/// (1-based field number): invalid UTF-8 (110), an unterminated quote (111), a stray quote (112),
/// an empty file (113), a row of another width (114). Cells are views of the bytes read; a cell's
/// location is only formatted when an error is reported.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "zoneperf/progress.hpp"

namespace zoneperf {
namespace detail {
class progress_meter;
}

/// How messages name a table's cells: "values.csv:4:3" (line and field of a text file) or
/// "figures.xlsx:Sheet1!C4" (a workbook sheet's cell, as Excel names it; the source's name is
/// "figures.xlsx:Sheet1").
enum class cell_naming { line_field, sheet_cell };

/// A table read one row at a time. The first row read is the header.
class cell_source {
 public:
  virtual ~cell_source() = default;
  cell_source(const cell_source&) = delete;
  cell_source& operator=(const cell_source&) = delete;

  /// The name used in messages (usually the file's path).
  const std::string& name() const noexcept { return name_; }
  /// Reads the next non-blank row; false at the end. Throws zoneperf::error on bad syntax, and
  /// error 114 for a row whose width differs from the first row's.
  virtual bool next() = 0;
  /// The cells of the row read last: views valid until the next call of next().
  const std::vector<std::string_view>& cells() const noexcept { return cells_; }
  /// The 1-based line (or sheet row) where the row read last starts.
  std::size_t line() const noexcept { return line_; }
  /// "values.csv:4:3" or "figures.xlsx:Sheet1!C4": cell `column` (0-based) of the row read last.
  std::string where(std::size_t column) const { return where_at(line_, column); }
  /// "values.csv:4" or "figures.xlsx:Sheet1!4": the row read last.
  std::string where_row() const { return row_at(line_); }
  /// The same for line (or sheet row) `line`, e.g. a header cell once later rows are read.
  std::string where_at(std::size_t line, std::size_t column) const;
  std::string row_at(std::size_t line) const;
  cell_naming naming() const noexcept { return naming_; }
  /// How many rows are left to read, for a reader that sizes its storage once: exact for a table
  /// without blank lines or line breaks inside quoted fields, 0 when unknown. Only a hint: next()
  /// decides. A file is counted in a separate pass over its bytes (its line ends only).
  virtual std::size_t rows_hint() const { return 0; }

 protected:
  explicit cell_source(std::string name) : name_(std::move(name)) {}
  std::string name_;
  std::vector<std::string_view> cells_;
  std::size_t line_ = 0;
  cell_naming naming_ = cell_naming::line_field;
};

/// CSV text in memory (which must outlive the source), or a file read in blocks of 1 MiB so that a
/// large file is never held whole. With a progress callback, reports stage "reading <name>" in
/// bytes consumed (zoneperf/progress.hpp), at most once a row.
class csv_source final : public cell_source {
 public:
  csv_source(std::string_view text, std::string name, const progress_callback& progress = {});
  /// Opens `path` (error 401 when it cannot be opened).
  explicit csv_source(const std::string& path, const progress_callback& progress = {});
  ~csv_source() override;
  bool next() override;
  std::size_t rows_hint() const override;

 private:
  bool parse_record();  // false: needs more bytes
  bool refill();        // false: at the end of the file
  void check_utf8(std::size_t begin, std::size_t end) const;

  std::FILE* file_ = nullptr;
  std::string storage_;    // the bytes read from the file
  std::string_view text_;  // the bytes being parsed: text_[pos_, size)
  std::size_t pos_ = 0;
  std::size_t next_line_ = 1;
  std::size_t width_ = 0;            // the header's field count (0 before the header)
  bool at_end_ = false;              // nothing more to read
  bool first_ = true;                // no byte looked at yet (for the byte-order mark)
  std::string unquoted_;             // quoted fields with "" turned into ", for the current row
  std::vector<std::size_t> fixups_;  // (cell, offset in unquoted_) of the quoted fields with ""
  void report_progress();
  std::unique_ptr<detail::progress_meter> progress_;  // null: no progress reports
  std::uint64_t dropped_ = 0;                         // bytes before text_ (read and let go)
  std::uint64_t check_at_ = 0;                        // consumed bytes at which to report next
};

/// A whole table in memory, its cells as views into one buffer it owns.
class cell_table {
 public:
  std::string source;               ///< the name used in messages
  std::vector<std::string> header;  ///< the first row
  std::size_t header_line = 1;
  cell_naming naming = cell_naming::line_field;

  std::size_t rows() const noexcept { return lines_.size(); }
  std::size_t columns() const noexcept { return header.size(); }
  /// Row `row` (0-based, after the header), column `column` (0-based).
  std::string_view cell(std::size_t row, std::size_t column) const {
    const std::size_t k = row * header.size() + column;
    const std::size_t begin = k ? ends_[k - 1] : 0;
    return std::string_view(text_.data() + begin, ends_[k] - begin);
  }
  /// Row `row`'s cells: row(r)[c] is cell(r, c).
  struct row_view {
    const cell_table* table;
    std::size_t row;
    std::string_view operator[](std::size_t column) const { return table->cell(row, column); }
    std::size_t size() const noexcept { return table->columns(); }
  };
  row_view row(std::size_t r) const noexcept { return row_view{this, r}; }
  /// The 1-based line where row `row` starts.
  std::size_t line(std::size_t row) const { return lines_.at(row); }
  /// "values.csv:4:3" for row 2 (0-based), column 2 (0-based).
  std::string where(std::size_t row, std::size_t column) const;
  /// "values.csv:4" for row 2.
  std::string row_where(std::size_t row) const;
  /// "values.csv:1:3" for a header cell.
  std::string header_where(std::size_t column) const;
  /// "values.csv:1": the header row (a column missing from it).
  std::string header_row_where() const;

 private:
  friend cell_table read_table(cell_source& source);
  std::string text_;
  std::vector<std::size_t> ends_;  // end of each cell in text_, row by row
  std::vector<std::size_t> lines_;
};

/// Reads every row of `source` (error 113 when it has none).
cell_table read_table(cell_source& source);
cell_table read_csv(std::string_view text, std::string source);
/// Reads a CSV file (error 401 when it cannot be opened), reporting progress as csv_source does.
cell_table read_csv_file(const std::string& path, const progress_callback& progress = {});

/// A field ready for a CSV line: quoted (with "" for ") when it holds a comma, quote or line break.
std::string csv_field(std::string_view text);
void append_csv_field(std::string& out, std::string_view text);

namespace detail {
/// The byte offset of the first invalid UTF-8 sequence in `text`, or npos.
std::size_t find_invalid_utf8(std::string_view text);
/// "values.csv:4:3" or "figures.xlsx:Sheet1!C4" for cell `column` (0-based) of line or row `line`.
std::string cell_where(const std::string& source, cell_naming naming, std::size_t line, std::size_t column);
/// "values.csv:4" or "figures.xlsx:Sheet1!4".
std::string row_where(const std::string& source, cell_naming naming, std::size_t line);
/// Excel's name of a 0-based column: 0 -> "A", 26 -> "AA".
std::string column_letters(std::size_t column);
}  // namespace detail

}  // namespace zoneperf
