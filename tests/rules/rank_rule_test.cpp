// The rank rule's competition ranks (step mode) against a plain comparison-sort reference: many
// ties, NaN (no rank), -0 and +0 (tied), infinities (the sort's: the engine rejects them),
// subnormals, both directions, sizes around the
// sort's bucket count and the engine's chunks, every layout and thread count, reused assessments.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "zoneperf/assess.hpp"
#include "zoneperf/detail/rules.hpp"

using namespace zoneperf;

namespace {
const double inf = std::numeric_limits<double>::infinity();
const double NaN = std::numeric_limits<double>::quiet_NaN();

// Competition ranks (1, 2, 2, 4) the simple way: a stable sort of the units with a value, best
// first, then each unit ranks one after the units strictly better than it. NaN: no rank.
std::vector<double> reference_ranks(const std::vector<double>& x, bool lower) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < x.size(); ++i)
    if (!std::isnan(x[i])) order.push_back(i);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return lower ? x[a] < x[b] : x[a] > x[b]; });
  std::vector<double> r(x.size(), NaN);
  for (std::size_t k = 0; k < order.size(); ++k)
    r[order[k]] = k > 0 && x[order[k]] == x[order[k - 1]] ? r[order[k - 1]] : static_cast<double>(k + 1);
  return r;
}

// n values drawn mostly from a small pool (ties), with NaN, both zeros, both infinities,
// subnormals, negative values and a few arbitrary doubles.
std::vector<double> random_column(std::size_t n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  const double pool[] = {0.0,
                         -0.0,
                         1.0,
                         -1.0,
                         2.5,
                         3.0,
                         100.0,
                         -100.0,
                         inf,
                         -inf,
                         std::numeric_limits<double>::denorm_min(),
                         -std::numeric_limits<double>::denorm_min(),
                         std::numeric_limits<double>::max(),
                         std::numeric_limits<double>::lowest()};
  std::vector<double> x(n);
  for (auto& v : x) {
    const auto pick = rng() % 16;
    if (pick < 10)
      v = pool[rng() % (sizeof pool / sizeof pool[0])];
    else if (pick < 12)
      v = NaN;
    else if (pick < 14)
      v = static_cast<double>(static_cast<std::int64_t>(rng() % 41) - 20) / 4;  // more ties
    else
      v = std::ldexp(static_cast<double>(rng() >> 11), -40) * (rng() % 2 ? 1 : -1);
  }
  return x;
}

// Sizes around the radix sort's 256 buckets and the engine's chunks (2048 and 8192 rows).
const std::size_t sizes[] = {0, 1, 2, 3, 7, 255, 256, 257, 2047, 2048, 2049, 8191, 8192, 8193, 20001};

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0 || (a != a && b != b); }

TEST(rank_rule_test, competition_ranks_equal_a_comparison_sort_reference) {
  std::uint64_t seed = 1;
  detail::rank_buffers reused;  // grows and shrinks over the sizes
  for (const std::size_t n : sizes) {
    for (bool lower : {false, true}) {
      const auto x = random_column(n, seed++);
      const auto want = reference_ranks(x, lower);
      const direction dir = lower ? direction::lower_is_better : direction::higher_is_better;
      std::vector<double> got(n, -1.0), got_reused(n, -1.0), got_strided(n, -1.0);
      detail::competition_ranks(x.data(), n, got.data(), dir);
      detail::competition_ranks(x.data(), n, 1, got_reused.data(), dir, reused);
      std::vector<double> spread(3 * n + 1, 42.0);  // every third value: a row of a 3-column matrix
      for (std::size_t i = 0; i < n; ++i) spread[3 * i + 1] = x[i];
      detail::competition_ranks(spread.data() + 1, n, 3, got_strided.data(), dir, reused);
      for (std::size_t i = 0; i < n; ++i) {
        ASSERT_TRUE(same_bits(got[i], want[i])) << "n " << n << (lower ? " lower" : " higher") << ", value #"
                                                << i << " = " << x[i] << ": " << got[i] << " != " << want[i];
        ASSERT_TRUE(same_bits(got_reused[i], want[i])) << "reused buffers, n " << n << ", value #" << i;
        ASSERT_TRUE(same_bits(got_strided[i], want[i])) << "strided, n " << n << ", value #" << i;
      }
    }
  }
}

// A tree with two rank leaves (higher and lower is better) and a completion leaf between them.
constexpr double step = 1.0 / 4096;
indicator_tree rank_tree() {
  return indicator_tree::from_json(
      R"({"id":"t","points":100,"children":[
        {"id":"hi","points":40,"rule":{"kind":"rank","step":0.000244140625},"missing":"zero"},
        {"id":"c","points":20,"rule":{"kind":"completion"},"target":2,"missing":"zero"},
        {"id":"lo","points":40,"direction":"lower","rule":{"kind":"rank","step":0.000244140625},"missing":"zero"}]})");
}

// The leaf scores the reference ranks give: rank_fraction(rank) * points, 0 when missing.
std::vector<double> expected_scores(const std::vector<double>& x, bool lower) {
  const auto r = reference_ranks(x, lower);
  std::vector<double> s(x.size());
  for (std::size_t i = 0; i < x.size(); ++i)
    s[i] = std::isnan(r[i]) ? 0.0 : detail::rank_fraction(r[i], step) * 40;
  return s;
}

void expect_rank_scores(const assessment& out, const indicator_tree& tree, const std::vector<double>& a,
                        const std::vector<double>& b, const std::string& what) {
  const auto want_hi = expected_scores(a, false), want_lo = expected_scores(b, true);
  ASSERT_EQ(out.units(), static_cast<std::ptrdiff_t>(a.size())) << what;
  for (std::size_t u = 0; u < a.size(); ++u) {
    const auto iu = static_cast<std::ptrdiff_t>(u);
    ASSERT_TRUE(same_bits(out.score(iu, tree.index_of("hi")), want_hi[u]))
        << what << ", unit " << u << ", value " << a[u] << ": " << out.score(iu, tree.index_of("hi"))
        << " != " << want_hi[u];
    ASSERT_TRUE(same_bits(out.score(iu, tree.index_of("lo")), want_lo[u]))
        << what << ", unit " << u << ", value " << b[u] << ": " << out.score(iu, tree.index_of("lo"))
        << " != " << want_lo[u];
  }
}

TEST(rank_rule_test, engine_ranks_equal_the_reference_in_every_layout_and_thread_count) {
  const auto tree = rank_tree();
  std::uint64_t seed = 100;
  assessment reused;  // one object across every size (its sort buffers grow and shrink)
  // The engine takes no infinity (error 309, as the CSV reader): they become the largest finite
  // values of their sign, which the pool holds too (more ties at the ends).
  const auto finite = [](std::vector<double> x) {
    for (auto& v : x)
      if (std::isinf(v)) v = std::copysign(std::numeric_limits<double>::max(), v);
    return x;
  };
  for (const std::size_t n : sizes) {
    const auto a = finite(random_column(n, seed++)), b = finite(random_column(n, seed++));
    const auto rows = static_cast<Eigen::Index>(n);
    Eigen::MatrixXd col(rows, 3);
    Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> row(rows, 3);
    const Eigen::Index padded = rows + 5;  // column-major with a gap between columns
    std::vector<double> gap(static_cast<std::size_t>(3 * padded), NaN);
    for (Eigen::Index u = 0; u < rows; ++u) {
      const double c = static_cast<double>(u % 5);
      col(u, 0) = row(u, 0) = gap[u] = a[u];
      col(u, 1) = row(u, 1) = gap[u + padded] = c;
      col(u, 2) = row(u, 2) = gap[u + 2 * padded] = b[u];
    }
    const matrix_view views[] = {col, row,
                                 matrix_view(gap.data(), rows, 3, storage_order::column_major, padded)};
    const char* names[] = {"column-major", "row-major", "strided"};
    Eigen::VectorXd first_totals;
    for (int layout = 0; layout < 3; ++layout) {
      for (int threads : {1, 2, 3}) {
        assess_options o;
        o.threads = threads;
        const std::string what =
            "n " + std::to_string(n) + ", " + names[layout] + ", " + std::to_string(threads) + " thread(s)";
        const auto fresh = assess(tree, views[layout], nullptr, o);
        expect_rank_scores(fresh, tree, a, b, what);
        assess(tree, views[layout], nullptr, reused, o);
        expect_rank_scores(reused, tree, a, b, what + ", reused assessment");
        if (layout == 0 && threads == 1) first_totals = fresh.totals();
        for (Eigen::Index u = 0; u < rows; ++u)
          ASSERT_TRUE(same_bits(fresh.total(u), first_totals[u])) << what << ", total of unit " << u;
      }
    }
    // explain reports the same rank as the ratio of the unit's leaf.
    for (std::size_t u : {std::size_t{0}, n / 2, n - 1}) {
      if (n == 0) break;
      const auto e = explain(tree, views[0], nullptr, u);
      const auto want_a = reference_ranks(a, false), want_b = reference_ranks(b, true);
      if (!std::isnan(a[u])) EXPECT_EQ(e[0].ratio, want_a[u]) << "n " << n << ", unit " << u;
      if (!std::isnan(b[u])) EXPECT_EQ(e[2].ratio, want_b[u]) << "n " << n << ", unit " << u;
    }
  }
}

}  // namespace
