#pragma once
// For a caller that keeps many assessments (a series of periods): the ranks' sort is scratch, so
// that each result need not grow (and fault in) its own.
#include "zoneperf/assess.hpp"

namespace zoneperf::detail {

// Moves the rank scratch of `from` (a finished result) into `to` (the next one to score).
void pass_rank_scratch(assessment& from, assessment& to);

}  // namespace zoneperf::detail
