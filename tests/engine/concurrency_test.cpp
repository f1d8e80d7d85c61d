// One tree shared by many threads: every thread's results equal the single-threaded ones, bit for
// bit (run under ThreadSanitizer by scripts/test.sh).
#include <gtest/gtest.h>

#include <random>
#include <thread>

#include "zoneperf/assess.hpp"
#include "zoneperf/presets.hpp"

using namespace zoneperf;

namespace {
Eigen::MatrixXd sample(const indicator_tree& tree, Eigen::Index n) {
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> d(0, 60);
  Eigen::MatrixXd v(n, static_cast<Eigen::Index>(tree.columns().size()));
  for (Eigen::Index j = 0; j < v.cols(); ++j)
    for (Eigen::Index i = 0; i < n; ++i)
      v(i, j) = tree.node(static_cast<std::size_t>(tree.columns()[static_cast<std::size_t>(j)])).kind ==
                        node_kind::veto
                    ? static_cast<double>(i % 50 == 0)
                    : d(rng);
  return v;
}
}  // namespace

TEST(concurrency_test, eight_threads_sharing_one_tree_get_the_single_threaded_bits) {
  const auto tree = load_preset("task-force");
  const auto v = sample(tree, 2000);
  const auto reference = assess(tree, v);
  std::vector<assessment> results(8);
  std::vector<std::thread> threads;
  for (std::size_t k = 0; k < results.size(); ++k)
    threads.emplace_back([&, k] { results[k] = assess(tree, v); });
  for (auto& t : threads) t.join();
  for (const auto& r : results) {
    EXPECT_EQ(r.scores(), reference.scores());
    EXPECT_EQ(r.totals(), reference.totals());
    EXPECT_EQ(r.ranks(), reference.ranks());
    EXPECT_EQ(r.grades(), reference.grades());
    EXPECT_EQ(r.veto_flags(), reference.veto_flags());
  }
}

TEST(concurrency_test, eight_worker_threads_give_the_single_threaded_bits) {
  const auto tree = load_preset("task-force");
  const auto v = sample(tree, 5000);
  const auto reference = assess(tree, v);
  assess_options opt;
  opt.threads = 8;
  const auto r = assess(tree, v, nullptr, opt);
  EXPECT_EQ(r.scores(), reference.scores());
  EXPECT_EQ(r.totals(), reference.totals());
  EXPECT_EQ(r.ranks(), reference.ranks());
}

TEST(concurrency_test, the_first_bad_value_is_reported_whatever_the_thread_count) {
  const auto tree = load_preset("task-force");
  auto v = sample(tree, 5000);
  v(4100, 3) = std::numeric_limits<double>::quiet_NaN();
  v(1300, 5) = std::numeric_limits<double>::quiet_NaN();
  std::string one, many;
  try {
    assess(tree, v);
  } catch (const error& e) {
    one = e.what();
  }
  assess_options opt;
  opt.threads = 4;
  try {
    assess(tree, v, nullptr, opt);
  } catch (const error& e) {
    many = e.what();
  }
  EXPECT_EQ(
      one,
      "[zoneperf.data.301] unit #1301, indicator \"producing_projects\": missing value (the indicator's "
      "missing policy is error)");
  EXPECT_EQ(many, one);
}
