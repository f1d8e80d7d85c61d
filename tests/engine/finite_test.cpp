// Results that are not finite, infinite values and duplicate unit ids given to the matrix API (issue
// 19, items 8 and 11). The suite is assess_test's, so that CTest runs it on every scoring kernel too.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "zoneperf/assess.hpp"

using namespace zoneperf;

namespace {
const double inf = std::numeric_limits<double>::infinity();
const double NaN = std::numeric_limits<double>::quiet_NaN();

std::string message_of(const indicator_tree& tree, const Eigen::MatrixXd& v, assess_options o = {}) {
  try {
    assess(tree, v, nullptr, o);
  } catch (const error& e) {
    return e.what();
  }
  return "ok";
}

// n units of `row`, but unit `bad` (0-based) takes `bad_row`.
Eigen::MatrixXd units_of(std::ptrdiff_t n, const std::vector<double>& row, std::ptrdiff_t bad,
                         const std::vector<double>& bad_row) {
  Eigen::MatrixXd m(n, static_cast<Eigen::Index>(row.size()));
  for (std::ptrdiff_t u = 0; u < n; ++u)
    for (std::size_t c = 0; c < row.size(); ++c)
      m(u, static_cast<Eigen::Index>(c)) = u == bad ? bad_row[c] : row[c];
  return m;
}

// Each way of running the engine: one thread or two, every node score or only the groups', ranks
// or none, with unit ids or without. The first bad unit is always the one named.
std::vector<assess_options> every_way(const std::vector<std::string>* ids) {
  std::vector<assess_options> out;
  for (int threads : {1, 2})
    for (node_scores keep : {node_scores::all, node_scores::groups})
      for (ranking ranks : {ranking::on, ranking::off}) {
        assess_options o;
        o.threads = threads, o.keep = keep, o.ranks = ranks, o.unit_ids = ids;
        out.push_back(o);
      }
  for (int threads : {1, 2}) {  // scored in pieces, between reports of progress
    assess_options o;
    o.threads = threads, o.unit_ids = ids;
    o.progress = [](std::string_view, std::uint64_t, std::uint64_t) {};
    out.push_back(o);
  }
  return out;
}
}  // namespace

TEST(assess_test, a_leaf_score_that_overflows_is_error_309_naming_the_unit_and_indicator) {
  // Issue 19: points 1e308 and a benchmark ratio of 2 gave the total inf (JSON null), ranked 1, grade A.
  const auto tree = indicator_tree::from_json(R"({"id":"big","points":1e308,
      "grades":[{"label":"A","min":50},{"label":"B","min":0}],
      "children":[{"id":"g","points":1e308,"children":[
        {"id":"a","points":1e308,"rule":{"kind":"benchmark"},"target":1}]}]})");
  const Eigen::MatrixXd two = units_of(2, {2}, 1, {0.5});
  EXPECT_EQ(
      message_of(tree, two),
      "[zoneperf.data.309] unit #1, indicator \"a\": the score is not finite: fraction 2 × points 1e+308 = "
      "inf");
  // Among many units, on every path: the first bad unit is named.
  const Eigen::MatrixXd many = units_of(20000, {0.5}, 12345, {3});
  for (const auto& o : every_way(nullptr))
    EXPECT_EQ(
        message_of(tree, many, o),
        "[zoneperf.data.309] unit #12346, indicator \"a\": the score is not finite: fraction 3 × points "
        "1e+308 = inf");
  // explain says the same.
  try {
    explain(tree, many, nullptr, 12345);
    FAIL();
  } catch (const error& e) {
    EXPECT_EQ(e.code(), errc::not_finite);
    EXPECT_EQ(e.where(), "unit #12346, indicator \"a\"");
  }
}

TEST(assess_test, a_group_sum_that_overflows_names_the_group) {
  // Two leaves of 0.8e308 points capped at 1.2: each scores 0.96e308, their sum overflows (the
  // wide path's tree: plain sums of completion leaves).
  const auto tree = indicator_tree::from_json(R"({"id":"t","points":1.6e308,"children":[
      {"id":"g","points":1.6e308,"children":[
        {"id":"a","points":0.8e308,"rule":{"kind":"completion","cap":1.2},"target":1},
        {"id":"b","points":0.8e308,"rule":{"kind":"completion","cap":1.2},"target":1}]}]})");
  const Eigen::MatrixXd many = units_of(20000, {1, 1}, 7000, {2, 2});
  for (const auto& o : every_way(nullptr))
    EXPECT_EQ(message_of(tree, many, o),
              "[zoneperf.data.309] unit #7001, group \"g\": the score is not finite: inf (the sum of its "
              "children's scores overflows)");
}

TEST(assess_test, a_total_that_overflows_names_the_unit) {
  const auto tree = indicator_tree::from_json(R"({"id":"t","points":1.6e308,"children":[
      {"id":"g1","points":0.8e308,"children":[
        {"id":"a","points":0.8e308,"rule":{"kind":"completion","cap":1.2},"target":1}]},
      {"id":"g2","points":0.8e308,"children":[
        {"id":"b","points":0.8e308,"rule":{"kind":"completion","cap":1.2},"target":1}]}]})");
  std::vector<std::string> named;
  for (int u = 0; u < 20000; ++u) named.push_back("u" + std::to_string(u));
  const Eigen::MatrixXd many = units_of(20000, {1, 1}, 19999, {2, 2});
  for (const auto& o : every_way(&named))
    EXPECT_EQ(message_of(tree, many, o),
              "[zoneperf.data.309] unit \"u19999\": the total is not finite: inf (the sum of its scores, "
              "bonuses and penalties overflows)");
}

TEST(assess_test, a_vetoed_unit_with_a_score_that_overflows_is_an_error_too) {
  // Before, the veto set the total to 0 and the overflow went unseen.
  const auto tree = indicator_tree::from_json(R"({"id":"t","points":1e308,"children":[
      {"id":"a","points":1e308,"rule":{"kind":"benchmark"},"target":1},
      {"id":"stop","kind":"veto"}]})");
  EXPECT_EQ(
      message_of(tree, units_of(3, {1, 0}, 1, {5, 1})),
      "[zoneperf.data.309] unit #2, indicator \"a\": the score is not finite: fraction 5 × points 1e+308 = "
      "inf");
}

TEST(assess_test, reweighting_and_geometric_means_that_overflow_are_errors) {
  // A missing leaf's points go to its sibling: 0.96e308 x 2 overflows.
  const auto reweighted = indicator_tree::from_json(R"({"id":"t","points":1.6e308,"children":[
      {"id":"g","points":1.6e308,"children":[
        {"id":"a","points":0.8e308,"rule":{"kind":"completion","cap":1.2},"target":1,"missing":"reweight"},
        {"id":"b","points":0.8e308,"rule":{"kind":"completion","cap":1.2},"target":1,"missing":"reweight"}]}]})");
  EXPECT_EQ(
      message_of(reweighted, units_of(4, {1, 1}, 2, {2, NaN})),
      "[zoneperf.data.309] unit #3, indicator \"a\": the score is not finite: inf after reweighting the "
      "missing leaves of its group");
  EXPECT_EQ(message_of(reweighted, units_of(4, {1, 1}, 2, {0.5, NaN})), "ok");  // 0.4e308 x 2 is finite
  try {
    explain(reweighted, units_of(4, {1, 1}, 2, {2, NaN}), nullptr, 2);
    FAIL();
  } catch (const error& e) {
    EXPECT_EQ(e.where(), "unit #3, indicator \"a\"");
  }
  // Rates of 2 give a geometric mean of 2 x 1e308.
  const auto geometric = indicator_tree::from_json(R"({"id":"t","points":1e308,"children":[
      {"id":"g","points":1e308,"aggregate":"geometric","children":[
        {"id":"a","points":0.5e308,"rule":{"kind":"completion","cap":2},"target":1},
        {"id":"b","points":0.5e308,"rule":{"kind":"completion","cap":2},"target":1}]}]})");
  EXPECT_EQ(message_of(geometric, units_of(4, {1, 1}, 3, {2, 2})),
            "[zoneperf.data.309] unit #4, group \"g\": the score is not finite: inf (its geometric mean "
            "overflows)");
}

TEST(assess_test, a_leaf_of_zero_points_whose_fraction_is_infinite_is_not_taken_for_missing) {
  // 0 x inf is NaN: before, a reweighted group counted the leaf as missing.
  const auto tree = indicator_tree::from_json(R"({"id":"t","points":10,"children":[
      {"id":"g","points":10,"children":[
        {"id":"a","points":0,"rule":{"kind":"benchmark"},"target":1e-300,"missing":"reweight"},
        {"id":"b","points":10,"rule":{"kind":"completion"},"target":1,"missing":"reweight"}]}]})");
  EXPECT_EQ(
      message_of(tree, units_of(2, {1, 1}, 1, {1e300, 1})),
      "[zoneperf.data.309] unit #2, indicator \"a\": the score is not finite: fraction inf × points 0 = "
      "NaN");
}

TEST(assess_test, an_infinite_value_is_error_309_as_in_a_csv_and_nan_stays_missing) {
  // Issue 19 item 11: the CSV reader rejects "inf"; the matrix API scored it (capped, or 0).
  const char* mini = R"({"id":"mini","points":20,"children":[
    {"id":"g1","points":12,"children":[
      {"id":"sales","points":8,"rule":{"kind":"completion","cap":1.2},"target":50},
      {"id":"cost","points":4,"direction":"lower","rule":{"kind":"completion"},"target":10}]},
    {"id":"g2","points":8,"children":[
      {"id":"grade","points":8,"rule":{"kind":"lookup","table":{"good":1,"fair":0.5},"veto":["bad"]}}]},
    {"id":"extra","kind":"bonus","per_unit":2,"max":3},
    {"id":"late","kind":"penalty","per_unit":1,"max":5},
    {"id":"accident","kind":"veto"}]})";
  const auto tree = indicator_tree::from_json(mini);
  const std::vector<double> good = {60, 8, 0, 1, 0, 0};
  const char* names[] = {"sales", "cost", "grade", "extra", "late", "accident"};
  for (std::size_t c = 0; c < good.size(); ++c)
    for (double x : {inf, -inf}) {
      std::vector<double> bad = good;
      bad[c] = x;
      const Eigen::MatrixXd v = units_of(10000, good, 9000, bad);
      const std::string expected = "[zoneperf.data.309] unit #9001, indicator \"" + std::string(names[c]) +
                                   "\": not a finite number: " + (x > 0 ? "inf" : "-inf");
      for (const auto& o : every_way(nullptr)) EXPECT_EQ(message_of(tree, v, o), expected) << names[c];
      // Row-major values too.
      const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> rm = v;
      try {
        assess(tree, rm);
        ADD_FAILURE() << names[c];
      } catch (const error& e) {
        EXPECT_EQ(std::string(e.what()), expected);
      }
      try {
        explain(tree, v, nullptr, 9000);
        ADD_FAILURE() << names[c];
      } catch (const error& e) {
        EXPECT_EQ(std::string(e.what()), expected);
      }
    }
  // NaN is a missing value, as before: the leaf's missing policy (here the default, error) decides.
  std::vector<double> missing = good;
  missing[0] = NaN;
  EXPECT_EQ(
      message_of(tree, units_of(3, good, 1, missing)),
      "[zoneperf.data.301] unit #2, indicator \"sales\": missing value (the indicator's missing policy is "
      "error)");
}

TEST(assess_test, an_infinite_value_on_the_wide_path_is_an_error) {
  // Plain sums of completion leaves two levels down: the wide loop, a vector of units at a time.
  const auto tree = indicator_tree::from_json(R"({"id":"t","points":10,"children":[
      {"id":"g","points":10,"children":[
        {"id":"a","points":5,"rule":{"kind":"completion"},"target":1},
        {"id":"b","points":5,"direction":"lower","rule":{"kind":"completion"},"target":1}]},
      {"id":"plus","kind":"bonus","per_unit":1,"max":1}]})");
  for (std::size_t c = 0; c < 3; ++c)
    for (double x : {inf, -inf}) {
      std::vector<double> bad = {1, 1, 0};
      bad[c] = x;
      for (std::ptrdiff_t at : {0, 1, 2, 3, 5000, 9999}) {
        const Eigen::MatrixXd v = units_of(10000, {1, 1, 0}, at, bad);
        const char* names[] = {"a", "b", "plus"};
        for (const auto& o : every_way(nullptr))
          EXPECT_EQ(message_of(tree, v, o), "[zoneperf.data.309] unit #" + std::to_string(at + 1) +
                                                ", indicator \"" + names[c] +
                                                "\": not a finite number: " + (x > 0 ? "inf" : "-inf"));
      }
    }
}

TEST(assess_test, an_infinite_target_in_a_targets_table_stays_error_303) {
  const auto tree = indicator_tree::from_json(R"({"id":"t","points":10,"children":[
      {"id":"a","points":10,"rule":{"kind":"completion"},"target":1}]})");
  Eigen::MatrixXd t(2, 1);
  t << 1, inf;
  const target_table tt{{"a"}, t};
  try {
    assess(tree, Eigen::MatrixXd(Eigen::MatrixXd::Ones(2, 1)), &tt);
    FAIL();
  } catch (const error& e) {
    EXPECT_STREQ(e.what(), "[zoneperf.data.303] unit #2, indicator \"a\": target must be positive, not inf");
  }
}

TEST(assess_test, duplicate_unit_ids_are_error_306_as_in_a_csv) {
  const auto tree = indicator_tree::from_json(R"({"id":"t","points":10,"children":[
      {"id":"a","points":10,"rule":{"kind":"completion"},"target":1}]})");
  const std::vector<std::string> ids = {"甲", "乙", "丙", "乙"};
  assess_options o;
  o.unit_ids = &ids;
  EXPECT_EQ(message_of(tree, Eigen::MatrixXd::Ones(4, 1), o),
            "[zoneperf.data.306] row 4: duplicate unit \"乙\" (first on row 2)");
  // A caller that has checked them (the readers' tables) can say so; explain does not look.
  o.check_unit_ids = false;
  EXPECT_EQ(message_of(tree, Eigen::MatrixXd::Ones(4, 1), o), "ok");
  o.check_unit_ids = true;
  EXPECT_EQ(explain(tree, Eigen::MatrixXd(Eigen::MatrixXd::Ones(4, 1)), nullptr, 3, o).size(), 1u);
  // Many distinct ids are fine, and one repeat among them is found.
  std::vector<std::string> many;
  for (int u = 0; u < 50000; ++u) many.push_back("unit-" + std::to_string(u));
  o.unit_ids = &many;
  EXPECT_EQ(message_of(tree, Eigen::MatrixXd::Ones(50000, 1), o), "ok");
  many[40000] = "unit-123";
  EXPECT_EQ(message_of(tree, Eigen::MatrixXd::Ones(50000, 1), o),
            "[zoneperf.data.306] row 40001: duplicate unit \"unit-123\" (first on row 124)");
}
