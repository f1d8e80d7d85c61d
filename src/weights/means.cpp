// Weighted means (COINr a_amean, a_gmean, a_hmean).
#include "zoneperf/weights/means.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>

namespace zoneperf {
namespace {

enum class positivity { any, required };

// Checks the weights and returns the sum of the weights of the values present.
double checked_weight_sum(const Eigen::Ref<const Eigen::VectorXd>& x,
                          const Eigen::Ref<const Eigen::VectorXd>& w, positivity p, const char* mean) {
  if (w.size() != x.size()) {
    throw error(errc::bad_weights, "",
                fmt::format("{} values but {} weights: give one weight per value", x.size(), w.size()));
  }
  std::vector<problem> problems;
  double sum = 0;
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    if (!std::isfinite(w[i]) || w[i] < 0) {
      problems.push_back({errc::bad_weights, fmt::format("#{}", i + 1),
                          fmt::format("weight {} must be finite and non-negative", w[i])});
      continue;
    }
    if (std::isnan(x[i])) continue;
    if (p == positivity::required && !(x[i] > 0)) {
      problems.push_back({errc::bad_mean_input, fmt::format("#{}", i + 1),
                          fmt::format("value {} is not positive: the {} mean needs values > 0", x[i], mean)});
    }
    sum += w[i];
  }
  if (!problems.empty()) throw error(std::move(problems));
  return sum;
}

bool all_missing(const Eigen::Ref<const Eigen::VectorXd>& x) {
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    if (!std::isnan(x[i])) return false;
  }
  return true;
}

void require_positive(double sum) {
  if (!(sum > 0)) throw error(errc::bad_weights, "", "the weights of the values present add up to 0");
}

}  // namespace

double weighted_arithmetic_mean(const Eigen::Ref<const Eigen::VectorXd>& x,
                                const Eigen::Ref<const Eigen::VectorXd>& w) {
  const double ws = checked_weight_sum(x, w, positivity::any, "arithmetic");
  if (all_missing(x)) return std::numeric_limits<double>::quiet_NaN();
  require_positive(ws);
  double s = 0;
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    if (!std::isnan(x[i])) s += w[i] * x[i];
  }
  return s / ws;
}

double weighted_geometric_mean(const Eigen::Ref<const Eigen::VectorXd>& x,
                               const Eigen::Ref<const Eigen::VectorXd>& w) {
  const double ws = checked_weight_sum(x, w, positivity::required, "geometric");
  if (all_missing(x)) return std::numeric_limits<double>::quiet_NaN();
  require_positive(ws);
  // exp(sum(w ln x) / sum(w)) = prod(x^w)^(1/sum(w)), without overflowing the product.
  double s = 0;
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    if (!std::isnan(x[i])) s += w[i] * std::log(x[i]);
  }
  return std::exp(s / ws);
}

double weighted_harmonic_mean(const Eigen::Ref<const Eigen::VectorXd>& x,
                              const Eigen::Ref<const Eigen::VectorXd>& w) {
  const double ws = checked_weight_sum(x, w, positivity::required, "harmonic");
  if (all_missing(x)) return std::numeric_limits<double>::quiet_NaN();
  require_positive(ws);
  double s = 0;
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    if (!std::isnan(x[i])) s += w[i] / x[i];
  }
  return ws / s;
}

}  // namespace zoneperf
