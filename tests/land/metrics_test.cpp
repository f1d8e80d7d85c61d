// Tests of include/zoneperf/land/metrics.hpp: per-mu metrics and ratio-of-sums aggregates.
#include "zoneperf/land/metrics.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>

#include "../support/test_support.hpp"

using namespace zoneperf;

namespace {
using zoneperf::test_support::message_of;

land_record full_record() {
  land_record r;
  r.id = "E1";
  r.land = area::parse("17.5", area_unit::mu);
  r.investment = 7000;
  r.tax = 350;
  r.revenue = 14000;
  r.value_added = 2800;
  r.energy_tce = 1400;
  r.emissions = 0.7;
  r.rd_spending = 420;
  r.employees = 140;
  return r;
}
}  // namespace

TEST(land_metrics_test, computes_every_metric_of_a_record) {
  const land_metrics m = compute_metrics(full_record());
  EXPECT_EQ(m[land_metric::investment_per_mu], 400.0);  // 7000 / 17.5
  EXPECT_EQ(m[land_metric::tax_per_mu], 20.0);
  EXPECT_EQ(m[land_metric::revenue_per_mu], 800.0);
  EXPECT_EQ(m[land_metric::value_added_per_mu], 160.0);
  EXPECT_EQ(m[land_metric::value_added_per_tce], 2.0);
  EXPECT_EQ(m[land_metric::value_added_per_emission], 2800 / 0.7);
  EXPECT_EQ(m[land_metric::labour_productivity], 20.0);
  EXPECT_EQ(m[land_metric::rd_share], 0.03);
  EXPECT_EQ(m[land_metric::tax_per_tce], 0.25);
}

TEST(land_metrics_test, land_in_square_metres_or_hectares_gives_the_same_figures) {
  land_record r = full_record();
  r.land = area::parse("11666.666666", area_unit::m2);  // not 17.5 mu: m² cannot hold 2000/3·17.5
  EXPECT_NE(compute_metrics(r)[land_metric::tax_per_mu], 20.0);
  r.land = area::parse("1.1666666666", area_unit::ha);
  EXPECT_NE(compute_metrics(r)[land_metric::tax_per_mu], 20.0);
  r.land = area::from_mu(35) - area::parse("17.5", area_unit::mu);
  EXPECT_EQ(compute_metrics(r)[land_metric::tax_per_mu], 20.0);
  r.land = area::from_ha(2);  // 30 mu
  EXPECT_EQ(compute_metrics(r)[land_metric::tax_per_mu], 350.0 / 30.0);
}

TEST(land_metrics_test, missing_inputs_and_zero_denominators_make_a_metric_unavailable) {
  land_record r = full_record();
  r.emissions.reset();
  r.energy_tce = 0;  // nothing declared: not an infinity
  r.revenue.reset();
  const land_metrics m = compute_metrics(r);
  EXPECT_FALSE(m.has(land_metric::value_added_per_emission));
  EXPECT_FALSE(m.has(land_metric::value_added_per_tce));
  EXPECT_FALSE(m.has(land_metric::tax_per_tce));
  EXPECT_FALSE(m.has(land_metric::revenue_per_mu));
  EXPECT_FALSE(m.has(land_metric::rd_share));
  EXPECT_TRUE(m.has(land_metric::tax_per_mu));
}

TEST(land_metrics_test, missing_zero_or_negative_land_is_an_error_naming_the_entity) {
  land_record r = full_record();
  r.id = "鲁西化工";
  r.land.reset();
  EXPECT_EQ(message_of([&] { compute_metrics(r); }), "[zoneperf.land.901] 鲁西化工: land area is missing");
  r.land = area();
  EXPECT_EQ(message_of([&] { compute_metrics(r); }),
            "[zoneperf.land.902] 鲁西化工: land area must be positive, got 0.000000 mu");
  r.land = area::parse("-2.5", area_unit::mu);
  r.energy_tce = -1;
  EXPECT_EQ(message_of([&] { compute_metrics(r); }),
            "[zoneperf.land.902] 鲁西化工: land area must be positive, got -2.500000 mu\n"
            "[zoneperf.land.903] 鲁西化工: energy_tce is negative: -1");
  land_totals t;
  EXPECT_EQ(message_of([&] { t.add(r); }).rfind("[zoneperf.land.902] 鲁西化工: ", 0), 0u);
}

TEST(land_metrics_test, aggregates_are_ratios_of_sums_not_means_of_ratios) {
  land_record small = full_record(), large = full_record();
  small.id = "small";
  small.land = area::from_mu(10);
  small.tax = 100;  // 10 万元/亩
  large.id = "large";
  large.land = area::from_mu(90);
  large.tax = 90;  // 1 万元/亩
  const land_metrics zone = aggregate_metrics({small, large});
  EXPECT_EQ(zone[land_metric::tax_per_mu], 1.9);  // 190 / 100 mu
  const double mean_of_ratios =
      (compute_metrics(small)[land_metric::tax_per_mu] + compute_metrics(large)[land_metric::tax_per_mu]) / 2;
  EXPECT_EQ(mean_of_ratios, 5.5);  // what a mean of ratios would wrongly report
}

TEST(land_metrics_test, an_aggregate_sums_each_metric_over_the_records_that_have_it) {
  land_record a = full_record(), b = full_record();
  b.id = "E2";
  b.land = area::from_mu(100);
  b.tax.reset();  // its land must not dilute 亩均税收
  b.investment = 30000;
  land_totals t;
  t.add(a);
  t.add(b);
  EXPECT_EQ(t.records(), 2u);
  EXPECT_EQ(t.land(), area::parse("117.5", area_unit::mu));
  EXPECT_EQ(t.ratios()[land_metric::tax_per_mu], 20.0);
  EXPECT_EQ(t.ratios()[land_metric::investment_per_mu], 37000 / 117.5);
}

TEST(land_metrics_test, the_landed_projects_per_mu_figures_come_from_totals) {
  // The article's 30 landed projects: 470 and 40 万元/亩 (docs/semantics.md §1). Three projects whose
  // sums give those figures, though none of them is at 470 / 40 on its own.
  land_totals t;
  const double inv[] = {12000, 20000, 15000}, tax[] = {1500, 1500, 1000};
  const int mu[] = {20, 45, 35};
  for (int i = 0; i < 3; ++i) {
    land_record p;
    p.id = "P" + std::to_string(i);
    p.land = area::from_mu(mu[i]);
    p.investment = inv[i];
    p.tax = tax[i];
    t.add(p);
  }
  EXPECT_EQ(t.ratios()[land_metric::investment_per_mu], 470.0);
  EXPECT_EQ(t.ratios()[land_metric::tax_per_mu], 40.0);
}

TEST(land_metrics_test, groups_by_park_and_task_force_in_order_of_first_appearance) {
  land_record a = full_record(), b = full_record(), c = full_record();
  a.task_force = "高端装备";
  b.id = "E2";
  b.task_force = "信息技术";
  b.tax = 700;
  c.id = "E3";
  c.task_force = "高端装备";
  c.tax = 0;
  const auto groups = aggregate_by({a, b, c}, land_grouping::task_force);
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].key, "高端装备");
  EXPECT_EQ(groups[0].totals.ratios()[land_metric::tax_per_mu], 10.0);  // 350 / 35 mu
  EXPECT_EQ(groups[1].key, "信息技术");
  EXPECT_EQ(groups[1].totals.ratios()[land_metric::tax_per_mu], 40.0);
}

TEST(land_metrics_test, a_figure_or_metric_that_is_not_finite_is_error_309_naming_the_record) {
  // Issue 19 item 8: tax 1e308 on 1 m² gave 亩均税收 inf, and the evaluation went on.
  land_record r = full_record();
  r.land = area::from_m2(1);
  r.tax = 1e308;
  EXPECT_EQ(
      message_of([&] { compute_metrics(r); }),
      "[zoneperf.data.309] E1: tax_per_mu (亩均税收) is not finite: tax 1e+308 ÷ land 0.001500 mu overflows");
  EXPECT_EQ(validate_record(r).size(), 1u);
  r.tax = 350;
  r.value_added = 1e308;
  r.emissions = 1e-10;  // value added per tonne overflows too
  EXPECT_EQ(
      message_of([&] { compute_metrics(r); }),
      "[zoneperf.data.309] E1: value_added_per_mu (亩均增加值) is not finite: value_added 1e+308 ÷ land "
      "0.001500 mu overflows\n"
      "[zoneperf.data.309] E1: value_added_per_emission (单位排放增加值) is not finite: value_added 1e+308 "
      "÷ emissions 1e-10 overflows");
  // A figure given as an infinity (the C++ API; the CSV reader rejects "inf").
  land_record f = full_record();
  f.revenue = std::numeric_limits<double>::infinity();
  f.employees = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(message_of([&] { compute_metrics(f); }),
            "[zoneperf.data.309] E1: revenue is not finite: inf\n"
            "[zoneperf.data.309] E1: employees is not finite: nan");
  land_totals t;
  EXPECT_EQ(message_of([&] { t.add(f); }),
            "[zoneperf.data.309] E1: revenue is not finite: inf\n"
            "[zoneperf.data.309] E1: employees is not finite: nan");
}

TEST(land_metrics_test, an_aggregate_whose_sum_overflows_is_error_309_naming_it) {
  // Issue 19 item 8: the zone's Σ tax overflowed to null.
  land_record a = full_record(), b = full_record();
  a.tax = 1e308;  // 亩均税收 5.7e306 each: finite
  b.id = "E2";
  b.tax = 1e308;
  b.energy_tce.reset();
  const land_metrics each = compute_metrics(a);
  EXPECT_TRUE(std::isfinite(each[land_metric::tax_per_mu]));
  land_totals t;
  t.add(a);
  t.add(b);
  EXPECT_EQ(
      message_of([&] { t.ratios(); }),
      "[zoneperf.data.309] zone: tax_per_mu (亩均税收) is not finite: Σ tax over its records is not finite "
      "(the sum overflows)");
  EXPECT_EQ(
      message_of([&] {
        aggregate_metrics({a, b});
      }),
      "[zoneperf.data.309] zone: tax_per_mu (亩均税收) is not finite: Σ tax over its records is not finite "
      "(the sum overflows)");
  a.park = b.park = "东区";
  const auto groups = aggregate_by({a, b}, land_grouping::park);
  EXPECT_EQ(
      message_of([&] { groups[0].totals.ratios("park 东区"); }),
      "[zoneperf.data.309] park 东区: tax_per_mu (亩均税收) is not finite: Σ tax over its records is not "
      "finite (the sum overflows)");
  // A denominator other than land whose sum overflows would make its ratios 0: an error too.
  land_record e = full_record(), g = full_record();
  e.energy_tce = 1e308;
  g.id = "E2";
  g.energy_tce = 1e308;
  land_totals energy;
  energy.add(e);
  energy.add(g);
  EXPECT_EQ(
      message_of([&] { energy.ratios(); }),
      "[zoneperf.data.309] zone: value_added_per_tce (单位能耗增加值) is not finite: Σ energy_tce over its "
      "records is not finite (the sum overflows)\n"
      "[zoneperf.data.309] zone: tax_per_tce (单位能耗税收) is not finite: Σ energy_tce over its records is "
      "not finite (the sum overflows)");
}

TEST(land_metrics_test, metric_names_round_trip) {
  for (std::size_t i = 0; i < land_metric_count; ++i) {
    const auto m = static_cast<land_metric>(i);
    EXPECT_EQ(find_land_metric(to_string(m)), m);
  }
  EXPECT_STREQ(display_name(land_metric::tax_per_mu), "亩均税收");
  EXPECT_STREQ(unit_name(land_metric::tax_per_mu), "万元/亩");
  EXPECT_FALSE(find_land_metric("tax"));
}
