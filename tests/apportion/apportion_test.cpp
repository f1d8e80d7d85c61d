// Tests for include/zoneperf/apportion.hpp: largest remainder against published vectors.
#include "zoneperf/apportion.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <numeric>
#include <random>

namespace zoneperf {
namespace {

using parts = std::vector<std::int64_t>;

TEST(apportion_test, matches_balinski_and_young) {
  // Balinski & Young 1975 (Fair Representation), largest remainders: (51, 44, 2, 2, 1).
  EXPECT_EQ(largest_remainder({5117, 4400, 162, 161, 160}, 100), (parts{51, 44, 2, 2, 1}));
}

TEST(apportion_test, exact_quotas_take_no_remainder) {
  // exact quotas, no remainder: (14, 28, 7, 35) over 12 -> (2, 4, 1, 5).
  EXPECT_EQ(largest_remainder({14, 28, 7, 35}, 12), (parts{2, 4, 1, 5}));
}

TEST(apportion_test, zero_weights_get_nothing) {
  // zero parts stay zero: (0, 14, 28, 0, 0) over 6 -> (0, 2, 4, 0, 0).
  EXPECT_EQ(largest_remainder({0, 14, 28, 0, 0}, 6), (parts{0, 2, 4, 0, 0}));
}

TEST(apportion_test, ties_go_to_the_earlier_entry) {
  // equal remainders, the earlier wins: (2, 1, 1, 2, 2) over 2 -> (1, 0, 0, 1, 0).
  EXPECT_EQ(largest_remainder({2, 1, 1, 2, 2}, 2), (parts{1, 0, 0, 1, 0}));
}

TEST(apportion_test, fen_of_a_pool_always_add_up) {
  std::mt19937_64 rng(20240601);
  for (int trial = 0; trial < 2000; ++trial) {
    const std::size_t n = 1 + rng() % 50;
    parts w(n);
    for (auto& x : w) x = static_cast<std::int64_t>(rng() % 100000);
    w[0] += 1;
    const std::int64_t seats = static_cast<std::int64_t>(rng() % 100000000);
    const parts p = largest_remainder(w, seats);
    ASSERT_EQ(std::accumulate(p.begin(), p.end(), std::int64_t{0}), seats);
    const double total = std::accumulate(w.begin(), w.end(), 0.0);
    for (std::size_t i = 0; i < n; ++i) {
      const double quota = static_cast<double>(seats) * static_cast<double>(w[i]) / total;
      ASSERT_LE(std::abs(static_cast<double>(p[i]) - quota), 1.0 + 1e-6);  // quota rule
    }
  }
}

TEST(apportion_test, works_near_the_64_bit_limit) {
  const std::int64_t big = std::numeric_limits<std::int64_t>::max();
  EXPECT_EQ(largest_remainder({big, big, big}, big), (parts{big / 3 + 1, big / 3, big / 3}));
  EXPECT_EQ(largest_remainder({1, big}, 1), (parts{0, 1}));
}

TEST(apportion_test, rejects_bad_input_with_messages) {
  EXPECT_EQ(largest_remainder({}, 0), parts{});
  EXPECT_EQ(largest_remainder({0, 0}, 0), (parts{0, 0}));
  try {
    largest_remainder({1, -2}, 5);
    FAIL();
  } catch (const error& e) {
    EXPECT_STREQ(e.what(), "[zoneperf.money.505] weight 1: negative weight -2");
  }
  try {
    largest_remainder({0, 0}, 5);
    FAIL();
  } catch (const error& e) {
    EXPECT_STREQ(e.what(), "[zoneperf.money.506] cannot apportion 5 seats over weights that are all zero");
  }
  try {
    largest_remainder({1}, -1);
    FAIL();
  } catch (const error& e) {
    EXPECT_STREQ(e.what(), "[zoneperf.money.506] cannot apportion a negative number of seats: -1");
  }
}

}  // namespace
}  // namespace zoneperf
