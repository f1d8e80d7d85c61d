// Reading tables: CSV values and targets text in memory -> column-major values (bytes per second).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <random>
#include <string>

#include "zoneperf/io/tables.hpp"
#include "zoneperf/presets.hpp"
#include "zoneperf/text/csv.hpp"

namespace {
using namespace zoneperf;

// A values table of n units for `tree`: uniform [0, 100) with 4 decimals, veto items 0.
std::string values_csv(const indicator_tree& tree, std::size_t n) {
  std::mt19937_64 rng(1);
  std::uniform_real_distribution<double> d(0, 100);
  std::string s = "unit";
  for (int c : tree.columns()) s += "," + tree.node(static_cast<std::size_t>(c)).id;
  s += "\n";
  char buf[32];
  for (std::size_t u = 0; u < n; ++u) {
    std::snprintf(buf, sizeof buf, "U%07zu", u + 1);
    s += buf;
    for (int c : tree.columns()) {
      const bool veto = tree.node(static_cast<std::size_t>(c)).kind == node_kind::veto;
      std::snprintf(buf, sizeof buf, ",%.4f", veto ? 0.0 : d(rng));
      s += buf;
    }
    s += "\n";
  }
  return s;
}

void read_values_bench(benchmark::State& state) {
  const auto tree = load_preset("task-force");
  const std::string text = values_csv(tree, static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    auto v = read_values(tree, text, "values.csv");
    benchmark::DoNotOptimize(v.values.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(read_values_bench)->Arg(100000)->Unit(benchmark::kMillisecond);

void tokenize_bench(benchmark::State& state) {
  const auto tree = load_preset("task-force");
  const std::string text = values_csv(tree, static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    csv_source src(text, "values.csv");
    std::size_t cells = 0;
    while (src.next()) cells += src.cells().size();
    benchmark::DoNotOptimize(cells);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(tokenize_bench)->Arg(100000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
