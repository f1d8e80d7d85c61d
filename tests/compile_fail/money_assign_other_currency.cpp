// Compile-fail case: a USD amount is not a CNY amount.
// Built twice by ctest: as is (must compile) and with ZONEPERF_COMPILE_FAIL (must not).
#include <zoneperf/units/money.hpp>

int main() {
  using namespace zoneperf;
  cny_money a = cny_money::parse("1");
  const usd_money b = usd_money::parse("1");
  a = cny_money::from_fen(b.fen());
#ifdef ZONEPERF_COMPILE_FAIL
  a = b;
#endif
  return 0;
}
