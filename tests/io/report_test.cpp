// Numbers in reports and messages: the shortest text that reads back to the same double.
#include "zoneperf/io/report.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <limits>

using zoneperf::fixed;
using zoneperf::shortest;

TEST(report_test, shortest_reads_back_exactly_and_uses_plain_digits_for_everyday_magnitudes) {
  EXPECT_EQ(shortest(100000), "100000");
  EXPECT_EQ(shortest(0.1), "0.1");
  EXPECT_EQ(shortest(100.0 * 18 / 21), "85.71428571428571");
  EXPECT_EQ(shortest(0.0001), "0.0001");
  EXPECT_EQ(shortest(-0.0), "-0");
  EXPECT_EQ(shortest(1e-7), "1e-07");
  EXPECT_EQ(shortest(1e300), "1e+300");
  for (double v : {0.1, 1.0 / 3, 256e8, 1056.0, 6.02214076e23, 5e-324, 1e15, 123456789.125})
    EXPECT_EQ(std::strtod(shortest(v).c_str(), nullptr), v) << shortest(v);
}

TEST(report_test, fixed_rounds_for_people_and_never_shows_negative_zero) {
  EXPECT_EQ(fixed(112.288888), "112.29");
  EXPECT_EQ(fixed(-0.001), "0.00");
  EXPECT_EQ(fixed(2.5, 0), "2");  // printf rounds half to even on the exact binary value
  EXPECT_EQ(fixed(std::numeric_limits<double>::quiet_NaN()), "-");
}
