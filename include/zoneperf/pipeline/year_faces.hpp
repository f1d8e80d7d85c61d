#pragma once
/// Faces over the year: the monthly 三个十 check (zoneperf/pipeline/monthly_check.hpp) run for each
/// month of a year, a strip of 12 faces per task force with the counts behind them
/// (docs/semantics.md §9, "Faces over the year").
///
/// Synopsis
///   struct year_check_options { zone, weights, fixed, as_of };   // the split of check_options, once a year
///   struct face_tally { smiles, cries, none; };
///   struct year_of_faces {
///     int year; date as_of; std::vector<std::string> task_forces;
///     std::vector<monthly_check> months;           // January .. the as-of month, at most 12
///     const task_force_check& at(std::size_t task_force, int month) const;   // month 1..12
///     face_tally tally(std::size_t task_force) const;
///   };
///   year_of_faces check_year(const registry&, int year, const year_check_options& = {});
///
/// Each month is check_month(registry, month, options) itself, with the month's as-of date the
/// earlier of its last day and the year's as-of date: a verdict here is the verdict of
/// `zoneperf projects month YYYY-MM` (with the same --as-of), never a second computation. Months
/// that begin after the as-of date are not checked (they are not in `months`); the month that
/// holds the as-of date is provisional (its check's `complete` is false).
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "zoneperf/pipeline/monthly_check.hpp"

namespace zoneperf {

/// What every month of the year shares: the zone's targets and their split. A rule on the month's
/// score (check_options::smile_min_score) needs each month's scores and is not offered here.
struct year_check_options {
  monthly_targets zone;                          ///< 三个十
  std::map<std::string, std::int64_t> weights;   ///< split weights per task force (default: key projects)
  std::map<std::string, monthly_targets> fixed;  ///< explicit targets per task force
  std::optional<date> as_of;                     ///< default: the year's last day
};

/// A task force's faces over the checked months.
struct face_tally {
  int smiles = 0;  ///< 😊
  int cries = 0;   ///< 😢
  int none = 0;    ///< no face (no targets that month)
};

struct year_of_faces {
  int year = 2000;
  date as_of;                            ///< the last day counted
  std::vector<std::string> task_forces;  ///< the registry's order (as in each month's check)
  std::vector<monthly_check> months;  ///< January first; the months begun by as_of (12 once the year is over)

  /// The check of a task force (index into task_forces) in month 1..12; error 751 for a month
  /// outside 1..12 or not checked (after the as-of date).
  const task_force_check& at(std::size_t task_force, int month) const;
  /// 😊, 😢 and no-face months of a task force (index into task_forces).
  face_tally tally(std::size_t task_force) const;
};

/// The monthly check of each month of `year` up to the as-of date. Errors are check_month's
/// (750 a bad split, 710 an unknown task force in weights or fixed), and 751 when the as-of date
/// is before the year.
year_of_faces check_year(const registry& r, int year, const year_check_options& options = {});

}  // namespace zoneperf
