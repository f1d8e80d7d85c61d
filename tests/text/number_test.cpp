// Numbers in text (issue 19, item 9): one sign only, and large numbers printed for people as what
// they are, never as digits cut by a buffer.
#include "zoneperf/text/number.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "../support/test_support.hpp"

using namespace zoneperf;
using zoneperf::test_support::message_of;

TEST(number_test, a_second_sign_is_not_a_number) {
  double v = 0;
  EXPECT_EQ(parse_number("+-5", v), number_status::not_a_number);  // once read as -5
  EXPECT_EQ(parse_number("++5", v), number_status::not_a_number);
  EXPECT_EQ(parse_number("-+5", v), number_status::not_a_number);
  EXPECT_EQ(parse_number("--5", v), number_status::not_a_number);
  EXPECT_EQ(message_of([] { parse_number(" +-5 ", "v.csv:2:2"); }),
            "[zoneperf.data.308] v.csv:2:2: not a number: \"+-5\"");
  ASSERT_EQ(parse_number("+5", v), number_status::ok);
  EXPECT_EQ(v, 5);
  ASSERT_EQ(parse_number("-5", v), number_status::ok);
  EXPECT_EQ(v, -5);
}

TEST(number_test, fixed_shows_large_numbers_in_the_shortest_form) {
  EXPECT_EQ(fixed(1e100), "1e+100");  // once a 63-digit number cut by a 64-byte buffer
  EXPECT_EQ(fixed(-1e100), "-1e+100");
  EXPECT_EQ(fixed(1.7976931348623157e308), "1.7976931348623157e+308");
  EXPECT_EQ(fixed(1e15), "1e+15");
  EXPECT_EQ(fixed(999999999999999.0, 2), "999999999999999.00");
  EXPECT_EQ(fixed(std::numeric_limits<double>::infinity()), "inf");
  EXPECT_EQ(fixed(12.5, 1000), "12.50000000000000000");  // decimals capped at 17
}
