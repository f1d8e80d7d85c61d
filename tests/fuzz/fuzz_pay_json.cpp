// Pay policy and scorecard JSON: any bytes give a value or zoneperf problems, never a crash.
#include <cstdint>
#include <string_view>

#include "zoneperf/io/report.hpp"
#include "zoneperf/pay/policy.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto policy = zoneperf::pay_policy::from_json(text, "fuzz.json");
    zoneperf::pay_policy::from_json(policy.to_json(), "saved.json");
  } catch (const zoneperf::error&) {
  }
  try {
    zoneperf::read_scorecard(text, "fuzz.json");
  } catch (const zoneperf::error&) {
  }
  return 0;
}
