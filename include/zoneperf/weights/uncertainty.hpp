#pragma once
/// Monte-Carlo uncertainty of ranks under perturbed weights (docs/semantics.md §8).
///
/// Synopsis
///   enum class perturbation { uniform, dirichlet };
///   struct uncertainty_options { samples, seed, method, percent, concentration, depth, top_k, threads,
///                                histograms, progress };
///   void check_uncertainty_options(const uncertainty_options&);           // error 812
///   struct scoring_inputs { units, fractions, offsets, vetoed };     // what re-weighting needs per unit
///   scoring_inputs scoring_inputs_of(const indicator_tree&, matrix_view values, const target_table*,
///                                    const assess_options& = {});
///   Eigen::MatrixXd sample_node_points(const indicator_tree&, const uncertainty_options&);
///   uncertainty_result uncertainty_analysis(const indicator_tree&, const scoring_inputs&, const
///   uncertainty_options& = {});
///   uncertainty_result uncertainty_analysis(const indicator_tree&, const scoring_inputs&,
///                                           const uncertainty_options&, const histogram_visitor&);
///
/// Weights. Every parent (the root and each group) splits its points among its scored children;
/// a weight set perturbs these shares level by level (all levels, or only the children at `depth`),
/// and each child's points are its parent's points times its perturbed share, so every set keeps
/// the tree's maximum. `uniform`: share x (1 + percent/100 x v), v uniform on [-1, 1), then the
/// siblings' shares are divided by their sum. `dirichlet`: the siblings' shares are drawn from
/// Dirichlet(concentration x nominal shares) (mean: the nominal shares; larger concentration, less
/// spread). The nominal set is the same computation with v = 0, so percent = 0 gives every sample
/// the nominal weights bit for bit.
///
/// Random numbers (same seed, same weights on every platform). One std::mt19937_64 seeded with
/// `seed` (its output sequence is fixed by the C++ standard) feeds every draw, sample after sample;
/// within a sample, parents in file order, children in file order. No std:: distribution is used
/// (their algorithms are implementation-defined): a uniform is (x >> 11) x 2^-53 of one engine
/// output x; a normal is Marsaglia's polar method (first value of each accepted pair); a gamma is
/// Marsaglia-Tsang (shape < 1 boosted by U^(1/shape)). When every sibling's gamma underflows to 0
/// (tiny shapes: a small concentration), the same draws are normalised in log space instead
/// (log gamma = log boosted + log(U) / shape), so the shares stay defined and nothing is drawn
/// again. The uniform method uses only + - x /, so its weights are bit-identical everywhere;
/// Dirichlet also calls log, sqrt, pow and exp, which may differ in the last bit between C libraries.
///
/// Scoring. Every unit's leaf fractions (units x leaves) are multiplied by all weight sets' leaf
/// points (leaves x (K + 1)) in one Eigen matrix product per block of sets, with bonuses minus
/// penalties as one more column; then max(0, .), and a veto gives 0. Units with a leaf missing
/// under the `reweight` policy, and every unit of a tree with a geometric node, are scored by
/// walking the tree instead (those scores are not linear in the weights). Scores are compared at
/// a resolution of 2^-32 of the root's points before ranking (ranks: competition, 1 is best), so
/// that last-bit differences between the product's code paths or between machines (FMA) never
/// split a tie.
///
/// Results per unit: the nominal rank (nominal weights, same arithmetic), median rank and the
/// 5 % and 95 % rank quantiles (nearest-rank: the ceil(q K)-th smallest of the K ranks), P(rank 1),
/// P(rank <= top_k), and (opt-in: `histograms`, or a visitor) the sparse histogram of the ranks
/// reached (rank, count), ascending; never an N x N table. Memory: the ranks are never all held;
/// the weight sets are ranked a round at a time (as many sets as 128 MB of ranks hold, 256 to 1024;
/// plus 8 x 64 x N bytes of keys per thread) and each round is added to every unit's sparse counts
/// of the ranks it reached (delta-coded, about a byte per distinct (unit, rank reached)), from which
/// the quantiles are read. Results do not depend on `threads`.
#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "zoneperf/assess.hpp"
#include "zoneperf/progress.hpp"
#include "zoneperf/tree.hpp"
#include "zoneperf/weights/errc.hpp"

namespace zoneperf {

enum class perturbation { uniform, dirichlet };

struct uncertainty_options {
  std::size_t samples = 1000;  ///< K, the number of perturbed weight sets (1 to max_samples)
  std::uint64_t seed = 1;
  perturbation method = perturbation::uniform;
  double percent = 20;         ///< uniform: shares move by up to +-percent % (0 <= percent < 100)
  double concentration = 100;  ///< dirichlet: alpha = concentration x nominal shares (>= min_concentration)
  int depth = 0;               ///< 0: perturb every level; d >= 1: only nodes at depth d (groups: 1)
  int top_k = 3;               ///< for P(rank <= top_k)
  int threads = 1;             ///< worker threads (results do not depend on it)
  bool histograms = false;     ///< also return every unit's histogram (uncertainty_result::histogram)
  /// Reports stage "sampling" (weight sets scored and ranked, samples + 1 in all) from the calling
  /// thread (zoneperf/progress.hpp); empty: none. Results do not depend on it.
  progress_callback progress;

  static constexpr std::size_t max_samples = 1000000;  ///< 10^6 (the node points alone: 8 x nodes x K bytes)
  static constexpr double min_concentration = 1e-12;
};

/// Throws error 812 listing every option out of range (uncertainty_analysis and sample_node_points
/// call it first; callers that read large inputs can call it before reading them).
void check_uncertainty_options(const uncertainty_options& options);

/// What re-weighting needs from one assessment: per unit, every leaf's fraction f (points earned /
/// leaf maximum; NaN for a leaf missing under `reweight`), bonuses - penalties, and the veto flag.
struct scoring_inputs {
  std::vector<std::string> units;
  std::vector<int> leaves;    ///< tree index of each fractions column (leaves in file order)
  Eigen::MatrixXd fractions;  ///< units x leaves
  Eigen::VectorXd offsets;    ///< bonuses - penalties per unit
  std::vector<std::uint8_t> vetoed;
};

/// Assesses the units once (all node scores kept) and extracts their fractions and offsets.
/// Unit names come from options.unit_ids ("#1", "#2", ... when null).
scoring_inputs scoring_inputs_of(const indicator_tree& tree, matrix_view values, const target_table* targets,
                                 const assess_options& options = {});

/// Every node's points under each weight set: tree.size() x (samples + 1), column 0 the nominal set
/// (bonus, penalty and veto items have 0). Throws error 812 for options out of range.
Eigen::MatrixXd sample_node_points(const indicator_tree& tree, const uncertainty_options& options);

struct uncertainty_result {
  std::vector<std::string> units;
  std::size_t samples = 0;
  int top_k = 0;
  Eigen::VectorXd nominal_total;  ///< the total under the nominal weights
  std::vector<std::int32_t> nominal_rank;
  std::vector<std::int32_t> median_rank;
  std::vector<std::int32_t> rank_p05, rank_p95;
  Eigen::VectorXd p_first;  ///< share of samples in which the unit ranked 1
  Eigen::VectorXd p_top_k;  ///< share of samples with rank <= top_k
  /// Sparse histograms, compressed: unit u's entries are [offsets[u], offsets[u + 1]). Empty
  /// unless options.histograms.
  std::vector<std::int64_t> histogram_offsets;
  std::vector<std::int32_t> histogram_rank;
  std::vector<std::int32_t> histogram_count;

  std::ptrdiff_t size() const { return static_cast<std::ptrdiff_t>(units.size()); }
  /// (rank, count) pairs of one unit, ascending by rank; the counts add up to `samples` (empty
  /// when the histograms were not asked for).
  std::vector<std::pair<std::int32_t, std::int32_t>> histogram(std::ptrdiff_t unit) const;
};

/// Scores every unit under the nominal weights and `options.samples` perturbed sets and summarises
/// each unit's ranks. Throws error 812 for options out of range, 314 when the inputs do not fit the tree.
uncertainty_result uncertainty_analysis(const indicator_tree& tree, const scoring_inputs& inputs,
                                        const uncertainty_options& options = {});

/// One entry of a unit's sparse rank histogram.
struct rank_count {
  std::int32_t rank;
  std::int32_t count;
};
/// Receives one unit's histogram: `summary` has every unit's summaries (no histogram arrays),
/// `entries` the unit's (rank, count) pairs ascending by rank, valid during the call only.
using histogram_visitor = std::function<void(const uncertainty_result& summary, std::ptrdiff_t unit,
                                             const rank_count* entries, std::size_t size)>;
/// The same analysis, streaming the histograms: once every summary is known, calls each_unit for
/// units 0, 1, ... in order and frees each unit's counts after its call, so that the histograms
/// are never held twice. The result has the summaries only (options.histograms is ignored).
uncertainty_result uncertainty_analysis(const indicator_tree& tree, const scoring_inputs& inputs,
                                        const uncertainty_options& options,
                                        const histogram_visitor& each_unit);

namespace detail {
/// `automatic`: an AVX2 + FMA build of the product on x86-64 processors that have both (GCC and
/// Clang builds), else the baseline build. Both are Eigen's GEMM; they may differ in the last bit.
enum class product_kernel { automatic, baseline };
/// scores = fractions x leaf_points: the scoring product of one block of weight sets (exposed for
/// the benchmark and tests; uncertainty_analysis calls it for blocks of 512 units x 64 sets).
void scoring_product(const Eigen::Ref<const Eigen::MatrixXd>& fractions,
                     const Eigen::Ref<const Eigen::MatrixXd>& leaf_points, Eigen::MatrixXd& scores,
                     product_kernel kernel = product_kernel::automatic);
}  // namespace detail

}  // namespace zoneperf
