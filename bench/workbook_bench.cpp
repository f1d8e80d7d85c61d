// Reading an .xlsx values table from memory -> column-major values (the same table as csv_bench's,
// written with libxlsxwriter), and the sheet's rows of text cells alone. bench/xlsx_bench.py sets
// the same read beside pandas.read_excel.
#include <benchmark/benchmark.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <random>
#include <string>

#include "zoneperf/io/tables.hpp"
#include "zoneperf/presets.hpp"
#include "zoneperf/text/file.hpp"
#include "zoneperf/text/workbook.hpp"

namespace {
using namespace zoneperf;

// The bytes of an .xlsx values table of n units for `tree`: uniform [0, 100) with 4 decimals as
// numbers, veto items 0, written row by row (libxlsxwriter's constant memory mode).
std::string values_xlsx(const indicator_tree& tree, std::size_t n) {
  const std::string path = "/tmp/zoneperf-workbook-bench-" + std::to_string(::getpid()) + ".xlsx";
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  lxw_workbook* book = workbook_new_opt(path.c_str(), &options);
  lxw_worksheet* sheet = workbook_add_worksheet(book, "values");
  worksheet_write_string(sheet, 0, 0, "unit", nullptr);
  lxw_col_t c = 1;
  for (int k : tree.columns())
    worksheet_write_string(sheet, 0, c++, tree.node(static_cast<std::size_t>(k)).id.c_str(), nullptr);
  std::mt19937_64 rng(1);
  std::uniform_real_distribution<double> d(0, 100);
  char unit[32];
  for (std::size_t u = 0; u < n; ++u) {
    const auto row = static_cast<lxw_row_t>(u + 1);
    std::snprintf(unit, sizeof unit, "U%07zu", u + 1);
    worksheet_write_string(sheet, row, 0, unit, nullptr);
    c = 1;
    for (int k : tree.columns()) {
      const bool veto = tree.node(static_cast<std::size_t>(k)).kind == node_kind::veto;
      worksheet_write_number(
          sheet, row, c++, veto ? 0.0 : static_cast<double>(static_cast<long>(d(rng) * 1e4)) / 1e4, nullptr);
    }
  }
  if (workbook_close(book) != LXW_NO_ERROR) std::abort();
  std::string bytes = read_text_file(path);
  std::remove(path.c_str());
  return bytes;
}

void read_values_xlsx_bench(benchmark::State& state) {
  const auto tree = load_preset("task-force");
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::string bytes = values_xlsx(tree, n);
  for (auto _ : state) {
    auto v = read_values(tree, bytes, "values.xlsx");
    benchmark::DoNotOptimize(v.values.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
  state.SetComplexityN(state.range(0));
}
BENCHMARK(read_values_xlsx_bench)
    ->RangeMultiplier(10)
    ->Range(1000, 100000)
    ->Complexity(benchmark::oN)
    ->Unit(benchmark::kMillisecond);

void sheet_rows_bench(benchmark::State& state) {
  const auto tree = load_preset("task-force");
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::string bytes = values_xlsx(tree, n);
  for (auto _ : state) {
    xlsx_source src(std::string_view(bytes), "values.xlsx");
    std::size_t cells = 0;
    while (src.next()) cells += src.cells().size();
    benchmark::DoNotOptimize(cells);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
  state.SetComplexityN(state.range(0));
}
BENCHMARK(sheet_rows_bench)
    ->RangeMultiplier(10)
    ->Range(1000, 100000)
    ->Complexity(benchmark::oN)
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
