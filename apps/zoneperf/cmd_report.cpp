// zoneperf report, and the reports step of the demo (order 90): HTML, workbook, Markdown, CSV.
#include <iostream>

#include "cli.hpp"
#include "pdf.hpp"
#include "zoneperf/io/reports.hpp"
#include "zoneperf/text/csv.hpp"
#include "zoneperf/text/file.hpp"
#include "zoneperf/text/number.hpp"

namespace zoneperf::cli {
namespace {

struct report_args {
  std::string scorecard, pay, land, projects, uncertainty, series, faces, migration, tree, title, out_dir;
  report_lang lang = report_lang::zh;
  pdf_request pdf;
};

void print_paths(std::ostream& out, const std::vector<std::string>& paths) {
  out << "wrote";
  for (const auto& p : paths) out << "\n  " << p;
  out << "\n";
}

void run_report(const report_args& a) {
  report_inputs in;
  in.scorecard = read_text_file(a.scorecard);
  if (!a.pay.empty()) in.pay = read_text_file(a.pay);
  if (!a.land.empty()) in.land = read_text_file(a.land);
  if (!a.projects.empty()) in.projects = read_text_file(a.projects);
  if (!a.uncertainty.empty()) in.uncertainty = read_text_file(a.uncertainty);
  if (!a.series.empty()) in.series = read_text_file(a.series);
  if (!a.faces.empty()) in.faces = read_text_file(a.faces);
  if (!a.migration.empty()) in.migration = read_text_file(a.migration);
  in.title = a.title;
  in.lang = a.lang;
  if (a.tree.empty()) {
    print_paths(std::cout, write_reports(report_data::parse(in), a.out_dir));
  } else {
    const indicator_tree tree = indicator_tree::from_file(a.tree);
    print_paths(std::cout, write_reports(report_data::parse(in, &tree), a.out_dir));
  }
  if (a.pdf.pdf) print_report_pdf(std::cout, a.out_dir, a.pdf.size);
}

void add_report_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "report",
      "Write report.html, report.xlsx (live formulas), report.md and CSV tables from saved JSON results");
  static report_args a;
  cmd->add_option("--scorecard", a.scorecard, "Scorecard JSON: `zoneperf assess --format json --explain all`")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--pay", a.pay, "Pay JSON: `zoneperf pay --format json`")->check(CLI::ExistingFile);
  cmd->add_option("--land", a.land, "亩均 JSON: `zoneperf land --format json`")->check(CLI::ExistingFile);
  cmd->add_option("--projects", a.projects, "Monthly check JSON: `zoneperf projects month --format json`")
      ->check(CLI::ExistingFile);
  cmd->add_option(
         "--uncertainty", a.uncertainty,
         "Rank robustness JSON: `zoneperf uncertainty --format json` (nominal rank, 5-95 % band, P(rank 1))")
      ->check(CLI::ExistingFile);
  cmd->add_option("--series", a.series,
                  "Series JSON: `zoneperf series --format json` (trend chart, a sheet with Δ formulas)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--faces", a.faces, "Year of faces JSON: `zoneperf projects faces YEAR --format json`")
      ->check(CLI::ExistingFile);
  cmd->add_option("--migration", a.migration,
                  "Class migration JSON: `zoneperf land --enterprises … --previous … --format json`")
      ->check(CLI::ExistingFile);
  cmd->add_option("--tree", a.tree, "The scorecard's tree file (default: the preset its JSON names)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--title", a.title, "Report title (default: the tree's name)");
  cmd->add_option("--out", a.out_dir, "Folder to write into (created if missing)")->required();
  add_lang_option(*cmd, a.lang);
  add_pdf_options(*cmd, a.pdf);
  cmd->callback([] { run_report(a); });
}

void demo_reports(demo_context& ctx) {
  if (!ctx.card) return;
  report_sections sections = ctx.sections;
  // The demo's title in the language of its labels (the zone's name stays as it is).
  sections.title = sections.lang == report_lang::en ? "聊城高新区 · 双招双引 performance report"
                                                    : "聊城高新区 · 双招双引绩效报告";
  ctx.out << "\nReports (a page with charts, an auditor's workbook with live formulas, Markdown, CSV):\n";
  print_paths(ctx.out, write_reports(report_data(*ctx.card, sections), ctx.out_dir));
}

const bool registered = add_command(&add_report_command);
const bool demo = add_demo_step(90, "reports", &demo_reports);

}  // namespace
}  // namespace zoneperf::cli
