// The sections given as results (report_sections) give the reports that their JSON gives
// (report_inputs, read by report_data::parse): the results are computed here from the samples as
// the demo computes them, the JSON is what the commands printed (support.hpp), and the Markdown,
// the page and every table must be the same to the byte.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../support/test_support.hpp"
#include "support.hpp"
#include "zoneperf/error.hpp"
#include "zoneperf/io/report.hpp"
#include "zoneperf/io/reports.hpp"
#include "zoneperf/io/tables.hpp"
#include "zoneperf/land/records.hpp"
#include "zoneperf/pay/inputs.hpp"
#include "zoneperf/pipeline/counts.hpp"
#include "zoneperf/pipeline/registry.hpp"
#include "zoneperf/pipeline/report.hpp"
#include "zoneperf/presets.hpp"

namespace zoneperf {
namespace {
using test::demo;
using test_support::message_of;

const std::string src = std::string(ZONEPERF_SOURCE_DIR) + "/samples/";

scorecard demo_card() { return read_scorecard(demo().inputs.scorecard); }

// Every format a report_data writes as text, and its tables cell by cell.
void expect_same_reports(const report_data& typed, const report_data& parsed) {
  EXPECT_EQ(report_markdown(typed), report_markdown(parsed));
  EXPECT_EQ(report_html(typed), report_html(parsed));
  const auto a = report_tables(typed), b = report_tables(parsed);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].name, b[i].name);
    EXPECT_EQ(a[i].title, b[i].title) << a[i].name;
    EXPECT_EQ(a[i].header, b[i].header) << a[i].name;
    EXPECT_EQ(a[i].rows, b[i].rows) << a[i].name;
    EXPECT_EQ(table_csv(a[i]), table_csv(b[i])) << a[i].name;
  }
}

// The scorecard alone, to show that a section adds something to compare.
std::string markdown_without_sections(report_lang lang = report_lang::zh) {
  report_sections none;
  none.lang = lang;
  return report_markdown(report_data(demo_card(), none));
}

report_inputs scorecard_input(report_lang lang = report_lang::zh) {
  report_inputs in;
  in.scorecard = demo().inputs.scorecard;
  in.lang = lang;
  return in;
}

// The results as the demo computes them from the samples.
report_pay demo_pay(const scorecard& card) {
  const auto staff = read_staff_file(src + "pay/staff.csv");
  const auto policy = pay_policy::from_file(src + "pay/policy.json");
  const auto events = read_events_file(src + "pay/events.csv");
  return {allocate_pay(staff, card, policy, events), staff, policy};
}

struct land_years {
  report_land now;
  class_migration migration;
};
land_years demo_land() {
  const indicator_tree tree = load_preset("zj-huangyan");
  const land_config config = load_land_config("zj-huangyan");
  const auto records = read_land_records_file(src + "land/enterprises.csv");
  const land_evaluation ev = evaluate_land(tree, config, records);
  const auto earlier = read_land_records_file(src + "land/enterprises_2019.csv");
  const land_evaluation pev = evaluate_land(tree, config, earlier);
  return {{tree, config, records, ev},
          migrate_classes(config.classes, earlier, pev, config.classes, records, ev)};
}

registry demo_registry() { return read_projects_file(src + "projects/projects.csv"); }

report_uncertainty demo_uncertainty() {
  const indicator_tree tree = load_preset("task-force");
  const values_table values = read_values_file(tree, src + "task-force/values.csv");
  const targets_table targets = read_targets_file(tree, values.units, src + "task-force/targets.csv");
  const target_table view = targets.view();
  assess_options ao;
  ao.unit_ids = &values.units;
  uncertainty_options o;  // the demo's: 1000 samples, seed 1, uniform ±20 %, top 2
  o.top_k = 2;
  return {uncertainty_analysis(tree, scoring_inputs_of(tree, values.values, &view, ao), o), o};
}

report_series demo_series() {
  const indicator_tree tree = load_preset("task-force");
  std::vector<period_table> tables;
  for (int m = 1; m <= 12; ++m) {
    period_table t;
    t.p = period::month(2020, m);
    t.source = src + "task-force/2020/2020-" + (m < 10 ? "0" : "") + std::to_string(m) + ".csv";
    t.values = read_values_file(tree, t.source);
    tables.push_back(std::move(t));
  }
  const targets_table annual = read_targets_file(tree, series_units(tables), src + "task-force/targets.csv");
  series_options so;
  so.data = data_basis::cumulative;
  return {assess_series(tree, tables, &annual, so), tree};
}

TEST(report_sections_test, pay_given_as_the_allocation_reports_as_its_json) {
  const scorecard card = demo_card();
  report_sections s;
  s.pay = demo_pay(card);
  report_inputs in = scorecard_input();
  in.pay = demo().inputs.pay;  // the demo's pay.json
  const report_data typed(card, s);
  ASSERT_TRUE(typed.has_pay());
  EXPECT_NE(report_markdown(typed), markdown_without_sections());
  expect_same_reports(typed, report_data::parse(in));
}

TEST(report_sections_test, land_given_as_the_evaluation_reports_as_its_json) {
  report_sections s;
  s.land = demo_land().now;
  report_inputs in = scorecard_input();
  in.land = demo().inputs.land;  // the demo's land.json
  const report_data typed(demo_card(), s);
  ASSERT_TRUE(typed.has_land());
  EXPECT_NE(report_markdown(typed), markdown_without_sections());
  expect_same_reports(typed, report_data::parse(in));
}

TEST(report_sections_test, a_months_check_reports_as_projects_month_json) {
  report_sections s;
  s.projects = report_projects{check_month(demo_registry(), period::month(2020, 7))};
  report_inputs in = scorecard_input();
  in.projects = demo().inputs.projects;  // `zoneperf projects month 2020-07 --format json`
  const report_data typed(demo_card(), s);
  ASSERT_TRUE(typed.has_projects());
  // The figures behind each face are there: July's 三个十 targets.
  EXPECT_NE(report_markdown(typed).find("/3 |"), std::string::npos) << report_markdown(typed);
  expect_same_reports(typed, report_data::parse(in));
}

TEST(report_sections_test, faces_alone_with_the_headline_report_as_the_demos_former_json) {
  // The JSON the demo gave the reports before they took results: the year's headline figures and
  // July's faces as {"2020-07_faces": {<task force>: face}}.
  const registry r = demo_registry();
  const period_counts y = count(r, period::year(2020));
  const per_mu zone = zone_per_mu(y);
  const monthly_check july = check_month(r, period::month(2020, 7));
  projects_headline h;
  h.signed_projects = y.zone.entered_count(stage::signed_);
  h.signed_investment_yi = value(y.zone, measure::signed_investment);
  h.landed = y.zone.entered_count(stage::landed);
  h.key_projects = y.zone.key_projects;
  h.foreign_capital_wan_usd = value(y.zone, measure::foreign_capital);
  h.investment_per_mu = zone.investment;
  h.tax_per_mu = zone.tax;
  nlohmann::ordered_json j;
  j["signed"] = h.signed_projects;
  j["signed_investment_yi"] = h.signed_investment_yi;
  j["landed"] = h.landed;
  j["key_projects"] = h.key_projects;
  j["foreign_capital_wan_usd"] = h.foreign_capital_wan_usd;
  j["investment_per_mu"] = h.investment_per_mu;
  j["tax_per_mu"] = h.tax_per_mu;
  nlohmann::ordered_json faces = nlohmann::ordered_json::object();
  for (const auto& k : july.task_forces) faces[k.task_force] = to_string(k.verdict);
  j["2020-07_faces"] = faces;

  report_sections s;
  s.projects = report_projects{july, projects_detail::faces_only, h};
  report_inputs in = scorecard_input();
  in.projects = j.dump();
  const report_data typed(demo_card(), s);
  // The headline's cards: 35 signed projects (the article's figure, README).
  EXPECT_NE(report_html(typed).find("data-item=\"signed\" data-v=\"35\""), std::string::npos);
  expect_same_reports(typed, report_data::parse(in));
  // Without land figures (NaN) the two 亩均 cards are left out, as for null in the JSON.
  h.investment_per_mu = h.tax_per_mu = std::numeric_limits<double>::quiet_NaN();
  s.projects->headline = h;
  j["investment_per_mu"] = nullptr;
  j["tax_per_mu"] = nullptr;
  in.projects = j.dump();
  const report_data no_land(demo_card(), s);
  EXPECT_EQ(report_html(no_land).find("data-item=\"tax_per_mu\""), std::string::npos);
  expect_same_reports(no_land, report_data::parse(in));
}

TEST(report_sections_test, the_uncertainty_result_reports_as_its_json) {
  report_sections s;
  s.uncertainty = demo_uncertainty();
  report_inputs in = scorecard_input();
  in.uncertainty = read_text_file(demo().dir + "/uncertainty.json");  // the demo's
  const report_data typed(demo_card(), s);
  ASSERT_TRUE(typed.has_uncertainty());
  EXPECT_NE(report_html(typed).find("<section id=\"robustness\">"), std::string::npos);
  expect_same_reports(typed, report_data::parse(in));
}

TEST(report_sections_test, the_dirichlet_settings_show_as_in_its_json) {
  // No ±percent beside the Dirichlet method, in either path; the seed in both.
  report_uncertainty u = demo_uncertainty();
  u.options.method = perturbation::dirichlet;
  u.options.seed = 7;
  report_sections s;
  s.uncertainty = u;
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(read_text_file(demo().dir + "/uncertainty.json"));
  j["method"] = "dirichlet";
  j["seed"] = 7;
  j.erase("percent");
  j["concentration"] = 100.0;
  report_inputs in = scorecard_input(report_lang::en);
  in.uncertainty = j.dump();
  s.lang = report_lang::en;
  const report_data typed(demo_card(), s);
  EXPECT_EQ(report_html(typed).find(" ±"), std::string::npos);
  expect_same_reports(typed, report_data::parse(in));
}

TEST(report_sections_test, the_series_reports_as_its_json) {
  report_sections s;
  s.series = demo_series();
  report_inputs in = scorecard_input();
  in.series = demo().series;  // the demo's series.json
  const report_data typed(demo_card(), s);
  ASSERT_TRUE(typed.has_series());
  expect_same_reports(typed, report_data::parse(in));
}

TEST(report_sections_test, the_year_of_faces_reports_as_its_json) {
  report_sections s;
  s.faces = check_year(demo_registry(), 2020);
  report_inputs in = scorecard_input();
  in.faces = demo().faces;  // `zoneperf projects faces 2020 --format json`
  const report_data typed(demo_card(), s);
  ASSERT_TRUE(typed.has_faces_year());
  expect_same_reports(typed, report_data::parse(in));
}

TEST(report_sections_test, the_class_migration_reports_as_its_json) {
  report_sections s;
  s.migration = demo_land().migration;
  report_inputs in = scorecard_input();
  in.migration = demo().migration;  // `zoneperf land --previous … --format json`
  const report_data typed(demo_card(), s);
  ASSERT_TRUE(typed.has_migration());
  expect_same_reports(typed, report_data::parse(in));
}

TEST(report_sections_test, every_section_at_once_in_english_reports_as_the_json) {
  const scorecard card = demo_card();
  const land_years land = demo_land();
  const registry r = demo_registry();
  report_sections s;
  s.pay = demo_pay(card);
  s.land = land.now;
  s.projects = report_projects{check_month(r, period::month(2020, 7))};
  s.uncertainty = demo_uncertainty();
  s.series = demo_series();
  s.faces = check_year(r, 2020);
  s.migration = land.migration;
  s.title = "聊城高新区 · typed";
  s.lang = report_lang::en;
  report_inputs in = scorecard_input(report_lang::en);
  in.pay = demo().inputs.pay;
  in.land = demo().inputs.land;
  in.projects = demo().inputs.projects;
  in.uncertainty = read_text_file(demo().dir + "/uncertainty.json");
  in.series = demo().series;
  in.faces = demo().faces;
  in.migration = demo().migration;
  in.title = s.title;
  const report_data typed(card, s);
  expect_same_reports(typed, report_data::parse(in));
  // The workbook too: the same sheets and the same formula cells with the same values.
  const std::string dir = test::temp_dir("sections-xlsx");
  const workbook_manifest a = write_report_workbook(typed, dir + "/typed.xlsx");
  const workbook_manifest b = write_report_workbook(report_data::parse(in), dir + "/parsed.xlsx");
  EXPECT_EQ(a.sheets, b.sheets);
  EXPECT_EQ(a.chart_sheets, b.chart_sheets);
  ASSERT_EQ(a.formulas.size(), b.formulas.size());
  for (std::size_t i = 0; i < a.formulas.size(); ++i) {
    EXPECT_EQ(a.formulas[i].cell(), b.formulas[i].cell());
    EXPECT_EQ(a.formulas[i].formula, b.formulas[i].formula) << a.formulas[i].cell();
    EXPECT_EQ(a.formulas[i].text, b.formulas[i].text) << a.formulas[i].cell();
    if (!std::isnan(a.formulas[i].number) || !std::isnan(b.formulas[i].number))
      EXPECT_EQ(a.formulas[i].number, b.formulas[i].number) << a.formulas[i].cell();
  }
  std::filesystem::remove_all(dir);
}

TEST(report_sections_test, typed_pay_and_uncertainty_of_units_not_in_the_scorecard_are_error_316) {
  const scorecard card = demo_card();
  report_sections s;
  s.pay = demo_pay(card);
  s.pay->result.task_forces[1].id = "无此专班";
  std::string message = message_of([&] { report_data(card, s); });
  EXPECT_EQ(
      message.rfind("[zoneperf.data.316] pay:/task_forces/1/id: task force \"无此专班\" is not a unit of "
                    "the scorecard",
                    0),
      0u)
      << message;
  report_sections u;
  u.uncertainty = demo_uncertainty();
  u.uncertainty->result.units[2] = "无此专班";
  EXPECT_EQ(
      message_of([&] { report_data(card, u); }),
      "[zoneperf.data.316] uncertainty:/units/2/unit: unit \"无此专班\" is not a unit of the scorecard");
}

TEST(report_sections_test, a_check_without_task_forces_is_error_201) {
  report_sections s;
  s.projects = report_projects{};
  EXPECT_EQ(message_of([&] { report_data(demo_card(), s); }),
            "[zoneperf.config.201] projects: no faces: the month's check has no task forces");
}

}  // namespace
}  // namespace zoneperf
