#pragma once
/// Presets: scorecards and sample data shipped as data files compiled into the library.
///
/// Synopsis
///   std::vector<std::string> preset_names();            // "admission", "js-huaian", "task-force", ...
///   std::string_view preset_json(std::string_view name); // the file's text; error 216 if unknown
///   indicator_tree load_preset(std::string_view name);
///   std::string_view sample_file(std::string_view path); // "task-force/values.csv"; error 401 if unknown
#include <string>
#include <string_view>
#include <vector>

#include "zoneperf/tree.hpp"

namespace zoneperf {

std::vector<std::string> preset_names();
std::string_view preset_json(std::string_view name);
indicator_tree load_preset(std::string_view name);
/// A file under samples/ compiled into the library (the demo's data).
std::string_view sample_file(std::string_view path);

}  // namespace zoneperf
