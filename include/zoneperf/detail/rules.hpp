#pragma once
// The per-value formulas of the leaf rules (docs/semantics.md §4), shared by the assessment engine and the
// standalone normalisers (weights/normalise.hpp), so both compute bit-identical results.
// Every ratio is r / t (or t / r) as written: never a multiplication by a reciprocal, so a value
// sitting exactly on a band floor lands on the same side everywhere.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numeric>
#include <vector>

#include "zoneperf/detail/rank_buffers.hpp"
#include "zoneperf/tree.hpp"

namespace zoneperf::detail {

/// How banded_fraction reads a ratio between two band floors: the value of the band it reaches
/// (steps), or a straight line towards the band above (linear: a banded rule's "interpolate").
/// Its underlying type is bool, like the rule's `interpolate`, so it costs what that bool did.
enum class band_interpolation : bool { steps = false, linear = true };

/// The band interpolation a rule asks for (its "interpolate").
inline band_interpolation interpolation_of(const rule& ru) { return band_interpolation{ru.interpolate}; }

/// Completion ratio r / t; lower-is-better uses t / r, with r = 0 giving +infinity (then the cap).
inline double target_ratio(double r, double t, direction dir) {
  if (dir != direction::lower_is_better) return r / t;
  return r == 0 ? std::numeric_limits<double>::infinity() : t / r;
}

/// clamp(x, lo, hi) that maps NaN to lo.
inline double clamp_to(double x, double lo, double hi) { return x > lo ? (x < hi ? x : hi) : lo; }

/// completion: clamp(ratio, 0, cap).
inline double completion_fraction(double ratio, double cap) { return clamp_to(ratio, 0.0, cap); }

/// threshold: 1 when ratio >= 1, else 0.
inline double threshold_fraction(double ratio) { return ratio >= 1.0 ? 1.0 : 0.0; }

/// banded: bands in descending `min`; the value of the first band whose min <= ratio, else 0.
/// With band_interpolation::linear, a straight line between adjacent bands (the top band's value
/// above it, 0 below the lowest floor). Band is any type with `min` and `value` members.
template <class Band>
inline double banded_fraction(double ratio, const Band* bands, std::size_t n, band_interpolation how) {
  for (std::size_t k = 0; k < n; ++k) {
    if (bands[k].min <= ratio) {
      if (how == band_interpolation::steps || k == 0) return bands[k].value;
      const Band& hi = bands[k - 1];
      const Band& lo = bands[k];
      return lo.value + (hi.value - lo.value) * ((ratio - lo.min) / (hi.min - lo.min));
    }
  }
  return 0.0;
}

/// benchmark: r / b (at least 0, at most cap when given); lower-is-better: max(0, 2 - r / b).
inline double benchmark_fraction(double r, double b, direction dir, double cap) {
  const double q = r / b;
  const double f = dir == direction::lower_is_better ? 2.0 - q : q;
  return clamp_to(f, 0.0, cap);
}

/// goalposts: clamp((r - lo) / (hi - lo), 0, 1); lower-is-better clamp((hi - r) / (hi - lo), 0, 1).
inline double goalposts_fraction(double r, double lo, double hi, direction dir) {
  const double f = dir == direction::lower_is_better ? (hi - r) / (hi - lo) : (r - lo) / (hi - lo);
  return clamp_to(f, 0.0, 1.0);
}

/// minmax over a batch: floor + (1 - floor) * (r - min) / (max - min); lower-is-better uses max - r;
/// all equal gives 1.
inline double minmax_fraction(double r, double min, double max, double floor, direction dir) {
  if (max == min) return 1.0;
  const double d = dir == direction::lower_is_better ? (max - r) : (r - min);
  return floor + (1.0 - floor) * (d / (max - min));
}

/// rank: max(0, 1 - step * (rank - 1)) for a competition rank (1 is best).
inline double rank_fraction(double rank, double step) {
  const double f = 1.0 - step * (rank - 1.0);
  return f > 0 ? f : 0.0;
}

/// leader: r / max, the best performer earning full marks.
inline double leader_fraction(double r, double max) { return clamp_to(r / max, 0.0, 1.0); }

/// The units with a value (not NaN) in ranking order, best first (the largest for
/// higher-is-better, the smallest for lower-is-better), ties in input order; -0 ties with +0.
/// `keys`, when given, receives their sort keys in the same order (equal keys: tied values).
std::vector<std::uint32_t> rank_order(const double* x, std::size_t n, direction dir,
                                      std::vector<std::uint64_t>* keys = nullptr);
/// The same into buf.idx (the order) and buf.key (their keys), reusing buf's storage.
void rank_order(const double* x, std::size_t n, direction dir, rank_buffers& buf);
/// The same over the n values x[0], x[stride], ..., x[(n - 1) * stride] (a matrix's column or row).
void rank_order(const double* x, std::size_t n, std::ptrdiff_t stride, direction dir, rank_buffers& buf);

/// Competition ranks (ties "min": 1, 2, 2, 4) of the n values x[0..n), written to out[0..n): the
/// best value ranks 1. NaN values take no rank (out = NaN) and do not count for the others.
void competition_ranks(const double* x, std::size_t n, double* out, direction dir);
/// The same over x[0], x[stride], ..., x[(n - 1) * stride], sorting in buf's reused storage.
void competition_ranks(const double* x, std::size_t n, std::ptrdiff_t stride, double* out, direction dir,
                       rank_buffers& buf);

}  // namespace zoneperf::detail
