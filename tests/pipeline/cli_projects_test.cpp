// The projects commands of the CLI, run as a user would.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
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

TEST(cli_projects_test, faces_of_the_year_give_july_the_verdicts_of_the_month) {
  const auto year = run("projects --file " + dir + "projects.csv --format json faces 2020");
  const auto month = run("projects --file " + dir + "projects.csv --format json month 2020-07");
  ASSERT_EQ(year.status, 0) << year.out;
  ASSERT_EQ(month.status, 0) << month.out;
  const auto y = nlohmann::json::parse(year.out), m = nlohmann::json::parse(month.out);
  ASSERT_EQ(y["task_forces"].size(), m["check"]["task_forces"].size());
  for (std::size_t t = 0; t < y["task_forces"].size(); ++t) {
    const auto& tf = y["task_forces"][t];
    ASSERT_EQ(tf["months"].size(), 12u);
    const auto& july = tf["months"][6];
    EXPECT_EQ(july["month"], "2020-07");
    EXPECT_EQ(tf["task_force"], m["check"]["task_forces"][t]["task_force"]);
    EXPECT_EQ(july["face"], m["check"]["task_forces"][t]["face"]) << tf["task_force"];
    EXPECT_EQ(july["actual"], m["check"]["task_forces"][t]["actual"]) << tf["task_force"];
    EXPECT_EQ(july["target"], m["check"]["task_forces"][t]["target"]) << tf["task_force"];
    int smiles = 0, cries = 0;
    for (const auto& mo : tf["months"]) {
      smiles += mo["face"] == "😊";
      cries += mo["face"] == "😢";
    }
    EXPECT_EQ(tf["smiles"], smiles);
    EXPECT_EQ(tf["cries"], cries);
  }
}

TEST(cli_projects_test, faces_print_a_grid_and_the_counts_in_every_format) {
  const auto t = run("projects --file " + dir + "projects.csv faces 2020");
  ASSERT_EQ(t.status, 0) << t.out;
  EXPECT_NE(t.out.find("task force    01  02  03  04  05  06  07  08  09  10  11  12  😊  😢"),
            std::string::npos)
      << t.out;
  EXPECT_NE(t.out.find("医养健康      2020-07     1/2     2/2     2/2  😢    intent 1 < 2"), std::string::npos)
      << t.out;
  const auto c = run("projects --file " + dir + "projects.csv --format csv faces 2020");
  ASSERT_EQ(c.status, 0) << c.out;
  EXPECT_EQ(c.out.substr(0, c.out.find('\n')),
            "task_force,month,intent,intent_target,signed,signed_target,landed,landed_target,face,complete");
  EXPECT_NE(c.out.find("医养健康,2020-07,1,2,2,2,2,2,😢,yes\n"), std::string::npos) << c.out;
  const auto md =
      run("projects --file " + dir + "projects.csv --format markdown --as-of 2020-07-15 faces 2020");
  ASSERT_EQ(md.status, 0) << md.out;
  EXPECT_NE(md.out.find("## 2020 · 三个十 faces by month (as of 2020-07-15)"), std::string::npos) << md.out;
  EXPECT_NE(md.out.find("2020-07 (provisional)"), std::string::npos) << md.out;
  EXPECT_EQ(md.out.find("2020-08"), std::string::npos) << md.out;
}

}  // namespace
