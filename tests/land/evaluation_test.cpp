// Tests of include/zoneperf/land/evaluation.hpp: land configs, preprocessing (benchmarks and
// missing data) and the presets' scores on hand-worked enterprises.
#include "zoneperf/land/evaluation.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "../support/test_support.hpp"
#include "zoneperf/presets.hpp"

using namespace zoneperf;

namespace {
using zoneperf::test_support::message_of;

land_record record(std::string id, int mu) {
  land_record r;
  r.id = std::move(id);
  r.land = area::from_mu(mu);
  return r;
}

// A Huangyan enterprise worked by hand on 10 mu:
//   亩均税收 240.97 / 10 = 24.097        → 24.097 / 24.097 = 1      × 30 = 30
//   亩均增加值 2042.4 / 10 = 204.24      → 204.24 / 136.16 = 1.5    × 20 = 30
//   单位能耗增加值 2042.4 / 1516 = 1.3472… → / 2.694 = 0.50008…      × 20 = 10.0016…
//   单位排放增加值 2042.4 / 0.2 = 10212  → / 4929.81 = 2.07148…      × 10 = 20.7148…
//   全员劳动生产率 2042.4 / 100 = 20.424 → / 18.14 = 1.12591…       × 10 = 11.2591…
//   R&D占比 151 / 10000 = 0.0151        → / 0.0302 = 0.5            × 10 = 5
land_record huangyan_enterprise() {
  land_record r = record("HY1", 10);
  r.tax = 240.97;
  r.value_added = 2042.4;
  r.energy_tce = 1516;
  r.emissions = 0.2;
  r.employees = 100;
  r.revenue = 10000;
  r.rd_spending = 151;
  return r;
}
const double huangyan_expected =
    30 + 30 + 20 * (2042.4 / 1516 / 2.694) + 10 * (10212 / 4929.81) + 10 * (20.424 / 18.14) + 5;  // ≈ 107.0
}  // namespace

TEST(land_evaluation_test, both_land_configs_load_and_fit_their_trees) {
  for (const char* name : {"zj-huangyan", "js-huaian"}) {
    const land_config c = load_land_config(name);
    EXPECT_EQ(c.preset, name);
    EXPECT_TRUE(check_land_config(c, load_preset(name)).empty()) << name;
  }
  EXPECT_EQ(message_of([] { load_land_config("task-force"); }),
            "[zoneperf.land.911] task-force: no land-efficiency settings for this preset "
            "(presets/land/task-force.json)");
}

TEST(land_evaluation_test, zj_huangyan_scores_a_hand_worked_enterprise) {
  const auto tree = load_preset("zj-huangyan");
  const auto ev = evaluate_land(tree, load_land_config("zj-huangyan"), {huangyan_enterprise()});
  EXPECT_NEAR(ev.score(0), huangyan_expected, 1e-9);
  EXPECT_NEAR(ev.score(0), 106.98, 0.01);
  // No cap: the value-added item earns 30 of its 20 points.
  EXPECT_NEAR(ev.result.score(0, tree.index_of("value_added_per_mu")), 30.0, 1e-12);
}

TEST(land_evaluation_test, zj_huangyan_gives_a_missing_emission_figure_the_peer_average) {
  land_record a = huangyan_enterprise(), b = huangyan_enterprise(), c = huangyan_enterprise();
  b.id = "HY2";
  b.emissions = 0.8;  // 2553 万元/t
  c.id = "HY3";
  c.emissions.reset();
  land_record t = huangyan_enterprise();
  t.id = "T1";
  t.emissions = 100;  // exempt: not a peer
  t.exempt = "utility";
  const auto tree = load_preset("zj-huangyan");
  const auto ev = evaluate_land(tree, load_land_config("zj-huangyan"), {a, b, t, c});
  const auto leaf = tree.index_of("value_added_per_emission");
  const auto row_c = ev.row[3];
  // The average score of the peers that have the figure (Huangyan: "the average 规上 score").
  EXPECT_DOUBLE_EQ(ev.result.score(row_c, leaf), (ev.result.score(0, leaf) + ev.result.score(1, leaf)) / 2);
  ASSERT_EQ(ev.inputs.fills.size(), 1u);
  EXPECT_EQ(ev.inputs.fills[0].unit, "HY3");
  EXPECT_EQ(ev.inputs.fills[0].value, (10212.0 + 2553.0) / 2);
  EXPECT_EQ(ev.row[2], -1);
  EXPECT_TRUE(std::isnan(ev.score(2)));
  EXPECT_EQ(class_label(load_land_config("zj-huangyan").classes, ev.classes.class_of[2]), "T");
}

// A Huaian enterprise worked by hand on 10 mu, benchmarks 2 × the prior-year averages
// 12.5 / 310 / 0.45 = 25 / 620 / 0.9:
//   亩均税收 250 / 10 = 25       → 25 / 25 = 1       × 45 = 45
//   亩均销售收入 6200 / 10 = 620 → 620 / 620 = 1     × 35 = 35
//   单位能耗税收 250 / 250 = 1   → 1 / 0.9 = 1.111…  × 20 = 22.222…
//   bonus: 科技创新 2 points                                 + 2
TEST(land_evaluation_test, js_huaian_scores_a_hand_worked_enterprise) {
  land_record r = record("HA1", 10);
  r.tax = 250;
  r.revenue = 6200;
  r.energy_tce = 250;
  r.items = {{"innovation", 2}};
  const auto ev = evaluate_land(load_preset("js-huaian"), load_land_config("js-huaian"), {r});
  EXPECT_NEAR(ev.score(0), 45 + 35 + 20 * (1 / 0.9) + 2, 1e-9);  // 104.222…
  EXPECT_EQ(ev.inputs.target_leaves,
            std::vector<std::string>({"tax_per_mu", "revenue_per_mu", "tax_per_tce"}));
}

TEST(land_evaluation_test, js_huaian_takes_this_years_prior_averages_per_run) {
  land_record r = record("HA1", 10);
  r.tax = 250;
  r.revenue = 6200;
  r.energy_tce = 250;
  land_options o;
  o.prior_averages = {{"tax_per_mu", 10}};  // b = 20: 25 / 20 × 45 = 56.25
  const auto ev = evaluate_land(load_preset("js-huaian"), load_land_config("js-huaian"), {r}, o);
  EXPECT_NEAR(ev.score(0), 56.25 + 35 + 20 * (1 / 0.9), 1e-9);
}

TEST(land_evaluation_test, js_huaian_deducts_three_points_per_missing_figure) {
  land_record r = record("HA2", 10);
  r.tax = 250;
  r.revenue = 6200;  // no energy declared: 单位能耗税收 scores 0 and costs 3 points
  const auto tree = load_preset("js-huaian");
  const auto ev = evaluate_land(tree, load_land_config("js-huaian"), {r});
  EXPECT_NEAR(ev.score(0), 45 + 35 + 0 - 3, 1e-9);
  EXPECT_EQ(ev.result.score(0, tree.index_of("missing_data")), 3);
  r.energy_tce = 0;  // a zero declaration is no declaration
  r.revenue.reset();
  EXPECT_NEAR(evaluate_land(tree, load_land_config("js-huaian"), {r}).score(0), 45 - 6, 1e-9);
}

TEST(land_evaluation_test, a_current_peer_average_benchmark_and_lower_is_better) {
  // A lower-is-better leaf against the current peers' average (the fsou rule for emission
  // intensity): b = 1 × average, f = max(0, 2 − x/b), 0 once x ≥ 2b.
  const auto tree = indicator_tree::from_json(R"({"id": "t", "name": "t", "points": 10, "children": [
      {"id": "x", "name": "x", "points": 10, "direction": "lower", "rule": {"kind": "benchmark"}}]})");
  const auto config = land_config_from_json(R"({"preset": "t", "indicators": [
      {"leaf": "x", "metric": "tax_per_tce", "benchmark": {"mode": "peer_average", "k": 1, "of": "current"}}]})");
  land_record a = record("a", 1), b = record("b", 1), c = record("c", 1);
  a.tax = 1, a.energy_tce = 1;  // x = 1
  b.tax = 2, b.energy_tce = 1;  // x = 2
  c.tax = 6, c.energy_tce = 1;  // x = 6: average 3, so 2 − 6/3 = 0
  const auto ev = evaluate_land(tree, config, {a, b, c});
  EXPECT_NEAR(ev.score(0), 10 * (2 - 1.0 / 3), 1e-12);
  EXPECT_NEAR(ev.score(1), 10 * (2 - 2.0 / 3), 1e-12);
  EXPECT_EQ(ev.score(2), 0);
}

TEST(land_evaluation_test, the_best_performer_earns_full_marks_in_leader_mode) {
  const auto tree = indicator_tree::from_json(R"({"id": "t", "name": "t", "points": 12, "children": [
      {"id": "tax", "name": "亩均税收", "points": 12, "direction": "higher", "rule": {"kind": "rank", "mode": "leader"}}]})");
  const auto config = land_config_from_json(R"({"preset": "t", "indicators": [
      {"leaf": "tax", "metric": "tax_per_mu", "benchmark": {"mode": "leader"}}]})");
  land_record a = record("a", 10), b = record("b", 10);
  a.tax = 400;  // 40 万元/亩: the best, 12 points
  b.tax = 100;  // 10 万元/亩: 10 / 40 × 12 = 3
  const auto ev = evaluate_land(tree, config, {a, b});
  EXPECT_EQ(ev.score(0), 12);
  EXPECT_EQ(ev.score(1), 3);
}

TEST(land_evaluation_test, a_config_that_does_not_fit_its_tree_lists_every_mismatch) {
  const auto tree = load_preset("js-huaian");
  const auto config = land_config_from_json(R"({"preset": "js-huaian", "indicators": [
      {"leaf": "tax_per_mu", "metric": "tax_per_mu", "benchmark": {"mode": "leader"}},
      {"leaf": "tax_per_acre", "metric": "tax_per_mu"},
      {"leaf": "revenue_per_mu", "metric": "revenue_per_mu", "missing": "deduction"}],
      "deduction_item": "safety"})");
  EXPECT_EQ(
      message_of([&] { evaluate_land(tree, config, {}); }),
      "[zoneperf.land.907] js-huaian/tax_per_mu: a leader benchmark needs the rule {\"kind\": \"rank\", "
      "\"mode\": \"leader\"}\n"
      "[zoneperf.land.907] js-huaian/tax_per_acre: no leaf \"tax_per_acre\" in tree js-huaian\n"
      "[zoneperf.land.907] js-huaian/tax_per_tce: the leaf has no indicator in the land config\n"
      "[zoneperf.land.907] js-huaian/safety: the deduction item is not a penalty item of tree js-huaian");
  // The zj-huangyan leaves take missing "error": a deduction there would silently score nothing.
  auto hy = load_land_config("zj-huangyan");
  hy.indicators[0].missing = missing_rule::deduction;
  EXPECT_EQ(check_land_config(hy, load_preset("zj-huangyan"))[0].what,
            "a deduction needs the leaf's missing policy \"zero\", not \"error\"");
}

TEST(land_evaluation_test, a_bad_land_config_file_lists_every_problem) {
  EXPECT_EQ(
      message_of([] {
        land_config_from_json(R"({"indicators": [{"leaf": "x", "metric": "tax", "missing": "guess",
                 "benchmark": {"mode": "fixed", "k": 2}}], "extensions": {}})",
                              "l.json");
      }),
      "[zoneperf.config.211] l.json:/extensions: unknown key \"extensions\"\n"
      "[zoneperf.config.201] l.json:/: missing \"preset\"\n"
      "[zoneperf.config.214] l.json:/indicators/0/metric: unknown metric \"tax\"\n"
      "[zoneperf.config.214] l.json:/indicators/0/missing: expected \"tree\", \"peer_average\" or "
      "\"deduction\", got \"guess\"\n"
      "[zoneperf.config.211] l.json:/indicators/0/benchmark/k: \"k\" belongs to a peer_average benchmark");
}

TEST(land_evaluation_test, a_peer_average_needs_a_peer_and_a_prior_benchmark_needs_its_average) {
  land_record r = huangyan_enterprise();
  r.emissions.reset();
  EXPECT_EQ(
      message_of([&] { evaluate_land(load_preset("zj-huangyan"), load_land_config("zj-huangyan"), {r}); }),
      "[zoneperf.land.905] value_added_per_emission: no rated entity has a value of "
      "value_added_per_emission to take the peer average of");
  auto hx = load_land_config("js-huaian");
  hx.indicators[1].prior_average.reset();
  land_record h = record("HA1", 10);
  h.tax = 1, h.revenue = 1, h.energy_tce = 1;
  EXPECT_EQ(message_of([&] { evaluate_land(load_preset("js-huaian"), hx, {h}); }),
            "[zoneperf.land.906] revenue_per_mu: the benchmark is a multiple of the prior-year peer average, "
            "which was not given");
}

TEST(land_evaluation_test, every_bad_record_is_reported_at_once) {
  land_record a = huangyan_enterprise(), b = huangyan_enterprise(), c = huangyan_enterprise();
  b.id = "HY2";
  b.land.reset();
  EXPECT_EQ(message_of([&] {
              evaluate_land(load_preset("zj-huangyan"), load_land_config("zj-huangyan"), {a, b, c});
            }),
            "[zoneperf.land.901] HY2: land area is missing\n"
            "[zoneperf.land.904] HY1: the id appears more than once");
}

TEST(land_evaluation_test, a_missing_figure_under_the_tree_policy_is_the_engines_error) {
  land_record r = huangyan_enterprise();
  r.employees.reset();
  const std::string m =
      message_of([&] { evaluate_land(load_preset("zj-huangyan"), load_land_config("zj-huangyan"), {r}); });
  EXPECT_NE(m.find("HY1"), std::string::npos) << m;
  EXPECT_NE(m.find("labour_productivity"), std::string::npos) << m;
}

TEST(land_evaluation_test, a_score_that_overflows_is_error_309_and_nothing_is_ranked_or_classed) {
  // Issue 19 item 8: 亩均税收 1.5e308 scores 30 × 1.5e308 / 24.097, which overflows; the enterprise
  // was ranked 1 and classed A with the score null.
  land_record a = huangyan_enterprise(), b = huangyan_enterprise();
  b.id = "HY9";
  b.land = area::from_mu(1);
  b.tax = 1.5e308;
  EXPECT_EQ(message_of([&] {
              evaluate_land(load_preset("zj-huangyan"), load_land_config("zj-huangyan"), {a, b});
            }),
            "[zoneperf.data.309] unit \"HY9\", indicator \"tax_per_mu\": the score is not finite: fraction "
            "6.224841266547703e+306 × points 30 = inf");
  // The zone's Σ tax of two such enterprises overflows first.
  land_record c = b;
  c.id = "HY8";
  EXPECT_EQ(
      message_of([&] {
        evaluate_land(load_preset("zj-huangyan"), load_land_config("zj-huangyan"), {a, b, c});
      }),
      "[zoneperf.data.309] zone: tax_per_mu (亩均税收) is not finite: Σ tax over its records is not finite "
      "(the sum overflows)\n"
      "[zoneperf.data.309] zone: tax_per_tce (单位能耗税收) is not finite: Σ tax over its records is not "
      "finite (the sum overflows)");
}

TEST(land_evaluation_test, a_peer_average_or_benchmark_that_overflows_is_error_309_naming_the_leaf) {
  // Two enterprises at 1.2e308 万元 of value added per tonne: their peer average fills a third's
  // missing emission figure, and its sum overflows.
  land_record a = huangyan_enterprise(), b = huangyan_enterprise(), c = huangyan_enterprise();
  a.value_added = b.value_added = 0.6e308;
  a.emissions = b.emissions = 0.5;
  b.id = "HY2";
  c.id = "HY3";
  c.emissions.reset();
  EXPECT_EQ(
      message_of([&] {
        evaluate_land(load_preset("zj-huangyan"), load_land_config("zj-huangyan"), {a, b, c});
      }),
      "[zoneperf.data.309] value_added_per_emission: the peer average of value_added_per_emission over 2 "
      "rated entities is not finite (the sum overflows): it cannot fill a missing value");
  // A benchmark of k × a prior-year average that overflows.
  land_options o;
  o.prior_averages = {{"tax_per_mu", 1e308}};
  const std::string m = message_of([&] {
    evaluate_land(load_preset("js-huaian"), load_land_config("js-huaian"), {huangyan_enterprise()}, o);
  });
  EXPECT_EQ(m.rfind("[zoneperf.data.309] tax_per_mu: the benchmark ", 0), 0u) << m;
  EXPECT_NE(m.find("is not finite (the product overflows)"), std::string::npos) << m;
}
