// Every JSON reader bounds how deep a document may nest: arrays and objects past 128 levels are
// error 102 with the line:column of the first bracket too deep and the JSON pointer of that value,
// before anything recursive meets them (issue 19, item 1). Messages show a value as a short
// excerpt, never a whole subtree.
#include <gtest/gtest.h>

#include <string>

#include "../support/test_support.hpp"
#include "zoneperf/io/report.hpp"
#include "zoneperf/io/reports.hpp"
#include "zoneperf/land/classes.hpp"
#include "zoneperf/land/evaluation.hpp"
#include "zoneperf/land/gates.hpp"
#include "zoneperf/pay/inputs.hpp"
#include "zoneperf/pay/policy.hpp"
#include "zoneperf/presets.hpp"
#include "zoneperf/tree.hpp"

using namespace zoneperf;
using zoneperf::test_support::message_of;

namespace {

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t k = 0; k < n; ++k) out += s;
  return out;
}

/// 100 000 opening brackets: the document that once crashed every reader (exit 139).
const std::string brackets(100000, '[');
/// The message each reader gives for `brackets` read as `source`.
std::string too_deep(const std::string& source) {
  return "[zoneperf.parse.102] " + source + ":1:129: JSON nested deeper than 128 levels at " +
         repeat("/0", 128);
}

}  // namespace

TEST(deep_json_test, a_hundred_thousand_brackets_are_error_102_in_every_reader) {
  EXPECT_EQ(message_of([] { indicator_tree::from_json(brackets, "t.json"); }), too_deep("t.json"));
  const auto problems = validate_tree_json(brackets, "t.json");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].code, errc::json_too_deep);
  EXPECT_EQ(message_of([] { pay_policy::from_json(brackets, "p.json"); }), too_deep("p.json"));
  ASSERT_EQ(validate_pay_policy_json(brackets, "p.json").size(), 1u);
  EXPECT_EQ(validate_pay_policy_json(brackets, "p.json")[0].code, errc::json_too_deep);
  EXPECT_EQ(message_of([] { read_scorecard(brackets, "s.json"); }), too_deep("s.json"));
  EXPECT_EQ(message_of([] { land_gate_thresholds_from_json(brackets, "g.json"); }), too_deep("g.json"));
  EXPECT_EQ(message_of([] { class_scheme_from_json(brackets, "c.json"); }), too_deep("c.json"));
  EXPECT_EQ(message_of([] { land_config_from_json(brackets, "l.json"); }), too_deep("l.json"));
}

TEST(deep_json_test, each_report_input_is_bounded) {
  // A good scorecard, so the report reaches each optional input.
  const std::string good = R"({"tree": "task-force", "units": []})";
  for (const char* which : {"scorecard", "pay", "land", "projects"}) {
    report_inputs in;
    in.scorecard = std::string(which) == "scorecard" ? brackets : good;
    if (std::string(which) == "pay") in.pay = brackets;
    if (std::string(which) == "land") in.land = brackets;
    if (std::string(which) == "projects") in.projects = brackets;
    EXPECT_EQ(message_of([&] { report_data::parse(in); }), too_deep(which)) << which;
  }
}

TEST(deep_json_test, the_pointer_names_keys_and_indices_and_the_place_counts_lines) {
  // Root object (level 1), array (2), object (3), then arrays from level 4: level 129 is the
  // 126th bracket of the run, at column 11 + 125 of line 2.
  const std::string text = "{\"a~/b\":\n[0,1,{\"c\":" + std::string(200, '[');
  EXPECT_EQ(message_of([&] { read_scorecard(text, "s.json"); }),
            "[zoneperf.parse.102] s.json:2:136: JSON nested deeper than 128 levels at /a~0~1b/2/c" +
                repeat("/0", 125));
  // A line ending in a lone CR counts as one.
  EXPECT_EQ(
      message_of([&] { read_scorecard("{\"a\":\r" + brackets, "s.json"); }),
      "[zoneperf.parse.102] s.json:2:128: JSON nested deeper than 128 levels at /a" + repeat("/0", 127));
}

TEST(deep_json_test, exactly_128_levels_parse_and_brackets_inside_strings_do_not_count) {
  const std::string deepest = repeat("[", 127) + "{\"units\": 1}" + repeat("]", 127);
  EXPECT_EQ(
      message_of([&] { read_scorecard(deepest, "s.json"); }),
      "[zoneperf.config.201] s.json:/units: a scorecard is {\"tree\": id, \"units\": [{\"id\", \"total\", "
      "\"rank\", \"grade\", ...}]}");
  // Brackets in strings, escaped quotes and escaped backslashes before a closing quote.
  const std::string in_strings = "{\"tree\": \"task-force\", \"units\": [], \"x\": \"" +
                                 std::string(1000, '[') + "\\\"" + std::string(1000, '{') +
                                 "\\\\\", \"y\": \"[\\\\\\\"[\"}";
  EXPECT_EQ(message_of([&] { read_scorecard(in_strings, "s.json"); }), "no error");
}

TEST(deep_json_test, a_syntax_error_before_the_deep_part_is_reported_as_such) {
  EXPECT_EQ(
      message_of([] { read_scorecard("{\"a\": tru, \"b\": " + brackets, "s.json"); }),
      "[zoneperf.parse.101] s.json:1:10: invalid JSON: syntax error while parsing value - invalid literal; "
      "last read: '\"a\": tru,'");
}

TEST(deep_json_test, a_wrong_type_in_a_tree_shows_an_excerpt_not_the_subtree) {
  const std::string big = "[" + repeat("123456789,", 100000) + "0]";
  const std::string text = R"({"id": "t", "name": "T", "points": )" + big + R"(, "children": []})";
  const auto problems = validate_tree_json(text, "t.json");
  ASSERT_FALSE(problems.empty());
  EXPECT_EQ(format_problem(problems[0]),
            "[zoneperf.config.202] t.json:/points: \"points\" must be a number, not "
            "[123456789,123456789,123456789,123456789,123456789,123456789…");
  const std::string long_name =
      R"({"id": "t", "name": [")" + std::string(100000, 'x') + R"("], "children": []})";
  const auto q = validate_tree_json(long_name, "t.json");
  ASSERT_FALSE(q.empty());
  EXPECT_EQ(format_problem(q[0]), "[zoneperf.config.202] t.json:/name: \"name\" must be a string, not [\"" +
                                      std::string(58, 'x') + "…");
}
