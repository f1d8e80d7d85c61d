// The command-line tool: exit codes, error messages, and the demo's figures recomputed from the samples.
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "../support/test_support.hpp"
#include "zoneperf/assess.hpp"
#include "zoneperf/io/report.hpp"
#include "zoneperf/io/tables.hpp"
#include "zoneperf/presets.hpp"
#include "zoneperf/text/csv.hpp"
#include "zoneperf/text/file.hpp"
#include "zoneperf/text/number.hpp"

using namespace zoneperf;

namespace {
using zoneperf::test_support::run;

using zoneperf::test_support::write_temp;

const std::string samples = std::string(ZONEPERF_SOURCE_DIR) + "/samples/task-force/";
}  // namespace

TEST(cli_test, demo_prints_every_figure_the_library_computes_from_the_sample_files) {
  const auto r = run("demo --out " + testing::TempDir() + "demo");
  ASSERT_EQ(r.status, 0) << r.out;
  // Recompute from the sample files on disk (not the embedded copies) and find each figure in the output.
  const auto tree = load_preset("task-force");
  const auto v = read_values_file(tree, samples + "values.csv");
  const auto t = read_targets_file(tree, v.units, samples + "targets.csv");
  const auto tv = t.view();
  const auto res = assess(tree, v.values, &tv);
  for (std::ptrdiff_t u = 0; u < res.units(); ++u) {
    std::string line = v.units[static_cast<std::size_t>(u)];
    const auto pos = r.out.find("\n" + line + " ");
    ASSERT_NE(pos, std::string::npos) << line;
    const std::string row = r.out.substr(pos + 1, r.out.find('\n', pos + 1) - pos - 1);
    for (int g : tree.groups())
      EXPECT_NE(row.find(fixed(res.score(u, static_cast<std::size_t>(g)))), std::string::npos) << row;
    EXPECT_NE(row.find(fixed(res.total(u))), std::string::npos) << row;
    EXPECT_NE(row.find(tree.grades()[static_cast<std::size_t>(res.grade(u))].label), std::string::npos)
        << row;
  }
  // The JSON report it wrote holds the same totals, bit for bit.
  std::ifstream in(testing::TempDir() + "demo/scorecard.json");
  const auto doc = nlohmann::json::parse(in);
  for (std::ptrdiff_t u = 0; u < res.units(); ++u) {
    EXPECT_EQ(doc["units"][u]["total"].get<double>(), res.total(u));
    EXPECT_EQ(doc["units"][u]["id"], v.units[static_cast<std::size_t>(u)]);
  }
}

TEST(cli_test, demo_shows_julys_year_to_date_the_years_trend_faces_and_the_class_migration) {
  const std::string dir = testing::TempDir() + "demo-periods";
  const auto r = run("demo --out " + dir);
  ASSERT_EQ(r.status, 0) << r.out;
  for (const char* s : {"2020-07 · year to date", "2020 · the year's trend", "2020 · 三个十 faces by month",
                        "class migration 2019 → 2020", "up 3, down 5, same 18, entered 3, left 2, exempt 4",
                        "report_series.csv", "report_faces_year.csv", "report_migration.csv"})
    EXPECT_NE(r.out.find(s), std::string::npos) << s;
  const auto tree = load_preset("task-force");
  const auto series = nlohmann::json::parse(std::ifstream(dir + "/series.json"));
  ASSERT_EQ(series["periods"].size(), 12u);
  // December's cumulative table against t_p = (t × 12) / 12 is the year's scorecard: the same totals
  // as assessing values.csv against the annual targets.
  const auto v = read_values_file(tree, samples + "values.csv");
  const auto t = read_targets_file(tree, v.units, samples + "targets.csv");
  const auto tv = t.view();
  const auto year = assess(tree, v.values, &tv);
  // July's year-to-date totals, as `assess --as-of 2020-07 --cumulative` gives them.
  const auto july = run("assess --preset task-force --values " + samples + "2020/2020-07.csv --targets " +
                        samples + "targets.csv --as-of 2020-07 --cumulative --format json");
  ASSERT_EQ(july.status, 0) << july.out;
  const auto jdoc = nlohmann::json::parse(july.out);
  std::size_t december = 0, july_rows = 0;
  for (const auto& row : series["rows"]) {
    const std::string unit = row["unit"];
    const auto u =
        static_cast<std::size_t>(std::find(v.units.begin(), v.units.end(), unit) - v.units.begin());
    ASSERT_LT(u, v.units.size()) << unit;
    if (row["period"] == "2020-12") {
      EXPECT_NEAR(row["total"].get<double>(), year.total(static_cast<std::ptrdiff_t>(u)), 1e-9) << unit;
      ++december;
    }
    if (row["period"] == "2020-07") {
      EXPECT_EQ(row["total"].get<double>(), jdoc["units"][u]["total"].get<double>()) << unit;
      // The demo's year-to-date table prints it on the unit's line.
      const auto at = r.out.find("\n" + unit + " ", r.out.find("2020-07 · year to date"));
      ASSERT_NE(at, std::string::npos) << unit;
      const std::string line = r.out.substr(at + 1, r.out.find('\n', at + 1) - at - 1);
      EXPECT_NE(line.find(" " + fixed(row["total"].get<double>(), 2) + " "), std::string::npos) << line;
      ++july_rows;
    }
  }
  EXPECT_EQ(december, 4u);
  EXPECT_EQ(july_rows, 4u);
  // The page holds the new sections.
  const std::string html = read_text_file(dir + "/report.html");
  for (const char* s : {"id=\"trend\"", "id=\"faces_year\"", "id=\"migration\""})
    EXPECT_NE(html.find(s), std::string::npos) << s;
}

TEST(cli_test, assess_writes_json_that_reads_back_to_the_same_doubles) {
  const auto r = run("assess --preset task-force --values " + samples + "values.csv --targets " + samples +
                     "targets.csv --format json --explain 高端装备");
  ASSERT_EQ(r.status, 0) << r.out;
  const auto doc = nlohmann::json::parse(r.out);
  const auto tree = load_preset("task-force");
  const auto v = read_values_file(tree, samples + "values.csv");
  const auto t = read_targets_file(tree, v.units, samples + "targets.csv");
  const auto tv = t.view();
  const auto res = assess(tree, v.values, &tv);
  ASSERT_EQ(doc["units"].size(), 4u);
  for (std::size_t u = 0; u < 4; ++u) {
    for (std::size_t i = 1; i < tree.size(); ++i)
      EXPECT_EQ(doc["units"][u]["nodes"][tree.node(i).id]["score"].get<double>(),
                res.score(static_cast<std::ptrdiff_t>(u), i));
  }
  EXPECT_FALSE(doc["units"][0].contains("leaves"));
  EXPECT_EQ(doc["units"][1]["leaves"]["key_project_start_rate"]["fraction"].get<double>(), 0.75);
  EXPECT_EQ(doc["units"][1]["grade"], "优秀");
}

TEST(cli_test, bad_data_exits_2_naming_file_line_column_unit_and_indicator) {
  const auto values = write_temp("bad_values.csv", "unit,intent_projects\nx,abc\n");
  auto r = run("assess --preset task-force --values " + values);
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "zoneperf: [zoneperf.data.305] " + values + ":1: missing column \"signed_projects\"\n");

  std::string text(sample_file("task-force/values.csv"));
  text.replace(text.find(",12,"), 4, ",x1,");
  const auto garbled = write_temp("garbled.csv", text);
  r = run("assess --preset task-force --values " + garbled);
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "zoneperf: [zoneperf.data.308] " + garbled +
                       ":2:2 (unit \"新材料新能源\", indicator \"intent_projects\"): not a number: \"x1\"\n");

  const auto targets = write_temp(
      "zero_target.csv", "unit,signed_projects\n新材料新能源,0\n高端装备,1\n医养健康,1\n信息技术,1\n");
  r = run("assess --preset task-force --values " + samples + "values.csv --targets " + targets);
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(
      r.out,
      "zoneperf: [zoneperf.data.303] " + targets +
          ":2:2 (unit \"新材料新能源\", indicator \"signed_projects\"): target must be positive, not 0\n");
}

TEST(cli_test, validate_prints_every_problem_and_exits_2) {
  const auto tree = write_temp("bad_tree.json", R"({"id":"t","points":10,"children":[
    {"id":"a","points":4,"rule":{"kind":"completion"},"target":-1}]})");
  auto r = run("validate " + tree);
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "zoneperf: [zoneperf.config.214] " + tree +
                       ":/children/0/target: target must be positive, not -1\n"
                       "[zoneperf.config.204] " +
                       tree + ":/points: children's points add up to 4, not 10\n");
  r = run("validate " + std::string(ZONEPERF_SOURCE_DIR) + "/presets/task-force.json");
  EXPECT_EQ(r.status, 0) << r.out;
}

TEST(cli_test, preset_show_prints_a_file_that_assess_accepts_as_a_tree) {
  auto r = run("preset show task-force");
  ASSERT_EQ(r.status, 0);
  const auto path = write_temp("tf.json", r.out);
  r = run("assess --tree " + path + " --values " + samples + "values.csv --format csv");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(r.out.substr(0, 5), "unit,");
  r = run("preset show nothing");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out.substr(0, 50), "zoneperf: [zoneperf.config.216] nothing: unknown p");
}

TEST(cli_test, every_kernel_instruction_set_gives_the_same_bits) {
  // 3000 pseudo-random units (several chunks), some missing values under a zero policy.
  const auto tree = load_preset("task-force");
  std::string csv = "unit";
  for (int c : tree.columns()) csv += "," + tree.node(static_cast<std::size_t>(c)).id;
  csv += "\n";
  std::uint64_t x = 88172645463325252ull;
  for (int u = 0; u < 3000; ++u) {
    csv += "u" + std::to_string(u);
    for (int c : tree.columns()) {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      const node& n = tree.node(static_cast<std::size_t>(c));
      const double v = n.kind == node_kind::veto ? (x % 97 == 0) : static_cast<double>(x % 100000) / 997.0;
      csv += "," + shortest(v);
    }
    csv += "\n";
  }
  const auto values = write_temp("kernels.csv", csv);
  std::string first;
  for (const char* k : {"generic", "x86-64-v3", "x86-64-v4"}) {
    setenv("ZONEPERF_KERNEL", k, 1);
    const auto out = run(std::string("assess --preset task-force --format json --values ") + values).out;
    unsetenv("ZONEPERF_KERNEL");
    ASSERT_EQ(out.substr(0, 10), "{\n  \"tree\"") << out.substr(0, 300);
    if (first.empty()) first = out;
    EXPECT_EQ(out, first) << k;
  }
}

TEST(cli_test, a_full_output_is_error_402_never_a_silent_success) {
  // The result goes nowhere: the tool must say so and exit 2, not 0.
  const std::string err = ::testing::TempDir() + "full.err";
  const int status =
      std::system((std::string(ZONEPERF_CLI) + " assess --preset task-force --values " + samples +
                   "values.csv --targets " + samples + "targets.csv --format json >/dev/full 2>" + err)
                      .c_str());
  EXPECT_EQ(WEXITSTATUS(status), 2);
  std::ifstream f(err);
  std::string message;
  std::getline(f, message);
  EXPECT_EQ(message, "zoneperf: [zoneperf.io.402] standard output: cannot write");
}

TEST(cli_test, demo_files_replace_the_old_ones_whole) {
  // A demo into a folder that holds older files: each file is the new one, no temporary is left.
  const std::string dir = ::testing::TempDir() + "demo-atomic";
  std::filesystem::create_directories(dir);
  write_temp("demo-atomic/scorecard.csv", "old");
  ASSERT_EQ(run("demo --out " + dir + " >/dev/null").status, 0);
  std::ifstream f(dir + "/scorecard.csv");
  std::string first;
  std::getline(f, first);
  EXPECT_EQ(first.rfind("\xEF\xBB\xBFunit,", 0), 0u);
  for (const auto& e : std::filesystem::directory_iterator(dir))
    EXPECT_EQ(e.path().string().find(".tmp-"), std::string::npos) << e.path();
}

TEST(cli_test, a_gbk_table_reads_with_a_note_and_the_same_scores_and_stdin_reads_too) {
  // The sample values saved as GB18030 (iconv, as older Chinese Excel saves): the same CSV output
  // as the UTF-8 file, a note on stderr; --encoding utf-8 refuses it; "-" reads standard input.
  const std::string utf8 = samples + "values.csv";
  const std::string gb = testing::TempDir() + "values_gbk.csv";
  ASSERT_EQ(std::system(("iconv -f UTF-8 -t GB18030 " + utf8 + " > " + gb).c_str()), 0);
  const auto plain = run("assess --preset task-force --values " + utf8 + " --format csv");
  ASSERT_EQ(plain.status, 0) << plain.out;
  const auto read = run("assess --preset task-force --values " + gb + " --format csv");
  ASSERT_EQ(read.status, 0) << read.out;
  EXPECT_EQ(read.out, "zoneperf: note: " + gb + ": not UTF-8: read as GB18030 (GBK)\n" + plain.out);
  const auto forced = run("assess --encoding gb18030 --preset task-force --values " + gb + " --format csv");
  EXPECT_EQ(forced.out, plain.out);  // given, no note
  const auto refused = run("assess --encoding utf-8 --preset task-force --values " + gb + " --format csv");
  EXPECT_EQ(refused.status, 2);
  EXPECT_NE(refused.out.find("[zoneperf.parse.110] " + gb + ":2: not UTF-8"), std::string::npos)
      << refused.out;
  const auto piped = run("assess --preset task-force --values - --format csv < " + utf8);
  EXPECT_EQ(piped.out, plain.out);
}

namespace {
struct split_result {
  int status;
  std::string out, err;  ///< standard output and standard error, apart
};
/// Runs the tool with `args` (shell words), keeping stdout and stderr apart.
split_result run_split(const std::string& args) {
  // one file per test: CTest runs the tests of this file in parallel processes
  const std::string err_path = ::testing::TempDir() + "cli-stderr-" +
                               ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".txt";
  const std::string cmd = std::string(ZONEPERF_CLI) + " " + args + " 2>" + err_path;
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  std::array<char, 4096> buf{};
  while (std::size_t n = fread(buf.data(), 1, buf.size(), p)) out.append(buf.data(), n);
  const int status = pclose(p);
  std::ifstream f(err_path, std::ios::binary);
  return {WEXITSTATUS(status), out, std::string(std::istreambuf_iterator<char>(f), {})};
}
}  // namespace

TEST(cli_test, every_usage_error_exits_2_with_cli11s_message_on_stderr) {
  const std::string values = " --values " + samples + "values.csv";
  const struct {
    const char* what;
    std::string args;
    const char* message;
  } cases[] = {
      {"unknown option (CLI11: 109)", "assess --preset task-force" + values + " --bogus",
       "The following argument was not expected: --bogus"},
      {"missing required option (106)", "assess --preset task-force", "--values is required"},
      {"bad --format (105)", "assess --preset task-force" + values + " --format xml",
       "--format: Check xml value in"},
      {"file that does not exist (105)", "assess --preset task-force --values /nonexistent/v.csv",
       "--values: File does not exist: /nonexistent/v.csv"},
      {"neither --preset nor --tree (106)", "assess" + values, "--preset or --tree is required"},
      {"unknown subcommand", "bogus", "A subcommand is required"},
      {"no subcommand", "", "A subcommand is required"},
      {"--values-out without --other",
       "projects --file " + std::string(ZONEPERF_SOURCE_DIR) +
           "/samples/projects/projects.csv year 2020 --values-out /tmp/x.csv",
       "--other (the leaves the registry cannot know) with --values-out is required"},
  };
  for (const auto& c : cases) {
    const auto r = run_split(c.args);
    EXPECT_EQ(r.status, 2) << c.what << "\n" << r.err;
    EXPECT_EQ(r.out, "") << c.what;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << c.what << "\n" << r.err;
    EXPECT_NE(r.err.find("Run with --help for more information."), std::string::npos) << c.what;
  }
  // Help and the version are not errors.
  const auto help = run_split("assess --help");
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.out.find("--values"), std::string::npos);
  const auto version = run_split("--version");
  EXPECT_EQ(version.status, 0);
  EXPECT_EQ(version.out, "zoneperf 0.1.0\n");
}

// Every line end of `text` is CRLF (and there is at least one); false for a bare LF or CR.
bool crlf_only(const std::string& text) {
  std::size_t lf = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) return false;
    if (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n')) return false;
    lf += text[i] == '\n';
  }
  return lf > 0;
}

TEST(cli_test, the_demos_csv_files_have_the_bom_and_crlf_and_read_back_to_the_same_cells) {
  // A folder of this process's own: the temporary folder is shared with other builds' test runs.
  const std::string dir = ::testing::TempDir() + "demo-bom-" + std::to_string(::getpid());
  std::filesystem::remove_all(dir);
  ASSERT_EQ(run("demo --out " + dir + " >/dev/null").status, 0);
  std::size_t csv = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() != ".csv") continue;
    ++csv;
    std::ifstream f(e.path(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(f)), {});
    EXPECT_EQ(bytes.substr(0, 3), "\xEF\xBB\xBF") << e.path();
    EXPECT_TRUE(crlf_only(bytes)) << e.path();
    // zoneperf's reader takes the file as it takes the same table in plain form (no BOM, LF).
    std::string plain = bytes.substr(3);
    for (std::size_t at = plain.find("\r\n"); at != std::string::npos; at = plain.find("\r\n", at))
      plain.erase(at, 1);
    const auto a = zoneperf::read_csv_file(e.path().string());
    const auto b = zoneperf::read_csv(plain, "plain");
    ASSERT_EQ(a.header, b.header) << e.path();
    ASSERT_EQ(a.rows(), b.rows()) << e.path();
    for (std::size_t r = 0; r < a.rows(); ++r)
      for (std::size_t c = 0; c < a.columns(); ++c) EXPECT_EQ(a.cell(r, c), b.cell(r, c)) << e.path();
  }
  // scorecard, land, three pay tables; thirteen report tables (eight, and series, faces_year,
  // faces_year_months, migration, migration_moves)
  EXPECT_EQ(csv, 5u + 13u);
  std::filesystem::remove_all(dir);
}

TEST(cli_test, csv_on_standard_output_is_plain_and_excel_form_with_bom) {
  const std::string args = "assess --preset task-force --values " + samples + "values.csv --targets " +
                           samples + "targets.csv --format csv --explain 信息技术";
  const auto plain = run_split(args);
  ASSERT_EQ(plain.status, 0) << plain.err;
  EXPECT_EQ(plain.out.substr(0, 5), "unit,");
  EXPECT_EQ(plain.out.find('\r'), std::string::npos);
  // --bom, before or after the command's name: the same text with a BOM first and CRLF line ends.
  std::string expected = "\xEF\xBB\xBF";
  for (char c : plain.out) expected += c == '\n' ? std::string("\r\n") : std::string(1, c);
  for (const std::string& cmd : {"--bom " + args, args + " --bom"}) {
    const auto excel = run_split(cmd);
    ASSERT_EQ(excel.status, 0) << excel.err;
    EXPECT_TRUE(crlf_only(excel.out));
    EXPECT_EQ(excel.out, expected) << cmd;
  }
  // A table streamed block by block (uncertainty's writer) is converted as it goes.
  const std::string mc = "uncertainty --preset task-force --values " + samples + "values.csv --targets " +
                         samples + "targets.csv --samples 50 --seed 1 --format csv";
  const auto mc_plain = run_split(mc);
  const auto mc_excel = run_split(mc + " --bom");
  ASSERT_EQ(mc_plain.status, 0) << mc_plain.err;
  ASSERT_EQ(mc_excel.status, 0) << mc_excel.err;
  std::string mc_expected = "\xEF\xBB\xBF";
  for (char c : mc_plain.out) mc_expected += c == '\n' ? std::string("\r\n") : std::string(1, c);
  EXPECT_EQ(mc_excel.out, mc_expected);
  // Only CSV: a table or JSON on standard output stays as it is with --bom.
  const auto table = run_split("--bom assess --preset task-force --values " + samples + "values.csv");
  ASSERT_EQ(table.status, 0) << table.err;
  EXPECT_EQ(table.out.find('\r'), std::string::npos);
  EXPECT_NE(table.out.substr(0, 3), "\xEF\xBB\xBF");
}

TEST(cli_test, assess_csv_neutralises_a_unit_id_that_a_spreadsheet_would_run) {
  std::ifstream in(samples + "values.csv", std::ios::binary);
  std::string values((std::istreambuf_iterator<char>(in)), {});
  const auto at = values.find("信息技术");
  ASSERT_NE(at, std::string::npos);
  values.replace(at, std::string("信息技术").size(), "\"=cmd|' /C calc'!A0\"");
  const std::string path = write_temp("inject-values.csv", values);
  const auto r = run_split("assess --preset task-force --values " + path + " --format csv");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, 5), "unit,");  // standard output: no BOM
  EXPECT_NE(r.out.find("\n'=cmd|' /C calc'!A0,"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("\n=cmd"), std::string::npos);
  // Markdown shows it as text, its pipe escaped.
  const auto md = run_split("assess --preset task-force --values " + path + " --format markdown");
  ASSERT_EQ(md.status, 0) << md.err;
  EXPECT_NE(md.out.find("| =cmd\\|' /C calc'!A0 |"), std::string::npos) << md.out;
}

TEST(cli_test, a_total_that_is_not_finite_exits_2_and_ranks_nobody) {
  // Issue 19 item 8: the total inf was printed (JSON null) ranked 1 with grade A, exit 0.
  const std::string bad = std::string(ZONEPERF_SOURCE_DIR) + "/tests/data/bad/";
  for (const char* format : {"table", "json", "csv"}) {
    const auto r = run("assess --tree " + bad + "total_overflows.json --values " + bad +
                       "total_overflows.csv --format " + format);
    EXPECT_EQ(r.status, 2) << format;
    EXPECT_EQ(r.out,
              "zoneperf: [zoneperf.data.309] unit \"u2\", indicator \"a\": the score is not finite: fraction "
              "2 × points "
              "1e+308 = inf\n")
        << format;
  }
}

TEST(cli_test, assess_as_of_scores_additive_leaves_against_time_proportional_targets) {
  const std::string base = "assess --preset task-force --values " + samples + "values.csv --targets " +
                           samples + "targets.csv --as-of 2020-07 ";
  const auto r = run(base + "--cumulative --explain 高端装备");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("高端装备 (as of 2020-07, months)"), std::string::npos) << r.out;
  auto row_of = [&](const std::string& out, const std::string& id) {
    const auto pos = out.rfind("\n" + id + " ");
    return pos == std::string::npos ? std::string() : out.substr(pos + 1, out.find('\n', pos + 1) - pos - 1);
  };
  // signed_investment of 高端装备: t = 80 (targets.csv), t_p = (80 × 7) / 12 = 46.666666666666664,
  // actual 102: ratio 2.1857 ≥ 1, on schedule.
  const std::string inv = row_of(r.out, "signed_investment");
  for (const char* s : {" 80 ", " 7/12 ", " 46.666666666666664 ", " 2.1857 ", "on schedule"})
    EXPECT_NE(inv.find(s), std::string::npos) << inv << " lacks " << s;
  // key_project_start_rate is not additive: its annual target, no k/n, no verdict.
  const std::string rate = row_of(r.out, "key_project_start_rate");
  EXPECT_EQ(rate.find("on schedule"), std::string::npos) << rate;
  EXPECT_EQ(rate.find("behind"), std::string::npos) << rate;
  // In-period: the same 102 against (80 × 1) / 12 = 6.666666666666667.
  const auto m = run(base + "--in-period --explain 高端装备 --format csv");
  ASSERT_EQ(m.status, 0) << m.out;
  EXPECT_NE(m.out.find("signed_investment,签约总投资(亿元),102,80,1/12,6.666666666666667"), std::string::npos)
      << m.out;
  // JSON carries the same: t, k, n beside t_p ("target") and the verdict; null for unscaled leaves.
  const auto j = run(base + "--cumulative --explain 高端装备 --format json");
  ASSERT_EQ(j.status, 0) << j.out;
  const auto leaves = nlohmann::json::parse(j.out).at("units").at(1).at("leaves");
  const auto& sinv = leaves.at("signed_investment");
  EXPECT_EQ(sinv.at("annual_target"), 80.0);
  EXPECT_EQ(sinv.at("k"), 7);
  EXPECT_EQ(sinv.at("n"), 12);
  EXPECT_EQ(sinv.at("target"), 80.0 * 7 / 12);
  EXPECT_EQ(sinv.at("schedule"), "on_schedule");
  EXPECT_TRUE(leaves.at("key_project_start_rate").at("schedule").is_null());
  EXPECT_FALSE(leaves.at("key_project_start_rate").contains("k"));
  const auto none = run(base + "--explain 高端装备");
  EXPECT_EQ(none.status, 2);
  EXPECT_NE(none.out.find("--cumulative or --in-period"), std::string::npos) << none.out;
  const auto stray = run("assess --preset task-force --values " + samples + "values.csv --cumulative");
  EXPECT_EQ(stray.status, 2);
  EXPECT_NE(stray.out.find("only with --as-of"), std::string::npos) << stray.out;
  const auto week = run(base.substr(0, base.size() - 8) + "2020-W05 --cumulative");
  EXPECT_EQ(week.status, 2);
  EXPECT_NE(week.out.find("[zoneperf.project.702] --as-of: bad as-of '2020-W05'"), std::string::npos)
      << week.out;
}

// signed: a count (annual target 12); invest: an amount (60); rate: not additive (100).
const char* const series_tree = R"({"id": "t", "name": "t", "points": 30, "children": [
  {"id": "signed", "name": "签约项目数", "points": 10, "additive": "count", "rule": {"kind": "completion", "cap": 1.2}, "target": 12},
  {"id": "invest", "name": "签约总投资", "points": 10, "additive": "amount", "rule": {"kind": "completion", "cap": 1.2}, "target": 60},
  {"id": "rate", "name": "开工率", "points": 10, "rule": {"kind": "completion"}, "target": 100}]})";

TEST(cli_test, series_scores_each_month_and_shows_the_change) {
  // The tree and cumulative tables of tests/period/series_test.cpp: in March A moves from 2nd to
  // 1st (34 against 31.33), B from 1st to 2nd.
  const std::string tree = write_temp("series_tree.json", series_tree);
  const std::string jan = write_temp("2020-01.csv", "unit,signed,invest,rate\nA,1,5,50\nB,2,4,100\n");
  const std::string feb = write_temp("2020-02.csv", "unit,signed,invest,rate\nA,2,10,50\nB,2,10,100\n");
  const std::string mar = write_temp("march.csv", "unit,signed,invest,rate\nA,4,18,100\nB,4,14,100\n");
  const std::string base =
      "series --tree " + tree + " --values " + jan + " " + feb + " --period 2020-03=" + mar;
  const auto r = run(base + " --cumulative --format csv --reduce mean");
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("A,2020-03,34.00,1,"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(",9.00,1,-\n"), std::string::npos) << r.out;  // Δ score 34 − 25, Δ rank +1, no 2019
  EXPECT_NE(r.out.find("B,2020-03,31.33,2,"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("unit,2020 mean\nA,28.00\n"), std::string::npos) << r.out;  // (25 + 25 + 34) / 3
  const auto j = run(base + " --cumulative --format json");
  ASSERT_EQ(j.status, 0) << j.out;
  const auto doc = nlohmann::json::parse(j.out);
  EXPECT_EQ(doc.at("periods"), nlohmann::json({"2020-01", "2020-02", "2020-03"}));
  EXPECT_EQ(doc.at("rows").at(2).at("delta_rank"), 1);
  EXPECT_TRUE(doc.at("rows").at(0).at("delta_rank").is_null());
  // Usage and data errors.
  EXPECT_EQ(run(base).status, 2);
  const auto bad =
      run("series --tree " + tree + " --cumulative --values " + jan + " --period 2020-13=" + feb);
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.out.find("702"), std::string::npos) << bad.out;
}

TEST(cli_test, series_reads_a_long_table_and_the_periods_own_targets) {
  // The tables of the test above as one long table, the period column second and the periods
  // shuffled (units keep their order of first appearance in time: A, then B): the same series,
  // whether from the file or from standard input.
  const std::string tree = write_temp("long_series_tree.json", series_tree);
  const std::string jan =
      write_temp("long_series_2020-01.csv", "unit,signed,invest,rate\nA,1,5,50\nB,2,4,100\n");
  const std::string feb =
      write_temp("long_series_2020-02.csv", "unit,signed,invest,rate\nA,2,10,50\nB,2,10,100\n");
  const std::string mar =
      write_temp("long_series_2020-03.csv", "unit,signed,invest,rate\nA,4,18,100\nB,4,14,100\n");
  const std::string long_table = write_temp("long_series.csv",
                                            "unit,期间,signed,invest,rate\n"
                                            "A,2020-03,4,18,100\nA,2020-01,1,5,50\nB,2020-01,2,4,100\n"
                                            "B,2020-03,4,14,100\nA,2020-02,2,10,50\nB,2020-02,2,10,100\n");
  const std::string head = "series --tree " + tree + " --cumulative --format csv ";
  const auto files =
      run(head + "--period 2020-01=" + jan + " --period 2020-02=" + feb + " --period 2020-03=" + mar);
  ASSERT_EQ(files.status, 0) << files.out;
  const auto from_long = run(head + "--values " + long_table);
  ASSERT_EQ(from_long.status, 0) << from_long.out;
  EXPECT_EQ(from_long.out, files.out);
  const auto from_stdin = run(head + "--values - < " + long_table);
  ASSERT_EQ(from_stdin.status, 0) << from_stdin.out;
  EXPECT_EQ(from_stdin.out, files.out);
  // Standard input without a period column is one period only with --period LABEL=-.
  const auto no_column = run(head + "--values - < " + jan);
  EXPECT_EQ(no_column.status, 2);
  EXPECT_NE(no_column.out.find("no period column"), std::string::npos) << no_column.out;
  // A label that does not parse is named at its cell, counted with the period column (line 3, column 2);
  // a bad number after the period column keeps its own column number (line 2, column 4).
  const auto bad_label =
      run(head + "--values " +
          write_temp("long_series_bad.csv",
                     "unit,period,signed,invest,rate\nA,2020-01,1,5,50\nB,2020-1x,2,4,100\n"));
  EXPECT_EQ(bad_label.status, 2);
  EXPECT_NE(bad_label.out.find("long_series_bad.csv:3:2"), std::string::npos) << bad_label.out;
  const auto bad_number =
      run(head + "--values " +
          write_temp("long_series_nan.csv", "unit,period,signed,invest,rate\nA,2020-01,1,x,50\n"));
  EXPECT_EQ(bad_number.status, 2);
  EXPECT_NE(bad_number.out.find("long_series_nan.csv:2:4"), std::string::npos) << bad_number.out;
  // March's own targets win over 12 x 3 / 12 = 3 and 60 x 3 / 12 = 15 where given: signed 8 for A
  // (4 / 8 = 0.5 -> 5 points instead of 12), invest left empty (scaled: 18 / 15 -> 12). A's March
  // total 5 + 12 + 10 = 27 against B's unchanged 31.33 (12 + 9.33 + 10): A stays 2nd as in February
  // (Δ rank 0), Δ score 27 - 25 = 2.
  const std::string own = write_temp("long_series_t03.csv", "unit,signed,invest\nA,8,\nB,,\n");
  const auto targeted = run(head + "--values " + long_table + " --period-targets 2020-03=" + own);
  ASSERT_EQ(targeted.status, 0) << targeted.out;
  EXPECT_NE(targeted.out.find("A,2020-03,27.00,2,"), std::string::npos) << targeted.out;
  EXPECT_NE(targeted.out.find(",2.00,0,-\n"), std::string::npos) << targeted.out;
  EXPECT_NE(targeted.out.find("B,2020-03,31.33,1,"), std::string::npos) << targeted.out;
  // The same targets as a long table with a period column.
  const std::string own_long =
      write_temp("long_series_targets.csv", "unit,period,signed\nA,2020-03,8\nB,2020-03,\n");
  const auto targeted_long = run(head + "--values " + long_table + " --period-targets " + own_long);
  ASSERT_EQ(targeted_long.status, 0) << targeted_long.out;
  EXPECT_EQ(targeted_long.out, targeted.out);
  const auto no_period = run(head + "--values " + long_table + " --period-targets 2020-05=" + own);
  EXPECT_EQ(no_period.status, 2);
  EXPECT_NE(no_period.out.find("the series has no period 2020-05"), std::string::npos) << no_period.out;
}

TEST(cli_test, assess_as_of_takes_the_periods_own_targets_over_scaling) {
  // July: signed t = 12, k/n = 7/12, t_p = 7; with the period's own target 14, A's 7 signed
  // projects are 0.5 of it (5 of 10 points, behind). invest keeps t_p = 60 x 7 / 12 = 35.
  const std::string tree = write_temp("own_targets_tree.json", series_tree);
  const std::string values = write_temp("own_targets_values.csv", "unit,signed,invest,rate\nA,7,35,100\n");
  const std::string own = write_temp("own_targets_t07.csv", "unit,signed\nA,14\n");
  const std::string head =
      "assess --tree " + tree + " --values " + values + " --as-of 2020-07 --cumulative --explain A";
  const auto scaled = run(head + " --format csv");
  ASSERT_EQ(scaled.status, 0) << scaled.out;
  // signed: 7 / 7 -> 10; invest: 35 / 35 -> 10.
  EXPECT_NE(scaled.out.find("A,signed,签约项目数,7,12,7/12,7,1.0000,"), std::string::npos) << scaled.out;
  const auto given = run(head + " --format csv --period-targets " + own);
  ASSERT_EQ(given.status, 0) << given.out;
  EXPECT_NE(given.out.find("A,signed,签约项目数,7,12,given,14,0.5000,completion,5.0000,10.00,behind"),
            std::string::npos)
      << given.out;
  EXPECT_NE(given.out.find("A,invest,签约总投资,35,60,7/12,35,1.0000,"), std::string::npos) << given.out;
  const auto json = run(head + " --format json --period-targets " + own);
  ASSERT_EQ(json.status, 0) << json.out;
  const auto doc = nlohmann::json::parse(json.out);
  const auto& leaves = doc.at("units").at(0).at("leaves");
  EXPECT_EQ(leaves.at("signed").at("target_from"), "period_targets");
  EXPECT_EQ(leaves.at("signed").at("target"), 14);
  EXPECT_EQ(leaves.at("invest").at("target_from"), "scaled");
  const auto stray = run("assess --tree " + tree + " --values " + values + " --period-targets " + own);
  EXPECT_EQ(stray.status, 2);
  EXPECT_NE(stray.out.find("only with --as-of"), std::string::npos) << stray.out;
}
