// zoneperf weights ... and zoneperf uncertainty: output, files written, errors and exit codes.
#include <gtest/gtest.h>

#include <algorithm>
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
      "targets.csv --samples 500 --seed 3 --method dirichlet --concentration 5 --format json --histograms";
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
                         samples + "targets.csv --percent 0 --samples 10 --histograms");
  EXPECT_NE(table.out.find("10 weight sets (uniform ±0 % on every level), seed 1 (mt19937_64)"),
            std::string::npos)
      << table.out;
  EXPECT_NE(table.out.find("1.000  1:10"), std::string::npos) << table.out;
  const auto bad = run("uncertainty --preset task-force --values " + samples + "values.csv --percent 120");
  EXPECT_EQ(bad.status, 2);
  EXPECT_EQ(bad.out, "zoneperf: [zoneperf.weights.812] percent: percent 120 must be in [0, 100)\n");
}

TEST(cli_weights_test, uncertainty_writes_the_summary_by_default_and_histograms_on_request_in_every_format) {
  const std::string base = "uncertainty --preset task-force --values " + samples + "values.csv --targets " +
                           samples + "targets.csv --samples 400 --seed 9 --percent 60 --top 2";
  const auto j = nlohmann::json::parse(run(base + " --format json").out);
  const auto jh = nlohmann::json::parse(run(base + " --format json --histograms").out);
  ASSERT_EQ(j["units"].size(), 4u);
  ASSERT_EQ(jh["units"].size(), 4u);
  EXPECT_EQ(j["percent"], 60.0);
  for (std::size_t u = 0; u < 4; ++u) {
    EXPECT_FALSE(j["units"][u].contains("histogram"));
    // The summaries follow from the histogram (nearest-rank quantiles, shares of 400).
    const auto& x = jh["units"][u];
    EXPECT_EQ(x["median_rank"], j["units"][u]["median_rank"]);
    EXPECT_EQ(x["p_rank_1"], j["units"][u]["p_rank_1"]);
    int total = 0, first = 0, top = 0, p05 = 0, p50 = 0, p95 = 0;
    for (const auto& e : x["histogram"]) {
      const int rank = e[0].get<int>(), count = e[1].get<int>();
      total += count;
      if (rank == 1) first += count;
      if (rank <= 2) top += count;
      if (!p05 && total >= 20) p05 = rank;
      if (!p50 && total >= 200) p50 = rank;
      if (!p95 && total >= 380) p95 = rank;
    }
    EXPECT_EQ(total, 400);
    EXPECT_EQ(x["p_rank_1"].get<double>(), first / 400.0);
    EXPECT_EQ(x["p_top_k"].get<double>(), top / 400.0);
    EXPECT_EQ(x["rank_p05"], p05);
    EXPECT_EQ(x["median_rank"], p50);
    EXPECT_EQ(x["rank_p95"], p95);
  }
  const auto table = run(base);
  EXPECT_EQ(table.out.find("ranks reached"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("unit          nominal  rank  median  5%  95%  P(rank 1)  P(top 2)\n"),
            std::string::npos)
      << table.out;
  const auto table_h = run(base + " --histograms");
  EXPECT_NE(table_h.out.find("P(top 2)  ranks reached (rank:count)\n"), std::string::npos) << table_h.out;
  const auto csv = run(base + " --format csv");
  EXPECT_EQ(csv.out.substr(0, csv.out.find('\n')), "unit,nominal,rank,median,5%,95%,P(rank 1),P(top 2)");
  EXPECT_EQ(std::count(csv.out.begin(), csv.out.end(), '\n'), 5);
  const auto csv_h = run(base + " --format csv --histograms");
  EXPECT_EQ(csv_h.out.substr(0, csv_h.out.find('\n')),
            "unit,nominal,rank,median,5%,95%,P(rank 1),P(top 2),histogram");
  const auto md = run(base + " --format markdown --histograms");
  EXPECT_NE(md.out.find("| unit | nominal | rank | median | 5% | 95% | P(rank 1) | P(top 2) | ranks reached "
                        "(rank:count) |\n"
                        "|---|---:|---:|---:|---:|---:|---:|---:|---|\n"),
            std::string::npos)
      << md.out;
}

TEST(cli_weights_test, uncertainty_options_are_checked_before_any_work) {
  const std::string base = "uncertainty --preset task-force --values " + samples + "values.csv";
  // A tiny Dirichlet concentration ran forever (every gamma underflowed); now the shares are
  // normalised in log space, and below the documented minimum it is an error.
  const auto tiny = run(base + " --method dirichlet --concentration 1e-12 --samples 50");
  EXPECT_EQ(tiny.status, 0) << tiny.out;
  const auto below = run(base + " --method dirichlet --concentration 1e-13");
  EXPECT_EQ(below.status, 2);
  EXPECT_EQ(below.out,
            "zoneperf: [zoneperf.weights.812] concentration: concentration 1e-13 must be finite and at least "
            "1e-12\n");
  const auto many = run(base + " --samples 1000001");
  EXPECT_EQ(many.status, 2);
  EXPECT_EQ(many.out, "zoneperf: [zoneperf.weights.812] samples: samples 1000001 must be 1 to 1000000\n");
  // checked before the values are read: a values file that does not exist is not reached
  const auto first =
      run("uncertainty --preset task-force --values " + samples + "values.csv --samples 0 --targets " +
          write_temp("bad_targets.csv", "unit,nothing\nx,1\n"));
  EXPECT_EQ(first.out, "zoneperf: [zoneperf.weights.812] samples: samples 0 must be 1 to 1000000\n");
}

TEST(cli_weights_test, ahp_rejects_a_matrix_larger_than_the_random_index_table_before_reading_it) {
  // 2000 x 2000 (about 8 MB): rejected from the shape of its first 17 rows, before any cell is parsed.
  std::string text;
  text.reserve(2000 * 4001);
  for (int i = 0; i < 2000; ++i) {
    for (int j = 0; j < 2000; ++j) text += j ? ",1" : "1";
    text += '\n';
  }
  const auto big = write_temp("big_ahp.csv", text);
  const auto r = run("weights ahp " + big);
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out,
            "zoneperf: [zoneperf.weights.807] saaty-classic: the random-index table 'saaty-classic' has no "
            "positive RI for n = 16 (" +
                big + " has at least 16 criteria; the table covers n <= 15)\n");
  // 16 x 16 without names: the scan's lower bound is 15 (a first row could be a header), so the
  // matrix is read and the exact n is checked before the eigenvalues are computed.
  std::string m16;
  for (int i = 0; i < 16; ++i) {
    for (int j = 0; j < 16; ++j) m16 += j ? ",1" : "1";
    m16 += '\n';
  }
  const auto r16 = run("weights ahp " + write_temp("ahp16.csv", m16));
  EXPECT_EQ(r16.status, 2);
  EXPECT_NE(r16.out.find("[zoneperf.weights.807]"), std::string::npos) << r16.out;
  EXPECT_NE(r16.out.find("has no positive RI for n = 16\n"), std::string::npos) << r16.out;
}
