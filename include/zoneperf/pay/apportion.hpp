#pragma once
/// Largest-remainder apportionment for pay: the library-wide one (zoneperf/apportion.hpp).
#include "zoneperf/apportion.hpp"
