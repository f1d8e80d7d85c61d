#pragma once
/// The assessment engine: scores N units on an indicator tree (docs/semantics.md §4).
///
/// Synopsis
///   struct matrix_view;            // a units x columns matrix of doubles, row- or column-major, not owned
///   struct target_table;           // per-unit targets for some target-using leaves
///   struct assess_options;         // threads, node scores to keep, ranks, unit ids for messages, progress
///   class assessment;              // the results: node scores, totals, ranks, grades, veto flags
///   void assess(const indicator_tree&, matrix_view values, const target_table*, assessment& out,
///               const assess_options& = {});            // reuses out's storage
///   assessment assess(const indicator_tree&, matrix_view values, const target_table* = nullptr,
///                     const assess_options& = {});
///   std::vector<leaf_explanation> explain(const indicator_tree&, matrix_view values,
///                                         const target_table*, std::size_t unit, const assess_options& =
///                                         {});
///
/// Values: one row per unit and one column per tree.columns() entry (leaves, bonus, penalty and veto
/// items in file order). NaN is a missing value, handled by the leaf's missing policy; ±infinity is
/// error 309 (errc::not_finite), as the CSV reader says of "inf". A lookup leaf holds its code's
/// index (indicator_tree::code_value). Ratios are r / t as written, in double. A score, group score
/// or total that is not finite (it overflows) is error 309 naming the unit and the node: nothing is
/// ranked or graded.
/// Results are bit-identical whatever the thread count; the tree is never modified.
#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "zoneperf/detail/rank_buffers.hpp"
#include "zoneperf/progress.hpp"
#include "zoneperf/tree.hpp"

namespace zoneperf {

enum class storage_order { column_major, row_major };

/// A read-only view of a units x columns matrix owned by the caller.
struct matrix_view {
  const double* data = nullptr;
  std::ptrdiff_t rows = 0;
  std::ptrdiff_t cols = 0;
  storage_order order = storage_order::column_major;
  std::ptrdiff_t stride = 0;  ///< distance between columns (column-major) or rows (row-major); 0 = dense

  matrix_view() = default;
  matrix_view(const double* d, std::ptrdiff_t r, std::ptrdiff_t c, storage_order o, std::ptrdiff_t s = 0)
      : data(d), rows(r), cols(c), order(o), stride(s) {}
  /// From any Eigen matrix, Map or Ref with contiguous inner dimension (no copy).
  template <class Derived>
  matrix_view(const Eigen::PlainObjectBase<Derived>& m)  // NOLINT: implicit on purpose
      : matrix_view(m.data(), m.rows(), m.cols(),
                    Derived::IsRowMajor ? storage_order::row_major : storage_order::column_major,
                    m.outerStride()) {}
  /// From an Eigen Map or Ref (no copy); the inner stride must be 1.
  template <class Derived>
  matrix_view(const Eigen::MapBase<Derived, Eigen::ReadOnlyAccessors>& m)  // NOLINT
      : matrix_view(m.data(), m.rows(), m.cols(),
                    Derived::IsRowMajor ? storage_order::row_major : storage_order::column_major,
                    m.outerStride()) {}

  std::ptrdiff_t outer_stride() const {
    return stride != 0 ? stride : (order == storage_order::column_major ? rows : cols);
  }
  double operator()(std::ptrdiff_t r, std::ptrdiff_t c) const {
    return order == storage_order::column_major ? data[r + c * outer_stride()] : data[r * outer_stride() + c];
  }
};

/// Per-unit targets: column k holds the targets of leaf leaf_ids[k] for every unit (one row per
/// unit, the same rows as the values). NaN takes the leaf's default target.
struct target_table {
  std::vector<std::string> leaf_ids;
  matrix_view values;
};

/// A table of values as the readers give it: unit ids, and their values (units x tree.columns()).
struct values_table {
  std::vector<std::string> units;
  Eigen::MatrixXd values;  ///< units x tree.columns(), column-major
};

struct targets_table {
  std::vector<std::string> leaf_ids;
  Eigen::MatrixXd values;  ///< units (in the values table's order) x leaf_ids; NaN = default
  target_table view() const { return target_table{leaf_ids, matrix_view(values)}; }
};

/// Which node scores an assessment keeps (totals, grades and veto flags are always kept).
enum class node_scores { all, groups };
enum class ranking { on, off };

struct assess_options {
  int threads = 1;  ///< worker threads; results do not depend on it
  node_scores keep = node_scores::all;
  ranking ranks = ranking::on;
  /// Unit ids used in error messages and reports; when empty, units are named "#<row>". assess finds
  /// an id given twice (error 306, errc::duplicate_unit, as in a CSV) in O(n); explain does not look.
  const std::vector<std::string>* unit_ids = nullptr;
  /// Whether assess looks for an id given twice in unit_ids (O(n)). A caller whose ids are checked
  /// already (the CSV readers' tables, the land evaluation) or that only names rows with them in
  /// messages (admission) turns it off.
  bool check_unit_ids = true;
  /// Reports stage "assessing" (units scored) and "explaining" (units explained) from the calling
  /// thread (zoneperf/progress.hpp); empty: none, at no cost.
  progress_callback progress;
};

/// The results of one assessment. Reusing an object across calls reuses its storage.
class assessment {
 public:
  std::ptrdiff_t units() const { return static_cast<std::ptrdiff_t>(totals_.size()); }
  double total(std::ptrdiff_t unit) const { return totals_[unit]; }
  /// Competition rank on totals (1, 2, 2, 4), or 0 when ranks were off.
  std::int32_t rank(std::ptrdiff_t unit) const { return ranks_.empty() ? 0 : ranks_[unit]; }
  /// Index into the tree's grades, or -1 when the tree has none or the total is below every cut-off.
  std::int32_t grade(std::ptrdiff_t unit) const { return grades_[unit]; }
  bool vetoed(std::ptrdiff_t unit) const { return veto_[unit] != 0; }
  /// Whether node scores of `node` (a tree index) were kept.
  bool has_scores(std::size_t node) const;
  /// The node's score for the unit (NaN for a missing reweighted leaf).
  double score(std::ptrdiff_t unit, std::size_t node) const;
  /// The node's maximum for the unit: its points, scaled for leaves of a reweighted parent
  /// (0 for a missing one); bonus and penalty items give their max.
  double max(std::ptrdiff_t unit, std::size_t node) const;
  /// score / max (NaN when max is 0).
  double rate(std::ptrdiff_t unit, std::size_t node) const;
  /// True when every child of the node was missing under the reweight policy (its score is 0).
  bool all_missing(std::ptrdiff_t unit, std::size_t node) const;
  /// True when no reweighting touches the node: then max(u, node) is the same for every unit and
  /// all_missing(u, node) is false (writers format such a max once).
  bool fixed_max(std::size_t node) const;

  /// Column-major units x kept-nodes scores; kept_nodes() names the columns.
  const Eigen::MatrixXd& scores() const { return scores_; }
  const std::vector<int>& kept_nodes() const { return kept_; }
  const Eigen::VectorXd& totals() const { return totals_; }
  const std::vector<std::int32_t>& ranks() const { return ranks_; }
  const std::vector<std::int32_t>& grades() const { return grades_; }
  const std::vector<std::uint8_t>& veto_flags() const { return veto_; }

 private:
  Eigen::MatrixXd scores_;
  Eigen::VectorXd totals_;
  std::vector<std::int32_t> ranks_, grades_;
  std::vector<std::uint8_t> veto_;
  std::vector<int> kept_;          // tree index of each scores_ column
  std::vector<int> column_of_;     // tree index -> scores_ column or -1
  std::vector<double> node_max_;   // static max per tree node
  Eigen::MatrixXd scale_;          // units x reweighted parents (NaN: all children missing)
  std::vector<int> scale_column_;  // tree index -> scale_ column or -1 (for reweighted parents)
  std::vector<int> parent_;        // tree index -> parent index
  detail::rank_buffers rank_buf_;  // the ranks' sort, kept for the next call
  // Read back from a scorecard file (io/report.hpp): each kept node's max and all-missing flag as
  // the file gives them (units x kept, column-major), rather than derived from the tree and scale_.
  Eigen::MatrixXd read_max_;
  std::vector<std::uint8_t> read_all_missing_;
  friend struct detail_engine;
  friend struct detail_scorecard_reader;
};

/// Scores into `out`, reusing its storage. Bad inputs throw zoneperf::error naming the unit and
/// indicator. A wrong shape, an unknown target column or a missing default target is found
/// before anything is written, and `out` keeps its result. A bad value is found while scoring:
/// `out` then keeps its storage (so views of it stay valid) but holds no valid result.
void assess(const indicator_tree& tree, matrix_view values, const target_table* targets, assessment& out,
            const assess_options& options = {});
assessment assess(const indicator_tree& tree, matrix_view values, const target_table* targets = nullptr,
                  const assess_options& options = {});

/// The instruction set the scoring kernel uses: "generic", "x86-64-v3" (AVX2) or "x86-64-v4"
/// (AVX-512), picked at first use from the CPU; the environment variable ZONEPERF_KERNEL caps it
/// (ZONEPERF_KERNEL=generic forces the portable one). Every kernel gives the same bits.
const char* kernel_name() noexcept;

/// How one leaf or item of one unit was scored, for auditors.
struct leaf_explanation {
  int node = -1;  ///< tree index
  std::string id;
  node_kind kind = node_kind::leaf;
  rule_kind rule = rule_kind::completion;
  double actual = 0;  ///< NaN when missing
  bool missing = false;
  double target = 0;  ///< NaN when the rule takes none
  enum class target_source { none, unit, default_value } source = target_source::none;
  double ratio = 0;     ///< NaN when the rule has none
  double fraction = 0;  ///< f before points (bonus/penalty: per_unit * actual)
  bool capped = false;  ///< the cap (or bonus/penalty max) bound the result
  double points = 0;    ///< earned (penalties as a positive deduction)
  double max = 0;       ///< the leaf's maximum for this unit (after reweighting)
  bool vetoes = false;  ///< this item (or lookup code) vetoed the unit
};

/// Explains every leaf and item of one unit, in column order. Computed on demand, with the same
/// arithmetic as assess (batch statistics for minmax and rank come from all units).
std::vector<leaf_explanation> explain(const indicator_tree& tree, matrix_view values,
                                      const target_table* targets, std::size_t unit,
                                      const assess_options& options = {});
/// Explains several units at once, computing the batch statistics once.
std::vector<std::vector<leaf_explanation>> explain(const indicator_tree& tree, matrix_view values,
                                                   const target_table* targets,
                                                   const std::vector<std::size_t>& units,
                                                   const assess_options& options = {});

}  // namespace zoneperf
