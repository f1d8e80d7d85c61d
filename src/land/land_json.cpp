#include "land_json.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

namespace zoneperf::detail {

void json_problems::add(int code, const std::string& pointer, std::string what) {
  problems.push_back({code, source + ":" + (pointer.empty() ? "/" : pointer), std::move(what)});
}

void json_problems::object(const nlohmann::json& j, const std::string& pointer,
                           std::initializer_list<const char*> allowed) {
  if (!j.is_object()) {
    add(errc::wrong_type, pointer, "expected an object");
    return;
  }
  for (const auto& item : j.items()) {
    const std::string& k = item.key();
    if (k == "description" || k == "source") continue;
    if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return k == a; }))
      add(errc::unknown_key, pointer + "/" + k, "unknown key \"" + k + "\"");
  }
}

std::string json_problems::string(const nlohmann::json& j, const std::string& pointer, const char* key,
                                  bool required) {
  if (!j.is_object() || !j.contains(key)) {
    if (required) add(errc::missing_field, pointer, std::string("missing \"") + key + "\"");
    return {};
  }
  if (!j[key].is_string()) {
    add(errc::wrong_type, pointer + "/" + key, "expected a string");
    return {};
  }
  return j[key].get<std::string>();
}

double json_problems::number(const nlohmann::json& j, const std::string& pointer, const char* key) {
  if (!j.is_object() || !j.contains(key)) {
    add(errc::missing_field, pointer, std::string("missing \"") + key + "\"");
    return std::numeric_limits<double>::quiet_NaN();
  }
  if (!j[key].is_number()) {
    add(errc::wrong_type, pointer + "/" + key, "expected a number");
    return std::numeric_limits<double>::quiet_NaN();
  }
  return j[key].get<double>();
}

void json_problems::throw_if_any() const {
  if (!problems.empty()) throw error(problems);
}

}  // namespace zoneperf::detail
