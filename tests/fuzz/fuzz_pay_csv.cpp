// Staff rosters and award events: never a crash.
#include <cstdint>
#include <string_view>

#include "zoneperf/pay/inputs.hpp"
#include "zoneperf/text/csv.hpp"
#include "zoneperf/text/file.hpp"
#include "zoneperf/text/number.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const auto csv =
        zoneperf::read_csv(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.csv");
    try {
      zoneperf::read_staff(csv);
    } catch (const zoneperf::error&) {
    }
    zoneperf::read_events(csv);
  } catch (const zoneperf::error&) {
  }
  return 0;
}
