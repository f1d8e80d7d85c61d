// Each leaf rule's formula with its edges, through the engine (one leaf per tree).
#include "zoneperf/detail/rules.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "zoneperf/assess.hpp"

using namespace zoneperf;

namespace {
const double NaN = std::numeric_limits<double>::quiet_NaN();

// A one-leaf tree worth 10 points with the given rule, direction and default target.
indicator_tree one_leaf(const std::string& rule, const std::string& extra = "") {
  return indicator_tree::from_json(R"({"id":"t","points":10,"children":[{"id":"x","points":10,"rule":)" +
                                   rule + extra + "}]}");
}

// The fraction f each unit earns (points / 10).
std::vector<double> fractions(const indicator_tree& tree, std::vector<double> values) {
  Eigen::Map<const Eigen::MatrixXd> m(values.data(), static_cast<Eigen::Index>(values.size()), 1);
  const auto r = assess(tree, m);
  std::vector<double> f;
  for (Eigen::Index u = 0; u < r.units(); ++u) f.push_back(r.score(u, tree.index_of("x")) / 10);
  return f;
}
void expect_fractions(const indicator_tree& tree, std::vector<double> values, std::vector<double> expected) {
  const auto got = fractions(tree, std::move(values));
  ASSERT_EQ(got.size(), expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) EXPECT_DOUBLE_EQ(got[i], expected[i]) << "unit " << i;
}
}  // namespace

TEST(rules_test, completion_is_actual_over_target_clamped_to_the_cap) {
  const auto capped = one_leaf(R"({"kind":"completion","cap":1.2})", R"(,"target":10)");
  expect_fractions(capped, {0, 5, 11, 12, 20, -3}, {0, 0.5, 1.1, 1.2, 1.2, 0});
  const auto plain = one_leaf(R"({"kind":"completion"})", R"(,"target":10)");
  // COINr distance to target (target 10, higher is better): (0, 5, 11) -> (0, 0.5, 1.1); capped -> (0, 0.5,
  // 1)
  expect_fractions(plain, {0, 5, 11}, {0, 0.5, 1});
}

TEST(rules_test, lower_is_better_completion_inverts_and_zero_actual_earns_the_cap) {
  const auto tree = one_leaf(R"({"kind":"completion","cap":1.2})", R"(,"direction":"lower","target":10)");
  expect_fractions(tree, {20, 10, 0, 5}, {0.5, 1, 1.2, 1.2});
}

TEST(rules_test, a_value_exactly_on_a_band_floor_takes_that_band) {
  const auto tree = one_leaf(
      R"({"kind":"banded","bands":[{"min":1,"value":1},{"min":0.8,"value":0.75},{"min":0.5,"value":0.5}]})",
      R"(,"target":100)");
  // 80/100 is exactly 0.8 in double; 50/100 exactly 0.5.
  expect_fractions(tree, {100, 80, 79.99, 50, 49.99, 0, 130}, {1, 0.75, 0.5, 0.5, 0, 0, 1});
  // A ratio that only reaches the floor when divided as written: 0.3 / 0.1 is 2.9999999999999996 in
  // double, so a floor at 3 is not reached (a reciprocal multiply, 0.3 * 10, would give exactly 3).
  const auto three = one_leaf(R"({"kind":"banded","bands":[{"min":3,"value":1}]})", R"(,"target":0.1)");
  expect_fractions(three, {0.3}, {0});
}

TEST(rules_test, interpolated_bands_are_linear_between_floors_and_zero_below) {
  const auto tree = one_leaf(
      R"({"kind":"banded","interpolate":true,"bands":[{"min":1,"value":1},{"min":0.5,"value":0.5}]})",
      R"(,"target":100)");
  expect_fractions(tree, {75, 50, 120, 40}, {0.75, 0.5, 1, 0});
}

TEST(rules_test, threshold_is_all_or_nothing_at_ratio_one) {
  const auto tree = one_leaf(R"({"kind":"threshold"})", R"(,"target":3)");
  expect_fractions(tree, {2.999, 3, 7}, {0, 1, 1});
  const auto lower = one_leaf(R"({"kind":"threshold"})", R"(,"direction":"lower","target":3)");
  expect_fractions(lower, {2, 3, 3.5, 0}, {1, 1, 0, 1});
}

TEST(rules_test, benchmark_has_no_cap_unless_given_and_lower_uses_two_minus_ratio) {
  const auto tree = one_leaf(R"({"kind":"benchmark"})", R"(,"target":20)");
  expect_fractions(tree, {10, 20, 50}, {0.5, 1, 2.5});
  const auto capped = one_leaf(R"({"kind":"benchmark","cap":1.5})", R"(,"target":20)");
  expect_fractions(capped, {50}, {1.5});
  const auto lower = one_leaf(R"({"kind":"benchmark"})", R"(,"direction":"lower","target":20)");
  // max(0, 2 - r/b): the fsou rule for negative indicators, 0 at twice the benchmark.
  expect_fractions(lower, {10, 20, 40, 60}, {1.5, 1, 0, 0});
}

TEST(rules_test, goalposts_follow_coinr) {
  // COINr: goalposts lo 0 hi 10: 1 -> 0.1, 11 -> 1, -1 -> 0; lower is better: 1 -> 0.9.
  const auto tree = one_leaf(R"({"kind":"goalposts","lo":0,"hi":10})");
  expect_fractions(tree, {1, 11, -1}, {0.1, 1, 0});
  const auto lower = one_leaf(R"({"kind":"goalposts","lo":0,"hi":10})", R"(,"direction":"lower")");
  expect_fractions(lower, {1}, {0.9});
}

TEST(rules_test, minmax_scales_between_batch_extremes_with_a_floor) {
  const auto tree = one_leaf(R"({"kind":"minmax","floor":0.2})");
  expect_fractions(tree, {10, 20, 30}, {0.2, 0.6, 1});
  const auto lower = one_leaf(R"({"kind":"minmax"})", R"(,"direction":"lower")");
  expect_fractions(lower, {10, 20, 30}, {1, 0.5, 0});
  expect_fractions(lower, {7, 7, 7}, {1, 1, 1});  // all equal
}

TEST(rules_test, minmax_statistics_ignore_missing_values) {
  const auto tree = one_leaf(R"({"kind":"minmax"})", R"(,"missing":"zero")");
  expect_fractions(tree, {10, NaN, 30, 20}, {0, 0, 1, 0.5});
}

TEST(rules_test, rank_uses_competition_ranks_with_ties) {
  const auto tree = one_leaf(R"({"kind":"rank","step":0.25})");
  // values 9, 7, 9, 5, 7 -> ranks 1, 3, 1, 5, 3
  expect_fractions(tree, {9, 7, 9, 5, 7}, {1, 0.5, 1, 0, 0.5});
  const auto lower = one_leaf(R"({"kind":"rank"})", R"(,"direction":"lower")");
  expect_fractions(lower, {3, 1, 2}, {0.8, 1, 0.9});
  const auto leader = one_leaf(R"({"kind":"rank","mode":"leader"})");
  expect_fractions(leader, {12, 6, 3}, {1, 0.5, 0.25});  // score = 6 * x / x_max style
}

// The radix order behind every ranking equals a stable comparison sort, over values whose bits
// differ in every digit: both signs, zeros of both signs (equal), infinities, subnormals, ties,
// and NaN (left out).
TEST(rules_test, rank_order_equals_a_stable_comparison_sort) {
  std::mt19937_64 rng(5);
  std::vector<double> x(20000);
  for (std::size_t i = 0; i < x.size(); ++i) {
    std::uint64_t bits = rng();
    double v;
    std::memcpy(&v, &bits, sizeof v);  // any double, NaN included
    switch (i % 8) {
      case 0:
        v = std::ldexp(static_cast<double>(rng() % 1000) - 500, -3);
        break;  // ties
      case 1:
        v = i % 16 == 1 ? 0.0 : -0.0;
        break;
      case 2:
        v = i % 3 ? std::numeric_limits<double>::infinity() : -std::numeric_limits<double>::infinity();
        break;
      case 3:
        v = std::numeric_limits<double>::denorm_min() * static_cast<double>(rng() % 5 + 1) * (i % 2 ? 1 : -1);
        break;
      default:
        break;
    }
    x[i] = v;
  }
  for (bool lower : {false, true}) {
    std::vector<std::uint32_t> want;
    for (std::uint32_t i = 0; i < x.size(); ++i)
      if (!std::isnan(x[i])) want.push_back(i);
    std::stable_sort(want.begin(), want.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return lower ? x[a] < x[b] : x[a] > x[b]; });
    std::vector<std::uint64_t> keys;
    const auto got = detail::rank_order(
        x.data(), x.size(), lower ? direction::lower_is_better : direction::higher_is_better, &keys);
    ASSERT_EQ(got, want) << (lower ? "lower" : "higher") << " is better";
    for (std::size_t k = 1; k < got.size(); ++k)
      ASSERT_EQ(keys[k] == keys[k - 1], x[got[k]] == x[got[k - 1]]) << "position " << k;
  }
}

TEST(rules_test, lookup_maps_codes_and_a_veto_code_vetoes_the_unit) {
  const auto tree = one_leaf(R"({"kind":"lookup","table":{"A":1,"B":0.7,"C":0.4},"veto":["blacklist"]})");
  std::vector<double> v{0, 1, 2, 3};
  Eigen::Map<const Eigen::MatrixXd> m(v.data(), 4, 1);
  const auto r = assess(tree, m);
  EXPECT_EQ(r.score(1, 1), 7);
  EXPECT_EQ(r.score(2, 1), 4);
  EXPECT_FALSE(r.vetoed(2));
  EXPECT_TRUE(r.vetoed(3));
  EXPECT_EQ(r.total(3), 0);
  std::vector<double> bad{0, 1.5};
  Eigen::Map<const Eigen::MatrixXd> mb(bad.data(), 2, 1);
  try {
    assess(tree, mb);
    FAIL();
  } catch (const error& e) {
    EXPECT_STREQ(e.what(),
                 "[zoneperf.data.312] unit #2, indicator \"x\": value 1.5 is not a code index of the "
                 "lookup table (0 to 3)");
  }
}
