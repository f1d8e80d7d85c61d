// Differentiated pay for the sample roster: the pool, and each task force's average multiple of
// its baseline. Run: ./build/examples/example_pay_run (expected output: docs/bindings.md)
#include <cstdio>

#include "zoneperf/io/report.hpp"
#include "zoneperf/pay/allocate.hpp"
#include "zoneperf/pay/inputs.hpp"
#include "zoneperf/pay/policy.hpp"
#include "zoneperf/presets.hpp"
#include "zoneperf/text/csv.hpp"
#include "zoneperf/text/file.hpp"
#include "zoneperf/text/number.hpp"

int main() {
  using namespace zoneperf;
  const auto staff = read_staff(read_csv(sample_file("pay/staff.csv"), "staff.csv"));
  // The scorecard is the assessment's JSON report (grades and, for awards, leaf ratios), read and checked.
  const auto scorecard = read_scorecard(sample_file("pay/scorecard.json"), "scorecard.json");
  const auto policy = pay_policy::from_json(sample_file("pay/policy.json"), "policy.json");
  const auto events = read_events(read_csv(sample_file("pay/events.csv"), "events.csv"));

  // Exact money throughout: fen in 64-bit integers, the pool split to the fen.
  const pay_result r = allocate_pay(staff, scorecard, policy, events);
  std::printf("baseline %s yuan, pool %s yuan (1.5 x), base pay paid %s, awards %s\n",
              to_string(r.baseline).c_str(), to_string(r.pool).c_str(), to_string(r.base_paid).c_str(),
              to_string(r.awards_paid).c_str());
  for (const task_force_pay& t : r.task_forces)
    std::printf("%s (%s): %zu people, average multiple %s\n", t.id.c_str(), t.grade.c_str(), t.head_count,
                t.average_multiple().to_string(4).c_str());
  return 0;
}
