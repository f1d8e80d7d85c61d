// 亩均效益 of the sample enterprises on the Huangyan preset: each one's score and class, and the
// zone's per-mu tax as a ratio of sums. Run: ./build/examples/example_land_report (docs/bindings.md)
#include <cstdio>

#include "zoneperf/land/classes.hpp"
#include "zoneperf/land/evaluation.hpp"
#include "zoneperf/land/records.hpp"
#include "zoneperf/presets.hpp"
#include "zoneperf/text/csv.hpp"
#include "zoneperf/text/file.hpp"
#include "zoneperf/text/number.hpp"

int main() {
  // The scorecard (weights, benchmarks) and the land settings (which metric feeds which leaf).
  const zoneperf::indicator_tree tree = zoneperf::load_preset("zj-huangyan");
  const zoneperf::land_config config = zoneperf::load_land_config("zj-huangyan");
  const auto records = zoneperf::read_land_records(
      zoneperf::read_csv(zoneperf::sample_file("land/enterprises.csv"), "enterprises.csv"));

  // Metrics, benchmarks, the engine and the A/B/C/D classes in one call.
  const zoneperf::land_evaluation ev = zoneperf::evaluate_land(tree, config, records);
  for (std::size_t i = 0; i < records.size() && i < 5; ++i)
    std::printf("%s  score %7.2f  rank %2d  class %s\n", records[i].id.c_str(), ev.score(i), ev.rank[i],
                zoneperf::class_label(config.classes, ev.classes.class_of[i]).c_str());
  std::printf("... %zu enterprises; zone 亩均税收 %.2f 万元/亩 (Σ tax ÷ Σ land)\n", records.size(),
              ev.zone[zoneperf::land_metric::tax_per_mu]);
  return 0;
}
