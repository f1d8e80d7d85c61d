// zoneperf::error -> zoneperf.Error (or the subclass of its code's hundred), translated in this one
// place for the whole module. The exception carries .code, .where and .problems.
#include "common.hpp"
#include "zoneperf/error.hpp"

namespace zoneperf::python {
namespace {

// Created once at import and kept for the life of the interpreter (module-owned).
PyObject* base_error = nullptr;
PyObject* category_errors[10] = {};  // by code / 100

PyObject* new_class(py::module_& m, const char* name, PyObject* base, const char* doc) {
  const std::string qualified = std::string("zoneperf.") + name;
  PyObject* cls = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, base, nullptr);
  if (!cls) throw py::error_already_set();
  m.add_object(name, py::handle(cls));  // the module takes a reference
  return cls;
}

}  // namespace

void export_errors(py::module_& m) {
  py::class_<problem>(m, "Problem", "One thing wrong with the input: code, where, what.")
      .def(py::init([](int code, std::string where, std::string what) {
             return problem{code, std::move(where), std::move(what)};
           }),
           py::arg("code"), py::arg("where") = "", py::arg("what") = "")
      .def_readonly("code", &problem::code)
      .def_readonly("where", &problem::where)
      .def_readonly("what", &problem::what)
      .def("__str__", &format_problem)
      .def("__repr__", [](const problem& p) { return "<zoneperf.Problem " + format_problem(p) + ">"; })
      .def("__eq__", [](const problem& a, const problem& b) {
        return a.code == b.code && a.where == b.where && a.what == b.what;
      });
  m.def("format_problem", &format_problem, py::arg("problem"));
  m.def(
      "code_category", [](int code) { return std::string(code_category(code)); }, py::arg("code"));

  base_error = new_class(m, "Error", PyExc_Exception,
                         "A zoneperf error: .code (e.g. 301), .where (JSON pointer, file:line:column or "
                         "unit/indicator), .problems (every Problem found; .code/.where are the first's).");
  const struct {
    int hundred;
    const char* name;
    const char* doc;
  } subclasses[] = {
      {1, "ParseError", "1xx: JSON or CSV syntax and encoding."},
      {2, "ConfigError", "2xx: trees, policies, presets."},
      {3, "DataError", "3xx: values, targets, tables."},
      {4, "FileError", "4xx: files that cannot be read or written."},
      {5, "MoneyError", "5xx: money and area."},
      {6, "PayError", "6xx: pay policies and allocations."},
      {7, "ProjectError", "7xx: projects and periods."},
      {8, "WeightsError", "8xx: weights and uncertainty."},
      {9, "LandError", "9xx: land efficiency."},
  };
  for (const auto& s : subclasses) category_errors[s.hundred] = new_class(m, s.name, base_error, s.doc);

  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const error& e) {
      const int hundred = e.code() / 100;
      PyObject* cls =
          hundred >= 1 && hundred <= 9 && category_errors[hundred] ? category_errors[hundred] : base_error;
      py::object instance = py::reinterpret_steal<py::object>(PyObject_CallFunction(cls, "s", e.what()));
      if (!instance) return;  // the call set a Python error already
      instance.attr("code") = e.code();
      instance.attr("where") = e.where();
      instance.attr("problems") = py::cast(e.problems());
      PyErr_SetObject(cls, instance.ptr());
    }
  });
}

}  // namespace zoneperf::python
