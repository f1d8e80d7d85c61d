#pragma once
// Private to src/pay: unsigned 256-bit products and the division the exact allocation needs.
#include <cstdint>

#include "zoneperf/units/money.hpp"

namespace zoneperf::detail {
inline uint128 gcd(uint128 a, uint128 b) {
  while (b != 0) {
    const uint128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

// An unsigned 256-bit product, enough for every cross-multiplication of 128-bit values.
struct u256 {
  uint128 hi = 0, lo = 0;
  friend bool operator<(const u256& a, const u256& b) { return a.hi != b.hi ? a.hi < b.hi : a.lo < b.lo; }
  friend bool operator==(const u256& a, const u256& b) { return a.hi == b.hi && a.lo == b.lo; }
};

inline u256 mul(uint128 a, uint128 b) {
  const std::uint64_t a0 = static_cast<std::uint64_t>(a), a1 = static_cast<std::uint64_t>(a >> 64);
  const std::uint64_t b0 = static_cast<std::uint64_t>(b), b1 = static_cast<std::uint64_t>(b >> 64);
  if ((a1 | b1) == 0) return {0, static_cast<uint128>(a0) * b0};
  const uint128 p00 = static_cast<uint128>(a0) * b0, p01 = static_cast<uint128>(a0) * b1;
  const uint128 p10 = static_cast<uint128>(a1) * b0, p11 = static_cast<uint128>(a1) * b1;
  const uint128 mid = (p00 >> 64) + static_cast<std::uint64_t>(p01) + static_cast<std::uint64_t>(p10);
  u256 r;
  r.lo = (mid << 64) | static_cast<std::uint64_t>(p00);
  r.hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
  return r;
}

// n / d and n % d for n < d·2^64 (the quotient fits 64 bits).
inline void divmod(const u256& n, uint128 d, std::uint64_t& q, uint128& r) {
  if (n.hi == 0) {
    q = static_cast<std::uint64_t>(n.lo / d);
    r = n.lo % d;
    return;
  }
  uint128 rem = n.hi;
  std::uint64_t quo = 0;
  for (int bit = 127; bit >= 0; --bit) {
    const bool carry = (rem >> 127) != 0;
    rem = (rem << 1) | ((n.lo >> bit) & 1);
    quo <<= 1;
    if (carry || rem >= d) {
      rem -= d;
      quo |= 1;
    }
  }
  q = quo;
  r = rem;
}

}  // namespace zoneperf::detail
