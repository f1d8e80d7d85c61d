// Compile-fail case: CNY and USD do not mix.
// Built twice by ctest: as is (must compile) and with ZONEPERF_COMPILE_FAIL (must not).
#include <zoneperf/units/money.hpp>

int main() {
  using namespace zoneperf;
  const cny_money a = cny_money::parse("1");
  const usd_money b = usd_money::parse("1");
  (void)(a + a);
  (void)(b + b);
#ifdef ZONEPERF_COMPILE_FAIL
  (void)(a + b);
#endif
  return 0;
}
