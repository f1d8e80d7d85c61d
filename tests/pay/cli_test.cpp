// The `zoneperf pay` command (apps/zoneperf/cmd_pay.cpp) run as a user would.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <iterator>
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

std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(f)), {});
}

TEST(pay_cli_test, csv_for_people_neutralises_formulas_and_the_out_files_have_the_bom_and_crlf) {
  // A person whose name a spreadsheet would run as a formula, and one whose name starts with @.
  std::string staff = slurp(samples + "staff.csv");
  for (auto [from, to] : {std::pair<std::string, std::string>{"王军", "\"=HYPERLINK(\"\"http://x\"\")\""},
                          {"李芳华", "@SUM(1+1)"}}) {
    const auto at = staff.find(from);
    ASSERT_NE(at, std::string::npos);
    staff.replace(at, from.size(), to);
  }
  const std::string path = zoneperf::test_support::write_temp("inject-staff.csv", staff);
  const std::string dir = ::testing::TempDir() + "pay-out";
  const std::string args = "pay --staff " + path + " --scorecard " + samples + "scorecard.json --policy " +
                           samples + "policy.json --events " + samples + "events.csv";
  const auto r = run(args + " --format csv --out " + dir);
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.out.substr(0, 3), "id,");  // standard output: no BOM
  EXPECT_NE(r.out.find("\nXC01,\"'=HYPERLINK(\"\"http://x\"\")\",新材料新能源,"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\nXC02,'@SUM(1+1),新材料新能源,"), std::string::npos);
  const std::string people = slurp(dir + "/pay_people.csv");
  EXPECT_EQ(people.substr(0, 6), "\xEF\xBB\xBFid,");
  // The file is standard output's text in the Excel form: CRLF for every LF (no cell holds a line break).
  std::string crlf;
  for (char c : r.out) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  EXPECT_EQ(people.substr(3), crlf);
  for (const char* f : {"pay_task_forces.csv", "pay_awards.csv"})
    EXPECT_EQ(slurp(dir + "/" + f).substr(0, 3), "\xEF\xBB\xBF") << f;
  EXPECT_EQ(slurp(dir + "/pay.json").substr(0, 1), "{");  // JSON has no BOM
}

}  // namespace
