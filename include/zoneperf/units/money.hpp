#pragma once
/// Exact money: an integer count of fen (0.01 of the currency's unit) in 64 bits, tagged by
/// currency, with every overflow reported and every lossy step rounded by a named rule.
///
/// Synopsis
///   struct cny; struct usd;                              // currency tags
///   template <class Currency> class money;               // fen in std::int64_t, checked
///   using cny_money = money<cny>;  using usd_money = money<usd>;
///   enum class rounding { half_away_from_zero, half_even, down, up, toward_zero };
///   enum class money_unit { yuan, wan, yi };             // 元, 万元 (10^4), 亿元 (10^8)
///   class exact_ratio;                                   // a reduced int64 fraction
///
///   cny_money::from_fen(n), from_yuan(n), from_wan(n), from_yi(n)       // checked
///   cny_money::parse("1234.56"), parse("7175万"), parse("256亿元")       // exact, no double
///   cny_money::parse("0.125", rounding::half_even)                       // rounding named
///   a + b, a - b, -a, a * n, n * a (n an integer), a / b -> exact_ratio  // same currency only
///   multiply(a, exact_ratio, rounding), divide(a, n, rounding)           // the lossy steps
///   to_string(a) "1234.56"; to_string(a, money_unit::wan) "0.123456";
///   to_string(a, money_unit::wan, 2, rounding::half_away_from_zero) "0.12";
///   with_unit(a, money_unit::wan) "7175万元" (USD: "1056万美元")
///
/// Ill-formed on purpose (tests/compile_fail proves it): cny + usd, money * money, money * double,
/// money * exact_ratio without a rounding, money + a plain number, money + area.
///
/// money ÷ money is an exact_ratio rather than a double so that a comparison such as
/// "actual ≥ target" or a ratio fed back into multiply() is exact; to_double() is there for display.
///
/// Errors (zoneperf::error, category "money"; the codes are in zoneperf/errc.hpp): 501 overflow
/// (errc::money_overflow, a result outside int64 fen), 502 not a decimal amount (errc::bad_amount),
/// 503 more precision than a fen with no rounding named (errc::money_too_precise), 504 division by
/// zero (errc::money_division_by_zero). Codes 550-599 belong to area.
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

#include "zoneperf/error.hpp"

namespace zoneperf {

/// Currency tags. `unit` is the word after 万/亿 when printing and parsing.
struct cny {
  static constexpr std::string_view code = "CNY";
  static constexpr std::string_view unit = "元";
};
struct usd {
  static constexpr std::string_view code = "USD";
  static constexpr std::string_view unit = "美元";
};

/// How a lossy step rounds (one rule, stated once):
/// half_away_from_zero 四舍五入 (2.5 -> 3, -2.5 -> -3); half_even (2.5 -> 2, 3.5 -> 4);
/// down toward -infinity; up toward +infinity; toward_zero truncates.
enum class rounding { half_away_from_zero, half_even, down, up, toward_zero };

/// Display and parsing units: 元, 万元 = 10^4 元, 亿元 = 10^8 元.
enum class money_unit { yuan, wan, yi };

namespace detail {
__extension__ typedef __int128 int128;
__extension__ typedef unsigned __int128 uint128;

/// n / d rounded by `mode`; d != 0.
int128 divide_rounded(int128 n, int128 d, rounding mode) noexcept;
[[noreturn]] void throw_money_overflow(const char* operation);
[[noreturn]] void throw_division_by_zero(const char* operation);
/// The amount in fen, or throws 502/503/501 naming `where` (the text itself when empty).
std::int64_t parse_fen(std::string_view text, std::string_view unit_word, const rounding* mode,
                       std::string_view where);
std::string format_fen(std::int64_t fen, money_unit unit);
std::string format_fen(std::int64_t fen, money_unit unit, int decimals, rounding mode);
/// The int64 value of n, or throws 501 naming the operation.
std::int64_t narrow_checked(int128 n, const char* operation);
std::string to_string(int128 n);
std::string to_string(uint128 n);

inline std::int64_t checked_add(std::int64_t a, std::int64_t b, const char* op) {
  std::int64_t r;
  if (__builtin_add_overflow(a, b, &r)) throw_money_overflow(op);
  return r;
}
inline std::int64_t checked_sub(std::int64_t a, std::int64_t b, const char* op) {
  std::int64_t r;
  if (__builtin_sub_overflow(a, b, &r)) throw_money_overflow(op);
  return r;
}
inline std::int64_t checked_mul(std::int64_t a, std::int64_t b, const char* op) {
  std::int64_t r;
  if (__builtin_mul_overflow(a, b, &r)) throw_money_overflow(op);
  return r;
}
}  // namespace detail

/// An exact fraction num/den of 64-bit integers, kept reduced with den > 0. Coefficients,
/// multipliers and money ÷ money are exact_ratios.
class exact_ratio {
 public:
  constexpr exact_ratio() noexcept = default;
  /// A whole number.
  explicit constexpr exact_ratio(std::int64_t num) noexcept : num_(num), den_(1) {}
  /// num/den reduced; den == 0 is error 504, a result outside int64 error 501.
  exact_ratio(std::int64_t num, std::int64_t den);
  /// A decimal ("1.5", "-0.0001", "2") or a fraction ("2/3"), exactly; error 502 names `where`.
  static exact_ratio parse(std::string_view text, std::string_view where = {});

  constexpr std::int64_t num() const noexcept { return num_; }
  constexpr std::int64_t den() const noexcept { return den_; }
  double to_double() const noexcept { return static_cast<double>(num_) / static_cast<double>(den_); }
  /// Exact decimal with `decimals` places, rounded by `mode` ("1.3333" for 4/3 and 4 places).
  std::string to_string(int decimals, rounding mode = rounding::half_away_from_zero) const;

  friend exact_ratio operator*(exact_ratio a, exact_ratio b);  // checked, 501
  friend exact_ratio operator/(exact_ratio a, exact_ratio b);  // 504 for b == 0
  friend bool operator==(exact_ratio a, exact_ratio b) noexcept {
    return a.num_ == b.num_ && a.den_ == b.den_;
  }
  friend bool operator!=(exact_ratio a, exact_ratio b) noexcept { return !(a == b); }
  friend bool operator<(exact_ratio a, exact_ratio b) noexcept {
    return static_cast<detail::int128>(a.num_) * b.den_ < static_cast<detail::int128>(b.num_) * a.den_;
  }
  friend bool operator>(exact_ratio a, exact_ratio b) noexcept { return b < a; }
  friend bool operator<=(exact_ratio a, exact_ratio b) noexcept { return !(b < a); }
  friend bool operator>=(exact_ratio a, exact_ratio b) noexcept { return !(a < b); }

 private:
  std::int64_t num_ = 0;
  std::int64_t den_ = 1;
};

/// An amount of one currency in fen. Arithmetic is checked: a result outside int64 throws 501.
template <class Currency>
class money {
 public:
  using currency = Currency;

  constexpr money() noexcept = default;
  static constexpr money from_fen(std::int64_t fen) noexcept { return money(fen); }
  static money from_yuan(std::int64_t yuan) { return money(detail::checked_mul(yuan, 100, "from_yuan")); }
  static money from_wan(std::int64_t wan) { return money(detail::checked_mul(wan, 1000000, "from_wan")); }
  static money from_yi(std::int64_t yi) { return money(detail::checked_mul(yi, 10000000000, "from_yi")); }
  /// Parses "1234.56", "-3", "7175万", "256亿", "12.5万元" exactly (no double on the way).
  /// More precision than a fen is error 503: name a rounding to accept it.
  static money parse(std::string_view text, std::string_view where = {}) {
    return money(detail::parse_fen(text, Currency::unit, nullptr, where));
  }
  static money parse(std::string_view text, rounding mode, std::string_view where = {}) {
    return money(detail::parse_fen(text, Currency::unit, &mode, where));
  }

  constexpr std::int64_t fen() const noexcept { return fen_; }

  friend money operator+(money a, money b) { return money(detail::checked_add(a.fen_, b.fen_, "+")); }
  friend money operator-(money a, money b) { return money(detail::checked_sub(a.fen_, b.fen_, "-")); }
  friend money operator-(money a) { return money(detail::checked_sub(0, a.fen_, "negation")); }
  money& operator+=(money b) { return *this = *this + b; }
  money& operator-=(money b) { return *this = *this - b; }

  /// Times a whole number (exact, checked). Fractions go through multiply() with a rounding.
  template <class I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>, int> = 0>
  friend money operator*(money a, I n) {
    return money(detail::checked_mul(a.fen_, static_cast<std::int64_t>(n), "*"));
  }
  template <class I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>, int> = 0>
  friend money operator*(I n, money a) {
    return a * n;
  }
  friend money operator*(money, money) = delete;   // yuan² means nothing
  friend money operator*(money, double) = delete;  // use multiply(m, exact_ratio, rounding)
  friend money operator*(double, money) = delete;
  friend money operator*(money, exact_ratio) = delete;  // name a rounding: multiply(m, r, rounding)
  friend money operator*(exact_ratio, money) = delete;

  /// The exact ratio of two amounts; b == 0 is error 504.
  friend exact_ratio operator/(money a, money b) {
    if (b.fen_ == 0) detail::throw_division_by_zero("money / money");
    return exact_ratio(a.fen_, b.fen_);
  }

  friend constexpr bool operator==(money a, money b) noexcept { return a.fen_ == b.fen_; }
  friend constexpr bool operator!=(money a, money b) noexcept { return a.fen_ != b.fen_; }
  friend constexpr bool operator<(money a, money b) noexcept { return a.fen_ < b.fen_; }
  friend constexpr bool operator>(money a, money b) noexcept { return a.fen_ > b.fen_; }
  friend constexpr bool operator<=(money a, money b) noexcept { return a.fen_ <= b.fen_; }
  friend constexpr bool operator>=(money a, money b) noexcept { return a.fen_ >= b.fen_; }

 private:
  explicit constexpr money(std::int64_t fen) noexcept : fen_(fen) {}
  std::int64_t fen_ = 0;
};

using cny_money = money<cny>;
using usd_money = money<usd>;

/// a × r rounded to the fen by `mode` (exact: 128-bit intermediate); 501 when the result overflows.
template <class C>
money<C> multiply(money<C> a, exact_ratio r, rounding mode) {
  if (r.den() == 1) return money<C>::from_fen(detail::checked_mul(a.fen(), r.num(), "multiply"));
  const detail::int128 n = static_cast<detail::int128>(a.fen()) * r.num();
  return money<C>::from_fen(detail::narrow_checked(detail::divide_rounded(n, r.den(), mode), "multiply"));
}

/// a ÷ n rounded to the fen by `mode`; n == 0 is error 504.
template <class C>
money<C> divide(money<C> a, std::int64_t n, rounding mode) {
  if (n == 0) detail::throw_division_by_zero("divide");
  return money<C>::from_fen(detail::narrow_checked(detail::divide_rounded(a.fen(), n, mode), "divide"));
}

/// "1234.56" (yuan, always two places, "-" for negatives).
template <class C>
std::string to_string(money<C> a) {
  return detail::format_fen(a.fen(), money_unit::yuan);
}
/// Exact in `unit`, trailing zeros dropped beyond the yuan's two places: 1234.56 元 in wan is
/// "0.123456", 7175万元 is "7175".
template <class C>
std::string to_string(money<C> a, money_unit unit) {
  return detail::format_fen(a.fen(), unit);
}
/// Rounded to `decimals` places of `unit` by `mode`.
template <class C>
std::string to_string(money<C> a, money_unit unit, int decimals, rounding mode) {
  return detail::format_fen(a.fen(), unit, decimals, mode);
}
/// With the unit word: "1234.56元", "7175万元", "256亿元", "1056万美元" (exact, as to_string(a, unit)).
template <class C>
std::string with_unit(money<C> a, money_unit unit) {
  std::string s = detail::format_fen(a.fen(), unit);
  if (unit == money_unit::wan) s += "万";
  if (unit == money_unit::yi) s += "亿";
  s += C::unit;
  return s;
}

}  // namespace zoneperf
