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
/// text that is not JSON, with its line and column
inline constexpr int json_syntax = 101;
/// arrays and objects nested deeper than 128 levels
inline constexpr int json_too_deep = 102;
/// a CSV that is not valid UTF-8
inline constexpr int csv_not_utf8 = 110;
/// a quoted CSV field that never closes
inline constexpr int csv_unterminated_quote = 111;
/// a quote inside an unquoted field, or text after a closing quote
inline constexpr int csv_bad_quote = 112;
/// a CSV with no header row
inline constexpr int csv_empty = 113;
/// a CSV row with more or fewer fields than the header
inline constexpr int csv_field_count = 114;
/// a workbook that cannot be read: a damaged zip or .xls, XML that does not parse, a part missing
inline constexpr int workbook_damaged = 120;
/// a sheet the workbook does not have (the message lists its sheets), or a sheet asked of a CSV
inline constexpr int workbook_no_sheet = 121;
/// a workbook formula without a cached value (open and save the file in Excel or LibreOffice)
inline constexpr int workbook_formula_without_value = 122;
/// an empty header cell between named ones, as a merged header cell leaves
inline constexpr int workbook_empty_header_cell = 123;
/// a filled cell right of the last column that has a header
inline constexpr int workbook_cell_outside_header = 124;
// config
/// a required key, column or field that is absent
inline constexpr int missing_field = 201;
/// a JSON value of the wrong type (a string where a number belongs, ...)
inline constexpr int wrong_type = 202;
/// points that are negative, not finite or not a number
inline constexpr int bad_points = 203;
/// a parent's points unequal to the sum of its scored children's
inline constexpr int points_do_not_add_up = 204;
/// a node id used twice in a tree
inline constexpr int duplicate_id = 205;
/// a group without children
inline constexpr int empty_group = 206;
/// a rule kind the library does not have
inline constexpr int unknown_rule = 207;
/// banded rule bands not in descending order
inline constexpr int bands_out_of_order = 208;
/// goalposts with lo ≥ hi
inline constexpr int bad_goalposts = 209;
/// a cap that is not a positive number
inline constexpr int bad_cap = 210;
/// a key the file format does not have
inline constexpr int unknown_key = 211;
/// an id that is empty or not an ASCII identifier
inline constexpr int bad_id = 212;
/// grades whose cut-offs are not descending, or a label given twice
inline constexpr int bad_grades = 213;
/// a configuration value out of its range or not allowed where it stands
inline constexpr int bad_value = 214;
/// a bonus, penalty or veto item that is not directly under the root
inline constexpr int misplaced_node = 215;
/// a preset name that is not compiled in
inline constexpr int unknown_preset = 216;
// data
/// an empty cell where the missing policy is `error`
inline constexpr int missing_value = 301;
/// a leaf that needs a target and has neither a default nor a table value
inline constexpr int no_target = 302;
/// a target that is zero, negative or not finite where the rule needs one
inline constexpr int bad_target = 303;
/// a column, node or leaf id the tree does not have
inline constexpr int unknown_column = 304;
/// a column the tree needs that the table lacks
inline constexpr int missing_column = 305;
/// a unit id given twice
inline constexpr int duplicate_unit = 306;
/// a column given twice
inline constexpr int duplicate_column = 307;
/// a cell that is not a number
inline constexpr int not_a_number = 308;
/// a value or result that is infinite or NaN where a number is needed
inline constexpr int not_finite = 309;
/// a value outside the range its field allows
inline constexpr int out_of_range = 310;
/// a negative count for a bonus or penalty item
inline constexpr int negative_count = 311;
/// a lookup code the leaf does not list
inline constexpr int unknown_code = 312;
/// a zero value where the rule divides by it
inline constexpr int zero_rate = 313;
/// a matrix or table whose shape does not fit the tree
inline constexpr int shape_mismatch = 314;
/// a target given for a column whose rule takes none
inline constexpr int column_takes_no_target = 315;
/// a unit id that is not in the table or scorecard it refers to
inline constexpr int unknown_unit = 316;
/// a unit of the values that another table lacks
inline constexpr int missing_unit = 317;
/// A scorecard whose numbers disagree: a total unequal to its parts, a grade or rank its total does
/// not give, a grade the tree does not have.
inline constexpr int inconsistent_scorecard = 318;
// io
/// a file that cannot be opened or read
inline constexpr int cannot_open = 401;
/// a file, folder or stream that cannot be written
inline constexpr int cannot_write = 402;
/// an output path that is one of the command's inputs
inline constexpr int overwrites_input = 403;
}  // namespace errc

}  // namespace zoneperf
