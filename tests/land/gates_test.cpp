// Tests of include/zoneperf/land/gates.hpp: land-use gates of a proposed project.
#include "zoneperf/land/gates.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "../support/test_support.hpp"

using namespace zoneperf;

namespace {
using zoneperf::test_support::message_of;

land_proposal proposal(double investment, double tax) {
  land_proposal p;
  p.id = "P-2024-017";
  p.land = area::from_mu(50);
  p.investment = investment;
  p.promised_tax = tax;
  p.floor_area = area::parse("30000", area_unit::m2);  // 50 mu = 33 333.33 m²: plot ratio 0.9
  p.footprint = area::parse("15000", area_unit::m2);   // density 45 %
  return p;
}
}  // namespace

TEST(land_gates_test, the_articles_landed_projects_pass_every_gate) {
  // 470 and 40 万元/亩 (the article's landed projects) over Liaocheng's 300 and 20.
  const auto r = check_land_gates(proposal(470 * 50, 40 * 50));
  EXPECT_EQ(r.verdict, gate_verdict::passed);
  ASSERT_EQ(r.gates.size(), 4u);
  EXPECT_EQ(r.gates[0].figure, 470);
  EXPECT_EQ(r.gates[1].figure, 40);
  EXPECT_EQ(r.gates[2].figure, 0.9);
  EXPECT_EQ(r.gates[3].figure, 0.45);
  EXPECT_TRUE(r.failures().empty());
  EXPECT_EQ(r.gates[0].message,
            "亩均投资强度 (investment_per_mu) 470 万元/亩 meets the threshold 300 万元/亩");
}

TEST(land_gates_test, a_figure_on_its_threshold_passes) {
  const auto r = check_land_gates(proposal(300 * 50, 20 * 50));
  EXPECT_EQ(r.verdict, gate_verdict::passed);
}

TEST(land_gates_test, low_investment_intensity_is_rejected_naming_figure_and_threshold) {
  const auto r = check_land_gates(proposal(250 * 50, 40 * 50));
  EXPECT_EQ(r.verdict, gate_verdict::rejected);
  ASSERT_EQ(r.failures().size(), 1u);
  EXPECT_EQ(r.failures()[0]->gate, gate_id::investment_per_mu);
  EXPECT_EQ(r.failures()[0]->threshold, 300);
  EXPECT_EQ(r.failures()[0]->message,
            "亩均投资强度 (investment_per_mu) 250 万元/亩 is below 300 万元/亩: rejected outright");
}

TEST(land_gates_test, promised_tax_between_ten_and_twenty_fails_without_rejecting) {
  const auto r = check_land_gates(proposal(400 * 50, 15 * 50));
  EXPECT_EQ(r.verdict, gate_verdict::failed);
  EXPECT_EQ(r.gates[1].status, gate_status::failed);
  EXPECT_EQ(r.gates[1].message, "亩均税收 (tax_per_mu) 15 万元/亩 is below the threshold 20 万元/亩");
}

TEST(land_gates_test, promised_tax_below_ten_is_rejected_outright) {
  const auto r = check_land_gates(proposal(400 * 50, 9.5 * 50));
  EXPECT_EQ(r.verdict, gate_verdict::rejected);
  EXPECT_EQ(r.gates[1].status, gate_status::rejected);
  EXPECT_EQ(r.gates[1].threshold, 10);
  EXPECT_EQ(r.gates[1].message, "亩均税收 (tax_per_mu) 9.5 万元/亩 is below 10 万元/亩: rejected outright");
}

TEST(land_gates_test, plot_ratio_and_density_fail_and_unknown_ones_are_not_checked) {
  land_proposal p = proposal(400 * 50, 30 * 50);
  p.floor_area = area::parse("20000", area_unit::m2);  // 0.6
  p.footprint.reset();
  const auto r = check_land_gates(p);
  EXPECT_EQ(r.verdict, gate_verdict::failed);
  EXPECT_EQ(r.gates[2].status, gate_status::failed);
  EXPECT_EQ(r.gates[2].message, "容积率 (plot_ratio) 0.6 is below the threshold 0.8");
  EXPECT_EQ(r.gates[3].status, gate_status::not_checked);
  EXPECT_EQ(r.gates[3].message, "建筑密度 (building_density): not checked, the figure was not given");
  p.footprint = area::parse("10000", area_unit::m2);  // 30 %
  EXPECT_EQ(check_land_gates(p).gates[3].message,
            "建筑密度 (building_density) 30 % is below the threshold 40 %");
}

TEST(land_gates_test, thresholds_are_data) {
  // 寿光 advanced-manufacturing park: 260 万元/亩; the 北海 auction: tax 20, density 35 %.
  const auto t = land_gate_thresholds_from_json(R"({"investment_per_mu": {"min": 260, "reject_below": 260},
      "building_density": {"min": 0.35}, "plot_ratio": null})");
  const auto r = check_land_gates(proposal(270 * 50, 25 * 50), t);
  EXPECT_EQ(r.verdict, gate_verdict::passed);
  EXPECT_EQ(r.gates.size(), 3u);  // plot ratio turned off
  EXPECT_EQ(message_of([] {
              land_gate_thresholds_from_json(
                  R"({"tax": {"min": 1}, "tax_per_mu": {"min": 10, "reject_below": 20}})", "g.json");
            }),
            "[zoneperf.config.211] g.json:/tax: unknown key \"tax\"\n"
            "[zoneperf.config.214] g.json:/tax_per_mu: reject_below is above min");
}

TEST(land_gates_test, missing_land_or_figures_are_errors_not_failed_gates) {
  land_proposal p = proposal(400 * 50, 30 * 50);
  p.land.reset();
  p.promised_tax.reset();
  EXPECT_EQ(message_of([&] { check_land_gates(p); }),
            "[zoneperf.land.901] P-2024-017: land area is missing\n"
            "[zoneperf.land.910] P-2024-017: promised tax is missing");
  p.land = area::from_mu(0);
  p.promised_tax = -1;
  EXPECT_EQ(message_of([&] { check_land_gates(p); }),
            "[zoneperf.land.902] P-2024-017: land area must be positive, got 0.000000 mu\n"
            "[zoneperf.land.910] P-2024-017: promised tax is negative: -1");
}
