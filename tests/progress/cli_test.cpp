// --progress on the command line: progress lines on standard error, the same bytes on standard
// output, and nothing at all on standard error without it (standard error is a file here, not a
// terminal).
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "../support/test_support.hpp"
#include "zoneperf/presets.hpp"
#include "zoneperf/text/csv.hpp"
#include "zoneperf/text/number.hpp"

using namespace zoneperf;

namespace {

struct outputs {
  int status;
  std::string out, err;
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs the CLI with standard output and standard error in two files.
outputs run_apart(const std::string& args) {
  // one pair of files per test: CTest runs the tests of this file in parallel processes
  const std::string name = testing::UnitTest::GetInstance()->current_test_info()->name();
  const std::string out = testing::TempDir() + "progress_stdout_" + name,
                    err = testing::TempDir() + "progress_stderr_" + name;
  const std::string cmd = std::string(ZONEPERF_CLI) + " " + args + " > " + out + " 2> " + err;
  const int status = std::system(cmd.c_str());
  return {WEXITSTATUS(status), slurp(out), slurp(err)};
}

// The sample task forces' values and targets repeated under new ids (values moved a little), enough
// rows for the table reader's chunks of 65 536 rows and the engine's chunks of 8192 units.
void write_task_forces(const std::string& values_path, const std::string& targets_path, std::size_t rows) {
  const auto values = read_csv(sample_file("task-force/values.csv"), "values.csv");
  const auto targets = read_csv(sample_file("task-force/targets.csv"), "targets.csv");
  std::ofstream v(values_path, std::ios::binary), t(targets_path, std::ios::binary);
  for (std::size_t c = 0; c < values.columns(); ++c) v << (c ? "," : "") << values.header[c];
  for (std::size_t c = 0; c < targets.columns(); ++c) t << (c ? "," : "") << targets.header[c];
  v << '\n';
  t << '\n';
  for (std::size_t u = 0; u < rows; ++u) {
    v << "tf" << u;
    t << "tf" << u;
    for (std::size_t c = 1; c < values.columns(); ++c)
      v << ','
        << shortest(std::stod(std::string(values.cell(u % values.rows(), c))) * (0.5 + (u % 101) / 100.0));
    for (std::size_t c = 1; c < targets.columns(); ++c) t << ',' << targets.cell(u % targets.rows(), c);
    v << '\n';
    t << '\n';
  }
}

const std::string samples = std::string(ZONEPERF_SOURCE_DIR) + "/samples/";

}  // namespace

TEST(progress_cli_test, assess_with_progress_writes_lines_to_stderr_and_the_same_stdout) {
  const std::string values = testing::TempDir() + "progress_values.csv";
  const std::string targets = testing::TempDir() + "progress_targets.csv";
  write_task_forces(values, targets, 70'000);
  const std::string args = "assess --preset task-force --values " + values + " --targets " + targets;
  for (const char* format : {"csv"}) {
    const outputs plain = run_apart(args + " --format " + format);
    ASSERT_EQ(plain.status, 0) << plain.err;
    EXPECT_EQ(plain.err, "");  // no terminal, no --progress: nothing
    const outputs shown = run_apart(args + " --format " + format + " --progress");
    ASSERT_EQ(shown.status, 0) << shown.err;
    EXPECT_TRUE(shown.out == plain.out) << format << ": standard output differs with --progress";
    // Plain lines (standard error is not a terminal), each stage's last one complete.
    EXPECT_EQ(shown.err.find('\r'), std::string::npos) << shown.err;
    EXPECT_NE(shown.err.find("reading progress_values.csv  100 %  ("), std::string::npos) << shown.err;
    EXPECT_NE(shown.err.find("reading progress_targets.csv  100 %  ("), std::string::npos) << shown.err;
    EXPECT_NE(shown.err.find("assessing  100 %  (70 000 of 70 000)\n"), std::string::npos) << shown.err;
  }
}

TEST(progress_cli_test, explain_all_reports_its_units) {
  const std::string values = testing::TempDir() + "progress_explain.csv";
  write_task_forces(values, testing::TempDir() + "progress_explain_targets.csv", 5000);
  const std::string args = "assess --preset task-force --values " + values + " --targets " +
                           testing::TempDir() + "progress_explain_targets.csv --explain all --format csv";
  const outputs plain = run_apart(args);
  ASSERT_EQ(plain.status, 0) << plain.err;
  const outputs shown = run_apart(args + " --progress");
  EXPECT_TRUE(shown.out == plain.out);
  EXPECT_NE(shown.err.find("explaining  100 %  (5 000 of 5 000)\n"), std::string::npos) << shown.err;
}

TEST(progress_cli_test, uncertainty_with_progress_reports_sampling_and_keeps_stdout) {
  const std::string values = testing::TempDir() + "progress_u_values.csv";
  const std::string targets = testing::TempDir() + "progress_u_targets.csv";
  write_task_forces(values, targets, 3000);
  const std::string args = "uncertainty --preset task-force --values " + values + " --targets " + targets +
                           " --samples 300 --threads 2 --format csv";
  const outputs plain = run_apart(args);
  ASSERT_EQ(plain.status, 0) << plain.err;
  EXPECT_EQ(plain.err, "");
  const outputs shown = run_apart(args + " --progress");
  ASSERT_EQ(shown.status, 0) << shown.err;
  EXPECT_TRUE(shown.out == plain.out);
  EXPECT_NE(shown.err.find("assessing  100 %  (3 000 of 3 000)\n"), std::string::npos) << shown.err;
  EXPECT_NE(shown.err.find("sampling  100 %  (301 of 301)\n"), std::string::npos) << shown.err;
}

TEST(progress_cli_test, land_pay_and_projects_report_reading_their_tables_only_with_progress) {
  const std::string land = "land --enterprises " + samples + "land/enterprises.csv";
  const std::string pay = "pay --staff " + samples + "pay/staff.csv --scorecard " + samples +
                          "pay/scorecard.json --policy " + samples + "pay/policy.json --events " + samples +
                          "pay/events.csv";
  const std::string projects = "projects --file " + samples + "projects/projects.csv";
  const struct {
    std::string plain, with_progress, expected;
  } cases[] = {
      {land, land + " --progress", "reading enterprises.csv  100 %"},
      {pay, pay + " --progress", "reading staff.csv  100 %"},
      {pay, pay + " --progress", "reading events.csv  100 %"},
      {projects + " year 2020", projects + " --progress year 2020", "reading projects.csv  100 %"},
  };
  for (const auto& c : cases) {
    const outputs plain = run_apart(c.plain);
    ASSERT_EQ(plain.status, 0) << c.plain << "\n" << plain.err;
    EXPECT_EQ(plain.err, "") << c.plain;
    const outputs shown = run_apart(c.with_progress);
    ASSERT_EQ(shown.status, 0) << c.with_progress << "\n" << shown.err;
    EXPECT_TRUE(shown.out == plain.out) << c.with_progress;
    EXPECT_NE(shown.err.find(c.expected), std::string::npos) << c.with_progress << "\n" << shown.err;
  }
}

TEST(progress_cli_test, an_error_after_progress_is_reported_alone_on_its_line) {
  const std::string bad = test_support::write_temp("progress_bad.csv", "unit,nope\nx,1\n");
  const outputs r = run_apart("assess --preset task-force --values " + bad + " --progress");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "");
  // The error starts a line of its own.
  const auto at = r.err.find("zoneperf: [zoneperf.");
  ASSERT_NE(at, std::string::npos) << r.err;
  EXPECT_TRUE(at == 0 || r.err[at - 1] == '\n') << r.err;
}
