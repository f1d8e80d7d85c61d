#pragma once
/// Reports of a 亩均 evaluation: JSON for machines and the other modules, CSV for spreadsheets.
///
/// Synopsis
///   std::string land_report_json(tree, config, records, evaluation, indent = 2);
///   std::string land_report_csv(tree, config, records, evaluation);
///
/// JSON: {"preset", "rated", "exempt",
///        "enterprises": [{"id", "name", "park", "task_force", "land_mu", "metrics": {<metric>: x|null},
///                         "score": x|null, "rank": n|null, "class", "exempt": reason|null}],
///        "classes": [{"label", "name", "count", "quota"}]   (the exempt class last, quota null),
///        "zone": {"land_mu", "records", "metrics": {...}},  (ratios of sums over every record)
///        "fills": [{"leaf", "unit", "what", "value"}]}      (peer averages and per-run benchmarks)
/// Records stay in input order; numbers read back to the same double; missing values are null.
/// CSV: one row per record: id, name, land_mu, every metric, score, rank, class; for people
/// (csv_for::people in text/csv.hpp: a name a spreadsheet would run as a formula gets a leading ').
#include <string>
#include <vector>

#include "zoneperf/land/evaluation.hpp"

namespace zoneperf {

std::string land_report_json(const indicator_tree& tree, const land_config& config,
                             const std::vector<land_record>& records, const land_evaluation& ev,
                             int indent = 2);
std::string land_report_csv(const indicator_tree& tree, const land_config& config,
                            const std::vector<land_record>& records, const land_evaluation& ev);

}  // namespace zoneperf
