// Compile-fail case: money + a plain number has no unit.
// Built twice by ctest: as is (must compile) and with ZONEPERF_COMPILE_FAIL (must not).
#include <zoneperf/units/money.hpp>

int main() {
  using namespace zoneperf;
  const cny_money a = cny_money::parse("1");
  (void)(a + cny_money::from_yuan(5));
#ifdef ZONEPERF_COMPILE_FAIL
  (void)(a + 5);
#endif
  return 0;
}
