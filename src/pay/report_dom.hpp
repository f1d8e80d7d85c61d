#pragma once
// Internal: the document pay_json dumps (include/zoneperf/pay/report.hpp), for the reports, which
// take it as it is rather than as text.
#include <nlohmann/json.hpp>
#include <vector>

#include "zoneperf/pay/allocate.hpp"

namespace zoneperf::detail {

/// pay_json's document, before it is written.
nlohmann::ordered_json pay_dom(const pay_result& result, const std::vector<staff_member>& staff,
                               const pay_policy& policy);

}  // namespace zoneperf::detail
