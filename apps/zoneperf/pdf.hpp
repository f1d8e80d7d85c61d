#pragma once
// report.pdf through headless Chromium, for `report --pdf` and `demo --pdf`. The library does not
// depend on a browser: only the command line starts one.
#include <CLI/CLI.hpp>
#include <ostream>
#include <string>

namespace zoneperf::cli {

enum class paper { a4, letter };

/// What --pdf and --paper set on a command.
struct pdf_request {
  bool pdf = false;
  paper size = paper::a4;
};
/// Adds --pdf and --paper a4|letter to a subcommand.
void add_pdf_options(CLI::App& app, pdf_request& r);

/// The browser to print with: $ZONEPERF_CHROMIUM when set (a path, or a name looked up on PATH),
/// else the first of chromium, chromium-browser, google-chrome on PATH; "" when there is none.
std::string find_chromium();

/// Prints `html` (a report.html) to `pdf` on the paper asked for, through headless Chromium, within
/// `timeout_seconds`. The PDF is written to a temporary beside `pdf` and renamed over it once
/// complete. Error 404 when no browser is found (with how to install one), 405 when it fails, times
/// out or writes something that is not a PDF; main exits with 3 for both.
void print_pdf(const std::string& html, const std::string& pdf, paper size, int timeout_seconds = 120);

/// print_pdf of `dir`/report.html to `dir`/report.pdf, then "wrote <path>" on `out`.
void print_report_pdf(std::ostream& out, const std::string& dir, paper size);

}  // namespace zoneperf::cli
