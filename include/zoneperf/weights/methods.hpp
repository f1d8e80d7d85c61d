#pragma once
/// Weights derived from judgements or from the data: equal, rank-order centroid, entropy, CRITIC
/// and standard deviation (docs/semantics.md §8). AHP is in weights/ahp.hpp.
///
/// Synopsis
///   struct criteria_matrix { std::vector<std::string> units, columns; Eigen::MatrixXd values; };
///   criteria_matrix read_criteria_csv(std::string_view text, std::string source);  // header unit,<columns>
///   criteria_matrix read_criteria_file(const std::string& path);
///   criteria_matrix select_columns(const criteria_matrix&, const std::vector<std::string>& names);
///   struct derived_weights { std::string method; std::vector<std::string> names; Eigen::VectorXd weights,
///   measure; }; derived_weights equal_weights(std::vector<std::string> names); derived_weights
///   roc_weights(std::vector<std::string> names_most_important_first); derived_weights entropy_weights(const
///   criteria_matrix&); derived_weights critic_weights(const criteria_matrix&, const std::vector<direction>&
///   = {}); derived_weights sd_weights(const criteria_matrix&, const std::vector<direction>& = {});
///
/// Definitions (m units, columns j):
///   entropy  p_ij = x_ij / sum_i x_ij, e_j = -sum_i p_ij ln p_ij / ln m (0 ln 0 = 0), measure 1 - e_j.
///            Values must be >= 0; direction plays no part. A constant column has measure 0 exactly.
///   CRITIC   z = min-max scaled columns (normalise_minmax onto [0, 1], lower-is-better reversed),
///            sigma_j their sample sd, r_jk Pearson correlation, measure C_j = sigma_j sum_k (1 - r_jk).
///            Constant columns get C_j = 0 and are left out of the others' sums (their correlation is
///            undefined), so adding a constant column leaves the other weights unchanged.
///   SD       measure sigma_j, the sample sd of the min-max scaled column.
///   Weights are measure / sum(measure). Every method needs m >= 2 (error 809) and at least one
///   non-constant column (error 811); a missing (NaN) value is error 301 naming unit/column.
#include <Eigen/Core>
#include <string>
#include <string_view>
#include <vector>

#include "zoneperf/error.hpp"
#include "zoneperf/tree.hpp"
#include "zoneperf/weights/errc.hpp"

namespace zoneperf {

/// Units x criteria values with their names.
struct criteria_matrix {
  std::vector<std::string> units;
  std::vector<std::string> columns;
  Eigen::MatrixXd values;  ///< units x columns
};

/// A table with header `unit,<column ids>` and one row per unit (the values-table format). Every
/// cell must hold a number: an empty cell is error 301, text 308, and duplicate units or columns
/// 306 / 307, all naming file:line:column.
criteria_matrix read_criteria_csv(std::string_view text, std::string source);
criteria_matrix read_criteria_file(const std::string& path);
/// The named columns in the given order; an unknown name is error 304.
criteria_matrix select_columns(const criteria_matrix& m, const std::vector<std::string>& names);

struct derived_weights {
  std::string method;  ///< "equal", "roc", "entropy", "critic", "sd"
  std::vector<std::string> names;
  Eigen::VectorXd weights;  ///< non-negative, summing to 1
  Eigen::VectorXd measure;  ///< the quantity the weights are proportional to
};

/// 1/n each.
derived_weights equal_weights(std::vector<std::string> names);
/// Rank-order centroid: the criterion ranked i (1 = most important) gets (1/n) sum_{k=i..n} 1/k.
derived_weights roc_weights(std::vector<std::string> names_most_important_first);
derived_weights entropy_weights(const criteria_matrix& m);
/// `directions` has one entry per column, or is empty for all higher-is-better.
derived_weights critic_weights(const criteria_matrix& m, const std::vector<direction>& directions = {});
derived_weights sd_weights(const criteria_matrix& m, const std::vector<direction>& directions = {});

}  // namespace zoneperf
