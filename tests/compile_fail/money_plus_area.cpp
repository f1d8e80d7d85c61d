// Compile-fail case: money + area has no meaning (亩均 figures divide, they never add).
// Built twice by ctest: as is (must compile) and with ZONEPERF_COMPILE_FAIL (must not).
// Uses the land module's area type when include/zoneperf/units/area.hpp exists, else a minimal
// stand-in (the money side is what this case tests: money's + takes only money of its currency).
#include <zoneperf/units/money.hpp>

#if __has_include(<zoneperf/units/area.hpp>)
#include <zoneperf/units/area.hpp>
using area_type = zoneperf::area;
#else
struct area_type {
  long long square_metres_times_3 = 0;
};
#endif

int main() {
  using namespace zoneperf;
  const cny_money a = cny_money::parse("1");
  const area_type land{};
  (void)(a + a);
  (void)land;
#ifdef ZONEPERF_COMPILE_FAIL
  (void)(a + land);
#endif
  return 0;
}
