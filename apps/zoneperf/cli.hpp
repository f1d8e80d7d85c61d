#pragma once
// The zoneperf command line: each module's file registers its subcommands and demo steps with
// a static initialiser, so adding a command touches no other file.
//
//   static const bool registered = zoneperf::cli::add_command(&add_my_commands);
//   static const bool demo = zoneperf::cli::add_demo_step(30, "pay", &run_my_demo_step);
//
// Commands throw zoneperf::error for bad input; main prints it to stderr and exits with 2.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "zoneperf/io/reports.hpp"
#include "zoneperf/scorecard.hpp"
#include "zoneperf/text/csv.hpp"
#include "zoneperf/text/file.hpp"

namespace zoneperf::cli {

enum class output_format { table, json, csv, markdown };
/// Adds --format {table,json,csv,markdown} to a subcommand.
CLI::Option* add_format_option(CLI::App& app, output_format& f);
/// Adds --lang {zh,en} (the reports' labels; zh by default) to a subcommand.
CLI::Option* add_lang_option(CLI::App& app, report_lang& lang);

/// Standard output for a command printing `f`: std::cout, except CSV with the global `--bom`, which
/// goes out in the Excel form (a UTF-8 byte-order mark and CRLF line ends: csv_form::excel in
/// text/csv.hpp), converted as it streams. Every CSV a command prints goes through here.
std::ostream& output_for(output_format f);
/// Set once by main from `--bom`.
void set_stdout_csv_form(csv_form form);

using command_adder = void (*)(CLI::App& app);
bool add_command(command_adder adder);

/// What demo steps share: where to print, the folder for report files, the scorecard as it is (pay
/// and the reports take it), and the other sections of the report as their steps' results (no JSON
/// text: a step that writes a .json file writes it for the user, not for the reports).
struct demo_context {
  std::ostream& out;
  std::string out_dir;
  std::optional<scorecard> card;
  report_sections sections;
  output_batch files;  ///< every step's files, renamed into out_dir only when the whole demo succeeded
  /// Which of the sample tables the steps read (`demo --samples`): "csv", "xlsx" or "gbk".
  std::string samples = "csv";
  /// The sample table a step reads for `csv_path` ("task-force/values.csv"): the .xlsx beside it
  /// for "xlsx", values_gbk.csv for the values under "gbk" (the other tables stay CSV).
  std::string sample(std::string_view csv_path) const;
};
using demo_step = void (*)(demo_context& ctx);
/// Steps run in ascending `order` (the scorecard is 10; later modules use 20, 30, ...).
bool add_demo_step(int order, const char* name, demo_step step);

/// Display width of UTF-8 text in a terminal (East Asian wide characters and emoji count 2).
std::size_t display_width(std::string_view text);
/// Pads to a display width (left-aligned, or right-aligned for numbers).
std::string pad(std::string_view text, std::size_t width, bool right = false);

/// A plain text table: header row, rule, rows; column widths by display width.
struct text_table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> right;  // per column; numbers right-aligned
  std::string render() const;
  std::string markdown() const;
  std::string csv() const;
};

/// For a table option: an existing file (CSV, .xlsx or .xls), "book.xlsx#Sheet2" naming a sheet of
/// one, or "-" for a CSV on standard input.
extern const CLI::Validator table_file;

/// Writes text to a file; error 402 when it cannot.
void write_file(const std::string& path, std::string_view text);

}  // namespace zoneperf::cli
