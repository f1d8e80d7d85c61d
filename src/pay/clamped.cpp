// allocate_clamped: the pool shared in proportion to the shares, each person's pay clamped to
// [floor, cap], found exactly by a search over the breakpoints μ where a person's clamp changes.
#include <algorithm>
#include <cmath>
#include <limits>

#include "wide.hpp"
#include "zoneperf/apportion.hpp"
#include "zoneperf/pay/allocate.hpp"

namespace zoneperf {
namespace {
using detail::uint128;

using detail::divmod;
using detail::mul;
using detail::u256;

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

// Exact order of two breakpoints (-1, 0, 1). The doubles decide when they differ by more than
// tol = 10^-12 × the larger key; otherwise the exact cross-products do. Why the doubles never
// decide wrongly: a key is double(num) / double(den) with num < 2^64 and 0 < den < 2^128, so it is 0
// (num = 0, exactly) or a normal double in [2^-128, 2^64); the two conversions and the division each
// round to nearest with a relative error of at most u = 2^-53, so key = x·(1 + e) with
// |e| ≤ (1 + u)^2 / (1 − u) − 1 < 3.01u for the exact value x. If x_a ≤ x_b, then
// key_a − key_b ≤ x_b·(1 + 3.01u) − x_b·(1 − 3.01u) = 6.02u·x_b ≤ 6.02u·key_b / (1 − 3.01u)
// < 10^-15·key_b, which is not above tol: so key_a − key_b > tol proves x_a > x_b, and
// symmetrically for −tol.
// (Both keys 0: d = 0 is not above tol = 0.) Written without early returns so that the usual case
// is branch-free; the exact comparison is the rare, well-predicted branch.
inline __attribute__((always_inline)) int order(const breakpoint& a, const breakpoint& b) {
  const double d = a.key - b.key;
  const double tol = 1e-12 * (a.key > b.key ? a.key : b.key);
  const int r = (d > tol) - (d < -tol);
  return r != 0 ? r : compare(a.num, a.den, b.num, b.den);
}

std::string fen_text(uint128 fen) { return detail::to_string(fen) + " fen"; }
std::string yuan_text(uint128 fen) {
  return detail::to_string(fen / 100) + "." + (fen % 100 < 10 ? "0" : "") + detail::to_string(fen % 100);
}

}  // namespace

const char* to_string(clamp_state c) noexcept {
  switch (c) {
    case clamp_state::floor:
      return "floor";
    case clamp_state::cap:
      return "cap";
    default:
      return "none";
  }
}

namespace {
enum : std::uint8_t { undetermined, at_floor, at_cap, active };

// u128 → double, correctly rounded; inline when the value fits 64 bits (no libgcc call).
inline double to_double(uint128 v) {
  return (v >> 64) == 0 ? static_cast<double>(static_cast<std::uint64_t>(v)) : static_cast<double>(v);
}
// x when c, else 0, without a branch.
inline uint128 when(bool c, uint128 x) { return x & (uint128{0} - static_cast<uint128>(c)); }

// The exact search for μ when Σ floor < P < Σ cap. g(μ) = Σ clamp(μ·s_i, floor_i, cap_i) rises
// through P strictly inside the open interval (L, R); every person is decided (at floor, at cap,
// active) as soon as both of their breakpoints lie outside (L, R). Each step() compares g at a
// pivot breakpoint m with P exactly and either hits P (μ = m) or moves L or R to m.
struct mu_search {
  const std::vector<uint128>& shares;
  const std::vector<std::int64_t>& floors;
  const std::vector<std::int64_t>& caps;
  const std::vector<double>& lo_key;  // floor_i / s_i in double (0 for a zero share)
  const std::vector<double>& hi_key;  // cap_i / s_i in double
  uint128 P;
  std::vector<std::uint8_t>& status;  // zero shares: at_floor from the start

  mu_search(const std::vector<uint128>& s, const std::vector<std::int64_t>& f,
            const std::vector<std::int64_t>& c, const std::vector<double>& lo, const std::vector<double>& hi,
            uint128 pool, std::vector<std::uint8_t>& st)
      : shares(s), floors(f), caps(c), lo_key(lo), hi_key(hi), P(pool), status(st) {}

  std::vector<std::uint32_t> undecided;  // roster order
  uint128 A = 0, B = 0;                  // fixed pay of the decided in fen; Σ shares of the decided active
  breakpoint L{0, 1, 0.0, 0}, R{0, 0, 0.0, 0};  // R.den == 0: +infinity
  bool hit = false;                             // g(m) = P at a pivot: μ = m
  uint128 mu_num = 0, mu_den = 0;

  // The initial state: nobody with a share decided; A = the floors of the zero shares. Without
  // the list (for bracket(), which rewrites every status) `status` must be as allocate_clamped set it.
  void start(uint128 zero_share_floors, bool list_undecided) {
    undecided.clear();
    A = zero_share_floors, B = 0;
    L = {0, 1, 0.0, 0}, R = {0, 0, 0.0, 0};
    hit = false;
    if (!list_undecided) return;
    for (std::size_t i = 0; i < shares.size(); ++i) {
      if (shares[i] == 0) continue;
      status[i] = undetermined;
      undecided.push_back(static_cast<std::uint32_t>(i));
    }
  }
  breakpoint lo_of(std::uint32_t i) const {
    return {static_cast<uint128>(floors[i]), shares[i], lo_key[i], i};
  }
  breakpoint hi_of(std::uint32_t i) const { return {static_cast<uint128>(caps[i]), shares[i], hi_key[i], i}; }
  bool inside(const breakpoint& b) const { return order(b, L) > 0 && (R.den == 0 || order(b, R) < 0); }

  void step(const breakpoint& m) {
    uint128 Am = A, Bm = B;
    for (std::uint32_t i : undecided) {
      if (order(m, lo_of(i)) <= 0)
        Am += static_cast<uint128>(floors[i]);
      else if (order(m, hi_of(i)) >= 0)
        Am += static_cast<uint128>(caps[i]);
      else
        Bm += shares[i];
    }
    const int g_vs_P = Am > P ? 1 : compare(m.num, m.den, P - Am, Bm);  // μ·Bm vs P − Am
    if (g_vs_P == 0) {
      for (std::uint32_t i : undecided) {
        if (order(m, lo_of(i)) <= 0)
          status[i] = at_floor;
        else if (order(m, hi_of(i)) >= 0)
          status[i] = at_cap;
        else
          status[i] = active;
      }
      undecided.clear();
      A = Am, B = Bm;
      mu_num = m.num, mu_den = m.den;
      hit = true;
      return;
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
          throw error(errc::pay_too_large, "", "the shares are too large for exact 128-bit arithmetic");
      } else {
        undecided[kept++] = i;
      }
    }
    undecided.resize(kept);
  }

  // From the initial state (start() without the list), for pivots a < b (b.den == 0: +infinity):
  // evaluates g at both in one pass over everyone with a share, making the decisions two step()s
  // would make. When g(a) < P < g(b) it makes (a, b) the interval, decides everyone whose
  // breakpoints both lie outside it, lists the others and returns `bracketed`; otherwise it leaves
  // the initial state (but for `status`, which the next bracket() or start() rewrites) and says why.
  // Branch-free sums: whether a person is at the floor, the cap or active is unpredictable.
  enum bracket_result { bracketed, hit_pivot, missed };
  bracket_result bracket(const breakpoint& a, const breakpoint& b) {
    uint128 A_a = A, B_a = B, A_b = A, B_b = B, A_in = A, B_in = B;
    const bool finite_b = b.den != 0;
    undecided.clear();
    for (std::uint32_t i = 0; i < shares.size(); ++i) {
      const uint128 s = shares[i];
      if (s == 0) continue;
      const uint128 f = static_cast<uint128>(floors[i]), c = static_cast<uint128>(caps[i]);
      const breakpoint lo = lo_of(i), hi = hi_of(i);
      const int lo_a = order(lo, a), hi_a = order(hi, a);
      const int lo_b = finite_b ? order(lo, b) : -1, hi_b = finite_b ? order(hi, b) : -1;
      // At a pivot m, as in step(): at the floor if m ≤ lo, else at the cap if m ≥ hi, else active.
      const bool floor_a = lo_a >= 0, cap_a = !floor_a && hi_a <= 0;
      const bool floor_b = lo_b >= 0, cap_b = !floor_b && hi_b <= 0;
      A_a += when(floor_a, f) + when(cap_a, c);
      B_a += when(!floor_a && !cap_a, s);
      A_b += when(floor_b, f) + when(cap_b, c);
      B_b += when(!floor_b && !cap_b, s);
      // Over the interval (a, b), as in step()'s filter.
      const bool cap_in = hi_a <= 0, floor_in = !cap_in && finite_b && lo_b >= 0;
      const bool active_in = !cap_in && !floor_in && finite_b && lo_a <= 0 && hi_b >= 0;
      A_in += when(cap_in, c) + when(floor_in, f);
      B_in += when(active_in, s);
      status[i] = cap_in ? at_cap : floor_in ? at_floor : active_in ? active : undetermined;
      if (status[i] == undetermined) undecided.push_back(i);  // rare: breakpoints inside (a, b)
    }
    const int g_a = A_a > P ? 1 : compare(a.num, a.den, P - A_a, B_a);
    const int g_b = !finite_b ? 1 : A_b > P ? 1 : compare(b.num, b.den, P - A_b, B_b);
    if (g_a == 0 || g_b == 0) return hit_pivot;
    if (g_a > 0 || g_b < 0) return missed;
    L = a, R = b, A = A_in, B = B_in;
    return bracketed;
  }

  // Pivots at the median of the breakpoints left inside (L, R) until one hits P or none is left
  // (then μ = (P − A) / B, strictly inside (L, R)).
  void select_by_medians(std::vector<breakpoint>& cands) {
    while (!cands.empty()) {
      const std::size_t mid = cands.size() / 2;
      std::nth_element(cands.begin(), cands.begin() + static_cast<std::ptrdiff_t>(mid), cands.end(),
                       [](const breakpoint& a, const breakpoint& b) { return order(a, b) < 0; });
      step(cands[mid]);
      if (hit) return;
      cands.erase(std::remove_if(cands.begin(), cands.end(), [&](const breakpoint& b) { return !inside(b); }),
                  cands.end());
    }
    mu_num = P - A, mu_den = B;  // B > 0: g rises through P inside (L, R)
  }
};

// A double-precision estimate of μ from a few safeguarded Newton steps on
// g(μ) − A₀ = Σ s_i·clamp(μ, lo_i, hi_i) (A₀: the floors of zero shares, whose s_i is 0 here).
// It only chooses where the exact search starts: nothing exact depends on its accuracy.
double estimate_mu(const std::vector<double>& s, const std::vector<double>& lo_key,
                   const std::vector<double>& hi_key, double target) {
  const std::size_t n = s.size();
  double total = 0;
  for (std::size_t i = 0; i < n; ++i) total += s[i];
  double a = 0, b = std::numeric_limits<double>::infinity(), mu = target / total;
  for (int iteration = 0; iteration < 16; ++iteration) {
    double g = 0, slope = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const double k = std::min(std::max(mu, lo_key[i]), hi_key[i]);
      g += s[i] * k;
      slope += k == mu ? s[i] : 0.0;
    }
    if (g < target)
      a = mu;
    else if (g > target)
      b = mu;
    else
      break;
    double next = slope > 0 ? mu + (target - g) / slope : a;
    if (!(next > a && next < b))
      next = b == std::numeric_limits<double>::infinity() ? 2 * mu : a + (b - a) / 2;
    if (!(std::abs(next - mu) > 1e-15 * mu)) break;
    mu = next;
  }
  return mu;
}

// The pivots for an estimate: the breakpoint with the largest key ≤ below (else μ = 0) and the one
// with the smallest key ≥ above (else +infinity).
void pick_pivots(const mu_search& search, double below, double above, breakpoint& a, breakpoint& b) {
  const std::vector<double>& lo = search.lo_key;
  const std::vector<double>& hi = search.hi_key;
  const std::size_t n = lo.size();
  // The keys first (a vectorisable pass), then whose they are.
  double a_key = 0, b_key = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < n; ++i) {
    a_key = std::max(a_key, std::max(lo[i] <= below ? lo[i] : 0.0, hi[i] <= below ? hi[i] : 0.0));
    b_key = std::min(b_key, std::min(lo[i] >= above ? lo[i] : b_key, hi[i] >= above ? hi[i] : b_key));
  }
  a = search.L, b = {0, 0, std::numeric_limits<double>::infinity(), 0};
  bool need_a = a_key > 0, need_b = b_key != std::numeric_limits<double>::infinity();
  for (std::uint32_t i = 0; i < n && (need_a || need_b); ++i) {
    if (search.shares[i] == 0) continue;
    if (need_a && lo[i] == a_key) a = search.lo_of(i), need_a = false;
    if (need_a && hi[i] == a_key) a = search.hi_of(i), need_a = false;
    if (need_b && lo[i] == b_key) b = search.lo_of(i), need_b = false;
    if (need_b && hi[i] == b_key) b = search.hi_of(i), need_b = false;
  }
}
}  // namespace

clamped_allocation allocate_clamped(const std::vector<uint128>& shares,
                                    const std::vector<std::int64_t>& floors,
                                    const std::vector<std::int64_t>& caps, std::int64_t pool) {
  const std::size_t n = shares.size();
  clamped_allocation out;
  const uint128 P = static_cast<uint128>(pool);

  // Sums, and each breakpoint's double key: floor_i / s_i and cap_i / s_i (0 for a zero share).
  std::vector<std::uint8_t> status(n, undetermined);
  std::vector<double> lo_key, hi_key, s_key;
  lo_key.reserve(n), hi_key.reserve(n), s_key.reserve(n);
  uint128 sum_floor = 0, sum_cap = 0, sum_shares = 0, zero_share_floors = 0;
  bool shares_overflow = false;
  for (std::size_t i = 0; i < n; ++i) {
    const uint128 s = shares[i], f = static_cast<uint128>(floors[i]);
    sum_floor += f;
    // A zero share never leaves its floor.
    sum_cap += s == 0 ? f : static_cast<uint128>(caps[i]);
    shares_overflow |= __builtin_add_overflow(sum_shares, s, &sum_shares);
    if (s == 0) {
      status[i] = at_floor;
      zero_share_floors += f;
    }
    const double sd = to_double(s);
    s_key.push_back(sd);
    lo_key.push_back(s == 0 ? 0.0 : static_cast<double>(floors[i]) / sd);
    hi_key.push_back(s == 0 ? 0.0 : static_cast<double>(caps[i]) / sd);
  }
  if (sum_floor > P)
    throw error(errc::floors_exceed_pool, "pool",
                "the floors need " + yuan_text(sum_floor) + " but the pool is " + yuan_text(P) + ": " +
                    fen_text(sum_floor - P) + " short");
  if (sum_cap < P)
    throw error(errc::caps_below_pool, "pool",
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
    // Σ floor < P < Σ cap. Breakpoints are compared by their double keys when those differ clearly,
    // else exactly (order()), so every decision below is exact.
    mu_search search(shares, floors, caps, lo_key, hi_key, P, status);

    // The fast path. A double estimate μ̃ of μ picks two pivots: the largest breakpoint with a key
    // at most μ̃·(1 − δ) and the smallest with a key at least μ̃·(1 + δ), δ = 10^-9. One exact pass
    // (bracket(), the same decisions as two step()s) evaluates g at both; when g(a) < P < g(b),
    // nearly everyone is decided and the median search runs on the few breakpoints in between.
    // When the estimate was off (μ outside (a, b)), δ grows (10^-6, 10^-3); then the plain search.
    // A poor estimate costs time, never exactness: every decision is made by order() and compare().
    //
    // Without an exact hit, μ = (P − A) / B is the unique root of g and the result (who is at the
    // floor, at the cap, active; A; B) depends only on μ, not on the pivots, so it is the result
    // of the plain median search. On an exact hit (g = P at a breakpoint, or on a flat stretch of g)
    // the representation of μ (which of several equal breakpoints) and, on a flat stretch, its
    // value depend on the pivot sequence: the plain median search is rerun from the start so that
    // the result is the same as before this fast path existed. So is it when the shares add up to
    // 2^128 or more, where the sums of step() could wrap.
    bool fast = !shares_overflow;
    if (fast) {
      search.start(zero_share_floors, false);
      const double guess = estimate_mu(s_key, lo_key, hi_key, static_cast<double>(P - zero_share_floors));
      fast = false;
      for (const double delta : {1e-9, 1e-6, 1e-3}) {
        breakpoint a, b;
        pick_pivots(search, guess * (1 - delta), guess * (1 + delta), a, b);
        const auto result = search.bracket(a, b);
        if (result == mu_search::hit_pivot) break;
        if (result == mu_search::bracketed) {
          std::vector<breakpoint> cands;
          for (std::uint32_t i : search.undecided) {
            if (search.inside(search.lo_of(i))) cands.push_back(search.lo_of(i));
            if (search.inside(search.hi_of(i))) cands.push_back(search.hi_of(i));
          }
          search.select_by_medians(cands);
          fast = !search.hit;
          break;
        }
      }
    }
    if (!fast) {
      // The plain median search over every breakpoint, in roster order.
      search.start(zero_share_floors, true);
      std::vector<breakpoint> cands;
      cands.reserve(2 * search.undecided.size());
      for (std::uint32_t i : search.undecided) {
        cands.push_back(search.lo_of(i));
        cands.push_back(search.hi_of(i));
      }
      search.select_by_medians(cands);
    }
    A = search.A, B = search.B;
    out.mu_num = search.mu_num, out.mu_den = search.mu_den;
  }

  // Whole fen and fractions: the unclamped get (P − A)·s_i / B.
  const uint128 X = P - A;
  out.denominator = B == 0 ? 1 : B;
  out.clamp.reserve(n), out.whole.reserve(n), out.remainder.reserve(n);
  std::int64_t given = 0;
  std::vector<std::uint32_t> candidates;
  for (std::size_t i = 0; i < n; ++i) {
    std::int64_t whole = 0;
    uint128 r = 0;
    clamp_state c = clamp_state::none;
    switch (status[i]) {
      case at_floor:
        whole = floors[i], c = clamp_state::floor;
        break;
      case at_cap:
        whole = caps[i], c = clamp_state::cap;
        break;
      default: {
        std::uint64_t q;
        divmod(mul(X, shares[i]), B, q, r);
        whole = static_cast<std::int64_t>(q);
        if (r != 0) candidates.push_back(static_cast<std::uint32_t>(i));
      }
    }
    out.whole.push_back(whole);
    out.clamp.push_back(c);
    out.remainder.push_back(r);
    given += whole;
  }
  out.pay = out.whole;
  detail::give_to_largest_remainders(candidates, out.remainder, static_cast<std::size_t>(pool - given),
                                     out.pay);
  return out;
}

}  // namespace zoneperf
