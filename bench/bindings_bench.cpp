// The C++ side of bench/python_bench.py: the same call the Python module makes (task-force tree,
// default targets, 10^6 column-major units, group scores only, no ranks, one thread), with the
// result's storage reused (as engine_bench's task_force does) and with a fresh result per call
// (as zoneperf.assess without out= does).
//   cmake -S . -B build -DZONEPERF_BUILD_BENCH=ON && cmake --build build --target bench_bindings_bench
//   /usr/bin/python3 bench/python_bench.py --cxx build/bench/bench_bindings_bench
#include <benchmark/benchmark.h>

#include <random>

#include "zoneperf/assess.hpp"
#include "zoneperf/presets.hpp"

using namespace zoneperf;

namespace {
// Uniform [0, 100) in every column, veto items 0: the distribution python_bench.py uses.
Eigen::MatrixXd random_values(const indicator_tree& tree, Eigen::Index n) {
  std::mt19937_64 rng(1);
  std::uniform_real_distribution<double> d(0, 100);
  Eigen::MatrixXd v(n, static_cast<Eigen::Index>(tree.columns().size()));
  for (Eigen::Index j = 0; j < v.cols(); ++j) {
    const node& nd = tree.node(static_cast<std::size_t>(tree.columns()[static_cast<std::size_t>(j)]));
    for (Eigen::Index i = 0; i < n; ++i) v(i, j) = nd.kind == node_kind::veto ? 0.0 : d(rng);
  }
  return v;
}

assess_options options() {
  assess_options o;
  o.keep = node_scores::groups;
  o.ranks = ranking::off;
  return o;
}

void reused_result(benchmark::State& state) {
  const auto tree = load_preset("task-force");
  const auto v = random_values(tree, state.range(0));
  assessment out;
  assess(tree, v, nullptr, out, options());
  for (auto _ : state) {
    assess(tree, v, nullptr, out, options());
    benchmark::DoNotOptimize(out.totals().data());
  }
  state.SetItemsProcessed(state.iterations() * v.rows());
}
BENCHMARK(reused_result)->Arg(1000000)->Unit(benchmark::kMillisecond);

void fresh_result(benchmark::State& state) {
  const auto tree = load_preset("task-force");
  const auto v = random_values(tree, state.range(0));
  for (auto _ : state) {
    assessment out = assess(tree, v, nullptr, options());
    benchmark::DoNotOptimize(out.totals().data());
  }
  state.SetItemsProcessed(state.iterations() * v.rows());
}
BENCHMARK(fresh_result)->Arg(1000000)->Unit(benchmark::kMillisecond);
}  // namespace

BENCHMARK_MAIN();
