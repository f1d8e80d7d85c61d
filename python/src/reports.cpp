// Reports from Python: Report (HTML, the auditor's workbook, Markdown, the tables and their CSV)
// built from the JSON results of the other modules. zoneperf/__init__.py's report() turns result
// objects (PayRun, LandEvaluation, dicts) into that JSON text.
#include "zoneperf/io/reports.hpp"

#include "common.hpp"

namespace zoneperf::python {
namespace {

std::string path_of(py::handle p) { return py::module_::import("os").attr("fspath")(p).cast<std::string>(); }

py::dict manifest_dict(const workbook_manifest& m) {
  py::list formulas;
  for (const auto& f : m.formulas) {
    py::dict d;
    d["sheet"] = f.sheet;
    d["cell"] = f.cell();
    d["row"] = f.row;
    d["col"] = f.col;
    d["formula"] = f.formula;
    d["value"] = f.is_text ? py::object(py::str(f.text)) : py::object(py::float_(f.number));
    d["tolerance"] = f.tolerance;
    formulas.append(std::move(d));
  }
  py::dict out;
  out["sheets"] = m.sheets;
  out["chart_sheets"] = m.chart_sheets;
  out["formulas"] = std::move(formulas);
  return out;
}

}  // namespace

void export_reports(py::module_& m) {
  py::class_<report_table>(
      m, "ReportTable",
      "One table of a report: name (the CSV file stem, e.g. \"scorecard\"), title, header and "
      "rows of text (numbers written so that they read back to the same double).")
      .def_readonly("name", &report_table::name)
      .def_readonly("title", &report_table::title)
      .def_readonly("header", &report_table::header)
      .def_readonly("rows", &report_table::rows)
      .def(
          "csv",
          [](const report_table& t, bool bom) {
            return table_csv(t, bom ? csv_form::excel : csv_form::plain);
          },
          py::arg("bom") = false,
          "RFC 4180 CSV text with LF line ends; bom=True gives the form Excel reads (a UTF-8 BOM and CRLF), "
          "that of the report_*.csv files.")
      .def("__len__", [](const report_table& t) { return t.rows.size(); })
      .def("__repr__", [](const report_table& t) {
        return "<zoneperf.ReportTable " + t.name + ": " + std::to_string(t.header.size()) + " columns, " +
               std::to_string(t.rows.size()) + " rows>";
      });
  m.def(
      "table_csv",
      [](const report_table& t, bool bom) { return table_csv(t, bom ? csv_form::excel : csv_form::plain); },
      py::arg("table"), py::arg("bom") = false,
      "A report table as CSV text: LF line ends, or with bom=True a UTF-8 BOM and CRLF (for Excel).");

  py::class_<report_data>(
      m, "Report",
      "Parsed and cross-checked report inputs: build once with zoneperf.report(...), then "
      "write every format.")
      .def_property_readonly("has_pay", &report_data::has_pay)
      .def_property_readonly("has_land", &report_data::has_land)
      .def_property_readonly("has_projects", &report_data::has_projects)
      .def_property_readonly(
          "lang", [](const report_data& d) { return std::string(to_string(d.lang())); },
          "The language of the labels: \"zh\" or \"en\".")
      .def(
          "html",
          [](const report_data& d) {
            py::gil_scoped_release nogil;
            return report_html(d);
          },
          "The self-contained HTML report (well-formed XHTML, inline styles and SVG charts).")
      .def(
          "markdown",
          [](const report_data& d) {
            py::gil_scoped_release nogil;
            return report_markdown(d);
          },
          "The whole report as Markdown.")
      .def("tables", &report_tables,
           "Every table of the report (ReportTable), in the order of the workbook's sheets.")
      .def(
          "write_workbook",
          [](const report_data& d, py::handle path, bool zero_cache) {
            const std::string p = path_of(path);
            workbook_options o;
            o.cache = zero_cache ? cached_values::zero : cached_values::library;
            workbook_manifest man;
            {
              py::gil_scoped_release nogil;
              man = write_report_workbook(d, p, o);
            }
            return manifest_dict(man);
          },
          py::arg("path"), py::arg("zero_cache") = false,
          "Writes the auditor's workbook (.xlsx, derived cells as live formulas). Returns its manifest: "
          "{\"sheets\": [...], \"chart_sheets\": [...], \"formulas\": [{sheet, cell, row, col, formula, "
          "value, tolerance}, ...]}, "
          "value "
          "being the library's (cached unless zero_cache=True).")
      .def(
          "write",
          [](const report_data& d, py::handle dir) {
            const std::string p = path_of(dir);
            py::gil_scoped_release nogil;
            return write_reports(d, p);
          },
          py::arg("dir"),
          "Writes report.html, report.xlsx, report.md and report_<table>.csv into dir (created if missing); "
          "returns the paths written, in that order.");

  m.def(
      "_report",
      [](std::string scorecard, std::string pay, std::string land, std::string projects, std::string title,
         const indicator_tree* tree, const std::string& lang, std::string uncertainty, std::string series,
         std::string faces, std::string migration) {
        if (lang != "zh" && lang != "en")
          throw py::value_error("lang must be \"zh\" or \"en\", not \"" + lang + "\"");
        report_inputs in;
        in.scorecard = std::move(scorecard);
        in.pay = std::move(pay);
        in.land = std::move(land);
        in.projects = std::move(projects);
        in.uncertainty = std::move(uncertainty);
        in.series = std::move(series);
        in.faces = std::move(faces);
        in.migration = std::move(migration);
        in.title = std::move(title);
        in.lang = lang == "en" ? report_lang::en : report_lang::zh;
        return report_data::parse(in, tree);
      },
      py::arg("scorecard"), py::arg("pay"), py::arg("land"), py::arg("projects"), py::arg("title"),
      py::arg("tree").none(true), py::arg("lang") = "zh", py::arg("uncertainty") = "", py::arg("series") = "",
      py::arg("faces") = "", py::arg("migration") = "");
}

}  // namespace zoneperf::python
