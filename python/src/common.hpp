#pragma once
// Shared pieces of the Python module: one export_<module>() per library module, the zero-copy
// bridge between numpy arrays and zoneperf::matrix_view, and the result holder.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "zoneperf/assess.hpp"
#include "zoneperf/progress.hpp"
#include "zoneperf/tree.hpp"

namespace zoneperf::python {
namespace py = pybind11;

void export_errors(py::module_& m);
void export_tree(py::module_& m);
void export_assess(py::module_& m);
void export_io(py::module_& m);
void export_land(py::module_& m);
void export_pay(py::module_& m);
void export_projects(py::module_& m);
void export_weights(py::module_& m);
void export_reports(py::module_& m);
void export_periods(py::module_& m);

/// A float64 matrix as the engine sees it, plus the array that owns the memory (kept alive while
/// the view is used). Arrays whose rows or columns are contiguous are viewed, never copied; any
/// other array (another dtype, negative or odd strides) is converted once to a Fortran-ordered copy.
struct viewed_matrix {
  py::array array;
  matrix_view view;
  bool copied = false;
};
viewed_matrix view_matrix(py::handle obj, const char* what);

/// The engine's inputs from Python objects: values, optional targets with their leaf ids, unit ids.
/// Not copyable once prepared (options.unit_ids points at units).
struct prepared {
  viewed_matrix values;
  std::optional<viewed_matrix> target_values;
  target_table targets;
  std::vector<std::string> units;
  assess_options options;
  const target_table* target_ptr() const { return target_values ? &targets : nullptr; }
  /// The unit ids, or "#1", "#2", ... when none were given.
  std::vector<std::string> names() const;
};
void prepare(prepared& p, py::handle values, py::handle target_values,
             const std::optional<std::vector<std::string>>& target_ids,
             const std::optional<std::vector<std::string>>& units, int threads);

/// An assessment owned by Python, with the tree it was computed on and the unit ids given.
struct result_holder {
  indicator_tree tree;
  assessment result;
  std::vector<std::string> units;  ///< empty when none were given ("#1", "#2", ...)
  node_scores keep = node_scores::all;
  /// True while an assess call writes into it (out=), with the GIL released: a second call given
  /// the same out= meanwhile is refused (read and set only with the GIL held).
  bool in_use = false;
  std::string unit_name(std::ptrdiff_t u) const;
};

/// The library's progress callback for a Python callable(stage, done, total), or an empty one for
/// None (TypeError for anything else). It borrows `callable`: use it only during the Python call
/// that received it. It takes the GIL itself, so it may be called with the GIL released; what the
/// callable raises propagates out of the library call as py::error_already_set.
progress_callback progress_of(py::handle callable);

/// A numpy array over `data` that keeps `owner` alive and is read-only.
py::array readonly_view(py::dtype dt, std::vector<py::ssize_t> shape, std::vector<py::ssize_t> strides,
                        const void* data, py::handle owner);

/// A finite double, or None (missing values and rates of empty nodes, as in the JSON report).
py::object number_or_none(double v);

}  // namespace zoneperf::python
