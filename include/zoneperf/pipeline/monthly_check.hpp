#pragma once
/// The monthly 三个十 check: every month at least 10 intent, 10 signed and 10 landed projects for
/// the zone, split over the task forces, tracked weekly and judged monthly with 😊 / 😢 (docs/semantics.md §7).
///
/// Synopsis
///   struct monthly_targets { intent, signed_, landed };          // 10 / 10 / 10 for the zone
///   struct check_options;      // zone targets, split weights or fixed targets per task force, face rule
///   enum class face { smile, cry, none };
///   monthly_check check_month(const registry&, const period& month, const check_options& = {});
///   std::int64_t expected_to_date(std::int64_t target, int elapsed_days, int days_in_month);  // rounded up
///
/// Split: each of the zone's targets is apportioned over the task forces in proportion to their
/// key projects (active at the as-of date) by largest remainder (zoneperf/apportion.hpp; ties go
/// to the earlier task force); `weights` replaces the key-project counts and `fixed` sets a task force's
/// targets outright (the others share what is left). Weekly progress: at the end of each ISO week in the
/// month (and at the as-of date), the entries so far against target × elapsed days ÷ days in the
/// month, rounded up. Faces: 😊 when a task force met every monthly target (and, when the rule asks,
/// its month score is at least `smile_min_score`), 😢 when it missed any, neither when it had none.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "zoneperf/period.hpp"
#include "zoneperf/pipeline/errc.hpp"
#include "zoneperf/pipeline/registry.hpp"

namespace zoneperf {

struct monthly_targets {
  std::int64_t intent = 10;
  std::int64_t signed_ = 10;
  std::int64_t landed = 10;
};

enum class face { smile, cry, none };
/// "😊", "😢" or "".
const char* to_string(face f) noexcept;

struct check_options {
  monthly_targets zone;                          ///< 三个十
  std::map<std::string, std::int64_t> weights;   ///< split weights per task force (default: key projects)
  std::map<std::string, monthly_targets> fixed;  ///< explicit targets per task force
  std::optional<double> smile_min_score;         ///< 😊 also needs a month score >= this
  std::map<std::string, double> month_scores;    ///< the month's scores per task force, for that rule
  std::optional<date> as_of;                     ///< default: the month's last day
};

struct progress_point {
  date on;                   ///< the end of an ISO week in the month, or the as-of date
  int elapsed_days = 0;      ///< days of the month up to and including `on`
  monthly_targets expected;  ///< target x elapsed ÷ days in the month, rounded up
  monthly_targets actual;    ///< entries from the month's first day up to `on`
  bool on_track = false;     ///< actual >= expected for all three
};

struct task_force_check {
  std::string task_force;
  std::int64_t weight = 0;  ///< what the split used (key projects unless configured)
  monthly_targets target;
  monthly_targets actual;  ///< entries in the month up to the as-of date
  std::vector<progress_point> weeks;
  face verdict = face::none;
  std::vector<std::string> missed;  ///< "intent 1 < 2", ...
  std::optional<double> score;
};

struct monthly_check {
  period month = period::month(2000, 1);
  date as_of;
  bool complete = false;  ///< as_of is the month's last day: the faces are final
  monthly_targets zone_target;
  monthly_targets zone_actual;
  std::vector<task_force_check> task_forces;  ///< in the registry's order
};

monthly_check check_month(const registry& r, const period& month, const check_options& options = {});

/// ⌈target × elapsed ÷ days⌉ in integers.
std::int64_t expected_to_date(std::int64_t target, int elapsed_days, int days_in_month);

}  // namespace zoneperf
