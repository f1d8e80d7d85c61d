#pragma once
// Private to src/pay: JSON helpers for messages (a syntax error as a problem at "source:line:column",
// as the tree loader does; the name of a value's type).
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "zoneperf/error.hpp"

namespace zoneperf::detail {
/// "an object", "an array", "a string", "a boolean", "null" or "a number", for messages.
template <class Json>
const char* json_type_name(const Json& j) {
  switch (j.type()) {
    case Json::value_t::object:
      return "an object";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::string:
      return "a string";
    case Json::value_t::boolean:
      return "a boolean";
    case Json::value_t::null:
      return "null";
    default:
      return "a number";
  }
}

/// Any exception of the JSON parser (a syntax error, or a number too large for a double) as a
/// problem; syntax errors carry their line and column.
inline problem json_syntax_problem(const nlohmann::json::exception& e, std::string_view text,
                                   std::string_view source) {
  std::string where(source);
  if (const auto* pe = dynamic_cast<const nlohmann::json::parse_error*>(&e)) {
    std::size_t line = 1, col = 1;
    for (std::size_t k = 0; k + 1 < pe->byte && k < text.size(); ++k) {
      if (text[k] == '\n')
        line++, col = 1;
      else
        ++col;
    }
    where += ":" + std::to_string(line) + ":" + std::to_string(col);
  }
  std::string what = e.what();
  if (auto p = what.find("] "); p != std::string::npos) what = what.substr(p + 2);
  return problem{errc::json_syntax, where, "invalid JSON: " + what};
}
}  // namespace zoneperf::detail
