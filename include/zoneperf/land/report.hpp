#pragma once
/// Reports of a 亩均 evaluation: JSON for machines and the other modules, CSV for spreadsheets.
///
/// Synopsis
///   std::string land_report_json(tree, config, records, evaluation, indent = 2);
///   std::string land_report_csv(tree, config, records, evaluation);
///   std::string migration_json(const class_migration&, int indent = 2);
///   std::string migration_csv(const class_migration&);
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
///
/// Class migration (zoneperf/land/migration.hpp):
///   JSON: {"classes": [labels best first, exempt last],
///          "matrix": {"rows": [classes..., "entered"], "columns": [classes..., "left"], "counts": [[n]]},
///          "moves_count": {"up", "down", "same", "entered", "left", "exempt"},
///          "moves": [{"id", "name", "from": label|null, "to": label|null, "move", "steps"}]}
///   CSV: one row per entity: id, name, from, to, move, steps (for people).
#include <string>
#include <vector>

#include "zoneperf/land/evaluation.hpp"
#include "zoneperf/land/migration.hpp"

namespace zoneperf {

std::string land_report_json(const indicator_tree& tree, const land_config& config,
                             const std::vector<land_record>& records, const land_evaluation& ev,
                             int indent = 2);
std::string land_report_csv(const indicator_tree& tree, const land_config& config,
                            const std::vector<land_record>& records, const land_evaluation& ev);

std::string migration_json(const class_migration& m, int indent = 2);
std::string migration_csv(const class_migration& m);

}  // namespace zoneperf
