// Report inputs, tables, CSV and Markdown, write_reports, and the CLI (`zoneperf report`, the demo step).
#include "zoneperf/io/reports.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <regex>

#include "support.hpp"
#include "zoneperf/error.hpp"

namespace zoneperf {
namespace {
using test::demo;
using test::quote;
using test::run;

std::string message_of(const report_inputs& in) {
  try {
    report_data::parse(in);
  } catch (const error& e) {
    return e.what();
  }
  return "no error";
}

TEST(report_inputs_test, a_scorecard_without_explanations_is_refused_with_the_command_that_makes_one) {
  report_inputs in;
  in.scorecard = R"({"tree": "task-force", "units": [{"id": "a", "total": 1, "rank": 1, "grade": "不合格",
    "veto": false, "nodes": {"attraction": {"score": 1, "max": 25, "rate": 0.04}, "delivery": {"score": 0, "max": 20, "rate": 0},
    "openness": {"score": 0, "max": 15, "rate": 0}, "land_efficiency": {"score": 0, "max": 15, "rate": 0},
    "revenue_tax": {"score": 0, "max": 15, "rate": 0}, "service": {"score": 0, "max": 10, "rate": 0}}}]})";
  EXPECT_EQ(
      message_of(in),
      "[zoneperf.config.201] scorecard:/units/0: missing \"leaves\": the reports explain every leaf; run "
      "`zoneperf assess --format json --explain all`");
}

TEST(report_inputs_test, bad_json_unknown_trees_and_missing_groups_are_named) {
  report_inputs in;
  in.scorecard = "{";
  EXPECT_EQ(message_of(in).rfind("[zoneperf.parse.101] scorecard:1:2: invalid JSON: ", 0), 0u)
      << message_of(in);
  in.scorecard = R"({"tree": "no-such-tree", "units": []})";
  EXPECT_EQ(message_of(in).rfind("[zoneperf.config.216]", 0), 0u) << message_of(in);
  in.scorecard =
      R"({"tree": "task-force", "units": [{"id": "a", "total": 1, "rank": 1, "grade": "不合格", "veto": false,
    "nodes": {}}]})";
  EXPECT_EQ(
      message_of(in),
      "[zoneperf.config.201] scorecard:/units/0/nodes: missing group \"attraction\" of tree \"task-force\"");
  in.scorecard = R"({"tree": "task-force", "units": [{"id": "a", "total": "high"}]})";
  EXPECT_EQ(
      message_of(in),
      "[zoneperf.config.202] scorecard:/units/0/total: the total must be a number (unit \"a\")\n"
      "[zoneperf.config.201] scorecard:/units/0/grade: missing \"grade\" (a label or null) (unit \"a\")");
  in.scorecard = demo().inputs.scorecard;
  in.pay = R"({"policy": "x"})";
  EXPECT_EQ(message_of(in), "[zoneperf.config.201] pay: missing \"reconciliation\"");
  in.pay.clear();
  in.projects = R"({"period": "2020-07"})";
  EXPECT_EQ(message_of(in),
            "[zoneperf.config.201] projects: no faces: expected the JSON of `zoneperf projects month "
            "--format json` "
            "(\"check\")");
}

TEST(report_tables_test, one_table_per_sheet_and_only_for_the_inputs_given) {
  report_inputs in;
  in.scorecard = demo().inputs.scorecard;
  std::vector<std::string> names;
  for (const auto& t : report_tables(report_data::parse(in))) names.push_back(t.name);
  EXPECT_EQ(names, (std::vector<std::string>{"scorecard", "leaves"}));
  names.clear();
  for (const auto& t : report_tables(report_data::parse(demo().inputs))) names.push_back(t.name);
  EXPECT_EQ(names,
            (std::vector<std::string>{"scorecard", "leaves", "pay_people", "pay_task_forces",
                                      "pay_reconciliation", "land_enterprises", "land_classes", "faces"}));
}

TEST(report_tables_test, numbers_read_back_to_the_json_values) {
  report_inputs in = demo().inputs;
  in.lang = report_lang::en;
  const auto tables = report_tables(report_data::parse(in));
  const report_table& s = tables[0];
  ASSERT_EQ(s.header.size(), 11u);
  EXPECT_EQ(s.header[0], "unit");
  EXPECT_EQ(std::vector<std::string>(s.header.end() - 4, s.header.end()),
            (std::vector<std::string>{"total", "rank", "grade", "veto"}));
  EXPECT_EQ(s.rows[0], (std::vector<std::string>{"新材料新能源", "27.68888888888889", "21", "16.4", "15",
                                                 "15", "9.2", "112.28888888888889", "1", "优秀", "no"}));
  EXPECT_EQ(tables[1].rows.size(), 4u * 20u);  // 17 leaves and 3 items per unit
}

TEST(report_tables_test, headers_follow_the_language_and_the_numbers_do_not) {
  report_inputs in = demo().inputs;
  const auto zh = report_tables(report_data::parse(in));
  in.lang = report_lang::en;
  const auto en = report_tables(report_data::parse(in));
  ASSERT_EQ(zh.size(), en.size());
  EXPECT_EQ(zh[0].header[0], "考核对象");
  EXPECT_EQ(std::vector<std::string>(zh[0].header.end() - 4, zh[0].header.end()),
            (std::vector<std::string>{"总分", "名次", "等次", "否决"}));
  EXPECT_EQ(zh[0].rows[0].back(), "否");
  EXPECT_EQ(zh[5].name, "land_enterprises");  // the file names stay ids
  EXPECT_NE(std::find(zh[5].header.begin(), zh[5].header.end(), "亩均投资强度（万元/亩）"),
            zh[5].header.end());
  EXPECT_NE(std::find(en[5].header.begin(), en[5].header.end(), "investment per mu (万元/mu)"),
            en[5].header.end());
  for (std::size_t t = 0; t < zh.size(); ++t) {
    EXPECT_EQ(zh[t].name, en[t].name);
    ASSERT_EQ(zh[t].rows.size(), en[t].rows.size());
    EXPECT_NE(zh[t].header, en[t].header) << zh[t].name;
    // Every number cell is the same text in both languages.
    for (std::size_t r = 0; r < zh[t].rows.size(); ++r)
      for (std::size_t c = 0; c < zh[t].rows[r].size(); ++c) {
        const std::string& a = zh[t].rows[r][c];
        if (!a.empty() && (std::isdigit(static_cast<unsigned char>(a[0])) || a[0] == '-'))
          EXPECT_EQ(a, en[t].rows[r][c]) << zh[t].name << " row " << r << " col " << c;
      }
  }
}

TEST(report_csv_test, a_string_is_plain_the_excel_form_has_the_bom_and_crlf_and_quotes_what_needs_quoting) {
  report_table t{"t", "", {"name", "note"}, {{"高新区", "a,b"}, {"x", "say \"hi\"\nagain"}}};
  EXPECT_EQ(table_csv(t), "name,note\n高新区,\"a,b\"\nx,\"say \"\"hi\"\"\nagain\"\n");
  // The line break inside the quoted cell is the cell's text: it stays LF.
  EXPECT_EQ(table_csv(t, csv_form::excel),
            "\xEF\xBB\xBFname,note\r\n高新区,\"a,b\"\r\nx,\"say \"\"hi\"\"\nagain\"\r\n");
}

TEST(report_markdown_test, has_every_section_given_and_every_units_explanation) {
  const std::string md = report_markdown(report_data::parse(demo().inputs));
  for (const char* s :
       {"# 产业专班考核", "## 计分总表 · 产业专班考核 (`task-force`)", "## 月度督查 2020-07 · 😊 / 😢",
        "## 差异化绩效", "## 亩均效益分类", "## 逐项得分说明", "### 信息技术",
        "| 新材料新能源 | 27.69 | 21.00 | 16.40 | 15.00 | 15.00 | 9.20 | 112.29 | 1 | 优秀 | 否 |",
        "| 医养健康 | 😢 | 1/2 | 2/2 | 2/2 | 意向 1 &lt; 2 |"})
    EXPECT_NE(md.find(s), std::string::npos) << s;
  report_inputs in = demo().inputs;
  in.lang = report_lang::en;
  const std::string en = report_markdown(report_data::parse(in));
  for (const char* s :
       {"## Scorecard · 产业专班考核 (`task-force`)", "## Monthly review 2020-07", "## Differentiated pay",
        "## Every leaf explained",
        "| 新材料新能源 | 27.69 | 21.00 | 16.40 | 15.00 | 15.00 | 9.20 | 112.29 | 1 | 优秀 | no |",
        "| 医养健康 | 😢 | 1/2 | 2/2 | 2/2 | intent 1 &lt; 2 |"})
    EXPECT_NE(en.find(s), std::string::npos) << s;
  // Money with thousands separators, ratios as percentages.
  EXPECT_TRUE(std::regex_search(md, std::regex("\\| [0-9]{1,3}(,[0-9]{3})+\\.[0-9]{2} \\|")));
  EXPECT_TRUE(std::regex_search(md, std::regex("\\| [0-9]+\\.[0-9]{2}% \\|")));
}

TEST(write_reports_test, writes_every_format_into_the_folder) {
  const std::string dir = test::temp_dir("write") + "/nested/out";
  const auto paths = write_reports(report_data::parse(demo().inputs), dir);
  ASSERT_EQ(paths.size(), 3u + 8u);
  EXPECT_EQ(paths[0], dir + "/report.html");
  EXPECT_EQ(paths[1], dir + "/report.xlsx");
  EXPECT_EQ(paths[2], dir + "/report.md");
  EXPECT_EQ(paths[3], dir + "/report_scorecard.csv");
  for (const auto& p : paths) EXPECT_TRUE(std::filesystem::file_size(p) > 100) << p;
  EXPECT_EQ(read_text_file(dir + "/report.xlsx").substr(0, 2), "PK");
}

TEST(report_cli_test, report_builds_the_files_from_saved_json_results) {
  const auto& d = demo();
  const std::string out_dir = test::temp_dir("cli");
  std::string out;
  ASSERT_EQ(run(quote(ZONEPERF_CLI) + " report --scorecard " + quote(d.dir + "/scorecard.json") + " --pay " +
                    quote(d.dir + "/pay.json") + " --projects " + quote(d.dir + "/projects.json") +
                    " --out " + quote(out_dir),
                &out),
            0)
      << out;
  EXPECT_EQ(out, "wrote\n  " + out_dir + "/report.html\n  " + out_dir + "/report.xlsx\n  " + out_dir +
                     "/report.md\n  " + out_dir + "/report_scorecard.csv\n  " + out_dir +
                     "/report_leaves.csv\n  " + out_dir + "/report_pay_people.csv\n  " + out_dir +
                     "/report_pay_task_forces.csv\n  " + out_dir + "/report_pay_reconciliation.csv\n  " +
                     out_dir + "/report_faces.csv\n");
  // The same HTML as the library makes from the same inputs.
  report_inputs in = d.inputs;
  in.land.clear();
  EXPECT_EQ(read_text_file(out_dir + "/report.html"), report_html(report_data::parse(in)));
  // --lang en: the English page; a language it does not know is a usage error (exit 2).
  ASSERT_EQ(run(quote(ZONEPERF_CLI) + " report --scorecard " + quote(d.dir + "/scorecard.json") +
                    " --lang en" + " --out " + quote(out_dir + "/en"),
                &out),
            0)
      << out;
  report_inputs en;
  en.scorecard = d.inputs.scorecard;
  en.lang = report_lang::en;
  EXPECT_EQ(read_text_file(out_dir + "/en/report.html"), report_html(report_data::parse(en)));
  EXPECT_EQ(run(quote(ZONEPERF_CLI) + " report --scorecard " + quote(d.dir + "/scorecard.json") +
                    " --lang fr" + " --out " + quote(out_dir + "/fr"),
                &out),
            2);
  EXPECT_NE(out.find("--lang"), std::string::npos) << out;
}

TEST(report_cli_test, a_bad_input_exits_2_with_the_message) {
  const std::string dir = test::temp_dir("cli-bad");
  test::write(dir + "/bad.json", "{\"tree\": \"task-force\", \"units\": 3}");
  std::string out;
  EXPECT_EQ(run(quote(ZONEPERF_CLI) + " report --scorecard " + quote(dir + "/bad.json") + " --out " +
                    quote(dir + "/o"),
                &out),
            2);
  EXPECT_NE(out.find("[zoneperf.config.201] scorecard:/units: a scorecard is {"), std::string::npos) << out;
}

TEST(report_cli_test, the_demo_writes_the_reports_and_prints_their_paths) {
  const auto& d = demo();
  for (const char* f :
       {"report.html", "report.xlsx", "report.md", "report_scorecard.csv", "report_leaves.csv",
        "report_pay_people.csv", "report_land_classes.csv", "report_faces.csv"})
    EXPECT_TRUE(std::filesystem::exists(d.dir + "/" + f)) << f;
}

}  // namespace
}  // namespace zoneperf
