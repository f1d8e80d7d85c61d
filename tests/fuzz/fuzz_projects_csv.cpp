// Project registries and admission candidates: never a crash.
#include <cstdint>
#include <string_view>

#include "zoneperf/pipeline/admission.hpp"
#include "zoneperf/pipeline/registry.hpp"
#include "zoneperf/text/csv.hpp"
#include "zoneperf/text/file.hpp"
#include "zoneperf/text/number.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    zoneperf::read_projects(text, "fuzz.csv");
  } catch (const zoneperf::error&) {
  }
  try {
    zoneperf::read_candidates(zoneperf::read_csv(text, "fuzz.csv"));
  } catch (const zoneperf::error&) {
  }
  return 0;
}
