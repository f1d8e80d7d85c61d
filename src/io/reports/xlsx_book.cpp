// The auditor's workbook's cells, formats, page setup and charts (libxlsxwriter).
#include "xlsx_book.hpp"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "labels.hpp"
#include "zoneperf/error.hpp"
#include "zoneperf/text/markup.hpp"
#include "zoneperf/text/number.hpp"

namespace zoneperf {

std::string workbook_formula::cell() const {
  std::string letters;
  for (int c = col + 1; c > 0; c = (c - 1) / 26)
    letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
  return letters + std::to_string(row + 1);
}

namespace detail::xlsx {

std::string col_name(int col) {
  workbook_formula f;
  f.col = col;
  std::string c = f.cell();
  return c.substr(0, c.size() - 1);
}
std::string ref(int row, int col) { return col_name(col) + std::to_string(row + 1); }
std::string abs_col(int col, int first, int last) {
  return "$" + col_name(col) + "$" + std::to_string(first + 1) + ":$" + col_name(col) + "$" +
         std::to_string(last + 1);
}
std::string abs_range(const std::string& sheet, int col, int first, int last) {
  return sheet + "!" + abs_col(col, first, last);
}
std::string sheet_name(const report_model& m, const char* id) {
  return std::string(label(m.lang, std::string("sheet.") + id));
}
std::string sheet_ref(const std::string& name) {
  bool plain = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0]));
  for (char c : name) plain = plain && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
  if (plain) return name;
  std::string o = "'";
  for (char c : name) o += c == '\'' ? std::string("''") : std::string(1, c);
  return o + "'";
}
std::string lbl(const report_model& m, std::string_view id) { return std::string(label(m.lang, id)); }
std::string k(double v) { return shortest(v); }
std::string kq(const std::string& s) {
  std::string o = "\"";
  for (char c : s) o += c == '"' ? std::string("\"\"") : std::string(1, c);
  return o + "\"";
}
double dec(const rjson& j) {
  if (j.is_number()) return j.get<double>();
  if (!j.is_string()) return nan;
  const std::string s = j.get<std::string>();
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  return end && *end == '\0' && !s.empty() ? v : nan;
}

std::vector<column> columns(const report_model& m, std::initializer_list<const char*> keys) {
  std::vector<column> out;
  for (const char* key : keys) {
    column c;
    c.id = key;
    c.label = c.id == "total" ? lbl(m, "col.pay_total") : label_or(m.lang, "col", key);
    out.push_back(c);
  }
  return out;
}

namespace {

const char* format_code(num_format f) {
  switch (f) {
    case num_format::integer:
      return "#,##0";
    case num_format::score:
      return "0.00";
    case num_format::money:
      return "#,##0.00";
    case num_format::percent:
      return "0.00%";
    case num_format::coefficient:
      return "0.00##";
    case num_format::multiple:
      return "0.0000";
    case num_format::lambda:
      return "0.000000000000";
    case num_format::plain:
      break;
  }
  return nullptr;
}

/// Text for a page header or footer: '&' doubled (a single one starts a code), at most `n` code
/// points (Excel holds 255 in a header or footer, its codes included).
std::string header_text(const std::string& s, std::size_t n) {
  std::string out;
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (++count > n) return out + "…";
    const std::string cp = s.substr(i, len);
    out += cp == "&" ? "&&" : cp;
    i += len;
  }
  return out;
}

}  // namespace

book::book(const std::string& path, const workbook_options& opt, const report_model& m)
    : opt_(opt), path_(path) {
  // Checked here so that the error is ours (libxlsxwriter would print its own and fail at close).
  if (FILE* f = std::fopen(path.c_str(), "wb"))
    std::fclose(f);
  else
    throw error(errc::cannot_write, path, std::string("cannot write the workbook: ") + std::strerror(errno));
  lxw_workbook_options o{};
  o.constant_memory = 0;
  wb_ = workbook_new_opt(path.c_str(), &o);
  if (!wb_) throw error(errc::cannot_write, path, "cannot create the workbook");
  header_ = workbook_add_format(wb_);
  format_set_bold(header_);
  format_set_bg_color(header_, 0xE8ECF1);
  format_set_border(header_, LXW_BORDER_THIN);
  format_set_text_wrap(header_);
  format_set_align(header_, LXW_ALIGN_VERTICAL_CENTER);
  ids_ = workbook_add_format(wb_);
  format_set_italic(ids_);
  format_set_font_color(ids_, 0x5A6270);
  format_set_bg_color(ids_, 0xF3F5F8);
  format_set_border(ids_, LXW_BORDER_THIN);
  text_ = workbook_add_format(wb_);
  // The title centred at the top of every printed page, the page number at the bottom; a title
  // too long for the header is shortened there (the sheets keep it whole nowhere else to cut).
  page_header_ = "&C" + header_text(xml_safe(m.title), 120);
  page_footer_ = "&C" + lbl(m, "xlsx.footer");
}

book::~book() {
  if (wb_) workbook_close(wb_);  // only on an exception path: close() clears wb_
}

void book::page_setup() {
  worksheet_set_landscape(ws_);
  worksheet_set_paper(ws_, 9);  // A4
  worksheet_fit_to_pages(ws_, 1, 0);
  worksheet_repeat_rows(ws_, 0, header_rows - 1);
  worksheet_gridlines(ws_, LXW_SHOW_ALL_GRIDLINES);
  check(worksheet_set_header(ws_, page_header_.c_str()), 0, 0);
  check(worksheet_set_footer(ws_, page_footer_.c_str()), 0, 0);
}

void book::sheet(const std::string& name, const char* row_kind, const std::vector<column>& cols) {
  finish_sheet();
  ws_ = workbook_add_worksheet(wb_, name.c_str());
  if (!ws_) throw error(errc::cannot_write, path_, "cannot add the sheet " + name);
  name_ = name;
  row_kind_ = row_kind;
  cols_ = cols;
  row_ids_.clear();
  last_row_ = header_rows - 1;
  manifest.sheets.push_back(name);
  for (std::size_t c = 0; c < cols.size(); ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    const std::string label = cell_text(cols[c].label, 0, static_cast<int>(c));
    check(worksheet_write_string(ws_, 0, col, label.c_str(), header_), 0, static_cast<int>(c));
    const std::string id = cell_text(cols[c].id, 1, static_cast<int>(c));
    check(worksheet_write_string(ws_, 1, col, id.c_str(), ids_), 1, static_cast<int>(c));
    check(worksheet_set_column(ws_, col, col, cols[c].width, nullptr), 0, static_cast<int>(c));
  }
  worksheet_set_row(ws_, 0, 32, nullptr);  // two lines of a wrapped label
  worksheet_freeze_panes(ws_, header_rows, 1);
  page_setup();
}

/// The table's autofilter (on the ids row) and print area, once its last row is known.
void book::finish_sheet() {
  if (!ws_ || cols_.empty()) return;
  const auto last_col = static_cast<lxw_col_t>(cols_.size() - 1);
  check(worksheet_autofilter(ws_, header_rows - 1, 0, static_cast<lxw_row_t>(last_row_), last_col), 1, 0);
  check(worksheet_print_area(ws_, 0, 0, static_cast<lxw_row_t>(last_row_), last_col), 0, 0);
  cols_.clear();
}

lxw_format* book::format_of(int col, std::optional<num_format> f, bool input) {
  const num_format kind = f ? *f
                          : static_cast<std::size_t>(col) < cols_.size()
                              ? cols_[static_cast<std::size_t>(col)].format
                              : num_format::plain;
  lxw_format*& out = formats_[{kind, input}];
  if (!out) {
    out = workbook_add_format(wb_);
    if (input) format_set_bg_color(out, 0xFFF8DC);
    if (const char* code = format_code(kind)) format_set_num_format(out, code);
  }
  return out;
}

void book::num(int row, int col, double v, std::optional<num_format> f) {
  last_row_ = std::max(last_row_, row);
  lxw_format* fmt = format_of(col, f, true);
  const auto r = static_cast<lxw_row_t>(row);
  const auto c = static_cast<lxw_col_t>(col);
  check(std::isnan(v) ? worksheet_write_blank(ws_, r, c, fmt) : worksheet_write_number(ws_, r, c, v, fmt),
        row, col);
}

void book::text(int row, int col, const std::string& s) {
  last_row_ = std::max(last_row_, row);
  if (col == 0) {
    if (row_ids_.size() <= static_cast<std::size_t>(row)) row_ids_.resize(static_cast<std::size_t>(row) + 1);
    row_ids_[static_cast<std::size_t>(row)] = s;
  }
  if (s.empty()) return;
  const std::string t = cell_text(s, row, col);
  check(
      worksheet_write_string(ws_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), t.c_str(), text_),
      row, col);
}

void book::formula(int row, int col, const std::string& f, double expected, double tolerance,
                   std::optional<num_format> format) {
  last_row_ = std::max(last_row_, row);
  const std::string text = formula_text_of(f, row, col);
  const double cached = opt_.cache == cached_values::zero || std::isnan(expected) ? 0.0 : expected;
  check(worksheet_write_formula_num(ws_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col),
                                    text.c_str(), format_of(col, format, false), cached),
        row, col);
  workbook_formula& w = record(row, col, f);
  w.number = expected;
  w.tolerance = tolerance;
}

void book::formula_text(int row, int col, const std::string& f, const std::string& expected) {
  last_row_ = std::max(last_row_, row);
  const std::string text = formula_text_of(f, row, col);
  const std::string cached = opt_.cache == cached_values::zero ? "" : cell_text(expected, row, col);
  check(worksheet_write_formula_str(ws_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col),
                                    text.c_str(), format_of(col, std::nullopt, false), cached.c_str()),
        row, col);
  workbook_formula& w = record(row, col, f);
  w.is_text = true;
  w.text = expected;
}

workbook_formula& book::record(int row, int col, const std::string& f) {
  workbook_formula& w = manifest.formulas.emplace_back();
  w.sheet = name_;
  w.row = row;
  w.col = col;
  w.formula = f;
  return w;
}

void book::chart_sheet(const std::string& name, const chart_spec& spec) {
  finish_sheet();
  lxw_chartsheet* cs = workbook_add_chartsheet(wb_, name.c_str());
  if (!cs) throw error(errc::cannot_write, path_, "cannot add the chart sheet " + name);
  manifest.chart_sheets.push_back(name);
  lxw_chart* chart = workbook_add_chart(wb_, LXW_CHART_COLUMN);
  if (!chart) throw error(errc::cannot_write, path_, "cannot add the chart " + name);
  const std::string title = xml_safe(spec.title);
  chart_title_set_name(chart, title.c_str());
  for (int col : spec.value_cols) {
    lxw_chart_series* s = chart_add_series(chart, nullptr, nullptr);
    chart_series_set_categories(s, spec.sheet.c_str(), static_cast<lxw_row_t>(spec.first),
                                static_cast<lxw_col_t>(spec.category_col), static_cast<lxw_row_t>(spec.last),
                                static_cast<lxw_col_t>(spec.category_col));
    chart_series_set_values(s, spec.sheet.c_str(), static_cast<lxw_row_t>(spec.first),
                            static_cast<lxw_col_t>(col), static_cast<lxw_row_t>(spec.last),
                            static_cast<lxw_col_t>(col));
    chart_series_set_name_range(s, spec.sheet.c_str(), 0, static_cast<lxw_col_t>(col));
    chart_series_set_labels(s);
    chart_series_set_labels_num_format(s, spec.number_format.c_str());
  }
  const std::string y = xml_safe(spec.y_axis);
  chart_axis_set_name(chart->y_axis, y.c_str());
  chart_axis_set_num_format(chart->y_axis, "0");
  chart_axis_set_min(chart->y_axis, 0);
  chart_legend_set_position(chart,
                            spec.value_cols.size() > 1 ? LXW_CHART_LEGEND_BOTTOM : LXW_CHART_LEGEND_NONE);
  chart_set_style(chart, 2);
  if (chartsheet_set_chart(cs, chart) != LXW_NO_ERROR)
    throw error(errc::cannot_write, path_, "cannot place the chart on " + name);
  chartsheet_set_landscape(cs);
  chartsheet_set_paper(cs, 9);
  chartsheet_set_header(cs, page_header_.c_str());
  chartsheet_set_footer(cs, page_footer_.c_str());
}

void book::close() {
  finish_sheet();
  lxw_workbook* wb = wb_;
  wb_ = nullptr;
  const lxw_error e = workbook_close(wb);
  if (e != LXW_NO_ERROR)
    throw error(errc::cannot_write, path_, std::string("cannot write the workbook: ") + lxw_strerror(e));
}

/// "leaves!D3 (unit "高端装备", column "name")": the cell, the row's unit (or person, ...) and its
/// column, for a message; long texts shortened.
std::string book::where(int row, int col) const {
  auto excerpt = [](const std::string& s) {
    const std::string e = xml_safe(s);  // valid UTF-8: a code point's length from its first byte
    std::size_t cut = 0;
    for (int n = 0; n < 40 && cut < e.size(); ++n) {
      const auto c = static_cast<unsigned char>(e[cut]);
      cut += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    }
    return cut >= e.size() ? e : e.substr(0, cut) + "…";
  };
  workbook_formula f;
  f.row = row;
  f.col = col;
  std::string w = name_ + "!" + f.cell() + " (";
  if (row < header_rows) {
    w += "the header";
  } else {
    w += row_kind_;
    if (static_cast<std::size_t>(row) < row_ids_.size() && !row_ids_[static_cast<std::size_t>(row)].empty())
      w += " \"" + excerpt(row_ids_[static_cast<std::size_t>(row)]) + "\"";
  }
  if (static_cast<std::size_t>(col) < cols_.size())
    w += ", column \"" + excerpt(cols_[static_cast<std::size_t>(col)].label) + "\"";
  return w + ")";
}

/// What libxlsxwriter says of a cell it was given; every write goes through here.
void book::check(lxw_error e, int row, int col) const {
  if (e == LXW_NO_ERROR) return;
  if (e == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
    throw error(errc::cell_too_long, where(row, col),
                "text longer than a workbook cell holds (Excel's limit: 32 767 characters)");
  throw error(errc::cannot_write, where(row, col), std::string("cannot write the cell: ") + lxw_strerror(e));
}

/// Text for a cell: what XML does not allow replaced (text/markup.hpp), and at most Excel's 32 767
/// characters, counted as Excel counts them (UTF-16 code units; libxlsxwriter counts code points,
/// so a text of characters beyond U+FFFF would pass it and be cut by Excel).
std::string book::cell_text(const std::string& s, int row, int col) const {
  std::string t = xml_safe(s);
  const std::size_t n = utf16_length(t);
  if (n > max_text)
    throw error(errc::cell_too_long, where(row, col),
                "text of " + std::to_string(n) +
                    " characters: a workbook cell holds at most 32 767 (Excel's limit); shorten it");
  return t;
}

/// "=" + a formula, at most Excel's 8 192 characters.
std::string book::formula_text_of(const std::string& f, int row, int col) const {
  std::string t = "=" + xml_safe(f);
  const std::size_t n = utf16_length(t);
  if (n > max_formula)
    throw error(
        errc::cell_too_long, where(row, col),
        "formula of " + std::to_string(n) +
            " characters: a workbook formula holds at most 8 192 (Excel's limit); shorten the texts it "
            "quotes (grade labels)");
  return t;
}

}  // namespace detail::xlsx
}  // namespace zoneperf
