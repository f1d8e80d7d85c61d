#pragma once
/// Land area held exactly: square metres, mu (亩, exactly 2000/3 m²) and hectares (公顷, 15 mu).
///
/// Synopsis
///   enum class area_unit { m2, mu, ha };
///   class area;                                  // an exact signed amount of land
///     area::from_m2(n) / from_mu(n) / from_ha(n)   // whole units, exact
///     area::parse("17.5", area_unit::mu)          // exact decimal text; error 551..553
///     a.m2() a.mu() a.ha()                         // double views (one rounding, for ratios)
///     a.count()                                    // the exact count of ticks (1/3 000 000 m²)
///     a + b, a - b, -a, a * k, k * a, a / b (-> double), comparisons, a += b, a -= b
///   area parse_area(std::string_view text);      // "17.5 mu", "17.5亩", "11666.67 m²", "2 ha"
///   std::string to_string(area, area_unit, const area_format& = {});  // "11666.67 m²"
///
/// Storage: an integer count of ticks, 1 tick = 1/3 000 000 m², so that 1 m² = 3·10⁶, 1 mu =
/// 2·10⁹ and 1 ha = 3·10¹⁰ ticks. Every decimal with up to 6 places of m², 9 places of mu or
/// 10 places of ha is held exactly (17.5 mu is 35·10⁹ ticks, never 11 666.67 m²); more places
/// are an error, never a silent rounding. Rounding happens only when printing (half away from
/// zero by default). Range: about ±3·10¹² m²; overflow is error 553, never a wrap.
///
/// Area has no conversion to or from plain numbers or money: area + money, area + 3.0 and
/// area * area do not compile. Errors are zoneperf::error with the codes
/// 551..554 of zoneperf/errc.hpp (errc::bad_area_number, area_too_many_decimals, area_overflow,
/// unknown_area_unit).
#include <cstdint>
#include <string>
#include <string_view>

#include "zoneperf/error.hpp"

namespace zoneperf {

enum class area_unit { m2, mu, ha };

/// "m²", "mu", "ha".
const char* to_string(area_unit u) noexcept;

class area {
 public:
  using rep = std::int64_t;
  static constexpr rep ticks_per_m2 = 3'000'000;
  static constexpr rep ticks_per_mu = 2'000'000'000;   // 2000/3 m²
  static constexpr rep ticks_per_ha = 30'000'000'000;  // 10 000 m² = 15 mu
  /// Ticks in one unit.
  static constexpr rep ticks_per(area_unit u) noexcept {
    return u == area_unit::m2 ? ticks_per_m2 : u == area_unit::mu ? ticks_per_mu : ticks_per_ha;
  }
  /// Decimal places a unit holds exactly (6 for m², 9 for mu, 10 for ha).
  static constexpr int exact_decimals(area_unit u) noexcept {
    return u == area_unit::m2 ? 6 : u == area_unit::mu ? 9 : 10;
  }

  constexpr area() noexcept = default;  ///< zero
  static area from_ticks(rep ticks) noexcept { return area(ticks); }
  static area from_m2(std::int64_t n) { return from_whole(n, area_unit::m2); }
  static area from_mu(std::int64_t n) { return from_whole(n, area_unit::mu); }
  static area from_ha(std::int64_t n) { return from_whole(n, area_unit::ha); }
  /// n whole units; error 553 when out of range.
  static area from_whole(std::int64_t n, area_unit u);
  /// An exact decimal ("17.5", "-0.25", " 3 "), no exponent, no grouping. Errors name `where`:
  /// 551 not a number, 552 too many decimal places for the unit, 553 out of range.
  static area parse(std::string_view text, area_unit u, const std::string& where = "");

  constexpr rep count() const noexcept { return ticks_; }
  /// The area in a unit as a double: count / ticks_per(u), correctly rounded while |count| < 2⁵³.
  double in(area_unit u) const noexcept {
    return static_cast<double>(ticks_) / static_cast<double>(ticks_per(u));
  }
  double m2() const noexcept { return in(area_unit::m2); }
  double mu() const noexcept { return in(area_unit::mu); }
  double ha() const noexcept { return in(area_unit::ha); }
  /// True when the area is a whole number of `u`.
  constexpr bool is_whole(area_unit u) const noexcept { return ticks_ % ticks_per(u) == 0; }

  area& operator+=(area b) { return *this = *this + b; }
  area& operator-=(area b) { return *this = *this - b; }
  friend area operator+(area a, area b) {
    rep r = 0;
    if (__builtin_add_overflow(a.ticks_, b.ticks_, &r)) overflow("area + area");
    return area(r);
  }
  friend area operator-(area a, area b) {
    rep r = 0;
    if (__builtin_sub_overflow(a.ticks_, b.ticks_, &r)) overflow("area - area");
    return area(r);
  }
  friend area operator-(area a) { return area() - a; }
  friend area operator*(area a, std::int64_t k) {
    rep r = 0;
    if (__builtin_mul_overflow(a.ticks_, k, &r)) overflow("area * integer");
    return area(r);
  }
  friend area operator*(std::int64_t k, area a) { return a * k; }
  /// The ratio of two areas (a plot ratio, a share), one rounding.
  friend double operator/(area a, area b) noexcept {
    return static_cast<double>(a.ticks_) / static_cast<double>(b.ticks_);
  }
  friend constexpr bool operator==(area a, area b) noexcept { return a.ticks_ == b.ticks_; }
  friend constexpr bool operator!=(area a, area b) noexcept { return a.ticks_ != b.ticks_; }
  friend constexpr bool operator<(area a, area b) noexcept { return a.ticks_ < b.ticks_; }
  friend constexpr bool operator<=(area a, area b) noexcept { return a.ticks_ <= b.ticks_; }
  friend constexpr bool operator>(area a, area b) noexcept { return a.ticks_ > b.ticks_; }
  friend constexpr bool operator>=(area a, area b) noexcept { return a.ticks_ >= b.ticks_; }

 private:
  explicit constexpr area(rep ticks) noexcept : ticks_(ticks) {}
  [[noreturn]] static void overflow(const char* what);
  rep ticks_ = 0;
};

/// How to print an area. Rounding happens here and only here.
struct area_format {
  int decimals = 2;
  enum class rounding { half_away_from_zero, half_even } round = rounding::half_away_from_zero;
  enum class grouping { none, space } group = grouping::none;       ///< space: "11 666.67"
  enum class suffix { symbol, none } unit_suffix = suffix::symbol;  ///< " m²", " mu", " ha"
};

/// The area in `u`, rounded to `f.decimals` places: to_string(17.5 mu, m2) == "11666.67 m²".
std::string to_string(area a, area_unit u, const area_format& f = {});

/// A number followed by a unit: "17.5 mu", "17.5亩", "1.5 ha", "1.5公顷", "100 m2", "100 m²",
/// "100平方米" (spaces optional). Error 554 for an unknown or absent unit, else as area::parse.
area parse_area(std::string_view text, const std::string& where = "");
/// The unit named by "m2", "m²", "平方米", "mu", "亩", "ha", "hm2", "公顷" (case-insensitive ASCII).
area_unit parse_area_unit(std::string_view name, const std::string& where = "");

}  // namespace zoneperf
