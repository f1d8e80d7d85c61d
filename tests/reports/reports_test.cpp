// Report inputs, tables, CSV and Markdown, write_reports, and the CLI (`zoneperf report`, the demo step).
#include "zoneperf/io/reports.hpp"

#include <gtest/gtest.h>

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
  const auto tables = report_tables(report_data::parse(demo().inputs));
  const report_table& s = tables[0];
  EXPECT_EQ(s.header,
            (std::vector<std::string>{"unit", "attraction", "delivery", "openness", "land_efficiency",
                                      "revenue_tax", "service", "total", "rank", "grade", "veto"}));
  EXPECT_EQ(s.rows[0], (std::vector<std::string>{"新材料新能源", "27.68888888888889", "21", "16.4", "15",
                                                 "15", "9.2", "112.28888888888889", "1", "优秀", "no"}));
  EXPECT_EQ(tables[1].rows.size(), 4u * 20u);  // 17 leaves and 3 items per unit
}

TEST(report_csv_test, starts_with_a_bom_and_quotes_what_needs_quoting) {
  report_table t{"t", "", {"name", "note"}, {{"高新区", "a,b"}, {"x", "say \"hi\""}}};
  EXPECT_EQ(table_csv(t), "\xEF\xBB\xBFname,note\r\n高新区,\"a,b\"\r\nx,\"say \"\"hi\"\"\"\r\n");
  EXPECT_EQ(table_csv(t, csv_bom::off), "name,note\r\n高新区,\"a,b\"\r\nx,\"say \"\"hi\"\"\"\r\n");
}

TEST(report_markdown_test, has_every_section_given_and_every_units_explanation) {
  const std::string md = report_markdown(report_data::parse(demo().inputs));
  for (const char* s :
       {"# 产业专班考核", "## Scorecard (task-force)", "## Monthly faces 2020-07", "## Pay",
        "## 亩均 classes", "## Every leaf explained", "### 信息技术",
        "| 新材料新能源 | 27.69 | 21.00 | 16.40 | 15.00 | 15.00 | 9.20 | 112.29 | 1 | 优秀 | no |",
        "| 医养健康 | 😢 | 1/2 | 2/2 | 2/2 | intent 1 &lt; 2 |"})
    EXPECT_NE(md.find(s), std::string::npos) << s;
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
