#pragma once
/// Workbooks as tables: a sheet of an .xlsx (Office Open XML) or .xls (Excel 97-2003) workbook read
/// as a cell_source, its cells given as text, so that every reader of CSV tables reads workbooks too;
/// and open_cells, the one place where a table file's format is chosen (by its content).
///
/// Synopsis
///   class xlsx_source : public cell_source;  // a sheet of an .xlsx, from bytes in memory or a file
///   class xls_source : public cell_source;   // a sheet of an .xls (read through a file)
///   std::unique_ptr<cell_source> open_cells(const std::string& path, const progress_callback& = {});
///   std::unique_ptr<cell_source> open_cells(std::string_view bytes, std::string name, ...);
///   cell_table read_cells_file(const std::string& path);   // open_cells + read_table
///   cell_table read_cells(std::string_view bytes, std::string name);
///
/// Formats. A file starting with "PK\3\4" is an .xlsx, one starting with D0 CF 11 E0 an .xls
/// (whatever its name); anything else is CSV (zoneperf/text/csv.hpp).
///
/// Sheets. "figures.xlsx#Sheet2" reads the sheet named Sheet2 (a path that names an existing file
/// as it is is never split); without "#", the first sheet. A sheet the workbook lacks is error 121
/// listing its sheets. The source's name() is "figures.xlsx:Sheet2", and its cells are named as
/// Excel names them: where(2) on row 7 is "figures.xlsx:Sheet2!C7", where_row() "figures.xlsx:Sheet2!7".
///
/// Rows. The header is the first row holding a filled cell; its last filled cell ends the table's
/// columns. Rows without a filled cell are skipped (trailing ones too); an empty cell between
/// filled ones is an empty string; every row is as wide as the header. An empty header cell between
/// named ones (a merged header cell keeps its text in its first cell only) is error 123, and a filled
/// cell right of the header's last column is error 124.
///
/// Cells as text. Shared and inline strings as they are; numbers as stored ("1380", "0.85",
/// "1.5E-3"), so number columns are parsed exactly as in a CSV; booleans "1" and "0"; error values
/// as Excel shows them ("#DIV/0!"); formulas their cached value (a formula without one, as written
/// by a program that does not compute formulas, is error 122: open and save the file in Excel or
/// LibreOffice). A number whose cell format is a date is the ISO date "2020-07-15" (with " 08:30:00"
/// when it has a time of day), counted from 1900 (Excel's 1900-02-29 included) or from 1904 when the
/// workbook says so; a number formatted as a percentage is written as one, the decimal point moved
/// in the text: 0.855 -> "85.5%". In an .xls, dates are read the same way; percentages are not
/// recognised (freexl does not give number formats) and stay the stored number.
///
/// Damaged files (a broken zip, XML that does not parse, a part missing) are error 120. An .xlsx is
/// held in memory whole (it is compressed; its sheet is then decompressed and parsed in blocks).
/// A sheet of 1 MB of XML or more is parsed by two threads, each half of it, when the sheet can be
/// split between two rows; the rows and the errors are those of a parse in one thread.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "zoneperf/progress.hpp"
#include "zoneperf/text/csv.hpp"

namespace zoneperf {

namespace detail {
/// What xlsx_source and xls_source share: a sheet's rows shaped as a table's (see the header's
/// comment), and cells named as Excel names them.
class sheet_source : public cell_source {
 public:
  /// The workbook's sheets, in its order.
  const std::vector<std::string>& sheets() const noexcept { return sheets_; }

 protected:
  sheet_source() : cell_source(std::string()) { naming_ = cell_naming::sheet_cell; }
  /// Picks `wanted` (empty: the first) from sheets_ (error 121 when absent) and names the source
  /// "<file>:<sheet>". Returns the sheet's index.
  std::size_t choose_sheet(const std::string& file, const std::string& wanted);
  /// Takes row_ (cells by 0-based column; missing ones empty) as sheet row `row` (1-based): false
  /// for a row without a filled cell; else cells_ and line_ are set, the header fixing the width.
  bool take_row(std::size_t row);

  std::vector<std::string> sheets_;
  std::vector<std::string_view> row_;
  std::size_t width_ = 0;  // the header's width; 0 before the header
};
}  // namespace detail

/// A sheet of an .xlsx workbook. From bytes, which must outlive the source, or from a file (read
/// into memory whole). `sheet` empty: the first sheet. With a progress callback, reports stage
/// "reading <name>" in bytes of the sheet's XML.
class xlsx_source final : public detail::sheet_source {
 public:
  xlsx_source(std::string_view bytes, const std::string& file, const std::string& sheet = {},
              const progress_callback& progress = {});
  /// Opens `path` (error 401 when it cannot be read).
  explicit xlsx_source(const std::string& path, const std::string& sheet = {},
                       const progress_callback& progress = {});
  ~xlsx_source() override;
  bool next() override;
  std::size_t rows_hint() const override;

 private:
  void open(std::string_view bytes, const std::string& file, const std::string& sheet,
            const progress_callback& progress);
  struct impl;
  std::unique_ptr<impl> impl_;
};

/// A sheet of an .xls workbook, read with freexl (which reads files only: bytes are written to a
/// temporary file first). The whole sheet is parsed when the source is made.
class xls_source final : public detail::sheet_source {
 public:
  explicit xls_source(const std::string& path, const std::string& sheet = {},
                      const progress_callback& progress = {});
  xls_source(std::string_view bytes, const std::string& file, const std::string& sheet = {},
             const progress_callback& progress = {});
  ~xls_source() override;
  bool next() override;
  std::size_t rows_hint() const override;

 private:
  void open(const std::string& path, const std::string& file, const std::string& sheet,
            const progress_callback& progress);
  const void* handle_ = nullptr;
  std::uint32_t rows_ = 0, columns_ = 0, next_row_ = 0;
  std::string text_;                  // the current row's numbers as text
  std::vector<std::size_t> numbers_;  // (column, begin, end in text_) of each number cell
};

/// Opens a table file by its content: an .xlsx or .xls sheet ("book.xlsx#Sheet2"), else CSV.
std::unique_ptr<cell_source> open_cells(const std::string& path, const progress_callback& progress = {});
/// The same for bytes in memory (which must outlive the source): `name` is used in messages, and
/// for a workbook "name#Sheet2" picks a sheet.
std::unique_ptr<cell_source> open_cells(std::string_view bytes, std::string name,
                                        const progress_callback& progress = {});
/// Reads a whole table file of any format (error 113 when it has no row).
cell_table read_cells_file(const std::string& path, const progress_callback& progress = {});
cell_table read_cells(std::string_view bytes, std::string name);

namespace detail {
enum class table_format { csv, xlsx, xls };
/// The format of a table from its first bytes.
table_format detect_table_format(std::string_view first_bytes);
/// "book.xlsx#Sheet2" -> {"book.xlsx", "Sheet2"}, unless the whole path names a file.
std::pair<std::string, std::string> split_sheet(const std::string& path);
/// How a number format shows a number: as it is, as a date, or as a percentage.
enum class number_look : unsigned char { plain, date, percent };
/// The look of built-in format `id` (`code` empty) or of a format code ("yyyy-mm-dd", "0.0%").
number_look look_of_format(unsigned id, std::string_view code);
/// "2020-07-15" (with " HH:MM:SS" for a time of day) for an Excel serial day number; empty when
/// it is no date (negative, before 1900-01-01, after 9999-12-31, not finite).
std::string excel_date(double serial, bool date1904);
/// "85.5%" for "0.855": the number text times 100, by moving its decimal point; `number` as it
/// is when it is not a plain decimal number.
std::string percent_text(std::string_view number);
/// A sheet name as an Excel reference writes it: quoted ('Q1 data') unless it is a plain name.
std::string quoted_sheet_name(const std::string& name);
/// The size (bytes of XML) from which an .xlsx sheet inflated whole is parsed by two threads,
/// 1 MB; tests lower it, before any sheet is read, to split small sheets too.
extern std::size_t xlsx_split_from;
}  // namespace detail

}  // namespace zoneperf
