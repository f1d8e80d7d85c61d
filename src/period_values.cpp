#include "zoneperf/period_values.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "zoneperf/text/number.hpp"

namespace zoneperf {

const char* to_string(data_basis b) noexcept {
  return b == data_basis::in_period ? "in-period" : "cumulative";
}

const char* to_string(schedule_verdict v) noexcept {
  switch (v) {
    case schedule_verdict::on_schedule:
      return "on schedule";
    case schedule_verdict::behind:
      return "behind";
    default:
      return "-";
  }
}

namespace {
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

bool first_of_year(const period& p) { return p.kind() == period_kind::year || p.number() == 1; }
}  // namespace

namespace {
// c(p) − c(p′) of every additive column into `out` (null: only the check for a falling count).
void convert(const indicator_tree& tree, const values_table& current, const period& p,
             const values_table* previous, const period_sources& sources, values_table* out) {
  if (first_of_year(p)) return;
  const period prev = p.prev();
  // The row of each unit in the previous table (-1: absent). Tables of one series usually list
  // the same units in the same order: then no ids are hashed and the rows are the same (`same`).
  const bool same = previous != nullptr && previous->units == current.units;
  std::vector<std::ptrdiff_t> prev_row(same ? 0 : current.units.size(), -1);
  if (previous != nullptr && !same) {
    std::unordered_map<std::string_view, std::ptrdiff_t> row_of;
    row_of.reserve(previous->units.size());
    for (std::size_t r = 0; r < previous->units.size(); ++r)
      row_of.emplace(previous->units[r], static_cast<std::ptrdiff_t>(r));
    for (std::size_t u = 0; u < current.units.size(); ++u) {
      auto it = row_of.find(current.units[u]);
      if (it != row_of.end()) prev_row[u] = it->second;
    }
  }
  const auto& cols = tree.columns();
  for (std::size_t c = 0; c < cols.size(); ++c) {
    const node& n = tree.node(static_cast<std::size_t>(cols[c]));
    if (n.additive == additive_kind::none) continue;
    const auto col = static_cast<std::ptrdiff_t>(c);
    for (std::size_t u = 0; u < current.units.size(); ++u) {
      const auto row = static_cast<std::ptrdiff_t>(u);
      const std::ptrdiff_t prev_r = same ? row : prev_row[u];
      if (prev_r < 0) {
        if (out != nullptr) out->values(row, col) = nan;
        continue;
      }
      const double now = current.values(row, col);
      const double before = previous->values(prev_r, col);
      if (n.additive == additive_kind::count && now < before)  // false when either is NaN
        throw error(errc::falling_count, sources.current.empty() ? p.label() : sources.current,
                    "unit \"" + current.units[u] + "\", indicator " + n.id +
                        ": the cumulative count falls from " + shortest(before) + " in " + prev.label() +
                        (sources.previous.empty() ? "" : " (" + sources.previous + ")") + " to " +
                        shortest(now) + " in " + p.label() + " (a count never falls; an amount may)");
      if (out != nullptr) out->values(row, col) = now - before;  // NaN when either is missing
    }
  }
}
}  // namespace

values_table in_period_from_cumulative(const indicator_tree& tree, const values_table& current,
                                       const period& p, const values_table* previous,
                                       const period_sources& sources) {
  values_table out = current;
  convert(tree, current, p, previous, sources, &out);
  return out;
}

void check_cumulative(const indicator_tree& tree, const values_table& current, const period& p,
                      const values_table* previous, const period_sources& sources) {
  convert(tree, current, p, previous, sources, nullptr);
}

namespace {
// The period's own targets win over scaling, cell by cell (docs/semantics.md §9).
void apply_period_targets(const targets_table& own, ytd_targets& out) {
  const Eigen::Index rows = out.period.values.rows();
  if (own.values.rows() != rows)
    throw error(errc::shape_mismatch, "period targets",
                "the period's targets have " + std::to_string(own.values.rows()) + " rows; the values have " +
                    std::to_string(rows));
  for (std::size_t k = 0; k < own.leaf_ids.size(); ++k) {
    auto it = std::find(out.period.leaf_ids.begin(), out.period.leaf_ids.end(), own.leaf_ids[k]);
    auto col = static_cast<Eigen::Index>(it - out.period.leaf_ids.begin());
    if (it == out.period.leaf_ids.end()) {  // a leaf with neither scaling nor an annual target
      out.period.leaf_ids.push_back(own.leaf_ids[k]);
      out.period.values.conservativeResize(rows, col + 1);
      out.period.values.col(col).setConstant(nan);
    }
    const bool scaled = static_cast<std::size_t>(col) < out.scaled.size();
    for (Eigen::Index u = 0; u < rows; ++u) {
      const double t = own.values(u, static_cast<Eigen::Index>(k));
      if (std::isnan(t)) continue;
      out.period.values(u, col) = t;
      if (!scaled) continue;
      if (out.given_.empty()) out.given_.assign(static_cast<std::size_t>(rows) * out.scaled.size(), 0);
      out.given_[static_cast<std::size_t>(u) * out.scaled.size() + static_cast<std::size_t>(col)] = 1;
    }
  }
}
}  // namespace

ytd_targets year_to_date_targets(const indicator_tree& tree, std::size_t units, const targets_table* annual,
                                 const ytd_options& options) {
  ytd_targets out;
  year_to_date_targets(tree, units, annual, options, out);
  return out;
}

void year_to_date_targets(const indicator_tree& tree, std::size_t units, const targets_table* annual,
                          const ytd_options& options, ytd_targets& out) {
  out.scaled.clear();
  out.annual.leaf_ids.clear();
  out.period.leaf_ids.clear();
  out.given_.clear();
  out.fraction = options.point.fraction(options.policy);
  if (options.basis == data_basis::in_period) out.fraction.k = 1;
  for (int c : tree.columns()) {
    const node& n = tree.node(static_cast<std::size_t>(c));
    const bool scaled_rule = n.rule.kind == rule_kind::completion || n.rule.kind == rule_kind::banded ||
                             n.rule.kind == rule_kind::threshold;
    if (n.kind == node_kind::leaf && n.additive != additive_kind::none && scaled_rule)
      out.scaled.push_back(c);
  }
  const auto rows = static_cast<Eigen::Index>(units);
  const auto given = [&](const std::string& id) -> std::ptrdiff_t {
    if (annual == nullptr) return -1;
    auto it = std::find(annual->leaf_ids.begin(), annual->leaf_ids.end(), id);
    return it == annual->leaf_ids.end() ? -1 : it - annual->leaf_ids.begin();
  };
  // The given columns of leaves that are not scaled pass through unchanged.
  std::vector<std::ptrdiff_t> kept;
  if (annual != nullptr)
    for (std::size_t k = 0; k < annual->leaf_ids.size(); ++k) {
      const std::size_t i = tree.index_of(annual->leaf_ids[k]);
      if (std::find(out.scaled.begin(), out.scaled.end(), static_cast<int>(i)) == out.scaled.end())
        kept.push_back(static_cast<std::ptrdiff_t>(k));
    }
  out.annual.values.resize(rows, static_cast<Eigen::Index>(out.scaled.size()));
  out.period.values.resize(rows, static_cast<Eigen::Index>(out.scaled.size() + kept.size()));
  for (std::size_t s = 0; s < out.scaled.size(); ++s) {
    const node& n = tree.node(static_cast<std::size_t>(out.scaled[s]));
    out.annual.leaf_ids.push_back(n.id);
    out.period.leaf_ids.push_back(n.id);
    const std::ptrdiff_t g = given(n.id);
    const auto col = static_cast<Eigen::Index>(s);
    for (Eigen::Index u = 0; u < rows; ++u) {
      double t = g >= 0 ? annual->values(u, g) : nan;
      if (std::isnan(t)) t = n.target ? *n.target : nan;
      out.annual.values(u, col) = t;
      out.period.values(u, col) = period_target(t, out.fraction);  // NaN stays NaN: the engine names it
    }
  }
  for (std::size_t k = 0; k < kept.size(); ++k) {
    out.period.leaf_ids.push_back(annual->leaf_ids[static_cast<std::size_t>(kept[k])]);
    out.period.values.col(static_cast<Eigen::Index>(out.scaled.size() + k)) = annual->values.col(kept[k]);
  }
  if (options.period_targets != nullptr) apply_period_targets(*options.period_targets, out);
}

schedule_verdict schedule_of(const leaf_explanation& leaf, const ytd_targets& targets) {
  if (std::find(targets.scaled.begin(), targets.scaled.end(), leaf.node) == targets.scaled.end())
    return schedule_verdict::none;
  if (leaf.missing || std::isnan(leaf.ratio)) return schedule_verdict::none;
  return leaf.ratio >= 1 ? schedule_verdict::on_schedule : schedule_verdict::behind;
}

}  // namespace zoneperf
