#include "zoneperf/land/gates.hpp"

#include <fmt/format.h>

#include <limits>
#include <nlohmann/json.hpp>

#include "land_json.hpp"

namespace zoneperf {
namespace {
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

const char* unit_of(gate_id g) {
  switch (g) {
    case gate_id::investment_per_mu:
    case gate_id::tax_per_mu:
      return " 万元/亩";
    case gate_id::plot_ratio:
      return "";
    case gate_id::building_density:
      return "";
  }
  return "";
}

std::string show(gate_id g, double x) {
  if (g == gate_id::building_density) return fmt::format("{:.4g} %", x * 100);
  return fmt::format("{:.6g}{}", x, unit_of(g));
}

gate_result check(gate_id g, const gate_threshold& t, std::optional<double> figure) {
  gate_result r;
  r.gate = g;
  r.figure = figure ? *figure : nan;
  r.threshold = t.min ? *t.min : nan;
  const std::string name = std::string(display_name(g)) + " (" + to_string(g) + ")";
  if (!figure) {
    r.status = gate_status::not_checked;
    r.message = name + ": not checked, the figure was not given";
    return r;
  }
  const double x = *figure;
  if (t.reject_below && x < *t.reject_below) {
    r.status = gate_status::rejected;
    r.threshold = *t.reject_below;
    r.message =
        fmt::format("{} {} is below {}: rejected outright", name, show(g, x), show(g, *t.reject_below));
  } else if (t.min && x < *t.min) {
    r.status = gate_status::failed;
    r.message = fmt::format("{} {} is below the threshold {}", name, show(g, x), show(g, *t.min));
  } else {
    r.status = gate_status::passed;
    r.message = fmt::format("{} {} meets the threshold {}", name, show(g, x),
                            show(g, t.min ? *t.min : *t.reject_below));
  }
  return r;
}

bool on(const gate_threshold& t) { return t.min.has_value() || t.reject_below.has_value(); }
}  // namespace

const char* to_string(gate_id g) noexcept {
  switch (g) {
    case gate_id::investment_per_mu:
      return "investment_per_mu";
    case gate_id::tax_per_mu:
      return "tax_per_mu";
    case gate_id::plot_ratio:
      return "plot_ratio";
    case gate_id::building_density:
      return "building_density";
  }
  return "?";
}

const char* display_name(gate_id g) noexcept {
  switch (g) {
    case gate_id::investment_per_mu:
      return "亩均投资强度";
    case gate_id::tax_per_mu:
      return "亩均税收";
    case gate_id::plot_ratio:
      return "容积率";
    case gate_id::building_density:
      return "建筑密度";
  }
  return "?";
}

const char* to_string(gate_status s) noexcept {
  switch (s) {
    case gate_status::passed:
      return "passed";
    case gate_status::failed:
      return "failed";
    case gate_status::rejected:
      return "rejected";
    case gate_status::not_checked:
      return "not checked";
  }
  return "?";
}

const char* to_string(gate_verdict v) noexcept {
  switch (v) {
    case gate_verdict::passed:
      return "passed";
    case gate_verdict::failed:
      return "failed";
    case gate_verdict::rejected:
      return "rejected";
  }
  return "?";
}

std::vector<const gate_result*> land_gate_report::failures() const {
  std::vector<const gate_result*> out;
  for (const auto& g : gates)
    if (g.status == gate_status::failed || g.status == gate_status::rejected) out.push_back(&g);
  return out;
}

land_gate_report check_land_gates(const land_proposal& p, const land_gate_thresholds& t) {
  const std::string who = p.id.empty() ? std::string("<no id>") : p.id;
  std::vector<problem> problems;
  if (!p.land)
    problems.push_back({errc::missing_area, who, "land area is missing"});
  else if (p.land->count() <= 0)
    problems.push_back({errc::non_positive_area, who,
                        "land area must be positive, got " + to_string(*p.land, area_unit::mu, {6})});
  auto need = [&](const gate_threshold& g, const std::optional<double>& v, const char* what) {
    if (!on(g)) return;
    if (!v)
      problems.push_back({errc::bad_gate_input, who, std::string(what) + " is missing"});
    else if (*v < 0 || !(*v == *v))
      problems.push_back({errc::bad_gate_input, who, fmt::format("{} is negative: {}", what, *v)});
  };
  need(t.investment_per_mu, p.investment, "investment");
  need(t.tax_per_mu, p.promised_tax, "promised tax");
  if (!problems.empty()) throw error(std::move(problems));

  const double mu = p.land->mu();
  land_gate_report rep;
  if (on(t.investment_per_mu))
    rep.gates.push_back(check(gate_id::investment_per_mu, t.investment_per_mu, *p.investment / mu));
  if (on(t.tax_per_mu)) rep.gates.push_back(check(gate_id::tax_per_mu, t.tax_per_mu, *p.promised_tax / mu));
  if (on(t.plot_ratio))
    rep.gates.push_back(check(gate_id::plot_ratio, t.plot_ratio,
                              p.floor_area ? std::optional<double>(*p.floor_area / *p.land) : std::nullopt));
  if (on(t.building_density))
    rep.gates.push_back(check(gate_id::building_density, t.building_density,
                              p.footprint ? std::optional<double>(*p.footprint / *p.land) : std::nullopt));
  for (const auto& g : rep.gates) {
    if (g.status == gate_status::rejected)
      rep.verdict = gate_verdict::rejected;
    else if (g.status == gate_status::failed && rep.verdict == gate_verdict::passed)
      rep.verdict = gate_verdict::failed;
  }
  return rep;
}

land_gate_thresholds land_gate_thresholds_from_json(std::string_view json, std::string_view source) {
  detail::json_problems p{std::string(source)};
  const nlohmann::json j = detail::parse_json(json, source);
  land_gate_thresholds t;
  p.object(j, "", {"investment_per_mu", "tax_per_mu", "plot_ratio", "building_density"});
  auto read = [&](const char* key, gate_threshold& g) {
    if (!j.is_object() || !j.contains(key)) return;
    const std::string at = std::string("/") + key;
    const auto& e = j[key];
    if (e.is_null()) {
      g = {};
      return;
    }
    p.object(e, at, {"min", "reject_below"});
    if (!e.is_object()) return;
    g = {};
    if (e.contains("min") && !e["min"].is_null()) g.min = p.number(e, at, "min");
    if (e.contains("reject_below") && !e["reject_below"].is_null())
      g.reject_below = p.number(e, at, "reject_below");
    if (g.min && g.reject_below && *g.reject_below > *g.min)
      p.add(errc::bad_value, at, "reject_below is above min");
  };
  read("investment_per_mu", t.investment_per_mu);
  read("tax_per_mu", t.tax_per_mu);
  read("plot_ratio", t.plot_ratio);
  read("building_density", t.building_density);
  p.throw_if_any();
  return t;
}

}  // namespace zoneperf
