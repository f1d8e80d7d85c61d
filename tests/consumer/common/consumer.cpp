// A program outside zoneperf using it through CMake (find_package or add_subdirectory): the C++
// API and the C API from one target, zoneperf::zoneperf.
#include <cstdio>

#include "zoneperf/assess.hpp"
#include "zoneperf/c/zoneperf.h"
#include "zoneperf/io/tables.hpp"
#include "zoneperf/presets.hpp"

int main() {
  const auto tree = zoneperf::load_preset("task-force");
  const auto values =
      zoneperf::read_values(tree, zoneperf::sample_file("task-force/values.csv"), "values.csv");
  const auto result = zoneperf::assess(tree, values.values);
  zp_tree* c_tree = nullptr;
  if (zp_preset_load("task-force", &c_tree) != ZP_OK) return 1;
  zp_tree_free(c_tree);
  std::printf("consumer: %s assessed %td units, first total %.2f\n", tree.id().c_str(), result.units(),
              result.total(0));
  return result.units() == 4 ? 0 : 1;
}
