// The compiled part of the `zoneperf` Python package. The pure-Python zoneperf/__init__.py adds the
// pandas conveniences on top of it.
#include "common.hpp"

#ifndef ZONEPERF_VERSION
#define ZONEPERF_VERSION "0"
#endif

PYBIND11_MODULE(_core, m) {
  using namespace zoneperf::python;
  m.doc() = "zoneperf: performance assessment for development zones (compiled core)";
  m.attr("__version__") = ZONEPERF_VERSION;
  export_errors(m);
  export_tree(m);
  export_assess(m);
  export_io(m);
  export_land(m);
  export_pay(m);
  export_projects(m);
  export_weights(m);
  export_reports(m);
  export_periods(m);
}
