// The auditor's workbook: every derived cell is a live formula over input cells, with the
// library's value cached (libxlsxwriter).
#include <xlsxwriter.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "labels.hpp"
#include "model.hpp"
#include "zoneperf/error.hpp"
#include "zoneperf/io/report.hpp"
#include "zoneperf/text/file.hpp"
#include "zoneperf/text/markup.hpp"

namespace zoneperf {

std::string workbook_formula::cell() const {
  std::string letters;
  for (int c = col + 1; c > 0; c = (c - 1) / 26)
    letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
  return letters + std::to_string(row + 1);
}

namespace {
using detail::rjson;
using detail::text_of;
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

std::string col_name(int col) {
  workbook_formula f;
  f.col = col;
  std::string c = f.cell();
  return c.substr(0, c.size() - 1);
}
std::string ref(int row, int col) { return col_name(col) + std::to_string(row + 1); }
std::string abs_col(int col, int first_row, int last_row) {
  return "$" + col_name(col) + "$" + std::to_string(first_row + 1) + ":$" + col_name(col) + "$" +
         std::to_string(last_row + 1);
}
std::string abs_range(const std::string& sheet, int col, int first_row, int last_row) {
  return sheet + "!" + abs_col(col, first_row, last_row);
}
/// A sheet's name in the report's language (labels.cpp "sheet.<id>").
std::string sheet_name(const detail::report_model& m, const char* id) {
  return std::string(detail::label(m.lang, std::string("sheet.") + id));
}
/// A sheet's name as a formula names it: quoted ('逐项得分') unless it is a plain ASCII name.
std::string sheet_ref(const std::string& name) {
  bool plain = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0]));
  for (char c : name) plain = plain && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
  if (plain) return name;
  std::string o = "'";
  for (char c : name) o += c == '\'' ? std::string("''") : std::string(1, c);
  return o + "'";
}
/// Column headers: the labels "col.<key>" of the report's language ("total" of pay is col.pay_total).
std::vector<std::string> headers(const detail::report_model& m, std::initializer_list<const char*> keys) {
  std::vector<std::string> out;
  for (const char* k : keys)
    out.push_back(std::string(k) == "total" ? std::string(detail::label(m.lang, "col.pay_total"))
                                            : detail::label_or(m.lang, "col", k));
  return out;
}
std::string lbl(const detail::report_model& m, std::string_view id) {
  return std::string(detail::label(m.lang, id));
}

/// A constant for a formula: the shortest text that reads back to the same double.
std::string k(double v) { return shortest(v); }
/// A text constant for a formula.
std::string kq(const std::string& s) {
  std::string o = "\"";
  for (char c : s) o += c == '"' ? std::string("\"\"") : std::string(1, c);
  return o + "\"";
}
/// A decimal string (money in yuan, coefficients) as a double for a spreadsheet cell.
double dec(const rjson& j) {
  if (j.is_number()) return j.get<double>();
  if (!j.is_string()) return nan;
  const std::string s = j.get<std::string>();
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  return end && *end == '\0' && !s.empty() ? v : nan;
}

class book {
 public:
  book(const std::string& path, const workbook_options& opt) : opt_(opt), path_(path) {
    // Checked here so that the error is ours (libxlsxwriter would print its own and fail at close).
    if (FILE* f = std::fopen(path.c_str(), "wb"))
      std::fclose(f);
    else
      throw error(errc::cannot_write, path,
                  std::string("cannot write the workbook: ") + std::strerror(errno));
    lxw_workbook_options o{};
    o.constant_memory = 0;
    wb_ = workbook_new_opt(path.c_str(), &o);
    if (!wb_) throw error(errc::cannot_write, path, "cannot create the workbook");
    header_ = workbook_add_format(wb_);
    format_set_bold(header_);
    format_set_bg_color(header_, 0xE8ECF1);
    format_set_border(header_, LXW_BORDER_THIN);
    input_ = workbook_add_format(wb_);
    format_set_bg_color(input_, 0xFFF8DC);
    input_text_ = workbook_add_format(wb_);
    formula_ = workbook_add_format(wb_);
    format_set_num_format(formula_, "0.00####");
  }
  ~book() {
    if (wb_) workbook_close(wb_);  // only on an exception path: close() clears wb_
  }
  book(const book&) = delete;
  book& operator=(const book&) = delete;

  /// A new sheet whose rows are each about one `row_kind` ("unit", "person", ...), named by the text
  /// of their first column in messages.
  void sheet(const std::string& name, const char* row_kind, const std::vector<std::string>& header,
             const std::vector<double>& widths) {
    ws_ = workbook_add_worksheet(wb_, name.c_str());
    if (!ws_) throw error(errc::cannot_write, path_, "cannot add the sheet " + name);
    name_ = name;
    row_kind_ = row_kind;
    header_text_ = header;
    row_ids_.clear();
    manifest.sheets.push_back(name);
    for (std::size_t c = 0; c < header.size(); ++c) {
      const std::string s = cell_text(header[c], 0, static_cast<int>(c));
      check(worksheet_write_string(ws_, 0, static_cast<lxw_col_t>(c), s.c_str(), header_), 0,
            static_cast<int>(c));
    }
    for (std::size_t c = 0; c < widths.size(); ++c)
      check(
          worksheet_set_column(ws_, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), widths[c], nullptr),
          0, static_cast<int>(c));
    worksheet_freeze_panes(ws_, 1, 1);
  }
  /// An input number (blank when NaN).
  void num(int row, int col, double v) {
    if (std::isnan(v))
      check(worksheet_write_blank(ws_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), input_), row,
            col);
    else
      check(worksheet_write_number(ws_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), v, input_),
            row, col);
  }
  void text(int row, int col, const std::string& s) {
    if (col == 0) {
      if (row_ids_.size() <= static_cast<std::size_t>(row))
        row_ids_.resize(static_cast<std::size_t>(row) + 1);
      row_ids_[static_cast<std::size_t>(row)] = s;
    }
    if (s.empty()) return;
    const std::string t = cell_text(s, row, col);
    check(worksheet_write_string(ws_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), t.c_str(),
                                 input_text_),
          row, col);
  }
  /// A numeric formula with the library's value (or 0) cached.
  void formula(int row, int col, const std::string& f, double expected, double tolerance = 0) {
    const std::string text = formula_text_of(f, row, col);
    const double cached = opt_.cache == cached_values::zero || std::isnan(expected) ? 0.0 : expected;
    check(worksheet_write_formula_num(ws_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col),
                                      text.c_str(), formula_, cached),
          row, col);
    workbook_formula& w = record(row, col, f);
    w.number = expected;
    w.tolerance = tolerance;
  }
  /// A text formula (a grade, a label) with the library's value (or "") cached.
  void formula_text(int row, int col, const std::string& f, const std::string& expected) {
    const std::string text = formula_text_of(f, row, col);
    const std::string cached = opt_.cache == cached_values::zero ? "" : cell_text(expected, row, col);
    check(worksheet_write_formula_str(ws_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col),
                                      text.c_str(), nullptr, cached.c_str()),
          row, col);
    workbook_formula& w = record(row, col, f);
    w.is_text = true;
    w.text = expected;
  }
  /// The manifest's entry for a formula just written.
  workbook_formula& record(int row, int col, const std::string& f) {
    workbook_formula& w = manifest.formulas.emplace_back();
    w.sheet = name_;
    w.row = row;
    w.col = col;
    w.formula = f;
    return w;
  }
  void close() {
    lxw_workbook* wb = wb_;
    wb_ = nullptr;
    const lxw_error e = workbook_close(wb);
    if (e != LXW_NO_ERROR)
      throw error(errc::cannot_write, path_, std::string("cannot write the workbook: ") + lxw_strerror(e));
  }

  workbook_manifest manifest;
  const std::string& name() const { return name_; }

 private:
  /// "leaves!D2 (unit "高端装备", column "name")": the cell, the row's unit (or person, ...) and its
  /// column, for a message; long texts shortened.
  std::string where(int row, int col) const {
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
    if (row == 0) {
      w += "the header";
    } else {
      w += row_kind_;
      if (static_cast<std::size_t>(row) < row_ids_.size() && !row_ids_[static_cast<std::size_t>(row)].empty())
        w += " \"" + excerpt(row_ids_[static_cast<std::size_t>(row)]) + "\"";
    }
    if (static_cast<std::size_t>(col) < header_text_.size())
      w += ", column \"" + excerpt(header_text_[static_cast<std::size_t>(col)]) + "\"";
    return w + ")";
  }
  /// What libxlsxwriter says of a cell it was given; every write goes through here.
  void check(lxw_error e, int row, int col) const {
    if (e == LXW_NO_ERROR) return;
    if (e == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
      throw error(errc::cell_too_long, where(row, col),
                  "text longer than a workbook cell holds (Excel's limit: 32 767 characters)");
    throw error(errc::cannot_write, where(row, col),
                std::string("cannot write the cell: ") + lxw_strerror(e));
  }
  /// Text for a cell: what XML does not allow replaced (text/markup.hpp), and at most Excel's
  /// 32 767 characters, counted as Excel counts them (UTF-16 code units; libxlsxwriter counts code
  /// points, so a text of characters beyond U+FFFF would pass it and be cut by Excel).
  std::string cell_text(const std::string& s, int row, int col) const {
    std::string t = xml_safe(s);
    const std::size_t n = detail::utf16_length(t);
    if (n > max_text)
      throw error(errc::cell_too_long, where(row, col),
                  "text of " + std::to_string(n) +
                      " characters: a workbook cell holds at most 32 767 (Excel's limit); shorten it");
    return t;
  }
  /// "=" + a formula, at most Excel's 8 192 characters.
  std::string formula_text_of(const std::string& f, int row, int col) const {
    std::string t = "=" + xml_safe(f);
    const std::size_t n = detail::utf16_length(t);
    if (n > max_formula)
      throw error(errc::cell_too_long, where(row, col),
                  "formula of " + std::to_string(n) +
                      " characters: a workbook formula holds at most 8 192 (Excel's limit); shorten the "
                      "texts it quotes (grade labels)");
    return t;
  }
  static constexpr std::size_t max_text = 32767, max_formula = 8192;

  std::string row_kind_;
  std::vector<std::string> header_text_;
  std::vector<std::string> row_ids_;  // each row's first-column text, for messages
  workbook_options opt_;
  std::string path_, name_;
  lxw_workbook* wb_ = nullptr;
  lxw_worksheet* ws_ = nullptr;
  lxw_format *header_ = nullptr, *input_ = nullptr, *input_text_ = nullptr, *formula_ = nullptr;
};

// Leaves sheet columns.
enum lc {
  L_UNIT,
  L_GROUP,
  L_ID,
  L_NAME,
  L_KIND,
  L_RULE,
  L_DIR,
  L_ACTUAL,
  L_TARGET,
  L_CAP,
  L_RATIO,
  L_FRACTION,
  L_MAX,
  L_POINTS,
  L_CAPPED,
  L_VETOES,
  L_COLS
};

/// The fraction formula of a leaf rule over the ratio cell (or the actual), or "" when the rule needs
/// batch statistics (minmax, rank) or a code table (lookup): then the fraction is an input.
std::string fraction_formula(const node& n, int row, std::string& ratio_formula) {
  const std::string r = ref(row, L_ACTUAL), t = ref(row, L_TARGET), cap = ref(row, L_CAP),
                    q = ref(row, L_RATIO);
  const bool lower = n.dir == direction::lower_is_better;
  const rule& ru = n.rule;
  // The completion ratio, direction-aware; a lower-is-better actual of 0 is an infinite ratio.
  auto completion_ratio = [&] {
    ratio_formula = lower ? "IF(" + r + "=0,\"inf\"," + t + "/" + r + ")" : r + "/" + t;
  };
  auto at_infinity = [&](const std::string& f, const std::string& inf_value) {
    return lower ? "IF(" + r + "=0," + inf_value + "," + f + ")" : f;
  };
  switch (ru.kind) {
    case rule_kind::completion:
      completion_ratio();
      return at_infinity("MIN(MAX(" + q + ",0)," + cap + ")", cap);
    case rule_kind::threshold:
      completion_ratio();
      return at_infinity("IF(" + q + ">=1,1,0)", "1");
    case rule_kind::banded: {
      completion_ratio();
      std::string f = "0";
      for (std::size_t b = ru.bands.size(); b-- > 0;) {
        std::string v = k(ru.bands[b].value);
        if (ru.interpolate && b > 0) {
          const band& hi = ru.bands[b - 1];
          const band& lo = ru.bands[b];
          v = k(lo.value) + "+(" + k(hi.value) + "-" + k(lo.value) + ")*((" + q + "-" + k(lo.min) + ")/(" +
              k(hi.min) + "-" + k(lo.min) + "))";
        }
        f = "IF(" + q + ">=" + k(ru.bands[b].min) + "," + v + "," + f + ")";
      }
      return at_infinity(f, ru.bands.empty() ? "0" : k(ru.bands.front().value));
    }
    case rule_kind::benchmark: {
      ratio_formula = r + "/" + t;
      const std::string f = lower ? "2-" + q : q;
      return ru.cap ? "MIN(MAX(" + f + ",0)," + cap + ")" : "MAX(" + f + ",0)";
    }
    case rule_kind::goalposts: {
      const std::string span = "(" + k(ru.hi) + "-" + k(ru.lo) + ")";
      const std::string f =
          lower ? "(" + k(ru.hi) + "-" + r + ")/" + span : "(" + r + "-" + k(ru.lo) + ")/" + span;
      return "MIN(MAX(" + f + ",0),1)";
    }
    default:
      return "";
  }
}

void leaves_sheet(book& b, const detail::report_model& m, std::vector<std::pair<int, int>>& unit_rows) {
  b.sheet(sheet_name(m, "leaves"), "unit",
          headers(m, {"unit", "group", "indicator", "name", "kind", "rule", "direction", "actual", "target",
                      "cap", "ratio", "fraction", "max", "points", "capped", "vetoes"}),
          {14, 16, 24, 22, 8, 12, 9, 12, 12, 7, 12, 12, 8, 12, 8, 7});
  int row = 1;
  for (const auto& u : m.units) {
    const int first = row;
    for (const auto& l : u.leaves) {
      const node& n = m.nd(l.node);
      b.text(row, L_UNIT, u.id);
      b.text(row, L_GROUP,
             l.group >= 0 ? m.nd(m.groups[static_cast<std::size_t>(l.group)]).id
                          : detail::label_or(m.lang, "kind", to_string(n.kind)));
      b.text(row, L_ID, n.id);
      b.text(row, L_NAME, n.name);
      b.text(row, L_KIND, detail::label_or(m.lang, "kind", to_string(n.kind)));
      b.text(row, L_DIR, n.kind == node_kind::leaf ? detail::label_or(m.lang, "dir", to_string(n.dir)) : "");
      b.num(row, L_ACTUAL, l.actual);
      b.num(row, L_TARGET, l.target);
      b.text(row, L_CAPPED, l.capped ? lbl(m, "word.yes") : "");
      const bool missing = std::isnan(l.actual);
      std::string rule_text = detail::label_or(m.lang, "rule", l.rule);
      if (n.kind == node_kind::leaf) {
        const rule& ru = n.rule;
        double cap = nan;
        if (ru.kind == rule_kind::completion) cap = ru.cap.value_or(1.0);
        if (ru.kind == rule_kind::benchmark && ru.cap) cap = *ru.cap;
        b.num(row, L_CAP, cap);
        b.num(row, L_MAX, l.max);
        std::string ratio_f;
        const std::string frac_f = missing ? "" : fraction_formula(n, row, ratio_f);
        if (!ratio_f.empty() && !missing) {
          if (std::isinf(l.ratio) || (std::isnan(l.ratio) && l.actual == 0))
            b.formula_text(row, L_RATIO, ratio_f, "inf");
          else
            b.formula(row, L_RATIO, ratio_f, l.ratio);
        } else {
          b.num(row, L_RATIO, l.ratio);
        }
        if (!frac_f.empty()) {
          b.formula(row, L_FRACTION, frac_f, l.fraction);
        } else {
          b.num(row, L_FRACTION, l.fraction);
          if (!missing) rule_text += lbl(m, "xlsx.batch_fraction");
        }
        if (!missing && !std::isnan(l.points))
          b.formula(row, L_POINTS, ref(row, L_FRACTION) + "*" + ref(row, L_MAX), l.points);
        else
          b.num(row, L_POINTS, l.points);
        b.num(row, L_VETOES, l.vetoes ? 1 : 0);
      } else if (n.kind == node_kind::bonus || n.kind == node_kind::penalty) {
        b.num(row, L_MAX, l.max);
        rule_text += detail::label_fill(m.lang, "xlsx.per_unit", {k(n.per_unit), k(n.max)});
        if (!missing) {
          b.formula(row, L_FRACTION, k(n.per_unit) + "*" + ref(row, L_ACTUAL), l.fraction);
          b.formula(row, L_POINTS, "MIN(" + ref(row, L_FRACTION) + "," + ref(row, L_MAX) + ")", l.points);
        } else {
          b.num(row, L_FRACTION, l.fraction);
          b.num(row, L_POINTS, l.points);
        }
        b.num(row, L_VETOES, 0);
      } else {  // veto
        b.num(row, L_POINTS, l.points);
        if (!missing)
          b.formula(row, L_VETOES, "IF(" + ref(row, L_ACTUAL) + ">=1,1,0)", l.vetoes ? 1 : 0);
        else
          b.num(row, L_VETOES, l.vetoes ? 1 : 0);
      }
      b.text(row, L_RULE, rule_text);
      ++row;
    }
    unit_rows.emplace_back(first, row - 1);
  }
}

void scorecard_sheet(book& b, const detail::report_model& m,
                     const std::vector<std::pair<int, int>>& unit_rows) {
  std::vector<std::string> header{lbl(m, "col.unit")};
  for (int g : m.groups) header.push_back(m.nd(g).id + " " + m.nd(g).name);
  const int c_bonus = static_cast<int>(header.size());
  for (const char* h : {"col.bonus", "col.penalty", "col.veto", "col.total", "col.rank", "col.grade"})
    header.push_back(lbl(m, h));
  const std::string leaves = sheet_ref(sheet_name(m, "leaves")) + "!";
  const int c_penalty = c_bonus + 1, c_veto = c_bonus + 2, c_total = c_bonus + 3, c_rank = c_bonus + 4,
            c_grade = c_bonus + 5;
  std::vector<double> widths(header.size(), 14);
  widths[0] = 16;
  b.sheet(sheet_name(m, "scorecard"), "unit", header, widths);
  const int n_units = static_cast<int>(m.units.size());
  for (int u = 0; u < n_units; ++u) {
    const auto& unit = m.units[static_cast<std::size_t>(u)];
    const int row = u + 1;
    b.text(row, 0, unit.id);
    // The rows of this unit's leaves, by group and kind.
    std::vector<std::vector<int>> group_rows(m.groups.size());
    std::vector<int> bonus_rows, penalty_rows;
    const auto [first, last] = unit_rows[static_cast<std::size_t>(u)];
    for (std::size_t i = 0; i < unit.leaves.size(); ++i) {
      const auto& l = unit.leaves[i];
      const int lr = first + static_cast<int>(i);
      const node_kind kind = m.nd(l.node).kind;
      if (l.group >= 0)
        group_rows[static_cast<std::size_t>(l.group)].push_back(lr);
      else if (kind == node_kind::bonus)
        bonus_rows.push_back(lr);
      else if (kind == node_kind::penalty)
        penalty_rows.push_back(lr);
    }
    auto sum_of = [&](const std::vector<int>& rows) {
      if (rows.empty()) return std::string("0");
      bool contiguous = true;
      for (std::size_t i = 1; i < rows.size(); ++i) contiguous = contiguous && rows[i] == rows[i - 1] + 1;
      if (contiguous)
        return "SUM(" + leaves + ref(rows.front(), L_POINTS) + ":" + ref(rows.back(), L_POINTS) + ")";
      std::string f = "SUM(";
      for (std::size_t i = 0; i < rows.size(); ++i) f += (i ? "," : "") + leaves + ref(rows[i], L_POINTS);
      return f + ")";
    };
    for (std::size_t g = 0; g < m.groups.size(); ++g) {
      const int col = 1 + static_cast<int>(g);
      // A sum of the leaves' points, unless a geometric mean sits anywhere under the group.
      bool geometric = false;
      for (std::size_t i = 0; i < m.tree.size(); ++i) {
        int p = static_cast<int>(i);
        bool under = false;
        while (p > 0) {
          if (p == m.groups[g]) under = true;
          p = m.nd(p).parent;
        }
        if (under && m.tree.node(i).aggregate == aggregation::geometric) geometric = true;
      }
      if (geometric)
        b.num(row, col, unit.groups[g].score);
      else
        b.formula(row, col, sum_of(group_rows[g]), unit.groups[g].score);
    }
    double bonus = 0, penalty = 0;
    for (const auto& l : unit.leaves) {
      const node_kind kind = m.nd(l.node).kind;
      if (kind == node_kind::bonus && !std::isnan(l.points)) bonus += l.points;
      if (kind == node_kind::penalty && !std::isnan(l.points)) penalty += l.points;
    }
    b.formula(row, c_bonus, sum_of(bonus_rows), bonus);
    b.formula(row, c_penalty, sum_of(penalty_rows), penalty);
    b.formula(row, c_veto, "MAX(" + leaves + ref(first, L_VETOES) + ":" + ref(last, L_VETOES) + ")",
              unit.veto ? 1 : 0);
    const std::string groups_sum =
        m.groups.empty() ? "0"
                         : "SUM(" + ref(row, 1) + ":" + ref(row, static_cast<int>(m.groups.size())) + ")";
    b.formula(row, c_total,
              "IF(" + ref(row, c_veto) + ">0,0,MAX(0," + groups_sum + "+" + ref(row, c_bonus) + "-" +
                  ref(row, c_penalty) + "))",
              unit.total);
    if (unit.rank)
      b.formula(row, c_rank, "RANK(" + ref(row, c_total) + "," + abs_col(c_total, 1, n_units) + ",0)",
                *unit.rank);
    const auto& grades = m.tree.grades();
    if (!grades.empty()) {
      std::string f = "\"\"";
      for (std::size_t g = grades.size(); g-- > 0;)
        f = "IF(" + ref(row, c_total) + ">=" + k(grades[g].min) + "," + kq(grades[g].label) + "," + f + ")";
      f = "IF(" + ref(row, c_veto) + ">0," + kq(grades.back().label) + "," + f + ")";
      b.formula_text(row, c_grade, f, unit.grade);
    }
  }
}

void pay_sheets(book& b, const detail::report_model& m) {
  const rjson& p = m.pay;
  const rjson& people = p["people"];
  const rjson& rec = p["reconciliation"];
  const double lambda =
      rec.contains("lambda") && rec["lambda"].is_object() ? dec(rec["lambda"]["decimal"]) : nan;
  enum {
    P_ID,
    P_NAME,
    P_TF,
    P_TEAM,
    P_LEVEL,
    P_BASE,
    P_SCORE,
    P_GRADE,
    P_TFC,
    P_TEAMC,
    P_INDC,
    P_SHARE,
    P_LAMBDA,
    P_FLOOR,
    P_CAP,
    P_RAW,
    P_CLAMP,
    P_WHOLE,
    P_ROUND,
    P_BASEPAY,
    P_AWARD,
    P_TOTAL,
    P_MULT
  };
  b.sheet(sheet_name(m, "pay_people"), "person",
          headers(m, {"id",
                      "name",
                      "task_force",
                      "team",
                      "job_level",
                      "baseline",
                      "score",
                      "grade",
                      "task_force_coefficient",
                      "team_coefficient",
                      "individual_coefficient",
                      "share",
                      "lambda",
                      "floor",
                      "cap",
                      "raw_pay",
                      "clamp",
                      "raw_whole_fen",
                      "rounding_fen",
                      "base_pay",
                      "award",
                      "total",
                      "multiple"}),
          {8, 10, 14, 12, 10, 12, 7, 8, 10, 10, 10, 14, 16, 12, 12, 14, 8, 12, 8, 12, 10, 12, 9});
  const int n = static_cast<int>(people.size());
  for (int i = 0; i < n; ++i) {
    const rjson& x = people[static_cast<std::size_t>(i)];
    const int row = i + 1;
    for (auto [col, key] : {std::pair{P_ID, "id"},
                            {P_NAME, "name"},
                            {P_TF, "task_force"},
                            {P_TEAM, "team"},
                            {P_LEVEL, "job_level"},
                            {P_GRADE, "grade"},
                            {P_CLAMP, "clamp"}})
      b.text(row, col,
             col == P_CLAMP ? detail::label_or(m.lang, "clamp", text_of(x.value(key, rjson())))
                            : text_of(x.value(key, rjson())));
    b.num(row, P_BASE, dec(x.value("baseline", rjson())));
    b.num(row, P_SCORE, dec(x.value("score", rjson())));
    b.num(row, P_TFC, dec(x.value("task_force_coefficient", rjson())));
    b.num(row, P_TEAMC, dec(x.value("team_coefficient", rjson())));
    b.num(row, P_INDC, dec(x.value("individual_coefficient", rjson())));
    b.formula(row, P_SHARE,
              ref(row, P_BASE) + "*" + ref(row, P_TFC) + "*" + ref(row, P_TEAMC) + "*" + ref(row, P_INDC),
              dec(x.value("share", rjson())), 1e-6);
    b.num(row, P_LAMBDA, lambda);
    b.num(row, P_FLOOR, dec(x.value("floor", rjson())));
    b.num(row, P_CAP, dec(x.value("cap", rjson())));
    // raw_pay in the JSON is truncated to 4 places beyond the fen, and λ is a 12-place decimal.
    if (!std::isnan(lambda))
      b.formula(row, P_RAW,
                "MIN(MAX(" + ref(row, P_LAMBDA) + "*" + ref(row, P_SHARE) + "," + ref(row, P_FLOOR) + ")," +
                    ref(row, P_CAP) + ")",
                dec(x.value("raw_pay", rjson())), 2e-4);
    else
      b.num(row, P_RAW, dec(x.value("raw_pay", rjson())));
    const rjson exact = x.value("raw_pay_exact", rjson());
    b.num(row, P_WHOLE, exact.is_object() ? dec(exact.value("whole_fen", rjson())) : nan);
    b.num(row, P_ROUND, dec(x.value("rounding_fen", rjson())));
    if (exact.is_object())
      b.formula(row, P_BASEPAY, "(" + ref(row, P_WHOLE) + "+" + ref(row, P_ROUND) + ")/100",
                dec(x.value("base_pay", rjson())), 1e-6);
    else
      b.num(row, P_BASEPAY, dec(x.value("base_pay", rjson())));
    b.num(row, P_AWARD, dec(x.value("award", rjson())));
    b.formula(row, P_TOTAL, ref(row, P_BASEPAY) + "+" + ref(row, P_AWARD), dec(x.value("total", rjson())),
              1e-6);
    b.formula(row, P_MULT, ref(row, P_BASEPAY) + "/" + ref(row, P_BASE), dec(x.value("multiple", rjson())),
              5.1e-5);
  }
  const int last = std::max(n, 1);
  auto col_range = [&](int col) { return abs_range(sheet_ref(sheet_name(m, "pay_people")), col, 1, last); };

  b.sheet(sheet_name(m, "pay_task_forces"), "task force",
          headers(m, {"task_force", "grade", "coefficient", "head_count", "baseline", "base_pay", "award",
                      "total", "average_multiple"}),
          {16, 8, 11, 11, 14, 14, 12, 14, 16});
  int row = 1;
  for (const auto& tf : p["task_forces"]) {
    const std::string a = "$" + ref(row, 0);
    b.text(row, 0, text_of(tf["id"]));
    b.text(row, 1, text_of(tf.value("grade", rjson())));
    b.num(row, 2, dec(tf.value("coefficient", rjson())));
    b.formula(row, 3, "SUMPRODUCT(--(" + col_range(P_TF) + "=" + a + "))",
              dec(tf.value("head_count", rjson())));
    const std::pair<int, const char*> sums[] = {
        {P_BASE, "baseline"}, {P_BASEPAY, "base_pay"}, {P_AWARD, "award"}, {P_TOTAL, "total"}};
    int col = 4;
    for (auto [pc, key] : sums)
      b.formula(row, col++, "SUMPRODUCT((" + col_range(P_TF) + "=" + a + ")*" + col_range(pc) + ")",
                dec(tf.value(key, rjson())), 1e-6);
    b.formula(row, 8, "IF(" + ref(row, 4) + "=0,0," + ref(row, 5) + "/" + ref(row, 4) + ")",
              dec(tf.value("average_multiple", rjson())), 5.1e-5);
    ++row;
  }

  b.sheet(sheet_name(m, "pay_reconciliation"), "item", headers(m, {"item", "value", "how"}), {18, 18, 60});
  auto item = [&](int r, const char* name, const char*) {
    b.text(r, 0, lbl(m, std::string("rec.") + name));
    b.text(r, 2, r == 2 ? lbl(m, "rec.multiplier.how") : lbl(m, std::string("rec.") + name + ".how"));
  };
  item(1, "baseline", "Σ baseline");
  b.formula(1, 1, "SUM(" + col_range(P_BASE) + ")", dec(rec.value("baseline", rjson())), 1e-6);
  item(2, "multiplier", "input");
  b.num(2, 1, dec(rec.value("multiplier", rjson())));
  item(3, "pool", "multiplier × Σ baseline, rounded half away from zero to the fen");
  b.formula(3, 1, "ROUND(B3*B2,2)", dec(rec.value("pool", rjson())), 1e-6);
  item(4, "base_paid", "Σ base pay");
  b.formula(4, 1, "SUM(" + col_range(P_BASEPAY) + ")", dec(rec.value("base_paid", rjson())), 1e-6);
  item(5, "difference", "pool − base paid (0 when the parts add up to the pool)");
  b.formula(5, 1, "ROUND(B4-B5,2)", dec(rec.value("difference", rjson())), 1e-6);
  item(6, "awards_paid", "Σ awards");
  b.formula(6, 1, "SUM(" + col_range(P_AWARD) + ")", dec(rec.value("awards_paid", rjson())), 1e-6);
  item(7, "total_paid", "base paid + awards");
  b.formula(7, 1, "B5+B7", dec(rec.value("total_paid", rjson())), 1e-6);
  item(8, "average_multiple", "base paid ÷ Σ baseline");
  b.formula(8, 1, "IF(B2=0,0,B5/B2)", dec(rec.value("average_multiple", rjson())), 5.1e-5);
  item(9, "lambda", "the single λ with Σ min(max(λ·s, floor), cap) = pool (12 places)");
  b.num(9, 1, lambda);
}

void land_sheets(book& b, const detail::report_model& m) {
  const rjson& l = m.land;
  const rjson& ents = l["enterprises"];
  std::vector<std::string> metrics;
  if (!ents.empty() && ents[0].contains("metrics"))
    for (auto it = ents[0]["metrics"].begin(); it != ents[0]["metrics"].end(); ++it)
      metrics.push_back(it.key());
  std::vector<std::string> header = headers(m, {"id", "name", "park", "task_force", "land_mu"});
  for (const auto& k2 : metrics) header.push_back(detail::label_or(m.lang, "metric", k2));
  const int c_score = static_cast<int>(header.size());
  for (const auto& h : headers(m, {"score", "rank", "class", "exempt"})) header.push_back(h);
  std::vector<double> widths(header.size(), 13);
  widths[1] = 22;
  const std::string ents_sheet = sheet_name(m, "land_enterprises");
  b.sheet(ents_sheet, "enterprise", header, widths);
  const int n = static_cast<int>(ents.size());
  for (int i = 0; i < n; ++i) {
    const rjson& e = ents[static_cast<std::size_t>(i)];
    const int row = i + 1;
    int col = 0;
    for (const char* key : {"id", "name", "park", "task_force"})
      b.text(row, col++, text_of(e.value(key, rjson())));
    b.num(row, col++, detail::num_or_nan(e.value("land_mu", rjson())));
    for (const auto& k2 : metrics) b.num(row, col++, detail::num_or_nan(e["metrics"].value(k2, rjson())));
    const double score = detail::num_or_nan(e.value("score", rjson()));
    b.num(row, c_score, score);
    if (!std::isnan(score))
      b.formula(row, c_score + 1, "RANK(" + ref(row, c_score) + "," + abs_col(c_score, 1, n) + ",0)",
                detail::num_or_nan(e.value("rank", rjson())));
    b.text(row, c_score + 2, text_of(e.value("class", rjson())));
    b.text(row, c_score + 3, text_of(e.value("exempt", rjson())));
  }
  b.sheet(sheet_name(m, "land_classes"), "class", headers(m, {"class", "name", "count", "quota"}),
          {8, 14, 8, 8});
  int row = 1;
  for (const auto& c : l["classes"]) {
    b.text(row, 0, text_of(c["label"]));
    b.text(row, 1, text_of(c.value("name", rjson())));
    b.formula(row, 2,
              "SUMPRODUCT(--(" + abs_range(sheet_ref(ents_sheet), c_score + 2, 1, std::max(n, 1)) + "=$A" +
                  std::to_string(row + 1) + "))",
              detail::num_or_nan(c["count"]));
    b.num(row, 3, detail::num_or_nan(c.value("quota", rjson())));
    ++row;
  }
}

void faces_sheet(book& b, const detail::report_model& m) {
  const auto f = detail::faces_of(m.projects);
  std::vector<std::string> header = headers(m, {"task_force", "face"});
  for (const auto& c : f.columns) {
    header.push_back(detail::label_fill(m.lang, "word.actual_of", {detail::label_or(m.lang, "col", c)}));
    header.push_back(detail::label_fill(m.lang, "word.target_of", {detail::label_or(m.lang, "col", c)}));
  }
  if (!f.columns.empty()) {
    header.push_back(lbl(m, "col.targets_missed"));
    header.push_back(lbl(m, "col.missed"));
  }
  b.sheet(sheet_name(m, "faces"), "task force", header, std::vector<double>(header.size(), 14));
  int row = 1;
  for (const auto& r : f.rows) {
    b.text(row, 0, r.task_force);
    b.text(row, 1, r.face);
    int col = 2;
    std::string count;
    for (const auto& fig : r.figures) {
      b.num(row, col, fig.actual);
      b.num(row, col + 1, fig.target);
      count += (count.empty() ? "" : "+") + std::string("(") + ref(row, col) + "<" + ref(row, col + 1) + ")";
      col += 2;
    }
    if (!f.columns.empty()) {
      b.formula(row, col, count.empty() ? "0" : count, static_cast<double>(r.missed_count));
      b.text(row, col + 1, detail::missed_text(m.lang, r.missed_items));
    }
    ++row;
  }
}

}  // namespace

workbook_manifest write_report_workbook(const report_data& data, const std::string& path,
                                        const workbook_options& options) {
  const detail::report_model& m = *data.model_;
  output_file file(path);  // the old workbook stays until the new one is complete
  book b(file.temp_path(), options);
  // The scorecard sums the leaves sheet, so the leaves' rows are laid out first; the scorecard
  // sheet still comes first in the workbook.
  std::vector<std::pair<int, int>> unit_rows;
  int row = 1;
  for (const auto& u : m.units) {
    unit_rows.emplace_back(row, row + static_cast<int>(u.leaves.size()) - 1);
    row += static_cast<int>(u.leaves.size());
  }
  scorecard_sheet(b, m, unit_rows);
  std::vector<std::pair<int, int>> written;
  leaves_sheet(b, m, written);
  if (data.has_pay()) pay_sheets(b, m);
  if (data.has_land()) land_sheets(b, m);
  if (data.has_projects()) faces_sheet(b, m);
  b.close();
  file.commit();
  return std::move(b.manifest);
}

}  // namespace zoneperf
