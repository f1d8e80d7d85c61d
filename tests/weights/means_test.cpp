// Weighted means: COINr's test vectors and the inputs they are not defined for.
#include "zoneperf/weights/means.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "../support/test_support.hpp"

using namespace zoneperf;

namespace {
using zoneperf::test_support::message_of;
Eigen::VectorXd vec(std::initializer_list<double> v) {
  Eigen::VectorXd x(static_cast<Eigen::Index>(v.size()));
  Eigen::Index i = 0;
  for (double d : v) x[i++] = d;
  return x;
}
}  // namespace

TEST(means_test, weighted_geometric_mean_matches_coinr) {
  // COINr tests: (1, 2, 3) with weights (1, 1, 2) = 18^(1/4) = 2.059767
  EXPECT_NEAR(weighted_geometric_mean(vec({1, 2, 3}), vec({1, 1, 2})), 2.059767, 5e-7);
  EXPECT_NEAR(weighted_geometric_mean(vec({1, 2, 3}), vec({1, 1, 2})), std::pow(18.0, 0.25), 1e-14);
}

TEST(means_test, weighted_harmonic_mean_matches_coinr) {
  // COINr tests: (1, 2, 3) with weights (2, 1, 1) = 1.411765
  EXPECT_NEAR(weighted_harmonic_mean(vec({1, 2, 3}), vec({2, 1, 1})), 1.411765, 5e-7);
}

TEST(means_test, weighted_arithmetic_mean_skips_missing_values_with_their_weights) {
  EXPECT_DOUBLE_EQ(weighted_arithmetic_mean(vec({1, 2, 3}), vec({1, 1, 2})), 9.0 / 4);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_DOUBLE_EQ(weighted_arithmetic_mean(vec({1, nan, 3}), vec({1, 5, 1})), 2);
  EXPECT_TRUE(std::isnan(weighted_geometric_mean(vec({nan}), vec({1}))));
}

TEST(means_test, zero_or_negative_values_and_bad_weights_are_errors) {
  EXPECT_EQ(message_of([] {
              weighted_geometric_mean(vec({1, 0, 3}), vec({1, 1, 1}));
            }),
            "[zoneperf.weights.815] #2: value 0 is not positive: the geometric mean needs values > 0");
  EXPECT_EQ(message_of([] {
              weighted_harmonic_mean(vec({-1, 2}), vec({1, 1}));
            }),
            "[zoneperf.weights.815] #1: value -1 is not positive: the harmonic mean needs values > 0");
  EXPECT_EQ(message_of([] {
              weighted_arithmetic_mean(vec({1, 2}), vec({1, -1}));
            }),
            "[zoneperf.weights.808] #2: weight -1 must be finite and non-negative");
  EXPECT_EQ(message_of([] {
              weighted_arithmetic_mean(vec({1, 2}), vec({1}));
            }),
            "[zoneperf.weights.808] 2 values but 1 weights: give one weight per value");
  EXPECT_EQ(message_of([] {
              weighted_arithmetic_mean(vec({1, 2}), vec({0, 0}));
            }),
            "[zoneperf.weights.808] the weights of the values present add up to 0");
}
