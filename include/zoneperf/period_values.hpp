#pragma once
/// Values over the periods of a year: cumulative and in-period tables, year-to-date targets
/// (序时进度) and the on-schedule verdict (docs/semantics.md §9). Floor 3 (engine): it works on
/// the engine's values and targets tables; the period arithmetic itself is period.hpp's.
///
/// Synopsis
///   enum class data_basis { cumulative, in_period };
///   values_table in_period_from_cumulative(tree, current, p, previous, sources);   // c(p) − c(p′)
///   void check_cumulative(tree, current, p, previous, sources);                     // 707 only
///   struct ytd_options { as_of point; schedule_policy policy; data_basis basis; };
///   struct ytd_targets;          // t and t_p of every scaled leaf, per unit
///   ytd_targets year_to_date_targets(tree, units, annual_targets, options);
///   enum class schedule_verdict { none, on_schedule, behind };
///   schedule_verdict schedule_of(const leaf_explanation&, const ytd_targets&);
#include <cstddef>
#include <string>
#include <vector>

#include "zoneperf/assess.hpp"
#include "zoneperf/period.hpp"

namespace zoneperf {

/// What a values table holds for its period p: figures since the year's start (1–7月累计) or for
/// p alone.
enum class data_basis { cumulative, in_period };
const char* to_string(data_basis) noexcept;

/// The file names used in messages.
struct period_sources {
  std::string current;   ///< the table of p
  std::string previous;  ///< the table of p′
};

/// In-period values of period p from cumulative tables. Each additive column becomes
/// c(p) − c(p′), p′ = p.prev() (units matched by id); at the year's first period (January, Q1, H1,
/// the year) c(p) itself; when `previous` is null or lacks the unit, the value is missing (NaN,
/// the leaf's missing policy applies); a missing c(p) or c(p′) gives a missing value. A count
/// that falls is error 707 naming the file, unit, indicator, p′ and p; an amount may fall (a
/// revision). Other columns are copied as they are.
values_table in_period_from_cumulative(const indicator_tree& tree, const values_table& current,
                                       const period& p, const values_table* previous,
                                       const period_sources& sources = {});

/// What in_period_from_cumulative checks (a cumulative count that falls: 707), without building
/// the in-period table.
void check_cumulative(const indicator_tree& tree, const values_table& current, const period& p,
                      const values_table* previous, const period_sources& sources = {});

/// A year-to-date assessment: where in the year, how a date is placed, and what the data holds.
struct ytd_options {
  as_of point = as_of(period::year(2000));
  schedule_policy policy = schedule_policy::months;
  /// cumulative: scored against (t × k) / n; in_period: the period alone against (t × 1) / n.
  data_basis basis = data_basis::cumulative;
  /// The period's own targets (rows in the values table's order; may be null): a cell given wins
  /// over scaling, for any target-using leaf; an empty (NaN) cell leaves the leaf as without it.
  const targets_table* period_targets = nullptr;
};

/// The targets of a year-to-date assessment. The scaled leaves are the additive completion,
/// banded and threshold leaves; every other target-using leaf keeps its annual target.
struct ytd_targets {
  schedule_fraction fraction;  ///< k/n (k = 1 for in-period data)
  std::vector<int> scaled;     ///< tree indices of the scaled leaves, in column order
  targets_table annual;        ///< t per unit, one column per scaled leaf (NaN: the leaf has none)
  /// What assess takes: t_p for the scaled leaves, the given annual targets for the others, and
  /// the cells of the period's own targets where given.
  targets_table period;
  /// Whether the period's own targets gave t_p of scaled leaf `s` (index in `scaled`) for `unit`,
  /// rather than (t × k) / n.
  bool given(std::size_t unit, std::size_t s) const {
    return !given_.empty() && given_[unit * scaled.size() + s] != 0;
  }
  std::vector<unsigned char> given_;  ///< units × scaled, row-major; empty when none was given
};

/// The scaled targets for `units` units (rows in the values table's order). `annual` (may be
/// null) holds per-unit annual targets; NaN and absent columns take the leaf's default target.
/// options.period_targets, when given, must have `units` rows (error 301 otherwise).
ytd_targets year_to_date_targets(const indicator_tree& tree, std::size_t units, const targets_table* annual,
                                 const ytd_options& options);
/// The same into `out`, reusing its storage (a series fills one per period).
void year_to_date_targets(const indicator_tree& tree, std::size_t units, const targets_table* annual,
                          const ytd_options& options, ytd_targets& out);

/// 时间过半、任务过半: a scaled leaf is on schedule when its rule's ratio against t_p is ≥ 1,
/// behind otherwise; other leaves, items and missing values get none.
enum class schedule_verdict { none, on_schedule, behind };
const char* to_string(schedule_verdict) noexcept;
schedule_verdict schedule_of(const leaf_explanation& leaf, const ytd_targets& targets);

}  // namespace zoneperf
