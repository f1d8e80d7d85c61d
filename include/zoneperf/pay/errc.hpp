#pragma once
/// Error codes of the pay module (category "pay", 6xx). A code's meaning never changes once released.
namespace zoneperf::pay_errc {
inline constexpr int bad_coefficient = 601;     ///< not a decimal with at most 4 places in (0, 100]
inline constexpr int bad_bounds = 602;          ///< floor/cap multiples out of order or out of range
inline constexpr int bad_award = 603;           ///< an award rule that cannot be paid
inline constexpr int unknown_grade = 604;       ///< a scorecard grade the policy has no coefficient for
inline constexpr int bad_bands = 605;           ///< individual score bands out of order
inline constexpr int floors_exceed_pool = 606;  ///< the floors alone need more than the pool
inline constexpr int caps_below_pool = 607;     ///< the caps cannot reach the pool
inline constexpr int unknown_task_force =
    608;  ///< a roster or events task force absent from the scorecard or roster
inline constexpr int unknown_team = 609;        ///< an events team with no members
inline constexpr int unknown_award_kind = 610;  ///< an events kind the policy does not pay
inline constexpr int missing_ratio = 611;       ///< a scorecard award needs a leaf ratio the scorecard lacks
inline constexpr int no_contribution = 612;     ///< every contribution weight of a team is 0
inline constexpr int bad_baseline = 613;        ///< a baseline that is not a positive amount
inline constexpr int duplicate_person = 614;    ///< a person id given twice
inline constexpr int bad_weight = 615;          ///< a contribution weight that is negative or too precise
inline constexpr int bad_score = 616;           ///< a performance score missing or below every band
inline constexpr int bad_count = 617;           ///< an events count that is not a non-negative integer
inline constexpr int bad_multiplier = 618;      ///< a pool multiplier out of range
/// no longer raised: apportionment has its own codes (apportion_errc::bad_seats, 506)
inline constexpr int bad_seats = 619;
inline constexpr int too_large = 620;  ///< exact arithmetic would exceed 128 bits
}  // namespace zoneperf::pay_errc
