// Tree files: any bytes give a valid tree or zoneperf problems, never a crash; a valid tree
// saves and loads back to the same text.
#include <cstdint>
#include <string_view>

#include "zoneperf/tree.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (!zoneperf::validate_tree_json(text, "fuzz").empty()) return 0;
  const auto tree = zoneperf::indicator_tree::from_json(text, "fuzz");
  const std::string saved = tree.to_json();
  if (zoneperf::indicator_tree::from_json(saved, "saved").to_json() != saved) __builtin_trap();
  return 0;
}
