#pragma once
/// zoneperf errors: one exception type with a stable numbered code and the place of the problem.
///
/// Synopsis
///   struct problem { int code; std::string where; std::string what; };
///   class error : public std::runtime_error;   // one or more problems
///   std::string format_problem(const problem&); // "[zoneperf.config.204] /children/0/points: ..."
///   std::string json_pointer_token(std::string_view key);  // "a/b~c" -> "a~1b~0c" (RFC 6901)
///
/// The codes are named in namespace zoneperf::errc: zoneperf/errc.hpp (included here) has the shared
/// ones (parse, config, data, io), money's, area's, apportionment's and periods'; each module's
/// folder has its own errc.hpp (pay/, pipeline/, weights/, land/). A code's number never changes.
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "zoneperf/errc.hpp"

namespace zoneperf {

/// One thing wrong with the input: a stable code, where it is (a JSON pointer, "file:line:column",
/// a unit or indicator id) and what is wrong.
struct problem {
  int code = 0;
  std::string where;
  std::string what;
};

/// The category word of a code: 204 -> "config".
const char* code_category(int code) noexcept;

/// "[zoneperf.<category>.<code>] <where>: <what>" (no ": " part when where is empty).
std::string format_problem(const problem& p);
/// A JSON object key escaped as one JSON-pointer reference token (RFC 6901: "~" -> "~0",
/// "/" -> "~1"), for the `where` of a problem inside a JSON document.
std::string json_pointer_token(std::string_view key);

/// Thrown for bad data, configuration or files. Holds every problem found (at least one);
/// what() is their formatted lines joined by '\n'.
class error : public std::runtime_error {
 public:
  error(int code, std::string where, std::string what);
  explicit error(std::vector<problem> problems);

  int code() const noexcept { return problems_.front().code; }
  const std::string& where() const noexcept { return problems_.front().where; }
  const std::vector<problem>& problems() const noexcept { return problems_; }

 private:
  std::vector<problem> problems_;
};

}  // namespace zoneperf
