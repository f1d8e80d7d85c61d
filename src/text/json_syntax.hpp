#pragma once
// Private to the library: reading JSON text with syntax errors as numbered problems at
// "source:line:column", and the names of JSON types for messages. The one place that turns the
// JSON parser's exceptions into zoneperf errors.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "zoneperf/error.hpp"

namespace zoneperf::detail {

/// Any exception of the JSON parser (a syntax error, or a number too large for a double) as
/// problem 101; a syntax error carries its line and column.
inline problem json_syntax_problem(const nlohmann::json::exception& e, std::string_view text,
                                   std::string_view source) {
  std::string where(source);
  if (const auto* pe = dynamic_cast<const nlohmann::json::parse_error*>(&e)) {
    // The parser reports a byte offset; turn it into line and column.
    std::size_t line = 1, col = 1;
    for (std::size_t k = 0; k + 1 < pe->byte && k < text.size(); ++k) {
      if (text[k] == '\n')
        ++line, col = 1;
      else
        ++col;
    }
    where += ":" + std::to_string(line) + ":" + std::to_string(col);
  }
  std::string what = e.what();
  if (auto p = what.find("] "); p != std::string::npos) what = what.substr(p + 2);
  if (what.rfind("parse error at line", 0) == 0)  // our own line and column are in `where`
    if (auto p = what.find(": "); p != std::string::npos) what = what.substr(p + 2);
  return problem{errc::json_syntax, where, "invalid JSON: " + what};
}

/// Parses `text` as a Json document (nlohmann::json or ordered_json); error 101 when it is not JSON.
template <class Json = nlohmann::json>
Json parse_json(std::string_view text, std::string_view source) {
  try {
    return Json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::exception& e) {
    throw error({json_syntax_problem(e, text, source)});
  }
}

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

}  // namespace zoneperf::detail
