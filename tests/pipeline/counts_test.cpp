#include "zoneperf/pipeline/counts.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "../support/test_support.hpp"
#include "zoneperf/io/tables.hpp"
#include "zoneperf/pipeline/report.hpp"
#include "zoneperf/text/file.hpp"

namespace zoneperf {
namespace {

date ymd(int y, int m, int d) { return date(y, m, d); }
const std::string sample_dir = std::string(ZONEPERF_SOURCE_DIR) + "/samples/";

using zoneperf::test_support::message_of;

const registry& sample() {
  static const registry r = read_projects_file(sample_dir + "projects/projects.csv");
  return r;
}

TEST(counts_test, the_sample_year_reproduces_the_article) {
  const period_counts y = count(sample(), period::year(2020));
  const unit_counts& z = y.zone;
  EXPECT_EQ(z.entered_count(stage::signed_), 35);               // article: 35 new signed projects
  EXPECT_DOUBLE_EQ(value(z, measure::signed_investment), 256);  // article: 256 亿元 in total
  EXPECT_EQ(z.entered_count(stage::landed), 30);                // article: 30 projects landed
  // article: more than 90 contacted since April: 92 in the sample, all from April on.
  std::int64_t since_april = 0;
  for (int month = 4; month <= 12; ++month)
    since_april += count(sample(), period::month(2020, month)).zone.entered_count(stage::contacted);
  EXPECT_EQ(since_april, 92);
  EXPECT_EQ(z.entered_count(stage::contacted), 92);
  EXPECT_EQ(z.entered_count(stage::reviewed), 42);         // article: 42 put to the review meeting
  EXPECT_EQ(z.key_projects, 48);                           // article: 48 key projects ...
  const std::vector<std::int64_t> split = {13, 21, 8, 6};  // ... split 13/21/8/6
  for (std::size_t t = 0; t < 4; ++t) EXPECT_EQ(y.task_forces[t].key_projects, split[t]) << t;
  EXPECT_DOUBLE_EQ(value(z, measure::foreign_capital), 1056);  // article: 1056 万美元
  const period_counts last = count(sample(), period::year(2019));
  EXPECT_DOUBLE_EQ(value(last.zone, measure::foreign_capital), 170);
  // article: +521 % on the year before
  EXPECT_EQ(format_growth(
                growth(value(z, measure::foreign_capital), value(last.zone, measure::foreign_capital)), 0),
            "+521 %");
  const per_mu m = zone_per_mu(y);
  EXPECT_DOUBLE_EQ(m.investment, 470);  // article: 亩均投资强度 470 万元/亩
  EXPECT_DOUBLE_EQ(m.tax, 40);          // article: 亩均税收 40 万元/亩
}

TEST(counts_test, thirteen_projects_landed_in_july) {
  const period_counts july = count(sample(), period::month(2020, 7));
  EXPECT_EQ(july.zone.entered_count(stage::landed), 13);  // article: 13 landed in July by the 4 task forces
  EXPECT_EQ(july.unit("新材料新能源").entered_count(stage::landed), 4);
  EXPECT_EQ(july.unit("高端装备").entered_count(stage::landed), 5);
  EXPECT_EQ(july.unit("医养健康").entered_count(stage::landed), 2);
  EXPECT_EQ(july.unit("信息技术").entered_count(stage::landed), 2);
  EXPECT_EQ(july.as_of, ymd(2020, 7, 31));
  EXPECT_EQ(message_of([&] { july.unit("招商局"); }), "[zoneperf.project.710] 招商局: unknown task force");
}

TEST(counts_test, a_year_of_months_adds_up_to_the_year) {
  const auto months = count_each(sample(), period_kind::month, period::year(2020));
  ASSERT_EQ(months.size(), 12u);
  const period_counts y = count(sample(), period::year(2020));
  for (std::size_t s = 0; s < stage_count; ++s) {
    std::int64_t sum = 0;
    for (const auto& m : months) sum += m.zone.entered[s];
    EXPECT_EQ(sum, y.zone.entered[s]) << to_string(static_cast<stage>(s));
  }
  // The state at each month's end equals a single count at that month.
  for (int m : {3, 7, 12}) {
    const period_counts one = count(sample(), period::month(2020, m));
    EXPECT_EQ(months[m - 1].zone.active, one.zone.active) << m;
    EXPECT_EQ(months[m - 1].zone.key_projects, one.zone.key_projects) << m;
  }
  EXPECT_EQ(months[6].zone.key_projects, 48);
}

TEST(counts_test, cleared_projects_stay_in_history_but_leave_active_counts) {
  registry r(registry_options{default_task_forces(), ymd(2020, 12, 31)});
  project p;
  p.id = "P1";
  p.task_force = "高端装备";
  p.key_project = true;
  p.dates[index(stage::contacted)] = ymd(2020, 4, 1);
  r.add(p);
  p.id = "P2";
  r.add(p);
  r.clear("P2", ymd(2020, 6, 15));
  const period_counts q2 = count(r, period::quarter(2020, 2));
  EXPECT_EQ(q2.zone.entered_count(stage::contacted), 2);
  EXPECT_EQ(q2.zone.entered_count(stage::cleared), 1);
  EXPECT_EQ(q2.zone.active_count(stage::contacted), 1);
  EXPECT_EQ(q2.zone.active_count(stage::cleared), 1);
  EXPECT_EQ(q2.zone.key_projects, 1);
  count_options before;
  before.as_of = ymd(2020, 6, 14);
  const period_counts early = count(r, period::quarter(2020, 2), before);
  EXPECT_EQ(early.zone.active_count(stage::contacted), 2);
  EXPECT_EQ(early.zone.entered_count(stage::cleared), 0);
  EXPECT_EQ(early.zone.key_projects, 2);
}

TEST(growth_test, a_zero_base_is_no_base_not_infinity) {
  EXPECT_EQ(growth(5, 0), std::nullopt);
  EXPECT_EQ(format_growth(growth(5, 0)), "no base");
  EXPECT_EQ(growth(0, 0), std::nullopt);
  EXPECT_DOUBLE_EQ(*growth(0, 4), -1);
  EXPECT_DOUBLE_EQ(*growth(4, 4), 0);
  EXPECT_EQ(format_growth(growth(1056, 170)), "+521.2 %");
  EXPECT_EQ(format_growth(growth(1, 2)), "-50.0 %");
  // Month on month: July's 13 landed against June's.
  const period_counts june = count(sample(), period::month(2020, 6));
  const period_counts july = count(sample(), period::month(2020, 7));
  EXPECT_EQ(june.zone.entered_count(stage::landed), 6);
  EXPECT_DOUBLE_EQ(*growth(value(july.zone, measure::landed), value(june.zone, measure::landed)),
                   (13.0 - 6) / 6);
  EXPECT_EQ(growth(value(june.zone, measure::landed),
                   value(count(sample(), period::month(2019, 12)).zone, measure::landed)),
            std::nullopt);
}

TEST(funnel_test, contacted_reviewed_signed_landed) {
  const auto f = funnel(count(sample(), period::year(2020)).zone);
  ASSERT_EQ(f.size(), 4u);
  EXPECT_EQ(f[0].count, 92);
  EXPECT_EQ(f[0].conversion, std::nullopt);
  EXPECT_EQ(f[1].count, 42);
  EXPECT_DOUBLE_EQ(*f[1].conversion, 42.0 / 92);
  EXPECT_EQ(f[2].s, stage::signed_);
  EXPECT_EQ(f[3].count, 30);
  unit_counts empty;
  EXPECT_EQ(funnel(empty)[1].conversion, std::nullopt);
}

TEST(export_test, the_sample_registry_exports_the_project_columns_of_the_scorecard_values) {
  const leaf_table mine = export_project_leaves(sample(), period::year(2020));
  const leaf_table lead = read_leaf_table(read_csv_file(sample_dir + "task-force/values.csv"));
  ASSERT_EQ(mine.units, lead.units);
  for (std::size_t c = 0; c < mine.columns.size(); ++c) {
    const auto lc = lead.column_index(mine.columns[c]);
    ASSERT_TRUE(lc) << mine.columns[c];
    for (std::size_t u = 0; u < mine.units.size(); ++u)
      EXPECT_EQ(mine.at(u, c), lead.at(u, *lc)) << mine.units[u] << " " << mine.columns[c];  // exact
  }
}

TEST(export_test, merged_with_the_other_leaves_it_is_the_whole_values_table) {
  const leaf_table lead = read_leaf_table(read_csv_file(sample_dir + "task-force/values.csv"));
  const leaf_table other = read_leaf_table(read_csv_file(sample_dir + "projects/other.csv"));
  const leaf_table merged =
      merge_leaves(export_project_leaves(sample(), period::year(2020)), other, lead.columns);
  EXPECT_EQ(merged.units, lead.units);
  EXPECT_EQ(merged.values, lead.values);
  EXPECT_EQ(merged.to_csv(), read_text_file(sample_dir + "task-force/values.csv"));
}

TEST(export_test, tables_zoneperf_reads_back_keep_ids_that_look_like_formulas_as_they_are) {
  // The --values-out table is an input of `zoneperf assess`: no quote added, no BOM.
  const std::string values = "unit,a,b\n=SUM(1),1,-5\n@x,2,\n+y,-1.5,3\n\"-z,1\",0,0\n";
  EXPECT_EQ(read_leaf_table(read_csv(values, "v.csv")).to_csv(), values);
  // A registry's projects CSV reads back to the same projects.
  std::string csv = read_text_file(sample_dir + "projects/projects.csv");
  const auto comma = csv.find(',', csv.find('\n') + 1);  // the first project's name follows
  const auto end = csv.find(',', comma + 1);
  csv.replace(comma + 1, end - comma - 1, "=HYPERLINK(1)");
  const registry reg = read_projects(csv, "p.csv");
  const std::string written = write_projects_csv(reg);
  EXPECT_NE(written.find(",=HYPERLINK(1),"), std::string::npos);
  EXPECT_EQ(written.find('\''), std::string::npos);
  EXPECT_EQ(write_projects_csv(read_projects(written, "again.csv")), written);
}

TEST(export_test, a_value_given_by_both_tables_is_an_error) {
  const leaf_table mine = export_project_leaves(sample(), period::year(2020));
  const leaf_table other = read_leaf_table(
      read_csv("unit,revenue,landed_projects\n新材料新能源,24,\n高端装备,31,11\n", "other.csv"));
  std::vector<std::string> columns = mine.columns;
  columns.push_back("revenue");
  EXPECT_EQ(message_of([&] { merge_leaves(mine, other, columns); }),
            "[zoneperf.project.730] 高端装备/landed_projects: given by the registry (11) and by "
            "other.csv:3:3 (11)");
  const leaf_table stranger = read_leaf_table(read_csv("unit,revenue,colour\n招商局,1,2\n", "o.csv"));
  EXPECT_EQ(message_of([&] { merge_leaves(mine, stranger, columns); }),
            "[zoneperf.data.304] colour: not a column of the scorecard\n"
            "[zoneperf.data.316] 招商局: not a task force of the registry");
}

TEST(export_test, a_landed_project_without_land_is_an_error_naming_it) {
  registry r(registry_options{default_task_forces(), ymd(2020, 12, 31)});
  project p;
  p.id = "P1";
  p.task_force = "信息技术";
  for (std::size_t s = 0; s <= index(stage::landed); ++s) p.dates[s] = ymd(2020, 5, 1);
  r.add(p);
  EXPECT_EQ(message_of([&] { export_project_leaves(r, period::year(2020)); }),
            "[zoneperf.project.731] P1: landed on 2020-05-01 without land area: per-mu figures need it");
  // No landed project: the per-mu leaves are missing values, not infinities.
  const leaf_table t = export_project_leaves(r, period::year(2021));
  EXPECT_TRUE(std::isnan(t.at(0, *t.column_index("investment_per_mu"))));
  EXPECT_TRUE(std::isnan(t.at(0, *t.column_index("key_project_start_rate"))));
}

TEST(export_test, the_zones_per_mu_figures_are_error_731_for_a_landed_project_without_land) {
  // Issue 19 item 13: P2's investment and tax were added to the numerator without its land, giving
  // (600 + 1000) / 2 = 800 万元/亩 instead of P1's 300; the export path already said 731.
  registry r(registry_options{default_task_forces(), ymd(2020, 12, 31)});
  const auto landed = [](std::string id, std::string tf, std::int64_t investment_wan, std::int64_t mu) {
    project p;
    p.id = std::move(id);
    p.task_force = std::move(tf);
    for (std::size_t s = 0; s <= index(stage::landed); ++s) p.dates[s] = ymd(2020, 6, 1);
    p.fixed_asset_investment = cny_money::from_wan(investment_wan);
    p.annual_tax = cny_money::from_wan(investment_wan / 10);
    if (mu > 0) p.land = area::from_mu(mu);
    return p;
  };
  r.add(landed("P1", "信息技术", 600, 2));
  EXPECT_DOUBLE_EQ(zone_per_mu(count(r, period::year(2020))).investment, 300);
  r.add(landed("P2", "高端装备", 1000, 0));
  const period_counts y = count(r, period::year(2020));
  ASSERT_EQ(y.no_land.size(), 1u);
  EXPECT_EQ(y.no_land[0].project, "P2");
  EXPECT_EQ(message_of([&] { zone_per_mu(y); }),
            "[zoneperf.project.731] P2: landed on 2020-06-01 without land area: per-mu figures need it");
  EXPECT_EQ(message_of([&] { export_project_leaves(r, period::year(2020)); }),
            "[zoneperf.project.731] P2: landed on 2020-06-01 without land area: per-mu figures need it");
  // Another period, or before the as-of date: P2 is not counted, and nothing is wrong.
  EXPECT_TRUE(count(r, period::year(2021)).no_land.empty());
  EXPECT_TRUE(std::isnan(zone_per_mu(count(r, period::year(2021))).investment));
  count_options before;
  before.as_of = ymd(2020, 5, 31);
  EXPECT_TRUE(count(r, period::year(2020), before).no_land.empty());
  // Month by month: only June's counts hold it.
  const auto months = count_each(r, period_kind::month, period::year(2020));
  for (std::size_t m = 0; m < months.size(); ++m) EXPECT_EQ(months[m].no_land.size(), m == 5 ? 1u : 0u) << m;
  // The JSON report of the period, which prints the zone's per-mu figures, says the same.
  EXPECT_EQ(message_of([&] { projects_period_json(r, period::year(2020)); }),
            "[zoneperf.project.731] P2: landed on 2020-06-01 without land area: per-mu figures need it");
}

}  // namespace
}  // namespace zoneperf

#include "zoneperf/assess.hpp"
#include "zoneperf/presets.hpp"

namespace zoneperf {
namespace {
TEST(export_test, registry_to_assessment_needs_no_hand_copying) {
  const indicator_tree tree = load_preset("task-force");
  const leaf_table other = read_leaf_table(read_csv_file(sample_dir + "projects/other.csv"));
  const values_table mine = scorecard_values(sample(), period::year(2020), other, tree);
  const values_table lead = read_values_file(tree, sample_dir + "task-force/values.csv");
  EXPECT_EQ(mine.units, lead.units);
  EXPECT_EQ(mine.values, lead.values);
  const assessment a = assess(tree, mine.values), b = assess(tree, lead.values);
  EXPECT_EQ(a.totals(), b.totals());
}
}  // namespace
}  // namespace zoneperf
