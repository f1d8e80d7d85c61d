#pragma once
/// AHP weights: the principal eigenvector of a pairwise comparison matrix, with Saaty's
/// consistency ratio (docs/semantics.md §8).
///
/// Synopsis
///   struct random_index_table { std::string name; std::vector<double> values; };  // values[n-1] = RI(n)
///   const random_index_table& saaty_classic_ri();        // n = 1..15, the default
///   struct pairwise_matrix { std::vector<std::string> names; Eigen::MatrixXd a; std::string source; };
///   pairwise_matrix read_pairwise_csv(std::string_view text, std::string source, const ahp_options& = {});
///   pairwise_matrix read_pairwise_file(const std::string& path, const ahp_options& = {});
///   std::vector<problem> validate_pairwise(const pairwise_matrix&, const ahp_options& = {});
///   ahp_result ahp(const pairwise_matrix&, const ahp_options& = {});
///   ahp_result ahp(const Eigen::MatrixXd&, const ahp_options& = {});
///
/// A matrix file is CSV: n rows of n cells, each a decimal or a fraction such as 1/3, optionally
/// with a header row of names and a first column of names (both, either or neither; when both,
/// they must agree). The matrix must be positive and reciprocal: |a_ij x a_ji - 1| and
/// |a_ii - 1| at most `reciprocal_tolerance` (so 0.333 passes for 1/3 at the default 0.01).
/// The eigenvector is computed from the cells as given (no symmetrisation).
///
/// lambda_max is the principal (Perron) eigenvalue, CI = (lambda_max - n) / (n - 1) and
/// CR = CI / RI(n); for n <= 2, CI = CR = 0 (every such reciprocal matrix is consistent).
/// A matrix is accepted when CR < accept_below (0.10).
#include <Eigen/Core>
#include <string>
#include <string_view>
#include <vector>

#include "zoneperf/error.hpp"
#include "zoneperf/weights/errc.hpp"

namespace zoneperf {

/// A table of random consistency indices: values[n - 1] is RI(n).
struct random_index_table {
  std::string name;
  std::vector<double> values;
};

/// Saaty's classic table (Saaty 1980), n = 1..15: 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41,
/// 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59. Named "saaty-classic".
const random_index_table& saaty_classic_ri();

struct ahp_options {
  /// The random-index table; nullptr means saaty_classic_ri().
  const random_index_table* random_index = nullptr;
  /// Accept the judgements when CR < accept_below.
  double accept_below = 0.10;
  /// Allowed |a_ij x a_ji - 1| and |a_ii - 1|.
  double reciprocal_tolerance = 0.01;
};

/// A square matrix of pairwise judgements: a(i, j) says how much more important i is than j.
struct pairwise_matrix {
  std::vector<std::string> names;  ///< one per row; "c1", "c2", ... when the file has none
  Eigen::MatrixXd a;
  std::string source;  ///< file name for messages ("" when built in code)
  /// The file position of each cell ("file:line:column"), row-major, when read from a file.
  std::vector<std::string> cell_where;
};

/// Parses a matrix file and checks it (validate_pairwise); throws zoneperf::error listing every
/// problem: 801 shape, 805 a cell that is not a number or fraction, 806 names, 802, 803, 804.
pairwise_matrix read_pairwise_csv(std::string_view text, std::string source, const ahp_options& options = {});
/// Reads and parses a matrix file (error 401 when it cannot be opened).
pairwise_matrix read_pairwise_file(const std::string& path, const ahp_options& options = {});

/// Every problem of the matrix at once: non-square (801), non-positive cells (802), pairs that are
/// not reciprocal within the tolerance (803, reported at the lower cell), a diagonal != 1 (804).
std::vector<problem> validate_pairwise(const pairwise_matrix& m, const ahp_options& options = {});

struct ahp_result {
  std::vector<std::string> names;
  Eigen::VectorXd weights;  ///< the principal eigenvector, positive, summing to 1
  double lambda_max = 0;
  double ci = 0;           ///< consistency index
  double ri = 0;           ///< random index used (0 for n <= 2)
  double cr = 0;           ///< consistency ratio
  bool acceptable = true;  ///< cr < accept_below
  std::string ri_table;    ///< the random-index table's name
};

/// AHP weights of a checked matrix; throws zoneperf::error for an invalid matrix (as validate_pairwise)
/// or error 807 when the random-index table has no entry for n > 2.
ahp_result ahp(const pairwise_matrix& m, const ahp_options& options = {});
/// The same for a matrix built in code (cells named "(i,j)", 1-based, in messages).
ahp_result ahp(const Eigen::MatrixXd& a, const ahp_options& options = {});

}  // namespace zoneperf
