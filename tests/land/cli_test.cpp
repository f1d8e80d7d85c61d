// Tests of `zoneperf land` and the land step of `zoneperf demo` (include/zoneperf/land/report.hpp
// is what --format json prints).
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>

#include "../support/test_support.hpp"

namespace {
using zoneperf::test_support::run;

const std::string sample = std::string(ZONEPERF_SOURCE_DIR) + "/samples/land/enterprises.csv";
}  // namespace

TEST(land_cli_test, json_report_lists_every_enterprise_with_its_class) {
  const auto r = run("land --enterprises " + sample + " --format json");
  ASSERT_EQ(r.status, 0) << r.out;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["preset"], "zj-huangyan");
  EXPECT_EQ(j["enterprises"].size(), 33u);
  EXPECT_EQ(j["rated"], 30);
  // 30 rated: A ⌊6⌋, B ⌊12⌋, D ⌈1.5⌉ = 2, C 10; 3 exempt.
  const std::size_t expected[] = {6, 12, 10, 2, 3};
  for (std::size_t c = 0; c < 5; ++c) EXPECT_EQ(j["classes"][c]["count"], expected[c]) << c;
  EXPECT_EQ(j["classes"][4]["label"], "T");
  EXPECT_TRUE(j["enterprises"][5]["score"].is_null());
  EXPECT_EQ(j["enterprises"][5]["class"], "T");
  EXPECT_EQ(j["fills"].size(), 2u);  // two missing emission figures take the peer average
}

TEST(land_cli_test, table_shows_classes_and_the_zones_per_mu_figures) {
  const auto r = run("land --enterprises " + sample + " --preset js-huaian --by task_force");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("落后整治"), std::string::npos);
  EXPECT_NE(r.out.find("不适合评价"), std::string::npos);
  EXPECT_NE(r.out.find("ratios of sums"), std::string::npos);
  EXPECT_NE(r.out.find("高端装备"), std::string::npos);
  EXPECT_NE(r.out.find("tax_per_mu: benchmark 25 (2 × prior-year peer average 12.5)"), std::string::npos)
      << r.out;
}

TEST(land_cli_test, prior_averages_on_the_command_line_override_the_presets) {
  const auto r = run("land --enterprises " + sample + " --preset js-huaian --prior tax_per_mu=10");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("tax_per_mu: benchmark 20 (2 × prior-year peer average 10)"), std::string::npos)
      << r.out;
}

TEST(land_cli_test, csv_and_markdown_formats) {
  const auto csv = run("land --enterprises " + sample + " --format csv");
  ASSERT_EQ(csv.status, 0) << csv.out;
  EXPECT_EQ(
      csv.out.substr(0, csv.out.find('\n')),
      "id,name,land_mu,investment_per_mu,tax_per_mu,revenue_per_mu,value_added_per_mu,value_added_per_tce,"
      "value_added_per_emission,labour_productivity,rd_share,tax_per_tce,score,rank,class");
  const auto md = run("land --enterprises " + sample + " --format markdown");
  ASSERT_EQ(md.status, 0) << md.out;
  EXPECT_NE(md.out.find("### Classes"), std::string::npos);
}

TEST(land_cli_test, a_bad_table_exits_2_naming_line_and_column) {
  const auto path = std::filesystem::temp_directory_path() / "zoneperf_land_bad.csv";
  std::ofstream(path) << "id,land_mu,tax_wan\nA,10,1\nB,,2\n";
  const auto r = run("land --enterprises " + path.string());
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "zoneperf: [zoneperf.land.901] " + path.string() + ":3:2: B: land area is missing\n");
  std::filesystem::remove(path);
}

TEST(land_cli_test, demo_prints_the_sample_enterprises_classes) {
  const auto dir = std::filesystem::temp_directory_path() / "zoneperf_land_demo";
  const auto r = run("demo --out " + dir.string());
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("亩均效益"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("落后整治"), std::string::npos);
  EXPECT_TRUE(std::filesystem::exists(dir / "land.json"));
  std::filesystem::remove_all(dir);
}

TEST(land_cli_test, csv_neutralises_names_a_spreadsheet_would_run_and_keeps_negative_numbers) {
  std::ifstream in(sample, std::ios::binary);
  std::string csv((std::istreambuf_iterator<char>(in)), {});
  const std::string from = "新能源电池有限公司";
  const auto at = csv.find(from);
  ASSERT_NE(at, std::string::npos);
  csv.replace(at, from.size(), "-2+3+cmd|' /C calc'!A0");
  const std::string path = zoneperf::test_support::write_temp("inject-enterprises.csv", csv);
  const auto r = run("land --enterprises " + path + " --format csv");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.out.substr(0, 3), "id,");  // standard output: no BOM
  EXPECT_NE(r.out.find("\nE01,'-2+3+cmd|' /C calc'!A0,33.3,"), std::string::npos) << r.out;
  // Markdown shows it as text, its pipe escaped.
  const auto md = run("land --enterprises " + path + " --format markdown");
  ASSERT_EQ(md.status, 0) << md.out;
  EXPECT_NE(md.out.find("| E01 | -2+3+cmd\\|' /C calc'!A0 |"), std::string::npos) << md.out;
}

TEST(land_cli_test, the_demos_land_csv_starts_with_a_bom) {
  const std::string dir = testing::TempDir() + "land-demo-bom";
  ASSERT_EQ(run("demo --out " + dir + " >/dev/null").status, 0);
  std::ifstream f(dir + "/land.csv", std::ios::binary);
  std::string head(6, '\0');
  f.read(head.data(), 6);
  EXPECT_EQ(head, "\xEF\xBB\xBFid,");
}

namespace {
const std::string sample_2019 = std::string(ZONEPERF_SOURCE_DIR) + "/samples/land/enterprises_2019.csv";
}  // namespace

TEST(land_cli_test, previous_prints_the_class_migration) {
  const auto r = run("land --enterprises " + sample + " --previous " + sample_2019);
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("up = a better class (D < C < B < A)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("entered    0   0   3  0  0            3"), std::string::npos) << r.out;
  const auto j = nlohmann::json::parse(
      run("land --enterprises " + sample + " --previous " + sample_2019 + " --format json").out);
  std::size_t total = 0;
  for (const auto& row : j["matrix"]["counts"])
    for (const auto& n : row) total += n.get<std::size_t>();
  EXPECT_EQ(total, 35u);  // 33 this year + 2 that left
  EXPECT_EQ(j["moves_count"]["entered"], 3);
  EXPECT_EQ(j["moves_count"]["left"], 2);
  bool seen = false;
  for (const auto& m : j["moves"]) {
    // The script that made the 2019 table gave E09 (first of 30 now) 0.35 of its later output.
    if (m["id"] == "E09") EXPECT_EQ(m["move"], "up");
    if (m["id"] == "E35") {
      seen = true;
      EXPECT_TRUE(m["to"].is_null());
      EXPECT_EQ(m["move"], "left");
    }
  }
  EXPECT_TRUE(seen);
}

TEST(land_cli_test, previous_classes_read_the_published_class_column) {
  const std::string file = testing::TempDir() + "published_2019.csv";
  std::ofstream(file) << "id,name,class\nE01,新能源电池有限公司,B\nE06,热电联产有限公司,T\nE99,旧厂,D\n";
  const auto r =
      run("land --enterprises " + sample + " --previous " + file + " --previous-classes --format csv");
  ASSERT_EQ(r.status, 0) << r.out;
  // E01 is in class A in the sample year (rank 3 of 30): up from B; E99 left; the others entered.
  EXPECT_NE(r.out.find("E01,新能源电池有限公司,B,A,up,1\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("E06,热电联产有限公司,T,T,exempt,0\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("E02,光伏材料有限公司,,C,entered,0\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("E99,旧厂,D,,left,0\n"), std::string::npos) << r.out;
}

TEST(land_cli_test, previous_errors_are_numbered_and_name_file_line_and_id) {
  const auto both = run("land --enterprises " + sample + " --previous " + sample_2019 +
                        " --previous-preset js-huaian --previous-classes");
  EXPECT_EQ(both.status, 2);
  EXPECT_EQ(
      both.out,
      "zoneperf: [zoneperf.land.913] --previous-preset js-huaian: the earlier year is either classed with a "
      "preset (--previous-preset) or given its published classes (--previous-classes), not both\n");
  const auto no_column =
      run("land --enterprises " + sample + " --previous " + sample_2019 + " --previous-classes");
  EXPECT_EQ(no_column.status, 2);
  EXPECT_EQ(no_column.out, "zoneperf: [zoneperf.data.305] " + sample_2019 +
                               ":1: no \"class\" column (the published classes, for --previous-classes)\n");
  const std::string bad = testing::TempDir() + "bad_classes.csv";
  std::ofstream(bad) << "id,class\nE01,A\nE02,优\nE01,B\n";
  const auto r = run("land --enterprises " + sample + " --previous " + bad + " --previous-classes");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "zoneperf: [zoneperf.land.912] " + bad +
                       ":3:2: E02: class \"优\" is not one of A, B, C, D or T\n" + "[zoneperf.land.904] " +
                       bad + ":4:1: E01: the id appears again (first on line 2)\n");
  const std::string twice = testing::TempDir() + "twice_2019.csv";
  std::ofstream(twice) << "id,land_mu,tax_wan\nE01,10,100\nE01,12,90\n";
  const auto t = run("land --enterprises " + sample + " --previous " + twice);
  EXPECT_EQ(t.status, 2);
  EXPECT_NE(t.out.find("[zoneperf.land.904] " + twice + ":3:1: E01: the id appears again (first on line 2)"),
            std::string::npos)
      << t.out;
}
