// Values tables against the task-force preset: any bytes give a table (which then assesses or
// fails with a zoneperf error) or a zoneperf error, never a crash.
#include <cstdint>
#include <string_view>

#include "zoneperf/assess.hpp"
#include "zoneperf/io/tables.hpp"
#include "zoneperf/presets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto tree = zoneperf::load_preset("task-force");
  try {
    const auto v =
        zoneperf::read_values(tree, std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.csv");
    zoneperf::assess_options opt;
    opt.unit_ids = &v.units;
    zoneperf::assess(tree, v.values, nullptr, opt);
  } catch (const zoneperf::error&) {
  }
  return 0;
}
