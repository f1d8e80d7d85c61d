// The report's tables, as CSV (with a BOM) and Markdown.
#include <algorithm>
#include <climits>
#include <cmath>

#include "labels.hpp"
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

/// Labels of the report's language (labels.cpp).
std::string L(const detail::report_model& m, std::string_view id) {
  return std::string(detail::label(m.lang, id));
}
std::vector<std::string> Ls(const detail::report_model& m, std::initializer_list<const char*> ids) {
  std::vector<std::string> out;
  for (const char* id : ids) out.push_back(L(m, id));
  return out;
}
/// Column headers of JSON keys: "col.<key>" ("total" of pay is money: col.pay_total).
std::vector<std::string> key_headers(const detail::report_model& m, const std::vector<std::string>& keys) {
  std::vector<std::string> out;
  for (const auto& k : keys)
    out.push_back(k == "total" ? L(m, "col.pay_total") : detail::label_or(m.lang, "col", k));
  return out;
}
std::string yes_no(const detail::report_model& m, bool b) { return L(m, b ? "word.yes" : "word.no"); }

report_table scorecard_table(const detail::report_model& m) {
  report_table t{"scorecard", m.title, {L(m, "col.unit")}, {}};
  for (int g : m.groups) t.header.push_back(m.nd(g).name);
  for (const char* h : {"col.total", "col.rank", "col.grade", "col.veto"}) t.header.push_back(L(m, h));
  for (const auto& u : m.units) {
    std::vector<std::string> row{u.id};
    for (const auto& g : u.groups) row.push_back(exact(g.score));
    row.push_back(exact(u.total));
    row.push_back(u.rank ? std::to_string(*u.rank) : "");
    row.push_back(u.grade);
    row.push_back(yes_no(m, u.veto));
    t.rows.push_back(std::move(row));
  }
  return t;
}

report_table leaves_table(const detail::report_model& m) {
  report_table t{"leaves",
                 L(m, "table.leaves"),
                 Ls(m, {"col.unit", "col.group", "col.indicator", "col.name", "col.rule", "col.actual",
                        "col.target", "col.target_source", "col.ratio", "col.fraction", "col.capped",
                        "col.points", "col.max", "col.vetoes"}),
                 {}};
  for (const auto& u : m.units)
    for (const auto& l : u.leaves) {
      const node& n = m.nd(l.node);
      t.rows.push_back(
          {u.id,
           l.group >= 0 ? m.nd(m.groups[static_cast<std::size_t>(l.group)]).name
                        : L(m, std::string("kind.") + to_string(n.kind)),
           n.id, n.name, detail::label_or(m.lang, "rule", l.rule), exact(l.actual), exact(l.target),
           l.target_source.empty() ? "" : detail::label_or(m.lang, "source", l.target_source), exact(l.ratio),
           exact(l.fraction), yes_no(m, l.capped), exact(l.points), exact(l.max), yes_no(m, l.vetoes)});
    }
  return t;
}

report_table json_rows(const detail::report_model& m, std::string name, const rjson& list,
                       std::vector<std::string> keys) {
  report_table t{name, L(m, "table." + name), key_headers(m, keys), {}};
  for (const auto& item : list) {
    std::vector<std::string> row;
    for (const auto& k : keys)
      row.push_back(!item.contains(k) ? ""
                    : k == "clamp"    ? detail::label_or(m.lang, "clamp", text_of(item[k]))
                                      : text_of(item[k]));
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
    out.push_back(json_rows(m, "pay_people", p["people"],
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
    out.push_back(json_rows(m, "pay_task_forces", p["task_forces"],
                            {"id", "grade", "coefficient", "head_count", "baseline", "base_pay", "award",
                             "total", "average_multiple"}));
    report_table r{
        "pay_reconciliation", L(m, "table.pay_reconciliation"), Ls(m, {"col.item", "col.value"}), {}};
    const rjson& rec = p["reconciliation"];
    for (auto it = rec.begin(); it != rec.end(); ++it) {
      if (it.key() == "lambda")
        r.rows.push_back({L(m, "rec.lambda"), it->is_object() ? text_of((*it)["decimal"]) : ""});
      else
        r.rows.push_back({detail::label_or(m.lang, "rec", it.key()), text_of(*it)});
    }
    if (p.contains("policy")) r.rows.insert(r.rows.begin(), {L(m, "rec.policy"), text_of(p["policy"])});
    out.push_back(std::move(r));
  }
  if (data.has_land()) {
    const rjson& l = m.land;
    report_table e{"land_enterprises",
                   L(m, "table.land_enterprises"),
                   Ls(m, {"col.id", "col.name", "col.park", "col.task_force", "col.land_mu"}),
                   {}};
    std::vector<std::string> metrics;
    if (!l["enterprises"].empty() && l["enterprises"][0].contains("metrics"))
      for (auto it = l["enterprises"][0]["metrics"].begin(); it != l["enterprises"][0]["metrics"].end(); ++it)
        metrics.push_back(it.key());
    for (const auto& k : metrics) e.header.push_back(detail::label_or(m.lang, "metric", k));
    for (const char* k : {"col.score", "col.rank", "col.class", "col.exempt"}) e.header.push_back(L(m, k));
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
    out.push_back(json_rows(m, "land_classes", l["classes"], {"label", "name", "count", "quota"}));
    out.back().header.front() = L(m, "col.class");
  }
  if (data.has_projects()) {
    const auto f = detail::faces_of(m.projects);
    report_table t{"faces",
                   detail::label_fill(m.lang, "table.faces", {f.period}),
                   Ls(m, {"col.task_force", "col.face"}),
                   {}};
    for (const auto& c : f.columns) t.header.push_back(detail::label_or(m.lang, "col", c));
    if (!f.columns.empty()) t.header.push_back(L(m, "col.missed"));
    for (const auto& r : f.rows) {
      std::vector<std::string> row{r.task_force, r.face};
      for (const auto& fig : r.figures) row.push_back(fig.text());
      if (!f.columns.empty()) row.push_back(detail::missed_text(m.lang, r.missed_items));
      t.rows.push_back(std::move(row));
    }
    out.push_back(std::move(t));
  }
  for (auto& t : detail::period_tables(m)) out.push_back(std::move(t));
  return out;
}

std::string table_csv(const report_table& t, csv_form form) {
  std::string out;
  auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t c = 0; c < cells.size(); ++c)
      out += (c ? "," : "") + csv_field(cells[c], csv_for::people);
    out += '\n';
  };
  line(t.header);
  for (const auto& r : t.rows) line(r);
  return csv_in_form(out, form);
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
  std::string out = "# " + md_cell(m.title) + "\n\n## " + md_cell(L(m, "sec.scorecard")) + " · " +
                    md_cell(m.tree.name()) + " (`" + md_cell(m.tree.id()) + "`)\n\n";
  std::vector<const detail::rep_unit*> units;
  for (const auto& u : m.units) units.push_back(&u);
  std::stable_sort(units.begin(), units.end(), [](const detail::rep_unit* a, const detail::rep_unit* b) {
    return a->rank.value_or(INT_MAX) < b->rank.value_or(INT_MAX);
  });
  {
    std::vector<std::string> h{L(m, "col.unit")};
    std::vector<bool> right{false};
    for (int g : m.groups) {
      h.push_back(m.nd(g).name + " (" + show(m.nd(g).points, 0) + ")");
      right.push_back(true);
    }
    for (const char* x : {"col.total", "col.rank", "col.grade", "col.veto"}) {
      h.push_back(L(m, x));
      right.push_back(std::string(x) == "col.total" || std::string(x) == "col.rank");
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto* up : units) {
      const auto& u = *up;
      std::vector<std::string> r{u.id};
      for (const auto& g : u.groups)
        r.push_back(show(g.score) + (g.all_missing ? L(m, "word.all_missing") : ""));
      r.push_back(show(u.total));
      r.push_back(u.rank ? std::to_string(*u.rank) : "-");
      r.push_back(u.grade.empty() ? "-" : u.grade);
      r.push_back(yes_no(m, u.veto));
      rows.push_back(std::move(r));
    }
    out += md_table(h, rows, right);
  }
  if (data.has_uncertainty()) {
    out += "\n## " + md_cell(L(m, "sec.robustness")) + "\n\n";
    std::vector<const detail::uncertainty_unit*> list;
    for (const auto& u : m.uncertainty->units) list.push_back(&u);
    std::stable_sort(list.begin(), list.end(),
                     [](const auto* a, const auto* b) { return a->nominal.value < b->nominal.value; });
    std::vector<std::vector<std::string>> rows;
    for (const auto* u : list)
      rows.push_back(
          {u->unit, u->nominal.text, u->p05.text + "–" + u->p95.text, detail::percent(u->p_rank_1, 2)});
    out += md_table(Ls(m, {"col.unit", "col.nominal_rank", "col.band", "col.p_rank_1"}), rows,
                    {false, true, true, true});
  }
  if (data.has_projects()) {
    const auto f = detail::faces_of(m.projects);
    out += "\n## " + md_cell(detail::label_fill(m.lang, "sec.faces", {f.period})) + "\n\n";
    std::vector<std::string> h{L(m, "col.task_force"), L(m, "col.face")};
    for (const auto& c : f.columns)
      h.push_back(detail::label_fill(m.lang, "word.actual_target", {detail::label_or(m.lang, "col", c)}));
    if (!f.columns.empty()) h.push_back(L(m, "col.missed"));
    std::vector<std::vector<std::string>> rows;
    for (const auto& r : f.rows) {
      std::vector<std::string> row{r.task_force, r.face.empty() ? "-" : r.face};
      for (const auto& fig : r.figures) row.push_back(fig.text());
      if (!f.columns.empty()) row.push_back(detail::missed_text(m.lang, r.missed_items));
      rows.push_back(std::move(row));
    }
    out += md_table(h, rows, {});
  }
  if (data.has_pay()) {
    const rjson& p = m.pay;
    out += "\n## " + md_cell(L(m, "sec.pay")) + "\n\n";
    auto money = [](const rjson& v) {
      return v.is_number_float() ? detail::grouped(v.get<double>(), 2) : detail::grouped_text(text_of(v));
    };
    std::vector<std::vector<std::string>> rows;
    for (const auto& tf : p["task_forces"])
      rows.push_back({text_of(tf["id"]), text_of(tf["grade"]), text_of(tf["coefficient"]),
                      text_of(tf["head_count"]), money(tf["baseline"]), money(tf["base_pay"]),
                      money(tf["award"]), money(tf["total"]), text_of(tf["average_multiple"])});
    out += md_table(Ls(m, {"col.task_force", "col.grade", "col.coefficient", "col.head_count", "col.baseline",
                           "col.base_pay", "col.award", "col.pay_total", "col.average_multiple"}),
                    rows, {false, false, true, true, true, true, true, true, true});
    out += "\n" + L(m, "word.reconciliation_md") + "\n\n";
    rows.clear();
    const rjson& rec = p["reconciliation"];
    for (auto it = rec.begin(); it != rec.end(); ++it) {
      const rjson v = it.key() == "lambda" && it->is_object() ? (*it)["decimal"] : *it;
      const bool is_money = it.key() != "lambda" && it.key() != "multiplier" &&
                            it.key() != "average_multiple" && it.key() != "raw_denominator";
      rows.push_back({detail::label_or(m.lang, "rec", it.key()), is_money ? money(v) : text_of(v)});
    }
    out += md_table(Ls(m, {"col.item", "col.value"}), rows, {false, true});
  }
  if (data.has_land()) {
    out += "\n## " + md_cell(L(m, "sec.land")) + "\n\n";
    std::vector<std::vector<std::string>> rows;
    for (const auto& c : m.land["classes"])
      rows.push_back({text_of(c["label"]), text_of(c.value("name", rjson())), text_of(c["count"]),
                      text_of(c.value("quota", rjson()))});
    out += md_table(Ls(m, {"col.class", "col.name", "col.count", "col.quota"}), rows,
                    {false, false, true, true});
  }
  // The sections over periods: their tables as they are (numbers exact, ids and labels as in the CSV).
  for (const auto& t : detail::period_tables(m)) {
    out += "\n## " + md_cell(t.title) + "\n\n";
    std::vector<bool> right(t.header.size(), false);
    for (std::size_t c = 1; c < t.header.size(); ++c) {
      bool numeric = !t.rows.empty();
      for (const auto& r : t.rows)
        if (!r[c].empty() && r[c].find_first_not_of("0123456789.-+e") != std::string::npos) numeric = false;
      right[c] = numeric;
    }
    out += md_table(t.header, t.rows, right);
  }
  out += "\n## " + md_cell(L(m, "sec.leaves")) + "\n";
  for (const auto* up : units) {
    const auto& u = *up;
    out += "\n### " + md_cell(u.id) + "\n\n";
    std::vector<std::vector<std::string>> rows;
    for (const auto& l : u.leaves) {
      const node& n = m.nd(l.node);
      rows.push_back({n.name + " (" + n.id + ")",
                      std::isnan(l.actual) ? L(m, "word.missing") : shortest(l.actual),
                      std::isnan(l.target) ? "-" : shortest(l.target), detail::percent(l.ratio, 2),
                      detail::label_or(m.lang, "rule", l.rule), detail::percent(l.fraction, 2),
                      yes_no(m, l.capped), show(l.points, 4), show(l.max, 2)});
    }
    out += md_table(Ls(m, {"col.indicator", "col.actual", "col.target", "col.ratio", "col.rule",
                           "col.fraction", "col.capped", "col.points", "col.max"}),
                    rows, {false, true, true, true, false, true, false, true, true});
  }
  return out;
}

}  // namespace zoneperf
