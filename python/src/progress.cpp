// Progress callbacks from Python: callable(stage, done, total), called with the GIL held.
#include "common.hpp"

namespace zoneperf::python {

progress_callback progress_of(py::handle callable) {
  if (callable.is_none()) return {};
  if (!PyCallable_Check(callable.ptr()))
    throw py::type_error("progress must be None or a callable(stage: str, done: int, total: int)");
  // A borrowed handle: the Python call that received `callable` holds it while the library runs,
  // and the library calls back from that call's thread only (zoneperf/progress.hpp).
  return [callable](std::string_view stage, std::uint64_t done, std::uint64_t total) {
    py::gil_scoped_acquire gil;
    const auto name = py::reinterpret_steal<py::object>(
        PyUnicode_DecodeUTF8(stage.data(), static_cast<py::ssize_t>(stage.size()), "replace"));
    if (!name) throw py::error_already_set();
    callable(name, done, total);  // an exception propagates as py::error_already_set
  };
}

}  // namespace zoneperf::python
