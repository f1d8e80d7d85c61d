// Scoring inputs for the uncertainty analysis: one assessment, every leaf's fraction kept.
#include <fmt/format.h>

#include <cmath>

#include "zoneperf/weights/uncertainty.hpp"

namespace zoneperf {

scoring_inputs scoring_inputs_of(const indicator_tree& tree, matrix_view values, const target_table* targets,
                                 const assess_options& options) {
  assess_options o = options;
  o.keep = node_scores::all;
  o.ranks = ranking::off;
  const assessment a = assess(tree, values, targets, o);
  scoring_inputs in;
  const Eigen::Index n = a.units();
  if (options.unit_ids) {
    in.units = *options.unit_ids;
  } else {
    for (Eigen::Index u = 0; u < n; ++u) in.units.push_back(fmt::format("#{}", u + 1));
  }
  std::vector<int> bonuses, penalties;
  for (int c : tree.columns()) {
    switch (tree.node(static_cast<std::size_t>(c)).kind) {
      case node_kind::leaf:
        in.leaves.push_back(c);
        break;
      case node_kind::bonus:
        bonuses.push_back(c);
        break;
      case node_kind::penalty:
        penalties.push_back(c);
        break;
      default:
        break;
    }
  }
  in.fractions.resize(n, static_cast<Eigen::Index>(in.leaves.size()));
  in.offsets.setZero(n);
  in.vetoed.resize(static_cast<std::size_t>(n));
  for (Eigen::Index u = 0; u < n; ++u) {
    for (std::size_t l = 0; l < in.leaves.size(); ++l) {
      const auto node = static_cast<std::size_t>(in.leaves[l]);
      const double max = a.max(u, node);
      const double score = a.score(u, node);
      // A leaf missing under `reweight` has no score (NaN) and a maximum of 0.
      in.fractions(u, static_cast<Eigen::Index>(l)) =
          (std::isnan(score) || !(max > 0)) ? std::numeric_limits<double>::quiet_NaN() : score / max;
    }
    double offset = 0;
    for (int b : bonuses) {
      const double s = a.score(u, static_cast<std::size_t>(b));
      if (!std::isnan(s)) offset += s;
    }
    // A penalty is a deduction whichever sign the engine stores it with.
    for (int p : penalties) {
      const double s = a.score(u, static_cast<std::size_t>(p));
      if (!std::isnan(s)) offset -= std::abs(s);
    }
    in.offsets[u] = offset;
    in.vetoed[static_cast<std::size_t>(u)] = a.vetoed(u) ? 1 : 0;
  }
  return in;
}

}  // namespace zoneperf
