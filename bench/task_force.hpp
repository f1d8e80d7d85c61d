#pragma once
// What the engine benchmarks share: the values they score and the fast-path options.
#include <random>

#include "zoneperf/assess.hpp"

namespace zoneperf::bench {

/// Uniform [0, 100) in every column, veto items 0 (the distribution bench/python_bench.py uses
/// with seed 1): n units of `tree`, column-major.
inline Eigen::MatrixXd random_values(const indicator_tree& tree, Eigen::Index n, unsigned seed = 1) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> d(0, 100);
  Eigen::MatrixXd v(n, static_cast<Eigen::Index>(tree.columns().size()));
  for (Eigen::Index j = 0; j < v.cols(); ++j) {
    const node& nd = tree.node(static_cast<std::size_t>(tree.columns()[static_cast<std::size_t>(j)]));
    for (Eigen::Index i = 0; i < n; ++i) v(i, j) = nd.kind == node_kind::veto ? 0.0 : d(rng);
  }
  return v;
}

/// Group scores, total, grade and veto only: no ranks, no leaf scores.
inline assess_options fast_path(int threads = 1) {
  assess_options o;
  o.keep = node_scores::groups;
  o.ranks = ranking::off;
  o.threads = threads;
  return o;
}

}  // namespace zoneperf::bench
