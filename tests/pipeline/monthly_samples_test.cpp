// The sample zone's 2020 monthly tables (samples/task-force/2020/2020-MM.csv, made by
// scripts/make_sample_monthly.py) against the project registry they come from: each month's cell
// of a leaf the registry fills is the sum of the registry's counts of January to that month (each
// month counted on its own here), counts never fall, and December is the year's values.csv.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>

#include "zoneperf/io/tables.hpp"
#include "zoneperf/pipeline/counts.hpp"
#include "zoneperf/pipeline/registry.hpp"
#include "zoneperf/presets.hpp"
#include "zoneperf/text/file.hpp"

namespace zoneperf {
namespace {

const std::string samples = std::string(ZONEPERF_SOURCE_DIR) + "/samples/";

std::string month_file(int m) { return fmt::format("task-force/2020/2020-{:02d}.csv", m); }

double cell(const values_table& v, const indicator_tree& tree, std::size_t unit, const std::string& leaf) {
  const auto& cols = tree.columns();
  for (std::size_t c = 0; c < cols.size(); ++c)
    if (tree.node(static_cast<std::size_t>(cols[c])).id == leaf)
      return v.values(static_cast<Eigen::Index>(unit), static_cast<Eigen::Index>(c));
  throw std::runtime_error("no leaf " + leaf);
}

TEST(monthly_samples_test, each_month_holds_the_registrys_figures_from_january_to_its_end) {
  const auto tree = load_preset("task-force");
  const registry r = read_projects_file(samples + "projects/projects.csv");
  std::vector<period_counts> months;
  for (int m = 1; m <= 12; ++m) months.push_back(count(r, period::month(2020, m)));
  for (int m = 1; m <= 12; ++m) {
    const auto v = read_values_file(tree, samples + month_file(m));
    ASSERT_EQ(v.units.size(), 4u);
    for (std::size_t u = 0; u < v.units.size(); ++u) {
      const std::string& tf = v.units[u];
      double intent = 0, signed_ = 0, landed = 0, producing = 0, top500 = 0, chain = 0;
      std::int64_t investment_fen = 0, foreign_cents = 0, fai_fen = 0, tax_fen = 0;
      double land_mu = 0;
      for (int k = 0; k < m; ++k) {
        const unit_counts& c = months[static_cast<std::size_t>(k)].unit(tf);
        intent += static_cast<double>(c.entered_count(stage::intent));
        signed_ += static_cast<double>(c.entered_count(stage::signed_));
        landed += static_cast<double>(c.entered_count(stage::landed));
        producing += static_cast<double>(c.entered_count(stage::producing));
        top500 += static_cast<double>(c.top500_landed);
        chain += static_cast<double>(c.chain_signed);
        investment_fen += c.signed_investment.fen();
        foreign_cents += c.foreign_capital.fen();
        fai_fen += c.landed_fixed_asset_investment.fen();
        tax_fen += c.landed_tax.fen();
        land_mu += c.landed_land.mu();
      }
      const std::string at = tf + " " + month_file(m);
      EXPECT_EQ(cell(v, tree, u, "intent_projects"), intent) << at;
      EXPECT_EQ(cell(v, tree, u, "signed_projects"), signed_) << at;
      EXPECT_EQ(cell(v, tree, u, "landed_projects"), landed) << at;
      EXPECT_EQ(cell(v, tree, u, "producing_projects"), producing) << at;
      EXPECT_EQ(cell(v, tree, u, "top500_projects"), top500) << at;
      EXPECT_EQ(cell(v, tree, u, "chain_projects"), chain) << at;
      // 亿元 = 10^10 fen; 万美元 = 10^6 cents.
      EXPECT_NEAR(cell(v, tree, u, "signed_investment"), static_cast<double>(investment_fen) / 1e10, 1e-9)
          << at;
      EXPECT_NEAR(cell(v, tree, u, "foreign_capital"), static_cast<double>(foreign_cents) / 1e6, 1e-9) << at;
      // The per-mu figures over the projects landed so far (ratios of sums); 0 before the first.
      const double inv = land_mu > 0 ? static_cast<double>(fai_fen) / 1e6 / land_mu : 0;
      const double tax = land_mu > 0 ? static_cast<double>(tax_fen) / 1e6 / land_mu : 0;
      EXPECT_NEAR(cell(v, tree, u, "investment_per_mu"), inv, 1e-9 * std::max(1.0, inv)) << at;
      EXPECT_NEAR(cell(v, tree, u, "tax_per_mu"), tax, 1e-9 * std::max(1.0, tax)) << at;
      // The start rate is the state at the month's end: key projects started ÷ key projects (0 with none).
      const unit_counts& now = months[static_cast<std::size_t>(m - 1)].unit(tf);
      const double rate = now.key_projects == 0 ? 0
                                                : 100.0 * static_cast<double>(now.key_started) /
                                                      static_cast<double>(now.key_projects);
      EXPECT_NEAR(cell(v, tree, u, "key_project_start_rate"), rate, 1e-12 * 100) << at;
    }
  }
}

TEST(monthly_samples_test, no_project_before_april_so_the_first_months_count_nothing) {
  const auto tree = load_preset("task-force");
  const auto v = read_values_file(tree, samples + month_file(3));
  for (std::size_t u = 0; u < 4; ++u)
    for (const char* leaf : {"intent_projects", "signed_projects", "landed_projects", "foreign_capital"})
      EXPECT_EQ(cell(v, tree, u, leaf), 0) << v.units[u] << " " << leaf;
}

TEST(monthly_samples_test, additive_figures_never_fall_and_december_is_the_years_table) {
  const auto tree = load_preset("task-force");
  values_table before = read_values_file(tree, samples + month_file(1));
  for (int m = 2; m <= 12; ++m) {
    const values_table now = read_values_file(tree, samples + month_file(m));
    ASSERT_EQ(now.units, before.units);
    for (int c : tree.columns()) {
      const node& n = tree.node(static_cast<std::size_t>(c));
      if (n.additive != additive_kind::count && n.additive != additive_kind::amount) continue;
      for (std::size_t u = 0; u < now.units.size(); ++u)
        EXPECT_GE(cell(now, tree, u, n.id), cell(before, tree, u, n.id))
            << now.units[u] << " " << n.id << " " << m;
    }
    before = now;
  }
  EXPECT_EQ(read_text_file(samples + month_file(12)), read_text_file(samples + "task-force/values.csv"));
  // Compiled in, as the other samples.
  EXPECT_EQ(std::string(sample_file(month_file(7))), read_text_file(samples + month_file(7)));
}

}  // namespace
}  // namespace zoneperf
