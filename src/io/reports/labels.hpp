#pragma once
// The words of the reports: every label, in each language, comes from the one table in labels.cpp.
#include <string>
#include <string_view>
#include <vector>

#include "zoneperf/io/reports.hpp"

namespace zoneperf::detail {

/// The label `id` in `lang`. An id the table lacks is a bug of the writers: std::logic_error.
std::string_view label(report_lang lang, std::string_view id);
/// The label "<prefix>.<key>" when the table has one, else `key` as it is (a JSON key or a value
/// that has no label, such as a user's id).
std::string label_or(report_lang lang, std::string_view prefix, std::string_view key);
/// The label with each "{}" replaced by the next argument, in order.
std::string label_fill(report_lang lang, std::string_view id, std::initializer_list<std::string> args);

/// Missed monthly targets ("intent 1 < 2") joined with "; ", each figure's name in `lang`.
std::string missed_text(report_lang lang, const std::vector<std::string>& items);

/// Numbers for people. Money: thousands separators and `decimals` places ("1,102,000.00"); a
/// fraction as a percentage ("102.34%"); "-" for NaN.
std::string grouped(double v, int decimals = 2);
std::string percent(double v, int decimals = 2);
/// A decimal text ("1102000.00") with thousands separators ("1,102,000.00"), digits unchanged;
/// other text as it is.
std::string grouped_text(const std::string& decimal);

}  // namespace zoneperf::detail
