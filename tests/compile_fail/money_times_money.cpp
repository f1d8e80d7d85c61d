// Compile-fail case: money × money means nothing (yuan²).
// Built twice by ctest: as is (must compile) and with ZONEPERF_COMPILE_FAIL (must not).
#include <zoneperf/units/money.hpp>

int main() {
  using namespace zoneperf;
  const cny_money a = cny_money::parse("1");
  (void)(a * 2);
#ifdef ZONEPERF_COMPILE_FAIL
  (void)(a * a);
#endif
  return 0;
}
