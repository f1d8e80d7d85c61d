// Tests of include/zoneperf/land/records.hpp: enterprise CSV tables.
#include "zoneperf/land/records.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "../support/test_support.hpp"
#include "zoneperf/presets.hpp"

using namespace zoneperf;

namespace {
using zoneperf::test_support::message_of;
}  // namespace

TEST(land_records_test, reads_the_sample_enterprises) {
  const auto records =
      read_land_records(read_csv(sample_file("land/enterprises.csv"), "samples/land/enterprises.csv"));
  ASSERT_EQ(records.size(), 33u);
  EXPECT_EQ(records[0].id, "E01");
  EXPECT_EQ(records[0].name, "新能源电池有限公司");
  EXPECT_EQ(records[0].task_force, "新材料新能源");
  EXPECT_EQ(*records[0].land, area::parse("33.3", area_unit::mu));
  EXPECT_EQ(*records[0].tax, 1098.0);
  std::size_t exempt = 0;
  for (const auto& r : records) exempt += r.exempt ? 1 : 0;
  EXPECT_EQ(exempt, 3u);
  EXPECT_EQ(*records[5].exempt, "公用事业(热电)");
  EXPECT_FALSE(records[12].emissions);  // an empty cell is a missing figure
}

TEST(land_records_test, land_may_be_given_in_square_metres_or_hectares) {
  const auto m2 = read_land_records(read_csv("id,land_m2,tax_wan\nA,2000,30\n", "a.csv"));
  EXPECT_EQ(*m2[0].land, area::from_mu(3));
  const auto ha = read_land_records(read_csv("id,land_ha,tax_wan\nA,0.2,30\n", "a.csv"));
  EXPECT_EQ(*ha[0].land, area::from_mu(3));
}

TEST(land_records_test, item_columns_are_taken_when_the_scorecard_has_them) {
  land_csv_options o;
  o.item_columns = {"innovation"};
  const auto r = read_land_records(read_csv("id,land_mu,innovation\nA,10,2\nB,10,\n", "a.csv"), o);
  ASSERT_EQ(r[0].items.size(), 1u);
  EXPECT_EQ(r[0].items[0], (std::pair<std::string, double>("innovation", 2)));
  EXPECT_TRUE(r[1].items.empty());
}

TEST(land_records_test, bad_rows_are_reported_at_once_with_line_and_column) {
  const std::string text =
      "id,name,land_mu,tax_wan,energy_tce\n"
      "E1,甲,10,120,300\n"
      "E2,乙,,80,200\n"              // line 3: no land
      "E3,丙,0,80,200\n"             // line 4: zero land
      "E4,丁,12.5,八十,200\n"        // line 5: text in a number cell
      "E1,戊,1.0000000001,80,-5\n";  // line 6: duplicate id, too many decimals, negative energy
  EXPECT_EQ(message_of([&] { read_land_records(read_csv(text, "enterprises.csv")); }),
            "[zoneperf.land.901] enterprises.csv:3:3: E2: land area is missing\n"
            "[zoneperf.land.902] enterprises.csv:4:3: E3: land area must be positive, got 0 mu\n"
            "[zoneperf.data.308] enterprises.csv:5:4: not a number: \"八十\"\n"
            "[zoneperf.land.904] enterprises.csv:6:1: E1: the id appears again (first on line 2)\n"
            "[zoneperf.money.552] enterprises.csv:6:3: \"1.0000000001\" mu has more than 9 decimal places, "
            "which an exact area cannot hold\n"
            "[zoneperf.land.903] enterprises.csv:6:5: E1: energy_tce is negative: -5");
}

TEST(land_records_test, bad_headers_are_reported_before_any_row) {
  EXPECT_EQ(
      message_of([] { read_land_records(read_csv("name,land_mu,land_m2,tax,tax\nA,1,2,3,4\n", "e.csv")); }),
      "[zoneperf.land.909] e.csv:1:3: a second land column \"land_m2\" beside \"land_mu\"\n"
      "[zoneperf.data.304] e.csv:1:4: unknown column \"tax\"\n"
      "[zoneperf.data.307] e.csv:1:5: duplicate column \"tax\"\n"
      "[zoneperf.data.305] e.csv:1: no \"id\" column");
  EXPECT_EQ(message_of([] { read_land_records(read_csv("id,tax_wan\nA,3\n", "e.csv")); }),
            "[zoneperf.data.305] e.csv:1: no land column (one of land_mu, land_m2, land_ha)");
}
