#include "zoneperf/pay/allocate.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <unordered_map>

#include "wide.hpp"
#include "zoneperf/apportion.hpp"

namespace zoneperf {
namespace {
using detail::uint128;

using detail::u256;
using detail::mul;
using detail::divmod;

// A breakpoint μ = num / den of one person.
struct breakpoint {
  uint128 num, den;
  double key;  // num / den in double, for the fast path
  std::uint32_t person;
};
// a < b for μ values num/den with den > 0.
bool less(uint128 an, uint128 ad, uint128 bn, uint128 bd) { return mul(an, bd) < mul(bn, ad); }
int compare(uint128 an, uint128 ad, uint128 bn, uint128 bd) {
  const u256 x = mul(an, bd), y = mul(bn, ad);
  return x < y ? -1 : y < x ? 1 : 0;
}

// Exact order of two breakpoints; the doubles decide when they differ by far more than their
// rounding error (each key is within 3·2^-53 relative of the exact value).
inline __attribute__((always_inline)) int order(const breakpoint& a, const breakpoint& b) {
  const double d = a.key - b.key;
  const double tol = 1e-12 * (a.key > b.key ? a.key : b.key);
  if (d > tol) return 1;
  if (d < -tol) return -1;
  return compare(a.num, a.den, b.num, b.den);
}

std::string fen_text(uint128 fen) { return detail::to_string(fen) + " fen"; }
std::string yuan_text(uint128 fen) {
  return detail::to_string(fen / 100) + "." + (fen % 100 < 10 ? "0" : "") + detail::to_string(fen % 100);
}

uint128 gcd(uint128 a, uint128 b) {
  while (b != 0) {
    const uint128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}
}  // namespace

const char* to_string(clamp_state c) noexcept {
  switch (c) {
    case clamp_state::floor: return "floor";
    case clamp_state::cap: return "cap";
    default: return "none";
  }
}

clamped_allocation allocate_clamped(const std::vector<uint128>& shares, const std::vector<std::int64_t>& floors,
                                    const std::vector<std::int64_t>& caps, std::int64_t pool) {
  const std::size_t n = shares.size();
  clamped_allocation out;
  out.pay.assign(n, 0);
  out.clamp.assign(n, clamp_state::none);
  out.whole.assign(n, 0);
  out.remainder.assign(n, 0);
  const uint128 P = static_cast<uint128>(pool);

  enum : std::uint8_t { undetermined, at_floor, at_cap, active };
  std::vector<std::uint8_t> status(n, undetermined);
  uint128 sum_floor = 0, sum_cap = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sum_floor += static_cast<uint128>(floors[i]);
    // A zero share never leaves its floor.
    sum_cap += static_cast<uint128>(shares[i] == 0 ? floors[i] : caps[i]);
    if (shares[i] == 0) status[i] = at_floor;
  }
  if (sum_floor > P)
    throw error(pay_errc::floors_exceed_pool, "pool",
                "the floors need " + yuan_text(sum_floor) + " but the pool is " + yuan_text(P) + ": " +
                    fen_text(sum_floor - P) + " short");
  if (sum_cap < P)
    throw error(pay_errc::caps_below_pool, "pool",
                "the caps allow at most " + yuan_text(sum_cap) + " but the pool is " + yuan_text(P) + ": " +
                    fen_text(P - sum_cap) + " cannot be paid");
  if (n == 0) return out;

  uint128 A = 0, B = 0;  // fixed pay in fen; Σ shares of the unclamped
  if (P == sum_floor || P == sum_cap) {
    const bool floors_only = P == sum_floor;
    for (std::size_t i = 0; i < n; ++i) {
      if (shares[i] == 0) continue;
      status[i] = floors_only ? at_floor : at_cap;
      // μ: the largest that keeps everyone at the floor, or the smallest that puts everyone at the cap.
      const uint128 num = static_cast<uint128>(floors_only ? floors[i] : caps[i]);
      if (out.mu_den == 0 || (floors_only ? less(num, shares[i], out.mu_num, out.mu_den)
                                          : less(out.mu_num, out.mu_den, num, shares[i])))
        out.mu_num = num, out.mu_den = shares[i];
    }
  } else {
    // Σ floor < P < Σ cap: g(μ) = Σ clamp(μ·s_i) crosses P strictly inside (L, R). Comparisons of
    // breakpoints go by their double values when those differ clearly, else exactly.
    std::vector<std::uint32_t> undecided;
    std::vector<breakpoint> cands;
    std::vector<double> lo_key(n), hi_key(n);
    undecided.reserve(n);
    cands.resize(2 * n);
    std::size_t n_cands = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (shares[i] == 0) {
        A += static_cast<uint128>(floors[i]);
        continue;
      }
      const double s = static_cast<double>(shares[i]);
      lo_key[i] = static_cast<double>(floors[i]) / s;
      hi_key[i] = static_cast<double>(caps[i]) / s;
      undecided.push_back(static_cast<std::uint32_t>(i));
      cands[n_cands++] = {static_cast<uint128>(floors[i]), shares[i], lo_key[i], static_cast<std::uint32_t>(i)};
      cands[n_cands++] = {static_cast<uint128>(caps[i]), shares[i], hi_key[i], static_cast<std::uint32_t>(i)};
    }
    cands.resize(n_cands);
    breakpoint L{0, 1, 0.0, 0}, R{0, 0, 0.0, 0};  // R.den == 0: +infinity
    auto lo_of = [&](std::uint32_t i) { return breakpoint{static_cast<uint128>(floors[i]), shares[i], lo_key[i], i}; };
    auto hi_of = [&](std::uint32_t i) { return breakpoint{static_cast<uint128>(caps[i]), shares[i], hi_key[i], i}; };
    bool exact_hit = false;
    while (!cands.empty()) {
      const std::size_t mid = cands.size() / 2;
      std::nth_element(cands.begin(), cands.begin() + static_cast<std::ptrdiff_t>(mid), cands.end(),
                       [](const breakpoint& a, const breakpoint& b) { return order(a, b) < 0; });
      const breakpoint m = cands[mid];
      uint128 Am = A, Bm = B;
      for (std::uint32_t i : undecided) {
        if (order(m, lo_of(i)) <= 0) Am += static_cast<uint128>(floors[i]);
        else if (order(m, hi_of(i)) >= 0) Am += static_cast<uint128>(caps[i]);
        else Bm += shares[i];
      }
      const int g_vs_P = Am > P ? 1 : compare(m.num, m.den, P - Am, Bm);  // μ·Bm vs P − Am
      if (g_vs_P == 0) {
        for (std::uint32_t i : undecided) {
          if (order(m, lo_of(i)) <= 0) status[i] = at_floor;
          else if (order(m, hi_of(i)) >= 0) status[i] = at_cap;
          else status[i] = active;
        }
        A = Am, B = Bm;
        out.mu_num = m.num, out.mu_den = m.den;
        exact_hit = true;
        break;
      }
      (g_vs_P < 0 ? L : R) = m;
      // People whose breakpoints both lie outside (L, R) are decided for good.
      std::size_t kept = 0;
      for (std::uint32_t i : undecided) {
        const breakpoint lo = lo_of(i), hi = hi_of(i);
        if (order(hi, L) <= 0) {
          status[i] = at_cap, A += static_cast<uint128>(caps[i]);
        } else if (R.den != 0 && order(lo, R) >= 0) {
          status[i] = at_floor, A += static_cast<uint128>(floors[i]);
        } else if (R.den != 0 && order(lo, L) <= 0 && order(hi, R) >= 0) {
          status[i] = active;
          if (__builtin_add_overflow(B, shares[i], &B))
            throw error(pay_errc::too_large, "", "the shares are too large for exact 128-bit arithmetic");
        } else {
          undecided[kept++] = i;
        }
      }
      undecided.resize(kept);
      cands.erase(std::remove_if(cands.begin(), cands.end(),
                                 [&](const breakpoint& b) {
                                   return order(b, L) <= 0 || (R.den != 0 && order(b, R) >= 0);
                                 }),
                  cands.end());
    }
    if (!exact_hit) out.mu_num = P - A, out.mu_den = B;  // B > 0: g rises through P inside (L, R)
  }

  // Whole fen and fractions: the unclamped get (P − A)·s_i / B.
  const uint128 X = P - A;
  out.denominator = B == 0 ? 1 : B;
  std::int64_t given = 0;
  std::vector<std::uint32_t> candidates;
  for (std::size_t i = 0; i < n; ++i) {
    switch (status[i]) {
      case at_floor: out.whole[i] = floors[i], out.clamp[i] = clamp_state::floor; break;
      case at_cap: out.whole[i] = caps[i], out.clamp[i] = clamp_state::cap; break;
      default: {
        std::uint64_t q;
        uint128 r;
        divmod(mul(X, shares[i]), B, q, r);
        out.whole[i] = static_cast<std::int64_t>(q);
        out.remainder[i] = r;
        if (r != 0) candidates.push_back(static_cast<std::uint32_t>(i));
      }
    }
    given += out.whole[i];
  }
  out.pay = out.whole;
  detail::give_to_largest_remainders(candidates, out.remainder, static_cast<std::size_t>(pool - given), out.pay);
  return out;
}

namespace {
// An exact coefficient with at most 4 decimal places as an integer count of 0.0001.
std::uint64_t ten_thousandths(exact_ratio r) {
  return static_cast<std::uint64_t>(r.num()) * static_cast<std::uint64_t>(10000 / r.den());
}

std::string list_of(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
  return s;
}
}  // namespace

pay_result allocate_pay(const std::vector<staff_member>& staff, const scorecard_summary& scorecard,
                        const pay_policy& policy, const std::vector<award_event>& events) {
  pay_result out;
  std::vector<problem> problems;
  std::unordered_map<std::string, std::size_t> tf_index;
  std::vector<std::string> unit_ids, grades_known;
  for (const auto& u : scorecard.units) unit_ids.push_back(u.id);
  for (const auto& g : policy.task_force) grades_known.push_back(g.grade);

  std::vector<bool> tf_ok;
  out.people.resize(staff.size());
  for (std::size_t i = 0; i < staff.size(); ++i) {
    const staff_member& m = staff[i];
    auto [it, inserted] = tf_index.emplace(m.task_force, out.task_forces.size());
    if (inserted) {
      task_force_pay tf;
      tf.id = m.task_force;
      bool ok = false;
      if (const scorecard_unit* u = scorecard.find(m.task_force)) {
        tf.grade = u->grade;
        if (auto c = policy.task_force_coefficient(u->grade)) {
          tf.coefficient = *c;
          ok = true;
        } else {
          problems.push_back({pay_errc::unknown_grade, "task force " + m.task_force,
                              "grade \"" + u->grade + "\" has no coefficient in the pay policy (it has " +
                                  list_of(grades_known) + ")"});
        }
      } else {
        problems.push_back({pay_errc::unknown_task_force, m.where,
                            "task force \"" + m.task_force + "\" of person \"" + m.id + "\" is not in the scorecard " +
                                scorecard.source + " (its units: " + list_of(unit_ids) + ")"});
      }
      out.task_forces.push_back(std::move(tf));
      tf_ok.push_back(ok);
    }
    person_pay& p = out.people[i];
    p.person = i;
    p.task_force = it->second;
    p.baseline = m.baseline;
    p.task_force_coefficient = out.task_forces[p.task_force].coefficient;
    p.team_coefficient = policy.team_coefficient_of(m.team);
    if (auto c = policy.individual_coefficient(m.score)) {
      p.individual_coefficient = *c;
    } else {
      problems.push_back({pay_errc::bad_score, m.where,
                          fmt::format("score {} of person \"{}\" is below every individual band (the lowest is {})",
                                      m.score, m.id, policy.individual.empty() ? 0.0 : policy.individual.back().min)});
    }
  }
  if (!problems.empty()) throw error(std::move(problems));

  // Shares, bounds and the pool.
  std::vector<uint128> shares(staff.size());
  std::vector<std::int64_t> floors(staff.size()), caps(staff.size());
  for (std::size_t i = 0; i < staff.size(); ++i) {
    person_pay& p = out.people[i];
    const std::uint64_t k = ten_thousandths(p.task_force_coefficient) * ten_thousandths(p.team_coefficient) *
                            ten_thousandths(p.individual_coefficient);  // ≤ 10^18
    p.share = static_cast<uint128>(p.baseline.fen()) * k;
    shares[i] = p.share;
    p.floor = multiply(p.baseline, policy.floor, rounding::up);
    p.cap = multiply(p.baseline, policy.cap, rounding::down);
    floors[i] = p.floor.fen();
    caps[i] = p.cap.fen();
    out.baseline += p.baseline;
  }
  out.pool = multiply(out.baseline, policy.multiplier, rounding::half_away_from_zero);

  const clamped_allocation core = allocate_clamped(shares, floors, caps, out.pool.fen());
  out.raw_denominator = core.denominator;
  if (core.mu_den != 0) {
    // λ = μ × 10^12: shares carry the coefficients' 10^-12 scale.
    uint128 num = core.mu_num, den = core.mu_den;
    uint128 g = gcd(num, den);
    if (g > 1) num /= g, den /= g;
    uint128 scale = 1000000000000ULL;
    g = gcd(scale, den);
    scale /= g, den /= g;
    if (__builtin_mul_overflow(num, scale, &num)) {
      out.lambda_num = 0, out.lambda_den = 0;  // beyond 128 bits: reported as absent
    } else {
      out.lambda_num = num, out.lambda_den = den;
    }
  }
  for (std::size_t i = 0; i < staff.size(); ++i) {
    person_pay& p = out.people[i];
    p.clamp = core.clamp[i];
    p.raw_whole = cny_money::from_fen(core.whole[i]);
    p.raw_remainder = core.remainder[i];
    p.rounding_fen = core.pay[i] - core.whole[i];
    p.base_pay = cny_money::from_fen(core.pay[i]);
    out.base_paid += p.base_pay;
  }

  // Awards.
  auto pay_award = [&](award_payment a, const std::string& where) {
    std::vector<std::size_t> members;
    std::vector<std::int64_t> weights;
    for (std::size_t i = 0; i < staff.size(); ++i) {
      if (staff[i].task_force != a.task_force || (!a.team.empty() && staff[i].team != a.team)) continue;
      members.push_back(i);
      weights.push_back(static_cast<std::int64_t>(ten_thousandths(staff[i].weight)));
    }
    const std::string team = a.team.empty() ? "task force \"" + a.task_force + "\"" : "team \"" + a.team + "\" of \"" + a.task_force + "\"";
    if (members.empty()) {
      problems.push_back({pay_errc::unknown_team, where, "award \"" + a.kind + "\": " + team + " has no staff in the roster"});
      return;
    }
    std::int64_t total_weight = 0;
    for (auto w : weights) total_weight += w;
    if (total_weight == 0 && a.amount.fen() != 0) {
      problems.push_back({pay_errc::no_contribution, where,
                          "award \"" + a.kind + "\": every member of " + team + " has contribution weight 0"});
      return;
    }
    const auto parts = largest_remainder(weights, a.amount.fen());
    for (std::size_t k = 0; k < members.size(); ++k) {
      const cny_money part = cny_money::from_fen(parts[k]);
      out.people[members[k]].award += part;
      a.split.emplace_back(members[k], part);
    }
    out.awards.push_back(std::move(a));
  };

  for (const award_rule& rule : policy.awards) {
    if (rule.source != award_source::scorecard) continue;
    for (const task_force_pay& tf : out.task_forces) {
      const scorecard_unit* u = scorecard.find(tf.id);
      const std::optional<double>* ratio = u ? u->ratio(rule.leaf) : nullptr;
      if (ratio == nullptr) {
        problems.push_back({pay_errc::missing_ratio, "task force " + tf.id,
                            "the award \"" + rule.kind + "\" needs units[].leaves." + rule.leaf +
                                ".ratio in the scorecard " + scorecard.source +
                                (u && u->has_leaves ? " (the unit has no such leaf)" : " (assess with explanations)")});
        continue;
      }
      if (!ratio->has_value() || !(**ratio >= rule.min_ratio)) continue;
      award_payment a;
      a.kind = rule.kind, a.name = rule.name, a.task_force = tf.id, a.count = 1, a.amount = rule.amount;
      a.origin = fmt::format("scorecard: {} ratio {} ≥ {}", rule.leaf, **ratio, rule.min_ratio);
      pay_award(std::move(a), "task force " + tf.id);
    }
  }
  for (const award_event& e : events) {
    const award_rule* rule = policy.find_award(e.kind);
    if (rule == nullptr || rule->source != award_source::events) {
      std::vector<std::string> kinds;
      for (const auto& r : policy.awards)
        if (r.source == award_source::events) kinds.push_back(r.kind);
      problems.push_back({pay_errc::unknown_award_kind, e.where,
                          rule ? "award \"" + e.kind + "\" comes from the scorecard, not the events table"
                               : "the pay policy has no award \"" + e.kind + "\" paid from events (it has " +
                                     (kinds.empty() ? std::string("none") : list_of(kinds)) + ")"});
      continue;
    }
    if (!tf_index.count(e.task_force)) {
      problems.push_back({pay_errc::unknown_task_force, e.where,
                          "task force \"" + e.task_force + "\" has no staff in the roster"});
      continue;
    }
    if (e.count == 0) continue;
    award_payment a;
    a.kind = rule->kind, a.name = rule->name, a.task_force = e.task_force, a.team = e.team, a.count = e.count;
    a.amount = rule->amount * e.count;
    a.origin = e.where;
    pay_award(std::move(a), e.where);
  }
  if (!problems.empty()) throw error(std::move(problems));

  for (person_pay& p : out.people) {
    p.total = p.base_pay + p.award;
    out.awards_paid += p.award;
    task_force_pay& tf = out.task_forces[p.task_force];
    ++tf.head_count;
    tf.baseline += p.baseline;
    tf.base_pay += p.base_pay;
    tf.award += p.award;
    tf.total += p.total;
  }
  out.total_paid = out.base_paid + out.awards_paid;
  return out;
}

}  // namespace zoneperf
