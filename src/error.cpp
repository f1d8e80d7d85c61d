#include "zoneperf/error.hpp"

#include <utility>

namespace zoneperf {
namespace {
std::string join(const std::vector<problem>& problems) {
  std::string out;
  for (const auto& p : problems) {
    if (!out.empty()) out += '\n';
    out += format_problem(p);
  }
  return out;
}
}  // namespace

const char* code_category(int code) noexcept {
  switch (code / 100) {
    case 1:
      return "parse";
    case 2:
      return "config";
    case 3:
      return "data";
    case 4:
      return "io";
    case 5:
      return "money";
    case 6:
      return "pay";
    case 7:
      return "project";
    case 8:
      return "weights";
    case 9:
      return "land";
    default:
      return "other";
  }
}

std::string format_problem(const problem& p) {
  std::string out = "[zoneperf.";
  out += code_category(p.code);
  out += '.';
  out += std::to_string(p.code);
  out += "] ";
  if (!p.where.empty()) {
    out += p.where;
    out += ": ";
  }
  out += p.what;
  return out;
}

error::error(int code, std::string where, std::string what)
    : error(std::vector<problem>{problem{code, std::move(where), std::move(what)}}) {}

error::error(std::vector<problem> problems)
    : std::runtime_error(join(problems)), problems_(std::move(problems)) {
  if (problems_.empty()) problems_.push_back(problem{0, "", "unknown error"});
}

std::string json_pointer_token(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

}  // namespace zoneperf
