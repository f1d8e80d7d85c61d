// Normalisers: COINr's semantics on top of the leaf-rule formulas of detail/rules.hpp.
#include "zoneperf/weights/normalise.hpp"

#include <cmath>
#include <limits>

#include "zoneperf/detail/rules.hpp"

namespace zoneperf {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

struct extent {
  double min = std::numeric_limits<double>::infinity();
  double max = -std::numeric_limits<double>::infinity();
  Eigen::Index count = 0;
};

extent extent_of(const Eigen::Ref<const Eigen::VectorXd>& x) {
  extent e;
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    const double v = x[i];
    if (std::isnan(v)) continue;
    if (v < e.min) e.min = v;
    if (v > e.max) e.max = v;
    ++e.count;
  }
  return e;
}

bool lower(direction d) { return d == direction::lower_is_better; }

// f(x) for each value; a missing value (NaN) stays missing.
template <class F>
Eigen::VectorXd map_present(const Eigen::Ref<const Eigen::VectorXd>& x, F f) {
  Eigen::VectorXd out(x.size());
  for (Eigen::Index i = 0; i < x.size(); ++i) out[i] = std::isnan(x[i]) ? nan : f(x[i]);
  return out;
}

}  // namespace

Eigen::VectorXd normalise_minmax(const Eigen::Ref<const Eigen::VectorXd>& x, bounds b, direction d) {
  const extent e = extent_of(x);
  return map_present(x, [&](double v) {
    return b.lower + (b.upper - b.lower) * detail::minmax_fraction(v, e.min, e.max, 0.0, d);
  });
}

Eigen::VectorXd normalise_zscore(const Eigen::Ref<const Eigen::VectorXd>& x, double mean, double sd,
                                 direction d) {
  double sum = 0;
  Eigen::Index n = 0;
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    if (!std::isnan(x[i])) {
      sum += x[i];
      ++n;
    }
  }
  const double m = n > 0 ? sum / static_cast<double>(n) : 0.0;
  double ss = 0;
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    if (!std::isnan(x[i])) ss += (x[i] - m) * (x[i] - m);
  }
  const double s = n > 1 ? std::sqrt(ss / static_cast<double>(n - 1)) : 0.0;
  return map_present(x, [&](double v) {
    if (s == 0) return mean;
    const double z = (v - m) / s;
    return (lower(d) ? -z : z) * sd + mean;
  });
}

Eigen::VectorXd normalise_goalposts(const Eigen::Ref<const Eigen::VectorXd>& x, double lo, double hi,
                                    direction d, double scale) {
  return map_present(x, [&](double v) { return scale * detail::goalposts_fraction(v, lo, hi, d); });
}

Eigen::VectorXd normalise_distance_to_target(const Eigen::Ref<const Eigen::VectorXd>& x, double target,
                                             direction d, target_cap cap) {
  const extent e = extent_of(x);
  return map_present(x, [&](double v) {
    // COINr's 1 - (t - x) / (t - min) is the min-max fraction with the target as the far end.
    const double f = lower(d) ? detail::minmax_fraction(v, target, e.max, 0.0, direction::lower_is_better)
                              : detail::minmax_fraction(v, e.min, target, 0.0, direction::higher_is_better);
    return cap == target_cap::capped && f > 1 ? 1.0 : f;
  });
}

Eigen::VectorXd normalise_fraction_of_max(const Eigen::Ref<const Eigen::VectorXd>& x) {
  const extent e = extent_of(x);
  return map_present(x, [&](double v) { return detail::leader_fraction(v, e.max); });
}

Eigen::VectorXd normalise_rank(const Eigen::Ref<const Eigen::VectorXd>& x, direction d) {
  // COINr ranks ascending (the smallest value is 1): the tree's best-first ranks with the
  // direction turned round.
  const Eigen::VectorXd v = x;
  Eigen::VectorXd out(x.size());
  const direction reversed = lower(d) ? direction::higher_is_better : direction::lower_is_better;
  detail::competition_ranks(v.data(), static_cast<std::size_t>(v.size()), out.data(), reversed);
  return out;
}

Eigen::VectorXd normalise_percentile_rank(const Eigen::Ref<const Eigen::VectorXd>& x, direction d) {
  Eigen::VectorXd r = normalise_rank(x, d);
  const Eigen::Index n = extent_of(x).count;
  for (Eigen::Index i = 0; i < r.size(); ++i) {
    if (std::isnan(r[i])) continue;
    r[i] = n > 1 ? (r[i] - 1) / static_cast<double>(n - 1) : 0.0;
  }
  return r;
}

}  // namespace zoneperf
