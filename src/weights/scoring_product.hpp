#pragma once
// Internals of the uncertainty analysis: the blocked scoring product, ranking of every weight set
// and the per-unit summaries of the ranks.
#include <Eigen/Core>
#include <cstdint>
#include <functional>
#include <vector>

#include "zoneperf/weights/uncertainty.hpp"

namespace zoneperf::detail {

struct rank_job {
  Eigen::Index units = 0;
  Eigen::Index sets = 0;                         ///< nominal + K samples
  const Eigen::MatrixXd* fractions = nullptr;    ///< units x (leaves + 1), last column the offsets
  const Eigen::MatrixXd* leaf_points = nullptr;  ///< (leaves + 1) x sets, last row ones
  double key_scale = 1;                          ///< score -> integer key factor (2^32 / root points)
  const std::uint8_t* vetoed = nullptr;
  int threads = 1;
  const std::vector<Eigen::Index>* slow_units = nullptr;
  std::function<double(std::size_t, Eigen::Index)> slow_score;  ///< (index into slow_units, set) -> total
  Eigen::Index block = 64;                                      ///< weight sets per product
  Eigen::Index row_block = 512;                                 ///< units per product
};

struct rank_output {
  Eigen::VectorXd nominal_total;
  std::vector<std::int32_t> nominal_rank;
  std::vector<std::int32_t> sample_ranks;  ///< units x (sets - 1), unit-major
};

rank_output rank_all_sets(const rank_job& job);

/// Median, 5-95 % quantiles, P(1), P(top k) and sparse histograms from unit-major ranks.
void summarise_ranks(const std::int32_t* ranks, Eigen::Index units, Eigen::Index samples, int top_k,
                     int threads, uncertainty_result& r);

/// Competition ranks (1 = largest key) of n keys; `scratch` buffers are reused between calls.
struct key_ranker {
  std::vector<std::uint64_t> a, b;
  std::vector<std::uint32_t> counts;
  void rank(const std::uint64_t* keys, std::size_t n, std::int32_t* out);
};

}  // namespace zoneperf::detail
