// Registry benchmarks: a year of monthly counts per task force, id lookups, loading and transitions.
// Run: cmake -S . -B build -DZONEPERF_BUILD_BENCH=ON && cmake --build build --target bench_projects_bench
//      ./build/bench/bench_projects_bench
#include <benchmark/benchmark.h>

#include <string>

#include "zoneperf/pipeline/counts.hpp"
#include "zoneperf/pipeline/monthly_check.hpp"

namespace {
using namespace zoneperf;

/// n projects over the four task forces, contacted through 2020, each going some stages further.
registry synthetic(std::int64_t n) {
  registry r(registry_options{default_task_forces(), date(2020, 12, 31)});
  const auto tfs = default_task_forces();
  for (std::int64_t i = 0; i < n; ++i) {
    project p;
    p.id = "P" + std::to_string(i);
    p.task_force = tfs[static_cast<std::size_t>(i % 4)];
    p.key_project = i % 5 == 0;
    p.total_investment = cny_money::from_fen((i % 100 + 1) * 1'000'000'000LL);
    p.foreign_capital = usd_money::from_fen((i % 7) * 1'000'000LL);
    p.fixed_asset_investment = cny_money::from_fen((i % 50 + 1) * 100'000'000LL);
    p.annual_tax = cny_money::from_fen((i % 30 + 1) * 10'000'000LL);
    p.land = area::from_mu(i % 40 + 5);
    date d = date(2020, 1, 1) + boost::gregorian::days(static_cast<long>(i % 300));
    const std::size_t reach = static_cast<std::size_t>(i % 8);
    for (std::size_t s = 0; s <= reach; ++s) {
      p.dates[s] = d;
      d += boost::gregorian::days(static_cast<long>(i % 9));
      if (d > date(2020, 12, 31)) d = date(2020, 12, 31);
    }
    if (i % 23 == 0) p.dates[index(stage::cleared)] = d;
    r.add(std::move(p));
  }
  return r;
}

void monthly_counts_of_a_year(benchmark::State& state) {
  const registry r = synthetic(state.range(0));
  for (auto _ : state) {
    auto months = count_each(r, period_kind::month, period::year(2020));
    benchmark::DoNotOptimize(months.data());
  }
  state.SetComplexityN(state.range(0));
}
BENCHMARK(monthly_counts_of_a_year)
    ->RangeMultiplier(10)
    ->Range(1000, 100000)
    ->Complexity(benchmark::oN)
    ->Unit(benchmark::kMillisecond);

void twelve_separate_month_counts(benchmark::State& state) {
  const registry r = synthetic(state.range(0));
  for (auto _ : state)
    for (int m = 1; m <= 12; ++m) {
      auto c = count(r, period::month(2020, m));
      benchmark::DoNotOptimize(c.zone.entered.data());
    }
}
BENCHMARK(twelve_separate_month_counts)->Arg(100000)->Unit(benchmark::kMillisecond);

void monthly_check_july(benchmark::State& state) {
  const registry r = synthetic(state.range(0));
  for (auto _ : state) {
    auto m = check_month(r, period::month(2020, 7));
    benchmark::DoNotOptimize(m.task_forces.data());
  }
}
BENCHMARK(monthly_check_july)->Arg(100000)->Unit(benchmark::kMillisecond);

void lookup_by_id(benchmark::State& state) {
  const registry r = synthetic(state.range(0));
  std::int64_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(r.find("P" + std::to_string(i)));
    i = (i + 7919) % state.range(0);
  }
  state.SetComplexityN(state.range(0));
}
BENCHMARK(lookup_by_id)->RangeMultiplier(10)->Range(1000, 100000)->Complexity(benchmark::o1);

void advance_one_stage(benchmark::State& state) {
  registry r(registry_options{default_task_forces(), date(2020, 12, 31)});
  for (int i = 0; i < 100000; ++i) {
    project p;
    p.id = "P" + std::to_string(i);
    p.task_force = "高端装备";
    p.dates[0] = date(2020, 1, 1);
    r.add(std::move(p));
  }
  std::int64_t i = 0;
  for (auto _ : state) {
    const std::string id = "P" + std::to_string(i % 100000);
    if (i < 100000)
      r.advance(id, stage::scored, date(2020, 2, 1));
    else
      benchmark::DoNotOptimize(r.find(id));
    ++i;
  }
}
BENCHMARK(advance_one_stage)->Iterations(100000);

void load_csv(benchmark::State& state) {
  const std::string text = write_projects_csv(synthetic(state.range(0)));
  for (auto _ : state) {
    auto r = read_projects(text, "bench.csv");
    benchmark::DoNotOptimize(r.size());
  }
}
BENCHMARK(load_csv)->Arg(100000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
