// zoneperf/progress.hpp: what a progress callback is told, from which thread, and that it never
// changes a result.
#include "zoneperf/progress.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "../support/test_support.hpp"
#include "zoneperf/assess.hpp"
#include "zoneperf/io/tables.hpp"
#include "zoneperf/presets.hpp"
#include "zoneperf/text/csv.hpp"
#include "zoneperf/text/number.hpp"
#include "zoneperf/weights/uncertainty.hpp"

using namespace zoneperf;

namespace {

struct report {
  std::string stage;
  std::uint64_t done, total;
};

// Records every report, and the thread each came from.
struct recorder {
  std::vector<report> reports;
  std::vector<std::thread::id> threads;
  progress_callback callback() {
    return [this](std::string_view stage, std::uint64_t done, std::uint64_t total) {
      reports.push_back({std::string(stage), done, total});
      threads.push_back(std::this_thread::get_id());
    };
  }
  std::vector<report> of(const std::string& stage) const {
    std::vector<report> out;
    for (const auto& r : reports)
      if (r.stage == stage) out.push_back(r);
    return out;
  }
};

// One stage's reports keep the contract: first 0, never back, the total throughout, done == total last.
void expect_well_formed(const std::vector<report>& rs, std::uint64_t total) {
  ASSERT_GE(rs.size(), 2u);
  EXPECT_EQ(rs.front().done, 0u);
  for (std::size_t k = 0; k < rs.size(); ++k) {
    EXPECT_EQ(rs[k].total, total) << k;
    if (k > 0) EXPECT_GE(rs[k].done, rs[k - 1].done) << k;
  }
  EXPECT_EQ(rs.back().done, total);
}

void expect_same_bits(const assessment& a, const assessment& b) {
  EXPECT_EQ(a.scores(), b.scores());
  EXPECT_EQ(a.totals(), b.totals());
  EXPECT_EQ(a.ranks(), b.ranks());
  EXPECT_EQ(a.grades(), b.grades());
  EXPECT_EQ(a.veto_flags(), b.veto_flags());
}

// Two leaves: 2 columns, so that more than 10^6 units (several pieces of the engine's reporting
// loop) stay small.
const char* two_leaves = R"({"id":"two","name":"two","points":10,
  "grades":[{"min":8,"label":"A"},{"min":0,"label":"B"}],
  "children":[{"id":"g","points":10,"children":[
    {"id":"a","points":6,"rule":{"kind":"completion","cap":1.2},"target":50},
    {"id":"b","points":4,"rule":{"kind":"goalposts","lo":0,"hi":100}}]}]})";

Eigen::MatrixXd uniform_values(Eigen::Index n, Eigen::Index cols) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> d(0, 100);
  Eigen::MatrixXd v(n, cols);
  for (Eigen::Index j = 0; j < cols; ++j)
    for (Eigen::Index i = 0; i < n; ++i) v(i, j) = d(rng);
  return v;
}

// The sample task forces' rows again and again under new ids, each value moved a little.
std::string task_force_values(std::size_t rows) {
  const auto sample = read_csv(sample_file("task-force/values.csv"), "values.csv");
  std::string out;
  for (std::size_t c = 0; c < sample.columns(); ++c) out += (c ? "," : "") + sample.header[c];
  out += '\n';
  for (std::size_t u = 0; u < rows; ++u) {
    out += "tf" + std::to_string(u);
    for (std::size_t c = 1; c < sample.columns(); ++c) {
      const double v = std::stod(std::string(sample.cell(u % sample.rows(), c)));
      out += "," + shortest(v * (0.5 + static_cast<double>(u % 101) / 100));
    }
    out += '\n';
  }
  return out;
}

}  // namespace

TEST(progress_test, assess_reports_units_up_to_the_total_and_gives_the_same_bits_on_1_and_2_threads) {
  const auto tree = indicator_tree::from_json(two_leaves);
  const Eigen::Index n = 2'500'000;  // more than two of the engine's reporting pieces (2^20 units)
  const Eigen::MatrixXd v = uniform_values(n, 2);
  for (int threads : {1, 2}) {
    assess_options plain;
    plain.threads = threads;
    const assessment reference = assess(tree, v, nullptr, plain);
    recorder rec;
    assess_options opt = plain;
    opt.progress = rec.callback();
    const assessment r = assess(tree, v, nullptr, opt);
    expect_same_bits(r, reference);
    expect_well_formed(rec.of("assessing"), static_cast<std::uint64_t>(n));
    for (const auto& id : rec.threads) EXPECT_EQ(id, std::this_thread::get_id()) << "threads " << threads;
  }
}

TEST(progress_test, a_callback_that_throws_stops_the_assessment_and_its_exception_propagates) {
  const auto tree = indicator_tree::from_json(two_leaves);
  const Eigen::Index n = 3'000'000;
  const Eigen::MatrixXd v = uniform_values(n, 2);
  for (int threads : {1, 2}) {
    std::uint64_t thrown_at = 0;
    assess_options opt;
    opt.threads = threads;
    opt.progress = [&thrown_at](std::string_view, std::uint64_t done, std::uint64_t) {
      // A slow first call makes the next report due at the first piece's end: the throw comes
      // while work remains (and, on 2 threads, while the other thread scores).
      if (done == 0) std::this_thread::sleep_for(progress_interval + std::chrono::milliseconds(50));
      if (done > 0) {
        thrown_at = done;
        throw std::runtime_error("stop here");
      }
    };
    EXPECT_THROW(assess(tree, v, nullptr, opt), std::runtime_error) << "threads " << threads;
    EXPECT_GT(thrown_at, 0u);
    EXPECT_LT(thrown_at, static_cast<std::uint64_t>(n)) << "threads " << threads;
    // The same assessment still works afterwards.
    const assessment again = assess(tree, v, nullptr, assess_options{});
    EXPECT_EQ(again.units(), n);
  }
}

TEST(progress_test, explain_reports_the_units_it_explains) {
  const auto tree = load_preset("task-force");
  const auto values = read_values(tree, task_force_values(3000), "values.csv");
  std::vector<std::size_t> all(values.units.size());
  for (std::size_t u = 0; u < all.size(); ++u) all[u] = u;
  recorder rec;
  assess_options opt;
  opt.progress = rec.callback();
  const auto leaves = explain(tree, values.values, nullptr, all, opt);
  const auto plain = explain(tree, values.values, nullptr, all);
  ASSERT_EQ(leaves.size(), plain.size());
  EXPECT_EQ(leaves[2999][3].points, plain[2999][3].points);
  expect_well_formed(rec.of("explaining"), 3000);
  EXPECT_TRUE(rec.of("assessing").empty());
}

TEST(progress_test, reading_a_table_past_a_chunk_of_rows_reports_bytes_up_to_its_size) {
  const auto tree = load_preset("task-force");
  const std::string text = task_force_values(70'000);  // the reader fills chunks of 65 536 rows
  const values_table plain = read_values(tree, text, "values.csv");

  recorder rec;
  const values_table read = read_values(tree, text, "values.csv", rec.callback());
  EXPECT_EQ(read.units, plain.units);
  EXPECT_EQ(read.values, plain.values);
  EXPECT_EQ(read.values.rows(), 70'000);
  expect_well_formed(rec.of("reading values.csv"), text.size());

  const std::string path = test_support::write_temp("progress_values.csv", text);
  recorder file_rec;
  const values_table from_file = read_values_file(tree, path, file_rec.callback());
  EXPECT_EQ(from_file.units, plain.units);
  expect_well_formed(file_rec.of("reading " + path), text.size());
}

TEST(progress_test, a_cell_table_file_reports_its_bytes) {
  const std::string text = "unit,a\nx,1\ny,2\n";
  const std::string path = test_support::write_temp("progress_cells.csv", text);
  recorder rec;
  const cell_table t = read_csv_file(path, rec.callback());
  EXPECT_EQ(t.rows(), 2u);
  expect_well_formed(rec.of("reading " + path), text.size());
  EXPECT_EQ(rec.reports.size(), rec.of("reading " + path).size());
}

TEST(progress_test, uncertainty_reports_every_weight_set_and_gives_the_same_results_on_1_and_2_threads) {
  const auto tree = load_preset("task-force");
  const auto values = read_values(tree, task_force_values(2000), "values.csv");
  for (int threads : {1, 2}) {
    assess_options ao;
    ao.unit_ids = &values.units;
    ao.threads = threads;
    const scoring_inputs in = scoring_inputs_of(tree, values.values, nullptr, ao);
    uncertainty_options o;
    o.samples = 700;  // several blocks of 64 sets, more than one round
    o.threads = threads;
    const uncertainty_result reference = uncertainty_analysis(tree, in, o);
    recorder rec;
    o.progress = rec.callback();
    const uncertainty_result r = uncertainty_analysis(tree, in, o);
    EXPECT_EQ(r.nominal_rank, reference.nominal_rank);
    EXPECT_EQ(r.median_rank, reference.median_rank);
    EXPECT_EQ(r.rank_p05, reference.rank_p05);
    EXPECT_EQ(r.rank_p95, reference.rank_p95);
    EXPECT_EQ(r.p_first, reference.p_first);
    EXPECT_EQ(r.p_top_k, reference.p_top_k);
    expect_well_formed(rec.of("sampling"), 701);
    for (const auto& id : rec.threads) EXPECT_EQ(id, std::this_thread::get_id()) << "threads " << threads;
  }
}

TEST(progress_test, a_callback_that_throws_stops_the_sampling) {
  const auto tree = load_preset("task-force");
  const auto values = read_values(tree, task_force_values(500), "values.csv");
  const scoring_inputs in = scoring_inputs_of(tree, values.values, nullptr);
  for (int threads : {1, 2}) {
    uncertainty_options o;
    o.samples = 5000;
    o.threads = threads;
    std::uint64_t thrown_at = 0;
    o.progress = [&thrown_at](std::string_view, std::uint64_t done, std::uint64_t) {
      if (done == 0) std::this_thread::sleep_for(progress_interval + std::chrono::milliseconds(50));
      if (done > 0) {
        thrown_at = done;
        throw std::runtime_error("enough");
      }
    };
    EXPECT_THROW(uncertainty_analysis(tree, in, o), std::runtime_error) << "threads " << threads;
    EXPECT_GT(thrown_at, 0u);
    EXPECT_LT(thrown_at, 5001u) << "threads " << threads;
  }
}
