// Chinese headers and percentages in values and targets tables (docs/semantics.md §4 "Headers").
#include "zoneperf/text/headers.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "../support/test_support.hpp"
#include "zoneperf/io/tables.hpp"
#include "zoneperf/presets.hpp"
#include "zoneperf/text/number.hpp"

using namespace zoneperf;
using zoneperf::test_support::message_of;

namespace {
// Two leaves with units, a leaf without one, a "fraction" leaf and a bonus item.
const char* tree_json = R"js({"id":"t","points":10,"children":[
  {"id":"inv","name":"签约总投资（亿元）","unit":"亿元","points":3,"rule":{"kind":"completion"},"target":10},
  {"id":"rate","name":"开工率(%)","unit":"%","points":2,"rule":{"kind":"completion"},"target":100},
  {"id":"share","name":"研发占比","unit":"fraction","points":2,"rule":{"kind":"completion"},"target":0.05},
  {"id":"count","name":"意向项目数","points":3,"rule":{"kind":"completion"},"target":5},
  {"id":"plus","name":"加分","kind":"bonus","per_unit":1,"max":2}]})js";
}  // namespace

TEST(headers_test, folding_trims_and_turns_full_width_forms_into_ascii) {
  EXPECT_EQ(fold_header("  签约总投资（亿元）\t"), "签约总投资(亿元)");
  EXPECT_EQ(fold_header("\xE3\x80\x80开工率％\xE3\x80\x80"), "开工率%");  // ideographic spaces
  EXPECT_EQ(fold_header("ｕｎｉｔ"), "unit");
  EXPECT_EQ(fold_header("｛～｝"), "{~}");  // the ends of U+FF01..U+FF5E
  EXPECT_EQ(fold_header("Unit"), "Unit");   // no case folding
  const auto b = split_bracket("签约总投资 (亿元)");
  EXPECT_TRUE(b.has_bracket);
  EXPECT_EQ(b.base, "签约总投资");
  EXPECT_EQ(b.bracket, "亿元");
  EXPECT_EQ(split_bracket("重大项目(≥10亿元(含))").bracket, "≥10亿元(含)");
  EXPECT_FALSE(split_bracket("意向项目数").has_bracket);
  EXPECT_FALSE(split_bracket("(亿元)").has_bracket);
  EXPECT_FALSE(split_bracket("a)").has_bracket);
  for (const char* h : {"unit", "单位", "单位名称", "专班", "考核单位", " 专班 "})
    EXPECT_TRUE(is_unit_header(h)) << h;
  for (const char* h : {"Unit", "名称", "", "units"}) EXPECT_FALSE(is_unit_header(h)) << h;
}

TEST(headers_test, leaves_carry_a_unit_that_is_validated_and_saved) {
  const auto tree = indicator_tree::from_json(tree_json);
  EXPECT_EQ(tree.node(tree.index_of("inv")).unit, "亿元");
  EXPECT_EQ(tree.node(tree.index_of("count")).unit, "");
  const auto again = indicator_tree::from_json(tree.to_json());
  EXPECT_EQ(again.node(again.index_of("inv")).unit, "亿元");
  EXPECT_EQ(again.node(again.index_of("share")).unit, "fraction");
  EXPECT_EQ(again.to_json(), tree.to_json());
  auto err = [](const std::string& leaf) {
    return message_of(
        [&] { indicator_tree::from_json(R"({"id":"t","points":1,"children":[)" + leaf + "]}", "t.json"); });
  };
  EXPECT_EQ(err(R"({"id":"a","points":1,"unit":5,"rule":{"kind":"threshold"},"target":1})"),
            "[zoneperf.config.202] t.json:/children/0/unit: \"unit\" must be a string, not 5");
  EXPECT_EQ(err(R"({"id":"a","points":1,"unit":"　","rule":{"kind":"threshold"},"target":1})"),
            "[zoneperf.config.214] t.json:/children/0/unit: empty unit (leave \"unit\" out instead)");
  EXPECT_EQ(err(R"({"id":"a","points":1,"rule":{"kind":"threshold"},"target":1},
                 {"id":"b","kind":"bonus","per_unit":1,"max":1,"unit":"个"})"),
            "[zoneperf.config.211] t.json:/children/1/unit: unknown key \"unit\" in a bonus or penalty item");
  // every target-using leaf of the shipped presets says what it measures
  for (const char* p : {"task-force", "admission", "js-huaian", "zj-huangyan"}) {
    const auto preset = load_preset(p);
    for (std::size_t i = 0; i < preset.size(); ++i) {
      const node& n = preset.node(i);
      if (n.kind == node_kind::leaf && uses_target(n.rule.kind)) EXPECT_NE(n.unit, "") << p << " " << n.id;
    }
  }
  EXPECT_EQ(load_preset("task-force").node(load_preset("task-force").index_of("signed_investment")).unit,
            "亿元");
}

TEST(headers_test, a_header_is_an_id_a_name_or_a_name_without_its_bracket) {
  const auto tree = indicator_tree::from_json(tree_json);
  // full-width brackets, the name without its bracket, the unit as the bracket of a name that has
  // none, the unit column's Chinese name
  const auto v = read_values(tree,
                             "专班,签约总投资(亿元),开工率,研发占比（fraction）,意向项目数,plus\n"
                             "甲,1.5,80,0.1,3,1\n",
                             "v.csv");
  EXPECT_EQ(v.values(0, 0), 1.5);
  EXPECT_EQ(v.values(0, 1), 80);
  EXPECT_EQ(v.values(0, 2), 0.1);
  EXPECT_EQ(v.values(0, 3), 3);
  const auto w =
      read_values(tree, "单位, 签约总投资 ,开工率（％）,share,count,加分\n甲,2,1,1,1,0\n", "w.csv");
  EXPECT_EQ(w.values(0, 0), 2);
  const auto t = read_targets(tree, {"甲"}, "考核单位,签约总投资（亿元）,意向项目数\n甲,12,6\n", "t.csv");
  EXPECT_EQ(t.leaf_ids, (std::vector<std::string>{"inv", "count"}));
  EXPECT_EQ(t.values(0, 0), 12);
}

TEST(headers_test, a_bracket_other_than_the_unit_and_ambiguous_headers_are_errors) {
  const auto tree = indicator_tree::from_json(tree_json);
  auto err = [&](const std::string& header) {
    return message_of([&] { read_values(tree, header + "\n", "v.csv"); });
  };
  EXPECT_EQ(
      err("unit,签约总投资(万元),rate,share,count,plus"),
      "[zoneperf.data.321] v.csv:1:2: column \"签约总投资(万元)\" is \"inv\" (签约总投资（亿元）) in 万元, "
      "but the leaf's unit is 亿元: zoneperf never converts units; give the column in the leaf's unit");
  EXPECT_EQ(
      err("unit,inv,rate,share,意向项目数(万个),plus"),
      "[zoneperf.data.321] v.csv:1:5: column \"意向项目数(万个)\" is \"count\" (意向项目数) in 万个, but the "
      "leaf has no unit: zoneperf never converts units; give the column in the leaf's unit");
  EXPECT_EQ(
      err("unit,inv,rate,share,count,plus,签约总投资"),
      "[zoneperf.data.307] v.csv:1:7: duplicate column \"签约总投资\" (also column 2, \"inv\": both name "
      "\"inv\" (签约总投资（亿元）))");
  EXPECT_EQ(err("unit,inv,rate,share,count,plus,plus"),
            "[zoneperf.data.307] v.csv:1:7: duplicate column \"plus\" (also column 6)");
  EXPECT_EQ(
      err("unit,inv,rate,share,count,plus,签约(亿元)"),
      "[zoneperf.data.304] v.csv:1:7: unknown column \"签约(亿元)\": tree \"t\" has no leaf or item with "
      "this id or name");
  // two leaves with one folded name, and a name that is another leaf's id
  const auto twins = indicator_tree::from_json(R"js({"id":"t2","points":2,"children":[
    {"id":"g1","name":"甲组","points":1,"children":[{"id":"a","name":"税收(万元)","unit":"万元","points":1,"rule":{"kind":"threshold"},"target":1}]},
    {"id":"g2","name":"乙组","points":1,"children":[{"id":"b","name":"税收（万元）","unit":"万元","points":0.5,"rule":{"kind":"threshold"},"target":1},
      {"id":"c","name":"a","points":0.5,"rule":{"kind":"threshold"},"target":1}]}]})js");
  EXPECT_EQ(message_of([&] { read_values(twins, "unit,税收\n", "v.csv"); }),
            "[zoneperf.data.320] v.csv:1:2: column \"税收\" names both \"a\" (税收(万元)) and \"b\" "
            "(税收（万元）) of "
            "tree \"t2\": use the id");
  EXPECT_EQ(message_of([&] { read_targets(twins, {"x"}, "unit,税收(万元)\nx,1\n", "t.csv"); }),
            "[zoneperf.data.320] t.csv:1:2: column \"税收(万元)\" names both \"a\" (税收(万元)) and \"b\" "
            "(税收（万元）) "
            "of tree \"t2\": use the id");
  // an id wins over another leaf's name: "a" is leaf a, though leaf c is named "a"
  const auto v = read_values(twins, "unit,b,c,a\nx,1,2,3\n", "v.csv");
  EXPECT_EQ(v.values(0, 0), 3);
  EXPECT_EQ(v.values(0, 2), 2);
}

TEST(headers_test, a_percentage_reads_in_a_percent_or_fraction_leaf_only) {
  const auto tree = indicator_tree::from_json(tree_json);
  const auto v = read_values(
      tree, "unit,inv,rate,share,count,plus\n甲,1,85.5%,14.3%,1,0\n乙,1,１，３８０％,3%,1,0\n", "v.csv");
  EXPECT_EQ(v.values(0, 1), 85.5);
  EXPECT_EQ(v.values(0, 2), 0.143);  // the decimal 0.143 rounded once, not 14.3 / 100
  EXPECT_NE(14.3 / 100, 0.143);      // which is why the point is moved in the text
  EXPECT_EQ(v.values(1, 1), 1380);
  EXPECT_EQ(v.values(1, 2), 0.03);
  auto err = [&](const std::string& row) {
    return message_of([&] { read_values(tree, "unit,inv,rate,share,count,plus\n" + row + "\n", "v.csv"); });
  };
  EXPECT_EQ(err("甲,85%,1,1,1,0"),
            "[zoneperf.data.308] v.csv:2:2 (unit \"甲\", indicator \"inv\"): not a number: \"85%\" is a "
            "percentage, "
            "and \"inv\" (签约总投资（亿元）) is in 亿元 (a percentage reads only in a leaf whose unit is % "
            "or fraction)");
  EXPECT_EQ(err("甲,1,1,1,5%,0"),
            "[zoneperf.data.308] v.csv:2:5 (unit \"甲\", indicator \"count\"): not a number: \"5%\" is a "
            "percentage, "
            "and \"count\" (意向项目数) has no unit (a percentage reads only in a leaf whose unit is % or "
            "fraction)");
  EXPECT_EQ(err("甲,1,1e2%,1,1,0"),
            "[zoneperf.data.308] v.csv:2:3 (unit \"甲\", indicator \"rate\"): not a number: \"1e2%\"");
  EXPECT_EQ(err("甲,1,%,1,1,0"),
            "[zoneperf.data.308] v.csv:2:3 (unit \"甲\", indicator \"rate\"): not a number: \"%\"");
  // targets read percentages the same way
  const auto t = read_targets(tree, {"甲"}, "unit,rate,share\n甲,90%,5.5%\n", "t.csv");
  EXPECT_EQ(t.values(0, 0), 90);
  EXPECT_EQ(t.values(0, 1), 0.055);
}

TEST(headers_test, parse_percent_moves_the_point_in_the_text) {
  double v = 0;
  EXPECT_EQ(parse_percent(" 12.5 % ", false, v), number_status::ok);
  EXPECT_EQ(v, 12.5);
  EXPECT_EQ(parse_percent("-0.1%", true, v), number_status::ok);
  EXPECT_EQ(v, -0.001);
  EXPECT_EQ(parse_percent("１２％", true, v), number_status::ok);
  EXPECT_EQ(v, 0.12);
  EXPECT_EQ(parse_percent("12", false, v), number_status::not_a_number);
  EXPECT_EQ(parse_percent("12%%", false, v), number_status::not_a_number);
  EXPECT_EQ(parse_percent("abc%", true, v), number_status::not_a_number);
  EXPECT_EQ(parse_percent(std::string(130, '1') + "%", true, v), number_status::not_a_number);
  EXPECT_TRUE(is_percent("5 ％ "));
  EXPECT_FALSE(is_percent("5"));
  EXPECT_FALSE(is_percent(""));
}

TEST(headers_test, the_sample_values_read_under_chinese_headers) {
  const auto tree = load_preset("task-force");
  const auto by_id = read_values(tree, sample_file("task-force/values.csv"), "values.csv");
  std::string text(sample_file("task-force/values.csv"));
  std::string header = text.substr(0, text.find('\n'));
  std::string chinese = "单位";
  for (std::size_t start = header.find(',') + 1; start <= header.size();) {
    const std::size_t end = std::min(header.find(',', start), header.size());
    chinese += "," + tree.node(tree.index_of(header.substr(start, end - start))).name;
    start = end + 1;
  }
  const auto by_name = read_values(tree, chinese + text.substr(text.find('\n')), "values.csv");
  EXPECT_EQ(by_name.units, by_id.units);
  EXPECT_TRUE(by_name.values.cwiseEqual(by_id.values).count() + by_id.values.array().isNaN().count() ==
              by_id.values.size());
}
