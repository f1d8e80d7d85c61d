#pragma once
/// Differentiated pay (差异化薪酬, docs/semantics.md §6): the pool, each person's share, one λ with every
/// pay clamped to [floor, cap], largest-remainder rounding to the fen, and key-project awards.
///
/// Synopsis
///   enum class clamp_state { none, floor, cap };
///   struct clamped_allocation;
///   clamped_allocation allocate_clamped(const std::vector<detail::uint128>& shares,
///                                       const std::vector<std::int64_t>& floors,
///                                       const std::vector<std::int64_t>& caps, std::int64_t pool);
///   struct person_pay; struct task_force_pay; struct award_payment; struct pay_result;
///   pay_result allocate_pay(const std::vector<staff_member>& staff, const scorecard_summary& scorecard,
///                           const pay_policy& policy, const std::vector<award_event>& events = {});
///
/// The rule, exactly: pool P = multiplier × Σ baseline rounded half away from zero to the fen;
/// s_i = baseline_i × task-force coefficient (by the scorecard grade) × team coefficient ×
/// individual coefficient (by score band); floor_i = floor × baseline_i rounded up to the fen,
/// cap_i = cap × baseline_i rounded down; pay_i = min(max(λ·s_i, floor_i), cap_i) with the single λ
/// that makes Σ pay_i = P; then everyone gets ⌊pay_i⌋ fen and the fen left over go one each to the
/// largest fractional parts, ties to the earlier person in roster order. All arithmetic is exact
/// rational in 128-bit integers (256-bit products where needed); no floating point touches money.
/// λ is found by selection over the breakpoints floor_i/s_i and cap_i/s_i (the λ a full sort
/// would give, in O(n) expected time), started between the two breakpoints nearest a
/// double-precision estimate so that usually one exact pass decides nearly everyone; the result is
/// exact whatever the estimate. Awards are paid on top, each split over its team by contribution
/// weight with the same largest-remainder rounding.
/// Errors: floors above the pool (606) or caps below it (607), stating the shortfall in fen;
/// roster, scorecard, policy and events mismatches (604, 608-612, 616), all reported at once; an
/// award earned by a task force with no staff, from the events or the scorecard, is 608.
/// Linear in the roster, the policy's teams and the events: every name is looked up in a hash table.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "zoneperf/pay/inputs.hpp"
#include "zoneperf/pay/policy.hpp"
#include "zoneperf/units/money.hpp"

namespace zoneperf {

enum class clamp_state : std::uint8_t { none, floor, cap };
const char* to_string(clamp_state) noexcept;

/// The exact core: pays `pool` fen over people with shares s_i (any common scale, > 0), floors
/// and caps in fen (0 ≤ floor_i ≤ cap_i).
struct clamped_allocation {
  std::vector<std::int64_t> pay;  ///< fen; Σ pay = pool
  std::vector<clamp_state> clamp;
  std::vector<std::int64_t> whole;         ///< ⌊raw pay⌋ in fen (pay - whole is the rounding fen, 0 or 1)
  std::vector<detail::uint128> remainder;  ///< raw pay's fraction of a fen: remainder / denominator
  detail::uint128 denominator = 1;
  /// μ = mu_num / mu_den with raw pay_i = μ·share_i for unclamped people (mu_den = 0: no μ, e.g. nobody).
  detail::uint128 mu_num = 0, mu_den = 0;
};

clamped_allocation allocate_clamped(const std::vector<detail::uint128>& shares,
                                    const std::vector<std::int64_t>& floors,
                                    const std::vector<std::int64_t>& caps, std::int64_t pool);

/// One person's line, which an auditor can recompute.
struct person_pay {
  std::size_t person = 0;      ///< index in the roster
  std::size_t task_force = 0;  ///< index in pay_result::task_forces
  cny_money baseline;
  exact_ratio task_force_coefficient{1}, team_coefficient{1}, individual_coefficient{1};
  /// s = baseline × the three coefficients, in fen × 10^-12 (exact: s_fen = share / 10^12).
  detail::uint128 share = 0;
  cny_money floor, cap;
  clamp_state clamp = clamp_state::none;
  cny_money raw_whole;                ///< ⌊pay before rounding⌋
  detail::uint128 raw_remainder = 0;  ///< the fraction of a fen: raw_remainder / pay_result::raw_denominator
  std::int64_t rounding_fen = 0;      ///< 0 or 1
  cny_money base_pay;                 ///< raw_whole + rounding_fen
  cny_money award;
  cny_money total;  ///< base_pay + award
  exact_ratio multiple() const { return base_pay / baseline; }
};

struct task_force_pay {
  std::string id;
  std::string grade;
  exact_ratio coefficient{1};
  std::size_t head_count = 0;
  cny_money baseline, base_pay, award, total;
  /// Σ base pay ÷ Σ baseline (awards apart); 0 for a task force without staff.
  exact_ratio average_multiple() const { return head_count ? base_pay / baseline : exact_ratio(0); }
};

struct award_payment {
  std::string kind, name, task_force, team;  ///< team empty: the whole task force
  std::int64_t count = 0;
  cny_money amount;    ///< per event × count
  std::string origin;  ///< "scorecard: foreign_capital ratio 1.44 ≥ 1" or "events.csv:3"
  std::vector<std::pair<std::size_t, cny_money>> split;  ///< (roster index, part)
};

struct pay_result {
  cny_money baseline;  ///< Σ baseline
  cny_money pool;
  cny_money base_paid;  ///< Σ base pay (= pool)
  cny_money awards_paid;
  cny_money total_paid;
  /// λ = lambda_num / lambda_den (reduced; lambda_den = 0 when there is no λ: an empty roster).
  detail::uint128 lambda_num = 0, lambda_den = 0;
  detail::uint128 raw_denominator = 1;
  std::vector<person_pay> people;           ///< roster order
  std::vector<task_force_pay> task_forces;  ///< order of first appearance in the roster
  std::vector<award_payment> awards;
};

pay_result allocate_pay(const std::vector<staff_member>& staff, const scorecard_summary& scorecard,
                        const pay_policy& policy, const std::vector<award_event>& events = {});
/// The same, from a scorecard as it is.
inline pay_result allocate_pay(const std::vector<staff_member>& staff, const scorecard& card,
                               const pay_policy& policy, const std::vector<award_event>& events = {}) {
  return allocate_pay(staff, summary_of(card), policy, events);
}

}  // namespace zoneperf
