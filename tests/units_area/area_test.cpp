// Tests of include/zoneperf/units/area.hpp: exact storage, conversions, parsing, printing.
#include "zoneperf/units/area.hpp"

#include <gtest/gtest.h>

#include <climits>
#include <functional>
#include <type_traits>

#include "../support/test_support.hpp"

using zoneperf::area;
using zoneperf::area_format;
using zoneperf::area_unit;

namespace {
using zoneperf::test_support::message_of;
}  // namespace

TEST(area_test, mu_is_exactly_two_thousand_thirds_of_a_square_metre) {
  EXPECT_EQ(area::from_mu(3), area::from_m2(2000));
  EXPECT_EQ(area::from_ha(1), area::from_mu(15));
  EXPECT_EQ(area::from_ha(1), area::from_m2(10000));
  EXPECT_EQ(area::from_mu(1).count(), 2'000'000'000);
}

TEST(area_test, seventeen_and_a_half_mu_is_stored_exactly_and_rounded_only_when_printed) {
  const area a = area::parse("17.5", area_unit::mu);
  EXPECT_EQ(a.count(), 35'000'000'000);    // exact: 17.5 × 2·10⁹ ticks
  EXPECT_EQ(a * 6, area::from_m2(70000));  // 105 mu = 70 000 m², no 666.67 anywhere
  EXPECT_EQ(to_string(a, area_unit::m2), "11666.67 m²");
  area_format grouped;
  grouped.group = area_format::grouping::space;
  EXPECT_EQ(to_string(a, area_unit::m2, grouped), "11 666.67 m²");
  EXPECT_EQ(to_string(a, area_unit::mu), "17.50 mu");
  EXPECT_EQ(to_string(a, area_unit::ha, {4}), "1.1667 ha");
  // Printing 11 666.67 m² and reading it back is another area: the rounding was the print's.
  EXPECT_NE(area::parse("11666.67", area_unit::m2), a);
}

TEST(area_test, thirds_add_up_exactly) {
  // 2000 m² is 3 mu exactly: no 666.67 m² creeps in however the sum is made.
  const area one_m2 = area::from_m2(1);
  EXPECT_EQ(one_m2 * 2000, area::from_mu(3));
  EXPECT_EQ(area::parse("0.5", area_unit::mu) + area::parse("0.25", area_unit::mu) +
                area::parse("0.25", area_unit::mu),
            area::from_mu(1));
}

TEST(area_test, double_views_are_one_rounding_of_the_exact_value) {
  const area a = area::parse("17.5", area_unit::mu);
  EXPECT_EQ(a.mu(), 17.5);
  EXPECT_EQ(a.m2(), 35000.0 / 3.0);
  EXPECT_EQ(a.ha(), 17.5 / 15.0);
  EXPECT_EQ(area::from_mu(30) / area::from_mu(20), 1.5);
}

TEST(area_test, hectares_convert_to_fifteen_mu) {
  EXPECT_EQ(area::parse("2.5", area_unit::ha), area::parse("37.5", area_unit::mu));
  EXPECT_EQ(to_string(area::from_ha(1), area_unit::mu, {0}), "15 mu");
  // Liaocheng's 300 万元/公顷 = 20 万元/亩 (domain-anchors §0).
  EXPECT_EQ(300.0 / area::from_ha(1).mu(), 20.0);
}

TEST(area_test, parses_decimals_exactly_up_to_the_places_each_unit_holds) {
  EXPECT_EQ(area::parse("0.000001", area_unit::m2).count(), 3);
  EXPECT_EQ(area::parse("0.000000001", area_unit::mu).count(), 2);
  EXPECT_EQ(area::parse("0.0000000001", area_unit::ha).count(), 3);
  EXPECT_EQ(area::parse(" -2.50000000000 ", area_unit::mu),
            area::from_mu(-2) - area::parse("0.5", area_unit::mu));
  EXPECT_EQ(area::parse("+3", area_unit::mu), area::from_mu(3));
  EXPECT_EQ(area::parse(".5", area_unit::mu), area::parse("0.5", area_unit::mu));
}

TEST(area_test, rejects_text_exponents_and_excess_decimals_naming_the_place) {
  EXPECT_EQ(message_of([] { area::parse("12,5", area_unit::mu, "e.csv:3:4"); }),
            "[zoneperf.money.551] e.csv:3:4: not a decimal area: \"12,5\"");
  EXPECT_EQ(message_of([] { area::parse("1e3", area_unit::mu, "e.csv:3:4"); }),
            "[zoneperf.money.551] e.csv:3:4: not a decimal area: \"1e3\"");
  EXPECT_EQ(message_of([] { area::parse("", area_unit::mu, "e.csv:3:4"); }),
            "[zoneperf.money.551] e.csv:3:4: not a decimal area: \"\"");
  EXPECT_EQ(message_of([] { area::parse("1.0000001", area_unit::m2, "x"); }),
            "[zoneperf.money.552] x: \"1.0000001\" m² has more than 6 decimal places, which an exact area "
            "cannot hold");
}

TEST(area_test, overflow_is_reported_never_wrapped) {
  const area big = area::from_ticks(LLONG_MAX);
  EXPECT_EQ(message_of([&] { (void)(big + area::from_ticks(1)); }),
            "[zoneperf.money.553] area + area: area out of range (more than 64 bits of 1/3 000 000 m²)");
  EXPECT_EQ(message_of([&] { (void)(big * 2); }),
            "[zoneperf.money.553] area * integer: area out of range (more than 64 bits of 1/3 000 000 m²)");
  EXPECT_EQ(message_of([] { area::parse("99999999999999999999", area_unit::mu, "x"); }),
            "[zoneperf.money.553] x: \"99999999999999999999\" mu is out of range for an area");
  EXPECT_EQ(message_of([] { area::from_mu(LLONG_MAX / 2); }).substr(0, 24), "[zoneperf.money.553] 461");
  // The largest whole number of mu that fits: about 4.6·10⁹ mu (3·10⁶ km²).
  EXPECT_NO_THROW(area::from_mu(LLONG_MAX / area::ticks_per_mu));
}

TEST(area_test, rounds_half_away_from_zero_by_default_and_half_even_on_request) {
  const area half = area::parse("0.125", area_unit::m2);
  const area neg = area::parse("-0.125", area_unit::m2);
  EXPECT_EQ(to_string(half, area_unit::m2), "0.13 m²");
  EXPECT_EQ(to_string(neg, area_unit::m2), "-0.13 m²");
  area_format even;
  even.round = area_format::rounding::half_even;
  EXPECT_EQ(to_string(half, area_unit::m2, even), "0.12 m²");
  EXPECT_EQ(to_string(area::parse("0.135", area_unit::m2), area_unit::m2, even), "0.14 m²");
  area_format bare;
  bare.unit_suffix = area_format::suffix::none;
  EXPECT_EQ(to_string(area::parse("-0.001", area_unit::m2), area_unit::m2, bare), "0.00");
}

TEST(area_test, parses_a_number_with_its_unit) {
  EXPECT_EQ(zoneperf::parse_area("17.5 mu"), area::parse("17.5", area_unit::mu));
  EXPECT_EQ(zoneperf::parse_area("17.5亩"), area::parse("17.5", area_unit::mu));
  EXPECT_EQ(zoneperf::parse_area("2公顷"), area::from_mu(30));
  EXPECT_EQ(zoneperf::parse_area("2 HA"), area::from_mu(30));
  EXPECT_EQ(zoneperf::parse_area("2000 m²"), area::from_mu(3));
  EXPECT_EQ(zoneperf::parse_area("2000m2"), area::from_mu(3));
  EXPECT_EQ(zoneperf::parse_area("2000 平方米"), area::from_mu(3));
  EXPECT_EQ(message_of([] { zoneperf::parse_area("3 acres", "form"); }),
            "[zoneperf.money.554] form: unknown area unit \"acres\" (expected m2, mu or ha)");
  EXPECT_EQ(message_of([] { zoneperf::parse_area("3", "form"); }),
            "[zoneperf.money.554] form: \"3\" has no area unit (expected m2, mu or ha)");
}

// The compile-fail target (tests/compile_fail) proves area + money does not compile; these are
// the same facts for plain numbers, checked here at compile time.
template <class A, class B, class = void>
struct can_add : std::false_type {};
template <class A, class B>
struct can_add<A, B, std::void_t<decltype(std::declval<A>() + std::declval<B>())>> : std::true_type {};
template <class A, class B, class = void>
struct can_multiply : std::false_type {};
template <class A, class B>
struct can_multiply<A, B, std::void_t<decltype(std::declval<A>() * std::declval<B>())>> : std::true_type {};

TEST(area_test, area_mixes_with_no_plain_number) {
  static_assert(can_add<area, area>::value);
  static_assert(!can_add<area, double>::value);
  static_assert(!can_add<area, int>::value);
  static_assert(!can_multiply<area, area>::value);
  static_assert(!std::is_convertible_v<double, area>);
  static_assert(!std::is_convertible_v<area, double>);
  SUCCEED();
}
