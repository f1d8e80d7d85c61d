#pragma once
// Portable random variates on std::mt19937_64 (whose output sequence the C++ standard fixes).
// The std:: distributions are implementation-defined, so every variate here is built from raw
// engine outputs with a documented algorithm: the same seed gives the same numbers everywhere
// (bit for bit for uniform; gamma also calls log, sqrt and pow).
#include <cmath>
#include <cstdint>
#include <random>

namespace zoneperf::detail {

/// Uniform on [0, 1): the top 53 bits of one engine output, times 2^-53 (exact).
inline double uniform01(std::mt19937_64& g) { return static_cast<double>(g() >> 11) * 0x1.0p-53; }

/// Standard normal by Marsaglia's polar method; returns the first value of each accepted pair
/// (the second is discarded so that no state is carried between calls).
inline double standard_normal(std::mt19937_64& g) {
  for (;;) {
    const double v1 = 2.0 * uniform01(g) - 1.0;
    const double v2 = 2.0 * uniform01(g) - 1.0;
    const double s = v1 * v1 + v2 * v2;
    if (s > 0.0 && s < 1.0) {
      const double factor = std::sqrt(-2.0 * std::log(s) / s);
      return v1 * factor;
    }
  }
}

/// Gamma(shape, 1) by Marsaglia & Tsang (2000), shape >= 1.
inline double gamma_variate(std::mt19937_64& g, double shape) {
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    const double z = standard_normal(g);
    double v = 1.0 + c * z;
    if (v <= 0.0) continue;
    v = v * v * v;
    const double u = uniform01(g);
    const double z2 = z * z;
    if (u < 1.0 - 0.0331 * (z2 * z2)) return d * v;
    if (std::log(u) < 0.5 * z2 + d * (1.0 - v + std::log(v))) return d * v;
  }
}

/// A gamma variate and its logarithm, computed from the same engine outputs.
struct gamma_draw {
  double value;
  double log_value;  ///< log(value), computed in log space: finite where `value` underflows to 0
};

/// Gamma(shape, 1) by Marsaglia & Tsang (2000); shape < 1 uses Gamma(shape + 1) x U^(1/shape),
/// whose logarithm is log Gamma(shape + 1) + log(U) / shape (-inf only when U is exactly 0).
inline gamma_draw gamma_variate_and_log(std::mt19937_64& g, double shape) {
  if (shape < 1.0) {
    const gamma_draw boosted = gamma_variate_and_log(g, shape + 1.0);
    const double u = uniform01(g);
    return {boosted.value * std::pow(u, 1.0 / shape), boosted.log_value + std::log(u) / shape};
  }
  const double value = gamma_variate(g, shape);
  return {value, std::log(value)};
}

}  // namespace zoneperf::detail
