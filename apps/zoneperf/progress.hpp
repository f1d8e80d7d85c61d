#pragma once
// Progress of long commands on standard error, never on standard output.
//
//   static progress_display shown = progress_display::automatic;
//   add_progress_option(*cmd, shown);                 // --progress
//   progress_printer progress(shown);                 // in the command's callback
//   read_values_file(tree, path, progress.callback());
//   progress.clear();                                 // before writing to standard output
//
// automatic: only when standard error is a terminal, and only once the command has run for half a
// second; one line rewritten in place (\r) and erased when each stage ends. always (--progress):
// from the start; on a terminal as above, otherwise plain lines, at most one a second per stage
// plus each stage's last. Without --progress and with standard error not a terminal, nothing is
// written and the library is given no callback at all.
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "zoneperf/progress.hpp"

namespace zoneperf::cli {

enum class progress_display { automatic, always };

/// Adds --progress to a subcommand.
CLI::Option* add_progress_option(CLI::App& app, progress_display& display);

/// Prints the library's progress reports (which come from the calling thread only) on stderr.
class progress_printer {
 public:
  explicit progress_printer(progress_display display);
  ~progress_printer();
  progress_printer(const progress_printer&) = delete;
  progress_printer& operator=(const progress_printer&) = delete;

  /// The callback for the library's options; empty when nothing would be shown.
  const progress_callback& callback() const noexcept { return callback_; }
  /// Erases the line shown on a terminal, if any.
  void clear();

 private:
  void report(std::string_view stage, std::uint64_t done, std::uint64_t total);
  void show(const std::string& line);

  using clock = std::chrono::steady_clock;
  bool terminal_ = false;
  bool waiting_ = true;  // automatic: nothing shown before half a second
  clock::time_point start_ = clock::now();
  clock::time_point next_line_{};  // plain lines: the earliest time for the next one of the stage
  std::string stage_;              // the stage of the last report
  std::string last_line_;          // plain lines: the last one written (never twice in a row)
  std::size_t shown_width_ = 0;    // display width of the line on the terminal (0: none)
  progress_callback callback_;
};

/// "reading values.csv  45 %  (104 MB of 232 MB)", "sampling  32 %  (320 000 of 1 000 001)".
std::string progress_line(std::string_view stage, std::uint64_t done, std::uint64_t total);

}  // namespace zoneperf::cli
