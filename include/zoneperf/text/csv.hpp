#pragma once
/// Tables of cells as every zoneperf reader takes them: read row by row from a source of cells
/// (CSV here; the workbook readers extend cell_source), or whole into a cell_table.
///
/// Synopsis
///   class cell_source { bool next(); const std::vector<std::string_view>& cells(); std::string where(col);
///   }; class csv_source : public cell_source;   // CSV text in memory, or a file read in blocks
///   class
///   cell_table { rows(), cell(r, c), line(r), where(r, c), header_where(c) }; cell_table
///   read_table(cell_source&); cell_table read_csv(std::string_view text, std::string source);  // throws
///   zoneperf::error cell_table read_csv_file(const std::string& path);
///   enum class csv_for { people, reading_back };
///   std::string csv_field(std::string_view text, csv_for);
///   void append_csv_field(std::string&, std::string_view, csv_for);
///   constexpr std::string_view utf8_bom;
///   enum class csv_form { plain, excel };
///   class excel_csv;                                   // plain CSV to the Excel form, piece by piece
///   std::string csv_in_form(std::string_view csv, csv_form);
///   void write_csv_file(output_file&, std::string_view csv);  // always the Excel form
///
/// CSV (RFC 4180, UTF-8): a byte-order mark at the start, CRLF or LF line ends, quoted fields holding
/// commas, quotes ("") and line breaks. Blank lines are skipped; the first row is the header and
/// every row has as many fields as the header. Errors name the source, the line and the column
/// (1-based field number): invalid UTF-8 (110), an unterminated quote (111), a stray quote (112),
/// an empty file (113), a row of another width (114). Cells are views of the bytes read; a cell's
/// location is only formatted when an error is reported.
///
/// Encodings: UTF-8 by default. A file that is not valid UTF-8, and whose non-ASCII text is mostly
/// not UTF-8 either, is read as GB18030 (a superset of GBK and GB2312, what older Chinese Excel
/// saves), with a note (zoneperf/text/reading.hpp); a file that is mostly UTF-8 with a bad byte
/// stays error 110, so that one damaged byte never turns ids into other characters silently.
/// text_encoding::utf8 or ::gb18030 forces one; automatic follows the thread's reading_scope. Lines and
/// columns always refer to the original file (GB18030 keeps every ASCII byte, line ends and commas included,
/// as it is).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "zoneperf/progress.hpp"
#include "zoneperf/text/reading.hpp"

namespace zoneperf {
namespace detail {
class progress_meter;
}
class output_file;

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
  /// decides. A file is counted in a separate pass over its bytes (its line ends only); an .xlsx
  /// sheet without a <dimension> gives an estimate from the bytes per row read so far.
  virtual std::size_t rows_hint() const { return 0; }

 protected:
  explicit cell_source(std::string name) : name_(std::move(name)) {}
  std::string name_;
  std::vector<std::string_view> cells_;
  std::size_t line_ = 0;
  cell_naming naming_ = cell_naming::line_field;
  /// A column of the file that cells() leaves out (a long table's period column): messages count it.
  std::size_t hidden_column_ = static_cast<std::size_t>(-1);
};

/// CSV text in memory (which must outlive the source), or a file read in blocks of 1 MiB so that a
/// large file is never held whole. With a progress callback, reports stage "reading <name>" in
/// bytes consumed (zoneperf/progress.hpp), at most once a row.
class csv_source final : public cell_source {
 public:
  csv_source(std::string_view text, std::string name, const progress_callback& progress = {},
             text_encoding encoding = text_encoding::automatic);
  /// Opens `path` (error 401 when it cannot be opened); "-" reads standard input.
  explicit csv_source(const std::string& path, const progress_callback& progress = {},
                      text_encoding encoding = text_encoding::automatic);
  ~csv_source() override;
  bool next() override;
  std::size_t rows_hint() const override;

 private:
  bool parse_record();  // false: needs more bytes (or the record is to be parsed again)
  bool refill();        // false: at the end of the file
  // True when text_[begin, end) is UTF-8; false when it is not and the source switched to GB18030
  // from `begin` on; error 110 otherwise. `line` is the line where `begin` is.
  bool check_utf8(std::size_t begin, std::size_t end, std::size_t line);
  bool mostly_not_utf8() const;  // over the whole input
  void start_gb18030(std::size_t begin);
  // Decodes GB18030 `in` onto `out`; returns how many bytes at its end are the start of a character
  // that the next block completes. `line` is the line where `in` starts, for an error.
  std::size_t decode(std::string_view in, std::string& out, std::size_t line) const;

  std::FILE* file_ = nullptr;
  bool borrowed_ = false;  // standard input: not closed here
  text_encoding encoding_;
  bool seen_non_ascii_ = false;  // a row handed out held UTF-8 beyond ASCII
  void* gb18030_ = nullptr;      // the iconv descriptor once decoding GB18030, else null
  std::string undecoded_;        // the start of a GB18030 character that the next block ends
  std::string storage_;          // the bytes read from the file, at its start (decoded to UTF-8 when
                                 // from GB18030); text_ says how many, the rest is room
  std::string_view text_;        // the bytes being parsed: text_[pos_, size)
  std::size_t pos_ = 0;
  std::size_t next_line_ = 1;
  std::size_t width_ = 0;            // the header's field count (0 before the header)
  bool at_end_ = false;              // nothing more to read
  bool first_ = true;                // no byte looked at yet (for the byte-order mark)
  std::string unquoted_;             // quoted fields with "" turned into ", for the current row
  std::vector<std::size_t> fixups_;  // (cell, offset in unquoted_) of the quoted fields with ""
  void report_progress();
  std::uint64_t bytes_consumed() const;
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

/// Who a CSV is written for; every writer says which, so that the rule below lives here only.
///
/// `people`: a table a person opens in a spreadsheet (the report's report_*.csv, the pay and land
/// tables, the demo's files, every `--format csv` on standard output). A spreadsheet takes a cell
/// that starts with `=`, `+`, `-` or `@` as a formula, and some trim a leading tab or CR first, so
/// a text cell starting with one of those six characters gets a leading `'` (the OWASP rule against
/// CSV injection): `=HYPERLINK(...)` is written `'=HYPERLINK(...)` and shown as text. Left as they
/// are: a cell that is a number as a spreadsheet reads it (`-5`, `+1.5`, `-2.5e-3`: sign, digits,
/// at most one point, an optional exponent), and a lone `-` (zoneperf's "none").
/// `reading_back`: a table that zoneperf reads as an input (`projects year --values-out`, a
/// registry's projects CSV): every cell exactly as it is, so that ids survive the round trip.
enum class csv_for { people, reading_back };

/// A field ready for a CSV line: neutralised as above for people, then quoted (with "" for ") when
/// it holds a comma, quote or line break.
std::string csv_field(std::string_view text, csv_for reader);
void append_csv_field(std::string& out, std::string_view text, csv_for reader);

/// The UTF-8 byte-order mark; zoneperf's readers skip it.
inline constexpr std::string_view utf8_bom{"\xEF\xBB\xBF", 3};

/// The bytes around a CSV's cells, decided here for every writer (the cells themselves follow
/// csv_for above).
/// `plain`: LF after every record, no byte-order mark: what every writer builds, what standard
/// output carries and what the library's functions return.
/// `excel`: the UTF-8 byte-order mark first (Excel then reads Chinese text as UTF-8, not in the
/// system's code page) and CRLF after every record: every CSV file zoneperf writes, and standard
/// output with the command line's `--bom`. A line break inside a quoted field stays as it is in
/// both forms (it is the cell's text), and zoneperf's readers read both forms to the same cells.
enum class csv_form { plain, excel };

/// Turns plain CSV into the Excel form one piece at a time (a streamed table is converted as it is
/// written): the byte-order mark before the first byte, CRLF for every LF that ends a record. A
/// record already ended by CRLF keeps it.
class excel_csv {
 public:
  /// Appends `piece`, converted, to `out`.
  void append(std::string& out, std::string_view piece);

 private:
  bool started_ = false;   // the byte-order mark is written
  bool quoted_ = false;    // inside a quoted field
  bool after_cr_ = false;  // the last byte seen was CR
};

/// `csv` (plain) in `form`: as it is for plain, converted by excel_csv for excel.
std::string csv_in_form(std::string_view csv, csv_form form);

/// Writes a CSV file's bytes to `file` (text/file.hpp) in the Excel form, whoever the file is for:
/// a table zoneperf reads back reads to the same cells either way. Error 402 when it cannot be
/// written.
void write_csv_file(output_file& file, std::string_view csv);

namespace detail {
/// The byte offset of the first invalid UTF-8 sequence in `text`, or npos.
std::size_t find_invalid_utf8(std::string_view text);
/// Whether a spreadsheet reads `text` as a number: [+-]digits[.digits][(e|E)[+-]digits], or with
/// the digits after the point only (".5").
bool is_number_text(std::string_view text);
/// "values.csv:4:3" or "figures.xlsx:Sheet1!C4" for cell `column` (0-based) of line or row `line`.
std::string cell_where(const std::string& source, cell_naming naming, std::size_t line, std::size_t column);
/// "values.csv:4" or "figures.xlsx:Sheet1!4".
std::string row_where(const std::string& source, cell_naming naming, std::size_t line);
/// Excel's name of a 0-based column: 0 -> "A", 26 -> "AA".
std::string column_letters(std::size_t column);
}  // namespace detail

}  // namespace zoneperf
