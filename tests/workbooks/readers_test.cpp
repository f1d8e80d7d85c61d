// Every table reader on workbooks: the sample zone's tables as .xlsx (made with LibreOffice from the
// CSVs) give what the CSVs give, and the scorecard from values.xlsx is bit-identical to the CSV one.
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>

#include "../support/test_support.hpp"
#include "zoneperf/io/report.hpp"
#include "zoneperf/io/tables.hpp"
#include "zoneperf/land/records.hpp"
#include "zoneperf/pay/inputs.hpp"
#include "zoneperf/pipeline/admission.hpp"
#include "zoneperf/pipeline/registry.hpp"
#include "zoneperf/presets.hpp"
#include "zoneperf/text/file.hpp"
#include "zoneperf/text/workbook.hpp"
#include "zoneperf/weights/ahp.hpp"
#include "zoneperf/weights/methods.hpp"

using namespace zoneperf;
using zoneperf::test_support::message_of;
using zoneperf::test_support::run;

namespace {
const std::string samples = std::string(ZONEPERF_SOURCE_DIR) + "/samples/";
const std::string books = std::string(ZONEPERF_SOURCE_DIR) + "/tests/data/workbooks/";

template <class A, class B>
bool same_bits(const A& a, const B& b) {
  return a.rows() == b.rows() && a.cols() == b.cols() &&
         std::memcmp(a.data(), b.data(), sizeof(double) * static_cast<std::size_t>(a.size())) == 0;
}

// The same text, or the same number written another way ("0" for the CSV's "0.0").
bool same_cell(std::string_view a, std::string_view b) {
  if (a == b) return true;
  const std::string x(a), y(b);
  char *ex = nullptr, *ey = nullptr;
  const double u = std::strtod(x.c_str(), &ex), v = std::strtod(y.c_str(), &ey);
  return !x.empty() && !y.empty() && *ex == '\0' && *ey == '\0' && u == v;
}

// The cells of two tables, which must be equal but for their names.
void expect_same_cells(const cell_table& a, const cell_table& b) {
  ASSERT_EQ(a.header, b.header);
  ASSERT_EQ(a.rows(), b.rows());
  for (std::size_t r = 0; r < a.rows(); ++r)
    for (std::size_t c = 0; c < a.columns(); ++c)
      EXPECT_TRUE(same_cell(a.cell(r, c), b.cell(r, c))) << a.where(r, c) << ": " << a.cell(r, c);
}
}  // namespace

TEST(workbook_readers_test, the_scorecard_from_values_xlsx_is_bit_identical_to_the_csv_one) {
  const auto tree = load_preset("task-force");
  const values_table vx = read_values_file(tree, samples + "task-force/values.xlsx");
  const values_table vc = read_values_file(tree, samples + "task-force/values.csv");
  const targets_table tx = read_targets_file(tree, vx.units, samples + "task-force/targets.xlsx");
  const targets_table tc = read_targets_file(tree, vc.units, samples + "task-force/targets.csv");
  EXPECT_EQ(vx.units, vc.units);
  EXPECT_TRUE(same_bits(tx.values, tc.values));
  // LibreOffice stores numbers to 15 significant digits: 85.71428571428571 is kept as
  // 85.7142857142857, the only value that differs (in its last bits), and no score moves.
  EXPECT_EQ((vx.values.array() != vc.values.array()).count(), 1);
  assess_options opt;
  opt.unit_ids = &vx.units;
  const target_table tvx = tx.view(), tvc = tc.view();
  const assessment ax = assess(tree, vx.values, &tvx, opt);
  const assessment ac = assess(tree, vc.values, &tvc, opt);
  EXPECT_TRUE(same_bits(ax.scores(), ac.scores()));
  EXPECT_TRUE(same_bits(ax.totals(), ac.totals()));
  EXPECT_EQ(report_json(tree, ax, vx.units), report_json(tree, ac, vc.units));
  // the embedded copies read the same
  const values_table ve = read_values(tree, sample_file("task-force/values.xlsx"), "values.xlsx");
  EXPECT_TRUE(same_bits(ve.values, vx.values));
}

TEST(workbook_readers_test, every_sample_table_reads_as_its_csv) {
  for (const char* name : {"task-force/values", "task-force/targets", "land/enterprises", "pay/staff",
                           "pay/events", "projects/candidates", "projects/other"}) {
    SCOPED_TRACE(name);
    const cell_table x = read_cells_file(samples + name + ".xlsx");
    const cell_table c = read_cells_file(samples + name + ".csv");
    if (std::string(name) == "task-force/values") {  // 85.71428571428571 kept to 15 digits
      EXPECT_EQ(x.cell(1, 5), "85.7142857142857");
      continue;
    }
    expect_same_cells(x, c);
  }
  // the projects' dates were typed as dates: the serial days read back as the CSV's text
  expect_same_cells(read_cells_file(samples + "projects/projects.xlsx"),
                    read_cells_file(samples + "projects/projects.csv"));
  expect_same_cells(read_cells_file(books + "projects.xls"),
                    read_cells_file(samples + "projects/projects.csv"));
}

TEST(workbook_readers_test, the_module_readers_take_workbooks) {
  EXPECT_EQ(write_projects_csv(read_projects_file(samples + "projects/projects.xlsx")),
            write_projects_csv(read_projects_file(samples + "projects/projects.csv")));
  EXPECT_EQ(write_projects_csv(read_projects(sample_file("projects/projects.xlsx"), "projects.xlsx")),
            write_projects_csv(read_projects_file(samples + "projects/projects.csv")));
  const auto cx = read_candidates_file(samples + "projects/candidates.xlsx");
  const auto cc = read_candidates_file(samples + "projects/candidates.csv");
  ASSERT_EQ(cx.size(), cc.size());
  EXPECT_EQ(cx[3].id, cc[3].id);
  EXPECT_EQ(cx[3].where, samples + "projects/candidates.xlsx:candidates!5");
  const auto sx = read_staff_file(samples + "pay/staff.xlsx");
  const auto sc = read_staff_file(samples + "pay/staff.csv");
  ASSERT_EQ(sx.size(), sc.size());
  for (std::size_t k = 0; k < sx.size(); ++k) EXPECT_EQ(sx[k].baseline, sc[k].baseline);
  EXPECT_EQ(read_events_file(samples + "pay/events.xlsx").size(),
            read_events_file(samples + "pay/events.csv").size());
  const auto lx = read_land_records_file(samples + "land/enterprises.xlsx");
  const auto lc = read_land_records_file(samples + "land/enterprises.csv");
  ASSERT_EQ(lx.size(), lc.size());
  EXPECT_EQ(lx[0].id, lc[0].id);
  // weights: an AHP matrix with an empty top-left cell and judgements typed as text ("1/9")
  const pairwise_matrix mx = read_pairwise_file(books + "drinks.xlsx");
  const pairwise_matrix mc =
      read_pairwise_file(std::string(ZONEPERF_SOURCE_DIR) + "/tests/data/weights/drinks.csv");
  EXPECT_EQ(mx.names, mc.names);
  EXPECT_TRUE(same_bits(mx.a, mc.a));
  EXPECT_EQ(mx.source, books + "drinks.xlsx:判断矩阵");
  EXPECT_EQ(mx.cell_where[1], books + "drinks.xlsx:判断矩阵!C2");
  EXPECT_TRUE(same_bits(read_pairwise_csv(read_text_file(books + "drinks.xlsx"), "drinks.xlsx").a, mc.a));
  const criteria_matrix kx = read_criteria_file(samples + "task-force/targets.xlsx");
  const criteria_matrix kc = read_criteria_file(samples + "task-force/targets.csv");
  EXPECT_TRUE(same_bits(kx.values, kc.values));
  EXPECT_TRUE(
      same_bits(read_criteria_csv(sample_file("task-force/targets.xlsx"), "t.xlsx").values, kc.values));
}

TEST(workbook_readers_test, messages_name_cells_as_excel_does) {
  const auto tree = load_preset("task-force");
  const std::string bad = std::string(ZONEPERF_SOURCE_DIR) + "/tests/data/bad/";
  EXPECT_EQ(message_of([&] { read_values_file(tree, bad + "text_in_number.xlsx"); }),
            "[zoneperf.data.308] " + bad +
                "text_in_number.xlsx:Sheet1!H3 (unit \"高端装备\", indicator \"foreign_capital\"): not a "
                "number: \"—\"");
  // a header problem names the header's cell, a missing column the header's row
  EXPECT_EQ(message_of([&] { read_values_file(tree, books + "kinds.xlsx"); }),
            "[zoneperf.data.304] " + books +
                "kinds.xlsx:Figures!B3: unknown column \"count\": tree \"task-force\" has no leaf or item "
                "with this id or name");
  EXPECT_EQ(message_of([&] { read_values_file(tree, books + "kinds.xlsx#Second"); }),
            "[zoneperf.data.304] " + books +
                "kinds.xlsx:Second!B1: unknown column \"value\": tree \"task-force\" has no leaf or item "
                "with this id or name");
  EXPECT_EQ(message_of([&] { read_targets_file(tree, {"甲"}, samples + "task-force/targets.xlsx"); }),
            "[zoneperf.data.316] " + samples +
                "task-force/targets.xlsx:targets!A2: unit \"新材料新能源\" is not in the values table");
  const std::string projects = message_of([&] { read_projects_file(books + "kinds.xlsx"); });
  EXPECT_NE(
      projects.find("[zoneperf.data.304] " + books +
                    "kinds.xlsx:Figures!A3: unknown column 'unit' (see docs/projects.md for the columns)\n"),
      std::string::npos);
  EXPECT_NE(projects.find("[zoneperf.data.305] " + books + "kinds.xlsx:Figures!3: missing column 'id'\n"),
            std::string::npos);
}

TEST(workbook_readers_test, the_command_line_reads_workbooks_and_their_sheets) {
  const std::string v = samples + "task-force/values", t = samples + "task-force/targets";
  const auto x =
      run("assess --preset task-force --values " + v + ".xlsx --targets " + t + ".xlsx --format json");
  const auto c =
      run("assess --preset task-force --values " + v + ".csv --targets " + t + ".csv --format json");
  ASSERT_EQ(x.status, 0) << x.out;
  EXPECT_EQ(x.out, c.out);
  const auto s = run("assess --preset task-force --values '" + v + ".xlsx#values' --format csv");
  EXPECT_EQ(s.status, 0) << s.out;
  const auto missing = run("assess --preset task-force --values '" + v + ".xlsx#Sheet9'");
  EXPECT_EQ(missing.status, 2);
  EXPECT_EQ(missing.out, "zoneperf: [zoneperf.parse.121] " + v +
                             ".xlsx: no sheet \"Sheet9\" (the workbook's sheets: \"values\")\n");
  const auto absent = run("assess --preset task-force --values '" + v + ".ods#values'");
  EXPECT_NE(absent.status, 0);
  EXPECT_NE(absent.out.find("File does not exist"), std::string::npos) << absent.out;
  const auto land = run("land --enterprises " + samples + "land/enterprises.xlsx --format csv");
  EXPECT_EQ(land.status, 0) << land.out;
  EXPECT_EQ(land.out, run("land --enterprises " + samples + "land/enterprises.csv --format csv").out);
  const auto month = run("projects --file " + samples + "projects/projects.xlsx month 2020-06");
  EXPECT_EQ(month.out, run("projects --file " + samples + "projects/projects.csv month 2020-06").out);
  const auto admit = run("admit --file " + books + "projects.xls");
  EXPECT_NE(admit.out.find(books + "projects.xls:projects!1"), std::string::npos) << admit.out;
  const auto ahp = run("weights ahp " + books + "drinks.xlsx");
  EXPECT_EQ(ahp.out,
            run("weights ahp " + std::string(ZONEPERF_SOURCE_DIR) + "/tests/data/weights/drinks.csv").out);
}
