#pragma once
// Internal: the "check" member of projects_month_json (include/zoneperf/pipeline/report.hpp), for
// the reports, which take it as it is rather than as text.
#include <nlohmann/json.hpp>

#include "zoneperf/pipeline/monthly_check.hpp"

namespace zoneperf::detail {

/// {"complete", "task_forces": [{"task_force", "weight", "target", "actual", "face", "missed"}]}.
nlohmann::ordered_json month_check_dom(const monthly_check& check);

}  // namespace zoneperf::detail
