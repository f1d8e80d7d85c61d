#include "zoneperf/land/metrics.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <unordered_map>

namespace zoneperf {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

struct metric_info {
  const char* id;
  const char* display;
  const char* unit;
};
constexpr metric_info infos[land_metric_count] = {
    {"investment_per_mu", "亩均投资强度", "万元/亩"},
    {"tax_per_mu", "亩均税收", "万元/亩"},
    {"revenue_per_mu", "亩均销售收入", "万元/亩"},
    {"value_added_per_mu", "亩均增加值", "万元/亩"},
    {"value_added_per_tce", "单位能耗增加值", "万元/tce"},
    {"value_added_per_emission", "单位排放增加值", "万元/t"},
    {"labour_productivity", "全员劳动生产率", "万元/人"},
    {"rd_share", "R&D经费占比", "fraction"},
    {"tax_per_tce", "单位能耗税收", "万元/tce"},
};

// Where a metric's numerator and denominator come from.
enum class den_kind { land, energy, emissions, employees, revenue };
struct metric_formula {
  std::optional<double> land_record::*num;
  den_kind den;
};
constexpr metric_formula formulas[land_metric_count] = {
    {&land_record::investment, den_kind::land},
    {&land_record::tax, den_kind::land},
    {&land_record::revenue, den_kind::land},
    {&land_record::value_added, den_kind::land},
    {&land_record::value_added, den_kind::energy},
    {&land_record::value_added, den_kind::emissions},
    {&land_record::value_added, den_kind::employees},
    {&land_record::rd_spending, den_kind::revenue},
    {&land_record::tax, den_kind::energy},
};

const std::optional<double>& denominator(const land_record& r, den_kind k) {
  switch (k) {
    case den_kind::energy:
      return r.energy_tce;
    case den_kind::emissions:
      return r.emissions;
    case den_kind::employees:
      return r.employees;
    case den_kind::revenue:
      return r.revenue;
    case den_kind::land:
      break;
  }
  return r.revenue;  // unreachable: land is handled by the callers
}

std::string record_name(const land_record& r) { return r.id.empty() ? std::string("<no id>") : r.id; }

// An absent figure, or a finite one.
bool finite(const std::optional<double>& v) { return !v || std::isfinite(*v); }

bool record_ok(const land_record& r) {
  return r.land && r.land->count() > 0 && !(r.energy_tce && *r.energy_tce < 0) &&
         !(r.emissions && *r.emissions < 0) && !(r.employees && *r.employees < 0) &&
         !(r.revenue && *r.revenue < 0) && !(r.rd_spending && *r.rd_spending < 0) && finite(r.investment) &&
         finite(r.tax) && finite(r.revenue) && finite(r.value_added) && finite(r.energy_tce) &&
         finite(r.emissions) && finite(r.rd_spending) && finite(r.employees);
}

void check_record(const land_record& r, std::vector<problem>& out) {
  if (record_ok(r)) return;  // the hot path builds no message
  const std::string where = record_name(r);
  if (!r.land) {
    out.push_back({errc::missing_area, where, "land area is missing"});
  } else if (r.land->count() <= 0) {
    out.push_back({errc::non_positive_area, where,
                   "land area must be positive, got " + to_string(*r.land, area_unit::mu, {6})});
  }
  const std::pair<const char*, const std::optional<double>*> non_negative[] = {
      {"energy_tce", &r.energy_tce},
      {"emissions", &r.emissions},
      {"employees", &r.employees},
      {"revenue", &r.revenue},
      {"rd_spending", &r.rd_spending}};
  for (const auto& [name, v] : non_negative)
    if (*v && **v < 0)
      out.push_back({errc::negative_land_input, where, fmt::format("{} is negative: {}", name, **v)});
  const std::pair<const char*, const std::optional<double>*> figures[] = {
      {"investment", &r.investment},   {"tax", &r.tax},
      {"revenue", &r.revenue},         {"value_added", &r.value_added},
      {"energy_tce", &r.energy_tce},   {"emissions", &r.emissions},
      {"rd_spending", &r.rd_spending}, {"employees", &r.employees}};
  for (const auto& [name, v] : figures)
    if (!finite(*v)) out.push_back({errc::not_finite, where, fmt::format("{} is not finite: {}", name, **v)});
}

const char* numerator_name(std::size_t i) {
  const auto num = formulas[i].num;
  return num == &land_record::investment    ? "investment"
         : num == &land_record::tax         ? "tax"
         : num == &land_record::revenue     ? "revenue"
         : num == &land_record::value_added ? "value_added"
                                            : "rd_spending";
}
const char* denominator_name(den_kind k) {
  switch (k) {
    case den_kind::land:
      return "land";
    case den_kind::energy:
      return "energy_tce";
    case den_kind::emissions:
      return "emissions";
    case den_kind::employees:
      return "employees";
    case den_kind::revenue:
      return "revenue";
  }
  return "?";
}

// A metric that is not finite: its finite numerator over a positive denominator overflows.
void check_metrics(const land_record& r, const land_metrics& m, std::vector<problem>& out) {
  for (std::size_t i = 0; i < land_metric_count; ++i) {
    if (!std::isinf(m.values[i])) continue;
    const den_kind d = formulas[i].den;
    const std::string den =
        d == den_kind::land ? to_string(*r.land, area_unit::mu, {6}) : fmt::format("{}", *denominator(r, d));
    out.push_back(
        {errc::not_finite, record_name(r),
         fmt::format("{} ({}) is not finite: {} {} ÷ {} {} overflows", infos[i].id, infos[i].display,
                     numerator_name(i), *(r.*(formulas[i].num)), denominator_name(d), den)});
  }
}

land_metrics metrics_of(const land_record& r) {
  land_metrics m;
  const double mu = r.land->mu();
  for (std::size_t i = 0; i < land_metric_count; ++i) {
    const auto& num = r.*(formulas[i].num);
    if (!num) {
      m.values[i] = nan;
      continue;
    }
    if (formulas[i].den == den_kind::land) {
      m.values[i] = *num / mu;
      continue;
    }
    const auto& den = denominator(r, formulas[i].den);
    m.values[i] = (den && *den > 0) ? *num / *den : nan;
  }
  return m;
}

}  // namespace

const char* to_string(land_metric m) noexcept { return infos[static_cast<std::size_t>(m)].id; }
const char* display_name(land_metric m) noexcept { return infos[static_cast<std::size_t>(m)].display; }
const char* unit_name(land_metric m) noexcept { return infos[static_cast<std::size_t>(m)].unit; }

std::optional<land_metric> find_land_metric(std::string_view id) noexcept {
  for (std::size_t i = 0; i < land_metric_count; ++i)
    if (id == infos[i].id) return static_cast<land_metric>(i);
  return std::nullopt;
}

std::vector<problem> validate_record(const land_record& r) {
  std::vector<problem> out;
  check_record(r, out);
  if (out.empty()) check_metrics(r, metrics_of(r), out);
  return out;
}

land_metrics compute_metrics(const land_record& r) {
  if (!record_ok(r)) throw error(validate_record(r));
  land_metrics m = metrics_of(r);
  double sum = 0;  // x - x is NaN for an infinity (a metric is finite or NaN otherwise)
  for (double v : m.values) sum += v == v ? v - v : 0.0;
  if (sum != 0) {
    std::vector<problem> out;
    check_metrics(r, m, out);
    throw error(std::move(out));
  }
  return m;
}

void land_totals::add(const land_record& r) {
  std::vector<problem> problems;
  check_record(r, problems);
  if (!problems.empty()) throw error(std::move(problems));
  ++records_;
  land_ += *r.land;
  for (std::size_t i = 0; i < land_metric_count; ++i) {
    const auto& num = r.*(formulas[i].num);
    if (!num) continue;
    if (formulas[i].den == den_kind::land) {
      num_[i] += *num;
      den_land_[i] += *r.land;
      continue;
    }
    const auto& den = denominator(r, formulas[i].den);
    if (!den || !(*den > 0)) continue;  // as in compute_metrics: the record has no such ratio
    num_[i] += *num;
    den_[i] += *den;
  }
}

void land_totals::add(const land_totals& t) {
  records_ += t.records_;
  land_ += t.land_;
  for (std::size_t i = 0; i < land_metric_count; ++i) {
    num_[i] += t.num_[i];
    den_land_[i] += t.den_land_[i];
    den_[i] += t.den_[i];
  }
}

land_metrics land_totals::ratios(std::string_view name) const {
  land_metrics m;
  std::vector<problem> out;
  for (std::size_t i = 0; i < land_metric_count; ++i) {
    const bool per_mu = formulas[i].den == den_kind::land;
    if (per_mu)
      m.values[i] = den_land_[i].count() > 0 ? num_[i] / den_land_[i].mu() : nan;
    else
      m.values[i] = den_[i] > 0 ? num_[i] / den_[i] : nan;
    if (std::isfinite(num_[i]) && std::isfinite(den_[i]) && !std::isinf(m.values[i])) continue;
    // A sum that overflows, or a ratio of finite sums that does.
    std::string what;
    if (!std::isfinite(num_[i]))
      what = fmt::format("Σ {} over its records is not finite (the sum overflows)", numerator_name(i));
    else if (!per_mu && !std::isfinite(den_[i]))
      what = fmt::format("Σ {} over its records is not finite (the sum overflows)",
                         denominator_name(formulas[i].den));
    else
      what = fmt::format("Σ {} {} ÷ Σ {} {} overflows", numerator_name(i), num_[i],
                         denominator_name(formulas[i].den),
                         per_mu ? to_string(den_land_[i], area_unit::mu, {6}) : fmt::format("{}", den_[i]));
    out.push_back({errc::not_finite, std::string(name),
                   fmt::format("{} ({}) is not finite: {}", infos[i].id, infos[i].display, what)});
  }
  if (!out.empty()) throw error(std::move(out));
  return m;
}

land_metrics aggregate_metrics(const std::vector<land_record>& records) {
  land_totals t;
  std::vector<problem> problems;
  for (const auto& r : records) {
    check_record(r, problems);
    if (problems.empty()) t.add(r);
  }
  if (!problems.empty()) throw error(std::move(problems));
  return t.ratios();
}

std::vector<land_group> aggregate_by(const std::vector<land_record>& records, land_grouping by) {
  std::vector<land_group> groups;
  std::unordered_map<std::string, std::size_t> index;
  std::vector<problem> problems;
  for (const auto& r : records) {
    check_record(r, problems);
    if (!problems.empty()) continue;
    const std::string& key = by == land_grouping::park ? r.park : r.task_force;
    auto [it, inserted] = index.emplace(key, groups.size());
    if (inserted) groups.push_back({key, {}});
    groups[it->second].totals.add(r);
  }
  if (!problems.empty()) throw error(std::move(problems));
  return groups;
}

}  // namespace zoneperf
