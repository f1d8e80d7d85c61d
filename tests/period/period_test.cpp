#include "zoneperf/period.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <map>

#include "../support/test_support.hpp"

namespace zoneperf {
namespace {

date ymd(int y, int m, int d) { return date(y, m, d); }

using zoneperf::test_support::message_of;

TEST(date_test, parses_iso_dates_and_29_february_of_leap_years_only) {
  EXPECT_EQ(parse_date("2020-02-29", "x"), ymd(2020, 2, 29));
  EXPECT_EQ(parse_date(" 2000-02-29 ", "x"), ymd(2000, 2, 29));  // divisible by 400: leap
  EXPECT_EQ(message_of([] { parse_date("2021-02-29", "a.csv:3:14"); }),
            "[zoneperf.project.701] a.csv:3:14: bad date '2021-02-29': 2021-02 has 28 days");
  EXPECT_EQ(message_of([] { parse_date("2100-02-29", "x"); }),  // divisible by 100, not 400: common
            "[zoneperf.project.701] x: bad date '2100-02-29': 2100-02 has 28 days");
  EXPECT_EQ(message_of([] { parse_date("2020/07/01", "x"); }),
            "[zoneperf.project.701] x: bad date '2020/07/01': expected YYYY-MM-DD");
  EXPECT_EQ(message_of([] { parse_date("2020-13-01", "x"); }),
            "[zoneperf.project.701] x: bad date '2020-13-01': no month 13");
  EXPECT_EQ(parse_optional_date("", "x"), std::nullopt);
  EXPECT_EQ(to_string(ymd(2020, 7, 1)), "2020-07-01");
}

TEST(period_test, iso_week_53_exists_only_in_long_years) {
  EXPECT_EQ(iso_weeks_in_year(2020), 53);  // starts on a Wednesday and is a leap year
  EXPECT_EQ(iso_weeks_in_year(2015), 53);  // starts on a Thursday
  EXPECT_EQ(iso_weeks_in_year(2021), 52);
  const period w = period::iso_week(2020, 53);
  EXPECT_EQ(w.first(), ymd(2020, 12, 28));
  EXPECT_EQ(w.last(), ymd(2021, 1, 3));
  EXPECT_EQ(w.label(), "2020-W53");
  EXPECT_EQ(period::containing(period_kind::week, ymd(2021, 1, 3)), w);
  EXPECT_EQ(period::containing(period_kind::week, ymd(2019, 12, 30)).label(), "2020-W01");
  EXPECT_EQ(message_of([] { period::iso_week(2021, 53); }),
            "[zoneperf.project.702] 2021-W53: ISO year 2021 has weeks 1..52");
  EXPECT_EQ(message_of([] { period::parse("2021-W53", "--period"); }),
            "[zoneperf.project.702] --period: bad period '2021-W53': ISO year 2021 has weeks 1..52");
}

TEST(period_test, periods_crossing_a_year_step_into_the_next_one) {
  EXPECT_EQ(period::iso_week(2020, 53).next().label(), "2021-W01");
  EXPECT_EQ(period::iso_week(2021, 1).prev().label(), "2020-W53");
  EXPECT_EQ(period::month(2020, 12).next().label(), "2021-01");
  EXPECT_EQ(period::month(2021, 1).prev().label(), "2020-12");
  EXPECT_EQ(period::quarter(2020, 4).next().label(), "2021-Q1");
  EXPECT_EQ(period::half_year(2020, 2).next().label(), "2021-H1");
  EXPECT_EQ(period::year(2020).next().label(), "2021");
  EXPECT_EQ(period::iso_week(2021, 10).same_period_last_year().label(), "2020-W10");
  EXPECT_EQ(period::iso_week(2021, 1).same_period_last_year().label(), "2020-W01");
  EXPECT_EQ(period::month(2020, 7).same_period_last_year().label(), "2019-07");
}

TEST(period_test, months_quarters_and_half_years_have_their_days) {
  EXPECT_EQ(period::month(2020, 2).days(), 29);
  EXPECT_EQ(period::month(2019, 2).days(), 28);
  EXPECT_EQ(period::quarter(2020, 1).days(), 91);
  EXPECT_EQ(period::half_year(2020, 1).last(), ymd(2020, 6, 30));
  EXPECT_EQ(period::year(2020).days(), 366);
  EXPECT_EQ(period::containing(period_kind::quarter, ymd(2020, 7, 1)).label(), "2020-Q3");
  EXPECT_EQ(period::parse("2020-07").first(), ymd(2020, 7, 1));
  EXPECT_EQ(period::parse("2020-H2").first(), ymd(2020, 7, 1));
  EXPECT_EQ(period::parse("2020").kind(), period_kind::year);
  EXPECT_EQ(message_of([] { period::parse("2020-Q5"); }),
            "[zoneperf.project.702] period: bad period '2020-Q5': no quarter 5");
  EXPECT_EQ(message_of([] { period::parse("July"); }),
            "[zoneperf.project.702] period: bad period 'July': expected YYYY, YYYY-Hn, YYYY-Qn, YYYY-MM or "
            "YYYY-Wnn (YYYYHn, YYYYQn too)");
}

TEST(period_test, a_year_holds_its_iso_weeks_by_their_thursday) {
  const auto weeks = periods_within(period_kind::week, period::year(2020));
  ASSERT_EQ(weeks.size(), 53u);
  EXPECT_EQ(weeks.front().first(), ymd(2019, 12, 30));
  EXPECT_EQ(weeks.back().label(), "2020-W53");
  EXPECT_EQ(periods_within(period_kind::week, period::year(2021)).size(), 52u);
  EXPECT_EQ(periods_within(period_kind::month, period::year(2020)).size(), 12u);
  EXPECT_EQ(periods_within(period_kind::quarter, period::half_year(2020, 2)).front().label(), "2020-Q3");
  EXPECT_EQ(message_of([] { periods_within(period_kind::year, period::month(2020, 1)); }),
            "[zoneperf.project.706] 2020-01: a month holds no year periods");
}

TEST(calendar_test, the_rhythm_of_2020) {
  const auto events = supervision_calendar(2020);
  std::map<rhythm, int> n;
  for (const auto& e : events) ++n[e.kind];
  EXPECT_EQ(n[rhythm::weekly_dispatch], 52);  // the Mondays of 2020: 6 January .. 28 December
  EXPECT_EQ(n[rhythm::monthly_report], 12);
  EXPECT_EQ(n[rhythm::quarterly_analysis], 4);
  EXPECT_EQ(n[rhythm::half_year_summary], 1);
  EXPECT_EQ(n[rhythm::annual_summary], 1);
  EXPECT_EQ(events.front().on, ymd(2020, 1, 6));
  EXPECT_EQ(events.front().covers.label(), "2020-W02");
  // 31 December: the month's report, then Q4's analysis, then the annual summary.
  ASSERT_GE(events.size(), 3u);
  EXPECT_EQ(events[events.size() - 3].kind, rhythm::monthly_report);
  EXPECT_EQ(events[events.size() - 2].kind, rhythm::quarterly_analysis);
  EXPECT_EQ(events.back().kind, rhythm::annual_summary);
  EXPECT_EQ(events.back().on, ymd(2020, 12, 31));
}

TEST(calendar_test, reports_may_move_off_weekends_and_dispatch_to_another_day) {
  calendar_options o;
  o.reports = weekend_rule::previous_friday;
  o.dispatch_day = boost::date_time::Friday;
  const auto events = supervision_calendar(2020, o);
  bool may = false;
  int fridays = 0;
  for (const auto& e : events) {
    if (e.kind == rhythm::monthly_report && e.covers.label() == "2020-05")
      may = e.on == ymd(2020, 5, 29);  // 31 May is a Sunday
    if (e.kind == rhythm::weekly_dispatch) ++fridays;
  }
  EXPECT_TRUE(may);
  EXPECT_EQ(fridays, 52);  // 3 January .. 25 December
}

TEST(rollup_test, months_sum_into_quarters_and_a_week_53_fits_no_year) {
  std::vector<period_value> months;
  for (int m = 1; m <= 12; ++m) months.push_back({period::month(2020, m), static_cast<double>(m)});
  const auto q = roll_up(months, period_kind::quarter);
  ASSERT_EQ(q.size(), 4u);
  EXPECT_EQ(q[0].value, 6);
  EXPECT_EQ(q[3].value, 33);
  EXPECT_EQ(roll_up(months, period_kind::year).front().value, 78);
  EXPECT_EQ(message_of([] {
              roll_up({{period::iso_week(2020, 53), 1}}, period_kind::year);
            }),
            "[zoneperf.project.706] 2020-W53: runs 2020-12-28..2021-01-03, not within one year");
  EXPECT_EQ(message_of([] {
              roll_up({{period::month(2020, 1), 1}, {period::month(2020, 1), 2}}, period_kind::year);
            }),
            "[zoneperf.project.705] 2020-01: period given twice");
}

TEST(fold_test, quarterly_totals_fold_into_the_annual_score) {
  // docs/semantics.md §5: annual = 0.7 x mean(Q1..Q4) + 0.3 x year-end = 0.7 x 87.5 + 0.3 x 92
  EXPECT_DOUBLE_EQ(fold_annual({80.0, 85.0, 90.0, 95.0}, 92.0), 0.7 * 87.5 + 0.3 * 92);
  fold_options half;
  half.quarter_share = 0.5;
  EXPECT_DOUBLE_EQ(fold_annual({80.0, 85.0, 90.0, 95.0}, 92.0, half), 0.5 * 87.5 + 0.5 * 92);
  const std::vector<period_value> q = {
      {period::quarter(2020, 1), 80}, {period::quarter(2020, 2), 85}, {period::quarter(2020, 4), 95}};
  EXPECT_EQ(message_of([&] {
              fold_annual(q, {period::year(2020), 92}, {}, "高端装备");
            }),
            "[zoneperf.project.703] 高端装备: 2020-Q3 missing");
  EXPECT_EQ(message_of([] {
              fold_annual({80.0, std::nullopt, 90.0, 95.0}, 92.0, {}, "信息技术");
            }),
            "[zoneperf.project.703] 信息技术: quarter Q2 missing");
  EXPECT_EQ(message_of([] {
              fold_annual({{period::quarter(2019, 1), 80}}, {period::year(2020), 92});
            }),
            "[zoneperf.project.706] 2020: 2019-Q1 is not a quarter of 2020");
  fold_options bad;
  bad.quarter_share = 1.5;
  EXPECT_EQ(message_of([&] {
              fold_annual({1.0, 1.0, 1.0, 1.0}, 1.0, bad, "u");
            }),
            "[zoneperf.project.704] u: quarter share 1.5 outside [0, 1]");
}

TEST(period_test, the_calendar_of_the_last_allowed_year_reaches_its_last_week) {
  // Issue 19: `calendar 9998` failed on 9999-W01, the week after 9998-W53, inside the allowed range.
  const auto events = supervision_calendar(9998);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(to_string(events.back().on), "9998-12-31");
  EXPECT_EQ(period::iso_week(9998, 53).next().label(), "9999-W01");
  EXPECT_EQ(message_of([] { period::iso_week(9999, 2); }),
            "[zoneperf.project.702] 9999-W02: year 9999 outside 1401..9998");
  EXPECT_FALSE(supervision_calendar(1401).empty());
}

}  // namespace
}  // namespace zoneperf
