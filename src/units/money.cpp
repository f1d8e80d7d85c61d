#include "zoneperf/units/money.hpp"

#include <algorithm>
#include <limits>

namespace zoneperf {
namespace detail {
namespace {
constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t int64_min = std::numeric_limits<std::int64_t>::min();

int128 pow10(int n) {
  int128 p = 1;
  while (n-- > 0) p *= 10;
  return p;
}
int128 gcd128(int128 a, int128 b) {
  if (a < 0) a = -a;
  if (b < 0) b = -b;
  while (b != 0) {
    int128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}
// The number of fen digits after the unit's decimal point: yuan 2, wan 6, yi 10.
int unit_scale(money_unit u) { return u == money_unit::yuan ? 2 : u == money_unit::wan ? 6 : 10; }

std::string quote(std::string_view s) { return "\"" + std::string(s) + "\""; }
std::string where_or(std::string_view where, std::string_view text) {
  return where.empty() ? quote(text) : std::string(where);
}
bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Writes |v| (< 10^38) with `scale` digits after the point, then trims trailing fraction zeros
// down to `keep` digits.
std::string fixed_point(int128 v, int scale, int keep) {
  const bool negative = v < 0;
  uint128 u = negative ? static_cast<uint128>(-(v + 1)) + 1 : static_cast<uint128>(v);
  std::string digits = to_string(u);
  if (static_cast<int>(digits.size()) <= scale) digits.insert(0, scale + 1 - digits.size(), '0');
  std::string out = digits.substr(0, digits.size() - scale);
  std::string frac = digits.substr(digits.size() - scale);
  while (static_cast<int>(frac.size()) > keep && frac.back() == '0') frac.pop_back();
  if (!frac.empty()) out += "." + frac;
  return negative ? "-" + out : out;
}
}  // namespace

std::string to_string(uint128 n) {
  if (n == 0) return "0";
  std::string s;
  while (n != 0) {
    s += static_cast<char>('0' + static_cast<int>(n % 10));
    n /= 10;
  }
  std::reverse(s.begin(), s.end());
  return s;
}
std::string to_string(int128 n) {
  if (n >= 0) return to_string(static_cast<uint128>(n));
  return "-" + to_string(static_cast<uint128>(-(n + 1)) + 1);
}

int128 divide_rounded(int128 n, int128 d, rounding mode) noexcept {
  int128 q = n / d;
  const int128 r = n % d;
  if (r == 0) return q;
  const bool negative = (n < 0) != (d < 0);
  const uint128 ar = r < 0 ? static_cast<uint128>(-(r + 1)) + 1 : static_cast<uint128>(r);
  const uint128 ad = d < 0 ? static_cast<uint128>(-(d + 1)) + 1 : static_cast<uint128>(d);
  const uint128 twice = ar * 2;  // ar < ad <= 2^127, so no overflow in 128 unsigned bits
  bool away = false;             // away from zero (q is truncated toward zero)
  switch (mode) {
    case rounding::half_away_from_zero:
      away = twice >= ad;
      break;
    case rounding::half_even:
      away = twice > ad || (twice == ad && (q % 2 != 0));
      break;
    case rounding::down:
      away = negative;
      break;
    case rounding::up:
      away = !negative;
      break;
    case rounding::toward_zero:
      away = false;
      break;
  }
  if (away) q += negative ? -1 : 1;
  return q;
}

void throw_money_overflow(const char* operation) {
  throw error(errc::money_overflow, "",
              std::string("money overflow in ") + operation +
                  ": the result is outside ±92233720368547758.07 (64-bit fen)");
}
void throw_division_by_zero(const char* operation) {
  throw error(errc::money_division_by_zero, "", std::string("division by zero in ") + operation);
}

std::int64_t narrow_checked(int128 n, const char* operation) {
  if (n > int64_max || n < int64_min) throw_money_overflow(operation);
  return static_cast<std::int64_t>(n);
}

std::int64_t parse_fen(std::string_view text, std::string_view unit_word, const rounding* mode,
                       std::string_view where) {
  const std::string place = where_or(where, text);
  std::string_view s = text;
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  auto bad = [&]() -> error {
    return error(errc::bad_amount, place,
                 "not a decimal amount: " + quote(text) +
                     " (write digits with an optional point and 万 or 亿, "
                     "such as 1234.56, 7175万 or 256亿" +
                     std::string(unit_word) + ")");
  };
  bool negative = false;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  std::size_t i = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  const std::string_view whole = s.substr(0, i);
  std::string_view frac;
  if (i < s.size() && s[i] == '.') {
    std::size_t j = i + 1;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
    frac = s.substr(i + 1, j - i - 1);
    if (frac.empty()) throw bad();
    i = j;
  }
  if (whole.empty()) throw bad();
  std::string_view suffix = s.substr(i);
  money_unit unit = money_unit::yuan;
  if (starts_with(suffix, "万")) {
    unit = money_unit::wan;
    suffix.remove_prefix(std::string_view("万").size());
  } else if (starts_with(suffix, "亿")) {
    unit = money_unit::yi;
    suffix.remove_prefix(std::string_view("亿").size());
  }
  if (suffix == unit_word) suffix = {};
  if (!suffix.empty()) throw bad();

  const int scale = unit_scale(unit);
  const int128 limit = static_cast<int128>(int64_max) + 1;  // magnitude bound before the sign
  int128 fen = 0;
  auto push = [&](char c) {
    fen = fen * 10 + (c - '0');
    if (fen > limit) throw_money_overflow(("parsing " + place).c_str());
  };
  for (char c : whole) push(c);
  for (int k = 0; k < scale; ++k) push(k < static_cast<int>(frac.size()) ? frac[k] : '0');
  // Digits beyond the fen decide the rounding.
  if (static_cast<int>(frac.size()) > scale) {
    const std::string_view rest = frac.substr(scale);
    const bool nonzero = rest.find_first_not_of('0') != std::string_view::npos;
    if (nonzero) {
      if (mode == nullptr)
        throw error(errc::money_too_precise, place,
                    "more precision than a fen: " + quote(text) + " (name a rounding to accept it)");
      // Round |value| = fen + 0.rest, then apply the sign.
      const int first = rest[0] - '0';
      const bool more = rest.substr(1).find_first_not_of('0') != std::string_view::npos;
      bool up = false;
      switch (*mode) {
        case rounding::half_away_from_zero:
          up = first >= 5;
          break;
        case rounding::half_even:
          up = first > 5 || (first == 5 && (more || fen % 2 != 0));
          break;
        case rounding::down:
          up = negative;
          break;
        case rounding::up:
          up = !negative;
          break;
        case rounding::toward_zero:
          up = false;
          break;
      }
      if (up) ++fen;
    }
  }
  if (negative) fen = -fen;
  if (fen > int64_max || fen < int64_min) {
    throw error(errc::money_overflow, place,
                "amount out of range: " + quote(text) + " (beyond ±92233720368547758.07" +
                    std::string(unit_word) + " in 64-bit fen)");
  }
  return static_cast<std::int64_t>(fen);
}

std::string format_fen(std::int64_t fen, money_unit unit) {
  return fixed_point(fen, unit_scale(unit), unit == money_unit::yuan ? 2 : 0);
}

std::string format_fen(std::int64_t fen, money_unit unit, int decimals, rounding mode) {
  const int scale = unit_scale(unit);
  if (decimals < 0) decimals = 0;
  if (decimals >= scale) {
    // Exact: pad with zeros.
    std::string s = fixed_point(fen, scale, scale);
    if (scale > 0 && decimals > scale) s += std::string(decimals - scale, '0');
    if (scale == 0 && decimals > 0) s += "." + std::string(decimals, '0');
    return s;
  }
  const int128 v = divide_rounded(fen, pow10(scale - decimals), mode);
  return fixed_point(v, decimals, decimals);
}

}  // namespace detail

exact_ratio::exact_ratio(std::int64_t num, std::int64_t den) {
  if (den == 0) detail::throw_division_by_zero("exact_ratio");
  detail::int128 n = num, d = den;
  if (d < 0) n = -n, d = -d;
  const detail::int128 g = detail::gcd128(n, d);
  if (g > 1) n /= g, d /= g;
  num_ = detail::narrow_checked(n, "exact_ratio");
  den_ = detail::narrow_checked(d, "exact_ratio");
}

exact_ratio exact_ratio::parse(std::string_view text, std::string_view where) {
  const std::string place = detail::where_or(where, text);
  auto bad = [&]() -> error {
    return error(
        errc::bad_amount, place,
        "not an exact decimal or fraction: " + detail::quote(text) + " (such as 1.2, 0.0001 or 2/3)");
  };
  std::string_view s = text;
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  bool negative = false;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  auto digits = [&](std::string_view d, detail::int128& v) {
    if (d.empty()) throw bad();
    for (char c : d) {
      if (c < '0' || c > '9') throw bad();
      v = v * 10 + (c - '0');
      if (v > (static_cast<detail::int128>(1) << 64))
        detail::throw_money_overflow(("parsing " + place).c_str());
    }
  };
  detail::int128 n = 0, d = 1;
  if (const auto slash = s.find('/'); slash != std::string_view::npos) {
    d = 0;
    digits(s.substr(0, slash), n);
    digits(s.substr(slash + 1), d);
    if (d == 0) detail::throw_division_by_zero(("parsing " + place).c_str());
  } else {
    const auto dot = s.find('.');
    std::string_view frac = dot == std::string_view::npos ? std::string_view{} : s.substr(dot + 1);
    if (dot != std::string_view::npos && frac.empty()) throw bad();
    while (!frac.empty() && frac.back() == '0') frac.remove_suffix(1);
    if (frac.size() > 18) detail::throw_money_overflow(("parsing " + place).c_str());
    digits(s.substr(0, dot), n);
    if (!frac.empty()) {
      digits(frac, n);
      d = detail::pow10(static_cast<int>(frac.size()));
      // digits() bounded n by 2^64 before the fraction; recheck after appending.
    }
  }
  if (negative) n = -n;
  const detail::int128 g = detail::gcd128(n, d);
  if (g > 1) n /= g, d /= g;
  return exact_ratio(detail::narrow_checked(n, ("parsing " + place).c_str()),
                     detail::narrow_checked(d, ("parsing " + place).c_str()));
}

std::string exact_ratio::to_string(int decimals, rounding mode) const {
  if (decimals < 0) decimals = 0;
  if (decimals > 18) decimals = 18;
  const detail::int128 v =
      detail::divide_rounded(static_cast<detail::int128>(num_) * detail::pow10(decimals), den_, mode);
  return detail::fixed_point(v, decimals, decimals);
}

exact_ratio operator*(exact_ratio a, exact_ratio b) {
  // Cross-reduce first so that products that fit after reduction do not overflow.
  const detail::int128 g1 = detail::gcd128(a.num_, b.den_), g2 = detail::gcd128(b.num_, a.den_);
  const detail::int128 n = (static_cast<detail::int128>(a.num_) / (g1 ? g1 : 1)) * (b.num_ / (g2 ? g2 : 1));
  const detail::int128 d = (static_cast<detail::int128>(a.den_) / (g2 ? g2 : 1)) * (b.den_ / (g1 ? g1 : 1));
  return exact_ratio(detail::narrow_checked(n, "exact_ratio *"), detail::narrow_checked(d, "exact_ratio *"));
}

exact_ratio operator/(exact_ratio a, exact_ratio b) {
  if (b.num_ == 0) detail::throw_division_by_zero("exact_ratio /");
  return a * exact_ratio(b.den_, b.num_);
}

}  // namespace zoneperf
