#include "zoneperf/series.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <unordered_map>

#include "detail/series_scratch.hpp"
#include "zoneperf/errc.hpp"

namespace zoneperf {

namespace {
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

bool last_of_year(const period& p) { return p.next().label_year() != p.label_year(); }
bool first_of_year(const period& p) { return p.prev().label_year() != p.label_year(); }

std::string name_of(const period_table& t) { return t.source.empty() ? t.p.label() : t.source; }

// Running sums within the year: the additive columns of `current` plus those of the previous
// period's cumulative table (matched by unit id); the year's first period is itself; a missing
// previous period makes the additive values missing.
values_table cumulative_from_in_period(const indicator_tree& tree, const values_table& current,
                                       const period& p, const values_table* previous_cumulative) {
  values_table out = current;
  if (first_of_year(p)) return out;
  // Each unit's row in the previous table: the same row when both list the same units in the
  // same order (no ids hashed), -1 when it has none.
  std::vector<std::ptrdiff_t> prev_row(current.units.size(), -1);
  if (previous_cumulative != nullptr && previous_cumulative->units == current.units) {
    std::iota(prev_row.begin(), prev_row.end(), std::ptrdiff_t{0});
  } else if (previous_cumulative != nullptr) {
    std::unordered_map<std::string_view, std::ptrdiff_t> row_of;
    for (std::size_t r = 0; r < previous_cumulative->units.size(); ++r)
      row_of.emplace(previous_cumulative->units[r], static_cast<std::ptrdiff_t>(r));
    for (std::size_t u = 0; u < current.units.size(); ++u) {
      auto it = row_of.find(current.units[u]);
      if (it != row_of.end()) prev_row[u] = it->second;
    }
  }
  const auto& cols = tree.columns();
  for (std::size_t c = 0; c < cols.size(); ++c) {
    if (tree.node(static_cast<std::size_t>(cols[c])).additive == additive_kind::none) continue;
    const auto col = static_cast<std::ptrdiff_t>(c);
    for (std::size_t u = 0; u < current.units.size(); ++u) {
      const auto row = static_cast<std::ptrdiff_t>(u);
      out.values(row, col) =
          prev_row[u] < 0 ? nan : current.values(row, col) + previous_cumulative->values(prev_row[u], col);
    }
  }
  return out;
}

// The annual targets' rows of one period's units (rows: unit -> row, or identity when empty).
targets_table targets_for(const targets_table& annual, const std::vector<std::ptrdiff_t>& rows,
                          std::size_t period_units) {
  targets_table t;
  t.leaf_ids = annual.leaf_ids;
  t.values.resize(static_cast<Eigen::Index>(period_units), annual.values.cols());
  for (std::size_t u = 0; u < rows.size(); ++u)
    if (rows[u] >= 0) t.values.row(rows[u]) = annual.values.row(static_cast<Eigen::Index>(u));
  return t;
}

// Whether every scaled target t_p equals its annual t (both missing counts as equal).
bool scaled_as_annual(const ytd_targets& ytd) {
  const auto& t = ytd.annual.values;
  const auto& tp = ytd.period.values;
  for (Eigen::Index c = 0; c < t.cols(); ++c)
    for (Eigen::Index u = 0; u < t.rows(); ++u)
      if (!(tp(u, c) == t(u, c) || (std::isnan(tp(u, c)) && std::isnan(t(u, c))))) return false;
  return true;
}

// One period's assessment into `out`; `ytd` is storage reused from period to period.
void score(const indicator_tree& tree, const values_table& v, const targets_table* annual,
           const targets_table* own, const std::vector<std::ptrdiff_t>& rows, const as_of& point,
           data_basis basis, int threads, bool check_ids, ytd_targets& ytd, assessment& out) {
  targets_table gathered;
  const targets_table* a = annual;
  if (annual != nullptr && !rows.empty()) {
    gathered = targets_for(*annual, rows, v.units.size());
    a = &gathered;
  }
  ytd_options yo;
  yo.point = point;
  yo.basis = basis;
  yo.period_targets = own;
  year_to_date_targets(tree, v.units.size(), a, yo, ytd);
  const target_table view = ytd.period.view();
  assess_options o;
  o.unit_ids = &v.units;
  o.keep = node_scores::groups;
  o.threads = threads;
  o.check_unit_ids = check_ids;
  assess(tree, v.values, &view, out, o);
}
}  // namespace

const char* to_string(series_reduction r) noexcept {
  switch (r) {
    case series_reduction::last:
      return "last";
    case series_reduction::mean:
      return "mean";
    default:
      return "fold";
  }
}

std::vector<std::string> series_units(const std::vector<period_table>& tables) {
  std::vector<std::size_t> order(tables.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return tables[a].p < tables[b].p; });
  if (order.empty()) return {};
  // Usually every period lists the same units: then no ids are hashed.
  const auto& first = tables[order[0]].values.units;
  if (std::all_of(order.begin(), order.end(), [&](std::size_t i) { return tables[i].values.units == first; }))
    return first;
  std::vector<std::string> units;
  std::unordered_map<std::string_view, std::size_t> seen;
  for (std::size_t i : order)
    for (const auto& u : tables[i].values.units)
      if (seen.emplace(u, units.size()).second) units.push_back(u);
  return units;
}

assessment_series assess_series(const indicator_tree& tree, const std::vector<period_table>& tables,
                                const targets_table* annual, const series_options& options) {
  if (tables.empty()) throw error(errc::bad_period, "series", "a series needs at least one period");
  std::vector<std::size_t> order(tables.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return tables[a].p < tables[b].p; });
  const period_kind kind = tables[order[0]].p.kind();
  for (std::size_t i = 0; i < order.size(); ++i) {
    const period_table& t = tables[order[i]];
    if (t.p.kind() == period_kind::week || t.p.kind() != kind)
      throw error(errc::mixed_periods, name_of(t),
                  "period " + t.p.label() + " is a " + to_string(t.p.kind()) +
                      "; a series holds months, quarters, " + "half-years or years, all of one kind (" +
                      tables[order[0]].p.label() + " is a " + to_string(kind) + ")");
    if (i > 0 && tables[order[i - 1]].p == t.p)
      throw error(errc::duplicate_period, name_of(t),
                  "period " + t.p.label() + " is given twice: " + name_of(tables[order[i - 1]]) + " and " +
                      name_of(t));
  }

  assessment_series s;
  s.units_ = series_units(tables);
  std::unordered_map<std::string_view, std::size_t> unit_index;  // built only when a table needs it
  if (annual != nullptr && static_cast<std::size_t>(annual->values.rows()) != s.units_.size())
    throw error(errc::bad_value, "targets",
                "the annual targets have " + std::to_string(annual->values.rows()) +
                    " rows; the series has " + std::to_string(s.units_.size()) + " units");

  for (std::size_t i : order) s.periods_.push_back(tables[i].p);
  // Each period's rows; identity (empty) when its table lists every unit in units() order.
  for (std::size_t i = 0; i < order.size(); ++i) {
    const period_table& t = tables[order[i]];
    if (t.values.units == s.units_) {
      s.rows_.emplace_back();
      continue;
    }
    if (unit_index.empty())
      for (std::size_t u = 0; u < s.units_.size(); ++u) unit_index.emplace(s.units_[u], u);
    std::vector<std::ptrdiff_t> rows(s.units_.size(), -1);
    bool identity = t.values.units.size() == s.units_.size();
    for (std::size_t r = 0; r < t.values.units.size(); ++r) {
      const std::size_t u = unit_index.at(t.values.units[r]);
      rows[u] = static_cast<std::ptrdiff_t>(r);
      identity = identity && u == r;
    }
    if (!options.allow_gaps)
      for (std::size_t u = 0; u < rows.size(); ++u)
        if (rows[u] < 0) {
          const period_table* has = nullptr;
          for (std::size_t j : order)
            if (std::find(tables[j].values.units.begin(), tables[j].values.units.end(), s.units_[u]) !=
                tables[j].values.units.end()) {
              has = &tables[j];
              break;
            }
          throw error(errc::unit_gap, name_of(t),
                      "unit \"" + s.units_[u] + "\" is in " + has->p.label() +
                          (has->source.empty() ? "" : " (" + has->source + ")") + " but not in " +
                          t.p.label() + " (give --allow-gaps to score it as absent there)");
        }
    if (identity) rows.clear();
    s.rows_.push_back(std::move(rows));
  }

  // Score each period on the scoring basis, converting from the data's basis (§9).
  values_table cumulative;              // the previous period's cumulative values when the data is in-period
  std::optional<period> cumulative_of;  // the period `cumulative` belongs to
  // Ids given twice are looked for once in the unit list the periods share (usually every period's),
  // and in each period that lists other units.
  bool shared_checked = false;
  ytd_targets ytd;
  s.assessments_.reserve(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    const period_table& t = tables[order[i]];
    const period& p = t.p;
    const std::ptrdiff_t j = s.index_of(p.prev());
    const values_table* prev = j >= 0 ? &tables[order[static_cast<std::size_t>(j)]].values : nullptr;
    values_table in_period;
    const values_table* cum = &t.values;
    if (options.data == data_basis::cumulative) {
      // Converted, or at least checked: a cumulative count that falls is 707 on either basis.
      const period_sources sources{name_of(t), j >= 0 ? name_of(tables[order[std::size_t(j)]]) : ""};
      if (options.basis == data_basis::in_period)
        in_period = in_period_from_cumulative(tree, t.values, p, prev, sources);
      else
        check_cumulative(tree, t.values, p, prev, sources);
    } else {
      const bool chained = j >= 0 && cumulative_of && *cumulative_of == p.prev();
      cumulative = cumulative_from_in_period(tree, t.values, p, chained ? &cumulative : nullptr);
      cumulative_of = p;
      cum = &cumulative;
    }
    const values_table& scored = options.basis == data_basis::cumulative
                                     ? *cum
                                     : (options.data == data_basis::cumulative ? in_period : t.values);
    const targets_table* own = t.targets ? &*t.targets : nullptr;
    const bool check_ids = !s.rows_[i].empty() || !shared_checked;
    shared_checked = shared_checked || s.rows_[i].empty();
    assessment& a = s.assessments_.emplace_back();
    if (i > 0) detail::pass_rank_scratch(s.assessments_[i - 1], a);  // the sort is scratch
    score(tree, scored, annual, own, s.rows_[i], as_of(p), options.basis, std::max(1, options.threads),
          check_ids, ytd, a);
    if (last_of_year(p)) {
      // The year-end total: cumulative values against the annual targets (k/n = 1/1). The last
      // period's own assessment is that one when it scored the cumulative values against targets
      // equal to the annual ones, as (t × n) / n usually is: then it is not scored twice.
      std::optional<assessment> again;
      if (options.basis != data_basis::cumulative || t.targets || !scaled_as_annual(ytd)) {
        again.emplace();
        score(tree, *cum, annual, nullptr, s.rows_[i], as_of(period::year(p.label_year())),
              data_basis::cumulative, std::max(1, options.threads), false, ytd, *again);
      }
      const assessment& year_end = again ? *again : a;
      std::vector<double> totals(s.units_.size(), nan);
      for (std::size_t u = 0; u < s.units_.size(); ++u) {
        const std::ptrdiff_t r = s.row(u, i);
        if (r >= 0) totals[u] = year_end.total(r);
      }
      s.year_end_.emplace_back(p.label_year(), std::move(totals));
    }
  }
  return s;
}

std::ptrdiff_t assessment_series::index_of(const period& p) const {
  auto it = std::lower_bound(periods_.begin(), periods_.end(), p);
  return it != periods_.end() && *it == p ? it - periods_.begin() : -1;
}

std::optional<double> assessment_series::total(std::size_t unit, std::size_t p) const {
  const std::ptrdiff_t r = row(unit, p);
  if (r < 0) return std::nullopt;
  return assessments_[p].total(r);
}

int assessment_series::rank(std::size_t unit, std::size_t p) const {
  const std::ptrdiff_t r = row(unit, p);
  return r < 0 ? 0 : assessments_[p].rank(r);
}

std::optional<double> assessment_series::delta_score(std::size_t unit, std::size_t p) const {
  const std::ptrdiff_t q = index_of(periods_.at(p).prev());
  if (q < 0) return std::nullopt;
  const auto now = total(unit, p), before = total(unit, static_cast<std::size_t>(q));
  if (!now || !before) return std::nullopt;
  return *now - *before;
}

std::optional<int> assessment_series::delta_rank(std::size_t unit, std::size_t p) const {
  const std::ptrdiff_t q = index_of(periods_.at(p).prev());
  if (q < 0) return std::nullopt;
  const int now = rank(unit, p), before = rank(unit, static_cast<std::size_t>(q));
  if (now == 0 || before == 0) return std::nullopt;
  return before - now;
}

year_on_year assessment_series::yoy(std::size_t unit, std::size_t p) const {
  const std::ptrdiff_t q = index_of(periods_.at(p).same_period_last_year());
  year_on_year y;
  if (q < 0) return y;
  const auto now = total(unit, p), before = total(unit, static_cast<std::size_t>(q));
  if (!now || !before) return y;
  if (*before == 0) {
    y.kind = year_on_year::state::no_base;
    return y;
  }
  y.kind = year_on_year::state::value;
  y.value = (*now - *before) / *before;
  return y;
}

std::optional<double> assessment_series::year_end_total(std::size_t unit, int year) const {
  for (const auto& [y, totals] : year_end_)
    if (y == year) {
      const double t = totals.at(unit);
      if (std::isnan(t)) return std::nullopt;
      return t;
    }
  return std::nullopt;
}

std::vector<std::optional<double>> reduce_year(const assessment_series& s, int year, series_reduction how,
                                               const fold_options& fold) {
  std::vector<std::size_t> in_year;
  for (std::size_t p = 0; p < s.periods().size(); ++p)
    if (s.periods()[p].label_year() == year) in_year.push_back(p);
  if (in_year.empty())
    throw error(errc::bad_period, std::to_string(year),
                "the series has no period in " + std::to_string(year));
  std::vector<std::optional<double>> out(s.units().size());
  for (std::size_t u = 0; u < s.units().size(); ++u) {
    if (how == series_reduction::last) {
      out[u] = s.total(u, in_year.back());
    } else if (how == series_reduction::mean) {
      double sum = 0;
      int n = 0;
      for (std::size_t p : in_year)
        if (auto t = s.total(u, p)) sum += *t, ++n;
      if (n > 0) out[u] = sum / n;
    } else {
      const period_kind kind = s.periods()[in_year[0]].kind();
      if (kind != period_kind::month && kind != period_kind::quarter)
        throw error(errc::missing_quarter, std::to_string(year),
                    "the annual fold needs quarter-end totals: a series of months or quarters, not " +
                        std::string(to_string(kind)) + "s");
      std::array<std::optional<double>, 4> quarters;
      for (int q = 1; q <= 4; ++q) {
        const period end =
            kind == period_kind::quarter ? period::quarter(year, q) : period::month(year, 3 * q);
        const std::ptrdiff_t i = s.index_of(end);
        if (i >= 0) quarters[static_cast<std::size_t>(q - 1)] = s.total(u, static_cast<std::size_t>(i));
      }
      const auto year_end = s.year_end_total(u, year);
      if (!year_end)
        throw error(
            errc::missing_quarter, s.units()[u],
            "the annual fold of " + std::to_string(year) + " needs the year-end total: no " +
                (kind == period_kind::quarter ? period::quarter(year, 4) : period::month(year, 12)).label() +
                " for unit \"" + s.units()[u] + "\"");
      out[u] = fold_annual(quarters, *year_end, fold, s.units()[u]);
    }
  }
  return out;
}

}  // namespace zoneperf
