// AHP pairwise matrices (decimals and fractions) and criteria tables: never a crash; a matrix that
// reads gives weights or a zoneperf error.
#include <cstdint>
#include <string_view>

#include "zoneperf/weights/ahp.hpp"
#include "zoneperf/weights/methods.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto m = zoneperf::read_pairwise_csv(text, "fuzz.csv");
    if (m.a.rows() <= 64) zoneperf::ahp(m);
  } catch (const zoneperf::error&) {
  }
  try {
    zoneperf::read_criteria_csv(text, "fuzz.csv");
  } catch (const zoneperf::error&) {
  }
  return 0;
}
