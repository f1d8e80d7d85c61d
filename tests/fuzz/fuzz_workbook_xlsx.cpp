// .xlsx bytes (the zip container, its XML parts, the cells): any bytes give rows of text cells or a
// zoneperf error, never a crash. The first sheet and one named "Second" are read, each both in one
// thread and split between two (every sheet split, however small): the rows and the error must be
// the same. Bytes that are not a zip are left out (they are CSV, fuzzed by the CSV targets), and so
// are .xls bytes: freexl is a library this project does not build.
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "zoneperf/error.hpp"
#include "zoneperf/text/workbook.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  using zoneperf::detail::table_format;
  if (zoneperf::detail::detect_table_format(bytes.substr(0, 8)) != table_format::xlsx) return 0;
  for (const char* name : {"fuzz.xlsx", "fuzz.xlsx#Second"}) {
    std::string seen[2];
    for (int split = 0; split < 2; ++split) {
      zoneperf::detail::xlsx_split_from = split ? 0 : std::numeric_limits<std::size_t>::max();
      std::string& out = seen[split];
      try {
        auto source = zoneperf::open_cells(bytes, name);
        while (source->next()) {
          out += std::to_string(source->line()) + ':';
          for (std::string_view c : source->cells()) out.append(c).push_back('|');
          out += '\n';
          if (source->rows_hint() > (std::size_t{1} << 40)) __builtin_trap();  // a hint never absurd
        }
      } catch (const zoneperf::error& e) {
        out += e.what();
      }
    }
    if (seen[0] != seen[1]) __builtin_trap();  // split or not, the same rows and error
  }
  return 0;
}
