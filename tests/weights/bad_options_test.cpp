// Weights options and matrix files the bad-input campaign met (issue 19, smaller things): a bad
// option is one error before any work, and a first row "1,nan" is a bad cell, not a header.
#include <gtest/gtest.h>

#include <limits>

#include "../support/test_support.hpp"
#include "zoneperf/weights/ahp.hpp"
#include "zoneperf/weights/apply.hpp"

using namespace zoneperf;
using zoneperf::test_support::message_of;

TEST(weights_bad_options_test, a_negative_tolerance_is_one_error_not_one_per_cell) {
  ahp_options o;
  o.reciprocal_tolerance = -1;
  EXPECT_EQ(
      message_of([&] { read_pairwise_csv("1,2\n0.5,1\n", "m.csv", o); }),
      "[zoneperf.weights.816] tolerance: the reciprocal tolerance must be a finite number >= 0, not -1");
  EXPECT_EQ(
      message_of([&] { ahp(Eigen::MatrixXd::Ones(2, 2), o); }),
      "[zoneperf.weights.816] tolerance: the reciprocal tolerance must be a finite number >= 0, not -1");
  o.reciprocal_tolerance = 0.01;
  o.accept_below = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(message_of([&] { read_pairwise_csv("1,2\n0.5,1\n", "m.csv", o); }),
            "[zoneperf.weights.816] accept_below: the acceptance bound of CR must be a finite number >= 0, "
            "not nan");
}

TEST(weights_bad_options_test, a_first_row_with_nan_is_a_bad_cell_not_a_header) {
  EXPECT_EQ(message_of([] { read_pairwise_csv("1,nan\n1,1\n", "m.csv"); }),
            "[zoneperf.weights.805] m.csv:1:2: 'nan' is not a number or a fraction such as 1/3");
  EXPECT_EQ(message_of([] { read_pairwise_csv("1,-INF\n1,1\n", "m.csv"); }),
            "[zoneperf.weights.805] m.csv:1:2: '-INF' is not a number or a fraction such as 1/3");
  // A real header still reads as names.
  EXPECT_EQ(read_pairwise_csv("a,b\n1,2\n0.5,1\n", "h.csv").names, (std::vector<std::string>{"a", "b"}));
}

TEST(weights_bad_options_test, a_step_too_small_for_the_points_is_an_error_not_negative_points) {
  points_options o;
  o.step = 1e-300;  // once 1e302 seats cast to a count: negative points
  EXPECT_EQ(
      message_of([&] {
        apportion_points({0.5, 0.5}, 100, o);
      }),
      "[zoneperf.weights.814] the points step 1e-300 divides the parent's 100 points into more than 10^15 "
      "steps");
  o.step = 0.5;
  EXPECT_EQ(apportion_points({0.5, 0.5}, 100, o), (std::vector<double>{50, 50}));
}
