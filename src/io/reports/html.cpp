// The HTML report: one self-contained page, XHTML syntax (well-formed XML), inline CSS and SVG.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>

#include "labels.hpp"
#include "model.hpp"
#include "zoneperf/io/report.hpp"
#include "zoneperf/text/markup.hpp"

namespace zoneperf {
namespace {
using detail::rjson;
using detail::show;
using detail::text_of;

constexpr double pi = 3.14159265358979323846;

/// Text for XML content and attribute values: escaped, and what XML or HTML does not allow
/// replaced (text/markup.hpp).
std::string esc(std::string_view s) { return xml_text(s); }

/// A label of the report's language (labels.cpp), escaped for the page.
std::string L(const detail::report_model& m, std::string_view id) { return esc(detail::label(m.lang, id)); }
std::string L(const detail::report_model& m, std::string_view id, std::initializer_list<std::string> args) {
  return esc(detail::label_fill(m.lang, id, args));
}
/// An id shown beside a name: marked so that a reader (and the tests) can tell it from the labels.
std::string id_span(const std::string& id) { return "<span class=\"note id\">" + esc(id) + "</span>"; }

/// Units in rank order (unranked units after the ranked ones, in input order).
std::vector<const detail::rep_unit*> by_rank(const detail::report_model& m) {
  std::vector<const detail::rep_unit*> v;
  for (const auto& u : m.units) v.push_back(&u);
  std::stable_sort(v.begin(), v.end(), [](const detail::rep_unit* a, const detail::rep_unit* b) {
    return a->rank.value_or(INT_MAX) < b->rank.value_or(INT_MAX);
  });
  return v;
}

/// A coordinate for SVG: fixed, 2 decimals.
std::string xy(double v) { return fixed(v, 2); }

/// A number cell: shown rounded, its exact value in data-v for checks and copying.
std::string num_td(double v, int decimals = 2) {
  if (std::isnan(v)) return "<td class=\"n\">-</td>";
  return "<td class=\"n\" data-v=\"" + shortest(v) + "\">" + fixed(v, decimals) + "</td>";
}
/// A number cell shown for people (thousands separators or a percentage), exact in data-v.
std::string shown_td(double v, const std::string& shown) {
  if (std::isnan(v)) return "<td class=\"n\">-</td>";
  return "<td class=\"n\" data-v=\"" + shortest(v) + "\">" + esc(shown) + "</td>";
}
std::string money_td(double v, int decimals = 2) { return shown_td(v, detail::grouped(v, decimals)); }
std::string percent_td(double v) { return shown_td(v, detail::percent(v, 2)); }
std::string text_num_td(const std::string& exact_text) {
  return "<td class=\"n\" data-v=\"" + esc(exact_text) + "\">" + esc(exact_text) + "</td>";
}

const char* const grade_colours[] = {"#1a7f37", "#2f6fb3", "#b7791f", "#c0392b", "#6b7280"};
std::string grade_colour(int g) {
  if (g < 0) return "#6b7280";
  return grade_colours[std::min(g, 4)];
}

const char* css = R"CSS(
:root { --ink: #1f2933; --muted: #5f6b7a; --line: #d9dee5; --bg: #f6f7f9; --accent: #2f6fb3; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px; color: var(--ink); background: #fff;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Hiragino Sans GB",
    "WenQuanYi Micro Hei", "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  font-size: 14px; line-height: 1.5; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 15px; margin: 0 0 6px; }
p.sub { color: var(--muted); margin: 0 0 16px; }
table { border-collapse: collapse; margin: 6px 0 12px; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: var(--bg); font-weight: 600; }
td.n { text-align: right; white-space: nowrap; }
td.all-missing::after { content: " ∅"; color: #b7791f; }
.cards { display: flex; flex-wrap: wrap; gap: 14px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 12px; width: 360px; break-inside: avoid; page-break-inside: avoid; }
.grade { display: inline-block; padding: 0 8px; border-radius: 10px; color: #fff; font-size: 13px; }
.veto { color: #c0392b; font-weight: 600; }
svg { display: block; }
svg text { font-family: inherit; }
details { margin: 6px 0; }
summary { cursor: pointer; font-weight: 600; }
.face { font-size: 28px; line-height: 1; font-family: "Noto Color Emoji", "Apple Color Emoji", "Segoe UI Emoji", sans-serif; }
.faces-year .face { font-size: 18px; }
.note { color: var(--muted); font-size: 12px; }
.wide { overflow-x: auto; max-width: 100%; }
.chart { overflow-x: auto; max-width: 100%; }
.chart svg, .card svg, section > svg { max-width: 100%; height: auto; }
.figures { display: flex; flex-wrap: wrap; gap: 10px; margin: 6px 0 12px; }
.figure { border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; min-width: 150px; break-inside: avoid; }
.figure .big { font-size: 20px; font-weight: 600; font-variant-numeric: tabular-nums; }
.wide th, .wide td { white-space: nowrap; }
@media print {
  body { padding: 0; font-size: 10px; }
  section + section { break-before: page; page-break-before: always; }
  .cards { gap: 8px; }
  .card { width: calc((100% - 16px) / 3); max-width: 100%; padding: 6px; }
  .card, .figure, .chart, svg, .summary, .pay-rec, .land-classes { break-inside: avoid; page-break-inside: avoid; }
  svg { max-width: 100%; height: auto; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  table { break-inside: auto; max-width: 100%; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  .wide, .chart { overflow: visible; }
  .wide th, .wide td { white-space: normal; padding: 2px 3px; font-size: 8px; }
  summary { list-style: none; }
}
@media print { details > * { display: block; } }
@media print { details::details-content { content-visibility: visible; display: block; } }
)CSS";

/// Text as a CSS string: every character but letters, digits and non-ASCII as a CSS escape, so that
/// the string is the same read as HTML or as XML (no & or < in the style element).
std::string css_string(const std::string& s) {
  std::string o = "\"";
  for (unsigned char c : s) {
    if (c >= 0x80 || std::isalnum(c))
      o += static_cast<char>(c);
    else
      o += fmt::format("\\{:x} ", c);
  }
  return o + "\"";
}

/// The printed page: the paper's own size (A4 or Letter), the title at the top, page numbers at the
/// foot (page-margin boxes: Chromium 131 and later).
std::string page_css(const detail::report_model& m) {
  return "@page { margin: 14mm 12mm 16mm; @top-center { content: " + css_string(m.title) +
         "; font-size: 9px; color: #5f6b7a; } @bottom-center { content: counter(page) \" / \" "
         "counter(pages); "
         "font-size: 9px; color: #5f6b7a; } }\n";
}

/// Radar chart of a unit's group rates (0 at the centre; the outer ring is max(1, the largest rate)).
std::string radar_svg(const detail::report_model& m, const detail::rep_unit& u, double scale) {
  const double w = 340, h = 250, cx = 170, cy = 128, r = 88;
  const std::size_t n = m.groups.size();
  std::string s = fmt::format(
      "<svg class=\"radar\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" role=\"img\" "
      "aria-label=\"{2}\">",
      w, h, L(m, "svg.rates", {u.id}));
  s += "<title>" + esc(u.id) + "</title>";
  auto point = [&](std::size_t k, double rate) {
    const double a = -pi / 2 + 2 * pi * static_cast<double>(k) / static_cast<double>(n);
    const double rr = r * std::clamp(rate / scale, 0.0, 1.0);
    return std::pair<double, double>{cx + rr * std::cos(a), cy + rr * std::sin(a)};
  };
  std::vector<double> rings{0.25, 0.5, 0.75, 1.0};
  if (scale > 1.0) rings.push_back(scale);
  for (double ring : rings) {
    std::string pts;
    for (std::size_t k = 0; k < n; ++k) {
      auto [x, y] = point(k, ring);
      pts += (k ? " " : "") + xy(x) + "," + xy(y);
    }
    s += "<polygon points=\"" + pts + "\" fill=\"none\" stroke=\"" + (ring == 1.0 ? "#9aa5b1" : "#d9dee5") +
         "\" stroke-width=\"1\"" + (ring > 1.0 ? " stroke-dasharray=\"3 3\"" : "") + "/>";
  }
  for (std::size_t k = 0; k < n; ++k) {
    auto [x, y] = point(k, scale);
    s += "<line x1=\"" + xy(cx) + "\" y1=\"" + xy(cy) + "\" x2=\"" + xy(x) + "\" y2=\"" + xy(y) +
         "\" stroke=\"#d9dee5\" stroke-width=\"1\"/>";
  }
  std::string pts;
  for (std::size_t k = 0; k < n; ++k) {
    const double rate = u.groups[k].rate;
    auto [x, y] = point(k, std::isnan(rate) ? 0 : rate);
    pts += (k ? " " : "") + xy(x) + "," + xy(y);
  }
  s += "<polygon points=\"" + pts +
       "\" fill=\"#2f6fb3\" fill-opacity=\"0.25\" stroke=\"#2f6fb3\" stroke-width=\"2\"/>";
  for (std::size_t k = 0; k < n; ++k) {
    const double rate = u.groups[k].rate;
    auto [x, y] = point(k, std::isnan(rate) ? 0 : rate);
    s += "<circle cx=\"" + xy(x) + "\" cy=\"" + xy(y) + "\" r=\"3\" fill=\"#2f6fb3\"><title>" +
         esc(m.nd(m.groups[k]).name) + " " + show(rate * 100, 1) + "%</title></circle>";
  }
  for (std::size_t k = 0; k < n; ++k) {
    const double a = -pi / 2 + 2 * pi * static_cast<double>(k) / static_cast<double>(n);
    const double lx = cx + (r + 14) * std::cos(a), ly = cy + (r + 14) * std::sin(a);
    const double c = std::cos(a);
    const char* anchor = c > 0.3 ? "start" : (c < -0.3 ? "end" : "middle");
    const double dy = std::sin(a) > 0.5 ? 12 : (std::sin(a) < -0.5 ? -4 : 4);
    const double rate = u.groups[k].rate;
    s += "<text x=\"" + xy(lx) + "\" y=\"" + xy(ly + dy) + "\" text-anchor=\"" + anchor +
         "\" font-size=\"11\" fill=\"#1f2933\">" + esc(m.nd(m.groups[k]).name) + " " +
         (std::isnan(rate) ? std::string("-") : fixed(rate * 100, 0) + "%") + "</text>";
  }
  s += "</svg>";
  return s;
}

/// A horizontal bar of the unit's total on the scale 0..scale, with the grade cut-offs marked.
std::string total_svg(const detail::report_model& m, const detail::rep_unit& u, double scale) {
  const double w = 340, h = 54, x0 = 8, bw = 324, y0 = 14, bh = 18;
  auto X = [&](double v) { return x0 + bw * std::clamp(v / scale, 0.0, 1.0); };
  const int g = m.grade_index(u.grade);
  std::string s = fmt::format(
      "<svg class=\"total\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" role=\"img\" "
      "aria-label=\"{2}\">",
      w, h, esc(u.id) + " " + L(m, "svg.total", {show(u.total), fixed(m.tree.points(), 0)}));
  s += "<rect x=\"" + xy(x0) + "\" y=\"" + xy(y0) + "\" width=\"" + xy(bw) + "\" height=\"" + xy(bh) +
       "\" fill=\"#eef1f5\"/>";
  s += "<rect x=\"" + xy(x0) + "\" y=\"" + xy(y0) + "\" width=\"" + xy(X(u.total) - x0) + "\" height=\"" +
       xy(bh) + "\" fill=\"" + grade_colour(g) + "\"><title>" + esc(show(u.total)) + "</title></rect>";
  for (const auto& gr : m.tree.grades()) {
    if (gr.min <= 0 || gr.min > scale) continue;
    s += "<line x1=\"" + xy(X(gr.min)) + "\" y1=\"" + xy(y0 - 4) + "\" x2=\"" + xy(X(gr.min)) + "\" y2=\"" +
         xy(y0 + bh + 4) + "\" stroke=\"#1f2933\" stroke-width=\"1\" stroke-dasharray=\"2 2\"/>";
    s += "<text x=\"" + xy(X(gr.min)) + "\" y=\"" + xy(y0 + bh + 16) +
         "\" text-anchor=\"middle\" font-size=\"10\" fill=\"#5f6b7a\">" + esc(fixed(gr.min, 0)) + "<title>" +
         esc(gr.label + " ≥ " + fixed(gr.min, 0)) + "</title></text>";
  }
  s += "<text x=\"" + xy(x0) + "\" y=\"" + xy(y0 - 3) + "\" font-size=\"11\" fill=\"#1f2933\">" +
       L(m, "svg.total", {show(u.total), fixed(m.tree.points(), 0)}) + "</text>";
  s += "</svg>";
  return s;
}

/// Vertical bars: one per category with its count, and its quota marked when there is one.
std::string bars_svg(const detail::report_model& m,
                     const std::vector<std::tuple<std::string, double, double>>& bars,
                     const std::string& label) {
  const double w = 60.0 * static_cast<double>(std::max<std::size_t>(bars.size(), 1)) + 60, h = 200,
               base = 160, top = 24;
  double mx = 1;
  for (const auto& [name, count, quota] : bars) mx = std::max({mx, count, std::isnan(quota) ? 0.0 : quota});
  std::string s = fmt::format(
      "<svg class=\"bars\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" role=\"img\" "
      "aria-label=\"{2}\">",
      w, h, esc(label));
  s += "<line x1=\"30\" y1=\"" + xy(base) + "\" x2=\"" + xy(w - 10) + "\" y2=\"" + xy(base) +
       "\" stroke=\"#9aa5b1\"/>";
  const char* colours[] = {"#1a7f37", "#2f6fb3", "#b7791f", "#c0392b", "#6b7280", "#7c3aed"};
  double x = 40;
  std::size_t i = 0;
  for (const auto& [name, count, quota] : bars) {
    const double bh = (base - top) * count / mx;
    s += "<rect x=\"" + xy(x) + "\" y=\"" + xy(base - bh) + "\" width=\"36\" height=\"" + xy(bh) +
         "\" fill=\"" + colours[std::min<std::size_t>(i, 5)] + "\"><title>" +
         esc(name + ": " + shortest(count)) + "</title></rect>";
    s += "<text x=\"" + xy(x + 18) + "\" y=\"" + xy(base - bh - 4) +
         "\" text-anchor=\"middle\" font-size=\"11\">" + esc(shortest(count)) + "</text>";
    if (!std::isnan(quota)) {
      const double qy = base - (base - top) * quota / mx;
      s += "<line x1=\"" + xy(x - 4) + "\" y1=\"" + xy(qy) + "\" x2=\"" + xy(x + 40) + "\" y2=\"" + xy(qy) +
           "\" stroke=\"#1f2933\" stroke-width=\"1.5\" stroke-dasharray=\"4 2\"><title>" +
           L(m, "svg.quota", {shortest(quota)}) + "</title></line>";
    }
    s += "<text x=\"" + xy(x + 18) + "\" y=\"" + xy(base + 16) +
         "\" text-anchor=\"middle\" font-size=\"12\">" + esc(name) + "</text>";
    x += 60;
    ++i;
  }
  s += "</svg>";
  return s;
}

/// Display width of a label in px at `size` (a CJK character is about one em, other text about half).
double text_width(const std::string& s, double size) {
  double w = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    w += n >= 3 ? size : size * 0.6;
    i += n;
  }
  return w;
}

const char* const unit_colours[] = {"#2f6fb3", "#c0392b", "#1a7f37", "#b7791f",
                                    "#7c3aed", "#0f766e", "#be185d", "#4b5563"};

/// Every unit's group rates on one set of axes: one row per group, one dot per unit, a legend above.
std::string compare_svg(const detail::report_model& m, const std::vector<const detail::rep_unit*>& units,
                        double scale) {
  const double w = 720, label_w = 150, x0 = label_w + 10, x1 = w - 20, row_h = 30;
  // The legend, wrapped so that no two entries overlap.
  std::vector<std::pair<double, double>> at;  // x, y of each unit's entry
  double lx = x0, ly = 16;
  for (const auto* u : units) {
    const double ew = 16 + text_width(u->id, 12) + 18;
    if (lx + ew > w && lx > x0) {
      lx = x0;
      ly += 18;
    }
    at.emplace_back(lx, ly);
    lx += ew;
  }
  const double top = ly + 22, h = top + row_h * static_cast<double>(m.groups.size()) + 26;
  auto X = [&](double rate) { return x0 + (x1 - x0) * std::clamp(rate / scale, 0.0, 1.0); };
  std::string s = fmt::format(
      "<svg class=\"compare\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" role=\"img\" "
      "aria-label=\"{2}\">",
      w, xy(h), L(m, "svg.compare"));
  for (std::size_t k = 0; k < units.size(); ++k) {
    const char* colour = unit_colours[k % 8];
    s += "<circle cx=\"" + xy(at[k].first + 5) + "\" cy=\"" + xy(at[k].second - 4) + "\" r=\"5\" fill=\"" +
         colour + "\"/><text x=\"" + xy(at[k].first + 14) + "\" y=\"" + xy(at[k].second) +
         "\" font-size=\"12\">" + esc(units[k]->id) + "</text>";
  }
  for (double tick = 0; tick <= scale + 1e-9; tick += 0.25) {
    s += "<line x1=\"" + xy(X(tick)) + "\" y1=\"" + xy(top - 6) + "\" x2=\"" + xy(X(tick)) + "\" y2=\"" +
         xy(h - 20) + "\" stroke=\"" + (tick == 1.0 ? "#9aa5b1" : "#eef1f5") + "\"" +
         (tick == 1.0 ? " stroke-dasharray=\"4 3\"" : "") + "/>";
    s += "<text x=\"" + xy(X(tick)) + "\" y=\"" + xy(h - 6) +
         "\" text-anchor=\"middle\" font-size=\"10\" "
         "fill=\"#5f6b7a\">" +
         fixed(tick * 100, 0) + "%</text>";
  }
  for (std::size_t g = 0; g < m.groups.size(); ++g) {
    const double y = top + row_h * (static_cast<double>(g) + 0.5);
    s += "<text x=\"" + xy(label_w) + "\" y=\"" + xy(y + 4) + "\" text-anchor=\"end\" font-size=\"12\">" +
         esc(m.nd(m.groups[g]).name) + "</text>";
    s += "<line x1=\"" + xy(x0) + "\" y1=\"" + xy(y) + "\" x2=\"" + xy(x1) + "\" y2=\"" + xy(y) +
         "\" stroke=\"#d9dee5\"/>";
    for (std::size_t k = 0; k < units.size(); ++k) {
      const double rate = units[k]->groups[g].rate;
      if (std::isnan(rate)) continue;
      // Units spread a little vertically so that equal rates stay visible.
      const double dy = (static_cast<double>(k) - (static_cast<double>(units.size()) - 1) / 2) * 3;
      s += "<circle cx=\"" + xy(X(rate)) + "\" cy=\"" + xy(y + dy) + "\" r=\"5\" fill=\"" +
           unit_colours[k % 8] + "\" fill-opacity=\"0.85\"><title>" +
           esc(units[k]->id + " · " + m.nd(m.groups[g]).name + " " + detail::percent(rate, 1)) +
           "</title></circle>";
    }
  }
  s += "</svg>";
  return s;
}

void scorecard_section(const detail::report_model& m, std::string& o) {
  double scale = 1.0, tmax = m.tree.points();
  for (const auto& u : m.units) {
    for (const auto& g : u.groups)
      if (!std::isnan(g.rate)) scale = std::max(scale, g.rate);
    tmax = std::max(tmax, u.total);
  }
  scale = std::ceil(scale * 10 - 1e-9) / 10;
  tmax = std::ceil(tmax / 10 - 1e-9) * 10;
  const auto units = by_rank(m);

  o += "<section id=\"scorecard\"><h2>" + L(m, "sec.scorecard") + " · " + esc(m.tree.name()) + "</h2>";
  o += "<div class=\"wide\"><table class=\"summary\"><thead><tr><th>" + L(m, "col.unit") + "</th>";
  for (int g : m.groups) o += "<th>" + esc(m.nd(g).name) + " (" + esc(fixed(m.nd(g).points, 0)) + ")</th>";
  o += "<th>" + L(m, "col.total") + "</th><th>" + L(m, "col.rank") + "</th><th>" + L(m, "col.grade") +
       "</th><th>" + L(m, "col.veto") + "</th></tr></thead><tbody>";
  for (const auto* up : units) {
    const auto& u = *up;
    o += "<tr data-unit=\"" + esc(u.id) + "\"><td>" + esc(u.id) + "</td>";
    for (const auto& g : u.groups)  // a group whose indicators were all missing scores 0, marked ∅
      o += g.all_missing ? "<td class=\"n all-missing\" title=\"" + L(m, "word.every_indicator_missing") +
                               "\" data-v=\"" + shortest(g.score) + "\">" + fixed(g.score, 2) + "</td>"
                         : num_td(g.score);
    o += num_td(u.total);
    o += u.rank ? "<td class=\"n\" data-v=\"" + std::to_string(*u.rank) + "\">" + std::to_string(*u.rank) +
                      "</td>"
                : "<td class=\"n\">-</td>";
    o += "<td>" + esc(u.grade.empty() ? "-" : u.grade) + "</td><td>" +
         (u.veto ? "<span class=\"veto\">" + L(m, "word.veto") + "</span>" : L(m, "word.no")) + "</td></tr>";
  }
  o += "</tbody></table></div>";
  o += "<p class=\"note\">" + L(m, "note.radar");
  if (scale > 1.0) o += L(m, "note.radar_outer", {fixed(scale * 100, 0)});
  o += (m.lang == report_lang::en ? ". " : "。") + L(m, "note.bar") + "</p>";
  o += "<h3>" + L(m, "sec.compare") + "</h3><div class=\"chart\">" + compare_svg(m, units, scale) +
       "</div><p class=\"note\">" + L(m, "note.compare") + "</p>";
  o += "<div class=\"cards\">";
  for (const auto* up : units) {
    const auto& u = *up;
    const int g = m.grade_index(u.grade);
    o += "<div class=\"card\" data-unit=\"" + esc(u.id) + "\"><h3>" + esc(u.id) +
         " <span class=\"grade\" style=\"background:" + grade_colour(g) + "\">" +
         esc(u.grade.empty() ? "-" : u.grade) + "</span>";
    if (u.rank) o += " <span class=\"note\">" + L(m, "word.rank_n", {std::to_string(*u.rank)}) + "</span>";
    if (u.veto) o += " <span class=\"veto\">" + L(m, "word.veto") + "</span>";
    o += "</h3>" + radar_svg(m, u, scale) + total_svg(m, u, tmax) + "</div>";
  }
  o += "</div></section>";
}

/// The registry's headline figures (the demo's projects result, or any projects JSON that has them).
void headline_section(const detail::report_model& m, std::string& o) {
  std::string cards;
  for (const char* k : {"signed", "signed_investment_yi", "landed", "key_projects", "foreign_capital_wan_usd",
                        "investment_per_mu", "tax_per_mu"}) {
    if (!m.projects.contains(k) || !m.projects[k].is_number()) continue;
    const double v = m.projects[k].get<double>();
    const bool whole = v == std::floor(v) && std::fabs(v) < 1e15;
    cards += "<div class=\"figure\" data-item=\"" + std::string(k) + "\" data-v=\"" + shortest(v) +
             "\"><div class=\"big\">" + esc(detail::grouped(v, whole ? 0 : 2)) +
             "</div><div class=\"note\">" + L(m, std::string("head.") + k) + "</div></div>";
  }
  if (!cards.empty())
    o += "<section id=\"headline\"><h2>" + L(m, "sec.headline") + "</h2><div class=\"figures\">" + cards +
         "</div></section>";
}

/// Rank bands: one row per unit, its 5–95 % band as a line and its nominal rank as a dot.
std::string bands_svg(const detail::report_model& m, const std::vector<const detail::uncertainty_unit*>& rows,
                      int n_units) {
  const double w = 720, label_w = 150, x0 = label_w + 20, x1 = w - 30, row_h = 26, top = 10;
  const double h = top + row_h * static_cast<double>(rows.size()) + 28;
  const int n = std::max(n_units, 2);
  auto X = [&](double rank) { return x0 + (x1 - x0) * (rank - 1) / (n - 1); };
  std::string s = fmt::format(
      "<svg class=\"bands\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" role=\"img\" "
      "aria-label=\"{2}\">",
      w, xy(h), L(m, "svg.robustness"));
  for (int r = 1; r <= n; ++r)
    s += "<line x1=\"" + xy(X(r)) + "\" y1=\"" + xy(top) + "\" x2=\"" + xy(X(r)) + "\" y2=\"" + xy(h - 22) +
         "\" stroke=\"#eef1f5\"/><text x=\"" + xy(X(r)) + "\" y=\"" + xy(h - 8) +
         "\" text-anchor=\"middle\" font-size=\"10\" fill=\"#5f6b7a\">" + std::to_string(r) + "</text>";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const detail::uncertainty_unit& u = *rows[i];
    const double y = top + row_h * (static_cast<double>(i) + 0.5);
    const double lo = u.p05.value, hi = u.p95.value, nominal = u.nominal.value;
    s += "<text x=\"" + xy(label_w) + "\" y=\"" + xy(y + 4) + "\" text-anchor=\"end\" font-size=\"12\">" +
         esc(u.unit) + "</text>";
    if (!std::isnan(lo) && !std::isnan(hi))
      s += "<line x1=\"" + xy(X(lo) - 4) + "\" y1=\"" + xy(y) + "\" x2=\"" + xy(X(hi) + 4) + "\" y2=\"" +
           xy(y) +
           "\" stroke=\"#2f6fb3\" stroke-width=\"8\" stroke-opacity=\"0.35\" stroke-linecap=\"round\"/>";
    if (!std::isnan(nominal))
      s += "<circle cx=\"" + xy(X(nominal)) + "\" cy=\"" + xy(y) + "\" r=\"5\" fill=\"#1f2933\"/>";
  }
  s += "</svg>";
  return s;
}

void robustness_section(const detail::report_model& m, std::string& o) {
  const detail::uncertainty_view& un = *m.uncertainty;
  std::vector<const detail::uncertainty_unit*> rows;
  for (const auto& u : un.units) rows.push_back(&u);
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto* a, const auto* b) { return a->nominal.value < b->nominal.value; });
  const std::string settings = detail::label_or(m.lang, "method", un.method) +
                               (un.percent ? " ±" + *un.percent + "%" : "") +
                               (un.seed ? ", " + detail::label_fill(m.lang, "word.seed", {*un.seed}) : "");
  o += "<section id=\"robustness\"><h2>" + L(m, "sec.robustness") + "</h2>";
  o += bands_svg(m, rows, static_cast<int>(m.units.size()));
  o += "<p class=\"note\">" + L(m, "note.robustness", {un.samples, settings}) + "</p>";
  const std::string& k = un.top_k;
  o += "<div class=\"wide\"><table class=\"robustness\"><thead><tr><th>" + L(m, "col.unit") + "</th><th>" +
       L(m, "col.nominal_rank") + "</th><th>" + L(m, "col.median_rank") + "</th><th>" + L(m, "col.band") +
       "</th><th>" + L(m, "col.p_rank_1") + "</th>";
  if (!k.empty()) o += "<th>" + L(m, "col.p_top_k", {k}) + "</th>";
  o += "</tr></thead><tbody>";
  for (const auto* up : rows) {
    const detail::uncertainty_unit& u = *up;
    o += "<tr data-unit=\"" + esc(u.unit) + "\"><td>" + esc(u.unit) + "</td>" + text_num_td(u.nominal.text) +
         text_num_td(u.median.text) + "<td class=\"n\">" + esc(u.p05.text + "–" + u.p95.text) + "</td>" +
         percent_td(u.p_rank_1);
    if (!k.empty()) o += percent_td(u.p_top_k);
    o += "</tr>";
  }
  o += "</tbody></table></div></section>";
}

void leaves_section(const detail::report_model& m, std::string& o) {
  o += "<section id=\"leaves\"><h2>" + L(m, "sec.leaves") + "</h2>";
  o += "<p class=\"note\">" + L(m, "note.leaves") + "</p>";
  for (const auto* up : by_rank(m)) {
    const auto& u = *up;
    o += "<details data-unit=\"" + esc(u.id) + "\"><summary>" + esc(u.id) + " · " + esc(show(u.total)) +
         " · " + esc(u.grade.empty() ? "-" : u.grade) + "</summary>";
    o += "<div class=\"wide\"><table class=\"leaves\"><thead><tr>";
    for (const char* c : {"col.group", "col.indicator", "col.rule", "col.actual", "col.target", "col.ratio",
                          "col.fraction", "col.capped", "col.points", "col.max"})
      o += "<th>" + L(m, c) + "</th>";
    o += "</tr></thead><tbody>";
    for (const auto& l : u.leaves) {
      const node& n = m.nd(l.node);
      const std::string group = l.group >= 0 ? esc(m.nd(m.groups[static_cast<std::size_t>(l.group)]).name)
                                             : L(m, std::string("kind.") + to_string(n.kind));
      o += "<tr data-leaf=\"" + esc(n.id) + "\"><td>" + group + "</td><td>" + esc(n.name) + " " +
           id_span(n.id) + "</td><td>" + esc(detail::label_or(m.lang, "rule", l.rule)) + "</td>";
      o += std::isnan(l.actual) ? "<td class=\"n\">" + L(m, "word.missing") + "</td>" : num_td(l.actual, 2);
      o += num_td(l.target, 2) + percent_td(l.ratio) + percent_td(l.fraction);
      o += "<td>" + (l.capped ? L(m, "word.yes") : std::string()) +
           (l.vetoes ? " " + L(m, "word.veto") : std::string()) + "</td>";
      o += num_td(l.points, 2) + num_td(l.max, 2) + "</tr>";
    }
    o += "</tbody></table></div></details>";
  }
  o += "</section>";
}

void faces_section(const detail::report_model& m, std::string& o) {
  const auto f = detail::faces_of(m.projects);
  o += "<section id=\"faces\"><h2>" + L(m, "sec.faces", {f.period}) +
       "</h2><div class=\"wide\"><table class=\"faces\"><thead><tr><th>" + L(m, "col.task_force") +
       "</th><th>" + L(m, "col.face") + "</th>";
  for (const auto& c : f.columns)
    o += "<th>" + L(m, "word.actual_target", {detail::label_or(m.lang, "col", c)}) + "</th>";
  if (!f.columns.empty()) o += "<th>" + L(m, "col.missed") + "</th>";
  o += "</tr></thead><tbody>";
  for (const auto& r : f.rows) {
    o += "<tr data-unit=\"" + esc(r.task_force) + "\"><td>" + esc(r.task_force) + "</td><td class=\"face\">" +
         esc(r.face.empty() ? "–" : r.face) + "</td>";
    for (const auto& fig : r.figures) o += "<td class=\"n\">" + esc(fig.text()) + "</td>";
    if (!f.columns.empty()) o += "<td>" + esc(detail::missed_text(m.lang, r.missed_items)) + "</td>";
    o += "</tr>";
  }
  o += "</tbody></table></div><p class=\"note\">" + L(m, "note.faces") + "</p></section>";
}

/// Pay's money columns (元, thousands separators); the others are coefficients and counts.
bool is_money(std::string_view key) {
  for (const char* k : {"baseline", "base_pay", "award", "total", "floor", "cap", "raw_pay", "pool",
                        "base_paid", "difference", "awards_paid", "total_paid"})
    if (key == k) return true;
  return false;
}
/// A pay figure: money (a decimal text or a number) with thousands separators, exact in data-v.
std::string pay_td(const detail::report_model& m, const rjson& v, std::string_view key) {
  if (key == "clamp") return "<td>" + esc(detail::label_or(m.lang, "clamp", text_of(v))) + "</td>";
  const std::string exact = text_of(v);
  if (exact.empty()) return "<td class=\"n\">-</td>";
  return "<td class=\"n\" data-v=\"" + esc(exact) + "\">" +
         esc(!is_money(key)        ? exact
             : v.is_number_float() ? detail::grouped(v.get<double>(), 2)
                                   : detail::grouped_text(exact)) +
         "</td>";
}

void pay_section(const detail::report_model& m, std::string& o) {
  const rjson& p = m.pay;
  o += "<section id=\"pay\"><h2>" + L(m, "sec.pay");
  if (p.contains("policy")) o += " · " + id_span(text_of(p["policy"]));
  o += "</h2><h3>" + L(m, "sec.pay_tf") + "</h3><div class=\"wide\"><table class=\"pay-tf\"><thead><tr>";
  for (const char* c : {"col.task_force", "col.grade", "col.coefficient", "col.head_count", "col.baseline",
                        "col.base_pay", "col.award", "col.pay_total", "col.average_multiple"})
    o += "<th>" + L(m, c) + "</th>";
  o += "</tr></thead><tbody>";
  for (const auto& tf : p["task_forces"]) {
    o += "<tr data-unit=\"" + esc(text_of(tf["id"])) + "\"><td>" + esc(text_of(tf["id"])) + "</td><td>" +
         esc(text_of(tf.value("grade", rjson()))) + "</td>";
    for (const char* k :
         {"coefficient", "head_count", "baseline", "base_pay", "award", "total", "average_multiple"})
      o += pay_td(m, tf.value(k, rjson()), k);
    o += "</tr>";
  }
  o += "</tbody></table></div><h3>" + L(m, "sec.reconciliation") + "</h3><table class=\"pay-rec\"><tbody>";
  const rjson& rec = p["reconciliation"];
  for (auto it = rec.begin(); it != rec.end(); ++it) {
    if (it.key() == "raw_denominator") continue;  // in the CSV and the JSON; noise on a page
    const rjson v = it.key() == "lambda" && it->is_object() ? (*it)["decimal"] : *it;
    o += "<tr data-item=\"" + esc(it.key()) + "\"><th>" + esc(detail::label_or(m.lang, "rec", it.key())) +
         "</th>" + pay_td(m, v, it.key()) + "</tr>";
  }
  o += "</tbody></table>";
  o += "<details><summary>" + L(m, "sec.people", {std::to_string(p["people"].size())}) +
       "</summary><div class=\"wide\"><table class=\"pay-people\"><thead><tr>";
  const char* cols[] = {"id",
                        "name",
                        "task_force",
                        "team",
                        "baseline",
                        "task_force_coefficient",
                        "team_coefficient",
                        "individual_coefficient",
                        "share",
                        "floor",
                        "cap",
                        "raw_pay",
                        "clamp",
                        "rounding_fen",
                        "base_pay",
                        "award",
                        "total",
                        "multiple"};
  for (const char* c : cols)
    o += "<th>" +
         esc(std::string(c) == "total" ? detail::label(m.lang, "col.pay_total")
                                       : detail::label_or(m.lang, "col", c)) +
         "</th>";
  o += "</tr></thead><tbody>";
  for (const auto& person : p["people"]) {
    o += "<tr>";
    int k = 0;
    for (const char* c : cols) {
      const rjson v = person.value(c, rjson());
      o += k++ < 4 ? "<td>" + esc(text_of(v)) + "</td>" : pay_td(m, v, c);
    }
    o += "</tr>";
  }
  o += "</tbody></table></div></details></section>";
}

void land_section(const detail::report_model& m, std::string& o) {
  const rjson& l = m.land;
  o += "<section id=\"land\"><h2>" + L(m, "sec.land");
  if (l.contains("preset")) o += " · " + id_span(text_of(l["preset"]));
  o += "</h2>";
  std::vector<std::tuple<std::string, double, double>> bars;
  for (const auto& c : l["classes"]) {
    const rjson q = c.value("quota", rjson());
    bars.emplace_back(text_of(c["label"]), detail::num_or_nan(c["count"]), detail::num_or_nan(q));
  }
  o += bars_svg(m, bars, std::string(detail::label(m.lang, "svg.bars")));
  o += "<table class=\"land-classes\"><thead><tr>";
  for (const char* c : {"col.class", "col.name", "col.count", "col.quota"}) o += "<th>" + L(m, c) + "</th>";
  o += "</tr></thead><tbody>";
  for (const auto& c : l["classes"])
    o += "<tr data-class=\"" + esc(text_of(c["label"])) + "\"><td>" + esc(text_of(c["label"])) + "</td><td>" +
         esc(text_of(c.value("name", rjson()))) + "</td>" + text_num_td(text_of(c["count"])) +
         text_num_td(text_of(c.value("quota", rjson()))) + "</tr>";
  o += "</tbody></table><p class=\"note\">" + L(m, "note.land") + "</p>";
  if (l.contains("zone") && l["zone"].contains("metrics") && l["zone"]["metrics"].is_object()) {
    const rjson& z = l["zone"];
    o += "<h3>" +
         L(m, "sec.zone_land",
           {detail::grouped(detail::num_or_nan(z.value("land_mu", rjson())), 2),
            text_of(z.value("records", rjson()))}) +
         "</h3><div class=\"figures\">";
    for (auto it = z["metrics"].begin(); it != z["metrics"].end(); ++it) {
      const double v = detail::num_or_nan(*it);
      o += "<div class=\"figure\" data-item=\"" + esc(it.key()) + "\"" +
           (std::isnan(v) ? std::string() : " data-v=\"" + shortest(v) + "\"") + "><div class=\"big\">" +
           esc(it.key() == "rd_share" ? detail::percent(v, 2) : detail::grouped(v, 2)) +
           "</div><div class=\"note\">" + esc(detail::label_or(m.lang, "metric", it.key())) + "</div></div>";
    }
    o += "</div>";
  }
  o += "<details><summary>" + L(m, "sec.enterprises", {std::to_string(l["enterprises"].size())}) +
       "</summary><div class=\"wide\"><table class=\"land-enterprises\"><thead><tr>";
  std::vector<std::string> metrics;
  if (!l["enterprises"].empty() && l["enterprises"][0].contains("metrics"))
    for (auto it = l["enterprises"][0]["metrics"].begin(); it != l["enterprises"][0]["metrics"].end(); ++it)
      metrics.push_back(it.key());
  for (const char* c : {"col.id", "col.name", "col.land_mu"}) o += "<th>" + L(m, c) + "</th>";
  for (const auto& k : metrics) o += "<th>" + esc(detail::label_or(m.lang, "metric", k)) + "</th>";
  for (const char* c : {"col.score", "col.rank", "col.class"}) o += "<th>" + L(m, c) + "</th>";
  o += "</tr></thead><tbody>";
  for (const auto& e : l["enterprises"]) {
    o += "<tr><td>" + esc(text_of(e.value("id", rjson()))) + "</td><td>" +
         esc(text_of(e.value("name", rjson()))) + "</td>" +
         money_td(detail::num_or_nan(e.value("land_mu", rjson())));
    for (const auto& k : metrics) {
      const double v = detail::num_or_nan(e["metrics"].value(k, rjson()));
      o += k == "rd_share" ? percent_td(v) : money_td(v);
    }
    o += num_td(detail::num_or_nan(e.value("score", rjson()))) +
         text_num_td(text_of(e.value("rank", rjson()))) + "<td>" + esc(text_of(e.value("class", rjson()))) +
         "</td></tr>";
  }
  o += "</tbody></table></div></details></section>";
}

}  // namespace

std::string report_html(const report_data& data) {
  const detail::report_model& m = *data.model_;
  std::string o;
  o.reserve(64 * 1024);
  o += "<!DOCTYPE html>\n<html lang=\"" + L(m, "html.lang") +
       "\"><head><meta charset=\"utf-8\"/>"
       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/><title>" +
       esc(m.title) + "</title><style>" + css + page_css(m) + "</style></head><body>";
  o += "<h1>" + esc(m.title) + "</h1><p class=\"sub\">" + esc(m.tree.name()) + " " + id_span(m.tree.id()) +
       " · " + L(m, "sub.units", {std::to_string(m.units.size())}) + " · " +
       L(m, "sub.groups", {std::to_string(m.groups.size())}) + " · " +
       L(m, "sub.points", {fixed(m.tree.points(), 0)});
  if (data.has_projects()) o += " · " + L(m, "sub.faces");
  if (data.has_pay()) o += " · " + L(m, "sub.pay");
  if (data.has_land()) o += " · " + L(m, "sub.land");
  if (data.has_uncertainty()) o += " · " + L(m, "sub.robustness");
  if (data.has_series()) o += " · " + L(m, "sub.series");
  if (data.has_faces_year()) o += " · " + L(m, "sub.faces_year");
  if (data.has_migration()) o += " · " + L(m, "sub.migration");
  o += "</p>";
  if (data.has_projects()) headline_section(m, o);
  scorecard_section(m, o);
  if (data.has_uncertainty()) robustness_section(m, o);
  if (data.has_projects()) faces_section(m, o);
  detail::period_sections_html(m, o);
  if (data.has_pay()) pay_section(m, o);
  if (data.has_land()) land_section(m, o);
  leaves_section(m, o);
  o += "<p class=\"note\">" + L(m, "note.footer") + "</p>";
  o += "</body></html>\n";
  return o;
}

}  // namespace zoneperf
