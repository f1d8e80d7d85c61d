#pragma once
/// Numbers in text: parsing cells exactly, formatting for machines (shortest) and for people (fixed).
///
/// Synopsis
///   enum class number_status { ok, empty, not_a_number, not_finite, out_of_range };
///   number_status parse_number(std::string_view cell, double& value) noexcept;
///   std::optional<double> parse_number(std::string_view cell, const std::string& where);
///   bool is_percent(std::string_view cell) noexcept;
///   number_status parse_percent(std::string_view cell, bool as_fraction, double& value) noexcept;
///   [[noreturn]] void throw_number_error(number_status, std::string_view cell, const std::string& where);
///   std::string shortest(double);            void append_shortest(std::string&, double);
///   std::string fixed(double, int decimals);
///
/// Parsing is correctly rounded and locale-free (std::from_chars): surrounding ASCII spaces and
/// tabs are ignored, a leading '+' is allowed, an empty cell is a missing value. Numbers as people
/// type them read too: thousands separators grouping the integer part by threes ("1,380",
/// "12,345.5", "1，380") and full-width digits, point and signs ("１２３．５", "－５"). "NaN", "inf" and
/// numbers beyond a double's range are errors (309, 310); anything else that is not a number is 308.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace zoneperf {

enum class number_status { ok, empty, not_a_number, not_finite, out_of_range };

/// Parses `cell` into `value` (set only when the status is ok). Never throws, never allocates.
number_status parse_number(std::string_view cell, double& value) noexcept;

/// True when the cell, trimmed, ends in a percent sign ('%' or the full-width '％').
bool is_percent(std::string_view cell) noexcept;

/// A percentage cell ("85.5%", "１，３８０％") read as a number: the number before the sign as it is
/// ("85.5%" -> 85.5), or with `as_fraction` its decimal point moved two places left in the text
/// ("85.5%" -> 0.855, correctly rounded from the decimal 0.855, never 85.5 / 100). A cell without the
/// sign, or with an exponent before it, is not_a_number.
number_status parse_percent(std::string_view cell, bool as_fraction, double& value) noexcept;

/// The error for a cell whose status is not_a_number, not_finite or out_of_range: 308, 309 or 310
/// at `where`, quoting the cell (cut at 40 bytes on a UTF-8 boundary).
[[noreturn]] void throw_number_error(number_status status, std::string_view cell, const std::string& where);

/// A number or nullopt for an empty cell; any other cell is the error above at `where`.
std::optional<double> parse_number(std::string_view cell, const std::string& where);

/// The shortest text that reads back to the same double, in plain digits for magnitudes in
/// [1e-5, 1e15) ("0.1", "100000", "85.71428571428571"), else with an exponent; "NaN", "inf", "-inf".
std::string shortest(double v);
/// Appends shortest(v) without a temporary.
void append_shortest(std::string& out, double v);
/// Writes shortest(v) at `p`, which has room for at least shortest_chars bytes; returns the end.
char* write_shortest(char* p, double v) noexcept;
inline constexpr std::size_t shortest_chars = 40;
/// A number rounded for people: fixed with `decimals` places, "-" for NaN, never "-0.00".
std::string fixed(double v, int decimals = 2);

namespace detail {
// 10^0 .. 10^22: every one is exact in a double.
inline constexpr double exact_powers_of_ten[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                                 1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                                 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/// The byte-at-a-time parse of parse_plain_decimal, for cells of any length.
inline bool parse_plain_decimal_bytes(const char* p, const char* end, bool negative, double& value) noexcept {
  const char* const first = p;
  std::uint64_t m = 0;
  while (p != end && static_cast<unsigned char>(*p - '0') < 10)
    m = m * 10 + static_cast<unsigned>(*p++ - '0');
  std::size_t digits = static_cast<std::size_t>(p - first);
  if (digits == 0) return false;
  std::size_t after_point = 0;
  if (p != end && *p == '.') {
    const char* const point = ++p;
    while (p != end && static_cast<unsigned char>(*p - '0') < 10)
      m = m * 10 + static_cast<unsigned>(*p++ - '0');
    after_point = static_cast<std::size_t>(p - point);
    if (after_point == 0) return false;
    digits += after_point;
  }
  // 19 digits cannot overflow 64 bits; 2^53 keeps m exact.
  if (p != end || digits > 19 || after_point > 22 || m > (std::uint64_t{1} << 53)) return false;
  const double v = static_cast<double>(m) / exact_powers_of_ten[after_point];
  value = negative ? -v : v;
  return true;
}

/// The n bytes at p (1 <= n <= 8) as a little-endian word, p[0] its lowest byte, zeros above:
/// loads that stay inside the n bytes (two that overlap, or three single bytes).
inline std::uint64_t load_short(const char* p, std::size_t n) noexcept {
  if (n >= 4) {
    std::uint32_t lo, hi;
    std::memcpy(&lo, p, 4);
    std::memcpy(&hi, p + n - 4, 4);  // overlaps lo where n < 8: the same bytes, so | keeps them
    return lo | (std::uint64_t{hi} << (8 * (n - 4)));
  }
  const auto byte = [p](std::size_t i) { return std::uint64_t{static_cast<unsigned char>(p[i])}; };
  return byte(0) | (byte(n / 2) << (8 * (n / 2))) | (byte(n - 1) << (8 * (n - 1)));
}

/// Plain decimals ("51.1822", "-3", "0.25") whose digits make an integer m <= 2^53 with at most 22
/// of them after the point: m and 10^f are exact doubles, so the one division m / 10^f is correctly
/// rounded (Clinger's fast path) and equals what from_chars gives. False for anything else (then
/// parse_number decides). Inline: the readers of large tables call it for every cell first.
///
/// A cell of at most 8 bytes after the sign (m < 10^8, at most 7 digits after the point), a large
/// table's usual cell, is read as one word without a branch per byte: the point taken out, the
/// digits moved to the word's top and checked all at once, then combined by three multiplications.
inline bool parse_plain_decimal(const char* p, const char* end, double& value) noexcept {
  const bool negative = p != end && *p == '-';
  p += negative;
  const auto n = static_cast<std::size_t>(end - p);
  if (n - 1 >= 8) return parse_plain_decimal_bytes(p, end, negative, value);  // empty, or past 8
  constexpr std::uint64_t ones = 0x0101010101010101ULL, low7 = 0x7F7F7F7F7F7F7F7FULL;
  std::uint64_t w = load_short(p, n);
  // The high bit of each byte equal to '.' (exact in every byte; the zeros above n are not '.').
  const std::uint64_t x = w ^ (ones * '.');
  const std::uint64_t points = ~(((x & low7) + low7) | x | low7);
  std::size_t digits = n, after_point = 0;
  if (points) {
    const auto at = static_cast<std::size_t>(__builtin_ctzll(points) >> 3);
    if (at == 0 || at == n - 1) return false;                         // ".5", "5.": not plain
    const std::uint64_t before = (std::uint64_t{1} << (8 * at)) - 1;  // the bytes before the point
    w = (w & before) | ((w >> 8) & ~before);
    digits = n - 1;
    after_point = digits - at;
  }
  // The digit values moved to the top of the word, the first (most significant) lowest, zeros below
  // them: the number as 8 digits with leading zeros. Each byte must then be below 10: a byte that is
  // no digit (a second point, anything else) is flagged itself, whatever it borrows or carries into
  // its neighbours, and without such a byte nothing borrows.
  w = (w - ones * '0') << (8 * (8 - digits));
  if (((w + ones * 0x76) | w) & (ones * 0x80)) return false;
  w = w * 10 + (w >> 8);  // pairs of digits in every other byte
  w = (((w & 0x000000FF000000FFULL) * (100 + (1000000ULL << 32))) +
       (((w >> 16) & 0x000000FF000000FFULL) * (1 + (10000ULL << 32)))) >>
      32;
  const double v = static_cast<double>(static_cast<std::uint32_t>(w)) / exact_powers_of_ten[after_point];
  value = negative ? -v : v;
  return true;
}
}  // namespace detail

}  // namespace zoneperf
