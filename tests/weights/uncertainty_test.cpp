// Uncertainty of ranks: nominal scores equal the engine's, seeds reproduce, 0 % gives the nominal
// ranks with probability 1, histograms are sparse and add up.
#include "zoneperf/weights/uncertainty.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <random>

#include "../support/test_support.hpp"
#include "zoneperf/io/tables.hpp"
#include "zoneperf/presets.hpp"

using namespace zoneperf;

namespace {
using zoneperf::test_support::message_of;
const double NaN = std::numeric_limits<double>::quiet_NaN();

struct sample {
  indicator_tree tree = load_preset("task-force");
  values_table values = read_values(tree, sample_file("task-force/values.csv"), "values.csv");
  targets_table targets =
      read_targets(tree, values.units, sample_file("task-force/targets.csv"), "targets.csv");
  scoring_inputs inputs() const {
    assess_options o;
    o.unit_ids = &values.units;
    const target_table t = targets.view();
    return scoring_inputs_of(tree, values.values, &t, o);
  }
  assessment assessed() const {
    const target_table t = targets.view();
    return assess(tree, values.values, &t);
  }
};

// A tree with a reweighted leaf and a geometric group: scored by walking the tree.
const char* special = R"({"id":"s","points":10,"children":[
  {"id":"g","points":6,"children":[
    {"id":"a","points":4,"rule":{"kind":"completion"},"target":10,"missing":"reweight"},
    {"id":"b","points":2,"rule":{"kind":"completion"},"target":10}]},
  {"id":"h","points":4,"aggregate":"geometric","floor":0.05,"children":[
    {"id":"c","points":1,"rule":{"kind":"completion"},"target":10},
    {"id":"d","points":3,"rule":{"kind":"goalposts","lo":0,"hi":10}}]},
  {"id":"plus","kind":"bonus","per_unit":1,"max":2},
  {"id":"minus","kind":"penalty","per_unit":1,"max":2},
  {"id":"stop","kind":"veto"}]})";
}  // namespace

TEST(uncertainty_test, nominal_totals_and_ranks_are_the_engines) {
  const sample s;
  const auto a = s.assessed();
  uncertainty_options o;
  o.samples = 50;
  const auto r = uncertainty_analysis(s.tree, s.inputs(), o);
  ASSERT_EQ(r.size(), 4);
  EXPECT_EQ(r.units, s.values.units);
  for (std::ptrdiff_t u = 0; u < r.size(); ++u) {
    EXPECT_NEAR(r.nominal_total[u], a.total(u), 1e-9) << r.units[static_cast<std::size_t>(u)];
    EXPECT_EQ(r.nominal_rank[static_cast<std::size_t>(u)], a.rank(u));
  }
}

TEST(uncertainty_test, reweighted_missing_leaves_geometric_groups_bonus_penalty_and_veto_match_the_engine) {
  const auto tree = indicator_tree::from_json(special);
  Eigen::MatrixXd v(5, 7);      // a, b, c, d, plus, minus, stop
  v << 5, 10, 10, 5, 1, 0, 0,   //
      NaN, 4, 2, 9, 0, 1, 0,    //
      NaN, 4, 2, 9, 0, 1, 0,    // identical to the unit above: always tied
      8, 0, 0, 0, 0, 0, 0,      // c = 0 takes the floor 0.05
      10, 10, 10, 10, 2, 0, 1;  // vetoed
  const auto a = assess(tree, v);
  const auto in = scoring_inputs_of(tree, v, nullptr);
  EXPECT_TRUE(std::isnan(in.fractions(1, 0)));
  EXPECT_EQ(in.offsets[0], 1);
  EXPECT_EQ(in.offsets[1], -1);
  uncertainty_options o;
  o.samples = 200;
  o.percent = 40;
  o.histograms = true;
  const auto r = uncertainty_analysis(tree, in, o);
  for (std::ptrdiff_t u = 0; u < 5; ++u) {
    EXPECT_NEAR(r.nominal_total[u], a.total(u), 1e-9) << u;
    EXPECT_EQ(r.nominal_rank[static_cast<std::size_t>(u)], a.rank(u)) << u;
  }
  EXPECT_EQ(r.histogram(1), r.histogram(2));  // exact ties stay tied in every sample
  EXPECT_EQ(r.histogram(4),
            (std::vector<std::pair<std::int32_t, std::int32_t>>{{5, 200}}));  // veto: always last
}

TEST(uncertainty_test, zero_percent_gives_the_nominal_ranks_with_probability_one) {
  const sample s;
  uncertainty_options o;
  o.samples = 100;
  o.percent = 0;
  o.top_k = 1;
  o.histograms = true;
  const auto r = uncertainty_analysis(s.tree, s.inputs(), o);
  for (std::ptrdiff_t u = 0; u < r.size(); ++u) {
    const auto nominal = r.nominal_rank[static_cast<std::size_t>(u)];
    EXPECT_EQ(r.histogram(u), (std::vector<std::pair<std::int32_t, std::int32_t>>{{nominal, 100}}));
    EXPECT_EQ(r.median_rank[static_cast<std::size_t>(u)], nominal);
    EXPECT_EQ(r.rank_p05[static_cast<std::size_t>(u)], nominal);
    EXPECT_EQ(r.rank_p95[static_cast<std::size_t>(u)], nominal);
    EXPECT_EQ(r.p_first[u], nominal == 1 ? 1.0 : 0.0);
    EXPECT_EQ(r.p_top_k[u], nominal == 1 ? 1.0 : 0.0);
  }
  const auto np = sample_node_points(s.tree, o);
  for (Eigen::Index k = 1; k < np.cols(); ++k) EXPECT_EQ(np.col(k), np.col(0));
}

TEST(uncertainty_test, same_seed_same_result_and_thread_count_does_not_matter) {
  const sample s;
  const auto in = s.inputs();
  uncertainty_options o;
  o.samples = 300;
  o.seed = 42;
  o.histograms = true;
  const auto a = uncertainty_analysis(s.tree, in, o);
  o.threads = 2;
  const auto b = uncertainty_analysis(s.tree, in, o);
  EXPECT_EQ(a.histogram_rank, b.histogram_rank);
  EXPECT_EQ(a.histogram_count, b.histogram_count);
  EXPECT_EQ(a.histogram_offsets, b.histogram_offsets);
  EXPECT_EQ(a.median_rank, b.median_rank);
  EXPECT_EQ(a.p_first, b.p_first);
  o.seed = 43;
  EXPECT_NE(sample_node_points(s.tree, o), sample_node_points(s.tree, [&] {
              auto p = o;
              p.seed = 42;
              return p;
            }()));
  o.method = perturbation::dirichlet;
  EXPECT_EQ(sample_node_points(s.tree, o), sample_node_points(s.tree, o));
}

TEST(uncertainty_test, first_weights_of_seed_1_are_pinned) {
  // The generator is specified (mt19937_64, top 53 bits, share x (1 + p v) renormalised), so these
  // numbers are the same on every platform. Tree: root 10 -> a 6, b 4 (one family).
  const auto tree = indicator_tree::from_json(R"({"id":"t","points":10,"children":[
    {"id":"a","points":6,"rule":{"kind":"goalposts","lo":0,"hi":1}},
    {"id":"b","points":4,"rule":{"kind":"goalposts","lo":0,"hi":1}}]})");
  uncertainty_options o;
  o.samples = 1;
  o.seed = 1;
  o.percent = 50;
  const auto np = sample_node_points(tree, o);
  std::mt19937_64 g(1);
  const double v1 = 2.0 * (static_cast<double>(g() >> 11) * 0x1.0p-53) - 1.0;
  const double v2 = 2.0 * (static_cast<double>(g() >> 11) * 0x1.0p-53) - 1.0;
  const double a = 0.6 * (1.0 + 0.5 * v1), b = 0.4 * (1.0 + 0.5 * v2);
  EXPECT_EQ(np(1, 1), 10 * (a / (a + b)));
  EXPECT_EQ(np(2, 1), 10 * (b / (a + b)));
  // std::mt19937_64's 10000th output from the default seed is fixed by the standard.
  std::mt19937_64 d;
  d.discard(9999);
  EXPECT_EQ(d(), 9981545732273789042ull);
}

TEST(uncertainty_test, weight_sets_keep_the_maximum_and_stay_within_the_perturbation) {
  const sample s;
  uncertainty_options o;
  o.samples = 500;
  o.percent = 20;
  const auto np = sample_node_points(s.tree, o);
  const auto root = s.tree.node(0);
  double lo = 10, hi = 0;
  for (Eigen::Index k = 0; k < np.cols(); ++k) {
    double groups = 0;
    for (int g : s.tree.groups()) groups += np(g, k);
    EXPECT_NEAR(groups, 100, 1e-12);
    for (int g : s.tree.groups()) {
      const double ratio = (np(g, k) / groups) / (s.tree.node(static_cast<std::size_t>(g)).points / 100);
      lo = std::min(lo, ratio);
      hi = std::max(hi, ratio);
    }
  }
  (void)root;
  EXPECT_GE(lo, 0.8 / 1.2);  // share x (1 +- 0.2), renormalised
  EXPECT_LE(hi, 1.2 / 0.8);
  EXPECT_LT(lo, 0.95);  // and it does move
  // Only depth 2 (the leaves): the groups keep their points.
  o.depth = 2;
  const auto leaves_only = sample_node_points(s.tree, o);
  for (int g : s.tree.groups()) {
    EXPECT_EQ(leaves_only.row(g).minCoeff(), s.tree.node(static_cast<std::size_t>(g)).points);
  }
}

TEST(uncertainty_test, dirichlet_shares_centre_on_the_nominal_weights) {
  const sample s;
  uncertainty_options o;
  o.samples = 4000;
  o.method = perturbation::dirichlet;
  o.concentration = 50;
  const auto np = sample_node_points(s.tree, o);
  for (int g : s.tree.groups()) {
    const double mean = np.row(g).tail(4000).mean();
    EXPECT_NEAR(mean, s.tree.node(static_cast<std::size_t>(g)).points, 0.5)
        << s.tree.node(static_cast<std::size_t>(g)).id;
  }
  o.concentration = 0.5;  // shapes below 1 use the boosted gamma
  const auto wide = sample_node_points(s.tree, o);
  EXPECT_NEAR(wide.row(s.tree.groups()[0]).tail(4000).mean(), 25, 2);
}

TEST(uncertainty_test, summaries_follow_the_histogram) {
  const sample s;
  uncertainty_options o;
  o.samples = 1000;
  o.percent = 60;
  o.top_k = 2;
  o.histograms = true;
  const auto r = uncertainty_analysis(s.tree, s.inputs(), o);
  double p_first_sum = 0;
  for (std::ptrdiff_t u = 0; u < r.size(); ++u) {
    const auto h = r.histogram(u);
    std::int32_t total = 0, first = 0, top = 0;
    for (std::size_t e = 0; e < h.size(); ++e) {
      if (e > 0) EXPECT_LT(h[e - 1].first, h[e].first);
      total += h[e].second;
      if (h[e].first == 1) first = h[e].second;
      if (h[e].first <= 2) top += h[e].second;
    }
    EXPECT_EQ(total, 1000);
    EXPECT_EQ(r.p_first[u], first / 1000.0);
    EXPECT_EQ(r.p_top_k[u], top / 1000.0);
    const auto i = static_cast<std::size_t>(u);
    EXPECT_LE(r.rank_p05[i], r.median_rank[i]);
    EXPECT_LE(r.median_rank[i], r.rank_p95[i]);
    p_first_sum += r.p_first[u];
  }
  EXPECT_GE(p_first_sum, 1.0);  // someone is first in every sample (ties may share it)
}

TEST(uncertainty_test, options_out_of_range_and_mismatched_inputs_are_errors) {
  const sample s;
  uncertainty_options o;
  o.percent = 100;
  o.samples = 0;
  EXPECT_EQ(message_of([&] { sample_node_points(s.tree, o); }),
            "[zoneperf.weights.812] samples: samples 0 must be 1 to 1000000\n"
            "[zoneperf.weights.812] percent: percent 100 must be in [0, 100)");
  scoring_inputs bad = s.inputs();
  bad.fractions.conservativeResize(4, 16);
  bad.leaves.pop_back();
  EXPECT_EQ(message_of([&] { uncertainty_analysis(s.tree, bad); }),
            "[zoneperf.data.314] task-force: the scoring inputs (4 units x 16 leaves) do not fit the tree "
            "'task-force' (17 leaves)");
}

TEST(uncertainty_test, both_product_kernels_agree) {
  std::mt19937_64 g(5);
  Eigen::MatrixXd f(700, 18), e(18, 70);
  for (Eigen::Index i = 0; i < f.size(); ++i) f.data()[i] = static_cast<double>(g() >> 11) * 0x1.0p-53;
  for (Eigen::Index i = 0; i < e.size(); ++i) e.data()[i] = static_cast<double>(g() >> 11) * 0x1.0p-53;
  Eigen::MatrixXd a, b;
  detail::scoring_product(f.middleRows(100, 512), e.middleCols(3, 64), a, detail::product_kernel::automatic);
  detail::scoring_product(f.middleRows(100, 512), e.middleCols(3, 64), b, detail::product_kernel::baseline);
  const Eigen::MatrixXd exact = f.middleRows(100, 512) * e.middleCols(3, 64);
  EXPECT_LT((a - exact).cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_LT((b - exact).cwiseAbs().maxCoeff(), 1e-12);
}

namespace {

// Synthetic inputs for the task-force tree: n units with fractions in [0, 1.2), offsets, some
// vetoed units and some exact duplicates (ties in every sample).
scoring_inputs synthetic(const indicator_tree& tree, Eigen::Index n, unsigned seed) {
  std::mt19937_64 g(seed);
  auto u01 = [&] { return static_cast<double>(g() >> 11) * 0x1.0p-53; };
  scoring_inputs in;
  for (int c : tree.columns()) {
    if (tree.node(static_cast<std::size_t>(c)).kind == node_kind::leaf) in.leaves.push_back(c);
  }
  in.fractions.resize(n, static_cast<Eigen::Index>(in.leaves.size()));
  in.offsets.resize(n);
  in.vetoed.assign(static_cast<std::size_t>(n), 0);
  for (Eigen::Index u = 0; u < n; ++u) {
    in.units.push_back("u" + std::to_string(u));
    if (u % 10 == 9) {  // a copy of the unit before
      in.fractions.row(u) = in.fractions.row(u - 1);
      in.offsets[u] = in.offsets[u - 1];
      continue;
    }
    for (Eigen::Index l = 0; l < in.fractions.cols(); ++l) in.fractions(u, l) = 1.2 * u01();
    in.offsets[u] = static_cast<double>(g() % 9) - 3.0;
    if (u % 37 == 5) in.vetoed[static_cast<std::size_t>(u)] = 1;
  }
  return in;
}

// Every rank of every sample by brute force (O(N^2) counting per set), from the weight sets
// sample_node_points gives, and each unit's summaries by sorting its K ranks.
struct brute_force {
  std::vector<std::vector<std::int32_t>> ranks;  // [unit][sample]
  std::vector<std::int32_t> nominal;
  brute_force(const indicator_tree& tree, const scoring_inputs& in, const uncertainty_options& o) {
    const Eigen::MatrixXd np = sample_node_points(tree, o);
    const Eigen::Index N = in.fractions.rows();
    ranks.assign(static_cast<std::size_t>(N), {});
    std::vector<std::uint64_t> key(static_cast<std::size_t>(N));
    for (Eigen::Index k = 0; k < np.cols(); ++k) {
      for (Eigen::Index u = 0; u < N; ++u) {
        double total = in.offsets[u];
        for (Eigen::Index l = 0; l < in.fractions.cols(); ++l)
          total += in.fractions(u, l) * np(in.leaves[static_cast<std::size_t>(l)], k);
        if (!(total > 0) || in.vetoed[static_cast<std::size_t>(u)]) total = 0;
        key[static_cast<std::size_t>(u)] =
            static_cast<std::uint64_t>(std::floor(total / tree.points() * 0x1.0p32 + 0.5));
      }
      for (Eigen::Index u = 0; u < N; ++u) {
        std::int32_t rank = 1;
        for (Eigen::Index v = 0; v < N; ++v)
          rank += key[static_cast<std::size_t>(v)] > key[static_cast<std::size_t>(u)];
        if (k == 0) {
          nominal.push_back(rank);
        } else {
          ranks[static_cast<std::size_t>(u)].push_back(rank);
        }
      }
    }
  }
};

}  // namespace

TEST(uncertainty_test, summaries_and_histograms_equal_a_brute_force_over_all_ranks_for_any_thread_count) {
  const auto tree = load_preset("task-force");
  const auto in = synthetic(tree, 300, 11);
  for (const auto method : {perturbation::uniform, perturbation::dirichlet}) {
    uncertainty_options o;
    o.samples = 2777;  // three rounds of at most 1024 sets, not a multiple of the 64-set blocks
    o.seed = 5;
    o.method = method;
    o.percent = 30;
    o.concentration = 40;
    o.top_k = 4;
    o.histograms = true;
    const brute_force bf(tree, in, o);
    const std::size_t K = o.samples;
    for (const int threads : {1, 2, 3}) {
      o.threads = threads;
      const auto r = uncertainty_analysis(tree, in, o);
      ASSERT_EQ(r.size(), 300);
      for (std::size_t u = 0; u < 300; ++u) {
        auto x = bf.ranks[u];
        std::sort(x.begin(), x.end());
        // nearest rank: the ceil(q K)-th smallest
        const auto nth = [&](double q) {
          return x[static_cast<std::size_t>(std::ceil(q * static_cast<double>(K) - 1e-9)) - 1];
        };
        std::vector<std::pair<std::int32_t, std::int32_t>> h;
        std::size_t first = 0, top = 0;
        for (const auto v : x) {
          if (h.empty() || h.back().first != v) h.emplace_back(v, 0);
          ++h.back().second;
          first += v == 1;
          top += v <= 4;
        }
        const auto U = static_cast<std::ptrdiff_t>(u);
        ASSERT_EQ(r.nominal_rank[u], bf.nominal[u]) << u;
        ASSERT_EQ(r.median_rank[u], nth(0.5)) << u << " threads " << threads;
        ASSERT_EQ(r.rank_p05[u], nth(0.05)) << u;
        ASSERT_EQ(r.rank_p95[u], nth(0.95)) << u;
        ASSERT_EQ(r.p_first[U], static_cast<double>(first) / static_cast<double>(K)) << u;
        ASSERT_EQ(r.p_top_k[U], static_cast<double>(top) / static_cast<double>(K)) << u;
        ASSERT_EQ(r.histogram(U), h) << u;
      }
      // spread: the test means something only if ranks move
      EXPECT_GT(r.rank_p95[0] - r.rank_p05[0], 3);
    }
  }
}

TEST(uncertainty_test, histograms_are_opt_in_and_the_visitor_streams_the_same_ones_in_order) {
  const auto tree = load_preset("task-force");
  const auto in = synthetic(tree, 200, 3);
  uncertainty_options o;
  o.samples = 300;
  o.threads = 2;
  const auto plain = uncertainty_analysis(tree, in, o);
  EXPECT_TRUE(plain.histogram_offsets.empty());
  EXPECT_TRUE(plain.histogram(0).empty());
  o.histograms = true;
  const auto full = uncertainty_analysis(tree, in, o);
  EXPECT_EQ(plain.median_rank, full.median_rank);
  EXPECT_EQ(plain.rank_p95, full.rank_p95);
  EXPECT_EQ(plain.p_top_k, full.p_top_k);
  std::ptrdiff_t next = 0;
  const auto streamed = uncertainty_analysis(
      tree, in, o, [&](const uncertainty_result& s, std::ptrdiff_t u, const rank_count* e, std::size_t n) {
        EXPECT_EQ(u, next++);
        EXPECT_EQ(s.median_rank[static_cast<std::size_t>(u)], full.median_rank[static_cast<std::size_t>(u)]);
        std::vector<std::pair<std::int32_t, std::int32_t>> h;
        for (std::size_t i = 0; i < n; ++i) h.emplace_back(e[i].rank, e[i].count);
        EXPECT_EQ(h, full.histogram(u)) << u;
      });
  EXPECT_EQ(next, 200);
  EXPECT_TRUE(streamed.histogram_offsets.empty());
  EXPECT_EQ(streamed.p_first, full.p_first);
}

TEST(uncertainty_test, tiny_dirichlet_concentrations_give_valid_shares_and_too_small_ones_are_rejected) {
  const sample s;
  uncertainty_options o;
  o.samples = 200;
  o.method = perturbation::dirichlet;
  o.concentration = uncertainty_options::min_concentration;  // every gamma underflows: log space
  const auto np = sample_node_points(s.tree, o);
  ASSERT_TRUE(np.allFinite());
  for (Eigen::Index k = 0; k < np.cols(); ++k) {
    double groups = 0;
    for (int g : s.tree.groups()) {
      EXPECT_GE(np(g, k), 0);
      groups += np(g, k);
    }
    EXPECT_NEAR(groups, 100, 1e-9) << k;
  }
  // With so little concentration one sibling takes (almost) all: some group gets ~100 points.
  EXPECT_GT(np.row(s.tree.groups()[0]).tail(200).maxCoeff(), 99.0);
  const auto r = uncertainty_analysis(s.tree, s.inputs(), o);
  EXPECT_EQ(r.size(), 4);
  o.concentration = 1e-13;
  EXPECT_EQ(message_of([&] { sample_node_points(s.tree, o); }),
            "[zoneperf.weights.812] concentration: concentration 1e-13 must be finite and at least 1e-12");
  o.concentration = 1;
  o.samples = uncertainty_options::max_samples + 1;
  EXPECT_EQ(message_of([&] { check_uncertainty_options(o); }),
            "[zoneperf.weights.812] samples: samples 1000001 must be 1 to 1000000");
}
