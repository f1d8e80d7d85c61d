#include "zoneperf/pipeline/report.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>

namespace zoneperf {
namespace {

using json = nlohmann::json;
const std::string sample_dir = std::string(ZONEPERF_SOURCE_DIR) + "/samples/";

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const error& e) {
    return e.what();
  }
  return "no error";
}

const registry& sample() {
  static const registry r = read_projects_file(sample_dir + "projects/projects.csv");
  return r;
}

TEST(report_test, the_month_report_counts_checks_and_grows_like_the_counts) {
  const json j = json::parse(projects_month_json(sample(), period::month(2020, 7)));
  EXPECT_EQ(j["period"], "2020-07");
  EXPECT_EQ(j["as_of"], "2020-07-31");
  EXPECT_EQ(j["units"].size(), 4u);
  EXPECT_EQ(j["zone"]["entered"]["landed"], 13);  // article: 13 projects landed in July
  EXPECT_EQ(j["check"]["complete"], true);
  EXPECT_EQ(j["check"]["task_forces"].size(), 4u);
  EXPECT_TRUE(j["growth"]["signed"].contains("yoy"));
  EXPECT_TRUE(j["growth"]["signed"].contains("mom"));
}

TEST(report_test, an_as_of_date_cuts_the_month_and_the_check_short) {
  const registry r = registry_as_of(sample(), date(2020, 7, 15));
  EXPECT_EQ(r.as_of(), date(2020, 7, 15));
  const json j = json::parse(projects_month_json(r, period::month(2020, 7), date(2020, 7, 15)));
  EXPECT_EQ(j["as_of"], "2020-07-15");
  EXPECT_EQ(j["check"]["complete"], false);
  EXPECT_LT(j["zone"]["entered"]["landed"].get<int>(), 13);
}

TEST(report_test, registry_as_of_after_the_last_date_moves_the_as_of_date_only) {
  const registry r = registry_as_of(sample(), date(2021, 3, 1));
  EXPECT_EQ(r.as_of(), date(2021, 3, 1));
  EXPECT_EQ(r.size(), sample().size());
}

TEST(report_test, a_quarter_is_not_a_month) {
  EXPECT_EQ(message_of([] { projects_month_json(sample(), period::quarter(2020, 3)); }),
            "[zoneperf.project.751] 2020-Q3: expected a month such as 2020-07");
}

TEST(report_test, the_period_report_has_the_funnel_and_the_scorecard_leaves) {
  const json j = json::parse(projects_period_json(sample(), period::year(2020), std::nullopt, -1));
  EXPECT_EQ(j["zone"]["entered"]["signed"], 35);  // article: 35 new signed projects
  EXPECT_EQ(j["funnel"].size(), 4u);
  EXPECT_EQ(j["funnel"][0]["conversion"], nullptr);
  EXPECT_EQ(j["scorecard_leaves"].size(), 4u);
  EXPECT_TRUE(j["zone"].contains("investment_per_mu"));
}

TEST(report_test, admission_and_calendar_reports_list_every_entry) {
  const auto decisions = admit(read_candidates_file(sample_dir + "projects/candidates.csv"));
  const json a = json::parse(admission_json(decisions));
  ASSERT_EQ(a.size(), decisions.size());
  EXPECT_EQ(a[0]["id"], decisions[0].id);
  EXPECT_EQ(a[0]["dimensions"].size(), decisions[0].dimensions.size());
  const json c = json::parse(calendar_json(supervision_calendar(2020)));
  EXPECT_EQ(c[0]["date"], "2020-01-06");
  EXPECT_EQ(c[0]["event"], "周调度 weekly_dispatch");
  EXPECT_EQ(c.back()["event"], "年终总结 annual_summary");
}

}  // namespace
}  // namespace zoneperf
