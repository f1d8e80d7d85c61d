// Score the sample zone's four task forces on the task-force preset and explain one indicator.
// Run: ./build/examples/example_score_one_zone   (expected output: docs/bindings.md)
#include <cstdio>

#include "zoneperf/assess.hpp"
#include "zoneperf/io/tables.hpp"
#include "zoneperf/presets.hpp"

int main() {
  // The scorecard (6 groups, 17 indicators, 100 points) and the sample data, all compiled in.
  const zoneperf::indicator_tree tree = zoneperf::load_preset("task-force");
  const zoneperf::values_table values =
      zoneperf::read_values(tree, zoneperf::sample_file("task-force/values.csv"), "values.csv");
  const zoneperf::targets_table targets = zoneperf::read_targets(
      tree, values.units, zoneperf::sample_file("task-force/targets.csv"), "targets.csv");

  // One call scores every unit; the unit ids name units in any error message.
  zoneperf::assess_options options;
  options.unit_ids = &values.units;
  const zoneperf::target_table target_view = targets.view();
  const zoneperf::assessment result = zoneperf::assess(tree, values.values, &target_view, options);

  for (std::ptrdiff_t u = 0; u < result.units(); ++u) {
    const int g = result.grade(u);
    std::printf("%-8s total %6.2f  rank %d  %s\n", values.units[static_cast<std::size_t>(u)].c_str(),
                result.total(u), result.rank(u),
                g >= 0 ? tree.grades()[static_cast<std::size_t>(g)].label.c_str() : "-");
  }

  // Why did 高端装备 (unit 1) score what it did on foreign capital? Ask the engine.
  for (const zoneperf::leaf_explanation& e :
       zoneperf::explain(tree, values.values, &target_view, 1, options)) {
    if (e.id == "foreign_capital")
      std::printf("%s foreign_capital: actual %g / target %g = ratio %.4f, %s, %.2f of %.0f points\n",
                  values.units[1].c_str(), e.actual, e.target, e.ratio, e.capped ? "capped" : "not capped",
                  e.points, e.max);
  }
  return 0;
}
