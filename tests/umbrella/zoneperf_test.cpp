// Tests for include/zoneperf/zoneperf.hpp: the umbrella header alone reaches every module's API.
#include "zoneperf/zoneperf.hpp"

#include <gtest/gtest.h>

namespace zoneperf {
namespace {

TEST(umbrella_test, one_include_reaches_every_module) {
  EXPECT_EQ(to_string(cny_money::parse("7175万"), money_unit::wan),
            "7175");                               // article: 7175 万元 of support funds
  EXPECT_EQ(area::from_mu(15), area::from_ha(1));  // 1 ha = 15 mu
  EXPECT_EQ(largest_remainder({13, 21, 8, 6}, 10),
            (std::vector<std::int64_t>{3, 4, 2, 1}));  // article's key projects
  EXPECT_EQ(period::parse("2020-07").label(), "2020-07");
  EXPECT_EQ(to_string(stage::landed), std::string("landed"));
  EXPECT_EQ(to_string(gate_id::tax_per_mu), std::string("tax_per_mu"));
  EXPECT_EQ(land_metric_count, 9u);
  EXPECT_EQ(shortest(0.1), "0.1");
  EXPECT_EQ(equal_weights({"a", "b"}).weights.size(), 2);
}

// The README's C++ tour of the scorecard, through the umbrella header alone.
TEST(umbrella_test, the_readme_scorecard_tour_runs) {
  const indicator_tree tree = load_preset("task-force");
  const values_table v = read_values(tree, sample_file("task-force/values.csv"), "values.csv");
  const scorecard card = make_scorecard(tree, v.values, nullptr, v.units);
  const std::string json = report_json(card);
  const scorecard back = read_scorecard(json);
  EXPECT_EQ(report_json(back), json);
  EXPECT_EQ(report_html(report_data(back)), report_html(report_data(card)));
}

}  // namespace
}  // namespace zoneperf
