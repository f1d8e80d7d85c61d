#pragma once
// Internal: the document land_report_json dumps (include/zoneperf/land/report.hpp), for the
// reports, which take it as it is rather than as text.
#include <nlohmann/json.hpp>
#include <vector>

#include "zoneperf/land/evaluation.hpp"

namespace zoneperf::detail {

/// land_report_json's document, before it is written.
nlohmann::ordered_json land_report_dom(const indicator_tree& tree, const land_config& config,
                                       const std::vector<land_record>& records, const land_evaluation& ev);

}  // namespace zoneperf::detail
