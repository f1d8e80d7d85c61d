// 亩均 evaluation throughput: per-mu metrics, preprocessing (peer-average fills), the engine and
// A/B/C/D classes for 10⁵ enterprises on one thread (issue 3 asks for ≥ 5 million per second).
//   cmake -S . -B build -DZONEPERF_BUILD_BENCH=ON && cmake --build build -j2 --target bench_land_bench
//   build/bench/bench_land_bench
#include <benchmark/benchmark.h>

#include <random>

#include "zoneperf/land/evaluation.hpp"
#include "zoneperf/presets.hpp"

namespace {

std::vector<zoneperf::land_record> make_enterprises(std::size_t n) {
  std::mt19937_64 rng(42);
  std::lognormal_distribution<double> eff(0.0, 0.45);
  std::uniform_int_distribution<int> mu(5, 120);
  std::vector<zoneperf::land_record> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    auto& r = out[i];
    r.id = "E" + std::to_string(i);
    const double land = mu(rng), q = eff(rng);
    r.land = zoneperf::area::from_mu(static_cast<std::int64_t>(land));
    r.tax = 24.097 * q * land;
    r.value_added = 136.16 * q * land;
    r.revenue = r.value_added.value() * 4;
    r.investment = 400 * land;
    r.energy_tce = r.value_added.value() / (2.694 * q);
    if (i % 10 != 3) r.emissions = r.value_added.value() / (4929.81 * q);  // 10 % take the peer average
    r.employees = r.value_added.value() / (18.14 * q);
    r.rd_spending = r.revenue.value() * 0.0302 * q;
    if (i % 50 == 7) r.exempt = "utility";
  }
  return out;
}

void land_evaluation(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto records = make_enterprises(n);
  const auto tree = zoneperf::load_preset("zj-huangyan");
  const auto config = zoneperf::load_land_config("zj-huangyan");
  zoneperf::land_evaluation ev;  // reused, as a batch over jurisdictions would
  zoneperf::land_options options;
  options.keep = zoneperf::node_scores::groups;
  for (auto _ : state) {
    zoneperf::evaluate_land(tree, config, records, ev, options);
    benchmark::DoNotOptimize(ev.classes.counts.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
  state.SetComplexityN(static_cast<std::int64_t>(n));
}
BENCHMARK(land_evaluation)
    ->RangeMultiplier(10)
    ->Range(1000, 100000)
    ->Unit(benchmark::kMillisecond)
    ->Complexity();

void land_classes(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> score(0, 200);
  std::vector<double> scores(n);
  for (auto& s : scores) s = score(rng);
  const auto scheme = zoneperf::default_class_scheme();
  for (auto _ : state) {
    auto c = zoneperf::classify(scheme, scores);
    benchmark::DoNotOptimize(c.counts.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}
BENCHMARK(land_classes)->Arg(100000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
