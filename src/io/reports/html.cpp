// The HTML report: one self-contained page, XHTML syntax (well-formed XML), inline CSS and SVG.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

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

/// A coordinate for SVG: fixed, 2 decimals.
std::string xy(double v) { return fixed(v, 2); }

/// A number cell: shown rounded, its exact value in data-v for checks and copying.
std::string num_td(double v, int decimals = 2) {
  if (std::isnan(v)) return "<td class=\"n\">-</td>";
  return "<td class=\"n\" data-v=\"" + shortest(v) + "\">" + fixed(v, decimals) + "</td>";
}
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
.note { color: var(--muted); font-size: 12px; }
.wide { overflow-x: auto; max-width: 100%; }
.wide th, .wide td { white-space: nowrap; }
@media print {
  body { padding: 0; font-size: 11px; }
  .card { width: 31%; }
  h2 { break-after: avoid; page-break-after: avoid; }
  table { break-inside: auto; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  summary { list-style: none; }
}
@media print { details > * { display: block; } }
@media print { details::details-content { content-visibility: visible; display: block; } }
)CSS";

/// Radar chart of a unit's group rates (0 at the centre; the outer ring is max(1, the largest rate)).
std::string radar_svg(const detail::report_model& m, const detail::rep_unit& u, double scale) {
  const double w = 340, h = 250, cx = 170, cy = 128, r = 88;
  const std::size_t n = m.groups.size();
  std::string s = fmt::format(
      "<svg class=\"radar\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" role=\"img\" "
      "aria-label=\"{2}\">",
      w, h, esc(u.id + " group rates"));
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
      w, h, esc(u.id + " total " + show(u.total)));
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
  s += "<text x=\"" + xy(x0) + "\" y=\"" + xy(y0 - 3) + "\" font-size=\"11\" fill=\"#1f2933\">total " +
       esc(show(u.total)) + " / " + esc(fixed(m.tree.points(), 0)) + "</text>";
  s += "</svg>";
  return s;
}

/// Vertical bars: one per category with its count, and its quota marked when there is one.
std::string bars_svg(const std::vector<std::tuple<std::string, double, double>>& bars,
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
           esc("quota " + shortest(quota)) + "</title></line>";
    }
    s += "<text x=\"" + xy(x + 18) + "\" y=\"" + xy(base + 16) +
         "\" text-anchor=\"middle\" font-size=\"12\">" + esc(name) + "</text>";
    x += 60;
    ++i;
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

  o += "<section id=\"scorecard\"><h2>Scorecard · " + esc(m.tree.name()) + "</h2>";
  o += "<table class=\"summary\"><thead><tr><th>unit</th>";
  for (int g : m.groups) o += "<th>" + esc(m.nd(g).name) + " (" + esc(fixed(m.nd(g).points, 0)) + ")</th>";
  o += "<th>total</th><th>rank</th><th>grade</th><th>veto</th></tr></thead><tbody>";
  for (const auto& u : m.units) {
    o += "<tr data-unit=\"" + esc(u.id) + "\"><td>" + esc(u.id) + "</td>";
    for (const auto& g : u.groups)  // a group whose indicators were all missing scores 0, marked ∅
      o += g.all_missing ? "<td class=\"n all-missing\" title=\"every indicator missing\" data-v=\"" +
                               shortest(g.score) + "\">" + fixed(g.score, 2) + "</td>"
                         : num_td(g.score);
    o += num_td(u.total);
    o += u.rank ? "<td class=\"n\" data-v=\"" + std::to_string(*u.rank) + "\">" + std::to_string(*u.rank) +
                      "</td>"
                : "<td class=\"n\">-</td>";
    o += "<td>" + esc(u.grade.empty() ? "-" : u.grade) + "</td><td>" +
         (u.veto ? "<span class=\"veto\">veto</span>" : "no") + "</td></tr>";
  }
  o += "</tbody></table>";
  o += "<p class=\"note\">Radar: each group's rate (score ÷ max); the solid ring is 100 %";
  if (scale > 1.0)
    o += ", the dashed outer ring " + fixed(scale * 100, 0) + " % (capped completion can exceed 100 %)";
  o += ". Bar: the total with the grade cut-offs.</p>";
  o += "<div class=\"cards\">";
  for (const auto& u : m.units) {
    const int g = m.grade_index(u.grade);
    o += "<div class=\"card\" data-unit=\"" + esc(u.id) + "\"><h3>" + esc(u.id) +
         " <span class=\"grade\" style=\"background:" + grade_colour(g) + "\">" +
         esc(u.grade.empty() ? "-" : u.grade) + "</span>";
    if (u.rank) o += " <span class=\"note\">rank " + std::to_string(*u.rank) + "</span>";
    if (u.veto) o += " <span class=\"veto\">veto</span>";
    o += "</h3>" + radar_svg(m, u, scale) + total_svg(m, u, tmax) + "</div>";
  }
  o += "</div></section>";
}

void leaves_section(const detail::report_model& m, std::string& o) {
  o += "<section id=\"leaves\"><h2>Every leaf explained</h2>";
  o += "<p class=\"note\">ratio = actual ÷ target (lower is better: target ÷ actual); fraction by the rule "
       "(completion: min(max(ratio, 0), cap)); points = fraction × max. Exact values are in each cell's "
       "data-v.</p>";
  for (const auto& u : m.units) {
    o += "<details data-unit=\"" + esc(u.id) + "\"><summary>" + esc(u.id) + " · " + esc(show(u.total)) +
         " · " + esc(u.grade.empty() ? "-" : u.grade) + "</summary>";
    o += "<div class=\"wide\"><table "
         "class=\"leaves\"><thead><tr><th>group</th><th>indicator</th><th>rule</th><th>actual</"
         "th><th>target</th>"
         "<th>ratio</th><th>fraction</th><th>capped</th><th>points</th><th>max</th></tr></thead><tbody>";
    for (const auto& l : u.leaves) {
      const node& n = m.nd(l.node);
      const std::string group =
          l.group >= 0 ? m.nd(m.groups[static_cast<std::size_t>(l.group)]).name : to_string(n.kind);
      o += "<tr data-leaf=\"" + esc(n.id) + "\"><td>" + esc(group) + "</td><td>" + esc(n.name) +
           " <span class=\"note\">" + esc(n.id) + "</span></td><td>" + esc(l.rule) + "</td>";
      o += std::isnan(l.actual) ? std::string("<td class=\"n\">missing</td>") : num_td(l.actual, 2);
      o += num_td(l.target, 2) + num_td(l.ratio, 4) + num_td(l.fraction, 4);
      o += std::string("<td>") + (l.capped ? "yes" : "") + (l.vetoes ? " veto" : "") + "</td>";
      o += num_td(l.points, 2) + num_td(l.max, 2) + "</tr>";
    }
    o += "</tbody></table></div></details>";
  }
  o += "</section>";
}

void faces_section(const detail::report_model& m, std::string& o) {
  const auto f = detail::faces_of(m.projects);
  o += "<section id=\"faces\"><h2>Monthly review " + esc(f.period) +
       " · 😊 / 😢</h2><table class=\"faces\"><thead><tr>"
       "<th>task force</th><th>face</th>";
  for (const auto& c : f.columns) o += "<th>" + esc(c) + " (actual/target)</th>";
  if (!f.columns.empty()) o += "<th>missed</th>";
  o += "</tr></thead><tbody>";
  for (const auto& r : f.rows) {
    o += "<tr data-unit=\"" + esc(r.task_force) + "\"><td>" + esc(r.task_force) + "</td><td class=\"face\">" +
         esc(r.face.empty() ? "–" : r.face) + "</td>";
    for (const auto& fig : r.figures) o += "<td class=\"n\">" + esc(fig.text()) + "</td>";
    if (!f.columns.empty()) o += "<td>" + esc(r.missed) + "</td>";
    o += "</tr>";
  }
  o += "</tbody></table><p class=\"note\">😊 every monthly target met; 😢 any missed; – no "
       "target.</p></section>";
}

void pay_section(const detail::report_model& m, std::string& o) {
  const rjson& p = m.pay;
  o += "<section id=\"pay\"><h2>Differentiated pay";
  if (p.contains("policy")) o += " · " + esc(text_of(p["policy"]));
  o += "</h2><h3>Per task force</h3><table class=\"pay-tf\"><thead><tr><th>task force</th><th>grade</th>"
       "<th>coefficient</th><th>staff</th><th>baseline (元)</th><th>base pay (元)</th><th>award "
       "(元)</th><th>total (元)</th>"
       "<th>average multiple</th></tr></thead><tbody>";
  for (const auto& tf : p["task_forces"]) {
    o += "<tr data-unit=\"" + esc(text_of(tf["id"])) + "\"><td>" + esc(text_of(tf["id"])) + "</td><td>" +
         esc(text_of(tf.value("grade", rjson()))) + "</td>";
    for (const char* k :
         {"coefficient", "head_count", "baseline", "base_pay", "award", "total", "average_multiple"})
      o += text_num_td(text_of(tf.value(k, rjson())));
    o += "</tr>";
  }
  o += "</tbody></table><h3>Reconciliation</h3><table class=\"pay-rec\"><tbody>";
  const rjson& rec = p["reconciliation"];
  for (auto it = rec.begin(); it != rec.end(); ++it) {
    if (it.key() == "raw_denominator") continue;  // in the CSV and the JSON; noise on a page
    std::string v = it.key() == "lambda" && it->is_object() ? text_of((*it)["decimal"]) : text_of(*it);
    o += "<tr data-item=\"" + esc(it.key()) + "\"><th>" + esc(it.key()) + "</th>" + text_num_td(v) + "</tr>";
  }
  o += "</tbody></table>";
  o += "<details><summary>Every person's line (" + std::to_string(p["people"].size()) +
       ")</summary>"
       "<div class=\"wide\"><table class=\"pay-people\"><thead><tr>";
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
  for (const char* c : cols) o += "<th>" + esc(c) + "</th>";
  o += "</tr></thead><tbody>";
  for (const auto& person : p["people"]) {
    o += "<tr>";
    int k = 0;
    for (const char* c : cols) {
      const std::string v = text_of(person.value(c, rjson()));
      o += k++ < 4 ? "<td>" + esc(v) + "</td>" : text_num_td(v);
    }
    o += "</tr>";
  }
  o += "</tbody></table></div></details></section>";
}

void land_section(const detail::report_model& m, std::string& o) {
  const rjson& l = m.land;
  o += "<section id=\"land\"><h2>亩均效益 classes";
  if (l.contains("preset")) o += " · " + esc(text_of(l["preset"]));
  o += "</h2>";
  std::vector<std::tuple<std::string, double, double>> bars;
  for (const auto& c : l["classes"]) {
    const rjson q = c.value("quota", rjson());
    bars.emplace_back(text_of(c["label"]), detail::num_or_nan(c["count"]), detail::num_or_nan(q));
  }
  o += bars_svg(bars, "enterprises per class");
  o += "<table "
       "class=\"land-classes\"><thead><tr><th>class</th><th>name</th><th>count</th><th>quota</th></tr></"
       "thead><tbody>";
  for (const auto& c : l["classes"])
    o += "<tr data-class=\"" + esc(text_of(c["label"])) + "\"><td>" + esc(text_of(c["label"])) + "</td><td>" +
         esc(text_of(c.value("name", rjson()))) + "</td>" + text_num_td(text_of(c["count"])) +
         text_num_td(text_of(c.value("quota", rjson()))) + "</tr>";
  o += "</tbody></table><p class=\"note\">Dashed line: the class's quota by rank (A ⌊20n/100⌋, B ⌊40n/100⌋, "
       "D ⌈5n/100⌉ "
       "when n ≥ 20); ties share the better class.</p>";
  o += "<details><summary>Every enterprise (" + std::to_string(l["enterprises"].size()) +
       ")</summary><div class=\"wide\"><table "
       "class=\"land-enterprises\"><thead><tr><th>id</th><th>name</th><th>亩</th>";
  std::vector<std::string> metrics;
  if (!l["enterprises"].empty() && l["enterprises"][0].contains("metrics"))
    for (auto it = l["enterprises"][0]["metrics"].begin(); it != l["enterprises"][0]["metrics"].end(); ++it)
      metrics.push_back(it.key());
  for (const auto& k : metrics) o += "<th>" + esc(k) + "</th>";
  o += "<th>score</th><th>rank</th><th>class</th></tr></thead><tbody>";
  for (const auto& e : l["enterprises"]) {
    o += "<tr><td>" + esc(text_of(e.value("id", rjson()))) + "</td><td>" +
         esc(text_of(e.value("name", rjson()))) + "</td>" +
         num_td(detail::num_or_nan(e.value("land_mu", rjson())));
    for (const auto& k : metrics) o += num_td(detail::num_or_nan(e["metrics"].value(k, rjson())));
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
  o += "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"/>"
       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/><title>" +
       esc(m.title) + "</title><style>" + css + "</style></head><body>";
  o += "<h1>" + esc(m.title) + "</h1><p class=\"sub\">" + esc(m.tree.name() + " (" + m.tree.id() + ")") +
       " · " + std::to_string(m.units.size()) + " units · " + std::to_string(m.groups.size()) + " groups · " +
       esc(fixed(m.tree.points(), 0)) + " points";
  if (data.has_projects()) o += " · faces";
  if (data.has_pay()) o += " · pay";
  if (data.has_land()) o += " · 亩均";
  o += "</p>";
  scorecard_section(m, o);
  if (data.has_projects()) faces_section(m, o);
  if (data.has_pay()) pay_section(m, o);
  if (data.has_land()) land_section(m, o);
  leaves_section(m, o);
  o += "<p class=\"note\">Made by zoneperf " + esc(std::string("report")) +
       " from the JSON results; the workbook report.xlsx recomputes every derived number with live "
       "formulas.</p>";
  o += "</body></html>\n";
  return o;
}

}  // namespace zoneperf
