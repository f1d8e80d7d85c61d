// Tests for include/zoneperf/pay/allocate.hpp: the exact allocation, its properties and its errors.
#include "zoneperf/pay/allocate.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <limits>
#include <numeric>
#include <random>

#include "../support/test_support.hpp"
#include "zoneperf/assess.hpp"
#include "zoneperf/io/report.hpp"
#include "zoneperf/io/tables.hpp"
#include "zoneperf/presets.hpp"

namespace zoneperf {
namespace {

using detail::uint128;

using zoneperf::test_support::message_of;

staff_member person(std::string id, std::string tf, std::string team, const char* baseline, double score,
                    const char* weight = "1") {
  staff_member m;
  m.id = id;
  m.name = id;
  m.task_force = std::move(tf);
  m.team = std::move(team);
  m.job_level = "科员";
  m.baseline = cny_money::parse(baseline);
  m.score = score;
  m.weight = exact_ratio::parse(weight);
  m.where = "roster:" + id;
  return m;
}

scorecard_summary grades(std::vector<std::pair<std::string, std::string>> g) {
  scorecard_summary s;
  s.source = "test";
  for (auto& [id, grade] : g) s.units.push_back({id, grade, false, {}, false});
  return s;
}

TEST(allocate_test, hand_worked_three_people) {
  // s = 12000, 10000, 5000 fen; P = 1.5 × 30000 = 45000 fen. C's 5000·λ is below its floor, so C
  // takes 10000 and λ = 35000 / 22000 = 35/22: A 19090.909…, B 15909.090…; the one fen left goes
  // to A's larger fraction.
  const std::vector<staff_member> staff = {person("A", "T", "t", "100", 95), person("B", "T", "t", "100", 85),
                                           person("C", "T", "t", "100", 50)};
  const pay_result r = allocate_pay(staff, grades({{"T", "良好"}}), pay_policy::standard());
  EXPECT_EQ(r.pool.fen(), 45000);
  EXPECT_EQ(r.people[0].base_pay.fen(), 19091);
  EXPECT_EQ(r.people[1].base_pay.fen(), 15909);
  EXPECT_EQ(r.people[2].base_pay.fen(), 10000);
  EXPECT_EQ(r.people[0].rounding_fen, 1);
  EXPECT_EQ(r.people[1].rounding_fen, 0);
  EXPECT_EQ(r.people[2].clamp, clamp_state::floor);
  EXPECT_EQ(r.people[0].clamp, clamp_state::none);
  EXPECT_TRUE(r.lambda_num == 35 && r.lambda_den == 22);
  EXPECT_EQ(r.base_paid, r.pool);
}

TEST(allocate_test, caps_bind_and_the_rest_share_the_pool) {
  // s = 2.4 b for A (优秀 × 1.2 × team 1.0... via a team coefficient of 2): A is capped at 2 b.
  pay_policy p = pay_policy::standard();
  p.teams = {{"star", exact_ratio(2)}};
  const std::vector<staff_member> staff = {person("A", "T", "star", "100", 95),
                                           person("B", "T", "t", "100", 85),
                                           person("C", "T", "t", "100", 85)};
  const pay_result r = allocate_pay(staff, grades({{"T", "优秀"}}), p);
  EXPECT_EQ(r.people[0].clamp, clamp_state::cap);
  EXPECT_EQ(r.people[0].base_pay.fen(), 20000);
  EXPECT_EQ(r.people[1].base_pay.fen(), 12500);
  EXPECT_EQ(r.people[2].base_pay.fen(), 12500);
}

TEST(allocate_test, pool_exactly_at_the_floors_or_caps_is_feasible) {
  pay_policy p = pay_policy::standard();
  p.multiplier = exact_ratio(1);
  const std::vector<staff_member> staff = {person("A", "T", "t", "100", 95),
                                           person("B", "T", "t", "50.01", 55)};
  pay_result r = allocate_pay(staff, grades({{"T", "良好"}}), p);
  EXPECT_EQ(r.people[0].base_pay.fen(), 10000);
  EXPECT_EQ(r.people[1].base_pay.fen(), 5001);
  EXPECT_EQ(r.people[1].clamp, clamp_state::floor);
  p.multiplier = exact_ratio(2);
  r = allocate_pay(staff, grades({{"T", "良好"}}), p);
  EXPECT_EQ(r.people[0].base_pay.fen(), 20000);
  EXPECT_EQ(r.people[1].base_pay.fen(), 10002);
  EXPECT_EQ(r.people[0].clamp, clamp_state::cap);
}

TEST(allocate_test, infeasible_floors_and_caps_state_the_shortfall_in_fen) {
  // Floors rounded up can exceed a pool rounded to the fen: 1.0 × 0.01 … with a multiplier of 1 and
  // a floor of 1.0001, every 100.00 baseline needs 100.01.
  pay_policy p = pay_policy::standard();
  p.multiplier = exact_ratio(1);
  p.floor = exact_ratio(10001, 10000);
  const std::vector<staff_member> staff = {person("A", "T", "t", "100", 95),
                                           person("B", "T", "t", "100", 95)};
  EXPECT_EQ(message_of([&] {
              allocate_pay(staff, grades({{"T", "良好"}}), p);
            }),
            "[zoneperf.pay.606] pool: the floors need 200.02 but the pool is 200.00: 2 fen short");
  p = pay_policy::standard();
  p.multiplier = exact_ratio(2);
  p.cap = exact_ratio(19999, 10000);
  EXPECT_EQ(
      message_of([&] {
        allocate_pay(staff, grades({{"T", "良好"}}), p);
      }),
      "[zoneperf.pay.607] pool: the caps allow at most 399.98 but the pool is 400.00: 2 fen cannot be paid");
}

TEST(allocate_test, an_empty_roster_pays_nothing) {
  const pay_result r = allocate_pay({}, grades({{"T", "良好"}}), pay_policy::standard());
  EXPECT_EQ(r.pool, cny_money());
  EXPECT_EQ(r.base_paid, cny_money());
  EXPECT_TRUE(r.people.empty());
  EXPECT_TRUE(r.task_forces.empty());
  EXPECT_TRUE(r.lambda_den == 0);
}

TEST(allocate_test, amounts_near_the_64_bit_limit) {
  // Pool 1.5 × 6·10^16 yuan = 9·10^16 yuan = 9·10^18 fen < 2^63: exact, with 256-bit products inside.
  const std::vector<staff_member> staff = {person("A", "T", "t", "30000000000000000.01", 95),
                                           person("B", "T", "t", "29999999999999999.99", 61)};
  const pay_result r = allocate_pay(staff, grades({{"T", "优秀"}}), pay_policy::standard());
  EXPECT_EQ(r.pool.fen(), 9000000000000000000);
  EXPECT_EQ(r.base_paid, r.pool);
  // One more fen of baseline and the pool overflows: reported, never wrapped.
  const std::vector<staff_member> more = {person("A", "T", "t", "61489147000000000", 95),
                                          person("B", "T", "t", "1", 61)};
  EXPECT_EQ(message_of([&] {
              allocate_pay(more, grades({{"T", "优秀"}}), pay_policy::standard());
            }),
            "[zoneperf.money.501] money overflow in multiply: the result is outside ±92233720368547758.07 "
            "(64-bit fen)");
  const std::vector<staff_member> sum = {person("A", "T", "t", "50000000000000000", 95),
                                         person("B", "T", "t", "50000000000000000", 61)};
  EXPECT_EQ(message_of([&] {
              allocate_pay(sum, grades({{"T", "优秀"}}), pay_policy::standard());
            }),
            "[zoneperf.money.501] money overflow in multiply: the result is outside ±92233720368547758.07 "
            "(64-bit fen)");
}

TEST(allocate_test, core_handles_shares_near_128_bits) {
  const uint128 big = static_cast<uint128>(1) << 122;
  const std::int64_t top = std::numeric_limits<std::int64_t>::max() / 4;
  const auto r = allocate_clamped({big, big - 1, big / 3}, {1, 1, 1}, {top, top, top}, top);
  EXPECT_EQ(std::accumulate(r.pay.begin(), r.pay.end(), std::int64_t{0}), top);
  EXPECT_GE(r.pay[0], r.pay[1]);
  EXPECT_GT(r.pay[1], r.pay[2]);
}

TEST(allocate_test, mismatches_are_reported_together) {
  const std::vector<staff_member> staff = {person("A", "T", "t", "100", 95), person("B", "U", "t", "100", -5),
                                           person("C", "V", "t", "100", 80)};
  pay_policy p = pay_policy::standard();
  EXPECT_EQ(message_of([&] {
              allocate_pay(staff, grades({{"T", "良好"}, {"V", "A+"}}), p);
            }),
            "[zoneperf.pay.608] roster:B: task force \"U\" of person \"B\" is not in the scorecard test (its "
            "units: T, V)\n"
            "[zoneperf.pay.616] roster:B: score -5 of person \"B\" is below every individual band (the "
            "lowest is 0)\n"
            "[zoneperf.pay.604] task force V: grade \"A+\" has no coefficient in the pay policy (it has "
            "优秀, 良好, 合格, 不合格)");
}

TEST(allocate_test, awards_split_by_contribution_weight_exactly) {
  pay_policy p = pay_policy::standard();
  p.awards.push_back(
      {"fortune500", "世界500强项目落地", cny_money::from_yuan(100000), award_source::events, "", 1});
  p.awards.push_back(
      {"foreign_capital", "外资", cny_money::from_yuan(10), award_source::scorecard, "foreign_capital", 1});
  const std::vector<staff_member> staff = {
      person("A", "T", "x", "100", 95, "1"), person("B", "T", "x", "100", 85, "2"),
      person("C", "T", "y", "100", 85, "0"), person("D", "T", "x", "100", 85, "0.5")};
  scorecard_summary s = grades({{"T", "良好"}});
  s.units[0].has_leaves = true;
  s.units[0].leaf_ratios = {{"foreign_capital", 1.0}};
  const std::vector<award_event> events = {{"T", "x", "fortune500", 1, "e:2"},
                                           {"T", "y", "fortune500", 0, "e:3"}};
  const pay_result r = allocate_pay(staff, s, p, events);
  ASSERT_EQ(r.awards.size(), 2u);
  // 外资 10 yuan = 1000 fen over weights 1 : 2 : 0 : 0.5 -> 285.71…, 571.42…, 0, 142.85… -> 286, 571, 0, 143.
  EXPECT_EQ(r.awards[0].split[0].second.fen(), 286);
  EXPECT_EQ(r.awards[0].split[1].second.fen(), 571);
  EXPECT_EQ(r.awards[0].split[3].second.fen(), 143);
  // 100000 yuan over team x (A, B, D: 1 : 2 : 0.5).
  EXPECT_EQ(r.awards[1].split.size(), 3u);
  EXPECT_EQ(r.people[1].award.fen(),
            571 + 5714286);  // 10^7 fen × 2/3.5 = 5714285.71…, rounded up by its remainder
  EXPECT_EQ(r.awards_paid, cny_money::from_yuan(100010));
  EXPECT_EQ(r.total_paid, r.pool + r.awards_paid);
  for (const auto& person : r.people) EXPECT_EQ(person.total, person.base_pay + person.award);
}

TEST(allocate_test, award_errors_name_the_unit_team_or_line) {
  pay_policy p = pay_policy::standard();
  p.awards.push_back({"fortune500", "500强", cny_money::from_yuan(100), award_source::events, "", 1});
  p.awards.push_back(
      {"foreign_capital", "外资", cny_money::from_yuan(10), award_source::scorecard, "foreign_capital", 1});
  const std::vector<staff_member> staff = {person("A", "T", "x", "100", 95, "0")};
  const std::vector<award_event> events = {{"T", "z", "fortune500", 1, "e:2"},
                                           {"T", "x", "bonus", 1, "e:3"},
                                           {"W", "", "fortune500", 1, "e:4"},
                                           {"T", "x", "foreign_capital", 1, "e:5"},
                                           {"T", "x", "fortune500", 1, "e:6"}};
  EXPECT_EQ(
      message_of([&] {
        allocate_pay(staff, grades({{"T", "良好"}}), p, events);
      }),
      "[zoneperf.pay.611] task force T: the award \"foreign_capital\" needs "
      "units[].leaves.foreign_capital.ratio "
      "in the scorecard test (assess with explanations)\n"
      "[zoneperf.pay.609] e:2: award \"fortune500\": team \"z\" of \"T\" has no staff in the roster\n"
      "[zoneperf.pay.610] e:3: the pay policy has no award \"bonus\" paid from events (it has fortune500)\n"
      "[zoneperf.pay.608] e:4: task force \"W\" has no staff in the roster\n"
      "[zoneperf.pay.610] e:5: award \"foreign_capital\" comes from the scorecard, not the events table\n"
      "[zoneperf.pay.612] e:6: award \"fortune500\": every member of team \"x\" of \"T\" has contribution "
      "weight 0");
}

TEST(allocate_test, a_scorecard_award_earned_by_a_task_force_without_staff_is_error_608) {
  // Issue 19 item 10: the award vanished without a message; the events path says 608.
  pay_policy p = pay_policy::standard();
  p.awards.push_back(
      {"foreign_capital", "外资", cny_money::from_yuan(10), award_source::scorecard, "foreign_capital", 1});
  const std::vector<staff_member> staff = {person("A", "T", "x", "100", 95)};
  scorecard_summary s = grades({{"T", "良好"}, {"U", "优秀"}, {"V", "良好"}, {"W", "合格"}});
  for (auto& u : s.units) u.has_leaves = true;
  s.units[0].leaf_ratios = {{"foreign_capital", 1.0}};
  s.units[1].leaf_ratios = {{"foreign_capital", 1.5}};  // earns it, nobody to pay
  s.units[2].leaf_ratios = {{"foreign_capital", 0.5}};  // does not earn it
  s.units[3].leaf_ratios = {{"foreign_capital", std::nullopt}};
  EXPECT_EQ(
      message_of([&] { allocate_pay(staff, s, p, {}); }),
      "[zoneperf.pay.608] task force U: task force \"U\" has no staff in the roster, but earns the award "
      "\"foreign_capital\" from the scorecard (foreign_capital ratio 1.5 ≥ 1)");
  s.units[1].leaf_ratios = {{"foreign_capital", 0.9}};  // U earns nothing: nothing is lost
  const pay_result r = allocate_pay(staff, s, p, {});
  ASSERT_EQ(r.awards.size(), 1u);
  EXPECT_EQ(r.awards[0].task_force, "T");
}

TEST(allocate_test, a_hundred_thousand_team_coefficients_are_looked_up_once_each) {
  // Issue 19: 10^5 team coefficients took 18.7 s (a scan of the policy per team); each team is now
  // found in a hash table. The first coefficient of a team given twice counts, as
  // pay_policy::team_coefficient_of finds it; a team the policy lacks takes team_default.
  pay_policy p = pay_policy::standard();
  p.team_default = exact_ratio(3, 2);
  constexpr int n = 100000;
  for (int k = 0; k < n; ++k)
    p.teams.push_back({"team" + std::to_string(k), exact_ratio(10000 + k % 5000, 10000)});
  p.teams.push_back({"team7", exact_ratio(2)});  // a repeat: the first one counts
  p.multiplier = exact_ratio(1);
  p.floor = exact_ratio(1, 100);
  p.cap = exact_ratio(100);
  std::vector<staff_member> staff;
  for (int k = 0; k < n; ++k)
    staff.push_back(person("p" + std::to_string(k), "T", "team" + std::to_string(n - 1 - k), "100", 95));
  staff.push_back(person("q", "T", "no-such-team", "100", 95));
  const pay_result r = allocate_pay(staff, grades({{"T", "良好"}}), p, {});
  ASSERT_EQ(r.people.size(), staff.size());
  for (int k = 0; k < n; k += 997) {
    const int team = n - 1 - k;
    EXPECT_EQ(r.people[static_cast<std::size_t>(k)].team_coefficient, exact_ratio(10000 + team % 5000, 10000))
        << k;
    EXPECT_EQ(r.people[static_cast<std::size_t>(k)].team_coefficient,
              p.team_coefficient_of(staff[static_cast<std::size_t>(k)].team));
  }
  EXPECT_EQ(r.people[n - 1 - 7].team_coefficient, exact_ratio(10007, 10000));
  EXPECT_EQ(r.people.back().team_coefficient, exact_ratio(3, 2));
}

TEST(allocate_test, many_awards_over_a_large_roster_are_split_among_their_own_task_force) {
  // Each award reads its own task force's people, not the whole roster.
  pay_policy p = pay_policy::standard();
  p.awards.push_back({"deal", "签约", cny_money::from_yuan(3), award_source::events, "", 1});
  std::vector<staff_member> staff;
  std::vector<std::pair<std::string, std::string>> units;
  constexpr int forces = 20000;
  for (int t = 0; t < forces; ++t) {
    const std::string tf = "T" + std::to_string(t);
    units.push_back({tf, "良好"});
    staff.push_back(person(tf + "a", tf, "x", "100", 95));
    staff.push_back(person(tf + "b", tf, "y", "100", 95, "2"));
  }
  std::vector<award_event> events;
  for (int t = 0; t < forces; ++t)
    events.push_back({"T" + std::to_string(t), t % 2 ? "y" : "", "deal", 1, "e"});
  const pay_result r = allocate_pay(staff, grades(units), p, events);
  ASSERT_EQ(r.awards.size(), static_cast<std::size_t>(forces));
  EXPECT_EQ(r.people[0].award.fen(), 100);  // 300 fen over weights 1 : 2
  EXPECT_EQ(r.people[1].award.fen(), 200);
  EXPECT_EQ(r.people[2].award.fen(), 0);  // team y of T1 only
  EXPECT_EQ(r.people[3].award.fen(), 300);
  EXPECT_EQ(r.awards_paid, cny_money::from_yuan(3 * forces));
}

// --- properties over seeded random rosters ---------------------------------------------------

struct random_case {
  std::vector<staff_member> staff;
  scorecard_summary scorecard;
  pay_policy policy;
};

random_case make_case(std::mt19937_64& rng) {
  random_case c;
  c.policy = pay_policy::standard();
  c.policy.teams = {{"a", exact_ratio(11, 10)}, {"b", exact_ratio(9, 10)}};
  // Multipliers between floor and cap, sometimes right at them.
  const int m = static_cast<int>(rng() % 12);
  c.policy.multiplier = m == 0   ? exact_ratio(1)
                        : m == 1 ? exact_ratio(2)
                                 : exact_ratio(10000 + static_cast<std::int64_t>(rng() % 10000), 10000);
  const char* labels[] = {"优秀", "良好", "合格", "不合格"};
  const int units = 1 + static_cast<int>(rng() % 4);
  for (int u = 0; u < units; ++u)
    c.scorecard.units.push_back({"T" + std::to_string(u), labels[rng() % 4], false, {}, false});
  c.scorecard.source = "random";
  const std::size_t n = 1 + rng() % 40;
  const char* teams[] = {"a", "b", "c"};
  for (std::size_t i = 0; i < n; ++i) {
    staff_member s;
    s.id = "p" + std::to_string(i);
    s.task_force = "T" + std::to_string(rng() % static_cast<unsigned>(units));
    s.team = teams[rng() % 3];
    // Few distinct baselines so that equal baselines (and ties) are common.
    s.baseline =
        cny_money::from_fen(rng() % 3 == 0 ? 8800000 : static_cast<std::int64_t>(1 + rng() % 30000000));
    s.score = static_cast<double>(rng() % 101);
    c.staff.push_back(std::move(s));
  }
  return c;
}

TEST(allocate_property_test, parts_add_up_to_the_pool_within_bounds_and_in_coefficient_order) {
  std::mt19937_64 rng(5);
  for (int trial = 0; trial < 3000; ++trial) {
    const random_case c = make_case(rng);
    const pay_result r = allocate_pay(c.staff, c.scorecard, c.policy);
    ASSERT_EQ(r.base_paid, r.pool) << "trial " << trial;
    std::int64_t sum = 0;
    for (const auto& p : r.people) {
      sum += p.base_pay.fen();
      ASSERT_GE(p.base_pay, p.floor) << "trial " << trial;
      ASSERT_LE(p.base_pay, p.cap) << "trial " << trial;
      ASSERT_TRUE(p.rounding_fen == 0 || p.rounding_fen == 1);
      if (p.clamp != clamp_state::none) ASSERT_EQ(p.rounding_fen, 0) << "nobody at a bound moves off it";
      // The pay before rounding is clamp(λ·s, floor, cap): check against λ in long double.
      const long double lambda =
          static_cast<long double>(r.lambda_num) / static_cast<long double>(r.lambda_den);
      const long double s = static_cast<long double>(p.share) / 1e12L;
      const long double raw =
          static_cast<long double>(p.raw_whole.fen()) +
          static_cast<long double>(p.raw_remainder) / static_cast<long double>(r.raw_denominator);
      const long double expect = std::min(std::max(lambda * s, static_cast<long double>(p.floor.fen())),
                                          static_cast<long double>(p.cap.fen()));
      ASSERT_NEAR(static_cast<double>(raw), static_cast<double>(expect),
                  1e-6 * static_cast<double>(expect) + 1e-6)
          << "trial " << trial;
    }
    ASSERT_EQ(sum, r.pool.fen());
    // Same baseline, larger share: never less pay.
    for (const auto& p : r.people)
      for (const auto& q : r.people)
        if (p.baseline == q.baseline && p.share > q.share)
          ASSERT_GE(p.base_pay, q.base_pay) << "trial " << trial;
  }
}

TEST(allocate_property_test, reordering_the_roster_moves_at_most_tie_broken_fen) {
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 1500; ++trial) {
    random_case c = make_case(rng);
    const pay_result a = allocate_pay(c.staff, c.scorecard, c.policy);
    std::vector<std::size_t> order(c.staff.size());
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), rng);
    std::vector<staff_member> shuffled;
    for (auto i : order) shuffled.push_back(c.staff[i]);
    const pay_result b = allocate_pay(shuffled, c.scorecard, c.policy);
    ASSERT_EQ(b.base_paid, a.base_paid);
    ASSERT_TRUE(a.lambda_num == b.lambda_num && a.lambda_den == b.lambda_den);
    for (std::size_t k = 0; k < order.size(); ++k) {
      const person_pay& pa = a.people[order[k]];
      const person_pay& pb = b.people[k];
      ASSERT_EQ(pa.raw_whole, pb.raw_whole);
      const std::int64_t diff = pa.base_pay.fen() - pb.base_pay.fen();
      ASSERT_LE(std::abs(diff), 1) << "trial " << trial;
      if (diff != 0) {
        // Only a tie on the fraction can move a fen: someone else with the same fraction took it.
        bool tie = false;
        for (const auto& other : a.people)
          tie = tie || (&other != &pa && other.raw_remainder == pa.raw_remainder);
        ASSERT_TRUE(tie) << "trial " << trial;
      }
    }
  }
}

// --- allocate_clamped against a sorted reference --------------------------------------------------

// The rule of allocate_clamped done the slow, obvious way: every breakpoint sorted exactly, g
// evaluated at each one, rounding by a full sort. Values are kept small enough (shares < 2^61,
// floors and caps < 2^21, n ≤ 3000) for every cross-product to fit 128 bits.
struct reference_allocation {
  std::vector<std::int64_t> pay, whole;
  std::vector<uint128> remainder;
  std::vector<clamp_state> clamp;
  uint128 denominator = 1;
  bool hit = false;   // μ is a breakpoint
  bool flat = false;  // nobody active there: g = P on a stretch, and any μ of it would do
  uint128 mu_num = 0, mu_den = 0;
};

reference_allocation reference_clamped(const std::vector<uint128>& s, const std::vector<std::int64_t>& f,
                                       const std::vector<std::int64_t>& c, std::int64_t pool) {
  const std::size_t n = s.size();
  const uint128 P = static_cast<uint128>(pool);
  struct value {
    uint128 num, den;
  };
  auto less = [](const value& a, const value& b) { return a.num * b.den < b.num * a.den; };
  std::vector<value> points;
  for (std::size_t i = 0; i < n; ++i) {
    if (s[i] == 0) continue;
    points.push_back({static_cast<uint128>(f[i]), s[i]});
    points.push_back({static_cast<uint128>(c[i]), s[i]});
  }
  std::sort(points.begin(), points.end(), less);
  // Who is where at μ = v: at the floor if v ≤ floor/s, else at the cap if v ≥ cap/s, else active.
  auto classify = [&](const value& v, std::vector<clamp_state>& clamp, uint128& A, uint128& B) {
    A = B = 0;
    clamp.assign(n, clamp_state::none);
    for (std::size_t i = 0; i < n; ++i) {
      const auto fi = static_cast<uint128>(f[i]), ci = static_cast<uint128>(c[i]);
      if (s[i] == 0 || v.num * s[i] <= fi * v.den)
        clamp[i] = clamp_state::floor, A += fi;
      else if (v.num * s[i] >= ci * v.den)
        clamp[i] = clamp_state::cap, A += ci;
      else
        B += s[i];
    }
  };
  reference_allocation r;
  uint128 A = 0, B = 0;
  // The first breakpoint where g(v) = A + v·B reaches P.
  std::size_t j = 0;
  for (; j < points.size(); ++j) {
    classify(points[j], r.clamp, A, B);
    if (A > P || points[j].num * B >= (P - A) * points[j].den) break;
  }
  if (j < points.size() && A <= P && points[j].num * B == (P - A) * points[j].den) {
    r.hit = true, r.flat = B == 0, r.mu_num = points[j].num, r.mu_den = points[j].den;
  } else {
    // μ lies strictly between points[j - 1] and points[j]: decided by the interval.
    const value lo = points[j - 1], hi = points[j];
    A = B = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const value fl{static_cast<uint128>(f[i]), s[i]}, cp{static_cast<uint128>(c[i]), s[i]};
      if (s[i] == 0 || !less(fl, hi))
        r.clamp[i] = clamp_state::floor, A += static_cast<uint128>(f[i]);
      else if (!less(lo, cp))
        r.clamp[i] = clamp_state::cap, A += static_cast<uint128>(c[i]);
      else
        r.clamp[i] = clamp_state::none, B += s[i];
    }
    r.mu_num = P - A, r.mu_den = B;
  }
  r.denominator = B == 0 ? 1 : B;
  std::int64_t given = 0;
  r.whole.assign(n, 0), r.remainder.assign(n, 0);
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < n; ++i) {
    if (r.clamp[i] == clamp_state::floor)
      r.whole[i] = f[i];
    else if (r.clamp[i] == clamp_state::cap)
      r.whole[i] = c[i];
    else
      r.whole[i] = static_cast<std::int64_t>((P - A) * s[i] / B), r.remainder[i] = (P - A) * s[i] % B;
    given += r.whole[i];
    order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return r.remainder[a] > r.remainder[b]; });
  r.pay = r.whole;
  for (std::int64_t k = 0; k < pool - given; ++k) ++r.pay[order[static_cast<std::size_t>(k)]];
  return r;
}

TEST(allocate_property_test, core_matches_a_sorted_reference_exactly_with_ties_hits_and_zero_shares) {
  std::mt19937_64 rng(17);
  auto random_below = [&](std::int64_t m) {
    return static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(m));
  };
  int hits = 0, large = 0;
  for (int trial = 0; trial < 1500; ++trial) {
    const int kind = static_cast<int>(rng() % 6);
    std::size_t n = 1 + rng() % 30;
    if (trial % 100 == 0) n = 1000 + rng() % 2000, ++large;  // the search's fast path at work
    std::vector<uint128> s(n);
    std::vector<std::int64_t> f(n), c(n);
    const std::uint64_t p = 1 + rng() % 40, q = 1 + rng() % 40;  // kind 3: μ = p/q is a breakpoint
    const std::uint64_t M = (1ULL << 50) + rng() % 1000;         // kind 5: μ ≈ 1/M
    std::int64_t near = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const std::int64_t b = 1 + static_cast<std::int64_t>(rng() % 3 == 0 ? 1000 : rng() % 1000000);
      switch (kind) {
        case 0:  // small numbers: zero shares, equal breakpoints, floor = cap
          s[i] = rng() % 5, f[i] = random_below(10), c[i] = f[i] + random_below(10);
          break;
        case 1: {  // s proportional to the floor by a few coefficients: many equal breakpoints
          const std::uint64_t k[] = {5, 7, 10, 12};
          s[i] = static_cast<uint128>(b) * k[rng() % 4] * 1000000, f[i] = b, c[i] = 2 * b;
          break;
        }
        case 2:  // unrelated values
          s[i] = rng() % 8 == 0 ? 0 : (rng() >> 24), f[i] = static_cast<std::int64_t>(rng() % 1000000),
          c[i] = f[i] + static_cast<std::int64_t>(rng() % 2000000);
          break;
        case 3: {  // s = q·t, so μ·s = p·t is whole; some floors and caps sit exactly at μ
          const std::uint64_t t = rng() % 5 == 0 ? 0 : 1 + rng() % 30;
          s[i] = static_cast<uint128>(q) * t;
          const auto at = static_cast<std::int64_t>(p * t);
          const int where = static_cast<int>(rng() % 4);
          f[i] = where == 0 ? at : random_below(at + 1);
          c[i] = where == 1 ? std::max(at, f[i]) : f[i] + random_below(2 * at + 2);
          break;
        }
        case 5: {  // some get μ·s whole; others have a floor/s or cap/s within 2^-50 of μ, which
                   // doubles cannot tell apart from μ or from each other
          const std::int64_t t = 1 + static_cast<std::int64_t>(rng() % 1000);
          const int d = static_cast<int>(rng() % 5) - 2;
          if (rng() % 2 || d == 0)
            s[i] = static_cast<uint128>(t) * M, f[i] = t / 2, c[i] = 2 * t;
          else if (rng() % 2)
            s[i] = static_cast<uint128>(t) * M + d, f[i] = t, c[i] = 2 * t;
          else
            s[i] = static_cast<uint128>(t) * M + d, f[i] = t / 2, c[i] = t;
          near += t;
          break;
        }
        default:  // everyone clamped around μ: g is flat at P over an interval
          s[i] = 1 + rng() % 9;
          // Below μ = 100 at the cap, above μ = 200 at the floor.
          if (rng() % 2)
            c[i] = static_cast<std::int64_t>(s[i]) * (1 + random_below(100)), f[i] = c[i] / 2;
          else
            f[i] = static_cast<std::int64_t>(s[i]) * (200 + random_below(100)), c[i] = f[i] + 7;
      }
    }
    uint128 sum_floor = 0, sum_cap = 0, at_mu = 0;
    for (std::size_t i = 0; i < n; ++i) {
      sum_floor += static_cast<uint128>(f[i]);
      sum_cap += static_cast<uint128>(s[i] == 0 ? f[i] : c[i]);
      if (kind != 3 && kind != 4) continue;
      const auto m = static_cast<std::int64_t>(p * static_cast<std::uint64_t>(s[i] / q));
      const bool capped = c[i] <= 100 * static_cast<std::int64_t>(s[i]);  // kind 4 at μ in [100, 200]
      const std::int64_t pay = s[i] == 0   ? f[i]
                               : kind == 4 ? (capped ? c[i] : f[i])
                                           : std::clamp(m, f[i], c[i]);
      at_mu += static_cast<uint128>(pay);
    }
    const std::uint64_t pick = rng() % 8;
    uint128 P = pick == 0 ? sum_floor : pick == 1 ? sum_cap : sum_floor + rng() % (sum_cap - sum_floor + 1);
    if (kind == 3 || kind == 4) P = at_mu;
    if (kind == 5) P = std::min(std::max(static_cast<uint128>(near + 2) - rng() % 5, sum_floor), sum_cap);
    const auto pool = static_cast<std::int64_t>(P);
    const clamped_allocation got = allocate_clamped(s, f, c, pool);
    if (P == sum_floor || P == sum_cap) continue;  // no search
    const reference_allocation want = reference_clamped(s, f, c, pool);
    hits += want.hit;
    ASSERT_EQ(got.pay, want.pay) << "trial " << trial;
    ASSERT_EQ(got.whole, want.whole) << "trial " << trial;
    ASSERT_TRUE(got.remainder == want.remainder) << "trial " << trial;
    ASSERT_TRUE(got.denominator == want.denominator) << "trial " << trial;
    if (!want.hit) {
      ASSERT_EQ(got.clamp, want.clamp) << "trial " << trial;
      ASSERT_TRUE(got.mu_num == want.mu_num && got.mu_den == want.mu_den) << "trial " << trial;
    } else if (!want.flat) {
      // On a hit μ is that breakpoint's value (the representation may be another equal breakpoint's).
      ASSERT_EQ(got.clamp, want.clamp) << "trial " << trial;
      ASSERT_TRUE(got.mu_num * want.mu_den == want.mu_num * got.mu_den) << "trial " << trial;
    }
  }
  EXPECT_GT(hits, 300);  // exact hits, on a slope and on flat stretches, were exercised
  EXPECT_EQ(large, 15);
}

// --- the demo's data ------------------------------------------------------------------------------

pay_result sample_pay(const scorecard_summary& scorecard) {
  const auto staff = read_staff(read_csv(sample_file("pay/staff.csv"), "staff.csv"));
  const auto policy = pay_policy::from_json(sample_file("pay/policy.json"));
  const auto events = read_events(read_csv(sample_file("pay/events.csv"), "events.csv"));
  return allocate_pay(staff, scorecard, policy, events);
}

TEST(allocate_test, demo_pays_40_staff_averaging_one_and_a_half_baseline_from_the_fixture) {
  const pay_result r = sample_pay(summary_of(read_scorecard(sample_file("pay/scorecard.json"), "fixture")));
  EXPECT_EQ(r.people.size(), 40u);
  EXPECT_EQ(r.task_forces.size(), 4u);
  EXPECT_EQ(r.base_paid,
            r.pool);  // the whole pool (1.5 × baseline, docs/semantics.md §1) is paid, to the fen
  // Better grades pay more on average: 优秀 > 良好 > 合格 > 不合格 in the fixture.
  EXPECT_GT(r.task_forces[0].average_multiple(), r.task_forces[1].average_multiple());
  EXPECT_GT(r.task_forces[1].average_multiple(), r.task_forces[2].average_multiple());
  EXPECT_GT(r.task_forces[2].average_multiple(), r.task_forces[3].average_multiple());
  // Foreign capital met (ratio ≥ 1) by 新材料新能源 and 信息技术 only.
  int foreign = 0;
  for (const auto& a : r.awards) foreign += a.kind == "foreign_capital";
  EXPECT_EQ(foreign, 2);
}

TEST(allocate_test, demo_pays_from_the_engine_scorecard) {
  const indicator_tree tree = load_preset("task-force");
  const values_table values = read_values(tree, sample_file("task-force/values.csv"), "values.csv");
  const targets_table targets =
      read_targets(tree, values.units, sample_file("task-force/targets.csv"), "targets.csv");
  const target_table view = targets.view();
  const scorecard card = make_scorecard(tree, values.values, &view, values.units);
  const pay_result r = sample_pay(summary_of(card));
  EXPECT_EQ(r.people.size(), 40u);
  EXPECT_EQ(r.base_paid, r.pool);
  // The same pay from the scorecard's file as from the scorecard itself.
  const pay_result back = sample_pay(summary_of(read_scorecard(report_json(card), "engine")));
  ASSERT_EQ(back.people.size(), r.people.size());
  for (std::size_t p = 0; p < r.people.size(); ++p) EXPECT_EQ(back.people[p].total, r.people[p].total);
}

}  // namespace
}  // namespace zoneperf
