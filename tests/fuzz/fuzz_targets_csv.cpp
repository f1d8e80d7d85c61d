// Targets tables (and the raw CSV reader underneath): never a crash.
#include <cstdint>
#include <string_view>

#include "zoneperf/io/tables.hpp"
#include "zoneperf/presets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto tree = zoneperf::load_preset("task-force");
  static const std::vector<std::string> units{"甲", "乙"};
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    zoneperf::read_csv(text, "raw.csv");
  } catch (const zoneperf::error&) {
  }
  try {
    zoneperf::read_targets(tree, units, text, "fuzz.csv");
  } catch (const zoneperf::error&) {
  }
  return 0;
}
