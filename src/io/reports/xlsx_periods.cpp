// The auditor's workbook, sections over periods: the series (Δ score and Δ rank as formulas over the
// totals and ranks of the period before), the year of faces (the tallies as formulas over the faces),
// the months' checks, and the class migration (row and column totals as sums).
#include <cmath>

#include "labels.hpp"
#include "periods.hpp"
#include "xlsx_book.hpp"

namespace zoneperf::detail::xlsx {
namespace {

column col(const report_model& m, const char* label_id, std::string id, double width, num_format f) {
  return {std::string(label(m.lang, label_id)), std::move(id), width, f};
}

void series_sheet(book& b, const report_model& m) {
  const series_view& s = *m.series;
  enum { UNIT, PERIOD, TOTAL, RANK, GRADE, D_SCORE, D_RANK };
  b.sheet(
      sheet_name(m, "series"), "unit",
      {col(m, "col.unit", "unit", 16, num_format::plain),
       col(m, "col.period", "period", 10, num_format::plain),
       col(m, "col.total", "total", 10, num_format::score),
       col(m, "col.rank", "rank", 8, num_format::integer), col(m, "col.grade", "grade", 8, num_format::plain),
       col(m, "col.d_score", "d_score", 10, num_format::score),
       col(m, "col.d_rank", "d_rank", 10, num_format::integer)});
  int row = first_row;
  for (std::size_t u = 0; u < s.units.size(); ++u)
    for (std::size_t p = 0; p < s.periods.size(); ++p, ++row) {
      const series_cell& c = s.cells[u][p];
      b.text(row, UNIT, s.units[u]);
      b.text(row, PERIOD, s.periods[p]);
      if (!c.present) continue;
      b.num(row, TOTAL, c.total);
      b.num(row, RANK, c.rank);
      b.text(row, GRADE, c.grade);
      // read_series_view checked that a change is against the row above (the period before).
      if (c.d_score) b.formula(row, D_SCORE, ref(row, TOTAL) + "-" + ref(row - 1, TOTAL), *c.d_score, 1e-9);
      if (c.d_rank) b.formula(row, D_RANK, ref(row - 1, RANK) + "-" + ref(row, RANK), *c.d_rank);
    }
}

void faces_year_sheets(book& b, const report_model& m) {
  const faces_year_view& f = *m.faces_year;
  std::vector<column> cols{col(m, "col.task_force", "task_force", 16, num_format::plain)};
  const std::size_t months = f.rows.empty() ? 0 : f.rows.front().months.size();
  for (std::size_t k = 0; k < months; ++k) {
    const std::string& month = f.rows.front().months[k].month;
    cols.push_back({month.size() > 5 ? month.substr(5) : month, month, 6, num_format::plain});
  }
  cols.push_back(col(m, "col.smiles", "smiles", 8, num_format::integer));
  cols.push_back(col(m, "col.cries", "cries", 8, num_format::integer));
  b.sheet(sheet_name(m, "faces_year"), "task force", cols);
  int row = first_row;
  const int last_month_col = static_cast<int>(months);
  for (const auto& r : f.rows) {
    b.text(row, 0, r.task_force);
    for (std::size_t k = 0; k < r.months.size() && k < months; ++k)
      b.text(row, static_cast<int>(k) + 1, r.months[k].face);
    const std::string range = ref(row, 1) + ":" + ref(row, last_month_col);
    // A comparison per cell rather than COUNTIF, whose criteria a spreadsheet may read as a pattern.
    b.formula(row, last_month_col + 1, "SUMPRODUCT((" + range + "=" + kq("😊") + ")*1)",
              static_cast<double>(r.smiles));
    b.formula(row, last_month_col + 2, "SUMPRODUCT((" + range + "=" + kq("😢") + ")*1)",
              static_cast<double>(r.cries));
    ++row;
  }

  std::vector<column> d{col(m, "col.task_force", "task_force", 16, num_format::plain),
                        col(m, "col.month", "month", 10, num_format::plain),
                        col(m, "col.face", "face", 6, num_format::plain)};
  static const char* const keys[] = {"intent", "signed", "landed"};
  for (const char* c : keys) {
    const std::string name = label_or(m.lang, "col", c);
    d.push_back(
        {label_fill(m.lang, "word.actual_of", {name}), std::string(c) + "_actual", 10, num_format::integer});
    d.push_back(
        {label_fill(m.lang, "word.target_of", {name}), std::string(c) + "_target", 10, num_format::integer});
  }
  d.push_back(col(m, "col.targets_missed", "targets_missed", 10, num_format::integer));
  d.push_back(col(m, "col.missed", "missed", 30, num_format::plain));
  b.sheet(sheet_name(m, "faces_year_months"), "task force", d);
  row = first_row;
  for (const auto& r : f.rows)
    for (const auto& mo : r.months) {
      b.text(row, 0, r.task_force);
      b.text(row, 1, mo.month);
      b.text(row, 2, mo.face);
      std::string count;
      for (int i = 0; i < 3; ++i) {
        b.num(row, 3 + 2 * i, mo.actual[i]);
        b.num(row, 4 + 2 * i, mo.target[i]);
        if (!std::isnan(mo.actual[i]) && !std::isnan(mo.target[i]))
          count += (count.empty() ? "" : "+") + std::string("(") + ref(row, 3 + 2 * i) + "<" +
                   ref(row, 4 + 2 * i) + ")";
      }
      b.formula(row, 9, count.empty() ? "0" : count, static_cast<double>(mo.missed.size()));
      b.text(row, 10, missed_text(m.lang, mo.missed));
      ++row;
    }
}

void migration_sheets(book& b, const report_model& m) {
  const migration_view& g = *m.migration;
  std::vector<column> cols{col(m, "col.from_to", "from", 12, num_format::plain)};
  for (const auto& c : g.columns) cols.push_back({label_or(m.lang, "class", c), c, 8, num_format::integer});
  cols.push_back(col(m, "col.row_total", "total", 8, num_format::integer));
  b.sheet(sheet_name(m, "migration"), "class", cols);
  const int n = static_cast<int>(g.columns.size());
  int row = first_row;
  std::vector<long long> sums(g.columns.size(), 0);
  long long all = 0;
  for (std::size_t r = 0; r < g.rows.size(); ++r, ++row) {
    b.text(row, 0, label_or(m.lang, "class", g.rows[r]));
    long long sum = 0;
    for (int c = 0; c < n; ++c) {
      const long long k = g.counts[r][static_cast<std::size_t>(c)];
      b.num(row, c + 1, static_cast<double>(k));
      sum += k;
      sums[static_cast<std::size_t>(c)] += k;
    }
    all += sum;
    b.formula(row, n + 1, "SUM(" + ref(row, 1) + ":" + ref(row, n) + ")", static_cast<double>(sum));
  }
  b.text(row, 0, label(m.lang, "col.row_total").data());
  const int last = row - 1;
  for (int c = 0; c <= n; ++c)
    b.formula(row, c + 1, "SUM(" + ref(first_row, c + 1) + ":" + ref(last, c + 1) + ")",
              static_cast<double>(c < n ? sums[static_cast<std::size_t>(c)] : all));

  b.sheet(sheet_name(m, "migration_moves"), "enterprise",
          {col(m, "col.id", "id", 10, num_format::plain), col(m, "col.name", "name", 24, num_format::plain),
           col(m, "col.from", "from", 8, num_format::plain), col(m, "col.to", "to", 8, num_format::plain),
           col(m, "col.move", "move", 10, num_format::plain),
           col(m, "col.steps", "steps", 8, num_format::integer)});
  row = first_row;
  for (const auto& x : g.moves) {
    b.text(row, 0, x.id);
    b.text(row, 1, x.name);
    b.text(row, 2, x.from);
    b.text(row, 3, x.to);
    b.text(row, 4, label_or(m.lang, "move", x.move));
    b.num(row, 5, static_cast<double>(x.steps));
    ++row;
  }
}

}  // namespace

void period_sheets(book& b, const report_model& m) {
  if (m.series) series_sheet(b, m);
  if (m.faces_year) faces_year_sheets(b, m);
  if (m.migration) migration_sheets(b, m);
}

}  // namespace zoneperf::detail::xlsx
