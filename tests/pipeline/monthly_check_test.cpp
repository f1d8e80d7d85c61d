#include "zoneperf/pipeline/monthly_check.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "../support/test_support.hpp"

namespace zoneperf {
namespace {

date ymd(int y, int m, int d) { return date(y, m, d); }

using zoneperf::test_support::message_of;

const registry& sample() {
  static const registry r =
      read_projects_file(std::string(ZONEPERF_SOURCE_DIR) + "/samples/projects/projects.csv");
  return r;
}

using v = std::vector<std::int64_t>;

TEST(monthly_check_test, a_split_with_no_weight_or_a_negative_one_is_an_error) {
  // The split is largest_remainder (zoneperf/apportion.hpp, tested against published vectors there).
  check_options none;
  for (const auto& tf : sample().task_forces()) none.weights[tf] = 0;
  EXPECT_EQ(message_of([&] { check_month(sample(), period::month(2020, 7), none); }),
            "[zoneperf.project.750] weights: every weight is 0: nothing to split 10 by");
  check_options negative;
  negative.weights["高端装备"] = -1;
  EXPECT_EQ(message_of([&] { check_month(sample(), period::month(2020, 7), negative); }),
            "[zoneperf.project.750] weights/1: negative weight -1");
}

TEST(monthly_check_test, expected_progress_is_pro_rated_and_rounded_up) {
  EXPECT_EQ(expected_to_date(3, 15, 31), 2);  // 45 / 31 = 1.45 -> 2
  EXPECT_EQ(expected_to_date(10, 31, 31), 10);
  EXPECT_EQ(expected_to_date(4, 1, 31), 1);
  EXPECT_EQ(expected_to_date(0, 20, 31), 0);
  EXPECT_EQ(expected_to_date(1, 29, 29), 1);  // February of a leap year
}

TEST(monthly_check_test, july_2020_splits_ten_by_key_projects_and_gives_faces) {
  const monthly_check m = check_month(sample(), period::month(2020, 7));
  EXPECT_TRUE(m.complete);
  EXPECT_EQ(m.zone_actual.landed, 13);  // article: 13 landed in July
  ASSERT_EQ(m.task_forces.size(), 4u);
  // 10 over key projects 13/21/8/6 (article): quotas 2.71, 4.38, 1.67, 1.25 -> 3, 4, 2, 1
  const v weights = {13, 21, 8, 6}, targets = {3, 4, 2, 1};
  for (std::size_t t = 0; t < 4; ++t) {
    EXPECT_EQ(m.task_forces[t].weight, weights[t]);
    EXPECT_EQ(m.task_forces[t].target.intent, targets[t]);
    EXPECT_EQ(m.task_forces[t].target.landed, targets[t]);
  }
  EXPECT_EQ(m.task_forces[0].verdict, face::smile);
  EXPECT_EQ(m.task_forces[1].verdict, face::smile);
  EXPECT_EQ(m.task_forces[2].verdict, face::cry);
  EXPECT_EQ(m.task_forces[2].missed, std::vector<std::string>{"intent 1 < 2"});
  EXPECT_EQ(m.task_forces[3].verdict, face::smile);
  // Weekly dispatch: the Sundays 5, 12, 19, 26 July and the month's end.
  ASSERT_EQ(m.task_forces[1].weeks.size(), 5u);
  EXPECT_EQ(m.task_forces[1].weeks[0].on, ymd(2020, 7, 5));
  EXPECT_EQ(m.task_forces[1].weeks[0].expected.landed, 1);  // 4 x 5 / 31 rounded up
  EXPECT_EQ(m.task_forces[1].weeks[4].actual.landed, 5);
}

TEST(monthly_check_test, a_mid_month_check_is_provisional) {
  check_options o;
  o.as_of = ymd(2020, 7, 15);
  const monthly_check m = check_month(sample(), period::month(2020, 7), o);
  EXPECT_FALSE(m.complete);
  ASSERT_EQ(m.task_forces[0].weeks.size(), 3u);  // 5 and 12 July, then the as-of date
  EXPECT_EQ(m.task_forces[0].weeks.back().elapsed_days, 15);
  EXPECT_EQ(m.task_forces[0].weeks.back().expected.intent, 2);  // 3 x 15 / 31 rounded up
  // July's 13 landings in the sample fall on the 19th to the 25th: none by the 15th.
  EXPECT_EQ(m.zone_actual.landed, 0);
  EXPECT_EQ(check_month(sample(), period::month(2020, 7)).zone_actual.landed, 13);
}

TEST(monthly_check_test, the_split_and_the_face_rule_are_configurable) {
  check_options o;
  o.fixed["信息技术"] = monthly_targets{0, 0, 0};
  o.weights["高端装备"] = 13;  // now 13/13/8 share all ten: 3.82, 3.82, 2.35 -> 4, 4, 2
  const monthly_check m = check_month(sample(), period::month(2020, 7), o);
  EXPECT_EQ(m.task_forces[0].target.signed_, 4);
  EXPECT_EQ(m.task_forces[1].target.signed_, 4);
  EXPECT_EQ(m.task_forces[2].target.signed_, 2);
  EXPECT_EQ(m.task_forces[3].verdict, face::none);  // no targets: neither face
  check_options s;
  s.smile_min_score = 90;
  s.month_scores = {{"新材料新能源", 95}, {"高端装备", 85}, {"医养健康", 99}, {"信息技术", 90}};
  const monthly_check f = check_month(sample(), period::month(2020, 7), s);
  EXPECT_EQ(f.task_forces[0].verdict, face::smile);
  EXPECT_EQ(f.task_forces[1].verdict, face::none);  // met its targets, but scored below 90
  EXPECT_EQ(f.task_forces[2].verdict, face::cry);
  EXPECT_EQ(f.task_forces[3].verdict, face::smile);
  s.month_scores.erase("信息技术");
  EXPECT_EQ(message_of([&] { check_month(sample(), period::month(2020, 7), s); }),
            "[zoneperf.project.752] 信息技术: the face rule needs the month's score of every task force");
  check_options over;
  over.fixed["信息技术"] = monthly_targets{11, 0, 0};
  EXPECT_EQ(message_of([&] { check_month(sample(), period::month(2020, 7), over); }),
            "[zoneperf.project.750] fixed: fixed targets exceed the zone's monthly targets");
  EXPECT_EQ(message_of([&] { check_month(sample(), period::quarter(2020, 3)); }),
            "[zoneperf.project.751] 2020-Q3: the monthly check needs a month, such as 2020-07");
}

}  // namespace
}  // namespace zoneperf
