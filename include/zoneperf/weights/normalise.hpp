#pragma once
/// Normalisers with COINr's semantics (bluefoxr/COINr, R/normalise.R), as standalone functions on
/// one indicator's values across units. They call the same per-value formulas as the indicator
/// tree's leaf rules (zoneperf/detail/rules.hpp), so a normaliser and the matching rule agree to the bit.
///
/// Synopsis
///   Eigen::VectorXd normalise_minmax(x, bounds = {0, 100}, direction = higher_is_better);
///   Eigen::VectorXd normalise_zscore(x, mean = 0, sd = 1, direction = higher_is_better);
///   Eigen::VectorXd normalise_goalposts(x, lo, hi, direction = higher_is_better, scale = 1);
///   Eigen::VectorXd normalise_distance_to_target(x, target, direction = higher_is_better, target_cap =
///   uncapped); Eigen::VectorXd normalise_fraction_of_max(x); Eigen::VectorXd normalise_rank(x, direction =
///   higher_is_better);             // ties "min" Eigen::VectorXd normalise_percentile_rank(x, direction =
///   higher_is_better);
///
/// NaN is a missing value: it stays NaN and takes no part in the statistics (min, max, mean, sd,
/// ranks), like R's na.rm = TRUE / na.last = "keep". Lower-is-better reverses the scale as COINr's
/// direction = -1 does. Where COINr returns NaN for a degenerate input we follow the tree's rules
/// instead, and say so below.
#include <Eigen/Core>

#include "zoneperf/tree.hpp"

namespace zoneperf {

/// The interval a min-max normalisation maps onto.
struct bounds {
  double lower = 0;
  double upper = 100;
};

enum class target_cap { uncapped, capped };

/// lower + (upper - lower) x (x - min) / (max - min) (COINr n_minmax); lower-is-better uses max - x.
/// All values equal give `upper` (the tree's minmax rule; COINr gives NaN).
Eigen::VectorXd normalise_minmax(const Eigen::Ref<const Eigen::VectorXd>& x, bounds b = {},
                                 direction d = direction::higher_is_better);

/// (x - mean(x)) / sd(x) x sd + mean with the sample standard deviation (n - 1) (COINr n_zscore);
/// lower-is-better negates the result. Fewer than two values or sd(x) = 0 give `mean` for every value
/// (COINr gives NaN).
Eigen::VectorXd normalise_zscore(const Eigen::Ref<const Eigen::VectorXd>& x, double mean = 0, double sd = 1,
                                 direction d = direction::higher_is_better);

/// scale x clamp((x - lo) / (hi - lo), 0, 1); lower-is-better clamp((hi - x) / (hi - lo), 0, 1)
/// (COINr n_goalposts with trunc2posts = TRUE; the tree's goalposts rule).
Eigen::VectorXd normalise_goalposts(const Eigen::Ref<const Eigen::VectorXd>& x, double lo, double hi,
                                    direction d = direction::higher_is_better, double scale = 1);

/// Distance to target (COINr n_dist2targ): (x - min(x)) / (target - min(x)); lower-is-better
/// (max(x) - x) / (max(x) - target). Capped: values beyond the target give 1. A target equal to
/// min(x) (max(x) when lower is better) gives 1 for every value (COINr gives NaN).
Eigen::VectorXd normalise_distance_to_target(const Eigen::Ref<const Eigen::VectorXd>& x, double target,
                                             direction d = direction::higher_is_better,
                                             target_cap cap = target_cap::uncapped);

/// x / max(x) (COINr n_fracmax; the tree's rank rule in `leader` mode). Results are clamped to
/// [0, 1] like the leader rule: a negative value gives 0 (COINr gives a negative fraction), and so
/// does every value when max(x) <= 0.
Eigen::VectorXd normalise_fraction_of_max(const Eigen::Ref<const Eigen::VectorXd>& x);

/// Ranks with ties "min" (COINr n_rank, R's rank(ties.method = "min")): the smallest value ranks 1,
/// so higher values get higher ranks; lower-is-better ranks the largest value 1.
Eigen::VectorXd normalise_rank(const Eigen::Ref<const Eigen::VectorXd>& x,
                               direction d = direction::higher_is_better);

/// (rank - 1) / (count - 1) with the ranks of normalise_rank (COINr n_prank): 0 for the lowest,
/// 1 for the highest. A single value gives 0 (COINr gives NaN).
Eigen::VectorXd normalise_percentile_rank(const Eigen::Ref<const Eigen::VectorXd>& x,
                                          direction d = direction::higher_is_better);

}  // namespace zoneperf
