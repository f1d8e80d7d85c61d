#include "zoneperf/text/number.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "shortest_digits.hpp"
#include "zoneperf/error.hpp"

namespace zoneperf {

namespace {

// A number as people type it, rewritten as from_chars reads it into `out` (which holds 128 bytes):
// full-width digits, point, signs and comma (１２３．５, －５, １，３８０) as ASCII, and thousands
// separators ("1,380", "12,345.5") dropped where they group the integer part by threes. False when
// the text is not such a number (then the cell is not a number at all).
bool as_typed(std::string_view cell, char* out, std::size_t& length) noexcept {
  char folded[128];
  std::size_t n = 0;
  for (std::size_t i = 0; i < cell.size();) {
    const auto c = static_cast<unsigned char>(cell[i]);
    char ascii = 0;
    if (c < 0x80) {
      ascii = static_cast<char>(c), ++i;
    } else if (c == 0xEF && i + 2 < cell.size() && static_cast<unsigned char>(cell[i + 1]) == 0xBC) {
      const auto d = static_cast<unsigned char>(cell[i + 2]);  // U+FF00 + (d - 0x80)
      if (d >= 0x90 && d <= 0x99)
        ascii = static_cast<char>('0' + (d - 0x90));
      else if (d == 0x8E)
        ascii = '.';
      else if (d == 0x8B)
        ascii = '+';
      else if (d == 0x8D)
        ascii = '-';
      else if (d == 0x8C)
        ascii = ',';
      else
        return false;
      i += 3;
    } else {
      return false;
    }
    if (n == sizeof folded) return false;
    folded[n++] = ascii;
  }
  // Thousands separators: digits in groups of three after the first group of one to three.
  std::size_t k = 0, m = 0;
  if (k < n && (folded[k] == '-' || folded[k] == '+')) out[m++] = folded[k++];
  const std::size_t int_begin = k;
  while (k < n && folded[k] != '.' && folded[k] != 'e' && folded[k] != 'E') ++k;
  const std::string_view integer(folded + int_begin, k - int_begin);
  if (integer.find(',') != std::string_view::npos) {
    std::size_t group = 0, groups = 0;
    for (const char ch : integer) {
      if (ch == ',') {
        if (group == 0 || group > 3 || (groups > 0 && group != 3)) return false;
        ++groups, group = 0;
      } else {
        ++group;
      }
    }
    if (group != 3) return false;
  }
  for (const char ch : integer)
    if (ch != ',') out[m++] = ch;
  for (; k < n; ++k) out[m++] = folded[k];
  length = m;
  return true;
}
}  // namespace

number_status parse_number(std::string_view cell, double& value) noexcept {
  if (!cell.empty() &&
      (cell.front() == ' ' || cell.front() == '\t' || cell.back() == ' ' || cell.back() == '\t')) {
    while (!cell.empty() && (cell.front() == ' ' || cell.front() == '\t')) cell.remove_prefix(1);
    while (!cell.empty() && (cell.back() == ' ' || cell.back() == '\t')) cell.remove_suffix(1);
  }
  if (cell.empty()) return number_status::empty;
  if (cell.front() == '+') {
    cell.remove_prefix(1);
    // from_chars takes a leading '-', so "+-5" would read as -5: one sign only.
    if (!cell.empty() && (cell.front() == '-' || cell.front() == '+')) return number_status::not_a_number;
  }
  const char* last = cell.data() + cell.size();
  if (detail::parse_plain_decimal(cell.data(), last, value)) return number_status::ok;
  double v = 0;
  const auto [ptr, ec] = std::from_chars(cell.data(), last, v, std::chars_format::general);
  if (ec == std::errc::result_out_of_range) return number_status::out_of_range;
  if (ec != std::errc() || ptr != last) {
    char typed[128];
    std::size_t length = 0;
    if (!as_typed(cell, typed, length) || std::string_view(typed, length) == cell)
      return number_status::not_a_number;
    return parse_number(std::string_view(typed, length), value);
  }
  if (!std::isfinite(v)) return number_status::not_finite;
  value = v;
  return number_status::ok;
}

namespace {
// The cell trimmed of ASCII spaces and tabs, without its percent sign when `percent` is set.
std::string_view trimmed(std::string_view cell) noexcept {
  while (!cell.empty() && (cell.front() == ' ' || cell.front() == '\t')) cell.remove_prefix(1);
  while (!cell.empty() && (cell.back() == ' ' || cell.back() == '\t')) cell.remove_suffix(1);
  return cell;
}
constexpr std::string_view wide_percent = "\xEF\xBC\x85";  // ％ U+FF05
}  // namespace

bool is_percent(std::string_view cell) noexcept {
  cell = trimmed(cell);
  return (!cell.empty() && cell.back() == '%') ||
         (cell.size() >= wide_percent.size() &&
          cell.substr(cell.size() - wide_percent.size()) == wide_percent);
}

number_status parse_percent(std::string_view cell, bool as_fraction, double& value) noexcept {
  cell = trimmed(cell);
  if (!is_percent(cell)) return number_status::not_a_number;
  cell.remove_suffix(cell.back() == '%' ? 1 : wide_percent.size());
  cell = trimmed(cell);
  if (cell.empty() || cell.find_first_of("eE%") != std::string_view::npos) return number_status::not_a_number;
  if (!as_fraction) return parse_number(cell, value);
  // 10^-2 on the decimal text: "85.5" -> "85.5e-2", read once, correctly rounded.
  char text[128];
  if (cell.size() + 3 > sizeof text) return number_status::not_a_number;
  std::copy(cell.begin(), cell.end(), text);
  std::copy_n("e-2", 3, text + cell.size());
  return parse_number(std::string_view(text, cell.size() + 3), value);
}

void throw_number_error(number_status status, std::string_view cell, const std::string& where) {
  while (!cell.empty() && (cell.front() == ' ' || cell.front() == '\t')) cell.remove_prefix(1);
  while (!cell.empty() && (cell.back() == ' ' || cell.back() == '\t')) cell.remove_suffix(1);
  // Quote the cell, cut at 40 bytes (on a UTF-8 boundary) so that a huge cell stays readable.
  std::string_view shown = cell;
  bool cut = false;
  if (shown.size() > 40) {
    std::size_t n = 37;
    while (n > 0 && (static_cast<unsigned char>(shown[n]) & 0xC0) == 0x80) --n;
    shown = shown.substr(0, n);
    cut = true;
  }
  const std::string quoted =
      "\"" + std::string(shown) + (cut ? "...\" (" + std::to_string(cell.size()) + " bytes)" : "\"");
  switch (status) {
    case number_status::out_of_range:
      throw error(errc::out_of_range, where, "number out of range: " + quoted);
    case number_status::not_finite:
      throw error(errc::not_finite, where, "not a finite number: " + quoted);
    default:
      throw error(errc::not_a_number, where, "not a number: " + quoted);
  }
}

std::optional<double> parse_number(std::string_view cell, const std::string& where) {
  double v = 0;
  const auto status = parse_number(cell, v);
  if (status == number_status::ok) return v;
  if (status == number_status::empty) return std::nullopt;
  throw_number_error(status, cell, where);
}

namespace {
// x < 10^8 as 8 ASCII digits, the first in memory the most significant: the halves, quarters and
// digits split by multiplications in parallel lanes of one word (no table, no division).
std::uint64_t eight_digits(std::uint32_t x) noexcept {
  const std::uint64_t y = x;
  const std::uint64_t hi = (y * 109951163) >> 40;  // y / 10^4
  const std::uint64_t halves = hi | ((y - hi * 10000) << 32);
  const std::uint64_t top = ((halves * 10486) >> 20) & ((0x7FULL << 32) | 0x7FULL);  // / 100
  const std::uint64_t quarters = ((halves - 100 * top) << 16) + top;
  std::uint64_t tens = ((quarters * 103) >> 10) & ((0xFULL << 48) | (0xFULL << 32) | (0xFULL << 16) | 0xFULL);
  tens += (quarters - 10 * tens) << 8;
  return tens + 0x3030303030303030ULL;
}

// The decimal digits of 0 < s < 10^17 right-aligned in buf[0, 24) (three 8-digit groups); returns
// how many there are.
int right_aligned_digits(char* buf, std::uint64_t s) noexcept {
  static constexpr std::uint64_t pow10[] = {1,
                                            10,
                                            100,
                                            1000,
                                            10000,
                                            100000,
                                            1000000,
                                            10000000,
                                            100000000,
                                            1000000000,
                                            10000000000,
                                            100000000000,
                                            1000000000000,
                                            10000000000000,
                                            100000000000000,
                                            1000000000000000,
                                            10000000000000000,
                                            100000000000000000};
  // Three stores of a word each: a word array copied whole would be read back across them.
  // s < 10^17 leaves one digit for the first group: seven '0's and that digit, without eight_digits.
  const std::uint64_t top = s / 100000000;
  const std::uint64_t first = 0x3030303030303030ULL + ((top / 100000000) << 56),
                      second = eight_digits(static_cast<std::uint32_t>(top % 100000000)),
                      third = eight_digits(static_cast<std::uint32_t>(s % 100000000));
  std::memcpy(buf, &first, 8);
  std::memcpy(buf + 8, &second, 8);
  std::memcpy(buf + 16, &third, 8);
  const int bits = 64 - __builtin_clzll(s);
  const int k = (bits * 1233) >> 12;  // floor(log10(2^bits)), one short of the digits or right
  return k + (s >= pow10[k]);
}
}  // namespace

namespace detail {
shortest_decimal shortest_digits(double a, char (&buf)[48]) noexcept {
  const auto decimal = fmt::detail::dragonbox::to_decimal(a);  // significand × 10^exponent, no trailing 0
  std::memset(buf + 24, '0', 24);
  const int k = right_aligned_digits(buf, decimal.significand);
  return {buf + 24 - k, k, k + decimal.exponent};
}
}  // namespace detail

char* write_shortest(char* p, double v) noexcept {
  if (std::isnan(v)) return std::copy_n("NaN", 3, p);
  if (std::isinf(v)) return v > 0 ? std::copy_n("inf", 3, p) : std::copy_n("-inf", 4, p);
  // The shortest text that reads back exactly; plain digits for everyday magnitudes (100000, not 1e+05).
  // Plain digits of a magnitude in [1e-5, 1e15) take at most 24 characters with the sign.
  const double a = std::fabs(v);
  if (a == 0) return std::to_chars(p, p + shortest_chars, v, std::chars_format::fixed).ptr;  // "0", "-0"
  if (!(a >= 1e-5 && a < 1e15)) return std::to_chars(p, p + shortest_chars, v).ptr;
  // Everyday magnitudes, a report's every number: the digits from Dragonbox (fmt), which are
  // std::to_chars's (the shortest that read back, the nearest of those), laid out as its fixed form
  // writes them: 34 against 42 ns a number for to_chars's fixed form (which was a fifth of the time of
  // `assess --format csv`), measured on 7 × 10^6 scores.
  // Copies are of fixed sizes (no memmove calls): with k <= 17 digits and n <= 15 they stay within
  // 1 + 15 + 1 + 17 = 34 < shortest_chars bytes of `p`.
  if (v < 0) *p++ = '-';
  char buf[48];
  const auto [digits, k, n] = detail::shortest_digits(a, buf);  // a = 0.digits × 10^n, -4 <= n <= 15
  if (n >= k) {                                                 // digits[000]
    std::memcpy(p, digits, 16);
    std::memset(p + k, '0', 16);
    return p + n;
  }
  if (n > 0) {  // dig.its
    std::memcpy(p, digits, 16);
    p[n] = '.';
    std::memcpy(p + n + 1, digits + n, 17);
    return p + k + 1;
  }
  std::memcpy(p, "0.0000", 6);  // 0.[000]digits
  std::memcpy(p + 2 - n, digits, 17);
  return p + 2 - n + k;
}

void append_shortest(std::string& out, double v) {
  char buf[shortest_chars];
  out.append(buf, write_shortest(buf, v));
}

std::string shortest(double v) {
  std::string s;
  append_shortest(s, v);
  return s;
}

std::string fixed(double v, int decimals) {
  if (std::isnan(v)) return "-";
  // Beyond 1e15 a double has no digits after the point to round: the shortest form ("1e+100"),
  // never a fixed text cut by a buffer.
  if (std::isinf(v) || std::fabs(v) >= 1e15) return shortest(v);
  decimals = std::clamp(decimals, 0, 17);
  char buf[64];  // at most 16 integer digits, a sign, a point and 17 decimals
  // printf's "%.*f" (to_chars with a precision is specified as printf is), without its locale
  // and format parsing: a series of 10^6 rows formats ten million numbers.
  std::string s(buf, std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals).ptr);
  if (s == "-0" || s.rfind("-0.", 0) == 0) {  // no negative zero on screen
    bool zero = true;
    for (char c : s) zero = zero && (c == '-' || c == '0' || c == '.');
    if (zero) s.erase(0, 1);
  }
  return s;
}

}  // namespace zoneperf
