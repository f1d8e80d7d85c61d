// Assessment series: one tree over the periods of a year (docs/semantics.md §9 "Series"). Every
// expected value is worked out by hand in the comments from the tables below.
#include "zoneperf/series.hpp"

#include <gtest/gtest.h>

#include "../support/test_support.hpp"
#include "zoneperf/text/number.hpp"

namespace zoneperf {
namespace {

using zoneperf::test_support::message_of;

// signed: a count (annual target 12); invest: an amount (60); rate: not additive (100). Each is
// worth 10 points; the additive ones are capped at 1.2.
const char* tree_json = R"({"id": "t", "name": "t", "points": 30, "children": [
  {"id": "signed", "name": "签约项目数", "points": 10, "additive": "count", "rule": {"kind": "completion", "cap": 1.2}, "target": 12},
  {"id": "invest", "name": "签约总投资", "points": 10, "additive": "amount", "rule": {"kind": "completion", "cap": 1.2}, "target": 60},
  {"id": "rate", "name": "开工率", "points": 10, "rule": {"kind": "completion"}, "target": 100}]})";

period_table table(const std::string& label, std::vector<std::string> units,
                   std::vector<std::vector<double>> rows) {
  period_table t;
  t.p = period::parse(label);
  t.source = label + ".csv";
  t.values.units = std::move(units);
  t.values.values.resize(static_cast<Eigen::Index>(rows.size()), 3);
  for (std::size_t r = 0; r < rows.size(); ++r)
    for (std::size_t c = 0; c < 3; ++c)
      t.values.values(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = rows[r][c];
  return t;
}

// Cumulative (1–m月累计) tables of January to March, given out of order.
std::vector<period_table> quarter_one() {
  return {table("2020-03", {"A", "B"}, {{4, 18, 100}, {4, 14, 100}}),
          table("2020-01", {"A", "B"}, {{1, 5, 50}, {2, 4, 100}}),
          table("2020-02", {"B", "A"}, {{2, 10, 100}, {2, 10, 50}})};
}

const indicator_tree& tree() {
  static const indicator_tree t = indicator_tree::from_json(tree_json);
  return t;
}

TEST(series_test, year_to_date_totals_ranks_and_changes) {
  const auto s = assess_series(tree(), quarter_one(), nullptr, {});
  ASSERT_EQ(s.periods().size(), 3u);
  EXPECT_EQ(s.periods()[0].label(), "2020-01");
  EXPECT_EQ(s.periods()[2].label(), "2020-03");
  EXPECT_EQ(s.units(), (std::vector<std::string>{"A", "B"}));
  // January, t_p = 12 × 1 / 12 = 1 and 60 × 1 / 12 = 5. A: 1/1 → 10, 5/5 → 10, 50/100 → 5 = 25.
  // B: 2/1 capped at 1.2 → 12, 4/5 → 8, 100/100 → 10 = 30.
  EXPECT_DOUBLE_EQ(*s.total(0, 0), 25);
  EXPECT_DOUBLE_EQ(*s.total(1, 0), 30);
  EXPECT_EQ(s.rank(0, 0), 2);
  EXPECT_EQ(s.rank(1, 0), 1);
  EXPECT_FALSE(s.delta_score(0, 0));  // no December 2019 in the series
  EXPECT_FALSE(s.delta_rank(0, 0));
  // February (B listed first: rows are matched by id), t_p = 2 and 10. A: 10 + 10 + 5 = 25;
  // B: 10 + 10 + 10 = 30.
  EXPECT_DOUBLE_EQ(*s.total(0, 1), 25);
  EXPECT_DOUBLE_EQ(*s.total(1, 1), 30);
  EXPECT_EQ(s.row(0, 1), 1);
  // March, t_p = 3 and 15. A: 4/3 → 12, 18/15 = 1.2 → 12, 10 = 34; B: 12, 14/15 → 9.333…, 10.
  EXPECT_DOUBLE_EQ(*s.total(0, 2), 34);
  EXPECT_DOUBLE_EQ(*s.total(1, 2), 12 + 14.0 / 15 * 10 + 10);
  // A moved up from 2nd to 1st: Δ rank = rank(Feb) − rank(Mar) = +1; B −1. Δ score A = 34 − 25.
  EXPECT_EQ(*s.delta_rank(0, 2), 1);
  EXPECT_EQ(*s.delta_rank(1, 2), -1);
  EXPECT_DOUBLE_EQ(*s.delta_score(0, 2), 9);
  EXPECT_EQ(s.yoy(0, 2).kind, year_on_year::state::none);
}

TEST(series_test, a_periods_own_targets_win_over_scaling) {
  // March's own targets: A's signed 8 instead of 12 × 3 / 12 = 3, so 4 / 8 = 0.5 → 5 points
  // instead of 12: A's March total 5 + 12 + 10 = 27 (34 without). B gives none and keeps 31.33.
  auto tables = quarter_one();
  targets_table own;
  own.leaf_ids = {"signed"};
  own.values.resize(2, 1);
  own.values << 8, std::nan("");
  tables[0].targets = own;  // 2020-03, units A, B
  const auto s = assess_series(tree(), tables, nullptr, {});
  EXPECT_DOUBLE_EQ(*s.total(0, 2), 27);
  EXPECT_DOUBLE_EQ(*s.total(1, 2), 12 + 14.0 / 15 * 10 + 10);
  EXPECT_DOUBLE_EQ(*s.total(0, 1), 25);  // February has no table of its own
  EXPECT_EQ(*s.delta_rank(0, 2), 0);     // 2nd in February and in March
}

TEST(series_test, in_period_basis_scores_each_month_alone_against_a_twelfth) {
  series_options o;
  o.basis = data_basis::in_period;
  const auto s = assess_series(tree(), quarter_one(), nullptr, o);
  // March alone: A 4 − 2 = 2 signed, 18 − 10 = 8 invest against 1 and 5: both capped → 12 + 12,
  // rate (not additive) 100 → 10 = 34. B: 4 − 2 = 2 → 12, 14 − 10 = 4 → 8, 10 = 30.
  EXPECT_DOUBLE_EQ(*s.total(0, 2), 34);
  EXPECT_DOUBLE_EQ(*s.total(1, 2), 30);
  // January is the year's first month: its own table, against 1 and 5 as on the ytd basis.
  EXPECT_DOUBLE_EQ(*s.total(0, 0), 25);
}

TEST(series_test, in_period_data_becomes_running_sums_for_the_ytd_basis) {
  // The in-period tables whose running sums are quarter_one()'s cumulative ones.
  std::vector<period_table> in = {table("2020-01", {"A", "B"}, {{1, 5, 50}, {2, 4, 100}}),
                                  table("2020-02", {"A", "B"}, {{1, 5, 50}, {0, 6, 100}}),
                                  table("2020-03", {"A", "B"}, {{2, 8, 100}, {2, 4, 100}})};
  series_options o;
  o.data = data_basis::in_period;
  const auto from_in = assess_series(tree(), in, nullptr, o);
  const auto from_cum = assess_series(tree(), quarter_one(), nullptr, {});
  for (std::size_t u = 0; u < 2; ++u)
    for (std::size_t p = 0; p < 3; ++p)
      EXPECT_EQ(*from_in.total(u, p), *from_cum.total(u, p)) << u << " " << p;
}

TEST(series_test, annual_targets_per_unit_scale_with_the_month) {
  // A's annual targets are 24 and 120 (twice the defaults): in March t_p = 6 and 30, so A scores
  // 4/6 → 6.666…, 18/30 → 6, 10.
  targets_table annual;
  annual.leaf_ids = {"signed", "invest"};
  annual.values.resize(2, 2);
  annual.values << 24, 120, 12, 60;
  const auto s = assess_series(tree(), quarter_one(), &annual, {});
  EXPECT_DOUBLE_EQ(*s.total(0, 2), 4.0 / 6 * 10 + 6 + 10);
  EXPECT_DOUBLE_EQ(*s.total(1, 2), 12 + 14.0 / 15 * 10 + 10);
}

TEST(series_test, gaps_are_errors_unless_allowed) {
  auto t = quarter_one();
  t[2] = table("2020-02", {"A"}, {{2, 10, 50}});
  EXPECT_EQ(
      message_of([&] { assess_series(tree(), t, nullptr, {}); }),
      "[zoneperf.project.708] 2020-02.csv: unit \"B\" is in 2020-01 (2020-01.csv) but not in 2020-02 (give "
      "--allow-gaps to score it as absent there)");
  series_options o;
  o.allow_gaps = true;
  const auto s = assess_series(tree(), t, nullptr, o);
  EXPECT_FALSE(s.total(1, 1));
  EXPECT_EQ(s.rank(1, 1), 0);
  EXPECT_EQ(s.rank(0, 1), 1);  // alone in February
  EXPECT_FALSE(s.delta_rank(1, 2));
  // March converts against a February without B: B's additive values are missing there, but the
  // ytd basis scores the cumulative table itself, so B's March total stands.
  EXPECT_DOUBLE_EQ(*s.total(1, 2), 12 + 14.0 / 15 * 10 + 10);
}

TEST(series_test, bad_series_are_numbered_errors) {
  auto falls = quarter_one();
  falls[0] = table("2020-03", {"A", "B"}, {{1, 18, 100}, {4, 14, 100}});
  EXPECT_EQ(message_of([&] { assess_series(tree(), falls, nullptr, {}); }),
            "[zoneperf.project.707] 2020-03.csv: unit \"A\", indicator signed: the cumulative count falls "
            "from 2 in "
            "2020-02 (2020-02.csv) to 1 in 2020-03 (a count never falls; an amount may)");
  auto twice = quarter_one();
  twice.push_back(table("2020-02", {"A", "B"}, {{2, 10, 50}, {2, 10, 100}}));
  twice.back().source = "again.csv";
  EXPECT_EQ(message_of([&] { assess_series(tree(), twice, nullptr, {}); }),
            "[zoneperf.project.705] again.csv: period 2020-02 is given twice: 2020-02.csv and again.csv");
  auto mixed = quarter_one();
  mixed.push_back(table("2020-Q2", {"A", "B"}, {{5, 20, 100}, {5, 20, 100}}));
  EXPECT_EQ(
      message_of([&] { assess_series(tree(), mixed, nullptr, {}); }),
      "[zoneperf.project.709] 2020-Q2.csv: period 2020-Q2 is a quarter; a series holds months, quarters, "
      "half-years or years, all of one kind (2020-01 is a month)");
  EXPECT_NE(message_of([&] { assess_series(tree(), {}, nullptr, {}); }).find("at least one period"),
            std::string::npos);
  // An id twice: looked for once in the units every period shares, and in a period of its own.
  const std::vector<period_table> shared{table("2020-01", {"A", "A"}, {{1, 5, 50}, {2, 4, 100}}),
                                         table("2020-02", {"A", "A"}, {{2, 10, 50}, {2, 10, 100}})};
  EXPECT_NE(message_of([&] { assess_series(tree(), shared, nullptr, {}); }).find("[zoneperf.data.306]"),
            std::string::npos);
  auto own = quarter_one();
  own[2] = table("2020-02", {"B", "A", "A"}, {{2, 10, 100}, {2, 10, 50}, {2, 10, 50}});
  EXPECT_NE(message_of([&] { assess_series(tree(), own, nullptr, {}); }).find("duplicate unit \"A\""),
            std::string::npos);
}

TEST(series_test, year_on_year_compares_with_the_same_period_a_year_earlier) {
  // Years: 2019 A 6/12 → 5, 30/60 → 5, 50 → 5 = 15; B 0, 0, 0 = 0 (a zero base).
  // 2020 A: 12 → 10, 60 → 10, 100 → 10 = 30: (30 − 15) / 15 = 1. B: 12 → 10, 0, 0 = 10.
  std::vector<period_table> years = {table("2019", {"A", "B"}, {{6, 30, 50}, {0, 0, 0}}),
                                     table("2020", {"A", "B"}, {{12, 60, 100}, {12, 0, 0}})};
  const auto s = assess_series(tree(), years, nullptr, {});
  EXPECT_EQ(s.yoy(0, 1).kind, year_on_year::state::value);
  EXPECT_DOUBLE_EQ(s.yoy(0, 1).value, 1);
  EXPECT_EQ(s.yoy(1, 1).kind, year_on_year::state::no_base);
  EXPECT_EQ(s.yoy(0, 0).kind, year_on_year::state::none);
  // The previous year is also the previous period: Δ score and Δ rank.
  EXPECT_DOUBLE_EQ(*s.delta_score(0, 1), 15);
  EXPECT_EQ(*s.delta_rank(1, 1), 0);
}

TEST(series_test, reductions_last_mean_and_the_annual_fold) {
  // Cumulative quarters of 2020 for A alone, ytd basis (t_p = 3q and 15q):
  // Q1 3/3, 15/15, 100 → 30; Q2 6/6, 24/30 → 8, 50 → 5 = 23; Q3 9/9, 45/45, 100 = 30;
  // Q4 10/12 → 8.333…, 66/60 = 1.1 → 11, 100 → 10 = 29.333…
  std::vector<period_table> q = {
      table("2020-Q1", {"A"}, {{3, 15, 100}}), table("2020-Q2", {"A"}, {{6, 24, 50}}),
      table("2020-Q3", {"A"}, {{9, 45, 100}}), table("2020-Q4", {"A"}, {{10, 66, 100}})};
  const auto s = assess_series(tree(), q, nullptr, {});
  const double q4 = 10.0 / 12 * 10 + 11 + 10;
  EXPECT_DOUBLE_EQ(*s.total(0, 3), q4);
  EXPECT_DOUBLE_EQ(*reduce_year(s, 2020, series_reduction::last)[0], q4);
  EXPECT_DOUBLE_EQ(*reduce_year(s, 2020, series_reduction::mean)[0], (30 + 23 + 30 + q4) / 4);
  // The year-end total is Q4's cumulative values against the annual targets: the same as Q4 here.
  EXPECT_DOUBLE_EQ(*s.year_end_total(0, 2020), q4);
  EXPECT_DOUBLE_EQ(*reduce_year(s, 2020, series_reduction::fold)[0],
                   0.7 * ((30 + 23 + 30 + q4) / 4) + 0.3 * q4);
  // On the in-period basis the fold's year-end total is still the cumulative one.
  series_options in;
  in.basis = data_basis::in_period;
  const auto si = assess_series(tree(), q, nullptr, in);
  EXPECT_DOUBLE_EQ(*si.year_end_total(0, 2020), q4);
  // Without Q2 the fold has a missing quarter.
  q.erase(q.begin() + 1);
  const auto gap = assess_series(tree(), q, nullptr, {});
  EXPECT_NE(message_of([&] { reduce_year(gap, 2020, series_reduction::fold); }).find("703"),
            std::string::npos);
  EXPECT_NE(message_of([&] { reduce_year(gap, 2019, series_reduction::last); }).find("no period in 2019"),
            std::string::npos);
}

// The year-end total scores December's cumulative values against the annual targets. December's
// own t_p is (t × 12) / 12: for t = 12 that is t, and December's assessment is the year-end one;
// for t = 0.1 it is 0.10000000000000002, and the year-end total is scored again against 0.1.
TEST(series_test, the_year_end_total_is_against_the_annual_target_even_when_t_p_is_not_t) {
  const auto one_leaf = [](double target) {
    return indicator_tree::from_json(R"({"id": "t", "name": "t", "points": 10, "children": [
      {"id": "x", "name": "x", "points": 10, "additive": "amount", "rule": {"kind": "completion"},
       "target": )" + shortest(target) +
                                     "}]}");
  };
  const auto december = [](double value) {
    period_table t;
    t.p = period::month(2020, 12);
    t.values.units = {"A"};
    t.values.values = Eigen::MatrixXd::Constant(1, 1, value);
    return std::vector<period_table>{t};
  };
  ASSERT_NE(0.1 * 12 / 12, 0.1);
  const auto inexact = assess_series(one_leaf(0.1), december(0.1), nullptr, {});
  EXPECT_DOUBLE_EQ(*inexact.total(0, 0), 10);         // 0.1 / 0.10000000000000002 × 10
  EXPECT_LT(*inexact.total(0, 0), 10);                // ... just below 10
  EXPECT_EQ(*inexact.year_end_total(0, 2020), 10.0);  // 0.1 / 0.1 × 10, exactly
  const auto exact = assess_series(one_leaf(12), december(6), nullptr, {});
  EXPECT_EQ(*exact.total(0, 0), 5.0);  // 6 / 12 × 10
  EXPECT_EQ(*exact.year_end_total(0, 2020), 5.0);
}

}  // namespace
}  // namespace zoneperf
