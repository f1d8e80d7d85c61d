// Monte-Carlo uncertainty of ranks: weight sets, the scoring product, ranks and their summaries.
#include "zoneperf/weights/uncertainty.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <thread>

#include "../detail/progress_meter.hpp"
#include "random.hpp"
#include "scoring_product.hpp"

namespace zoneperf {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

bool scored(node_kind k) { return k == node_kind::group || k == node_kind::leaf; }

}  // namespace

void check_uncertainty_options(const uncertainty_options& o) {
  std::vector<problem> p;
  if (o.samples < 1 || o.samples > uncertainty_options::max_samples) {
    p.push_back({errc::bad_uncertainty_option, "samples",
                 fmt::format("samples {} must be 1 to {}", o.samples, uncertainty_options::max_samples)});
  }
  if (!(o.percent >= 0 && o.percent < 100)) {
    p.push_back(
        {errc::bad_uncertainty_option, "percent", fmt::format("percent {} must be in [0, 100)", o.percent)});
  }
  if (!(o.concentration >= uncertainty_options::min_concentration) || !std::isfinite(o.concentration)) {
    p.push_back({errc::bad_uncertainty_option, "concentration",
                 fmt::format("concentration {} must be finite and at least {}", o.concentration,
                             uncertainty_options::min_concentration)});
  }
  if (o.depth < 0)
    p.push_back({errc::bad_uncertainty_option, "depth", fmt::format("depth {} must be >= 0", o.depth)});
  if (o.top_k < 1)
    p.push_back({errc::bad_uncertainty_option, "top_k", fmt::format("top_k {} must be >= 1", o.top_k)});
  if (o.threads < 1) {
    p.push_back({errc::bad_uncertainty_option, "threads", fmt::format("threads {} must be >= 1", o.threads)});
  }
  if (!p.empty()) throw error(std::move(p));
}

namespace {

// A parent and the shares of its scored children.
struct family {
  int parent = 0;
  std::vector<int> kids;
  std::vector<double> share;  // nominal: points / sum of the siblings' points
  bool perturbed = false;
};

std::vector<family> families_of(const indicator_tree& tree, const uncertainty_options& o) {
  std::vector<family> out;
  for (std::size_t i = 0; i < tree.size(); ++i) {
    const auto& n = tree.node(i);
    if (n.kind != node_kind::root && n.kind != node_kind::group) continue;
    family f;
    f.parent = static_cast<int>(i);
    double sum = 0;
    for (int c : n.children) {
      const auto& k = tree.node(static_cast<std::size_t>(c));
      if (!scored(k.kind)) continue;
      f.kids.push_back(c);
      sum += k.points;
    }
    if (f.kids.empty()) continue;
    for (int c : f.kids) f.share.push_back(tree.node(static_cast<std::size_t>(c)).points / sum);
    f.perturbed = f.kids.size() > 1 && (o.depth == 0 || n.depth + 1 == o.depth);
    out.push_back(std::move(f));
  }
  return out;
}

// share x (1 + a v) divided by the siblings' sum; v = 0 gives the nominal set. Written as separate
// statements so that no compiler contracts them into fused multiply-adds.
void uniform_shares(const std::vector<double>& share, double a, const double* v, double* out) {
  double sum = 0;
  for (std::size_t c = 0; c < share.size(); ++c) {
    const double move = a * v[c];
    const double factor = 1.0 + move;
    out[c] = share[c] * factor;
    sum += out[c];
  }
  for (std::size_t c = 0; c < share.size(); ++c) out[c] = out[c] / sum;
}

}  // namespace

Eigen::MatrixXd sample_node_points(const indicator_tree& tree, const uncertainty_options& options) {
  check_uncertainty_options(options);
  const auto families = families_of(tree, options);
  const auto sets = static_cast<Eigen::Index>(options.samples) + 1;
  Eigen::MatrixXd np = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(tree.size()), sets);
  std::mt19937_64 engine(options.seed);
  const double a = options.percent / 100.0;
  std::vector<double> v, shares, logs;
  for (Eigen::Index k = 0; k < sets; ++k) {
    np(0, k) = tree.points();
    for (const auto& f : families) {
      const std::size_t n = f.kids.size();
      v.assign(n, 0.0);
      shares.assign(n, 0.0);
      if (k == 0 || !f.perturbed) {
        uniform_shares(f.share, a, v.data(), shares.data());
      } else if (options.method == perturbation::uniform) {
        for (std::size_t c = 0; c < n; ++c) v[c] = 2.0 * detail::uniform01(engine) - 1.0;
        uniform_shares(f.share, a, v.data(), shares.data());
      } else {
        logs.assign(n, 0.0);
        for (;;) {
          double sum = 0, top = -std::numeric_limits<double>::infinity();
          for (std::size_t c = 0; c < n; ++c) {
            const auto draw = detail::gamma_variate_and_log(engine, options.concentration * f.share[c]);
            shares[c] = draw.value;
            logs[c] = draw.log_value;
            sum += shares[c];
            top = std::max(top, logs[c]);
          }
          if (sum > 0 && std::isfinite(sum)) {
            for (std::size_t c = 0; c < n; ++c) shares[c] = shares[c] / sum;
            break;
          }
          if (top > -std::numeric_limits<double>::infinity() && std::isfinite(top)) {
            // Every gamma underflowed to 0 (tiny shapes): normalise the same draws in log space.
            sum = 0;
            for (std::size_t c = 0; c < n; ++c) {
              shares[c] = std::exp(logs[c] - top);
              sum += shares[c];
            }
            for (std::size_t c = 0; c < n; ++c) shares[c] = shares[c] / sum;
            break;
          }
          // Only when every uniform behind the draws was exactly 0 (probability 2^-53 each): again.
        }
      }
      const double parent = np(f.parent, k);
      for (std::size_t c = 0; c < n; ++c) np(f.kids[c], k) = parent * shares[c];
    }
  }
  return np;
}

std::vector<std::pair<std::int32_t, std::int32_t>> uncertainty_result::histogram(std::ptrdiff_t unit) const {
  std::vector<std::pair<std::int32_t, std::int32_t>> out;
  const auto u = static_cast<std::size_t>(unit);
  if (u + 1 >= histogram_offsets.size()) return out;  // histograms not asked for
  for (auto e = histogram_offsets[u]; e < histogram_offsets[u + 1]; ++e) {
    out.emplace_back(histogram_rank[static_cast<std::size_t>(e)],
                     histogram_count[static_cast<std::size_t>(e)]);
  }
  return out;
}

namespace {

// Walks the tree for one unit under one weight set: the slow path for units with a leaf missing
// under `reweight` and for trees with a geometric node (their scores are not linear in the weights).
struct tree_walker {
  const indicator_tree& tree;
  std::vector<int> column_of;  // tree index -> fractions column, or -1

  double score(int i, const double* np, const double* f) const {
    const auto& n = tree.node(static_cast<std::size_t>(i));
    if (n.kind == node_kind::leaf) {
      const double x = f[column_of[static_cast<std::size_t>(i)]];
      return std::isnan(x) ? nan : x * np[i];
    }
    double sum_scores = 0, sum_points = 0, log_sum = 0;
    bool missing = false;
    for (int c : n.children) {
      const auto& k = tree.node(static_cast<std::size_t>(c));
      if (!scored(k.kind)) continue;
      const double s = score(c, np, f);
      if (std::isnan(s)) {
        missing = true;
        continue;
      }
      sum_scores += s;
      sum_points += np[c];
      if (n.aggregate == aggregation::geometric) {
        double rate = np[c] > 0 ? s / np[c] : 0.0;
        if (n.geometric_floor > 0 && rate < n.geometric_floor) rate = n.geometric_floor;
        log_sum += np[c] * std::log(rate);
      }
    }
    if (sum_points == 0) return missing ? 0.0 : sum_scores;  // every child missing: the parent scores 0
    if (n.aggregate == aggregation::geometric) return np[i] * std::exp(log_sum / sum_points);
    if (!missing) return sum_scores;
    return sum_scores * (np[i] / sum_points);  // reweight: present siblings scaled to the parent's points
  }
};

}  // namespace

namespace {

uncertainty_result analyse(const indicator_tree& tree, const scoring_inputs& in,
                           const uncertainty_options& options, const histogram_visitor* each_unit) {
  check_uncertainty_options(options);
  const Eigen::Index units = in.fractions.rows();
  const Eigen::Index leaves = in.fractions.cols();
  std::vector<int> tree_leaves;
  for (int c : tree.columns()) {
    if (tree.node(static_cast<std::size_t>(c)).kind == node_kind::leaf) tree_leaves.push_back(c);
  }
  if (in.leaves != tree_leaves || static_cast<Eigen::Index>(in.units.size()) != units ||
      in.offsets.size() != units || static_cast<Eigen::Index>(in.vetoed.size()) != units) {
    throw error(errc::shape_mismatch, tree.id(),
                fmt::format("the scoring inputs ({} units x {} leaves) do not fit the tree '{}' ({} leaves)",
                            units, leaves, tree.id(), tree_leaves.size()));
  }

  detail::progress_meter meter(options.progress, "sampling", options.samples + 1);
  const Eigen::MatrixXd np = sample_node_points(tree, options);
  const auto K = static_cast<Eigen::Index>(options.samples);

  bool geometric = false;
  for (std::size_t i = 0; i < tree.size(); ++i) {
    if (tree.node(i).aggregate == aggregation::geometric && tree.node(i).kind == node_kind::group)
      geometric = true;
  }
  tree_walker walker{tree, std::vector<int>(tree.size(), -1)};
  for (std::size_t l = 0; l < tree_leaves.size(); ++l)
    walker.column_of[static_cast<std::size_t>(tree_leaves[l])] = static_cast<int>(l);

  // The product's operands: fractions plus an offsets column, and leaf points plus a row of ones.
  std::vector<Eigen::Index> slow;
  Eigen::MatrixXd f_ext(units, leaves + 1);
  for (Eigen::Index u = 0; u < units; ++u) {
    const bool missing = in.fractions.row(u).hasNaN();
    if (geometric || missing) {
      slow.push_back(u);
      f_ext.row(u).setZero();
    } else {
      f_ext.row(u).head(leaves) = in.fractions.row(u);
      f_ext(u, leaves) = in.offsets[u];
    }
  }
  Eigen::MatrixXd e_ext(leaves + 1, K + 1);
  for (Eigen::Index l = 0; l < leaves; ++l) e_ext.row(l) = np.row(tree_leaves[static_cast<std::size_t>(l)]);
  e_ext.row(leaves).setOnes();
  std::vector<Eigen::Index> slow_rows = slow;
  Eigen::MatrixXd f_rows(static_cast<Eigen::Index>(slow.size()), leaves);
  for (std::size_t s = 0; s < slow.size(); ++s)
    f_rows.row(static_cast<Eigen::Index>(s)) = in.fractions.row(slow[s]);

  detail::rank_job job;
  job.units = units;
  job.sets = K + 1;
  job.fractions = &f_ext;
  job.leaf_points = &e_ext;
  job.key_scale = 0x1.0p32 / tree.points();
  job.vetoed = in.vetoed.data();
  job.threads = options.threads;
  job.slow_units = &slow;
  job.slow_score = [&](std::size_t s, Eigen::Index set) {
    const Eigen::VectorXd col = np.col(set);
    const Eigen::VectorXd fr = f_rows.row(static_cast<Eigen::Index>(s)).transpose();
    return walker.score(0, col.data(), fr.data()) + in.offsets[slow[s]];
  };
  job.progress = meter.active() ? &meter : nullptr;
  detail::rank_output ranks = detail::rank_all_sets(job);
  meter.finish();

  uncertainty_result r;
  r.units = in.units;
  r.samples = options.samples;
  r.top_k = options.top_k;
  r.nominal_total = std::move(ranks.nominal_total);
  r.nominal_rank = std::move(ranks.nominal_rank);
  const auto N = static_cast<std::size_t>(units);
  r.median_rank.resize(N);
  r.rank_p05.resize(N);
  r.rank_p95.resize(N);
  r.p_first.resize(units);
  r.p_top_k.resize(units);
  const int T = static_cast<int>(std::max<std::size_t>(
      1, std::min<std::size_t>(static_cast<std::size_t>(options.threads), N / 4096 + 1)));
  std::vector<std::thread> pool;
  for (int t = 1; t < T; ++t) {
    pool.emplace_back([&, t] {
      detail::summarise_counts(ranks.counts, N * static_cast<std::size_t>(t) / static_cast<std::size_t>(T),
                               N * static_cast<std::size_t>(t + 1) / static_cast<std::size_t>(T), K,
                               options.top_k, r);
    });
  }
  detail::summarise_counts(ranks.counts, 0, N / static_cast<std::size_t>(T), K, options.top_k, r);
  for (auto& th : pool) th.join();

  if (each_unit) {
    std::vector<rank_count> h;
    for (std::size_t u = 0; u < N; ++u) {
      auto& c = ranks.counts[u];
      h.clear();
      detail::counts_reader reader(c);
      for (rank_count e{}; reader.next(e);) h.push_back(e);
      detail::packed_counts().swap(c);
      (*each_unit)(r, static_cast<std::ptrdiff_t>(u), h.data(), h.size());
    }
  } else if (options.histograms) {
    std::size_t total = 0;
    for (const auto& c : ranks.counts) {
      detail::counts_reader reader(c);
      for (rank_count e{}; reader.next(e);) ++total;
    }
    r.histogram_offsets.reserve(N + 1);
    r.histogram_offsets.push_back(0);
    r.histogram_rank.reserve(total);
    r.histogram_count.reserve(total);
    for (auto& c : ranks.counts) {
      detail::counts_reader reader(c);
      for (rank_count e{}; reader.next(e);) {
        r.histogram_rank.push_back(e.rank);
        r.histogram_count.push_back(e.count);
      }
      r.histogram_offsets.push_back(static_cast<std::int64_t>(r.histogram_rank.size()));
      detail::packed_counts().swap(c);
    }
  }
  return r;
}

}  // namespace

uncertainty_result uncertainty_analysis(const indicator_tree& tree, const scoring_inputs& inputs,
                                        const uncertainty_options& options) {
  return analyse(tree, inputs, options, nullptr);
}

uncertainty_result uncertainty_analysis(const indicator_tree& tree, const scoring_inputs& inputs,
                                        const uncertainty_options& options,
                                        const histogram_visitor& each_unit) {
  return analyse(tree, inputs, options, each_unit ? &each_unit : nullptr);
}

}  // namespace zoneperf
