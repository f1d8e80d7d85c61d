// The report's JSON inputs: the bytes as the scorecard, then as the pay, land and projects input
// beside the sample scorecard. Any bytes give a report (rendered as HTML and Markdown) or zoneperf
// problems, never a crash; nesting past 128 levels is error 102.
#include <cstdint>
#include <string>
#include <string_view>

#include "zoneperf/io/reports.hpp"
#include "zoneperf/presets.hpp"

namespace {
void try_report(const zoneperf::report_inputs& in) {
  try {
    const auto data = zoneperf::report_data::parse(in);
    zoneperf::report_html(data);
    zoneperf::report_markdown(data);
  } catch (const zoneperf::error&) {
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  zoneperf::report_inputs in;
  in.scorecard = text;
  try_report(in);
  in.scorecard = std::string(zoneperf::sample_file("pay/scorecard.json"));
  for (std::string zoneperf::report_inputs::*part :
       {&zoneperf::report_inputs::pay, &zoneperf::report_inputs::land, &zoneperf::report_inputs::projects}) {
    zoneperf::report_inputs one = in;
    one.*part = text;
    try_report(one);
  }
  return 0;
}
