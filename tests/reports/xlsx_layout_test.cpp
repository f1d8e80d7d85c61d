// The workbook on paper and on screen: two header rows (labels in the report's language, then ids),
// number formats, autofilter, frozen panes, A4 landscape page setup with the title and page numbers,
// and native charts; read back by openpyxl (tests/reports/read_xlsx.py) and printed by LibreOffice.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <regex>

#include "support.hpp"
#include "zoneperf/io/reports.hpp"

namespace zoneperf {
namespace {
using nlohmann::json;
using test::demo;
using test::find_program;
using test::quote;
using test::run;

/// What openpyxl reads of the workbook (see read_xlsx.py for the shape).
json read_book(const std::string& xlsx) {
  std::string out;
  const int rc =
      run("/usr/bin/python3 " + quote(std::string(ZONEPERF_SOURCE_DIR) + "/tests/reports/read_xlsx.py") +
              " " + quote(xlsx) + " 2>/dev/null",
          &out);
  if (rc != 0) throw std::runtime_error("read_xlsx.py failed:\n" + out);
  return json::parse(out);
}

class workbook_layout_test : public ::testing::Test {
 protected:
  void SetUp() override {
    if (run("/usr/bin/python3 -c 'import openpyxl'") != 0)
      GTEST_SKIP() << "no openpyxl for /usr/bin/python3 (Debian python3-openpyxl; scripts/setup.sh test "
                      "installs it): the workbook's layout was not read back";
  }
  static json write_and_read(const report_inputs& in, const std::string& name) {
    const std::string dir = test::temp_dir("xlsx-layout-" + name);
    write_report_workbook(report_data::parse(in), dir + "/report.xlsx");
    return read_book(dir + "/report.xlsx");
  }
  /// The demo's workbook in Chinese, read once (openpyxl takes a second or two), titled with an '&',
  /// which starts a code in a page header and so must be doubled there.
  static const json& zh() {
    static const json b = [] {
      report_inputs in = demo().inputs;
      in.title = "R&D 报告";
      return write_and_read(in, "zh");
    }();
    return b;
  }
};

const std::vector<std::string> zh_tables{"计分总表", "逐项得分", "每人绩效", "专班绩效",
                                         "绩效核对", "亩均企业", "亩均分类", "月度督查"};

TEST_F(workbook_layout_test, sheets_are_chinese_with_a_chart_sheet_after_the_table_it_charts) {
  const json& b = zh();
  EXPECT_EQ(b["sheets"].get<std::vector<std::string>>(),
            (std::vector<std::string>{"计分总表", "总分图", "逐项得分", "每人绩效", "专班绩效", "绩效核对",
                                      "亩均企业", "亩均分类", "亩均分类图", "月度督查"}));
}

TEST_F(workbook_layout_test, each_table_has_a_label_row_then_an_id_row) {
  const json& b = zh();
  const json& s = b["tables"]["计分总表"];
  // The task-force preset's six groups, by name and by id, then the columns every scorecard has.
  EXPECT_EQ(s["labels"].get<std::vector<std::string>>(),
            (std::vector<std::string>{"考核对象", "项目招引", "项目落地", "开放招商", "亩均效益", "创收纳税",
                                      "服务运营", "加分", "扣分", "否决", "总分", "名次", "等次"}));
  EXPECT_EQ(s["ids"].get<std::vector<std::string>>(),
            (std::vector<std::string>{"unit", "attraction", "delivery", "openness", "land_efficiency",
                                      "revenue_tax", "service", "bonus", "penalty", "veto", "total", "rank",
                                      "grade"}));
  const json& l = b["tables"]["逐项得分"];
  EXPECT_EQ(l["labels"][10], "完成率");
  EXPECT_EQ(l["ids"][10], "ratio");
  const json& p = b["tables"]["每人绩效"];
  EXPECT_EQ(p["labels"][5], "基数（元）");
  EXPECT_EQ(p["ids"][5], "baseline");
  // Every table: as many ids as labels, none empty.
  for (const auto& name : zh_tables) {
    const json& t = b["tables"][name];
    ASSERT_EQ(t["labels"].size(), t["ids"].size()) << name;
    for (const auto& id : t["ids"]) EXPECT_TRUE(id.is_string() && !id.get<std::string>().empty()) << name;
  }
}

TEST_F(workbook_layout_test, ranks_and_counts_are_integers_money_has_separators_rates_are_percentages) {
  const json& b = zh();
  auto cell = [&](const char* sheet, const char* at) -> const json& {
    return b["tables"][sheet]["cells"][at];
  };
  // 新材料新能源 (row 3): rank 1 shown as "1", its total 112.288… (the demo's scorecard) kept whole
  // behind a two-decimal format.
  EXPECT_EQ(cell("计分总表", "L3")["format"], "#,##0");
  EXPECT_EQ(cell("计分总表", "L3")["value"], 1);
  EXPECT_EQ(cell("计分总表", "K3")["format"], "0.00");
  EXPECT_NEAR(cell("计分总表", "K3")["value"].get<double>(), 112.28888888888889, 1e-12);
  // XC01's baseline, 150 000 元 (samples/pay/staff.csv), in yuan with separators.
  EXPECT_EQ(cell("每人绩效", "F3")["format"], "#,##0.00");
  EXPECT_EQ(cell("每人绩效", "F3")["value"], 150000);
  EXPECT_EQ(cell("每人绩效", "M3")["format"], "0.000000000000");  // λ
  EXPECT_EQ(cell("专班绩效", "D3")["format"], "#,##0");           // head count
  EXPECT_EQ(cell("专班绩效", "F3")["format"], "#,##0.00");        // base pay
  // intent_projects 12 of 12: a ratio of 1 shown as 100.00 %.
  EXPECT_EQ(cell("逐项得分", "K3")["format"], "0.00%");
  EXPECT_EQ(cell("逐项得分", "K3")["value"], 1);
  EXPECT_EQ(cell("逐项得分", "N3")["format"], "0.00");
  // E01: 33.3 mu (samples/land/enterprises.csv) and its R&D share 1490.9 / 37578.3 as a percentage.
  EXPECT_EQ(cell("亩均企业", "E3")["format"], "#,##0.00");
  EXPECT_EQ(cell("亩均企业", "E3")["value"], 33.3);
  const auto& ids = b["tables"]["亩均企业"]["ids"];
  const auto rd = std::find(ids.begin(), ids.end(), "rd_share") - ids.begin();
  ASSERT_LT(rd, static_cast<long>(ids.size()));
  const std::string rd_cell = std::string(1, static_cast<char>('A' + rd)) + "3";
  EXPECT_EQ(cell("亩均企业", rd_cell.c_str())["format"], "0.00%");
  EXPECT_NEAR(cell("亩均企业", rd_cell.c_str())["value"].get<double>(), 1490.9 / 37578.3, 1e-12);
  EXPECT_EQ(cell("亩均分类", "C3")["format"], "#,##0");
  // The reconciliation's value column takes each item's format: pool in yuan, λ with 12 places.
  EXPECT_EQ(cell("绩效核对", "B5")["format"], "#,##0.00");
  EXPECT_EQ(cell("绩效核对", "B10")["format"], "0.0000");          // average multiple
  EXPECT_EQ(cell("绩效核对", "B11")["format"], "0.000000000000");  // λ
}

TEST_F(workbook_layout_test,
       every_table_has_autofilter_frozen_headers_and_prints_a4_landscape_one_page_wide) {
  const json& b = zh();
  for (const auto& name : zh_tables) {
    SCOPED_TRACE(name);
    const json& t = b["tables"][name];
    const std::size_t cols = t["labels"].size();
    const std::string last_col(1, static_cast<char>('A' + cols - 1));
    // The filter's header is the ids row (row 2) and it spans every column.
    const std::regex filter("A2:" + last_col + "([0-9]+)");
    std::smatch match;
    const std::string f = t["filter"].get<std::string>();
    ASSERT_TRUE(std::regex_match(f, match, filter)) << f;
    EXPECT_EQ(t["print_area"][0], "$A$1:$" + last_col + "$" + match[1].str());
    EXPECT_EQ(t["freeze"], "B3");  // both header rows and the first column
    EXPECT_EQ(t["print_titles"], "$1:$2");
    EXPECT_EQ(t["orientation"], "landscape");
    EXPECT_EQ(t["paper"], 9);  // A4
    EXPECT_EQ(t["fit_to_page"], true);
    EXPECT_EQ(t["fit_width"], 1);
    EXPECT_EQ(t["fit_height"], 0);  // any number of pages down
    EXPECT_EQ(t["header"], "R&&D 报告");
    EXPECT_EQ(t["footer"], "第 &P 页 / 共 &N 页");
  }
  // 4 units: rows 3–6; 4 × 20 leaves: rows 3–82.
  EXPECT_EQ(b["tables"]["计分总表"]["filter"], "A2:M6");
  EXPECT_EQ(b["tables"]["逐项得分"]["filter"], "A2:P82");
}

TEST_F(workbook_layout_test, charts_plot_the_totals_and_the_class_counts_from_their_tables) {
  const json& b = zh();
  const json& totals = b["charts"]["总分图"];
  EXPECT_EQ(totals["kind"], "BarChart:col");
  EXPECT_EQ(totals["title"], "各考核对象总分");
  ASSERT_EQ(totals["series"].size(), 1u);
  EXPECT_EQ(totals["series"][0]["name"], "'计分总表'!$K$1");
  EXPECT_EQ(totals["series"][0]["categories"], "'计分总表'!$A$3:$A$6");
  EXPECT_EQ(totals["series"][0]["values"], "'计分总表'!$K$3:$K$6");
  EXPECT_EQ(totals["orientation"], "landscape");
  EXPECT_EQ(totals["paper"], 9);
  EXPECT_EQ(totals["footer"], "第 &P 页 / 共 &N 页");
  // One bar per class of land.json, counts and quotas.
  const std::size_t classes = json::parse(demo().inputs.land)["classes"].size();
  const std::string last = std::to_string(2 + classes);
  const json& land = b["charts"]["亩均分类图"];
  ASSERT_EQ(land["series"].size(), 2u);
  EXPECT_EQ(land["series"][0]["categories"], "'亩均分类'!$A$3:$A$" + last);
  EXPECT_EQ(land["series"][0]["values"], "'亩均分类'!$C$3:$C$" + last);
  EXPECT_EQ(land["series"][1]["values"], "'亩均分类'!$D$3:$D$" + last);
}

TEST_F(workbook_layout_test, without_the_land_part_there_is_no_class_chart) {
  report_inputs in = demo().inputs;
  in.land.clear();
  const std::string dir = test::temp_dir("xlsx-layout-noland");
  const auto m = write_report_workbook(report_data::parse(in), dir + "/report.xlsx");
  EXPECT_EQ(m.chart_sheets, (std::vector<std::string>{"总分图"}));
  const json b = read_book(dir + "/report.xlsx");
  EXPECT_EQ(b["charts"].size(), 1u);
  EXPECT_TRUE(b["charts"].contains("总分图"));
}

TEST_F(workbook_layout_test, english_labels_sheet_names_and_footer_with_lang_en) {
  report_inputs in = demo().inputs;
  in.lang = report_lang::en;
  in.title = std::string(100, 'x') + std::string(30, 'y');  // longer than the header's 120 characters
  const json b = write_and_read(in, "en");
  EXPECT_EQ(b["sheets"].get<std::vector<std::string>>(),
            (std::vector<std::string>{"scorecard", "totals_chart", "leaves", "pay_people", "pay_task_forces",
                                      "pay_reconciliation", "land_enterprises", "land_classes",
                                      "land_classes_chart", "faces"}));
  const json& s = b["tables"]["scorecard"];
  EXPECT_EQ(s["labels"][0], "unit");
  EXPECT_EQ(s["labels"][11], "rank");
  EXPECT_EQ(s["ids"][11], "rank");
  EXPECT_EQ(s["footer"], "page &P of &N");
  EXPECT_EQ(s["header"], std::string(100, 'x') + std::string(20, 'y') + "…");
  EXPECT_EQ(b["charts"]["totals_chart"]["series"][0]["values"], "scorecard!$K$3:$K$6");
}

class slow_libreoffice_print_test : public ::testing::Test {
 protected:
  void SetUp() override {
    if (find_program("soffice").empty() || find_program("pdfinfo").empty())
      GTEST_SKIP() << "soffice or pdfinfo is not installed (Debian libreoffice-calc, poppler-utils; "
                      "scripts/setup.sh test installs them): the workbook was not printed";
  }
};

TEST_F(slow_libreoffice_print_test, the_demo_workbook_prints_on_a_few_a4_landscape_pages) {
  const std::string dir = test::temp_dir("lo-pdf");
  report_inputs in = demo().inputs;
  in.title = "聊城高新区 2020 年度考核";
  const auto m = write_report_workbook(report_data::parse(in), dir + "/report.xlsx");
  std::string log;
  ASSERT_EQ(run("timeout 300 soffice -env:UserInstallation=file://" + dir + "/lo-profile" +
                    " --headless --norestore --convert-to pdf --outdir " + quote(dir) + " " +
                    quote(dir + "/report.xlsx"),
                &log),
            0)
      << log;
  std::string info;
  ASSERT_EQ(run("pdfinfo -f 1 -l 1000 " + quote(dir + "/report.pdf"), &info), 0) << info;
  std::smatch match;
  ASSERT_TRUE(std::regex_search(info, match, std::regex("Pages: +([0-9]+)"))) << info;
  const int pages = std::stoi(match[1]);
  // Every sheet prints at least one page, one page wide. Down, a landscape A4 page holds at least
  // 30 rows even at 100 % (595 pt less margins, header and footer, over 15 pt rows; fitting the
  // width only scales down), so each table adds at most ⌊data rows / 30⌋ pages: the 80 leaves 2, the
  // 40 people 1, the 33 enterprises 1. Printed as the issue found it, the same workbook took 26.
  const int sheets = static_cast<int>(m.sheets.size() + m.chart_sheets.size());
  EXPECT_EQ(sheets, 10);
  EXPECT_GE(pages, sheets);
  EXPECT_LE(pages, sheets + 80 / 30 + 40 / 30 + 33 / 30);
  // Every page A4 landscape (841.89 × 595.28 pt).
  const std::regex size("Page +[0-9]+ size: +([0-9.]+) x ([0-9.]+) pts");
  int sized = 0;
  for (auto it = std::sregex_iterator(info.begin(), info.end(), size); it != std::sregex_iterator(); ++it) {
    ++sized;
    EXPECT_NEAR(std::stod((*it)[1]), 841.89, 1) << it->str();
    EXPECT_NEAR(std::stod((*it)[2]), 595.28, 1) << it->str();
  }
  EXPECT_EQ(sized, pages);
  // The title and the page numbers are on the pages.
  std::string text;
  ASSERT_EQ(run("pdftotext -f 1 -l 1 " + quote(dir + "/report.pdf") + " -", &text), 0);
  EXPECT_NE(text.find("第 1 页 / 共 " + std::to_string(pages) + " 页"), std::string::npos) << text;
  EXPECT_NE(text.find("聊城高新区 2020 年度考核"), std::string::npos) << text;
}

}  // namespace
}  // namespace zoneperf
