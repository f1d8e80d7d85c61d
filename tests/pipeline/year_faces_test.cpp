// Faces over the year (include/zoneperf/pipeline/year_faces.hpp): each month is the monthly check
// itself, and its counts are the projects that entered each stage in the month.
#include "zoneperf/pipeline/year_faces.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "../support/test_support.hpp"

namespace zoneperf {
namespace {

using zoneperf::test_support::message_of;

const std::string projects_csv = std::string(ZONEPERF_SOURCE_DIR) + "/samples/projects/projects.csv";

const registry& sample() {
  static const registry r = read_projects_file(projects_csv);
  return r;
}

/// Counted from the CSV's rows directly (no quotes in the sample): per task force and month
/// "YYYY-MM", the projects whose `stage` column holds a date in that month.
std::map<std::pair<std::string, std::string>, std::int64_t> entered(const std::string& stage) {
  std::ifstream in(projects_csv);
  std::string line;
  std::getline(in, line);
  std::vector<std::string> header;
  {
    std::stringstream s(line);
    for (std::string cell; std::getline(s, cell, ',');) header.push_back(cell);
  }
  std::size_t tf = 0, col = 0;
  for (std::size_t c = 0; c < header.size(); ++c) {
    if (header[c] == "task_force") tf = c;
    if (header[c] == stage) col = c;
  }
  std::map<std::pair<std::string, std::string>, std::int64_t> out;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream s(line);
    for (std::string cell; std::getline(s, cell, ',');) cells.push_back(cell);
    cells.resize(header.size());
    if (cells[col].size() >= 7) ++out[{cells[tf], cells[col].substr(0, 7)}];
  }
  return out;
}

TEST(year_faces_test, the_counts_are_the_projects_that_entered_each_stage_in_the_month) {
  const year_of_faces y = check_year(sample(), 2020);
  ASSERT_EQ(y.months.size(), 12u);
  ASSERT_EQ(y.task_forces, sample().task_forces());
  const auto intent = entered("intent"), signed_ = entered("signed"), landed = entered("landed");
  auto at = [](const auto& m, const std::string& tf, const std::string& month) {
    const auto it = m.find({tf, month});
    return it == m.end() ? std::int64_t{0} : it->second;
  };
  std::int64_t july_landed = 0;
  for (int month : {1, 4, 7, 10, 12})
    for (std::size_t t = 0; t < y.task_forces.size(); ++t) {
      const std::string label = "2020-" + std::string(month < 10 ? "0" : "") + std::to_string(month);
      const task_force_check& k = y.at(t, month);
      EXPECT_EQ(k.actual.intent, at(intent, y.task_forces[t], label)) << label << " " << y.task_forces[t];
      EXPECT_EQ(k.actual.signed_, at(signed_, y.task_forces[t], label)) << label << " " << y.task_forces[t];
      EXPECT_EQ(k.actual.landed, at(landed, y.task_forces[t], label)) << label << " " << y.task_forces[t];
      if (month == 7) july_landed += k.actual.landed;
    }
  EXPECT_EQ(july_landed, 13);  // the article: 13 projects landed in July
}

TEST(year_faces_test, each_month_is_the_monthly_check_of_that_month) {
  const year_of_faces y = check_year(sample(), 2020);
  for (int month = 1; month <= 12; ++month) {
    const monthly_check m = check_month(sample(), period::month(2020, month));
    for (std::size_t t = 0; t < y.task_forces.size(); ++t) {
      const task_force_check& k = y.at(t, month);
      EXPECT_EQ(k.verdict, m.task_forces[t].verdict) << month;
      EXPECT_EQ(k.target.landed, m.task_forces[t].target.landed) << month;
      EXPECT_EQ(k.missed, m.task_forces[t].missed) << month;
      // The face follows from the counts shown: 😊 when every target is met.
      const bool met = k.actual.intent >= k.target.intent && k.actual.signed_ >= k.target.signed_ &&
                       k.actual.landed >= k.target.landed;
      const bool none = k.target.intent + k.target.signed_ + k.target.landed == 0;
      EXPECT_EQ(k.verdict, none  ? face::none
                           : met ? face::smile
                                 : face::cry)
          << month << " " << y.task_forces[t];
    }
  }
  // July, as the monthly check's own test and the article's 13 landed: 医养健康 missed its intent.
  EXPECT_EQ(y.at(2, 7).verdict, face::cry);
  EXPECT_EQ(y.at(2, 7).missed, std::vector<std::string>{"intent 1 < 2"});
  for (std::size_t t = 0; t < y.task_forces.size(); ++t) {
    const face_tally n = y.tally(t);
    EXPECT_EQ(n.smiles + n.cries + n.none, 12);
  }
}

TEST(year_faces_test, an_as_of_date_stops_the_year_there) {
  year_check_options o;
  o.as_of = date(2020, 7, 15);
  const year_of_faces y = check_year(sample(), 2020, o);
  ASSERT_EQ(y.months.size(), 7u);
  EXPECT_FALSE(y.months.back().complete);
  EXPECT_TRUE(y.months[5].complete);
  EXPECT_EQ(to_string(y.months.back().as_of), "2020-07-15");
  EXPECT_EQ(message_of([&] { y.at(0, 8); }),
            "[zoneperf.project.751] 2020 month 8: not checked: after the as-of date");
  EXPECT_EQ(message_of([&] { y.at(0, 13); }), "[zoneperf.project.751] 2020 month 13: a month is 1 to 12");
  o.as_of = date(2019, 12, 31);
  EXPECT_EQ(message_of([&] { check_year(sample(), 2020, o); }),
            "[zoneperf.project.751] 2020: the as-of date 2019-12-31 is before the year");
}

TEST(year_faces_test, the_split_options_apply_to_every_month) {
  year_check_options o;
  o.fixed["信息技术"] = {0, 0, 0};
  const year_of_faces y = check_year(sample(), 2020, o);
  for (int month = 1; month <= 12; ++month) EXPECT_EQ(y.at(3, month).verdict, face::none) << month;
  EXPECT_EQ(y.tally(3).none, 12);
  o.fixed.clear();
  o.weights["nobody"] = 1;
  EXPECT_EQ(message_of([&] { check_year(sample(), 2020, o); }),
            "[zoneperf.project.710] nobody: a split weight for an unknown task force");
}

}  // namespace
}  // namespace zoneperf
