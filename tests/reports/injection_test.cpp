// Hostile user text in the reports (issue 19, item 14): CSV cells a spreadsheet would run, HTML in
// the Markdown, characters XML does not allow in the page, an invalid title, and a workbook cell
// longer than Excel holds.
#include <gtest/gtest.h>

#include <functional>

#include "support.hpp"
#include "zoneperf/error.hpp"
#include "zoneperf/io/report.hpp"
#include "zoneperf/io/reports.hpp"

namespace zoneperf {
namespace {
using test::demo;
using test::find_program;
using test::quote;
using test::run;

/// The demo's scorecard alone, with the unit 信息技术 renamed to `id` (a JSON string's contents).
report_inputs renamed(const std::string& id) {
  std::string sc = demo().inputs.scorecard;
  const std::string from = "\"id\": \"信息技术\"";
  const auto at = sc.find(from);
  if (at == std::string::npos) throw std::runtime_error("no unit 信息技术 in the demo's scorecard");
  sc.replace(at, from.size(), "\"id\": \"" + id + "\"");
  report_inputs in;
  in.scorecard = sc;
  return in;
}

int code_of(const std::function<void()>& f, std::string* message = nullptr) {
  try {
    f();
  } catch (const error& e) {
    if (message) *message = e.what();
    return e.code();
  }
  return 0;
}

TEST(report_injection_test, csv_tables_neutralise_formulas_and_keep_numbers) {
  const auto data = report_data::parse(renamed("=HYPERLINK(\\\"http://x\\\",\\\"y\\\")"));
  const auto tables = report_tables(data);
  const std::string scorecard = table_csv(tables[0]);
  EXPECT_NE(scorecard.find("\n\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",19.4"), std::string::npos)
      << scorecard;
  const std::string leaves = table_csv(tables[1]);
  EXPECT_NE(leaves.find("\n\"'=HYPERLINK("), std::string::npos);
  EXPECT_EQ(leaves.find("\n\"=HYPERLINK("), std::string::npos);

  report_table t{"t", "", {"unit", "value"}, {{"@SUM(A1)", "-5"}, {"-x", "-1.5e-3"}, {"+1", "-"}}};
  EXPECT_EQ(table_csv(t), "unit,value\n'@SUM(A1),-5\n'-x,-1.5e-3\n+1,-\n");
}

TEST(report_injection_test, every_report_csv_file_starts_with_the_bom_and_is_neutralised) {
  const std::string dir = test::temp_dir("inject-csv");
  const auto paths = write_reports(report_data::parse(renamed("@cmd")), dir);
  for (const auto& p : paths)
    if (p.size() > 4 && p.compare(p.size() - 4, 4, ".csv") == 0)
      EXPECT_EQ(read_text_file(p).substr(0, 3), "\xEF\xBB\xBF") << p;
  const std::string scorecard = read_text_file(dir + "/report_scorecard.csv");
  EXPECT_NE(scorecard.find("\r\n'@cmd,"), std::string::npos) << scorecard;
}

TEST(report_injection_test, markdown_escapes_html_and_table_syntax_in_user_text) {
  report_inputs in = renamed("<img src=x onerror=alert(1)>|a & b");
  in.title = "<script>x</script> | 报告";
  const std::string md = report_markdown(report_data::parse(in));
  EXPECT_EQ(md.find("<img"), std::string::npos) << md;
  EXPECT_EQ(md.find("<script"), std::string::npos) << md;
  EXPECT_EQ(md.rfind("# &lt;script&gt;x&lt;/script&gt; \\| 报告\n", 0), 0u) << md.substr(0, 80);
  EXPECT_NE(md.find("| &lt;img src=x onerror=alert(1)&gt;\\|a &amp; b | 19.48 |"), std::string::npos) << md;
  EXPECT_NE(md.find("### &lt;img src=x onerror=alert(1)&gt;\\|a &amp; b\n"), std::string::npos);
}

TEST(report_injection_test, the_page_replaces_what_xml_does_not_allow_and_stays_well_formed) {
  // U+FFFF, U+FFFE, U+FDD0, U+0001 and U+0085 in a unit id (JSON escapes).
  const auto data = report_data::parse(renamed("a\\uFFFFb\\uFFFEc\\uFDD0d\\u0001e\\u0085f"));
  const std::string html = report_html(data);
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(html.find("\xEF\xBF\xBF"), std::string::npos);
  EXPECT_EQ(html.find("\xEF\xBF\xBE"), std::string::npos);
  EXPECT_EQ(html.find("\xEF\xB7\x90"), std::string::npos);
  EXPECT_EQ(html.find('\x01'), std::string::npos);
  EXPECT_EQ(html.find("\xC2\x85"), std::string::npos);
  EXPECT_NE(html.find("a" + fffd + "b" + fffd + "c" + fffd + "d" + fffd + "e" + fffd + "f"),
            std::string::npos);
  if (find_program("/usr/bin/python3").empty()) GTEST_SKIP() << "no /usr/bin/python3: not parsed as XML";
  const std::string dir = test::temp_dir("inject-html");
  test::write(dir + "/report.html", html);
  std::string out;
  EXPECT_EQ(run("/usr/bin/python3 -c " +
                    quote("import sys, xml.etree.ElementTree as ET\n"
                          "t = open(sys.argv[1], encoding='utf-8').read()\n"
                          "ET.fromstring(t.split('\\n', 1)[1])\n") +
                    " " + quote(dir + "/report.html"),
                &out),
            0)
      << out;
}

TEST(report_injection_test, a_title_that_is_not_utf8_or_holds_control_characters_is_error_217) {
  report_inputs in;
  in.scorecard = demo().inputs.scorecard;
  std::string message;
  in.title = "bad \xFF title";
  EXPECT_EQ(code_of([&] { report_data::parse(in); }, &message), 217);
  EXPECT_EQ(message,
            "[zoneperf.config.217] title: not UTF-8 (invalid byte sequence at byte 5); give the report title "
            "as UTF-8 text");
  in.title = "two\nlines";
  EXPECT_EQ(code_of([&] { report_data::parse(in); }, &message), 217);
  EXPECT_EQ(message,
            "[zoneperf.config.217] title: a control character (U+000A) at byte 4: a report title is one line "
            "of text without control characters");
  in.title = "高新区\xC2\x9B";
  EXPECT_EQ(code_of([&] { report_data::parse(in); }, &message), 217);
  EXPECT_NE(message.find("(U+009B) at byte 10"), std::string::npos) << message;
  // The same check for a scorecard given as it is, and through the CLI.
  report_sections s;
  s.title = "a\x07";
  EXPECT_EQ(code_of([&] { report_data(read_scorecard(demo().inputs.scorecard), s); }), 217);
  in.title = "聊城高新区 · 2020 年度报告 <draft> & notes";
  EXPECT_EQ(code_of([&] { report_data::parse(in); }), 0);
  std::string cli;
  EXPECT_EQ(run(quote(ZONEPERF_CLI) + " report --scorecard " + quote(demo().dir + "/scorecard.json") +
                    " --title \"$(printf 'a\\001b')\" --out " + quote(test::temp_dir("inject-title")),
                &cli),
            2);
  EXPECT_NE(cli.find("zoneperf: [zoneperf.config.217] title: a control character (U+0001) at byte 2"),
            std::string::npos)
      << cli;
}

TEST(report_injection_test, a_workbook_cell_over_excels_limit_is_error_319_naming_sheet_cell_and_unit) {
  const std::string dir = test::temp_dir("inject-xlsx");
  std::string message;
  // 32 768 characters: one more than Excel holds.
  const auto data = report_data::parse(renamed(std::string(32768, 'x')));
  EXPECT_EQ(code_of([&] { write_report_workbook(data, dir + "/a.xlsx"); }, &message), 319);
  EXPECT_EQ(message, "[zoneperf.data.319] 计分总表!A6 (unit \"" + std::string(40, 'x') +
                         "…\", column \"考核对象\"): text of 32768 characters: a workbook cell holds at most "
                         "32 767 (Excel's limit); shorten it");
  EXPECT_FALSE(std::filesystem::exists(dir + "/a.xlsx"));
  // Excel counts UTF-16 units: 16 384 emoji are 32 768 (libxlsxwriter, counting code points, takes them).
  std::string emoji;
  for (int i = 0; i < 16384; ++i) emoji += "😊";
  EXPECT_EQ(code_of([&] { write_report_workbook(report_data::parse(renamed(emoji)), dir + "/b.xlsx"); }),
            319);
  // 32 767 is the limit, and fits.
  EXPECT_EQ(code_of([&] {
              write_report_workbook(report_data::parse(renamed(std::string(32767, 'y'))), dir + "/c.xlsx");
            }),
            0);
  // write_reports leaves the old files when the workbook fails.
  write_reports(report_data::parse(demo().inputs), dir + "/set");
  const std::string old_html = read_text_file(dir + "/set/report.html");
  EXPECT_EQ(code_of([&] { write_reports(data, dir + "/set"); }), 319);
  EXPECT_EQ(read_text_file(dir + "/set/report.html"), old_html);
}

}  // namespace
}  // namespace zoneperf
