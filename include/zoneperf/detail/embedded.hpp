#pragma once
// Files compiled into the library by cmake/embed.cmake (presets/*.json, samples/*).
#include <string_view>
#include <vector>

namespace zoneperf::detail {
struct embedded_file {
  std::string_view path;  // relative to the source root: "presets/task-force.json"
  std::string_view text;  // the bytes (a workbook under samples/ is binary)
};
const std::vector<embedded_file>& embedded_files();
}  // namespace zoneperf::detail
