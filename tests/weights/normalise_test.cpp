// Normalisers: COINr's own test vectors, the degenerate cases, and agreement with the tree's rules.
#include "zoneperf/weights/normalise.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "zoneperf/detail/rules.hpp"

using namespace zoneperf;

namespace {
Eigen::VectorXd vec(std::initializer_list<double> v) {
  Eigen::VectorXd x(static_cast<Eigen::Index>(v.size()));
  Eigen::Index i = 0;
  for (double d : v) x[i++] = d;
  return x;
}
constexpr double NaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

TEST(normalise_test, minmax_maps_onto_the_bounds) {
  // COINr test-normalise.R "norm_num": 1:10 onto (2, 7) has min 2 and max 7.
  Eigen::VectorXd x = Eigen::VectorXd::LinSpaced(10, 1, 10);
  const auto y = normalise_minmax(x, {2, 7});
  EXPECT_DOUBLE_EQ(y.minCoeff(), 2);
  EXPECT_DOUBLE_EQ(y.maxCoeff(), 7);
  const auto r = normalise_minmax(vec({1, 3, 5}), {}, direction::lower_is_better);
  EXPECT_DOUBLE_EQ(r[0], 100);
  EXPECT_DOUBLE_EQ(r[1], 50);
  EXPECT_DOUBLE_EQ(r[2], 0);
  // All equal gives the upper bound (the tree's minmax rule), NaN stays NaN.
  const auto c = normalise_minmax(vec({4, NaN, 4}), {0, 1});
  EXPECT_EQ(c[0], 1);
  EXPECT_TRUE(std::isnan(c[1]));
}

TEST(normalise_test, zscore_uses_the_sample_sd) {
  // COINr "norm_num": 1:10 with m_sd (5, 2) has mean 5 and sd 2.
  Eigen::VectorXd x = Eigen::VectorXd::LinSpaced(10, 1, 10);
  const auto y = normalise_zscore(x, 5, 2);
  EXPECT_NEAR(y.mean(), 5, 1e-12);
  EXPECT_NEAR(std::sqrt((y.array() - y.mean()).square().sum() / 9), 2, 1e-12);
  const auto s = normalise_zscore(vec({1, 2, 3}));
  EXPECT_DOUBLE_EQ(s[0], -1);  // mean 2, sample sd 1
  EXPECT_DOUBLE_EQ(normalise_zscore(vec({1, 2, 3}), 0, 1, direction::lower_is_better)[0], 1);
  EXPECT_EQ(normalise_zscore(vec({3, 3}), 7)[1], 7);  // no spread: the target mean
}

TEST(normalise_test, goalposts_match_coinr) {
  // COINr test-normalise.R "n_funcs": goalposts (0, 10, 1)
  EXPECT_DOUBLE_EQ(normalise_goalposts(vec({1}), 0, 10)[0], 0.1);
  EXPECT_DOUBLE_EQ(normalise_goalposts(vec({11}), 0, 10)[0], 1);
  EXPECT_DOUBLE_EQ(normalise_goalposts(vec({-1}), 0, 10)[0], 0);
  EXPECT_DOUBLE_EQ(normalise_goalposts(vec({1}), 0, 10, direction::lower_is_better)[0], 0.9);
  EXPECT_DOUBLE_EQ(normalise_goalposts(vec({-1}), 0, 10, direction::lower_is_better)[0], 1);
  EXPECT_DOUBLE_EQ(normalise_goalposts(vec({11}), 0, 10, direction::lower_is_better)[0], 0);
  EXPECT_DOUBLE_EQ(normalise_goalposts(vec({0.5}), 0.2, 0.8, direction::higher_is_better, 10)[0], 5);
}

TEST(normalise_test, distance_to_target_matches_coinr) {
  // COINr test-normalise.R "dist2targ": target 10, (0, 5, 11) -> (0, 0.5, 1.1); capped (0, 0.5, 1)
  const auto y = normalise_distance_to_target(vec({0, 5, 11}), 10);
  EXPECT_DOUBLE_EQ(y[0], 0);
  EXPECT_DOUBLE_EQ(y[1], 0.5);
  EXPECT_DOUBLE_EQ(y[2], 1.1);
  const auto c =
      normalise_distance_to_target(vec({0, 5, 11}), 10, direction::higher_is_better, target_cap::capped);
  EXPECT_DOUBLE_EQ(c[2], 1);
  // Reverse direction, target 0: (-1, 1, 10) -> (1.1, 0.9, 0); capped (1, 0.9, 0)
  const auto r = normalise_distance_to_target(vec({-1, 1, 10}), 0, direction::lower_is_better);
  EXPECT_DOUBLE_EQ(r[0], 1.1);
  EXPECT_DOUBLE_EQ(r[1], 0.9);
  EXPECT_DOUBLE_EQ(r[2], 0);
  const auto rc =
      normalise_distance_to_target(vec({-1, 1, 10}), 0, direction::lower_is_better, target_cap::capped);
  EXPECT_DOUBLE_EQ(rc[0], 1);
  // COINr "norm_num": 1:10, target 8, capped: min 0, max 1, every x >= 8 gives 1.
  const auto n = normalise_distance_to_target(Eigen::VectorXd::LinSpaced(10, 1, 10), 8,
                                              direction::higher_is_better, target_cap::capped);
  EXPECT_DOUBLE_EQ(n.minCoeff(), 0);
  EXPECT_DOUBLE_EQ(n[7], 1);
  EXPECT_DOUBLE_EQ(n[9], 1);
}

TEST(normalise_test, fraction_of_max) {
  const auto y = normalise_fraction_of_max(vec({2, 4, 8, NaN}));
  EXPECT_DOUBLE_EQ(y[0], 0.25);
  EXPECT_DOUBLE_EQ(y[2], 1);
  EXPECT_TRUE(std::isnan(y[3]));
  EXPECT_DOUBLE_EQ(normalise_fraction_of_max(vec({-1, 4}))[0], 0);  // clamped like the leader rule
}

TEST(normalise_test, ranks_with_ties_min_and_percentile_ranks) {
  // R: rank(c(10, 20, 20, 5), ties.method = "min") = 2 3 3 1
  const auto r = normalise_rank(vec({10, 20, 20, 5}));
  EXPECT_EQ(r, vec({2, 3, 3, 1}));
  EXPECT_EQ(normalise_rank(vec({10, 20, 20, 5}), direction::lower_is_better), vec({3, 1, 1, 4}));
  // COINr n_prank: (rank - 1) / (n - 1) over the values present.
  const auto p = normalise_percentile_rank(vec({10, 20, NaN, 20, 5}));
  EXPECT_DOUBLE_EQ(p[0], 1.0 / 3);
  EXPECT_DOUBLE_EQ(p[1], 2.0 / 3);
  EXPECT_TRUE(std::isnan(p[2]));
  EXPECT_DOUBLE_EQ(p[4], 0);
  EXPECT_EQ(normalise_percentile_rank(vec({7}))[0], 0);
}

TEST(normalise_test, normalisers_and_leaf_rules_agree_to_the_bit) {
  const Eigen::VectorXd x = vec({3.7, 12.25, 0.1, 8.8, 12.25});
  const auto mm = normalise_minmax(x, {0, 1}, direction::lower_is_better);
  const auto gp = normalise_goalposts(x, 1.5, 11);
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    EXPECT_EQ(mm[i], detail::minmax_fraction(x[i], 0.1, 12.25, 0.0, direction::lower_is_better));
    EXPECT_EQ(gp[i], detail::goalposts_fraction(x[i], 1.5, 11, direction::higher_is_better));
  }
  double best_first[5];
  detail::competition_ranks(x.data(), 5, best_first, direction::higher_is_better);
  EXPECT_EQ(best_first[1], 1);
  EXPECT_EQ(best_first[4], 1);
  EXPECT_EQ(best_first[3], 3);
}
