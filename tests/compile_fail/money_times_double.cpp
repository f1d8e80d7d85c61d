// Compile-fail case: money × a double is not exact: use multiply(m, exact_ratio, rounding).
// Built twice by ctest: as is (must compile) and with ZONEPERF_COMPILE_FAIL (must not).
#include <zoneperf/units/money.hpp>

int main() {
  using namespace zoneperf;
  const cny_money a = cny_money::parse("1");
  (void)multiply(a, exact_ratio(3, 2), rounding::half_away_from_zero);
#ifdef ZONEPERF_COMPILE_FAIL
  (void)(a * 1.5);
#endif
  return 0;
}
