// Numbers in text (issue 19, item 9): one sign only, and large numbers printed for people as what
// they are, never as digits cut by a buffer.
#include "zoneperf/text/number.hpp"

#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>
#include <random>
#include <string>
#include <vector>

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

// write_shortest takes its digits from Dragonbox for magnitudes in [1e-5, 1e15): the text must be
// std::to_chars's, character for character (fixed form there, its own choice elsewhere).
TEST(number_test, shortest_is_to_chars_text) {
  auto theirs = [](double v) {
    char b[64];
    const double a = std::fabs(v);
    const bool plain = a == 0 || (a >= 1e-5 && a < 1e15);
    return std::string(b, (plain ? std::to_chars(b, b + sizeof b, v, std::chars_format::fixed)
                                 : std::to_chars(b, b + sizeof b, v))
                              .ptr);
  };
  for (double v : {0.0, -0.0, 1.0, -1.0, 100.0, 1e14, 999999999999999.9, 1e15, 1e-5, 9.99999999999e-6, 0.1,
                   12.5, 123456789012345.6, 0.30000000000000004, 5e-324, 1e300})
    EXPECT_EQ(shortest(v), theirs(v)) << v;
  EXPECT_EQ(shortest(100.0), "100");
  EXPECT_EQ(shortest(-0.00012), "-0.00012");
  EXPECT_EQ(shortest(1e15), "1e+15");
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> exponent(-6, 16);
  for (int i = 0; i < 300000; ++i) {
    // Random bits (every magnitude), magnitudes spread over the plain range, and short decimals.
    const std::uint64_t bits = rng();
    double v;
    std::memcpy(&v, &bits, sizeof v);
    if (i % 3 == 1) v = std::copysign(std::pow(10.0, exponent(rng)), v);
    if (i % 3 == 2) v = static_cast<double>(static_cast<std::int64_t>(bits % 2000001) - 1000000) / 100;
    if (!std::isfinite(v)) continue;
    ASSERT_EQ(shortest(v), theirs(v)) << v;
  }
}

// fixed(v, d) is printf's "%.*f" (less a negative zero), for every number of decimals.
TEST(number_test, fixed_is_printfs_text) {
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> exponent(-8, 15);
  char b[128];
  for (int i = 0; i < 200000; ++i) {
    const double v = (rng() % 2 ? 1 : -1) * std::pow(10.0, exponent(rng));
    const int d = static_cast<int>(rng() % 18);
    std::snprintf(b, sizeof b, "%.*f", d, v);
    std::string theirs = b;
    if (theirs.find_first_not_of("-0.") == std::string::npos && theirs[0] == '-') theirs.erase(0, 1);
    ASSERT_EQ(fixed(v, d), theirs) << v << " " << d;
  }
  EXPECT_EQ(fixed(2.675, 2), "2.67");  // the double below 2.675: printf's rounding of the exact value
  EXPECT_EQ(fixed(-0.001, 2), "0.00");
}

TEST(number_test, numbers_as_people_type_them) {
  const std::pair<const char*, double> read[] = {
      {"1,380", 1380},        {"12,345.5", 12345.5}, {"-1,234,567", -1234567},
      {"1，380", 1380},       {"１２３．５", 123.5}, {"－５", -5},
      {"＋１，２３４", 1234}, {" 1,000 ", 1000},     {"1,380e2", 138000}};
  for (const auto& [text, expected] : read) {
    double v = 0;
    ASSERT_EQ(parse_number(text, v), number_status::ok) << text;
    EXPECT_EQ(v, expected) << text;
  }
  // Separators that do not group the integer part by threes, a second sign, or other characters.
  for (const char* text :
       {"1,38", "1,3800", ",380", "1,", "1.380,5", "0.1,234", "１２a", "＋－５", "85%", "7175万"}) {
    double v = 0;
    EXPECT_EQ(parse_number(text, v), number_status::not_a_number) << text;
  }
  EXPECT_EQ(message_of([] { parse_number("1,38", "v.csv:2:2"); }),
            "[zoneperf.data.308] v.csv:2:2: not a number: \"1,38\"");
}

TEST(number_test, the_decimal_fast_path_agrees_with_from_chars) {
  // Plain decimals take a fast path (an exact integer over an exact power of ten); every one must
  // give from_chars's correctly rounded double, bit for bit, including at the path's limits.
  std::mt19937_64 rng(15);
  std::vector<std::string> texts = {"9007199254740992",
                                    "9007199254740993",
                                    "0.9007199254740993",
                                    "1234567890123456789",
                                    "0.0000000000000000000001",
                                    "-0.0",
                                    "0"};
  for (int i = 0; i < 200000; ++i) {
    const int digits = 1 + static_cast<int>(rng() % 19), point = static_cast<int>(rng() % (digits + 1));
    std::string t = rng() % 2 ? "-" : "";
    for (int d = 0; d < digits; ++d) {
      if (d == point && d > 0) t += '.';
      t += static_cast<char>('0' + rng() % 10);
    }
    texts.push_back(t);
  }
  for (const std::string& t : texts) {
    double fast = 0, reference = 0;
    ASSERT_EQ(parse_number(t, fast), number_status::ok) << t;
    std::from_chars(t.data(), t.data() + t.size(), reference);
    ASSERT_EQ(std::memcmp(&fast, &reference, sizeof fast), 0) << t;
  }
}

TEST(number_test, the_plain_decimal_parse_takes_exactly_plain_decimals_within_its_limits) {
  // detail::parse_plain_decimal reads a cell of up to 8 bytes after the sign as one word: it must
  // take exactly the texts -?digits(.digits)? whose digits make m <= 2^53 (at most 19 digits, at
  // most 22 after the point), each as from_chars's double bit for bit, and refuse every other text.
  // Each text is parsed from a heap block of its exact size, so a read past its end is a sanitizer
  // error.
  const auto expected = [](const std::string& t, double& value) {
    std::size_t i = t.size() && t[0] == '-';
    const std::size_t int_begin = i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
    const std::size_t int_digits = i - int_begin;
    std::size_t frac_digits = 0;
    if (i < t.size() && t[i] == '.') {
      const std::size_t frac_begin = ++i;
      while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
      frac_digits = i - frac_begin;
      if (frac_digits == 0) return false;
    }
    if (i != t.size() || int_digits == 0 || int_digits + frac_digits > 19 || frac_digits > 22) return false;
    std::string digits;
    for (char c : t)
      if (c >= '0' && c <= '9') digits += c;
    if (std::stoull(digits) > (std::uint64_t{1} << 53)) return false;
    std::from_chars(t.data(), t.data() + t.size(), value);
    return true;
  };
  std::mt19937_64 rng(1515);
  std::vector<std::string> texts = {"",
                                    "-",
                                    "0",
                                    "-0",
                                    "00000000",
                                    "-00000000",
                                    "0.0000000",
                                    "99999999",
                                    "9999999.9",
                                    "0.9999999",
                                    "1.",
                                    "-1.",
                                    ".5",
                                    "-.5",
                                    "1..2",
                                    "1.2.3",
                                    "12345678.",
                                    "1234.567.",
                                    "123456789",
                                    "12345678.9",
                                    "+1",
                                    " 1",
                                    "1 ",
                                    "1e5",
                                    "0x10",
                                    "1,5",
                                    "١",
                                    "9007199254740992",
                                    "9007199254740993",
                                    "900719925474099.2",
                                    "900719925474099.3",
                                    "1234567890123456789",
                                    "12345678901234567890",
                                    "0.0000000000000000000001",
                                    "0.00000000000000000000001",
                                    "/",
                                    ":",
                                    "1/2",
                                    "1:2"};
  const std::string alphabet = "0123456789.-+e /:";
  for (int i = 0; i < 300000; ++i) {
    const std::size_t length = 1 + rng() % 25;
    std::string t;
    if (rng() % 4 == 0) {  // any bytes of a small alphabet, sometimes a stray one
      for (std::size_t k = 0; k < length; ++k) t += alphabet[rng() % alphabet.size()];
      if (rng() % 8 == 0) t[rng() % t.size()] = static_cast<char>(rng() % 256);
    } else {  // a decimal with leading zeros, a point anywhere (or at the ends), a sign
      if (rng() % 3 == 0) t += '-';
      const std::size_t point = rng() % (length + 2);
      for (std::size_t k = 0; k < length; ++k) {
        if (k == point) t += '.';
        t += static_cast<char>('0' + (rng() % 3 == 0 ? 0 : rng() % 10));
      }
      if (point == length) t += '.';
    }
    texts.push_back(t);
  }
  for (const std::string& t : texts) {
    const std::unique_ptr<char[]> exact(new char[t.size() + (t.empty() ? 1 : 0)]);
    std::memcpy(exact.get(), t.data(), t.size());
    double got = 0, want = 0;
    const bool took = detail::parse_plain_decimal(exact.get(), exact.get() + t.size(), got);
    ASSERT_EQ(took, expected(t, want)) << '"' << t << '"';
    if (took) ASSERT_EQ(std::memcmp(&got, &want, sizeof got), 0) << t;
  }
}
