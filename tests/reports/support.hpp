#pragma once
// Shared by the report tests: the demo's JSON results (made once by the CLI, as a user would),
// running programs, and finding the optional external checkers (Chromium, LibreOffice, Python).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "zoneperf/io/reports.hpp"
#include "zoneperf/text/csv.hpp"
#include "zoneperf/text/file.hpp"
#include "zoneperf/text/number.hpp"

namespace zoneperf::test {

inline std::string temp_dir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("zoneperf-reports-" + name + "-" + std::to_string(static_cast<long>(::getpid())));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

/// Runs a shell command; returns its exit status and fills `output` with stdout and stderr.
inline int run(const std::string& command, std::string* output = nullptr) {
  const std::string cmd = command + " 2>&1";
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return -1;
  std::string out;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int status = ::pclose(p);
  if (output) *output = out;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/// The full path of a program on PATH (or an absolute path that exists), else "".
inline std::string find_program(const std::string& name) {
  if (!name.empty() && name[0] == '/') return std::filesystem::exists(name) ? name : "";
  const char* path = std::getenv("PATH");
  std::stringstream ss(path ? path : "/usr/bin:/bin");
  std::string dir;
  while (std::getline(ss, dir, ':'))
    if (!dir.empty() && std::filesystem::exists(dir + "/" + name)) return dir + "/" + name;
  return "";
}

inline std::string quote(const std::string& s) {
  std::string o = "'";
  for (char c : s) o += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return o + "'";
}

/// The demo's results as the commands print them: scorecard, pay and land from `zoneperf demo`,
/// the July 2020 monthly check from `zoneperf projects month --format json`.
struct demo_results {
  std::string dir;
  report_inputs inputs;
  /// The sections over periods, as the commands print them: the demo's series.json (the twelve
  /// cumulative monthly tables of 2020), `projects faces 2020` and `land --previous` (2019 → 2020).
  std::string series, faces, migration;
};

inline const demo_results& demo() {
  static const demo_results d = [] {
    demo_results r;
    r.dir = temp_dir("demo");
    std::string out;
    if (run(quote(ZONEPERF_CLI) + " demo --out " + quote(r.dir), &out) != 0)
      throw std::runtime_error("zoneperf demo failed:\n" + out);
    const std::string projects = r.dir + "/projects.json";
    if (run(quote(ZONEPERF_CLI) + " projects --file " +
            quote(std::string(ZONEPERF_SOURCE_DIR) + "/samples/projects/projects.csv") +
            " --format json month 2020-07 > " + quote(projects)) != 0)
      throw std::runtime_error("zoneperf projects month failed");
    r.inputs.scorecard = read_text_file(r.dir + "/scorecard.json");
    r.inputs.pay = read_text_file(r.dir + "/pay.json");
    r.inputs.land = read_text_file(r.dir + "/land.json");
    r.inputs.projects = read_text_file(projects);
    r.series = read_text_file(r.dir + "/series.json");
    const std::string src = std::string(ZONEPERF_SOURCE_DIR) + "/samples/";
    if (run(quote(ZONEPERF_CLI) + " projects --file " + quote(src + "projects/projects.csv") +
            " --format json faces 2020 > " + quote(r.dir + "/faces.json")) != 0)
      throw std::runtime_error("zoneperf projects faces failed");
    r.faces = read_text_file(r.dir + "/faces.json");
    if (run(quote(ZONEPERF_CLI) + " land --enterprises " + quote(src + "land/enterprises.csv") +
            " --previous " + quote(src + "land/enterprises_2019.csv") + " --format json > " +
            quote(r.dir + "/migration.json")) != 0)
      throw std::runtime_error("zoneperf land --previous failed");
    r.migration = read_text_file(r.dir + "/migration.json");
    return r;
  }();
  return d;
}

/// The demo's scorecard with the sections over periods (series, faces, migration), in `lang`.
inline report_inputs with_periods(report_lang lang = report_lang::zh) {
  report_inputs in;
  in.scorecard = demo().inputs.scorecard;
  in.series = demo().series;
  in.faces = demo().faces;
  in.migration = demo().migration;
  in.lang = lang;
  return in;
}

inline void write(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  f << text;
}

}  // namespace zoneperf::test
