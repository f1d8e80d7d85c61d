// zoneperf: the command-line tool. Subcommands live in cmd_*.cpp and register themselves.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <vector>

#include "cli.hpp"
#include "pdf.hpp"
#include "zoneperf/error.hpp"
#include "zoneperf/text/file.hpp"
#include "zoneperf/text/reading.hpp"

namespace zoneperf::cli {
namespace {
std::vector<command_adder>& commands() {
  static std::vector<command_adder> list;
  return list;
}
struct registered_step {
  int order;
  const char* name;
  demo_step step;
};
std::vector<registered_step>& demo_steps() {
  static std::vector<registered_step> list;
  return list;
}
}  // namespace

bool add_command(command_adder adder) {
  commands().push_back(adder);
  return true;
}

bool add_demo_step(int order, const char* name, demo_step step) {
  demo_steps().push_back({order, name, step});
  return true;
}

CLI::Option* add_format_option(CLI::App& app, output_format& f) {
  static const std::map<std::string, output_format> names = {{"table", output_format::table},
                                                             {"json", output_format::json},
                                                             {"csv", output_format::csv},
                                                             {"markdown", output_format::markdown}};
  return app.add_option("--format", f, "Output format")
      ->transform(CLI::CheckedTransformer(names, CLI::ignore_case).description(""))
      ->type_name("table|json|csv|markdown");
}

CLI::Option* add_lang_option(CLI::App& app, report_lang& lang) {
  static const std::map<std::string, report_lang> names = {{"zh", report_lang::zh}, {"en", report_lang::en}};
  return app.add_option("--lang", lang, "Language of the reports' labels (default: zh, Chinese)")
      ->transform(CLI::CheckedTransformer(names, CLI::ignore_case).description(""))
      ->type_name("zh|en");
}

void write_file(const std::string& path, std::string_view text) {
  output_file out(path);  // the old file stays until the new one is complete
  out.write(text);
  out.commit();
}

std::string demo_context::sample(std::string_view csv_path) const {
  std::string path(csv_path);
  const std::string stem = path.substr(0, path.size() - 4);  // without ".csv"
  if (samples == "xlsx") return stem + ".xlsx";
  if (samples == "gbk" && path == "task-force/values.csv") return stem + "_gbk.csv";
  return path;
}

namespace {
void add_demo(CLI::App& app) {
  auto* cmd = app.add_subcommand("demo", "Assess the sample zone and print its scorecard, pay and checks");
  static std::string out_dir = "zoneperf-report";
  cmd->add_option("--out", out_dir, "Folder for the report files")->capture_default_str();
  static report_lang lang = report_lang::zh;
  add_lang_option(*cmd, lang);
  static std::string samples = "csv";
  cmd->add_option("--samples", samples,
                  "Which sample tables to read: csv, the .xlsx workbooks, or gbk (the values as a GBK CSV "
                  "with Chinese headers); the results are the same")
      ->check(CLI::IsMember({"csv", "xlsx", "gbk"}))
      ->capture_default_str();
  static pdf_request pdf;
  add_pdf_options(*cmd, pdf);
  cmd->callback([] {
    auto steps = demo_steps();
    std::stable_sort(steps.begin(), steps.end(),
                     [](const registered_step& a, const registered_step& b) { return a.order < b.order; });
    std::error_code ec;
    std::filesystem::create_directories(out_dir, ec);
    if (ec) throw error(errc::cannot_write, out_dir, "cannot create folder: " + ec.message());
    demo_context ctx{std::cout, out_dir, std::nullopt, {}, {}};
    ctx.sections.lang = lang;
    ctx.samples = samples;
    for (const auto& s : steps) s.step(ctx);
    ctx.files.commit();
    if (pdf.pdf) print_report_pdf(std::cout, out_dir, pdf.size);
  });
}
}  // namespace
}  // namespace zoneperf::cli

int main(int argc, char** argv) {
  zoneperf::detail::refuse_writing_over_inputs();  // error 403: never an output over an input file
  CLI::App app{"zoneperf: performance assessment for development zones (高新区)"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "zoneperf 0.1.0");
  app.footer("Documentation: " ZONEPERF_DOCDIR " once installed (docs/ and README.md in the source tree).");
  // How every command reads its tables: --encoding, and a reader's notes on stderr.
  zoneperf::reading_options reading;
  reading.notes = [](const std::string& where, const std::string& what) {
    std::cerr << "zoneperf: note: " << where << ": " << what << '\n';
  };
  const std::map<std::string, zoneperf::text_encoding> encodings{
      {"utf-8", zoneperf::text_encoding::utf8}, {"gb18030", zoneperf::text_encoding::gb18030}};
  app.add_option(
         "--encoding", reading.encoding,
         "The encoding of CSV tables (default: UTF-8, or GB18030 for a file that is mostly not UTF-8)")
      ->transform(CLI::CheckedTransformer(encodings, CLI::ignore_case));
  bool bom = false;
  app.add_flag("--bom", bom,
               "CSV on standard output in the form Excel reads, as CSV files always are: a UTF-8 byte-order "
               "mark and CRLF line ends")
      ->each([](const std::string&) { zoneperf::cli::set_stdout_csv_form(zoneperf::csv_form::excel); });
  app.fallthrough();  // --encoding and --bom may follow the command's name
  const zoneperf::reading_scope scope(reading);
  zoneperf::cli::add_demo(app);
  for (auto adder : zoneperf::cli::commands()) adder(app);
  try {
    app.parse(argc, argv);
    if (!zoneperf::cli::output_for(zoneperf::cli::output_format::csv).flush() || !std::cout.flush())
      throw zoneperf::error(zoneperf::errc::cannot_write, "standard output", "cannot write");
  } catch (const CLI::ParseError& e) {
    // CLI11 prints its message (stdout for --help and --version, stderr for a usage error); a
    // usage error (a missing or unknown option, a bad value, a file that does not exist) exits with
    // 2 as bad input does, not with CLI11's own codes (105, 106, 109, ...).
    return app.exit(e) == 0 ? 0 : 2;
  } catch (const zoneperf::error& e) {
    std::cerr << "zoneperf: " << e.what() << '\n';
    // A program the command needs (the browser of --pdf) is missing or failed: not the input's fault.
    const bool program =
        e.code() == zoneperf::errc::program_missing || e.code() == zoneperf::errc::program_failed;
    return program ? 3 : 2;
  } catch (const std::exception& e) {
    std::cerr << "zoneperf: internal error: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
