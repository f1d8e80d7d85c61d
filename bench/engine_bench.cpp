// The aggregation core's throughput (issue 2): the task-force tree, default targets, column-major
// values, group scores + total + grade + veto written into preallocated buffers.
//   cmake --preset bench && cmake --build --preset bench && ./build-bench/bench/bench_engine_bench
#include <benchmark/benchmark.h>

#include <cmath>
#include <limits>
#include <random>
#include <string>

#include "task_force.hpp"
#include "zoneperf/presets.hpp"

using namespace zoneperf;

namespace {
using bench::fast_path;
using bench::random_values;

void run(benchmark::State& state, const indicator_tree& tree, const Eigen::MatrixXd& v, const target_table* t,
         assess_options opt) {
  assessment out;
  assess(tree, v, t, out, opt);  // allocate once, as a caller reusing its buffers would
  for (auto _ : state) {
    assess(tree, v, t, out, opt);
    benchmark::DoNotOptimize(out.totals().data());
  }
  state.SetItemsProcessed(state.iterations() * v.rows());
  state.SetComplexityN(v.rows());
}

void task_force(benchmark::State& state) {
  const auto tree = load_preset("task-force");
  const auto v = random_values(tree, state.range(0));
  run(state, tree, v, nullptr, fast_path());
}
BENCHMARK(task_force)
    ->RangeMultiplier(10)
    ->Range(1000, 1000000)
    ->Complexity(benchmark::oN)
    ->Unit(benchmark::kMillisecond);

void task_force_two_threads(benchmark::State& state) {
  const auto tree = load_preset("task-force");
  const auto v = random_values(tree, state.range(0));
  run(state, tree, v, nullptr, fast_path(2));
}
BENCHMARK(task_force_two_threads)->Arg(1000000)->Unit(benchmark::kMillisecond)->UseRealTime();

void task_force_targets_table(benchmark::State& state) {
  const auto tree = load_preset("task-force");
  const auto v = random_values(tree, state.range(0));
  std::vector<std::string> ids;
  for (int c : tree.columns())
    if (tree.node(static_cast<std::size_t>(c)).kind == node_kind::leaf &&
        uses_target(tree.node(static_cast<std::size_t>(c)).rule.kind))
      ids.push_back(tree.node(static_cast<std::size_t>(c)).id);
  Eigen::MatrixXd t =
      random_values(tree, state.range(0), 2).leftCols(static_cast<Eigen::Index>(ids.size())).array() + 1;
  const target_table tt{ids, t};
  run(state, tree, v, &tt, fast_path());
}
BENCHMARK(task_force_targets_table)->Arg(1000000)->Unit(benchmark::kMillisecond);

void task_force_all_node_scores(benchmark::State& state) {
  const auto tree = load_preset("task-force");
  const auto v = random_values(tree, state.range(0));
  auto o = fast_path();
  o.keep = node_scores::all;
  run(state, tree, v, nullptr, o);
}
BENCHMARK(task_force_all_node_scores)->Arg(1000000)->Unit(benchmark::kMillisecond);

void task_force_row_major(benchmark::State& state) {
  const auto tree = load_preset("task-force");
  const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> v =
      random_values(tree, state.range(0));
  assessment out;
  for (auto _ : state) {
    assess(tree, v, nullptr, out, fast_path());
    benchmark::DoNotOptimize(out.totals().data());
  }
  state.SetItemsProcessed(state.iterations() * v.rows());
}
BENCHMARK(task_force_row_major)->Arg(1000000)->Unit(benchmark::kMillisecond);

void task_force_with_ranks(benchmark::State& state) {
  const auto tree = load_preset("task-force");
  const auto v = random_values(tree, state.range(0));
  auto o = fast_path();
  o.ranks = ranking::on;
  run(state, tree, v, nullptr, o);
}
BENCHMARK(task_force_with_ranks)->Arg(1000000)->Unit(benchmark::kMillisecond);

// Explaining one unit: the per-request cost of an auditor's drill-down.
void explain_one_unit(benchmark::State& state) {
  const auto tree = load_preset("task-force");
  const auto v = random_values(tree, state.range(0));
  std::size_t u = 0;
  for (auto _ : state) {
    auto e = explain(tree, v, nullptr, u);
    benchmark::DoNotOptimize(e.data());
    u = (u + 7919) % static_cast<std::size_t>(v.rows());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(explain_one_unit)->Arg(1000000);

// Explaining every unit (17 leaves + 3 items each).
void explain_all_units(benchmark::State& state) {
  const auto tree = load_preset("task-force");
  const auto v = random_values(tree, state.range(0));
  std::vector<std::size_t> all(static_cast<std::size_t>(v.rows()));
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  for (auto _ : state) {
    auto e = explain(tree, v, nullptr, all);
    benchmark::DoNotOptimize(e.data());
  }
  state.SetItemsProcessed(state.iterations() * v.rows());
}
BENCHMARK(explain_all_units)->Arg(100000)->Unit(benchmark::kMillisecond);

// One case per rule: ten 10-point leaves of the same rule.
void one_rule(benchmark::State& state, const std::string& rule, const std::string& extra) {
  std::string json = R"({"id":"r","points":100,"children":[)";
  for (int k = 0; k < 10; ++k)
    json += std::string(k ? "," : "") + R"({"id":"x)" + std::to_string(k) + R"(","points":10,"rule":)" +
            rule + extra + "}";
  json += "]}";
  const auto tree = indicator_tree::from_json(json);
  const auto v = random_values(tree, state.range(0));
  run(state, tree, v, nullptr, fast_path());
}
BENCHMARK_CAPTURE(one_rule, completion, R"({"kind":"completion","cap":1.2})", R"(,"target":50)")
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(one_rule, completion_lower, R"({"kind":"completion"})",
                  R"(,"target":50,"direction":"lower")")
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(
    one_rule, banded,
    R"({"kind":"banded","bands":[{"min":1,"value":1},{"min":0.8,"value":0.75},{"min":0.5,"value":0.5}]})",
    R"(,"target":50)")
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(one_rule, threshold, R"({"kind":"threshold"})", R"(,"target":50)")
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(one_rule, benchmark, R"({"kind":"benchmark"})", R"(,"target":50)")
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(one_rule, goalposts, R"({"kind":"goalposts","lo":20,"hi":80})", "")
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(one_rule, minmax, R"({"kind":"minmax","floor":0.2})", "")
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(one_rule, rank, R"({"kind":"rank"})", "")->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(one_rule, leader, R"({"kind":"rank","mode":"leader"})", "")
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond);

// The rank rule's batch statistics: one rank leaf (step mode, the competition ranks of its column)
// scored on n units, beside the same tree with a completion leaf (no statistics) to compare.
// `ties`: values rounded to whole numbers (100 distinct), 5 % missing, lower is better.
void rank_leaf(benchmark::State& state, const std::string& rule, bool ties) {
  const std::string dir = ties ? R"(,"direction":"lower")" : "";
  const auto tree =
      indicator_tree::from_json(R"({"id":"r","points":100,"children":[{"id":"x","points":100,"rule":)" +
                                rule + dir + R"(,"missing":"zero"}]})");
  auto v = random_values(tree, state.range(0));
  if (ties) {
    std::mt19937_64 rng(2);
    std::uniform_real_distribution<double> d(0, 1);
    for (Eigen::Index i = 0; i < v.rows(); ++i)
      v(i, 0) = d(rng) < 0.05 ? std::numeric_limits<double>::quiet_NaN() : std::floor(v(i, 0));
  }
  run(state, tree, v, nullptr, fast_path());
}
BENCHMARK_CAPTURE(rank_leaf, rank, R"({"kind":"rank","step":0.000001})", false)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(rank_leaf, rank_ties, R"({"kind":"rank","step":0.001})", true)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(rank_leaf, completion, R"({"kind":"completion"},"target":50)", false)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond);

// The same rank leaf into a new assessment each call (as a one-shot caller): its buffers, and the
// rank rule's, are allocated (and their pages first touched) every time.
void rank_leaf_new_assessment(benchmark::State& state) {
  const auto tree = indicator_tree::from_json(
      R"({"id":"r","points":100,"children":[{"id":"x","points":100,"rule":{"kind":"rank","step":0.000001}}]})");
  const auto v = random_values(tree, state.range(0));
  for (auto _ : state) {
    const assessment out = assess(tree, v, nullptr, fast_path());
    benchmark::DoNotOptimize(out.totals().data());
  }
  state.SetItemsProcessed(state.iterations() * v.rows());
}
BENCHMARK(rank_leaf_new_assessment)->Arg(1000000)->Unit(benchmark::kMillisecond);
}  // namespace

BENCHMARK_MAIN();
