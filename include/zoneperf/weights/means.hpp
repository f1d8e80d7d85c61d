#pragma once
/// Weighted means with COINr's semantics (a_amean, a_gmean, a_hmean in bluefoxr/COINr).
///
/// Synopsis
///   double weighted_arithmetic_mean(x, w);  // sum(w x) / sum(w)
///   double weighted_geometric_mean(x, w);   // prod(x^w)^(1 / sum(w)); every x > 0
///   double weighted_harmonic_mean(x, w);    // sum(w) / sum(w / x);    every x > 0
///
/// NaN values are skipped with their weights (COINr's na.rm = TRUE), and all NaN gives NaN.
/// Weights must be finite and non-negative with a positive sum over the values present, and as
/// many as the values (error 808). A zero or negative value in a geometric or harmonic mean is
/// error 815 naming its position ("#3" for the third value).
#include <Eigen/Core>

#include "zoneperf/error.hpp"
#include "zoneperf/weights/errc.hpp"

namespace zoneperf {

double weighted_arithmetic_mean(const Eigen::Ref<const Eigen::VectorXd>& x,
                                const Eigen::Ref<const Eigen::VectorXd>& w);
double weighted_geometric_mean(const Eigen::Ref<const Eigen::VectorXd>& x,
                               const Eigen::Ref<const Eigen::VectorXd>& w);
double weighted_harmonic_mean(const Eigen::Ref<const Eigen::VectorXd>& x,
                              const Eigen::Ref<const Eigen::VectorXd>& w);

}  // namespace zoneperf
