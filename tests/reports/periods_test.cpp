// The report sections over periods (docs/reports.md): the series' trend, the year of faces and the
// class migration, in the HTML, the workbook (formulas for the changes and tallies), Markdown and CSV.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <regex>

#include "support.hpp"
#include "zoneperf/assess.hpp"
#include "zoneperf/error.hpp"
#include "zoneperf/io/reports.hpp"
#include "zoneperf/io/tables.hpp"
#include "zoneperf/period_values.hpp"
#include "zoneperf/presets.hpp"

namespace zoneperf {
namespace {
using test::demo;
using test::with_periods;

const std::string src = std::string(ZONEPERF_SOURCE_DIR) + "/samples/";

const report_table& table(const std::vector<report_table>& ts, const std::string& name) {
  for (const auto& t : ts)
    if (t.name == name) return t;
  throw std::runtime_error("no table " + name);
}

// Each month's ranks, scored one table at a time (not through the series): month m's cumulative
// table against t_p = (t × m) / 12.
std::map<std::string, std::vector<int>> ranks_by_month(std::map<std::string, std::vector<double>>* totals) {
  const auto tree = load_preset("task-force");
  std::map<std::string, std::vector<int>> out;
  for (int m = 1; m <= 12; ++m) {
    const auto v = read_values_file(tree, src + fmt::format("task-force/2020/2020-{:02d}.csv", m));
    const auto t = read_targets_file(tree, v.units, src + "task-force/targets.csv");
    ytd_options o;
    o.point = as_of::parse(fmt::format("2020-{:02d}", m), "test");
    const auto ytd = year_to_date_targets(tree, v.units.size(), &t, o);
    const auto view = ytd.period.view();
    const auto r = assess(tree, v.values, &view);
    for (std::size_t u = 0; u < v.units.size(); ++u) {
      out[v.units[u]].push_back(r.rank(static_cast<std::ptrdiff_t>(u)));
      (*totals)[v.units[u]].push_back(r.total(static_cast<std::ptrdiff_t>(u)));
    }
  }
  return out;
}

TEST(period_report_test, the_series_table_has_each_months_rank_and_the_change_from_the_month_before) {
  std::map<std::string, std::vector<double>> totals;
  const auto ranks = ranks_by_month(&totals);
  // By hand from the sample ranks: June 新材料新能源 2, 高端装备 1, 医养健康 3, 信息技术 4; July 1, 2, 4, 3;
  // so July's Δ rank (June's rank − July's) is +1, −1, −1, +1.
  EXPECT_EQ(ranks.at("新材料新能源")[5], 2);
  EXPECT_EQ(ranks.at("新材料新能源")[6], 1);
  EXPECT_EQ(ranks.at("医养健康")[6], 4);
  const auto data = report_data::parse(with_periods());
  const auto tables = report_tables(data);
  const auto& t = table(tables, "series");
  ASSERT_EQ(t.rows.size(), 48u);
  std::map<std::string, int> july_change;
  for (const auto& row : t.rows) {
    const int m = std::stoi(row[1].substr(5));
    const auto& rk = ranks.at(row[0]);
    EXPECT_EQ(row[3], std::to_string(rk[static_cast<std::size_t>(m - 1)])) << row[0] << " " << row[1];
    EXPECT_EQ(std::stod(row[2]), totals.at(row[0])[static_cast<std::size_t>(m - 1)])
        << row[0] << " " << row[1];
    if (m == 1) {
      EXPECT_EQ(row[5], "");  // no December 2019 in the series
      EXPECT_EQ(row[6], "");
      continue;
    }
    EXPECT_EQ(row[6],
              std::to_string(rk[static_cast<std::size_t>(m - 2)] - rk[static_cast<std::size_t>(m - 1)]));
    if (m == 7) july_change[row[0]] = std::stoi(row[6]);
  }
  EXPECT_EQ(july_change, (std::map<std::string, int>{
                             {"新材料新能源", 1}, {"高端装备", -1}, {"医养健康", -1}, {"信息技术", 1}}));
}

TEST(period_report_test, the_workbooks_changes_are_formulas_over_the_row_of_the_month_before) {
  const std::string dir = test::temp_dir("periods-xlsx");
  const auto m = write_report_workbook(report_data::parse(with_periods(report_lang::en)), dir + "/r.xlsx");
  EXPECT_EQ(m.sheets, (std::vector<std::string>{"scorecard", "leaves", "series", "faces_year",
                                                "faces_year_months", "migration", "migration_moves"}));
  auto find = [&](const std::string& sheet, const std::string& cell) -> const workbook_formula& {
    for (const auto& f : m.formulas)
      if (f.sheet == sheet && f.cell() == cell) return f;
    throw std::runtime_error("no formula at " + sheet + "!" + cell);
  };
  // series: rows 3..14 新材料新能源's January..December; July is row 9 (C total, D rank).
  EXPECT_EQ(find("series", "G9").formula, "D8-D9");
  EXPECT_EQ(find("series", "G9").number, 1);  // June rank 2 − July rank 1
  EXPECT_EQ(find("series", "F9").formula, "C9-C8");
  // 医养健康 is the third unit: rows 27..38, its July row 33: from 3rd to 4th.
  EXPECT_EQ(find("series", "G33").formula, "D32-D33");
  EXPECT_EQ(find("series", "G33").number, -1);
  // January has no month before it in the series: no formula.
  for (const auto& f : m.formulas) EXPECT_FALSE(f.sheet == "series" && f.row == 2) << f.cell();
  // faces_year: 信息技术 (row 6) had 3 😊 and 6 😢 in 2020 (the README's published grid), counted by
  // formulas over its twelve faces B6:M6.
  EXPECT_EQ(find("faces_year", "N6").formula, "SUMPRODUCT((B6:M6=\"😊\")*1)");
  EXPECT_EQ(find("faces_year", "N6").number, 3);
  EXPECT_EQ(find("faces_year", "O6").number, 6);
  // migration: class A of 2019 (row 3) went 3 to A and 2 to B: 5; every enterprise of either year: 35.
  EXPECT_EQ(find("migration", "H3").formula, "SUM(B3:G3)");
  EXPECT_EQ(find("migration", "H3").number, 5);
  EXPECT_EQ(find("migration", "H9").formula, "SUM(H3:H8)");
  EXPECT_EQ(find("migration", "H9").number, 35);
}

TEST(period_report_test, faces_and_migration_tables_agree_with_the_json_they_come_from) {
  const auto data = report_data::parse(with_periods(report_lang::en));
  const auto tables = report_tables(data);
  // The tally of each row counted here from the months of the faces JSON.
  const auto faces = nlohmann::json::parse(demo().faces);
  const auto& f = table(tables, "faces_year");
  ASSERT_EQ(f.rows.size(), 4u);
  ASSERT_EQ(f.header.size(), 1u + 12u + 2u);
  for (std::size_t t = 0; t < 4; ++t) {
    int smiles = 0, cries = 0;
    for (const auto& mo : faces["task_forces"][t]["months"]) {
      smiles += mo["face"] == "😊";
      cries += mo["face"] == "😢";
    }
    EXPECT_EQ(f.rows[t][13], std::to_string(smiles));
    EXPECT_EQ(f.rows[t][14], std::to_string(cries));
  }
  EXPECT_EQ(f.rows[3], (std::vector<std::string>{"信息技术", "", "", "", "😢", "😢", "😊", "😊", "😊", "😢", "😢",
                                                 "😢", "😢", "3", "6"}));
  EXPECT_EQ(table(tables, "faces_year_months").rows.size(), 48u);
  // The matrix recounted from the moves (from, to) of every enterprise.
  const auto mig = nlohmann::json::parse(demo().migration);
  std::map<std::pair<std::string, std::string>, int> pairs;
  for (const auto& mv : mig["moves"])
    ++pairs[{mv["from"].is_null() ? "entered" : mv["from"].get<std::string>(),
             mv["to"].is_null() ? "left" : mv["to"].get<std::string>()}];
  const auto& g = table(tables, "migration");
  const std::vector<std::string> rows{"A", "B", "C", "D", "T", "entered"},
      cols{"A", "B", "C", "D", "T", "left"};
  ASSERT_EQ(g.rows.size(), rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    int sum = 0;
    for (std::size_t c = 0; c < cols.size(); ++c) {
      const auto it = pairs.find({rows[r], cols[c]});
      const int n = it == pairs.end() ? 0 : it->second;
      sum += n;
      EXPECT_EQ(g.rows[r][c + 1], std::to_string(n)) << rows[r] << " → " << cols[c];
    }
    EXPECT_EQ(g.rows[r].back(), std::to_string(sum));
  }
  EXPECT_EQ(g.rows[0],
            (std::vector<std::string>{"A", "3", "2", "0", "0", "0", "0", "5"}));  // the README's matrix
  EXPECT_EQ(table(tables, "migration_moves").rows.size(), mig["moves"].size());
}

TEST(period_report_test, the_page_draws_the_trend_and_shows_faces_and_the_matrix_only_when_given) {
  report_inputs none;
  none.scorecard = demo().inputs.scorecard;
  const std::string plain = report_html(report_data::parse(none));
  for (const char* s : {"id=\"trend\"", "id=\"faces_year\"", "id=\"migration\""})
    EXPECT_EQ(plain.find(s), std::string::npos) << s;
  const std::string html = report_html(report_data::parse(with_periods()));
  for (const char* s : {"id=\"trend\"", "id=\"faces_year\"", "id=\"migration\"",
                        "class=\"trend trend-total\"", "class=\"trend trend-rank\""})
    EXPECT_NE(html.find(s), std::string::npos) << s;
  // One dot per unit and month in each chart: the rank chart's dot for 新材料新能源 in July is rank 1.
  const std::regex dot("<circle [^>]*data-unit=\"([^\"]+)\" data-period=\"([^\"]+)\" data-v=\"([^\"]+)\"/>");
  int dots = 0;
  bool seen = false;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), dot); it != std::sregex_iterator(); ++it) {
    ++dots;
    if ((*it)[1] == "新材料新能源" && (*it)[2] == "2020-07" && (*it)[3] == "1") seen = true;
  }
  EXPECT_EQ(dots, 2 * 48);
  EXPECT_TRUE(seen);
  const auto series = nlohmann::json::parse(demo().series);
  ASSERT_EQ(series["rows"][6]["period"], "2020-07");  // 新材料新能源's July: its total in the table, exact
  EXPECT_NE(html.find("<td class=\"n\" data-period=\"2020-07\" data-v=\"" +
                      shortest(series["rows"][6]["total"].get<double>()) + "\" data-rank=\"1\""),
            std::string::npos);
  EXPECT_NE(html.find("data-rank=\"1\" data-d-score="), std::string::npos);
  EXPECT_NE(html.find("<tr data-from=\"A\"><th>A</th>"), std::string::npos);
  EXPECT_NE(html.find("上升 3，下降 5，不变 18，新进入 3，退出 2，免评 4"), std::string::npos);
  // Markdown has the same tables under their titles.
  const std::string md = report_markdown(report_data::parse(with_periods()));
  for (const char* s :
       {"## 各期总分与名次", "## 2020 年月度督查", "## 亩均分类变动矩阵", "| 信息技术 | 2020-07 |"})
    EXPECT_NE(md.find(s), std::string::npos) << s;
}

TEST(period_report_test, a_change_that_disagrees_with_the_totals_or_ranks_is_error_318) {
  auto j = nlohmann::ordered_json::parse(demo().series);
  j["rows"][6]["delta_rank"] = 2;  // 新材料新能源, 2020-07: June's 2 − July's 1 is 1
  report_inputs in;
  in.scorecard = demo().inputs.scorecard;
  in.series = j.dump();
  try {
    report_data::parse(in);
    FAIL() << "no error";
  } catch (const error& e) {
    EXPECT_EQ(e.code(), 318);
    EXPECT_NE(std::string(e.what()).find("series: unit \"新材料新能源\", period 2020-07: delta_rank 2 is not "
                                         "rank(2020-06) − rank(2020-07) = 1"),
              std::string::npos)
        << e.what();
  }
  in.series = "{\"periods\": []}";
  try {
    report_data::parse(in);
    FAIL() << "no error";
  } catch (const error& e) {
    EXPECT_EQ(e.code(), 201);
    EXPECT_NE(std::string(e.what()).find("[zoneperf.config.201] series: missing \"rows\""), std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace zoneperf
