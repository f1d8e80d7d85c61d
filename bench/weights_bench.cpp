// Uncertainty analysis at scale: N units x 17 leaves, K = 1000 weight sets, ranks included.
//
//   cmake --preset bench && cmake --build --preset bench -j2 && build-bench/bench/bench_weights_bench
//
// BM_scoring_product: the product fractions (N x 18: 17 leaves + the bonus/penalty column) x leaf
// points (18 x K), in blocks of 512 units x 64 weight sets as the analysis runs it; counter GFLOP/s = 2 N 18
// K / time. BM_uncertainty_analysis: the whole analysis (weight sets, product, quantisation, N-unit rank of
// each set, per-unit summaries and histograms) for K = 1000.
#include <benchmark/benchmark.h>

#include <random>

#include "zoneperf/presets.hpp"
#include "zoneperf/weights/uncertainty.hpp"

using namespace zoneperf;

namespace {

constexpr Eigen::Index kSets = 1000;
constexpr Eigen::Index kSetBlock = 64, kRowBlock = 512;  // as rank_job's defaults

// Synthetic inputs shaped like the task-force scorecard: fractions in [0, 1.2), bonuses 0-8,
// penalties 0-3, no vetoes.
scoring_inputs synthetic_inputs(const indicator_tree& tree, Eigen::Index n) {
  std::mt19937_64 g(7);
  std::uniform_real_distribution<double> f(0.0, 1.2);
  std::uniform_int_distribution<int> bonus(0, 2), penalty(0, 3);
  scoring_inputs in;
  for (int c : tree.columns()) {
    if (tree.node(static_cast<std::size_t>(c)).kind == node_kind::leaf) in.leaves.push_back(c);
  }
  in.fractions.resize(n, static_cast<Eigen::Index>(in.leaves.size()));
  in.offsets.resize(n);
  in.vetoed.assign(static_cast<std::size_t>(n), 0);
  for (Eigen::Index u = 0; u < n; ++u) {
    in.units.push_back("u" + std::to_string(u));
    for (Eigen::Index l = 0; l < in.fractions.cols(); ++l) in.fractions(u, l) = f(g);
    in.offsets[u] = 4.0 * bonus(g) - penalty(g);
  }
  return in;
}

void BM_scoring_product(benchmark::State& state) {
  const Eigen::Index n = state.range(0);
  const indicator_tree tree = load_preset("task-force");
  const scoring_inputs in = synthetic_inputs(tree, n);
  const Eigen::Index depth = in.fractions.cols() + 1;
  Eigen::MatrixXd f(n, depth);
  f << in.fractions, in.offsets;
  uncertainty_options o;
  o.samples = kSets - 1;
  const Eigen::MatrixXd np = sample_node_points(tree, o);
  Eigen::MatrixXd e(depth, kSets);
  for (Eigen::Index l = 0; l < depth - 1; ++l) e.row(l) = np.row(in.leaves[static_cast<std::size_t>(l)]);
  e.row(depth - 1).setOnes();
  Eigen::MatrixXd scores;
  for (auto _ : state) {
    for (Eigen::Index k0 = 0; k0 < kSets; k0 += kSetBlock) {
      for (Eigen::Index r0 = 0; r0 < n; r0 += kRowBlock) {
        detail::scoring_product(f.middleRows(r0, std::min<Eigen::Index>(kRowBlock, n - r0)),
                                e.middleCols(k0, std::min<Eigen::Index>(kSetBlock, kSets - k0)), scores);
        benchmark::DoNotOptimize(scores.data());
      }
    }
  }
  const double flops = 2.0 * static_cast<double>(n) * static_cast<double>(depth) * static_cast<double>(kSets);
  state.counters["GFLOP/s"] = benchmark::Counter(flops * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
  state.SetComplexityN(n);
}
BENCHMARK(BM_scoring_product)
    ->RangeMultiplier(10)
    ->Range(1000, 100000)
    ->Unit(benchmark::kMillisecond)
    ->Complexity(benchmark::oN);

void BM_uncertainty_analysis(benchmark::State& state) {
  const Eigen::Index n = state.range(0);
  const indicator_tree tree = load_preset("task-force");
  const scoring_inputs in = synthetic_inputs(tree, n);
  uncertainty_options o;
  o.samples = kSets;
  o.threads = static_cast<int>(state.range(1));
  o.histograms = true;  // as before histograms were opt-in: the summaries and every histogram
  std::size_t entries = 0;
  for (auto _ : state) {
    const auto r = uncertainty_analysis(tree, in, o);
    entries = r.histogram_rank.size();
    benchmark::DoNotOptimize(r.median_rank.data());
  }
  state.counters["hist_entries"] = static_cast<double>(entries);
  state.SetComplexityN(n);
}
BENCHMARK(BM_uncertainty_analysis)
    ->ArgsProduct({{1000, 10000, 100000}, {1}})
    ->Unit(benchmark::kMillisecond)
    ->Complexity(benchmark::oNLogN);
BENCHMARK(BM_uncertainty_analysis)->Args({100000, 2})->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
