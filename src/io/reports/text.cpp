// The report's tables, as CSV (with a BOM) and Markdown.
#include <cmath>

#include "model.hpp"
#include "zoneperf/io/report.hpp"
#include "zoneperf/text/csv.hpp"
#include "zoneperf/text/file.hpp"
#include "zoneperf/text/markup.hpp"
#include "zoneperf/text/number.hpp"

namespace zoneperf {
namespace {
using detail::rjson;
using detail::text_of;

std::string exact(double v) { return std::isnan(v) ? "" : shortest(v); }

report_table scorecard_table(const detail::report_model& m) {
  report_table t{"scorecard", m.title, {"unit"}, {}};
  for (int g : m.groups) t.header.push_back(m.nd(g).id);
  for (const char* h : {"total", "rank", "grade", "veto"}) t.header.push_back(h);
  for (const auto& u : m.units) {
    std::vector<std::string> row{u.id};
    for (const auto& g : u.groups) row.push_back(exact(g.score));
    row.push_back(exact(u.total));
    row.push_back(u.rank ? std::to_string(*u.rank) : "");
    row.push_back(u.grade);
    row.push_back(u.veto ? "yes" : "no");
    t.rows.push_back(std::move(row));
  }
  return t;
}

report_table leaves_table(const detail::report_model& m) {
  report_table t{"leaves",
                 "every leaf explained",
                 {"unit", "group", "indicator", "name", "rule", "actual", "target", "target_source", "ratio",
                  "fraction", "capped", "points", "max", "vetoes"},
                 {}};
  for (const auto& u : m.units)
    for (const auto& l : u.leaves) {
      const node& n = m.nd(l.node);
      t.rows.push_back(
          {u.id, l.group >= 0 ? m.nd(m.groups[static_cast<std::size_t>(l.group)]).id : to_string(n.kind),
           n.id, n.name, l.rule, exact(l.actual), exact(l.target), l.target_source, exact(l.ratio),
           exact(l.fraction), l.capped ? "yes" : "no", exact(l.points), exact(l.max),
           l.vetoes ? "yes" : "no"});
    }
  return t;
}

report_table json_rows(std::string name, std::string title, const rjson& list,
                       std::vector<std::string> keys) {
  report_table t{std::move(name), std::move(title), keys, {}};
  for (const auto& item : list) {
    std::vector<std::string> row;
    for (const auto& k : keys) row.push_back(item.contains(k) ? text_of(item[k]) : "");
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace

std::vector<report_table> report_tables(const report_data& data) {
  const detail::report_model& m = *data.model_;
  std::vector<report_table> out{scorecard_table(m), leaves_table(m)};
  if (data.has_pay()) {
    const rjson& p = m.pay;
    out.push_back(json_rows("pay_people", "pay per person", p["people"],
                            {"id",
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
                             "floor",
                             "cap",
                             "raw_pay",
                             "clamp",
                             "rounding_fen",
                             "base_pay",
                             "award",
                             "total",
                             "multiple"}));
    out.push_back(json_rows("pay_task_forces", "pay per task force", p["task_forces"],
                            {"id", "grade", "coefficient", "head_count", "baseline", "base_pay", "award",
                             "total", "average_multiple"}));
    report_table r{"pay_reconciliation", "pay reconciliation", {"item", "value"}, {}};
    const rjson& rec = p["reconciliation"];
    for (auto it = rec.begin(); it != rec.end(); ++it) {
      if (it.key() == "lambda")
        r.rows.push_back({"lambda", it->is_object() ? text_of((*it)["decimal"]) : ""});
      else
        r.rows.push_back({it.key(), text_of(*it)});
    }
    if (p.contains("policy")) r.rows.insert(r.rows.begin(), {"policy", text_of(p["policy"])});
    out.push_back(std::move(r));
  }
  if (data.has_land()) {
    const rjson& l = m.land;
    report_table e{"land_enterprises",
                   "亩均 evaluation per enterprise",
                   {"id", "name", "park", "task_force", "land_mu"},
                   {}};
    std::vector<std::string> metrics;
    if (!l["enterprises"].empty() && l["enterprises"][0].contains("metrics"))
      for (auto it = l["enterprises"][0]["metrics"].begin(); it != l["enterprises"][0]["metrics"].end(); ++it)
        metrics.push_back(it.key());
    for (const auto& k : metrics) e.header.push_back(k);
    for (const char* k : {"score", "rank", "class", "exempt"}) e.header.push_back(k);
    for (const auto& x : l["enterprises"]) {
      std::vector<std::string> row;
      for (const char* k : {"id", "name", "park", "task_force", "land_mu"})
        row.push_back(text_of(x.value(k, rjson())));
      for (const auto& k : metrics)
        row.push_back(x.contains("metrics") ? text_of(x["metrics"].value(k, rjson())) : "");
      for (const char* k : {"score", "rank", "class", "exempt"}) row.push_back(text_of(x.value(k, rjson())));
      e.rows.push_back(std::move(row));
    }
    out.push_back(std::move(e));
    out.push_back(
        json_rows("land_classes", "亩均 classes", l["classes"], {"label", "name", "count", "quota"}));
  }
  if (data.has_projects()) {
    const auto f = detail::faces_of(m.projects);
    report_table t{"faces", "monthly faces " + f.period, {"task_force", "face"}, {}};
    for (const auto& c : f.columns) t.header.push_back(c);
    if (!f.columns.empty()) t.header.push_back("missed");
    for (const auto& r : f.rows) {
      std::vector<std::string> row{r.task_force, r.face};
      for (const auto& fig : r.figures) row.push_back(fig.text());
      if (!f.columns.empty()) row.push_back(r.missed);
      t.rows.push_back(std::move(row));
    }
    out.push_back(std::move(t));
  }
  return out;
}

std::string table_csv(const report_table& t, csv_bom bom) {
  std::string out(bom == csv_bom::on ? utf8_bom : std::string_view());
  auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t c = 0; c < cells.size(); ++c)
      out += (c ? "," : "") + csv_field(cells[c], csv_for::people);
    out += "\r\n";
  };
  line(t.header);
  for (const auto& r : t.rows) line(r);
  return out;
}

namespace {
// User text in a cell or heading (text/markup.hpp: HTML and table syntax escaped).
std::string md_cell(const std::string& s) { return markdown_text(s); }

std::string md_table(const std::vector<std::string>& header,
                     const std::vector<std::vector<std::string>>& rows, const std::vector<bool>& right) {
  std::string out = "|";
  for (const auto& h : header) out += " " + md_cell(h) + " |";
  out += "\n|";
  for (std::size_t c = 0; c < header.size(); ++c) out += c < right.size() && right[c] ? "---:|" : "---|";
  out += "\n";
  for (const auto& r : rows) {
    out += "|";
    for (const auto& cell : r) out += " " + md_cell(cell) + " |";
    out += "\n";
  }
  return out;
}
}  // namespace

std::string report_markdown(const report_data& data) {
  using detail::show;
  const detail::report_model& m = *data.model_;
  std::string out = "# " + md_cell(m.title) + "\n\n## Scorecard (" + md_cell(m.tree.id()) + ")\n\n";
  {
    std::vector<std::string> h{"unit"};
    std::vector<bool> right{false};
    for (int g : m.groups) {
      h.push_back(m.nd(g).name + " (" + show(m.nd(g).points, 0) + ")");
      right.push_back(true);
    }
    for (const char* x : {"total", "rank", "grade", "veto"}) {
      h.push_back(x);
      right.push_back(std::string(x) == "total" || std::string(x) == "rank");
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& u : m.units) {
      std::vector<std::string> r{u.id};
      for (const auto& g : u.groups) r.push_back(show(g.score) + (g.all_missing ? " (all missing)" : ""));
      r.push_back(show(u.total));
      r.push_back(u.rank ? std::to_string(*u.rank) : "-");
      r.push_back(u.grade.empty() ? "-" : u.grade);
      r.push_back(u.veto ? "yes" : "no");
      rows.push_back(std::move(r));
    }
    out += md_table(h, rows, right);
  }
  if (data.has_projects()) {
    const auto f = detail::faces_of(m.projects);
    out += "\n## Monthly faces " + md_cell(f.period) + "\n\n";
    std::vector<std::string> h{"task force", "face"};
    for (const auto& c : f.columns) h.push_back(c + " (actual/target)");
    if (!f.columns.empty()) h.push_back("missed");
    std::vector<std::vector<std::string>> rows;
    for (const auto& r : f.rows) {
      std::vector<std::string> row{r.task_force, r.face.empty() ? "-" : r.face};
      for (const auto& fig : r.figures) row.push_back(fig.text());
      if (!f.columns.empty()) row.push_back(r.missed);
      rows.push_back(std::move(row));
    }
    out += md_table(h, rows, {});
  }
  if (data.has_pay()) {
    const rjson& p = m.pay;
    out += "\n## Pay\n\n";
    std::vector<std::vector<std::string>> rows;
    for (const auto& tf : p["task_forces"])
      rows.push_back({text_of(tf["id"]), text_of(tf["grade"]), text_of(tf["coefficient"]),
                      text_of(tf["head_count"]), text_of(tf["baseline"]), text_of(tf["base_pay"]),
                      text_of(tf["award"]), text_of(tf["total"]), text_of(tf["average_multiple"])});
    out += md_table(
        {"task force", "grade", "coefficient", "staff", "baseline", "base pay", "award", "total", "multiple"},
        rows, {false, false, true, true, true, true, true, true, true});
    out += "\nReconciliation:\n\n";
    rows.clear();
    const rjson& rec = p["reconciliation"];
    for (auto it = rec.begin(); it != rec.end(); ++it)
      rows.push_back(
          {it.key(), it.key() == "lambda" && it->is_object() ? text_of((*it)["decimal"]) : text_of(*it)});
    out += md_table({"item", "value"}, rows, {false, true});
  }
  if (data.has_land()) {
    out += "\n## 亩均 classes\n\n";
    std::vector<std::vector<std::string>> rows;
    for (const auto& c : m.land["classes"])
      rows.push_back({text_of(c["label"]), text_of(c.value("name", rjson())), text_of(c["count"]),
                      text_of(c.value("quota", rjson()))});
    out += md_table({"class", "name", "count", "quota"}, rows, {false, false, true, true});
  }
  out += "\n## Every leaf explained\n";
  for (const auto& u : m.units) {
    out += "\n### " + md_cell(u.id) + "\n\n";
    std::vector<std::vector<std::string>> rows;
    for (const auto& l : u.leaves) {
      const node& n = m.nd(l.node);
      rows.push_back({n.id + " " + n.name, std::isnan(l.actual) ? "missing" : shortest(l.actual),
                      std::isnan(l.target) ? "-" : shortest(l.target), show(l.ratio, 4), l.rule,
                      show(l.fraction, 4), l.capped ? "yes" : "no", show(l.points, 4), show(l.max, 2)});
    }
    out += md_table({"indicator", "actual", "target", "ratio", "rule", "fraction", "capped", "points", "max"},
                    rows, {false, true, true, true, false, true, false, true, true});
  }
  return out;
}

}  // namespace zoneperf
