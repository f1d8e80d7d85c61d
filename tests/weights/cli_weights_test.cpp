// zoneperf weights ... and zoneperf uncertainty: output, files written, errors and exit codes.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "../support/test_support.hpp"
#include "zoneperf/tree.hpp"

using namespace zoneperf;

namespace {
using zoneperf::test_support::run;

using zoneperf::test_support::write_temp;

const std::string source = ZONEPERF_SOURCE_DIR;
const std::string samples = source + "/samples/task-force/";
}  // namespace

TEST(cli_weights_test, ahp_prints_weights_and_consistency) {
  const auto r = run("weights ahp " + source + "/tests/data/weights/drinks.csv");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("water      0.3268"), std::string::npos) << r.out;
  EXPECT_NE(
      r.out.find("lambda_max 7.1766  CI 0.0294  RI 1.32 (saaty-classic)  CR 0.0223: acceptable (CR < 0.10)"),
      std::string::npos)
      << r.out;
  const auto j = nlohmann::json::parse(
      run("weights ahp " + source + "/tests/data/weights/drinks.csv --format json").out);
  EXPECT_NEAR(j["cr"].get<double>(), 0.022, 0.0005);
  EXPECT_EQ(j["criteria"].size(), 7u);
}

TEST(cli_weights_test, ahp_rejects_a_bad_matrix_with_exit_code_2) {
  const auto path = write_temp("bad_ahp.csv", "a,b\n1,3\n1/2,1\n");
  const auto r = run("weights ahp " + path);
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out,
            "zoneperf: [zoneperf.weights.803] " + path +
                ":3:1: cell (b, a) = 0.5 is not the reciprocal of cell (a, b) = 3 (product 1.5, tolerance "
                "0.01)\n");
}

TEST(cli_weights_test, ahp_weights_applied_to_a_level_write_a_valid_tree) {
  const auto m =
      write_temp("land.csv", ",investment_per_mu,tax_per_mu\ninvestment_per_mu,1,1/2\ntax_per_mu,2,1\n");
  const auto out = testing::TempDir() + "reweighted.json";
  const auto r = run("weights ahp " + m + " --preset task-force --parent land_efficiency --out " + out);
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("tax_per_mu         0.6667      10"), std::string::npos) << r.out;
  const auto t = indicator_tree::from_file(out);
  EXPECT_EQ(t.node(t.index_of("investment_per_mu")).points, 5);
  EXPECT_EQ(t.node(t.index_of("tax_per_mu")).points, 10);
}

TEST(cli_weights_test, data_weights_use_the_trees_leaves_and_directions) {
  const auto r = run("weights critic --preset task-force --values " + samples + "values.csv --format csv");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.out.substr(0, 19), "criterion,weight,C\n");
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 18);  // header + 17 leaves
  const auto e = run("weights entropy --values " + samples + "values.csv --columns revenue,tax_revenue");
  EXPECT_EQ(e.status, 0) << e.out;
  EXPECT_NE(e.out.find("tax_revenue"), std::string::npos);
  const auto bad = run("weights sd --values " + samples + "values.csv --columns nothing");
  EXPECT_EQ(bad.status, 2);
  EXPECT_EQ(bad.out, "zoneperf: [zoneperf.data.304] nothing: no column 'nothing' in the values\n");
}

TEST(cli_weights_test, uncertainty_reports_every_unit_and_reproduces_with_its_seed) {
  const std::string args =
      "uncertainty --preset task-force --values " + samples + "values.csv --targets " + samples +
      "targets.csv --samples 500 --seed 3 --method dirichlet --concentration 5 --format json";
  const auto a = run(args);
  ASSERT_EQ(a.status, 0) << a.out;
  EXPECT_EQ(a.out, run(args).out);
  const auto j = nlohmann::json::parse(a.out);
  EXPECT_EQ(j["samples"], 500);
  ASSERT_EQ(j["units"].size(), 4u);
  EXPECT_EQ(j["units"][0]["unit"], "新材料新能源");
  EXPECT_EQ(j["units"][0]["nominal_rank"], 1);
  int total = 0;
  for (const auto& e : j["units"][0]["histogram"]) total += e[1].get<int>();
  EXPECT_EQ(total, 500);
  const auto table = run("uncertainty --preset task-force --values " + samples + "values.csv --targets " +
                         samples + "targets.csv --percent 0 --samples 10");
  EXPECT_NE(table.out.find("10 weight sets (uniform ±0 % on every level), seed 1 (mt19937_64)"),
            std::string::npos)
      << table.out;
  EXPECT_NE(table.out.find("1.000  1:10"), std::string::npos) << table.out;
  const auto bad = run("uncertainty --preset task-force --values " + samples + "values.csv --percent 120");
  EXPECT_EQ(bad.status, 2);
  EXPECT_EQ(bad.out, "zoneperf: [zoneperf.weights.812] percent: percent 120 must be in [0, 100)\n");
}
