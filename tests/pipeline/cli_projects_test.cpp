// The projects commands of the CLI, run as a user would.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "../support/test_support.hpp"

namespace {

using zoneperf::test_support::run;

const std::string dir = std::string(ZONEPERF_SOURCE_DIR) + "/samples/projects/";

TEST(cli_projects_test, month_prints_counts_checks_and_faces) {
  const auto r = run("projects --file " + dir + "projects.csv month 2020-07");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("医养健康                 8     1/2     2/2     2/2  😢    intent 1 < 2"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("zone                         10/10   10/10   13/10"), std::string::npos) << r.out;
}

TEST(cli_projects_test, as_of_sees_the_registry_as_it_stood_then) {
  const auto r = run("projects --file " + dir + "projects.csv --as-of 2020-07-15 month 2020-07");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("2020-07 · entered in the month (as of 2020-07-15)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("provisional, month not over"), std::string::npos) << r.out;
}

TEST(cli_projects_test, year_writes_the_values_of_the_scorecard) {
  const std::string out = testing::TempDir() + "values.csv";
  const auto r = run("projects --file " + dir + "projects.csv year 2020 --other " + dir +
                     "other.csv --values-out " + out);
  EXPECT_EQ(r.status, 0) << r.out;
  std::ifstream a(out), b(std::string(ZONEPERF_SOURCE_DIR) + "/samples/task-force/values.csv");
  const std::string x((std::istreambuf_iterator<char>(a)), {}), y((std::istreambuf_iterator<char>(b)), {});
  // A file: the sample's bytes in the form Excel reads, a BOM first and CRLF after every line (the
  // sample has LF line ends and no quoted line breaks).
  ASSERT_EQ(y.find('\r'), std::string::npos);
  std::string excel = "\xEF\xBB\xBF";
  for (char c : y) excel += c == '\n' ? std::string("\r\n") : std::string(1, c);
  EXPECT_EQ(x, excel);
  // ... which `assess` reads to the same scorecard as the sample.
  const auto mine = run("assess --preset task-force --values " + out + " --format json");
  const auto sample = run("assess --preset task-force --values " + std::string(ZONEPERF_SOURCE_DIR) +
                          "/samples/task-force/values.csv --format json");
  EXPECT_EQ(mine.status, 0) << mine.out;
  EXPECT_EQ(mine.out, sample.out);
}

TEST(cli_projects_test, admit_and_calendar) {
  const auto a = run("admit --file " + dir + "candidates.csv");
  EXPECT_EQ(a.status, 0);
  EXPECT_NE(a.out.find("42 of 92 candidates admitted"), std::string::npos) << a.out;
  const auto c = run("calendar 2020 --format csv");
  EXPECT_EQ(c.status, 0);
  EXPECT_NE(c.out.find("2020-12-31,Thu,年终总结 annual_summary,2020"), std::string::npos) << c.out;
}

TEST(cli_projects_test, bad_input_exits_2_with_the_message) {
  const std::string bad = testing::TempDir() + "bad.csv";
  std::ofstream(bad) << "id,task_force,contacted\nA1,高端装备,2020-02-30\n";
  const auto r = run("projects --file " + bad + " year 2020");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("[zoneperf.project.701] " + bad + ":2:3: bad date '2020-02-30': 2020-02 has 29 days"),
            std::string::npos)
      << r.out;
}

}  // namespace
