// Scorecard JSON (the pay command's input, `zoneperf assess --format json --explain all`): any
// bytes give a scorecard or zoneperf problems, never a crash; nesting past 128 levels is error 102.
#include <cstdint>
#include <string_view>

#include "zoneperf/io/report.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    zoneperf::read_scorecard(text, "fuzz.json");
  } catch (const zoneperf::error&) {
  }
  return 0;
}
