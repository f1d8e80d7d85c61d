// Tests of include/zoneperf/land/classes.hpp: A/B/C/D/T classes by rank and by cut-offs.
#include "zoneperf/land/classes.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "../support/test_support.hpp"

using namespace zoneperf;

namespace {
using zoneperf::test_support::message_of;

std::vector<std::size_t> counts(const std::vector<double>& scores,
                                const std::vector<std::uint8_t>& exempt = {}) {
  return classify(default_class_scheme(), scores, exempt).counts;
}

// n distinct scores n, n-1, ..., 1.
std::vector<double> distinct(std::size_t n) {
  std::vector<double> s(n);
  for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<double>(n - i);
  return s;
}

using counts_t = std::vector<std::size_t>;  // A, B, C, D, T
}  // namespace

TEST(land_classes_test, quotas_follow_the_integer_rule) {
  const auto s = default_class_scheme();
  EXPECT_EQ(rank_quotas(s, 1), counts_t({0, 0, 1, 0}));
  EXPECT_EQ(rank_quotas(s, 19), counts_t({3, 7, 9, 0}));  // n < 20: no D
  EXPECT_EQ(rank_quotas(s, 20), counts_t({4, 8, 7, 1}));
  EXPECT_EQ(rank_quotas(s, 21), counts_t({4, 8, 7, 2}));  // D = ⌈105/100⌉
  EXPECT_EQ(rank_quotas(s, 0), counts_t({0, 0, 0, 0}));
}

TEST(land_classes_test, jining_sized_jurisdiction_of_265) {
  // Our rule: A = ⌊53⌋ = 53, B = ⌊106⌋ = 106, D = ⌈13.25⌉ = 14, C = 92.
  // 济宁高新区 published 55 / 97 / 99 / 14 for its 2023 rating of 265 规上 enterprises (plus 10 T),
  // www.jnhn.gov.cn/art/2024/7/24/art_26567_2797580.html. Ties cannot explain the difference: a tie
  // only moves entities up into the better class, which could turn A 53 into 55 but could not
  // shrink B by 9 while C grows by 7. Jining's counts are after its own adjustments (its results
  // "结合定档调档", firms moved down a class for violations or up for key projects) or a B share
  // near 36.6 %; the pure rank rule of docs/semantics.md §5 gives 53/106/92/14.
  EXPECT_EQ(rank_quotas(default_class_scheme(), 265), counts_t({53, 106, 92, 14}));
  EXPECT_EQ(counts(distinct(265)), counts_t({53, 106, 92, 14, 0}));
}

TEST(land_classes_test, class_counts_for_small_and_boundary_sizes) {
  EXPECT_EQ(counts(distinct(1)), counts_t({0, 0, 1, 0, 0}));
  EXPECT_EQ(counts(distinct(19)), counts_t({3, 7, 9, 0, 0}));
  EXPECT_EQ(counts(distinct(20)), counts_t({4, 8, 7, 1, 0}));
  EXPECT_EQ(counts(distinct(21)), counts_t({4, 8, 7, 2, 0}));
  EXPECT_EQ(counts({}), counts_t({0, 0, 0, 0, 0}));
}

TEST(land_classes_test, the_best_scores_take_the_best_class) {
  const auto c = classify(default_class_scheme(), distinct(20));
  EXPECT_EQ(c.class_of[0], 0u);   // 20 points: A
  EXPECT_EQ(c.class_of[3], 0u);   // 4th: A
  EXPECT_EQ(c.class_of[4], 1u);   // 5th: B
  EXPECT_EQ(c.class_of[11], 1u);  // 12th: B
  EXPECT_EQ(c.class_of[12], 2u);  // 13th: C
  EXPECT_EQ(c.class_of[19], 3u);  // last: D
  // Input order does not matter.
  std::vector<double> shuffled = {3, 20, 1, 17, 5, 9, 12, 2, 19, 4, 8, 16, 6, 14, 10, 18, 7, 13, 11, 15};
  const auto d = classify(default_class_scheme(), shuffled);
  EXPECT_EQ(d.class_of[1], 0u);
  EXPECT_EQ(d.class_of[2], 3u);
  EXPECT_EQ(d.counts, counts_t({4, 8, 7, 1, 0}));
}

TEST(land_classes_test, a_tie_on_the_a_b_cut_shares_a_and_shrinks_b) {
  auto s = distinct(20);
  s[4] = s[3];  // 4th and 5th equal: both A
  EXPECT_EQ(counts(s), counts_t({5, 7, 7, 1, 0}));
}

TEST(land_classes_test, a_tie_on_the_c_d_cut_empties_d) {
  auto s = distinct(20);
  s[19] = s[18];  // the last two equal: both C, D has no one left
  EXPECT_EQ(counts(s), counts_t({4, 8, 8, 0, 0}));
  auto t = distinct(21);
  t[20] = t[19] = t[18];  // 19th..21st equal: C (the 19th position is C)
  EXPECT_EQ(counts(t), counts_t({4, 8, 9, 0, 0}));
}

TEST(land_classes_test, a_tie_across_several_cuts_takes_the_best_class_of_its_positions) {
  auto s = distinct(20);
  for (std::size_t i = 2; i < 14; ++i) s[i] = 14.5;  // positions 3..14 equal
  EXPECT_EQ(counts(s), counts_t({14, 0, 5, 1, 0}));
  EXPECT_EQ(counts(std::vector<double>(25, 60.0)), counts_t({25, 0, 0, 0, 0}));
}

TEST(land_classes_test, exempt_entities_are_class_t_and_use_no_quota) {
  auto s = distinct(23);
  std::vector<std::uint8_t> exempt(23, 0);
  exempt[0] = exempt[10] = exempt[22] = 1;  // the best, a middle and the worst score
  s[10] = std::nan("");                     // an exempt entity need not have a score
  const auto c = classify(default_class_scheme(), s, exempt);
  EXPECT_EQ(c.counts, counts_t({4, 8, 7, 1, 3}));  // as for 20 rated
  EXPECT_EQ(c.class_of[0], 4u);
  EXPECT_EQ(class_label(default_class_scheme(), c.class_of[0]), "T");
  EXPECT_EQ(c.class_of[1], 0u);   // the best rated entity is A
  EXPECT_EQ(c.class_of[21], 3u);  // the worst rated entity is D
}

TEST(land_classes_test, a_rated_entity_without_a_score_is_an_error) {
  EXPECT_EQ(message_of([] {
              classify(default_class_scheme(), {1.0, std::nan("")});
            }),
            "[zoneperf.data.301] #1: a rated entity has no score");
}

TEST(land_classes_test, cut_offs_classify_by_score) {
  const class_scheme s = class_scheme_from_json(R"({"method": "cutoffs", "classes": [
      {"label": "A", "name": "优先发展", "min": 90}, {"label": "B", "min": 75},
      {"label": "C", "min": 60}, {"label": "D"}], "exempt": {"label": "T", "name": "不定等级"}})");
  const auto c = classify(s, {95, 90, 89.99, 75, 60, 59.9, 0}, {0, 0, 0, 0, 0, 0, 0});
  EXPECT_EQ(c.class_of, std::vector<std::uint32_t>({0, 0, 1, 1, 2, 3, 3}));
  EXPECT_EQ(s.exempt.name, "不定等级");
}

TEST(land_classes_test, labels_and_shares_are_data) {
  // gu456 city: A 25 %, B 26–70 %, C 71–95 %, D bottom 5 % (domain-anchors §1.4).
  const class_scheme s = class_scheme_from_json(R"({"classes": [
      {"label": "A", "name": "优先发展", "share": 25}, {"label": "B", "name": "鼓励提升", "share": 45},
      {"label": "C", "name": "规范转型", "share": "rest"},
      {"label": "D", "name": "调控帮扶", "share": 5, "round": "up"}]})");
  EXPECT_EQ(rank_quotas(s, 100), counts_t({25, 45, 25, 5}));
  EXPECT_EQ(rank_quotas(s, 10), counts_t({2, 4, 3, 1}));  // no min_rated: D even when small
  EXPECT_EQ(s.classes[2].name, "规范转型");
}

TEST(land_classes_test, a_bad_scheme_lists_every_problem) {
  EXPECT_EQ(message_of([] {
              class_scheme_from_json(R"({"classes": [{"label": "A", "share": 70}, {"label": "A", "share": 40},
                                     {"label": "D", "share": 5, "round": "sideways"}]})",
                                     "c.json");
            }),
            "[zoneperf.config.214] c.json:/classes/2/round: expected \"down\" or \"up\", got \"sideways\"");
  EXPECT_EQ(message_of([] {
              class_scheme_from_json(R"({"classes": [{"label": "A", "share": 70}, {"label": "A", "share": 40},
                                     {"label": "D", "share": 5}]})",
                                     "c.json");
            }),
            "[zoneperf.land.908] c.json:/classes/1: duplicate label \"A\"\n"
            "[zoneperf.land.908] c.json:/classes: a rank scheme needs exactly one \"rest\" class, found 0\n"
            "[zoneperf.land.908] c.json:/classes: shares add up to 115 % (more than 100)");
  EXPECT_EQ(
      message_of([] {
        class_scheme_from_json(R"({"method": "cutoffs", "classes": [{"label": "A", "min": 60},
                                     {"label": "B", "min": 80}, {"label": "C", "min": 0}]})",
                               "c.json");
      }),
      "[zoneperf.land.908] c.json:/classes/1: cut-offs must descend\n"
      "[zoneperf.land.908] c.json:/classes/2: the last class catches every lower score and takes no min");
}

TEST(land_classes_test, competition_ranks_handle_ties_negatives_and_signed_zero) {
  const std::vector<double> s = {3.5, -1, 0.0, -0.0, 1e300, 3.5, -1e-300, std::nan("")};
  const std::vector<std::uint8_t> exempt = {0, 0, 0, 0, 0, 0, 0, 1};
  EXPECT_EQ(competition_ranks(s, exempt), std::vector<std::int32_t>({2, 7, 4, 4, 1, 2, 6, 0}));
}

TEST(land_classes_test, classes_from_the_engines_ranks_equal_classes_from_scores) {
  auto s = distinct(21);
  s[4] = s[3];
  s[20] = s[19];
  const auto by_scores = classify(default_class_scheme(), s);
  const auto by_ranks = classify_ranked(default_class_scheme(), competition_ranks(s), {});
  EXPECT_EQ(by_scores.class_of, by_ranks.class_of);
  EXPECT_EQ(by_ranks.counts, counts_t({5, 7, 7, 2, 0}));
  EXPECT_EQ(message_of([] {
              classify_ranked(default_class_scheme(), {1, 3}, {});
            }),
            "[zoneperf.data.314] #1: rank 3 is outside 1..2");
}
