#pragma once
/// Weights and robustness for analysts (docs/semantics.md §8): AHP, entropy, CRITIC, SD, ROC and equal
/// weights, COINr-style normalisers and means, applying weights to a tree level, and the
/// Monte-Carlo uncertainty of ranks.
#include "zoneperf/weights/ahp.hpp"
#include "zoneperf/weights/apply.hpp"
#include "zoneperf/weights/errc.hpp"
#include "zoneperf/weights/means.hpp"
#include "zoneperf/weights/methods.hpp"
#include "zoneperf/weights/normalise.hpp"
#include "zoneperf/weights/uncertainty.hpp"
