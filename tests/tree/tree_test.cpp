// Indicator trees: loading, validation messages, round trip, builder.
#include "zoneperf/tree.hpp"

#include <gtest/gtest.h>

#include <string>

#include "zoneperf/presets.hpp"

using namespace zoneperf;

namespace {
std::string messages(const std::vector<problem>& ps) {
  std::string out;
  for (const auto& p : ps) out += format_problem(p) + "\n";
  return out;
}
}  // namespace

TEST(tree_test, task_force_preset_has_six_groups_and_seventeen_indicators) {
  const auto tree = load_preset("task-force");
  EXPECT_EQ(tree.groups().size(), 6u);
  int leaves = 0, items = 0;
  for (std::size_t i = 0; i < tree.size(); ++i) {
    if (tree.node(i).kind == node_kind::leaf) ++leaves;
    if (tree.node(i).kind == node_kind::bonus || tree.node(i).kind == node_kind::penalty ||
        tree.node(i).kind == node_kind::veto)
      ++items;
  }
  EXPECT_EQ(leaves, 17);  // the article: 6 first-level, 17 second-level indicators
  EXPECT_EQ(items, 3);
  EXPECT_EQ(tree.columns().size(), 20u);
  EXPECT_EQ(tree.points(), 100);
  EXPECT_EQ(tree.node(tree.index_of("foreign_capital")).rule.cap.value(), 1.2);
  EXPECT_EQ(tree.grades().front().label, "优秀");
}

TEST(tree_test, every_problem_is_reported_at_once_with_its_json_pointer) {
  const char* text = R"({"id": "t", "points": 10, "children": [
    {"id": "g", "points": 6, "children": [
      {"id": "a", "points": -3, "rule": {"kind": "completion", "cap": -1}, "target": 1},
      {"id": "a", "points": 4, "rule": {"kind": "magic"}}]},
    {"id": "h", "points": 4, "children": []},
    {"id": "b", "points": 0, "rule": {"kind": "banded", "bands": [{"min": 0.5, "value": 0.5}, {"min": 0.8, "value": 1}]}, "target": 1},
    {"id": "c", "points": 0, "rule": {"kind": "goalposts", "lo": 5, "hi": 5}, "colour": "red"}]})";
  const auto problems = validate_tree_json(text, "t.json");
  EXPECT_EQ(
      messages(problems),
      "[zoneperf.config.203] t.json:/children/0/children/0/points: negative points -3\n"
      "[zoneperf.config.210] t.json:/children/0/children/0/rule/cap: cap must be positive, not -1\n"
      "[zoneperf.config.207] t.json:/children/0/children/1/rule/kind: unknown rule \"magic\" (expected "
      "completion, banded, threshold, benchmark, goalposts, minmax, rank or lookup)\n"
      "[zoneperf.config.205] t.json:/children/0/children/1/id: duplicate id \"a\" (first used at "
      "/children/0/children/0)\n"
      "[zoneperf.config.204] t.json:/children/0/points: children's points add up to 1, not 6\n"
      "[zoneperf.config.206] t.json:/children/1/children: \"h\" has no children\n"
      "[zoneperf.config.208] t.json:/children/2/rule/bands/1/min: bands out of order: min 0.8 must be below "
      "the previous band's 0.5\n"
      "[zoneperf.config.211] t.json:/children/3/colour: unknown key \"colour\" in a leaf\n"
      "[zoneperf.config.209] t.json:/children/3/rule: goalposts need lo < hi, got lo 5 and hi 5\n");
  try {
    indicator_tree::from_json(text, "t.json");
    FAIL() << "expected an error";
  } catch (const error& e) {
    EXPECT_EQ(e.problems().size(), problems.size());
    EXPECT_EQ(e.code(), 203);
  }
}

TEST(tree_test, points_within_a_billionth_of_the_parent_add_up_but_a_hundredth_does_not) {
  auto tree_with = [](const char* second) {
    return std::string(
               R"({"id":"t","points":1,"children":[{"id":"a","points":0.5,"rule":{"kind":"threshold"},"target":1},)") +
           R"({"id":"b","points":)" + second + R"(,"rule":{"kind":"threshold"},"target":1}]})";
  };
  EXPECT_TRUE(validate_tree_json(tree_with("0.5000000000001")).empty());
  EXPECT_EQ(messages(validate_tree_json(tree_with("0.49"), "t")),
            "[zoneperf.config.204] t:/points: children's points add up to 0.99, not 1\n");
}

TEST(tree_test, items_must_sit_under_the_root_and_targets_must_fit_the_rule) {
  const char* text = R"({"id":"t","points":1,"children":[{"id":"g","points":1,"children":[
      {"id":"x","kind":"bonus","per_unit":1,"max":2},
      {"id":"s","points":1,"rule":{"kind":"goalposts","lo":0,"hi":1},"target":3}]}]})";
  EXPECT_EQ(
      messages(validate_tree_json(text, "t")),
      "[zoneperf.config.215] t:/children/0/children/0: bonus item \"x\" must sit directly under the root\n"
      "[zoneperf.config.214] t:/children/0/children/1/target: rule goalposts takes no target\n");
}

TEST(tree_test, truncated_and_garbled_json_is_a_parse_error_with_line_and_column) {
  const std::string text(load_preset("task-force").to_json());
  for (std::size_t cut : {0ul, 1ul, 17ul, text.size() / 2, text.size() - 2}) {
    const auto problems = validate_tree_json(text.substr(0, cut), "cut.json");
    ASSERT_EQ(problems.size(), 1u) << cut;
    EXPECT_EQ(problems[0].code, errc::json_syntax);
    EXPECT_EQ(problems[0].where.rfind("cut.json:", 0), 0u);
  }
  EXPECT_EQ(messages(validate_tree_json("{\n  \"id\": tree\n}", "g.json")).substr(0, 45),
            "[zoneperf.parse.101] g.json:2:11: invalid JSO");
  // Garbage of every kind never crashes.
  for (const char* g :
       {"[]", "null", "\"x\"", "{\"id\":1}", "{\"children\":{}}", "{\"id\":\"r\",\"children\":[1,[2]]}"})
    EXPECT_FALSE(validate_tree_json(g).empty()) << g;
}

TEST(tree_test, deep_nesting_is_refused_not_a_stack_overflow) {
  std::string text;
  const int depth = 5000;
  for (int i = 0; i < depth; ++i) text += R"({"id":"g)" + std::to_string(i) + R"(","points":1,"children":[)";
  text += R"({"id":"leaf","points":1,"rule":{"kind":"threshold"},"target":1})";
  for (int i = 0; i < depth; ++i) text += "]}";
  auto problems = validate_tree_json(text, "deep.json");
  ASSERT_FALSE(problems.empty());  // 10 000 JSON levels: refused by the JSON reader's limit (102)
  EXPECT_EQ(format_problem(problems.front()).rfind("[zoneperf.parse.102] deep.json:1:", 0), 0u);
  // 40 groups deep (80 JSON levels) passes the reader and meets the tree's own limit of 32.
  std::string deep;
  for (int i = 0; i < 40; ++i) deep += R"({"id":"g)" + std::to_string(i) + R"(","points":1,"children":[)";
  deep += R"({"id":"leaf","points":1,"rule":{"kind":"threshold"},"target":1})";
  for (int i = 0; i < 40; ++i) deep += "]}";
  problems = validate_tree_json(deep, "deep.json");
  ASSERT_FALSE(problems.empty());
  EXPECT_NE(format_problem(problems.front()).find("nested deeper than 32 levels"), std::string::npos)
      << format_problem(problems.front());
}

TEST(tree_test, load_save_load_is_identical_for_every_preset) {
  for (const auto& name : preset_names()) {
    const auto a = load_preset(name);
    const std::string saved = a.to_json();
    const auto b = indicator_tree::from_json(saved, "saved");
    EXPECT_EQ(b.to_json(), saved) << name;
    EXPECT_EQ(b.size(), a.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a.node(i).id, b.node(i).id);
      EXPECT_EQ(a.node(i).points, b.node(i).points);
      EXPECT_EQ(a.node(i).target, b.node(i).target);
      EXPECT_EQ(a.node(i).rule.kind, b.node(i).rule.kind);
      EXPECT_EQ(a.node(i).rule.cap, b.node(i).rule.cap);
      EXPECT_EQ(a.node(i).name, b.node(i).name);
    }
  }
}

TEST(tree_test, builder_builds_what_a_file_describes_and_validates_alike) {
  rule completion;
  completion.cap = 1.2;
  const auto tree = tree_builder("mini", "小", 10)
                        .grades({{60, "合格"}, {0, "不合格"}})
                        .group("", "g", "组", 10)
                        .leaf("g", "a", "甲", 6, completion, direction::higher_is_better, 5.0)
                        .leaf("g", "b", "乙", 4, rule{rule_kind::threshold}, direction::lower_is_better, 2.0)
                        .bonus("plus", "加分", 1, 3)
                        .veto("stop", "否决")
                        .build();
  EXPECT_EQ(tree.columns().size(), 4u);
  EXPECT_EQ(tree.node(tree.index_of("b")).dir, direction::lower_is_better);
  const auto again = indicator_tree::from_json(tree.to_json());
  EXPECT_EQ(again.to_json(), tree.to_json());

  try {
    tree_builder("bad", "坏", 10)
        .group("", "g", "组", 5)
        .leaf("g", "a", "甲", 5, rule{rule_kind::threshold})
        .build();
    FAIL() << "expected an error";
  } catch (const error& e) {
    EXPECT_STREQ(e.what(), "[zoneperf.config.204] <builder>:/points: children's points add up to 5, not 10");
  }
}

TEST(tree_test, lookup_codes_map_to_their_index_and_unknown_codes_are_errors) {
  const auto tree = indicator_tree::from_json(R"({"id":"t","points":10,"children":[
      {"id":"credit","points":10,"rule":{"kind":"lookup","table":{"A":1,"B":0.7,"C":0.4},"veto":["blacklist"]}}]})");
  EXPECT_EQ(tree.code_value("credit", "A"), 0);
  EXPECT_EQ(tree.code_value("credit", "C"), 2);
  EXPECT_EQ(tree.code_value("credit", "blacklist"), 3);
  try {
    tree.code_value("credit", "D");
    FAIL();
  } catch (const error& e) {
    EXPECT_STREQ(e.what(), "[zoneperf.data.312] credit: unknown code \"D\" (expected A, B, C, blacklist)");
  }
}
