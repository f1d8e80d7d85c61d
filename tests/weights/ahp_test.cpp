// AHP: published vectors, matrix files, and every malformed matrix rejected with the cell named.
#include "zoneperf/weights/ahp.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "../support/test_support.hpp"

using namespace zoneperf;

namespace {
using zoneperf::test_support::message_of;

// Saaty 2008, "Decision making with the analytic hierarchy process", drinks consumption in the US.
const char* drinks_csv =
    ",coffee,wine,tea,beer,soda,milk,water\n"
    "coffee,1,9,5,2,1,1,1/2\n"
    "wine,1/9,1,1/3,1/9,1/9,1/9,1/9\n"
    "tea,1/5,3,1,1/3,1/4,1/3,1/9\n"
    "beer,1/2,9,3,1,1/2,1,1/3\n"
    "soda,1,9,4,2,1,2,1/2\n"
    "milk,1,9,3,1,1/2,1,1/3\n"
    "water,2,9,9,3,2,3,1\n";
}  // namespace

TEST(ahp_test, drinks_matrix_gives_saatys_published_weights_and_cr) {
  const auto m = read_pairwise_csv(drinks_csv, "drinks.csv");
  const auto r = ahp(m);
  EXPECT_EQ(r.names, (std::vector<std::string>{"coffee", "wine", "tea", "beer", "soda", "milk", "water"}));
  // Saaty 2008: .1775 .0191 .0418 .1164 .1896 .1288 .3268
  const double expected[] = {0.1775, 0.0191, 0.0418, 0.1164, 0.1896, 0.1288, 0.3268};
  for (int i = 0; i < 7; ++i) EXPECT_NEAR(r.weights[i], expected[i], 0.00005) << r.names[i];
  EXPECT_NEAR(r.weights.sum(), 1.0, 1e-12);
  EXPECT_NEAR(r.lambda_max, 7.1766, 0.0005);  // Saaty 2008: lambda_max ~ 7.1766
  EXPECT_NEAR(r.cr, 0.022, 0.0005);           // Saaty 2008: CR 0.022
  EXPECT_DOUBLE_EQ(r.ri, 1.32);
  EXPECT_TRUE(r.acceptable);
  EXPECT_EQ(r.ri_table, "saaty-classic");
}

TEST(ahp_test, three_by_three_matrix_matches_published_eigenvector_and_cr) {
  Eigen::MatrixXd a(3, 3);
  a << 1, 1.0 / 3, 5, 3, 1, 7, 1.0 / 5, 1.0 / 7, 1;
  const auto r = ahp(a);
  // the FuzzyAHP R package's example: w (0.278955, 0.649118, 0.071927), lambda_max 3.064888, CR 0.0559 with
  // RI 0.58
  EXPECT_NEAR(r.weights[0], 0.278955, 5e-7);
  EXPECT_NEAR(r.weights[1], 0.649118, 5e-7);
  EXPECT_NEAR(r.weights[2], 0.071927, 5e-7);
  EXPECT_NEAR(r.lambda_max, 3.064888, 5e-7);
  EXPECT_NEAR(r.cr, 0.0559, 0.00005);
  EXPECT_TRUE(r.acceptable);

  // The random-index table is a parameter: with RI(3) = 0.52, CR is 0.0624 (FuzzyAHP's figure).
  const random_index_table other{"ri-0.52", {0, 0, 0.52}};
  ahp_options o;
  o.random_index = &other;
  const auto r2 = ahp(a, o);
  EXPECT_NEAR(r2.cr, 0.0624, 0.00005);
  EXPECT_EQ(r2.ri_table, "ri-0.52");
}

TEST(ahp_test, consistent_matrix_has_exact_weights_and_cr_zero) {
  Eigen::MatrixXd a(3, 3);
  a << 1, 2, 4, 0.5, 1, 2, 0.25, 0.5, 1;
  const auto r = ahp(a);
  // a consistent matrix, exact: w (4/7, 2/7, 1/7), lambda_max 3, CR 0
  EXPECT_NEAR(r.weights[0], 4.0 / 7, 1e-12);
  EXPECT_NEAR(r.weights[1], 2.0 / 7, 1e-12);
  EXPECT_NEAR(r.weights[2], 1.0 / 7, 1e-12);
  EXPECT_NEAR(r.lambda_max, 3, 1e-12);
  EXPECT_NEAR(r.cr, 0, 1e-12);
}

TEST(ahp_test, one_and_two_criteria_are_always_consistent) {
  const auto one = ahp(Eigen::MatrixXd::Ones(1, 1));
  EXPECT_EQ(one.weights.size(), 1);
  EXPECT_DOUBLE_EQ(one.weights[0], 1);
  EXPECT_DOUBLE_EQ(one.cr, 0);
  EXPECT_TRUE(one.acceptable);

  const auto two = read_pairwise_csv("1,3\n1/3,1\n", "two.csv");
  EXPECT_EQ(two.names, (std::vector<std::string>{"c1", "c2"}));
  const auto r = ahp(two);
  EXPECT_NEAR(r.weights[0], 0.75, 1e-12);
  EXPECT_NEAR(r.weights[1], 0.25, 1e-12);
  EXPECT_NEAR(r.lambda_max, 2, 1e-12);
  EXPECT_DOUBLE_EQ(r.ci, 0);
  EXPECT_DOUBLE_EQ(r.cr, 0);
}

TEST(ahp_test, inconsistent_judgements_are_reported_not_accepted) {
  // a > b twice as much, b > c twice as much, but c > a nine times: CR far above 0.10.
  const auto r = ahp(read_pairwise_csv("a,b,c\n1,2,1/9\n1/2,1,2\n9,1/2,1\n", "bad.csv"));
  EXPECT_GT(r.cr, 0.10);
  EXPECT_FALSE(r.acceptable);
}

TEST(ahp_test, header_only_names_column_only_or_neither) {
  const auto h = read_pairwise_csv("a,b\n1,2\n0.5,1\n", "h.csv");
  EXPECT_EQ(h.names, (std::vector<std::string>{"a", "b"}));
  const auto c = read_pairwise_csv("a,1,2\nb,0.5,1\n", "c.csv");
  EXPECT_EQ(c.names, (std::vector<std::string>{"a", "b"}));
  const auto n = read_pairwise_csv(" 1 , 2 \n0.5,1\n", "n.csv");
  EXPECT_EQ(n.names, (std::vector<std::string>{"c1", "c2"}));
  EXPECT_DOUBLE_EQ(n.a(0, 1), 2);
}

TEST(ahp_test, decimals_within_the_tolerance_pass_as_reciprocals) {
  const auto m = read_pairwise_csv("1,3\n0.333,1\n", "m.csv");
  EXPECT_DOUBLE_EQ(m.a(1, 0), 0.333);
  EXPECT_EQ(
      message_of([] { read_pairwise_csv("1,3\n0.3,1\n", "m.csv"); }),
      "[zoneperf.weights.803] m.csv:2:1: cell (c2, c1) = 0.3 is not the reciprocal of cell (c1, c2) = 3 "
      "(product 0.9, tolerance 0.01)");
}

TEST(ahp_test, non_reciprocal_matrix_is_rejected_naming_the_cell) {
  EXPECT_EQ(message_of([] { read_pairwise_csv(",a,b,c\na,1,3,5\nb,1/3,1,7\nc,1/5,1/2,1\n", "m.csv"); }),
            "[zoneperf.weights.803] m.csv:4:3: cell (c, b) = 0.5 is not the reciprocal of cell (b, c) = 7 "
            "(product 3.5, tolerance 0.01)");
}

TEST(ahp_test, non_positive_matrix_is_rejected_naming_every_cell) {
  EXPECT_EQ(message_of([] { read_pairwise_csv(",a,b,c\na,1,-3,5\nb,1/3,1,0\nc,1/5,1/7,1\n", "m.csv"); }),
            "[zoneperf.weights.802] m.csv:2:3: cell (a, b) = -3: judgements must be positive and finite\n"
            "[zoneperf.weights.802] m.csv:3:4: cell (b, c) = 0: judgements must be positive and finite");
}

TEST(ahp_test, diagonal_must_be_one) {
  EXPECT_EQ(message_of([] { read_pairwise_csv("1,2\n0.5,2\n", "m.csv"); }),
            "[zoneperf.weights.804] m.csv:2:2: diagonal cell (c2, c2) = 2 must be 1");
}

TEST(ahp_test, matrix_built_in_code_names_cells_by_position) {
  Eigen::MatrixXd a(2, 2);
  a << 1, 4, 0.5, 1;
  EXPECT_EQ(message_of([&] { ahp(a); }),
            "[zoneperf.weights.803] (2,1): cell (c2, c1) = 0.5 is not the reciprocal of cell (c1, c2) = 4 "
            "(product 2, tolerance 0.01)");
  EXPECT_EQ(message_of([] { ahp(Eigen::MatrixXd::Ones(2, 3)); }),
            "[zoneperf.weights.801] a pairwise comparison matrix must be n x n with n >= 1, not 2 x 3");
}

TEST(ahp_test, malformed_files_name_the_cell) {
  EXPECT_EQ(message_of([] { read_pairwise_csv("a,b\n1,x\n1,1\n", "m.csv"); }),
            "[zoneperf.weights.805] m.csv:2:2: 'x' is not a number or a fraction such as 1/3");
  EXPECT_EQ(message_of([] { read_pairwise_csv("a,b\n1,\n1,1\n", "m.csv"); }),
            "[zoneperf.weights.805] m.csv:2:2: empty cell: every judgement must be given");
  EXPECT_EQ(message_of([] { read_pairwise_csv("1,1/0\n1,1\n", "m.csv"); }),
            "[zoneperf.weights.805] m.csv:1:2: '1/0' divides by zero");
  EXPECT_EQ(message_of([] { read_pairwise_csv("1,2,3\n1,1,1\n", "m.csv"); }),
            "[zoneperf.weights.801] m.csv: expected n rows of n judgements (plus an optional header row and "
            "names column), found 2 rows of 3 cells");
  EXPECT_EQ(
      message_of([] { read_pairwise_csv(",a,b\nb,1,2\na,1/2,1\n", "m.csv"); }),
      "[zoneperf.weights.806] m.csv:2:1: row name 'b' differs from column name 'a' (rows and columns must "
      "list the criteria in the same order)\n"
      "[zoneperf.weights.806] m.csv:3:1: row name 'a' differs from column name 'b' (rows and columns must "
      "list the criteria in the same order)");
  EXPECT_EQ(message_of([] { read_pairwise_csv("a,a\n1,1\n1,1\n", "m.csv"); }),
            "[zoneperf.weights.806] m.csv:1:2: criterion name 'a' repeats");
}

TEST(ahp_test, missing_random_index_is_an_error) {
  const Eigen::MatrixXd a = Eigen::MatrixXd::Ones(16, 16);
  EXPECT_EQ(message_of([&] { ahp(a); }),
            "[zoneperf.weights.807] saaty-classic: the random-index table 'saaty-classic' has no positive RI "
            "for n = 16");
  const auto r = ahp(Eigen::MatrixXd::Ones(15, 15));  // n = 15 is the table's last entry (RI 1.59)
  EXPECT_DOUBLE_EQ(r.ri, 1.59);
  EXPECT_NEAR(r.cr, 0, 1e-12);
}

TEST(ahp_test, matrix_file_is_read_from_disk) {
  const auto m = read_pairwise_file(std::string(ZONEPERF_SOURCE_DIR) + "/tests/data/weights/drinks.csv");
  EXPECT_EQ(m.names.size(), 7u);
  EXPECT_EQ(message_of([] { read_pairwise_file("no-such-file.csv"); }).substr(0, 22),
            "[zoneperf.io.401] no-s");
}
