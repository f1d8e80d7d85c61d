#pragma once
// Helpers shared by the test executables. Header-only: tests/support has no .cpp, so
// tests/CMakeLists.txt builds no executable for it; a test includes "../support/test_support.hpp".
//
//   std::string message_of(f);      // what() of the zoneperf::error f throws, or "no error"
//   run_result run(args);           // the built CLI (ZONEPERF_CLI) with stderr folded into out
//   std::string write_temp(name, text);  // a file in GoogleTest's temporary folder; its path
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <functional>
#include <string>

#include "zoneperf/error.hpp"

namespace zoneperf::test_support {

/// The full message of the zoneperf::error that f throws, or "no error".
inline std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const zoneperf::error& e) {
    return e.what();
  }
  return "no error";
}

struct run_result {
  int status;       ///< the exit status
  std::string out;  ///< stdout and stderr
};

#ifdef ZONEPERF_CLI
/// Runs the command-line tool with `args` (shell words), stderr folded into the output.
inline run_result run(const std::string& args) {
  const std::string cmd = std::string(ZONEPERF_CLI) + " " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  std::array<char, 4096> buf{};
  while (std::size_t n = fread(buf.data(), 1, buf.size(), p)) out.append(buf.data(), n);
  const int status = pclose(p);
  return {WEXITSTATUS(status), out};
}
#endif

/// Writes `text` (bytes as given) to `name` in GoogleTest's temporary folder; returns the path.
inline std::string write_temp(const std::string& name, const std::string& text) {
  const std::string path = ::testing::TempDir() + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

}  // namespace zoneperf::test_support
