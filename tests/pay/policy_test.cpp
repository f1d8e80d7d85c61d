// Tests for include/zoneperf/pay/policy.hpp: loading, validation with every problem, round trip.
#include "zoneperf/pay/policy.hpp"

#include <gtest/gtest.h>

#include "zoneperf/presets.hpp"

namespace zoneperf {
namespace {

std::string joined(const std::vector<problem>& ps) {
  std::string s;
  for (const auto& p : ps) s += format_problem(p) + "\n";
  return s;
}

TEST(policy_test, the_sample_policy_loads) {
  const auto p = pay_policy::from_json(sample_file("pay/policy.json"), "samples/pay/policy.json");
  EXPECT_EQ(p.multiplier, exact_ratio(3, 2));
  EXPECT_EQ(p.task_force_coefficient("优秀"), exact_ratio(6, 5));
  EXPECT_EQ(p.task_force_coefficient("不合格"), exact_ratio(7, 10));
  EXPECT_FALSE(p.task_force_coefficient("A").has_value());
  EXPECT_EQ(p.team_coefficient_of("招商一组"), exact_ratio(21, 20));
  EXPECT_EQ(p.team_coefficient_of("no such team"), exact_ratio(1));
  EXPECT_EQ(p.individual_coefficient(90), exact_ratio(6, 5));
  EXPECT_EQ(p.individual_coefficient(89.999), exact_ratio(1));
  EXPECT_EQ(p.individual_coefficient(-1), std::nullopt);
  ASSERT_EQ(p.awards.size(), 3u);
  EXPECT_EQ(p.awards[0].source, award_source::scorecard);
  EXPECT_EQ(p.awards[0].amount, cny_money::from_yuan(60000));
  EXPECT_EQ(p.find_award("fortune500")->amount, cny_money::from_yuan(100000));
}

TEST(policy_test, standard_policy_is_domain_section_6) {
  const auto p = pay_policy::standard();
  EXPECT_EQ(p.floor, exact_ratio(1));
  EXPECT_EQ(p.cap, exact_ratio(2));
  EXPECT_EQ(p.task_force_coefficient("合格"), exact_ratio(9, 10));
  EXPECT_EQ(p.individual_coefficient(59.9), exact_ratio(1, 2));
}

TEST(policy_test, to_json_round_trips) {
  const auto p = pay_policy::from_json(sample_file("pay/policy.json"));
  const auto q = pay_policy::from_json(p.to_json());
  EXPECT_EQ(q.to_json(), p.to_json());
  EXPECT_EQ(q.team_coefficient_of("招商二组"), exact_ratio(21, 20));
}

TEST(policy_test, a_hundred_thousand_team_coefficients_read_and_write_in_input_order) {
  // Issue 19: 10^5 team coefficients took 18 s to read and as long to write (each key looked up by
  // a scan of the keys before it). Teams keep the file's order; a key given twice keeps its first
  // place and its last value, as the JSON parser has always read it, in a small object and in a
  // large one alike; to_json writes each team once.
  constexpr int n = 100000;
  auto id = [](int k) { return "t" + std::to_string((k * 7919) % n); };  // not in sorted order
  std::string teams = R"({"a": 1.5, "b": 1, "a": 1.25})";
  std::string big = "{";
  for (int k = 0; k < n; ++k) big += "\"" + id(k) + "\": 1." + std::to_string(1000 + k % 9000) + ",";
  big += "\"" + id(5) + "\": 2}";
  for (const std::string& object : {teams, big}) {
    std::string text(sample_file("pay/policy.json"));
    const std::size_t from = text.find("{", text.find("\"team_coefficients\""));
    text.replace(from, text.find('}', from) + 1 - from, object);
    const auto p = pay_policy::from_json(text, "p.json");
    if (object == teams) {
      ASSERT_EQ(p.teams.size(), 2u);
      EXPECT_EQ(p.teams[0].team, "a");
      EXPECT_EQ(p.teams[0].coefficient, exact_ratio(5, 4));
      EXPECT_EQ(p.teams[1].team, "b");
      continue;
    }
    ASSERT_EQ(p.teams.size(), static_cast<std::size_t>(n));
    for (int k = 0; k < n; k += 991) {
      EXPECT_EQ(p.teams[static_cast<std::size_t>(k)].team, id(k));
      if (k != 5)
        EXPECT_EQ(p.teams[static_cast<std::size_t>(k)].coefficient, exact_ratio(11000 + k % 9000, 10000))
            << k;
    }
    EXPECT_EQ(p.teams[5].coefficient, exact_ratio(2));
    const auto q = pay_policy::from_json(p.to_json(), "saved.json");
    ASSERT_EQ(q.teams.size(), p.teams.size());
    EXPECT_EQ(q.teams.back().team, id(n - 1));
    EXPECT_EQ(q.to_json(), p.to_json());
  }
}

TEST(policy_test, lists_every_problem_with_its_json_pointer) {
  const char* bad = R"({
    "multiplier": 0.5, "floor": 1.0, "cap": "2.00005", "colour": "red",
    "task_force_coefficients": {"优秀": 1.23456, "良好": -1, "合格": "x"},
    "team_coefficients": {"a/b": 0},
    "individual_coefficients": [{"min": 80, "coefficient": 1}, {"min": 90, "coefficient": 1.2}, {"coefficient": 1}],
    "awards": [{"kind": "外资", "amount": "1.001", "from": "nowhere"},
               {"kind": "x", "amount": 5, "from": "scorecard"},
               {"kind": "x", "amount": "-5", "from": "events", "leaf": "y"}]
  })";
  const auto problems = validate_pay_policy_json(bad, "policy.json");
  EXPECT_EQ(
      joined(problems),
      "[zoneperf.config.211] policy.json:/colour: unknown key \"colour\"\n"
      "[zoneperf.pay.602] policy.json:/cap: cap 2.00005 has more than 4 decimal places\n"
      "[zoneperf.pay.601] policy.json:/task_force_coefficients/优秀: coefficient 1.23456 has more than 4 "
      "decimal places\n"
      "[zoneperf.pay.601] policy.json:/task_force_coefficients/良好: coefficient -1 is outside (0, 100]\n"
      "[zoneperf.pay.601] policy.json:/task_force_coefficients/合格: coefficient is not an exact decimal: "
      "\"x\"\n"
      "[zoneperf.pay.601] policy.json:/team_coefficients/a~1b: coefficient 0 is outside (0, 100]\n"
      "[zoneperf.pay.605] policy.json:/individual_coefficients/1/min: bands must have strictly descending "
      "min: 90 follows 80\n"
      "[zoneperf.config.201] policy.json:/individual_coefficients/2: missing \"min\"\n"
      "[zoneperf.config.212] policy.json:/awards/0/kind: award kind \"外资\" is not an ASCII id (letters, "
      "digits, _ and -)\n"
      "[zoneperf.pay.603] policy.json:/awards/0/amount: award amount: more precision than a fen: \"1.001\" "
      "(name a rounding to accept it)\n"
      "[zoneperf.pay.603] policy.json:/awards/0/from: \"from\" is \"scorecard\" or \"events\", not "
      "\"nowhere\"\n"
      "[zoneperf.config.201] policy.json:/awards/1: missing \"leaf\"\n"
      "[zoneperf.config.205] policy.json:/awards/2/kind: award kind \"x\" is given twice\n"
      "[zoneperf.pay.603] policy.json:/awards/2/amount: negative award amount -5\n"
      "[zoneperf.pay.603] policy.json:/awards/2: \"leaf\" and \"min_ratio\" apply only to awards from the "
      "scorecard\n");
  try {
    pay_policy::from_json(bad, "policy.json");
    FAIL();
  } catch (const error& e) {
    EXPECT_EQ(e.problems().size(), problems.size());
  }
}

TEST(policy_test, multiplier_outside_floor_and_cap_is_infeasible_for_any_roster) {
  const auto problems = validate_pay_policy_json(
      R"({"multiplier": 2.5, "task_force_coefficients": {"A": 1}, "individual_coefficients": [{"min": 0, "coefficient": 1}]})",
      "p.json");
  EXPECT_EQ(joined(problems),
            "[zoneperf.pay.602] p.json:/multiplier: multiplier 2.5000 is above the cap 2.0000: the caps "
            "could never "
            "reach the pool\n");
}

TEST(policy_test, missing_sections_and_bad_json) {
  EXPECT_EQ(joined(validate_pay_policy_json("{}", "p.json")),
            "[zoneperf.config.201] p.json:/: missing \"multiplier\" (the pool as a multiple of Σ baseline, "
            "e.g. 1.5)\n"
            "[zoneperf.config.201] p.json:/: missing \"task_force_coefficients\" (a coefficient per grade "
            "label, e.g. {\"优秀\": 1.2})\n"
            "[zoneperf.config.201] p.json:/: missing \"individual_coefficients\" (score bands such as "
            "[{\"min\": 90, \"coefficient\": 1.2}, ...])\n");
  EXPECT_EQ(joined(validate_pay_policy_json("[1]", "p.json")),
            "[zoneperf.config.202] p.json:/: a pay policy is a JSON object, got an array\n");
  const auto syntax = validate_pay_policy_json("{\n  \"multiplier\": ,\n}", "p.json");
  ASSERT_EQ(syntax.size(), 1u);
  EXPECT_EQ(syntax[0].code, 101);
  EXPECT_EQ(syntax[0].where, "p.json:2:17");
  EXPECT_EQ(
      joined(validate_pay_policy_json(
          R"({"multiplier": 1e-5, "task_force_coefficients": {"A": 1}, "individual_coefficients": [{"min": 0, "coefficient": 1}]})",
          "p.json")),
      "[zoneperf.pay.618] p.json:/multiplier: write 1e-05 as a plain decimal string\n");
}

}  // namespace
}  // namespace zoneperf
