// Pay allocation: 10^2 .. 10^5 staff, one thread (target: 10^5 staff in ≤ 20 ms).
//   cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DZONEPERF_BUILD_BENCH=ON
//   cmake --build build-bench -j2 --target bench_pay_bench
//   build-bench/bench/bench_pay_bench --benchmark_filter=allocate --benchmark_repetitions=5 \
//       --benchmark_report_aggregates_only=true      # mean, median, stddev, cv and min
// On a shared machine the min of the repetitions is the figure least disturbed by the others.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <random>

#include "zoneperf/pay/allocate.hpp"

namespace {
using namespace zoneperf;

double min_of(const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); }

struct roster {
  std::vector<staff_member> staff;
  scorecard_summary scorecard;
  pay_policy policy = pay_policy::standard();
};

roster make_roster(std::size_t n) {
  roster r;
  const char* labels[] = {"优秀", "良好", "合格", "不合格"};
  for (int u = 0; u < 40; ++u)
    r.scorecard.units.push_back({"T" + std::to_string(u), labels[u % 4], false, {}, false});
  r.policy.teams = {{"a", exact_ratio(21, 20)}, {"b", exact_ratio(1)}, {"c", exact_ratio(19, 20)}};
  std::mt19937_64 rng(42);
  const char* teams[] = {"a", "b", "c"};
  for (std::size_t i = 0; i < n; ++i) {
    staff_member s;
    s.id = std::to_string(i);
    s.task_force = "T" + std::to_string(rng() % 40);
    s.team = teams[rng() % 3];
    s.baseline = cny_money::from_fen(static_cast<std::int64_t>(6000000 + rng() % 12000000));
    s.score = static_cast<double>(50 + rng() % 51);
    r.staff.push_back(std::move(s));
  }
  return r;
}

void bm_allocate_pay(benchmark::State& state) {
  const roster r = make_roster(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    pay_result result = allocate_pay(r.staff, r.scorecard, r.policy);
    benchmark::DoNotOptimize(result);
  }
  state.SetComplexityN(state.range(0));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(bm_allocate_pay)
    ->RangeMultiplier(10)
    ->Range(100, 100000)
    ->Unit(benchmark::kMillisecond)
    ->Complexity()
    ->ComputeStatistics("min", min_of);

void bm_allocate_clamped(benchmark::State& state) {
  const std::size_t n = static_cast<std::size_t>(state.range(0));
  std::mt19937_64 rng(7);
  std::vector<detail::uint128> shares(n);
  std::vector<std::int64_t> floors(n), caps(n);
  std::int64_t pool = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::int64_t b = static_cast<std::int64_t>(6000000 + rng() % 12000000);
    shares[i] = static_cast<detail::uint128>(b) * (500000000000ULL + rng() % 1300000000000ULL);
    floors[i] = b;
    caps[i] = 2 * b;
    pool += b + b / 2;
  }
  for (auto _ : state) {
    auto result = allocate_clamped(shares, floors, caps, pool);
    benchmark::DoNotOptimize(result);
  }
  state.SetComplexityN(state.range(0));
}
BENCHMARK(bm_allocate_clamped)
    ->RangeMultiplier(10)
    ->Range(100, 100000)
    ->Unit(benchmark::kMillisecond)
    ->Complexity()
    ->ComputeStatistics("min", min_of);

}  // namespace
BENCHMARK_MAIN();
