// The aggregation core: totals, bonuses, penalties, veto, missing values, ranks, grades, threads.
#include "zoneperf/assess.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "zoneperf/presets.hpp"

using namespace zoneperf;

namespace {
const double NaN = std::numeric_limits<double>::quiet_NaN();

// A small scorecard worked by hand below.
const char* mini = R"({"id":"mini","name":"mini","points":20,
  "grades":[{"min":18,"label":"A"},{"min":10,"label":"B"},{"min":0,"label":"C"}],
  "children":[
    {"id":"g1","points":12,"children":[
      {"id":"sales","points":8,"rule":{"kind":"completion","cap":1.2},"target":50},
      {"id":"cost","points":4,"direction":"lower","rule":{"kind":"completion"},"target":10}]},
    {"id":"g2","points":8,"children":[
      {"id":"satisfaction","points":8,"rule":{"kind":"goalposts","lo":60,"hi":100}}]},
    {"id":"extra","kind":"bonus","per_unit":2,"max":3},
    {"id":"late","kind":"penalty","per_unit":1,"max":5},
    {"id":"accident","kind":"veto"}]})";

Eigen::MatrixXd rows(std::initializer_list<std::initializer_list<double>> r) {
  Eigen::MatrixXd m(static_cast<Eigen::Index>(r.size()), static_cast<Eigen::Index>(r.begin()->size()));
  Eigen::Index i = 0;
  for (const auto& row : r) {
    Eigen::Index j = 0;
    for (double v : row) m(i, j++) = v;
    ++i;
  }
  return m;
}
}  // namespace

// Three units worked by hand (columns: sales, cost, satisfaction, extra, late, accident):
//   u1: sales 60/50 = 1.2 -> 1.2*8 = 9.6; cost 10/8 = 1.25 -> cap 1 -> 4; g1 = 13.6;
//       satisfaction (90-60)/40 = 0.75 -> 6; extra min(2*1, 3) = 2; late 0 -> total 13.6 + 6 + 2 = 21.6 -> A
//   u2: sales 25/50 = 0.5 -> 4; cost 10/20 = 0.5 -> 2; g1 = 6; satisfaction 100 -> 8;
//       extra min(2*5, 3) = 3; late min(1*8, 5) = 5 -> 6 + 8 + 3 - 5 = 12 -> B
//   u3: sales 0; cost 10/40 = 0.25 -> 1; satisfaction 50 -> 0; late 3 -> max(0, 1 - 3) = 0 -> C
TEST(assess_test, three_units_worked_by_hand) {
  const auto tree = indicator_tree::from_json(mini);
  const auto v = rows({{60, 8, 90, 1, 0, 0}, {25, 20, 100, 5, 8, 0}, {0, 40, 50, 0, 3, 0}});
  const auto r = assess(tree, v);
  EXPECT_DOUBLE_EQ(r.score(0, tree.index_of("g1")), 13.6);
  EXPECT_DOUBLE_EQ(r.total(0), 21.6);
  EXPECT_DOUBLE_EQ(r.total(1), 12);
  EXPECT_EQ(r.total(2), 0);
  EXPECT_EQ(r.score(1, tree.index_of("extra")), 3);  // capped at max
  EXPECT_EQ(r.score(1, tree.index_of("late")), 5);   // capped at max
  EXPECT_EQ(r.grade(0), 0);
  EXPECT_EQ(r.grade(1), 1);
  EXPECT_EQ(r.grade(2), 2);
  EXPECT_EQ(r.rank(0), 1);
  EXPECT_EQ(r.rank(1), 2);
  EXPECT_EQ(r.rank(2), 3);
  EXPECT_DOUBLE_EQ(r.rate(0, tree.index_of("g1")), 13.6 / 12);
  EXPECT_EQ(r.max(0, tree.index_of("extra")), 3);
}

TEST(assess_test, veto_zeroes_the_total_gives_the_lowest_grade_and_keeps_node_scores) {
  const auto tree = indicator_tree::from_json(mini);
  const auto v = rows({{60, 8, 90, 1, 0, 1}, {25, 20, 100, 5, 8, 0}});
  const auto r = assess(tree, v);
  EXPECT_TRUE(r.vetoed(0));
  EXPECT_EQ(r.total(0), 0);
  EXPECT_EQ(r.grade(0), 2);
  EXPECT_DOUBLE_EQ(r.score(0, tree.index_of("g1")), 13.6);
  EXPECT_EQ(r.rank(0), 2);  // ranks by its total of 0
  EXPECT_FALSE(r.vetoed(1));
}

TEST(assess_test, ranks_of_many_units_with_ties_match_a_plain_sort) {
  // Coarse values, so that many totals tie; also a vetoed unit (total 0) and zeros.
  const auto tree = indicator_tree::from_json(mini);
  std::mt19937_64 rng(11);
  Eigen::MatrixXd v(5000, 6);
  for (Eigen::Index i = 0; i < v.rows(); ++i) {
    v.row(i) << static_cast<double>(rng() % 8) * 10, static_cast<double>(1 + rng() % 4) * 5,
        static_cast<double>(60 + rng() % 5 * 10), static_cast<double>(rng() % 2),
        static_cast<double>(rng() % 3), i % 97 == 0 ? 1.0 : 0.0;
  }
  assess_options opt;
  opt.ranks = ranking::on;
  const auto r = assess(tree, v, nullptr, opt);
  // A competition rank is 1 + the number of units with a higher total.
  std::vector<double> sorted(r.totals().data(), r.totals().data() + 5000);
  std::sort(sorted.begin(), sorted.end());
  for (std::size_t u = 0; u < 5000; ++u) {
    const auto higher = sorted.end() - std::upper_bound(sorted.begin(), sorted.end(), r.total(u));
    ASSERT_EQ(r.rank(u), 1 + higher) << "unit " << u;
  }
}

// A reused result keeps the ranks' sort buffers: ranks after a larger, a smaller and a larger
// batch again equal those of fresh results.
TEST(assess_test, a_reused_result_ranks_as_a_fresh_one) {
  const auto tree = indicator_tree::from_json(mini);
  std::mt19937_64 rng(12);
  assess_options opt;
  opt.ranks = ranking::on;
  assessment reused;
  for (const Eigen::Index n : {4000, 1500, 4000}) {
    Eigen::MatrixXd v(n, 6);
    for (Eigen::Index i = 0; i < n; ++i)
      v.row(i) << static_cast<double>(rng() % 1000) / 7, static_cast<double>(rng() % 30),
          60 + static_cast<double>(rng() % 40), static_cast<double>(rng() % 2),
          static_cast<double>(rng() % 3), 0.0;
    assess(tree, v, nullptr, reused, opt);
    const auto fresh = assess(tree, v, nullptr, opt);
    ASSERT_EQ(reused.ranks(), fresh.ranks()) << n << " units";
  }
}

// A group of every rule of the form q = (x - a) / d, higher is better, for the trees below.
const char* up_group = R"({"id":"up","points":40,"children":[
        {"id":"c1","points":10,"rule":{"kind":"completion","cap":1.2},"target":50},
        {"id":"t1","points":10,"rule":{"kind":"threshold"},"target":40,"missing":"zero"},
        {"id":"b1","points":10,"rule":{"kind":"banded","bands":[{"min":1,"value":1},{"min":0.8,"value":0.75},{"min":0.5,"value":0.5}]},"target":60},
        {"id":"g1","points":10,"rule":{"kind":"goalposts","lo":20,"hi":80}}]})";

// n units of values: exact multiples of the targets and band floors, zeros of both signs, and
// uniform values; the last column (a veto) vetoes every 101st unit.
static Eigen::MatrixXd mixed_values(Eigen::Index n, Eigen::Index cols, unsigned seed) {
  std::mt19937_64 rng(seed);
  Eigen::MatrixXd v(n, cols);
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j + 1 < cols; ++j) {
      const auto pick = rng() % 16;
      v(i, j) = pick == 0   ? 0.0
                : pick == 1 ? -0.0
                : pick < 4  ? static_cast<double>(rng() % 7) * 10
                            : static_cast<double>(rng() % 100000) / 1000;
    }
    v(i, cols - 1) = i % 101 == 0 ? 1.0 : 0.0;
  }
  return v;
}

// The results of every unit rebuilt from its explanation: each group's score is the sum of its
// leaves' explained points in file order, the total the sum of the root's children, then the
// bonuses, the penalties, the floor at 0 and the veto; the grade follows from the total.
// Equal and with the same sign (a +0 is not a -0).
static bool same(double a, double b) { return a == b && std::signbit(a) == std::signbit(b); }

static void expect_explained(const indicator_tree& tree, matrix_view v, const target_table* targets,
                             const assessment& r, const char* layout) {
  for (Eigen::Index u = 0; u < v.rows; ++u) {
    const auto leaves = explain(tree, v, targets, static_cast<std::size_t>(u));
    double total = 0, group = 0, bonus = 0, penalty = 0;
    bool vetoed = false;
    int parent = -1;
    for (const auto& e : leaves) {
      if (e.kind == node_kind::bonus) bonus += e.points;
      if (e.kind == node_kind::penalty) penalty += e.points;
      vetoed |= e.vetoes;
      if (e.kind != node_kind::leaf) continue;
      const int p = tree.node(static_cast<std::size_t>(e.node)).parent;
      if (p != parent && parent > 0) {
        ASSERT_PRED2(same, r.score(u, static_cast<std::size_t>(parent)), group) << layout << ", unit " << u;
        total += group;
      }
      if (p != parent) group = 0;
      parent = p;
      if (p != 0) {
        group += e.points;
        continue;
      }
      total += e.points;  // a leaf under the root, its score kept with the groups'
      ASSERT_PRED2(same, r.score(u, static_cast<std::size_t>(e.node)), e.points) << layout << ", unit " << u;
    }
    if (parent > 0) {
      ASSERT_PRED2(same, r.score(u, static_cast<std::size_t>(parent)), group) << layout << ", unit " << u;
      total += group;
    }
    total = vetoed ? 0.0 : std::max(total + bonus - penalty, 0.0);
    ASSERT_PRED2(same, r.total(u), total) << layout << ", unit " << u;
    ASSERT_EQ(r.vetoed(u), vetoed) << layout << ", unit " << u;
    const auto& grades = tree.grades();
    std::int32_t grade = -1;
    for (std::size_t k = grades.size(); k-- > 0;)
      if (grades[k].min <= total) grade = static_cast<std::int32_t>(k);
    ASSERT_EQ(r.grade(u), vetoed ? static_cast<std::int32_t>(grades.size()) - 1 : grade)
        << layout << ", unit " << u;
  }
}

// Every rule the kernel scores several columns at a time (and the ones it scores alone), in both
// directions, over more than one chunk, some units with missing values: each group's score must be
// the sum of its leaves' explained points in file order, and the total theirs with the items, bit
// for bit.
TEST(assess_test, group_scores_are_the_sums_of_the_explained_leaf_points) {
  const auto tree =
      indicator_tree::from_json(std::string(R"({"id":"t","points":100,"children":[)") + up_group + R"(,
      {"id":"down","points":30,"children":[
        {"id":"c2","points":10,"direction":"lower","rule":{"kind":"completion"},"target":30,"missing":"zero"},
        {"id":"t2","points":10,"direction":"lower","rule":{"kind":"threshold"},"target":45},
        {"id":"b2","points":10,"direction":"lower","rule":{"kind":"banded","bands":[{"min":1,"value":1},{"min":0.5,"value":0.4}]},"target":50}]},
      {"id":"rest","points":30,"children":[
        {"id":"g2","points":10,"direction":"lower","rule":{"kind":"goalposts","lo":0,"hi":100}},
        {"id":"k1","points":10,"rule":{"kind":"benchmark","cap":1.5},"target":50},
        {"id":"c3","points":10,"rule":{"kind":"completion"},"target":25}]},
      {"id":"plus","kind":"bonus","per_unit":2,"max":5},
      {"id":"minus","kind":"penalty","per_unit":0.5,"max":40,"missing":"zero"},
      {"id":"stop","kind":"veto"}]})");
  Eigen::MatrixXd v = mixed_values(20000, 13, 5);
  for (Eigen::Index i = 9000; i < v.rows(); i += 1000)
    v(i, 1) = NaN, v(i, 4) = NaN, v(i + 1, 11) = NaN;  // zero policy
  assess_options opt;
  opt.keep = node_scores::groups;  // leaf scores not kept: the fast path's multi-column loops
  expect_explained(tree, v, nullptr, assess(tree, v, nullptr, opt), "column-major");
}

// Four groups and a leaf under the root, every rule of the one-loop form in both directions,
// three items and grades: 13 columns.
static indicator_tree one_loop_tree() {
  return indicator_tree::from_json(std::string(R"({"id":"t","points":100,
      "grades":[{"min":80,"label":"A"},{"min":60,"label":"B"},{"min":30,"label":"C"}],"children":[)") +
                                   up_group + R"(,
      {"id":"down","points":30,"children":[
        {"id":"c2","points":10,"direction":"lower","rule":{"kind":"completion"},"target":30,"missing":"zero"},
        {"id":"b2","points":10,"direction":"lower","rule":{"kind":"banded","bands":[{"min":1,"value":1},{"min":0.5,"value":0.4}]},"target":50},
        {"id":"t2","points":10,"direction":"lower","rule":{"kind":"threshold"},"target":45}]},
      {"id":"solo","points":10,"rule":{"kind":"completion"},"target":10},
      {"id":"last","points":20,"children":[
        {"id":"c3","points":10,"rule":{"kind":"completion"},"target":25},
        {"id":"c4","points":10,"rule":{"kind":"completion","cap":1.5},"target":5}]},
      {"id":"plus","kind":"bonus","per_unit":2,"max":5},
      {"id":"minus","kind":"penalty","per_unit":0.5,"max":40,"missing":"zero"},
      {"id":"stop","kind":"veto"}]})");
}

// A tree of groups of leaves whose rules share the form q = (x - a) / d, scored a vector of units
// at a time through every column at once (column-major values with default targets): the
// explained scores, whatever the alignment of the values, with missing values, a leaf under the
// root, and a unit count that is not a whole number of vectors or chunks; and the same with
// per-unit targets or row-major values, which take the column-by-column path.
TEST(assess_test, a_tree_scored_in_one_loop_gives_the_explained_scores_in_every_layout) {
  const auto tree = one_loop_tree();
  const Eigen::Index n = 20003, cols = 13;
  Eigen::MatrixXd v = mixed_values(n, cols, 11);
  std::mt19937_64 rng(11);
  Eigen::MatrixXd t(n, 3);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < 3; ++j)
      t(i, j) = rng() % 4 == 0 ? NaN : static_cast<double>(1 + rng() % 8) * 10;
  // Missing values (zero policy) in two chunks only: the others take the fast path.
  for (Eigen::Index i = 9007; i < 12000; i += 997) v(i, 1) = NaN, v(i + 1, 4) = NaN, v(i + 2, 11) = NaN;
  const target_table targets{{"c1", "b2", "c3"}, t};
  assess_options opt;
  opt.keep = node_scores::groups;
  expect_explained(tree, v, nullptr, assess(tree, v, nullptr, opt), "column-major");
  expect_explained(tree, v, &targets, assess(tree, v, &targets, opt), "per-unit targets");
  // Columns 8 doubles apart in memory, starting 1 to 7 doubles past a vector's boundary.
  const Eigen::Index stride = (n + 7) / 8 * 8;
  std::vector<double> buffer(static_cast<std::size_t>(stride * cols + 8));
  for (std::ptrdiff_t offset = 1; offset < 8; offset += 3) {
    double* data = buffer.data() + offset;
    Eigen::Map<Eigen::MatrixXd, 0, Eigen::OuterStride<>>(data, n, cols, Eigen::OuterStride<>(stride)) = v;
    const matrix_view shifted(data, n, cols, storage_order::column_major, stride);
    expect_explained(tree, shifted, nullptr, assess(tree, shifted, nullptr, opt), "shifted");
  }
  const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> row_major = v;
  expect_explained(tree, row_major, &targets, assess(tree, row_major, &targets, opt), "row-major");
  // Bad input in the middle of a vector is still named as the careful path names it.
  t(4321, 1) = -5;
  try {
    assess(tree, v, &targets, opt);
    FAIL();
  } catch (const error& e) {
    EXPECT_STREQ(e.what(),
                 "[zoneperf.data.303] unit #4322, indicator \"b2\": target must be positive, not -5");
  }
  v(12345, 0) = NaN;
  try {
    assess(tree, v, nullptr, opt);
    FAIL();
  } catch (const error& e) {
    EXPECT_STREQ(e.what(),
                 "[zoneperf.data.301] unit #12346, indicator \"c1\": missing value (the indicator's missing "
                 "policy is error)");
  }
  v(12345, 0) = 1;
  v(3, 2) = NaN;  // a band rule's
  try {
    assess(tree, v, nullptr, opt);
    FAIL();
  } catch (const error& e) {
    EXPECT_STREQ(e.what(),
                 "[zoneperf.data.301] unit #4, indicator \"b1\": missing value (the indicator's missing "
                 "policy is error)");
  }
}

// Large results are written straight to the caller's columns, realigned to each column's vectors:
// whatever the alignment of the values, every bit equals what batches small enough to be written
// the ordinary way give, chunks with missing values (rescored carefully) included.
TEST(assess_test, large_results_written_straight_out_equal_those_of_small_batches) {
  const auto tree = one_loop_tree();
  // 100 003 units: the result columns lie at different distances from a vector's start.
  const Eigen::Index n = 100003, cols = 13, batch = 20000;
  Eigen::MatrixXd v = mixed_values(n, cols, 13);
  for (Eigen::Index i = 30011; i < 34000; i += 997) v(i, 1) = NaN, v(i + 1, 11) = NaN;  // zero policy
  assess_options opt;
  opt.keep = node_scores::groups;
  std::vector<assessment> parts;
  for (Eigen::Index b = 0; b < n; b += batch)
    parts.push_back(assess(tree, v.middleRows(b, std::min(batch, n - b)), nullptr, opt));
  std::vector<double> buffer(static_cast<std::size_t>(n * cols + 8));
  assessment whole;
  for (std::ptrdiff_t offset = 0; offset < 8; ++offset) {  // every distance between values and results
    double* data = buffer.data() + offset;
    Eigen::Map<Eigen::MatrixXd>(data, n, cols) = v;
    assess(tree, matrix_view(data, n, cols, storage_order::column_major), nullptr, whole, opt);
    for (Eigen::Index u = 0; u < n; ++u) {
      const assessment& part = parts[static_cast<std::size_t>(u / batch)];
      const Eigen::Index k = u % batch;
      ASSERT_PRED2(same, whole.total(u), part.total(k)) << "offset " << offset << ", unit " << u;
      ASSERT_EQ(whole.grade(u), part.grade(k)) << "offset " << offset << ", unit " << u;
      ASSERT_EQ(whole.vetoed(u), part.vetoed(k)) << "offset " << offset << ", unit " << u;
      for (int node : whole.kept_nodes())
        ASSERT_PRED2(same, whole.score(u, static_cast<std::size_t>(node)),
                     part.score(k, static_cast<std::size_t>(node)))
            << "offset " << offset << ", unit " << u << ", node " << node;
    }
  }
}

// Per-unit targets on the fast path: a run reads them beside the values (a NaN takes the
// default); group scores equal the explained leaf points, and a bad target is reported as the
// careful path reports it.
TEST(assess_test, per_unit_targets_give_the_explained_scores_and_bad_ones_are_named) {
  const auto tree = indicator_tree::from_json(R"({"id":"t","points":60,"children":[
      {"id":"up","points":30,"children":[
        {"id":"c1","points":10,"rule":{"kind":"completion","cap":1.2},"target":50},
        {"id":"t1","points":10,"rule":{"kind":"threshold"},"target":40},
        {"id":"b1","points":10,"rule":{"kind":"banded","bands":[{"min":1,"value":1},{"min":0.5,"value":0.5}]},"target":60}]},
      {"id":"down","points":30,"children":[
        {"id":"c2","points":15,"direction":"lower","rule":{"kind":"completion"},"target":30},
        {"id":"c3","points":15,"direction":"lower","rule":{"kind":"completion"},"target":20}]}]})");
  std::mt19937_64 rng(9);
  const Eigen::Index n = 12000;
  Eigen::MatrixXd v(n, 5), t(n, 3);
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < 5; ++j) v(i, j) = static_cast<double>(rng() % 8) * 10;
    for (Eigen::Index j = 0; j < 3; ++j)
      t(i, j) = rng() % 5 == 0 ? NaN : static_cast<double>(1 + rng() % 8) * 10;
  }
  const target_table targets{{"t1", "c1", "c2"}, t};
  assess_options opt;
  opt.keep = node_scores::groups;
  const auto r = assess(tree, v, &targets, opt);
  for (Eigen::Index u = 0; u < n; ++u) {
    const auto leaves = explain(tree, v, &targets, static_cast<std::size_t>(u));
    const double up = 0.0 + leaves[0].points + leaves[1].points + leaves[2].points;
    const double down = 0.0 + leaves[3].points + leaves[4].points;
    ASSERT_EQ(r.score(u, tree.index_of("up")), up) << "unit " << u;
    ASSERT_EQ(r.score(u, tree.index_of("down")), down) << "unit " << u;
  }
  t(9000, 2) = 0;
  try {
    assess(tree, v, &targets, opt);
    FAIL();
  } catch (const error& e) {
    EXPECT_STREQ(e.what(),
                 "[zoneperf.data.303] unit #9001, indicator \"c2\": target must be positive, not 0");
  }
}

TEST(assess_test, a_wrong_shape_leaves_a_reused_result_as_it_was) {
  const auto tree = indicator_tree::from_json(mini);
  assessment out;
  assess(tree, rows({{60, 8, 90, 1, 2, 0}, {40, 12, 70, 0, 0, 0}}), nullptr, out);
  ASSERT_EQ(out.units(), 2);
  // A wrong shape is found before anything is written: out keeps its result.
  EXPECT_THROW(assess(tree, rows({{60, 8, 90}}), nullptr, out), error);
  EXPECT_EQ(out.units(), 2);
  EXPECT_DOUBLE_EQ(out.total(1), 40.0 / 50 * 8 + 10.0 / 12 * 4 + 10.0 / 40 * 8);
}

TEST(assess_test, ties_share_a_competition_rank) {
  const auto tree = indicator_tree::from_json(mini);
  const auto v =
      rows({{50, 10, 80, 0, 0, 0}, {60, 8, 90, 1, 0, 0}, {50, 10, 80, 0, 0, 0}, {0, 40, 50, 0, 3, 0}});
  const auto r = assess(tree, v);
  EXPECT_EQ(r.ranks(), (std::vector<std::int32_t>{2, 1, 2, 4}));
}

TEST(assess_test, negative_counts_and_missing_values_are_errors_naming_unit_and_indicator) {
  const auto tree = indicator_tree::from_json(mini);
  const std::vector<std::string> units{"甲", "乙"};
  assess_options opt;
  opt.unit_ids = &units;
  try {
    assess(tree, rows({{60, 8, 90, 1, 0, 0}, {25, 20, NaN, -1, 8, 0}}), nullptr, opt);
    FAIL();
  } catch (const error& e) {
    // The first problem in (unit, column) order.
    EXPECT_STREQ(e.what(),
                 "[zoneperf.data.301] unit \"乙\", indicator \"satisfaction\": missing value (the "
                 "indicator's missing policy is error)");
  }
  try {
    assess(tree, rows({{60, 8, 90, -2, 0, 0}}), nullptr, opt = assess_options{});
    FAIL();
  } catch (const error& e) {
    EXPECT_STREQ(e.what(), "[zoneperf.data.311] unit #1, indicator \"extra\": negative count -2");
  }
}

TEST(assess_test, missing_zero_scores_nothing_and_reweight_scales_the_present_siblings) {
  const char* text = R"({"id":"t","points":10,"children":[
      {"id":"g","points":10,"children":[
        {"id":"a","points":6,"rule":{"kind":"goalposts","lo":0,"hi":1},"missing":"reweight"},
        {"id":"b","points":4,"rule":{"kind":"goalposts","lo":0,"hi":1},"missing":"reweight"}]}]})";
  const auto tree = indicator_tree::from_json(text);
  const auto r = assess(tree, rows({{1, 0.5}, {NaN, 0.5}, {NaN, NaN}}));
  const auto a = tree.index_of("a"), b = tree.index_of("b"), g = tree.index_of("g");
  EXPECT_DOUBLE_EQ(r.total(0), 8);
  // unit 2: a missing; b's 4 points scale to 10: 0.5 * 4 * 2.5 = 5
  EXPECT_TRUE(std::isnan(r.score(1, a)));
  EXPECT_DOUBLE_EQ(r.score(1, b), 5);
  EXPECT_DOUBLE_EQ(r.max(1, b), 10);
  EXPECT_EQ(r.max(1, a), 0);
  EXPECT_DOUBLE_EQ(r.total(1), 5);
  EXPECT_FALSE(r.all_missing(1, g));
  // unit 3: every sibling missing -> the parent scores 0 and is flagged
  EXPECT_EQ(r.score(2, g), 0);
  EXPECT_TRUE(r.all_missing(2, g));

  const auto zero = indicator_tree::from_json(R"({"id":"t","points":10,"children":[
      {"id":"a","points":10,"rule":{"kind":"completion"},"target":2,"missing":"zero"}]})");
  EXPECT_EQ(assess(zero, rows({{NaN}})).total(0), 0);
}

// A missing value with the zero policy inside a plain group that sits under a reweighted group:
// the inner group scores 0 and is present, so its reweighted sibling keeps its own points.
TEST(assess_test, a_zero_policy_leaf_below_a_reweighted_group_counts_as_present) {
  const auto tree = indicator_tree::from_json(R"({"id":"t","points":20,"children":[
      {"id":"x","points":10,"children":[
        {"id":"a","points":5,"rule":{"kind":"goalposts","lo":0,"hi":1},"missing":"reweight"},
        {"id":"p","points":5,"children":[
          {"id":"c","points":5,"rule":{"kind":"completion"},"target":2,"missing":"zero"}]}]},
      {"id":"y","points":10,"children":[
        {"id":"d","points":10,"rule":{"kind":"completion"},"target":4}]}]})");
  const auto r = assess(tree, rows({{0.5, NaN, 2}, {0.5, 1, 2}}));
  // unit 1: a = 0.5 * 5 = 2.5 (scale 1: p is present), p = c = 0, d = 2 / 4 * 10 = 5
  EXPECT_EQ(r.score(0, tree.index_of("p")), 0);
  EXPECT_EQ(r.score(0, tree.index_of("x")), 2.5);
  EXPECT_EQ(r.total(0), 7.5);
  // unit 2: c = 1 / 2 * 5 = 2.5, so x = 2.5 + 2.5 and the total 10
  EXPECT_EQ(r.total(1), 10);
}

TEST(assess_test, explanation_reproduces_every_leaf_score) {
  const auto tree = load_preset("task-force");
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> d(0, 50);
  Eigen::MatrixXd v(64, static_cast<Eigen::Index>(tree.columns().size()));
  for (Eigen::Index i = 0; i < v.rows(); ++i)
    for (Eigen::Index j = 0; j < v.cols(); ++j) v(i, j) = j == v.cols() - 1 ? 0.0 : d(rng);
  const auto r = assess(tree, v);
  for (std::size_t u : {0ul, 17ul, 63ul}) {
    const auto leaves = explain(tree, v, nullptr, u);
    ASSERT_EQ(leaves.size(), tree.columns().size());
    for (const auto& e : leaves) {
      EXPECT_EQ(e.points, r.score(static_cast<std::ptrdiff_t>(u), static_cast<std::size_t>(e.node))) << e.id;
      EXPECT_EQ(e.actual,
                v(static_cast<Eigen::Index>(u), tree.node(static_cast<std::size_t>(e.node)).column));
    }
  }
}

TEST(assess_test, row_major_column_major_and_any_thread_count_give_identical_bits) {
  const auto tree = load_preset("task-force");
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> d(0, 100);
  const Eigen::Index n = 5000;
  Eigen::MatrixXd v(n, static_cast<Eigen::Index>(tree.columns().size()));
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < v.cols(); ++j) v(i, j) = std::floor(d(rng)) / 7;
  v.col(v.cols() - 1).setZero();
  v.col(v.cols() - 1)(42) = 1;  // one veto
  const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> rm = v;
  const auto one = assess(tree, v);
  for (int threads : {2, 3, 8}) {
    assess_options opt;
    opt.threads = threads;
    const auto many = assess(tree, rm, nullptr, opt);
    EXPECT_EQ(std::memcmp(one.totals().data(), many.totals().data(), sizeof(double) * n), 0);
    EXPECT_EQ(one.scores(), many.scores());
    EXPECT_EQ(one.ranks(), many.ranks());
    EXPECT_EQ(one.grades(), many.grades());
    EXPECT_EQ(one.veto_flags(), many.veto_flags());
  }
  EXPECT_TRUE(one.vetoed(42));
}

TEST(assess_test, reusing_an_assessment_reuses_its_storage) {
  const auto tree = load_preset("task-force");
  Eigen::MatrixXd v = Eigen::MatrixXd::Constant(1000, static_cast<Eigen::Index>(tree.columns().size()), 3.0);
  v.col(v.cols() - 1).setZero();
  assessment out;
  assess_options opt;
  opt.keep = node_scores::groups;
  assess(tree, v, nullptr, out, opt);
  const double* scores = out.scores().data();
  const double* totals = out.totals().data();
  v(0, 0) = 30;
  assess(tree, v, nullptr, out, opt);
  EXPECT_EQ(out.scores().data(), scores);
  EXPECT_EQ(out.totals().data(), totals);
  EXPECT_EQ(out.kept_nodes(), tree.groups());
  EXPECT_GT(out.total(0), out.total(1));
  EXPECT_FALSE(out.has_scores(tree.index_of("intent_projects")));
}

TEST(assess_test, per_unit_targets_override_defaults_and_are_checked) {
  const auto tree = indicator_tree::from_json(mini);
  const auto v = rows({{60, 8, 90, 0, 0, 0}, {60, 8, 90, 0, 0, 0}});
  Eigen::MatrixXd t(2, 1);
  t << 120, NaN;  // unit 1: sales target 120; unit 2: the default 50
  const target_table tt{{"sales"}, t};
  const auto r = assess(tree, v, &tt);
  EXPECT_DOUBLE_EQ(r.score(0, tree.index_of("sales")), 4);
  EXPECT_DOUBLE_EQ(r.score(1, tree.index_of("sales")), 9.6);
  t(1, 0) = 0;
  try {
    assess(tree, v, &tt);
    FAIL();
  } catch (const error& e) {
    EXPECT_STREQ(e.what(),
                 "[zoneperf.data.303] unit #2, indicator \"sales\": target must be positive, not 0");
  }
  const target_table wrong{{"satisfaction"}, t};
  try {
    assess(tree, v, &wrong);
    FAIL();
  } catch (const error& e) {
    EXPECT_STREQ(e.what(),
                 "[zoneperf.data.315] targets: indicator \"satisfaction\" takes no target (rule goalposts)");
  }
}

TEST(assess_test, a_leaf_with_no_target_anywhere_is_an_error) {
  const auto tree = indicator_tree::from_json(R"({"id":"t","points":1,"children":[
      {"id":"a","points":1,"rule":{"kind":"completion"}}]})");
  try {
    assess(tree, rows({{1}}));
    FAIL();
  } catch (const error& e) {
    EXPECT_STREQ(e.what(),
                 "[zoneperf.data.302] unit #1, indicator \"a\": no target: give one in the targets table "
                 "or a default \"target\" in the tree");
  }
}

TEST(assess_test, wrong_shapes_are_errors) {
  const auto tree = indicator_tree::from_json(mini);
  try {
    assess(tree, rows({{1, 2, 3}}));
    FAIL();
  } catch (const error& e) {
    EXPECT_STREQ(e.what(),
                 "[zoneperf.data.314] values: the values have 3 columns; tree \"mini\" needs 6 (its "
                 "leaves, bonus, penalty and veto items in file order)");
  }
  Eigen::MatrixXd empty(0, 6);
  EXPECT_EQ(assess(tree, empty).units(), 0);
}

TEST(assess_test, geometric_groups_take_the_weighted_geometric_mean_of_rates) {
  // COINr: weighted geometric mean of (1, 2, 3) with weights (1, 1, 2) = 18^(1/4) = 2.059767;
  // here as rates (1/3, 2/3, 1) of 3-point-scaled leaves with points (1, 1, 2).
  const auto tree = indicator_tree::from_json(R"({"id":"t","points":4,"children":[
      {"id":"g","points":4,"aggregate":"geometric","children":[
        {"id":"a","points":1,"rule":{"kind":"goalposts","lo":0,"hi":3}},
        {"id":"b","points":1,"rule":{"kind":"goalposts","lo":0,"hi":3}},
        {"id":"c","points":2,"rule":{"kind":"goalposts","lo":0,"hi":3}}]}]})");
  const auto r = assess(tree, rows({{1, 2, 3}, {0, 2, 3}}).topRows(1));
  EXPECT_NEAR(r.total(0) / 4 * 3, 2.059767, 1e-6);
  try {
    assess(tree, rows({{0, 2, 3}}));
    FAIL();
  } catch (const error& e) {
    EXPECT_EQ(e.code(), errc::zero_rate);
  }
}
