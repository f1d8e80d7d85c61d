// The land module's JSON files (land configs, class schemes, gate thresholds): any bytes give a
// value or zoneperf problems, never a crash; nesting past 128 levels is error 102.
#include <cstdint>
#include <string_view>

#include "zoneperf/land/classes.hpp"
#include "zoneperf/land/evaluation.hpp"
#include "zoneperf/land/gates.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    zoneperf::land_config_from_json(text, "fuzz.json");
  } catch (const zoneperf::error&) {
  }
  try {
    zoneperf::class_scheme_from_json(text, "fuzz.json");
  } catch (const zoneperf::error&) {
  }
  try {
    zoneperf::land_gate_thresholds_from_json(text, "fuzz.json");
  } catch (const zoneperf::error&) {
  }
  return 0;
}
