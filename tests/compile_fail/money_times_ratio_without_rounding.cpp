// Compile-fail case: money × ratio must name its rounding.
// Built twice by ctest: as is (must compile) and with ZONEPERF_COMPILE_FAIL (must not).
#include <zoneperf/units/money.hpp>

int main() {
  using namespace zoneperf;
  const cny_money a = cny_money::parse("1");
  const exact_ratio r(3, 2);
  (void)multiply(a, r, rounding::half_even);
#ifdef ZONEPERF_COMPILE_FAIL
  (void)(a * r);
#endif
  return 0;
}
