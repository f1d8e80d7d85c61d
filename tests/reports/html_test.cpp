// The HTML report: well-formed, self-contained, faithful to the JSON, and rendered by a browser.
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>

#include "support.hpp"
#include "zoneperf/error.hpp"
#include "zoneperf/io/reports.hpp"
#include "zoneperf/text/file.hpp"

namespace zoneperf {
namespace {
using test::demo;
using test::find_program;
using test::quote;
using test::run;

const std::string python = "/usr/bin/python3";

std::string checker() { return std::string(ZONEPERF_SOURCE_DIR) + "/tests/reports/check_html.py"; }

TEST(html_report_test, every_section_appears_only_when_its_input_is_given) {
  report_inputs in;
  in.scorecard = demo().inputs.scorecard;
  const std::string only = report_html(report_data::parse(in));
  EXPECT_NE(only.find("id=\"scorecard\""), std::string::npos);
  EXPECT_NE(only.find("id=\"leaves\""), std::string::npos);
  for (const char* s : {"id=\"pay\"", "id=\"land\"", "id=\"faces\""})
    EXPECT_EQ(only.find(s), std::string::npos) << s;
  const std::string all = report_html(report_data::parse(demo().inputs));
  for (const char* s : {"id=\"pay\"", "id=\"land\"", "id=\"faces\"", "😊", "😢", "优先发展"})
    EXPECT_NE(all.find(s), std::string::npos) << s;
}

TEST(html_report_test, declares_utf8_and_a_cjk_font_stack_that_falls_back_to_sans_serif) {
  const std::string html = report_html(report_data::parse(demo().inputs));
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"/>", 0), 0u);
  EXPECT_NE(html.find("\"Noto Sans CJK SC\", \"Source Han Sans SC\", \"PingFang SC\", \"Microsoft YaHei\""),
            std::string::npos);
  EXPECT_NE(html.find("Arial, sans-serif;"), std::string::npos);
  EXPECT_NE(html.find("@media print"), std::string::npos);
}

TEST(html_report_test, prints_with_the_title_page_numbers_repeated_headers_and_whole_cards) {
  report_inputs in;
  in.scorecard = demo().inputs.scorecard;
  in.title = "A < B & C";
  const std::string html = report_html(report_data::parse(in));
  // The title as a CSS string with every special character escaped (the same read as HTML or XML).
  EXPECT_NE(html.find("@top-center { content: \"A\\20 \\3c \\20 B\\20 \\26 \\20 C\""), std::string::npos);
  for (const char* s :
       {"@bottom-center { content: counter(page) \" / \" counter(pages);",
        "thead { display: table-header-group; }",
        "section + section { break-before: page; page-break-before: always; }",
        ".card, .figure, .chart, svg, .summary, .pay-rec, .land-classes { break-inside: avoid;",
        "svg { max-width: 100%; height: auto; }"})
    EXPECT_NE(html.find(s), std::string::npos) << s;
}

TEST(html_report_test, references_nothing_outside_the_file) {
  const std::string html = report_html(report_data::parse(demo().inputs));
  for (const char* pattern :
       {"http:", "https:", "//", "src=", "href=", "url(", "@import", "<script", "<link", "<img"})
    EXPECT_EQ(html.find(pattern), std::string::npos) << pattern;
}

TEST(html_report_test, escapes_every_text_it_shows) {
  // A unit id and a title with every XML special character.
  std::string sc = demo().inputs.scorecard;
  const std::string from = "\"id\": \"信息技术\"";
  const auto at = sc.find(from);
  ASSERT_NE(at, std::string::npos);
  sc.replace(at, from.size(), "\"id\": \"<b>IT & \\\"co\\\" 'x'</b>\"");
  report_inputs in;
  in.scorecard = sc;
  in.title = "A < B & C";
  const std::string html = report_html(report_data::parse(in));
  EXPECT_EQ(html.find("<b>IT"), std::string::npos);
  EXPECT_NE(html.find("&lt;b&gt;IT &amp; &quot;co&quot; &#39;x&#39;&lt;/b&gt;"), std::string::npos);
  EXPECT_NE(html.find("<title>A &lt; B &amp; C</title>"), std::string::npos);
  if (find_program(python).empty()) GTEST_SKIP() << "no " << python << ": cannot parse the page as XML";
  const std::string dir = test::temp_dir("escape");
  test::write(dir + "/report.html", html);
  test::write(dir + "/scorecard.json", sc);
  std::string out;
  EXPECT_EQ(run(python + " " + quote(checker()) + " " + quote(dir + "/report.html") + " " +
                    quote(dir + "/scorecard.json"),
                &out),
            0)
      << out;
}

TEST(html_report_test, parses_as_xml_and_shows_the_numbers_of_the_json_results) {
  if (find_program(python).empty()) GTEST_SKIP() << "no " << python << ": cannot parse the page as XML";
  const auto& d = demo();
  const std::string dir = test::temp_dir("html");
  test::write(dir + "/report.html", report_html(report_data::parse(d.inputs)));
  std::string out;
  const int rc =
      run(python + " " + quote(checker()) + " " + quote(dir + "/report.html") + " " +
              quote(d.dir + "/scorecard.json") + " --pay " + quote(d.dir + "/pay.json") + " --land " +
              quote(d.dir + "/land.json") + " --projects " + quote(d.dir + "/projects.json"),
          &out);
  EXPECT_EQ(rc, 0) << out;
  // 4 radars + 4 total bars + the comparison + the classes chart; every group, total, rank, grade and
  // leaf figure.
  EXPECT_NE(out.find("ok: 10 svg fragments"), std::string::npos) << out;
}

TEST(html_report_test, the_checker_catches_a_number_that_differs_from_the_json) {
  if (find_program(python).empty()) GTEST_SKIP() << "no " << python;
  const auto& d = demo();
  std::string html = report_html(report_data::parse(d.inputs));
  const auto at = html.find(">112.29</td>");  // 新材料新能源's total
  ASSERT_NE(at, std::string::npos);
  html.replace(at, 12, ">112.30</td>");
  const std::string dir = test::temp_dir("html-bad");
  test::write(dir + "/report.html", html);
  std::string out;
  EXPECT_EQ(run(python + " " + quote(checker()) + " " + quote(dir + "/report.html") + " " +
                    quote(d.dir + "/scorecard.json"),
                &out),
            1);
  EXPECT_NE(out.find("summary 新材料新能源 total: shown '112.30', expected '112.29'"), std::string::npos)
      << out;
}

report_data demo_in(report_lang lang) {
  report_inputs in = demo().inputs;
  in.lang = lang;
  return report_data::parse(in);
}

TEST(html_language_test, chinese_by_default_english_on_request) {
  const std::string zh = report_html(report_data::parse(demo().inputs));
  EXPECT_EQ(zh, report_html(demo_in(report_lang::zh)));
  for (const char* s : {"<h2>计分总表 · ", "<h2>逐项得分说明</h2>", "<h2>差异化绩效", "<h2>月度督查 2020-07",
                        "<th>分配系数 λ</th>", "<th>亩均投资强度（万元/亩）</th>", "<th>考核对象</th>"})
    EXPECT_NE(zh.find(s), std::string::npos) << s;
  const std::string en = report_html(demo_in(report_lang::en));
  EXPECT_EQ(en.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0), 0u);
  for (const char* s :
       {"<h2>Scorecard · ", "<h2>Every leaf explained</h2>", "<h2>Differentiated pay",
        "<h2>Monthly review 2020-07", "<th>investment per mu (万元/mu)</th>", "<th>unit</th>"})
    EXPECT_NE(en.find(s), std::string::npos) << s;
  for (const char* s : {"Scorecard", "Every leaf", "Differentiated", "Monthly review", ">base_paid<",
                        "<th>investment_per_mu<", ">lambda<", ">floor<"})
    EXPECT_EQ(zh.find(s), std::string::npos) << s;
}

TEST(html_language_test, the_chinese_page_shows_no_ascii_word_but_ids_and_the_footers_names) {
  if (find_program(python).empty()) GTEST_SKIP() << "no " << python;
  const std::string dir = test::temp_dir("html-words");
  const std::string script = std::string(ZONEPERF_SOURCE_DIR) + "/tests/reports/ascii_words.py";
  test::write(dir + "/zh.html", report_html(demo_in(report_lang::zh)));
  test::write(dir + "/en.html", report_html(demo_in(report_lang::en)));
  std::string out;
  ASSERT_EQ(run(python + " " + quote(script) + " " + quote(dir + "/zh.html"), &out), 0) << out;
  EXPECT_EQ(out, "report.xlsx zoneperf\n");
  // The scan sees English labels: the English page has many.
  ASSERT_EQ(run(python + " " + quote(script) + " " + quote(dir + "/en.html"), &out), 0) << out;
  for (const char* w : {" Scorecard ", " explained ", " Reconciliation ", " quota "})
    EXPECT_NE((" " + out).find(w), std::string::npos) << w << " in " << out;
}

TEST(html_language_test, numbers_for_people_with_exact_values_kept) {
  const std::string zh = report_html(demo_in(report_lang::zh));
  // Money with thousands separators, the exact value in data-v; ratios as percentages.
  EXPECT_TRUE(
      std::regex_search(zh, std::regex("data-v=\"[0-9.]{7,}\">[0-9]{1,3}(,[0-9]{3})+\\.[0-9]{2}</td>")));
  EXPECT_TRUE(std::regex_search(zh, std::regex(">[0-9]+\\.[0-9]{2}%</td>")));
  EXPECT_FALSE(std::regex_search(zh, std::regex(">[0-9]{7,}\\.[0-9]{2}</td>"))) << "money without separators";
}

TEST(html_language_test, units_in_rank_order) {
  const std::string html = report_html(report_data::parse(demo().inputs));
  std::vector<std::size_t> at;
  const auto tables = report_tables(report_data::parse(demo().inputs));
  std::vector<std::pair<int, std::string>> ranked;
  for (const auto& r : tables[0].rows) ranked.emplace_back(std::stoi(r[r.size() - 3]), r[0]);
  std::sort(ranked.begin(), ranked.end());
  for (const auto& [rank, id] : ranked) at.push_back(html.find("<tr data-unit=\"" + id + "\""));
  EXPECT_TRUE(std::is_sorted(at.begin(), at.end()));
  EXPECT_NE(at.back(), std::string::npos);
}

TEST(html_page_test, compares_every_units_group_rates_on_one_set_of_axes) {
  const std::string html = report_html(report_data::parse(demo().inputs));
  const auto at = html.find("<svg class=\"compare\"");
  ASSERT_NE(at, std::string::npos);
  const std::string svg = html.substr(at, html.find("</svg>", at) - at);
  // One dot per unit and group (4 × 6) and one legend dot per unit.
  std::size_t dots = 0;
  for (auto p = svg.find("<circle"); p != std::string::npos; p = svg.find("<circle", p + 1)) ++dots;
  EXPECT_EQ(dots, 4u * 6u + 4u);
  EXPECT_NE(svg.find("新材料新能源 · "), std::string::npos);
}

TEST(html_page_test, the_robustness_section_from_the_uncertainty_results) {
  const auto& d = demo();
  report_inputs in = d.inputs;
  EXPECT_EQ(report_html(report_data::parse(in)).find("id=\"robustness\""), std::string::npos);
  in.uncertainty = read_text_file(d.dir + "/uncertainty.json");
  const std::string html = report_html(report_data::parse(in));
  const auto at = html.find("<section id=\"robustness\">");
  ASSERT_NE(at, std::string::npos);
  const std::string s = html.substr(at, html.find("</section>", at) - at);
  // The demo's 1000 uniform ±20 % samples (seed 1): 新材料新能源 ranks 1 in every one, 信息技术 3.
  EXPECT_NE(s.find("<tr data-unit=\"新材料新能源\"><td>新材料新能源</td><td class=\"n\" data-v=\"1\">1</td>"),
            std::string::npos)
      << s;
  EXPECT_NE(s.find("<td class=\"n\">1–1</td><td class=\"n\" data-v=\"1\">100.00%</td>"), std::string::npos)
      << s;
  EXPECT_LT(s.find("data-unit=\"高端装备\""), s.find("data-unit=\"信息技术\""));  // nominal rank order
  EXPECT_NE(s.find("<svg class=\"bands\""), std::string::npos);
  const std::string md = report_markdown(report_data::parse(in));
  EXPECT_NE(md.find("## 名次稳健性"), std::string::npos);
  EXPECT_NE(md.find("| 新材料新能源 | 1 | 1–1 | 100.00% |"), std::string::npos) << md;
  // Units the scorecard does not have are refused (316).
  in.uncertainty =
      R"({"units": [{"unit": "nobody", "nominal_rank": 1, "rank_p05": 1, "rank_p95": 1, "p_rank_1": 1}]})";
  try {
    report_data::parse(in);
    FAIL() << "no error";
  } catch (const error& e) {
    EXPECT_STREQ(
        e.what(),
        "[zoneperf.data.316] uncertainty:/units/0/unit: unit \"nobody\" is not a unit of the scorecard");
  }
  in.uncertainty = R"({"units": [{"unit": "信息技术"}]})";
  EXPECT_THROW(report_data::parse(in), error);
}

TEST(html_page_test, the_demo_shows_the_registrys_headline_and_the_zones_per_mu_figures) {
  const std::string html = read_text_file(demo().dir + "/report.html");
  // The registry's 2020 figures as the article gives them: 35 signed, 256 亿元, 30 landed, 470 and
  // 40 万元/亩.
  for (const char* s :
       {"data-item=\"signed\" data-v=\"35\"", "data-item=\"signed_investment_yi\" data-v=\"256\"",
        "data-item=\"landed\" data-v=\"30\"", "data-item=\"investment_per_mu\" data-v=\"470\"",
        "data-item=\"tax_per_mu\" data-v=\"40\"", "全区亩均效益（1,521.70 亩，33 家）", "id=\"robustness\""})
    EXPECT_NE(html.find(s), std::string::npos) << s;
  const std::string script = std::string(ZONEPERF_SOURCE_DIR) + "/tests/reports/ascii_words.py";
  if (find_program(python).empty()) GTEST_SKIP() << "no " << python;
  std::string out;
  ASSERT_EQ(run(python + " " + quote(script) + " " + quote(demo().dir + "/report.html"), &out), 0) << out;
  EXPECT_EQ(out, "report.xlsx zoneperf\n");
}

/// The PNG's width and height from its IHDR chunk (0, 0 when it is not a PNG).
std::pair<unsigned, unsigned> png_size(const std::string& bytes) {
  if (bytes.size() < 24 || bytes.compare(1, 3, "PNG") != 0) return {0, 0};
  auto be = [&](std::size_t i) {
    return (unsigned(static_cast<unsigned char>(bytes[i])) << 24) |
           (unsigned(static_cast<unsigned char>(bytes[i + 1])) << 16) |
           (unsigned(static_cast<unsigned char>(bytes[i + 2])) << 8) |
           unsigned(static_cast<unsigned char>(bytes[i + 3]));
  };
  return {be(16), be(20)};
}

TEST(slow_chromium_test, headless_chromium_renders_the_demo_report_without_console_errors) {
  const std::string chromium = find_program("chromium");
  if (chromium.empty())
    GTEST_SKIP() << "chromium is not installed (scripts/setup.sh test installs it): not rendered";
  const auto& d = demo();
  const std::string dir = test::temp_dir("chromium");
  test::write(dir + "/report.html", report_html(report_data::parse(d.inputs)));
  const std::string png = dir + "/report.png";
  std::string out;
  const int rc = run("timeout 120 " + quote(chromium) +
                         " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
                         " --disable-background-networking --disable-component-update --disable-sync"
                         " --enable-logging=stderr --v=0 --user-data-dir=" +
                         quote(dir + "/profile") + " --window-size=1280,2400 --screenshot=" + quote(png) +
                         " " + quote("file://" + dir + "/report.html"),
                     &out);
  ASSERT_EQ(rc, 0) << out;
  // Console messages are logged as CONSOLE lines; a script or resource error would show there.
  EXPECT_EQ(out.find("Uncaught"), std::string::npos) << out;
  EXPECT_FALSE(std::regex_search(out, std::regex(":CONSOLE\\(|console\\.error|Failed to load resource")))
      << out;
  const std::string bytes = read_text_file(png);
  const auto [w, h] = png_size(bytes);
  EXPECT_EQ(w, 1280u);
  EXPECT_EQ(h, 2400u);
  EXPECT_GT(bytes.size(), 50u * 1024) << "a near-empty page";
  EXPECT_LT(bytes.size(), 20u * 1024 * 1024);
}

}  // namespace
}  // namespace zoneperf
