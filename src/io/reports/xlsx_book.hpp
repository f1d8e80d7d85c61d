#pragma once
// The auditor's workbook, the part that knows libxlsxwriter: a `book` writes cells (checked, with
// the number format of their column), two header rows (labels in the report's language, then ids),
// autofilter, frozen panes, page setup and chart sheets. The sheets themselves are in xlsx.cpp and
// xlsx_pay_land.cpp.
#include <xlsxwriter.h>

#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model.hpp"
#include "zoneperf/io/reports.hpp"

namespace zoneperf::detail::xlsx {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
/// Every table sheet has two header rows (labels, then ids): its data start at row 3 (index 2).
constexpr int header_rows = 2;
constexpr int first_row = header_rows;

std::string col_name(int col);
/// "B7" for 0-based (6, 1).
std::string ref(int row, int col);
/// "$K$3:$K$6".
std::string abs_col(int col, int first, int last);
/// sheet + "!" + abs_col(...).
std::string abs_range(const std::string& sheet, int col, int first, int last);
/// A sheet's name in the report's language (labels.cpp "sheet.<id>").
std::string sheet_name(const report_model& m, const char* id);
/// A sheet's name as a formula names it: quoted ('逐项得分') unless it is a plain ASCII name.
std::string sheet_ref(const std::string& name);
std::string lbl(const report_model& m, std::string_view id);
/// A constant for a formula: the shortest text that reads back to the same double.
std::string k(double v);
/// A text constant for a formula.
std::string kq(const std::string& s);
/// A decimal string (money in yuan, coefficients) as a double for a spreadsheet cell.
double dec(const rjson& j);

/// How a column's numbers are shown (the cell keeps the exact value).
enum class num_format {
  plain,        ///< Excel's General (text, or numbers of mixed units such as a leaf's actual)
  integer,      ///< ranks, counts, fen: "#,##0"
  score,        ///< points and scores: "0.00"
  money,        ///< 元 or 万元 (the header says which): "#,##0.00"
  percent,      ///< ratios and fractions: "0.00%"
  coefficient,  ///< "0.00##"
  multiple,     ///< pay multiples: "0.0000"
  lambda        ///< λ, 12 places
};
/// A column of a table sheet: its label (first header row), its id (second), width and format.
struct column {
  std::string label, id;
  double width = 12;
  num_format format = num_format::plain;
};
/// The label "col.<key>" of each key (the pay total's is "col.pay_total"), with the key as its id.
std::vector<column> columns(const report_model& m, std::initializer_list<const char*> keys);

/// A column chart on a sheet of its own: categories and one or more series, each a column of a
/// table sheet over the same rows; the series' names are the table's label cells.
struct chart_spec {
  std::string title, y_axis, number_format;
  std::string sheet;  // the table sheet's name
  int first = 0, last = 0, category_col = 0;
  std::vector<int> value_cols;
};

class book {
 public:
  book(const std::string& path, const workbook_options& opt, const report_model& m);
  ~book();
  book(const book&) = delete;
  book& operator=(const book&) = delete;

  /// A new table sheet whose rows are each about one `row_kind` ("unit", "person", ...), named by
  /// the text of their first column in messages.
  void sheet(const std::string& name, const char* row_kind, const std::vector<column>& cols);
  /// An input number (blank when NaN), in its column's format unless `f` is given.
  void num(int row, int col, double v, std::optional<num_format> f = std::nullopt);
  void text(int row, int col, const std::string& s);
  /// A numeric formula with the library's value (or 0) cached.
  void formula(int row, int col, const std::string& f, double expected, double tolerance = 0,
               std::optional<num_format> format = std::nullopt);
  /// A text formula (a grade, a label) with the library's value (or "") cached.
  void formula_text(int row, int col, const std::string& f, const std::string& expected);
  /// A sheet holding one column chart of `spec` (page set up as the table sheets).
  void chart_sheet(const std::string& name, const chart_spec& spec);
  void close();

  workbook_manifest manifest;

 private:
  workbook_formula& record(int row, int col, const std::string& f);
  lxw_format* format_of(int col, std::optional<num_format> f, bool input);
  void page_setup();
  void finish_sheet();
  std::string where(int row, int col) const;
  void check(lxw_error e, int row, int col) const;
  std::string cell_text(const std::string& s, int row, int col) const;
  std::string formula_text_of(const std::string& f, int row, int col) const;
  static constexpr std::size_t max_text = 32767, max_formula = 8192;

  std::string row_kind_;
  std::vector<column> cols_;
  std::vector<std::string> row_ids_;  // each row's first-column text, for messages
  int last_row_ = 0;
  workbook_options opt_;
  std::string path_, name_, page_header_, page_footer_;
  lxw_workbook* wb_ = nullptr;
  lxw_worksheet* ws_ = nullptr;
  lxw_format *header_ = nullptr, *ids_ = nullptr, *text_ = nullptr;
  std::map<std::pair<num_format, bool>, lxw_format*> formats_;
};

// The sheets of the pay and land sections (xlsx_pay_land.cpp).
void pay_sheets(book& b, const report_model& m);
void land_sheets(book& b, const report_model& m);
// The sheets over periods: series, faces_year, faces_year_months, migration, migration_moves
// (xlsx_periods.cpp), each when its section is given.
void period_sheets(book& b, const report_model& m);

}  // namespace zoneperf::detail::xlsx
