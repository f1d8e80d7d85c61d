// The HTML sections over periods: the series' trend (total and rank per unit, inline SVG), the year
// of faces and the class migration matrix. Same conventions as html.cpp: XHTML, escaped text, exact
// numbers in data-v.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "labels.hpp"
#include "model.hpp"
#include "periods.hpp"
#include "zoneperf/text/markup.hpp"
#include "zoneperf/text/number.hpp"

namespace zoneperf::detail {
namespace {

std::string esc(std::string_view s) { return xml_text(s); }
std::string L(const report_model& m, std::string_view id) { return esc(label(m.lang, id)); }
std::string L(const report_model& m, std::string_view id, std::initializer_list<std::string> args) {
  return esc(label_fill(m.lang, id, args));
}
std::string xy(double v) { return fixed(v, 2); }

const char* const colours[] = {"#2f6fb3", "#c0392b", "#1a7f37", "#b7791f",
                               "#7c3aed", "#0f766e", "#be185d", "#4b5563"};
const char* colour(std::size_t u) { return colours[u % (sizeof colours / sizeof *colours)]; }

// One line chart: x the periods, y a value per unit and period (none when absent). `rank` puts 1 at
// the top and the largest rank at the bottom; otherwise y runs from 0 to the largest value rounded up
// to 10.
std::string trend_svg(const report_model& m, const series_view& s, bool rank) {
  const double w = 720, x0 = 48, x1 = w - 20, top = 14, bottom_pad = 36;
  const double legend_h = 18 * static_cast<double>((s.units.size() + 3) / 4);
  const double plot_h = 200, h = top + plot_h + bottom_pad + legend_h;
  double hi = 0;
  int worst = 1;
  for (const auto& row : s.cells)
    for (const auto& c : row)
      if (c.present) {
        hi = std::max(hi, c.total);
        worst = std::max(worst, c.rank);
      }
  hi = std::max(10.0, std::ceil(hi / 10) * 10);
  const std::size_t n = s.periods.size();
  auto X = [&](std::size_t p) {
    return n < 2 ? (x0 + x1) / 2 : x0 + (x1 - x0) * static_cast<double>(p) / static_cast<double>(n - 1);
  };
  auto Y = [&](const series_cell& c) {
    if (rank) return worst < 2 ? top + plot_h / 2 : top + plot_h * (c.rank - 1) / (worst - 1);
    return top + plot_h * (1 - c.total / hi);
  };
  std::string o = fmt::format(
      "<svg class=\"trend trend-{0}\" width=\"{1}\" height=\"{2}\" viewBox=\"0 0 {1} {2}\" role=\"img\" "
      "aria-label=\"{3}\">",
      rank ? "rank" : "total", w, xy(h), L(m, rank ? "svg.trend_rank" : "svg.trend_total"));
  // Grid and axis labels.
  const int ticks = rank ? worst : 5;
  for (int t = 0; t <= (rank ? ticks - 1 : ticks); ++t) {
    const double y =
        rank ? (worst < 2 ? top + plot_h / 2 : top + plot_h * t / (worst - 1)) : top + plot_h * t / ticks;
    const std::string text = rank ? std::to_string(t + 1) : fixed(hi * (ticks - t) / ticks, 0);
    o += "<line x1=\"" + xy(x0) + "\" y1=\"" + xy(y) + "\" x2=\"" + xy(x1) + "\" y2=\"" + xy(y) +
         "\" stroke=\"#eef1f5\"/><text x=\"" + xy(x0 - 6) + "\" y=\"" + xy(y + 4) +
         "\" text-anchor=\"end\" font-size=\"10\" fill=\"#5f6b7a\">" + text + "</text>";
  }
  for (std::size_t p = 0; p < n; ++p)
    o += "<text x=\"" + xy(X(p)) + "\" y=\"" + xy(top + plot_h + 16) +
         "\" text-anchor=\"middle\" font-size=\"10\" fill=\"#5f6b7a\">" + esc(s.periods[p]) + "</text>";
  for (std::size_t u = 0; u < s.units.size(); ++u) {
    std::string points;
    for (std::size_t p = 0; p < n; ++p) {
      const series_cell& c = s.cells[u][p];
      if (!c.present) {  // a gap breaks the line
        if (!points.empty())
          o += "<polyline fill=\"none\" stroke=\"" + std::string(colour(u)) +
               "\" stroke-width=\"2\" points=\"" + points + "\"/>";
        points.clear();
        continue;
      }
      points += (points.empty() ? "" : " ") + xy(X(p)) + "," + xy(Y(c));
    }
    if (!points.empty())
      o += "<polyline fill=\"none\" stroke=\"" + std::string(colour(u)) + "\" stroke-width=\"2\" points=\"" +
           points + "\"/>";
    for (std::size_t p = 0; p < n; ++p) {
      const series_cell& c = s.cells[u][p];
      if (!c.present) continue;
      o += "<circle cx=\"" + xy(X(p)) + "\" cy=\"" + xy(Y(c)) + "\" r=\"3\" fill=\"" + colour(u) +
           "\" data-unit=\"" + esc(s.units[u]) + "\" data-period=\"" + esc(s.periods[p]) + "\" data-v=\"" +
           (rank ? std::to_string(c.rank) : shortest(c.total)) + "\"/>";
    }
  }
  // The legend: four entries a row.
  for (std::size_t u = 0; u < s.units.size(); ++u) {
    const double lx = x0 + static_cast<double>(u % 4) * 165,
                 ly = top + plot_h + 34 + 18 * static_cast<double>(u / 4);
    o += "<line x1=\"" + xy(lx) + "\" y1=\"" + xy(ly - 4) + "\" x2=\"" + xy(lx + 16) + "\" y2=\"" +
         xy(ly - 4) + "\" stroke=\"" + colour(u) + "\" stroke-width=\"3\"/><text x=\"" + xy(lx + 20) +
         "\" y=\"" + xy(ly) + "\" font-size=\"12\">" + esc(s.units[u]) + "</text>";
  }
  return o + "</svg>";
}

void trend_section(const report_model& m, std::string& o) {
  const series_view& s = *m.series;
  o += "<section id=\"trend\"><h2>" + L(m, "sec.trend") + "</h2>";
  o += "<div class=\"chart\">" + trend_svg(m, s, false) + "</div><div class=\"chart\">" +
       trend_svg(m, s, true) + "</div>";
  o += "<p class=\"note\">" + L(m, "note.trend") + "</p>";
  o += "<div class=\"wide\"><table class=\"series\"><thead><tr><th>" + L(m, "col.unit") + "</th>";
  for (const auto& p : s.periods) o += "<th>" + esc(p) + "</th>";
  o += "</tr></thead><tbody>";
  for (std::size_t u = 0; u < s.units.size(); ++u) {
    o += "<tr data-unit=\"" + esc(s.units[u]) + "\"><td>" + esc(s.units[u]) + "</td>";
    for (std::size_t p = 0; p < s.periods.size(); ++p) {
      const series_cell& c = s.cells[u][p];
      if (!c.present) {
        o += "<td class=\"n\" data-period=\"" + esc(s.periods[p]) + "\">-</td>";
        continue;
      }
      std::string change;
      if (c.d_rank)
        change = *c.d_rank > 0   ? " ▲" + std::to_string(*c.d_rank)
                 : *c.d_rank < 0 ? " ▼" + std::to_string(-*c.d_rank)
                                 : "";
      o += "<td class=\"n\" data-period=\"" + esc(s.periods[p]) + "\" data-v=\"" + shortest(c.total) +
           "\" data-rank=\"" + std::to_string(c.rank) + "\"" +
           (c.d_score ? " data-d-score=\"" + shortest(*c.d_score) + "\"" : std::string()) +
           (c.d_rank ? " data-d-rank=\"" + std::to_string(*c.d_rank) + "\"" : std::string()) + ">" +
           fixed(c.total, 2) + "<div class=\"note\">" +
           esc(label_fill(m.lang, "word.rank_n", {std::to_string(c.rank)}) + change) + "</div></td>";
    }
    o += "</tr>";
  }
  o += "</tbody></table></div></section>";
}

void faces_year_section(const report_model& m, std::string& o) {
  const faces_year_view& f = *m.faces_year;
  o += "<section id=\"faces_year\"><h2>" + L(m, "sec.faces_year", {f.year}) +
       "</h2><div class=\"wide\"><table class=\"faces-year\"><thead><tr><th>" + L(m, "col.task_force") +
       "</th>";
  if (!f.rows.empty())
    for (const auto& mo : f.rows.front().months)
      o += "<th>" + esc(mo.month.size() > 5 ? mo.month.substr(5) : mo.month) + "</th>";
  o += "<th>" + L(m, "col.smiles") + "</th><th>" + L(m, "col.cries") + "</th></tr></thead><tbody>";
  auto n = [](double v) { return std::isnan(v) ? std::string("-") : shortest(v); };
  for (const auto& r : f.rows) {
    o += "<tr data-unit=\"" + esc(r.task_force) + "\"><td>" + esc(r.task_force) + "</td>";
    for (const auto& mo : r.months)
      o += "<td data-month=\"" + esc(mo.month) + "\"><div class=\"face\">" +
           esc(mo.face.empty() ? "–" : mo.face) + "</div><div class=\"note\">" +
           esc(n(mo.actual[0]) + "/" + n(mo.actual[1]) + "/" + n(mo.actual[2])) + "</div></td>";
    o += "<td class=\"n\" data-v=\"" + std::to_string(r.smiles) + "\">" + std::to_string(r.smiles) +
         "</td><td class=\"n\" data-v=\"" + std::to_string(r.cries) + "\">" + std::to_string(r.cries) +
         "</td></tr>";
  }
  o += "</tbody></table></div><p class=\"note\">" + L(m, "note.faces_year") + "</p></section>";
}

void migration_section(const report_model& m, std::string& o) {
  const migration_view& g = *m.migration;
  std::map<std::string, long long> moves;
  for (const auto& x : g.moves) ++moves[x.move];
  o += "<section id=\"migration\"><h2>" + L(m, "sec.migration") + "</h2><p>" +
       L(m, "word.moves",
         {std::to_string(moves["up"]), std::to_string(moves["down"]), std::to_string(moves["same"]),
          std::to_string(moves["entered"]), std::to_string(moves["left"]), std::to_string(moves["exempt"])}) +
       "</p>";
  o += "<div class=\"wide\"><table class=\"migration\"><thead><tr><th>" + L(m, "col.from_to") + "</th>";
  for (const auto& c : g.columns) o += "<th>" + esc(label_or(m.lang, "class", c)) + "</th>";
  o += "<th>" + L(m, "col.row_total") + "</th></tr></thead><tbody>";
  std::vector<long long> column_sums(g.columns.size(), 0);
  for (std::size_t r = 0; r < g.rows.size(); ++r) {
    o +=
        "<tr data-from=\"" + esc(g.rows[r]) + "\"><th>" + esc(label_or(m.lang, "class", g.rows[r])) + "</th>";
    long long sum = 0;
    for (std::size_t c = 0; c < g.columns.size(); ++c) {
      const long long k = g.counts[r][c];
      sum += k;
      column_sums[c] += k;
      o += "<td class=\"n\" data-to=\"" + esc(g.columns[c]) + "\" data-v=\"" + std::to_string(k) + "\">" +
           (k ? std::to_string(k) : std::string("·")) + "</td>";
    }
    o += "<td class=\"n\" data-v=\"" + std::to_string(sum) + "\">" + std::to_string(sum) + "</td></tr>";
  }
  long long all = 0;
  o += "<tr data-from=\"total\"><th>" + L(m, "col.row_total") + "</th>";
  for (long long k : column_sums) {
    all += k;
    o += "<td class=\"n\" data-v=\"" + std::to_string(k) + "\">" + std::to_string(k) + "</td>";
  }
  o += "<td class=\"n\" data-v=\"" + std::to_string(all) + "\">" + std::to_string(all) +
       "</td></tr></tbody></table></div>";
  o += "<p class=\"note\">" + L(m, "note.migration") + "</p>";
  o += "<details><summary>" + L(m, "table.migration_moves") +
       "</summary><div class=\"wide\"><table class=\"moves\"><thead><tr>";
  for (const char* c : {"col.id", "col.name", "col.from", "col.to", "col.move", "col.steps"})
    o += "<th>" + L(m, c) + "</th>";
  o += "</tr></thead><tbody>";
  for (const auto& x : g.moves)
    o += "<tr data-id=\"" + esc(x.id) + "\" data-move=\"" + esc(x.move) + "\"><td>" + esc(x.id) +
         "</td><td>" + esc(x.name) + "</td><td>" + esc(x.from.empty() ? "-" : x.from) + "</td><td>" +
         esc(x.to.empty() ? "-" : x.to) + "</td><td>" + esc(label_or(m.lang, "move", x.move)) +
         "</td><td class=\"n\">" + (x.steps > 0 ? "+" : "") + std::to_string(x.steps) + "</td></tr>";
  o += "</tbody></table></div></details></section>";
}

}  // namespace

void period_sections_html(const report_model& m, std::string& o) {
  if (m.series) trend_section(m, o);
  if (m.faces_year) faces_year_section(m, o);
  if (m.migration) migration_section(m, o);
}

}  // namespace zoneperf::detail
