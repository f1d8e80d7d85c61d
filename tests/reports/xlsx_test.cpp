// The auditor's workbook: live formulas whose recomputation by LibreOffice gives the library's values.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "support.hpp"
#include "zoneperf/io/report.hpp"
#include "zoneperf/io/reports.hpp"

namespace zoneperf {
namespace {
using test::demo;
using test::find_program;
using test::quote;
using test::run;

enum class recalc { forced, as_configured };

/// Opens the workbook in LibreOffice headless (one soffice run, a private profile) and returns every
/// sheet as CSV (full precision, not as shown). With recalc::forced the profile sets "recalculate on
/// load: always" for Excel files (Calc's OOXMLRecalcMode = 0), so every formula is computed from its
/// inputs; LibreOffice's default keeps the cached values.
std::map<std::string, cell_table> libreoffice_sheets(const std::string& xlsx,
                                                     const std::vector<std::string>& sheets, recalc mode,
                                                     const std::string& work) {
  const std::string profile = work + "/lo-profile";
  std::filesystem::create_directories(profile + "/user");
  if (mode == recalc::forced)
    test::write(
        profile + "/user/registrymodifications.xcu",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<oor:items xmlns:oor=\"http://openoffice.org/2001/registry\" "
        "xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
        "<item oor:path=\"/org.openoffice.Office.Calc/Formula/Load\"><prop oor:name=\"OOXMLRecalcMode\" "
        "oor:op=\"fuse\"><value>0</value></prop></item>\n</oor:items>\n");
  const std::string out_dir = work + "/csv";
  // Filter options: comma, double quote, UTF-8, from line 1, ..., not "as shown", every sheet (-1).
  const std::string filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";
  std::string log;
  const int rc = run("timeout 300 soffice -env:UserInstallation=file://" + profile +
                         " --headless --norestore --convert-to " + quote(filter) + " --outdir " +
                         quote(out_dir) + " " + quote(xlsx),
                     &log);
  if (rc != 0) throw std::runtime_error("soffice failed:\n" + log);
  std::map<std::string, cell_table> result;
  const std::string stem = std::filesystem::path(xlsx).stem().string();
  for (const auto& s : sheets) result.emplace(s, read_csv_file(out_dir + "/" + stem + "-" + s + ".csv"));
  return result;
}

/// Every formula cell whose recomputed value differs from the library's, as "sheet!B7: ..." lines.
std::vector<std::string> check(const workbook_manifest& manifest,
                               const std::map<std::string, cell_table>& sheets) {
  std::vector<std::string> bad;
  for (const auto& f : manifest.formulas) {
    const std::string where = f.sheet + "!" + f.cell() + " =" + f.formula;
    const cell_table& t = sheets.at(f.sheet);
    const std::size_t r = static_cast<std::size_t>(f.row - 1);  // the CSV header is row 0 (the labels)
    if (f.row < 1 || r >= t.rows() || static_cast<std::size_t>(f.col) >= t.columns()) {
      bad.push_back(where + ": no such cell in the recomputed sheet");
      continue;
    }
    const std::string got(t.cell(r, static_cast<std::size_t>(f.col)));
    if (f.is_text) {
      if (got != f.text) bad.push_back(where + ": recomputed \"" + got + "\", library \"" + f.text + "\"");
      continue;
    }
    // A percentage-formatted cell comes out as "111.111111111111%" even with "as shown" off: the
    // digits are still the full value, times 100.
    const bool percent = !got.empty() && got.back() == '%';
    const std::string digits = percent ? got.substr(0, got.size() - 1) : got;
    char* end = nullptr;
    const double v = std::strtod(digits.c_str(), &end) / (percent ? 100 : 1);
    const bool parsed = !digits.empty() && end && *end == '\0';
    // LibreOffice writes 15 significant digits: allow that, plus the cell's own decimal tolerance.
    const double allowed = f.tolerance + 1e-12 * std::max(1.0, std::fabs(f.number));
    if (!parsed || !(std::fabs(v - f.number) <= allowed))
      bad.push_back(where + ": recomputed " + (parsed ? shortest(v) : "\"" + got + "\"") + ", library " +
                    shortest(f.number));
  }
  return bad;
}

std::string lines(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += x + "\n";
  return s;
}

const workbook_formula* find_formula(const workbook_manifest& m, const std::string& sheet,
                                     const std::string& cell) {
  for (const auto& f : m.formulas)
    if (f.sheet == sheet && f.cell() == cell) return &f;
  return nullptr;
}

report_data english() {
  report_inputs in = demo().inputs;
  in.lang = report_lang::en;
  return report_data::parse(in);
}

TEST(workbook_test, derived_cells_are_formulas_over_the_inputs_on_their_row) {
  const std::string dir = test::temp_dir("xlsx-formulas");
  const auto m = write_report_workbook(english(), dir + "/report.xlsx");
  EXPECT_EQ(m.sheets,
            (std::vector<std::string>{"scorecard", "leaves", "pay_people", "pay_task_forces",
                                      "pay_reconciliation", "land_enterprises", "land_classes", "faces"}));
  // leaves: row 3, the first under the two header rows (labels, ids), is 新材料新能源's intent_projects
  // (completion, cap 1.2): H actual, I target, J cap, M max.
  const auto* ratio = find_formula(m, "leaves", "K3");
  const auto* fraction = find_formula(m, "leaves", "L3");
  const auto* points = find_formula(m, "leaves", "N3");
  ASSERT_TRUE(ratio && fraction && points);
  EXPECT_EQ(ratio->formula, "H3/I3");
  EXPECT_EQ(fraction->formula, "MIN(MAX(K3,0),J3)");
  EXPECT_EQ(points->formula, "L3*M3");
  // key_project_start_rate, banded (≥1 → 1, ≥0.8 → 0.75, ≥0.5 → 0.5, else 0): row 7.
  EXPECT_EQ(find_formula(m, "leaves", "L7")->formula, "IF(K7>=1,1,IF(K7>=0.8,0.75,IF(K7>=0.5,0.5,0)))");
  // service_satisfaction, goalposts 60–100: row 17.
  EXPECT_EQ(find_formula(m, "leaves", "L17")->formula, "MIN(MAX((H17-60)/(100-60),0),1)");
  // major_projects, bonus 4 per project, max 8: row 20.
  EXPECT_EQ(find_formula(m, "leaves", "L20")->formula, "4*H20");
  EXPECT_EQ(find_formula(m, "leaves", "N20")->formula, "MIN(L20,M20)");
  // scorecard: group sums of the unit's leaves, total with bonus, penalty and veto, rank and grade.
  EXPECT_EQ(find_formula(m, "scorecard", "B3")->formula, "SUM(leaves!N3:N5)");
  EXPECT_EQ(find_formula(m, "scorecard", "K3")->formula, "IF(J3>0,0,MAX(0,SUM(B3:G3)+H3-I3))");
  EXPECT_EQ(find_formula(m, "scorecard", "L3")->formula, "RANK(K3,$K$3:$K$6,0)");
  EXPECT_EQ(find_formula(m, "scorecard", "M3")->formula,
            "IF(J3>0,\"不合格\",IF(K3>=90,\"优秀\",IF(K3>=80,\"良好\",IF(K3>=60,\"合格\",IF(K3>=0,\"不合格\","
            "\"\")))))");
  // pay: share = baseline × the three coefficients; pay = min(max(λ·s, floor), cap); the pool.
  EXPECT_EQ(find_formula(m, "pay_people", "L3")->formula, "F3*I3*J3*K3");
  EXPECT_EQ(find_formula(m, "pay_people", "P3")->formula, "MIN(MAX(M3*L3,N3),O3)");
  EXPECT_EQ(find_formula(m, "pay_reconciliation", "B5")->formula, "ROUND(B4*B3,2)");
  // Every unit: 3 formulas per completion leaf ... and 12 in its scorecard row.
  std::size_t scorecard = 0;
  for (const auto& f : m.formulas) scorecard += f.sheet == "scorecard";
  EXPECT_EQ(scorecard, 4u * 12u);
}

TEST(workbook_test, chinese_sheet_names_are_quoted_in_formulas_and_the_formulas_are_the_same) {
  const std::string dir = test::temp_dir("xlsx-zh");
  const auto zh = write_report_workbook(report_data::parse(demo().inputs), dir + "/zh.xlsx");
  const auto en = write_report_workbook(english(), dir + "/en.xlsx");
  EXPECT_EQ(zh.sheets, (std::vector<std::string>{"计分总表", "逐项得分", "每人绩效", "专班绩效", "绩效核对",
                                                 "亩均企业", "亩均分类", "月度督查"}));
  EXPECT_EQ(find_formula(zh, "计分总表", "B3")->formula, "SUM('逐项得分'!N3:N5)");
  EXPECT_EQ(find_formula(zh, "计分总表", "J3")->formula, "MAX('逐项得分'!P3:P22)");
  ASSERT_EQ(zh.formulas.size(), en.formulas.size());
  // The same formulas and cached values in both languages, up to the sheet names.
  for (std::size_t i = 0; i < zh.formulas.size(); ++i) {
    std::string f = zh.formulas[i].formula;
    for (auto [a, b] : {std::pair<std::string, std::string>{"'逐项得分'!", "leaves!"},
                        {"'每人绩效'!", "pay_people!"},
                        {"'亩均企业'!", "land_enterprises!"}})
      for (auto at = f.find(a); at != std::string::npos; at = f.find(a)) f.replace(at, a.size(), b);
    EXPECT_EQ(f, en.formulas[i].formula);
    EXPECT_EQ(zh.formulas[i].number, en.formulas[i].number);
    EXPECT_EQ(zh.formulas[i].text, en.formulas[i].text);
  }
}

TEST(workbook_test, caches_the_library_values_or_zeros_on_request) {
  const std::string dir = test::temp_dir("xlsx-cache");
  const auto data = report_data::parse(demo().inputs);
  const auto m = write_report_workbook(data, dir + "/a.xlsx");
  const auto z = write_report_workbook(data, dir + "/z.xlsx", {cached_values::zero});
  ASSERT_EQ(m.formulas.size(), z.formulas.size());
  // The manifest always holds the library's values: 新材料新能源's total is 112.28888888888889.
  EXPECT_EQ(find_formula(z, "计分总表", "K3")->number, 112.28888888888889);
  EXPECT_NE(read_text_file(dir + "/a.xlsx"), read_text_file(dir + "/z.xlsx"));
}

TEST(workbook_test, an_unwritable_path_is_error_402) {
  try {
    write_report_workbook(report_data::parse(demo().inputs), "/nonexistent-dir/x/report.xlsx");
    FAIL() << "no error";
  } catch (const error& e) {
    EXPECT_EQ(e.code(), 402);
    EXPECT_STREQ(e.what(),
                 "[zoneperf.io.402] /nonexistent-dir/x/report.xlsx: cannot write: No such file or directory");
  }
}

class slow_libreoffice_test : public ::testing::Test {
 protected:
  void SetUp() override {
    if (find_program("soffice").empty())
      GTEST_SKIP()
          << "soffice is not installed (Debian libreoffice-calc; scripts/setup.sh test installs it): "
             "the workbook's formulas were not recomputed";
  }
};

TEST_F(slow_libreoffice_test, recomputes_every_formula_of_a_zeroed_copy_to_the_library_values) {
  const std::string dir = test::temp_dir("lo-recalc");
  const auto m =
      write_report_workbook(report_data::parse(demo().inputs), dir + "/zeroed.xlsx", {cached_values::zero});
  const auto sheets = libreoffice_sheets(dir + "/zeroed.xlsx", m.sheets, recalc::forced, dir);
  EXPECT_EQ(lines(check(m, sheets)), "");
  EXPECT_GT(m.formulas.size(), 400u);
  // And the recomputed value really is there (not a cached one): 新材料新能源's total.
  EXPECT_EQ(sheets.at("计分总表").cell(1, 10), "112.288888888889");
}

TEST_F(slow_libreoffice_test, recomputes_the_period_sheets_changes_tallies_and_matrix_totals) {
  // The series (Δ score, Δ rank), the year of faces (😊 / 😢 tallies) and the migration (row and
  // column sums), zeroed and recomputed by LibreOffice to the library's values.
  const std::string dir = test::temp_dir("lo-periods");
  report_inputs in;
  in.scorecard = demo().inputs.scorecard;
  in.series = demo().series;
  in.faces = demo().faces;
  in.migration = demo().migration;
  const auto m = write_report_workbook(report_data::parse(in), dir + "/zeroed.xlsx", {cached_values::zero});
  const auto sheets = libreoffice_sheets(dir + "/zeroed.xlsx", m.sheets, recalc::forced, dir);
  EXPECT_EQ(lines(check(m, sheets)), "");
  std::size_t periods = 0;
  for (const auto& f : m.formulas)
    periods += f.sheet == "各期走势" || f.sheet == "全年督查" || f.sheet == "分类变动";
  EXPECT_EQ(periods, 4u * 11u * 2u + 4u * 2u + 6u + 7u);  // Δ score and Δ rank; tallies; row and column sums
  // 信息技术's 😊 of 2020, recomputed: 3 (the README's grid).
  EXPECT_EQ(sheets.at("全年督查").cell(4, 13), "3");
}

TEST_F(slow_libreoffice_test, without_forced_recalculation_the_zeroed_cache_shows_so_the_check_fails) {
  // Proves that the zeroed cache is what LibreOffice shows unless told to recompute, so the test
  // above checks recomputed formulas and not values we cached.
  const std::string dir = test::temp_dir("lo-cached");
  const auto m =
      write_report_workbook(report_data::parse(demo().inputs), dir + "/zeroed.xlsx", {cached_values::zero});
  const auto sheets = libreoffice_sheets(dir + "/zeroed.xlsx", m.sheets, recalc::as_configured, dir);
  EXPECT_EQ(sheets.at("计分总表").cell(1, 10), "0");
  EXPECT_GT(check(m, sheets).size(), m.formulas.size() / 2);
}

TEST_F(slow_libreoffice_test, a_broken_formula_fails_the_check_at_that_cell_and_its_dependents) {
  if (find_program("/usr/bin/python3").empty()) GTEST_SKIP() << "no /usr/bin/python3 to edit the workbook";
  const std::string dir = test::temp_dir("lo-broken");
  const auto m = write_report_workbook(english(), dir + "/report.xlsx", {cached_values::zero});
  // Break 新材料新能源's intent_projects points (leaves!N3 = L3*M3) into L3*M3+1 inside the file.
  const std::string script =
      "import sys, zipfile\n"
      "src, dst = sys.argv[1], sys.argv[2]\n"
      "zin = zipfile.ZipFile(src); zout = zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED)\n"
      "for i in zin.infolist():\n"
      "    d = zin.read(i.filename)\n"
      "    if i.filename == 'xl/worksheets/sheet2.xml':\n"
      "        s = d.decode(); n = s.count('<f>L3*M3</f>'); assert n == 1, n\n"
      "        d = s.replace('<f>L3*M3</f>', '<f>L3*M3+1</f>').encode()\n"
      "    zout.writestr(i, d)\n"
      "zout.close()\n";
  test::write(dir + "/break.py", script);
  std::string out;
  ASSERT_EQ(run("/usr/bin/python3 " + quote(dir + "/break.py") + " " + quote(dir + "/report.xlsx") + " " +
                    quote(dir + "/broken.xlsx"),
                &out),
            0)
      << out;
  const auto sheets = libreoffice_sheets(dir + "/broken.xlsx", m.sheets, recalc::forced, dir);
  EXPECT_EQ(lines(check(m, sheets)),
            "scorecard!B3 =SUM(leaves!N3:N5): recomputed 28.6888888888889, library 27.68888888888889\n"
            "scorecard!K3 =IF(J3>0,0,MAX(0,SUM(B3:G3)+H3-I3)): recomputed 113.288888888889, library "
            "112.28888888888889\n"
            "leaves!N3 =L3*M3: recomputed 9, library 8\n");
}

}  // namespace
}  // namespace zoneperf
