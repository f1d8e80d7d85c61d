// JSON reports of the registry and of admission (include/zoneperf/pipeline/report.hpp), shared by
// the CLI, the C API and the Python module.
#include "zoneperf/pipeline/report.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

#include "../text/json_syntax.hpp"
#include "report_dom.hpp"
#include "zoneperf/pipeline/counts.hpp"
#include "zoneperf/pipeline/monthly_check.hpp"

namespace zoneperf {
namespace {
using json = nlohmann::ordered_json;

json counts_json(const unit_counts& u) {
  json j;
  j["unit"] = u.unit;
  json entered, active;
  for (std::size_t s = 0; s < stage_count; ++s) {
    entered[to_string(static_cast<stage>(s))] = u.entered[s];
    active[to_string(static_cast<stage>(s))] = u.active[s];
  }
  j["entered"] = entered;
  j["active"] = active;
  j["signed_investment_yi"] = value(u, measure::signed_investment);
  j["foreign_capital_wan_usd"] = value(u, measure::foreign_capital);
  j["key_projects"] = u.key_projects;
  j["key_started"] = u.key_started;
  return j;
}

json growth_json(const std::optional<double>& g) { return g ? json(*g) : json("no base"); }
json number_or_null(double v) { return std::isnan(v) ? json(nullptr) : json(v); }

json targets_json(const monthly_targets& t) {
  return {{"intent", t.intent}, {"signed", t.signed_}, {"landed", t.landed}};
}

}  // namespace

nlohmann::ordered_json detail::month_check_dom(const monthly_check& m) {
  json checks = json::array();
  for (const auto& k : m.task_forces)
    checks.push_back({{"task_force", k.task_force},
                      {"weight", k.weight},
                      {"target", targets_json(k.target)},
                      {"actual", targets_json(k.actual)},
                      {"face", to_string(k.verdict)},
                      {"missed", k.missed}});
  return {{"complete", m.complete}, {"task_forces", checks}};
}

registry registry_as_of(const registry& r, date d) {
  if (d < r.as_of()) return r.snapshot(d);
  registry out = r;
  out.set_as_of(d);
  return out;
}

std::string projects_month_json(const registry& r, const period& month, std::optional<date> as_of,
                                int indent) {
  if (month.kind() != period_kind::month)
    throw error(errc::not_a_month, month.label(), "expected a month such as 2020-07");
  count_options co;
  co.as_of = as_of;
  const period_counts now = count(r, month, co);
  const period_counts yoy = count(r, month.same_period_last_year());
  const period_counts mom = count(r, month.prev());
  check_options ko;
  ko.as_of = as_of;
  const monthly_check m = check_month(r, month, ko);
  json j;
  j["period"] = month.label();
  j["as_of"] = to_string(now.as_of);
  j["units"] = json::array();
  for (const auto& u : now.task_forces) j["units"].push_back(counts_json(u));
  j["zone"] = counts_json(now.zone);
  json g;
  for (measure x : all_measures())
    g[to_string(x)] = {{"yoy", growth_json(growth(value(now.zone, x), value(yoy.zone, x)))},
                       {"mom", growth_json(growth(value(now.zone, x), value(mom.zone, x)))}};
  j["growth"] = g;
  j["check"] = detail::month_check_dom(m);
  return detail::dump_json(j, indent);
}

std::string projects_period_json(const registry& r, const period& p, std::optional<date> as_of, int indent) {
  count_options co;
  co.as_of = as_of;
  const period_counts now = count(r, p, co);
  const period_counts yoy = count(r, p.same_period_last_year());
  const leaf_table leaves = export_project_leaves(r, p, co);
  const per_mu zone = zone_per_mu(now);
  json j;
  j["period"] = p.label();
  j["as_of"] = to_string(now.as_of);
  j["units"] = json::array();
  for (const auto& u : now.task_forces) j["units"].push_back(counts_json(u));
  j["zone"] = counts_json(now.zone);
  j["zone"]["investment_per_mu"] = number_or_null(zone.investment);
  j["zone"]["tax_per_mu"] = number_or_null(zone.tax);
  json g;
  for (measure x : all_measures())
    g[to_string(x)] = growth_json(growth(value(now.zone, x), value(yoy.zone, x)));
  j["growth_yoy"] = g;
  json f = json::array();
  for (const auto& s : funnel(now.zone))
    f.push_back({{"stage", to_string(s.s)},
                 {"count", s.count},
                 {"conversion", s.conversion ? json(*s.conversion) : json(nullptr)}});
  j["funnel"] = f;
  json e = json::object();
  for (std::size_t u = 0; u < leaves.units.size(); ++u) {
    json row;
    for (std::size_t c = 0; c < leaves.columns.size(); ++c)
      row[leaves.columns[c]] = number_or_null(leaves.at(u, c));
    e[leaves.units[u]] = row;
  }
  j["scorecard_leaves"] = e;
  return detail::dump_json(j, indent);
}

std::string admission_json(const std::vector<admission_decision>& decisions, int indent) {
  json j = json::array();
  for (const auto& d : decisions) {
    json dims = json::object();
    for (const auto& p : d.dimensions)
      dims[p.id] = {{"actual", p.actual}, {"points", p.points}, {"max", p.max}};
    j.push_back({{"id", d.id},
                 {"name", d.name},
                 {"task_force", d.task_force},
                 {"decision", to_string(d.result)},
                 {"points", d.points},
                 {"total", d.total},
                 {"gate_failed", d.gate_failed},
                 {"vetoed", d.vetoed},
                 {"dimensions", dims},
                 {"reasons", d.reasons}});
  }
  return detail::dump_json(j, indent);
}

std::string calendar_json(const std::vector<rhythm_event>& events, int indent) {
  json j = json::array();
  for (const auto& e : events)
    j.push_back({{"date", to_string(e.on)},
                 {"event", std::string(display_name(e.kind)) + " " + to_string(e.kind)},
                 {"covers", e.covers.label()}});
  return detail::dump_json(j, indent);
}

std::string year_faces_json(const year_of_faces& faces, int indent) {
  json tfs = json::array();
  for (std::size_t t = 0; t < faces.task_forces.size(); ++t) {
    const face_tally n = faces.tally(t);
    json months = json::array();
    for (const monthly_check& m : faces.months) {
      const task_force_check& k = m.task_forces[t];
      months.push_back({{"month", m.month.label()},
                        {"complete", m.complete},
                        {"target", targets_json(k.target)},
                        {"actual", targets_json(k.actual)},
                        {"face", to_string(k.verdict)},
                        {"missed", k.missed}});
    }
    tfs.push_back({{"task_force", faces.task_forces[t]},
                   {"smiles", n.smiles},
                   {"cries", n.cries},
                   {"none", n.none},
                   {"months", months}});
  }
  json j;
  j["year"] = faces.year;
  j["as_of"] = to_string(faces.as_of);
  j["zone_target"] =
      targets_json(faces.months.empty() ? monthly_targets{} : faces.months.front().zone_target);
  j["task_forces"] = tfs;
  return detail::dump_json(j, indent);
}

}  // namespace zoneperf
