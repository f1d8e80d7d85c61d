#include "zoneperf/units/area.hpp"

#include <cstdlib>

namespace zoneperf {
namespace {

__extension__ typedef __int128 i128;  // GCC and Clang; -Wpedantic knows no __int128

constexpr std::int64_t pow10(int n) {
  std::int64_t p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Digits of a non-negative 128-bit integer.
std::string digits_of(i128 v) {
  if (v == 0) return "0";
  std::string s;
  while (v > 0) {
    s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  }
  return s;
}

}  // namespace

const char* to_string(area_unit u) noexcept {
  switch (u) {
    case area_unit::m2:
      return "m²";
    case area_unit::mu:
      return "mu";
    case area_unit::ha:
      return "ha";
  }
  return "?";
}

void area::overflow(const char* what) {
  throw error(errc::area_overflow, "",
              std::string(what) + ": area out of range (more than 64 bits of 1/3 000 000 m²)");
}

area area::from_whole(std::int64_t n, area_unit u) {
  rep r = 0;
  if (__builtin_mul_overflow(n, ticks_per(u), &r))
    throw error(errc::area_overflow, "", std::to_string(n) + " " + to_string(u) + ": area out of range");
  return area(r);
}

area area::parse(std::string_view text, area_unit u, const std::string& where) {
  const std::string_view t = trim(text);
  std::string_view s = t;
  bool negative = false;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  i128 whole = 0, frac = 0;
  int int_digits = 0, frac_digits = 0, significant_frac = 0;
  std::size_t i = 0;
  const i128 limit = static_cast<i128>(1) << 80;  // far beyond int64 ticks; limit * ticks_per_ha fits i128
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, ++int_digits) {
    whole = whole * 10 + (s[i] - '0');
    if (whole > limit) whole = limit;
  }
  if (i < s.size() && s[i] == '.') {
    for (++i; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
      ++frac_digits;
      if (s[i] != '0') significant_frac = frac_digits;
    }
  }
  if (i != s.size() || (int_digits == 0 && frac_digits == 0))
    throw error(errc::bad_area_number, where, "not a decimal area: " + quoted(t));
  const int places = exact_decimals(u);
  if (significant_frac > places)
    throw error(errc::area_too_many_decimals, where,
                quoted(t) + " " + to_string(u) + " has more than " + std::to_string(places) +
                    " decimal places, which an exact area cannot hold");
  // The fraction's significant digits, scaled to `places` decimals.
  const std::size_t dot = s.find('.');
  for (int k = 0; k < places; ++k) {
    const std::size_t pos = dot + 1 + static_cast<std::size_t>(k);
    const int d = (dot != std::string_view::npos && k < frac_digits) ? s[pos] - '0' : 0;
    frac = frac * 10 + d;
  }
  const i128 per = ticks_per(u);
  const i128 scale = pow10(places);  // per is a multiple of scale by construction
  i128 ticks = whole * per + frac * (per / scale);
  if (negative) ticks = -ticks;
  if (whole >= limit || ticks > INT64_MAX || ticks < INT64_MIN)
    throw error(errc::area_overflow, where, quoted(t) + " " + to_string(u) + " is out of range for an area");
  return area(static_cast<rep>(ticks));
}

std::string to_string(area a, area_unit u, const area_format& f) {
  const int decimals = f.decimals < 0 ? 0 : (f.decimals > 18 ? 18 : f.decimals);
  const i128 num = static_cast<i128>(a.count()) * pow10(decimals);
  const i128 den = area::ticks_per(u);
  const bool negative = num < 0;
  const i128 mag = negative ? -num : num;
  i128 q = mag / den;
  const i128 r = mag % den;
  // Half away from zero on the magnitude; half-even looks at q's parity on an exact half.
  if (2 * r > den || (2 * r == den && (f.round == area_format::rounding::half_away_from_zero || q % 2 == 1)))
    ++q;
  std::string int_part = digits_of(q / pow10(decimals));
  std::string frac_part = decimals > 0 ? digits_of(q % pow10(decimals)) : std::string();
  frac_part.insert(frac_part.begin(), static_cast<std::size_t>(decimals) - frac_part.size(), '0');
  if (f.group == area_format::grouping::space) {
    for (int pos = static_cast<int>(int_part.size()) - 3; pos > 0; pos -= 3)
      int_part.insert(static_cast<std::size_t>(pos), " ");
  }
  std::string out = (negative && q != 0) ? "-" : "";
  out += int_part;
  if (decimals > 0) out += "." + frac_part;
  if (f.unit_suffix == area_format::suffix::symbol) {
    out += ' ';
    out += to_string(u);
  }
  return out;
}

area_unit parse_area_unit(std::string_view name, const std::string& where) {
  const std::string n = lower_ascii(trim(name));
  if (n == "m2" || n == "m²" || n == "sqm" || n == "平方米") return area_unit::m2;
  if (n == "mu" || n == "亩") return area_unit::mu;
  if (n == "ha" || n == "hm2" || n == "hm²" || n == "公顷") return area_unit::ha;
  throw error(errc::unknown_area_unit, where,
              "unknown area unit " + quoted(trim(name)) + " (expected m2, mu or ha)");
}

area parse_area(std::string_view text, const std::string& where) {
  const std::string_view t = trim(text);
  std::size_t end = 0;
  while (end < t.size() &&
         ((t[end] >= '0' && t[end] <= '9') || t[end] == '.' || t[end] == '+' || t[end] == '-'))
    ++end;
  const std::string_view unit = trim(t.substr(end));
  if (unit.empty())
    throw error(errc::unknown_area_unit, where, quoted(t) + " has no area unit (expected m2, mu or ha)");
  return area::parse(t.substr(0, end), parse_area_unit(unit, where), where);
}

}  // namespace zoneperf
