#include "zoneperf/pay/allocate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "wide.hpp"
#include "zoneperf/apportion.hpp"

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

namespace {
// An exact coefficient with at most 4 decimal places as an integer count of 0.0001.
std::uint64_t ten_thousandths(exact_ratio r) {
  return static_cast<std::uint64_t>(r.num()) * static_cast<std::uint64_t>(10000 / r.den());
}

// Indices of the roster's task force and team names. There are few distinct names and one
// lookup per person, so this is a small open-addressing table with an inline FNV-1a hash (cheaper
// than std::unordered_map's hashing call and modulo by a prime). Keys view strings that outlive it.
class name_index {
 public:
  // The index of `key`, or `next` after adding it; second: whether it was added.
  std::pair<std::uint32_t, bool> find_or_add(std::string_view key, std::uint32_t next) {
    slot& s = slot_of(key);
    if (s.used) return {s.value, false};
    s = {key, next, true};
    if (++size_ * 2 > slots_.size()) grow();
    return {next, true};
  }
  bool contains(std::string_view key) { return slot_of(key).used; }
  // The index of `key`, or nullopt.
  std::optional<std::uint32_t> find(std::string_view key) {
    const slot& s = slot_of(key);
    return s.used ? std::optional<std::uint32_t>(s.value) : std::nullopt;
  }

 private:
  struct slot {
    std::string_view key;
    std::uint32_t value = 0;
    bool used = false;
  };
  std::vector<slot> slots_ = std::vector<slot>(64);  // a power of two, at most half full
  std::size_t size_ = 0;

  // Names are short: a plain loop beats a call to memcmp.
  static bool same(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (a[i] != b[i]) return false;
    return true;
  }
  slot& slot_of(std::string_view key) {
    std::uint64_t h = 14695981039346656037ULL;
    for (const char c : key) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = static_cast<std::size_t>(h ^ (h >> 32)) & mask;; i = (i + 1) & mask)
      if (!slots_[i].used || same(slots_[i].key, key)) return slots_[i];
  }
  void grow() {
    std::vector<slot> old(slots_.size() * 2);
    old.swap(slots_);
    for (const slot& s : old)
      if (s.used) slot_of(s.key) = s;
  }
};

std::string list_of(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
  return s;
}
}  // namespace

namespace {
// The roster read in one pass: what the allocation needs of each person. The people's lines are
// written once, at the end (write_people).
struct roster_pass {
  // A team's coefficient with its ten-thousandths.
  struct team_entry {
    exact_ratio coefficient;
    std::uint64_t k;
  };
  // A person's task force, team and score band (indices), and baseline.
  struct person_keys {
    std::uint32_t task_force, team, band;
    cny_money baseline;  // a copy: the roster's records are far apart in memory
  };
  name_index tf_index, team_index;
  std::vector<std::uint64_t> tf_k;         // per task force: its coefficient in ten-thousandths
  std::vector<team_entry> teams;           // per team
  std::vector<std::uint64_t> band_k;       // per score band: its coefficient in ten-thousandths
  std::vector<person_keys> keys;           // per person
  std::vector<uint128> shares;             // per person: baseline × the three coefficients (10^-12)
  std::vector<std::int64_t> floors, caps;  // per person, in fen
};

// The task force's line (its grade and coefficient), or the problem of a task force that is not in
// the scorecard (u is null) or whose grade has no coefficient.
task_force_pay task_force_line(const staff_member& m, const scorecard_unit* u,
                               const scorecard_summary& scorecard, const pay_policy& policy,
                               std::vector<problem>& problems) {
  task_force_pay t;
  t.id = m.task_force;
  if (u) {
    t.grade = u->grade;
    if (auto c = policy.task_force_coefficient(u->grade)) {
      t.coefficient = *c;
    } else {
      std::vector<std::string> grades_known;
      for (const auto& g : policy.task_force) grades_known.push_back(g.grade);
      problems.push_back({errc::unknown_grade, "task force " + m.task_force,
                          "grade \"" + u->grade + "\" has no coefficient in the pay policy (it has " +
                              list_of(grades_known) + ")"});
    }
  } else {
    std::vector<std::string> unit_ids;
    for (const auto& u : scorecard.units) unit_ids.push_back(u.id);
    problems.push_back({errc::task_force_not_in_scorecard_or_roster, m.where,
                        "task force \"" + m.task_force + "\" of person \"" + m.id +
                            "\" is not in the scorecard " + scorecard.source +
                            " (its units: " + list_of(unit_ids) + ")"});
  }
  return t;
}

// The scorecard's units by id (the first of an id given twice, as scorecard_summary::find finds it).
name_index scorecard_index(const scorecard_summary& scorecard) {
  name_index card;
  for (std::size_t k = 0; k < scorecard.units.size(); ++k)
    card.find_or_add(scorecard.units[k].id, static_cast<std::uint32_t>(k));
  return card;
}

// One pass over the roster: each person's keys, share, floor and cap, the task forces' lines and
// the baseline in `out`. Throws every problem of the roster, then the first money overflow.
roster_pass read_roster(const std::vector<staff_member>& staff, const scorecard_summary& scorecard,
                        const pay_policy& policy, pay_result& out) {
  roster_pass r;
  std::vector<problem> problems;
  // Coefficients with their ten-thousandths, looked up once per task force, team and score band.
  for (const score_band& b : policy.individual) r.band_k.push_back(ten_thousandths(b.coefficient));
  const std::size_t n = staff.size();
  r.keys.resize(n);
  r.shares.resize(n);
  r.floors.resize(n), r.caps.resize(n);
  std::exception_ptr money_overflow;  // the first one, reported after the roster's problems
  // The policy's team coefficients by team, hashed once (the first one of a team, as
  // pay_policy::team_coefficient_of finds it): a lookup per team, not a scan of the policy.
  name_index policy_teams;
  for (std::size_t k = 0; k < policy.teams.size(); ++k)
    policy_teams.find_or_add(policy.teams[k].team, static_cast<std::uint32_t>(k));
  name_index card = scorecard_index(scorecard);  // likewise the scorecard's units
  for (std::size_t i = 0; i < n; ++i) {
    const staff_member& m = staff[i];
    const auto [tf, new_tf] =
        r.tf_index.find_or_add(m.task_force, static_cast<std::uint32_t>(out.task_forces.size()));
    if (new_tf) {
      const auto u = card.find(m.task_force);
      task_force_pay t = task_force_line(m, u ? &scorecard.units[*u] : nullptr, scorecard, policy, problems);
      r.tf_k.push_back(ten_thousandths(t.coefficient));
      out.task_forces.push_back(std::move(t));
    }
    const auto [team, new_team] =
        r.team_index.find_or_add(m.team, static_cast<std::uint32_t>(r.teams.size()));
    if (new_team) {
      const auto k = policy_teams.find(m.team);
      const exact_ratio c = k ? policy.teams[*k].coefficient : policy.team_default;
      r.teams.push_back({c, ten_thousandths(c)});
    }
    // The first band whose min the score reaches (bands in descending min).
    std::uint32_t band = 0;
    while (band < policy.individual.size() && !(m.score >= policy.individual[band].min)) ++band;
    if (band == policy.individual.size())
      problems.push_back(
          {errc::bad_performance_score, m.where,
           fmt::format("score {} of person \"{}\" is below every individual band (the lowest is {})", m.score,
                       m.id, policy.individual.empty() ? 0.0 : policy.individual.back().min)});
    r.keys[i] = {tf, team, band, m.baseline};
    if (!problems.empty()) continue;  // nothing below is used
    // s = baseline × the three coefficients in ten-thousandths (k ≤ 10^18).
    const std::uint64_t k = r.tf_k[tf] * r.teams[team].k * r.band_k[band];
    r.shares[i] = static_cast<uint128>(m.baseline.fen()) * k;
    if (money_overflow) continue;
    try {
      r.floors[i] = multiply(m.baseline, policy.floor, rounding::up).fen();
      r.caps[i] = multiply(m.baseline, policy.cap, rounding::down).fen();
      out.baseline += m.baseline;
    } catch (const error&) {
      money_overflow = std::current_exception();
    }
  }
  if (!problems.empty()) throw error(std::move(problems));
  if (money_overflow) std::rethrow_exception(money_overflow);
  return r;
}

// λ = μ × 10^12 in lowest terms (shares carry the coefficients' 10^-12 scale); 0/0 when it needs
// more than 128 bits.
void set_lambda(const clamped_allocation& core, pay_result& out) {
  if (core.mu_den == 0) return;
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

// The awards: those the scorecard earns, then those of the events table, each split among the
// members of its task force (or team) by contribution weight.
class award_payer {
 public:
  award_payer(const std::vector<staff_member>& staff, const scorecard_summary& scorecard,
              const pay_policy& policy, pay_result& out)
      : staff_(staff),
        scorecard_(scorecard),
        policy_(policy),
        out_(out),
        award_(staff.size()),
        card_(scorecard_index(scorecard)) {}

  // Each person's awards; throws every problem of the awards.
  std::vector<cny_money> pay(const std::vector<award_event>& events, name_index& tf_index) {
    group_staff();
    from_scorecard(tf_index);
    from_events(events, tf_index);
    if (!problems_.empty()) throw error(std::move(problems_));
    return std::move(award_);
  }

 private:
  // The roster's people by task force, in roster order (one pass; split reads a task force's own).
  void group_staff() {
    for (std::size_t i = 0; i < staff_.size(); ++i) {
      const auto [k, added] =
          tf_members_index_.find_or_add(staff_[i].task_force, static_cast<std::uint32_t>(tf_members_.size()));
      if (added) tf_members_.emplace_back();
      tf_members_[k].push_back(i);
    }
  }

  void from_scorecard(name_index& tf_index) {
    for (const award_rule& rule : policy_.awards) {
      if (rule.source != award_source::scorecard) continue;
      // A unit of the scorecard that earns the award but has nobody in the roster: the award cannot
      // be paid, and is an error as for the events (608), never dropped.
      for (const scorecard_unit& u : scorecard_.units) {
        if (tf_index.contains(u.id)) continue;
        const std::optional<double>* ratio = u.ratio(rule.leaf);
        if (ratio == nullptr || !ratio->has_value() || !(**ratio >= rule.min_ratio)) continue;
        problems_.push_back({errc::task_force_not_in_scorecard_or_roster, "task force " + u.id,
                             fmt::format("task force \"{}\" has no staff in the roster, but earns the award "
                                         "\"{}\" from the scorecard ({} ratio {} ≥ {})",
                                         u.id, rule.kind, rule.leaf, **ratio, rule.min_ratio)});
      }
      for (const task_force_pay& tf : out_.task_forces) {
        const auto k = card_.find(tf.id);
        const scorecard_unit* u = k ? &scorecard_.units[*k] : nullptr;
        const std::optional<double>* ratio = u ? u->ratio(rule.leaf) : nullptr;
        if (ratio == nullptr) {
          problems_.push_back(
              {errc::missing_ratio, "task force " + tf.id,
               "the award \"" + rule.kind + "\" needs units[].leaves." + rule.leaf +
                   ".ratio in the scorecard " + scorecard_.source +
                   (u && u->has_leaves ? " (the unit has no such leaf)" : " (assess with explanations)")});
          continue;
        }
        if (!ratio->has_value() || !(**ratio >= rule.min_ratio)) continue;
        award_payment a;
        a.kind = rule.kind, a.name = rule.name, a.task_force = tf.id, a.count = 1, a.amount = rule.amount;
        a.origin = fmt::format("scorecard: {} ratio {} ≥ {}", rule.leaf, **ratio, rule.min_ratio);
        split(std::move(a), "task force " + tf.id);
      }
    }
  }

  void from_events(const std::vector<award_event>& events, name_index& tf_index) {
    for (const award_event& e : events) {
      const award_rule* rule = policy_.find_award(e.kind);
      if (rule == nullptr || rule->source != award_source::events) {
        std::vector<std::string> kinds;
        for (const auto& r : policy_.awards)
          if (r.source == award_source::events) kinds.push_back(r.kind);
        problems_.push_back({errc::unknown_award_kind, e.where,
                             rule ? "award \"" + e.kind + "\" comes from the scorecard, not the events table"
                                  : "the pay policy has no award \"" + e.kind +
                                        "\" paid from events (it has " +
                                        (kinds.empty() ? std::string("none") : list_of(kinds)) + ")"});
        continue;
      }
      if (!tf_index.contains(e.task_force)) {
        problems_.push_back({errc::task_force_not_in_scorecard_or_roster, e.where,
                             "task force \"" + e.task_force + "\" has no staff in the roster"});
        continue;
      }
      if (e.count == 0) continue;
      award_payment a;
      a.kind = rule->kind, a.name = rule->name, a.task_force = e.task_force, a.team = e.team,
      a.count = e.count;
      a.amount = rule->amount * e.count;
      a.origin = e.where;
      split(std::move(a), e.where);
    }
  }

  // Splits an award among its members by largest remainder over their weights.
  void split(award_payment a, const std::string& where) {
    std::vector<std::size_t> members;
    std::vector<std::int64_t> weights;
    if (const auto k = tf_members_index_.find(a.task_force))
      for (std::size_t i : tf_members_[*k]) {
        if (!a.team.empty() && staff_[i].team != a.team) continue;
        members.push_back(i);
        weights.push_back(static_cast<std::int64_t>(ten_thousandths(staff_[i].weight)));
      }
    const std::string team = a.team.empty() ? "task force \"" + a.task_force + "\""
                                            : "team \"" + a.team + "\" of \"" + a.task_force + "\"";
    if (members.empty()) {
      problems_.push_back(
          {errc::unknown_team, where, "award \"" + a.kind + "\": " + team + " has no staff in the roster"});
      return;
    }
    std::int64_t total_weight = 0;
    for (auto w : weights) total_weight += w;
    if (total_weight == 0 && a.amount.fen() != 0) {
      problems_.push_back(
          {errc::no_contribution, where,
           "award \"" + a.kind + "\": every member of " + team + " has contribution weight 0"});
      return;
    }
    const auto parts = largest_remainder(weights, a.amount.fen());
    for (std::size_t k = 0; k < members.size(); ++k) {
      const cny_money part = cny_money::from_fen(parts[k]);
      award_[members[k]] += part;
      a.split.emplace_back(members[k], part);
    }
    out_.awards.push_back(std::move(a));
  }

  const std::vector<staff_member>& staff_;
  const scorecard_summary& scorecard_;
  const pay_policy& policy_;
  pay_result& out_;
  std::vector<cny_money> award_;  // per person
  std::vector<problem> problems_;
  name_index card_;                                   // the scorecard's units by id
  name_index tf_members_index_;                       // task force -> its place in tf_members_
  std::vector<std::vector<std::size_t>> tf_members_;  // per task force: its people, roster order
};

// The people's lines, each written once, with the totals and the task forces' sums. (Σ base pay =
// pool, so base_paid cannot overflow.)
void write_people(const roster_pass& r, const clamped_allocation& core, const std::vector<cny_money>& award,
                  const pay_policy& policy, pay_result& out) {
  const std::size_t n = r.keys.size();
  out.people.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const roster_pass::person_keys& key = r.keys[i];
    person_pay p;
    p.person = i;
    p.task_force = key.task_force;
    p.baseline = key.baseline;
    p.task_force_coefficient = out.task_forces[key.task_force].coefficient;
    p.team_coefficient = r.teams[key.team].coefficient;
    p.individual_coefficient = policy.individual[key.band].coefficient;
    p.share = r.shares[i];
    p.floor = cny_money::from_fen(r.floors[i]);
    p.cap = cny_money::from_fen(r.caps[i]);
    p.clamp = core.clamp[i];
    p.raw_whole = cny_money::from_fen(core.whole[i]);
    p.raw_remainder = core.remainder[i];
    p.rounding_fen = core.pay[i] - core.whole[i];
    p.base_pay = cny_money::from_fen(core.pay[i]);
    p.award = award[i];
    p.total = p.base_pay + p.award;
    out.base_paid += p.base_pay;
    out.awards_paid += p.award;
    task_force_pay& tf = out.task_forces[p.task_force];
    ++tf.head_count;
    tf.baseline += p.baseline;
    tf.base_pay += p.base_pay;
    tf.award += p.award;
    tf.total += p.total;
    out.people.push_back(p);
  }
  out.total_paid = out.base_paid + out.awards_paid;
}
}  // namespace

pay_result allocate_pay(const std::vector<staff_member>& staff, const scorecard_summary& scorecard,
                        const pay_policy& policy, const std::vector<award_event>& events) {
  pay_result out;
  roster_pass roster = read_roster(staff, scorecard, policy, out);
  out.pool = multiply(out.baseline, policy.multiplier, rounding::half_away_from_zero);
  const clamped_allocation core = allocate_clamped(roster.shares, roster.floors, roster.caps, out.pool.fen());
  out.raw_denominator = core.denominator;
  set_lambda(core, out);
  const std::vector<cny_money> award =
      award_payer(staff, scorecard, policy, out).pay(events, roster.tf_index);
  write_people(roster, core, award, policy, out);
  return out;
}

}  // namespace zoneperf
