// The progress line of long commands (progress.hpp).
#include "progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <utility>

#include "cli.hpp"

namespace zoneperf::cli {
namespace {

constexpr std::chrono::milliseconds quiet_start{500};  // automatic: shown only after this
constexpr std::chrono::seconds line_interval{1};       // plain lines: at most one a second per stage

// 1 000 000: groups of three digits, as the issue and the README write counts.
std::string grouped(std::uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ' ';
    out += digits[i];
  }
  return out;
}

std::string megabytes(std::uint64_t bytes) {
  const double mb = static_cast<double>(bytes) / 1e6;
  return mb >= 10 ? fmt::format("{:.0f} MB", mb) : fmt::format("{:.1f} MB", mb);
}

void write_stderr(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fflush(stderr);
}

}  // namespace

std::string progress_line(std::string_view stage, std::uint64_t done, std::uint64_t total) {
  constexpr std::string_view reading = "reading ";
  const bool bytes = stage.substr(0, reading.size()) == reading;
  // A file's name without its folders: the line stays short.
  const std::string name =
      bytes ? std::string(reading) +
                  std::filesystem::path(std::string(stage.substr(reading.size()))).filename().string()
            : std::string(stage);
  const auto amount = [bytes](std::uint64_t n) { return bytes ? megabytes(n) : grouped(n); };
  if (total == 0) return fmt::format("{}  {}", name, amount(done));
  const auto percent = static_cast<int>(static_cast<double>(done) / static_cast<double>(total) * 100);
  return fmt::format("{}  {} %  ({} of {})", name, percent, amount(done), amount(total));
}

CLI::Option* add_progress_option(CLI::App& app, progress_display& display) {
  return app.add_flag_callback(
      "--progress", [&display] { display = progress_display::always; },
      "Show progress on standard error even when it is not a terminal (by default: on a terminal, "
      "once the work has taken half a second)");
}

progress_printer::progress_printer(progress_display display) : terminal_(isatty(fileno(stderr)) != 0) {
  if (display == progress_display::automatic && !terminal_) return;  // no callback: no cost, no output
  waiting_ = display == progress_display::automatic;
  callback_ = [this](std::string_view stage, std::uint64_t done, std::uint64_t total) {
    report(stage, done, total);
  };
}

progress_printer::~progress_printer() { clear(); }

void progress_printer::report(std::string_view stage, std::uint64_t done, std::uint64_t total) {
  const auto now = clock::now();
  if (stage != stage_) {
    stage_ = std::string(stage);
    next_line_ = now + line_interval;
  }
  if (waiting_) {
    if (now - start_ < quiet_start) return;
    waiting_ = false;
  }
  const bool last = total > 0 && done == total;
  if (terminal_) {
    if (last) {
      clear();  // each stage's line goes when the stage ends
    } else {
      show(progress_line(stage, done, total));
    }
    return;
  }
  if (!last && now < next_line_) return;
  std::string line = progress_line(stage, done, total);
  if (line == last_line_) return;
  next_line_ = now + line_interval;
  write_stderr(line + "\n");
  last_line_ = std::move(line);
}

void progress_printer::show(const std::string& line) {
  const std::size_t width = display_width(line);
  std::string text = "\r" + line;
  if (width < shown_width_) text += std::string(shown_width_ - width, ' ');  // over the longer line before
  shown_width_ = width;
  write_stderr(text);
}

void progress_printer::clear() {
  if (shown_width_ == 0) return;
  write_stderr("\r" + std::string(shown_width_, ' ') + "\r");
  shown_width_ = 0;
}

}  // namespace zoneperf::cli
