// Assessment series (issue 18): 12 monthly cumulative tables of 10⁵ units scored year to date,
// against one assessment of 1.2 × 10⁶ units (the same unit-periods); the series should keep at
// least 0.8× the single assessment's throughput.
//   cmake --preset bench && cmake --build --preset bench && ./build-bench/bench/bench_series_bench
#include <benchmark/benchmark.h>

#include <string>

#include "task_force.hpp"
#include "zoneperf/presets.hpp"
#include "zoneperf/series.hpp"

using namespace zoneperf;

namespace {

std::vector<std::string> unit_ids(Eigen::Index n) {
  std::vector<std::string> ids;
  ids.reserve(static_cast<std::size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i) ids.push_back("unit-" + std::to_string(i));
  return ids;
}

// Month m holds m/12 of the year's random figures in every column: counts never fall.
std::vector<period_table> months(const indicator_tree& tree, Eigen::Index n) {
  const Eigen::MatrixXd year = bench::random_values(tree, n);
  const auto ids = unit_ids(n);
  std::vector<period_table> tables;
  for (int m = 1; m <= 12; ++m) {
    period_table t;
    t.p = period::month(2020, m);
    t.values.units = ids;
    t.values.values = year * (m / 12.0);
    tables.push_back(std::move(t));
  }
  return tables;
}

void series_twelve_months(benchmark::State& state) {
  const auto tree = load_preset("task-force");
  const auto tables = months(tree, state.range(0));
  for (auto _ : state) {
    const assessment_series s = assess_series(tree, tables, nullptr, {});
    benchmark::DoNotOptimize(s.at(11).totals().data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0) * 12);
}
BENCHMARK(series_twelve_months)->Arg(100000)->Unit(benchmark::kMillisecond);

// The same work as one period of the series, on 12× the units: ranks, unit ids checked, a targets
// table of t_p.
void one_assessment(benchmark::State& state) {
  const auto tree = load_preset("task-force");
  const values_table v{unit_ids(state.range(0)), bench::random_values(tree, state.range(0))};
  ytd_options yo;
  yo.point = as_of(period::month(2020, 7));
  const ytd_targets ytd = year_to_date_targets(tree, v.units.size(), nullptr, yo);
  const target_table view = ytd.period.view();
  assess_options o;
  o.keep = node_scores::groups;
  o.unit_ids = &v.units;
  for (auto _ : state) {
    const assessment a = assess(tree, v.values, &view, o);
    benchmark::DoNotOptimize(a.totals().data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(one_assessment)->Arg(1200000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
