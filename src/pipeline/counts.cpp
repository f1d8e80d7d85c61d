#include "zoneperf/pipeline/counts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <unordered_map>

#include "registry_impl.hpp"
#include "zoneperf/text/number.hpp"

namespace zoneperf {
namespace {
constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr std::int64_t yi_minor = 100'000'000LL * 100;  // fen in 1 亿元 (also cents in 1 亿美元)
constexpr std::int64_t wan_minor = 1'000'000LL;         // fen in 1 万

void add_into(unit_counts& to, const unit_counts& from) {
  for (std::size_t s = 0; s < stage_count; ++s) {
    to.entered[s] += from.entered[s];
    to.active[s] += from.active[s];
  }
  to.signed_investment += from.signed_investment;
  to.foreign_capital += from.foreign_capital;
  to.key_projects += from.key_projects;
  to.key_started += from.key_started;
  to.top500_landed += from.top500_landed;
  to.chain_signed += from.chain_signed;
  to.major_signed += from.major_signed;
  to.landed_fixed_asset_investment += from.landed_fixed_asset_investment;
  to.landed_tax += from.landed_tax;
  to.landed_land += from.landed_land;
}

/// Counts over sorted, non-overlapping periods in one pass.
std::vector<period_counts> count_periods(const registry& r, const std::vector<period>& ps,
                                         const count_options& options) {
  const std::size_t n = ps.size();
  const std::size_t tfs = r.task_forces().size();
  std::vector<date> firsts(n), ends(n);
  for (std::size_t k = 0; k < n; ++k) {
    firsts[k] = ps[k].first();
    ends[k] = options.as_of && *options.as_of < ps[k].last() ? *options.as_of : ps[k].last();
  }
  // The period whose entry window [first, end] holds d, or n.
  auto entry_of = [&](date d) -> std::size_t {
    const auto it = std::upper_bound(firsts.begin(), firsts.end(), d);
    if (it == firsts.begin()) return n;
    const std::size_t k = static_cast<std::size_t>(it - firsts.begin()) - 1;
    return d <= ends[k] ? k : n;
  };
  // The first period whose state date is on or after d.
  auto state_from = [&](date d) -> std::size_t {
    return static_cast<std::size_t>(std::lower_bound(ends.begin(), ends.end(), d) - ends.begin());
  };

  std::vector<period_counts> out(n);
  for (std::size_t k = 0; k < n; ++k) {
    out[k].p = ps[k];
    out[k].as_of = ends[k];
    out[k].task_forces.resize(tfs);
    for (std::size_t t = 0; t < tfs; ++t) out[k].task_forces[t].unit = r.task_forces()[t];
    out[k].zone.unit = "zone";
  }
  // Difference arrays for state counts: [task force][slot][period + 1]; slots are the stages,
  // then key projects, then started key projects.
  constexpr std::size_t slots = stage_count + 2;
  std::vector<std::int64_t> diff(tfs * slots * (n + 1), 0);
  auto span = [&](std::size_t t, std::size_t slot, std::size_t from, std::size_t to) {
    if (from >= to) return;
    diff[(t * slots + slot) * (n + 1) + from] += 1;
    diff[(t * slots + slot) * (n + 1) + to] -= 1;
  };

  std::unordered_map<std::string_view, std::size_t> tf_index;
  for (std::size_t t = 0; t < tfs; ++t) tf_index.emplace(r.task_forces()[t], t);

  for (const auto& p : r.internals().projects) {
    const std::size_t t = tf_index.at(p.task_force);
    // history
    for (std::size_t s = 0; s < stage_count; ++s) {
      if (!p.dates[s]) continue;
      const std::size_t k = entry_of(*p.dates[s]);
      if (k == n) continue;
      unit_counts& c = out[k].task_forces[t];
      ++c.entered[s];
      if (s == index(stage::signed_)) {
        c.signed_investment += p.total_investment;
        if (p.chain_project) ++c.chain_signed;
        if (p.total_investment >= cny_money::from_yi(10)) ++c.major_signed;
      } else if (s == index(stage::landed)) {
        c.foreign_capital += p.foreign_capital;
        if (p.top500) ++c.top500_landed;
        c.landed_fixed_asset_investment += p.fixed_asset_investment;
        c.landed_tax += p.annual_tax;
        c.landed_land += p.land;
        if (!(p.land > area())) out[k].no_land.push_back({p.id, *p.dates[s]});
      }
    }
    // state: each reached stage holds until the next one (or clearing) begins
    const std::size_t cleared_from =
        p.dates[index(stage::cleared)] ? state_from(*p.dates[index(stage::cleared)]) : n;
    std::size_t prev_slot = stage_count, prev_from = 0;
    for (std::size_t s = 0; s < progress_stages && p.dates[s]; ++s) {
      const std::size_t from = state_from(*p.dates[s]);
      if (prev_slot != stage_count) span(t, prev_slot, prev_from, std::min(from, cleared_from));
      prev_slot = s;
      prev_from = from;
    }
    if (prev_slot != stage_count) span(t, prev_slot, prev_from, cleared_from);
    span(t, index(stage::cleared), cleared_from, n);
    if (p.key_project && p.dates[0]) {
      span(t, stage_count, state_from(*p.dates[0]), cleared_from);
      if (const auto& started = p.dates[index(stage::started)])
        span(t, stage_count + 1, state_from(*started), cleared_from);
    }
  }
  for (std::size_t t = 0; t < tfs; ++t)
    for (std::size_t slot = 0; slot < slots; ++slot) {
      std::int64_t run = 0;
      for (std::size_t k = 0; k < n; ++k) {
        run += diff[(t * slots + slot) * (n + 1) + k];
        unit_counts& c = out[k].task_forces[t];
        if (slot < stage_count)
          c.active[slot] = run;
        else if (slot == stage_count)
          c.key_projects = run;
        else
          c.key_started = run;
      }
    }
  for (auto& pc : out)
    for (const auto& c : pc.task_forces) add_into(pc.zone, c);
  return out;
}

/// An amount in 亿 or 万 of its currency, for the scorecard (one rounding).
template <class C>
double to_yi(money<C> m) {
  return static_cast<double>(m.fen()) / static_cast<double>(yi_minor);
}
template <class C>
double to_wan(money<C> m) {
  return static_cast<double>(m.fen()) / static_cast<double>(wan_minor);
}

/// fmt's shortest round-trip text, NaN as an empty cell. Not zoneperf::shortest (text/number.hpp):
/// that one is std::to_chars's, which writes 100000 as "1e+05"; both read back to the same double,
/// but the tables and messages written so far keep this form.
std::string number_cell(double v) { return std::isnan(v) ? std::string() : fmt::format("{}", v); }
}  // namespace

const unit_counts& period_counts::unit(std::string_view id) const {
  if (id == "zone") return zone;
  for (const auto& c : task_forces)
    if (c.unit == id) return c;
  throw error(errc::unregistered_task_force, std::string(id), "unknown task force");
}

period_counts count(const registry& r, const period& p, const count_options& options) {
  return count_periods(r, {p}, options).front();
}

std::vector<period_counts> count_each(const registry& r, period_kind kind, const period& outer,
                                      const count_options& options) {
  return count_periods(r, periods_within(kind, outer), options);
}

const char* to_string(measure m) noexcept {
  switch (m) {
    case measure::signed_investment:
      return "signed_investment";
    case measure::foreign_capital:
      return "foreign_capital";
    case measure::key_projects:
      return "key_projects";
    case measure::key_started:
      return "key_started";
    default:
      return to_string(static_cast<stage>(static_cast<int>(m)));
  }
}

std::vector<measure> all_measures() {
  std::vector<measure> out;
  for (int m = 0; m <= static_cast<int>(measure::key_started); ++m) out.push_back(static_cast<measure>(m));
  return out;
}

double value(const unit_counts& c, measure m) {
  switch (m) {
    case measure::signed_investment:
      return to_yi(c.signed_investment);
    case measure::foreign_capital:
      return to_wan(c.foreign_capital);
    case measure::key_projects:
      return static_cast<double>(c.key_projects);
    case measure::key_started:
      return static_cast<double>(c.key_started);
    default:
      return static_cast<double>(c.entered[static_cast<std::size_t>(m)]);
  }
}

std::optional<double> growth(double current, double base) {
  if (base == 0) return std::nullopt;
  return (current - base) / base;
}

std::string format_growth(const std::optional<double>& g, int decimals) {
  if (!g) return "no base";
  return fmt::format("{:+.{}f} %", *g * 100, decimals);
}

std::vector<funnel_step> funnel(const unit_counts& c) {
  std::vector<funnel_step> out;
  for (stage s : {stage::contacted, stage::reviewed, stage::signed_, stage::landed}) {
    funnel_step f{s, c.entered_count(s), std::nullopt};
    if (!out.empty() && out.back().count != 0)
      f.conversion = static_cast<double>(f.count) / static_cast<double>(out.back().count);
    out.push_back(f);
  }
  return out;
}

// ---- leaf tables ----------------------------------------------------------------------------

std::optional<std::size_t> leaf_table::column_index(std::string_view id) const {
  for (std::size_t c = 0; c < columns.size(); ++c)
    if (columns[c] == id) return c;
  return std::nullopt;
}

std::optional<std::size_t> leaf_table::unit_index(std::string_view id) const {
  for (std::size_t u = 0; u < units.size(); ++u)
    if (units[u] == id) return u;
  return std::nullopt;
}

std::string leaf_table::to_csv() const {
  std::string out = "unit";
  for (const auto& c : columns) out += "," + csv_field(c, csv_for::reading_back);
  out += '\n';
  for (std::size_t u = 0; u < units.size(); ++u) {
    out += csv_field(units[u], csv_for::reading_back);
    for (std::size_t c = 0; c < columns.size(); ++c) out += "," + number_cell(at(u, c));
    out += '\n';
  }
  return out;
}

const std::vector<std::string>& project_leaf_ids() {
  static const std::vector<std::string> ids = {
      "intent_projects",        "signed_projects",    "signed_investment", "landed_projects",
      "key_project_start_rate", "producing_projects", "foreign_capital",   "top500_projects",
      "chain_projects",         "investment_per_mu",  "tax_per_mu"};
  return ids;
}

namespace {
// Per-mu figures need the land of every landed project (docs/semantics.md §3: an error, not an
// infinity, nor investment and tax counted without their land).
void check_landed_land(const period_counts& c) {
  if (c.no_land.empty()) return;
  std::vector<problem> out;
  for (const auto& q : c.no_land)
    out.push_back({errc::no_land_area, q.project,
                   "landed on " + to_string(q.landed) + " without land area: per-mu figures need it"});
  throw error(std::move(out));
}
}  // namespace

per_mu zone_per_mu(const period_counts& c) {
  check_landed_land(c);
  const auto& z = c.zone;
  if (z.landed_land <= area()) return {nan, nan};
  return {to_wan(z.landed_fixed_asset_investment) / z.landed_land.mu(),
          to_wan(z.landed_tax) / z.landed_land.mu()};
}

leaf_table export_project_leaves(const registry& r, const period& p, const count_options& options) {
  const period_counts c = count(r, p, options);
  check_landed_land(c);

  leaf_table t;
  t.columns = project_leaf_ids();
  for (const auto& u : c.task_forces) {
    t.units.push_back(u.unit);
    const double rate = u.key_projects == 0 ? nan
                                            : 100.0 * static_cast<double>(u.key_started) /
                                                  static_cast<double>(u.key_projects);
    const bool landed = u.landed_land > area();
    const double row[] = {static_cast<double>(u.entered_count(stage::intent)),
                          static_cast<double>(u.entered_count(stage::signed_)),
                          to_yi(u.signed_investment),
                          static_cast<double>(u.entered_count(stage::landed)),
                          rate,
                          static_cast<double>(u.entered_count(stage::producing)),
                          to_wan(u.foreign_capital),
                          static_cast<double>(u.top500_landed),
                          static_cast<double>(u.chain_signed),
                          landed ? to_wan(u.landed_fixed_asset_investment) / u.landed_land.mu() : nan,
                          landed ? to_wan(u.landed_tax) / u.landed_land.mu() : nan};
    t.values.insert(t.values.end(), std::begin(row), std::end(row));
  }
  return t;
}

leaf_table read_leaf_table(const cell_table& csv) {
  std::vector<problem> out;
  leaf_table t;
  if (csv.header.empty() || csv.header[0] != "unit")
    throw error(errc::missing_column, csv.header_where(0), "the first column must be 'unit'");
  for (std::size_t c = 1; c < csv.header.size(); ++c) {
    if (std::find(t.columns.begin(), t.columns.end(), csv.header[c]) != t.columns.end())
      out.push_back(
          {errc::duplicate_column, csv.header_where(c), "column '" + csv.header[c] + "' given twice"});
    t.columns.push_back(csv.header[c]);
  }
  for (std::size_t row = 0; row < csv.rows(); ++row) {
    const auto cells = csv.row(row);
    if (cells[0].empty())
      out.push_back({errc::duplicate_unit, csv.where(row, 0), "empty unit id"});
    else if (t.unit_index(cells[0]))
      out.push_back(
          {errc::duplicate_unit, csv.where(row, 0), "unit '" + std::string(cells[0]) + "' given twice"});
    t.units.emplace_back(cells[0]);
    for (std::size_t c = 1; c < cells.size(); ++c) {
      double v = nan;
      try {
        if (auto x = parse_number(cells[c], csv.where(row, c))) v = *x;
      } catch (const error& e) {
        out.insert(out.end(), e.problems().begin(), e.problems().end());
      }
      t.values.push_back(v);
      t.where.push_back(csv.where(row, c));
    }
  }
  if (!out.empty()) throw error(std::move(out));
  return t;
}

leaf_table merge_leaves(const leaf_table& from_registry, const leaf_table& other,
                        const std::vector<std::string>& columns) {
  std::vector<problem> out;
  leaf_table m;
  m.units = from_registry.units;
  m.columns = columns;
  m.values.assign(m.units.size() * columns.size(), nan);
  std::vector<std::optional<std::size_t>> reg_col(columns.size()), other_col(columns.size());
  for (const auto& c : from_registry.columns)
    if (std::find(columns.begin(), columns.end(), c) == columns.end())
      out.push_back({errc::unknown_column, c, "the registry's column is not a column of the scorecard"});
  for (const auto& c : other.columns)
    if (std::find(columns.begin(), columns.end(), c) == columns.end())
      out.push_back({errc::unknown_column, c, "not a column of the scorecard"});
  for (const auto& u : other.units)
    if (!from_registry.unit_index(u))
      out.push_back({errc::unknown_unit, u, "not a task force of the registry"});
  for (std::size_t c = 0; c < columns.size(); ++c) {
    reg_col[c] = from_registry.column_index(columns[c]);
    other_col[c] = other.column_index(columns[c]);
  }
  for (std::size_t u = 0; u < m.units.size(); ++u) {
    const auto ou = other.unit_index(m.units[u]);
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const double a = reg_col[c] ? from_registry.at(u, *reg_col[c]) : nan;
      const double b = ou && other_col[c] ? other.at(*ou, *other_col[c]) : nan;
      if (!std::isnan(a) && !std::isnan(b)) {
        std::string place = "the other table";
        if (!other.where.empty()) place = other.where[*ou * other.columns.size() + *other_col[c]];
        out.push_back(
            {errc::value_given_twice, m.units[u] + "/" + columns[c],
             "given by the registry (" + number_cell(a) + ") and by " + place + " (" + number_cell(b) + ")"});
      }
      m.values[u * columns.size() + c] = std::isnan(a) ? b : a;
    }
  }
  if (!out.empty()) throw error(std::move(out));
  return m;
}

values_table scorecard_values(const registry& r, const period& p, const leaf_table& other,
                              const indicator_tree& tree, const count_options& options) {
  std::vector<std::string> columns;
  for (int c : tree.columns()) columns.push_back(tree.node(static_cast<std::size_t>(c)).id);
  const leaf_table m = merge_leaves(export_project_leaves(r, p, options), other, columns);
  values_table out;
  out.units = m.units;
  out.values.resize(static_cast<Eigen::Index>(m.units.size()), static_cast<Eigen::Index>(columns.size()));
  for (std::size_t u = 0; u < m.units.size(); ++u)
    for (std::size_t c = 0; c < columns.size(); ++c)
      out.values(static_cast<Eigen::Index>(u), static_cast<Eigen::Index>(c)) = m.at(u, c);
  return out;
}

}  // namespace zoneperf
