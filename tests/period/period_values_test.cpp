// Periods over a year: additive items, cumulative to in-period, 序时进度 targets and verdicts
// (docs/semantics.md §9).
#include "zoneperf/period_values.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "../support/test_support.hpp"
#include "zoneperf/presets.hpp"

namespace zoneperf {
namespace {

using zoneperf::test_support::message_of;

// signed: a count; invest: an amount; rate: not additive.
const char* small_tree = R"({"id": "t", "name": "t", "points": 30, "children": [
  {"id": "signed", "name": "签约项目数", "points": 10, "additive": "count", "rule": {"kind": "completion"}, "target": 12},
  {"id": "invest", "name": "签约总投资", "points": 10, "additive": "amount", "rule": {"kind": "completion"}, "target": 60},
  {"id": "rate", "name": "开工率", "points": 10, "rule": {"kind": "completion"}, "target": 100}]})";

values_table table(std::vector<std::string> units, std::vector<std::vector<double>> rows) {
  values_table t;
  t.units = std::move(units);
  t.values.resize(static_cast<Eigen::Index>(rows.size()), 3);
  for (std::size_t r = 0; r < rows.size(); ++r)
    for (std::size_t c = 0; c < 3; ++c)
      t.values(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = rows[r][c];
  return t;
}

TEST(additive_test, trees_read_write_and_check_the_additive_kind) {
  const auto t = indicator_tree::from_json(small_tree);
  EXPECT_EQ(t.node(t.index_of("signed")).additive, additive_kind::count);
  EXPECT_EQ(t.node(t.index_of("invest")).additive, additive_kind::amount);
  EXPECT_EQ(t.node(t.index_of("rate")).additive, additive_kind::none);
  // Round trip: the kind is written back, "none" never is.
  const auto back = indicator_tree::from_json(t.to_json());
  EXPECT_EQ(back.node(back.index_of("invest")).additive, additive_kind::amount);
  EXPECT_EQ(back.to_json(), t.to_json());
  EXPECT_NE(t.to_json().find("\"additive\": \"count\""), std::string::npos);
  EXPECT_EQ(std::string(to_string(additive_kind::none)), "none");

  std::string bad = small_tree;
  bad.replace(bad.find("\"amount\""), 8, "\"sum\"");
  EXPECT_EQ(
      message_of([&] { indicator_tree::from_json(bad, "t.json"); }),
      "[zoneperf.config.214] t.json:/children/1/additive: unknown additive kind \"sum\" (expected count or "
      "amount)");
  const char* lookup = R"({"id": "t", "name": "t", "points": 10, "children": [
    {"id": "grade", "name": "评级", "points": 10, "additive": "count", "rule": {"kind": "lookup", "table": {"A": 1}}}]})";
  EXPECT_EQ(
      message_of([&] { indicator_tree::from_json(lookup, "l.json"); }),
      "[zoneperf.config.214] l.json:/children/0/additive: a lookup leaf's codes do not add up: it cannot be "
      "additive");
}

TEST(additive_test, the_task_force_preset_marks_the_ten_counts_and_five_amounts) {
  const auto t = load_preset("task-force");
  std::vector<std::string> counts, amounts;
  for (int c : t.columns()) {
    const node& n = t.node(static_cast<std::size_t>(c));
    if (n.additive == additive_kind::count) counts.push_back(n.id);
    if (n.additive == additive_kind::amount) amounts.push_back(n.id);
  }
  EXPECT_EQ(counts, (std::vector<std::string>{"intent_projects", "signed_projects", "landed_projects",
                                              "producing_projects", "top500_projects", "chain_projects",
                                              "lagging_cleared", "major_projects", "late_reports",
                                              "major_incident"}));
  EXPECT_EQ(amounts, (std::vector<std::string>{"signed_investment", "foreign_capital", "revenue",
                                               "tax_revenue", "fixed_asset_investment"}));
}

TEST(as_of_test, labels_and_dates_give_k_over_n) {
  auto kn = [](const char* s, schedule_policy p = schedule_policy::months) {
    const auto f = as_of::parse(s).fraction(p);
    return std::to_string(f.k) + "/" + std::to_string(f.n);
  };
  EXPECT_EQ(kn("2020-07"), "7/12");
  EXPECT_EQ(kn("2020Q3"), "3/4");
  EXPECT_EQ(kn("2020-Q3"), "3/4");
  EXPECT_EQ(kn("2020H1"), "1/2");
  EXPECT_EQ(kn("2020-H2"), "2/2");
  EXPECT_EQ(kn("2020"), "1/1");
  EXPECT_EQ(kn("2020-07-15"), "7/12");  // months: a date counts by its month
  // days: 2020 is a leap year; 31+29+31+30+31+30 = 182 days before July, + 15 = 197.
  EXPECT_EQ(kn("2020-07-15", schedule_policy::days), "197/366");
  EXPECT_EQ(kn("2021-07-15", schedule_policy::days), "196/365");  // 181 + 15
  EXPECT_EQ(kn("2020-07", schedule_policy::days), "7/12");        // a month stays a month
  EXPECT_EQ(as_of::parse("2020-07-15").label(), "2020-07-15");
  EXPECT_EQ(as_of::parse("2020Q3").label(), "2020-Q3");
  EXPECT_EQ(as_of::parse("2020-07-15").year(), 2020);
  EXPECT_EQ(as_of::parse("2020-07-15").schedule_period()->label(), "2020-07");
  EXPECT_FALSE(as_of::parse("2020-07-15").schedule_period(schedule_policy::days).has_value());
  EXPECT_EQ(period::parse("2020Q3"), period::quarter(2020, 3));
  EXPECT_EQ(message_of([] { as_of::parse("2020-W05"); }),
            "[zoneperf.project.702] --as-of: bad as-of '2020-W05': a week is no point of the year's schedule "
            "(give its date, with the days policy)");
  EXPECT_EQ(message_of([] { as_of::parse("2020Q5"); }),
            "[zoneperf.project.702] --as-of: bad period '2020Q5': no quarter 5");
  EXPECT_EQ(message_of([] { as_of::parse("2020-02-30"); }),
            "[zoneperf.project.701] --as-of: bad date '2020-02-30': 2020-02 has 29 days");
  EXPECT_EQ(
      message_of([] { as_of::parse("2020/07"); }),
      "[zoneperf.project.702] --as-of: bad period '2020/07': expected YYYY, YYYY-Hn, YYYY-Qn, YYYY-MM or "
      "YYYY-Wnn (YYYYHn, YYYYQn too)");
}

TEST(cumulative_test, additive_columns_become_differences_and_the_rest_is_kept) {
  const auto t = indicator_tree::from_json(small_tree);
  const auto june = table({"A", "B"}, {{5, 30, 80}, {2, 10, 50}});
  const auto july = table({"B", "A", "C"}, {{2, 15, 60}, {7, 28, 85}, {1, 4, 70}});
  const auto r = in_period_from_cumulative(t, july, period::month(2020, 7), &june);
  // B: 2 − 2 = 0 signed, 15 − 10 = 5 invest; rate 60 unchanged.
  EXPECT_EQ(r.values(0, 0), 0);
  EXPECT_EQ(r.values(0, 1), 5);
  EXPECT_EQ(r.values(0, 2), 60);
  // A: 7 − 5 = 2; invest 28 − 30 = −2 (an amount may fall: a revision); rate 85.
  EXPECT_EQ(r.values(1, 0), 2);
  EXPECT_EQ(r.values(1, 1), -2);
  EXPECT_EQ(r.values(1, 2), 85);
  // C is not in June: its additive values are missing, its rate is kept.
  EXPECT_TRUE(std::isnan(r.values(2, 0)));
  EXPECT_TRUE(std::isnan(r.values(2, 1)));
  EXPECT_EQ(r.values(2, 2), 70);
  // January (and Q1, H1, the year) is c(p) itself.
  const auto jan = in_period_from_cumulative(t, july, period::month(2020, 1), nullptr);
  EXPECT_EQ(jan.values(1, 0), 7);
  EXPECT_EQ(in_period_from_cumulative(t, july, period::quarter(2020, 1), &june).values(1, 1), 28);
  // No table for p′: every additive value is missing.
  const auto none = in_period_from_cumulative(t, july, period::month(2020, 7), nullptr);
  EXPECT_TRUE(std::isnan(none.values(1, 0)));
  EXPECT_EQ(none.values(1, 2), 85);
  // A missing c(p′) makes the difference missing, never an error.
  const auto gap = table({"A"}, {{std::nan(""), 30, 80}});
  EXPECT_TRUE(std::isnan(in_period_from_cumulative(t, july, period::month(2020, 7), &gap).values(1, 0)));
}

TEST(cumulative_test, a_falling_count_is_error_707_naming_file_unit_indicator_and_periods) {
  const auto t = indicator_tree::from_json(small_tree);
  const auto june = table({"A"}, {{5, 30, 80}});
  const auto july = table({"A"}, {{4, 30, 80}});
  EXPECT_EQ(
      message_of([&] {
        in_period_from_cumulative(t, july, period::month(2020, 7), &june, {"2020-07.csv", "2020-06.csv"});
      }),
      "[zoneperf.project.707] 2020-07.csv: unit \"A\", indicator signed: the cumulative count falls from 5 "
      "in "
      "2020-06 (2020-06.csv) to 4 in 2020-07 (a count never falls; an amount may)");
  EXPECT_EQ(
      message_of([&] { in_period_from_cumulative(t, july, period::quarter(2020, 3), &june); }),
      "[zoneperf.project.707] 2020-Q3: unit \"A\", indicator signed: the cumulative count falls from 5 in "
      "2020-Q2 to 4 in 2020-Q3 (a count never falls; an amount may)");
}

TEST(ytd_test, additive_target_leaves_are_scaled_to_t_times_k_over_n) {
  const auto t = load_preset("task-force");
  ytd_options o;
  o.point = as_of::parse("2020-07");
  const auto y = year_to_date_targets(t, 2, nullptr, o);
  // intent, signed, signed_investment, landed, producing, foreign_capital, top500, chain, revenue,
  // tax_revenue, fixed_asset_investment, lagging_cleared: the additive completion and threshold
  // leaves (items have no target; start rate and the per-mu leaves are not additive).
  EXPECT_EQ(y.scaled.size(), 12u);
  EXPECT_EQ(y.fraction.k, 7);
  EXPECT_EQ(y.fraction.n, 12);
  auto col = [&](const targets_table& tt, const char* id) {
    return static_cast<Eigen::Index>(std::find(tt.leaf_ids.begin(), tt.leaf_ids.end(), id) -
                                     tt.leaf_ids.begin());
  };
  // signed_investment: t = 64, t_p = (64 × 7) / 12 = 448 / 12 = 37.333333333333336.
  EXPECT_EQ(y.annual.values(0, col(y.annual, "signed_investment")), 64);
  EXPECT_EQ(y.period.values(1, col(y.period, "signed_investment")), 37.333333333333336);
  EXPECT_EQ(y.period.values(0, col(y.period, "intent_projects")), 17.5);  // (30 × 7) / 12
  // top500_projects (threshold, target 1): 7 / 12.
  EXPECT_EQ(y.period.values(0, col(y.period, "top500_projects")), 7.0 / 12);
  EXPECT_EQ(col(y.period, "key_project_start_rate"), static_cast<Eigen::Index>(y.period.leaf_ids.size()));

  // Per-unit annual targets: scaled when additive, passed through otherwise; NaN takes the default.
  targets_table annual;
  annual.leaf_ids = {"signed_investment", "investment_per_mu"};
  annual.values.resize(2, 2);
  annual.values << 120, 470, std::nan(""), 250;
  o.point = as_of::parse("2020H1");
  const auto h = year_to_date_targets(t, 2, &annual, o);
  EXPECT_EQ(h.period.values(0, col(h.period, "signed_investment")), 60);  // (120 × 1) / 2
  EXPECT_EQ(h.period.values(1, col(h.period, "signed_investment")), 32);  // (64 × 1) / 2, the default
  EXPECT_EQ(h.period.values(0, col(h.period, "investment_per_mu")), 470);
  EXPECT_EQ(h.period.values(1, col(h.period, "investment_per_mu")), 250);
  // In-period data: one month's figures against (t × 1) / 12 = 64 / 12 = 5.333333333333333.
  o.point = as_of::parse("2020-07");
  o.basis = data_basis::in_period;
  const auto m = year_to_date_targets(t, 1, nullptr, o);
  EXPECT_EQ(m.fraction.k, 1);
  EXPECT_EQ(m.period.values(0, col(m.period, "signed_investment")), 5.333333333333333);
  EXPECT_EQ(std::string(to_string(data_basis::in_period)), "in-period");
  EXPECT_EQ(period_target(10, {197, 366}), 1970.0 / 366);
}

TEST(ytd_test, the_periods_own_targets_win_over_scaling_cell_by_cell) {
  const auto t = indicator_tree::from_json(small_tree);
  ytd_options o;
  o.point = as_of::parse("2020-07");
  // Unit 0 gives signed 14 (instead of (12 × 7) / 12 = 7) and rate 80 (instead of 100); unit 1
  // gives nothing: its targets stay those without the table.
  targets_table own;
  own.leaf_ids = {"signed", "rate"};
  own.values.resize(2, 2);
  own.values << 14, 80, std::nan(""), std::nan("");
  o.period_targets = &own;
  const auto y = year_to_date_targets(t, 2, nullptr, o);
  ASSERT_EQ(y.period.leaf_ids, (std::vector<std::string>{"signed", "invest", "rate"}));
  EXPECT_EQ(y.period.values(0, 0), 14);
  EXPECT_EQ(y.period.values(1, 0), 7);
  EXPECT_EQ(y.period.values(0, 1), 35);  // (60 × 7) / 12: no cell given
  EXPECT_EQ(y.period.values(0, 2), 80);
  EXPECT_TRUE(std::isnan(y.period.values(1, 2)));  // NaN: the leaf's default, 100
  EXPECT_TRUE(y.given(0, 0));
  EXPECT_FALSE(y.given(1, 0));
  EXPECT_FALSE(y.given(0, 1));
  EXPECT_EQ(y.annual.values(0, 0), 12);  // t itself is still shown
  targets_table short_table = own;
  short_table.values.conservativeResize(1, 2);
  o.period_targets = &short_table;
  EXPECT_NE(message_of([&] { year_to_date_targets(t, 2, nullptr, o); }).find("[zoneperf.data.314]"),
            std::string::npos);
}

TEST(ytd_test, a_scaled_leaf_is_on_schedule_when_its_ratio_against_t_p_reaches_1) {
  const auto t = indicator_tree::from_json(small_tree);
  ytd_options o;
  o.point = as_of::parse("2020-07");
  const auto y = year_to_date_targets(t, 2, nullptr, o);
  // t_p: signed (12 × 7) / 12 = 7; invest (60 × 7) / 12 = 35; rate keeps 100.
  Eigen::MatrixXd v(2, 3);
  v << 7, 34, 50,  //
      6, 40, 100;
  assess_options ao;
  const auto tv = y.period.view();
  const auto e = explain(t, v, &tv, std::vector<std::size_t>{0, 1}, ao);
  EXPECT_EQ(e[0][0].target, 7);
  EXPECT_EQ(schedule_of(e[0][0], y), schedule_verdict::on_schedule);  // 7 / 7 = 1
  EXPECT_EQ(schedule_of(e[0][1], y), schedule_verdict::behind);       // 34 / 35 < 1
  EXPECT_EQ(schedule_of(e[0][2], y), schedule_verdict::none);         // not additive
  EXPECT_EQ(schedule_of(e[1][0], y), schedule_verdict::behind);       // 6 / 7
  EXPECT_EQ(schedule_of(e[1][1], y), schedule_verdict::on_schedule);  // 40 / 35
  leaf_explanation missing = e[0][0];
  missing.missing = true;
  EXPECT_EQ(schedule_of(missing, y), schedule_verdict::none);  // nothing to compare
  EXPECT_EQ(std::string(to_string(schedule_verdict::on_schedule)), "on schedule");
  EXPECT_EQ(std::string(to_string(schedule_verdict::behind)), "behind");
  EXPECT_EQ(std::string(to_string(schedule_verdict::none)), "-");
  // The scores: signed 10 × 1 = 10; invest 10 × 34/35 = 9.714285714285714.
  const auto r = assess(t, v, &tv);
  EXPECT_DOUBLE_EQ(r.total(0), 10 + 10 * (34.0 / 35) + 10 * 0.5);
}

}  // namespace
}  // namespace zoneperf
