// Equal, ROC, entropy, CRITIC and SD weights: published vectors, constant columns, bad data.
#include "zoneperf/weights/methods.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "../support/test_support.hpp"

using namespace zoneperf;

namespace {
using zoneperf::test_support::message_of;

criteria_matrix matrix(Eigen::MatrixXd v) {
  criteria_matrix m;
  for (Eigen::Index i = 0; i < v.rows(); ++i) m.units.push_back("u" + std::to_string(i + 1));
  for (Eigen::Index j = 0; j < v.cols(); ++j) m.columns.push_back("x" + std::to_string(j + 1));
  m.values = std::move(v);
  return m;
}

// Diakoulaki, Mavrotas & Papayannakis 1995 (Computers & Operations Research 22(7)), their example.
Eigen::MatrixXd critic_example() {
  Eigen::MatrixXd v(8, 3);
  v << 61, 1.08, 4.33, 20.7, 0.26, 4.34, 16.3, 1.98, 2.53, 9, 3.29, 1.65, 5.4, 2.77, 2.33, 4, 4.12, 1.21,
      -6.1, 3.52, 2.10, -34.6, 3.31, 0.98;
  return v;
}
}  // namespace

TEST(methods_test, equal_and_rank_order_centroid_weights) {
  const auto e = equal_weights({"a", "b", "c", "d"});
  for (int i = 0; i < 4; ++i) EXPECT_DOUBLE_EQ(e.weights[i], 0.25);
  const auto r = roc_weights({"a", "b", "c"});
  // ROC for n = 3: (1 + 1/2 + 1/3)/3, (1/2 + 1/3)/3, (1/3)/3 = 0.6111, 0.2778, 0.1111
  EXPECT_NEAR(r.weights[0], 11.0 / 18, 1e-15);
  EXPECT_NEAR(r.weights[1], 5.0 / 18, 1e-15);
  EXPECT_NEAR(r.weights[2], 2.0 / 18, 1e-15);
  EXPECT_NEAR(r.weights.sum(), 1, 1e-15);
  EXPECT_DOUBLE_EQ(roc_weights({"only"}).weights[0], 1);
}

TEST(methods_test, entropy_weights_match_scikit_criteria) {
  Eigen::MatrixXd v(2, 2);
  v << 1, 2, 4, 16;
  const auto w = entropy_weights(matrix(v));
  // scikit-criteria's simple case: [[1,2],[4,16]] -> (0.358889, 0.641111)
  EXPECT_NEAR(w.weights[0], 0.358889, 5e-7);
  EXPECT_NEAR(w.weights[1], 0.641111, 5e-7);
  EXPECT_EQ(w.method, "entropy");
  EXPECT_EQ(w.names, (std::vector<std::string>{"x1", "x2"}));
}

TEST(methods_test, entropy_gives_a_constant_column_zero_weight) {
  Eigen::MatrixXd v(2, 3);
  v << 1, 7, 2, 4, 7, 16;
  const auto w = entropy_weights(matrix(v));
  EXPECT_EQ(w.weights[1], 0);
  EXPECT_NEAR(w.weights[0], 0.358889, 5e-7);  // the other weights are unchanged
  EXPECT_NEAR(w.weights[2], 0.641111, 5e-7);
  // A zero counts as 0 ln 0 = 0.
  Eigen::MatrixXd z(3, 2);
  z << 0, 1, 0, 2, 5, 3;
  EXPECT_NEAR(entropy_weights(matrix(z)).weights.sum(), 1, 1e-15);
}

TEST(methods_test, critic_weights_match_diakoulaki_1995) {
  const auto w = critic_weights(matrix(critic_example()));
  // Diakoulaki et al. 1995: (0.20222554, 0.48090173, 0.31687273)
  EXPECT_NEAR(w.weights[0], 0.20222554, 5e-9);
  EXPECT_NEAR(w.weights[1], 0.48090173, 5e-9);
  EXPECT_NEAR(w.weights[2], 0.31687273, 5e-9);
}

TEST(methods_test, critic_ignores_a_constant_column) {
  Eigen::MatrixXd v(8, 4);
  v << critic_example(), Eigen::VectorXd::Constant(8, 3.0);
  const auto w = critic_weights(matrix(v));
  EXPECT_EQ(w.weights[3], 0);
  EXPECT_NEAR(w.weights[0], 0.20222554, 5e-9);
  EXPECT_NEAR(w.weights[1], 0.48090173, 5e-9);
  EXPECT_NEAR(w.weights[2], 0.31687273, 5e-9);
}

TEST(methods_test, lower_is_better_reverses_critic_correlations_but_not_sd) {
  const auto m = matrix(critic_example());
  const std::vector<direction> d = {direction::higher_is_better, direction::lower_is_better,
                                    direction::higher_is_better};
  EXPECT_GT((critic_weights(m, d).weights - critic_weights(m).weights).cwiseAbs().maxCoeff(), 0.01);
  EXPECT_NEAR((sd_weights(m, d).weights - sd_weights(m).weights).cwiseAbs().maxCoeff(), 0, 1e-15);
}

TEST(methods_test, sd_weights_are_proportional_to_the_scaled_columns_sample_sd) {
  Eigen::MatrixXd v(4, 3);
  v << 0, 10, 5, 1, 10, 5, 2, 10, 6, 3, 10, 9;
  const auto w = sd_weights(matrix(v));
  // Scaled columns: (0, 1/3, 2/3, 1) with sample sd sqrt(5/27); (1,1,1,1) constant; (0, 0, 1/4, 1)
  // with sample sd sqrt(0.1875 ... ) computed below.
  const double s1 = std::sqrt((2 * (0.5 * 0.5) + 2 * (1.0 / 6 * 1.0 / 6)) / 3);
  const double m3 = 1.25 / 4;
  const double s3 = std::sqrt((2 * m3 * m3 + (0.25 - m3) * (0.25 - m3) + (1 - m3) * (1 - m3)) / 3);
  EXPECT_NEAR(w.measure[0], s1, 1e-15);
  EXPECT_EQ(w.measure[1], 0);
  EXPECT_NEAR(w.measure[2], s3, 1e-15);
  EXPECT_NEAR(w.weights[0], s1 / (s1 + s3), 1e-15);
}

TEST(methods_test, all_constant_columns_and_too_few_units_are_errors) {
  EXPECT_EQ(
      message_of([] { sd_weights(matrix(Eigen::MatrixXd::Ones(3, 2))); }),
      "[zoneperf.weights.811] sd: every column is constant: the data cannot tell the criteria apart (use "
      "equal weights)");
  EXPECT_EQ(
      message_of([] { entropy_weights(matrix(Eigen::MatrixXd::Ones(3, 2))); }),
      "[zoneperf.weights.811] entropy: every column is constant: the data cannot tell the criteria apart "
      "(use equal weights)");
  Eigen::MatrixXd one_varies(3, 2);
  one_varies << 1, 5, 2, 5, 3, 5;
  EXPECT_EQ(
      message_of([&] { critic_weights(matrix(one_varies)); }),
      "[zoneperf.weights.811] critic: CRITIC needs at least two columns that vary and are not perfectly "
      "correlated (every C_j is 0)");
  EXPECT_EQ(message_of([] { critic_weights(matrix(Eigen::MatrixXd::Ones(1, 3))); }),
            "[zoneperf.weights.809] critic: critic weights need at least 2 units, got 1");
}

TEST(methods_test, negative_and_missing_values_are_named) {
  Eigen::MatrixXd v(2, 2);
  v << 1, -2, 3, 4;
  EXPECT_EQ(message_of([&] { entropy_weights(matrix(v)); }),
            "[zoneperf.weights.810] u1/x2: value -2 is negative: entropy weights need values >= 0");
  v(1, 0) = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(message_of([&] { sd_weights(matrix(v)); }),
            "[zoneperf.data.301] u2/x1: sd weights need every value");
}

TEST(methods_test, criteria_csv_is_read_with_every_cell_checked) {
  const auto m = read_criteria_csv("unit,a,b\n甲,1,2\n乙,3,4.5\n", "v.csv");
  EXPECT_EQ(m.units, (std::vector<std::string>{"甲", "乙"}));
  EXPECT_EQ(m.columns, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(m.values(1, 1), 4.5);
  EXPECT_EQ(select_columns(m, {"b"}).values(0, 0), 2);
  EXPECT_EQ(message_of([&] { select_columns(m, {"c"}); }),
            "[zoneperf.data.304] c: no column 'c' in the values");
  EXPECT_EQ(
      message_of([] { read_criteria_csv("unit,a,a\n甲,1,\n甲,3,4\n", "v.csv"); }),
      "[zoneperf.data.307] v.csv:1:3: column 'a' repeats\n"
      "[zoneperf.data.301] v.csv:2:3: missing value for unit '甲', column 'a': weights need every value\n"
      "[zoneperf.data.306] v.csv:3:1: unit '甲' repeats");
}
