// Applying weights to a tree level: points that add up, the rounding named, subtrees rescaled.
#include "zoneperf/weights/apply.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "../support/test_support.hpp"
#include "zoneperf/presets.hpp"

using namespace zoneperf;

namespace {
using zoneperf::test_support::message_of;
double children_sum(const indicator_tree& t, std::size_t i) {
  double s = 0;
  for (int c : t.node(i).children) {
    const auto k = t.node(static_cast<std::size_t>(c)).kind;
    if (k == node_kind::group || k == node_kind::leaf) s += t.node(static_cast<std::size_t>(c)).points;
  }
  return s;
}
}  // namespace

TEST(apply_test, largest_remainder_matches_published_apportionments) {
  // Balinski & Young 1975: (5117, 4400, 162, 161, 160) over 100 seats -> (51, 44, 2, 2, 1)
  EXPECT_EQ(apportion_points({5117, 4400, 162, 161, 160}, 100), (std::vector<double>{51, 44, 2, 2, 1}));
  // Exact quotas: (14, 28, 7, 35) over 12 -> (2, 4, 1, 5)
  EXPECT_EQ(apportion_points({14, 28, 7, 35}, 12), (std::vector<double>{2, 4, 1, 5}));
  // Zeros: (0, 14, 28, 0, 0) over 6 -> (0, 2, 4, 0, 0)
  EXPECT_EQ(apportion_points({0, 14, 28, 0, 0}, 6), (std::vector<double>{0, 2, 4, 0, 0}));
  // Tie, earlier wins: (2, 1, 1, 2, 2) over 2 -> (1, 0, 0, 1, 0)
  EXPECT_EQ(apportion_points({2, 1, 1, 2, 2}, 2), (std::vector<double>{1, 0, 0, 1, 0}));
}

TEST(apply_test, steps_and_unrounded_points) {
  EXPECT_EQ(apportion_points({1, 1, 1}, 10, {points_rounding::largest_remainder, 0.5}),
            (std::vector<double>{3.5, 3.5, 3}));
  const auto exact = apportion_points({1, 1, 1}, 10, {points_rounding::none, 1});
  EXPECT_DOUBLE_EQ(exact[0], 10.0 / 3);
  EXPECT_EQ(message_of([] {
              apportion_points({1, 2}, 10, {points_rounding::largest_remainder, 3});
            }),
            "[zoneperf.weights.814] the points step 3 does not divide the parent's 10 points");
  EXPECT_EQ(message_of([] {
              apportion_points({0, 0}, 10);
            }),
            "[zoneperf.weights.808] the weights add up to 0");
}

TEST(apply_test, group_weights_replace_points_and_rescale_every_subtree) {
  const auto tree = load_preset("task-force");
  const std::vector<std::string> ids = {"attraction",      "delivery",    "openness",
                                        "land_efficiency", "revenue_tax", "service"};
  const auto t = apply_weights(tree, "task-force", ids, {0.30, 0.25, 0.10, 0.15, 0.10, 0.10});
  EXPECT_EQ(t.node(t.index_of("attraction")).points, 30);
  EXPECT_EQ(t.node(t.index_of("delivery")).points, 25);
  EXPECT_EQ(t.node(t.index_of("openness")).points, 10);
  for (std::size_t i = 0; i < t.size(); ++i) {
    const auto k = t.node(i).kind;
    if (k == node_kind::root || k == node_kind::group)
      EXPECT_EQ(children_sum(t, i), t.node(i).points) << t.node(i).id;
  }
  // attraction's leaves 8, 8, 9 of 25 become 30 in whole points: quotas 9.6, 9.6, 10.8 -> 10, 9, 11
  EXPECT_EQ(t.node(t.index_of("intent_projects")).points, 10);
  EXPECT_EQ(t.node(t.index_of("signed_projects")).points, 9);
  EXPECT_EQ(t.node(t.index_of("signed_investment")).points, 11);
  // Bonus, penalty and veto items are untouched; the result round-trips through JSON.
  EXPECT_EQ(t.node(t.index_of("major_projects")).max, 8);
  EXPECT_EQ(indicator_tree::from_json(t.to_json()).to_json(), t.to_json());
}

TEST(apply_test, leaf_weights_within_a_group) {
  const auto tree = load_preset("task-force");
  const auto t = apply_weights(tree, "land_efficiency", {"tax_per_mu", "investment_per_mu"}, {2, 1},
                               {points_rounding::largest_remainder, 0.5});
  EXPECT_EQ(t.node(t.index_of("investment_per_mu")).points, 5);
  EXPECT_EQ(t.node(t.index_of("tax_per_mu")).points, 10);
  EXPECT_EQ(t.node(t.index_of("land_efficiency")).points, 15);
}

TEST(apply_test, a_level_must_name_every_scored_child) {
  const auto tree = load_preset("task-force");
  EXPECT_EQ(message_of([&] { apply_weights(tree, "nowhere", {}, {}); }),
            "[zoneperf.weights.813] nowhere: no node 'nowhere' in the tree");
  EXPECT_EQ(
      message_of([&] { apply_weights(tree, "revenue", {}, {}); }),
      "[zoneperf.weights.813] revenue: 'revenue' is a leaf: weights apply to the children of the root or "
      "of a group");
  EXPECT_EQ(message_of([&] {
              apply_weights(tree, "land_efficiency", {"tax_per_mu", "revenue"}, {1, 1});
            }),
            "[zoneperf.weights.813] revenue: 'revenue' is not a scored child of 'land_efficiency'\n"
            "[zoneperf.weights.813] investment_per_mu: child 'investment_per_mu' of 'land_efficiency' has no "
            "weight");
  EXPECT_EQ(message_of([&] {
              apply_weights(tree, "land_efficiency", {"tax_per_mu", "investment_per_mu"}, {1, -1});
            }),
            "[zoneperf.weights.808] land_efficiency: weight -1 must be finite and non-negative");
}
