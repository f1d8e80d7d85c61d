// Tests for include/zoneperf/scorecard.hpp and the scorecard reader of include/zoneperf/io/report.hpp:
// a scorecard written and read back is the same scorecard, and a file whose numbers disagree is
// refused with every inconsistency named.
#include "zoneperf/scorecard.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "../support/test_support.hpp"
#include "zoneperf/io/report.hpp"
#include "zoneperf/io/reports.hpp"
#include "zoneperf/io/tables.hpp"
#include "zoneperf/pay/inputs.hpp"
#include "zoneperf/presets.hpp"

namespace zoneperf {
namespace {

using test_support::message_of;
using json = nlohmann::ordered_json;
constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

scorecard sample_scorecard(explained which = explained::all) {
  const indicator_tree tree = load_preset("task-force");
  const values_table values = read_values(tree, sample_file("task-force/values.csv"), "values.csv");
  const targets_table targets =
      read_targets(tree, values.units, sample_file("task-force/targets.csv"), "targets.csv");
  const target_table view = targets.view();
  return make_scorecard(tree, values.values, &view, values.units, which);
}

TEST(scorecard_test, make_scorecard_is_assess_and_explain) {
  const scorecard card = sample_scorecard();
  ASSERT_EQ(card.units.size(), 4u);
  ASSERT_EQ(card.leaves.size(), 4u);
  EXPECT_EQ(card.leaves[0].size(), card.tree.columns().size());
  EXPECT_EQ(card.find("高端装备"), std::optional<std::size_t>(1));
  EXPECT_EQ(card.find("nobody"), std::nullopt);
  EXPECT_EQ(card.grade_label(0), "优秀");
  EXPECT_NE(card.leaf(0, "foreign_capital"), nullptr);
  EXPECT_EQ(card.leaf(0, "no_leaf"), nullptr);
  EXPECT_TRUE(sample_scorecard(explained::none).leaves[0].empty());
}

TEST(scorecard_test, a_scorecard_written_and_read_back_writes_the_same_bytes) {
  const scorecard card = sample_scorecard();
  const std::string text = report_json(card);
  const scorecard back = read_scorecard(text, "scorecard.json");
  EXPECT_EQ(back.units, card.units);
  EXPECT_EQ(report_json(back), text);
  EXPECT_EQ(report_csv(back), report_csv(card));
  for (std::size_t u = 0; u < card.units.size(); ++u)
    EXPECT_EQ(back.result.total(static_cast<std::ptrdiff_t>(u)),
              card.result.total(static_cast<std::ptrdiff_t>(u)));
}

// One group of two reweighted leaves: unit x has both, y one, z none (its group all missing).
const indicator_tree& reweighted_tree() {
  static const indicator_tree tree = indicator_tree::from_json(R"({"id":"t","points":10,"children":[
      {"id":"g","points":10,"children":[
        {"id":"a","points":6,"rule":{"kind":"goalposts","lo":0,"hi":1},"missing":"reweight"},
        {"id":"b","points":4,"rule":{"kind":"goalposts","lo":0,"hi":1},"missing":"reweight"}]}]})");
  return tree;
}

scorecard reweighted_scorecard() {
  Eigen::MatrixXd v(3, 2);
  v << 1, 0.5, NaN, 0.5, NaN, NaN;
  return make_scorecard(reweighted_tree(), v, nullptr, {"x", "y", "z"});
}

TEST(scorecard_test, reweighted_and_all_missing_groups_read_back) {
  const indicator_tree& tree = reweighted_tree();
  const scorecard card = reweighted_scorecard();
  const std::string text = report_json(card);
  ASSERT_NE(text.find("\"all_missing\": true"), std::string::npos);
  const scorecard back = read_scorecard(text, "s.json", &tree);
  EXPECT_EQ(report_json(back), text);
  EXPECT_TRUE(back.result.all_missing(2, tree.index_of("g")));
  EXPECT_FALSE(back.result.all_missing(1, tree.index_of("g")));
  EXPECT_EQ(back.result.max(1, tree.index_of("b")), 10);
  // The reports mark the group whose indicators were all missing (unit z), and only that one.
  report_sections en;
  en.lang = report_lang::en;
  const std::string md = report_markdown(report_data(back, en));
  EXPECT_EQ(md.find("(all missing)"), md.rfind("(all missing)"));
  EXPECT_NE(md.find("| z | 0.00 (all missing) |"), std::string::npos) << md;
  EXPECT_NE(report_markdown(report_data(back)).find("| z | 0.00（全部缺失） |"), std::string::npos);
  const std::string html = report_html(report_data(back, en));
  EXPECT_NE(html.find("<td class=\"n all-missing\" title=\"every indicator missing\" data-v=\"0\">0.00</td>"),
            std::string::npos);
  EXPECT_NE(
      report_html(report_data(back)).find("<td class=\"n all-missing\" title=\"全部指标缺失\" data-v=\"0\">"),
      std::string::npos);
}

// The report's nodes are written from text made once per report: for every indent the bytes are
// what nlohmann's dump gives for the same document (an independent writer), all_missing included.
TEST(scorecard_test, the_report_json_is_nlohmanns_dump_at_every_indent) {
  for (const scorecard& card : {sample_scorecard(explained::none), reweighted_scorecard()})
    for (int indent : {-1, 0, 1, 2, 4}) {
      const std::string text = report_json(card, indent);
      EXPECT_EQ(text, json::parse(text).dump(indent) + "\n") << indent;
      EXPECT_EQ(json::parse(text), json::parse(report_json(card, 2)));
    }
}

TEST(scorecard_test, a_hand_written_scorecard_without_nodes_reads_for_pay) {
  const scorecard card = read_scorecard(sample_file("pay/scorecard.json"), "scorecard.json");
  const scorecard_summary s = summary_of(card);
  ASSERT_EQ(s.units.size(), 4u);
  EXPECT_EQ(s.find("高端装备")->grade, "良好");
  EXPECT_EQ(*s.find("信息技术")->ratio("foreign_capital"), std::optional<double>(1.0));
  EXPECT_EQ(s.find("信息技术")->ratio("no_leaf"), nullptr);
  EXPECT_EQ(s.find("nobody"), nullptr);
}

// The sample scorecard as JSON, edited by `edit`, read back: the error message.
std::string problems_after(const std::function<void(json&)>& edit) {
  json j = json::parse(report_json(sample_scorecard()));
  edit(j);
  return message_of([&] { read_scorecard(j.dump(), "s.json"); });
}

TEST(scorecard_test, a_total_unequal_to_its_groups_is_refused) {
  // 信息技术 scores 80.43880952380954 (良好, rank 3 of 4); 85 is not its parts, and its grade and
  // rank still follow from 85.
  EXPECT_EQ(problems_after([](json& j) { j["units"][3]["total"] = 85; }),
            "[zoneperf.data.318] s.json:/units/3/total: total 85 is not its parts' 80.43880952380954 (groups "
            "+ bonuses − penalties, floored at 0) (unit \"信息技术\")");
  // A total that is its parts within 1e-9 relative (a hand-written file's rounding) is accepted.
  EXPECT_EQ(problems_after([](json& j) { j["units"][3]["total"] = 80.4388095238; }), "no error");
}

TEST(scorecard_test, a_grade_that_the_total_does_not_give_is_refused) {
  EXPECT_EQ(problems_after([](json& j) { j["units"][3]["grade"] = "优秀"; }),
            "[zoneperf.data.318] s.json:/units/3/grade: grade \"优秀\" does not follow from total "
            "80.43880952380954: the tree gives \"良好\" (unit \"信息技术\")");
}

TEST(scorecard_test, duplicate_units_unknown_grades_and_bad_ranks_are_each_named) {
  EXPECT_EQ(problems_after([](json& j) { j["units"][2]["id"] = j["units"][0]["id"]; }),
            "[zoneperf.data.306] s.json:/units/2/id: unit \"新材料新能源\" is given twice");
  EXPECT_EQ(problems_after([](json& j) { j["units"][0]["grade"] = "卓越"; }),
            "[zoneperf.data.318] s.json:/units/0/grade: grade \"卓越\" is not a grade of tree \"task-force\" "
            "(优秀, 良好, 合格, 不合格) (unit \"新材料新能源\")");
  EXPECT_EQ(problems_after([](json& j) { j["units"][3]["rank"] = -5; }),
            "[zoneperf.data.318] s.json:/units/3/rank: rank -5 does not follow from total 80.43880952380954 "
            "among the scorecard's totals: it is 3 (unit \"信息技术\")");
  EXPECT_EQ(problems_after([](json& j) { j["units"][3]["rank"] = nullptr; }),
            "[zoneperf.data.318] s.json:/units: some units have a rank and some do not: rank all of them or "
            "none");
}

TEST(scorecard_test, wrong_types_and_unknown_leaves_are_refused) {
  EXPECT_EQ(problems_after([](json& j) { j["units"][0]["leaves"]["foreign_capital"]["ratio"] = "1.5"; }),
            "[zoneperf.config.202] s.json:/units/0/leaves/foreign_capital/ratio: expected a number or null, "
            "got a string");
  EXPECT_EQ(problems_after([](json& j) { j["units"][0]["leaves"]["nothing"] = json::object(); }),
            "[zoneperf.data.304] s.json:/units/0/leaves/nothing: no leaf or item \"nothing\" in tree "
            "\"task-force\" (unit \"新材料新能源\")");
  EXPECT_EQ(problems_after([](json& j) { j["units"][1]["nodes"].erase("delivery"); }),
            "[zoneperf.config.201] s.json:/units/1/nodes/delivery: missing the scores of node \"delivery\" "
            "(unit \"高端装备\")");
  EXPECT_EQ(problems_after([](json& j) { j["units"][0]["nodes"]["delivery"]["rate"] = 0.5; }),
            "[zoneperf.data.318] s.json:/units/0/nodes/delivery/rate: rate 0.5 is not score / max = 1.05 "
            "(unit \"新材料新能源\")");
  EXPECT_EQ(problems_after([](json& j) { j.erase("tree"); }),
            "[zoneperf.config.201] s.json:/tree: missing \"tree\": name the scorecard's tree, or pass the "
            "tree");
}

TEST(scorecard_test, a_vetoed_unit_scores_zero_and_takes_the_lowest_grade) {
  EXPECT_EQ(
      problems_after([](json& j) { j["units"][0]["veto"] = true; }),
      "[zoneperf.data.318] s.json:/units/0/total: total 112.28888888888889 is not 0: the unit is vetoed "
      "(unit \"新材料新能源\")\n"
      "[zoneperf.data.318] s.json:/units/0/grade: grade \"优秀\" does not follow from total "
      "112.28888888888889: the tree gives \"不合格\" (unit \"新材料新能源\")");
}

TEST(scorecard_test, the_report_refuses_pay_of_task_forces_not_in_the_scorecard) {
  const scorecard card = sample_scorecard();
  json pay = {{"reconciliation", json::object()},
              {"task_forces", json::array({{{"id", "高端装备"}}, {{"id", "无此专班"}}})},
              {"people", json::array({{{"id", "P1"}, {"task_force", "无此专班"}}})}};
  report_inputs in;  // the JSON path; tests/reports/sections_test.cpp has the typed one
  in.scorecard = report_json(card);
  in.pay = pay.dump();
  EXPECT_EQ(
      message_of([&] { report_data::parse(in, &card.tree); }),
      "[zoneperf.data.316] pay:/task_forces/1/id: task force \"无此专班\" is not a unit of the scorecard\n"
      "[zoneperf.data.316] pay:/people/0/task_force: task force \"无此专班\" is not a unit of the "
      "scorecard");
  const std::string unexplained = message_of([&] { report_data(sample_scorecard(explained::none)); });
  EXPECT_EQ(unexplained.rfind("[zoneperf.config.201] scorecard:/units/0: missing \"leaves\": the reports", 0),
            0u)
      << unexplained;
}

}  // namespace
}  // namespace zoneperf
