#pragma once
/// zoneperf: performance assessment for development zones. This umbrella header includes the
/// whole public API; each header can also be included on its own.
#include "zoneperf/assess.hpp"
#include "zoneperf/error.hpp"
#include "zoneperf/io/csv.hpp"
#include "zoneperf/io/report.hpp"
#include "zoneperf/io/tables.hpp"
#include "zoneperf/presets.hpp"
#include "zoneperf/tree.hpp"
