#pragma once
/// Applying weights to a tree level: the children of one node get points proportional to the
/// weights, adding up to that node's points, and each child's own subtree is rescaled to its new
/// points the same way (so the tree stays valid).
///
/// Synopsis
///   enum class points_rounding { largest_remainder, none };
///   struct points_options { points_rounding rounding = largest_remainder; double step = 1; };
///   std::vector<double> apportion_points(const std::vector<double>& weights, double total, const
///   points_options& = {}); indicator_tree apply_weights(const indicator_tree&, std::string_view parent_id,
///                                const std::vector<std::string>& child_ids, const std::vector<double>&
///                                weights, const points_options& = {});
///
/// Rounding: `largest_remainder` (Hamilton) counts points in whole steps: total / step seats
/// (which must be a whole number within 1e-9, else error 814), each child its quota's floor, then
/// one more seat each to the largest remainders, the earlier child winning a tie; the parts add up
/// to the total exactly (in steps). `none` keeps total x w / sum(w) unrounded (the parts add up
/// within rounding error, which the tree's 1e-9 check allows). Bonus, penalty and veto items keep
/// their values. Error 813: the parent is unknown or a leaf, a scored child has no weight, or a
/// weight names something that is not a scored child; 808: a weight negative, not finite, or all 0.
#include <string>
#include <string_view>
#include <vector>

#include "zoneperf/tree.hpp"
#include "zoneperf/weights/errc.hpp"

namespace zoneperf {

enum class points_rounding { largest_remainder, none };

struct points_options {
  points_rounding rounding = points_rounding::largest_remainder;
  double step = 1;  ///< the points quantum of largest_remainder (1, 0.5, 0.1, ...)
};

/// Splits `total` in proportion to `weights` with the named rounding.
std::vector<double> apportion_points(const std::vector<double>& weights, double total,
                                     const points_options& options = {});

/// A copy of the tree whose node `parent_id` has its scored children's points replaced by the
/// weights (given per child id, in any order), every subtree below rescaled to match.
indicator_tree apply_weights(const indicator_tree& tree, std::string_view parent_id,
                             const std::vector<std::string>& child_ids, const std::vector<double>& weights,
                             const points_options& options = {});

}  // namespace zoneperf
