// .xlsx bytes (the zip container, its XML parts, the cells): any bytes give rows of text cells or a
// zoneperf error, never a crash. The first sheet and one named "Second" are read. Bytes that are
// not a zip are left out (they are CSV, fuzzed by the CSV targets), and so are .xls bytes: freexl is
// a library this project does not build.
#include <cstdint>
#include <string_view>

#include "zoneperf/error.hpp"
#include "zoneperf/text/workbook.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  using zoneperf::detail::table_format;
  if (zoneperf::detail::detect_table_format(bytes.substr(0, 8)) != table_format::xlsx) return 0;
  for (const char* name : {"fuzz.xlsx", "fuzz.xlsx#Second"}) {
    try {
      auto source = zoneperf::open_cells(bytes, name);
      std::size_t cells = 0;
      while (source->next()) {
        cells += source->cells().size();
        if (source->rows_hint() > (std::size_t{1} << 40)) __builtin_trap();  // a hint never absurd
      }
      if (cells > 0) (void)source->where(0);
    } catch (const zoneperf::error&) {
    }
  }
  return 0;
}
