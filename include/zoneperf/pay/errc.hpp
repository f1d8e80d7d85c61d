#pragma once
/// Error codes of the pay module (category "pay", 6xx), in namespace zoneperf::errc like every code
/// (zoneperf/errc.hpp). A code's number and meaning never change once released.

namespace zoneperf::errc {

/// not a decimal with at most 4 places in (0, 100]
inline constexpr int bad_coefficient = 601;
/// floor/cap multiples out of order or out of range
inline constexpr int bad_pay_bounds = 602;
/// an award rule that cannot be paid
inline constexpr int bad_award = 603;
/// a scorecard grade the policy has no coefficient for
inline constexpr int unknown_grade = 604;
/// individual score bands out of order
inline constexpr int bad_score_bands = 605;
/// the floors alone need more than the pool
inline constexpr int floors_exceed_pool = 606;
/// the caps cannot reach the pool
inline constexpr int caps_below_pool = 607;
/// a roster or events task force absent from the scorecard or roster
inline constexpr int task_force_not_in_scorecard_or_roster = 608;
/// an events team with no members
inline constexpr int unknown_team = 609;
/// an events kind the policy does not pay
inline constexpr int unknown_award_kind = 610;
/// a scorecard award needs a leaf ratio the scorecard lacks
inline constexpr int missing_ratio = 611;
/// every contribution weight of a team is 0
inline constexpr int no_contribution = 612;
/// a baseline that is not a positive amount
inline constexpr int bad_baseline = 613;
/// a person id given twice
inline constexpr int duplicate_person = 614;
/// a contribution weight that is negative or too precise
inline constexpr int bad_contribution_weight = 615;
/// a performance score missing or below every band
inline constexpr int bad_performance_score = 616;
/// an events count that is not a non-negative integer
inline constexpr int bad_events_count = 617;
/// a pool multiplier out of range
inline constexpr int bad_pool_multiplier = 618;
/// no longer raised: apportionment has its own codes (errc::apportion_bad_seats, 506)
inline constexpr int pay_bad_seats = 619;
/// exact arithmetic would exceed 128 bits
inline constexpr int pay_too_large = 620;

}  // namespace zoneperf::errc
