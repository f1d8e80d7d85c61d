// The demo's page, with the sections over periods, as a browser lays it out and prints it: boxes that
// stay inside their containers at 1400 px, and report.pdf from `--pdf` on A4 and Letter (page size,
// page count, a page per section, the title and the page number on every page).
// Without a browser, `--pdf` fails with exit status 3 after writing the other files.
#include <gtest/gtest.h>

#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "support.hpp"
#include "zoneperf/text/file.hpp"

namespace zoneperf {
namespace {
using test::demo;
using test::find_program;
using test::quote;
using test::run;

const std::string cli = ZONEPERF_CLI;

// Measures, in the browser, every box a reader sees whole: cards, charts, figures, tables, SVG
// drawings and the scrolling boxes of wide tables, against the page and against their container. A
// box inside a scrolling (or clipping) box scrolls inside it: that box is measured instead. Writes
// "OK n" (n boxes measured) and "id:k" for each section (k of them in it), or the problems, into
// <pre id="layout-verdict">.
const char* checker = R"JS(
<script>
(function () {
  const problems = [];
  const vw = document.documentElement.clientWidth;
  const eps = 1;
  const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
      (e.className && typeof e.className === 'string' ? '.' + e.className.trim().replace(/\s+/g, '.') : '');
  const clipped = (e) => {
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
    }
    return false;
  };
  const boxes = document.querySelectorAll('.card, .chart, .figure, .wide, table, svg');
  let n = 0;
  const per_section = {};
  for (const e of boxes) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;  // not shown (a closed <details>)
    n++;
    const s = e.closest('section[id]');
    if (s) per_section[s.id] = (per_section[s.id] || 0) + 1;
    if (clipped(e)) continue;  // it scrolls inside its box, which is measured itself
    if (r.left < -eps || r.right > vw + eps)
      problems.push(name(e) + ' crosses the page: ' + Math.round(r.left) + '..' + Math.round(r.right) + ' of ' + vw);
    const p = e.parentElement.getBoundingClientRect();
    if (r.left < p.left - eps || r.right > p.right + eps)
      problems.push(name(e) + ' crosses its container ' + name(e.parentElement) + ': ' + Math.round(r.left) +
                    '..' + Math.round(r.right) + ' in ' + Math.round(p.left) + '..' + Math.round(p.right));
  }
  // Cards and figures side by side never cover each other.
  for (const sel of ['.card', '.figure']) {
    const list = Array.from(document.querySelectorAll(sel)).map((e) => [e, e.getBoundingClientRect()]);
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i][1], b = list[j][1];
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > eps && h > eps) problems.push(name(list[i][0]) + ' ' + i + ' and ' + j + ' overlap');
      }
  }
  const pre = document.createElement('pre');
  pre.id = 'layout-verdict';
  pre.textContent = problems.length ? problems.join('\n')
                                    : 'OK ' + n + Object.keys(per_section).map((k) => ' ' + k + ':' + per_section[k]).join('');
  document.body.appendChild(pre);
})();
</script>
)JS";

std::string chromium_flags(const std::string& profile) {
  return " --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking"
         " --disable-component-update --disable-sync --user-data-dir=" +
         quote(profile);
}

TEST(slow_print_test, at_1400_px_no_card_chart_or_table_crosses_its_container_or_the_page) {
  const std::string chromium = find_program("chromium");
  if (chromium.empty())
    GTEST_SKIP() << "chromium is not installed (scripts/setup.sh test installs it): layout not checked";
  const std::string dir = test::temp_dir("layout");
  std::string page = read_text_file(demo().dir + "/report.html");
  const std::size_t end = page.rfind("</body>");
  ASSERT_NE(end, std::string::npos);
  page.insert(end, checker);  // the report itself stays script-free: only this copy runs one
  test::write(dir + "/page.html", page);
  std::string out;
  const int rc =
      run("timeout 120 " + quote(chromium) + chromium_flags(dir + "/profile") +
              " --window-size=1400,1000 --dump-dom " + quote("file://" + dir + "/page.html") + " 2>/dev/null",
          &out);
  ASSERT_EQ(rc, 0) << out.substr(0, 2000);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(out, m, std::regex("<pre id=\"layout-verdict\">([^<]*)</pre>")))
      << "no verdict in the DOM: " << out.substr(0, 2000);
  const std::string verdict = m[1];
  EXPECT_EQ(verdict.rfind("OK ", 0), 0u) << verdict;
  // Every unit has a card and the page has tables and charts: the check saw more than a handful.
  if (verdict.rfind("OK ", 0) == 0) EXPECT_GT(std::stoi(verdict.substr(3)), 10) << verdict;
  // The demo's page has the sections over periods (the series' trend charts, the year of faces, the
  // class migration), and the check measured boxes in each.
  for (const char* id : {"scorecard", "leaves", "trend", "faces_year", "migration"})
    EXPECT_TRUE(std::regex_search(verdict, std::regex(std::string(" ") + id + ":[1-9]")))
        << id << ": " << verdict;
}

struct pdf_facts {
  int pages = 0;
  std::string size;                               // pdfinfo's "Page size:" value
  std::string text;                               // pdftotext -layout
  std::vector<std::vector<std::string>> by_page;  // the text's lines that are not blank, page by page
  std::vector<std::string> headings;              // each section's heading, up to its first " · "
};

std::string trimmed(const std::string& s) {
  const auto b = s.find_first_not_of(' ');
  return b == std::string::npos ? "" : s.substr(b, s.find_last_not_of(' ') + 1 - b);
}

pdf_facts print_demo(const std::string& paper) {
  const std::string dir = test::temp_dir("pdf-" + paper);
  std::string out;
  const int rc = run(quote(cli) + " demo --out " + quote(dir) + " --pdf --paper " + paper, &out);
  EXPECT_EQ(rc, 0) << out;
  EXPECT_NE(out.find(dir + "/report.pdf"), std::string::npos) << out;
  pdf_facts f;
  std::string info;
  EXPECT_EQ(run("pdfinfo " + quote(dir + "/report.pdf"), &info), 0) << info;
  std::smatch m;
  if (std::regex_search(info, m, std::regex("Pages:\\s+(\\d+)"))) f.pages = std::stoi(m[1]);
  if (std::regex_search(info, m, std::regex("Page size:\\s+([^\\n]+)"))) f.size = m[1];
  EXPECT_EQ(run("pdftotext -layout " + quote(dir + "/report.pdf") + " " + quote(dir + "/report.txt"), &out),
            0);
  f.text = read_text_file(dir + "/report.txt");
  std::istringstream pages(f.text);  // pdftotext ends each page with a form feed
  for (std::string page; std::getline(pages, page, '\f');) {
    std::istringstream lines(page);
    f.by_page.emplace_back();
    for (std::string line; std::getline(lines, line);)
      if (!trimmed(line).empty()) f.by_page.back().push_back(trimmed(line));
  }
  if (!f.by_page.empty() && f.by_page.back().empty()) f.by_page.pop_back();
  EXPECT_EQ(static_cast<int>(f.by_page.size()), f.pages);
  // The page count's range: every section starts a page (the print stylesheet's page breaks), so at
  // least one page per section; the demo's longest sections (every leaf explained, the enterprise
  // table) take a few pages each, never more than four pages per section on average.
  const std::string html = read_text_file(dir + "/report.html");
  std::size_t sections = 0;
  for (std::size_t at = html.find("<section"); at != std::string::npos; at = html.find("<section", at + 1))
    ++sections;
  EXPECT_GE(sections, 5u);
  const std::regex heading("<section id=\"[^\"]+\"><h2>([^<]*)");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), heading); it != std::sregex_iterator();
       ++it) {
    const std::string h = (*it)[1];
    f.headings.push_back(trimmed(h.substr(0, h.find(" · "))));
  }
  EXPECT_EQ(f.headings.size(), sections);
  // The demo prints the sections over periods: the series' trend, the year of faces, the migration.
  for (const char* id : {"id=\"trend\"", "id=\"faces_year\"", "id=\"migration\""})
    EXPECT_NE(html.find(id), std::string::npos) << id;
  EXPECT_GE(f.pages, static_cast<int>(sections)) << paper;
  EXPECT_LE(f.pages, static_cast<int>(4 * sections)) << paper;
  return f;
}

void expect_title_and_page_numbers(const pdf_facts& f) {
  // Page k opens with the title and ends with "k / N".
  const std::string n = std::to_string(f.pages);
  for (std::size_t k = 0; k < f.by_page.size(); ++k) {
    const auto& lines = f.by_page[k];
    ASSERT_GE(lines.size(), 2u) << "page " << k + 1;
    EXPECT_EQ(lines.front(), "聊城高新区 · 双招双引绩效报告") << "page " << k + 1;
    EXPECT_EQ(lines.back(), std::to_string(k + 1) + " / " + n) << "page " << k + 1;
  }
}

// Every section but the first (which follows the report's own heading) starts a page: its heading is
// the first line under the title, and the sections come in the page's order.
void expect_each_section_starts_a_page(const pdf_facts& f) {
  std::size_t page = 0;
  for (std::size_t s = 1; s < f.headings.size(); ++s) {
    while (page < f.by_page.size() &&
           !(f.by_page[page].size() > 1 && f.by_page[page][1].rfind(f.headings[s], 0) == 0))
      ++page;
    EXPECT_LT(page, f.by_page.size()) << "no page starts with section " << s << ", " << f.headings[s];
    ++page;
  }
}

void expect_size(const pdf_facts& f, double width, double height) {
  std::smatch m;
  ASSERT_TRUE(std::regex_search(f.size, m, std::regex("([0-9.]+) x ([0-9.]+) pts"))) << f.size;
  EXPECT_NEAR(std::stod(m[1]), width, 1.0) << f.size;
  EXPECT_NEAR(std::stod(m[2]), height, 1.0) << f.size;
}

bool have_print_tools(std::string& why) {
  if (find_program("chromium").empty() && find_program("chromium-browser").empty() &&
      find_program("google-chrome").empty())
    why = "chromium is not installed (scripts/setup.sh test installs it): not printed";
  else if (find_program("pdfinfo").empty() || find_program("pdftotext").empty())
    why = "pdfinfo/pdftotext are not installed (poppler-utils; scripts/setup.sh test installs it)";
  return why.empty();
}

TEST(slow_print_test, pdf_on_a4_has_a4_pages_the_title_and_page_numbers) {
  std::string why;
  if (!have_print_tools(why)) GTEST_SKIP() << why;
  const pdf_facts f = print_demo("a4");
  // A4 is 210 x 297 mm = 595.28 x 841.89 pt (Chromium rounds to its own units: within 1 pt).
  expect_size(f, 210 / 25.4 * 72, 297 / 25.4 * 72);
  expect_title_and_page_numbers(f);
  expect_each_section_starts_a_page(f);
}

TEST(slow_print_test, pdf_on_letter_has_letter_pages_the_title_and_page_numbers) {
  std::string why;
  if (!have_print_tools(why)) GTEST_SKIP() << why;
  const pdf_facts f = print_demo("letter");
  // Letter is 8.5 x 11 in = 612 x 792 pt.
  expect_size(f, 8.5 * 72, 11 * 72);
  expect_title_and_page_numbers(f);
  expect_each_section_starts_a_page(f);
}

// Without a browser (none of them on PATH, or ZONEPERF_CHROMIUM naming nothing), with one that
// fails, writes nothing or hangs: exit status 3, one line naming the problem, the other files
// written, no report.pdf and no temporary left.
struct pdf_failure {
  int status;
  std::string out, dir;
};
pdf_failure report_pdf_with(const std::string& env, const std::string& name) {
  pdf_failure f;
  f.dir = test::temp_dir("nopdf-" + name);
  const auto& d = demo();
  f.status = run(env + " " + quote(cli) + " report --scorecard " + quote(d.dir + "/scorecard.json") +
                     " --out " + quote(f.dir) + " --pdf",
                 &f.out);
  return f;
}

void expect_other_files_and_no_pdf(const pdf_failure& f) {
  EXPECT_EQ(f.status, 3) << f.out;
  EXPECT_TRUE(std::filesystem::exists(f.dir + "/report.html"));
  EXPECT_TRUE(std::filesystem::exists(f.dir + "/report.xlsx"));
  EXPECT_TRUE(std::filesystem::exists(f.dir + "/report_scorecard.csv"));
  for (const auto& e : std::filesystem::directory_iterator(f.dir))
    EXPECT_EQ(e.path().filename().string().rfind("report.pdf", 0), std::string::npos) << e.path();
  const std::size_t err = f.out.find("zoneperf: [zoneperf.io.40");
  ASSERT_NE(err, std::string::npos) << f.out;
  EXPECT_EQ(f.out.find('\n', err), f.out.size() - 1) << "one line, the last: " << f.out;
}

TEST(report_pdf_test, without_a_browser_on_path_it_says_what_to_install_and_exits_3) {
  const auto f = report_pdf_with("env -u ZONEPERF_CHROMIUM PATH=/nonexistent", "path");
  expect_other_files_and_no_pdf(f);
  EXPECT_NE(f.out.find("[zoneperf.io.404]"), std::string::npos) << f.out;
  EXPECT_NE(f.out.find("apt-get install chromium"), std::string::npos) << f.out;
  EXPECT_NE(f.out.find("ZONEPERF_CHROMIUM"), std::string::npos) << f.out;
}

TEST(report_pdf_test, zoneperf_chromium_naming_no_program_exits_3) {
  const auto f = report_pdf_with("ZONEPERF_CHROMIUM=/nonexistent/chromium", "env");
  expect_other_files_and_no_pdf(f);
  EXPECT_NE(f.out.find("[zoneperf.io.404]"), std::string::npos) << f.out;
  EXPECT_NE(f.out.find("/nonexistent/chromium"), std::string::npos) << f.out;
}

TEST(report_pdf_test, a_browser_that_fails_or_writes_no_pdf_exits_3) {
  const auto fails = report_pdf_with("ZONEPERF_CHROMIUM=/bin/false", "false");
  expect_other_files_and_no_pdf(fails);
  EXPECT_NE(fails.out.find("[zoneperf.io.405]"), std::string::npos) << fails.out;
  EXPECT_NE(fails.out.find("exit status 1"), std::string::npos) << fails.out;
  const auto nothing = report_pdf_with("ZONEPERF_CHROMIUM=/bin/true", "true");
  expect_other_files_and_no_pdf(nothing);
  EXPECT_NE(nothing.out.find("wrote no PDF"), std::string::npos) << nothing.out;
}

TEST(report_pdf_test, a_browser_that_hangs_is_stopped_after_the_timeout) {
  const std::string dir = test::temp_dir("hang");
  const std::string fake = dir + "/hang.sh";
  test::write(fake, "#!/bin/sh\nsleep 300 &\nsleep 300\n");
  std::filesystem::permissions(fake, std::filesystem::perms::owner_all);
  const auto f = report_pdf_with("ZONEPERF_PDF_TIMEOUT=1 ZONEPERF_CHROMIUM=" + quote(fake), "hang");
  expect_other_files_and_no_pdf(f);
  EXPECT_NE(f.out.find("[zoneperf.io.405]"), std::string::npos) << f.out;
  EXPECT_NE(f.out.find("did not finish printing within 1 s"), std::string::npos) << f.out;
}

TEST(report_pdf_test, a_bad_paper_is_a_usage_error) {
  const auto& d = demo();
  std::string out;
  EXPECT_EQ(run(quote(cli) + " report --scorecard " + quote(d.dir + "/scorecard.json") + " --out " +
                    quote(test::temp_dir("paper")) + " --pdf --paper a3",
                &out),
            2)
      << out;
  EXPECT_NE(out.find("--paper"), std::string::npos) << out;
}

}  // namespace
}  // namespace zoneperf
