#pragma once
/// zoneperf errors: one exception type with a stable numbered code and the place of the problem.
///
/// Synopsis
///   struct problem { int code; std::string where; std::string what; };
///   class error : public std::runtime_error;   // one or more problems
///   std::string format_problem(const problem&); // "[zoneperf.config.204] /children/0/points: ..."
///   std::string json_pointer_token(std::string_view key);  // "a/b~c" -> "a~1b~0c" (RFC 6901)
///
/// Codes are grouped by hundreds, and a code's meaning never changes once released:
///   1xx parse (JSON, CSV syntax and encoding)   2xx config (trees, policies, presets)
///   3xx data (values, targets, tables)           4xx io (files)
///   5xx money and area                           6xx pay
///   7xx projects and periods                     8xx weights and uncertainty
///   9xx land efficiency
/// Each module lists its own codes beside its API; the ones here are shared by all of them.
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

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

/// Codes shared by every module.
namespace errc {
// parse
inline constexpr int json_syntax = 101;
inline constexpr int json_too_deep = 102;  // arrays and objects nested deeper than 128 levels
inline constexpr int csv_not_utf8 = 110;
inline constexpr int csv_unterminated_quote = 111;
inline constexpr int csv_bad_quote = 112;
inline constexpr int csv_empty = 113;
inline constexpr int csv_field_count = 114;
// config
inline constexpr int missing_field = 201;
inline constexpr int wrong_type = 202;
inline constexpr int bad_points = 203;
inline constexpr int points_do_not_add_up = 204;
inline constexpr int duplicate_id = 205;
inline constexpr int empty_group = 206;
inline constexpr int unknown_rule = 207;
inline constexpr int bands_out_of_order = 208;
inline constexpr int bad_goalposts = 209;
inline constexpr int bad_cap = 210;
inline constexpr int unknown_key = 211;
inline constexpr int bad_id = 212;
inline constexpr int bad_grades = 213;
inline constexpr int bad_value = 214;
inline constexpr int misplaced_node = 215;
inline constexpr int unknown_preset = 216;
// data
inline constexpr int missing_value = 301;
inline constexpr int no_target = 302;
inline constexpr int bad_target = 303;
inline constexpr int unknown_column = 304;
inline constexpr int missing_column = 305;
inline constexpr int duplicate_unit = 306;
inline constexpr int duplicate_column = 307;
inline constexpr int not_a_number = 308;
inline constexpr int not_finite = 309;
inline constexpr int out_of_range = 310;
inline constexpr int negative_count = 311;
inline constexpr int unknown_code = 312;
inline constexpr int zero_rate = 313;
inline constexpr int shape_mismatch = 314;
inline constexpr int column_takes_no_target = 315;
inline constexpr int unknown_unit = 316;
inline constexpr int missing_unit = 317;
// io
inline constexpr int cannot_open = 401;
inline constexpr int cannot_write = 402;
inline constexpr int overwrites_input = 403;  // an output path that is one of the command's inputs
}  // namespace errc

}  // namespace zoneperf
