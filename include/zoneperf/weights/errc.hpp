#pragma once
/// Error codes of the weights module (category "weights", 8xx), in namespace zoneperf::errc like
/// every code (zoneperf/errc.hpp). A code's number and meaning never change once released.

namespace zoneperf::errc {

/// A pairwise comparison matrix is not n x n (or its names do not line up).
inline constexpr int matrix_not_square = 801;
/// A cell of a pairwise comparison matrix is zero or negative.
inline constexpr int matrix_not_positive = 802;
/// a_ji x a_ij differs from 1 by more than the tolerance.
inline constexpr int matrix_not_reciprocal = 803;
/// A diagonal cell differs from 1 by more than the tolerance.
inline constexpr int matrix_diagonal_not_one = 804;
/// A cell that is neither a number nor a fraction such as 1/3 (or is empty).
inline constexpr int matrix_bad_cell = 805;
/// The header names and the first column's names differ, or a name repeats.
inline constexpr int matrix_names = 806;
/// The random-index table has no entry for this n.
inline constexpr int no_random_index = 807;
/// Weights that are negative, not finite, all zero or not one per item.
inline constexpr int bad_weights = 808;
/// Fewer units (rows) than a method needs.
inline constexpr int too_few_units = 809;
/// A negative value where a method needs non-negative ones (entropy).
inline constexpr int negative_value = 810;
/// Every column is constant (or all zero): the method cannot tell the criteria apart.
inline constexpr int weights_undefined = 811;
/// An uncertainty option out of range (samples, percent, concentration, top k, depth).
inline constexpr int bad_uncertainty_option = 812;
/// A tree level that cannot take weights: an unknown node, a leaf, or a child not named.
inline constexpr int bad_level = 813;
/// A points step that does not divide the parent's points.
inline constexpr int bad_points_step = 814;
/// A mean of values it is not defined for (a zero or negative value in a geometric or harmonic mean).
inline constexpr int bad_mean_input = 815;
/// An AHP option out of range (a negative or non-finite reciprocal tolerance or acceptance bound).
inline constexpr int bad_ahp_option = 816;

}  // namespace zoneperf::errc
