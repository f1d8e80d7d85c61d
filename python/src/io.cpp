// CSV tables and reports: read_values / read_targets give numpy arrays that own the parsed
// matrix (moved, not copied); Assessment.to_json / to_csv / to_markdown are the CLI's reports.
#include "common.hpp"
#include "zoneperf/io/report.hpp"
#include "zoneperf/io/tables.hpp"
#include "zoneperf/text/reading.hpp"

namespace zoneperf::python {
namespace {

/// A Fortran-ordered numpy array owning `m` (moved to the heap, freed with the array).
py::array owning_array(Eigen::MatrixXd&& m) {
  auto* heap = new Eigen::MatrixXd(std::move(m));
  py::capsule owner(heap, [](void* p) { delete static_cast<Eigen::MatrixXd*>(p); });
  return py::array(
      py::dtype::of<double>(), {heap->rows(), heap->cols()},
      {static_cast<py::ssize_t>(sizeof(double)), static_cast<py::ssize_t>(sizeof(double)) * heap->rows()},
      heap->data(), owner);
}

/// The reading options for an `encoding` argument: "auto" (detect), "utf-8" or "gb18030" (also "gbk").
reading_options reading_of(const std::string& encoding) {
  reading_options o;
  if (encoding == "utf-8" || encoding == "utf8")
    o.encoding = text_encoding::utf8;
  else if (encoding == "gb18030" || encoding == "gbk")
    o.encoding = text_encoding::gb18030;
  else if (encoding != "auto")
    throw py::value_error("encoding must be \"auto\", \"utf-8\" or \"gb18030\", not \"" + encoding + "\"");
  return o;
}

}  // namespace

void export_io(py::module_& m) {
  m.def(
      "read_values",
      [](const indicator_tree& tree, const std::string& csv, const std::string& source, py::object progress,
         const std::string& encoding) {
        const reading_options o = reading_of(encoding);
        const reading_scope scope(o);
        values_table t = read_values(tree, csv, source, progress_of(progress));
        return py::make_tuple(t.units, owning_array(std::move(t.values)));
      },
      py::arg("tree"), py::arg("csv"), py::arg("source") = "<values>", py::arg("progress") = py::none(),
      py::arg("encoding") = "auto",
      "Parses a values table: CSV text, or the bytes of an .xlsx/.xls workbook (source 'book.xlsx#Sheet2' "
      "picks a "
      "sheet): (unit ids, units x tree.columns float64 array, Fortran order). "
      "progress: None or callable(stage, done, total), told 'reading <source>' in bytes.");
  m.def(
      "read_values_file",
      [](const indicator_tree& tree, const std::string& path, py::object progress,
         const std::string& encoding) {
        const reading_options o = reading_of(encoding);
        const reading_scope scope(o);
        values_table t = read_values_file(tree, path, progress_of(progress));
        return py::make_tuple(t.units, owning_array(std::move(t.values)));
      },
      py::arg("tree"), py::arg("path"), py::arg("progress") = py::none(), py::arg("encoding") = "auto",
      "Reads a values table from a CSV file or a workbook (.xlsx, .xls; 'book.xlsx#Sheet2' reads sheet "
      "Sheet2).");
  m.def(
      "read_targets",
      [](const indicator_tree& tree, const std::vector<std::string>& units, const std::string& csv,
         const std::string& source, py::object progress, const std::string& encoding) {
        const reading_options o = reading_of(encoding);
        const reading_scope scope(o);
        targets_table t = read_targets(tree, units, csv, source, progress_of(progress));
        return py::make_tuple(t.leaf_ids, owning_array(std::move(t.values)));
      },
      py::arg("tree"), py::arg("units"), py::arg("csv"), py::arg("source") = "<targets>",
      py::arg("progress") = py::none(), py::arg("encoding") = "auto",
      "Parses a targets CSV (text) for the units of a values table: (leaf ids, units x leaf ids array; NaN = "
      "default).");
  m.def(
      "read_targets_file",
      [](const indicator_tree& tree, const std::vector<std::string>& units, const std::string& path,
         py::object progress, const std::string& encoding) {
        const reading_options o = reading_of(encoding);
        const reading_scope scope(o);
        targets_table t = read_targets_file(tree, units, path, progress_of(progress));
        return py::make_tuple(t.leaf_ids, owning_array(std::move(t.values)));
      },
      py::arg("tree"), py::arg("units"), py::arg("path"), py::arg("progress") = py::none(),
      py::arg("encoding") = "auto",
      "Reads a targets table from a CSV file or a workbook. encoding: 'auto' (UTF-8, else GB18030 when\n"
      "most of the text is not UTF-8), 'utf-8' or 'gb18030', for CSV.");

  m.def(
      "_scorecard_json",
      [](const indicator_tree& tree, py::handle values, py::handle target_values,
         std::optional<std::vector<std::string>> target_ids, std::optional<std::vector<std::string>> units) {
        prepared in;
        prepare(in, values, target_values, target_ids, units, 1);
        std::vector<std::string> names = in.names();
        assess_options opt;
        opt.unit_ids = &names;
        const assessment r = assess(tree, in.values.view, in.target_ptr(), opt);
        std::vector<std::size_t> all(names.size());
        for (std::size_t u = 0; u < all.size(); ++u) all[u] = u;
        const auto leaves = explain(tree, in.values.view, in.target_ptr(), all, opt);
        return report_json(tree, r, names, &leaves);
      },
      py::arg("tree"), py::arg("values"), py::arg("target_values") = py::none(),
      py::arg("target_ids") = py::none(), py::arg("units") = py::none());

  auto cls =
      py::reinterpret_borrow<py::class_<result_holder, std::shared_ptr<result_holder>>>(m.attr("Assessment"));
  const auto names = [](const result_holder& h) {
    std::vector<std::string> u;
    for (std::ptrdiff_t i = 0; i < h.result.units(); ++i) u.push_back(h.unit_name(i));
    return u;
  };
  cls.def(
         "to_json",
         [names](const result_holder& h, int indent) {
           return report_json(h.tree, h.result, names(h), nullptr, indent);
         },
         py::arg("indent") = 2, "The JSON report, as `zoneperf assess --format json` writes it.")
      .def("to_csv", [names](const result_holder& h) { return report_csv(h.tree, h.result, names(h)); })
      .def("to_markdown",
           [names](const result_holder& h) { return report_markdown(h.tree, h.result, names(h)); });
}

}  // namespace zoneperf::python
