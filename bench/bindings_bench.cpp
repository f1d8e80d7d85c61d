// The C++ side of bench/python_bench.py: the same call the Python module makes (task-force tree,
// default targets, 10^6 column-major units, group scores only, no ranks, one thread), with the
// result's storage reused (as engine_bench's task_force does) and with a fresh result per call
// (as zoneperf.assess without out= does).
//   cmake -S . -B build -DZONEPERF_BUILD_BENCH=ON && cmake --build build --target bench_bindings_bench
//   /usr/bin/python3 bench/python_bench.py --cxx build/bench/bench_bindings_bench
#include <benchmark/benchmark.h>

#include "task_force.hpp"
#include "zoneperf/presets.hpp"

using namespace zoneperf;

namespace {
using bench::fast_path;
using bench::random_values;

void reused_result(benchmark::State& state) {
  const auto tree = load_preset("task-force");
  const auto v = random_values(tree, state.range(0));
  assessment out;
  assess(tree, v, nullptr, out, fast_path());
  for (auto _ : state) {
    assess(tree, v, nullptr, out, fast_path());
    benchmark::DoNotOptimize(out.totals().data());
  }
  state.SetItemsProcessed(state.iterations() * v.rows());
}
BENCHMARK(reused_result)->Arg(1000000)->Unit(benchmark::kMillisecond);

void fresh_result(benchmark::State& state) {
  const auto tree = load_preset("task-force");
  const auto v = random_values(tree, state.range(0));
  for (auto _ : state) {
    assessment out = assess(tree, v, nullptr, fast_path());
    benchmark::DoNotOptimize(out.totals().data());
  }
  state.SetItemsProcessed(state.iterations() * v.rows());
}
BENCHMARK(fresh_result)->Arg(1000000)->Unit(benchmark::kMillisecond);
}  // namespace

BENCHMARK_MAIN();
