// The `zoneperf pay` command (apps/zoneperf/cmd_pay.cpp) run as a user would.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <string>

#include "../support/test_support.hpp"

namespace {

using zoneperf::test_support::run;

const std::string samples = std::string(ZONEPERF_SOURCE_DIR) + "/samples/pay/";
const std::string inputs = "--staff " + samples + "staff.csv --scorecard " + samples +
                           "scorecard.json --policy " + samples + "policy.json --events " + samples +
                           "events.csv";

TEST(pay_cli_test, prints_people_task_forces_and_a_reconciliation_that_balances) {
  const auto r = run("pay " + inputs);
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("pool = 1.50 × Σ baseline 4500000.00 = 6750000.00"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Σ base pay = 6750000.00   difference = 0.00"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("zone"), std::string::npos);
}

TEST(pay_cli_test, json_and_csv_formats) {
  const auto j = run("pay " + inputs + " --format json");
  ASSERT_EQ(j.status, 0) << j.out;
  EXPECT_NE(j.out.find("\"difference\": \"0.00\""), std::string::npos);
  const auto c = run("pay " + inputs + " --format csv");
  ASSERT_EQ(c.status, 0) << c.out;
  EXPECT_EQ(c.out.substr(0, 60), "id,name,task_force,team,job_level,baseline,score,grade,task_");
  EXPECT_EQ(std::count(c.out.begin(), c.out.end(), '\n'), 41);
}

TEST(pay_cli_test, bad_input_exits_2_with_the_message) {
  const auto r = run("pay --staff " + samples + "staff.csv --scorecard " + samples +
                     "scorecard.json --policy " + samples + "events.csv");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out.substr(0, 30), "zoneperf: [zoneperf.parse.101]");
}

}  // namespace
