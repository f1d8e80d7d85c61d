// Enterprise records for 亩均 evaluation: never a crash.
#include <cstdint>
#include <string_view>

#include "zoneperf/land/records.hpp"
#include "zoneperf/text/csv.hpp"
#include "zoneperf/text/file.hpp"
#include "zoneperf/text/number.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const auto csv =
        zoneperf::read_csv(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.csv");
    zoneperf::read_land_records(csv);
  } catch (const zoneperf::error&) {
  }
  return 0;
}
