// Tests for include/zoneperf/units/money.hpp: exact fen, parsing, overflow, rounding, printing.
#include "zoneperf/units/money.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

#include "../support/test_support.hpp"

namespace zoneperf {
namespace {

constexpr std::int64_t max_fen = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t min_fen = std::numeric_limits<std::int64_t>::min();

using zoneperf::test_support::message_of;

TEST(money_test, parses_yuan_wan_and_yi_exactly) {
  EXPECT_EQ(cny_money::parse("1234.56").fen(), 123456);
  EXPECT_EQ(cny_money::parse("1234.5").fen(), 123450);
  EXPECT_EQ(cny_money::parse("-0.01").fen(), -1);
  EXPECT_EQ(cny_money::parse("+7").fen(), 700);
  EXPECT_EQ(cny_money::parse(" 42 ").fen(), 4200);
  // The article's support funds: 7175 万元; signed investment 256 亿元.
  EXPECT_EQ(cny_money::parse("7175万").fen(), 7175LL * 10000 * 100);
  EXPECT_EQ(cny_money::parse("7175万元").fen(), 7175LL * 10000 * 100);
  EXPECT_EQ(cny_money::parse("256亿").fen(), 256LL * 100000000 * 100);
  EXPECT_EQ(cny_money::parse("256亿元").fen(), 256LL * 100000000 * 100);
  EXPECT_EQ(cny_money::parse("0.000001万").fen(), 1);
  EXPECT_EQ(cny_money::parse("1.2345678901亿").fen(), 12345678901);
  // Trailing zeros beyond the fen are not extra precision.
  EXPECT_EQ(cny_money::parse("1.2300000000000000000000000000000000000000").fen(), 123);
  // Foreign capital: 1056 万美元.
  EXPECT_EQ(usd_money::parse("1056万美元").fen(), 1056LL * 10000 * 100);
}

TEST(money_test, parsing_rejects_text_that_is_not_an_amount) {
  EXPECT_EQ(
      message_of([] { cny_money::parse("12,5"); }),
      "[zoneperf.money.502] \"12,5\": not a decimal amount: \"12,5\" (write digits with an optional point "
      "and 万 or 亿, such as 1234.56, 7175万 or 256亿元)");
  for (const char* bad : {"", "-", ".5", "5.", "1e3", "NaN", "12万美元", "1千", "1 2", "--1", "0x10"})
    EXPECT_THROW(cny_money::parse(bad), error) << bad;
  EXPECT_EQ(message_of([] { cny_money::parse("abc", "staff.csv:3:6"); }).substr(0, 40),
            "[zoneperf.money.502] staff.csv:3:6: not ");
}

TEST(money_test, more_precision_than_a_fen_is_an_error_unless_a_rounding_is_named) {
  EXPECT_EQ(
      message_of([] { cny_money::parse("0.125"); }),
      "[zoneperf.money.503] \"0.125\": more precision than a fen: \"0.125\" (name a rounding to accept it)");
  EXPECT_EQ(message_of([] { cny_money::parse("0.0000001万", "a.csv:2:3"); }),
            "[zoneperf.money.503] a.csv:2:3: more precision than a fen: \"0.0000001万\" (name a rounding to "
            "accept it)");
  EXPECT_EQ(cny_money::parse("0.125", rounding::half_away_from_zero).fen(), 13);
  EXPECT_EQ(cny_money::parse("0.125", rounding::half_even).fen(), 12);
  EXPECT_EQ(cny_money::parse("0.135", rounding::half_even).fen(), 14);
  EXPECT_EQ(cny_money::parse("0.1250001", rounding::half_even).fen(), 13);
  EXPECT_EQ(cny_money::parse("-0.125", rounding::half_away_from_zero).fen(), -13);
  EXPECT_EQ(cny_money::parse("-0.125", rounding::half_even).fen(), -12);
  EXPECT_EQ(cny_money::parse("0.121", rounding::up).fen(), 13);
  EXPECT_EQ(cny_money::parse("-0.121", rounding::up).fen(), -12);
  EXPECT_EQ(cny_money::parse("0.129", rounding::down).fen(), 12);
  EXPECT_EQ(cny_money::parse("-0.121", rounding::down).fen(), -13);
  EXPECT_EQ(cny_money::parse("-0.129", rounding::toward_zero).fen(), -12);
}

TEST(money_test, parsing_edges_of_the_64_bit_range) {
  EXPECT_EQ(cny_money::parse("92233720368547758.07").fen(), max_fen);
  EXPECT_EQ(cny_money::parse("-92233720368547758.08").fen(), min_fen);
  EXPECT_EQ(message_of([] { cny_money::parse("92233720368547758.08"); }),
            "[zoneperf.money.501] \"92233720368547758.08\": amount out of range: \"92233720368547758.08\" "
            "(beyond ±92233720368547758.07元 in 64-bit fen)");
  EXPECT_THROW(cny_money::parse("922337203.68547759亿"), error);
  EXPECT_EQ(cny_money::parse("922337203.6854775807亿").fen(), max_fen);
  EXPECT_THROW(cny_money::parse("99999999999999999999999999999999999999999999"), error);
  EXPECT_THROW(cny_money::parse("92233720368547758.075", rounding::half_away_from_zero), error);
}

TEST(money_test, arithmetic_overflow_is_reported_never_wrapped) {
  const auto top = cny_money::from_fen(max_fen);
  const auto one = cny_money::from_fen(1);
  EXPECT_EQ(
      message_of([&] { (void)(top + one); }),
      "[zoneperf.money.501] money overflow in +: the result is outside ±92233720368547758.07 (64-bit fen)");
  EXPECT_THROW((void)(cny_money::from_fen(min_fen) - one), error);
  EXPECT_THROW((void)(-cny_money::from_fen(min_fen)), error);
  EXPECT_THROW((void)(top * 2), error);
  EXPECT_THROW((void)(3 * top), error);
  EXPECT_THROW(cny_money::from_yuan(max_fen / 100 + 1), error);
  EXPECT_THROW(cny_money::from_wan(max_fen / 1000000 + 1), error);
  EXPECT_THROW(cny_money::from_yi(max_fen / 10000000000 + 1), error);
  EXPECT_THROW(multiply(top, exact_ratio(3, 2), rounding::half_away_from_zero), error);
  auto acc = top - one;
  acc += one;
  EXPECT_EQ(acc, top);
  EXPECT_THROW(acc += one, error);
  EXPECT_EQ(acc, top);  // a failed += leaves the value alone
}

TEST(money_test, construction_in_yuan_wan_and_yi) {
  EXPECT_EQ(cny_money::from_yuan(12).fen(), 1200);
  EXPECT_EQ(cny_money::from_wan(500).fen(), 500LL * 1000000);  // 500 万元 per task force budget
  EXPECT_EQ(cny_money::from_yi(90).fen(), 90LL * 10000000000);
  EXPECT_EQ(cny_money().fen(), 0);
  EXPECT_EQ(cny_money::from_wan(1) + cny_money::from_yuan(1), cny_money::parse("10001"));
}

TEST(money_test, multiplying_by_a_ratio_rounds_by_the_named_rule) {
  const auto a = cny_money::parse("0.05");  // 5 fen
  const exact_ratio half(1, 2);
  EXPECT_EQ(multiply(a, half, rounding::half_away_from_zero).fen(), 3);
  EXPECT_EQ(multiply(a, half, rounding::half_even).fen(), 2);
  EXPECT_EQ(multiply(cny_money::from_fen(7), half, rounding::half_even).fen(), 4);
  EXPECT_EQ(multiply(-a, half, rounding::half_away_from_zero).fen(), -3);
  EXPECT_EQ(multiply(-a, half, rounding::half_even).fen(), -2);
  EXPECT_EQ(multiply(a, half, rounding::down).fen(), 2);
  EXPECT_EQ(multiply(-a, half, rounding::down).fen(), -3);
  EXPECT_EQ(multiply(a, half, rounding::up).fen(), 3);
  EXPECT_EQ(multiply(-a, half, rounding::toward_zero).fen(), -2);
  // The pool: 1.5 × Σ baseline, rounded half away from zero (docs/semantics.md §6).
  EXPECT_EQ(multiply(cny_money::parse("100000.01"), exact_ratio::parse("1.5"), rounding::half_away_from_zero),
            cny_money::parse("150000.02"));  // 150000.015 -> .02
  // A 128-bit intermediate: max fen × 2/3 does not overflow on the way.
  EXPECT_EQ(multiply(cny_money::from_fen(max_fen), exact_ratio(2, 3), rounding::down).fen(),
            6148914691236517204);
  EXPECT_EQ(divide(cny_money::from_fen(10), 4, rounding::half_even).fen(), 2);
  EXPECT_EQ(divide(cny_money::from_fen(10), 4, rounding::half_away_from_zero).fen(), 3);
  EXPECT_THROW(divide(a, 0, rounding::half_even), error);
}

TEST(money_test, dividing_money_by_money_gives_an_exact_ratio) {
  const exact_ratio r = usd_money::parse("1056万") / usd_money::parse("170万");
  EXPECT_EQ(r, exact_ratio(528, 85));
  EXPECT_GT(r, exact_ratio(6));
  EXPECT_NEAR(r.to_double(), 6.2118, 1e-4);
  EXPECT_EQ(cny_money::parse("3") / cny_money::parse("3"), exact_ratio(1));
  EXPECT_EQ(message_of([] { (void)(cny_money::parse("3") / cny_money()); }),
            "[zoneperf.money.504] division by zero in money / money");
  EXPECT_EQ(cny_money::from_fen(min_fen) / cny_money::from_fen(-1 * 2), exact_ratio(max_fen / 2 + 1));
}

TEST(money_test, exact_ratio_parses_decimals_and_fractions) {
  EXPECT_EQ(exact_ratio::parse("1.2"), exact_ratio(6, 5));
  EXPECT_EQ(exact_ratio::parse("0.0001"), exact_ratio(1, 10000));
  EXPECT_EQ(exact_ratio::parse("2/3"), exact_ratio(4, 6));
  EXPECT_EQ(exact_ratio::parse("-1.50"), exact_ratio(-3, 2));
  EXPECT_EQ(exact_ratio(3, -6), exact_ratio(-1, 2));
  EXPECT_EQ(exact_ratio(3, -6).den(), 2);
  EXPECT_EQ(exact_ratio::parse("1.2") * exact_ratio::parse("0.9"), exact_ratio::parse("1.08"));
  EXPECT_EQ(exact_ratio(4, 3).to_string(4), "1.3333");
  EXPECT_EQ(exact_ratio(5, 3).to_string(4), "1.6667");
  EXPECT_EQ(exact_ratio(-1, 8).to_string(2, rounding::half_even), "-0.12");
  EXPECT_EQ(exact_ratio(3).to_string(0), "3");
  EXPECT_EQ(message_of([] { exact_ratio::parse("1,2", "/multiplier"); }),
            "[zoneperf.money.502] /multiplier: not an exact decimal or fraction: \"1,2\" (such as 1.2, "
            "0.0001 or 2/3)");
  EXPECT_THROW(exact_ratio::parse("1/0"), error);
  EXPECT_THROW(exact_ratio(1, 0), error);
  EXPECT_THROW(exact_ratio::parse("0.0000000000000000001"), error);
}

TEST(money_test, prints_in_yuan_wan_and_yi) {
  EXPECT_EQ(to_string(cny_money::parse("1234.5")), "1234.50");
  EXPECT_EQ(to_string(cny_money::parse("-0.07")), "-0.07");
  EXPECT_EQ(to_string(cny_money()), "0.00");
  EXPECT_EQ(to_string(cny_money::from_fen(min_fen)), "-92233720368547758.08");
  EXPECT_EQ(to_string(cny_money::parse("1234.56"), money_unit::wan), "0.123456");
  EXPECT_EQ(to_string(cny_money::parse("7175万"), money_unit::wan), "7175");
  EXPECT_EQ(to_string(cny_money::parse("256亿"), money_unit::yi), "256");
  EXPECT_EQ(to_string(cny_money::parse("256亿"), money_unit::wan), "2560000");
  EXPECT_EQ(to_string(cny_money::parse("0.01"), money_unit::yi), "0.0000000001");
  EXPECT_EQ(to_string(cny_money::parse("12345.67"), money_unit::wan, 2, rounding::half_away_from_zero),
            "1.23");
  EXPECT_EQ(to_string(cny_money::parse("12350"), money_unit::wan, 2, rounding::half_even), "1.24");
  EXPECT_EQ(to_string(cny_money::parse("12250"), money_unit::wan, 2, rounding::half_even), "1.22");
  EXPECT_EQ(to_string(cny_money::parse("12250"), money_unit::wan, 2, rounding::half_away_from_zero), "1.23");
  EXPECT_EQ(to_string(cny_money::parse("-12250"), money_unit::wan, 2, rounding::half_away_from_zero),
            "-1.23");
  EXPECT_EQ(to_string(cny_money::parse("12.5"), money_unit::yuan, 0, rounding::half_even), "12");
  EXPECT_EQ(to_string(cny_money::parse("12.5"), money_unit::yuan, 4, rounding::half_even), "12.5000");
  EXPECT_EQ(with_unit(cny_money::parse("7175万"), money_unit::wan), "7175万元");
  EXPECT_EQ(with_unit(cny_money::parse("256亿"), money_unit::yi), "256亿元");
  EXPECT_EQ(with_unit(cny_money::parse("3.5"), money_unit::yuan), "3.50元");
  EXPECT_EQ(with_unit(usd_money::parse("1056万"), money_unit::wan), "1056万美元");
}

TEST(money_test, printing_and_parsing_round_trip) {
  for (std::int64_t fen : {std::int64_t{0}, std::int64_t{1}, std::int64_t{-1}, std::int64_t{99},
                           std::int64_t{123456789}, max_fen, min_fen}) {
    const auto m = cny_money::from_fen(fen);
    EXPECT_EQ(cny_money::parse(to_string(m)), m);
    EXPECT_EQ(cny_money::parse(to_string(m, money_unit::wan) + "万"), m);
    EXPECT_EQ(cny_money::parse(to_string(m, money_unit::yi) + "亿"), m);
  }
}

}  // namespace
}  // namespace zoneperf
