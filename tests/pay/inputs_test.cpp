// Tests for include/zoneperf/pay/inputs.hpp: roster and events readers (the scorecard's reader is
// tests/scorecard's).
#include "zoneperf/pay/inputs.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "../support/test_support.hpp"
#include "zoneperf/presets.hpp"

namespace zoneperf {
namespace {

using zoneperf::test_support::message_of;

TEST(inputs_test, the_sample_roster_has_40_staff_in_four_task_forces) {
  const auto staff = read_staff(read_csv(sample_file("pay/staff.csv"), "staff.csv"));
  ASSERT_EQ(staff.size(), 40u);  // docs/semantics.md §1: 40 staff in the four task forces
  EXPECT_EQ(staff[0].id, "XC01");
  EXPECT_EQ(staff[0].task_force, "新材料新能源");
  EXPECT_EQ(staff[0].job_level, "专班负责人");
  EXPECT_EQ(staff[0].baseline, cny_money::from_yuan(150000));
  EXPECT_EQ(staff[0].weight, exact_ratio(2));
  EXPECT_EQ(staff[1].weight, exact_ratio(1, 2));
  EXPECT_EQ(staff[0].where, "staff.csv:2");
}

TEST(inputs_test, weight_column_is_optional) {
  const auto staff =
      read_staff(read_csv("id,name,task_force,team,job_level,baseline,score\n"
                          "a,甲,T,t,科员,1234.56,90\n",
                          "s.csv"));
  EXPECT_EQ(staff[0].weight, exact_ratio(1));
  EXPECT_EQ(staff[0].baseline.fen(), 123456);
}

TEST(inputs_test, roster_problems_are_reported_together_with_lines_and_columns) {
  const char* csv =
      "id,name,task_force,team,job_level,baseline,score,weight\n"
      "a,甲,T,t,科员,1000.001,90,1\n"
      "a,乙,T,t,科员,-5,,1.00001\n"
      ",丙,,t,科员,abc,NaN,x\n";
  EXPECT_EQ(message_of([&] { read_staff(read_csv(csv, "s.csv")); }),
            "[zoneperf.money.503] s.csv:2:6: more precision than a fen: \"1000.001\" (name a rounding to "
            "accept it)\n"
            "[zoneperf.pay.614] s.csv:3:1: person \"a\" is listed twice\n"
            "[zoneperf.pay.613] s.csv:3:6: baseline pay of person \"a\" is not positive: -5\n"
            "[zoneperf.pay.616] s.csv:3:7: missing performance score for person \"a\"\n"
            "[zoneperf.pay.615] s.csv:3:8: contribution weight must be a decimal ≥ 0 with at most 4 places, "
            "not 1.00001\n"
            "[zoneperf.data.301] s.csv:4:1: empty person id\n"
            "[zoneperf.data.301] s.csv:4:3: empty task force for person \"\"\n"
            "[zoneperf.money.502] s.csv:4:6: not a decimal amount: \"abc\" (write digits with an optional "
            "point and 万 or "
            "亿, such as 1234.56, 7175万 or 256亿元)\n"
            "[zoneperf.data.309] s.csv:4:7: not a finite number: \"NaN\"\n"
            "[zoneperf.pay.615] s.csv:4:8: contribution weight must be a decimal ≥ 0 with at most 4 places, "
            "not \"x\"");
}

TEST(inputs_test, roster_header_problems) {
  EXPECT_EQ(
      message_of([] { read_staff(read_csv("id,name,task_force,team,grade,baseline,score,id\n", "s.csv")); }),
      "[zoneperf.data.304] s.csv:1:5: unknown column \"grade\" (expected id, name, task_force, team, "
      "job_level, "
      "baseline, score, weight)\n"
      "[zoneperf.data.307] s.csv:1:8: column \"id\" is given twice\n"
      "[zoneperf.data.305] s.csv:1: missing column \"job_level\"");
}

TEST(inputs_test, an_empty_roster_reads_as_no_staff) {
  EXPECT_TRUE(read_staff(read_csv("id,name,task_force,team,job_level,baseline,score\n", "s.csv")).empty());
}

TEST(inputs_test, reads_events_and_reports_bad_counts) {
  const auto e = read_events(read_csv(sample_file("pay/events.csv"), "events.csv"));
  ASSERT_EQ(e.size(), 5u);
  EXPECT_EQ(e[0].kind, "fortune500");
  EXPECT_EQ(e[3].team, "");
  EXPECT_EQ(e[2].count, 3);
  EXPECT_EQ(
      message_of([] { read_events(read_csv("task_force,team,kind,count\nT,,k,1.5\nT,,,-1\n", "e.csv")); }),
      "[zoneperf.pay.617] e.csv:2:4: count must be a whole number ≥ 0, not \"1.5\"\n"
      "[zoneperf.data.301] e.csv:3:3: empty event kind\n"
      "[zoneperf.pay.617] e.csv:3:4: count must be a whole number ≥ 0, not \"-1\"");
}

}  // namespace
}  // namespace zoneperf
