#pragma once
// Internal: reading the land module's JSON files (land configs, class schemes, gate thresholds)
// while collecting every problem with its JSON pointer.
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../text/json_syntax.hpp"
#include "zoneperf/error.hpp"
#include "zoneperf/land/classes.hpp"

namespace zoneperf::detail {

struct json_problems {
  explicit json_problems(std::string src) : source(std::move(src)) {}
  std::string source;
  std::vector<problem> problems;

  void add(int code, const std::string& pointer, std::string what);
  /// Checks j is an object whose keys are in `allowed` (plus "description" and "source").
  void object(const nlohmann::json& j, const std::string& pointer,
              std::initializer_list<const char*> allowed);
  /// A string member; "" when absent (a problem when required) or of the wrong type.
  std::string string(const nlohmann::json& j, const std::string& pointer, const char* key, bool required);
  /// A number member; NaN when absent or of the wrong type (a problem either way).
  double number(const nlohmann::json& j, const std::string& pointer, const char* key);
  void throw_if_any() const;
};

class_scheme class_scheme_from(const nlohmann::json& j, const std::string& pointer, json_problems& p);

}  // namespace zoneperf::detail
