// The auditor's workbook: every derived cell is a live formula over input cells, with the
// library's value cached (libxlsxwriter).
#include <algorithm>
#include <cmath>

#include "labels.hpp"
#include "xlsx_book.hpp"
#include "zoneperf/io/report.hpp"
#include "zoneperf/text/file.hpp"

namespace zoneperf {
namespace {
using namespace detail::xlsx;
using detail::text_of;

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
  std::vector<column> cols =
      columns(m, {"unit", "group", "indicator", "name", "kind", "rule", "direction", "actual", "target",
                  "cap", "ratio", "fraction", "max", "points", "capped", "vetoes"});
  const double widths[] = {14, 16, 24, 22, 8, 12, 9, 12, 12, 7, 12, 12, 8, 12, 8, 7};
  for (std::size_t c = 0; c < cols.size(); ++c) cols[c].width = widths[c];
  // Actuals and targets keep General: each row has its own unit (projects, 万元, %, ...).
  cols[L_CAP].format = num_format::coefficient;
  cols[L_RATIO].format = cols[L_FRACTION].format = num_format::percent;
  cols[L_MAX].format = cols[L_POINTS].format = num_format::score;
  cols[L_VETOES].format = num_format::integer;
  b.sheet(sheet_name(m, "leaves"), "unit", cols);
  int row = first_row;
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
          // A bonus's "fraction" is its points before the cap, not a share: shown as points.
          b.formula(row, L_FRACTION, k(n.per_unit) + "*" + ref(row, L_ACTUAL), l.fraction, 0,
                    num_format::score);
          b.formula(row, L_POINTS, "MIN(" + ref(row, L_FRACTION) + "," + ref(row, L_MAX) + ")", l.points);
        } else {
          b.num(row, L_FRACTION, l.fraction, num_format::score);
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
  std::vector<column> cols = columns(m, {"unit"});
  cols[0].width = 16;
  for (int g : m.groups) cols.push_back({m.nd(g).name, m.nd(g).id, 12, num_format::score});
  const int c_bonus = static_cast<int>(cols.size());
  for (auto [key, format] : {std::pair{"bonus", num_format::score},
                             {"penalty", num_format::score},
                             {"veto", num_format::integer},
                             {"total", num_format::score},
                             {"rank", num_format::integer},
                             {"grade", num_format::plain}})
    cols.push_back({lbl(m, std::string("col.") + key), key, 10, format});
  const std::string leaves = sheet_ref(sheet_name(m, "leaves")) + "!";
  const int c_penalty = c_bonus + 1, c_veto = c_bonus + 2, c_total = c_bonus + 3, c_rank = c_bonus + 4,
            c_grade = c_bonus + 5;
  b.sheet(sheet_name(m, "scorecard"), "unit", cols);
  const int n_units = static_cast<int>(m.units.size());
  for (int u = 0; u < n_units; ++u) {
    const auto& unit = m.units[static_cast<std::size_t>(u)];
    const int row = first_row + u;
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
      b.formula(
          row, c_rank,
          "RANK(" + ref(row, c_total) + "," + abs_col(c_total, first_row, first_row + n_units - 1) + ",0)",
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
  if (n_units > 0) {
    chart_spec totals;
    totals.title = lbl(m, "chart.totals");
    totals.y_axis = cols[static_cast<std::size_t>(c_total)].label;
    totals.number_format = "0.00";
    totals.sheet = sheet_name(m, "scorecard");
    totals.first = first_row;
    totals.last = first_row + n_units - 1;
    totals.value_cols = {c_total};
    b.chart_sheet(sheet_name(m, "totals_chart"), totals);
  }
}

void faces_sheet(book& b, const detail::report_model& m) {
  const auto f = detail::faces_of(m.projects);
  std::vector<column> cols = columns(m, {"task_force", "face"});
  for (const auto& c : f.columns) {
    const std::string name = detail::label_or(m.lang, "col", c);
    cols.push_back(
        {detail::label_fill(m.lang, "word.actual_of", {name}), c + "_actual", 12, num_format::integer});
    cols.push_back(
        {detail::label_fill(m.lang, "word.target_of", {name}), c + "_target", 12, num_format::integer});
  }
  if (!f.columns.empty()) {
    cols.push_back({lbl(m, "col.targets_missed"), "targets_missed", 12, num_format::integer});
    cols.push_back({lbl(m, "col.missed"), "missed", 30, num_format::plain});
  }
  cols[0].width = 16;
  b.sheet(sheet_name(m, "faces"), "task force", cols);
  int row = first_row;
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
  book b(file.temp_path(), options, m);
  // The scorecard sums the leaves sheet, so the leaves' rows are laid out first; the scorecard
  // sheet still comes first in the workbook.
  std::vector<std::pair<int, int>> unit_rows;
  int row = first_row;
  for (const auto& u : m.units) {
    unit_rows.emplace_back(row, row + static_cast<int>(u.leaves.size()) - 1);
    row += static_cast<int>(u.leaves.size());
  }
  scorecard_sheet(b, m, unit_rows);
  std::vector<std::pair<int, int>> written;
  leaves_sheet(b, m, written);
  if (data.has_pay()) detail::xlsx::pay_sheets(b, m);
  if (data.has_land()) detail::xlsx::land_sheets(b, m);
  if (data.has_projects()) faces_sheet(b, m);
  detail::xlsx::period_sheets(b, m);
  b.close();
  file.commit();
  return std::move(b.manifest);
}

}  // namespace zoneperf
