// Compile-fail case: report_data's parsed inputs are a type of the library's sources, not of its
// public headers, so a program cannot reach them; only the writers of io/reports.hpp read them.
// Built twice by ctest: as is (must compile) and with ZONEPERF_COMPILE_FAIL (must not).
#include <zoneperf/io/reports.hpp>

bool sections_of(const zoneperf::report_data& data) {
  return data.has_pay() || data.has_land() || data.has_projects();
}

int main() {
#ifdef ZONEPERF_COMPILE_FAIL
  const zoneperf::report_data* data = nullptr;
  (void)data->model();
#endif
  return 0;
}
