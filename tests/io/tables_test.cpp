// Values and targets tables from CSV: every error names file, line, column, unit and indicator.
#include "zoneperf/io/tables.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "../support/test_support.hpp"
#include "zoneperf/io/period_tables.hpp"
#include "zoneperf/presets.hpp"

using namespace zoneperf;

namespace {
const char* tree_json = R"({"id":"t","points":10,"children":[
  {"id":"a","points":6,"rule":{"kind":"completion"},"target":10},
  {"id":"b","points":4,"rule":{"kind":"lookup","table":{"A":1,"B":0.5}}},
  {"id":"plus","kind":"bonus","per_unit":1,"max":2}]})";

using zoneperf::test_support::message_of;
}  // namespace

TEST(tables_test, columns_in_any_order_codes_and_empty_cells) {
  const auto tree = indicator_tree::from_json(tree_json);
  const auto v = read_values(tree, "\xEF\xBB\xBFunit,plus,b,a\r\n甲,1,A,5\r\n\"乙, 二\",,B,\r\n", "v.csv");
  EXPECT_EQ(v.units, (std::vector<std::string>{"甲", "乙, 二"}));
  EXPECT_EQ(v.values(0, 0), 5);  // column a
  EXPECT_EQ(v.values(0, 1), 0);  // code A is index 0
  EXPECT_EQ(v.values(1, 1), 1);
  EXPECT_TRUE(std::isnan(v.values(1, 0)));
  EXPECT_TRUE(std::isnan(v.values(1, 2)));
}

TEST(tables_test, bad_values_tables_name_file_line_column_unit_and_indicator) {
  const auto tree = indicator_tree::from_json(tree_json);
  auto err = [&](const std::string& csv) { return message_of([&] { read_values(tree, csv, "v.csv"); }); };
  EXPECT_EQ(
      err("unit,a,b,plus,c\nx,1,A,0,2\n"),
      "[zoneperf.data.304] v.csv:1:5: unknown column \"c\": tree \"t\" has no leaf or item with this id or "
      "name");
  EXPECT_EQ(err("unit,a,b\nx,1,A\n"), "[zoneperf.data.305] v.csv:1: missing column \"plus\"");
  EXPECT_EQ(err("unit,a,b,a,plus\nx,1,A,1,0\n"),
            "[zoneperf.data.307] v.csv:1:4: duplicate column \"a\" (also column 2)");
  EXPECT_EQ(err("unit,a,b,plus\nx,1,A,0\ny,2,B,0\nx,3,A,0\n"),
            "[zoneperf.data.306] v.csv:4:1: duplicate unit \"x\" (first on line 2)");
  EXPECT_EQ(err("unit,a,b,plus\nx,abc,A,0\n"),
            "[zoneperf.data.308] v.csv:2:2 (unit \"x\", indicator \"a\"): not a number: \"abc\"");
  EXPECT_EQ(err("unit,a,b,plus\nx,NaN,A,0\n"),
            "[zoneperf.data.309] v.csv:2:2 (unit \"x\", indicator \"a\"): not a finite number: \"NaN\"");
  EXPECT_EQ(err("unit,a,b,plus\nx,inf,A,0\n"),
            "[zoneperf.data.309] v.csv:2:2 (unit \"x\", indicator \"a\"): not a finite number: \"inf\"");
  EXPECT_EQ(err("unit,a,b,plus\nx,1e400,A,0\n"),
            "[zoneperf.data.310] v.csv:2:2 (unit \"x\", indicator \"a\"): number out of range: \"1e400\"");
  EXPECT_EQ(
      err("unit,a,b,plus\nx,1,Z,0\n"),
      "[zoneperf.data.312] v.csv:2:3 (unit \"x\", indicator \"b\"): unknown code \"Z\" (expected A, B)");
  EXPECT_EQ(err("unit,a,b,plus\nx,1,A\n"),
            "[zoneperf.parse.114] v.csv:2: row has 3 fields, the header has 4");
  EXPECT_EQ(err("unit,a,b,plus\nx,\"1,A,0\n"), "[zoneperf.parse.111] v.csv:2:2: unterminated quoted field");
  EXPECT_EQ(err(""), "[zoneperf.parse.113] v.csv: empty file: expected a header row");
  EXPECT_EQ(err("\xEF\xBB\xBF"), "[zoneperf.parse.113] v.csv: empty file: expected a header row");
  // 张 in GBK is 0xD5 0xC5: not UTF-8, so read as GB18030 (no error); after UTF-8 text, one bad
  // byte is an error.
  EXPECT_EQ(err("unit,a,b,plus\n\xD5\xC5,1,A,0\n"), "no error");
  EXPECT_EQ(err("unit,a,b,plus\n高端装备\xD5,1,A,0\n"),
            "[zoneperf.parse.110] v.csv:2: not UTF-8 (invalid byte sequence at byte 13 of the line; save the "
            "file as UTF-8)");
  EXPECT_EQ(err("name,a,b,plus\nx,1,A,0\n"),
            "[zoneperf.data.305] v.csv:1:1: the first column must be \"unit\" (or 单位, 单位名称, 专班, "
            "考核单位), not "
            "\"name\"");
}

TEST(tables_test, quoted_fields_may_hold_commas_quotes_and_line_breaks) {
  const auto tree = indicator_tree::from_json(tree_json);
  const auto v = read_values(tree, "unit,a,b,plus\n\"多\n行\",1,A,0\n\"say \"\"hi\"\"\",2,B,1\n", "v.csv");
  EXPECT_EQ(v.units[0], "多\n行");
  EXPECT_EQ(v.units[1], "say \"hi\"");
  EXPECT_EQ(message_of([&] { read_values(tree, "unit,a,b,plus\n\"x\n\",abc,A,0\n", "v.csv"); }),
            "[zoneperf.data.308] v.csv:2:2 (unit \"x\n\", indicator \"a\"): not a number: \"abc\"");
}

TEST(tables_test, targets_cover_every_unit_and_only_target_using_leaves) {
  const auto tree = indicator_tree::from_json(tree_json);
  const std::vector<std::string> units{"x", "y"};
  const auto t = read_targets(tree, units, "unit,a\ny,4\nx,\n", "t.csv");
  EXPECT_TRUE(std::isnan(t.values(0, 0)));
  EXPECT_EQ(t.values(1, 0), 4);
  auto err = [&](const std::string& csv) {
    return message_of([&] { read_targets(tree, units, csv, "t.csv"); });
  };
  EXPECT_EQ(err("unit,b\nx,1\ny,1\n"),
            "[zoneperf.data.315] t.csv:1:2: indicator \"b\" takes no target (rule lookup)");
  EXPECT_EQ(err("unit,plus\nx,1\ny,1\n"),
            "[zoneperf.data.315] t.csv:1:2: indicator \"plus\" takes no target (bonus item)");
  EXPECT_EQ(err("unit,a\nx,1\n"), "[zoneperf.data.317] t.csv: no row for unit \"y\" of the values table");
  EXPECT_EQ(err("unit,a\nx,1\ny,1\nz,1\n"),
            "[zoneperf.data.316] t.csv:4:1: unit \"z\" is not in the values table");
  EXPECT_EQ(err("unit,a\nx,0\ny,1\n"),
            "[zoneperf.data.303] t.csv:2:2 (unit \"x\", indicator \"a\"): target must be positive, not 0");
}

TEST(tables_test, the_sample_tables_load_against_the_task_force_preset) {
  const auto tree = load_preset("task-force");
  const auto v = read_values(tree, sample_file("task-force/values.csv"), "values.csv");
  EXPECT_EQ(v.units, (std::vector<std::string>{"新材料新能源", "高端装备", "医养健康", "信息技术"}));
  const auto t = read_targets(tree, v.units, sample_file("task-force/targets.csv"), "targets.csv");
  EXPECT_EQ(t.values.rows(), 4);
}

TEST(tables_test, rows_fewer_or_more_than_the_hint_keep_every_value_in_its_column) {
  // The values matrix is sized from the source's rows hint. Blank lines make the hint of a CSV
  // too large (the matrix shrinks in place); a workbook's estimate can be too small (rows past it
  // go into chunks).
  const auto tree = indicator_tree::from_json(tree_json);
  std::string dense = "unit,a,plus,b\n", sparse = dense;
  const std::size_t n = 3000;
  for (std::size_t r = 0; r < n; ++r) {
    const std::string row = "U" + std::to_string(r) + "," + std::to_string(r) + ".25," +
                            std::to_string(r % 3) + "," + (r % 2 ? "A" : "B") + "\n";
    dense += row;
    sparse += row + (r % 3 ? "\n\n" : "");
  }
  const auto a = read_values(tree, dense, "dense.csv");
  const auto b = read_values(tree, sparse, "sparse.csv");
  ASSERT_EQ(a.values.rows(), static_cast<Eigen::Index>(n));
  ASSERT_EQ(b.values.rows(), a.values.rows());
  ASSERT_EQ(b.values.cols(), 3);
  EXPECT_EQ(b.units, a.units);
  for (Eigen::Index r = 0; r < a.values.rows(); ++r) {
    EXPECT_EQ(b.values(r, 0), static_cast<double>(r) + 0.25) << r;
    EXPECT_EQ(b.values(r, 1), r % 2 ? 0 : 1) << r;  // code A is index 0
    EXPECT_EQ(b.values(r, 2), static_cast<double>(r % 3)) << r;
  }
  EXPECT_TRUE(b.values == a.values);
}

TEST(tables_test, truncated_csv_never_crashes) {
  const auto tree = load_preset("task-force");
  const std::string text(sample_file("task-force/values.csv"));
  for (std::size_t cut = 0; cut < text.size(); cut += 7) {
    try {
      read_values(tree, text.substr(0, cut), "cut.csv");
    } catch (const error& e) {
      EXPECT_GT(e.code(), 100) << cut;  // a clear zoneperf error, never a crash
    }
  }
}

// A long table is read once; each period's rows come back less the period column, with the file's
// lines and cells named as the file numbers them (the period column counted).
TEST(long_table_test, a_period_gives_its_rows_as_the_file_has_them) {
  const std::string text = "unit,period,x\nu1,2020-01,1\nu2,2020-02,2\n\nu3,2020-02,\"3\"\nu4,2020-01,4\n";
  const long_table t = long_table::from_bytes(text, "long.csv");
  ASSERT_TRUE(t.has_periods());
  EXPECT_EQ(t.periods(), (std::vector<period>{period::month(2020, 1), period::month(2020, 2)}));
  auto s = t.rows(period::month(2020, 2));
  EXPECT_EQ(s->name(), "long.csv");
  ASSERT_TRUE(s->next());
  EXPECT_EQ(std::vector<std::string>(s->cells().begin(), s->cells().end()),
            (std::vector<std::string>{"unit", "x"}));
  EXPECT_EQ(s->where(1), "long.csv:1:3");
  EXPECT_EQ(s->rows_hint(), 2u);
  ASSERT_TRUE(s->next());
  EXPECT_EQ(std::vector<std::string>(s->cells().begin(), s->cells().end()),
            (std::vector<std::string>{"u2", "2"}));
  EXPECT_EQ(s->line(), 3u);
  ASSERT_TRUE(s->next());
  EXPECT_EQ(std::vector<std::string>(s->cells().begin(), s->cells().end()),
            (std::vector<std::string>{"u3", "3"}));
  EXPECT_EQ(s->where(0), "long.csv:5:1");
  EXPECT_EQ(s->where(1), "long.csv:5:3");
  EXPECT_FALSE(s->next());
  // The values reader names the cell of a bad number by the file's line and column.
  const auto tree = indicator_tree::from_json(R"({"id":"t","points":10,"children":[
    {"id":"x","points":10,"rule":{"kind":"completion"},"target":10}]})");
  const auto bad = long_table::from_bytes("unit,period,x\nu1,2020-01,1\nu2,2020-02,oops\n", "long.csv");
  EXPECT_EQ(read_values(tree, *bad.rows(period::month(2020, 1))).units, (std::vector<std::string>{"u1"}));
  EXPECT_EQ(message_of([&] { read_values(tree, *bad.rows(period::month(2020, 2))); }),
            "[zoneperf.data.308] long.csv:3:3 (unit \"u2\", indicator \"x\"): not a number: \"oops\"");
  // A bad period label is error 702 at its cell, when the table is read.
  EXPECT_EQ(
      message_of([] { long_table::from_bytes("unit,period,x\nu1,2020-13,1\n", "long.csv"); }).substr(0, 37),
      "[zoneperf.project.702] long.csv:2:2: ");
}

// A period's rows fill more than one of the long table's blocks (4 MB): each row comes back whole,
// with its line, whichever block it went to.
TEST(long_table_test, rows_across_blocks_come_back_whole) {
  std::string text = "unit,period,x\n";
  std::vector<std::vector<std::string>> expected[2];
  std::vector<std::size_t> lines[2];
  for (std::size_t r = 0; r < 240000; ++r) {
    const std::size_t k = r % 2;
    const std::string unit = "u" + std::to_string(r), x = std::string(r % 97, '7');  // 6.6 MB a period
    text += unit + (k ? ",2020-02," : ",2020-01,") + x + "\n";
    expected[k].push_back({unit, x});
    lines[k].push_back(r + 2);
  }
  const long_table t = long_table::from_bytes(text, "long.csv");
  for (std::size_t k = 0; k < 2; ++k) {
    auto s = t.rows(period::month(2020, static_cast<int>(k) + 1));
    ASSERT_TRUE(s->next());  // the header
    for (std::size_t i = 0; i < expected[k].size(); ++i) {
      ASSERT_TRUE(s->next());
      ASSERT_EQ(std::vector<std::string>(s->cells().begin(), s->cells().end()), expected[k][i]) << i;
      ASSERT_EQ(s->line(), lines[k][i]);
    }
    EXPECT_FALSE(s->next());
  }
}
