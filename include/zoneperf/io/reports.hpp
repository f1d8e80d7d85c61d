#pragma once
/// Reports a person reads: one self-contained HTML file with charts, an auditor's Excel workbook
/// whose derived cells are live formulas, Markdown for a terminal or a pull request, and CSV
/// exports of every table (UTF-8 with a BOM, so that Excel opens Chinese text correctly).
///
/// Synopsis
///   struct report_inputs;        // the JSON results as the commands print them (--format json)
///   struct report_sections;      // the sections as results (types, no JSON) beside a scorecard
///     std::optional<report_pay> pay;                  // pay_result + staff + pay_policy
///     std::optional<report_land> land;                // tree + land_config + records + land_evaluation
///     std::optional<report_projects> projects;        // a monthly_check (+ projects_headline)
///     std::optional<report_uncertainty> uncertainty;  // uncertainty_result + its options
///     std::optional<report_series> series;            // assessment_series + its tree
///     std::optional<year_of_faces> faces;
///     std::optional<class_migration> migration;
///   class report_data;           // parsed and checked inputs; build once, write every format
///   report_data(const scorecard&, const report_sections& = {});   // results as they are
///   report_data::parse(const report_inputs&, const indicator_tree* = nullptr);  // JSON texts
///   std::string report_html(const report_data&);
///   workbook_manifest write_report_workbook(const report_data&, const std::string& path,
///                                           const workbook_options& = {});
///   std::string report_markdown(const report_data&);
///   std::vector<report_table> report_tables(const report_data&);   // every table, for CSV
///   std::string table_csv(const report_table&, csv_form = csv_form::plain);
///   std::vector<std::string> write_reports(const report_data&, const std::string& dir);
///
/// Inputs: the scorecard (required) is `zoneperf assess --format json --explain all` (the JSON of
/// report_json with every leaf explained); pay, land and projects are optional and each adds its
/// section when given: `zoneperf pay --format json`, `zoneperf land --format json`, and
/// `zoneperf projects month --format json` (or the demo's projects result with its faces); so do
/// the sections over periods: `zoneperf series --format json` (trend chart, a sheet whose Δ score
/// and Δ rank are formulas), `zoneperf projects faces YEAR --format json` (the year of faces) and
/// `zoneperf land --previous … --format json` (the class migration matrix and moves).
/// The scorecard's tree is the one given, else the preset named by its "tree" field. In a program
/// that has the results (make_scorecard, allocate_pay, evaluate_land, check_month, ...), give them
/// as they are (report_sections): nothing goes through JSON text, and the reports are the same as
/// from the JSON those results print.
///
/// Nothing in the HTML points outside the file: styles and SVG charts are inline, and the page is
/// well-formed XML (XHTML syntax), so any XML parser can check it; in user text, what XML or HTML
/// does not allow (noncharacters, control characters, bytes that are not UTF-8) is replaced by
/// U+FFFD (text/markup.hpp). The Markdown escapes HTML (& < >) and table syntax (| \) in user text;
/// the CSV tables neutralise text a spreadsheet would run as a formula (csv_for::people).
/// The workbook: each derived cell is an Excel formula over input cells (ratio = actual/target,
/// fraction = MIN(MAX(ratio,0),cap), points = fraction*max, group and total scores as sums of a
/// unit's leaves, pay shares, ...) with the library's value cached, so Excel or LibreOffice shows
/// the same numbers and recomputes them from the inputs.
/// Errors: a malformed or inconsistent input throws zoneperf::error (101 JSON syntax, 201 missing
/// field, 202 wrong type, 216 unknown preset, 304 unknown node, 306 a unit twice, 316 a pay task
/// force or person, or an uncertainty unit, that is not a unit of the scorecard, 318 scorecard
/// numbers that disagree: see read_scorecard in io/report.hpp); a title that is not UTF-8 or holds
/// a control character, 217; a workbook cell longer than Excel holds (32 767 characters of text,
/// 8 192 of formula), 319 naming the sheet, cell, unit and column; a file that cannot be written, 402.
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "zoneperf/land/evaluation.hpp"
#include "zoneperf/land/migration.hpp"
#include "zoneperf/pay/allocate.hpp"
#include "zoneperf/pipeline/monthly_check.hpp"
#include "zoneperf/pipeline/year_faces.hpp"
#include "zoneperf/scorecard.hpp"
#include "zoneperf/series.hpp"
#include "zoneperf/text/csv.hpp"
#include "zoneperf/tree.hpp"
#include "zoneperf/weights/uncertainty.hpp"

namespace zoneperf {

/// The language of every label of the reports (headings, headers, notes, sheet names): Chinese by
/// default. Ids, user text (unit, indicator and grade names) and the JSON keep their own text.
enum class report_lang { zh, en };
/// "zh" or "en".
const char* to_string(report_lang lang) noexcept;

/// JSON texts as the commands print them; an empty string leaves its section out.
struct report_inputs {
  std::string scorecard;    ///< required: report_json with every leaf explained (read by read_scorecard)
  std::string pay;          ///< optional: pay_json
  std::string land;         ///< optional: land_report_json
  std::string projects;     ///< optional: `projects month` JSON (or the demo's faces)
  std::string uncertainty;  ///< optional: `zoneperf uncertainty --format json` (the robustness section)
  std::string series;       ///< optional: `zoneperf series --format json` (the trend over the periods)
  std::string faces;        ///< optional: `zoneperf projects faces YEAR --format json` (the year of faces)
  std::string migration;    ///< optional: `zoneperf land --previous … --format json` (the class migration)
  std::string title;        ///< empty: the tree's name; one line of UTF-8 without control characters (217)
  report_lang lang = report_lang::zh;  ///< the labels' language
};

/// The pay section: an allocation and what it was made from (what pay_json takes).
struct report_pay {
  pay_result result;
  std::vector<staff_member> staff;  ///< as given to allocate_pay (result.people index it)
  pay_policy policy;
};

/// The 亩均 section: an evaluation and what it was made from (what land_report_json takes).
struct report_land {
  indicator_tree tree;
  land_config config;
  std::vector<land_record> records;
  land_evaluation evaluation;
};

/// The registry's figures of a period for the page's headline (the demo's are of 2020).
struct projects_headline {
  std::int64_t signed_projects = 0;  ///< projects that entered "signed"
  double signed_investment_yi = 0;   ///< 亿元
  std::int64_t landed = 0;           ///< projects that entered "landed"
  std::int64_t key_projects = 0;
  double foreign_capital_wan_usd = 0;                                   ///< 万美元
  double investment_per_mu = std::numeric_limits<double>::quiet_NaN();  ///< 万元/亩; NaN: no card
  double tax_per_mu = std::numeric_limits<double>::quiet_NaN();         ///< 万元/亩; NaN: no card
};

/// What the projects section shows of each task force: its face and the month's intent, signed
/// and landed against their targets with the targets missed, or the face alone.
enum class projects_detail { figures, faces_only };

/// The projects section: a month's check (check_month), and optionally the headline figures.
struct report_projects {
  monthly_check check;  ///< at least one task force (else 201, as for the JSON)
  projects_detail detail = projects_detail::figures;
  std::optional<projects_headline> headline;
};

/// The robustness section: the summaries of an analysis (histograms are not read) and the options
/// it ran with (the method, ±percent and seed shown beside it).
struct report_uncertainty {
  uncertainty_result result;  ///< its units must be units of the scorecard (316)
  uncertainty_options options;
};

/// The trend section: a series and the tree it was scored with (its grades' labels). Its units
/// need not be the scorecard's: the trend is the series' own.
struct report_series {
  assessment_series series;
  indicator_tree tree;
};

/// The sections beside a scorecard, as the results themselves: no JSON text on the way. An empty
/// optional leaves its section out. Each gives the reports what the JSON of report_inputs gives.
struct report_sections {
  std::optional<report_pay> pay;  ///< its task forces and people must be units of the scorecard (316)
  std::optional<report_land> land;
  std::optional<report_projects> projects;
  std::optional<report_uncertainty> uncertainty;
  std::optional<report_series> series;       ///< a trend chart and a sheet with Δ formulas
  std::optional<year_of_faces> faces;        ///< check_year: 12 months × task forces
  std::optional<class_migration> migration;  ///< migrate_classes: the class migration matrix and moves
  std::string title;                         ///< empty: the tree's name
  report_lang lang = report_lang::zh;        ///< the labels' language
};

struct report_table;
struct workbook_manifest;
struct workbook_options;

/// Parsed and cross-checked report inputs (immutable, cheap to copy). What it holds is private: the
/// writers below read it.
class report_data {
 public:
  /// From a scorecard that explains every leaf of every unit, and the sections given as results;
  /// pay's task forces and people, and the uncertainty's units, must be units of the scorecard (316).
  explicit report_data(const scorecard& card, const report_sections& sections = {});
  /// Reads the scorecard with read_scorecard (its checks; `tree` may be null, then the preset
  /// named by the scorecard's "tree"), then each section's JSON with its checks (see above).
  static report_data parse(const report_inputs& inputs, const indicator_tree* tree = nullptr);

  bool has_pay() const;
  bool has_land() const;
  bool has_projects() const;
  bool has_uncertainty() const;
  bool has_series() const;
  bool has_faces_year() const;
  bool has_migration() const;
  report_lang lang() const;

 private:
  struct model;  // the parsed inputs, defined with the writers in the library's sources
  explicit report_data(std::shared_ptr<const model> m);
  std::shared_ptr<const model> model_;

  friend std::string report_html(const report_data& data);
  friend workbook_manifest write_report_workbook(const report_data& data, const std::string& path,
                                                 const workbook_options& options);
  friend std::string report_markdown(const report_data& data);
  friend std::vector<report_table> report_tables(const report_data& data);
};

/// The HTML report (UTF-8, self-contained, print-friendly).
std::string report_html(const report_data& data);

/// Whether the workbook caches the library's values in its formula cells, or zeros (for a test
/// that proves a spreadsheet recomputes every formula from its inputs).
enum class cached_values { library, zero };

struct workbook_options {
  cached_values cache = cached_values::library;
};

/// One formula cell of a written workbook and the value the library computed for it.
struct workbook_formula {
  std::string sheet;
  int row = 0;               ///< 0-based
  int col = 0;               ///< 0-based
  std::string formula;       ///< without the leading '='
  bool is_text = false;      ///< text result (a grade, a label) rather than a number
  double number = 0;         ///< the library's value (is_text false)
  std::string text;          ///< the library's value (is_text true)
  double tolerance = 0;      ///< absolute difference allowed when recomputed (decimal rounding in the source)
  std::string cell() const;  ///< "B7"
};

/// Every formula cell written, sheet by sheet.
struct workbook_manifest {
  std::vector<std::string> sheets;        ///< the table sheets, in the workbook's order
  std::vector<std::string> chart_sheets;  ///< the sheets holding a chart (no cells)
  std::vector<workbook_formula> formulas;
};

/// Writes the auditor's workbook (one sheet per table); error 402 when it cannot be written.
workbook_manifest write_report_workbook(const report_data& data, const std::string& path,
                                        const workbook_options& options = {});

/// The whole report as Markdown (scorecard, explanations, and the sections given).
std::string report_markdown(const report_data& data);

/// A table of the report: a file name stem ("scorecard", "leaves", "pay_people", ...), a header
/// and rows of text (numbers written so they read back to the same double).
struct report_table {
  std::string name;
  std::string title;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

/// Every table of the report, in the order of the sheets of the workbook.
std::vector<report_table> report_tables(const report_data& data);

/// RFC 4180 CSV, UTF-8: LF line ends and no byte-order mark by default, or csv_form::excel for the
/// byte-order mark and CRLF (the form of the report_*.csv files; text/csv.hpp). A table for people,
/// so text a spreadsheet would run as a formula gets a leading ' (csv_for::people).
std::string table_csv(const report_table& table, csv_form form = csv_form::plain);

/// Writes report.html, report.xlsx, report.md and one report_<table>.csv per table into `dir`
/// (created if missing); returns the paths written, in that order.
std::vector<std::string> write_reports(const report_data& data, const std::string& dir);

}  // namespace zoneperf
