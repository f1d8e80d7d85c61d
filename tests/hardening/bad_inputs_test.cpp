// The bad-input corpus (tests/data/bad/manifest.csv): each file with the exact error it must give,
// or "ok" when it must be accepted. Its workbooks are made by tests/data/workbooks/make.sh.
#include <gtest/gtest.h>

#include <fstream>

#include "zoneperf/assess.hpp"
#include "zoneperf/io/tables.hpp"
#include "zoneperf/period_values.hpp"
#include "zoneperf/presets.hpp"

using namespace zoneperf;

namespace {
const std::string dir = std::string(ZONEPERF_SOURCE_DIR) + "/tests/data/bad/";

std::string outcome(const std::string& reader, const std::string& path) {
  try {
    const auto tree = load_preset("task-force");
    if (reader == "values")
      read_values_file(tree, path);
    else if (reader == "targets")
      read_targets_file(tree, {"甲"}, path);
    else if (reader == "tree")
      indicator_tree::from_file(path);
    else if (reader == "assess") {  // the tree, assessed on the values beside it (same name, .csv)
      const auto t = indicator_tree::from_file(path);
      const auto v = read_values_file(t, path.substr(0, path.size() - 5) + ".csv");
      assess_options o;
      o.unit_ids = &v.units;
      assess(t, v.values, nullptr, o);
    } else if (reader == "cumulative") {  // NAME.2020-07.csv, converted against NAME.2020-06.csv
      const auto dot = path.rfind('.', path.size() - 5);
      const period p = period::parse(path.substr(dot + 1, path.size() - 5 - dot));
      const std::string prev_path = path.substr(0, dot + 1) + p.prev().label() + ".csv";
      const auto now = read_values_file(tree, path);
      const auto before = read_values_file(tree, prev_path);
      in_period_from_cumulative(tree, now, p, &before, {path, prev_path});
    } else
      return "unknown reader " + reader;
  } catch (const error& e) {
    return e.what();
  }
  return "ok";
}
}  // namespace

TEST(bad_inputs_test, every_file_of_the_corpus_gives_its_expected_error) {
  const auto manifest = read_csv_file(dir + "manifest.csv");
  ASSERT_GE(manifest.rows(), 17u);
  for (std::size_t r = 0; r < manifest.rows(); ++r) {
    const auto row = manifest.row(r);
    const std::string path = dir + std::string(row[0]);
    std::string expected(row[2]);
    // {file}: the file's path ("book.xlsx#Sheet2" names a sheet of book.xlsx)
    const std::string file = path.substr(0, path.find('#'));
    if (auto p = expected.find("{file}"); p != std::string::npos) expected.replace(p, 6, file);
    // {dir}: the corpus folder (a message naming a second file of it)
    if (auto p = expected.find("{dir}"); p != std::string::npos) expected.replace(p, 5, dir);
    EXPECT_EQ(outcome(std::string(row[1]), path), expected) << row[0];
  }
}

TEST(bad_inputs_test, a_hundred_megabyte_cell_is_an_error_with_a_short_message) {
  const std::string path = testing::TempDir() + "huge_line.csv";
  {
    std::ofstream out(path, std::ios::binary);
    const std::string sample(sample_file("task-force/values.csv"));
    const auto header_end = sample.find('\n');
    out << sample.substr(0, header_end) << "\n甲,1";
    const std::string zeros(1 << 20, '0');
    for (int k = 0; k < 100; ++k) out << zeros;
    const auto row = sample.find('\n', header_end + 1);
    const std::string rest = sample.substr(header_end + 1, row - header_end - 1);
    out << rest.substr(rest.find(',', rest.find(',') + 1)) << "\n";
  }
  const std::string msg = outcome("values", path);
  EXPECT_EQ(msg, "[zoneperf.data.310] " + path +
                     ":2:2 (unit \"甲\", indicator \"intent_projects\"): number out of "
                     "range: \"1000000000000000000000000000000000000...\" (104857601 bytes)");
  std::remove(path.c_str());
}
