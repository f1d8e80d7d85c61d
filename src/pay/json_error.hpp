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
    case Json::value_t::object: return "an object";
    case Json::value_t::array: return "an array";
    case Json::value_t::string: return "a string";
    case Json::value_t::boolean: return "a boolean";
    case Json::value_t::null: return "null";
    default: return "a number";
  }
}

inline problem json_syntax_problem(const nlohmann::json::parse_error& e, std::string_view text,
                                   std::string_view source) {
  std::size_t line = 1, col = 1;
  for (std::size_t k = 0; k + 1 < e.byte && k < text.size(); ++k) {
    if (text[k] == '\n') line++, col = 1;
    else ++col;
  }
  std::string what = e.what();
  if (auto p = what.find("] "); p != std::string::npos) what = what.substr(p + 2);
  return problem{errc::json_syntax, std::string(source) + ":" + std::to_string(line) + ":" + std::to_string(col),
                 "invalid JSON: " + what};
}
}  // namespace zoneperf::detail
